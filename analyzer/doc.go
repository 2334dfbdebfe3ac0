// Package analyzer defines acmlint, an analysis that checks that every
// resource acquired by an Enter-style call is released on every path.
//
// # Analyzer acmlint
//
// acmlint: check that acquired resources are released on every path
//
// Python's "async with" runs __aexit__ on every way out of a block. Go has
// defer and discipline; acmlint checks the discipline. For each resource
// obtained from an enter call (a lock, a file, a response body, sql rows,
// statements and transactions, a context's cancel func, a span, a
// semaphore, ...) it follows every path of the SSA control-flow graph and
// reports the paths — returns, explicit panics, the next loop iteration —
// on which the resource is still held and no exit has run or been
// deferred.
//
// A resource created in the function must be released on every path or
// handed off (returned, stored outside the function, sent on a channel,
// given to a goroutine or to a callee that takes ownership). A resource
// rooted outside the function (a receiver's mutex, a global lock) is
// reported only when some paths release it and others do not; a function
// that never releases it is an enter wrapper, and its callers are checked
// instead. What functions do with resources travels between packages as
// facts, so wrappers and helpers in any package are understood.
package analyzer
