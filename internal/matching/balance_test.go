package matching

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBalance: balanced duals still certify the same matching (Verify),
// with the same dual objective, and they do move.
func TestBalance(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	moved := 0
	for iter := range 3000 {
		n := 2 + rng.IntN(40)
		kind := []genKind{genInt, genTies, genNeg}[iter%3]
		_, edges := randomInstance(rng, n, kind, 0.1+0.5*rng.Float64())
		r, err := Sparse(context.Background(), n, edges, Options{})
		require.NoError(t, err)
		before := append([]float64(nil), r.VertexDual...)
		Balance(&r, n, edges, 2)
		require.NoError(t, Verify(n, edges, r, Options{}), "iteration %d", iter)
		sum := 0.0
		for v := range before {
			sum += r.VertexDual[v] - before[v]
			if r.VertexDual[v] != before[v] {
				moved++
			}
		}
		require.Zero(t, sum, "iteration %d", iter)
	}
	require.Greater(t, moved, 1000)
}
