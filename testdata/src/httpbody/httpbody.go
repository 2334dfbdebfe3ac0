// Package httpbody exercises the net/http response body protocol.
package httpbody

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

var ErrNotFound = errors.New("not found")

type User struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type Client struct {
	hc      *http.Client
	baseURL string
	token   string
}

// ---- bad ----

// status reads only the status and never closes the body.
func status(url string) (int, error) {
	resp, err := http.Get(url) // want `resp.Body is obtained at line \d+ but not closed on the path that returns at line 39`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// getUser returns on a bad status before the deferred close.
func (c *Client) getUser(ctx context.Context, id int) (*User, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/users/%d", c.baseURL, id), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req) // want `resp.Body is obtained at line \d+ but not closed on the path that returns at line 53`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get user %d: %s", id, resp.Status)
	}
	defer resp.Body.Close()
	var u User
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return nil, err
	}
	return &u, nil
}

// decode returns the decode error before closing.
func decode(url string, v any) error {
	resp, err := http.Get(url) // want `resp.Body is obtained at line \d+ but not closed on the path that returns at line 70`
	if err != nil {
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("decode %s: %w", url, err)
	}
	return resp.Body.Close()
}

// mustGetJSON panics on a bad status with the body open.
func mustGetJSON(url string, v any) {
	resp, err := http.Get(url) // want `resp.Body is obtained at line \d+ but not closed on the path that panics at line 82`
	if err != nil {
		panic(err)
	}
	if resp.StatusCode >= 400 {
		panic("httpbody: " + resp.Status)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		panic(err)
	}
}

// fetchWithRetry retries on 5xx without closing the failed body.
func fetchWithRetry(c *http.Client, url string) ([]byte, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url) // want `resp.Body is obtained at line \d+ but not closed (before the next iteration of the loop at line 93|on the path that returns at line 108)`
		if err != nil {
			lastErr = err
			continue
		}
		if resp.StatusCode >= 500 {
			lastErr = fmt.Errorf("server error: %s", resp.Status)
			time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return body, err
	}
	return nil, lastErr
}

// lookup has a switch case that returns with the body open.
func (c *Client) lookup(name string) (*User, error) {
	resp, err := c.hc.Get(c.baseURL + "/lookup?name=" + url.QueryEscape(name)) // want `resp.Body is obtained at line \d+ but not closed on the path that returns at line 120`
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return nil, ErrNotFound
	default:
		resp.Body.Close()
		return nil, fmt.Errorf("lookup %q: %s", name, resp.Status)
	}
	defer resp.Body.Close()
	var u User
	err = json.NewDecoder(resp.Body).Decode(&u)
	return &u, err
}

// post never closes the body of a POST.
func post(url string, payload string) error {
	resp, err := http.Post(url, "application/json", strings.NewReader(payload)) // want `resp.Body is obtained at line \d+ but not closed on the path that returns at line 138`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("post: %s", resp.Status)
	}
	return nil
}

// submit closes only on success.
func submit(c *http.Client, endpoint string, form url.Values) error {
	resp, err := c.PostForm(endpoint, form) // want `resp.Body is obtained at line \d+ but not closed on the path that returns at line 150`
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("submit: %s", resp.Status)
	}
	return resp.Body.Close()
}

// listUsers wraps the body in a decoder and never closes it.
func (c *Client) listUsers() ([]User, error) {
	resp, err := c.hc.Get(c.baseURL + "/users") // want `resp.Body is obtained at line \d+ but not closed on the path that returns at line 164`
	if err != nil {
		return nil, err
	}
	var users []User
	dec := json.NewDecoder(resp.Body)
	if err := dec.Decode(&users); err != nil {
		return nil, err
	}
	return users, nil
}

// ping drops the response.
func ping(url string) error {
	_, err := http.Get(url) // want `the Body of the result of http.Get is discarded at line \d+, so it is never closed`
	return err
}

// A caller of the enter wrapper c.do that never closes.
func (c *Client) deleteUser(ctx context.Context, id int) error {
	resp, err := c.do(ctx, http.MethodDelete, fmt.Sprintf("/users/%d", id)) // want `resp.Body is obtained by \(\*httpbody\.Client\)\.do at line \d+ but not closed on the path that returns at line 182`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("delete user %d: %s", id, resp.Status)
	}
	return nil
}

// ---- ok ----

func getJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("get %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Closed on every branch.
func head(c *http.Client, url string) (int64, error) {
	resp, err := c.Head(url)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return 0, fmt.Errorf("head %s: %s", url, resp.Status)
	}
	n := resp.ContentLength
	resp.Body.Close()
	return n, nil
}

// Drained and closed in a deferred closure.
func fetch(url string) (body []byte, err error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		if cerr := resp.Body.Close(); err == nil {
			err = cerr
		}
	}()
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

// Retry loop closing the body before continue.
func fetchRetry(c *http.Client, url string) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 && attempt < 3 {
			resp.Body.Close()
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return body, err
	}
}

// do returns the response: an enter for its callers.
func (c *Client) do(ctx context.Context, method, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	return resp, nil
}

func (c *Client) getName(ctx context.Context, id int) (string, error) {
	resp, err := c.do(ctx, http.MethodGet, fmt.Sprintf("/users/%d", id))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var u User
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return "", err
	}
	return u.Name, nil
}

// Returns the body itself.
func open(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("open %s: %s", url, resp.Status)
	}
	return resp.Body, nil
}

type Stream struct {
	body io.ReadCloser
	dec  *json.Decoder
}

// Stored in a struct that is returned.
func openStream(url string) (*Stream, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return &Stream{body: resp.Body, dec: json.NewDecoder(resp.Body)}, nil
}

// Given to a goroutine that closes it.
func copyAsync(c *http.Client, url string, w io.Writer, done chan<- error) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	go func() {
		defer resp.Body.Close()
		_, err := io.Copy(w, resp.Body)
		done <- err
	}()
	return nil
}

// Sent on a channel.
func fetchAll(urls []string, out chan<- *http.Response) error {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			return err
		}
		out <- resp
	}
	return nil
}

// Passed to helpers that close it.
func drainAndClose(rc io.ReadCloser) {
	io.Copy(io.Discard, rc)
	rc.Close()
}

func closeResponse(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
}

func touch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer drainAndClose(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("touch %s: %s", url, resp.Status)
	}
	return nil
}

func statusOf(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	defer closeResponse(resp)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Nil check on the response before the error check.
func getNilChecked(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// Error inspected with errors.Is / errors.As first.
func getTimeout(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("get %s: timed out", url)
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The path keeping the body ends in log.Fatal or os.Exit.
func mustStatus(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode >= 500 {
		fmt.Fprintln(os.Stderr, "server down:", resp.Status)
		os.Exit(1)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A RoundTripper that returns the response it gets.
type authTransport struct {
	base  http.RoundTripper
	token string
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token)
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	return resp, nil
}
