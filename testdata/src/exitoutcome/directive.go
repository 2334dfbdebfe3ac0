package exitoutcome

import "errors"

// Batch is declared by a directive whose exit Done takes the outcome.
type Batch struct{ n int }

// StartBatch starts a batch, ended by Done.
//
//acmlint:enter exit=Done outcome=Done
func StartBatch() *Batch { return &Batch{} }

func (b *Batch) Done(err error) {}

// Job is declared by a directive whose exit takes an error but is not
// declared as taking the outcome: not checked.
type Job struct{ id string }

// StartJob starts a job, ended by Finish.
//
//acmlint:enter exit=Finish
func StartJob(id string) *Job { return &Job{id: id} }

func (j *Job) Finish(err error) {}

var errFull = errors.New("full")

// ---- bad ----

func Fill(items []string) error {
	b := StartBatch()
	for range items {
		if b.n > 10 {
			b.Done(nil) // want `b\.Done is called with a nil error at line 34, but the function returns an error at line 35: the exit is told the block succeeded`
			return errFull
		}
		b.n++
	}
	b.Done(nil)
	return nil
}

func FillDeferred(items []string) error {
	b := StartBatch()
	defer b.Done(nil) // want `b\.Done is deferred with a nil error at line 45, but the function returns an error at line 47: the exit is told the block succeeded`
	if len(items) > 10 {
		return errFull
	}
	return nil
}

// ---- ok ----

func FillOK(items []string) (err error) {
	b := StartBatch()
	defer func() { b.Done(err) }()
	if len(items) > 10 {
		return errFull
	}
	return nil
}

func RunJob(id string) error {
	j := StartJob(id)
	if id == "" {
		j.Finish(nil)
		return errFull
	}
	j.Finish(nil)
	return nil
}
