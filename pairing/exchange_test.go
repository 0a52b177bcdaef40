package pairing

import (
	"context"
	"fmt"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exchangeRoster: a and b complement each other; c only teaches (wants
// nothing); d and e want S1 and nobody of them has it... d teaches a S2.
//
//	a: has S1, wants S2     b: has S2, wants S1
//	c: has S1 S2, wants —   d: has S2, wants S1 (like b)
func exchangeRoster(t testing.TB) *skills.Roster {
	return roster(t, 2,
		person("a", 1, 1, []uint8{5, 0}, []uint8{0, 5}),
		person("b", 1, 5, []uint8{0, 5}, []uint8{5, 0}),
		person("c", 1, 9, []uint8{5, 5}, []uint8{0, 0}),
		person("d", 1, 13, []uint8{0, 4}, []uint8{5, 0}),
	)
}

func TestNothingToExchangeRule(t *testing.T) {
	r := exchangeRoster(t)
	cases := []struct {
		a, b  string
		m     Mutual
		allow bool
		want  Rule
	}{
		{"a", "b", Harmonic, false, RuleNone},
		{"a", "c", Harmonic, false, RuleNothingToExchange}, // c learns nothing
		{"a", "c", Min, false, RuleNothingToExchange},
		{"a", "c", OneWay, false, RuleNone}, // c teaches a S2
		{"a", "c", Sum, false, RuleNone},
		{"b", "d", Harmonic, false, RuleNothingToExchange}, // both want S1, neither has it
		{"b", "d", OneWay, false, RuleNothingToExchange},
		{"b", "d", Sum, false, RuleNothingToExchange},
		{"b", "d", Harmonic, true, RuleNone},
		{"b", "d", OneWay, true, RuleNone},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("%s-%s/%s/allow=%v", tc.a, tc.b, tc.m, tc.allow)
		opt := Options{Mutual: tc.m, HardRules: HardRules{AllowNoExchange: tc.allow}}
		ok, rule, err := eligibleOnce(r, tc.a, tc.b, opt)
		require.NoError(t, err, name)
		assert.Equal(t, tc.want, rule, name)
		assert.Equal(t, tc.want == RuleNone, ok, name)
		e, err := explainOnce(r, tc.b, tc.a, opt)
		require.NoError(t, err, name)
		assert.Equal(t, tc.want, e.Rule, name)
		if tc.want == RuleNothingToExchange {
			assert.Contains(t, e.Reason, "nothing to exchange", name)
		}
	}
	assert.Equal(t, "nothing_to_exchange", RuleNothingToExchange.String())
}

// TestNothingToExchangeStrategies: on exchangeRoster only a–b, a–d (d
// teaches a S2 at 4, a teaches d S1) and, one way, pairs with c exchange
// something; b–d never pair.
func TestNothingToExchangeStrategies(t *testing.T) {
	r := exchangeRoster(t)
	for _, s := range Strategies {
		for _, dl := range []int{0, 1} {
			for _, search := range []int{1, 2} {
				opt := Options{Strategy: s, Scale: Scale{DenseLimit: dl, CandidateK: 1}}
				name := fmt.Sprintf("%s dense limit %d search %d", s.Name(), dl, search)
				res := mustPairsTuned(t, r, opt, tuning{search: search})
				require.Len(t, res.Pairs, 1, name)
				require.Len(t, res.Unmatched, 3-len(res.Pairs)*2+1, name)
				for _, pr := range res.Pairs {
					assert.Positive(t, pr.Weight, name)
					assert.Positive(t, pr.Score, name)
				}
				for _, u := range res.Unmatched {
					if u.ID == "c" {
						assert.Equal(t, map[string]int{"nothing_to_exchange": 3}, u.Rules, name)
						assert.Contains(t, u.Reason, "nothing to exchange", name)
					}
				}
				if dl == 0 && s != Random {
					assert.Equal(t, int64(4), res.Metrics.Rejected["nothing_to_exchange"], name) // a–c, b–c, c–d, b–d
				} else {
					assert.Positive(t, res.Metrics.Rejected["nothing_to_exchange"], name)
				}
				// Allowed again: everybody is paired by the strategies that
				// maximise cardinality.
				opt.AllowNoExchange = true
				res = mustPairs(t, r, opt)
				if s == Optimal || s == MaxMin {
					require.Len(t, res.Pairs, 2, name)
				}
				assert.Zero(t, res.Metrics.Rejected["nothing_to_exchange"], name)
			}
		}
	}
	// One way: c may mentor a or b (max of the two directions).
	res := mustPairs(t, r, Options{Mutual: OneWay})
	require.Len(t, res.Pairs, 2)
}

func TestNothingToExchangePinned(t *testing.T) {
	r := exchangeRoster(t)
	// b–d have nothing to exchange: the pin is admin intent, kept with a note.
	res := mustPairs(t, r, Options{Pinned: [][2]string{{"d", "b"}}})
	require.Len(t, res.Pairs, 1)
	assert.Equal(t, "b", res.Pairs[0].A)
	assert.Equal(t, "d", res.Pairs[0].B)
	assert.True(t, res.Pairs[0].Pinned)
	assert.Zero(t, res.Pairs[0].Weight)
	assert.Contains(t, fmt.Sprint(res.Notes), "pinned pair d–b kept although it breaks rule nothing_to_exchange")
	// a and c are left: c has nothing to exchange with a.
	require.Len(t, res.Unmatched, 2)
	// Other rules still make a pin an error.
	_, err := Pairs(context.Background(), r, Options{Pinned: [][2]string{{"d", "b"}}, HardRules: HardRules{Never: map[string][]string{"b": {"d"}}}})
	require.ErrorIs(t, err, ErrPinBreaksRule)
	// A trio never adds a member with nothing to exchange.
	res = mustPairs(t, r, Options{Pinned: [][2]string{{"a", "b"}}, Trio: true})
	for _, pr := range res.Pairs {
		assert.NotEqual(t, "c", pr.C)
	}
}

func TestNothingToExchangeSuggestAndMentor(t *testing.T) {
	r := exchangeRoster(t)
	for _, dl := range []int{0, 1} {
		sug, err := suggestOnce(r, "b", 3, Options{Scale: Scale{DenseLimit: dl}})
		require.NoError(t, err)
		require.Len(t, sug, 1, "dense limit %d", dl)
		assert.Equal(t, "a", sug[0].B)
		sug, err = suggestOnce(r, "b", 3, Options{Scale: Scale{DenseLimit: dl}, HardRules: HardRules{AllowNoExchange: true}})
		require.NoError(t, err)
		require.Len(t, sug, 3, "dense limit %d", dl)
	}
	// Mentoring is one way: c mentors anyone who wants what c has; b
	// cannot mentor d (d wants S1, b has only S2).
	mr, err := Mentor(context.Background(), r, []string{"b", "c"}, []string{"a", "d"}, Options{})
	require.NoError(t, err)
	require.Len(t, mr.Pairs, 2)
	for _, mp := range mr.Pairs {
		assert.Positive(t, mp.Weight)
	}
	mr, err = Mentor(context.Background(), r, []string{"b"}, []string{"d"}, Options{})
	require.NoError(t, err)
	require.Empty(t, mr.Pairs)
	require.Len(t, mr.Unmatched, 1)
	assert.Equal(t, "no eligible mentor among 1 mentor: 1 with nothing to exchange", mr.Unmatched[0].Reason)
	mr, err = Mentor(context.Background(), r, []string{"b"}, []string{"d"}, Options{HardRules: HardRules{AllowNoExchange: true}})
	require.NoError(t, err)
	require.Len(t, mr.Pairs, 1)
}

// TestNoZeroExchangeProperty: over random rosters (small skill counts make
// pairs with nothing to exchange common), no strategy, path, score kind or
// trio outputs a pair whose mutual score is 0, unless AllowNoExchange; and
// Optimal still equals the brute-force optimum with the rule.
func TestNoZeroExchangeProperty(t *testing.T) {
	muts := []Mutual{Harmonic, OneWay, Sum, Min}
	zeroSeen := 0
	for it := 0; it < 160; it++ {
		n := 3 + it%12
		r := randomRoster(t, n, 1+it%3, uint64(1000+it))
		for _, allow := range []bool{false, true} {
			base := Options{Mutual: muts[it%4], HardRules: HardRules{AllowNoExchange: allow, MaxGradeGap: GradeGap(2)}, Trio: it%5 == 0}
			p, err := newProblem(r, base)
			require.NoError(t, err)
			if !base.Trio {
				bc, bq := bruteOptimum(t, r, base)
				for _, dl := range []int{0, 1} {
					o := base
					o.DenseLimit, o.CandidateK = dl, 2
					c, q := value(t, r, base, mustPairsTuned(t, r, o, tuning{search: 1 + it%2}))
					require.Equal(t, bc, c, "iteration %d allow %v dense limit %d", it, allow, dl)
					require.Equal(t, bq, q, "iteration %d allow %v dense limit %d", it, allow, dl)
				}
			}
			for _, s := range Strategies {
				for _, dl := range []int{0, 1} {
					o := base
					o.Strategy, o.Seed, o.DenseLimit, o.CandidateK = s, uint64(it), dl, 2
					res := mustPairsTuned(t, r, o, tuning{search: 1 + it%2})
					for _, pr := range res.Pairs {
						ids := []string{pr.A, pr.B}
						if pr.C != "" {
							ids = append(ids, pr.C)
						}
						for x := range ids {
							for y := x + 1; y < len(ids); y++ {
								i, _ := p.index(ids[x])
								j, _ := p.index(ids[y])
								if m := p.mutual(i, j); m <= 0 {
									require.True(t, allow, "iteration %d %s: %s–%s has nothing to exchange", it, s.Name(), ids[x], ids[y])
									zeroSeen++
								}
							}
						}
					}
				}
			}
		}
	}
	require.Positive(t, zeroSeen, "the rosters must contain zero-exchange pairs for the test to mean anything")
}
