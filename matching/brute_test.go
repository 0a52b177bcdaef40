package matching

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// bruteForce returns the best total over all matchings of the graph given
// by the symmetric matrix w (-Inf = no edge): with maxcard, the heaviest
// among those of maximum size. It also returns that size.
func bruteForce(n int, w []float64, maxcard bool) (float64, int) {
	used := make([]bool, n)
	bestTotal, bestSize := 0.0, 0
	var rec func(i int, total float64, size int)
	rec = func(i int, total float64, size int) {
		for i < n && used[i] {
			i++
		}
		if i == n {
			if maxcard {
				if size > bestSize || (size == bestSize && total > bestTotal) {
					bestTotal, bestSize = total, size
				}
			} else if total > bestTotal {
				bestTotal, bestSize = total, size
			}
			return
		}
		used[i] = true
		rec(i+1, total, size)
		for j := i + 1; j < n; j++ {
			if !used[j] && !math.IsInf(w[i*n+j], -1) {
				used[j] = true
				rec(i+1, total+w[i*n+j], size+1)
				used[j] = false
			}
		}
		used[i] = false
	}
	rec(0, 0, 0)
	return bestTotal, bestSize
}

type genKind int

const (
	genInt genKind = iota
	genTies
	genFloat
	genNeg
)

// randomInstance returns a random symmetric weight matrix and the matching
// edge list with some parallel edges (the heaviest equal to the matrix).
func randomInstance(rng *rand.Rand, n int, kind genKind, density float64) ([]float64, []Edge) {
	w := make([]float64, n*n)
	for i := range w {
		w[i] = math.Inf(-1)
	}
	var edges []Edge
	for i := range n {
		for j := i + 1; j < n; j++ {
			if rng.Float64() >= density {
				continue
			}
			var x float64
			switch kind {
			case genInt:
				x = float64(rng.IntN(100) + 1)
			case genTies:
				x = float64(rng.IntN(3) + 1)
			case genFloat:
				x = rng.Float64()
			case genNeg:
				x = float64(rng.IntN(21) - 10)
			}
			w[i*n+j], w[j*n+i] = x, x
			if rng.IntN(8) == 0 {
				// A lighter parallel edge, before or after.
				edges = append(edges, Edge{U: j, V: i, W: x - 1 - float64(rng.IntN(3))})
			}
			edges = append(edges, Edge{U: i, V: j, W: x})
			if rng.IntN(16) == 0 {
				edges = append(edges, Edge{U: i, V: j, W: math.Inf(-1)})
			}
		}
	}
	return w, edges
}

func checkAgainstBrute(t *testing.T, n int, w []float64, edges []Edge, opt Options, float bool) {
	t.Helper()
	want, wantSize := bruteForce(n, w, opt.MaxCardinality)
	ctx := context.Background()
	for _, mode := range []string{"dense", "sparse"} {
		var r Result
		var err error
		if mode == "dense" {
			r, err = Dense(ctx, n, w, opt)
		} else {
			r, err = Sparse(ctx, n, edges, opt)
		}
		require.NoError(t, err)
		if float {
			require.InDelta(t, want, r.Total, 1e-9, "%s n=%d opt=%+v w=%v", mode, n, opt, w)
		} else {
			require.Equal(t, want, r.Total, "%s n=%d opt=%+v w=%v", mode, n, opt, w)
		}
		if opt.MaxCardinality {
			size := 0
			for v, u := range r.Mate {
				if u > v {
					size++
				}
			}
			require.Equal(t, wantSize, size, "%s size n=%d w=%v", mode, n, w)
		}
		require.NoError(t, Verify(n, edges, r, opt), "%s n=%d opt=%+v w=%v", mode, n, opt, w)
	}
}

func TestBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	count := 0
	for iter := range 5000 {
		n := 1 + rng.IntN(12)
		kind := genKind(iter % 4)
		density := []float64{0.3, 0.6, 1}[rng.IntN(3)]
		w, edges := randomInstance(rng, n, kind, density)
		for _, maxcard := range []bool{false, true} {
			checkAgainstBrute(t, n, w, edges, Options{MaxCardinality: maxcard}, kind == genFloat)
			count++
		}
	}
	t.Logf("%d instances", count)
}
