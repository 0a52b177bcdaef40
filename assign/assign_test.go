package assign

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var negInf = math.Inf(-1)

// bruteForce returns the best total over all full assignments and whether
// one exists, by enumerating injections of the smaller side into the larger.
func bruteForce(rows, cols int, b []float64) (float64, bool) {
	at := func(i, j int) float64 { return b[i*cols+j] }
	n, m := rows, cols
	if rows > cols {
		n, m = cols, rows
		at = func(i, j int) float64 { return b[j*cols+i] }
	}
	used := make([]bool, m)
	best, found := math.Inf(-1), false
	var rec func(i int, sum float64)
	rec = func(i int, sum float64) {
		if i == n {
			if !found || sum > best {
				best, found = sum, true
			}
			return
		}
		for j := 0; j < m; j++ {
			if used[j] || math.IsInf(at(i, j), -1) {
				continue
			}
			used[j] = true
			rec(i+1, sum+at(i, j))
			used[j] = false
		}
	}
	rec(0, 0)
	return best, found
}

type genSpec struct {
	name      string
	integer   bool
	lo, hi    int     // integer range (inclusive), or float range
	forbidden float64 // probability of a forbidden cell
}

func randomInstance(rnd *rand.Rand, rows, cols int, g genSpec) []float64 {
	b := make([]float64, rows*cols)
	for k := range b {
		switch {
		case rnd.Float64() < g.forbidden:
			b[k] = negInf
		case g.integer:
			b[k] = float64(g.lo + rnd.IntN(g.hi-g.lo+1))
		default:
			b[k] = float64(g.lo) + rnd.Float64()*float64(g.hi-g.lo)
		}
	}
	return b
}

func TestSolveBruteForce(t *testing.T) {
	specs := []genSpec{
		{name: "int-ties", integer: true, lo: 0, hi: 3},
		{name: "int-wide", integer: true, lo: -1000, hi: 1000},
		{name: "float", lo: 0, hi: 1},
		{name: "float-negative", lo: -100, hi: 50},
		{name: "int-forbidden", integer: true, lo: -5, hi: 5, forbidden: 0.3},
		{name: "int-dense-forbidden", integer: true, lo: 0, hi: 9, forbidden: 0.6},
		{name: "float-forbidden", lo: -1, hi: 1, forbidden: 0.45},
	}
	sizes := [][2]int{}
	for r := 1; r <= 7; r++ {
		for c := 1; c <= 7; c++ {
			sizes = append(sizes, [2]int{r, c})
		}
	}
	sizes = append(sizes, [2]int{3, 8}, [2]int{8, 3}, [2]int{2, 9}, [2]int{9, 2}, [2]int{1, 12})
	ctx := context.Background()
	for si, g := range specs {
		t.Run(g.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(uint64(si), 17))
			infeasible := 0
			for _, sz := range sizes {
				rows, cols := sz[0], sz[1]
				trials := 30
				if rows*cols <= 16 {
					trials = 60
				}
				for trial := 0; trial < trials; trial++ {
					b := randomInstance(rnd, rows, cols, g)
					want, ok := bruteForce(rows, cols, b)
					res, err := Solve(ctx, rows, cols, b)
					if !ok {
						infeasible++
						require.ErrorIs(t, err, ErrInfeasible, "%d×%d %v", rows, cols, b)
						continue
					}
					require.NoError(t, err, "%d×%d %v", rows, cols, b)
					require.NoError(t, Verify(rows, cols, b, res), "%d×%d %v", rows, cols, b)
					if g.integer {
						require.Equal(t, want, res.Total, "%d×%d %v", rows, cols, b)
					} else {
						require.InDelta(t, want, res.Total, 1e-9, "%d×%d %v", rows, cols, b)
					}
				}
			}
			if g.forbidden >= 0.3 {
				assert.Positive(t, infeasible, "the generator should produce infeasible cases")
			}
		})
	}
}

func TestSolveDeterministic(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	b := randomInstance(rnd, 30, 40, genSpec{integer: true, lo: 0, hi: 2})
	orig := append([]float64(nil), b...)
	first, err := Solve(context.Background(), 30, 40, b)
	require.NoError(t, err)
	require.Equal(t, orig, b, "Solve must not modify its input")
	for k := 0; k < 3; k++ {
		again, err := Solve(context.Background(), 30, 40, b)
		require.NoError(t, err)
		require.Equal(t, first, again)
	}
}

func TestSolveErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		rows, cols int
		b          []float64
		err        error
		msg        string
	}{
		{name: "nan", rows: 2, cols: 2, b: []float64{1, 2, math.NaN(), 4}, err: ErrInvalidBenefit, msg: "cell (1,0)"},
		{name: "+inf", rows: 1, cols: 3, b: []float64{1, 2, math.Inf(1)}, err: ErrInvalidBenefit, msg: "cell (0,2)"},
		{name: "huge", rows: 1, cols: 1, b: []float64{-2e15}, err: ErrInvalidBenefit, msg: "cell (0,0)"},
		{name: "row forbidden", rows: 2, cols: 3, b: []float64{1, 2, 3, negInf, negInf, negInf}, err: ErrInfeasible, msg: "row 1 cannot be assigned"},
		{name: "column forbidden", rows: 3, cols: 2, b: []float64{negInf, 1, negInf, 2, negInf, 3}, err: ErrInfeasible, msg: "column 0 cannot be assigned"},
		{name: "hall", rows: 3, cols: 3, b: []float64{1, negInf, negInf, 2, negInf, negInf, 3, 4, 5}, err: ErrInfeasible, msg: "no assignment covers every row: the 2 rows [0 1] can use only 1 column"},
		{name: "hall transposed", rows: 3, cols: 2, b: []float64{1, negInf, 2, negInf, 3, negInf}, err: ErrInfeasible, msg: "column 1 cannot be assigned"},
		{name: "hall columns", rows: 3, cols: 3, b: []float64{1, 2, 3, negInf, negInf, 4, negInf, negInf, 5}, err: ErrInfeasible, msg: "the 2 rows [1 2] can use only 1 column"},
		{name: "hall transposed witness", rows: 4, cols: 3, b: []float64{1, 2, 3, 4, negInf, negInf, 5, negInf, negInf, 6, negInf, negInf}, err: ErrInfeasible, msg: "no assignment covers every column: the 2 columns [1 2] can use only 1 row"},
		{name: "short slice", rows: 2, cols: 2, b: []float64{1, 2, 3}, err: ErrSize},
		{name: "negative", rows: -1, cols: 2, b: nil, err: ErrSize},
		{name: "overflow", rows: 1 << 40, cols: 1 << 40, b: nil, err: ErrSize},
		{name: "above limit", rows: MaxCells, cols: 2, b: nil, err: ErrSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Solve(ctx, tt.rows, tt.cols, tt.b)
			require.ErrorIs(t, err, tt.err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestSolveHallWitnessTruncated(t *testing.T) {
	// Rows 0–11 may only use columns 0–10 of a 13×13 matrix.
	const n = 13
	b := make([]float64, n*n)
	for i := 0; i < 12; i++ {
		for j := 11; j < n; j++ {
			b[i*n+j] = negInf
		}
	}
	_, err := Solve(context.Background(), n, n, b)
	require.ErrorIs(t, err, ErrInfeasible)
	assert.Contains(t, err.Error(), "the 12 rows [")
	assert.Contains(t, err.Error(), "… (2 more)] can use only 11 columns")
}

func TestSolveEmpty(t *testing.T) {
	for _, sz := range [][2]int{{0, 0}, {0, 5}, {4, 0}} {
		t.Run(fmt.Sprint(sz), func(t *testing.T) {
			res, err := Solve(context.Background(), sz[0], sz[1], nil)
			require.NoError(t, err)
			assert.Len(t, res.RowCol, sz[0])
			assert.Len(t, res.ColRow, sz[1])
			assert.Zero(t, res.Total)
			require.NoError(t, Verify(sz[0], sz[1], nil, res))
		})
	}
}

func TestSolveCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Solve(ctx, 2, 2, []float64{1, 2, 3, 4})
	require.ErrorIs(t, err, context.Canceled)
}

// cancelAfter is a context whose Err starts reporting context.Canceled after
// n calls.
type cancelAfter struct {
	context.Context
	n, calls int
}

func (c *cancelAfter) Err() error {
	c.calls++
	if c.calls > c.n {
		return context.Canceled
	}
	return nil
}

func TestSolveCancelledDuringRun(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 9))
	b := randomInstance(rnd, 50, 60, genSpec{integer: true, lo: 0, hi: 100})
	ctx := &cancelAfter{Context: context.Background(), n: 10}
	_, err := Solve(ctx, 50, 60, b)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 11, ctx.calls, "the context is checked once per row augmentation")
}

func TestSolveKnown(t *testing.T) {
	// SciPy's documentation matrix, maximised: 4 + 5 + 2.
	b := []float64{4, 1, 3, 2, 0, 5, 3, 2, 2}
	res, err := Solve(context.Background(), 3, 3, b)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 2, 1}, res.RowCol)
	assert.Equal(t, 11.0, res.Total)
	require.NoError(t, Verify(3, 3, b, res))

	// Rectangular: 2 rows, 3 columns, one forbidden cell.
	b = []float64{10, negInf, 1, 9, 8, negInf}
	res, err = Solve(context.Background(), 2, 3, b)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1}, res.RowCol)
	assert.Equal(t, []int{0, 1, -1}, res.ColRow)
	assert.Equal(t, 18.0, res.Total)
	require.NoError(t, Verify(2, 3, b, res))
}

func TestVerifyRejects(t *testing.T) {
	b := []float64{4, 1, 3, 2, 0, 5, 3, 2, 2}
	good, err := Solve(context.Background(), 3, 3, b)
	require.NoError(t, err)
	clone := func() Result {
		r := good
		r.RowCol = append([]int(nil), good.RowCol...)
		r.ColRow = append([]int(nil), good.ColRow...)
		r.RowDual = append([]float64(nil), good.RowDual...)
		r.ColDual = append([]float64(nil), good.ColDual...)
		return r
	}
	tests := []struct {
		name   string
		mutate func(r *Result)
	}{
		{"total", func(r *Result) { r.Total++ }},
		{"suboptimal", func(r *Result) { // swap rows 0 and 1: still valid, total 4+... lower
			r.RowCol[0], r.RowCol[1] = r.RowCol[1], r.RowCol[0]
			r.ColRow[r.RowCol[0]], r.ColRow[r.RowCol[1]] = 0, 1
			r.Total = b[r.RowCol[0]] + b[3+r.RowCol[1]] + b[6+r.RowCol[2]]
		}},
		{"inconsistent", func(r *Result) { r.ColRow[0] = 2 }},
		{"missing", func(r *Result) { r.ColRow[r.RowCol[2]] = -1; r.RowCol[2] = -1 }},
		{"dual", func(r *Result) { r.RowDual[0] -= 0.5 }},
		{"dual objective", func(r *Result) { r.RowDual[0] += 1; r.ColDual[0] -= 0.5 }},
		{"nan dual", func(r *Result) { r.ColDual[1] = math.NaN() }},
		{"lengths", func(r *Result) { r.RowDual = r.RowDual[:2] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := clone()
			tt.mutate(&r)
			require.ErrorIs(t, Verify(3, 3, b, r), ErrInvalidResult)
		})
	}
	require.NoError(t, Verify(3, 3, b, clone()))

	// Rectangular sign conditions: a negative column dual is rejected.
	b = []float64{1, 2, 3}
	r, err := Solve(context.Background(), 1, 3, b)
	require.NoError(t, err)
	require.NoError(t, Verify(1, 3, b, r))
	r.ColDual[0] -= 1
	r.RowDual[0] += 1
	require.ErrorIs(t, Verify(1, 3, b, r), ErrInvalidResult)
}
