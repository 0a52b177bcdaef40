package matching

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"
)

// fuzzWeight decodes one byte into a weight with many ties, negative
// values and forbidden edges.
func fuzzWeight(b byte, float bool) float64 {
	switch {
	case b == 255:
		return math.Inf(-1)
	case float:
		return float64(int(b)-64) / 7
	default:
		return float64(int(b%40) - 8)
	}
}

// checkFuzzResult checks r against Verify and brute force.
func checkFuzzResult(t *testing.T, n int, edges []Edge, r Result, opt Options, float bool) {
	t.Helper()
	if err := Verify(n, edges, r, opt); err != nil {
		t.Fatalf("Verify: %v (n=%d edges=%v)", err, n, edges)
	}
	want, _ := bruteForce(n, denseOf(n, edges), opt.MaxCardinality)
	if math.Abs(want-r.Total) > 1e-9*(1+math.Abs(want)) || (!float && want != r.Total) {
		t.Fatalf("total %v, brute force %v (n=%d edges=%v)", r.Total, want, n, edges)
	}
}

// fuzzEdges decodes up to 40 edges on n vertices from byte triples
// (u, v, weight), skipping self-loops.
func fuzzEdges(data []byte, n int, float bool) []Edge {
	var edges []Edge
	for i := 0; i+2 < len(data) && len(edges) < 40; i += 3 {
		u, v := int(data[i])%n, int(data[i+1])%n
		if u == v {
			continue
		}
		edges = append(edges, Edge{U: u, V: v, W: fuzzWeight(data[i+2], float)})
	}
	return edges
}

// addEdgeSeeds adds the seed corpus of the fuzz targets that read
// fuzzEdges: three small graphs (vertex count byte, a flags byte from
// flags, then edges), with flags[x] as the second byte of graph x.
func addEdgeSeeds(f *testing.F, flags [3]byte) {
	f.Add([]byte{5, flags[0], 0, 1, 10, 1, 2, 11, 2, 0, 12, 2, 3, 5})
	f.Add([]byte{8, flags[1], 0, 1, 3, 1, 2, 3, 2, 3, 3, 3, 4, 3, 4, 0, 3, 5, 6, 255, 6, 7, 2})
	f.Add([]byte{12, flags[2], 0, 1, 200, 0, 1, 100, 2, 3, 30, 4, 5, 7, 5, 6, 8, 6, 4, 9, 7, 8, 1})
}

func FuzzSparse(f *testing.F) {
	addEdgeSeeds(f, [3]byte{0, 1, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		n := 1 + int(data[0])%12
		opt := Options{MaxCardinality: data[1]&1 != 0}
		float := data[1]&2 != 0
		edges := fuzzEdges(data[2:], n, float)
		r, err := Sparse(context.Background(), n, edges, opt)
		if err != nil {
			t.Fatal(err)
		}
		checkFuzzResult(t, n, edges, r, opt, float)
	})
}

func FuzzDense(f *testing.F) {
	f.Add([]byte{4, 0, 1, 2, 3, 4, 5, 6})
	f.Add([]byte{7, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9})
	f.Add([]byte{10, 2, 255, 3, 200, 4, 1, 7, 7, 7, 30, 2, 2, 40, 41, 42, 43, 44, 45})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		n := 1 + int(data[0])%12
		opt := Options{MaxCardinality: data[1]&1 != 0}
		float := data[1]&2 != 0
		w := make([]float64, n*n)
		var edges []Edge
		c := 2
		for i := range n {
			w[i*n+i] = math.Inf(-1)
			for j := i + 1; j < n; j++ {
				x := math.Inf(-1)
				if c < len(data) {
					x = fuzzWeight(data[c], float)
					c++
				}
				w[i*n+j], w[j*n+i] = x, x
				edges = append(edges, Edge{U: i, V: j, W: x})
			}
		}
		r, err := Dense(context.Background(), n, w, opt)
		if err != nil {
			t.Fatal(err)
		}
		checkFuzzResult(t, n, edges, r, opt, float)
	})
}

func FuzzReadInstance(f *testing.F) {
	f.Add("3 2\n0 1 1.5\n1 2 -inf\n")
	f.Add("0 0\n")
	f.Add("2 1\n0 1 nan\n")
	// Issue 20: hostile headers and weights beyond MaxWeight.
	f.Add("2 1\n0 1 1e308\n")
	f.Add("67108864 0\n")
	f.Add("9223372036854775807 9223372036854775807\n")
	f.Add("4 3\n0 1 8e307\n1 2 1.7e308\n2 3 8e307\n")
	f.Add("4 3\n0 1 4e14\n1 2 1e15\n2 3 4e14\n")
	f.Fuzz(func(t *testing.T, in string) {
		n, edges, err := ReadInstance(stringsReader(in))
		if err != nil || n > 1000 {
			return
		}
		for _, maxcard := range []bool{false, true} {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			r, err := Sparse(ctx, n, edges, Options{MaxCardinality: maxcard})
			cancel()
			if err != nil {
				t.Fatalf("instance read fine but Sparse (maxcard %v) fails: %v", maxcard, err)
			}
			if math.IsInf(r.Total, 0) || math.IsInf(r.DualObjective, 0) || math.IsNaN(r.DualObjective) {
				t.Fatalf("total %v, dual objective %v", r.Total, r.DualObjective)
			}
		}
	})
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
