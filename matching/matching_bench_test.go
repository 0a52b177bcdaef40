package matching

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

// completeInt returns the weight matrix of a complete graph on n vertices
// with integer weights 1..1000.
func completeInt(n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	w := make([]float64, n*n)
	for i := range n {
		w[i*n+i] = math.Inf(-1)
		for j := i + 1; j < n; j++ {
			x := float64(rng.IntN(1000) + 1)
			w[i*n+j], w[j*n+i] = x, x
		}
	}
	return w
}

// sparseRandom returns a random graph on n vertices with about n·deg/2
// edges of uniform float weights.
func sparseRandom(n, deg int, seed uint64) []Edge {
	rng := rand.New(rand.NewPCG(seed, 2))
	m := n * deg / 2
	edges := make([]Edge, 0, m)
	for len(edges) < m {
		u, v := rng.IntN(n), rng.IntN(n)
		if u != v {
			edges = append(edges, Edge{U: u, V: v, W: rng.Float64()})
		}
	}
	return edges
}

func BenchmarkDense(b *testing.B) {
	for _, n := range []int{100, 300, 1000} {
		w := completeInt(n, 1)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Dense(context.Background(), n, w, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSparse(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		edges := sparseRandom(n, 32, 1)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Sparse(context.Background(), n, edges, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSolveFile times Sparse on the instance file named by the environment
// variable MATCHING_INSTANCE (reading excluded) and logs the total; with
// MATCHING_MAXCARD=1 it solves in MaxCardinality mode and with
// MATCHING_VERIFY=1 it also runs Verify. It is skipped when the variable is
// unset.
func TestSolveFile(t *testing.T) {
	path := os.Getenv("MATCHING_INSTANCE")
	if path == "" {
		t.Skip("MATCHING_INSTANCE not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	n, edges, err := ReadInstance(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{MaxCardinality: os.Getenv("MATCHING_MAXCARD") == "1"}
	cpu0 := cpuTime()
	start := time.Now()
	r, err := Sparse(context.Background(), n, edges, opt)
	el := time.Since(start)
	cpu := cpuTime() - cpu0
	if err != nil {
		t.Fatal(err)
	}
	pairs := 0
	for v, u := range r.Mate {
		if u > v {
			pairs++
		}
	}
	t.Logf("n=%d m=%d total=%v pairs=%d solve_seconds=%.6f cpu_seconds=%.6f", n, len(edges), r.Total, pairs, el.Seconds(), cpu.Seconds())
	if os.Getenv("MATCHING_VERIFY") == "1" {
		if err := Verify(n, edges, r, opt); err != nil {
			t.Fatal(err)
		}
		t.Log("verified")
	}
}
