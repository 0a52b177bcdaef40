package pairing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/matching"
)

// ErrTooLarge is wrapped by the error of Pairs when the weights of an
// exact capacity solve would leave the range in which float64 arithmetic
// is exact (see Pairs).
var ErrTooLarge = errors.New("pairing: instance too large for exact weights")

// maxExactWeight bounds every weight of the capacity model: the matching
// solver doubles weights and keeps duals in quarters, so 2^50 keeps every
// sum of a few duals an exact float64.
const maxExactWeight = 1 << 50

// capPlan is the capacity of every person for a capacitated run: room[c]
// is how many more buddies c may take (capacity minus pins), first[c]
// whether c has no buddy yet (the pinned have one), pinned the keys of
// the pinned pairs.
type capPlan struct {
	room   []int
	first  []bool
	cap    []int // the capacity itself, for loads
	pinned map[uint64]struct{}
}

// capacitated reports whether someone's capacity (Person.EffectiveCapacity)
// is above 1 and Options.IgnoreCapacity is unset: Pairs then forms a
// b-matching instead of a matching. A negative capacity is an error.
func (p *problem) capacitated() (bool, error) {
	on := false
	for c := 0; c < p.n; c++ {
		switch b := p.ppl[c].EffectiveCapacity(); {
		case b < 0:
			return false, fmt.Errorf("%w: person %q has capacity %d", ErrInvalidOptions, p.ppl[c].ID, b)
		case b >= 2:
			on = true
		}
	}
	return on && !p.set.IgnoreCapacity, nil
}

// capacityPlan computes the plan and makes the pinned people with room
// left active again, so that the strategies pair them further.
func (p *problem) capacityPlan() *capPlan {
	cp := &capPlan{room: make([]int, p.n), first: make([]bool, p.n), cap: make([]int, p.n), pinned: make(map[uint64]struct{})}
	for c := 0; c < p.n; c++ {
		cp.cap[c] = p.ppl[c].EffectiveCapacity()
		// nobody has more buddies than there are others: room beyond that
		// stays empty, so it counts only up to n − 1 (bounded time and
		// memory whatever the survey says)
		cp.room[c] = min(cp.cap[c], p.n-1)
		cp.first[c] = true
	}
	for _, pin := range p.pinned {
		cp.pinned[pairKey(pin[0], pin[1])] = struct{}{}
		for _, c := range pin {
			cp.room[c]--
			cp.first[c] = false
			if cp.room[c] > 0 {
				p.active[c] = true
			}
		}
	}
	return cp
}

// pairsCapacity is Pairs when someone takes several buddies.
func (p *problem) pairsCapacity(ctx context.Context) (*Result, error) {
	if p.set.Trio {
		return nil, fmt.Errorf("%w: Trio cannot be combined with capacities above 1 (the capacity column gives people several buddies instead; set IgnoreCapacity to pair everyone once and form trios)", ErrInvalidOptions)
	}
	cp := p.capacityPlan()
	var links [][2]int
	var notes []string
	var err error
	switch p.set.Strategy {
	case Optimal:
		links, notes, err = p.capOptimal(ctx, cp)
	case Greedy:
		links, notes, err = p.capGreedy(ctx, cp)
	case Random:
		links, notes, err = p.capRandom(ctx, cp)
	default:
		return nil, fmt.Errorf("pairing: internal error: strategy %s has no capacity path", p.set.Strategy.Name())
	}
	if err != nil {
		return nil, err
	}
	// The roster's warnings (managers it cannot resolve) travel with the pairs.
	return p.finishCapacity(ctx, cp, links, append(notes, p.r.WarningStrings()...))
}

// honoursCapacity reports whether strategy s forms b-matchings.
func honoursCapacity(s Strategy) bool {
	return s == Optimal || s == Greedy || s == Random
}

// capacityNote is the note of a strategy that pairs everyone at most once
// although some people take several buddies.
func (p *problem) capacityNote() string {
	n, ex := 0, ""
	for c := 0; c < p.n; c++ {
		if b := p.ppl[c].EffectiveCapacity(); b >= 2 {
			if n == 0 {
				ex = fmt.Sprintf("%s: %d", p.ppl[c].ID, b)
			}
			n++
		}
	}
	return fmt.Sprintf("capacity not honoured: %s takes at most one buddy here, although %s a capacity above 1 (%s); optimal, greedy and random honour it",
		p.set.Strategy.Name(), plural.Count(n, "1 person has", fmt.Sprintf("%d people have", n)), ex)
}

// capModel is the matching graph of a b-matching (see Pairs): person c
// becomes room[c] vertices base[c], base[c]+1, …, the first of which
// carries the covering premium P when c has no buddy yet. A pair {u, v}
// in which one side has room 1 joins that side's vertex to every copy of
// the other by an edge of weight P·[u's first] + P·[v's first] + L + 2q;
// a pair of two people with room ≥ 2 gets a gadget x–y: u_i–x of weight
// M/2 + P·[i first] + L/2 + q, x–y of weight M and y–v_j alike, so that
// the pair costs M unformed and M + its value formed, and a half-formed
// gadget (one side only) is strictly worse than x–y.
type capModel struct {
	p       *problem
	cp      *capPlan
	base    []int
	nv      int
	P, L, M float64
	// small: premiums on the scale of the scores (see capSparse); then
	// dummy, when the places are odd in number, is a vertex joined to
	// every copy with weight L/2, which takes the place left over so that
	// no copy's dual is pinned to 0 by parity alone (−1 otherwise).
	small bool
	dummy int
	es    []matching.Edge
	pairs []capPair
	in    map[uint64]struct{}
}

// capPair is a pair of the graph; x is its gadget's first vertex, or −1.
type capPair struct {
	u, v int
	q    int64
	x    int
}

// newCapModel numbers the copies of the people of act and sets the
// premiums from qb, a bound on the quantised score of every eligible pair
// of each person: with S2 = Σ room·qb ≥ 2·Σq over any b-matching, L > S2
// makes one link worth more than any difference of scores, P > L·⌊Σ room/2⌋
// + S2 makes one more person with a buddy worth more than any difference
// of links and scores, and M ≥ 2P + L + 2·max qb + 2 keeps every gadget
// edge strictly below M. The error wraps ErrTooLarge when M exceeds 2^50.
func (p *problem) newCapModel(cp *capPlan, act []int, qb []int64) (*capModel, error) {
	return p.newCapModelPremiums(cp, act, qb, false)
}

// newCapModelPremiums is newCapModel; with small, the premiums are on the
// scale of one pair's score (L = P ≥ 2·max qb + 2), which makes the
// result lexicographically optimal only when its coverage and links reach
// their upper bounds (see capSparse).
func (p *problem) newCapModelPremiums(cp *capPlan, act []int, qb []int64, small bool) (*capModel, error) {
	g := &capModel{p: p, cp: cp, base: make([]int, p.n), in: make(map[uint64]struct{}), small: small, dummy: -1}
	for k := range cp.pinned {
		g.in[k] = struct{}{}
	}
	for c := range g.base {
		g.base[c] = -1
	}
	var s2, slots, qmax float64
	for _, c := range act {
		if cp.room[c] <= 0 {
			continue
		}
		g.base[c] = g.nv
		g.nv += cp.room[c]
		s2 += float64(cp.room[c]) * float64(max(qb[c], 0))
		slots += float64(cp.room[c])
		qmax = math.Max(qmax, float64(qb[c]))
	}
	even := func(v float64) float64 { return 2 * math.Floor(v/2+1) } // > v, even
	g.L = even(s2)
	g.P = g.L*math.Floor(slots/2) + s2 + 1
	if small {
		g.L = even(2*qmax + 1)
		g.P = g.L
	}
	g.M = even(2*g.P + g.L + 2*qmax + 1)
	if small && int(slots)%2 == 1 {
		g.dummy = g.nv
		g.nv++
		for _, c := range act {
			for i := 0; i < cp.room[c] && g.base[c] >= 0; i++ {
				g.es = append(g.es, matching.Edge{U: g.base[c] + i, V: g.dummy, W: g.L / 2})
			}
		}
	}
	if g.M > maxExactWeight {
		return nil, fmt.Errorf("%w: exact capacity pairing of %d people needs weights up to %.3g, above 2^50 (lower the capacities or split the roster)", ErrTooLarge, len(act), g.M)
	}
	return g, nil
}

// add puts the pair {u, v} of score q in the graph unless it is there
// already (or pinned), and reports whether it did.
func (g *capModel) add(u, v int, q int64) bool {
	if u > v {
		u, v = v, u
	}
	if g.base[u] < 0 || g.base[v] < 0 {
		return false
	}
	key := pairKey(u, v)
	if _, ok := g.in[key]; ok {
		return false
	}
	g.in[key] = struct{}{}
	cp := g.cp
	prem := func(c, i int) float64 {
		if i == 0 && cp.first[c] {
			return g.P
		}
		return 0
	}
	pr := capPair{u: u, v: v, q: q, x: -1}
	if cp.room[u] == 1 || cp.room[v] == 1 {
		a, b := u, v
		if cp.room[a] != 1 {
			a, b = b, a
		}
		for j := 0; j < cp.room[b]; j++ {
			g.es = append(g.es, matching.Edge{U: g.base[a], V: g.base[b] + j, W: prem(a, 0) + prem(b, j) + g.L + 2*float64(q)})
		}
	} else {
		x, y := g.nv, g.nv+1
		g.nv += 2
		pr.x = x
		for i := 0; i < cp.room[u]; i++ {
			g.es = append(g.es, matching.Edge{U: g.base[u] + i, V: x, W: g.M/2 + prem(u, i) + g.L/2 + float64(q)})
		}
		g.es = append(g.es, matching.Edge{U: x, V: y, W: g.M})
		for j := 0; j < cp.room[v]; j++ {
			g.es = append(g.es, matching.Edge{U: y, V: g.base[v] + j, W: g.M/2 + prem(v, j) + g.L/2 + float64(q)})
		}
	}
	g.pairs = append(g.pairs, pr)
	return true
}

// copyOf reports whether vertex w is a copy of person c.
func (g *capModel) copyOf(w, c int) bool {
	return w >= g.base[c] && w < g.base[c]+g.cp.room[c]
}

// links returns the pairs the matching mate forms, in graph order.
func (g *capModel) links(mate []int) [][2]int {
	var out [][2]int
	for _, pr := range g.pairs {
		formed := false
		if pr.x < 0 {
			a, b := pr.u, pr.v
			if g.cp.room[a] != 1 {
				a, b = b, a
			}
			formed = mate[g.base[a]] >= 0 && g.copyOf(mate[g.base[a]], b)
		} else {
			formed = g.copyOf(mate[pr.x], pr.u) && g.copyOf(mate[pr.x+1], pr.v)
		}
		if formed {
			out = append(out, [2]int{pr.u, pr.v})
		}
	}
	return out
}

// sigma returns, for every person with room, the smallest dual of their
// copies, the first copy's less P when it carries the premium: a pair
// {u, v} outside the graph can join it as a gadget with x–y matched under
// the same certificate iff σ_u + σ_v ≥ L + 2q(u, v) (the gadget's duals
// y_x + y_y = M must cover u_i–x and y–v_j for every copy; M ≥ every
// gadget weight makes a negative side harmless). Gadget vertices lie in
// no blossom, so blossom duals play no part.
func (g *capModel) sigma(res *matching.Result) []float64 {
	s := make([]float64, g.p.n)
	for c, b := range g.base {
		if b < 0 {
			continue
		}
		v := res.VertexDual[b]
		if g.cp.first[c] {
			v -= g.P
		}
		for i := 1; i < g.cp.room[c]; i++ {
			v = math.Min(v, res.VertexDual[b+i])
		}
		s[c] = v
	}
	return s
}

// solve solves the graph, warm-started from prev when not nil.
func (g *capModel) solve(ctx context.Context, prev *matching.Result) (matching.Result, error) {
	var mo matching.Options
	if prev != nil {
		mo.Start = matching.NewStart(prev, g.nv, g.es)
	}
	res, err := matching.Sparse(ctx, g.nv, g.es, mo)
	return res, solverErr(err)
}

// capOptimal is Optimal under capacities: the lexicographic optimum of
// (people with a buddy, links, Σ quantised score), exactly (see Pairs).
func (p *problem) capOptimal(ctx context.Context, cp *capPlan) ([][2]int, []string, error) {
	act := p.activeList()
	if len(act) <= p.set.denseLimit {
		return p.capDense(ctx, cp)
	}
	if p.set.DenseLimit != 0 { // set by the caller: pricing, exact at any size
		links, notes, _, err := p.capSparse(ctx, cp, true)
		return links, notes, err
	}
	links, notes, ok, err := p.capSparse(ctx, cp, false)
	switch {
	case err != nil:
		return nil, nil, err
	case ok:
		return links, notes, nil
	case len(act) <= p.tune.capDense():
		return p.capDense(ctx, cp)
	}
	return nil, nil, fmt.Errorf("%w: %d people to pair with capacities above 1, and the fast exact solve could not prove its answer here; the complete-graph solve takes up to %d (set IgnoreCapacity to give everyone one buddy, or a DenseLimit below the roster size for the candidate-graph solve with large premiums, which is exact but can take hours)", ErrTooLarge, len(act), p.tune.capDense())
}

// capDense solves the gadget graph of every eligible pair: O(m²) scores
// and one blossom solve on O(Σ room + e) vertices and O(e·b̄) edges, e
// the eligible pairs of people who both have room ≥ 2 and b̄ the mean room.
func (p *problem) capDense(ctx context.Context, cp *capPlan) ([][2]int, []string, error) {
	act, q, err := p.dense(ctx)
	if err != nil {
		return nil, nil, err
	}
	m := len(act)
	qb := make([]int64, p.n)
	for x := 0; x < m; x++ {
		for y := 0; y < m; y++ {
			qb[act[x]] = max(qb[act[x]], q[x*m+y])
		}
	}
	g, err := p.newCapModel(cp, act, qb)
	if err != nil {
		return nil, nil, err
	}
	for x := 0; x < m; x++ {
		for y := x + 1; y < m; y++ {
			if v := q[x*m+y]; v >= 0 {
				g.add(act[x], act[y], v)
			}
		}
	}
	res, err := g.solve(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	return g.links(res.Mate), []string{fmt.Sprintf("optimal: capacities honoured, exact on the complete eligibility graph of %d people (%d pairs)", m, len(g.pairs))}, nil
}

// capSparse solves the candidate graph and prices every other eligible
// pair against the certificate until none violates it (see Pairs). It
// first solves with small premiums (on the scale of one pair's score, and a
// dummy vertex for an odd number of places), which keeps the duals tight
// and pricing short. That result is the lexicographic optimum when its
// coverage and links reach their upper bounds — everyone with an eligible
// partner covered, ⌊Σ min(room, eligible partners)/2⌋ links — since every
// b-matching then ties on them and the certificate proves the most total
// score for the same premiums. Otherwise, with fallback, it solves again
// with the large premiums, which is exact at any size but can take many
// rounds; without, it reports ok = false.
func (p *problem) capSparse(ctx context.Context, cp *capPlan, fallback bool) ([][2]int, []string, bool, error) {
	cand, err := p.buildCandidates(ctx, p.searchIndex(), p.set.k, p.tune.reserve(p.set.k))
	if err != nil {
		return nil, nil, false, err
	}
	p.cand = cand
	act := p.activeList()
	links, note, err := p.capPriced(ctx, cp, cand, act, true)
	if err != nil {
		return nil, nil, false, err
	}
	if p.capBoundsMet(cp, cand, act, links) {
		return links, []string{note + "; coverage and links reach their upper bounds"}, true, nil
	}
	if !fallback {
		return nil, nil, false, nil
	}
	links, note, err = p.capPriced(ctx, cp, cand, act, false)
	return links, []string{note}, err == nil, err
}

// capBoundsMet reports whether links cover every person who has an
// eligible partner and number ⌊Σ min(room, eligible partners)/2⌋, the
// most any b-matching can have. The eligible partners of a person are
// known from the candidate lists when those are complete, and are at
// least their length (more than any room) otherwise. O(n + links).
func (p *problem) capBoundsMet(cp *capPlan, cand *candidates, act []int, links [][2]int) bool {
	deg := make([]int, p.n)
	for _, l := range links {
		deg[l[0]]++
		deg[l[1]]++
	}
	slots := 0
	for _, c := range act {
		if cp.room[c] <= 0 {
			continue
		}
		known := len(cand.cand[c]) + len(cand.more[c])
		if !cand.complete[c] && known < cp.room[c] {
			return false // cannot bound the partners of c
		}
		if cand.complete[c] {
			slots += min(cp.room[c], known)
		} else {
			slots += cp.room[c]
		}
		if cp.first[c] && known > 0 && deg[c] == 0 {
			return false // c has a partner and no buddy
		}
	}
	return len(links) == slots/2
}

// capPriced solves the candidate graph with small or large premiums and
// prices it until no eligible pair violates the certificate.
func (p *problem) capPriced(ctx context.Context, cp *capPlan, cand *candidates, act []int, small bool) ([][2]int, string, error) {
	qb := make([]int64, p.n)
	for _, i := range act {
		qb[i] = cand.theta[i]
		if len(cand.score[i]) > 0 {
			qb[i] = max(qb[i], cand.score[i][0])
		}
	}
	// People without an eligible partner (complete, empty lists) stay out
	// of the graph: joined to the dummy vertex alone, they would stay
	// exposed with dual 0, and the solve, bringing their duals down to 0,
	// would bring down with them the duals of everyone reachable through
	// the dummy (and form one giant blossom), so that the certificate
	// would cover almost no pair outside the graph and pricing would add
	// nearly every eligible pair, k per person a round.
	var linked []int
	for _, i := range act {
		if !cand.complete[i] || len(cand.cand[i]) > 0 {
			linked = append(linked, i)
		}
	}
	g, err := p.newCapModelPremiums(cp, linked, qb, small)
	if err != nil {
		return nil, "", err
	}
	for _, i := range act {
		for x, j := range cand.cand[i] {
			g.add(i, int(j), cand.score[i][x])
		}
	}
	p.addRandomEdges(act, g.add)
	inCand := len(g.pairs)
	var prev *matching.Result
	rounds := 0
	for {
		t0 := time.Now()
		res, err := g.solve(ctx, prev)
		if err != nil {
			return nil, "", err
		}
		t1 := time.Now()
		viol, err := p.capPrice(ctx, g, &res, act, cand)
		if err != nil {
			return nil, "", err
		}
		p.tracef("capacity round %d (small premiums %v): %d pairs, %d vertices, %d blossoms; solve %v, price %v: %d violators",
			rounds, small, len(g.pairs), g.nv, len(res.Blossoms), t1.Sub(t0).Round(time.Millisecond), time.Since(t1).Round(time.Millisecond), len(viol))
		if len(viol) == 0 {
			return g.links(res.Mate), fmt.Sprintf("optimal: capacities honoured, %d people, candidate graph of %d pairs (top %d per person), %d pairs added in %d pricing rounds; the dual certificate covers every eligible pair",
				len(act), inCand, p.set.k, len(g.pairs)-inCand, rounds), nil
		}
		for _, e := range viol {
			g.add(e.U, e.V, e.Q)
		}
		rounds++
		prev = &res
	}
}

// capPrice returns eligible pairs outside the graph that violate the
// certificate res (2q > s_u + s_v with s = σ − L/2), at most CandidateK
// per person, most violated first: pairengine.PriceSums with pairing's
// rules and scores, the people without a vertex (no room) absent. See
// PriceSums for the bound and the cost.
func (p *problem) capPrice(ctx context.Context, g *capModel, res *matching.Result, act []int, cand *candidates) ([]pairengine.Edge, error) {
	sig := g.sigma(res)
	s := make([]float64, p.n)
	for _, i := range act {
		s[i] = sig[i] - g.L/2
	}
	absent := make([]bool, p.n)
	for i, b := range g.base {
		absent[i] = b < 0
	}
	has := func(i, j int) bool {
		_, ok := g.in[pairKey(i, j)]
		return ok
	}
	return pairengine.PriceSums(ctx, s, absent, has, p.roundSpec(act, cand), roundJudge{p: p, cand: cand})
}

// capGreedy is Greedy under capacities: the heaviest eligible pair of the
// graph first (ties by ids) while both people have room, then every
// person with room left takes, in id order, the first eligible people
// with room. O(E log E + f·m) for E graph pairs and f people with room.
func (p *problem) capGreedy(ctx context.Context, cp *capPlan) ([][2]int, []string, error) {
	es, err := p.graph(ctx)
	if err != nil {
		return nil, nil, err
	}
	slices.SortStableFunc(es, func(a, b pairengine.Edge) int {
		if a.Q != b.Q {
			if a.Q > b.Q {
				return -1
			}
			return 1
		}
		if a.U != b.U {
			return a.U - b.U
		}
		return a.V - b.V
	})
	load := make([]int, p.n)
	linked := make(map[uint64]struct{})
	for k := range cp.pinned {
		linked[k] = struct{}{}
	}
	var links [][2]int
	link := func(u, v int) {
		links = append(links, [2]int{min(u, v), max(u, v)})
		linked[pairKey(u, v)] = struct{}{}
		load[u]++
		load[v]++
	}
	for _, e := range es {
		if _, ok := linked[pairKey(e.U, e.V)]; !ok && load[e.U] < cp.room[e.U] && load[e.V] < cp.room[e.V] {
			link(e.U, e.V)
		}
	}
	act := p.activeList()
	for x, i := range act {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		for _, j := range act[x+1:] {
			if load[i] >= cp.room[i] {
				break
			}
			if load[j] >= cp.room[j] {
				continue
			}
			if _, ok := linked[pairKey(i, j)]; ok || p.eligible(i, j) != RuleNone {
				continue
			}
			link(i, j)
		}
	}
	note := "greedy: heaviest eligible pair first while both have room (capacities honoured), ties by id"
	if len(act) > p.set.denseLimit {
		note = fmt.Sprintf("greedy: heaviest pair first among each person's %d best candidates while both have room (capacities honoured), ties by id, then the first eligible people with room; with capacities the greedy order is not applied to every eligible pair above %d people, so the result may have blocking pairs", p.set.k, p.set.denseLimit)
	}
	return links, []string{note}, nil
}

// capRandom is Random under capacities: people in a seeded random order,
// each taking the first eligible people with room after them until their
// own room is used. O(m²) eligibility tests in the worst case.
func (p *problem) capRandom(ctx context.Context, cp *capPlan) ([][2]int, []string, error) {
	act := p.activeList()
	rng := rand.New(rand.NewPCG(p.set.Seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(act), func(a, b int) { act[a], act[b] = act[b], act[a] })
	load := make([]int, p.n)
	var links [][2]int
	for x, i := range act {
		if x%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		for _, j := range act[x+1:] {
			if load[i] >= cp.room[i] {
				break
			}
			if load[j] >= cp.room[j] {
				continue
			}
			if _, ok := cp.pinned[pairKey(i, j)]; ok {
				continue
			}
			if r := p.eligible(i, j); r != RuleNone {
				p.rejected[r]++
				continue
			}
			links = append(links, [2]int{min(i, j), max(i, j)})
			load[i]++
			load[j]++
		}
	}
	return links, []string{fmt.Sprintf("random: seed %d (capacities honoured)", p.set.Seed)}, nil
}
