package pairing_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// groupsOf returns the pairs and trios of res as id groups.
func groupsOf(res *pairing.Result) [][]string {
	var gs [][]string
	for _, p := range res.Pairs {
		g := []string{p.A, p.B}
		if p.C != "" {
			g = append(g, p.C)
		}
		gs = append(gs, g)
	}
	return gs
}

func TestEvaluateReproducesPairsMetrics(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opt  pairing.Options
	}{
		{"optimal with capacities", pairing.Options{}},
		{"greedy with capacities", pairing.Options{Strategy: pairing.Greedy}},
		{"optimal once each", pairing.Options{IgnoreCapacity: true}},
		{"trios", pairing.Options{IgnoreCapacity: true, Trio: true}},
		{"stable", pairing.Options{Strategy: pairing.Stable, IgnoreCapacity: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := skills.Demo()
			res, err := pairing.Pairs(ctx, r, tc.opt)
			require.NoError(t, err)
			ev, err := pairing.Evaluate(ctx, r, groupsOf(res), tc.opt)
			require.NoError(t, err)
			assert.Empty(t, ev.Broken)
			assert.Empty(t, ev.Problems)
			assert.Equal(t, res.Metrics, ev.Result.Metrics)
			assert.Equal(t, res.Pairs, ev.Result.Pairs)
			assert.Equal(t, res.Loads, ev.Result.Loads)
			assert.Equal(t, "evaluated", ev.Result.Strategy)
			require.Len(t, ev.Result.Unmatched, len(res.Unmatched))
			for x, u := range res.Unmatched {
				assert.Equal(t, u.ID, ev.Result.Unmatched[x].ID)
			}
		})
	}
}

func TestEvaluateListsBrokenRulesAndProblems(t *testing.T) {
	ctx := context.Background()
	r := skills.Demo()
	var boss, report string
	for _, pe := range r.People {
		if pe.Manager != "" {
			if _, ok := r.Index(pe.Manager); ok {
				boss, report = pe.Manager, pe.ID
				break
			}
		}
	}
	require.NotEmpty(t, boss)
	ev, err := pairing.Evaluate(ctx, r, [][]string{{report, boss}, {"nobody", report}, {boss, report}}, pairing.Options{IgnoreCapacity: true})
	require.NoError(t, err)
	require.Len(t, ev.Broken, 2) // the first and the third group
	b := ev.Broken[0]
	assert.Equal(t, pairing.RuleManager, b.Rule)
	assert.ElementsMatch(t, []string{boss, report}, []string{b.A, b.B})
	assert.Equal(t, "line_management", b.Rule.String())
	assert.Contains(t, b.Reason, "line manager")
	require.Len(t, ev.Problems, 3)
	assert.Contains(t, ev.Problems[0], `unknown person "nobody"`)
	assert.Contains(t, ev.Problems[1], "fewer than two")
	assert.Contains(t, ev.Problems[2], "more than one pair")
	assert.Equal(t, 1, ev.Result.Metrics.Pairs, "the broken pair is scored, once")
	assert.Equal(t, r.Len()-2, ev.Result.Metrics.Unmatched)
}

func TestEvaluateCapacity(t *testing.T) {
	ctx := context.Background()
	cat, _ := skills.NewCatalog(skills.Skill{Name: "Coaching"}, skills.Skill{Name: "Budgeting"})
	r, err := skills.New(cat, []skills.Person{
		{ID: "ana", Grade: 2, Years: 4, Have: []uint8{5, 0}, Want: []uint8{0, 5}, Capacity: 2},
		{ID: "ben", Grade: 2, Years: 9, Have: []uint8{0, 5}, Want: []uint8{5, 0}},
		{ID: "dee", Grade: 2, Years: 1, Have: []uint8{0, 4}, Want: []uint8{5, 0}},
	})
	require.NoError(t, err)
	ev, err := pairing.Evaluate(ctx, r, [][]string{{"ana", "ben"}, {"ben", "dee"}, {"ana", "ben"}}, pairing.Options{})
	require.NoError(t, err)
	assert.Equal(t, 2, ev.Result.Metrics.Links)
	assert.Contains(t, ev.Problems, "pair ana–ben is given more than once: scored once")
	assert.Contains(t, ev.Problems, "ben has 2 buddies for a capacity of 1")
	require.Len(t, ev.Broken, 1) // ben and dee teach each other nothing
	assert.Equal(t, pairing.BrokenRule{A: "ben", B: "dee", Rule: pairing.RuleNothingToExchange,
		Reason: "nothing to exchange: harmonic score 0, at least one of the two has nothing the other wants"}, ev.Broken[0])
}

func ExampleEvaluate() {
	r := exampleRoster()
	ev, err := pairing.Evaluate(context.Background(), r, [][]string{{"ana", "cy"}, {"ben", "dee"}, {"dee", "zed"}}, pairing.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("pairs:", ev.Result.Metrics.Pairs, "blocking:", ev.Result.Metrics.BlockingPairs)
	for _, b := range ev.Broken {
		fmt.Printf("%s–%s: %s (%s)\n", b.A, b.B, b.Rule, b.Reason)
	}
	for _, p := range ev.Problems {
		fmt.Println("problem:", p)
	}
	// Output:
	// pairs: 2 blocking: 4
	// ana–cy: nothing_to_exchange (nothing to exchange: harmonic score 0, at least one of the two has nothing the other wants)
	// ben–dee: nothing_to_exchange (nothing to exchange: harmonic score 0, at least one of the two has nothing the other wants)
	// problem: group 3 (dee, zed): unknown person "zed", left out
	// problem: group 3 (dee, zed): fewer than two known people, left out
}

// TestEvaluateProblemGroup: every problem has its group's position beside
// it (0 for a problem about no single group), so that a caller that read
// the pairs from a file can name the place without parsing sentences.
func TestEvaluateProblemGroup(t *testing.T) {
	r := skills.Demo()
	a, b, c := r.People[0].ID, r.People[1].ID, r.People[2].ID
	ev, err := pairing.Evaluate(context.Background(), r, [][]string{{a, b}, {c, "ghost"}, {a, c}}, pairing.Options{IgnoreCapacity: true})
	require.NoError(t, err)
	require.Len(t, ev.ProblemGroup, len(ev.Problems))
	for x, p := range ev.Problems {
		if g := ev.ProblemGroup[x]; g > 0 {
			assert.True(t, strings.HasPrefix(p, fmt.Sprintf("group %d (", g)), p)
		} else {
			assert.False(t, strings.HasPrefix(p, "group "), p)
		}
	}
	assert.Contains(t, ev.ProblemGroup, 2)
	assert.Contains(t, ev.ProblemGroup, 0, "the person in two pairs is about no single group")
}
