package pairengine

import (
	"context"
	"slices"
	"time"

	"github.com/peermatch/peermatch/matching"
)

// Graph is the candidate graph of a sparse solve as pricing grows it:
// vertices 0..N−1 are people and N is the dummy, which takes the person
// left over when the people with a partner are odd in number. It is kept
// across the premium passes of Match.
type Graph struct {
	N      int   // people (the dummy is vertex N)
	Act    []int // the people to pair
	Linked []int // the people of Act with an eligible partner
	Dummy  int   // N when len(Linked) is odd, else −1
	Edges  []Edge
	in     map[uint64]struct{} // PairKey of every edge
	Rounds int                 // pricing rounds so far
	Added  int                 // edges added by pricing
}

// NewGraph returns the empty graph of the people act among n, with room
// for about hint edges. Add the candidate edges, then call Link.
// O(n + hint).
func NewGraph(n int, act []int, hint int) *Graph {
	return &Graph{N: n, Act: act, Dummy: -1, in: make(map[uint64]struct{}, hint)}
}

// Add adds the pair {u, v} of score q unless it is in the graph already,
// and reports whether it did. O(1) expected.
func (g *Graph) Add(u, v int, q int64) bool {
	key := PairKey(u, v)
	if _, ok := g.in[key]; ok {
		return false
	}
	g.in[key] = struct{}{}
	g.Edges = append(g.Edges, Edge{U: min(u, v), V: max(u, v), Q: q})
	return true
}

// Has reports whether {u, v} is an edge. O(1) expected.
func (g *Graph) Has(u, v int) bool {
	_, ok := g.in[PairKey(u, v)]
	return ok
}

// Link sets the people with an eligible partner (in the order of Act)
// and the dummy. People with no eligible partner at all stay out of the
// matching graph: with them in, an odd number of the others would leave
// one of those exposed, and its zero dual would make the certificate wrap
// almost everyone in one blossom of dual ≈ C, which pricing cannot bound
// by the vertex duals. O(len(linked)).
func (g *Graph) Link(linked []int) {
	g.Linked = linked
	g.Dummy = -1
	if len(linked)%2 == 1 {
		g.Dummy = g.N
	}
}

// PriceInput is what a pricing round reads: the certificate Res of the
// graph solved with premium C, the graph itself (its pairs need no
// pricing), the rows whose verification lapsed (Dirty; nil: every row),
// and the budget of pairs the row scans may check (< 0: no limit).
type PriceInput struct {
	Res    *matching.Result
	C      float64
	Graph  *Graph
	Budget int
	Dirty  []bool
}

// PriceResult is what a pricing round found: the pairs to add (Kept, at
// most a quota per person, the most violated first), how many of the
// pairs met violate the certificate (NViol), whether every eligible pair
// was priced (Full), and which rows were scanned with every violator kept
// (Verified, one entry per person: the next round rescans the others).
type PriceResult struct {
	Kept     []Edge
	NViol    int
	Full     bool
	Verified []bool
}

// Pricer is the engine's view of the eligible pairs outside the graph:
// the caller's candidate search, row scans and rules. Price prices a
// certificate (see PriceInput); LowSide returns, for the people whose
// dual leaves their rows to pricing, up to k pairs each that are close to
// violating the certificate res, or nil. Both must be deterministic.
type Pricer interface {
	Price(ctx context.Context, in PriceInput) (PriceResult, error)
	LowSide(ctx context.Context, res *matching.Result, C float64, k int) ([]Edge, error)
}

// Config holds the switches of one sparse solve; its zero value solves
// rounds warm or cold as measured best, prices the reserve only and adds
// no low side, so callers set PricePerEdge and LowSideK.
type Config struct {
	// PricePerEdge is the row-scan budget of a pricing round, in pairs
	// per edge of the graph; 0 prices the reserve only, until it holds.
	PricePerEdge int
	// LowSideK is the number of low-side partners per person added after
	// a round with many violators (Pricer.LowSide); 0 adds none.
	LowSideK int
	// ColdRounds solves every round from scratch; WarmRounds starts every
	// round from the previous certificate, also after a round with more
	// violators than people.
	ColdRounds, WarmRounds bool
	// Trace, when set, receives progress lines.
	Trace func(format string, args ...any)
}

func (c *Config) tracef(format string, args ...any) {
	if c.Trace != nil {
		c.Trace(format, args...)
	}
}

// lowSideShare: a round whose violators number at least a quarter of the
// people adds the low side's pairs too; with fewer, the violators alone
// settle the next round (docs/performance-log.md).
const lowSideShare = 4

// Match solves g exactly, returning the final certificate: a maximum
// matching of the people linked in g of maximum total score Q, whose
// duals cover every eligible pair that pricing can see, with g.Edges
// sorted by pair. The first pass solves with the small premium smallC.
// When its final matching covers every linked person (one is left to the
// dummy when their number is odd), it has maximum cardinality, and since
// it has maximum weight for the scores plus the premium over all
// matchings, it has maximum total score among those of maximum
// cardinality. Otherwise a second pass solves with bigC, an even integer
// above the total score of any matching, which needs no such condition.
// The small premium keeps the duals near the scale of the scores (a faster
// solve and sharper pricing than with bigC). Errors are those of the
// pricer, of ctx, and of matching.Sparse. Each pricing round costs a
// sparse solve (warm or cold, see Config) plus the pricer's round; the
// rounds stop when a full round finds no violator.
func Match(ctx context.Context, g *Graph, smallC, bigC float64, pr Pricer, cfg Config) (*matching.Result, error) {
	var prev *matching.Result
	for pass, C := range []float64{smallC, bigC} {
		res, done, err := rounds(ctx, g, C, pass == 0, prev, pr, &cfg)
		if err != nil {
			return nil, err
		}
		if !done {
			cfg.tracef("the small premium leaves linked people exposed: solving again with the large one")
			prev = premiumRaised(res, (bigC-smallC)/2)
			continue
		}
		slices.SortFunc(g.Edges, ByPair)
		return res, nil
	}
	panic("unreachable: the bigC pass always ends")
}

// premiumRaised returns the certificate res of the small premium's last
// round as a start for the large premium's first: every edge weight, the
// dummy's included, grows by 2·shift when the premium grows by 2·shift,
// so every vertex dual (the dummy's too) grows by shift and every edge
// keeps its slack: a feasible start whose matching stays tight, from
// which the solve repeats only the work of the people the small premium
// left exposed instead of the whole graph (docs/performance-log.md has
// the figures). res is changed in place. O(n).
func premiumRaised(res *matching.Result, shift float64) *matching.Result {
	for v := range res.VertexDual {
		res.VertexDual[v] += shift
	}
	return res
}

// rounds solves g with premium C and prices it, adding violators, until
// the certificate covers every eligible pair; it reports false (small
// pass) when the final matching leaves a linked person exposed. A round
// whose row scans would check more than the pricing budget per graph edge
// prices the reserve only, from stored scores (the first certificates of
// large rosters can hold a blossom nested thousands deep around most
// people, which makes the scans inside it quadratic), while that finds
// violators. Only a full round that finds none ends the loop. The graph g
// and its counts carry over between calls; start, when not nil, is the
// certificate the first round starts from.
func rounds(ctx context.Context, g *Graph, C float64, small bool, start *matching.Result, pr Pricer, cfg *Config) (*matching.Result, bool, error) {
	lp := &pricingRounds{g: g, C: C, pr: pr, cfg: cfg, prev: start}
	for {
		es := lp.edges()
		res, err := lp.solve(ctx, es)
		if err != nil {
			return nil, false, err
		}
		viol, nviol, err := lp.price(ctx, &res, len(es))
		if err != nil {
			return nil, false, err
		}
		if nviol == 0 {
			return &res, !small || lp.covers(&res), nil
		}
		if err := lp.grow(ctx, &res, viol, nviol); err != nil {
			return nil, false, err
		}
	}
}

// pricingRounds is the state rounds carries from round to round: the
// last certificate, and what the next pricing may skip because of it.
type pricingRounds struct {
	g                   *Graph
	C                   float64
	pr                  Pricer
	cfg                 *Config
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
	es := make([]matching.Edge, 0, len(g.Edges)+len(g.Act))
	for _, e := range g.Edges {
		es = append(es, matching.Edge{U: e.U, V: e.V, W: float64(e.Q) + lp.C})
	}
	if g.Dummy >= 0 {
		for _, i := range g.Linked {
			es = append(es, matching.Edge{U: i, V: g.Dummy, W: lp.C / 2})
		}
	}
	return es
}

// solve solves the round's graph. A round starts from the previous
// certificate, so that mostly the pairs near the new edges are solved
// again — unless it is the first pricing round and the pricing before it
// found more violators than there are people (each breaks a pair of the
// start), where a cold solve is faster. Later rounds are always warm: on
// rosters full of ties (one department, one grade, few skills) pricing
// keeps finding more violators than people for several rounds while the
// graph grows, and cold solves of the grown graph are several times
// slower than warm ones (Config.ColdRounds and WarmRounds measure both
// choices; docs/performance-log.md has the figures).
func (lp *pricingRounds) solve(ctx context.Context, es []matching.Edge) (matching.Result, error) {
	g, cfg := lp.g, lp.cfg
	t1 := time.Now()
	var mo matching.Options
	if lp.prev != nil && (lp.lastViol <= len(g.Act) || g.Rounds > 1 || cfg.WarmRounds) && !cfg.ColdRounds {
		mo.Start = matching.NewStart(lp.prev, g.N+1, es)
	}
	res, err := matching.Sparse(ctx, g.N+1, es, mo)
	if err != nil {
		return res, err
	}
	if cfg.Trace != nil {
		exposed := 0
		for _, i := range g.Linked {
			if res.Mate[i] < 0 {
				exposed++
			}
		}
		cfg.tracef("round %d: solve %d edges (%d new, warm %v) %v, %d linked exposed", g.Rounds, len(es), lp.lastAdded, mo.Start != nil, time.Since(t1), exposed)
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
	act, C, n := lp.g.Act, lp.C, lp.g.N
	dirty := make([]bool, n)
	var kept []bool
	if lp.prev != nil {
		kept = KeptBlossoms(lp.prev, res, act, n)
	}
	for _, i := range act {
		si := res.VertexDual[i] - C/2
		dirty[i] = lp.prevS == nil || !lp.verified[i] || si < lp.prevS[i] || lp.prevBlossom[i] && !kept[i]
	}
	if lp.cfg.Trace != nil {
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
		lp.cfg.tracef("  %d dirty rows (%d unverified, %d fell, %d in changed blossoms)", nd, nv, nf, nb)
	}
	return dirty
}

// price prices the round's certificate within the budget of a graph of m
// edges and, when the reserve holds, again in full; it remembers the
// certificate for the next round's dirty rows.
func (lp *pricingRounds) price(ctx context.Context, res *matching.Result, m int) ([]Edge, int, error) {
	g, cfg := lp.g, lp.cfg
	t1 := time.Now()
	in := PriceInput{Res: res, C: lp.C, Graph: g, Dirty: lp.dirtyRows(res), Budget: cfg.PricePerEdge * m}
	pr, err := lp.pr.Price(ctx, in)
	cfg.tracef("  price(budget) %v nviol %d full %v", time.Since(t1), pr.NViol, pr.Full)
	if err != nil {
		return nil, 0, err
	}
	if pr.NViol == 0 && !pr.Full {
		// the reserve holds: now price everything, same certificate
		t1 = time.Now()
		in.Budget = -1
		pr, err = lp.pr.Price(ctx, in)
		cfg.tracef("  price(full) %v nviol %d", time.Since(t1), pr.NViol)
		if err != nil {
			return nil, 0, err
		}
	}
	lp.verified = pr.Verified
	if lp.prevS == nil {
		lp.prevS, lp.prevBlossom = make([]float64, g.N), make([]bool, g.N)
	}
	for _, i := range g.Act {
		lp.prevS[i] = res.VertexDual[i] - lp.C/2
		lp.prevBlossom[i] = res.Leaf[i] >= 0
	}
	return pr.Kept, pr.NViol, nil
}

// covers reports whether res matches every linked person.
func (lp *pricingRounds) covers(res *matching.Result) bool {
	for _, i := range lp.g.Linked {
		if res.Mate[i] < 0 {
			return false
		}
	}
	return true
}

// grow adds the violators, and after a round with many of them the low
// side's pairs (Pricer.LowSide), to the graph for the next round.
func (lp *pricingRounds) grow(ctx context.Context, res *matching.Result, viol []Edge, nviol int) error {
	g := lp.g
	if nviol*lowSideShare >= len(g.Act) && lp.cfg.LowSideK > 0 {
		low, err := lp.pr.LowSide(ctx, res, lp.C, lp.cfg.LowSideK)
		if err != nil {
			return err
		}
		viol = append(viol, low...)
	}
	g.Rounds++
	lp.prev = res
	lp.lastAdded, lp.lastViol = 0, nviol
	for _, e := range viol {
		if g.Add(e.U, e.V, e.Q) {
			g.Added++
			lp.lastAdded++
		}
	}
	return nil
}
