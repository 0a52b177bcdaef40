package pairing

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/matching"
)

// searchIndex returns the inverted index when threshold searches are
// expected to pay off (pairengine.UseIndex, or the run's tuning), and nil
// otherwise, in which case rows are scanned.
func (p *problem) searchIndex() *pairengine.Index {
	switch {
	case p.tune.search == 2:
		return nil
	case p.tune.search == 1:
	case !pairengine.UseIndex(&p.Scores):
		return nil
	}
	if p.ix == nil {
		p.ix = pairengine.NewIndex(&p.Scores, p.active)
	}
	return p.ix
}

// judge is the engine's view of p's rules and scores (pairengine.Judge).
type judge struct{ p *problem }

// Pair returns the first rule {i, j} breaks and, when none, its score:
// the exchange rule is decided on the score (see problem.exchange).
func (jd judge) Pair(i, j int) (int, int64) {
	p := jd.p
	r := p.rule(i, j)
	var q int64
	if r == RuleNone {
		q = p.qscore(i, j)
		r = p.exchange(i, j, q)
	}
	return int(r), q
}

// Bound returns the quantised scoreBound.
func (jd judge) Bound(i int, a, b float64) int64 { return quantise(jd.p.scoreBound(i, a, b)) }

// newSearcher returns a threshold searcher of ix under p's rules.
func (p *problem) newSearcher(ix *pairengine.Index) *pairengine.Searcher {
	return pairengine.NewSearcher(&p.Scores, ix, judge{p}, p.set.gap.span, p.set.Mutual == Harmonic || p.set.Mutual == Min, int(numRules))
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
		return nil, nil, solverErr(err)
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

// optimalSparse solves the candidate graph and prices the rest with the
// engine (see pairengine.Match and docs/design-pairing.md). It returns the
// mate array and the final edge set, sorted by pair.
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
	// (100,000 × 200: 2.1 million candidate pairs, 1.8–1.9 million added),
	// from the lists found: a roster in which few can pair (100,000
	// identical people) reserves no room for pairs it will never have
	found := 0
	for _, i := range act {
		found += len(cand.cand[i])
	}
	g := pairengine.NewGraph(p.n, act, 2*found)
	for _, i := range act {
		for x, j := range cand.cand[i] {
			g.Add(i, int(j), cand.score[i][x])
		}
	}
	p.addRandomEdges(act, g.Add)
	var linked []int
	for _, i := range act {
		if !cand.complete[i] || len(cand.cand[i]) > 0 {
			linked = append(linked, i)
		}
	}
	g.Link(linked)
	if p.tracing() {
		nc := 0
		for _, i := range act {
			if cand.complete[i] {
				nc++
			}
		}
		p.tracef("%d active, %d linked, %d complete", len(act), len(g.Linked), nc)
	}
	res, err := pairengine.Match(ctx, g, p.smallC(), p.bigC(len(act)), sparsePricer{p: p, cand: cand, act: act}, p.tune.engine())
	if err != nil {
		return nil, nil, nil, solverErr(err)
	}
	mate := p.noMate()
	for _, i := range act {
		if j := res.Mate[i]; j >= 0 && j < p.n {
			mate[i] = j
		}
	}
	notes := []string{fmt.Sprintf("optimal: %d people, candidate graph of %d pairs (top %d per person), %d pairs added in %d pricing rounds; the dual certificate covers every eligible pair",
		len(act), len(g.Edges)-g.Added, p.set.k, g.Added, g.Rounds)}
	return mate, g.Edges, notes, nil
}

// sparsePricer is the engine's Pricer over the candidate lists and row
// scans of p.
type sparsePricer struct {
	p    *problem
	cand *candidates
	act  []int
}

// Price prices in.Res (see problem.price).
func (sp sparsePricer) Price(ctx context.Context, in pairengine.PriceInput) (pairengine.PriceResult, error) {
	return sp.p.price(ctx, in, sp.act, sp.cand)
}

// LowSide returns the low side's pairs (see problem.lowSideEdges).
func (sp sparsePricer) LowSide(ctx context.Context, res *matching.Result, C float64, k int) ([]pairengine.Edge, error) {
	return sp.p.lowSideEdges(ctx, res, sp.act, sp.cand, C, k)
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
