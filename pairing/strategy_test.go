package pairing

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// firstFit is a user strategy: each person, in id order, with the first
// free eligible person after them.
type firstFit struct{}

func (firstFit) Name() string { return "first-fit" }

func (firstFit) Match(ctx context.Context, sc *Scorer) ([][2]int, []string, error) {
	taken := make([]bool, sc.Len())
	var pairs [][2]int
	for i := 0; i < sc.Len(); i++ {
		if taken[i] || !sc.Active(i) {
			continue
		}
		for j := i + 1; j < sc.Len(); j++ {
			if !taken[j] && sc.Active(j) && sc.Rule(i, j) == RuleNone {
				taken[i], taken[j] = true, true
				pairs = append(pairs, [2]int{i, j})
				break
			}
		}
	}
	return pairs, []string{"first-fit: a user strategy"}, ctx.Err()
}

// wrapped runs a built-in strategy through its Match, as a researcher's
// wrapper would.
type wrapped struct{ s Strategy }

func (w wrapped) Name() string { return "wrapped " + w.s.Name() }

func (w wrapped) Match(ctx context.Context, sc *Scorer) ([][2]int, []string, error) {
	return w.s.Match(ctx, sc)
}

// broken returns a fixed list of pairs, valid or not.
type broken [][2]int

func (broken) Name() string { return "broken" }

func (b broken) Match(context.Context, *Scorer) ([][2]int, []string, error) { return b, nil, nil }

// A strategy a user writes runs next to ours with the same Result and
// metrics; its pairs are checked against the rules.
func TestUserStrategy(t *testing.T) {
	r := syn(60, 12, 4)
	res := mustPairs(t, r, Options{Strategy: firstFit{}})
	require.Equal(t, "first-fit", res.Strategy)
	require.Contains(t, res.Notes, "first-fit: a user strategy")
	require.NotEmpty(t, res.Pairs)
	for _, u := range res.Unmatched {
		require.NotEmpty(t, u.Reason)
		require.NotContains(t, u.Reason, "cost least")
	}
	for _, s := range []Strategy{Optimal, Greedy, MaxMin} {
		want := mustPairs(t, r, Options{Strategy: s})
		got := mustPairs(t, r, Options{Strategy: wrapped{s}})
		require.Equal(t, want.Pairs, got.Pairs, s.Name())
		require.Equal(t, want.Metrics.Total, got.Metrics.Total, s.Name())
	}

	sc, err := NewScorer(r, Options{})
	require.NoError(t, err)
	var bad [2]int
	for i := 0; i < sc.Len() && bad == [2]int{}; i++ {
		for j := i + 1; j < sc.Len(); j++ {
			if sc.Rule(i, j) != RuleNone {
				bad = [2]int{i, j}
				break
			}
		}
	}
	good := [2]int{-1, -1}
	for i := 0; i < sc.Len() && good[0] < 0; i++ {
		for j := i + 1; j < sc.Len(); j++ {
			if sc.Rule(i, j) == RuleNone {
				good = [2]int{i, j}
				break
			}
		}
	}
	for name, b := range map[string]broken{
		"ineligible":   {bad},
		"twice":        {good, good},
		"out of range": {{0, sc.Len()}},
		"self":         {{good[0], good[0]}},
	} {
		_, err := Pairs(context.Background(), r, Options{Strategy: b})
		require.ErrorIs(t, err, ErrInvalidStrategy, name)
	}
	pin := Options{Strategy: broken{good}, Pinned: [][2]string{{sc.ID(good[0]), sc.ID(good[1])}}}
	_, err = Pairs(context.Background(), r, pin)
	require.ErrorIs(t, err, ErrInvalidStrategy, "pinned")
}
