// Package assign solves the rectangular linear assignment problem
// (maximum-benefit) with shortest augmenting paths, as described by
// Jonker and Volgenant and refined by Crouse (2016), "On implementing 2D
// rectangular assignment algorithms" — the algorithm of SciPy's
// linear_sum_assignment.
//
// It is the exact solver behind pairing's Mentor and the topic owners of
// cohort's learning plans, and is meant for any rectangular benefit
// matrix: mentors to mentees, tasks to people, rooms to sessions. Every
// Result carries its proof of optimality, the dual potentials, which
// Verify checks independently of the solver.
//
// # Problem
//
// Given a rows×cols matrix of benefits (a row-major []float64 for Solve, a
// gonum mat.Matrix for Matrix), Solve and Matrix find an assignment of
// maximum total benefit: when rows <= cols every row gets a distinct
// column, otherwise every column gets a distinct row. A benefit of
// math.Inf(-1) forbids a cell; NaN and +Inf are errors (ErrInvalidBenefit),
// and finite benefits are limited to magnitude MaxBenefit. When forbidden
// cells leave no full assignment, they return an error wrapping
// ErrInfeasible that names the row (or column) that cannot be assigned, or
// a set of rows that share too few allowed columns between them (Hall's
// condition).
//
// # Certificate
//
// Every Result carries dual potentials (RowDual, ColDual) that prove its
// optimality; Verify checks the assignment and the certificate
// independently of the solver. Sign convention for the maximisation: the
// duals over-estimate every allowed cell (RowDual[i]+ColDual[j] >= b(i,j)),
// are tight on assigned cells, the duals of the larger side are >= 0 and
// zero where unassigned, and they sum to Total.
//
// # Complexity
//
// With n = min(rows, cols) and m = max(rows, cols), Solve takes O(n²m) time
// in the worst case and O(nm) memory (one copy of the matrix; Matrix keeps
// a second, its flat copy of the gonum matrix). Internally it
// minimises cost = -benefit on the transposed matrix when rows > cols; the
// inner loop performs no allocation, and the context is checked before each
// row's augmentation.
//
// # Limits
//
// Every dimension is at most MaxDim (10,000,000) rows or columns, even when
// the other is 0, and rows·cols is at most MaxCells (2^27, 1 GiB of
// benefits); finite benefits have magnitude at most MaxBenefit (1e15), so
// that potentials and totals stay finite. Solve, Matrix and ReadInstance
// check the sizes before they allocate anything and return errors
// wrapping ErrSize (ReadInstance's name line 1); a benefit out of range
// gives ErrInvalidBenefit naming its cell.
//
// # Instances
//
// ReadInstance and WriteInstance use the assignment instance text format
// of the benchmarks (first line "r c", then r lines of c benefits, "-inf"
// for a forbidden cell), the format the SciPy comparison reads.
package assign
