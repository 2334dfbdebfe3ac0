// Package trace is a minimal, signature-faithful stub of
// go.opentelemetry.io/otel/trace for acmlint's tests (which run offline).
// Only the parts the tests use are declared; their signatures match the
// real package.
package trace

import "context"

// SpanStartOption applies an option to a SpanConfig at span start.
type SpanStartOption interface {
	applySpanStart(SpanConfig) SpanConfig
}

// SpanEndOption applies an option to a SpanConfig at span end.
type SpanEndOption interface {
	applySpanEnd(SpanConfig) SpanConfig
}

// EventOption applies span event options to an EventConfig.
type EventOption interface {
	applyEvent(EventConfig) EventConfig
}

// SpanConfig is a group of options for a Span.
type SpanConfig struct {
	newRoot bool
}

// NewRoot reports whether the span is a new root.
func (cfg *SpanConfig) NewRoot() bool { return cfg.newRoot }

// EventConfig is a group of options for an Event.
type EventConfig struct{}

// SpanContext identifies a span.
type SpanContext struct {
	traceID [16]byte
	spanID  [8]byte
}

// IsValid reports whether the SpanContext is valid.
func (sc SpanContext) IsValid() bool { return sc.traceID != [16]byte{} && sc.spanID != [8]byte{} }

// Span is the individual component of a trace.
type Span interface {
	// End completes the Span.
	End(options ...SpanEndOption)
	// AddEvent adds an event with the provided name and options.
	AddEvent(name string, options ...EventOption)
	// IsRecording returns the recording state of the Span.
	IsRecording() bool
	// RecordError records an error as a Span event.
	RecordError(err error, options ...EventOption)
	// SpanContext returns the SpanContext of the Span.
	SpanContext() SpanContext
	// SetName sets the Span name.
	SetName(name string)
	// TracerProvider returns a TracerProvider that can be used to
	// generate additional Spans on the same telemetry pipeline.
	TracerProvider() TracerProvider
}

// Tracer is the creator of Spans.
type Tracer interface {
	// Start creates a span and a context.Context containing the newly
	// created span.
	Start(ctx context.Context, spanName string, opts ...SpanStartOption) (context.Context, Span)
}

// TracerOption applies an option to a TracerConfig.
type TracerOption interface {
	apply(TracerConfig) TracerConfig
}

// TracerConfig is a group of options for a Tracer.
type TracerConfig struct {
	instrumentationVersion string
}

// TracerProvider provides Tracers that are used by instrumentation code.
type TracerProvider interface {
	Tracer(name string, options ...TracerOption) Tracer
}

type traceContextKeyType int

const currentSpanKey traceContextKeyType = iota

// ContextWithSpan returns a copy of parent with span set as the current
// Span.
func ContextWithSpan(parent context.Context, span Span) context.Context {
	return context.WithValue(parent, currentSpanKey, span)
}

// SpanFromContext returns the current Span from ctx, or a no-op Span.
func SpanFromContext(ctx context.Context) Span {
	if ctx == nil {
		return noopSpan{}
	}
	if span, ok := ctx.Value(currentSpanKey).(Span); ok {
		return span
	}
	return noopSpan{}
}

type noopSpan struct{}

func (noopSpan) End(...SpanEndOption)              {}
func (noopSpan) AddEvent(string, ...EventOption)   {}
func (noopSpan) IsRecording() bool                 { return false }
func (noopSpan) RecordError(error, ...EventOption) {}
func (noopSpan) SpanContext() SpanContext          { return SpanContext{} }
func (noopSpan) SetName(string)                    {}
func (noopSpan) TracerProvider() TracerProvider    { return nil }

// WithNewRoot specifies that the Span should be a root span.
func WithNewRoot() SpanStartOption { return newRootOption{} }

type newRootOption struct{}

func (newRootOption) applySpanStart(c SpanConfig) SpanConfig { c.newRoot = true; return c }
