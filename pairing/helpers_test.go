package pairing

import (
	"context"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

func syn(n, k int, seed uint64) *skills.Roster {
	// one buddy each: the capacity path has tests of its own
	return skills.Synthetic(n, k, seed, skills.SyntheticOptions{ExtraCapacityFraction: -1})
}

// value returns (pairs, Σ quantised score) of res, recomputed from scratch.
func value(t *testing.T, r *skills.Roster, opt Options, res *Result) (int, int64) {
	t.Helper()
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	var tot int64
	for _, pr := range res.Pairs {
		a, err := p.index(pr.A)
		require.NoError(t, err)
		b, err := p.index(pr.B)
		require.NoError(t, err)
		tot += p.qscore(a, b)
	}
	return len(res.Pairs), tot
}

// checkResult asserts the hard rules and that every person appears once.
func checkResult(t *testing.T, r *skills.Roster, opt Options, res *Result) {
	t.Helper()
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	seen := map[string]int{}
	for _, pr := range res.Pairs {
		ids := []string{pr.A, pr.B}
		if pr.C != "" {
			ids = append(ids, pr.C)
		}
		for x, a := range ids {
			seen[a]++
			for _, b := range ids[x+1:] {
				i, err := p.index(a)
				require.NoError(t, err)
				j, err := p.index(b)
				require.NoError(t, err)
				rule := p.eligible(i, j)
				if pr.Pinned && pr.C == "" && rule == RuleNothingToExchange {
					rule = RuleNone // pins may break the exchange rule (noted)
				}
				require.Equal(t, RuleNone, rule, "%s: pair %s–%s breaks a rule", res.Strategy, a, b)
			}
		}
		require.Less(t, pr.A, pr.B)
	}
	for _, u := range res.Unmatched {
		seen[u.ID]++
		require.NotEmpty(t, u.Reason)
	}
	require.Len(t, seen, len(r.People))
	for id, c := range seen {
		require.Equal(t, 1, c, "%s appears %d times", id, c)
	}
}

func mustPairs(t *testing.T, r *skills.Roster, opt Options) *Result {
	t.Helper()
	return mustPairsTuned(t, r, opt, tuning{})
}

// mustPairsTuned is mustPairs with the switches of tune.
func mustPairsTuned(t *testing.T, r *skills.Roster, opt Options, tune tuning) *Result {
	t.Helper()
	res, err := pairsTuned(context.Background(), r, opt, tune)
	require.NoError(t, err)
	checkResult(t, r, opt, res)
	return res
}
