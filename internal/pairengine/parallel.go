package pairengine

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// ctxEvery is how many rows a worker runs between checks of its context:
// a row costs microseconds to milliseconds, so cancellation is seen
// promptly without a check per row.
const ctxEvery = 64

// rowsPerWorker is the fewest rows worth a worker of their own: every
// worker builds O(n) state (a row scorer, its found pairs), so a small
// input runs on fewer goroutines than there are processors.
const rowsPerWorker = 64

// Workers returns the number of goroutines for rows rows: one per
// processor (GOMAXPROCS), at most one per rowsPerWorker rows, at least
// one. O(1).
func Workers(rows int) int {
	return max(1, min(runtime.GOMAXPROCS(0), rows/rowsPerWorker))
}

// Rows calls a body for every x in [lo, hi) on workers goroutines, each
// taking the next x from a shared counter. Every worker gets its own body
// from newBody(w), so per-worker state (a row scorer, counts, found pairs)
// needs no lock. It checks ctx every ctxEvery rows and returns its error,
// once every worker has stopped. The order in which rows run is not
// defined: bodies must not depend on it. O(hi − lo) calls plus O(workers)
// goroutines.
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
