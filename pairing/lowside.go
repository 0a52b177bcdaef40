package pairing

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/peermatch/peermatch/internal/matching"
	"github.com/peermatch/peermatch/internal/pairengine"
)

// lowSideEdges returns, for every person i whose dual under res leaves
// s_i = y_i − C/2 below θ_i/2 (pricing scans their rows), the eligible
// ones (up to k) among the k + pairengine.LazySlack partners among those
// same people with the largest q_ij − s_j: the pairs closest to violating the
// certificate (q_ij − s_i − s_j), whether they violate it yet or not.
// Such people end up paired below both partners' candidate lists (their
// best partners prefer others), and these pairs are what pricing would
// otherwise find over many rounds (PEERMATCH_TRACE_LOWSCORE=1 with
// TestTrace measures the ranking; see docs/performance-log.md).
// O(u²·w̄) time for u such people, in parallel.
func (p *problem) lowSideEdges(ctx context.Context, res *matching.Result, act []int, cand *candidates, C float64, k int) ([]pairengine.Edge, error) {
	t0 := time.Now()
	ls := p.newLowSide(res, act, cand, C, k)
	out := make([][]pairengine.Edge, len(ls.low))
	err := pairengine.Rows(ctx, pairengine.Workers(len(ls.low)), 0, len(ls.low), func(int) func(x int) {
		rs := newRowScorer(p)
		return func(x int) { out[x] = ls.row(rs, x) }
	})
	if err != nil {
		return nil, err
	}
	var es []pairengine.Edge
	for _, o := range out {
		es = append(es, o...)
	}
	p.tracef("  low side: %d people, %d pairs, %v", len(ls.low), len(es), time.Since(t0))
	return es, nil
}

// lowSide is one pass of lowSideEdges: the people it pairs among, by scan
// position (the people within i's grade gap are a range), with what their
// rows read about them in that order.
type lowSide struct {
	p       *problem
	k       int
	low     []int   // the people, by scan position
	lowT    []int32 // their scan positions
	sLow    []int64 // ⌊s_j⌋ of j = low[y] (0 with tuning.lowByScore)
	needLow []int32 // their NeedT
}

// newLowSide picks the people of act, not settled, whose s = y − C/2
// under res is below θ/2, and lays them out by scan position. O(m log m)
// for m active people.
func (p *problem) newLowSide(res *matching.Result, act []int, cand *candidates, C float64, k int) *lowSide {
	skip := p.settled(cand)
	ls := &lowSide{p: p, k: k}
	for _, i := range act {
		if !skip[i] && res.VertexDual[i]-C/2 < float64(cand.theta[i])/2 {
			ls.low = append(ls.low, i)
		}
	}
	slices.SortFunc(ls.low, func(a, b int) int { return cmp.Compare(p.SPos[a], p.SPos[b]) })
	ls.lowT = make([]int32, len(ls.low))
	ls.sLow = make([]int64, len(ls.low))
	ls.needLow = make([]int32, len(ls.low))
	for y, j := range ls.low {
		t := p.SPos[j]
		ls.lowT[y] = t
		if !p.tune.lowByScore {
			ls.sLow[y] = int64(math.Floor(res.VertexDual[j] - C/2))
		}
		ls.needLow[y] = p.NeedT[t]
	}
	return ls
}

// row returns the low-side pairs of the x-th person: the eligible ones
// (up to k) among the k + pairengine.LazySlack nearest (the rules are
// checked after the scan, on those only: a heuristic, so fewer than k may
// remain).
func (ls *lowSide) row(rs *rowScorer, x int) []pairengine.Edge {
	p, i := ls.p, ls.low[x]
	rs.prepare(i)
	js, _, _ := pairengine.TopK(ls.k+pairengine.LazySlack, func(limit func() int64, visit func(j int, q int64)) {
		ls.scan(rs, limit, visit)
	})
	var out []pairengine.Edge
	for _, j := range js {
		if len(out) == ls.k {
			break
		}
		if q := p.qscore(i, int(j)); p.eligibleQ(i, int(j), q) == RuleNone {
			out = append(out, pairengine.Edge{U: min(i, int(j)), V: max(i, int(j)), Q: q})
		}
	}
	return out
}

// scan visits the low-side people j within the grade gap of the row's i
// by q_ij − s_j + lowOff, where it may reach limit() (rules unchecked).
// O(m) for the m of them in the gap, plus O(w_j) for those the bounds let
// through.
func (ls *lowSide) scan(rs *rowScorer, limit func() int64, visit func(j int, q int64)) {
	p, i := ls.p, rs.Person()
	lo, hi := rs.Span()
	a, _ := slices.BinarySearch(ls.lowT, int32(lo))
	b, _ := slices.BinarySearch(ls.lowT, int32(hi))
	harmonic := rs.Packed() && p.plain && p.set.Mutual == Harmonic
	hmax := p.bestLevel(i)
	top := limit() - lowOff // re-read after a visit only
	for y := a; y < b; y++ {
		j, t := ls.low[y], int(ls.lowT[y])
		// rank by q − s_j: l is the least score that can enter the list
		sj := ls.sLow[y]
		l := max(top+sj, 0)
		var q int64
		if harmonic {
			// l ≥ 1 skips nothing-to-exchange pairs only. With
			// A = need(j)·hmax ≥ TeachInt(i → j), the test also implies
			// rs.Bound(j) ≥ l (1600·b ≥ l − 1).
			l = max(l, 1)
			bj := rs.TaughtAt(t)
			if pairengine.NeedBelow(int64(ls.needLow[y])*hmax, bj, l) {
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
			if q = rs.Score(j); q < l {
				continue
			}
		}
		visit(j, q-sj+lowOff)
		top = limit() - lowOff
	}
}

// lowOff keeps the keys q − s_j of lowSideEdges positive, as
// pairengine.TopK needs (its limit is −1 until it holds k).
const lowOff = 1 << 40
