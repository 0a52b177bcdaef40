package assign

import (
	"fmt"
	"math"
)

// Verify checks that r is a full assignment of the rows×cols benefit matrix
// (row-major) that uses no forbidden cell, that r.Total is its total, and
// that r.RowDual and r.ColDual certify its optimality as described in the
// Result documentation. Comparisons allow a tolerance of
// 1e-9·max(1, max|b|)·(rows+cols). It returns nil or an error wrapping
// ErrInvalidResult (or ErrSize for inconsistent sizes) that names the first
// failing row, column or cell.
//
// Verify takes O(rows·cols) time.
func Verify(rows, cols int, benefit []float64, r Result) error {
	if err := checkSize(rows, cols); err != nil {
		return err
	}
	if len(benefit) != rows*cols {
		return fmt.Errorf("%w: %d benefits for %d×%d", ErrSize, len(benefit), rows, cols)
	}
	if len(r.RowCol) != rows || len(r.ColRow) != cols || len(r.RowDual) != rows || len(r.ColDual) != cols {
		return fmt.Errorf("%w: result lengths (%d,%d,%d,%d) do not match %d×%d",
			ErrInvalidResult, len(r.RowCol), len(r.ColRow), len(r.RowDual), len(r.ColDual), rows, cols)
	}
	scale := 1.0
	for k, b := range benefit {
		if err := checkBenefit(b); err != nil {
			return fmt.Errorf("%w: cell (%d,%d): %v", ErrInvalidBenefit, k/cols, k%cols, err)
		}
		if !math.IsInf(b, -1) {
			scale = math.Max(scale, math.Abs(b))
		}
	}
	tol := 1e-9 * scale * float64(rows+cols)

	// The assignment: consistent, full, allowed.
	assigned := 0
	total := 0.0
	for i, j := range r.RowCol {
		if j == -1 {
			continue
		}
		if j < 0 || j >= cols {
			return fmt.Errorf("%w: row %d assigned to column %d out of range", ErrInvalidResult, i, j)
		}
		if r.ColRow[j] != i {
			return fmt.Errorf("%w: row %d assigned to column %d but column %d assigned to row %d",
				ErrInvalidResult, i, j, j, r.ColRow[j])
		}
		b := benefit[i*cols+j]
		if math.IsInf(b, -1) {
			return fmt.Errorf("%w: row %d assigned to forbidden column %d", ErrInvalidResult, i, j)
		}
		total += b
		assigned++
	}
	for j, i := range r.ColRow {
		if i == -1 {
			continue
		}
		if i < 0 || i >= rows || r.RowCol[i] != j {
			return fmt.Errorf("%w: column %d assigned to row %d which is not assigned to it", ErrInvalidResult, j, i)
		}
	}
	if want := min(rows, cols); assigned != want {
		return fmt.Errorf("%w: %d cells assigned, want %d", ErrInvalidResult, assigned, want)
	}
	if math.Abs(total-r.Total) > tol {
		return fmt.Errorf("%w: Total is %v but the assigned cells sum to %v", ErrInvalidResult, r.Total, total)
	}

	// The dual certificate.
	dualObj := 0.0
	for i, d := range r.RowDual {
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return fmt.Errorf("%w: row %d dual is %v", ErrInvalidResult, i, d)
		}
		if rows > cols && (d < -tol || (r.RowCol[i] == -1 && math.Abs(d) > tol)) {
			return fmt.Errorf("%w: row %d dual %v violates sign or slackness (assigned to %d)", ErrInvalidResult, i, d, r.RowCol[i])
		}
		dualObj += d
	}
	for j, d := range r.ColDual {
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return fmt.Errorf("%w: column %d dual is %v", ErrInvalidResult, j, d)
		}
		if rows < cols && (d < -tol || (r.ColRow[j] == -1 && math.Abs(d) > tol)) {
			return fmt.Errorf("%w: column %d dual %v violates sign or slackness (assigned to %d)", ErrInvalidResult, j, d, r.ColRow[j])
		}
		dualObj += d
	}
	for i := 0; i < rows; i++ {
		ri := r.RowDual[i]
		for j, b := range benefit[i*cols : (i+1)*cols] {
			if math.IsInf(b, -1) {
				continue
			}
			slack := ri + r.ColDual[j] - b
			if slack < -tol {
				return fmt.Errorf("%w: dual infeasible at cell (%d,%d): %v + %v < %v", ErrInvalidResult, i, j, ri, r.ColDual[j], b)
			}
			if r.RowCol[i] == j && slack > tol {
				return fmt.Errorf("%w: assigned cell (%d,%d) has slack %v", ErrInvalidResult, i, j, slack)
			}
		}
	}
	if math.Abs(dualObj-total) > tol {
		return fmt.Errorf("%w: dual objective %v differs from total %v", ErrInvalidResult, dualObj, total)
	}
	return nil
}
