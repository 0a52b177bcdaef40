package pairengine

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
)

// SortedScan is what a pricing row scan reads about the people it meets,
// laid out in the order of the scan (people by grade, then by
// s = y − C/2), so that a row streams through the grades within its window
// instead of reading person-indexed arrays at random: at 100,000 people
// those reads miss the cache on almost every pair, and in the order of s
// alone a row would also step over everyone outside its grade window. It
// serves plain Harmonic scores that require an exchange, with needs packed
// in Scores.WPK (the caller checks both). Read-only once built, so that
// the workers of a pricing round share it.
type SortedScan struct {
	j     []int32   // the person at position x
	rank  []int32   // their position in the order of s (ties by order)
	s, th []float64 // their s and θ
	top   []int32   // their top-level blossom, or −1
	flag  []uint8   // sortedSkip, sortedRuns
	needT []int32   // total integer need
	// needMax4[x]: the largest needT of positions [4x, 4x+4)
	needMax4 []int32
	wpk      []uint16   // packed needs, WantSlots a position (see Scores.WPK)
	long     []bool     // more needs than WantSlots: read the CSR copy
	cols4    [][]uint64 // teaching values by feature, four positions a word (16-bit lanes)
	// grades lists the distinct grades, ascending; the people of
	// grades[g] hold positions [start[g], start[g+1])
	grades []int
	start  []int
}

const (
	sortedSkip = 1 << iota // never scanned and never met (settled)
	sortedRuns             // the person's own row is scanned this round
)

// NewSortedScan lays out the people of order (sorted by s) by grade, then
// in the order of s. s, th and top give each person's s, θ (the score of
// their worst candidate: pairs at or above it are in the graph or the
// reserve) and top-level blossom (−1: none), indexed by person; skip marks
// the people never scanned nor met, runs those whose own row the round
// scans. ScanOrder must have run. O(m·KF + m log m) time for m people,
// 2·m·KF + 40·m bytes.
func NewSortedScan(sc *Scores, order []int, s, th []float64, top []int, skip, runs []bool) *SortedScan {
	m := len(order)
	ss := &SortedScan{j: make([]int32, m), rank: make([]int32, m), s: make([]float64, m), th: make([]float64, m),
		top: make([]int32, m), flag: make([]uint8, m), needT: make([]int32, m),
		wpk: make([]uint16, WantSlots*m), long: make([]bool, m), cols4: make([][]uint64, sc.KF),
		needMax4: make([]int32, (m+3)/4)}
	words := (m + 3) / 4
	for c := range ss.cols4 {
		ss.cols4[c] = make([]uint64, words)
	}
	byGrade := make([]int32, m) // ranks in order, stably sorted by grade
	for x := range byGrade {
		byGrade[x] = int32(x)
	}
	slices.SortStableFunc(byGrade, func(a, b int32) int { return cmp.Compare(sc.Grade[order[a]], sc.Grade[order[b]]) })
	for x, r := range byGrade {
		j := order[r]
		if g := sc.Grade[j]; len(ss.grades) == 0 || ss.grades[len(ss.grades)-1] != g {
			ss.grades = append(ss.grades, g)
			ss.start = append(ss.start, x)
		}
		ss.place(sc, x, j, r, s, th, top, skip, runs)
	}
	ss.start = append(ss.start, m)
	return ss
}

// place puts person j, of rank r in the order of s, at position x.
func (ss *SortedScan) place(sc *Scores, x, j int, r int32, s, th []float64, top []int, skip, runs []bool) {
	t := int(sc.SPos[j])
	ss.j[x], ss.rank[x], ss.s[x], ss.th[x], ss.top[x] = int32(j), r, s[j], th[j], int32(top[j])
	if skip[j] {
		ss.flag[x] |= sortedSkip
	}
	if runs[j] {
		ss.flag[x] |= sortedRuns
	}
	ss.needT[x] = sc.NeedT[t]
	ss.needMax4[x>>2] = max(ss.needMax4[x>>2], sc.NeedT[t])
	ss.long[x] = sc.WLong[t]
	copy(ss.wpk[WantSlots*x:WantSlots*x+WantSlots], sc.WPK[WantSlots*t:WantSlots*t+WantSlots])
	for f, v := range sc.TV[j] {
		ss.cols4[f][x>>2] |= uint64(v) << (16 * (x & 3))
	}
}

// SortedRow scans rows against a SortedScan for one goroutine (its scratch
// is its own; the SortedScan is shared).
type SortedRow struct {
	sc  *Scores
	ss  *SortedScan
	win Window
	b4  []uint64 // scratch: how much each position teaches the row's person
}

// NewSortedRow returns a row scanner of ss over sc with the grade rule
// win. O(1); its scratch grows to the largest grade block scanned.
func NewSortedRow(sc *Scores, ss *SortedScan, win Window) *SortedRow {
	return &SortedRow{sc: sc, ss: ss, win: win}
}

// Scan calls visit(j, q) for every j within the grade window of i whose
// pair with i may lie above what s_i + s_j covers, with q its plain
// Harmonic quantised score: j is not i, not skipped, s_j < lim (lim =
// θ_i − s_i), not in i's top-level blossom topI when i has one, not
// earlier than i in the order of s (rank below self) when j's own row
// runs, and s_i + s_j is below θ_j; pairs whose score is provably at most
// (s_i + s_j)/(1 + NearShare) are skipped, as are the people who teach i
// nothing. best is i's highest teaching level (TeachInt(i → j) ≤
// NeedC[j]·best). It reports false, scanning nothing, when i's needs do
// not fit the 16-bit lanes. O(log n + m·w_i/4) word operations for the m
// people of the grades within the window up to lim, plus O(w_j) for each
// pair the bounds let through.
func (r *SortedRow) Scan(i int, lim float64, self int, si float64, topI int, best int64, visit func(j int, q int64)) bool {
	sc, ss := r.sc, r.ss
	if sc.MostTaught(i) > LaneMax {
		return false
	}
	g0, g1 := r.win(ss.grades, sc.Grade[i])
	for g := g0; g < g1; g++ {
		lo, hi := ss.start[g], ss.start[g+1]
		hi = lo + sort.Search(hi-lo, func(x int) bool { return ss.s[lo+x] >= lim })
		if lo < hi {
			r.block(i, lo, hi, int32(self), si, topI, best, visit)
		}
	}
	return true
}

// teach fills r.b4 with how much the positions of words [w0, w1) teach i,
// in 16-bit lanes, and returns it.
func (r *SortedRow) teach(i, w0, w1 int) []uint64 {
	sc := r.sc
	if cap(r.b4) < w1-w0 {
		r.b4 = make([]uint64, w1-w0)
	}
	b4 := r.b4[:w1-w0]
	clear(b4)
	for x, c := range sc.WantS[i] {
		w := uint64(sc.WantC[i][x])
		col := r.ss.cols4[c][w0:w1]
		for y, h := range col {
			b4[y] += w * h
		}
	}
	return b4
}

// block scans positions [lo, hi) of one grade for Scan.
func (r *SortedRow) block(i, lo, hi int, self int32, si float64, topI int, best int64, visit func(j int, q int64)) {
	sc, ss := r.sc, r.ss
	w0, w1 := lo>>2, (hi+3)>>2
	b4 := r.teach(i, w0, w1)
	hi8 := sc.TV[i]
	mul := 2 * TeachScale(1) * Quantum // Harmonic: q ≤ mul·b + 1
	for wx := w0; wx < w1; wx++ {
		// Every lane of the word has s ≥ s of its first position in
		// [lo, hi), so l ≥ l0 below, and need ≤ needMax4: a lane whose
		// b is at most NeedCut(needMax4·best, l0) fails the need test.
		l0 := int64(math.Floor((si+ss.s[max(wx<<2, lo)])/(1+NearShare))) + 1
		cw := NeedCut(int64(ss.needMax4[wx])*best, l0)
		if cw >= LaneMax {
			continue
		}
		w := b4[wx-w0]
		for m := lanesAbove(w, cw); m != 0; m &= m - 1 {
			lane := bits.TrailingZeros64(m) >> 4
			x := wx<<2 + lane
			if x < lo || x >= hi {
				continue
			}
			f := ss.flag[x]
			if f&sortedSkip != 0 || f&sortedRuns != 0 && ss.rank[x] < self {
				continue
			}
			j := int(ss.j[x])
			if j == i || si >= ss.th[x]-ss.s[x] {
				continue
			}
			if topI >= 0 && int(ss.top[x]) == topI {
				continue // inside one blossom: priced with its dual
			}
			b := int64(w >> (16 * lane) & 0xffff)
			if b == 0 {
				continue // nothing to exchange (plain Harmonic scores 0)
			}
			near := (si + ss.s[x]) / (1 + NearShare) // q ≤ near: slack ≥ NearShare·q
			if float64(int64(mul*float64(b))+1) <= near {
				continue
			}
			l := int64(math.Floor(near)) + 1
			if NeedBelow(int64(ss.needT[x])*best, b, l) {
				continue // even TeachInt(i → j) = A gives q ≤ near
			}
			var a int32
			if !ss.long[x] {
				a = TeachPacked(ss.wpk[WantSlots*x:WantSlots*x+WantSlots], hi8)
			} else {
				a = sc.TeachInt(i, j)
			}
			if q := HarmonicAbove(a, int32(b), l); q > 0 {
				visit(j, q) // −1: q ≤ near; 0: nothing to exchange
			}
		}
	}
}
