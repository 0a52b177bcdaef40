package pairengine

import (
	"cmp"
	"slices"

	"github.com/peermatch/peermatch/skills"
)

// Scores is the prepared score data the engine reads about n people, in
// canonical order: what goes in besides the rules. The caller fills the
// exported fields of the first block; the scan layout (second block) is
// derived by ScanOrder, and the column views by Columns and Columns4, each
// once, before workers share them.
//
// Teaching is scored on features: a feature f is a skill FSkill[f] at a
// learner's level FLevel[f] (only the pairs some person needs).
// TV[i][f] = MaxLevel·advantage(have_i, FLevel[f]) is what i can teach a
// learner at that level, so that how much i teaches j is the sparse dot
// product Σ want_j·TV[i][f] over j's needs (TeachInt): the row scans
// stream TV columns exactly as they would have levels.
type Scores struct {
	N, KF  int // people and features
	FSkill []int32
	FLevel []uint8
	TV     [][]uint8
	// WantS[j] lists the features j needs (want > 0, have < MaxLevel),
	// ascending (so by skill); WantC[j][t] is the want level and WantU[j][t]
	// the same scaled to [0, 1]. Scores are computed from the integers
	// (exact), then scaled once (TeachScale).
	WantS [][]int32
	WantC [][]uint8
	WantU [][]float64
	// NeedC[j] = Σ want·(MaxLevel − have) over j's needs: the most anyone
	// can teach j is NeedC[j]·MaxLevel integer units, and TeachInt(i, j) ≤
	// NeedC[j]·bestLevel(i) (the bound the scans prune with).
	NeedC []int32
	Grade []int
	// CSR copy of WantS/WantC for the row scorer: person j's needs are
	// CSRS/CSRC[CSROff[j]:CSROff[j+1]].
	CSROff []int32
	CSRS   []int32
	CSRC   []uint8

	// The scan order (ScanOrder): people by grade, then need
	// (descending), then index (SOrder), its inverse (SPos), and where
	// each distinct grade (SGrade) starts (SStart, N appended).
	SOrder, SPos []int32
	SGrade       []int
	SStart       []int32
	NeedT        []int32 // NeedT[t]: NeedC of person SOrder[t]
	NeedMax4     []int32 // NeedMax4[x]: the largest NeedT[t] of t in [4x, 4x+4)
	// WPK[WantSlots·t …] packs the needs of person SOrder[t] (PackWant),
	// zero-padded, when KF ≤ MaxPackedFeatures; WLong[t] marks people
	// with more than WantSlots needs (read from the CSR copy instead).
	WPK   []uint16
	WLong []bool

	cols  [][]uint8  // Columns
	cols4 [][]uint64 // Columns4
}

// TeachInt returns how much i can teach j in integer units of 1/MaxLevel³
// (exact; TeachScale turns it into score units). O(w_j) for the w_j
// features j needs.
func (sc *Scores) TeachInt(i, j int) int32 {
	ti := sc.TV[i]
	t := int32(0)
	for x, f := range sc.WantS[j] {
		t += int32(sc.WantC[j][x]) * int32(ti[f])
	}
	return t
}

// NeedOf returns the want of person c for feature s, scaled to [0, 1]
// (0 when c does not need it). O(log w_c).
func (sc *Scores) NeedOf(c, s int) float64 {
	ws := sc.WantS[c]
	x, ok := slices.BinarySearch(ws, int32(s))
	if !ok {
		return 0
	}
	return sc.WantU[c][x]
}

// MostTaught returns the largest TeachInt(j, i) any j can reach:
// Σ want·MaxLevel·(MaxLevel − level) over i's needs. O(w_i).
func (sc *Scores) MostTaught(i int) int {
	most := 0
	for x, f := range sc.WantS[i] {
		most += int(sc.WantC[i][x]) * skills.MaxLevel * (skills.MaxLevel - int(sc.FLevel[f]))
	}
	return most
}

// Columns returns the teaching values feature by feature: cols[f][j] is
// TV[j][f] (canonical order). O(N·KF) time and bytes, once.
func (sc *Scores) Columns() [][]uint8 {
	if sc.cols != nil {
		return sc.cols
	}
	cols := make([][]uint8, sc.KF)
	for f := range cols {
		cols[f] = make([]uint8, sc.N)
	}
	for j := 0; j < sc.N; j++ {
		for f, v := range sc.TV[j] {
			cols[f][j] = v
		}
	}
	sc.cols = cols
	return cols
}

// ScanOrder sets the scan order of the row scans: the canonical indices
// sorted by grade, then by total need descending, then index (SOrder), its
// inverse (SPos), the distinct grades ascending (SGrade) and where each
// begins (SStart, with N appended), so that the people within a grade gap
// are one range; NeedT, the total integer need of each person in scan
// order, and NeedMax4, its maximum over each word of four positions (the
// need order keeps the four alike, so that a row scan's need bound can
// drop whole words). O(N log N + Σ w_j) time, once.
func (sc *Scores) ScanOrder() {
	if sc.SOrder != nil {
		return
	}
	ord := make([]int32, sc.N)
	for j := range ord {
		ord[j] = int32(j)
	}
	need := sc.NeedC
	slices.SortStableFunc(ord, func(a, b int32) int {
		if c := cmp.Compare(sc.Grade[a], sc.Grade[b]); c != 0 {
			return c
		}
		return cmp.Compare(need[b], need[a])
	})
	pos := make([]int32, sc.N)
	for t, j := range ord {
		pos[j] = int32(t)
		if t == 0 || sc.Grade[j] != sc.Grade[ord[t-1]] {
			sc.SGrade = append(sc.SGrade, sc.Grade[j])
			sc.SStart = append(sc.SStart, int32(t))
		}
	}
	sc.SStart = append(sc.SStart, int32(sc.N))
	sc.SOrder, sc.SPos = ord, pos
	sc.NeedT = make([]int32, sc.N)
	sc.NeedMax4 = make([]int32, (sc.N+3)/4)
	for t, j := range ord {
		sc.NeedT[t] = need[j]
		sc.NeedMax4[t>>2] = max(sc.NeedMax4[t>>2], need[j])
	}
	if sc.KF <= MaxPackedFeatures {
		sc.WPK = make([]uint16, WantSlots*sc.N)
		sc.WLong = make([]bool, sc.N)
		for t, j := range ord {
			if len(sc.WantS[j]) > WantSlots {
				sc.WLong[t] = true
				continue
			}
			for x, s := range sc.WantS[j] {
				sc.WPK[WantSlots*t+x] = PackWant(s, sc.WantC[j][x])
			}
		}
	}
}

// Columns4 returns the teaching values feature by feature packed four
// people to a word, in scan order: lane l (16 bits) of cols4[f][x] is
// TV[SOrder[4x+l]][f]. O(N·KF) time, 2·N·KF bytes, once.
func (sc *Scores) Columns4() [][]uint64 {
	if sc.cols4 != nil {
		return sc.cols4
	}
	sc.ScanOrder()
	words := (sc.N + 3) / 4
	cols := make([][]uint64, sc.KF)
	for f := range cols {
		cols[f] = make([]uint64, words)
	}
	for t, j := range sc.SOrder {
		for f, v := range sc.TV[j] {
			cols[f][t>>2] |= uint64(v) << (16 * (t & 3))
		}
	}
	sc.cols4 = cols
	return cols
}
