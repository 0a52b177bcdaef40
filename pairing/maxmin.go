package pairing

import (
	"context"
	"fmt"
	"slices"

	"github.com/peermatch/peermatch/internal/matching"
)

// maxmin is the MaxMin strategy. On graph G (every eligible pair up to
// DenseLimit people, the priced candidate graph of Optimal above) it finds
// the maximum cardinality ν, binary-searches the largest score threshold t
// such that the pairs scoring ≥ t still admit ν pairs, and returns the
// heaviest ν-pair matching of those pairs. It takes O(log E) matching
// solves on at most E edges.
func (p *problem) maxmin(ctx context.Context) ([]int, []string, error) {
	var es []graphEdge
	exact := len(p.activeList()) <= p.set.denseLimit
	if exact {
		var err error
		if es, err = p.graph(ctx); err != nil {
			return nil, nil, err
		}
	} else {
		var err error
		if _, es, _, err = p.optimalSparse(ctx); err != nil {
			return nil, nil, err
		}
	}
	card := func(t int64) (int, error) {
		var in []matching.Edge
		for _, e := range es {
			if e.q >= t {
				in = append(in, matching.Edge{U: e.u, V: e.v, W: 1})
			}
		}
		r, err := matching.Sparse(ctx, p.n, in, matching.Options{})
		if err != nil {
			return 0, matchErr(err)
		}
		return int(r.Total + 0.5), nil
	}
	nu, err := card(0)
	if err != nil {
		return nil, nil, err
	}
	qs := make([]int64, 0, len(es))
	for _, e := range es {
		qs = append(qs, e.q)
	}
	slices.Sort(qs)
	qs = slices.Compact(qs)
	lo, hi := 0, len(qs)-1 // qs[lo] is feasible
	for lo < hi {
		mid := (lo + hi + 1) / 2
		c, err := card(qs[mid])
		if err != nil {
			return nil, nil, err
		}
		if c == nu {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	t := int64(0)
	if len(qs) > 0 {
		t = qs[lo]
	}
	C := p.bigC(len(p.activeList()))
	var in []matching.Edge
	for _, e := range es {
		if e.q >= t {
			in = append(in, matching.Edge{U: e.u, V: e.v, W: float64(e.q) + C})
		}
	}
	r, err := matching.Sparse(ctx, p.n, in, matching.Options{})
	if err != nil {
		return nil, nil, matchErr(err)
	}
	mate := p.noMate()
	for i := 0; i < p.n; i++ {
		if j := r.Mate[i]; j >= 0 {
			mate[i] = j
		}
	}
	note := fmt.Sprintf("maxmin: %d pairs, worst pair score %.5f maximised, then the total", nu, float64(t)/quantum)
	if !exact {
		note += " (on the priced candidate graph of Optimal, not every eligible pair)"
	}
	return mate, []string{note}, nil
}
