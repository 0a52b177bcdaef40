package cohort

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// randomRoster builds a small roster: k skills, random have levels, 1–3
// wants each, grades 1–3, three departments, a "lang" tag and, with
// managers, a few manager links.
func randomRoster(t testing.TB, n, k int, seed uint64, managers bool) *skills.Roster {
	rng := rand.New(rand.NewPCG(seed, 7))
	var cs []skills.Skill
	for s := 0; s < k; s++ {
		cs = append(cs, skills.Skill{Name: fmt.Sprintf("S%d", s)})
	}
	cat, err := skills.NewCatalog(cs...)
	require.NoError(t, err)
	people := make([]skills.Person, n)
	for i := range people {
		p := &people[i]
		p.ID = fmt.Sprintf("p%02d", i)
		p.Name = fmt.Sprintf("Person %d", i)
		p.Grade = 1 + rng.IntN(3)
		p.Department = []string{"ops", "eng", "sales"}[rng.IntN(3)]
		p.Tags = map[string]string{"lang": []string{"en", "de", "fr"}[rng.IntN(3)]}
		p.Focus = []string{"growth", "burnout"}[rng.IntN(2)]
		p.Have = make([]uint8, k)
		p.Want = make([]uint8, k)
		for s := range p.Have {
			p.Have[s] = uint8(rng.IntN(6))
		}
		for w := 1 + rng.IntN(3); w > 0; w-- {
			p.Want[rng.IntN(k)] = uint8(1 + rng.IntN(5))
		}
		if managers && i > 0 && rng.IntN(4) == 0 {
			p.Manager = people[rng.IntN(i)].ID
		}
	}
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	return r
}

// TestFormMatchesEnumeration checks Form against the best of all partitions
// (same number of groups, same sizes, hard rules met) on small rosters with
// every part of the objective switched on in turn, at 3000 iterations a
// restart (far below the default). Form must be within 0.05 of the optimum
// on every instance and reach it (up to rounding) on at least 95% of them,
// and reach it with the default budget wherever 3000 iterations did not. At
// the time of writing it reaches it on 87 of the 88 feasible instances at
// 3000 iterations, and on the last one with the default budget.
func TestFormMatchesEnumeration(t *testing.T) {
	total, exact := 0, 0
	type cfg struct {
		name    string
		n       int
		opt     Options
		manager bool
	}
	cfgs := []cfg{
		{"2x5-7", 12, Options{MinSize: 5, MaxSize: 7}, false},
		{"3x4", 12, Options{MinSize: 3, MaxSize: 4}, true},
		{"3x3-5 dept", 11, Options{MinSize: 3, MaxSize: 5, MaxPerDepartment: 1}, false},
		{"3x2-4 tags", 10, Options{MinSize: 2, MaxSize: 4, NoIsolatedTags: []string{"lang"}}, true},
		{"maxmin", 11, Options{MinSize: 3, MaxSize: 4, Weights: Weights{Balance: 1}}, false},
		{"mean only", 11, Options{MinSize: 3, MaxSize: 4, Weights: Weights{Balance: -1, Role: 2}}, false},
		{"rules", 12, Options{MinSize: 3, MaxSize: 5, Together: [][]string{{"p01", "p02"}, {"p05", "p09", "p10"}}, Apart: [][]string{{"p03", "p04", "p07"}}}, true},
		{"history", 10, Options{MinSize: 4, MaxSize: 6, History: [][]string{{"p00", "p01", "p02", "p03", "p04"}, {"p00", "p01", "p05", "p06", "p07"}, {"p08", "p09", "p02", "p03"}}}, false},
		{"grade band", 12, Options{MinSize: 3, MaxSize: 5, GradeBand: true, MaxGradeGap: GradeGap(1)}, false},
	}
	for _, c := range cfgs {
		t.Run(c.name, func(t *testing.T) {
			for seed := uint64(1); seed <= 10; seed++ {
				r := randomRoster(t, c.n, 5, seed, c.manager)
				opt := c.opt
				opt.Seed = seed
				opt.Iterations = 3000
				res, err := Form(context.Background(), r, opt)
				set, rerr := opt.resolve()
				require.NoError(t, rerr)
				if errors.Is(err, ErrInfeasible) && !c.opt.GradeBand {
					// Then no partition meets the hard rules.
					all := make([]int, c.n)
					for i := range all {
						all[i] = i
					}
					G := (c.n + set.MaxSize - 1) / set.MaxSize
					assert.True(t, math.IsInf(bestPartition(r, set, all, G), -1), "seed %d: %v", seed, err)
					continue
				}
				if c.opt.GradeBand {
					// The band constraint may leave people out; compare on
					// those placed, with the groups Form chose to use.
					if err != nil {
						continue
					}
				} else {
					require.NoError(t, err, "seed %d", seed)
				}
				var idx []int
				for _, g := range groupsOf(r, res) {
					idx = append(idx, g...)
				}
				best := bestPartition(r, set, idx, len(res.Groups))
				got, hard := refObjective(r, set, groupsOf(r, res))
				require.Zero(t, hard, "seed %d", seed)
				assert.InDelta(t, got, res.Metrics.Objective, 1e-9, "reported objective, seed %d", seed)
				assert.GreaterOrEqual(t, got, best-0.05, "seed %d: Form %.6f, optimum %.6f", seed, got, best)
				total++
				if got >= best-1e-9 {
					exact++
				} else {
					t.Logf("seed %d: Form %.6f, optimum %.6f at 3000 iterations", seed, got, best)
					// The default budget must reach it.
					opt.Iterations = 0
					res, err := Form(context.Background(), r, opt)
					require.NoError(t, err)
					got, _ := refObjective(r, set, groupsOf(r, res))
					assert.GreaterOrEqual(t, got, best-1e-9, "seed %d: default budget: Form %.6f, optimum %.6f", seed, got, best)
				}
			}
		})
	}
	require.Positive(t, total)
	assert.GreaterOrEqual(t, float64(exact), 0.95*float64(total), "optimum reached on %d of %d instances", exact, total)
	t.Logf("optimum reached on %d of %d instances", exact, total)
}
