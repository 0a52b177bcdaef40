package pairing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// bruteGreedy returns the pairs (ids "a–b", a < b, sorted) of the global
// greedy matching of r under opt: every eligible pair of active people,
// scored with the problem's own methods, taken by score (descending),
// then by the pair's smaller id and its larger id, while both are free.
// O(n²·w) time and memory.
func bruteGreedy(t testing.TB, r *skills.Roster, opt Options) []string {
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	type edge struct {
		u, v int
		q    int64
	}
	var es []edge
	for u := 0; u < p.n; u++ {
		for v := u + 1; v < p.n; v++ {
			if p.active[u] && p.active[v] && p.eligible(u, v) == RuleNone {
				es = append(es, edge{u, v, p.qscore(u, v)})
			}
		}
	}
	slices.SortFunc(es, func(a, b edge) int {
		if a.q != b.q {
			if a.q > b.q {
				return -1
			}
			return 1
		}
		if p.ppl[a.u].ID != p.ppl[b.u].ID {
			return strings.Compare(p.ppl[a.u].ID, p.ppl[b.u].ID)
		}
		return strings.Compare(p.ppl[a.v].ID, p.ppl[b.v].ID)
	})
	taken := make([]bool, p.n)
	var out []string
	for _, e := range es {
		if !taken[e.u] && !taken[e.v] {
			taken[e.u], taken[e.v] = true, true
			out = append(out, p.ppl[e.u].ID+"–"+p.ppl[e.v].ID)
		}
	}
	slices.Sort(out)
	return out
}

// tieRoster returns a roster of n people whose levels are 0 or 5 in two
// or three skills: many pairs score the same, which tests the order of
// ties (by id).
func tieRoster(t testing.TB, n int, rng *rand.Rand) *skills.Roster {
	k := 2 + rng.IntN(2)
	var ppl []skills.Person
	for i := 0; i < n; i++ {
		h, w := make([]uint8, k), make([]uint8, k)
		for s := 0; s < k; s++ {
			if rng.IntN(2) == 0 {
				h[s] = 5
			} else if rng.IntN(2) == 0 {
				w[s] = 5
			}
		}
		ppl = append(ppl, person(fmt.Sprintf("t%03d", rng.IntN(1000)*100+i), 1+rng.IntN(2), float64(rng.IntN(6)), h, w))
	}
	return roster(t, k, ppl...)
}

// pairIDs returns the unpinned pairs of res as "a–b", sorted.
func pairIDs(res *Result) []string {
	var out []string
	for _, pr := range res.Pairs {
		if !pr.Pinned {
			out = append(out, pr.A+"–"+pr.B)
		}
	}
	slices.Sort(out)
	return out
}

// TestGreedyBruteForce: on thousands of small random rosters, under every
// scoring rule and with AllowNoExchange, Greedy equals the brute-force
// global greedy over every eligible pair, on the complete graph and on
// candidate lists of 1–3 partners (both searches), and Greedy and Stable
// leave no blocking pair.
func TestGreedyBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(15, 6))
	opts := []Options{
		{},
		{Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.3, DepartmentDiversity: 0.2}},
		{HardRules: HardRules{MaxGradeGap: GradeGap(0), NoPeerRule: true}, Mutual: OneWay},
		{HardRules: HardRules{ManagerChain: true, DifferentDepartment: true}, Mutual: Min},
		{HardRules: HardRules{AllowNoExchange: true, MaxGradeGap: GradeGap(-1)}},
	}
	iters := 2000
	if testing.Short() || raceOn {
		iters = 300
	}
	for it := 0; it < iters; it++ {
		n := 2 + rng.IntN(13)
		r := randomRoster(t, n, 2+rng.IntN(4), uint64(10000+it))
		if it%2 == 1 {
			r = tieRoster(t, n, rng)
		}
		opt := opts[it%len(opts)]
		want := bruteGreedy(t, r, opt)
		type variant struct {
			o    Options
			tune tuning
		}
		variants := []variant{{o: opt}}
		for search := 1; search <= 2; search++ {
			sp := opt
			sp.DenseLimit, sp.CandidateK = 1, 1+rng.IntN(3)
			variants = append(variants, variant{sp, tuning{search: search}})
		}
		for _, v := range variants {
			o := v.o
			o.Strategy = Greedy
			res := mustPairsTuned(t, r, o, v.tune)
			require.Equal(t, want, pairIDs(res), "iteration %d, dense limit %d, search %d", it, o.DenseLimit, v.tune.search)
			require.Zero(t, res.Metrics.BlockingPairs, "iteration %d", it)
			o.Strategy = Stable
			res = mustPairsTuned(t, r, o, v.tune)
			require.False(t, res.NoStableMatching, "iteration %d", it)
			require.Zero(t, res.Metrics.BlockingPairs, "iteration %d, dense limit %d", it, o.DenseLimit)
			if o.DenseLimit == 1 {
				require.Equal(t, want, pairIDs(res), "stable above DenseLimit is the greedy matching")
			}
		}
	}
}

// TestLazyGreedyBest: as people are taken one by one in random order, a
// person's best free partner from the lazy lists (candidate lists, then
// rescans, several per person with short lists) equals the brute-force
// best free partner of positive score (score, then index), with both
// searches and many ties.
func TestLazyGreedyBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 7))
	ctx := context.Background()
	iters := 3000
	if testing.Short() || raceOn {
		iters = 300
	}
	for it := 0; it < iters; it++ {
		n := 4 + rng.IntN(27)
		r := randomRoster(t, n, 2+rng.IntN(4), uint64(20000+it))
		if it%2 == 1 {
			r = tieRoster(t, n, rng)
		}
		opt := Options{Scale: Scale{DenseLimit: 1, CandidateK: 1 + rng.IntN(2)}, HardRules: HardRules{MaxGradeGap: GradeGap(-1)}}
		if it%3 == 0 {
			opt.Mutual, opt.SameLocation = Sum, 0.1
		}
		p, err := newProblemTuned(r, opt, tuning{search: 1 + it%2})
		require.NoError(t, err)
		g, err := p.newLazyGreedy(ctx, 1+rng.IntN(2))
		require.NoError(t, err)
		p.joinBarren()
		p.active = g.free
		brute := func(i int) (int, int64, bool) {
			bj, bq := -1, int64(0)
			for j := 0; j < p.n; j++ {
				if j == i || !g.free[j] || p.eligible(i, j) != RuleNone {
					continue
				}
				if q := p.qscore(i, j); q > bq {
					bj, bq = j, q
				}
			}
			return bj, bq, bj >= 0
		}
		for left := n; left > 0; left-- {
			for range 3 {
				i := rng.IntN(n)
				if !g.free[i] {
					continue
				}
				wj, wq, wok := brute(i)
				j, q, ok := g.best(i)
				require.Equal(t, wok, ok, "iteration %d person %d", it, i)
				if ok {
					require.Equal(t, wj, j, "iteration %d person %d", it, i)
					require.Equal(t, wq, q, "iteration %d person %d", it, i)
				}
			}
			var free []int
			for j, f := range g.free {
				if f {
					free = append(free, j)
				}
			}
			if len(free) == 0 {
				break
			}
			g.free[free[rng.IntN(len(free))]] = false
		}
	}
}

// TestGreedySyntheticBruteForce: on synthetic rosters of a few hundred to
// a couple of thousand people, Greedy on candidate lists (forced with a
// small DenseLimit and CandidateK 1–5, so that many rows are rescanned)
// equals the brute-force global greedy, and Greedy and Stable leave no
// blocking pair. Larger sizes with PEERMATCH_GREEDY=n1,n2,…
func TestGreedySyntheticBruteForce(t *testing.T) {
	t.Parallel()
	sizes := []int{150, 500, 1500}
	if testing.Short() || raceOn {
		sizes = sizes[:2]
	}
	if v := os.Getenv("PEERMATCH_GREEDY"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			require.NoError(t, err)
			sizes = append(sizes, n)
		}
	}
	for x, n := range sizes {
		for _, k := range []int{8, 40} {
			r := skills.Synthetic(n, k, uint64(n+k), skills.SyntheticOptions{ExtraCapacityFraction: -1})
			base := []Options{{}, {SoftCriteria: SoftCriteria{SharedFocus: 0.2}, HardRules: HardRules{MaxGradeGap: GradeGap(-1)}}, {Mutual: Min, HardRules: HardRules{MaxGradeGap: GradeGap(2)}}}[(x+k)%3]
			want := bruteGreedy(t, r, base)
			for _, ck := range []int{1, 5} {
				for search := 1; search <= 2; search++ {
					o := base
					o.Strategy, o.DenseLimit, o.CandidateK = Greedy, 2, ck
					rescans := -1
					tune := tuning{search: search, trace: func(f string, a ...any) {
						if strings.HasPrefix(f, "greedy: %d proposals") {
							rescans = a[1].(int)
						}
					}}
					res := mustPairsTuned(t, r, o, tune)
					require.Positive(t, rescans, "rows rescanned")
					require.Equal(t, want, pairIDs(res), "n=%d k=%d CandidateK=%d search=%d", n, k, ck, search)
					require.Zero(t, res.Metrics.BlockingPairs, "n=%d k=%d", n, k)
				}
			}
			o := base
			o.Strategy, o.DenseLimit = Stable, 2
			res := mustPairs(t, r, o)
			require.Zero(t, res.Metrics.BlockingPairs, "stable n=%d k=%d", n, k)
			require.Equal(t, want, pairIDs(res))
		}
	}
}

// TestStableNoBlockingPairs: Stable and Greedy leave no blocking pair on
// synthetic rosters below and above DenseLimit (Irving's algorithm on
// complete lists below it, the greedy matching above), with the default
// candidate lists.
func TestStableNoBlockingPairs(t *testing.T) {
	sizes := []int{60, 399, 1200}
	if testing.Short() {
		sizes = sizes[:2]
	}
	for _, n := range sizes {
		for seed := uint64(1); seed <= 2; seed++ {
			r := skills.Synthetic(n, 30, seed, skills.SyntheticOptions{ExtraCapacityFraction: -1})
			for _, s := range []Strategy{Stable, Greedy} {
				res := mustPairs(t, r, Options{Strategy: s})
				require.Zero(t, res.Metrics.BlockingPairs, "%s n=%d seed=%d", s.Name(), n, seed)
				require.False(t, res.NoStableMatching)
			}
		}
	}
}

// TestUnmatchedReasonsFitStrategy: only Optimal (and MaxMin, in its own
// words) explains a leftover person by the cost of leaving them out;
// Greedy, Stable and Random give their own reasons.
func TestUnmatchedReasonsFitStrategy(t *testing.T) {
	seen := map[string]bool{}
	for seed := uint64(1); seed <= 40; seed++ {
		r := skills.Synthetic(21+2*int(seed%5), 6, seed, skills.SyntheticOptions{ExtraCapacityFraction: -1})
		for _, s := range Strategies {
			for _, dl := range []int{0, 1} {
				res := mustPairs(t, r, Options{Strategy: s, Scale: Scale{DenseLimit: dl}, Seed: seed})
				for _, u := range res.Unmatched {
					if u.Rules != nil {
						continue // no eligible partner: the same for every strategy
					}
					seen[s.Name()] = true
					switch s {
					case Optimal:
						require.True(t, strings.HasPrefix(u.Reason, "odd count") || strings.HasPrefix(u.Reason, "every eligible partner"), u.Reason)
					case MaxMin:
						require.True(t, strings.HasPrefix(u.Reason, "odd count") || strings.HasPrefix(u.Reason, "every eligible partner"), u.Reason)
						require.NotContains(t, u.Reason, "leaving out this person cost least")
					case Greedy:
						require.Contains(t, u.Reason, "taken by a pair chosen earlier", u.Reason)
					case Stable:
						require.Contains(t, u.Reason, "at least as much", u.Reason)
					case Random:
						require.Contains(t, u.Reason, "random order", u.Reason)
					}
					if s != Optimal {
						require.NotContains(t, u.Reason, "cost least", "%s: %s", s.Name(), u.Reason)
					}
				}
			}
		}
	}
	for _, s := range []Strategy{Greedy, Stable, Random} {
		require.True(t, seen[s.Name()], "no roster left a %s person unmatched with eligible partners", s.Name())
	}
}

// BenchmarkGreedy times Greedy on synthetic rosters of n people × 200
// skills (candidate search, the lazy greedy, reasons and metrics):
// go test -run - -bench 'Stable|Greedy' -benchtime 1x ./pairing
func BenchmarkGreedy(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchmarkPairs(b, n, 200, Greedy) })
	}
}

// BenchmarkStable times Stable as BenchmarkGreedy does (Irving's algorithm
// up to DenseLimit people, the greedy matching above).
func BenchmarkStable(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchmarkPairs(b, n, 200, Stable) })
	}
}
