package pairing

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"time"

	"github.com/peermatch/peermatch/internal/matching"
	"github.com/peermatch/peermatch/internal/pairengine"
)

// lowSideEdges returns, for every person i whose dual under res leaves
// s_i = y_i − C/2 below θ_i/2 (pricing scans their rows), the eligible
// ones (up to k) among the k + pairengine.LazySlack partners among those same people
// with the largest q_ij − s_j: the pairs closest to violating the
// certificate (q_ij − s_i − s_j), whether they violate it yet or not.
// Such people end up paired below both partners' candidate lists (their
// best partners prefer others), and these pairs are what pricing would
// otherwise find over many rounds (PEERMATCH_TRACE_LOWSCORE=1 with
// TestTrace measures the ranking; see docs/performance-log.md).
// O(u²·w̄) time for u such people, in parallel.
func (p *problem) lowSideEdges(ctx context.Context, res *matching.Result, act []int, cand *candidates, C float64, k int) ([]pairengine.Edge, error) {
	t0 := time.Now()
	skip := p.settled(cand)
	var low []int
	for _, i := range act {
		if !skip[i] && res.VertexDual[i]-C/2 < float64(cand.theta[i])/2 {
			low = append(low, i)
		}
	}
	// by scan position: the people within i's grade gap are a range
	slices.SortFunc(low, func(a, b int) int { return cmp.Compare(p.SPos[a], p.SPos[b]) })
	lowT := make([]int32, len(low))
	for x, i := range low {
		lowT[x] = p.SPos[i]
	}
	// sLow[y]: ⌊s_j⌋ of j = low[y], read in order by the scans
	sLow := make([]int64, len(low))
	for y, j := range low {
		if !p.tune.lowByScore {
			sLow[y] = int64(math.Floor(res.VertexDual[j] - C/2))
		}
	}
	needLow := make([]int32, len(low)) // needT by low position
	for y, t := range lowT {
		needLow[y] = p.NeedT[t]
	}
	out := make([][]pairengine.Edge, len(low))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(low)/64))
	err := pairengine.Rows(ctx, workers, 0, len(low), func(int) func(x int) {
		rs := newRowScorer(p)
		return func(x int) {
			i := low[x]
			rs.prepare(i)
			lo, hi := rs.Span()
			a, _ := slices.BinarySearch(lowT, int32(lo))
			b, _ := slices.BinarySearch(lowT, int32(hi))
			harmonic := rs.Packed() && p.plain && p.set.Mutual == Harmonic
			hmax := p.bestLevel(i)
			// The rules are checked after the scan, on the k + pairengine.LazySlack
			// best (a heuristic: fewer than k may remain).
			js, _, _ := pairengine.TopK(k+pairengine.LazySlack, func(limit func() int64, visit func(j int, q int64)) {
				top := limit() - lowOff // re-read after a visit only
				for y := a; y < b; y++ {
					j, t := low[y], int(lowT[y])
					// rank by q − s_j: l is the least score that can
					// enter the list
					sj := sLow[y]
					l := max(top+sj, 0)
					var q int64
					if harmonic {
						// l ≥ 1 skips nothing-to-exchange pairs only.
						// With A = need(j)·hmax ≥ TeachInt(i → j), the
						// test also implies rs.Bound(j) ≥ l
						// (1600·b ≥ l − 1).
						l = max(l, 1)
						bj := rs.TaughtAt(t)
						if pairengine.NeedBelow(int64(needLow[y])*hmax, bj, l) {
							continue // even TeachInt(i → j) = A scores below l
						}
						if j == i {
							continue
						}
						// −1 when below l
						if q = pairengine.HarmonicAbove(rs.TeachTo(j, t), int32(bj), l); q < l {
							continue
						}
					} else {
						if j == i || rs.Bound(j) < l {
							continue
						}
						if q = rs.score(j); q < l {
							continue
						}
					}
					visit(j, q-sj+lowOff)
					top = limit() - lowOff
				}
			})
			for _, j := range js {
				if len(out[x]) == k {
					break
				}
				if q := p.qscore(i, int(j)); p.eligibleQ(i, int(j), q) == RuleNone {
					out[x] = append(out[x], pairengine.Edge{U: min(i, int(j)), V: max(i, int(j)), Q: q})
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var es []pairengine.Edge
	for _, o := range out {
		es = append(es, o...)
	}
	p.tracef("  low side: %d people, %d pairs, %v", len(low), len(es), time.Since(t0))
	return es, nil
}

// lowOff keeps the keys q − s_j of lowSideEdges positive for topKOf.
const lowOff = 1 << 40
