package pairing

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/peermatch/peermatch/internal/matching"
	"github.com/peermatch/peermatch/internal/pairengine"
)

// searchIndex returns the inverted index when threshold searches are
// expected to pay off — when at most 1 have level in 8 is non-zero, so
// that the lists of people who have a skill are short — and nil otherwise,
// in which case rows are scanned. skills.Synthetic rosters (dense haves,
// sparse wants) take the streaming scan.
func (p *problem) searchIndex() *index {
	nz := 0
	for c := 0; c < p.n; c++ {
		for _, v := range p.tv[c] {
			if v != 0 {
				nz++
			}
		}
	}
	switch {
	case p.tune.search == 2:
		return nil
	case p.tune.search == 1:
	case p.kf == 0 || nz*8 > p.n*p.kf:
		return nil
	}
	if p.ix == nil {
		p.ix = p.newIndex()
	}
	return p.ix
}

// activeList returns the canonical indices of the people to pair.
func (p *problem) activeList() []int {
	var a []int
	for c := 0; c < p.n; c++ {
		if p.active[c] {
			a = append(a, c)
		}
	}
	return a
}

// dense returns the quantised score of every pair of active people, −1
// for an ineligible pair, row-major over p.activeList(); the rejections are
// counted once per pair. It takes O(m²·(w + k)) time for m active people.
func (p *problem) dense(ctx context.Context) ([]int, []int64, error) {
	if p.qall != nil {
		return p.act, p.qall, nil
	}
	act := p.activeList()
	m := len(act)
	q := make([]int64, m*m)
	for x := 0; x < m; x++ {
		if x%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		q[x*m+x] = -1
		for y := x + 1; y < m; y++ {
			v := int64(-1)
			r := p.rule(act[x], act[y])
			if r == RuleNone {
				v = p.qscore(act[x], act[y])
				r = p.exchange(act[x], act[y], v)
			}
			if r != RuleNone {
				v = -1
				p.rejected[r]++
			}
			q[x*m+y], q[y*m+x] = v, v
		}
	}
	p.act, p.qall = act, q
	return act, q, nil
}

// bigC returns the cardinality premium C: an even integer larger than the
// total quantised score of any matching of m people.
func (p *problem) bigC(m int) float64 {
	c := float64(int64(m/2+1)*p.maxQ() + 1)
	if math.Mod(c, 2) != 0 {
		c++
	}
	return c
}

// maxQ returns a bound on the quantised score of any pair.
func (p *problem) maxQ() int64 {
	return quantise(p.set.Mutual.combine(p.maxNeed, p.maxNeed)+p.softMax+2*p.maxBonus) + 1
}

// smallC returns the premium of the first sparse solve: an even integer
// at least the score of any pair. It makes a matching that leaves a
// person without partner cost about as much as the best pair gains, which
// keeps the duals near the scale of the scores (a faster solve and
// sharper pricing than with bigC), but proves maximum cardinality only
// when the result covers every linked person (see optimalSparse).
func (p *problem) smallC() float64 {
	return float64(2 * ((p.maxQ() + 1) / 2))
}

// optimal is the Optimal strategy.
func (p *problem) optimal(ctx context.Context) ([]int, []string, error) {
	if len(p.activeList()) <= p.set.denseLimit {
		return p.optimalDense(ctx)
	}
	mate, _, notes, err := p.optimalSparse(ctx)
	return mate, notes, err
}

// optimalDense solves the complete eligibility graph: O(m²) weights and
// the O(m³) blossom algorithm.
func (p *problem) optimalDense(ctx context.Context) ([]int, []string, error) {
	act, q, err := p.dense(ctx)
	if err != nil {
		return nil, nil, err
	}
	m := len(act)
	C := p.bigC(m)
	w := make([]float64, m*m)
	for x := range w {
		if q[x] < 0 {
			w[x] = math.Inf(-1)
		} else {
			w[x] = float64(q[x]) + C
		}
	}
	res, err := matching.Dense(ctx, m, w, matching.Options{})
	if err != nil {
		return nil, nil, matchErr(err)
	}
	mate := p.noMate()
	for x, y := range res.Mate {
		if y >= 0 {
			mate[act[x]] = act[y]
		}
	}
	return mate, []string{fmt.Sprintf("optimal: exact on the complete eligibility graph of %d people", m)}, nil
}

func (p *problem) noMate() []int {
	mate := make([]int, p.n)
	for i := range mate {
		mate[i] = -1
	}
	return mate
}

// optimalSparse solves the candidate graph and prices the rest (see
// Pairs). It returns the mate array and the final edge set.
func (p *problem) optimalSparse(ctx context.Context) ([]int, []pairengine.Edge, []string, error) {
	t0 := time.Now()
	cand, err := p.buildCandidates(ctx, p.searchIndex(), p.set.k, p.tune.reserve(p.set.k))
	if err != nil {
		return nil, nil, nil, err
	}
	p.tracef("candidates %v", time.Since(t0))
	p.cand = cand
	act := p.activeList()
	// sized for the candidate graph and as many pairs again from pricing
	// (100,000 × 200: 2.1 million candidate pairs, 1.8–1.9 million added)
	g := &sparseGraph{cand: cand, act: act, in: make(map[uint64]struct{}, 2*len(act)*p.set.k)}
	for _, i := range act {
		for x, j := range cand.cand[i] {
			g.add(i, int(j), cand.score[i][x])
		}
	}
	p.addRandomEdges(act, g.add)
	// People with no eligible partner at all stay out of the matching
	// graph: with them in, an odd number of the others would leave one of
	// those exposed, and its zero dual would make the certificate wrap
	// almost everyone in one blossom of dual ≈ C, which pricing cannot
	// bound by the vertex duals.
	for _, i := range act {
		if !cand.complete[i] || len(cand.cand[i]) > 0 {
			g.linked = append(g.linked, i)
		}
	}
	g.dummy = -1
	if len(g.linked)%2 == 1 {
		g.dummy = p.n
	}
	if p.tracing() {
		nc := 0
		for _, i := range act {
			if cand.complete[i] {
				nc++
			}
		}
		p.tracef("%d active, %d linked, %d complete", len(act), len(g.linked), nc)
	}
	// The first pass solves with the small premium. When its final
	// matching covers every linked person (one is left to the dummy when
	// their number is odd), it has maximum cardinality, and since it has
	// maximum weight for the scores plus the premium over all matchings,
	// it has maximum total score among those of maximum cardinality.
	// Otherwise a second pass solves with bigC, which needs no such
	// condition.
	for pass, C := range []float64{p.smallC(), p.bigC(len(act))} {
		mate, notes, done, err := p.pricingLoop(ctx, C, pass == 0, g)
		if err != nil || !done {
			if err != nil {
				return nil, nil, nil, err
			}
			p.tracef("the small premium leaves linked people exposed: solving again with the large one")
			continue
		}
		slices.SortFunc(g.edges, func(a, b pairengine.Edge) int {
			if a.U != b.U {
				return a.U - b.U
			}
			return a.V - b.V
		})
		return mate, g.edges, notes, nil
	}
	panic("unreachable: the bigC pass always ends")
}

// sparseGraph is the candidate graph of optimalSparse as pricing grows
// it, kept across the two premium passes.
type sparseGraph struct {
	cand   *candidates
	act    []int // the active people
	linked []int // the active people with an eligible partner
	dummy  int   // the dummy vertex (odd len(linked)), or −1
	edges  []pairengine.Edge
	in     map[uint64]struct{} // pairKey of every edge
	rounds int                 // pricing rounds so far
	added  int                 // edges added by pricing
}

// add adds the pair {u, v} of score q unless it is in the graph already,
// and reports whether it did.
func (g *sparseGraph) add(u, v int, q int64) bool {
	key := pairKey(u, v)
	if _, ok := g.in[key]; ok {
		return false
	}
	g.in[key] = struct{}{}
	g.edges = append(g.edges, pairengine.Edge{U: min(u, v), V: max(u, v), Q: q})
	return true
}

// pricingLoop solves g with premium C and prices it, adding violators,
// until the certificate covers every eligible pair; it reports false
// (small pass) when the final matching leaves a linked person exposed.
// A round whose row scans would check more than the pricing budget per
// graph edge prices the reserve only, from stored scores (the first
// certificates of large rosters can hold a blossom nested thousands deep
// around most people, which makes the scans inside it quadratic), while
// that finds violators. Only a full round that finds none ends the loop.
// The graph g and its counts carry over between calls.
func (p *problem) pricingLoop(ctx context.Context, C float64, small bool, g *sparseGraph) ([]int, []string, bool, error) {
	lp := &pricingRounds{p: p, g: g, C: C}
	for {
		es := lp.edges()
		res, err := lp.solve(ctx, es)
		if err != nil {
			return nil, nil, false, err
		}
		viol, nviol, err := lp.price(ctx, &res, len(es))
		if err != nil {
			return nil, nil, false, err
		}
		if nviol == 0 {
			return lp.finish(&res, small)
		}
		if err := lp.grow(ctx, &res, viol, nviol); err != nil {
			return nil, nil, false, err
		}
	}
}

// pricingRounds is the state pricingLoop carries from round to round: the
// last certificate, and what the next pricing may skip because of it.
type pricingRounds struct {
	p                   *problem
	g                   *sparseGraph
	C                   float64
	prev                *matching.Result
	lastAdded, lastViol int
	prevS               []float64 // s = y − C/2 under the last certificate priced
	prevBlossom         []bool    // in a blossom under the last certificate
	verified            []bool    // the last scan of the row kept every violator
}

// edges returns the matching graph of the round: every pair with weight
// q + C, and the dummy joined to every linked person with weight C/2.
func (lp *pricingRounds) edges() []matching.Edge {
	g := lp.g
	es := make([]matching.Edge, 0, len(g.edges)+len(g.act))
	for _, e := range g.edges {
		es = append(es, matching.Edge{U: e.U, V: e.V, W: float64(e.Q) + lp.C})
	}
	if g.dummy >= 0 {
		for _, i := range g.linked {
			es = append(es, matching.Edge{U: i, V: g.dummy, W: lp.C / 2})
		}
	}
	return es
}

// solve solves the round's graph. A round starts from the previous
// certificate, so that mostly the pairs near the new edges are solved
// again — unless the pricing before it found more violators than there
// are people (each breaks a pair of the start: the first round of large
// rosters), where a cold solve is faster. TestTrace's PEERMATCH_TRACE_COLD
// and _WARM measure both choices (docs/performance-log.md has the figures).
func (lp *pricingRounds) solve(ctx context.Context, es []matching.Edge) (matching.Result, error) {
	p, g := lp.p, lp.g
	t1 := time.Now()
	var mo matching.Options
	if lp.prev != nil && (lp.lastViol <= len(g.act) || p.tune.warmRounds) && !p.tune.coldRounds {
		mo.Start = matching.NewStart(lp.prev, p.n+1, es)
	}
	res, err := matching.Sparse(ctx, p.n+1, es, mo)
	if err != nil {
		return res, matchErr(err)
	}
	if p.tracing() {
		exposed := 0
		for _, i := range g.linked {
			if res.Mate[i] < 0 {
				exposed++
			}
		}
		p.tracef("round %d: solve %d edges (%d new, warm %v) %v, %d linked exposed", g.rounds, len(es), lp.lastAdded, mo.Start != nil, time.Since(t1), exposed)
	}
	return res, nil
}

// dirtyRows returns the rows to scan: a pair whose two people keep or
// raise their dual and shared no blossom stays covered once a scan of
// either row has checked it (its slack cannot shrink), so only the rows of
// people whose dual fell, whose last scan left violators out, or whose
// top-level blossom did not stay one (its inner pairs lost its dual) are
// scanned against everyone again. The pairs inside a top-level blossom are
// priced in every round.
func (lp *pricingRounds) dirtyRows(res *matching.Result) []bool {
	p, act, C := lp.p, lp.g.act, lp.C
	dirty := make([]bool, p.n)
	var kept []bool
	if lp.prev != nil {
		kept = pairengine.KeptBlossoms(lp.prev, res, act, p.n)
	}
	for _, i := range act {
		si := res.VertexDual[i] - C/2
		dirty[i] = lp.prevS == nil || !lp.verified[i] || si < lp.prevS[i] || lp.prevBlossom[i] && !kept[i]
	}
	if p.tracing() {
		nd, nv, nf, nb := 0, 0, 0, 0
		for _, i := range act {
			if dirty[i] {
				nd++
			}
			if lp.prevS != nil {
				if !lp.verified[i] {
					nv++
				}
				if res.VertexDual[i]-C/2 < lp.prevS[i] {
					nf++
				}
				if lp.prevBlossom[i] && !kept[i] {
					nb++
				}
			}
		}
		p.tracef("  %d dirty rows (%d unverified, %d fell, %d in changed blossoms)", nd, nv, nf, nb)
	}
	return dirty
}

// price prices the round's certificate within the budget of a graph of m
// edges and, when the reserve holds, again in full; it remembers the
// certificate for the next round's dirty rows.
func (lp *pricingRounds) price(ctx context.Context, res *matching.Result, m int) ([]pairengine.Edge, int, error) {
	p, g := lp.p, lp.g
	t1 := time.Now()
	pin := priceInput{res: res, act: g.act, cand: g.cand, C: lp.C, inGraph: g.in, dirty: lp.dirtyRows(res)}
	pin.budget = p.tune.budget(m)
	pr, err := p.price(ctx, pin)
	p.tracef("  price(budget) %v nviol %d full %v", time.Since(t1), pr.nviol, pr.full)
	if err != nil {
		return nil, 0, err
	}
	if pr.nviol == 0 && !pr.full {
		// the reserve holds: now price everything, same certificate
		t1 = time.Now()
		pin.budget = -1
		pr, err = p.price(ctx, pin)
		p.tracef("  price(full) %v nviol %d", time.Since(t1), pr.nviol)
		if err != nil {
			return nil, 0, err
		}
	}
	lp.verified = pr.verified
	if lp.prevS == nil {
		lp.prevS, lp.prevBlossom = make([]float64, p.n), make([]bool, p.n)
	}
	for _, i := range g.act {
		lp.prevS[i] = res.VertexDual[i] - lp.C/2
		lp.prevBlossom[i] = res.Leaf[i] >= 0
	}
	return pr.kept, pr.nviol, nil
}

// finish turns the final certificate's matching into mate and the note,
// or reports false when the small premium left a linked person exposed.
func (lp *pricingRounds) finish(res *matching.Result, small bool) ([]int, []string, bool, error) {
	p, g := lp.p, lp.g
	if small {
		for _, i := range g.linked {
			if res.Mate[i] < 0 {
				return nil, nil, false, nil
			}
		}
	}
	mate := p.noMate()
	for _, i := range g.act {
		if j := res.Mate[i]; j >= 0 && j < p.n {
			mate[i] = j
		}
	}
	notes := []string{fmt.Sprintf("optimal: %d people, candidate graph of %d pairs (top %d per person), %d pairs added in %d pricing rounds; the dual certificate covers every eligible pair",
		len(g.act), len(g.edges)-g.added, p.set.k, g.added, g.rounds)}
	return mate, notes, true, nil
}

// grow adds the violators, and after a round with many of them the low
// side's pairs (see lowSideEdges), to the graph for the next round.
func (lp *pricingRounds) grow(ctx context.Context, res *matching.Result, viol []pairengine.Edge, nviol int) error {
	p, g := lp.p, lp.g
	if nviol*4 >= len(g.act) && p.tune.lowSide() > 0 {
		low, err := p.lowSideEdges(ctx, res, g.act, g.cand, lp.C, p.tune.lowSide())
		if err != nil {
			return err
		}
		viol = append(viol, low...)
	}
	g.rounds++
	lp.prev = res
	lp.lastAdded, lp.lastViol = 0, nviol
	for _, e := range viol {
		if g.add(e.U, e.V, e.Q) {
			g.added++
			lp.lastAdded++
		}
	}
	return nil
}

// addRandomEdges adds, for every active person, up to three eligible
// partners drawn at random (seeded, at most 12 draws each). Top-k lists
// concentrate on popular people and can leave the candidate graph without
// a perfect matching; an exposed vertex makes the dual certificate put
// large blossoms around it and pricing then has to look at almost every
// pair. A few random edges give the graph a near-perfect matching, as in a
// random graph of minimum degree 3. O(m) eligibility tests and scores.
func (p *problem) addRandomEdges(act []int, add func(u, v int, q int64) bool) {
	if len(act) < 2 {
		return
	}
	rng := rand.New(rand.NewPCG(uint64(len(act)), 0x5eed))
	for _, i := range act {
		got := 0
		for try := 0; try < 12 && got < 3; try++ {
			j := act[rng.IntN(len(act))]
			if j == i || p.eligible(i, j) != RuleNone {
				continue
			}
			add(i, j, p.qscore(i, j))
			got++
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
