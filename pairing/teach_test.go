package pairing

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveTeach is the teaching score written out from its definition:
// Σ over skills j wants of want_j · (have_i − have_j) / MaxLevel², counted
// only where i is at minTeach or above and above j.
func naiveTeach(a, b *skills.Person, minTeach int) float64 {
	t := 0.0
	for s := range a.Have {
		if b.Want[s] == 0 || a.Have[s] <= b.Have[s] || int(a.Have[s]) < minTeach {
			continue
		}
		t += float64(b.Want[s]) * float64(a.Have[s]-b.Have[s]) / (skills.MaxLevel * skills.MaxLevel)
	}
	return t
}

// levelRoster returns n people with random levels in k skills, grades 0–3
// and 0–24 years.
func levelRoster(t testing.TB, rng *rand.Rand, n, k int) *skills.Roster {
	ppl := make([]skills.Person, n)
	for i := range ppl {
		ppl[i] = person(fmt.Sprintf("p%02d", i), rng.IntN(4), float64(rng.IntN(25)), make([]uint8, k), make([]uint8, k))
		for s := 0; s < k; s++ {
			if rng.IntN(3) > 0 {
				ppl[i].Have[s] = uint8(rng.IntN(skills.MaxLevel + 1))
			}
			if rng.IntN(3) == 0 {
				ppl[i].Want[s] = uint8(1 + rng.IntN(skills.MaxLevel))
			}
		}
	}
	return roster(t, k, ppl...)
}

// The sparse teaching score and TeachMatrix equal the definition at every
// teaching level.
func TestTeachMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for it := 0; it < 300; it++ {
		r := levelRoster(t, rng, 2+rng.IntN(12), 1+rng.IntN(7))
		L := 1 + rng.IntN(skills.MaxLevel)
		p, err := newProblem(r, Options{MinTeachLevel: L})
		require.NoError(t, err)
		tm, err := TeachMatrix(r, L)
		require.NoError(t, err)
		for i := range r.People {
			for j := range r.People {
				want := naiveTeach(&r.People[i], &r.People[j], L)
				require.InDelta(t, want, p.teach(p.pos[i], p.pos[j]), 1e-12)
				require.InDelta(t, want, tm.At(i, j), 1e-12)
			}
		}
	}
	_, err := TeachMatrix(skills.Demo(), 6)
	require.ErrorIs(t, err, ErrInvalidOptions)
	_, err = newProblem(skills.Demo(), Options{MinTeachLevel: -1})
	require.ErrorIs(t, err, ErrInvalidOptions)
}

// A beginner does not teach an expert: the two-person survey.
func TestBeginnerTeachesNothing(t *testing.T) {
	cat, err := skills.NewCatalog(skills.Skill{Name: "Coaching"})
	require.NoError(t, err)
	r, err := skills.New(cat, []skills.Person{
		{ID: "ana", Name: "Ana", Have: []uint8{1}, Want: []uint8{0}},
		{ID: "bo", Name: "Bo", Have: []uint8{4}, Want: []uint8{5}},
	})
	require.NoError(t, err)
	res, err := Pairs(context.Background(), r, Options{Mutual: OneWay})
	require.NoError(t, err)
	require.Empty(t, res.Pairs)
	require.Len(t, res.Unmatched, 2)
	assert.Contains(t, res.Unmatched[0].Reason, "nothing to exchange")
	e, err := explainOnce(r, "ana", "bo", Options{Mutual: OneWay})
	require.NoError(t, err)
	assert.Empty(t, e.ATeachesB)
	assert.Zero(t, e.TeachAB)
}

// checkTaught asserts that every skill res lists as taught passes the
// definition against the survey: the learner wants it, the teacher is at
// the teaching level and above the learner.
func checkTaught(t *testing.T, r *skills.Roster, L int, res *Result) {
	t.Helper()
	skill := map[string]int{}
	for s := 0; s < r.Catalog.Len(); s++ {
		skill[r.Catalog.Skill(s).Name] = s
	}
	check := func(from, to string, list []SkillValue) {
		if from == "" || to == "" {
			require.Empty(t, list)
			return
		}
		a, b := r.Person(from), r.Person(to)
		seen := map[string]bool{}
		for _, sv := range list {
			s, ok := skill[sv.Skill]
			require.True(t, ok, sv.Skill)
			require.False(t, seen[sv.Skill], "%s listed twice for %s → %s", sv.Skill, from, to)
			seen[sv.Skill] = true
			require.Positive(t, b.Want[s], "%s → %s: %s not wanted", from, to, sv.Skill)
			require.GreaterOrEqual(t, int(a.Have[s]), L, "%s → %s: %s below the teaching level", from, to, sv.Skill)
			require.Greater(t, a.Have[s], b.Have[s], "%s → %s: %s not above the learner", from, to, sv.Skill)
			require.Positive(t, sv.Value)
		}
	}
	for _, pr := range res.Pairs {
		check(pr.A, pr.B, pr.ATeachesB)
		check(pr.B, pr.A, pr.BTeachesA)
		check(pr.A, pr.C, pr.ATeachesC)
		check(pr.C, pr.A, pr.CTeachesA)
		check(pr.B, pr.C, pr.BTeachesC)
		check(pr.C, pr.B, pr.CTeachesB)
	}
}

// Every skill listed as taught, by every strategy, on the dense and the
// sparse paths, can be checked against the survey.
func TestTaughtSkillsHoldAgainstSurvey(t *testing.T) {
	t.Parallel()
	rosters := map[string]*skills.Roster{"demo": skills.Demo()}
	for seed := uint64(1); seed <= 3; seed++ {
		rosters[fmt.Sprintf("synthetic %d", seed)] = syn(60+20*int(seed), 15, seed)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	rosters["random"] = levelRoster(t, rng, 40, 6)
	for name, r := range rosters {
		for _, L := range []int{0, 1, 4} {
			for _, st := range []Strategy{Optimal, MaxMin, Stable, Greedy, Random} {
				for _, dense := range []int{0, 16} {
					lvl := L
					if lvl == 0 {
						lvl = skills.TeachLevel
					}
					opt := Options{Strategy: st, MinTeachLevel: L, Scale: Scale{DenseLimit: dense}, Trio: true, Seed: 7, IgnoreCapacity: true}
					checkTaught(t, r, lvl, mustPairs(t, r, opt))
					if dense == 0 { // with capacities: people in several pairs
						opt.Trio, opt.IgnoreCapacity = false, false
						checkTaught(t, r, lvl, mustCap(t, r, opt))
					}
				}
			}
		}
		_ = name
	}
}

// The "similar in at least one" half of the peer rule, against its
// definition, on random pairs and thresholds.
func TestNotSimilarMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for it := 0; it < 200; it++ {
		k := 1 + rng.IntN(9)
		r := levelRoster(t, rng, 12, k)
		opt := Options{
			HardRules: HardRules{
				MaxGradeGap:      GradeGap(-1),
				SimilarGrade:     GradeGap(rng.IntN(3)),
				SimilarYears:     float64(1 + rng.IntN(10)),
				SimilarKnowledge: 0.05 * float64(1+rng.IntN(8)),
				AllowNoExchange:  true,
			},
		}
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		for i := range r.People {
			for j := range r.People {
				if i == j {
					continue
				}
				a, b := &r.People[i], &r.People[j]
				d := 0
				for s := range a.Have {
					d += int(math.Abs(float64(a.Have[s]) - float64(b.Have[s])))
				}
				dist := float64(d) / float64(skills.MaxLevel*k)
				similar := abs(a.Grade-b.Grade) <= *opt.SimilarGrade || math.Abs(a.Years-b.Years) <= opt.SimilarYears || dist <= opt.SimilarKnowledge
				got := p.rule(p.pos[i], p.pos[j])
				if !similar {
					require.Equal(t, RuleNotSimilar, got)
				} else {
					require.NotEqual(t, RuleNotSimilar, got)
				}
			}
		}
	}
}

func abs(x int) int { return max(x, -x) }

// With no grade limit, a newcomer and a veteran with opposite profiles are
// not peers, on every path: the rule names them in the reasons and counts.
func TestNotSimilarOnEveryPath(t *testing.T) {
	ppl := []skills.Person{
		person("new", 1, 1, []uint8{5, 0}, []uint8{0, 5}),
		person("vet", 5, 20, []uint8{0, 5}, []uint8{5, 0}),
	}
	r := roster(t, 2, ppl...)
	for _, st := range []Strategy{Optimal, MaxMin, Stable, Greedy, Random} {
		res := mustPairs(t, r, Options{Strategy: st, HardRules: HardRules{MaxGradeGap: GradeGap(-1)}})
		require.Empty(t, res.Pairs, st.Name())
		require.Len(t, res.Unmatched, 2)
		assert.Contains(t, res.Unmatched[0].Reason, "not peers", st.Name())
		assert.Equal(t, int64(1), res.Metrics.Rejected["not_similar"], st.Name())
	}
	res := mustPairs(t, r, Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), SimilarYears: 19}})
	require.Len(t, res.Pairs, 1)
	s, err := suggestOnce(r, "new", 3, Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1)}})
	require.NoError(t, err)
	assert.Empty(t, s)
	m, err := Mentor(context.Background(), r, []string{"vet"}, []string{"new"}, Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1)}})
	require.NoError(t, err)
	assert.Empty(t, m.Pairs)
	require.Len(t, m.Unmatched, 1)
	assert.Contains(t, m.Unmatched[0].Reason, "not peers")
}
