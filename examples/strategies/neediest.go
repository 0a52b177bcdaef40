package main

import (
	"context"
	"slices"

	"github.com/peermatch/peermatch/pairing"
)

// neediest is a strategy of our own, run beside the library's to show how
// a researcher adds one: the people who can learn the most choose first,
// each taking the free eligible partner who covers the largest share of
// their wants (the displayed score), ties by id. It implements
// pairing.Strategy; Pairs checks its pairs against the hard rules and
// measures them like any other.
type neediest struct{}

func (neediest) Name() string { return "neediest" }

// Match pairs the people of sc. O(n² · w) for n people needing w skills.
func (neediest) Match(ctx context.Context, sc *pairing.Scorer) ([][2]int, []string, error) {
	n := sc.Len()
	// how much the best possible partner could teach each person
	need := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i != j {
				need[i] = max(need[i], sc.Teach(j, i))
			}
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case need[a] > need[b]:
			return -1
		case need[a] < need[b]:
			return 1
		}
		return a - b
	})
	taken := make([]bool, n)
	var pairs [][2]int
	for _, i := range order {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if taken[i] || !sc.Active(i) {
			continue
		}
		best, bestScore := -1, -1.0
		for j := 0; j < n; j++ {
			if j == i || taken[j] || !sc.Active(j) || sc.Rule(i, j) != pairing.RuleNone {
				continue
			}
			if s := sc.Score(i, j); s > bestScore {
				best, bestScore = j, s
			}
		}
		if best >= 0 {
			taken[i], taken[best] = true, true
			pairs = append(pairs, [2]int{i, best})
		}
	}
	return pairs, []string{"neediest: the people who can learn most choose first, by displayed score"}, nil
}

// strategyByName is pairing.StrategyByName with this harness's own
// strategies added.
func strategyByName(name string) (pairing.Strategy, error) {
	if name == (neediest{}).Name() {
		return neediest{}, nil
	}
	return pairing.StrategyByName(name)
}
