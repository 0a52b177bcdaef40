package pairing

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"time"

	"github.com/peermatch/peermatch/internal/matching"
)

// lowSideEdges returns, for every person i whose dual under res leaves
// s_i = y_i − C/2 below θ_i/2 (pricing scans their rows), the k eligible
// partners among those same people with the largest q_ij − s_j: the pairs
// closest to violating the certificate (q_ij − s_i − s_j), whether they
// violate it yet or not. Such people end up paired below both partners'
// candidate lists (their best partners prefer others), and these pairs
// are what pricing would otherwise find over many rounds (100,000 × 200,
// TestTrace: 5 pricing rounds with these, 8 with the k best scores,
// PEERMATCH_TRACE_LOWSCORE=1).
// O(u²·w̄) time for u such people, in parallel.
func (p *problem) lowSideEdges(ctx context.Context, res *matching.Result, act []int, cand *candidates, C float64, k int) ([]graphEdge, error) {
	t0 := time.Now()
	skip := p.settled(cand)
	var low []int
	for _, i := range act {
		if !skip[i] && res.VertexDual[i]-C/2 < float64(cand.theta[i])/2 {
			low = append(low, i)
		}
	}
	// by scan position: the people within i's grade gap are a range
	slices.SortFunc(low, func(a, b int) int { return cmp.Compare(p.spos[a], p.spos[b]) })
	lowT := make([]int32, len(low))
	for x, i := range low {
		lowT[x] = p.spos[i]
	}
	out := make([][]graphEdge, len(low))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(low)/64))
	err := parallelRows(ctx, workers, 0, len(low), func(int) func(x int) {
		rs := newRowScorer(p)
		return func(x int) {
			i := low[x]
			rs.prepare(i)
			a, _ := slices.BinarySearch(lowT, int32(rs.lo))
			b, _ := slices.BinarySearch(lowT, int32(rs.hi))
			harmonic := rs.packed && p.plain && p.set.Mutual == Harmonic
			js, _, _ := topKOf(k, func(limit func() int64, visit func(j int, q int64)) {
				for y := a; y < b; y++ {
					j, t := low[y], int(lowT[y])
					// rank by q − s_j: l is the least score that can
					// enter the list
					sj := int64(math.Floor(res.VertexDual[j] - C/2))
					if lowByScore {
						sj = 0
					}
					l := max(limit()-lowOff+sj, 0)
					if j == i || rs.bound(j) < l {
						continue
					}
					var q int64
					if harmonic {
						// −1 when below max(l, 1): l ≥ 1 skips nothing-to-exchange pairs only
						if q = harmonicAbove(rs.teachTo(j, t), rs.bj(j), max(l, 1)); q < max(l, 1) {
							continue
						}
					} else if q = rs.score(j); q < l {
						continue
					}
					if p.eligibleQ(i, j, q) != RuleNone {
						continue
					}
					visit(j, q-sj+lowOff)
				}
			})
			for _, j := range js {
				out[x] = append(out[x], graphEdge{min(i, int(j)), max(i, int(j)), p.qscore(i, int(j))})
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
	tracef("  low side: %d people, %d pairs, %v", len(low), len(es), time.Since(t0))
	return es, nil
}

// lowOff keeps the keys q − s_j of lowSideEdges positive for topKOf.
const lowOff = 1 << 40
