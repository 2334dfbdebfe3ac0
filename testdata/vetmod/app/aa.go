package app

import "context"

// Poll leaks its cancel func when the context is already done. This file
// sorts before app.go, so the output order across files is checked too.
func Poll(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	if err := ctx.Err(); err != nil {
		return err
	}
	cancel()
	return nil
}
