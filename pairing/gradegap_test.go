package pairing

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// allows and span agree with the definition |a − b| ≤ max, computed
// exactly, at the ends of int's range too.
func TestGradeGap(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	vals := []int{math.MinInt, math.MinInt + 1, -5, -1, 0, 1, 2, 3, 7, math.MaxInt - 1, math.MaxInt}
	pick := func() int {
		if rng.IntN(2) == 0 {
			return vals[rng.IntN(len(vals))]
		}
		return rng.IntN(11) - 5
	}
	exact := func(a, b, d int) bool {
		diff := new(big.Int).Sub(big.NewInt(int64(a)), big.NewInt(int64(b)))
		return diff.Abs(diff).Cmp(big.NewInt(int64(d))) <= 0
	}
	for it := 0; it < 20000; it++ {
		g := gradeGap{max: rng.IntN(5) - 1}
		if rng.IntN(10) == 0 {
			g.max = math.MaxInt
		}
		a, b := pick(), pick()
		want := g.max < 0 || exact(a, b, g.max)
		require.Equal(t, want, g.allows(a, b), "gap %d grades %d %d", g.max, a, b)
		grades := make([]int, 1+rng.IntN(6))
		for x := range grades {
			grades[x] = pick()
		}
		slices.Sort(grades)
		grades = slices.Compact(grades)
		lo, hi := g.span(grades, a)
		for x, gr := range grades {
			require.Equal(t, g.allows(a, gr), x >= lo && x < hi, "gap %d grade %d in %v: [%d, %d)", g.max, a, grades, lo, hi)
		}
	}
}

// Issue 20, item 9: extreme grades and gaps do not overflow — grades
// MaxInt and −1 are not within a gap of 1, and a gap of MaxInt pairs as no
// limit does, on the sparse path too.
func TestGradeGapExtremes(t *testing.T) {
	a := person("a", math.MaxInt, 1, []uint8{5, 0}, []uint8{0, 5})
	b := person("b", -1, 9, []uint8{0, 5}, []uint8{5, 0})
	ok, rule, err := eligibleOnce(roster(t, 2, a, b), "a", "b", Options{HardRules: HardRules{NoPeerRule: true}})
	require.NoError(t, err)
	require.False(t, ok)
	require.Equal(t, RuleGradeGap, rule)

	r := syn(500, 12, 3)
	none := mustPairs(t, r, Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1)}})
	huge := mustPairs(t, r, Options{HardRules: HardRules{MaxGradeGap: GradeGap(math.MaxInt)}})
	require.Equal(t, none.Pairs, huge.Pairs)
	require.Equal(t, none.Metrics.Mean, huge.Metrics.Mean)
}
