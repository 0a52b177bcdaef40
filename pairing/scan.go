package pairing

import (
	"github.com/peermatch/peermatch/internal/pairengine"
)

// barrenSet returns, for every person, whether the exchange rule rejects
// every pair with them: under Harmonic and Min (without AllowNoExchange)
// a pair needs teaching both ways, so a person who needs nothing, or can
// teach nobody active anything they need, is nobody's eligible partner,
// whatever the other rules say. Nil when the rule cannot decide
// it per person. O(n·k) time, computed once.
func (p *problem) barrenSet() []bool {
	if p.barren != nil || p.set.AllowNoExchange || (p.set.Mutual != Harmonic && p.set.Mutual != Min) {
		return p.barren
	}
	wanted := make([]bool, p.KF)
	for j := 0; j < p.n; j++ {
		if p.active[j] {
			for _, s := range p.WantS[j] {
				wanted[s] = true
			}
		}
	}
	barren := make([]bool, p.n)
	for j := 0; j < p.n; j++ {
		teaches := false
		for f, v := range p.TV[j] {
			if v > 0 && wanted[f] {
				teaches = true
				break
			}
		}
		barren[j] = len(p.WantS[j]) == 0 || !teaches
	}
	p.barren = barren
	return barren
}

// rowScorer is the engine's row scorer (pairengine.Row) with pairing's
// rules and scores: the grade gap as its window, the bound of the mutual
// score as its slope, and the soft terms of the row as its extra; Score,
// eligible and Out answer what the engine leaves to the domain. It is the
// pairengine.RowJudge of pricing (Start, Out, Score).
type rowScorer struct {
	*pairengine.Row
	p *problem
	q []int64 // the scores of row
}

// newRowScorer returns a row scorer of p for one goroutine: O(n).
func newRowScorer(p *problem) *rowScorer {
	L3 := teachScale(1) // score units per integer teaching unit
	slope := -1.0       // OneWay and Sum: b bounds nothing
	switch p.set.Mutual {
	case Harmonic: // 2ab/(a+b) < 2b
		slope = 2 * L3 * quantum
	case Min:
		slope = L3 * quantum
	}
	return &rowScorer{Row: pairengine.NewRow(&p.Scores, p.set.gap.span, slope), p: p, q: make([]int64, p.n)}
}

// prepare makes i the row of the scorer, with the soft terms of i's pairs
// in the bound.
func (rs *rowScorer) prepare(i int) {
	p := rs.p
	extra := int64(1)
	if !p.plain {
		extra = quantise(p.softMax+p.bonus[i]+p.maxBonus) + 1
	}
	rs.Prepare(i, extra, p.active)
}

// Start makes i the row and returns it (pairengine.RowJudge).
func (rs *rowScorer) Start(i int) *pairengine.Row {
	rs.prepare(i)
	return rs.Row
}

// gapRange returns the scan positions [lo, hi) of the grades within the
// grade gap of i (ScanOrder must have run).
func (p *problem) gapRange(i int) (lo, hi int) {
	a, b := p.set.gap.span(p.SGrade, p.Grade[i])
	return int(p.SStart[a]), int(p.SStart[b])
}

// rejectBarren counts in rej the rejections of the pairs {i, j} of a
// barren i (see barrenSet) that a row scan meets: every active j ≠ i
// within the grade gap, by the first rule it breaks, else
// RuleNothingToExchange; it keeps i's counts in p.barrenRej (allocated
// before the workers start). O(n) time instead of the scan's O(n·w).
func (p *problem) rejectBarren(i int, rej *[numRules]int64, count []int32) {
	var own [numRules]int64
	if count != nil { // many alike people: count class by class
		c, _ := p.firstRules(i, true, true, count)
		for r, n := range c {
			own[r] = int64(n)
		}
		for r, c := range own {
			rej[r] += c
		}
		if p.barrenRej != nil {
			p.barrenRej[i] = &own
		}
		return
	}
	lo, hi := p.gapRange(i)
	for t := lo; t < hi; t++ {
		j := int(p.SOrder[t])
		if j == i || !p.active[j] {
			continue
		}
		r := p.rule(i, j)
		if r == RuleNone {
			r = RuleNothingToExchange
		}
		own[r]++
	}
	for r, c := range own {
		rej[r] += c
	}
	if p.barrenRej != nil {
		p.barrenRej[i] = &own
	}
}

// harmonicTopK is Row.HarmonicTopK with pairing's rules, counting the
// rejections in rej.
func (rs *rowScorer) harmonicTopK(k int, rej *[numRules]int64) ([]int32, []int64, int64) {
	p, i := rs.p, rs.Person()
	least := int64(1) // a plain score of 0 has nothing to exchange
	if p.set.AllowNoExchange {
		least = 0
	}
	return rs.HarmonicTopK(k, p.bestLevel(i), least, func(j int, q int64) int { return int(p.harmonicRule(i, j, q)) }, rej[:])
}

// harmonicRule is p.eligibleQ for a plain score q: the first rule {i, j}
// breaks, with a score of 0 meaning nothing to exchange.
func (p *problem) harmonicRule(i, j int, q int64) Rule {
	r := p.rule(i, j)
	if r == RuleNone && q == 0 && !p.set.AllowNoExchange {
		r = RuleNothingToExchange // plain scores: 0 iff no exchange
	}
	return r
}

// bestLevel returns i's highest have level among the skills i can teach
// (level ≥ MinTeachLevel), 0 when none: TeachInt(i → j) ≤
// NeedC[j]·bestLevel(i) for every j, since want·MaxLevel·(h − l) ≤
// want·(MaxLevel − l)·h for every level h ≤ MaxLevel above a learner's l.
// O(k).
func (p *problem) bestLevel(i int) int64 {
	m := int64(0)
	for _, h := range p.have[i] {
		if int(h) >= p.set.minTeach {
			m = max(m, int64(h))
		}
	}
	return m
}

// Out reports whether j is i, inactive, or beyond the grade gap of i.
func (rs *rowScorer) Out(j int) bool {
	p := rs.p
	if j == rs.Person() || !p.active[j] {
		return true
	}
	return !p.set.gap.allows(p.Grade[j], p.Grade[rs.Person()])
}

// Score returns the quantised score of {i, j}, equal to p.qscore(i, j).
func (rs *rowScorer) Score(j int) int64 {
	p := rs.p
	hi := p.TV[rs.Person()]
	off, cs, cc := p.CSROff, p.CSRS, p.CSRC
	t := int32(0)
	for x := off[j]; x < off[j+1]; x++ {
		t += int32(cc[x]) * int32(hi[cs[x]])
	}
	m := p.set.Mutual.combine(teachScale(t), teachScale(rs.Taught(j)))
	switch {
	case m <= 0:
		return 0
	case p.plain:
		return quantise(m)
	}
	return quantise(p.adjust(rs.Person(), j, m))
}

// eligible is p.eligible(i, j), with the exchange rule answered from the
// row: at once when j teaches i nothing under Harmonic or Min.
func (rs *rowScorer) eligible(j int) Rule {
	p := rs.p
	if r := p.rule(rs.Person(), j); r != RuleNone || p.set.AllowNoExchange {
		return r
	}
	if rs.Taught(j) == 0 && (p.set.Mutual == Harmonic || p.set.Mutual == Min) {
		return RuleNothingToExchange
	}
	return p.exchange(rs.Person(), j, rs.Score(j))
}

// row fills and returns q: q[j] is the quantised score of {i, j} for every
// active j ≠ i within the grade gap, and −1 otherwise. Other rules are not
// checked. It takes O(n·(w_i + w̄)) time, w̄ being the mean number of
// needed skills.
func (rs *rowScorer) row(i int) []int64 {
	rs.prepare(i)
	q := rs.q
	for j := range q {
		if rs.Out(j) {
			q[j] = -1
		} else {
			q[j] = rs.Score(j)
		}
	}
	return q
}
