// Package writers tests compress and archive writers (Close writes the
// trailer), archive/zip.OpenReader, and bufio.Writer (Flush).
package writers

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
)

type row struct {
	name  string
	value int
}

// ---- compress writers: ok ----

func gzipAll(dst io.Writer, src io.Reader) error {
	zw := gzip.NewWriter(dst)
	if _, err := io.Copy(zw, src); err != nil {
		zw.Close()
		return err
	}
	return zw.Close()
}

// A deferred closure that joins Close's error into the result.
func gzipDeferred(dst io.Writer, data []byte) (err error) {
	zw := gzip.NewWriter(dst)
	defer func() {
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = zw.Write(data)
	return err
}

// NewWriterLevel fails on a bad level: nothing to close then.
func gzipLevel(dst io.Writer, data []byte, level int) error {
	zw, err := gzip.NewWriterLevel(dst, level)
	if err != nil {
		return fmt.Errorf("gzip level %d: %w", level, err)
	}
	if _, err := zw.Write(data); err != nil {
		zw.Close()
		return err
	}
	return zw.Close()
}

func zlibAll(dst io.Writer, data []byte) error {
	zw := zlib.NewWriter(dst)
	_, err := zw.Write(data)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	return err
}

func flateAll(dst io.Writer, data []byte) error {
	fw, err := flate.NewWriter(dst, flate.BestSpeed)
	if err != nil {
		return err
	}
	_, err = fw.Write(data)
	return errors.Join(err, fw.Close())
}

// Returned to the caller, who closes it.
func newGzip(dst io.Writer, name string) *gzip.Writer { // want newGzip:`returns r0\[compress\.Writer\]`
	zw := gzip.NewWriter(dst)
	zw.Name = name
	return zw
}

func useNewGzip(dst io.Writer, data []byte) error {
	zw := newGzip(dst, "data.bin")
	_, err := zw.Write(data)
	return errors.Join(err, zw.Close())
}

// Returned as an io.WriteCloser.
func compressor(dst io.Writer, kind string) (io.WriteCloser, error) {
	switch kind {
	case "gzip":
		return gzip.NewWriter(dst), nil
	case "zlib":
		return zlib.NewWriter(dst), nil
	}
	return nil, errors.New("unknown compression " + kind)
}

type archive struct {
	zw *zip.Writer
	tw *tar.Writer
}

// Stored in fields.
func (a *archive) open(dst io.Writer) {
	a.zw = zip.NewWriter(dst)
	a.tw = tar.NewWriter(dst)
}

// Handed to a goroutine that closes it.
func gzipAsync(dst io.Writer, src io.Reader, done chan<- error) {
	zw := gzip.NewWriter(dst)
	go func() {
		_, err := io.Copy(zw, src)
		done <- errors.Join(err, zw.Close())
	}()
}

// A path ending in log.Fatal.
func gzipOrDie(dst io.Writer, data []byte) {
	zw := gzip.NewWriter(dst)
	if _, err := zw.Write(data); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
}

// ---- archive writers: ok ----

func zipFiles(dst io.Writer, files map[string]string) error {
	zw := zip.NewWriter(dst)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			zw.Close()
			return err
		}
		if _, err := io.WriteString(w, body); err != nil {
			zw.Close()
			return err
		}
	}
	return zw.Close()
}

func tarFiles(dst io.Writer, files map[string]string) (err error) {
	tw := tar.NewWriter(dst)
	defer func() {
		if cerr := tw.Close(); err == nil {
			err = cerr
		}
	}()
	for name, body := range files {
		hdr := &tar.Header{Name: name, Mode: 0o600, Size: int64(len(body))}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := io.WriteString(tw, body); err != nil {
			return err
		}
	}
	return nil
}

// ---- compress and archive writers: not reported ----

// An error return need not close the writer: the output is incomplete
// anyway (Flushes protocols).
func gzipCopy(dst io.Writer, src io.Reader) error {
	zw := gzip.NewWriter(dst)
	if _, err := io.Copy(zw, src); err != nil {
		return err
	}
	return zw.Close()
}

// Nothing written on the early return: no header or trailer either, so dst does not hold a gzip stream.
func gzipNothingWritten(dst io.Writer, data []byte) error {
	zw := gzip.NewWriter(dst) // want `zw is created at line 185 but not closed on the path that returns at line 187`
	if len(data) == 0 {
		return nil
	}
	_, err := zw.Write(data)
	return errors.Join(err, zw.Close())
}

// ---- compress and archive writers: bad ----

// Written, then a successful return without Close: the trailer is lost.
func gzipNoClose(dst io.Writer, data []byte) error {
	zw := gzip.NewWriter(dst) // want `zw is created at line 197 but not closed on the path that returns at line 201`
	if _, err := zw.Write(data); err != nil {
		return err
	}
	return nil
}

// Write's error is returned, but it is nil on success.
func gzipNeverClosed(dst io.Writer, data []byte) error {
	zw := gzip.NewWriter(dst) // want `zw is created at line 206 but not closed on the path that returns at line 208`
	_, err := zw.Write(data)
	return err
}

// An early successful return after the header was written.
func gzipLevelEarly(dst io.Writer, header, data []byte, level int) error {
	zw, err := gzip.NewWriterLevel(dst, level) // want `zw is created at line 213 but not closed on the path that returns at line 221`
	if err != nil {
		return err
	}
	if _, err := zw.Write(header); err != nil {
		return err
	}
	if len(data) == 0 {
		return nil
	}
	_, err = zw.Write(data)
	return errors.Join(err, zw.Close())
}

func zlibPanic(dst io.Writer, header, data []byte) {
	zw := zlib.NewWriter(dst) // want `zw is created at line 228 but not closed on the path that panics at line 231`
	zw.Write(header)
	if len(data) == 0 {
		panic("no data")
	}
	zw.Write(data)
	if err := zw.Close(); err != nil {
		panic(err)
	}
}

func flateLoop(dst io.Writer, chunks [][]byte, min int) error {
	for _, c := range chunks {
		fw, err := flate.NewWriter(dst, flate.DefaultCompression) // want `fw is created at line 241 but not closed (before the next iteration of the loop at line 240|on the path that returns at line 255)`
		if err != nil {
			return err
		}
		if _, err := fw.Write(c); err != nil {
			return err
		}
		if len(c) < min {
			continue
		}
		if err := fw.Close(); err != nil {
			return err
		}
	}
	return nil
}

func zipSwitch(dst io.Writer, kind, body string) error {
	zw := zip.NewWriter(dst) // want `zw is created at line 259 but not closed on the path that returns at line 269`
	w, err := zw.Create("file." + kind)
	if err != nil {
		zw.Close()
		return err
	}
	switch kind {
	case "txt", "md":
		_, err = io.WriteString(w, body)
	case "empty":
		return nil
	default:
		zw.Close()
		return errors.New("unknown kind " + kind)
	}
	return errors.Join(err, zw.Close())
}

// The header is written, then a successful return without Close: the
// archive has no end marker.
func tarHeaderOnly(dst io.Writer, name string, body []byte) error {
	tw := tar.NewWriter(dst) // want `tw is created at line 280 but not closed on the path that returns at line 286`
	hdr := &tar.Header{Name: name, Mode: 0o600, Size: int64(len(body))}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("header %s: %w", name, err)
	}
	if len(body) == 0 {
		return nil
	}
	if _, err := tw.Write(body); err != nil {
		return err
	}
	return tw.Close()
}

func gzipDiscarded(dst io.Writer) {
	gzip.NewWriter(dst) // want `the result of gzip\.NewWriter is discarded at line 295, so it is never closed`
}

// ---- archive/zip.OpenReader ----

func listZip(path string) ([]string, error) {
	r, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
	}
	return names, nil
}

func openZip(path string) (*zip.ReadCloser, error) { // want openZip:`returns r0\[zip\.ReadCloser\]`
	r, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return r, nil
}

func zipHasFile(path, name string) (bool, error) {
	r, err := zip.OpenReader(path) // want `r is opened at line 322 but not closed on the path that returns at line 328`
	if err != nil {
		return false, err
	}
	for _, f := range r.File {
		if f.Name == name {
			return true, nil
		}
	}
	return false, r.Close()
}

func zipFirstFile(path string) (string, error) {
	r, err := openZip(path) // want `r is opened by writers\.openZip at line 335 but not closed on the path that returns at line 340`
	if err != nil {
		return "", err
	}
	if len(r.File) == 0 {
		return "", errors.New("empty archive")
	}
	name := r.File[0].Name
	r.Close()
	return name, nil
}

// ---- bufio.Writer ----

func writeReport(w io.Writer, rows []row) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "name\tvalue")
	for _, r := range rows {
		fmt.Fprintf(bw, "%s\t%d\n", r.name, r.value)
	}
	return bw.Flush()
}

func writeDeferred(path string, lines []string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	defer func() {
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
	}()
	for _, l := range lines {
		if _, err := bw.WriteString(l + "\n"); err != nil {
			return err
		}
	}
	return nil
}

// Returned to the caller, who flushes it.
func newBuffered(w io.Writer) *bufio.Writer { // want newBuffered:`returns r0\[bufio\.Writer\]`
	return bufio.NewWriter(w)
}

type logger struct {
	out *bufio.Writer
}

// Stored in a field; flushed by another method.
func (l *logger) init(w io.Writer) {
	l.out = bufio.NewWriter(w)
}

// Not reported: an error return (the output is incomplete anyway), and a
// return before anything was written.
func writeChecked(w io.Writer, rows []row) error {
	bw := bufio.NewWriter(w)
	if len(rows) == 0 {
		return nil
	}
	for _, r := range rows {
		if r.name == "" {
			return errors.New("row without a name")
		}
		fmt.Fprintf(bw, "%s\t%d\n", r.name, r.value)
	}
	return bw.Flush()
}

func writeReportBad(w io.Writer, rows []row, limit int) error {
	bw := bufio.NewWriter(w) // want `bw is created at line 413 but not flushed on the path that returns at line 417`
	fmt.Fprintln(bw, "name\tvalue")
	for i, r := range rows {
		if i == limit {
			return nil
		}
		fmt.Fprintf(bw, "%s\t%d\n", r.name, r.value)
	}
	return bw.Flush()
}

func neverFlushed(w io.Writer, rows []row) {
	bw := bufio.NewWriter(w) // want `bw is created at line 425 but not flushed on the path that returns at line 429`
	for _, r := range rows {
		fmt.Fprintf(bw, "%s\t%d\n", r.name, r.value)
	}
}

// Written through the Writer's own methods.
func neverFlushedMethods(w io.Writer, lines []string) {
	bw := bufio.NewWriter(w) // want `bw is created at line 433 but not flushed on the path that returns at line 437`
	for _, l := range lines {
		bw.WriteString(strings.TrimSpace(l) + "\n")
	}
}

func flushPanic(w io.Writer, rows []row) error {
	bw := bufio.NewWriterSize(w, 4096) // want `bw is created at line 440 but not flushed on the path that panics at line 444`
	fmt.Fprintln(bw, "name=value")
	for _, r := range rows {
		if r.value < 0 {
			panic("negative value for " + r.name)
		}
		fmt.Fprintf(bw, "%s=%d\n", r.name, r.value)
	}
	return bw.Flush()
}

func flushSwitch(w io.Writer, format string, rows []row) error {
	bw := bufio.NewWriter(w) // want `bw is created at line 452 but not flushed on the path that returns at line 458`
	fmt.Fprintf(bw, "# %d rows\n", len(rows))
	switch format {
	case "csv":
		fmt.Fprintln(bw, "name,value")
	case "count":
		return nil
	}
	for _, r := range rows {
		fmt.Fprintf(bw, "%s,%d\n", r.name, r.value)
	}
	return bw.Flush()
}

func flushPerFile(paths []string, body string) error {
	for _, p := range paths {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f) // want `bw is created at line 472 but not flushed (before the next iteration of the loop at line 467|on the path that returns at line (470|484))`
		fmt.Fprint(bw, body)
		if strings.HasSuffix(p, ".tmp") {
			f.Close() // want `the error of f\.Close is dropped at line 475`
			continue
		}
		err = bw.Flush()
		f.Close() // want `the error of f\.Close is dropped at line 479`
		if err != nil {
			return err
		}
	}
	return nil
}
