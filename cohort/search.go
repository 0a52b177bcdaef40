package cohort

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// The annealing schedule: the start temperature accepts a typical worsening
// with probability 1/10 (T0 = mean worsening / ln 10), and the temperature
// falls geometrically to annealEnd·T0.
const annealEnd = 1e-3

const annealP0 = math.Ln10

// checkEvery is how many search iterations pass between two checks of the
// context and the clock.
const checkEvery = 1024

// stats is the work done by the search.
type stats struct {
	iterations, accepted, restarts int
	timedOut                       bool
}

// layout returns the stratum of each group and the group range of each
// stratum.
func (in *instance) layout() (stratOf []int32, lo, hi []int) {
	for t, s := range in.strata {
		lo = append(lo, len(stratOf))
		for g := 0; g < s.groups; g++ {
			stratOf = append(stratOf, int32(t))
		}
		hi = append(hi, len(stratOf))
	}
	return stratOf, lo, hi
}

// construct builds a starting partition: the grade bands as they are, or a
// snake draft of the units by teaching strength (random order when rng is
// not nil) into groups of balanced target sizes, avoiding conflicts where it
// can. It takes O(u log u + u·G·c) time for u units, G groups and c
// conflicts per unit.
func (in *instance) construct(rng *rand.Rand) (*state, error) {
	stratOf, lo, _ := in.layout()
	st := newState(in, len(stratOf))
	copy(st.stratOf, stratOf)
	for t, s := range in.strata {
		off := lo[t]
		if s.blocks != nil {
			for b, block := range s.blocks {
				for _, u := range block {
					for _, i := range in.units[u] {
						st.add(i, int32(off+b))
					}
				}
			}
			continue
		}
		G := s.groups
		target := make([]int, G)
		for g := range target {
			target[g] = s.size / G
			if g < s.size%G {
				target[g]++
			}
		}
		order := append([]int32(nil), s.units...)
		if rng != nil {
			rng.Shuffle(len(order), func(x, y int) { order[x], order[y] = order[y], order[x] })
			sort.SliceStable(order, func(x, y int) bool { return len(in.units[order[x]]) > len(in.units[order[y]]) })
		} else {
			sort.SliceStable(order, func(x, y int) bool {
				a, b := order[x], order[y]
				if len(in.units[a]) != len(in.units[b]) {
					return len(in.units[a]) > len(in.units[b])
				}
				if in.wStr[a] != in.wStr[b] {
					return in.wStr[a] > in.wStr[b]
				}
				return a < b
			})
		}
		snake := func(p int) int {
			r, c := (p/G)%2, p%G
			if r == 1 {
				return G - 1 - c
			}
			return c
		}
		pos := 0
		for _, u := range order {
			size := len(in.units[u])
			chosen := -1
			for x := 0; x < 2*G && chosen < 0; x++ {
				g := snake(pos + x)
				if len(st.members[off+g])+size <= target[g] && !in.conflicts(st, u, int32(off+g)) {
					chosen, pos = g, pos+x+1
				}
			}
			for x := 0; x < 2*G && chosen < 0; x++ {
				g := snake(pos + x)
				if len(st.members[off+g])+size <= target[g] {
					chosen, pos = g, pos+x+1
				}
			}
			if chosen < 0 {
				best := -1
				for g := 0; g < G; g++ {
					if len(st.members[off+g])+size <= in.set.MaxSize && (best < 0 || len(st.members[off+g]) < len(st.members[off+best])) {
						best = g
					}
				}
				chosen = best
			}
			if chosen < 0 {
				return nil, fmt.Errorf("%w: the keep-together lists do not fit into %d groups of %d–%d", ErrInfeasible, G, in.set.MinSize, in.set.MaxSize)
			}
			for _, i := range in.units[u] {
				st.add(i, int32(off+chosen))
			}
		}
		for g := 0; g < G; g++ {
			if len(st.members[off+g]) < in.set.MinSize {
				return nil, fmt.Errorf("%w: the keep-together lists do not fit into %d groups of %d–%d", ErrInfeasible, G, in.set.MinSize, in.set.MaxSize)
			}
		}
	}
	st.rescoreAll()
	return st, nil
}

// conflicts reports whether a member of unit u may not share group g with
// someone already in it.
func (in *instance) conflicts(st *state, u int32, g int32) bool {
	for _, i := range in.units[u] {
		for _, j := range in.managerLinks[i] {
			if st.groupOf[j] == g {
				return true
			}
		}
		if len(in.apart[i]) > 0 {
			for _, j := range st.members[g] {
				if in.apart.together(i, j) {
					return true
				}
			}
		}
	}
	return false
}

// move is a unit moved from group a to group b and, for a swap, unit v
// moved from b to a.
type move struct {
	u, v int32
	a, b int32
}

func (st *state) apply(m move) {
	st.moveUnit(m.u, m.b)
	if m.v >= 0 {
		st.moveUnit(m.v, m.a)
	}
	st.rescore(m.a)
	st.rescore(m.b)
}

// undo reverses apply(m); ea and eb are the evaluations of groups a and b
// before the move.
func (st *state) undo(m move, ea, eb groupEval) {
	st.moveUnit(m.u, m.a)
	if m.v >= 0 {
		st.moveUnit(m.v, m.b)
	}
	st.setEval(m.a, ea)
	st.setEval(m.b, eb)
}

func (st *state) setEval(g int32, e groupEval) {
	old := st.eval[g]
	st.eval[g] = e
	st.hard += e.hard - old.hard
	st.sum += e.score - old.score
	x := st.leaves + int(g)
	st.tree[x] = e.score
	for x > 1 {
		x /= 2
		st.tree[x] = math.Min(st.tree[2*x], st.tree[2*x+1])
	}
}

// searcher holds what a search run needs besides the state.
type searcher struct {
	in       *instance
	placed   []int32
	lo, hi   []int // group range of each stratum
	ctx      context.Context
	deadline time.Time
	stats    stats
}

// propose draws a random move or swap between two groups of one stratum
// that keeps every size in MinSize..MaxSize. ok is false when the draw found
// none.
func (s *searcher) propose(st *state, rng *rand.Rand) (m move, ok bool) {
	in := s.in
	p := s.placed[rng.IntN(len(s.placed))]
	u := in.unitOf[p]
	a := st.groupOf[p]
	t := st.stratOf[a]
	lo, hi := s.lo[t], s.hi[t]
	if hi-lo < 2 {
		return m, false
	}
	b := int32(lo + rng.IntN(hi-lo-1))
	if b >= a {
		b++
	}
	su := len(in.units[u])
	na, nb := len(st.members[a]), len(st.members[b])
	canMove := na-su >= in.set.MinSize && nb+su <= in.set.MaxSize
	canMove = canMove && st.bandOK(b, -1, u)
	if canMove && rng.IntN(2) == 0 {
		return move{u, -1, a, b}, true
	}
	q := st.members[b][rng.IntN(nb)]
	v := in.unitOf[q]
	sv := len(in.units[v])
	if na-su+sv >= in.set.MinSize && na-su+sv <= in.set.MaxSize && nb-sv+su >= in.set.MinSize && nb-sv+su <= in.set.MaxSize &&
		st.bandOK(a, u, v) && st.bandOK(b, v, u) {
		return move{u, v, a, b}, true
	}
	if canMove {
		return move{u, -1, a, b}, true
	}
	return m, false
}

// bandOK reports whether group g, without unit out (-1 for none) and with
// unit add, keeps its grades within the band. It is always true without
// GradeBand. It takes O(m) time for m members.
func (st *state) bandOK(g int32, out, add int32) bool {
	in := st.in
	if !in.set.GradeBand {
		return true
	}
	lo, hi := in.gradeSpan(in.units[add])
	for _, i := range st.members[g] {
		if in.unitOf[i] != out {
			lo, hi = min(lo, in.grade[i]), max(hi, in.grade[i])
		}
	}
	return hi-lo <= in.set.gap
}

// tick checks the context and the clock; it returns an error when the
// context is done and sets timedOut when the time limit has passed.
func (s *searcher) tick() error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if !s.deadline.IsZero() && time.Now().After(s.deadline) {
		s.stats.timedOut = true
	}
	return nil
}

// anneal runs simulated annealing from st for iters iterations with a
// geometric cooling schedule from a temperature that accepts a typical
// worsening with probability 1/10 down to a thousandth of it. It leaves the
// best partition seen in st. Each iteration takes the time of two group
// evaluations (see state.evaluate) plus O(log G).
func (s *searcher) anneal(st *state, rng *rand.Rand, iters int) error {
	// Estimate the typical worsening among moves that keep the hard rules
	// as they are.
	worse, nw := 0.0, 0
	cur := st.value()
	for x := 0; x < 200; x++ {
		m, ok := s.propose(st, rng)
		if !ok {
			continue
		}
		ea, eb := st.eval[m.a], st.eval[m.b]
		st.apply(m)
		if v := st.value(); v.hard == cur.hard && v.obj < cur.obj {
			worse += cur.obj - v.obj
			nw++
		}
		st.undo(m, ea, eb)
	}
	t0 := 1e-6
	if nw > 0 {
		t0 = worse / float64(nw) / annealP0
	}
	alpha := math.Pow(annealEnd, 1/float64(max(iters, 1)))
	temp := t0
	best := cur
	bestIsCurrent := true
	var snapshot []int32
	for it := 0; it < iters; it++ {
		if it%checkEvery == 0 {
			if err := s.tick(); err != nil {
				return err
			}
			if s.stats.timedOut {
				break
			}
		}
		s.stats.iterations++
		temp *= alpha
		m, ok := s.propose(st, rng)
		if !ok {
			continue
		}
		ea, eb := st.eval[m.a], st.eval[m.b]
		st.apply(m)
		next := st.value()
		if next.hard > cur.hard {
			st.undo(m, ea, eb)
			continue
		}
		d := next.obj - cur.obj
		worsens := next.hard == cur.hard && d < 0
		if worsens && rng.Float64() >= math.Exp(d/temp) {
			st.undo(m, ea, eb)
			continue
		}
		s.stats.accepted++
		if worsens && bestIsCurrent {
			// Leaving a best partition: keep a copy (undo, copy, redo).
			st.undo(m, ea, eb)
			snapshot = append(snapshot[:0], st.groupOf...)
			st.apply(m)
			bestIsCurrent = false
		}
		cur = next
		if cur.better(best) {
			best = cur
			bestIsCurrent = true
		}
	}
	if !bestIsCurrent && snapshot != nil {
		st.load(snapshot)
	}
	return nil
}

// descentLimit is the largest number of placed people for which each
// restart ends with a full descent over all moves and swaps.
const descentLimit = 60

// descend applies improving moves and swaps (first improvement, scanning
// units and groups in index order) until none is left, or the context is
// done. One pass tries every move and swap once: O(n·(G + n)) evaluations
// for n people and G groups.
func (s *searcher) descend(st *state) error {
	in := s.in
	cur := st.value()
	try := func(m move) bool {
		ea, eb := st.eval[m.a], st.eval[m.b]
		st.apply(m)
		s.stats.iterations++
		if next := st.value(); next.better(cur) {
			s.stats.accepted++
			cur = next
			return true
		}
		st.undo(m, ea, eb)
		return false
	}
	for improved := true; improved; {
		improved = false
		if err := s.tick(); err != nil {
			return err
		}
		if s.stats.timedOut {
			return nil
		}
		for _, p := range s.placed {
			u := in.unitOf[p]
			if in.units[u][0] != p {
				continue
			}
			a := st.groupOf[p]
			t := st.stratOf[a]
			su := len(in.units[u])
			for b := int32(s.lo[t]); b < int32(s.hi[t]); b++ {
				if a = st.groupOf[p]; b == a {
					continue
				}
				na, nb := len(st.members[a]), len(st.members[b])
				if na-su >= in.set.MinSize && nb+su <= in.set.MaxSize && st.bandOK(b, -1, u) && try(move{u, -1, a, b}) {
					improved = true
					break
				}
				for x := 0; x < len(st.members[b]); x++ {
					q := st.members[b][x]
					v := in.unitOf[q]
					if in.units[v][0] != q {
						continue
					}
					sv := len(in.units[v])
					if na-su+sv < in.set.MinSize || na-su+sv > in.set.MaxSize || nb-sv+su < in.set.MinSize || nb-sv+su > in.set.MaxSize ||
						!st.bandOK(a, u, v) || !st.bandOK(b, v, u) {
						continue
					}
					if try(move{u, v, a, b}) {
						improved = true
						break
					}
				}
				if st.groupOf[p] != a {
					break
				}
			}
		}
	}
	return nil
}

// load replaces the partition with groupOf and rescores every group.
func (st *state) load(groupOf []int32) {
	for g := range st.members {
		st.members[g] = st.members[g][:0]
	}
	for i := range st.holders {
		st.holders[i] = 0
		st.wanters[i] = 0
	}
	for i := range st.groupOf {
		st.groupOf[i] = -1
	}
	for i, g := range groupOf {
		if g >= 0 {
			st.add(int32(i), g)
		}
	}
	st.rescoreAll()
}

// search runs the restarts and returns the best partition found. Restart 0
// starts from the deterministic construction, later ones from randomised
// ones. Ties keep the earlier restart.
func (in *instance) search(ctx context.Context, deadline time.Time) (*state, stats, error) {
	_, lo, hi := in.layout()
	s := &searcher{in: in, lo: lo, hi: hi, ctx: ctx, deadline: deadline}
	for _, t := range in.strata {
		for _, u := range t.units {
			s.placed = append(s.placed, in.units[u]...)
		}
	}
	sort.Slice(s.placed, func(x, y int) bool { return s.placed[x] < s.placed[y] })
	// A step costs time in proportion to the size of the groups it
	// changes: steps count as the groups' size over DefaultMaxSize each,
	// so that groups of thousands make proportionally fewer default steps
	// and meet the same MaxSearchSteps, and the search's time stays
	// about the same whatever the group sizes.
	groups := 1
	if len(hi) > 0 {
		groups = max(1, hi[len(hi)-1])
	}
	weight := max(1, (len(s.placed)+groups-1)/groups/DefaultMaxSize)
	iters := in.set.Iterations
	r := in.set.Restarts
	if iters == 0 {
		iters = max(1, (DefaultIterationsPerPerson*len(s.placed)+DefaultIterationsBase*min(len(s.placed), 100)/100)/weight)
		// resolve checked explicit iterations; the default ones depend on
		// the people placed. Restarts ≤ MaxRestarts keeps the product in
		// range.
		if r > DefaultRestarts && r*iters*weight > MaxSearchSteps {
			return nil, s.stats, fmt.Errorf("%w: restarts %d × iterations %d (the default for %d people) = %d search steps, above MaxSearchSteps (%d): give fewer restarts (at most %d) or fewer iterations",
				ErrInvalidOptions, r, iters, len(s.placed), r*iters*weight, MaxSearchSteps, max(DefaultRestarts, MaxSearchSteps/(iters*weight)))
		}
	} else if r*iters*weight > MaxSearchSteps {
		// Both are bounded by resolve (≤ MaxRestarts, ≤ MaxSearchSteps)
		// and weight by the group size, so the product fits an int.
		return nil, s.stats, fmt.Errorf("%w: restarts %d × iterations %d on groups of about %d members (each step counting %d, one for every %d members) = %d search steps, above MaxSearchSteps (%d): give fewer restarts or iterations",
			ErrInvalidOptions, r, iters, weight*DefaultMaxSize, weight, DefaultMaxSize, r*iters*weight, MaxSearchSteps)
	}
	movable := false
	for t := range lo {
		movable = movable || hi[t]-lo[t] > 1
	}
	var (
		best    *state
		bestVal value
	)
	for r := 0; r < in.set.Restarts; r++ {
		var rng *rand.Rand
		if r > 0 {
			rng = rand.New(rand.NewPCG(in.set.Seed, uint64(r)<<32|0x636f68))
		}
		st, err := in.construct(rng)
		if err != nil {
			return nil, s.stats, err
		}
		if rng == nil {
			rng = rand.New(rand.NewPCG(in.set.Seed, 0x636f68))
		}
		if movable && len(s.placed) > 0 {
			if err := s.anneal(st, rng, iters); err != nil {
				return nil, s.stats, err
			}
			if len(s.placed) <= descentLimit {
				if err := s.descend(st); err != nil {
					return nil, s.stats, err
				}
			}
		}
		s.stats.restarts++
		if v := (value{st.hard, st.exactObjective()}); best == nil || v.better(bestVal) {
			best, bestVal = st, v
		}
		if s.stats.timedOut || !movable {
			break
		}
	}
	return best, s.stats, nil
}
