package pairengine

import (
	"slices"
	"sort"

	"github.com/peermatch/peermatch/skills"
)

// Judge is the caller's rules and score, as the candidate search meets
// pairs: the engine never sees a person or a rule, only numbers.
type Judge interface {
	// Pair returns the first hard rule {i, j} breaks (0: none) and, when
	// it breaks none, the pair's quantised score.
	Pair(i, j int) (rule int, q int64)
	// Bound returns a bound on the quantised score of any pair of i in
	// which i teaches at most a and learns at most b (score units).
	Bound(i int, a, b float64) int64
}

// Window is the grade rule in compiled form: the positions [lo, hi) of
// the ascending distinct grades that a person of grade g may be paired
// with.
type Window func(grades []int, g int) (lo, hi int)

// UseIndex reports whether threshold searches on an inverted index are
// expected to pay off: when at most 1 teaching value in 8 is non-zero, so
// that the lists of people who can teach a feature are short. Otherwise
// rows are scanned; skills.Synthetic rosters (dense haves, sparse wants)
// take the streaming scan. O(n·kf).
func UseIndex(sc *Scores) bool {
	nz := 0
	for c := 0; c < sc.N; c++ {
		for _, v := range sc.TV[c] {
			if v != 0 {
				nz++
			}
		}
	}
	return sc.KF != 0 && nz*8 <= sc.N*sc.KF
}

// Index is the inverted index of a roster: for every teaching feature
// (a skill at a learner's level, see Scores) and grade, the active
// people who can teach it (by teaching value, highest first) and the
// active people who need it (by want, highest first).
type Index struct {
	grades  []int // distinct grades, ascending
	gi      []int // canonical person → position in grades
	g       int
	haveP   [][]int32 // [f*g+gi] people with tv > 0
	haveV   [][]float64
	wantP   [][]int32 // [f*g+gi] people who need feature f
	wantV   [][]float64
	maxWant int // the largest number of skills one person needs
}

// NewIndex builds the inverted index of the active people of sc in
// O(n·kf + E log E) time, E being the number of non-zero teaching values
// and needs.
func NewIndex(sc *Scores, active []bool) *Index {
	ix := &Index{gi: make([]int, sc.N)}
	for c := 0; c < sc.N; c++ {
		ix.grades = append(ix.grades, sc.Grade[c])
	}
	slices.Sort(ix.grades)
	ix.grades = slices.Compact(ix.grades)
	ix.g = len(ix.grades)
	for c := 0; c < sc.N; c++ {
		ix.gi[c] = sort.SearchInts(ix.grades, sc.Grade[c])
	}
	nl := sc.KF * ix.g
	ix.haveP, ix.haveV = make([][]int32, nl), make([][]float64, nl)
	ix.wantP, ix.wantV = make([][]int32, nl), make([][]float64, nl)
	for c := 0; c < sc.N; c++ {
		if !active[c] {
			continue
		}
		g := ix.gi[c]
		for f, v := range sc.TV[c] {
			if v > 0 {
				l := f*ix.g + g
				ix.haveP[l] = append(ix.haveP[l], int32(c))
			}
		}
		for _, s := range sc.WantS[c] {
			l := int(s)*ix.g + g
			ix.wantP[l] = append(ix.wantP[l], int32(c))
		}
		ix.maxWant = max(ix.maxWant, len(sc.WantS[c]))
	}
	for l := 0; l < nl; l++ {
		s := l / ix.g
		hp := ix.haveP[l]
		sort.SliceStable(hp, func(a, b int) bool { return sc.TV[hp[a]][s] > sc.TV[hp[b]][s] })
		ix.haveV[l] = make([]float64, len(hp))
		for x, c := range hp {
			ix.haveV[l][x] = float64(sc.TV[c][s]) / (skills.MaxLevel * skills.MaxLevel)
		}
		wp := ix.wantP[l]
		wv := make([]float64, len(wp))
		for x, c := range wp {
			wv[x] = sc.NeedOf(int(c), s)
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
func (ix *Index) allowedGrades(win Window, grade int, buf []int) []int {
	buf = buf[:0]
	lo, hi := win(ix.grades, grade)
	for g := lo; g < hi; g++ {
		buf = append(buf, g)
	}
	return buf
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

// Searcher runs threshold searches on an Index for one goroutine.
type Searcher struct {
	sc    *Scores
	ix    *Index
	judge Judge
	win   Window
	// balance: both teaching directions must be large (Harmonic and
	// Min), so the search shrinks the smaller bound first
	balance bool
	stamp   []int32
	lists   []scanList
	heaps   [2][]int // list positions, max-heap by frontier
	gmax    []float64
	gside   []int
	glists  [][]int
	sum     [2]float64
	grades  []int
	// Rej counts the pairs met that break a rule, by rule number
	Rej []int64
}

// NewSearcher returns a searcher of the pairs of ix, the rules and
// scores of judge (rules numbered below numRules) and the grade window
// win; balance says that a pair needs teaching both ways (Harmonic and
// Min mutual scores). O(n) time and memory.
func NewSearcher(sc *Scores, ix *Index, judge Judge, win Window, balance bool, numRules int) *Searcher {
	st := make([]int32, sc.N)
	for i := range st {
		st[i] = -1
	}
	return &Searcher{sc: sc, ix: ix, judge: judge, win: win, balance: balance, stamp: st, Rej: make([]int64, numRules)}
}

// Forget lets the next search of a row visit the people an earlier
// search of that row met (they are marked with the row's index). O(n).
func (s *Searcher) Forget() {
	for x := range s.stamp {
		s.stamp[x] = -1
	}
}

func (s *Searcher) less(h []int, a, b int) bool {
	fa, fb := s.lists[h[a]].frontier(), s.lists[h[b]].frontier()
	if fa != fb {
		return fa > fb
	}
	return h[a] < h[b]
}

func (s *Searcher) down(side, x int) {
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
func (s *Searcher) setup(i int) {
	p, ix := s.sc, s.ix
	s.lists = s.lists[:0]
	s.gmax, s.gside = s.gmax[:0], s.gside[:0]
	for x := range s.glists {
		s.glists[x] = s.glists[x][:0]
	}
	s.grades = ix.allowedGrades(s.win, p.Grade[i], s.grades)
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
func (s *Searcher) regroup(g int) {
	m := 0.0
	for _, l := range s.glists[g] {
		m = max(m, s.lists[l].frontier())
	}
	s.sum[s.gside[g]] += m - s.gmax[g]
	s.gmax[g] = m
}

// bounds returns upper bounds on teach(i→j) and teach(j→i) for any j not
// yet seen.
func (s *Searcher) bounds() (a, b float64) {
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
func (s *Searcher) next(side int) int {
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

// Search visits every active j ≠ i whose pair with i might score above the
// threshold returned by limit (re-read after each visit), calling visit with
// j and its quantised score when the pair is eligible. It stops when no unvisited j can score above the
// threshold. Rejections are counted in s.Rej.
//
// Each step costs O(log L) for the L lists of i (one per skill i has or
// needs and allowed grade), plus the eligibility test and the O(w) score.
func (s *Searcher) Search(i int, limit func() int64, visit func(j int, q int64)) {
	s.setup(i)
	s.stamp[i] = int32(i)
	for {
		a, b := s.bounds()
		if s.judge.Bound(i, a, b) <= limit() {
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
		case s.balance:
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
		r, q := s.judge.Pair(i, j)
		if r != 0 {
			s.Rej[r]++
			continue
		}
		visit(j, q)
	}
}

// TopK returns the k best eligible partners of i (quantised score, then
// canonical index) and a bound on the score of every other eligible pair,
// with the threshold search: O(V log k) for the V partners the search
// visits, plus the costs of Search.
func (s *Searcher) TopK(i, k int) ([]int32, []int64, int64) {
	return TopK(k, func(limit func() int64, visit func(j int, q int64)) { s.Search(i, limit, visit) })
}
