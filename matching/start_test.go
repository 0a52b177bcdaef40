package matching

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// warmSolve solves edges from the certificate of a solve of a random
// subset of them.
func warmSolve(t *testing.T, rng *rand.Rand, n int, edges []Edge) Result {
	t.Helper()
	var sub []Edge
	for _, e := range edges {
		if rng.IntN(2) == 0 {
			sub = append(sub, e)
		}
	}
	prev, err := Sparse(context.Background(), n, sub, Options{})
	require.NoError(t, err)
	r, err := Sparse(context.Background(), n, edges, Options{Start: NewStart(&prev, n, edges)})
	require.NoError(t, err)
	return r
}

// TestWarmStartBruteForce: a solve warm-started from the certificate of
// a subgraph, or from duals that cover every edge with no matching,
// reaches the brute-force optimum with a valid certificate.
func TestWarmStartBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for iter := range 5000 {
		n := 1 + rng.IntN(12)
		kind := []genKind{genInt, genTies, genNeg, genFloat}[iter%4]
		w, edges := randomInstance(rng, n, kind, 0.2+0.8*rng.Float64())
		want, _ := bruteForce(n, w, false)
		r := warmSolve(t, rng, n, edges)
		if kind == genFloat {
			require.InDelta(t, want, r.Total, 1e-9, "iteration %d", iter)
		} else {
			require.Equal(t, want, r.Total, "iteration %d", iter)
		}
		require.NoError(t, Verify(n, edges, r, Options{}), "iteration %d", iter)
		// the largest incident weight covers everything
		st := &Start{Dual: make([]float64, n), Mate: make([]int, n)}
		for v := range st.Mate {
			st.Mate[v] = -1
		}
		for _, e := range edges {
			if e.W > 0 {
				st.Dual[e.U], st.Dual[e.V] = max(st.Dual[e.U], e.W), max(st.Dual[e.V], e.W)
			}
		}
		r, err := Sparse(context.Background(), n, edges, Options{Start: st})
		require.NoError(t, err)
		require.InDelta(t, want, r.Total, 1e-9, "iteration %d", iter)
	}
}

// TestWarmStartRounds adds edges in rounds, as pricing does, and checks
// each warm solve against a cold one on larger graphs.
func TestWarmStartRounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	kept := 0 // pairs a start carries over
	for iter := range 40 {
		n := 50 + rng.IntN(300)
		_, all := randomInstance(rng, n, genInt, 8/float64(n))
		rng.Shuffle(len(all), func(a, b int) { all[a], all[b] = all[b], all[a] })
		cut := len(all) / 4
		prev, err := Sparse(context.Background(), n, all[:cut], Options{})
		require.NoError(t, err)
		for cut < len(all) {
			cut = min(len(all), cut+1+len(all)/8)
			es := all[:cut]
			cold, err := Sparse(context.Background(), n, es, Options{})
			require.NoError(t, err)
			st := NewStart(&prev, n, es)
			for v, u := range st.Mate {
				if u > v {
					kept++
				}
			}
			warm, err := Sparse(context.Background(), n, es, Options{Start: st})
			require.NoError(t, err)
			require.Equal(t, cold.Total, warm.Total, "iteration %d, %d edges", iter, cut)
			require.NoError(t, Verify(n, es, warm, Options{}))
			prev = warm
		}
	}
	require.Greater(t, kept, 1000)
}

func TestWarmStartErrors(t *testing.T) {
	edges := []Edge{{0, 1, 4}, {1, 2, 3}}
	ok := func() *Start { return &Start{Dual: []float64{2, 2, 1}, Mate: []int{1, 0, -1}} }
	_, err := Sparse(context.Background(), 3, edges, Options{Start: ok()})
	require.NoError(t, err)
	for name, mod := range map[string]func(*Start){
		"short":      func(s *Start) { s.Dual = s.Dual[:2] },
		"negative":   func(s *Start) { s.Dual[2] = -1 },
		"nan":        func(s *Start) { s.Dual[2] = math.NaN() },
		"uncovered":  func(s *Start) { s.Dual[2] = 0.5 },
		"not tight":  func(s *Start) { s.Dual[0] = 3 },
		"asymmetric": func(s *Start) { s.Mate[1] = -1 },
		"no edge":    func(s *Start) { s.Dual[0] = 2; s.Mate = []int{2, -1, 0} },
	} {
		s := ok()
		mod(s)
		_, err := Sparse(context.Background(), 3, edges, Options{Start: s})
		require.True(t, errors.Is(err, ErrInvalidInput), "%s: %v", name, err)
	}
	_, err = Sparse(context.Background(), 3, edges, Options{Start: ok(), MaxCardinality: true})
	require.True(t, errors.Is(err, ErrInvalidInput))
}

// FuzzWarmStart solves the edges whose bit in data[1] is clear, then all of
// them from that certificate (NewStart), and checks the result against
// Verify and brute force.
func FuzzWarmStart(f *testing.F) {
	addEdgeSeeds(f, [3]byte{0x55, 0xf0, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		n := 1 + int(data[0])%12
		edges := fuzzEdges(data[2:], n, false)
		var sub []Edge
		for x, e := range edges {
			if data[1]>>(x%8)&1 == 0 {
				sub = append(sub, e)
			}
		}
		prev, err := Sparse(context.Background(), n, sub, Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Sparse(context.Background(), n, edges, Options{Start: NewStart(&prev, n, edges)})
		if err != nil {
			t.Fatal(err)
		}
		checkFuzzResult(t, n, edges, r, Options{}, false)
	})
}
