package pairing

import (
	"context"
	"runtime"

	"github.com/peermatch/peermatch/internal/matching"
)

// lowSideEdges returns, for every person i whose dual under res leaves
// s_i = y_i − C/2 below θ_i/2 (pricing scans their rows), the k best
// eligible partners among those same people. Such people end up paired
// below both partners' candidate lists (their best partners prefer
// others), and these pairs are what pricing would otherwise find over
// many rounds. O(u²·w̄) time for u such people, in parallel.
func (p *problem) lowSideEdges(ctx context.Context, res *matching.Result, act []int, cand *candidates, C float64, k int) ([]graphEdge, error) {
	barren := p.barrenSet()
	var low []int
	for _, i := range act {
		if cand.complete[i] || barren != nil && barren[i] {
			continue
		}
		if res.VertexDual[i]-C/2 < float64(cand.theta[i])/2 {
			low = append(low, i)
		}
	}
	out := make([][]graphEdge, len(low))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(low)/64))
	err := parallelRows(ctx, workers, 0, len(low), func(int) func(x int) {
		rs := newRowScorer(p)
		return func(x int) {
			i := low[x]
			rs.prepare(i)
			js, qs, _ := topKOf(k, func(limit func() int64, visit func(j int, q int64)) {
				for _, j := range low {
					if rs.out(j) || rs.bound(j) < limit() {
						continue
					}
					q := rs.score(j)
					if q < limit() || p.eligibleQ(i, j, q) != RuleNone {
						continue
					}
					visit(j, q)
				}
			})
			for y, j := range js {
				out[x] = append(out[x], graphEdge{min(i, int(j)), max(i, int(j)), qs[y]})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var es []graphEdge
	for _, o := range out {
		es = append(es, o...)
	}
	tracef("  low side: %d people, %d pairs", len(low), len(es))
	return es, nil
}
