package pairengine

import (
	"context"
	"sync"
	"sync/atomic"
)

// ctxEvery is how many rows a worker runs between checks of its context:
// a row costs microseconds to milliseconds, so cancellation is seen
// promptly without a check per row.
const ctxEvery = 64

// Rows calls a body for every x in [lo, hi) on workers goroutines, each
// taking the next x from a shared counter. Every worker gets its own body
// from newBody(w), so per-worker state (a row scorer, counts, found pairs)
// needs no lock. It checks ctx every ctxEvery rows and returns its error,
// once every worker has stopped.
func Rows(ctx context.Context, workers, lo, hi int, newBody func(w int) func(x int)) error {
	var next atomic.Int64
	next.Store(int64(lo))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			body := newBody(w)
			for {
				x := int(next.Add(1) - 1)
				if x >= hi {
					return
				}
				if (x-lo)%ctxEvery == 0 {
					if err := ctx.Err(); err != nil {
						errs[w] = err
						return
					}
				}
				body(x)
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
