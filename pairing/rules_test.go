package pairing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// person builds a person with have/want levels given as maps by skill
// position.
func person(id string, grade int, years float64, have, want []uint8) skills.Person {
	return skills.Person{ID: id, Grade: grade, Years: years, Have: have, Want: want}
}

func roster(t testing.TB, k int, people ...skills.Person) *skills.Roster {
	t.Helper()
	var sk []skills.Skill
	for s := 0; s < k; s++ {
		sk = append(sk, skills.Skill{Name: fmt.Sprintf("S%d", s+1)})
	}
	cat, err := skills.NewCatalog(sk...)
	require.NoError(t, err)
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	return r
}

// handRoster: a1 and b1 complement each other perfectly, a2 and b2 at 60%.
func handRoster(t testing.TB) *skills.Roster {
	return roster(t, 2,
		person("a1", 1, 1, []uint8{5, 0}, []uint8{0, 5}),
		person("b1", 1, 5, []uint8{0, 5}, []uint8{5, 0}),
		person("a2", 1, 10, []uint8{3, 0}, []uint8{0, 5}),
		person("b2", 1, 15, []uint8{0, 3}, []uint8{5, 0}),
	)
}

func TestHandChecked(t *testing.T) {
	r := handRoster(t)
	for _, s := range []Strategy{Optimal, Stable, Greedy} {
		res := mustPairs(t, r, Options{Strategy: s})
		require.Len(t, res.Pairs, 2, s.Name())
		// teach(a1→b1) = teach(b1→a1) = 1: harmonic 1, display 100.
		assert.Equal(t, Pair{A: "a1", B: "b1", Score: 100, Weight: 1,
			ATeachesB: []SkillValue{{"S1", 1}}, BTeachesA: []SkillValue{{"S2", 1}}}, res.Pairs[0], s.Name())
		// teach(a2→b2) = 1·0.6·1 = 0.6 both ways: harmonic 0.6, display 60.
		assert.Equal(t, "a2", res.Pairs[1].A)
		assert.Equal(t, "b2", res.Pairs[1].B)
		assert.InDelta(t, 60, res.Pairs[1].Score, 1e-9)
		assert.InDelta(t, 0.6, res.Pairs[1].Weight, 1e-9)
		assert.InDelta(t, 1.6, res.Metrics.Total, 1e-9)
		assert.Equal(t, 0.0, res.Metrics.Equity)
		assert.Equal(t, 1.0, res.Metrics.WantCoverage)
		assert.Equal(t, 0, res.Metrics.BlockingPairs)
	}
	// The crossed pairs score 2·1·0.6/1.6 = 0.75 each: 1.5 < 1.6, but the
	// worst pair is better, so MaxMin picks them.
	res := mustPairs(t, r, Options{Strategy: MaxMin})
	require.Len(t, res.Pairs, 2)
	assert.Equal(t, []string{"a1", "b2", "a2", "b1"}, []string{res.Pairs[0].A, res.Pairs[0].B, res.Pairs[1].A, res.Pairs[1].B})
	assert.Equal(t, 75.0, res.Metrics.Min)
	assert.InDelta(t, 1.5, res.Metrics.Total, 1e-9)
	e, err := explainOnce(r, "a1", "b2", Options{})
	require.NoError(t, err)
	assert.InDelta(t, 0.75, e.Weight, 1e-9)
	assert.InDelta(t, 1, e.TeachAB, 1e-9)
	assert.InDelta(t, 0.6, e.TeachBA, 1e-9)
	// a1 and a2 have nothing to teach each other.
	e, err = explainOnce(r, "a1", "a2", Options{})
	require.NoError(t, err)
	assert.Equal(t, 0.0, e.Weight)
	for _, tc := range []struct {
		m    Mutual
		want float64
	}{{Harmonic, 0.75}, {OneWay, 1}, {Sum, 1.6}, {Min, 0.6}} {
		e, err := explainOnce(r, "a1", "b2", Options{Mutual: tc.m})
		require.NoError(t, err)
		assert.InDelta(t, tc.want, e.Weight, 1e-9, tc.m.String())
	}
}

func TestRules(t *testing.T) {
	mk := func() []skills.Person {
		return []skills.Person{
			person("boss", 3, 20, []uint8{5, 5}, []uint8{0, 0}),
			person("mid", 2, 10, []uint8{5, 0}, []uint8{0, 5}),
			person("low", 1, 2, []uint8{0, 5}, []uint8{5, 0}),
			person("twin1", 1, 2, []uint8{3, 3}, []uint8{1, 1}),
			person("twin2", 1, 3, []uint8{3, 3}, []uint8{1, 1}),
		}
	}
	ppl := mk()
	ppl[1].Manager = "boss"
	ppl[2].Manager = "mid"
	ppl[1].Department, ppl[2].Department = "ops", "ops"
	r := roster(t, 2, ppl...)
	hist := &History{Rounds: []Round{{Round: 1, Groups: [][]string{{"mid", "twin1"}}}}}
	cases := []struct {
		name string
		a, b string
		opt  Options
		want Rule
	}{
		{"direct manager", "boss", "mid", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1)}}, RuleManager},
		{"chain off", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), AllowNoExchange: true, NoPeerRule: true}}, RuleNone},
		{"boss wants nothing", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), SimilarGrade: GradeGap(2)}}, RuleNothingToExchange},
		{"boss wants nothing, one way", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), SimilarYears: 18}, Mutual: OneWay}, RuleNone},
		{"boss wants nothing, sum", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), SimilarKnowledge: 0.5}, Mutual: Sum}, RuleNone},
		{"boss wants nothing, min", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), NoPeerRule: true}, Mutual: Min}, RuleNothingToExchange},
		{"not similar", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1)}}, RuleNotSimilar},
		{"not similar, years within 17", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), SimilarYears: 17.9}}, RuleNotSimilar},
		{"not similar, knowledge within 0.49", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), SimilarKnowledge: 0.49}}, RuleNotSimilar},
		{"chain on", "boss", "low", Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1), ManagerChain: true}}, RuleManager},
		{"grade gap default 1", "boss", "twin1", Options{}, RuleGradeGap},
		{"grade gap 2", "boss", "twin1", Options{HardRules: HardRules{MaxGradeGap: GradeGap(2), AllowNoExchange: true, SimilarGrade: GradeGap(2)}}, RuleNone},
		{"grade gap 2, not similar", "boss", "twin1", Options{HardRules: HardRules{MaxGradeGap: GradeGap(2), AllowNoExchange: true}}, RuleNotSimilar},
		{"grade gap 2, nothing to exchange", "boss", "twin1", Options{HardRules: HardRules{MaxGradeGap: GradeGap(2), SimilarGrade: GradeGap(2)}}, RuleNothingToExchange},
		{"grade gap 0", "mid", "twin1", Options{HardRules: HardRules{MaxGradeGap: GradeGap(0)}}, RuleGradeGap},
		{"no difference", "twin1", "twin2", Options{}, RuleNoDifference},
		{"peer rule off", "twin1", "twin2", Options{HardRules: HardRules{NoPeerRule: true, AllowNoExchange: true}}, RuleNone},
		{"twins teach each other nothing", "twin1", "twin2", Options{HardRules: HardRules{NoPeerRule: true}}, RuleNothingToExchange},
		{"years differ", "twin1", "twin2", Options{HardRules: HardRules{MinYearsGap: 1, AllowNoExchange: true}}, RuleNone},
		{"same department allowed", "low", "twin1", Options{}, RuleNone},
		{"same department", "mid", "low", Options{HardRules: HardRules{DifferentDepartment: true, ManagerChain: false}}, RuleManager},
		{"never", "low", "twin1", Options{HardRules: HardRules{Never: map[string][]string{"twin1": {"low"}}}}, RuleNeverPair},
		{"repeat", "mid", "twin1", Options{EarlierRounds: EarlierRounds{History: hist}}, RuleRepeat},
		{"repeat penalised", "mid", "twin1", Options{EarlierRounds: EarlierRounds{History: hist, Repeats: PenaliseRepeats}}, RuleNone},
		{"self", "low", "low", Options{}, RuleSamePerson},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ok, rule, err := eligibleOnce(r, tc.a, tc.b, tc.opt)
			require.NoError(t, err)
			assert.Equal(t, tc.want, rule)
			assert.Equal(t, tc.want == RuleNone, ok)
			e, err := explainOnce(r, tc.b, tc.a, tc.opt)
			require.NoError(t, err)
			assert.Equal(t, tc.want, e.Rule, "symmetric")
		})
	}
	// Same department without a manager link.
	ppl = mk()
	ppl[1].Department, ppl[2].Department = "ops", "ops"
	r2 := roster(t, 2, ppl...)
	_, rule, err := eligibleOnce(r2, "mid", "low", Options{HardRules: HardRules{DifferentDepartment: true}})
	require.NoError(t, err)
	assert.Equal(t, RuleSameDepartment, rule)
	// The never-pair explanation does not say who asked.
	e, err := explainOnce(r, "low", "twin1", Options{HardRules: HardRules{Never: map[string][]string{"twin1": {"low"}}}})
	require.NoError(t, err)
	assert.Equal(t, "excluded by a never-pair rule", e.Reason)
	_, _, err = eligibleOnce(r, "low", "nobody", Options{})
	require.ErrorIs(t, err, ErrUnknownPerson)
	_, _, err = eligibleOnce(r, "low", "mid", Options{SoftCriteria: SoftCriteria{SameLocation: nanF()}})
	require.ErrorIs(t, err, ErrInvalidOptions)
}

func nanF() float64 { z := 0.0; return z / z }

func TestPinned(t *testing.T) {
	r := handRoster(t)
	res := mustPairs(t, r, Options{Pinned: [][2]string{{"b2", "a1"}}})
	require.Len(t, res.Pairs, 2)
	assert.Equal(t, Pair{A: "a1", B: "b2"}, Pair{A: res.Pairs[0].A, B: res.Pairs[0].B})
	assert.True(t, res.Pairs[0].Pinned)
	assert.Equal(t, "a2", res.Pairs[1].A)
	assert.Equal(t, "b1", res.Pairs[1].B)
	_, err := Pairs(context.Background(), r, Options{Pinned: [][2]string{{"a1", "b1"}}, HardRules: HardRules{Never: map[string][]string{"a1": {"b1"}}}})
	require.ErrorIs(t, err, ErrPinBreaksRule)
	assert.Contains(t, err.Error(), "never_pair")
	_, err = Pairs(context.Background(), r, Options{Pinned: [][2]string{{"a1", "zz"}}})
	require.ErrorIs(t, err, ErrUnknownPerson)
	_, err = Pairs(context.Background(), r, Options{Pinned: [][2]string{{"a1", "b1"}, {"b1", "a2"}}})
	require.ErrorIs(t, err, ErrInvalidOptions)
}

func TestOddCountAndTrio(t *testing.T) {
	r := roster(t, 2,
		person("a1", 1, 1, []uint8{5, 0}, []uint8{0, 5}),
		person("b1", 1, 5, []uint8{0, 5}, []uint8{5, 0}),
		person("c1", 1, 9, []uint8{0, 4}, []uint8{5, 0}),
	)
	res := mustPairs(t, r, Options{})
	require.Len(t, res.Pairs, 1)
	assert.Equal(t, "a1", res.Pairs[0].A)
	assert.Equal(t, "b1", res.Pairs[0].B)
	require.Len(t, res.Unmatched, 1)
	assert.Equal(t, "c1", res.Unmatched[0].ID)
	assert.Contains(t, res.Unmatched[0].Reason, "odd count")

	// c1 and b1 have nothing to exchange (both want S1, neither has it),
	// so c1 cannot join a1–b1 as a third member.
	res = mustPairs(t, r, Options{Trio: true})
	require.Len(t, res.Pairs, 1)
	assert.Empty(t, res.Pairs[0].C)
	require.Len(t, res.Unmatched, 1)
	assert.Equal(t, "c1", res.Unmatched[0].ID)
	assert.Equal(t, "every eligible partner (1) is paired with someone else", res.Unmatched[0].Reason)
	res = mustPairs(t, r, Options{Trio: true, HardRules: HardRules{AllowNoExchange: true}})
	require.Len(t, res.Pairs, 1)
	assert.Equal(t, "c1", res.Pairs[0].C)
	assert.Empty(t, res.Unmatched)
	assert.Equal(t, 1, res.Metrics.Trios)
	assert.Equal(t, 3, res.Metrics.Matched)

	// Nobody eligible: the reason lists the rules with counts.
	r = roster(t, 2,
		person("x", 1, 1, []uint8{5, 0}, []uint8{0, 5}),
		person("y", 4, 5, []uint8{0, 5}, []uint8{5, 0}),
		person("z", 4, 9, []uint8{0, 4}, []uint8{5, 0}),
	)
	res = mustPairs(t, r, Options{HardRules: HardRules{AllowNoExchange: true}})
	require.Len(t, res.Unmatched, 1)
	assert.Equal(t, "x", res.Unmatched[0].ID)
	assert.Equal(t, "no eligible partner among 2 others: 2 more than 1 grade apart", res.Unmatched[0].Reason)
	assert.Equal(t, map[string]int{"grade_gap": 2}, res.Unmatched[0].Rules)
	// y and z both want S1 and neither has it: nothing to exchange.
	res = mustPairs(t, r, Options{})
	require.Empty(t, res.Pairs)
	require.Len(t, res.Unmatched, 3)
	assert.Equal(t, "no eligible partner among 2 others: 2 more than 1 grade apart", res.Unmatched[0].Reason)
	assert.Equal(t, "y", res.Unmatched[1].ID)
	assert.Equal(t, "no eligible partner among 2 others: 1 more than 1 grade apart, 1 with nothing to exchange", res.Unmatched[1].Reason)
	assert.Equal(t, map[string]int{"grade_gap": 1, "nothing_to_exchange": 1}, res.Unmatched[1].Rules)
	assert.Equal(t, int64(1), res.Metrics.Rejected["nothing_to_exchange"])
}

// randomRoster is a small roster with random levels, grades, years,
// departments, managers and locations.
func randomRoster(t testing.TB, n, k int, seed uint64) *skills.Roster {
	rng := rand.New(rand.NewPCG(seed, 7))
	var ppl []skills.Person
	for i := 0; i < n; i++ {
		h, w := make([]uint8, k), make([]uint8, k)
		for s := 0; s < k; s++ {
			if rng.IntN(2) == 0 {
				h[s] = uint8(rng.IntN(6))
			}
			if rng.IntN(3) == 0 {
				w[s] = uint8(1 + rng.IntN(5))
			}
		}
		p := person(fmt.Sprintf("p%02d", rng.IntN(1000)*100+i), 1+rng.IntN(3), float64(rng.IntN(4)), h, w)
		p.Department = fmt.Sprintf("d%d", rng.IntN(3))
		p.Location = fmt.Sprintf("l%d", rng.IntN(2))
		if i > 0 && rng.IntN(3) == 0 {
			p.Manager = ppl[rng.IntN(i)].ID
		}
		ppl = append(ppl, p)
	}
	return roster(t, k, ppl...)
}
