package pairing

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// sortedScan is what a pricing row scan reads about the people it meets,
// laid out in the order of the scan (people by grade, then by s = y − C/2),
// so that a row streams through the grades within its gap instead of
// reading person-indexed arrays at random: at 100,000 people those reads
// miss the cache on almost every pair, and in the order of s alone a row
// would also step over everyone outside its grade gap. It serves plain
// Harmonic scores that require an exchange, with needs packed in
// Scores.WPK (see problem.sortedScans); built once per pricing call in
// O(n·k) time, 2·n·k + 40·n bytes.
type sortedScan struct {
	j     []int32   // the person at position x
	rank  []int32   // their position in the order of s (ties by order)
	s, th []float64 // their s and θ
	top   []int32   // their top-level blossom, or −1
	flag  []uint8   // sortedSkip, sortedRuns
	needT []int32   // total integer need
	// needMax4[x]: the largest needT of positions [4x, 4x+4)
	needMax4 []int32
	wpk      []uint16   // packed needs, pairengine.WantSlots a position (see Scores.WPK)
	long     []bool     // more needs than pairengine.WantSlots: read the CSR copy
	cols4    [][]uint64 // teaching values by feature, four positions a word (16-bit lanes)
	// grades lists the distinct grades, ascending; the people of
	// grades[g] hold positions [start[g], start[g+1])
	grades []int
	start  []int
}

const (
	sortedSkip = 1 << iota // never scanned and never met (problem.settled)
	sortedRuns             // the person's own row is scanned this call
)

// sortedScans reports whether pricing scans can use a sortedScan.
func (p *problem) sortedScans() bool {
	p.ScanOrder()
	return p.plain && p.set.Mutual == Harmonic && !p.set.AllowNoExchange && p.WPK != nil
}

// newSortedScan lays out the people of order (sorted by s, with s, θ,
// top-level blossoms, the settled set and the rows scanned) by grade, then
// in the order of s.
func (p *problem) newSortedScan(order []int, s, th []float64, top []int, skip, runs []bool) *sortedScan {
	p.ScanOrder()
	m := len(order)
	ss := &sortedScan{j: make([]int32, m), rank: make([]int32, m), s: make([]float64, m), th: make([]float64, m),
		top: make([]int32, m), flag: make([]uint8, m), needT: make([]int32, m),
		wpk: make([]uint16, pairengine.WantSlots*m), long: make([]bool, m), cols4: make([][]uint64, p.KF),
		needMax4: make([]int32, (m+3)/4)}
	words := (m + 3) / 4
	for c := range ss.cols4 {
		ss.cols4[c] = make([]uint64, words)
	}
	byGrade := make([]int32, m) // ranks in order, stably sorted by grade
	for x := range byGrade {
		byGrade[x] = int32(x)
	}
	slices.SortStableFunc(byGrade, func(a, b int32) int { return cmp.Compare(p.Grade[order[a]], p.Grade[order[b]]) })
	for x, r := range byGrade {
		j := order[r]
		if g := p.Grade[j]; len(ss.grades) == 0 || ss.grades[len(ss.grades)-1] != g {
			ss.grades = append(ss.grades, g)
			ss.start = append(ss.start, x)
		}
		t := int(p.SPos[j])
		ss.j[x], ss.rank[x], ss.s[x], ss.th[x], ss.top[x] = int32(j), r, s[j], th[j], int32(top[j])
		if skip[j] {
			ss.flag[x] |= sortedSkip
		}
		if runs[j] {
			ss.flag[x] |= sortedRuns
		}
		ss.needT[x] = p.NeedT[t]
		ss.needMax4[x>>2] = max(ss.needMax4[x>>2], p.NeedT[t])
		ss.long[x] = p.WLong[t]
		copy(ss.wpk[pairengine.WantSlots*x:pairengine.WantSlots*x+pairengine.WantSlots], p.WPK[pairengine.WantSlots*t:pairengine.WantSlots*t+pairengine.WantSlots])
		for f, v := range p.TV[j] {
			ss.cols4[f][x>>2] |= uint64(v) << (16 * (x & 3))
		}
	}
	ss.start = append(ss.start, m)
	return ss
}

// sortedRow scans the row of one person against positions [0, n) of a
// sortedScan. b4 is the worker's scratch of (n+3)/4 words.
type sortedRow struct {
	p  *problem
	ss *sortedScan
	b4 []uint64
}

// scan calls visit(j, q) for every j within the grade gap of i whose
// pair with i may lie above what s_i + s_j covers, with q its plain
// Harmonic quantised score: j is not i, not settled, s_j < lim (lim =
// θ_i − s_i), not in i's top-level blossom when i has one, not earlier
// than i in the order of s (rank below self) when j's own row runs, and
// s_i + s_j is below θ_j; pairs whose score is provably at most
// (s_i + s_j)/(1 + pairengine.NearShare) are skipped, as are the people who teach i
// nothing. It reports false, scanning nothing, when i's needs do not fit
// the 16-bit lanes. O(log n + m·w_i/4) word operations for the m people
// of the grades within the gap up to lim, plus O(w_j) for each pair the
// bounds let through.
func (r *sortedRow) scan(i int, lim float64, self int, si float64, topI int, visit func(j int, q int64)) bool {
	p, ss := r.p, r.ss
	if p.MostTaught(i) > pairengine.LaneMax {
		return false
	}
	g0, g1 := p.set.gap.span(ss.grades, p.Grade[i])
	for g := g0; g < g1; g++ {
		lo, hi := ss.start[g], ss.start[g+1]
		hi = lo + sort.Search(hi-lo, func(x int) bool { return ss.s[lo+x] >= lim })
		if lo < hi {
			r.block(i, lo, hi, int32(self), si, topI, visit)
		}
	}
	return true
}

// block scans positions [lo, hi) of one grade for scan.
func (r *sortedRow) block(i, lo, hi int, self int32, si float64, topI int, visit func(j int, q int64)) {
	p, ss := r.p, r.ss
	w0, w1 := lo>>2, (hi+3)>>2
	if cap(r.b4) < w1-w0 {
		r.b4 = make([]uint64, w1-w0)
	}
	b4 := r.b4[:w1-w0]
	clear(b4)
	for x, c := range p.WantS[i] {
		w := uint64(p.WantC[i][x])
		col := ss.cols4[c][w0:w1]
		for y, h := range col {
			b4[y] += w * h
		}
	}
	hmax, hi8 := p.bestLevel(i), p.TV[i]
	mul := 2 * teachScale(1) * quantum // bound: q ≤ mul·b + 1
	for wx := w0; wx < w1; wx++ {
		// Every lane of the word has s ≥ s of its first position in
		// [lo, hi), so l ≥ l0 below, and need ≤ needMax4: a lane whose
		// b is at most pairengine.NeedCut(needMax4·hmax, l0) fails the need test.
		l0 := int64(math.Floor((si+ss.s[max(wx<<2, lo)])/(1+pairengine.NearShare))) + 1
		cw := pairengine.NeedCut(int64(ss.needMax4[wx])*hmax, l0)
		if cw >= pairengine.LaneMax {
			continue
		}
		w := b4[wx-w0]
		m := uint64(pairengine.LaneHigh)
		if cw >= 0 {
			m = (w + uint64(pairengine.LaneMax-cw)*pairengine.LaneOnes) & pairengine.LaneHigh
		}
		for ; m != 0; m &= m - 1 {
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
			near := (si + ss.s[x]) / (1 + pairengine.NearShare) // q ≤ near: slack ≥ pairengine.NearShare·q
			if float64(int64(mul*float64(b))+1) <= near {
				continue
			}
			l := int64(math.Floor(near)) + 1
			if pairengine.NeedBelow(int64(ss.needT[x])*hmax, b, l) {
				continue // even TeachInt(i → j) = A gives q ≤ near
			}
			var a int32
			if !ss.long[x] {
				a = pairengine.TeachPacked(ss.wpk[pairengine.WantSlots*x:pairengine.WantSlots*x+pairengine.WantSlots], hi8)
			} else {
				a = p.TeachInt(i, j)
			}
			if q := pairengine.HarmonicAbove(a, int32(b), l); q > 0 {
				visit(j, q) // −1: q ≤ near; 0: nothing to exchange
			}
		}
	}
}
