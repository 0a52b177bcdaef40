package matching_test

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/peermatch/peermatch/matching"
	"gonum.org/v1/gonum/mat"
)

// A maximum-weight matching of a small graph, its certificate, and pricing
// an edge that was left out of the graph.
func ExampleSparse() {
	edges := []matching.Edge{
		{U: 0, V: 1, W: 6}, {U: 1, V: 2, W: 10}, {U: 2, V: 3, W: 6}, {U: 0, V: 3, W: 1},
	}
	r, err := matching.Sparse(context.Background(), 4, edges, matching.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("mate:", r.Mate, "total:", r.Total)
	fmt.Println("certified:", matching.Verify(4, edges, r, matching.Options{}) == nil)
	// An edge {0, 2} of weight 20 outside the graph would improve the
	// matching: its slack under the certificate is negative.
	fmt.Println("slack of {0,2} at weight 20:", r.Slack(0, 2, 20))
	// Output:
	// mate: [1 0 3 2] total: 12
	// certified: true
	// slack of {0,2} at weight 20: -14
}

// The heaviest matching may leave vertices unmatched; MaxCardinality asks
// for the heaviest among the largest matchings instead.
func ExampleDense() {
	inf := math.Inf(-1)
	w := []float64{
		inf, 2, inf, inf,
		2, inf, 5, inf,
		inf, 5, inf, 2,
		inf, inf, 2, inf,
	}
	r, _ := matching.Dense(context.Background(), 4, w, matching.Options{})
	fmt.Println("max weight:", r.Mate, r.Total)
	r, _ = matching.Dense(context.Background(), 4, w, matching.Options{MaxCardinality: true})
	fmt.Println("max cardinality:", r.Mate, r.Total)
	// Output:
	// max weight: [-1 2 1 -1] 5
	// max cardinality: [1 0 3 2] 4
}

// Instances in the text format of the benchmarks.
func ExampleReadInstance() {
	n, edges, err := matching.ReadInstance(strings.NewReader("3 3\n0 1 1\n1 2 2\n0 2 -inf\n"))
	fmt.Println(n, len(edges), err)
	// Output: 3 3 <nil>
}

// A gonum matrix of weights, such as a score matrix computed with gonum:
// the matching, and the proof that no matching is heavier.
func ExampleSymmetric() {
	w := mat.NewSymDense(4, []float64{
		0, 1, 3, 0,
		1, 0, 0, 2,
		3, 0, 0, 5,
		0, 2, 5, 0,
	})
	r, err := matching.Symmetric(context.Background(), w, matching.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("mate:", r.Mate, "total:", r.Total, "dual bound:", r.DualObjective)
	fmt.Println("slack of {0,2}:", r.Slack(0, 2, w.At(0, 2)))
	// Output:
	// mate: [1 0 3 2] total: 6 dual bound: 6
	// slack of {0,2}: 0
}
