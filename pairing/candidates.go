package pairing

import (
	"context"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/skills"
)

// index is the inverted index of a problem: for every teaching feature
// (a skill at a learner's level, see Scores.TV) and grade, the active
// people who can teach it (by teaching value, highest first) and the
// active people who need it (by want, highest first).
type index struct {
	grades  []int // distinct grades, ascending
	gi      []int // canonical person → position in grades
	g       int
	haveP   [][]int32 // [f*g+gi] people with tv > 0
	haveV   [][]float64
	wantP   [][]int32 // [f*g+gi] people who need feature f
	wantV   [][]float64
	maxWant int // the largest number of skills one person needs
}

// newIndex builds the inverted index in O(n·kf + E log E) time, E being
// the number of non-zero teaching values and needs.
func (p *problem) newIndex() *index {
	ix := &index{gi: make([]int, p.n)}
	for c := 0; c < p.n; c++ {
		ix.grades = append(ix.grades, p.ppl[c].Grade)
	}
	slices.Sort(ix.grades)
	ix.grades = slices.Compact(ix.grades)
	ix.g = len(ix.grades)
	for c := 0; c < p.n; c++ {
		ix.gi[c] = sort.SearchInts(ix.grades, p.ppl[c].Grade)
	}
	nl := p.KF * ix.g
	ix.haveP, ix.haveV = make([][]int32, nl), make([][]float64, nl)
	ix.wantP, ix.wantV = make([][]int32, nl), make([][]float64, nl)
	for c := 0; c < p.n; c++ {
		if !p.active[c] {
			continue
		}
		g := ix.gi[c]
		for f, v := range p.TV[c] {
			if v > 0 {
				l := f*ix.g + g
				ix.haveP[l] = append(ix.haveP[l], int32(c))
			}
		}
		for _, s := range p.WantS[c] {
			l := int(s)*ix.g + g
			ix.wantP[l] = append(ix.wantP[l], int32(c))
		}
		ix.maxWant = max(ix.maxWant, len(p.WantS[c]))
	}
	for l := 0; l < nl; l++ {
		s := l / ix.g
		hp := ix.haveP[l]
		sort.SliceStable(hp, func(a, b int) bool { return p.TV[hp[a]][s] > p.TV[hp[b]][s] })
		ix.haveV[l] = make([]float64, len(hp))
		for x, c := range hp {
			ix.haveV[l][x] = float64(p.TV[c][s]) / (skills.MaxLevel * skills.MaxLevel)
		}
		wp := ix.wantP[l]
		wv := make([]float64, len(wp))
		for x, c := range wp {
			wv[x] = p.NeedOf(int(c), s)
		}
		order := make([]int, len(wp))
		for x := range order {
			order[x] = x
		}
		sort.SliceStable(order, func(a, b int) bool { return wv[order[a]] > wv[order[b]] })
		ix.wantP[l] = make([]int32, len(wp))
		ix.wantV[l] = make([]float64, len(wp))
		for x, o := range order {
			ix.wantP[l][x], ix.wantV[l][x] = wp[o], wv[o]
		}
	}
	return ix
}

// allowedGrades returns the grade positions person c may be paired with.
func (ix *index) allowedGrades(p *problem, c int, buf []int) []int {
	buf = buf[:0]
	lo, hi := p.set.gap.span(ix.grades, p.ppl[c].Grade)
	for g := lo; g < hi; g++ {
		buf = append(buf, g)
	}
	return buf
}

// candidates holds for every active person the best partners found, best
// first (cand, for the candidate graph), the next best (more, a reserve
// that pricing checks from the stored scores), and theta, an upper bound
// on the quantised score of every eligible pair {i, j} with j in neither
// cand[i] nor more[i]. complete[i] reports that the search found fewer
// partners than it looked for, so cand[i] and more[i] hold every eligible
// partner of i.
type candidates struct {
	cand      [][]int32
	score     [][]int64
	more      [][]int32
	moreScore [][]int64
	theta     []int64
	complete  []bool
	settled   []bool // see problem.settled
}

// settled returns, for every person, whether pricing never scans their
// row: they are nobody's eligible partner (barrenSet), or their lists are
// complete, so that every eligible pair with them is in the candidate
// graph or the reserve. Computed once per candidate set, O(n).
func (p *problem) settled(c *candidates) []bool {
	if c.settled != nil {
		return c.settled
	}
	s := make([]bool, p.n)
	barren := p.barrenSet()
	for i := range s {
		s[i] = c.complete[i] || barren != nil && barren[i]
	}
	c.settled = s
	return s
}

// scanList is one sorted list of the threshold search.
type scanList struct {
	people []int32
	vals   []float64
	mult   float64
	pos    int
	group  int // the skill group (side and skill) it belongs to
	side   int // 0: A teaches (people who need a skill i has); 1: B teaches
}

func (l *scanList) frontier() float64 {
	if l.pos >= len(l.people) {
		return 0
	}
	return l.mult * l.vals[l.pos]
}

// searcher runs threshold searches for one goroutine.
type searcher struct {
	p      *problem
	ix     *index
	stamp  []int32
	lists  []scanList
	heaps  [2][]int // list positions, max-heap by frontier
	gmax   []float64
	gside  []int
	glists [][]int
	sum    [2]float64
	grades []int
	rej    [numRules]int64
}

func newSearcher(p *problem, ix *index) *searcher {
	st := make([]int32, p.n)
	for i := range st {
		st[i] = -1
	}
	return &searcher{p: p, ix: ix, stamp: st}
}

func (s *searcher) less(h []int, a, b int) bool {
	fa, fb := s.lists[h[a]].frontier(), s.lists[h[b]].frontier()
	if fa != fb {
		return fa > fb
	}
	return h[a] < h[b]
}

func (s *searcher) down(side, x int) {
	h := s.heaps[side]
	for {
		c := 2*x + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && s.less(h, c+1, c) {
			c++
		}
		if !s.less(h, c, x) {
			return
		}
		h[c], h[x] = h[x], h[c]
		x = c
	}
}

// setup prepares the lists of person i.
func (s *searcher) setup(i int) {
	p, ix := s.p, s.ix
	s.lists = s.lists[:0]
	s.gmax, s.gside = s.gmax[:0], s.gside[:0]
	for x := range s.glists {
		s.glists[x] = s.glists[x][:0]
	}
	s.grades = ix.allowedGrades(p, i, s.grades)
	addGroup := func(side int) int {
		g := len(s.gmax)
		s.gmax = append(s.gmax, 0)
		s.gside = append(s.gside, side)
		if g >= len(s.glists) {
			s.glists = append(s.glists, nil)
		}
		return g
	}
	for x, sk := range p.WantS[i] { // B teaches i: people who have what i needs
		g := addGroup(1)
		for _, gr := range s.grades {
			l := int(sk)*ix.g + gr
			if len(ix.haveP[l]) > 0 {
				s.glists[g] = append(s.glists[g], len(s.lists))
				s.lists = append(s.lists, scanList{people: ix.haveP[l], vals: ix.haveV[l], mult: p.WantU[i][x], group: g, side: 1})
			}
		}
	}
	for sk, h := range p.TV[i] { // i teaches A: people who need what i can teach
		if h == 0 {
			continue
		}
		g := -1
		for _, gr := range s.grades {
			l := sk*ix.g + gr
			if len(ix.wantP[l]) > 0 {
				if g < 0 {
					g = addGroup(0)
				}
				s.glists[g] = append(s.glists[g], len(s.lists))
				s.lists = append(s.lists, scanList{people: ix.wantP[l], vals: ix.wantV[l], mult: float64(h) / (skills.MaxLevel * skills.MaxLevel), group: g, side: 0})
			}
		}
	}
	s.heaps[0], s.heaps[1] = s.heaps[0][:0], s.heaps[1][:0]
	for x := range s.lists {
		side := s.lists[x].side
		s.heaps[side] = append(s.heaps[side], x)
	}
	for side := 0; side < 2; side++ {
		for x := len(s.heaps[side])/2 - 1; x >= 0; x-- {
			s.down(side, x)
		}
	}
	s.sum = [2]float64{}
	for g := range s.gmax {
		s.regroup(g)
	}
}

// regroup recomputes the largest frontier of group g.
func (s *searcher) regroup(g int) {
	m := 0.0
	for _, l := range s.glists[g] {
		m = max(m, s.lists[l].frontier())
	}
	s.sum[s.gside[g]] += m - s.gmax[g]
	s.gmax[g] = m
}

// bounds returns upper bounds on teach(i→j) and teach(j→i) for any j not
// yet seen.
func (s *searcher) bounds() (a, b float64) {
	b = max(s.sum[1], 0)
	a = max(s.sum[0], 0)
	if h := s.heaps[0]; len(h) > 0 {
		a = min(a, float64(s.ix.maxWant)*s.lists[h[0]].frontier())
	} else {
		a = 0
	}
	if len(s.heaps[1]) == 0 {
		b = 0
	}
	return a * (1 + 1e-9), b * (1 + 1e-9)
}

// next pops the next person from the lists of side, or returns -1.
func (s *searcher) next(side int) int {
	h := s.heaps[side]
	if len(h) == 0 {
		return -1
	}
	l := &s.lists[h[0]]
	j := int(l.people[l.pos])
	l.pos++
	if l.pos >= len(l.people) {
		h[0] = h[len(h)-1]
		s.heaps[side] = h[:len(h)-1]
	}
	if len(s.heaps[side]) > 0 {
		s.down(side, 0)
	}
	s.regroup(l.group)
	return j
}

// search visits every active j ≠ i whose pair with i might score above the
// threshold returned by limit (re-read after each visit), calling visit with
// j, the rule it breaks (RuleNone when eligible) and its quantised score
// (only when eligible). It stops when no unvisited j can score above the
// threshold. Rejections are counted in s.rej.
//
// Each step costs O(log L) for the L lists of i (one per skill i has or
// needs and allowed grade), plus the eligibility test and the O(w) score.
func (s *searcher) search(i int, limit func() int64, visit func(j int, q int64)) {
	p := s.p
	s.setup(i)
	s.stamp[i] = int32(i)
	for {
		a, b := s.bounds()
		if quantise(p.scoreBound(i, a, b)) <= limit() {
			return
		}
		var side int
		switch {
		case len(s.heaps[0]) == 0 && len(s.heaps[1]) == 0:
			return
		case len(s.heaps[0]) == 0:
			side = 1
		case len(s.heaps[1]) == 0:
			side = 0
		case p.set.Mutual == Harmonic || p.set.Mutual == Min:
			// both directions must be large: shrink the smaller bound
			if b <= a {
				side = 1
			}
		default:
			if b > a {
				side = 1
			}
		}
		j := s.next(side)
		if j < 0 || s.stamp[j] == int32(i) {
			continue
		}
		s.stamp[j] = int32(i)
		r := p.rule(i, j)
		var q int64
		if r == RuleNone {
			q = p.qscore(i, j)
			r = p.exchange(i, j, q)
		}
		if r != RuleNone {
			s.rej[r]++
			continue
		}
		visit(j, q)
	}
}

// topK returns the k best eligible partners of i (quantised score, then
// canonical index) and a bound on the score of every other eligible pair,
// with the threshold search.
func (s *searcher) topK(i, k int) ([]int32, []int64, int64) {
	return pairengine.TopK(k, func(limit func() int64, visit func(j int, q int64)) { s.search(i, limit, visit) })
}

// scanTopK is topK by scoring i against everyone with rs (exact scores
// only where the bound of rs exceeds the current k-th best); rejections by
// rules other than the grade gap are counted in rej. A barren i (see
// barrenSet) is not scanned: rejectBarren counts the same rejections.
// Plain Harmonic rows on packed columns check the rules lazily (see
// harmonicTopK).
func scanTopK(p *problem, rs *rowScorer, i, k int, rej *[numRules]int64) ([]int32, []int64, int64) {
	if p.barren != nil && p.barren[i] {
		p.rejectBarren(i, rej, nil) // no eligible pair: no scan
		return nil, nil, 0
	}
	rs.prepare(i)
	if rs.packed && p.plain && p.set.Mutual == Harmonic {
		return rs.harmonicTopK(k, rej)
	}
	return pairengine.TopK(k, func(limit func() int64, visit func(j int, q int64)) {
		rs.each(limit, func(j int) {
			if rs.out(j) {
				return
			}
			v := rs.score(j)
			if v < limit() {
				return // an equal score may still win on the index
			}
			if r := p.eligibleQ(i, j, v); r != RuleNone {
				rej[r]++
				return
			}
			visit(j, v)
		})
	})
}

// buildCandidates computes top-k candidate lists for every active person,
// and a reserve of the next extra best partners, in parallel. With an
// index it uses threshold searches: with L lists per person and V people
// visited per search it takes O(n·V·(log L + w)) time; V is far below n
// when haves and wants are sparse and the top scores stand out, and n in
// the worst case. With ix == nil it streams every row with the rowScorer:
// O(n²·w̄/4) word operations with sequential memory access, plus O(w) for
// each pair whose bound beats the current (k+extra)-th best; with plain
// Harmonic scores a row first scores a sample of about 2(k+extra) people,
// O(n/4 + (k+extra)·(w + log(k+extra))), so that the current (k+extra)-th
// best starts near its final value.
func (p *problem) buildCandidates(ctx context.Context, ix *index, k, extra int) (*candidates, error) {
	c := &candidates{cand: make([][]int32, p.n), score: make([][]int64, p.n), theta: make([]int64, p.n),
		more: make([][]int32, p.n), moreScore: make([][]int64, p.n), complete: make([]bool, p.n)}
	workers := max(1, min(runtime.GOMAXPROCS(0), p.n/64))
	if ix == nil {
		p.Columns() // built once, before the workers share them
		p.Columns4()
		if p.barrenSet() != nil && p.barrenRej == nil {
			p.barrenRej = make([]*[numRules]int64, p.n)
		}
	}
	// A search that finds fewer than k+extra partners has met every
	// eligible one: row scans visit everyone within the grade gap, the
	// threshold search everyone who shares a skill either way, which
	// holds every eligible partner when a pair needs an exchange and the
	// score is the plain mutual score.
	exhaustive := ix == nil || (p.plain && !p.set.AllowNoExchange)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var next int
	const chunk = 64
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var s *searcher
			var rs *rowScorer
			if ix != nil {
				s = newSearcher(p, ix)
			} else {
				rs = newRowScorer(p)
			}
			var rej [numRules]int64
			for {
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= p.n {
					break
				}
				for i := lo; i < min(lo+chunk, p.n); i++ {
					var js []int32
					var qs []int64
					switch {
					case !p.active[i]:
						continue
					case s == nil && p.barren != nil && p.barren[i]:
						// no eligible pair, no scan: the rule counts are
						// left to a goroutine (below)
						c.complete[i] = exhaustive
						continue
					case s != nil:
						js, qs, c.theta[i] = s.topK(i, k+extra)
					default:
						js, qs, c.theta[i] = scanTopK(p, rs, i, k+extra, &rej)
					}
					c.complete[i] = len(js) < k+extra && exhaustive
					h := min(k, len(js))
					c.cand[i], c.score[i] = js[:h:h], qs[:h:h]
					if len(js) > h {
						c.more[i], c.moreScore[i] = js[h:], qs[h:]
					}
				}
			}
			if s != nil {
				rej = s.rej
			}
			mu.Lock()
			for r := range rej {
				p.rejected[r] += rej[r]
			}
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if ix == nil && p.barren != nil {
		p.countBarren(ctx)
	}
	return c, nil
}

// countBarren counts the rejections of the barren rows (rejectBarren) on
// one goroutine while the caller goes on: the solves that follow the
// candidate search run on one core, and these counts are read only by the
// metrics and the reasons, which call joinBarren first. O(b·n) time for b
// barren people.
func (p *problem) countBarren(ctx context.Context) {
	p.joinBarren()
	var rej [numRules]int64
	done := make(chan struct{})
	var count []int32 // active people per rule class, when classes are few
	if p.classes().few() {
		count = p.activeCounts()
	}
	go func() {
		defer close(done)
		for i, b := range p.barren {
			if i%64 == 0 && ctx.Err() != nil {
				return
			}
			if b && p.active[i] {
				p.rejectBarren(i, &rej, count)
			}
		}
	}()
	p.barrenWait = func() {
		<-done
		for r := range rej {
			p.rejected[r] += rej[r]
		}
	}
}
