package pairing

import (
	"context"
	"sync"
	"sync/atomic"
)

// parallelRows calls a body for every x in [lo, hi) on workers goroutines,
// each taking the next x from a shared counter. Every worker gets its own
// body from newBody(w), so per-worker state (a rowScorer, counts, found
// pairs) needs no lock. It checks ctx every 64 rows and returns its error,
// once every worker has stopped.
func parallelRows(ctx context.Context, workers, lo, hi int, newBody func(w int) func(x int)) error {
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
				if (x-lo)%64 == 0 {
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
