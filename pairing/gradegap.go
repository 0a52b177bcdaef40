package pairing

import (
	"math"
	"slices"
)

// gradeGap is the grade-gap rule (RuleGradeGap): the grades of a pair
// differ by at most max, or by any amount when max < 0. It is the one
// definition of the rule: the check of every pair, and the window of
// grades that the candidate search, the row scans and pricing visit.
type gradeGap struct{ max int }

// allows reports whether grades a and b are within the gap, without
// overflow for any two ints. O(1).
func (g gradeGap) allows(a, b int) bool {
	return g.max < 0 || within(a, b, g.max)
}

// within reports |a − b| ≤ d for d ≥ 0, without overflow.
func within(a, b, d int) bool {
	if a > b {
		a, b = b, a
	}
	return uint64(b)-uint64(a) <= uint64(d)
}

// span returns the positions [lo, hi) of the ascending distinct grades
// that a person of grade gr may be paired with. O(log len(grades)).
func (g gradeGap) span(grades []int, gr int) (lo, hi int) {
	if g.max < 0 {
		return 0, len(grades)
	}
	lo, _ = slices.BinarySearch(grades, satAdd(gr, -g.max))
	hi, found := slices.BinarySearch(grades, satAdd(gr, g.max))
	if found {
		hi++
	}
	return lo, hi
}

// satAdd returns a + b clamped to the range of int (b ≥ −MaxInt).
func satAdd(a, b int) int {
	switch {
	case b > 0 && a > math.MaxInt-b:
		return math.MaxInt
	case b < 0 && a < math.MinInt-b:
		return math.MinInt
	}
	return a + b
}
