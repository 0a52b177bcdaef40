package pairengine

import (
	"math"

	"github.com/peermatch/peermatch/skills"
)

// Quantum is the number of integer score units per score unit: the exact
// strategies round every score to a multiple of 1/Quantum so that sums of
// scores stay exact in float64 and the matching's weights are integers.
const Quantum = 1e5

// Quantise returns v rounded to an integer number of 1/Quantum (half away
// from zero, math.Round). O(1).
func Quantise(v float64) int64 { return int64(math.Round(v * Quantum)) }

// teachUnits is the number of integer teaching units per score unit: a
// teaching value is want·MaxLevel·advantage over levels 0..MaxLevel, so
// integer sums of them are exact in units of 1/MaxLevel³.
const teachUnits = skills.MaxLevel * skills.MaxLevel * skills.MaxLevel

// TeachScale turns integer teaching units (1/MaxLevel³) into score units.
// Every scorer goes through it, so that equal integers give bit-identical
// scores. O(1).
func TeachScale(t int32) float64 {
	return float64(t) / teachUnits
}

// harmonicMul is 2·Quantum/MaxLevel³ (= 1600): the plain Harmonic score
// of teaching a one way and b the other, in quantised units, is
// round(harmonicMul·a·b/(a+b)) up to float rounding.
const harmonicMul = 2 * Quantum / teachUnits

// The row scans add teaching values four people to a 64-bit word, one
// 16-bit lane each (SWAR). A lane holds at most LaneMax, so sums never
// carry into the next lane and the top bit stays free for comparisons:
// adding LaneMax − c to every lane sets the top bit exactly where the
// lane exceeds c.
const (
	LaneHigh = 0x8000800080008000 // the top bit of every 16-bit lane
	LaneOnes = 0x0001000100010001 // one in every 16-bit lane
	LaneMax  = 0x7fff             // lane values stay at most this
)

// WantSlots is the number of needs packed per person (PackWant): eight
// cover almost every survey, and people with more are read from their
// sparse lists instead.
const WantSlots = 8

// MaxPackedFeatures bounds the features for which needs are packed as
// feature<<4 | want in 16 bits (want ≤ MaxLevel < 16).
const MaxPackedFeatures = 1 << 12

// PackWant packs one need: feature f (below MaxPackedFeatures) wanted at
// level w (1..MaxLevel); 0 is left for padding. O(1).
func PackWant(f int32, w uint8) uint16 { return uint16(f)<<4 | uint16(w) }

// TeachPacked returns Σ want·tv[feature] over the packed needs e (at most
// WantSlots, zero-padded; see PackWant): the integer teaching from a
// teacher with teaching values tv to the person whose needs e holds.
// O(len(e)).
func TeachPacked(e []uint16, tv []uint8) int32 {
	a := int32(0)
	for _, x := range e {
		if x == 0 {
			break // needs are packed first; a want is ≥ 1
		}
		a += int32(x&0xf) * int32(tv[x>>4])
	}
	return a
}

// NeedCut returns, for l > 1, the largest b0 ≥ 0 such that
// NeedBelow(A, b, l) holds for every 0 < b ≤ b0 (capped at LaneMax), and
// −1 for l ≤ 1: a pair whose teaching is b one way and at most A the
// other scores below l (with b = 0 it scores 0 < l). Since
// NeedBelow(A, b, l) implies NeedBelow(A', b, l) for every A' ≤ A when
// l > 1, b0 serves everyone whose bound is at most A. O(1).
func NeedCut(A, l int64) int64 {
	if l <= 1 {
		return -1
	}
	den := harmonicMul*A - (l - 1)
	if A <= 0 || den <= 0 {
		return LaneMax // 1600·A·b ≤ (l − 1)·b < (l − 1)·(A + b)
	}
	// 1600·A·b < (l − 1)·(A + b)  ⟺  b·den < (l − 1)·A
	return min(((l-1)*A-1)/den, LaneMax)
}

// NeedBelow reports that a pair whose teaching is b one way and at most A
// the other scores below l under plain Harmonic scores, the test of
// HarmonicAbove with A for a: used with A = need(j)·bestLevel(i) to skip a
// pair before its O(w_j) sum.
func NeedBelow(A, b, l int64) bool {
	return harmonicMul*A*b < (l-1)*(A+b)
}

// HarmonicAbove returns the plain Harmonic quantised score of the pair
// with a = integer teaching one way and b the other (0 when either is 0),
// except that it may return −1 instead of a score below l: the score is
// round(1600·a·b/(a+b)) up to float rounding, so 1600·a·b < (l − 1)·(a + b)
// proves it below l without the division (a, b ≤ LaneMax: the products fit
// in int64). O(1).
func HarmonicAbove(a, b int32, l int64) int64 {
	if a > 0 && b > 0 { // as the Harmonic rule combines, operand for operand
		if NeedBelow(int64(a), int64(b), l) {
			return -1
		}
		return Harmonic(a, b)
	}
	return 0
}

// Harmonic returns the plain Harmonic quantised score of the pair with
// a > 0 and b > 0 integer teaching units each way: twice the product over
// the sum, computed on the scaled values operand for operand as the
// pairing rule does, so that the results are bit-identical. O(1).
func Harmonic(a, b int32) int64 {
	xa, yb := TeachScale(a), TeachScale(b)
	return Quantise(2 * xa * yb / (xa + yb))
}
