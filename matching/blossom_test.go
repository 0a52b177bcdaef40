package matching

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// classicCases are the hand-made instances of van Rantwijk's mwmatching
// test suite that create, relabel, nest, expand and augment through
// blossoms in specific ways (vertex 0 is isolated).
var classicCases = []struct {
	name  string
	edges [][3]int
}{
	{"S-blossom augment", [][3]int{{1, 2, 8}, {1, 3, 9}, {2, 3, 10}, {3, 4, 7}}},
	{"nested S-blossom augment", [][3]int{{1, 2, 9}, {1, 3, 9}, {2, 3, 10}, {2, 4, 8}, {3, 5, 8}, {4, 5, 10}, {5, 6, 6}}},
	{"S-blossom relabel T augment", [][3]int{{1, 2, 9}, {1, 3, 8}, {2, 3, 10}, {1, 4, 5}, {4, 5, 4}, {1, 6, 3}}},
	{"S-blossom relabel S nested", [][3]int{{1, 2, 10}, {1, 7, 10}, {2, 3, 12}, {3, 4, 20}, {3, 5, 20}, {4, 5, 25}, {5, 6, 10}, {6, 7, 10}, {7, 8, 8}}},
	{"nested S-blossom expand recursively", [][3]int{{1, 2, 8}, {1, 3, 8}, {2, 3, 10}, {2, 4, 12}, {3, 5, 12}, {4, 5, 14}, {4, 6, 12}, {5, 7, 12}, {6, 7, 14}, {7, 8, 12}}},
	{"S-blossom relabel T expand", [][3]int{{1, 2, 23}, {1, 5, 22}, {1, 6, 15}, {2, 3, 25}, {3, 4, 22}, {4, 5, 25}, {4, 8, 14}, {5, 7, 13}}},
	{"nested S-blossom relabel T expand", [][3]int{{1, 2, 19}, {1, 3, 20}, {1, 8, 8}, {2, 3, 25}, {2, 4, 18}, {3, 5, 18}, {4, 5, 13}, {4, 7, 7}, {5, 6, 7}}},
	{"T in more than one way", [][3]int{{1, 2, 45}, {1, 5, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 50}, {1, 6, 30}, {3, 9, 35}, {4, 8, 35}, {5, 7, 26}, {9, 10, 5}}},
	{"T in more than one way 2", [][3]int{{1, 2, 45}, {1, 5, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 50}, {1, 6, 30}, {3, 9, 35}, {4, 8, 26}, {5, 7, 40}, {9, 10, 5}}},
	{"expand gives least-slack S-to-free edge", [][3]int{{1, 2, 45}, {1, 5, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 50}, {1, 6, 30}, {3, 9, 35}, {4, 8, 28}, {5, 7, 26}, {9, 10, 5}}},
	{"inner blossom on augmenting path", [][3]int{{1, 2, 45}, {1, 7, 45}, {2, 3, 50}, {3, 4, 45}, {4, 5, 95}, {4, 6, 94}, {5, 6, 94}, {6, 7, 50}, {1, 8, 30}, {3, 11, 35}, {5, 9, 36}, {7, 10, 26}, {11, 12, 5}}},
	{"nested S-blossom relabel S expand", [][3]int{{1, 2, 40}, {1, 3, 40}, {2, 3, 60}, {2, 4, 55}, {3, 5, 55}, {4, 5, 50}, {1, 8, 15}, {5, 7, 30}, {7, 6, 10}, {8, 10, 10}, {4, 9, 30}}},
}

func TestClassicCases(t *testing.T) {
	for _, tc := range classicCases {
		for _, maxcard := range []bool{false, true} {
			n := 0
			for _, e := range tc.edges {
				n = max(n, e[0]+1, e[1]+1)
			}
			w := make([]float64, n*n)
			for i := range w {
				w[i] = math.Inf(-1)
			}
			var edges []Edge
			for _, e := range tc.edges {
				w[e[0]*n+e[1]], w[e[1]*n+e[0]] = float64(e[2]), float64(e[2])
				edges = append(edges, Edge{U: e[0], V: e[1], W: float64(e[2])})
			}
			t.Run(tc.name, func(t *testing.T) {
				checkAgainstBrute(t, n, w, edges, Options{MaxCardinality: maxcard}, false)
			})
		}
	}
}

// nestedInstance builds a graph whose optimum needs nested blossoms: at
// each level, an odd number of components of the level below are joined in
// an odd cycle by edges a little lighter than those inside them, and a few
// pendant vertices hang off with light edges so that the blossoms take part
// in augmenting paths and get relabeled and expanded.
func nestedInstance(rng *rand.Rand, levels int) (int, []Edge) {
	type comp struct{ verts []int }
	n := 0
	var edges []Edge
	newVertex := func() int { n++; return n - 1 }
	var build func(level int, weight float64) comp
	build = func(level int, weight float64) comp {
		if level == 0 {
			return comp{verts: []int{newVertex()}}
		}
		k := 3
		if rng.IntN(3) == 0 {
			k = 5
		}
		parts := make([]comp, k)
		for i := range parts {
			parts[i] = build(level-1, weight+float64(10+rng.IntN(5)))
		}
		var all []int
		for i := range parts {
			a := parts[i].verts[rng.IntN(len(parts[i].verts))]
			b := parts[(i+1)%k].verts[rng.IntN(len(parts[(i+1)%k].verts))]
			edges = append(edges, Edge{U: a, V: b, W: weight + float64(rng.IntN(3))})
			all = append(all, parts[i].verts...)
		}
		return comp{verts: all}
	}
	root := build(levels, 10)
	for range 1 + rng.IntN(3) {
		p := newVertex()
		edges = append(edges, Edge{U: p, V: root.verts[rng.IntN(len(root.verts))], W: float64(1 + rng.IntN(8))})
	}
	// A few random chords.
	for range rng.IntN(4) {
		u, v := rng.IntN(n), rng.IntN(n)
		if u != v {
			edges = append(edges, Edge{U: u, V: v, W: float64(1 + rng.IntN(40))})
		}
	}
	return n, edges
}

func TestNestedBlossoms(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	ctx := context.Background()
	maxDepth, expansions, formed := 0, 0, 0
	for iter := range 600 {
		levels := 2 + iter%2
		n, edges := nestedInstance(rng, levels)
		for _, maxcard := range []bool{false, true} {
			opt := Options{MaxCardinality: maxcard}
			us, vs, ws := splitEdges(edges, maxcard)
			s := newSolver(ctx, n, us, vs, ws, maxcard)
			if iter < 100 {
				s.debug = func(s *solver) {
					defer func() {
						if e := recover(); e != nil {
							fmt.Println("instance", n, edges, maxcard)
							panic(e)
						}
					}()
					checkInvariants(s)
				}
			}
			require.NoError(t, s.run())
			s.finalize()
			r := s.result()
			expansions += s.nExpand
			formed += s.nBlossom
			require.NoError(t, Verify(n, edges, r, opt), "n=%d edges=%v", n, edges)
			for _, b := range r.Blossoms {
				maxDepth = max(maxDepth, r.depth(b.Parent)+1)
			}
			if n <= 12 {
				w := denseOf(n, edges)
				want, _ := bruteForce(n, w, maxcard)
				require.Equal(t, want, r.Total)
			}
		}
	}
	t.Logf("max blossom depth %d, blossoms formed %d, T-blossoms expanded %d", maxDepth, formed, expansions)
	require.GreaterOrEqual(t, maxDepth, 2, "the generator must produce nested blossoms")
	require.Positive(t, expansions, "the generator must make T-blossoms expand")
}

// splitEdges returns the edges the solver keeps, as parallel slices.
func splitEdges(edges []Edge, maxcard bool) ([]int32, []int32, []float64) {
	var us, vs []int32
	var ws []float64
	for _, e := range edges {
		if keepWeight(e.W, maxcard) {
			us, vs, ws = append(us, int32(e.U)), append(vs, int32(e.V)), append(ws, e.W)
		}
	}
	return us, vs, ws
}

// denseOf returns the weight matrix of the heaviest edge between each pair.
func denseOf(n int, edges []Edge) []float64 {
	w := make([]float64, n*n)
	for i := range w {
		w[i] = math.Inf(-1)
	}
	for _, e := range edges {
		if e.W > w[e.U*n+e.V] {
			w[e.U*n+e.V], w[e.V*n+e.U] = e.W, e.W
		}
	}
	return w
}
