//go:build !race

package pairing

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Greedy and Stable leave no blocking pair, counted over every eligible
// pair, at 1,000 and 10,000 people × 200 skills (skipped with -short, and
// under the race detector, which makes it minutes long).
func TestNoBlockingPairsLarge(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("10,000 people")
	}
	for _, n := range []int{1000, 10000} {
		r := syn(n, 200, 1)
		for _, s := range []Strategy{Greedy, Stable} {
			res := mustPairs(t, r, Options{Strategy: s})
			require.Zero(t, res.Metrics.BlockingPairs, "%s at %d", s.Name(), n)
			require.Positive(t, res.Metrics.Pairs)
		}
	}
}
