package pairing

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/peermatch/peermatch/assign"
	"github.com/peermatch/peermatch/matching"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHistoryRounds(t *testing.T) {
	r := handRoster(t)
	first := mustPairs(t, r, Options{})
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, first))
	h, err := ReadHistory(&buf)
	require.NoError(t, err)
	require.Len(t, h.Rounds, 1)
	assert.Equal(t, [][]string{{"a1", "b1"}, {"a2", "b2"}}, h.Rounds[0].Groups)
	// Repeats excluded: the next round crosses the pairs.
	second := mustPairs(t, r, Options{EarlierRounds: EarlierRounds{History: h}})
	assert.Equal(t, []string{"a1", "b2", "a2", "b1"}, []string{second.Pairs[0].A, second.Pairs[0].B, second.Pairs[1].A, second.Pairs[1].B})
	// Penalised with the default penalty 1: a1–b1 scores 1−1 = 0 and a2–b2
	// 0, so crossing (0.75 + 0.75) wins again.
	pen := mustPairs(t, r, Options{EarlierRounds: EarlierRounds{History: h, Repeats: PenaliseRepeats}})
	assert.Equal(t, "b2", pen.Pairs[0].B)
	// A penalty decayed over 4 rounds (1·0.5³ = 0.125) keeps the repeat.
	old := &History{Rounds: []Round{{Round: 1, Groups: h.Rounds[0].Groups}, {Round: 4}}}
	e, err := explainOnce(r, "a1", "b1", Options{EarlierRounds: EarlierRounds{History: old, Repeats: PenaliseRepeats}})
	require.NoError(t, err)
	assert.InDelta(t, 1-0.125, e.Weight, 1e-9)
	// Two rounds as a JSON stream, and the same as CSV.
	var two bytes.Buffer
	require.NoError(t, WriteJSON(&two, first))
	require.NoError(t, WriteJSON(&two, second))
	h2, err := ReadHistory(&two)
	require.NoError(t, err)
	require.Len(t, h2.Rounds, 2)
	assert.Equal(t, 2, h2.Rounds[1].Round)
	h3, err := ReadHistory(strings.NewReader("round,a,b\n1,a1,b1\n1,a2,b2\n2,a1,b2\n2,a2,b1\n2,zz,\n"))
	require.NoError(t, err)
	assert.Equal(t, h2.Rounds[1].Groups, h3.Rounds[1].Groups)
	assert.Equal(t, []string{"zz"}, h3.Rounds[1].Unmatched)
	// Every complementary pair was used: what is left has nothing to
	// exchange, so nobody is paired, each with the rule as the reason.
	third := mustPairs(t, r, Options{EarlierRounds: EarlierRounds{History: h3}})
	require.Empty(t, third.Pairs)
	require.Len(t, third.Unmatched, 4)
	for _, u := range third.Unmatched {
		assert.Equal(t, map[string]int{"repeat": 2, "nothing_to_exchange": 1}, u.Rules, u.ID)
		assert.Contains(t, u.Reason, "nothing to exchange", u.ID)
	}
	// With AllowNoExchange, more pairs come first even with nothing to
	// teach.
	third = mustPairs(t, r, Options{EarlierRounds: EarlierRounds{History: h3}, HardRules: HardRules{AllowNoExchange: true}})
	require.Len(t, third.Pairs, 2)
	assert.Equal(t, []string{"a1", "a2", "b1", "b2"}, []string{third.Pairs[0].A, third.Pairs[0].B, third.Pairs[1].A, third.Pairs[1].B})
	assert.Equal(t, 0.0, third.Metrics.Total)
	// History.Add gives the same rounds.
	h4 := &History{}
	h4.Add(first)
	h4.Add(second)
	assert.Equal(t, h2.Rounds[1].Groups, h4.Rounds[1].Groups)

	for _, bad := range []string{"round,a,b\nx,a1,b1\n", "{\"pairs\":[{\"a\":\"a1\"}]}", "{", "1,a,b,c,d\n"} {
		_, err := ReadHistory(strings.NewReader(bad))
		require.ErrorIs(t, err, ErrInvalidHistory, bad)
	}
}

func TestUnmatchedBonus(t *testing.T) {
	r := handRoster(t)
	h := &History{Rounds: []Round{{Round: 1, Unmatched: []string{"b2"}}}}
	e, err := explainOnce(r, "a1", "b2", Options{EarlierRounds: EarlierRounds{History: h}})
	require.NoError(t, err)
	assert.InDelta(t, 0.75+0.25, e.Weight, 1e-9)
	e, err = explainOnce(r, "a1", "b2", Options{EarlierRounds: EarlierRounds{History: h, UnmatchedBonus: -1}})
	require.NoError(t, err)
	assert.InDelta(t, 0.75, e.Weight, 1e-9)
}

func TestSuggest(t *testing.T) {
	r := skills.Synthetic(120, 30, 3, skills.SyntheticOptions{})
	id := r.People[7].ID
	dense, err := suggestOnce(r, id, 5, Options{})
	require.NoError(t, err)
	require.Len(t, dense, 5)
	for x := 1; x < len(dense); x++ {
		require.GreaterOrEqual(t, dense[x-1].Weight, dense[x].Weight)
	}
	for _, s := range dense {
		require.True(t, s.Eligible)
		require.Equal(t, id, s.A)
	}
	sparse, err := suggestTuned(r, id, 5, Options{Scale: Scale{DenseLimit: 1}}, tuning{search: 1})
	require.NoError(t, err)
	assert.Equal(t, dense, sparse)
	_, err = suggestOnce(r, "nobody", 5, Options{})
	require.ErrorIs(t, err, ErrUnknownPerson)
}

func TestMentor(t *testing.T) {
	r := roster(t, 2,
		person("m1", 2, 10, []uint8{5, 5}, []uint8{0, 0}),
		person("m2", 2, 12, []uint8{5, 0}, []uint8{0, 0}),
		person("e1", 1, 1, []uint8{0, 0}, []uint8{5, 5}),
		person("e2", 1, 1, []uint8{0, 1}, []uint8{0, 5}),
		person("e3", 1, 2, []uint8{0, 0}, []uint8{5, 0}),
		person("e4", 3, 2, []uint8{0, 0}, []uint8{5, 0}),
	)
	r.People[0].Capacity = 2
	res, err := Mentor(context.Background(), r, []string{"m1", "m2"}, []string{"e1", "e2", "e3", "e4"}, Options{HardRules: HardRules{MaxGradeGap: GradeGap(1)}})
	require.NoError(t, err)
	// Three slots for four mentees. teach(m1→e1) = 2, teach(m2→e1) = 1,
	// teach(m1→e2) = 0.8, teach(m2→e2) = 0, e3 and e4 get 1 from either.
	// Best: m1 takes e1 and one of e3/e4, m2 the other: 2 + 1 + 1 = 4 >
	// 2 + 0.8 + 1.
	got := map[string]string{}
	for _, p := range res.Pairs {
		got[p.Mentee] = p.Mentor
	}
	assert.Equal(t, "m1", got["e1"])
	assert.Len(t, got, 3)
	assert.Equal(t, map[string]int{"m1": 2, "m2": 1}, res.Load)
	assert.InDelta(t, 4, res.Total, 1e-9)
	require.Len(t, res.Unmatched, 1)
	assert.Equal(t, "e2", res.Unmatched[0].ID)
	assert.Contains(t, res.Unmatched[0].Reason, "at capacity")
	res, err = Mentor(context.Background(), r, []string{"m2"}, []string{"e1"}, Options{HardRules: HardRules{MaxGradeGap: GradeGap(0)}})
	require.NoError(t, err)
	require.Len(t, res.Unmatched, 1)
	assert.Equal(t, "no eligible mentor among 1 mentor: 1 of another grade", res.Unmatched[0].Reason)
	_, err = Mentor(context.Background(), r, []string{"zz"}, []string{"e1"}, Options{})
	require.ErrorIs(t, err, ErrUnknownPerson)
}

// solverErr gives callers of this package one sentinel for the input
// errors of both solvers and leaves cancellation alone.
func TestSolverErr(t *testing.T) {
	ctx := context.Background()
	_, err := matching.Sparse(ctx, 2, []matching.Edge{{U: 0, V: 1, W: math.NaN()}}, matching.Options{})
	err = solverErr(err)
	require.ErrorIs(t, err, ErrInvalidWeight)
	require.ErrorIs(t, err, matching.ErrInvalidWeight)
	_, err = matching.Sparse(ctx, 2, []matching.Edge{{U: 0, V: 5, W: 1}}, matching.Options{})
	require.ErrorIs(t, solverErr(err), ErrInvalidWeight)
	_, err = assign.Solve(ctx, 1, 1, []float64{math.Inf(1)})
	require.ErrorIs(t, solverErr(err), ErrInvalidWeight)
	_, err = assign.Solve(ctx, 1<<20, 1<<20, nil)
	require.ErrorIs(t, solverErr(err), ErrInvalidWeight)
	_, err = assign.Solve(ctx, 2, 2, []float64{1, math.Inf(-1), 2, math.Inf(-1)})
	err = solverErr(err)
	require.ErrorIs(t, err, assign.ErrInfeasible)
	require.NotErrorIs(t, err, ErrInvalidWeight)
	require.NoError(t, solverErr(nil))

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = matching.Sparse(cancelled, 2, []matching.Edge{{U: 0, V: 1, W: 1}}, matching.Options{})
	err = solverErr(err)
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, ErrInvalidWeight)
}

func TestOutputs(t *testing.T) {
	r := roster(t, 2,
		person("=a1", 1, 1, []uint8{5, 0}, []uint8{0, 5}),
		person("b1", 1, 5, []uint8{0, 5}, []uint8{5, 0}),
		person("c1", 1, 9, []uint8{0, 4}, []uint8{5, 0}),
	)
	res := mustPairs(t, r, Options{})
	var j bytes.Buffer
	require.NoError(t, WriteJSON(&j, res))
	var got map[string]any
	require.NoError(t, json.Unmarshal(j.Bytes(), &got))
	assert.Equal(t, "optimal", got["strategy"])
	pair := got["pairs"].([]any)[0].(map[string]any)
	assert.Equal(t, "=a1", pair["a"])
	assert.Equal(t, 100.0, pair["score"])
	assert.Equal(t, []any{map[string]any{"skill": "S1", "value": 1.0}}, pair["a_teaches_b"])
	un := got["unmatched"].([]any)[0].(map[string]any)
	assert.Equal(t, "c1", un["id"])
	metrics := got["metrics"].(map[string]any)
	for _, k := range []string{"pairs", "mean", "min", "equity", "want_coverage", "blocking_pairs", "rejected"} {
		assert.Contains(t, metrics, k)
	}
	var c bytes.Buffer
	require.NoError(t, WriteCSV(&c, res))
	assert.Equal(t, "a,b,c,score,a_teaches_b,b_teaches_a,reason,a_teaches_c,c_teaches_a,b_teaches_c,c_teaches_b,a_name,a_email,b_name,b_email,c_name,c_email\n'=a1,b1,,100,S1 (1),S2 (1),,,,,,,,,,,\nc1,,,,,,odd count: one person had to be left out and leaving out this person cost least,,,,,,,,,,\n", c.String())
	var tx bytes.Buffer
	require.NoError(t, WriteText(&tx, res))
	assert.Contains(t, tx.String(), "=a1  b1  100.0  S1           S2")
	assert.Contains(t, tx.String(), "c1: odd count")
}

func TestStrategyByName(t *testing.T) {
	for _, s := range Strategies {
		got, err := StrategyByName(strings.ToUpper(s.Name()))
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	_, err := StrategyByName("best")
	require.ErrorIs(t, err, ErrInvalidOptions)
	res, err := Pairs(context.Background(), handRoster(t), Options{Strategy: Greedy})
	require.NoError(t, err)
	assert.Equal(t, "greedy", res.Strategy)
}

func TestTeachMatrix(t *testing.T) {
	r := skills.Synthetic(37, 12, 4, skills.SyntheticOptions{})
	tm, err := TeachMatrix(r, 0)
	require.NoError(t, err)
	p, err := newProblem(r, Options{})
	require.NoError(t, err)
	for i := range r.People {
		for j := range r.People {
			require.InDelta(t, p.teach(p.pos[i], p.pos[j]), tm.At(i, j), 1e-12)
		}
	}
	_, err = TeachMatrix(nil, 0)
	require.ErrorIs(t, err, ErrEmptyRoster)
}

// The text table names every member: id and name from the roster.
func TestWriteTextNames(t *testing.T) {
	r := skills.Demo()
	res, err := Pairs(context.Background(), r, Options{})
	require.NoError(t, err)
	require.NotEmpty(t, res.Pairs)
	require.NotEmpty(t, res.Unmatched)
	var tx bytes.Buffer
	require.NoError(t, WriteText(&tx, res))
	for _, p := range res.Pairs {
		assert.Equal(t, r.Person(p.A).Name, p.AName)
		assert.Equal(t, r.Person(p.B).Name, p.BName)
		assert.Contains(t, tx.String(), p.A+" "+p.AName+" ")
	}
	for _, u := range res.Unmatched {
		assert.Equal(t, r.Person(u.ID).Name, u.Name)
		assert.Contains(t, tx.String(), "  "+u.ID+" "+u.Name+": ")
	}
}

// blockingRows (large rosters: lists for settled people, row scans for the
// others) counts what testing every pair counts, with pinned pairs.
func TestBlockingRowsMatchesDense(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		r := syn(260, 24, seed)
		opt := Options{Scale: Scale{DenseLimit: 30, CandidateK: 4}}
		if seed%2 == 0 { // pin two disjoint eligible pairs
			p0, err := newProblem(r, opt)
			require.NoError(t, err)
			used := map[int]bool{}
			for i := 0; i < 60 && len(opt.Pinned) < 2; i++ {
				for j := i + 1; j < 60 && !used[i]; j++ {
					if !used[j] && p0.eligible(p0.pos[i], p0.pos[j]) == RuleNone {
						opt.Pinned = append(opt.Pinned, [2]string{r.People[i].ID, r.People[j].ID})
						used[i], used[j] = true, true
					}
				}
			}
			require.Len(t, opt.Pinned, 2)
		}
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		mate, notes, err := solve(context.Background(), p)
		require.NoError(t, err)
		res, err := p.finish(context.Background(), mate, notes)
		require.NoError(t, err)
		group := make(map[int][]int)
		for a, b := range mate {
			if b > a {
				group[a], group[b] = []int{a, b}, []int{a, b}
			}
		}
		cur := make([]int64, p.n)
		for i := range cur {
			cur[i] = -1
			if g, ok := group[i]; ok {
				cur[i] = p.qscore(g[0], g[1])
			}
		}
		together := func(i, j int) bool { return mate[i] == j }
		want, err := p.blockingDense(context.Background(), cur, together)
		require.NoError(t, err)
		require.NotNil(t, p.cand, "seed %d: the sparse path ran", seed)
		assert.Equal(t, want, res.Metrics.BlockingPairs, "seed %d", seed)
		assert.Positive(t, want, "seed %d", seed)
	}
}

// The reasons of people without an eligible partner count, for every
// rule, the others it excludes first: the same as p.eligible over everyone.
func TestReasonsCountEveryRule(t *testing.T) {
	checked := 0
	for seed := uint64(1); seed <= 8; seed++ {
		r := skills.Synthetic(240, 16, seed, skills.SyntheticOptions{LowWantFraction: 0.2, LowSkillFraction: 0.2})
		// the sparse path reuses the candidate search's counts
		opt := Options{}
		if seed%2 == 0 {
			opt.DenseLimit = 20
		}
		res, err := Pairs(context.Background(), r, opt)
		require.NoError(t, err)
		p, err := newProblem(r, Options{})
		require.NoError(t, err)
		for _, um := range res.Unmatched {
			if um.Rules == nil {
				continue
			}
			u, err := p.index(um.ID)
			require.NoError(t, err)
			want := map[string]int{}
			for j := 0; j < p.n; j++ {
				if j != u && p.active[j] {
					want[p.eligible(u, j).String()]++
				}
			}
			assert.Equal(t, want, um.Rules, "seed %d %s", seed, um.ID)
			checked++
		}
	}
	assert.Positive(t, checked)
}

// Issue 20, item 7: a huge capacity costs nothing: a mentor's slots count
// only up to the number of mentees, and the answer is the one a capacity
// of that many gives.
func TestMentorHugeCapacity(t *testing.T) {
	m := person("m", 1, 9, []uint8{5, 5}, []uint8{0, 0})
	e1 := person("e1", 1, 1, []uint8{0, 0}, []uint8{5, 0})
	e2 := person("e2", 1, 2, []uint8{0, 0}, []uint8{0, 5})
	for _, c := range []int{2, 50_000_000, 1_000_000_000} {
		m.Capacity = c
		r := roster(t, 2, m, e1, e2)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		res, err := Mentor(ctx, r, []string{"m"}, []string{"e1", "e2"}, Options{Mutual: OneWay})
		cancel()
		require.NoError(t, err, "capacity %d", c)
		require.Len(t, res.Pairs, 2, "capacity %d", c)
		require.Equal(t, 2, res.Load["m"])
	}
}
