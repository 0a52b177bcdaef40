package assign

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// MaxCells is the largest number of cells (rows*cols) that Solve and
// ReadInstance accept: 1<<27 cells, 1 GiB of float64 benefits.
const MaxCells = 1 << 27

// MaxDim is the largest number of rows, and of columns, that Solve and
// ReadInstance accept, even when the other dimension is 0 (a Result still
// has one entry per row and per column).
const MaxDim = 10_000_000

// MaxBenefit is the largest magnitude a finite benefit may have. The bound
// keeps every potential and every sum of benefits finite and well inside the
// exact range of float64.
const MaxBenefit = 1e15

var (
	// ErrInfeasible is returned when no assignment covers every row (when
	// rows <= cols) or every column (when rows > cols) without using a
	// forbidden cell.
	ErrInfeasible = errors.New("assign: infeasible")
	// ErrInvalidBenefit is returned for a benefit that is NaN, +Inf, or of
	// magnitude above MaxBenefit.
	ErrInvalidBenefit = errors.New("assign: invalid benefit")
	// ErrSize is returned for negative sizes, a dimension above MaxDim, a
	// product of the sizes above MaxCells, or a benefit slice of the wrong
	// length.
	ErrSize = errors.New("assign: invalid size")
	// ErrInvalidResult is returned by Verify when a Result is not a valid,
	// full, optimal assignment with a correct dual certificate.
	ErrInvalidResult = errors.New("assign: invalid result")
)

// Result is an optimal assignment together with a dual certificate of its
// optimality.
//
// The duals solve the dual of the LP relaxation of the maximisation problem.
// With b(i,j) the benefit of cell (i,j), they satisfy:
//
//   - RowDual[i] + ColDual[j] >= b(i,j) for every allowed (finite) cell;
//   - RowDual[i] + ColDual[j] == b(i,j) for every assigned cell;
//   - when rows < cols, ColDual[j] >= 0 for every column and ColDual[j] == 0
//     for every unassigned column; when rows > cols, the same holds for
//     RowDual and the unassigned rows; when rows == cols the duals are free;
//   - sum(RowDual) + sum(ColDual) == Total.
//
// By weak duality every full assignment has total at most the dual objective,
// so these conditions prove that Total is the maximum.
type Result struct {
	// RowCol is the column assigned to each row, or -1 if none.
	RowCol []int
	// ColRow is the row assigned to each column, or -1 if none.
	ColRow []int
	// Total is the sum of the benefits of the assigned cells.
	Total float64
	// RowDual and ColDual are the row and column potentials described in
	// the Result documentation.
	RowDual, ColDual []float64
}

// Solve returns a maximum-benefit assignment of the rows×cols benefit matrix
// given in row-major order. When rows <= cols every row receives a distinct
// column; when rows > cols every column receives a distinct row. A cell with
// benefit math.Inf(-1) is forbidden. Benefits must otherwise be finite with
// magnitude at most MaxBenefit.
//
// Solve returns an error wrapping ErrInfeasible when no full assignment
// avoids the forbidden cells, ErrInvalidBenefit for a NaN, +Inf or too large
// benefit, ErrSize for a negative size, a dimension above MaxDim or more
// than MaxCells cells (checked before anything is allocated), and
// ctx.Err() when ctx is cancelled
// (checked before every augmentation). An empty problem (0 rows or 0 columns)
// gives an empty Result and no error. Ties are broken deterministically.
//
// Solve uses shortest augmenting paths (Jonker–Volgenant as refined by
// Crouse 2016, the algorithm of SciPy's linear_sum_assignment). With
// n = min(rows, cols) and m = max(rows, cols) it runs in O(n²m) time and
// O(nm) extra memory.
func Solve(ctx context.Context, rows, cols int, benefit []float64) (Result, error) {
	if err := checkSize(rows, cols); err != nil {
		return Result{}, err
	}
	if len(benefit) != rows*cols {
		return Result{}, fmt.Errorf("%w: %d benefits for %d×%d", ErrSize, len(benefit), rows, cols)
	}
	for k, b := range benefit {
		if err := checkBenefit(b); err != nil {
			return Result{}, fmt.Errorf("%w: cell (%d,%d): %v", ErrInvalidBenefit, k/cols, k%cols, err)
		}
	}
	res := Result{
		RowCol:  make([]int, rows),
		ColRow:  make([]int, cols),
		RowDual: make([]float64, rows),
		ColDual: make([]float64, cols),
	}
	for i := range res.RowCol {
		res.RowCol[i] = -1
	}
	for j := range res.ColRow {
		res.ColRow[j] = -1
	}
	if rows == 0 || cols == 0 {
		return res, nil
	}

	transposed := rows > cols
	nr, nc := rows, cols
	if transposed {
		nr, nc = cols, rows
	}
	// cost is the nr×nc minimisation matrix: -benefit, transposed if needed;
	// a forbidden cell becomes +Inf.
	cost := make([]float64, nr*nc)
	if transposed {
		for i := 0; i < rows; i++ {
			for j, b := range benefit[i*cols : (i+1)*cols] {
				cost[j*nc+i] = -b
			}
		}
	} else {
		for k, b := range benefit {
			cost[k] = -b
		}
	}
	side, other := "row", "column"
	if transposed {
		side, other = "column", "row"
	}
	for i := 0; i < nr; i++ {
		allowed := false
		for _, c := range cost[i*nc : (i+1)*nc] {
			if c < math.Inf(1) {
				allowed = true
				break
			}
		}
		if !allowed {
			return Result{}, fmt.Errorf("%w: %s %d cannot be assigned: every cell is forbidden", ErrInfeasible, side, i)
		}
	}

	s := newSolver(nr, nc, cost)
	if err := s.run(ctx); err != nil {
		if errors.Is(err, errHall) {
			return Result{}, fmt.Errorf("%w: no assignment covers every %s: %s", ErrInfeasible, side, s.hallWitness(side, other))
		}
		return Result{}, err
	}

	// Translate back: maximisation potentials are the negated minimisation
	// potentials.
	for i := 0; i < nr; i++ {
		j := s.col4row[i]
		if transposed {
			res.ColRow[i] = j
			res.RowCol[j] = i
			res.ColDual[i] = -s.u[i]
		} else {
			res.RowCol[i] = j
			res.ColRow[j] = i
			res.RowDual[i] = -s.u[i]
		}
	}
	for j := 0; j < nc; j++ {
		if transposed {
			res.RowDual[j] = -s.v[j]
		} else {
			res.ColDual[j] = -s.v[j]
		}
	}
	for i, j := range res.RowCol {
		if j >= 0 {
			res.Total += benefit[i*cols+j]
		}
	}
	return res, nil
}

// CheckSize returns an error wrapping ErrSize unless 0 ≤ rows, cols ≤
// MaxDim and rows·cols ≤ MaxCells: the size check of Solve, for callers
// that build the benefit slice themselves. It runs in O(1) time and
// allocates nothing but the error.
func CheckSize(rows, cols int) error { return checkSize(rows, cols) }

func checkSize(rows, cols int) error {
	if rows < 0 || cols < 0 {
		return fmt.Errorf("%w: negative size %d×%d", ErrSize, rows, cols)
	}
	if rows > MaxDim {
		return fmt.Errorf("%w: %d rows exceed the limit MaxDim = %d", ErrSize, rows, MaxDim)
	}
	if cols > MaxDim {
		return fmt.Errorf("%w: %d columns exceed the limit MaxDim = %d", ErrSize, cols, MaxDim)
	}
	if rows > 0 && cols > MaxCells/rows {
		return fmt.Errorf("%w: %d×%d exceeds the limit MaxCells = %d cells", ErrSize, rows, cols, MaxCells)
	}
	return nil
}

func checkBenefit(b float64) error {
	switch {
	case math.IsNaN(b):
		return errors.New("NaN")
	case math.IsInf(b, 1):
		return errors.New("+Inf")
	case math.IsInf(b, -1):
		return nil
	case math.Abs(b) > MaxBenefit:
		return fmt.Errorf("magnitude of %g exceeds %g", b, MaxBenefit)
	}
	return nil
}
