package pairing

import (
	"math"
	"math/bits"
	"slices"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// teachTo returns TeachInt(i → j) for the row's i and the person j at scan
// position t, in O(w_j): from the packed needs of scan order (sequential
// in a scan) when j has at most pairengine.WantSlots of them, else from the CSR copy.
func (rs *rowScorer) teachTo(j, t int) int32 {
	p := rs.p
	hi := p.TV[rs.i]
	if p.WPK != nil && !p.WLong[t] {
		return pairengine.TeachPacked(p.WPK[pairengine.WantSlots*t:pairengine.WantSlots*t+pairengine.WantSlots:pairengine.WantSlots*t+pairengine.WantSlots], hi)
	}
	a := int32(0)
	off, cs, cc := p.CSROff, p.CSRS, p.CSRC
	for y := off[j]; y < off[j+1]; y++ {
		a += int32(cc[y]) * int32(hi[cs[y]])
	}
	return a
}

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

// rowScorer scores one person i against everyone. prepare computes, in
// O(n·w_i/4) word operations streaming over the have columns of the w_i
// skills i needs (four people a word), how much everyone can teach i;
// bound then gives in O(1) an upper bound on the quantised score of {i, j}
// from that direction alone (Harmonic and Min), and score the exact score
// in O(w_j), with the sparse needs of j. Callers compute score only where
// bound passes their threshold, which skips most of the work when the
// threshold is high; next finds those people four at a time.
type rowScorer struct {
	p      *problem
	cols   [][]uint8
	cols4  [][]uint64
	i      int
	b      []int32  // b[j] = TeachInt(j → i), when !packed
	b4     []uint64 // the same in 16-bit lanes, when packed
	packed bool
	lo, hi int     // scan positions of the grades within the gap of i
	most   int     // the largest possible b[j]
	keys   []int64 // the sample of topHarmonic
	q      []int64
	// score ≤ mul·b[j] + extra; mul < 0 when b gives no bound (OneWay, Sum).
	mul   float64
	extra int64
}

func newRowScorer(p *problem) *rowScorer {
	rs := &rowScorer{p: p, cols: p.Columns(), cols4: p.Columns4(), b: make([]int32, p.n), b4: make([]uint64, (p.n+3)/4), q: make([]int64, p.n), i: -1}
	L3 := teachScale(1) // score units per integer teaching unit
	switch p.set.Mutual {
	case Harmonic: // 2ab/(a+b) < 2b
		rs.mul = 2 * L3 * quantum
	case Min:
		rs.mul = L3 * quantum
	default:
		rs.mul = -1
	}
	return rs
}

// prepare makes i the row of the scorer.
func (rs *rowScorer) prepare(i int) {
	p := rs.p
	rs.i = i
	most := p.MostTaught(i) // the largest possible b[j]
	rs.packed = most <= pairengine.LaneMax
	rs.most = most
	rs.lo, rs.hi = p.gapRange(i)
	if rs.packed {
		b4 := rs.b4
		clear(b4)
		wlo, whi := rs.lo>>2, (rs.hi+3)>>2
		part := b4[wlo:whi]
		for x, s := range p.WantS[i] {
			c := uint64(p.WantC[i][x])
			col := rs.cols4[s][wlo:whi]
			col = col[:len(part)]
			for w, h := range col {
				part[w] += c * h
			}
		}
	} else {
		b := rs.b
		clear(b)
		for x, s := range p.WantS[i] {
			c := int32(p.WantC[i][x])
			col := rs.cols[s][:len(b)]
			for j, h := range col {
				b[j] += c * int32(h)
			}
		}
	}
	rs.extra = 1
	if !p.plain {
		rs.extra = quantise(p.softMax+p.bonus[i]+p.maxBonus) + 1
	}
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

// bj returns TeachInt(j → i).
func (rs *rowScorer) bj(j int) int32 {
	if rs.packed {
		return int32(rs.bAt(int(rs.p.SPos[j])))
	}
	return rs.b[j]
}

// bAt returns TeachInt(j → i) for the person j at scan position t of a
// packed row.
func (rs *rowScorer) bAt(t int) int64 {
	return int64(rs.b4[t>>2] >> (16 * (t & 3)) & 0xffff)
}

// cut returns the largest b such that every j with b[j] ≤ b has
// bound(j) < lim, or −1 (none) — and pairengine.LaneMax when no j passes.
func (rs *rowScorer) cut(lim int64) int64 {
	if rs.mul < 0 {
		return -1
	}
	at := func(b int64) int64 { return int64(rs.mul*float64(b)) + rs.extra }
	t := int64(float64(lim-rs.extra) / rs.mul)
	t = max(min(t, pairengine.LaneMax), -1)
	for t >= 0 && at(t) >= lim {
		t--
	}
	for t < pairengine.LaneMax && at(t+1) < lim {
		t++
	}
	return t
}

// each calls f(j) for every j within the grade gap of i whose bound
// reaches lim() (re-read after every call; a tie may still rank by id),
// in scan order, four people per word test when packed.
func (rs *rowScorer) each(lim func() int64, f func(j int)) {
	p := rs.p
	if !rs.packed || rs.mul < 0 {
		for t := rs.lo; t < rs.hi; t++ {
			j := int(p.SOrder[t])
			if rs.bound(j) >= lim() {
				f(j)
			}
		}
		return
	}
	l := lim()
	cut := rs.cut(l)
	for x := rs.lo >> 2; x < (rs.hi+3)>>2; x++ {
		if cut >= pairengine.LaneMax {
			return
		}
		w := rs.b4[x]
		m := (w + uint64(pairengine.LaneMax-cut)*pairengine.LaneOnes) & pairengine.LaneHigh
		if cut < 0 {
			m = pairengine.LaneHigh
		}
		for m != 0 {
			lane := bits.TrailingZeros64(m) >> 4
			m &= m - 1
			t := 4*x + lane
			if t < rs.lo {
				continue
			}
			if t >= rs.hi {
				return
			}
			f(int(p.SOrder[t]))
			if nl := lim(); nl != l {
				l, cut = nl, rs.cut(nl)
				if cut >= pairengine.LaneMax {
					return
				}
				// drop the remaining lanes of this word that no longer pass
				for mm := m; mm != 0; mm &= mm - 1 {
					ln := bits.TrailingZeros64(mm) >> 4
					if int64(w>>(16*ln)&0xffff) <= cut {
						m &^= pairengine.LaneHigh & (0xffff << (16 * ln))
					}
				}
			}
		}
	}
}

// lazySlack is how many pairs beyond k harmonicTopK keeps before checking
// the rules: the best pairs of a row rarely break one.
const lazySlack = 8

// harmonicTopK returns the k best eligible partners of the row's i, their
// scores and the bound θ of topKOf, for plain Harmonic scores on a packed
// row. It keeps the k + lazySlack best pairs of the row by score alone
// (topHarmonic) and only then applies the rules, best first, counting
// the rejections it meets in rej: when at least k of them are eligible
// they are the k best eligible partners (every pair outside ranks below
// them all), with the rules checked about k times per row instead of at
// every pair that beats the running k-th best. Otherwise (a row with more
// than lazySlack rejections near its top, or one shorter than k) the row
// is scanned again with the rules checked at every visit.
func (rs *rowScorer) harmonicTopK(k int, rej *[numRules]int64) ([]int32, []int64, int64) {
	p, i := rs.p, rs.i
	kk := k + lazySlack
	js, qs, _ := pairengine.TopK(kk, func(limit func() int64, visit func(j int, q int64)) {
		rs.topHarmonic(kk, limit, visit)
	})
	var own [numRules]int64
	n := 0
	for x, j := range js {
		if n == k {
			break
		}
		if r := p.harmonicRule(i, int(j), qs[x]); r != RuleNone {
			own[r]++
			continue
		}
		js[n], qs[n] = j, qs[x]
		n++
	}
	if n < k && len(js) == kk {
		return pairengine.TopK(k, func(limit func() int64, visit func(j int, q int64)) {
			rs.topHarmonic(k, limit, func(j int, q int64) {
				if r := p.harmonicRule(i, j, q); r != RuleNone {
					rej[r]++
					return
				}
				visit(j, q)
			})
		})
	}
	for r, c := range own {
		rej[r] += c
	}
	theta := int64(0)
	if n == k {
		theta = qs[k-1]
	}
	return js[:n:n], qs[:n:n], theta
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

// topHarmonic is the scan of harmonicTopK for plain Harmonic scores on a
// packed row, with the bound test and the score inlined: it visits every
// j of the row (rules unchecked) whose score reaches limit(). It first
// scores a sample — about 2·k of the people who teach i the most, found
// with a histogram of the row — and visits the sample from the best score
// down until limit() exceeds the rest, so that the scan starts with a
// limit near the final k-th best and the bound skips most of the row; the
// sample is not visited again. Beyond the bound from b = TeachInt(j → i),
// a pair is skipped without its O(w_j) sum when even TeachInt(i → j) =
// need(j)·max level of i would score below the limit.
func (rs *rowScorer) topHarmonic(k int, limit func() int64, visit func(j int, q int64)) {
	p, i := rs.p, rs.i
	order, active := p.SOrder, p.active
	needT := p.NeedT
	// the sample: every j of b > sCut in the words before sStop
	sStop, sCut := rs.sampleHarmonic(2*k, limit, visit)
	// TeachInt(i → j) ≤ needT·hmax (the need of j times i's best level),
	// and the score grows with it: a bound that skips the O(w_j) sum
	hmax := p.bestLevel(i)
	l := limit()
	cut := rs.cut(l)
	// cw: the cut of the word, raised by the need bound of its largest
	// need (needCut, recomputed when that need or l changes)
	needMax4 := p.NeedMax4
	lastA, cutA := int64(-1), int64(-1)
	for x := rs.lo >> 2; x < (rs.hi+3)>>2; x++ {
		if cut >= pairengine.LaneMax {
			return
		}
		if a := int64(needMax4[x]) * hmax; a != lastA {
			lastA, cutA = a, pairengine.NeedCut(a, l)
		}
		cw := max(cut, cutA)
		if cw >= pairengine.LaneMax {
			continue
		}
		w := rs.b4[x]
		m := (w + uint64(pairengine.LaneMax-cw)*pairengine.LaneOnes) & pairengine.LaneHigh
		if cw < 0 {
			m = pairengine.LaneHigh
		}
		for m != 0 {
			lane := bits.TrailingZeros64(m) >> 4
			m &= m - 1
			t := 4*x + lane
			if t < rs.lo {
				continue
			}
			if t >= rs.hi {
				return
			}
			b := int64(w >> (16 * lane) & 0xffff)
			if x < sStop && b > sCut {
				continue // in the sample
			}
			if pairengine.NeedBelow(int64(needT[t])*hmax, b, l) {
				continue // even TeachInt(i → j) = A scores below l
			}
			j := int(order[t])
			if j == i || !active[j] {
				continue
			}
			v := pairengine.HarmonicAbove(rs.teachTo(j, t), int32(b), l)
			if v < l {
				continue
			}
			visit(j, v)
			if nl := limit(); nl != l {
				l, cut = nl, rs.cut(nl)
				if cut >= pairengine.LaneMax {
					return
				}
				cutA = pairengine.NeedCut(lastA, l)
				cw := max(cut, cutA)
				for mm := m; mm != 0; mm &= mm - 1 {
					ln := bits.TrailingZeros64(mm) >> 4
					if int64(w>>(16*ln)&0xffff) <= cw {
						m &^= pairengine.LaneHigh & (0xffff << (16 * ln))
					}
				}
			}
		}
	}
}

// harmonic returns the plain Harmonic quantised score of {i, j}, j at scan
// position t, given b = TeachInt(j → i), computing TeachInt(i → j) in O(w_j).
func (rs *rowScorer) harmonic(j, t int, b int32) int64 {
	if a := rs.teachTo(j, t); a > 0 && b > 0 {
		return pairengine.Harmonic(a, b)
	}
	return 0
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

// sampleHarmonic scores about size people of the row with the largest
// b = TeachInt(j → i) (a 256-bucket histogram of b picks the threshold;
// at most 4·size are taken, in scan order) and visits them by score,
// highest first (ties by index), while the score reaches limit(). The
// sample is every j of the row with b > cut in the words before stop
// (stop = 0: no sample); every person of it that is not visited scores
// below limit(), so the caller may skip them all. O(n/4 + size·(w + log size)).
func (rs *rowScorer) sampleHarmonic(size int, limit func() int64, visit func(j int, v int64)) (stop int, cut int64) {
	p, i := rs.p, rs.i
	if size <= 0 || rs.hi-rs.lo <= 2*size {
		return 0, 0 // a short row: the scan alone is as fast
	}
	shift := 0
	for rs.most>>shift >= 256 {
		shift++
	}
	var hist [256]int32
	wlo, whi := rs.lo>>2, (rs.hi+3)>>2
	for _, w := range rs.b4[wlo:whi] {
		hist[(w&0xffff)>>shift]++
		hist[(w>>16&0xffff)>>shift]++
		hist[(w>>32&0xffff)>>shift]++
		hist[(w>>48)>>shift]++
	}
	top, got := 255, int32(0)
	for ; top > 0; top-- {
		if got += hist[top]; got >= int32(size) {
			break
		}
	}
	cut = int64(top<<shift) - 1 // take b > cut
	if cut < 0 {
		return 0, 0 // no threshold: the sample would be the whole row
	}
	keys := rs.keys[:0]
	order, active := p.SOrder, p.active
	m4 := uint64(pairengine.LaneMax-cut) * pairengine.LaneOnes
	x := wlo
	for ; x < whi && len(keys) < 4*size; x++ {
		w := rs.b4[x]
		for m := (w + m4) & pairengine.LaneHigh; m != 0; m &= m - 1 {
			lane := bits.TrailingZeros64(m) >> 4
			t := 4*x + lane
			if t < rs.lo || t >= rs.hi {
				continue
			}
			j := int(order[t])
			if j == i || !active[j] {
				continue
			}
			v := rs.harmonic(j, t, int32(w>>(16*lane)&0xffff))
			// highest score first, then lowest index: v < 2³¹ (v ≤
			// 2·pairengine.LaneMax/MaxLevel³·quantum) and j < 2³²
			keys = append(keys, v<<32|int64(math.MaxUint32-uint32(j)))
		}
	}
	rs.keys = keys
	stop = x
	slices.Sort(keys)
	for y := len(keys) - 1; y >= 0; y-- {
		v, j := keys[y]>>32, int(math.MaxUint32-uint32(keys[y]))
		if v < limit() {
			break
		}
		visit(j, v)
	}
	return stop, cut
}

// out reports whether j is i, inactive, or beyond the grade gap of i.
func (rs *rowScorer) out(j int) bool {
	p := rs.p
	if j == rs.i || !p.active[j] {
		return true
	}
	return !p.set.gap.allows(p.Grade[j], p.Grade[rs.i])
}

// bound returns an upper bound on the quantised score of {i, j}.
func (rs *rowScorer) bound(j int) int64 {
	if rs.mul < 0 {
		return math.MaxInt64
	}
	return int64(rs.mul*float64(rs.bj(j))) + rs.extra
}

// score returns the quantised score of {i, j}, equal to p.qscore(i, j).
func (rs *rowScorer) score(j int) int64 {
	p := rs.p
	hi := p.TV[rs.i]
	off, cs, cc := p.CSROff, p.CSRS, p.CSRC
	t := int32(0)
	for x := off[j]; x < off[j+1]; x++ {
		t += int32(cc[x]) * int32(hi[cs[x]])
	}
	m := p.set.Mutual.combine(teachScale(t), teachScale(rs.bj(j)))
	switch {
	case m <= 0:
		return 0
	case p.plain:
		return quantise(m)
	}
	return quantise(p.adjust(rs.i, j, m))
}

// eligible is p.eligible(i, j), with the exchange rule answered from the
// row: at once when j teaches i nothing under Harmonic or Min.
func (rs *rowScorer) eligible(j int) Rule {
	p := rs.p
	if r := p.rule(rs.i, j); r != RuleNone || p.set.AllowNoExchange {
		return r
	}
	if rs.bj(j) == 0 && (p.set.Mutual == Harmonic || p.set.Mutual == Min) {
		return RuleNothingToExchange
	}
	return p.exchange(rs.i, j, rs.score(j))
}

// row fills and returns q: q[j] is the quantised score of {i, j} for every
// active j ≠ i within the grade gap, and −1 otherwise. Other rules are not
// checked. It takes O(n·(w_i + w̄)) time, w̄ being the mean number of
// needed skills.
func (rs *rowScorer) row(i int) []int64 {
	rs.prepare(i)
	q := rs.q
	for j := range q {
		if rs.out(j) {
			q[j] = -1
		} else {
			q[j] = rs.score(j)
		}
	}
	return q
}
