package assign

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Matrix returns a maximum-benefit assignment of the rows×cols matrix
// benefit, read through benefit.At, with its optimality certificate: Solve
// for a gonum matrix. When rows <= cols every row receives a distinct
// column, otherwise every column receives a distinct row; a cell of
// math.Inf(-1) is forbidden.
//
// A nil benefit, or dimensions that CheckSize rejects (a dimension above
// MaxDim, more than MaxCells cells), give an error wrapping ErrSize before
// anything is copied. Otherwise Matrix returns the errors of Solve: one
// wrapping ErrInvalidBenefit that names the cell for a NaN, +Inf or too
// large benefit, one wrapping ErrInfeasible that names the row or column
// that cannot be served when no full assignment avoids the forbidden
// cells, and ctx.Err() when ctx is cancelled (also checked while copying).
//
// Matrix calls benefit.At rows·cols times and copies the cells (8·rows·cols
// bytes), then runs in the time of Solve: O(n²m) for n = min(rows, cols)
// and m = max(rows, cols).
func Matrix(ctx context.Context, benefit mat.Matrix) (Result, error) {
	if benefit == nil {
		return Result{}, fmt.Errorf("%w: nil matrix", ErrSize)
	}
	rows, cols := benefit.Dims()
	if err := checkSize(rows, cols); err != nil {
		return Result{}, err
	}
	data := make([]float64, rows*cols)
	for i := range rows {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
		}
		for j := range cols {
			data[i*cols+j] = benefit.At(i, j)
		}
	}
	return Solve(ctx, rows, cols, data)
}
