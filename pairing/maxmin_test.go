package pairing

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// bruteMaxMin returns, over every matching of the eligible graph of r, the
// largest number of pairs ν, the largest worst displayed score (in
// thousandths) among matchings of ν pairs, and the largest total quantised
// score among matchings of ν pairs whose every pair displays at least that
// score, by dynamic programming over subsets (n ≤ 14).
func bruteMaxMin(t *testing.T, r *skills.Roster, opt Options) (int, int64, int64) {
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	type val struct {
		c   int
		min int64 // worst displayed score; MaxInt64 for no pair
		q   int64
	}
	solve := func(ok func(i, j int) bool, better func(a, b val) bool, join func(d, q int64, v val) val) val {
		memo := make(map[uint32]val)
		var f func(mask uint32) val
		f = func(mask uint32) val {
			if mask == 0 {
				return val{min: math.MaxInt64}
			}
			if v, ok := memo[mask]; ok {
				return v
			}
			i := 0
			for mask&(1<<i) == 0 {
				i++
			}
			rest := mask &^ (1 << i)
			best := f(rest)
			for j := i + 1; j < p.n; j++ {
				if rest&(1<<j) != 0 && ok(i, j) {
					v := join(displayUnits(p.display(i, j)), p.qscore(i, j), f(rest&^(1<<j)))
					if better(v, best) {
						best = v
					}
				}
			}
			memo[mask] = best
			return best
		}
		return f(1<<p.n - 1)
	}
	eligible := func(i, j int) bool { return p.eligible(i, j) == RuleNone }
	first := solve(eligible,
		func(a, b val) bool { return a.c > b.c || a.c == b.c && a.min > b.min },
		func(d, _ int64, v val) val { return val{c: v.c + 1, min: min(d, v.min)} })
	second := solve(func(i, j int) bool { return eligible(i, j) && displayUnits(p.display(i, j)) >= first.min },
		func(a, b val) bool { return a.c > b.c || a.c == b.c && a.q > b.q },
		func(_, q int64, v val) val { return val{c: v.c + 1, q: v.q + q} })
	require.Equal(t, first.c, second.c)
	if first.c == 0 {
		return 0, 0, 0
	}
	return first.c, first.min, second.q
}

// TestMaxMinBruteForce: on small random rosters, MaxMin on the complete
// graph reaches the brute-force best worst displayed score among
// maximum-cardinality matchings, then the best total; its Metrics.Min is
// that score, never below Optimal's.
func TestMaxMinBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 15))
	opts := []Options{
		{},
		{Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.3, DepartmentDiversity: 0.2}},
		{HardRules: HardRules{MaxGradeGap: GradeGap(0), NoPeerRule: true}, Mutual: OneWay},
		{HardRules: HardRules{ManagerChain: true, DifferentDepartment: true}, Mutual: Min},
		{HardRules: HardRules{AllowNoExchange: true}, SoftCriteria: SoftCriteria{SharedFocus: 0.5}},
	}
	iters := 1500
	if testing.Short() {
		iters = 200
	}
	for it := 0; it < iters; it++ {
		n := 2 + rng.IntN(11)
		r := randomRoster(t, n, 2+rng.IntN(4), uint64(30000+it))
		if it%3 == 2 {
			r = tieRoster(t, n, rng)
		}
		opt := opts[it%len(opts)]
		bc, bmin, bq := bruteMaxMin(t, r, opt)
		o := opt
		o.Strategy = MaxMin
		res := mustPairs(t, r, o)
		c, q := value(t, r, opt, res)
		require.Equal(t, bc, c, "iteration %d", it)
		require.Equal(t, bq, q, "iteration %d", it)
		if bc > 0 {
			require.Equal(t, float64(bmin)/1000, res.Metrics.Min, "iteration %d", it)
		}
		o.Strategy = Optimal
		best := mustPairs(t, r, o)
		require.Equal(t, best.Metrics.Pairs, res.Metrics.Pairs, "iteration %d", it)
		require.GreaterOrEqual(t, res.Metrics.Min, best.Metrics.Min, "iteration %d", it)
	}
}

// TestMaxMinNotBelowOptimal: on thousands of random rosters, dense and on
// candidate graphs (a small DenseLimit and CandidateK force the priced
// candidate graph), MaxMin pairs as many people as Optimal and its worst
// displayed score (Metrics.Min) is at least Optimal's.
func TestMaxMinNotBelowOptimal(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 16))
	iters := 3000
	if testing.Short() || raceOn {
		iters = 300
	}
	check := func(r *skills.Roster, opt Options, tune tuning, what string) {
		opt.Strategy = Optimal
		best := mustPairsTuned(t, r, opt, tune)
		opt.Strategy = MaxMin
		res := mustPairsTuned(t, r, opt, tune)
		require.Equal(t, best.Metrics.Pairs, res.Metrics.Pairs, what)
		require.Equal(t, best.Metrics.Matched, res.Metrics.Matched, what)
		require.GreaterOrEqual(t, res.Metrics.Min, best.Metrics.Min, what)
	}
	for it := 0; it < iters; it++ {
		n := 2 + rng.IntN(40)
		r := randomRoster(t, n, 2+rng.IntN(6), uint64(40000+it))
		if it%3 == 2 {
			r = tieRoster(t, n, rng)
		}
		opt := Options{HardRules: HardRules{MaxGradeGap: GradeGap(rng.IntN(3) - 1)}, SoftCriteria: SoftCriteria{SameLocation: float64(it%2) * 0.2}}
		var tune tuning
		if it%2 == 1 {
			opt.DenseLimit, opt.CandidateK = 1, 1+rng.IntN(3)
			tune.search = 1 + rng.IntN(2)
		}
		check(r, opt, tune, "random roster")
	}
	sizes := []int{100, 300, 700}
	if testing.Short() || raceOn {
		sizes = sizes[:2]
	}
	for _, n := range sizes {
		for seed := uint64(1); seed <= 2; seed++ {
			r := skills.Synthetic(n, 40, seed, skills.SyntheticOptions{ExtraCapacityFraction: -1})
			check(r, Options{}, tuning{}, "synthetic")
			check(r, Options{Scale: Scale{DenseLimit: 2, CandidateK: 1 + int(seed)}}, tuning{}, "synthetic, candidate graph")
			check(r, Options{Scale: Scale{DenseLimit: 2}, SoftCriteria: SoftCriteria{SharedFocus: 0.3}}, tuning{}, "synthetic, candidate graph, soft criteria")
		}
	}
}

// TestMaxMinDemo: on the demo roster MaxMin's worst pair is at least
// Optimal's, and so is what the metrics show.
func TestMaxMinDemo(t *testing.T) {
	r := skills.Demo()
	// MaxMin gives everyone one partner: compare it with Optimal on the
	// same terms.
	best := mustPairs(t, r, Options{IgnoreCapacity: true})
	res := mustPairs(t, r, Options{Strategy: MaxMin, IgnoreCapacity: true})
	require.Equal(t, best.Metrics.Pairs, res.Metrics.Pairs)
	require.GreaterOrEqual(t, res.Metrics.Min, best.Metrics.Min)
	worst := math.Inf(1)
	for _, pr := range res.Pairs {
		worst = math.Min(worst, pr.Score)
	}
	require.Equal(t, worst, res.Metrics.Min)
}
