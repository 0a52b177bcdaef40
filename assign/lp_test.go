package assign

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// lpOptimum solves the LP relaxation of the assignment problem with gonum's
// Simplex: for the smaller side n (rows, or columns if rows > cols) each
// element is assigned exactly once, each element of the larger side at most
// once (with a slack variable). The relaxation has integral optima, so its
// value equals the assignment optimum.
func lpOptimum(t *testing.T, rows, cols int, b []float64) float64 {
	t.Helper()
	n, m := rows, cols
	at := func(i, j int) float64 { return b[i*cols+j] }
	if rows > cols {
		n, m = cols, rows
		at = func(i, j int) float64 { return b[j*cols+i] }
	}
	type cell struct{ i, j int }
	var cells []cell
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			if !math.IsInf(at(i, j), -1) {
				cells = append(cells, cell{i, j})
			}
		}
	}
	nv := len(cells) + m // cell variables, then one slack a column
	c := make([]float64, nv)
	A := mat.NewDense(n+m, nv, nil)
	rhs := make([]float64, n+m)
	for k, e := range cells {
		c[k] = -at(e.i, e.j) // Simplex minimises
		A.Set(e.i, k, 1)
		A.Set(n+e.j, k, 1)
	}
	for j := 0; j < m; j++ {
		A.Set(n+j, len(cells)+j, 1)
	}
	for k := range rhs {
		rhs[k] = 1
	}
	opt, _, err := lp.Simplex(c, A, rhs, 1e-10, nil)
	require.NoError(t, err)
	return -opt
}

func TestSolveAgainstLP(t *testing.T) {
	if testing.Short() {
		t.Skip("LP oracle is slow")
	}
	sizes := [][2]int{{10, 10}, {15, 15}, {20, 20}, {25, 25}, {10, 18}, {18, 10}, {12, 25}, {25, 12}}
	rnd := rand.New(rand.NewPCG(11, 12))
	for _, sz := range sizes {
		for _, g := range []genSpec{
			{name: "int", integer: true, lo: 0, hi: 100},
			{name: "float", lo: -10, hi: 10, forbidden: 0.2},
		} {
			rows, cols := sz[0], sz[1]
			t.Run(fmt.Sprintf("%dx%d-%s", rows, cols, g.name), func(t *testing.T) {
				b := randomInstance(rnd, rows, cols, g)
				res, err := Solve(context.Background(), rows, cols, b)
				require.NoError(t, err)
				require.NoError(t, Verify(rows, cols, b, res))
				require.InDelta(t, lpOptimum(t, rows, cols, b), res.Total, 1e-6)
			})
		}
	}
}
