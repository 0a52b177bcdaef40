package cohort_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func members(res *cohort.Result) [][]string {
	out := make([][]string, len(res.Groups))
	for g := range res.Groups {
		out[g] = append([]string(nil), res.Groups[g].Members...)
	}
	return out
}

func TestEvaluateFormOutput(t *testing.T) {
	r := skills.Demo()
	for _, opt := range []cohort.Options{{Seed: 1}, cohort.PeerLearningGroup()} {
		res, err := cohort.Form(context.Background(), r, opt)
		require.NoError(t, err)
		ev, err := cohort.Evaluate(context.Background(), r, members(res), opt)
		require.NoError(t, err)
		assert.Empty(t, ev.Broken)
		want, got := res.Metrics, ev.Result.Metrics
		assert.InDelta(t, want.Objective, got.Objective, 1e-12)
		assert.InDelta(t, want.MeanScore, got.MeanScore, 1e-12)
		assert.Equal(t, want.MinScore, got.MinScore)
		assert.Equal(t, want.MaxScore, got.MaxScore)
		assert.Equal(t, want.Teachability, got.Teachability)
		assert.Equal(t, want.Roles, got.Roles)
		assert.Equal(t, want.Groups, got.Groups)
		assert.Equal(t, want.People, got.People)
		assert.Equal(t, want.Unplaced, got.Unplaced)
		assert.Zero(t, got.Iterations)
		require.Len(t, ev.Result.Groups, len(res.Groups))
		for g := range res.Groups {
			assert.Equal(t, res.Groups[g].Members, ev.Result.Groups[g].Members)
			assert.Equal(t, res.Groups[g].Topics, ev.Result.Groups[g].Topics, "same learning plan")
			assert.InDelta(t, res.Groups[g].Metrics.Score, ev.Result.Groups[g].Metrics.Score, 1e-12)
		}
		if len(res.Unplaced) == 0 {
			assert.Empty(t, ev.Problems)
		} else {
			require.Len(t, ev.Problems, 1, "the unplaced are in no group")
			assert.Contains(t, ev.Problems[0], res.Unplaced[0].ID)
		}
	}
}

// managerAndReport returns a manager of the demo roster and a direct report.
func managerAndReport(t *testing.T, r *skills.Roster) (string, string) {
	t.Helper()
	for _, p := range r.People {
		if _, ok := r.Index(p.Manager); ok && p.Manager != "" {
			return p.Manager, p.ID
		}
	}
	t.Fatal("the demo roster has no manager")
	return "", ""
}

func TestEvaluateBrokenRules(t *testing.T) {
	r := skills.Demo()
	opt := cohort.Options{Seed: 1}
	res, err := cohort.Form(context.Background(), r, opt)
	require.NoError(t, err)
	boss, report := managerAndReport(t, r)
	groups := members(res)
	// move the report into the manager's group
	var from, to int
	for g, ms := range groups {
		for _, id := range ms {
			if id == boss {
				to = g
			}
			if id == report {
				from = g
			}
		}
	}
	require.NotEqual(t, from, to)
	var rest []string
	for _, id := range groups[from] {
		if id != report {
			rest = append(rest, id)
		}
	}
	groups[from] = append(rest, "ghost")
	groups[to] = append(groups[to], report)
	ev, err := cohort.Evaluate(context.Background(), r, groups, opt)
	require.NoError(t, err)
	var lm []cohort.BrokenRule
	for _, b := range ev.Broken {
		if b.Rule == cohort.RuleLineManagement {
			lm = append(lm, b)
		}
	}
	require.Len(t, lm, 1)
	assert.Equal(t, []string{boss, report}, lm[0].People)
	assert.Contains(t, lm[0].Reason, boss)
	assert.Contains(t, lm[0].Reason, report)
	require.NotEmpty(t, ev.Problems)
	assert.Contains(t, ev.Problems[0], `unknown person "ghost"`)
}

func TestEvaluateOtherRules(t *testing.T) {
	r := skills.Demo()
	ids := make([]string, len(r.People))
	for i := range r.People {
		ids[i] = r.People[i].ID
	}
	opt := cohort.Options{MinSize: 2, MaxSize: 3,
		Apart:    [][]string{{ids[0], ids[1]}, {"nobody"}},
		Together: [][]string{{ids[2], ids[3]}}}
	groups := [][]string{{ids[0], ids[1], ids[2]}, {ids[3]}, ids[4:], {ids[4]}}
	ev, err := cohort.Evaluate(context.Background(), r, groups, opt)
	require.NoError(t, err)
	rules := map[string]int{}
	for _, b := range ev.Broken {
		rules[b.Rule]++
	}
	assert.Equal(t, 1, rules[cohort.RuleKeepApart])
	assert.Equal(t, 1, rules[cohort.RuleKeepTogether])
	assert.Equal(t, 2, rules[cohort.RuleGroupSize], "a group of one and a group of the rest")
	assert.Contains(t, fmt.Sprint(ev.Problems), `"nobody"`)
	assert.Contains(t, fmt.Sprint(ev.Problems), "already in an earlier group")

	_, err = cohort.Evaluate(context.Background(), r, groups, cohort.Options{MinSize: -1})
	assert.ErrorIs(t, err, cohort.ErrInvalidOptions)
}

func ExampleEvaluate() {
	r := skills.Demo()
	res, err := cohort.Form(context.Background(), r, cohort.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	var groups [][]string
	for _, g := range res.Groups {
		groups = append(groups, g.Members)
	}
	groups[0] = append(groups[0], "ghost")
	ev, err := cohort.Evaluate(context.Background(), r, groups, cohort.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(ev.Broken), "broken rules")
	for _, p := range ev.Problems {
		fmt.Println(p[len(p)-len(`unknown person "ghost", left out`):])
	}
	// Output:
	// 0 broken rules
	// unknown person "ghost", left out
}
