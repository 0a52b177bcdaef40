package pairengine_test

import (
	"context"
	"fmt"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/matching"
)

// fixedPricer knows every eligible pair of a small roster and prices a
// certificate by checking each one outside the graph (a real Pricer scans
// rows and prunes with bounds).
type fixedPricer struct{ pairs []pairengine.Edge }

func (f fixedPricer) Price(_ context.Context, in pairengine.PriceInput) (pairengine.PriceResult, error) {
	var found []pairengine.Violation
	for _, e := range f.pairs {
		if in.Graph.Has(e.U, e.V) {
			continue
		}
		s := in.Res.VertexDual[e.U] + in.Res.VertexDual[e.V] - float64(e.Q) - in.C
		if s < pairengine.SlackMargin {
			found = append(found, pairengine.Violation{E: e, Slack: s})
		}
	}
	kept, n := pairengine.Quota([][]pairengine.Violation{found}, 2, nil)
	return pairengine.PriceResult{Kept: kept, NViol: n, Full: true, Verified: make([]bool, in.Graph.N)}, nil
}

func (fixedPricer) LowSide(context.Context, *matching.Result, float64, int) ([]pairengine.Edge, error) {
	return nil, nil
}

// Match starts from one candidate pair of four people and lets pricing
// find the pairs that beat it.
func ExampleMatch() {
	all := []pairengine.Edge{{U: 0, V: 1, Q: 5}, {U: 0, V: 2, Q: 4}, {U: 1, V: 3, Q: 4}, {U: 2, V: 3, Q: 1}}
	act := []int{0, 1, 2, 3}
	g := pairengine.NewGraph(4, act, 8)
	g.Add(0, 1, 5)
	g.Link(act)
	res, err := pairengine.Match(context.Background(), g, 6, 12, fixedPricer{all}, pairengine.Config{PricePerEdge: 1})
	if err != nil {
		panic(err)
	}
	fmt.Println("mates:", res.Mate[:4], "pricing rounds:", g.Rounds, "pairs added:", g.Added)
	// Output: mates: [2 3 0 1] pricing rounds: 1 pairs added: 3
}
