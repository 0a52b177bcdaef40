package pairing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// capValue is the lexicographic objective of a b-matching: people with a
// buddy, links, Σ quantised score.
type capValue struct {
	covered, links int
	q              int64
}

func (a capValue) less(b capValue) bool {
	if a.covered != b.covered {
		return a.covered < b.covered
	}
	if a.links != b.links {
		return a.links < b.links
	}
	return a.q < b.q
}

// capRoster is randomRoster with capacities 1–3 (1 half of the time) and
// a few random never-pairs in opt.
func capRoster(t testing.TB, rng *rand.Rand, n int, seed uint64) (*skills.Roster, map[string][]string) {
	r := randomRoster(t, n, 2+rng.IntN(4), seed)
	never := map[string][]string{}
	for i := range r.People {
		switch x := rng.IntN(20); {
		case x < 10:
			r.People[i].Capacity = 1
		case x < 17:
			r.People[i].Capacity = 2
		default:
			r.People[i].Capacity = 3
		}
		if rng.IntN(4) == 0 {
			j := rng.IntN(n)
			never[r.People[i].ID] = append(never[r.People[i].ID], r.People[j].ID)
		}
	}
	r.People[rng.IntN(n)].Capacity = 2 + rng.IntN(2) // someone takes several
	return r, never
}

// checkCapResult asserts the hard rules, the capacities, that no link
// repeats and that everyone is in a pair or unmatched, not both; it
// returns the objective of res.
func checkCapResult(t *testing.T, r *skills.Roster, opt Options, res *Result) capValue {
	t.Helper()
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	load := map[string]int{}
	seen := map[[2]string]bool{}
	var v capValue
	for _, pr := range res.Pairs {
		require.Empty(t, pr.C)
		require.Less(t, pr.A, pr.B)
		require.False(t, seen[[2]string{pr.A, pr.B}], "%s–%s twice", pr.A, pr.B)
		seen[[2]string{pr.A, pr.B}] = true
		i, err := p.index(pr.A)
		require.NoError(t, err)
		j, err := p.index(pr.B)
		require.NoError(t, err)
		rule := p.eligible(i, j)
		if pr.Pinned && rule == RuleNothingToExchange {
			rule = RuleNone
		}
		require.Equal(t, RuleNone, rule, "%s–%s breaks a rule", pr.A, pr.B)
		load[pr.A]++
		load[pr.B]++
		v.links++
		v.q += p.qscore(i, j)
	}
	for _, u := range res.Unmatched {
		require.Zero(t, load[u.ID], "%s unmatched with a buddy", u.ID)
		require.NotEmpty(t, u.Reason)
		load[u.ID] = 0
	}
	require.Len(t, load, len(r.People))
	require.Len(t, res.Loads, len(r.People))
	for _, l := range res.Loads {
		pe := r.Person(l.ID)
		require.Equal(t, pe.EffectiveCapacity(), l.Capacity)
		require.Equal(t, load[l.ID], l.Load)
		require.LessOrEqual(t, l.Load, l.Capacity, "%s over capacity", l.ID)
		if l.Load > 0 {
			v.covered++
		}
	}
	require.Equal(t, v.links, res.Metrics.Links)
	require.Equal(t, v.covered, res.Metrics.Matched)
	return v
}

// bruteCap returns the best objective over every b-matching of the
// eligible pairs (pins fixed), by memoised search over the pairs with the
// loads as state.
func bruteCap(t *testing.T, r *skills.Roster, opt Options) capValue {
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	n := p.n
	room := make([]int, n)
	load0 := make([]int, n)
	var base capValue
	pinned := map[uint64]bool{}
	for c := 0; c < n; c++ {
		room[c] = p.ppl[c].EffectiveCapacity()
	}
	for _, pin := range p.pinned {
		pinned[pairKey(pin[0], pin[1])] = true
		load0[pin[0]]++
		load0[pin[1]]++
		base.links++
		base.q += p.qscore(pin[0], pin[1])
	}
	type edge struct {
		u, v int
		q    int64
	}
	var es []edge
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if !pinned[pairKey(i, j)] && p.eligible(i, j) == RuleNone {
				es = append(es, edge{i, j, p.qscore(i, j)})
			}
		}
	}
	load := load0
	code := func() uint64 {
		c := uint64(0)
		for _, l := range load {
			c = c<<2 | uint64(l)
		}
		return c
	}
	memo := map[uint64]capValue{}
	var f func(e int) capValue
	f = func(e int) capValue {
		if e == len(es) {
			var v capValue
			for _, l := range load {
				if l > 0 {
					v.covered++
				}
			}
			return v
		}
		key := code()<<8 | uint64(e)
		if v, ok := memo[key]; ok {
			return v
		}
		best := f(e + 1)
		if x := es[e]; load[x.u] < room[x.u] && load[x.v] < room[x.v] {
			load[x.u]++
			load[x.v]++
			v := f(e + 1)
			load[x.u]--
			load[x.v]--
			v.links++
			v.q += x.q
			if best.less(v) {
				best = v
			}
		}
		memo[key] = best
		return best
	}
	v := f(0)
	v.links += base.links
	v.q += base.q
	return v
}

// TestCapacityBruteForce compares Optimal under capacities with every
// b-matching of thousands of small random rosters (≤ 9 people,
// capacities 1–3, random rules and never-pairs, some pins).
func TestCapacityBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(15, 3))
	opts := []Options{
		{},
		{Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.3, DepartmentDiversity: 0.2}},
		{HardRules: HardRules{MaxGradeGap: GradeGap(0), NoPeerRule: true}, Mutual: OneWay},
		{HardRules: HardRules{ManagerChain: true, DifferentDepartment: true}, Mutual: Min},
		{HardRules: HardRules{AllowNoExchange: true, MaxGradeGap: GradeGap(-1), NoPeerRule: true}},
	}
	iters := 3000
	if testing.Short() {
		iters = 300
	}
	proven, fellBack := 0, 0
	for it := 0; it < iters; it++ {
		n := 2 + rng.IntN(8)
		r, never := capRoster(t, rng, n, uint64(it))
		opt := opts[it%len(opts)]
		opt.Never = never
		if it%5 == 0 { // pin an allowed pair
			p, err := newProblem(r, opt)
			require.NoError(t, err)
			for try := 0; try < 10; try++ {
				i, j := rng.IntN(n), rng.IntN(n)
				if p.rule(i, j) == RuleNone {
					opt.Pinned = [][2]string{{p.ppl[i].ID, p.ppl[j].ID}}
					break
				}
			}
		}
		want := bruteCap(t, r, opt)
		res, err := Pairs(context.Background(), r, opt)
		require.NoError(t, err, "it %d", it)
		got := checkCapResult(t, r, opt, res)
		require.Equal(t, want, got, "it %d: n %d", it, n)
		// the sparse path, on the same tiny roster
		opt.DenseLimit = 1
		opt.CandidateK = 1 + it%3
		res, err = Pairs(context.Background(), r, opt)
		require.NoError(t, err, "it %d sparse", it)
		require.Equal(t, want, checkCapResult(t, r, opt, res), "it %d sparse: n %d", it, n)
		if len(res.Notes) > 0 && strings.Contains(res.Notes[0], "upper bounds") {
			proven++
		} else {
			fellBack++
		}
	}
	// both ends of the sparse path ran: answers the bounds prove, and the
	// large premiums where they do not
	require.Positive(t, proven)
	require.Positive(t, fellBack)
	t.Logf("sparse: %d proven by the bounds, %d with the large premiums", proven, fellBack)
}

// TestCapacityHeuristics checks Greedy and Random under capacities: valid,
// and maximal (no eligible pair not linked with room on both sides).
func TestCapacityHeuristics(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	for it := 0; it < 300; it++ {
		n := 2 + rng.IntN(12)
		r, never := capRoster(t, rng, n, uint64(it))
		for _, s := range []Strategy{Greedy, Random} {
			opt := Options{Strategy: s, HardRules: HardRules{Never: never}, Seed: uint64(it)}
			res, err := Pairs(context.Background(), r, opt)
			require.NoError(t, err)
			checkCapResult(t, r, opt, res)
			p, err := newProblem(r, opt)
			require.NoError(t, err)
			load := map[string]int{}
			linked := map[[2]string]bool{}
			for _, pr := range res.Pairs {
				load[pr.A]++
				load[pr.B]++
				linked[[2]string{pr.A, pr.B}] = true
			}
			for i := 0; i < n; i++ {
				for j := i + 1; j < n; j++ {
					a, b := p.ppl[i], p.ppl[j]
					if !linked[[2]string{a.ID, b.ID}] && p.eligible(i, j) == RuleNone {
						assert.True(t, load[a.ID] >= a.EffectiveCapacity() || load[b.ID] >= b.EffectiveCapacity(),
							"%s: %s–%s could be linked", s.Name(), a.ID, b.ID)
					}
				}
			}
		}
	}
}

// capSynthetic is a synthetic roster with a share of people at capacity
// 2–3.
func capSynthetic(n, k int, seed uint64, share float64) *skills.Roster {
	r := skills.Synthetic(n, k, seed, skills.SyntheticOptions{ExtraCapacityFraction: -1})
	rng := rand.New(rand.NewPCG(seed, 99))
	for i := range r.People {
		if rng.Float64() < share {
			r.People[i].Capacity = 2 + rng.IntN(2)
		}
	}
	return r
}

// TestCapacitySparseMatchesDense compares the candidate graph with pricing
// (DenseLimit forced low) with the solve on every eligible pair, on
// synthetic rosters of 400–1,500 people.
func TestCapacitySparseMatchesDense(t *testing.T) {
	t.Parallel()
	sizes := []int{400, 700, 1500}
	if testing.Short() || raceOn {
		sizes = []int{400}
	}
	for x, n := range sizes {
		r := capSynthetic(n, 30, uint64(x+1), 0.2)
		opts := []Options{{}, {HardRules: HardRules{MaxGradeGap: GradeGap(2)}, Mutual: Min}, {SoftCriteria: SoftCriteria{SameLocation: 0.1}, Scale: Scale{CandidateK: 5}}}
		opt := opts[x%len(opts)]
		opt.DenseLimit = n
		dense := mustCap(t, r, opt)
		opt.DenseLimit = 50
		sparse := mustCap(t, r, opt)
		dv, sv := checkCapResult(t, r, opt, dense), checkCapResult(t, r, opt, sparse)
		require.Equal(t, dv, sv, "n %d", n)
		t.Logf("n %d: %+v; %v", n, sv, sparse.Notes)
	}
}

func mustCap(t *testing.T, r *skills.Roster, opt Options) *Result {
	t.Helper()
	res, err := Pairs(context.Background(), r, opt)
	require.NoError(t, err)
	return res
}

// TestCapacityStrategiesAndOptions covers the strategies that give one
// buddy each (with a note), IgnoreCapacity, Trio and the pinned path.
func TestCapacityStrategiesAndOptions(t *testing.T) {
	r := skills.Demo()
	multi := 0
	for i := range r.People {
		if r.People[i].EffectiveCapacity() > 1 {
			multi++
		}
	}
	require.Positive(t, multi, "the demo has people of capacity 2")
	for _, s := range []Strategy{Stable, MaxMin} {
		res := mustPairs(t, r, Options{Strategy: s})
		assert.Contains(t, fmt.Sprint(res.Notes), "capacity not honoured", s.Name())
		assert.Nil(t, res.Loads)
	}
	plain := mustPairs(t, r, Options{IgnoreCapacity: true})
	assert.Nil(t, plain.Loads)
	assert.Zero(t, plain.Metrics.Links)
	res := mustCap(t, r, Options{})
	v := checkCapResult(t, r, Options{}, res)
	pv, pq := value(t, r, Options{}, plain)
	assert.GreaterOrEqual(t, v.links, pv)
	assert.True(t, v.links > pv || v.q >= pq)
	_, err := Pairs(context.Background(), r, Options{Trio: true})
	require.ErrorIs(t, err, ErrInvalidOptions)
	bad := skills.Demo()
	bad.People[0].Capacity = -1
	_, err = Pairs(context.Background(), bad, Options{})
	require.ErrorIs(t, err, ErrInvalidOptions)
}

// starRoster returns stars of three people, each star at a grade of its
// own: a centre who teaches two leaves, who teach the centre, and the
// leaves, alike, teach each other nothing; one centre has capacity 2.
// Every star leaves one person without a buddy, so coverage falls short
// of its upper bound (everyone has an eligible partner) and only the
// complete-graph solve can prove the answer.
func starRoster(t testing.TB, stars int) *skills.Roster {
	var ppl []skills.Person
	for s := 0; s < stars; s++ {
		g := 10 * s
		ppl = append(ppl,
			person(fmt.Sprintf("s%03dc", s), g, 1, []uint8{5, 0}, []uint8{0, 5}),
			person(fmt.Sprintf("s%03dl1", s), g, 9, []uint8{0, 5}, []uint8{5, 0}),
			person(fmt.Sprintf("s%03dl2", s), g, 9, []uint8{0, 5}, []uint8{5, 0}))
	}
	ppl[3].Capacity = 2
	return roster(t, 2, ppl...)
}

// When the fast solve cannot prove its answer, Optimal solves the complete
// graph up to its limit and beyond it stops at once with ErrTooLarge,
// saying what to do; IgnoreCapacity pairs everyone once.
func TestCapacityLimit(t *testing.T) {
	r := starRoster(t, 150) // 450 people, above DenseLimit
	var rounds []string
	tune := tuning{trace: func(f string, a ...any) { rounds = append(rounds, fmt.Sprintf(f, a...)) }}
	res, err := pairsTuned(context.Background(), r, Options{}, tune)
	require.NoError(t, err)
	require.Equal(t, 151, res.Metrics.Links, "each star one pair, the centre of capacity 2 two")
	require.Contains(t, res.Notes[0], "complete eligibility graph")
	require.NotEmpty(t, rounds, "the fast solve ran first")
	dense := mustCap(t, r, Options{Scale: Scale{DenseLimit: 450}})
	require.Equal(t, checkCapResult(t, r, Options{}, dense), checkCapResult(t, r, Options{}, res))

	tune.capDenseLimit = 400
	_, err = pairsTuned(context.Background(), r, Options{}, tune)
	require.ErrorIs(t, err, ErrTooLarge)
	require.Contains(t, err.Error(), "IgnoreCapacity")
	res, err = Pairs(context.Background(), r, Options{IgnoreCapacity: true})
	require.NoError(t, err)
	require.Equal(t, 150, res.Metrics.Pairs)
}

// The default solve of large rosters (small premiums on a priced
// candidate graph, proven by the upper bounds) equals the complete-graph
// optimum on 200-skill rosters, where most pairs are eligible.
func TestCapacityFastMatchesDense(t *testing.T) {
	t.Parallel()
	sizes := []int{600, 1200}
	if testing.Short() || raceOn {
		sizes = sizes[:1]
	}
	for x, n := range sizes {
		r := capSynthetic(n, 200, uint64(7+x), 0.2)
		fast := mustCap(t, r, Options{})
		require.Contains(t, fast.Notes[0], "upper bounds", "the fast solve proved its answer")
		dense := mustCap(t, r, Options{Scale: Scale{DenseLimit: n}})
		require.Equal(t, checkCapResult(t, r, Options{}, dense), checkCapResult(t, r, Options{}, fast), "n %d", n)
	}
}

// FuzzCapacity: on any small roster the fuzzer makes (size, skills,
// capacities, never-pairs and rules from its inputs), Optimal under
// capacities, on the complete graph and on candidate lists, equals the
// exhaustive optimum: go test -fuzz FuzzCapacity ./pairing
func FuzzCapacity(f *testing.F) {
	for _, s := range []struct {
		seed       uint64
		n, k, mode uint8
	}{{1, 3, 2, 0}, {2, 7, 4, 1}, {3, 8, 3, 2}, {4, 5, 5, 3}, {5, 9, 2, 4}} {
		f.Add(s.seed, s.n, s.k, s.mode)
	}
	opts := []Options{
		{},
		{Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.3}},
		{HardRules: HardRules{MaxGradeGap: GradeGap(0), NoPeerRule: true}, Mutual: OneWay},
		{HardRules: HardRules{ManagerChain: true}, Mutual: Min},
		{HardRules: HardRules{AllowNoExchange: true, MaxGradeGap: GradeGap(-1), NoPeerRule: true}},
	}
	f.Fuzz(func(t *testing.T, seed uint64, n, k, mode uint8) {
		rng := rand.New(rand.NewPCG(seed, uint64(k)))
		r, never := capRoster(t, rng, 2+int(n%8), seed)
		opt := opts[int(mode)%len(opts)]
		opt.Never = never
		want := bruteCap(t, r, opt)
		for _, dl := range []int{0, 1} {
			o := opt
			o.DenseLimit, o.CandidateK = dl, 1+int(k%3)
			res, err := Pairs(context.Background(), r, o)
			require.NoError(t, err)
			require.Equal(t, want, checkCapResult(t, r, o, res), "dense limit %d", dl)
		}
	})
}

// A capacity of a billion costs no more than one of n − 1 (issue 20,
// item 7, for buddy pairs).
func TestCapacityHuge(t *testing.T) {
	a := person("a", 1, 1, []uint8{5, 0}, []uint8{0, 5})
	a.Capacity = 1_000_000_000
	b := person("b", 1, 5, []uint8{0, 5}, []uint8{5, 0})
	c := person("c", 1, 9, []uint8{0, 5}, []uint8{5, 0})
	r := roster(t, 2, a, b, c)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := Pairs(ctx, r, Options{})
	require.NoError(t, err)
	require.Equal(t, 2, res.Metrics.Links)
}
