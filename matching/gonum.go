package matching

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// maxDenseDim is the largest n whose n·(n−1)/2 pairs fit in MaxEdges.
const maxDenseDim = 14_142

// Symmetric returns a maximum-weight matching of the complete graph on
// n = w.SymmetricDim() vertices whose edge {i, j} weighs w.At(i, j), with
// its optimality certificate: Dense for a gonum matrix. Only the entries
// with i < j are read, so the matrix is symmetric by construction; the
// diagonal is ignored and math.Inf(-1) forbids an edge. Without
// opt.MaxCardinality, edges of weight ≤ 0 are never used.
//
// A nil w, or an n whose n·(n−1)/2 pairs exceed MaxEdges (n above 14,142),
// gives an error wrapping ErrInvalidInput before anything is copied: a
// larger graph is solved by Sparse with its usable edges only. Otherwise
// Symmetric returns the errors of Dense: one wrapping ErrInvalidWeight that
// names the entry for a NaN or +Inf weight or a finite one of magnitude
// above MaxWeight, one wrapping ErrInvalidInput for a Start that does not
// fit, and ctx.Err() when ctx is cancelled (also checked while copying).
//
// Symmetric calls w.At n·(n−1)/2 times and copies the entries into an n×n
// slice (8·n² bytes), then runs in the time of Dense: O(n³·log n) in the
// worst case.
func Symmetric(ctx context.Context, w mat.Symmetric, opt Options) (Result, error) {
	if w == nil {
		return Result{}, fmt.Errorf("%w: nil matrix", ErrInvalidInput)
	}
	n := w.SymmetricDim()
	if n < 0 || n > maxDenseDim {
		return Result{}, fmt.Errorf("%w: %d×%d matrix: more than MaxEdges = %d pairs", ErrInvalidInput, n, n, MaxEdges)
	}
	data := make([]float64, n*n)
	for i := range n {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
		}
		for j := i + 1; j < n; j++ {
			x := w.At(i, j)
			data[i*n+j], data[j*n+i] = x, x
		}
	}
	return Dense(ctx, n, data, opt)
}
