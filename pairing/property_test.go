package pairing

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// bruteOptimum returns the lexicographically largest (pairs, total
// quantised score) over every matching of the eligible graph, by dynamic
// programming over subsets (n ≤ 14).
func bruteOptimum(t *testing.T, r *skills.Roster, opt Options) (int, int64) {
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	n := p.n
	type val struct {
		c int
		q int64
	}
	better := func(a, b val) bool { return a.c > b.c || (a.c == b.c && a.q > b.q) }
	memo := make(map[uint32]val)
	var f func(mask uint32) val
	f = func(mask uint32) val {
		if mask == 0 {
			return val{}
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
		for j := i + 1; j < n; j++ {
			if rest&(1<<j) != 0 && p.eligible(i, j) == RuleNone {
				v := f(rest &^ (1 << j))
				v.c++
				v.q += p.qscore(i, j)
				if better(v, best) {
					best = v
				}
			}
		}
		memo[mask] = best
		return best
	}
	v := f(1<<n - 1)
	return v.c, v.q
}

// dominates asserts that (c1, q1) ≥ (c2, q2) lexicographically.
func dominates(t *testing.T, c1 int, q1 int64, c2 int, q2 int64, msg string) {
	t.Helper()
	require.True(t, c1 > c2 || (c1 == c2 && q1 >= q2), "%s: optimal (%d, %d) < (%d, %d)", msg, c1, q1, c2, q2)
}

func TestOptimalBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	opts := []Options{
		{},
		{Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.3, DepartmentDiversity: 0.2}},
		{HardRules: HardRules{MaxGradeGap: GradeGap(0), NoPeerRule: true}, Mutual: OneWay},
		{HardRules: HardRules{ManagerChain: true, DifferentDepartment: true}, Mutual: Min},
	}
	for it := 0; it < 400; it++ {
		n := 2 + rng.IntN(11)
		r := randomRoster(t, n, 2+rng.IntN(4), uint64(it))
		opt := opts[it%len(opts)]
		bc, bq := bruteOptimum(t, r, opt)
		res := mustPairs(t, r, opt)
		c, q := value(t, r, opt, res)
		require.Equal(t, bc, c, "iteration %d", it)
		require.Equal(t, bq, q, "iteration %d", it)
		// the candidate-graph path with pricing gives the same optimum
		for search := 1; search <= 2; search++ {
			sp := opt
			sp.DenseLimit, sp.CandidateK = 1, 1+rng.IntN(3)
			res = mustPairsTuned(t, r, sp, tuning{search: search, reserveFirst: it%2 == 0})
			c, q = value(t, r, opt, res)
			require.Equal(t, bc, c, "sparse, iteration %d", it)
			require.Equal(t, bq, q, "sparse, iteration %d", it)
		}
		for _, s := range []Strategy{MaxMin, Stable, Greedy, Random} {
			o := opt
			o.Strategy, o.Seed = s, uint64(it)
			res := mustPairs(t, r, o)
			c, q := value(t, r, opt, res)
			dominates(t, bc, bq, c, q, s.Name())
			if s == MaxMin {
				require.Equal(t, bc, c, "maxmin keeps maximum cardinality")
			}
			if s == Stable && !res.NoStableMatching {
				require.Zero(t, res.Metrics.BlockingPairs, "stable has no blocking pair")
			}
		}
	}
}

// TestSyntheticProperties checks every strategy on synthetic rosters of
// several sizes and seeds: hard rules, everyone once, Optimal dominates,
// and the pruned+priced Optimal equals the dense one.
func TestSyntheticProperties(t *testing.T) {
	sizes := []int{30, 81, 160, 250}
	if testing.Short() {
		sizes = sizes[:2]
	}
	for _, n := range sizes {
		for seed := uint64(1); seed <= 2; seed++ {
			r := skills.Synthetic(n, 40, seed, skills.SyntheticOptions{ExtraCapacityFraction: -1})
			opt := Options{SoftCriteria: SoftCriteria{SharedFocus: 0.2}, Trio: false}
			dense := mustPairs(t, r, opt)
			dc, dq := value(t, r, opt, dense)
			for search := 1; search <= 2; search++ {
				for _, rf := range []bool{false, true} {
					sp := opt
					sp.DenseLimit, sp.CandidateK = 1, 3
					sparse := mustPairsTuned(t, r, sp, tuning{search: search, reserveFirst: rf})
					sc, sq := value(t, r, opt, sparse)
					require.Equal(t, dc, sc, "n=%d seed=%d", n, seed)
					require.Equal(t, dq, sq, "n=%d seed=%d", n, seed)
				}
			}
			for _, s := range []Strategy{MaxMin, Stable, Greedy, Random} {
				for _, dl := range []int{0, 1} { // dense and candidate-graph variants
					o := opt
					o.Strategy, o.Seed, o.DenseLimit = s, seed, dl
					res := mustPairs(t, r, o)
					c, q := value(t, r, opt, res)
					dominates(t, dc, dq, c, q, s.Name())
				}
			}
		}
	}
}

func shuffled(r *skills.Roster, seed uint64) *skills.Roster {
	ppl := append([]skills.Person(nil), r.People...)
	rng := rand.New(rand.NewPCG(seed, 3))
	rng.Shuffle(len(ppl), func(a, b int) { ppl[a], ppl[b] = ppl[b], ppl[a] })
	out, err := skills.New(r.Catalog, ppl)
	if err != nil {
		panic(err)
	}
	return out
}

// TestDeterminism: the same input gives byte-identical JSON, and so does
// any reordering of the roster rows.
func TestDeterminism(t *testing.T) {
	r := skills.Synthetic(91, 30, 5, skills.SyntheticOptions{ExtraCapacityFraction: -1})
	for _, s := range Strategies {
		for _, dl := range []int{0, 1} {
			opt := Options{Strategy: s, Seed: 9, Scale: Scale{DenseLimit: dl}, Trio: true}
			tune := tuning{search: 1 + dl%2}
			var first bytes.Buffer
			require.NoError(t, WriteJSON(&first, mustPairsTuned(t, r, opt, tune)))
			for seed := uint64(0); seed < 3; seed++ {
				var b bytes.Buffer
				require.NoError(t, WriteJSON(&b, mustPairsTuned(t, shuffled(r, seed), opt, tune)))
				require.Equal(t, first.String(), b.String(), "%s dense limit %d", s.Name(), dl)
			}
		}
	}
}

func TestCancel(t *testing.T) {
	r := skills.Synthetic(300, 30, 1, skills.SyntheticOptions{ExtraCapacityFraction: -1})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, s := range Strategies {
		for _, dl := range []int{0, 1} {
			_, err := Pairs(ctx, r, Options{Strategy: s, Scale: Scale{DenseLimit: dl}})
			require.ErrorIs(t, err, context.Canceled, s.Name())
		}
	}
}

// TestPricingMatchesDenseLarge compares the candidate graph with pricing
// against the dense optimum on larger synthetic rosters. It is slow (the
// dense solve is O(n³)); run it with
// PEERMATCH_LARGE=1000,3000 go test -run PricingMatchesDenseLarge -timeout 1h ./pairing
func TestPricingMatchesDenseLarge(t *testing.T) {
	sizes := os.Getenv("PEERMATCH_LARGE")
	if sizes == "" {
		t.Skip("set PEERMATCH_LARGE=n1,n2,… to run")
	}
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		require.NoError(t, err)
		r := skills.Synthetic(n, 200, uint64(n), skills.SyntheticOptions{ExtraCapacityFraction: -1})
		dense := mustPairs(t, r, Options{Scale: Scale{DenseLimit: n}})
		sparse := mustPairs(t, r, Options{})
		dc, dq := value(t, r, Options{}, dense)
		sc, sq := value(t, r, Options{}, sparse)
		require.Equal(t, dc, sc, "n=%d", n)
		require.Equal(t, dq, sq, "n=%d", n)
		t.Logf("n=%d: %d pairs, total %d (dense = pruned+priced); %v", n, sc, sq, sparse.Notes)
	}
}

// TestPlainPricingMatchesDense: with plain Harmonic scores (the fast
// paths of the row sample, the candidate scan and pricing) the candidate
// graph with pricing reaches the dense optimum, and rows shuffled give
// the same pairs.
func TestPlainPricingMatchesDense(t *testing.T) {
	t.Parallel()
	n := 600
	if testing.Short() {
		n = 300
	}
	for seed := uint64(1); seed <= 2; seed++ {
		r := skills.Synthetic(n, 40, seed, skills.SyntheticOptions{ExtraCapacityFraction: -1})
		dense := mustPairs(t, r, Options{Scale: Scale{DenseLimit: n}})
		dc, dq := value(t, r, Options{}, dense)
		for _, ck := range []int{1, 3} {
			for _, rf := range []bool{false, true} {
				sp := Options{Scale: Scale{DenseLimit: 1, CandidateK: ck}}
				tune := tuning{search: 2, reserveFirst: rf}
				sparse := mustPairsTuned(t, r, sp, tune)
				sc, sq := value(t, r, Options{}, sparse)
				require.Equal(t, dc, sc, "n=%d seed=%d k=%d", n, seed, ck)
				require.Equal(t, dq, sq, "n=%d seed=%d k=%d", n, seed, ck)
				var a, b bytes.Buffer
				require.NoError(t, WriteJSON(&a, sparse))
				require.NoError(t, WriteJSON(&b, mustPairsTuned(t, shuffled(r, seed), sp, tune)))
				require.Equal(t, a.String(), b.String())
			}
		}
	}
}

// TestPremiumPasses: on small random rosters solved on the candidate graph,
// both passes of optimalSparse occur — the small premium's matching covers
// every linked person, or the large premium solves again — and both give
// the brute-force optimum.
func TestPremiumPasses(t *testing.T) {
	fallbacks, runs := 0, 0
	tune := tuning{trace: func(format string, _ ...any) {
		if strings.HasPrefix(format, "the small premium") {
			fallbacks++
		}
	}}
	for it := 0; it < 300; it++ {
		r := randomRoster(t, 4+it%10, 2+it%3, uint64(5000+it))
		opt := Options{Scale: Scale{DenseLimit: 1, CandidateK: 1 + it%3}, HardRules: HardRules{MaxGradeGap: GradeGap(it % 3)}}
		bc, bq := bruteOptimum(t, r, Options{HardRules: HardRules{MaxGradeGap: opt.MaxGradeGap}})
		c, q := value(t, r, opt, mustPairsTuned(t, r, opt, tune))
		require.Equal(t, bc, c, "iteration %d", it)
		require.Equal(t, bq, q, "iteration %d", it)
		runs++
	}
	t.Logf("%d of %d solves needed the large premium", fallbacks, runs)
	require.Positive(t, fallbacks)
	require.Less(t, fallbacks, runs)
}

// TestPricingRoundsMatchDense: small candidate lists force many pricing
// rounds (warm starts, low-side pairs, rows kept clean between rounds);
// the result must still equal the dense optimum, under grade gaps 1, none,
// 2 and 0 in turn (pricing scans the grades within the gap). Many seeds
// with PEERMATCH_STRESS=N.
func TestPricingRoundsMatchDense(t *testing.T) {
	t.Parallel()
	seeds := 3
	if v, err := strconv.Atoi(os.Getenv("PEERMATCH_STRESS")); err == nil {
		seeds = v
	}
	if testing.Short() {
		seeds = 1
	}
	for seed := 1; seed <= seeds; seed++ {
		n := 300 + 97*seed%900
		k := []int{8, 40, 200}[seed%3]
		r := skills.Synthetic(n, k, uint64(seed), skills.SyntheticOptions{ExtraCapacityFraction: -1})
		gap := GradeGap([]int{1, -1, 2, 0}[(seed-1)%4])
		dense := mustPairs(t, r, Options{Scale: Scale{DenseLimit: n}, HardRules: HardRules{MaxGradeGap: gap}})
		dc, dq := value(t, r, Options{HardRules: HardRules{MaxGradeGap: gap}}, dense)
		for _, ck := range []int{1, 2, 5} {
			sparse := mustPairs(t, r, Options{Scale: Scale{DenseLimit: 2, CandidateK: ck}, HardRules: HardRules{MaxGradeGap: gap}})
			sc, sq := value(t, r, Options{HardRules: HardRules{MaxGradeGap: gap}}, sparse)
			require.Equal(t, dc, sc, "seed %d n %d skills %d CandidateK %d: %v", seed, n, k, ck, sparse.Notes)
			require.Equal(t, dq, sq, "seed %d n %d skills %d CandidateK %d: %v", seed, n, k, ck, sparse.Notes)
		}
		// a pricing budget of one pair per edge: rounds that price the
		// reserve only, until it holds
		p, err := newProblemTuned(r, Options{Scale: Scale{DenseLimit: 2, CandidateK: 2}, HardRules: HardRules{MaxGradeGap: gap}}, tuning{pricePerEdge: 1})
		require.NoError(t, err)
		mate, notes, err := p.optimal(context.Background())
		require.NoError(t, err)
		res, err := p.finish(context.Background(), mate, notes)
		require.NoError(t, err)
		sc, sq := value(t, r, Options{HardRules: HardRules{MaxGradeGap: gap}}, res)
		require.Equal(t, dc, sc, "seed %d: budget 1: %v", seed, notes)
		require.Equal(t, dq, sq, "seed %d: budget 1: %v", seed, notes)
	}
}
