package pairengine

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/peermatch/peermatch/matching"
)

// lowOff keeps the keys q − s_j of LowSide positive, as TopK needs (its
// limit is −1 until it holds k).
const lowOff = 1 << 40

// LowSide returns, for every person i of spec.Act, not skipped, whose
// dual under res leaves s_i = y_i − C/2 below θ_i/2 (pricing scans their
// rows), the eligible ones (up to k) among the k + LazySlack partners
// among those same people with the largest q_ij − s_j (q_ij alone with
// spec.LowByScore): the pairs closest to violating the certificate
// (q_ij − s_i − s_j), whether they violate it yet or not. Such people end
// up paired below both partners' candidate lists (their best partners
// prefer others), and these pairs are what pricing would otherwise find
// over many rounds (docs/performance-log.md). The rules are checked after
// the scan, on the k + LazySlack nearest only (a heuristic: fewer than k
// may remain). O(u²·w̄) time for u such people, in parallel;
// deterministic.
func LowSide(ctx context.Context, res *matching.Result, C float64, k int, spec RoundSpec, judge RoundJudge) ([]Edge, error) {
	t0 := time.Now()
	ls := newLowSide(res, C, k, spec, judge)
	out := make([][]Edge, len(ls.low))
	err := Rows(ctx, Workers(len(ls.low)), 0, len(ls.low), func(int) func(x int) {
		rj := judge.NewRow()
		return func(x int) { out[x] = ls.row(rj, x) }
	})
	if err != nil {
		return nil, err
	}
	var es []Edge
	for _, o := range out {
		es = append(es, o...)
	}
	if spec.Trace != nil {
		spec.Trace("  low side: %d people, %d pairs, %v", len(ls.low), len(es), time.Since(t0))
	}
	return es, nil
}

// lowSide is one pass of LowSide: the people it pairs among, by scan
// position (the people within i's grade window are a range), with what
// their rows read about them in that order.
type lowSide struct {
	spec    RoundSpec
	judge   RoundJudge
	k       int
	low     []int   // the people, by scan position
	lowT    []int32 // their scan positions
	sLow    []int64 // ⌊s_j⌋ of j = low[y] (0 with LowByScore)
	needLow []int32 // their NeedT
}

// newLowSide picks the people of spec.Act, not skipped, whose
// s = y − C/2 under res is below θ/2, and lays them out by scan position.
// O(m log m) for m people.
func newLowSide(res *matching.Result, C float64, k int, spec RoundSpec, judge RoundJudge) *lowSide {
	sc := spec.Scores
	ls := &lowSide{spec: spec, judge: judge, k: k}
	for _, i := range spec.Act {
		if !spec.Skip[i] && res.VertexDual[i]-C/2 < float64(spec.Theta[i])/2 {
			ls.low = append(ls.low, i)
		}
	}
	slices.SortFunc(ls.low, func(a, b int) int { return cmp.Compare(sc.SPos[a], sc.SPos[b]) })
	ls.lowT = make([]int32, len(ls.low))
	ls.sLow = make([]int64, len(ls.low))
	ls.needLow = make([]int32, len(ls.low))
	for y, j := range ls.low {
		t := sc.SPos[j]
		ls.lowT[y] = t
		if !spec.LowByScore {
			ls.sLow[y] = int64(math.Floor(res.VertexDual[j] - C/2))
		}
		ls.needLow[y] = sc.NeedT[t]
	}
	return ls
}

// row returns the low-side pairs of the x-th person: the eligible ones
// (up to k) among the k + LazySlack nearest.
func (ls *lowSide) row(rj RowJudge, x int) []Edge {
	i := ls.low[x]
	row := rj.Start(i)
	js, _, _ := TopK(ls.k+LazySlack, func(limit func() int64, visit func(j int, q int64)) {
		ls.scan(rj, row, limit, visit)
	})
	var out []Edge
	for _, j := range js {
		if len(out) == ls.k {
			break
		}
		if q := ls.judge.Score(i, int(j)); ls.judge.Eligible(i, int(j), q) {
			out = append(out, Edge{U: min(i, int(j)), V: max(i, int(j)), Q: q})
		}
	}
	return out
}

// scan visits the low-side people j within the grade window of the row's
// i by q_ij − s_j + lowOff, where it may reach limit() (rules unchecked).
// O(m) for the m of them in the window, plus O(w_j) for those the bounds
// let through.
func (ls *lowSide) scan(rj RowJudge, row *Row, limit func() int64, visit func(j int, q int64)) {
	i := row.Person()
	lo, hi := row.Span()
	a, _ := slices.BinarySearch(ls.lowT, int32(lo))
	b, _ := slices.BinarySearch(ls.lowT, int32(hi))
	harmonic := row.Packed() && ls.spec.PlainHarmonic
	hmax := ls.judge.Best(i)
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
			// row.Bound(j) ≥ l (1600·b ≥ l − 1).
			l = max(l, 1)
			bj := row.TaughtAt(t)
			if NeedBelow(int64(ls.needLow[y])*hmax, bj, l) {
				continue // even TeachInt(i → j) = A scores below l
			}
			if j == i {
				continue
			}
			// −1 when below l
			if q = HarmonicAbove(row.TeachTo(j, t), int32(bj), l); q < l {
				continue
			}
		} else {
			if j == i || row.Bound(j) < l {
				continue
			}
			if q = rj.Score(j); q < l {
				continue
			}
		}
		visit(j, q-sj+lowOff)
		top = limit() - lowOff
	}
}
