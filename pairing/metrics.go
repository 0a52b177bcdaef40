package pairing

import (
	"context"
	"math"
	"slices"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// metrics fills res.Metrics. Blocking pairs are counted over every pair up
// to DenseLimit people (O(m²)) and with threshold searches above.
func (p *problem) metrics(ctx context.Context, res *Result, mate []int, third map[int]int) error {
	m := &res.Metrics
	m.Pairs = len(res.Pairs)
	m.Unmatched = len(res.Unmatched)
	m.Rejected = p.rejectedCounts()
	m.Min = math.Inf(1)
	var sumScore, sumEq float64
	var nEq int
	group := make(map[int][]int) // person → group members (self included)
	for a, b := range mate {
		if b < a {
			continue
		}
		g := []int{a, b}
		if c, ok := third[a]; ok {
			g = append(g, c)
			m.Trios++
		}
		for _, x := range g {
			group[x] = g
		}
	}
	for _, pr := range res.Pairs {
		m.Total += pr.Weight
		sumScore += pr.Score
		m.Min = math.Min(m.Min, pr.Score)
	}
	seenG := make(map[int]bool)
	var cov float64
	var nCov int
	// by person, not map order: the float sums must not depend on it
	for x := 0; x < p.n; x++ {
		g, ok := group[x]
		if !ok {
			continue
		}
		if !seenG[g[0]] {
			seenG[g[0]] = true
			for u := 0; u < len(g); u++ {
				for v := u + 1; v < len(g); v++ {
					a, b := p.teach(g[u], g[v]), p.teach(g[v], g[u])
					if a+b > 0 {
						sumEq += math.Abs(a-b) / (a + b)
					}
					nEq++
				}
			}
		}
		if len(p.WantS[x]) == 0 {
			continue
		}
		cov += float64(p.wantsCovered(x, g)) / float64(len(p.WantS[x]))
		nCov++
	}
	m.Matched = len(group)
	if m.Pairs > 0 {
		m.Mean = round3(sumScore / float64(m.Pairs))
		m.Min = round3(m.Min)
	} else {
		m.Min = 0
	}
	if nEq > 0 {
		m.Equity = round3(sumEq / float64(nEq))
	}
	if nCov > 0 {
		m.WantCoverage = round3(cov / float64(nCov))
	}
	m.Total = round5(m.Total)
	bp, err := p.blocking(ctx, group)
	if err != nil {
		return err
	}
	m.BlockingPairs = bp
	return nil
}

// blocking counts blocking pairs: eligible {i, j} in different groups with
// q(i, j) greater than what each gets now (the best score with a group
// member, −1 without one).
func (p *problem) blocking(ctx context.Context, group map[int][]int) (int, error) {
	cur := make([]int64, p.n)
	for i := range cur {
		cur[i] = -1
		for _, y := range group[i] {
			if y != i {
				cur[i] = max(cur[i], p.qscore(i, y))
			}
		}
	}
	together := func(i, j int) bool {
		for _, y := range group[i] {
			if y == j {
				return true
			}
		}
		return false
	}
	if p.n <= p.set.denseLimit {
		return p.blockingDense(ctx, cur, together)
	}
	// Large rosters: a person i whose current score is at least θ_i (the
	// bound on every pair outside the candidate lists) can only block with
	// the partners on i's lists; the rows of everyone else are scored with
	// the streaming row scorer against the others like them (exact scores
	// only where its bound exceeds what both have now), in parallel:
	// O(r·(n·w_i/4 + r·w̄) + n·k) time for r such rows.
	return p.blockingRows(ctx, cur, together)
}

// blockingDense counts the blocking pairs by testing every pair: O(n²·w).
func (p *problem) blockingDense(ctx context.Context, cur []int64, together func(i, j int) bool) (int, error) {
	count := 0
	for i := 0; i < p.n; i++ {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		for j := i + 1; j < p.n; j++ {
			if together(i, j) || p.eligible(i, j) != RuleNone {
				continue
			}
			if q := p.qscore(i, j); q > cur[i] && q > cur[j] {
				count++
			}
		}
	}
	return count, nil
}

// blockingRows counts the blocking pairs {i, j}, i < j. A person whose
// current score cur reaches θ (settled) blocks only with partners on their
// lists: such pairs are counted from those lists, once (from the smaller
// index when both are settled); the pairs of two unsettled people are
// counted by scanning the row of the smaller index over the unsettled
// people within its grade gap. Pinned people (inactive) are on nobody's
// lists: their rows are scanned over everyone within the gap.
func (p *problem) blockingRows(ctx context.Context, cur []int64, together func(i, j int) bool) (int, error) {
	workers := pairengine.Workers(p.n)
	counts := make([]int, workers)
	saved := p.active // pinned people count too
	all := make([]bool, p.n)
	for i := range all {
		all[i] = true
	}
	p.active = all
	defer func() { p.active = saved }()
	p.Columns() // built once, before the workers share them
	p.Columns4()
	c := p.cand
	settled := make([]bool, p.n)
	var open []int32           // scan positions of the unsettled people, ascending
	curT := make([]int64, p.n) // cur by scan position, read in order
	for t, j := range p.SOrder {
		curT[t] = cur[j]
		settled[j] = c != nil && saved[j] && cur[j] >= c.theta[j]
		if !settled[j] {
			open = append(open, int32(t))
		}
	}
	// nobody's eligible partner can be in no blocking pair: their rows are
	// skipped, and so are they in the others' rows
	// (barrenSet speaks of the active people: with pins, skip nobody)
	barren := p.barrenSet()
	if barren == nil || len(p.pinned) > 0 {
		barren = make([]bool, p.n)
	}
	plainZero := p.plain && !p.set.AllowNoExchange // a score of 0: nothing to exchange
	err := pairengine.Rows(ctx, workers, 0, p.n, func(w int) func(i int) {
		rs := newRowScorer(p)
		return func(i int) {
			if barren[i] {
				return
			}
			if settled[i] {
				count := func(js []int32, qs []int64) {
					for x, j := range js {
						if v := qs[x]; (int(j) > i || !settled[j]) && v > cur[i] && v > cur[j] && !together(i, int(j)) {
							counts[w]++
						}
					}
				}
				count(c.cand[i], c.score[i])
				count(c.more[i], c.moreScore[i])
				return
			}
			rs.prepare(i)
			harmonic := rs.Packed() && p.plain && p.set.Mutual == Harmonic
			hmax := p.bestLevel(i)
			// try counts {i, j}, j ≠ i at scan position t within the
			// grade gap of i, when it blocks
			try := func(j, t int) {
				if barren[j] {
					return
				}
				lim := max(cur[i], curT[t])
				var v int64
				if harmonic {
					b := rs.TaughtAt(t)
					// even TeachInt(i → j) = need(j)·hmax scores at most
					// lim (this also covers rs.Bound(j) ≤ lim: 1600·b ≤ lim)
					if pairengine.NeedBelow(int64(p.NeedT[t])*hmax, b, lim+1) {
						return
					}
					// −1 when provably at most lim: no division
					v = pairengine.HarmonicAbove(rs.TeachTo(j, t), int32(b), lim+1)
				} else {
					if rs.Bound(j) <= lim {
						return
					}
					v = rs.Score(j)
				}
				if v > lim && (v > 0 || !plainZero) && !together(i, j) && p.eligibleQ(i, j, v) == RuleNone {
					counts[w]++
				}
			}
			if !saved[i] {
				// a pinned person is on nobody's lists: their row meets
				// the settled people too
				lo, hi := rs.Span()
				for t := lo; t < hi; t++ {
					if j := int(p.SOrder[t]); j != i && (settled[j] || j > i) {
						try(j, t)
					}
				}
				return
			}
			lo, hi := rs.Span()
			a, _ := slices.BinarySearch(open, int32(lo))
			b, _ := slices.BinarySearch(open, int32(hi))
			for _, t := range open[a:b] {
				if j := int(p.SOrder[t]); j > i {
					try(j, int(t))
				}
			}
		}
	})
	if err != nil {
		return 0, err
	}
	total := 0
	for _, c := range counts {
		total += c
	}
	return total, nil
}

// wantsCovered returns how many of x's wants someone of by (x itself
// excluded) can teach x. O(w_x·|by|).
func (p *problem) wantsCovered(x int, by []int) int {
	covered := 0
	for _, f := range p.WantS[x] {
		for _, y := range by {
			if y != x && p.TV[y][f] > 0 {
				covered++
				break
			}
		}
	}
	return covered
}

// rejectedCounts returns the rejections per rule name (Metrics.Rejected),
// once the barren rows' counts are in.
func (p *problem) rejectedCounts() map[string]int64 {
	p.joinBarren()
	out := make(map[string]int64)
	for r := RuleSamePerson; r < numRules; r++ {
		if p.rejected[r] > 0 {
			out[r.String()] = p.rejected[r]
		}
	}
	return out
}
