// Package spans tests OpenTelemetry spans: a span from Tracer.Start must
// be ended (or handed off) on every path.
package spans

import (
	"context"
	"errors"
	"fmt"
	"log"

	"go.opentelemetry.io/otel/trace"
)

type item struct{ id string }

type store interface {
	get(ctx context.Context, id string) (*item, error)
}

type service struct {
	tracer trace.Tracer
	db     store
	span   trace.Span
}

// ---- ok ----

func (s *service) Get(ctx context.Context, id string) (*item, error) {
	ctx, span := s.tracer.Start(ctx, "Get")
	defer span.End()
	return s.db.get(ctx, id)
}

func (s *service) GetEveryBranch(ctx context.Context, id string) (*item, error) {
	ctx, span := s.tracer.Start(ctx, "Get")
	it, err := s.db.get(ctx, id)
	if err != nil {
		span.RecordError(err)
		span.End()
		return nil, err
	}
	span.End()
	return it, nil
}

func (s *service) GetAll(ctx context.Context, ids []string) ([]*item, error) {
	var out []*item
	for _, id := range ids {
		ctx, span := s.tracer.Start(ctx, "GetOne")
		it, err := s.db.get(ctx, id)
		span.End()
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// With a start option and an end in a deferred closure.
func (s *service) Root(ctx context.Context, id string) (err error) {
	ctx, span := s.tracer.Start(ctx, "Root", trace.WithNewRoot())
	defer func() {
		if err != nil {
			span.RecordError(err)
		}
		span.End()
	}()
	_, err = s.db.get(ctx, id)
	return err
}

// Returned to the caller.
func startSpan(ctx context.Context, tr trace.Tracer, name string) (context.Context, trace.Span) { // want startSpan:`returns r1\[otel\.Span\]`
	log.Printf("span %s", name)
	return tr.Start(ctx, name)
}

func (s *service) useStartSpan(ctx context.Context, id string) error {
	ctx, span := startSpan(ctx, s.tracer, "wrapped")
	defer span.End()
	_, err := s.db.get(ctx, id)
	return err
}

// Stored in a field.
func (s *service) begin(ctx context.Context) context.Context {
	ctx, s.span = s.tracer.Start(ctx, "request")
	return ctx
}

// Handed to a goroutine that ends it.
func (s *service) async(ctx context.Context, id string) {
	ctx, span := s.tracer.Start(ctx, "async")
	go func() {
		defer span.End()
		_, _ = s.db.get(ctx, id)
	}()
}

// Sent on a channel.
func (s *service) sendSpan(ctx context.Context, ch chan<- trace.Span) context.Context {
	ctx, span := s.tracer.Start(ctx, "sent")
	ch <- span
	return ctx
}

// Passed to a func that ends it.
func finish(span trace.Span, err error) { // want finish:`releases p0\.End`
	if err != nil {
		span.RecordError(err)
	}
	span.End()
}

func (s *service) finished(ctx context.Context, id string) error {
	ctx, span := s.tracer.Start(ctx, "finished")
	_, err := s.db.get(ctx, id)
	finish(span, err)
	return err
}

// Stored in a context that is returned: the caller ends it through
// SpanFromContext.
func (s *service) inContext(ctx context.Context) context.Context {
	_, span := s.tracer.Start(ctx, "ctx")
	return trace.ContextWithSpan(ctx, span)
}

// A path ending in log.Fatal.
func (s *service) mustGet(ctx context.Context, id string) *item {
	ctx, span := s.tracer.Start(ctx, "mustGet")
	it, err := s.db.get(ctx, id)
	if err != nil {
		log.Fatalf("get %s: %v", id, err)
	}
	span.End()
	return it
}

// SpanFromContext does not start a span.
func annotate(ctx context.Context, msg string) {
	trace.SpanFromContext(ctx).AddEvent(msg)
}

// ---- bad ----

func (s *service) GetEarly(ctx context.Context, id string) (*item, error) {
	ctx, span := s.tracer.Start(ctx, "Get") // want `span is started at line 149 but not ended on the path that returns at line 153`
	it, err := s.db.get(ctx, id)
	if err != nil {
		span.RecordError(err)
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	span.End()
	return it, nil
}

func (s *service) Exists(ctx context.Context, id string) bool {
	ctx, span := s.tracer.Start(ctx, "Exists") // want `span is started at line 160 but not ended on the path that returns at line 162`
	if id == "" {
		return false
	}
	defer span.End()
	it, err := s.db.get(ctx, id)
	return err == nil && it != nil
}

func (s *service) MustGet(ctx context.Context, id string) *item {
	ctx, span := s.tracer.Start(ctx, "MustGet") // want `span is started at line 170 but not ended on the path that panics at line 173`
	it, err := s.db.get(ctx, id)
	if err != nil {
		panic(err)
	}
	span.End()
	return it
}

func (s *service) Poll(ctx context.Context, id string) *item {
	for {
		ctx, span := s.tracer.Start(ctx, "poll") // want `span is started at line 181 but not ended before the next iteration of the loop at line 180`
		it, err := s.db.get(ctx, id)
		if err == nil {
			span.End()
			return it
		}
	}
}

func (s *service) Op(ctx context.Context, op, id string) error {
	ctx, span := s.tracer.Start(ctx, op) // want `span is started at line 191 but not ended on the path that returns at line 198`
	switch op {
	case "get":
		_, err := s.db.get(ctx, id)
		span.End()
		return err
	case "noop":
		return nil
	}
	span.End()
	return errors.New("unknown op " + op)
}

func (s *service) discarded(ctx context.Context, id string) error {
	ctx, _ = s.tracer.Start(ctx, "lost") // want `the result of \(trace\.Tracer\)\.Start is discarded at line 205, so it is never ended`
	_, err := s.db.get(ctx, id)
	return err
}
