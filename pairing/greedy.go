package pairing

import (
	"context"
	"slices"
	"time"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// greedyBefore orders pairs for the greedy matching: higher quantised
// score first, then the pair's smaller canonical index, then its larger
// one (ids, since canonical order is id order). For a fixed person i it
// orders i's partners by score, then index, which is the order of
// preference that Metrics.BlockingPairs uses (a person prefers a strictly
// higher score; ties never block).
func greedyBefore(q1 int64, u1, v1 int, q2 int64, u2, v2 int) bool {
	if q1 != q2 {
		return q1 > q2
	}
	a1, b1 := min(u1, v1), max(u1, v1)
	a2, b2 := min(u2, v2), max(u2, v2)
	if a1 != a2 {
		return a1 < a2
	}
	return b1 < b2
}

// greedyMatch returns the greedy matching of the active people: it takes
// the first remaining eligible pair of two free people in greedyBefore
// order, over every eligible pair, until none is left. Since scores are
// symmetric the result is stable: of an eligible pair left apart, one
// member was taken first by a pair scoring at least as much, so no two
// people prefer each other to their partners.
//
// Up to DenseLimit people it sorts every eligible pair: O(m²·w) time and
// O(m²) memory. Above it the matching is the same, computed lazily
// (greedyLazy) without an n×n structure.
func (p *problem) greedyMatch(ctx context.Context) ([]int, error) {
	if len(p.activeList()) > p.set.denseLimit {
		return p.greedyLazy(ctx)
	}
	es, err := p.graph(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(es, func(a, b pairengine.Edge) int {
		if greedyBefore(a.Q, a.U, a.V, b.Q, b.U, b.V) {
			return -1
		}
		if greedyBefore(b.Q, b.U, b.V, a.Q, a.U, a.V) {
			return 1
		}
		return 0
	})
	mate := p.noMate()
	for x, e := range es {
		if x%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if mate[e.U] < 0 && mate[e.V] < 0 {
			mate[e.U], mate[e.V] = e.V, e.U
		}
	}
	return mate, nil
}

// rescanK is how many free partners a rescan of greedyLazy keeps per
// person (a multiple of CandidateK).
const rescanK = 5

// greedyProposal is person i's best free partner j with score q.
type greedyProposal struct {
	q    int64
	i, j int32
}

// greedyLazy computes the matching of greedyMatch on large rosters. Every
// free person proposes their best free partner of positive score; a
// max-heap of proposals in greedyBefore order yields the globally first
// pair of two free people, since a proposal only gets worse as people are
// taken: a popped proposal whose partner is still free is matched, one
// whose partner has been taken is replaced by the proposer's next best.
//
// A person's best free partner is read from their candidate list (the
// CandidateK best partners and θ, a bound on every pair outside the
// list). An entry is trusted when the list is exact — a prefix of the
// person's partners in greedyBefore order, ties included, as the row scan
// makes it — or when its score exceeds θ (the threshold search may cut a
// tie at the end of the list). When the list has no trusted free partner
// left and θ > 0, the person's row is scanned again over the free people
// only (the row scorer, or the threshold search with ties kept), keeping
// the best rescanK·CandidateK in exact order, and that list is used until
// all of it is taken. Pairs of score 0 (possible with AllowNoExchange or
// a repeat penalty) come last, lowest ids first, as fillFree takes them.
//
// Memory is O(n·k); time is the candidate search, O(P log n) for P
// proposals, and one row scan or threshold search for each rescan (the
// trace reports how many; a person whose partners were all taken early is
// rescanned). Rescans run one at a time.
func (p *problem) greedyLazy(ctx context.Context) ([]int, error) {
	t0 := time.Now()
	g, err := p.newLazyGreedy(ctx, rescanK*p.set.k)
	if err != nil {
		return nil, err
	}
	p.tracef("greedy: candidates %v", time.Since(t0))
	t0 = time.Now()
	// The row scan skips inactive people: during the search the taken
	// people are made inactive, so that rescans see the free ones only.
	// The barren rows' rule counts read p.active: they must be done first.
	p.joinBarren()
	saved := p.active
	p.active = g.free
	defer func() { p.active = saved }()

	var h []greedyProposal
	for i := 0; i < p.n; i++ {
		if !g.free[i] {
			continue
		}
		if j, q, ok := g.best(i); ok {
			h = append(h, greedyProposal{q, int32(i), int32(j)})
		}
	}
	less := func(a, b greedyProposal) bool {
		return greedyBefore(a.q, int(a.i), int(a.j), b.q, int(b.i), int(b.j))
	}
	down := func(x int) {
		for {
			c := 2*x + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && less(h[c+1], h[c]) {
				c++
			}
			if !less(h[c], h[x]) {
				return
			}
			h[c], h[x] = h[x], h[c]
			x = c
		}
	}
	for x := len(h)/2 - 1; x >= 0; x-- {
		down(x)
	}
	mate := p.noMate()
	steps := 0
	for ; len(h) > 0; steps++ {
		if steps%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		top := h[0]
		i, j := int(top.i), int(top.j)
		switch {
		case !g.free[i]:
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
			down(0)
		case !g.free[j]:
			if j2, q2, ok := g.best(i); ok {
				h[0] = greedyProposal{q2, top.i, int32(j2)}
			} else {
				h[0] = h[len(h)-1]
				h = h[:len(h)-1]
			}
			down(0)
		default:
			mate[i], mate[j] = j, i
			g.free[i], g.free[j] = false, false
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
			down(0)
		}
	}
	p.tracef("greedy: %d proposals, %d rescans, %v", steps, g.rescans, time.Since(t0))
	// no two free people have a pair of positive score left: the pairs of
	// score 0, lowest ids first
	p.active = saved
	if err := p.fillFree(ctx, mate); err != nil {
		return nil, err
	}
	return mate, nil
}

// lazyGreedy is the state of greedyLazy.
type lazyGreedy struct {
	p    *problem
	c    *candidates
	s    *pairengine.Searcher // rescans with the index
	rs   *rowScorer           // rescans by row scan
	k    int                  // partners a rescan keeps
	free []bool
	pos  []int32 // next position in each person's list
	// own[i], ownQ[i]: i's list from the last rescan, when mine[i] (else
	// i's list is cand[i], then more[i]); theta[i] bounds every free eligible
	// partner of positive score outside i's list; exact[i] says the list
	// is a prefix of i's free partners in greedyBefore order (so that any
	// free entry beats every partner outside it).
	own     [][]int32
	ownQ    [][]int64
	theta   []int64
	exact   []bool
	mine    []bool // own[i] holds i's list
	rescans int
	rej     [numRules]int64 // rejections met by rescans (not reported)
}

// newLazyGreedy returns the state of greedyLazy with everyone active free,
// building the candidate lists (CandidateK per person) unless p has them;
// rescans keep k partners. While it is used, p.active must be g.free (and
// p.joinBarren must have run).
func (p *problem) newLazyGreedy(ctx context.Context, k int) (*lazyGreedy, error) {
	ix := p.searchIndex()
	if p.cand == nil {
		c, err := p.buildCandidates(ctx, ix, p.set.k, 0)
		if err != nil {
			return nil, err
		}
		p.cand = c
	}
	c := p.cand
	g := &lazyGreedy{p: p, c: c, k: k,
		free: slices.Clone(p.active), pos: make([]int32, p.n), theta: slices.Clone(c.theta),
		exact: make([]bool, p.n), mine: make([]bool, p.n), own: make([][]int32, p.n), ownQ: make([][]int64, p.n)}
	if ix != nil {
		g.s = p.newSearcher(ix)
	} else {
		// the row scan's lists are exact (it visits ties)
		for i := range g.exact {
			g.exact[i] = true
		}
		g.rs = newRowScorer(p)
	}
	return g, nil
}

// entry returns the x-th entry of i's list, or ok = false past its end.
func (g *lazyGreedy) entry(i, x int) (j int, q int64, ok bool) {
	if g.mine[i] {
		if x < len(g.own[i]) {
			return int(g.own[i][x]), g.ownQ[i][x], true
		}
		return 0, 0, false
	}
	c := g.c
	if x < len(c.cand[i]) {
		return int(c.cand[i][x]), c.score[i][x], true
	}
	x -= len(c.cand[i])
	if x < len(c.more[i]) {
		return int(c.more[i][x]), c.moreScore[i][x], true
	}
	return 0, 0, false
}

// best returns i's best free partner of positive score (greedyBefore
// order), or ok = false when i has none.
func (g *lazyGreedy) best(i int) (int, int64, bool) {
	for {
		x := int(g.pos[i])
		for {
			j, q, ok := g.entry(i, x)
			if !ok {
				break
			}
			if !g.free[j] {
				x++
				continue
			}
			g.pos[i] = int32(x)
			if q <= 0 {
				return 0, 0, false // every free partner scores 0
			}
			if g.exact[i] || q > g.theta[i] {
				return j, q, true
			}
			break // a free partner outside the list may rank before j
		}
		g.pos[i] = int32(x)
		if _, _, ok := g.entry(i, x); !ok && g.theta[i] <= 0 {
			return 0, 0, false // the list held every partner of positive score
		}
		// an exact list is rescanned only once all of it is taken: its
		// entries were free when it was made, so every rescan makes progress
		g.rescan(i)
	}
}

// rescan replaces i's list by i's best g.k free partners of positive score
// in greedyBefore order (ties included, so the list is exact), with θ the
// score of the last when the list is full and 0 otherwise.
func (g *lazyGreedy) rescan(i int) {
	p := g.p
	g.rescans++
	var js []int32
	var qs []int64
	var theta int64
	if g.s != nil {
		if g.mine[i] {
			// the searcher marks the people it met with the row's index:
			// a second search of the same row must not skip them
			g.s.Forget()
		}
		js, qs, theta = pairengine.TopK(g.k, func(limit func() int64, visit func(j int, q int64)) {
			// limit − 1: the search stops at bounds ≤ its limit, which
			// would miss a tie of smaller index
			g.s.Search(i, func() int64 { return limit() - 1 }, func(j int, q int64) {
				if g.free[j] && q > 0 {
					visit(j, q)
				}
			})
		})
	} else {
		// p.active is g.free here: the scan visits free people only
		js, qs, theta = scanTopK(p, g.rs, i, g.k, &g.rej)
	}
	n := len(js)
	for n > 0 && qs[n-1] <= 0 {
		n--
	}
	if n < len(js) {
		theta = 0 // the list reached the pairs of score 0
	}
	g.own[i], g.ownQ[i] = js[:n:n], qs[:n:n]
	g.theta[i], g.exact[i], g.mine[i], g.pos[i] = theta, true, true, 0
}
