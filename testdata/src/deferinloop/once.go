package deferinloop

import "sync"

// A lock and its deferred unlock in a loop, guarded by a flag that the
// same block sets: they run at most once per call (grpc's
// interop FullDuplexCall, hasORCALock).

type recorder struct {
	mu   sync.Mutex
	seen []int
}

// ---- ok ----

func (r *recorder) recordAll(in []int) {
	locked := false
	for _, v := range in {
		if v > 0 {
			if !locked {
				r.mu.Lock()
				defer r.mu.Unlock()
				locked = true
			}
			r.seen = append(r.seen, v)
		}
	}
}

// The flag in the positive form.
func (r *recorder) recordAllHeld(in []int) {
	held := false
	for _, v := range in {
		if held {
			r.seen = append(r.seen, v)
			continue
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		held = true
		r.seen = append(r.seen, v)
	}
}

// ---- bad ----

// The flag is cleared again each iteration: one more lock per round.
func (r *recorder) recordReset(in []int) {
	locked := false
	for _, v := range in {
		if !locked {
			r.mu.Lock()
			defer r.mu.Unlock() // want `r\.mu is locked in a loop at line 52 but r\.mu\.Unlock is deferred to the end of the function`
			locked = true
		}
		r.seen = append(r.seen, v)
		if v == 0 {
			locked = false
		}
	}
}

// The flag is set on one branch only.
func (r *recorder) recordSometimes(in []int) {
	locked := false
	for _, v := range in {
		if !locked {
			r.mu.Lock()
			defer r.mu.Unlock() // want `r\.mu is locked in a loop at line 68 but r\.mu\.Unlock is deferred to the end of the function`
			if v > 10 {
				locked = true
			}
		}
		r.seen = append(r.seen, v)
	}
}
