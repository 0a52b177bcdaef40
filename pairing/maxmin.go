package pairing

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/matching"
)

// displayUnits returns the displayed score d (0–100, see problem.display)
// in integer thousandths, the precision Pair.Score and Metrics.Min keep.
func displayUnits(d float64) int64 { return int64(math.Round(d * 1000)) }

// maxmin is the MaxMin strategy. On graph G (every eligible pair up to
// DenseLimit people, the priced candidate graph of Optimal above) it finds
// the maximum cardinality ν, binary-searches the largest displayed score
// t (Pair.Score, in thousandths as the metrics round it) such that the
// pairs whose displayed score is at least t still admit ν pairs, and
// returns the ν-pair matching of those pairs of largest total optimisation
// score (Pair.Weight, quantised). So the worst displayed score,
// Metrics.Min, is the largest any maximum-cardinality matching of G
// reaches: never below Optimal's, whose matching is in G (above
// DenseLimit the search starts at the worst score of Optimal's matching,
// which makes that structural). It takes O(log E) matching solves on at
// most E edges, plus O(E·w) for the displayed scores.
func (p *problem) maxmin(ctx context.Context) ([]int, []string, error) {
	var es []pairengine.Edge
	var opt []int // Optimal's matching, above DenseLimit
	m := len(p.activeList())
	exact := m <= p.set.denseLimit
	var err error
	if exact {
		es, err = p.graph(ctx)
	} else {
		opt, es, _, err = p.optimalSparse(ctx)
	}
	if err != nil {
		return nil, nil, err
	}
	ds := make([]int64, len(es))
	for x, e := range es {
		ds[x] = displayUnits(p.display(e.U, e.V))
	}
	card := func(t int64) (int, error) {
		var in []matching.Edge
		for x, e := range es {
			if ds[x] >= t {
				in = append(in, matching.Edge{U: e.U, V: e.V, W: 1})
			}
		}
		r, err := matching.Sparse(ctx, p.n, in, matching.Options{})
		if err != nil {
			return 0, solverErr(err)
		}
		return int(r.Total + 0.5), nil
	}
	nu, err := card(math.MinInt64)
	if err != nil {
		return nil, nil, err
	}
	levels := slices.Clone(ds)
	slices.Sort(levels)
	levels = slices.Compact(levels)
	lo, hi := 0, len(levels)-1 // levels[lo] is feasible
	if opt != nil {
		// Optimal's matching lies in G and has ν pairs: its worst
		// displayed score is feasible
		worst := int64(math.MaxInt64)
		for i, j := range opt {
			if j > i {
				worst = min(worst, displayUnits(p.display(i, j)))
			}
		}
		if x, ok := slices.BinarySearch(levels, worst); ok {
			lo = x
		}
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		c, err := card(levels[mid])
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
	if len(levels) > 0 {
		t = levels[lo]
	}
	C := p.bigC(m)
	var in []matching.Edge
	for x, e := range es {
		if ds[x] >= t {
			in = append(in, matching.Edge{U: e.U, V: e.V, W: float64(e.Q) + C})
		}
	}
	r, err := matching.Sparse(ctx, p.n, in, matching.Options{})
	if err != nil {
		return nil, nil, solverErr(err)
	}
	mate := p.noMate()
	for i := 0; i < p.n; i++ {
		if j := r.Mate[i]; j >= 0 {
			mate[i] = j
		}
	}
	note := fmt.Sprintf("maxmin: %d pairs, the worst pair's score (%.3f, as shown) maximised, then the total", nu, float64(t)/1000)
	if nu == 0 {
		note = "maxmin: no eligible pair"
	} else if !exact {
		note += " (on the priced candidate graph of Optimal, which holds Optimal's pairs: not every eligible pair)"
	}
	return mate, []string{note}, nil
}
