package pairing

import (
	"context"
	"math"
	"runtime"
)

// metrics fills res.Metrics. Blocking pairs are counted over every pair up
// to DenseLimit people (O(m²)) and with threshold searches above.
func (p *problem) metrics(ctx context.Context, res *Result, mate []int, third map[int]int) error {
	m := &res.Metrics
	m.Pairs = len(res.Pairs)
	m.Unmatched = len(res.Unmatched)
	m.Rejected = make(map[string]int64)
	for r := RuleSamePerson; r < numRules; r++ {
		if p.rejected[r] > 0 {
			m.Rejected[r.String()] = p.rejected[r]
		}
	}
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
	for x, g := range group {
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
		if len(p.wantS[x]) == 0 {
			continue
		}
		covered := 0
		for _, s := range p.wantS[x] {
			for _, y := range g {
				if y != x && p.have[y][s] > p.have[x][s] {
					covered++
					break
				}
			}
		}
		cov += float64(covered) / float64(len(p.wantS[x]))
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
	count := 0
	if p.n <= p.set.denseLimit {
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
	// Large rosters: a person i whose current score is at least θ_i (the
	// bound on every pair outside the candidate lists) can only block with
	// the partners on i's list; everyone else's row is scored with the
	// streaming row scorer (exact scores only where its bound exceeds what
	// both have now), in parallel: O(r·n·w̄ + n·k) time for r rows.
	return p.blockingRows(ctx, cur, together)
}

// blockingRows counts the blocking pairs {i, j}, i < j, row by row.
func (p *problem) blockingRows(ctx context.Context, cur []int64, together func(i, j int) bool) (int, error) {
	workers := max(1, min(runtime.GOMAXPROCS(0), p.n/64))
	counts := make([]int, workers)
	saved := p.active // pinned people count too
	all := make([]bool, p.n)
	for i := range all {
		all[i] = true
	}
	p.active = all
	defer func() { p.active = saved }()
	p.columns() // built once, before the workers share them
	p.columns4()
	err := parallelRows(ctx, workers, 0, p.n, func(w int) func(i int) {
		rs := newRowScorer(p)
		return func(i int) {
			if c := p.cand; c != nil && saved[i] && cur[i] >= c.theta[i] {
				for x, j := range c.cand[i] {
					if v := c.score[i][x]; int(j) > i && v > cur[i] && v > cur[j] && !together(i, int(j)) {
						counts[w]++
					}
				}
				for x, j := range c.more[i] {
					if v := c.moreScore[i][x]; int(j) > i && v > cur[i] && v > cur[j] && !together(i, int(j)) {
						counts[w]++
					}
				}
				return
			}
			rs.prepare(i)
			for j := i + 1; j < p.n; j++ {
				lim := max(cur[i], cur[j])
				if rs.bound(j) <= lim || rs.out(j) {
					continue
				}
				if v := rs.score(j); v > lim && !together(i, j) && p.eligibleQ(i, j, v) == RuleNone {
					counts[w]++
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
