package cohort

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// canPartition reports whether the people in mask split into groups of
// lo..hi with a grade span of at most gap each (any groups, not only
// contiguous ones).
func canPartition(grades []int, mask uint, lo, hi, gap int) bool {
	if mask == 0 {
		return true
	}
	first := uint(bits.TrailingZeros(mask))
	rest := mask &^ (1 << first)
	// Choose the group of the first person among subsets of the rest.
	for sub := rest; ; sub = (sub - 1) & rest {
		g := sub | 1<<first
		if n := bits.OnesCount(g); n >= lo && n <= hi {
			mn, mx := 1<<30, -1<<30
			for i := range grades {
				if g&(1<<i) != 0 {
					mn, mx = min(mn, grades[i]), max(mx, grades[i])
				}
			}
			if mx-mn <= gap && canPartition(grades, mask&^g, lo, hi, gap) {
				return true
			}
		}
		if sub == 0 {
			return false
		}
	}
}

// TestBandsPlaceMost checks that the grade-band dynamic programme places as
// many people as any partition of any subset would, on random small cases.
func TestBandsPlaceMost(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for trial := 0; trial < 400; trial++ {
		n := 1 + rng.IntN(9)
		lo := 1 + rng.IntN(3)
		hi := lo + rng.IntN(3)
		gap := rng.IntN(3)
		grades := make([]int, n)
		people := make([]skills.Person, n)
		for i := range people {
			grades[i] = 1 + rng.IntN(6)
			people[i] = skills.Person{ID: fmt.Sprintf("p%d", i), Grade: grades[i], Focus: "f", Have: []uint8{}, Want: []uint8{}}
		}
		r, err := skills.New(&skills.Catalog{}, people)
		require.NoError(t, err)
		set, err := Options{MinSize: lo, MaxSize: hi, GradeBand: true, MaxGradeGap: GradeGap(gap)}.resolve()
		require.NoError(t, err)
		set.gap = gap
		in, err := newInstance(r, set, nil)
		require.NoError(t, err)
		placed := 0
		for _, s := range in.strata {
			placed += s.size
			for _, b := range s.blocks {
				lo2, hi2 := in.gradeSpan(in.units[b[0]])
				size := 0
				for _, u := range b {
					l, h := in.gradeSpan(in.units[u])
					lo2, hi2 = min(lo2, l), max(hi2, h)
					size += len(in.units[u])
				}
				assert.LessOrEqual(t, hi2-lo2, gap)
				assert.True(t, size >= lo && size <= hi)
			}
		}
		best := 0
		for mask := uint(0); mask < 1<<n; mask++ {
			if c := bits.OnesCount(mask); c > best && canPartition(grades, mask, lo, hi, gap) {
				best = c
			}
		}
		assert.Equal(t, best, placed, "grades %v sizes %d–%d gap %d", grades, lo, hi, gap)
		assert.Equal(t, n-placed, len(in.unplaced))
	}
}

// MaxGradeGap means what pairing's does: nil is 1, a negative value no
// limit (no band at all).
func TestMaxGradeGapMeaning(t *testing.T) {
	for _, tc := range []struct {
		gap      *int
		wantGap  int
		wantBand bool
	}{{nil, 1, true}, {GradeGap(0), 0, true}, {GradeGap(2), 2, true}, {GradeGap(-1), -1, false}} {
		set, err := Options{GradeBand: true, MaxGradeGap: tc.gap}.resolve()
		require.NoError(t, err)
		require.Equal(t, tc.wantBand, set.GradeBand)
		if tc.wantBand {
			require.Equal(t, tc.wantGap, set.gap)
		}
	}
}
