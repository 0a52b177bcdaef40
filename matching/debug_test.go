package matching

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// checkInvariants panics with a description when the solver state breaks
// an invariant that dualStep relies on.
func checkInvariants(s *solver) {
	n := int32(s.n)
	// minKey[x]: the earliest queued event for the least-slack edge tracked
	// at vertex x (typ 2) or top-level blossom x (typ 3).
	minKey := map[[2]int32]float64{}
	for _, e := range s.heap {
		if (e.typ() == 2 || e.typ() == 3) && s.bestedge[e.a()] == e.b {
			key := [2]int32{int32(e.typ()), e.a()}
			if old, ok := minKey[key]; !ok || e.key < old {
				minKey[key] = e.key
			}
		}
	}
	tracked := func(typ int32, x int32, at float64) bool {
		k, ok := minKey[[2]int32{typ, x}]
		return ok && k <= at+1e-9
	}
	for k := range int32(s.nedge) {
		i, j := s.endpoint[2*k], s.endpoint[2*k+1]
		bi, bj := s.inblossom[i], s.inblossom[j]
		if bi == bj {
			continue
		}
		sl := s.slack(k)
		if sl < -1e-9 {
			panic(fmt.Sprintf("edge %d {%d,%d} slack %v", k, i, j, sl))
		}
		li, lj := s.label[bi], s.label[bj]
		if li == 1 && lj == 1 && !(sl <= 0 && s.allowed(k)) {
			ok := false
			for _, b := range []int32{bi, bj} {
				if tracked(3, b, s.delta+sl/2) {
					ok = true
				}
			}
			if !ok {
				panic(fmt.Sprintf("S-S edge %d {%d,%d} slack %v not tracked (best %d %d)", k, i, j, sl, s.bestedge[bi], s.bestedge[bj]))
			}
		}
		for _, c := range [][2]int32{{i, j}, {j, i}} {
			x, y := c[0], c[1]
			bx, by := s.inblossom[x], s.inblossom[y]
			if s.label[bx] == 1 && (s.label[by] == 0 || (s.label[by] == 2 && s.label[y] == 0)) {
				if s.label[by] == 0 && !tracked(2, y, s.delta+sl) {
					panic(fmt.Sprintf("edge %d from S %d to %d slack %v not tracked (best %d)", k, x, y, sl, s.bestedge[y]))
				}
			}
		}
	}
	for v := range n {
		if be := s.bestedge[v]; be != -1 && (s.label[s.inblossom[v]] == 0) {
			a, b := s.endpoint[2*be], s.endpoint[2*be+1]
			if a != v && b != v {
				panic(fmt.Sprintf("bestedge of %d is edge %d not incident", v, be))
			}
		}
		if s.label[s.inblossom[v]] != 0 && s.rootOf[v] == -1 {
			panic(fmt.Sprintf("labeled vertex %d has no root", v))
		}
		if s.label[s.inblossom[v]] == 0 && s.rootOf[v] != -1 {
			panic(fmt.Sprintf("unlabeled vertex %d has root %d", v, s.rootOf[v]))
		}
	}
}

func TestDebugInstance(t *testing.T) {
	w := []float64{math.Inf(-1), 2, 10, -4, -2, -1, -2, -4, 2, math.Inf(-1), -3, 1, -9, 3, -8, -3, 10, -3, math.Inf(-1), -2, 8, -1, 2, 0, -4, 1, -2, math.Inf(-1), 0, -7, 8, 1, -2, -9, 8, 0, math.Inf(-1), -1, 9, 1, -1, 3, -1, -7, -1, math.Inf(-1), -8, -10, -2, -8, 2, 8, 9, -8, math.Inf(-1), 8, -4, -3, 0, 1, 1, -10, 8, math.Inf(-1)}
	n := 8
	var us, vs []int32
	var ws []float64
	for i := range n {
		for j := i + 1; j < n; j++ {
			if x := w[i*n+j]; !math.IsInf(x, -1) {
				us, vs, ws = append(us, int32(i)), append(vs, int32(j)), append(ws, x)
			}
		}
	}
	s := newSolver(context.Background(), n, us, vs, ws, true)
	s.debug = func(s *solver) {
		// fmt.Println("step: mate", s.mate, "label", s.label[:n], "tops", s.inblossom, "root", s.rootOf, "best", s.bestedge, "dual", s.dual[:n], "q", s.queue)
		checkInvariants(s)
	}
	require.NoError(t, s.run())
	s.finalize()
	r := s.result()
	want, _ := bruteForce(n, w, true)
	require.Equal(t, want, r.Total)
}

// TestInvariants runs the solver with the invariant checker on random
// instances of all kinds.
func TestInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for iter := range 800 {
		n := 2 + rng.IntN(30)
		kind := genKind(iter % 4)
		w, _ := randomInstance(rng, n, kind, []float64{0.2, 0.5, 1}[rng.IntN(3)])
		for _, maxcard := range []bool{false, true} {
			var us, vs []int32
			var ws []float64
			for i := range n {
				for j := i + 1; j < n; j++ {
					if x := w[i*n+j]; keepWeight(x, maxcard) {
						us, vs, ws = append(us, int32(i)), append(vs, int32(j)), append(ws, x)
					}
				}
			}
			s := newSolver(context.Background(), n, us, vs, ws, maxcard)
			var trace []string
			s.debug = func(s *solver) {
				trace = append(trace, fmt.Sprint("step: mate ", s.mate, " label ", s.label, " tops ", s.inblossom, " root ", s.rootOf, " best ", s.bestedge, " dual ", s.dual, " q ", s.queue))
				defer func() {
					if e := recover(); e != nil {
						for _, l := range trace {
							fmt.Println(l)
						}
						fmt.Println(n, maxcard, us, vs, ws)
						panic(e)
					}
				}()
				checkInvariants(s)
			}
			require.NoError(t, s.run())
			s.finalize()
			r := s.result()
			if n <= 12 {
				want, _ := bruteForce(n, w, maxcard)
				require.InDelta(t, want, r.Total, 1e-9)
			}
		}
	}
}
