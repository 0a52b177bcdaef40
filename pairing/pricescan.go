package pairing

import (
	"math"

	"github.com/peermatch/peermatch/skills"
)

// sortedScan is what a pricing row scan reads about the people it meets,
// laid out in the order of the scan (people by s = y − C/2), so that a row
// streams through it instead of reading person-indexed arrays at random:
// at 100,000 people those reads miss the cache on almost every pair. It
// serves plain Harmonic scores that require an exchange, with needs
// packed in problem.wpk (see problem.sortedScans); built
// once per pricing call in O(n·k) time, 2·n·k + 40·n bytes.
type sortedScan struct {
	j     []int32   // the person at position x
	s, th []float64 // their s and θ
	top   []int32   // their top-level blossom, or −1
	grade []int32
	flag  []uint8    // sortedSkip, sortedRuns
	needT []int32    // total integer need
	wpk   []uint16   // packed needs, wantSlots a position (see problem.wpk)
	long  []bool     // more needs than wantSlots: read the CSR copy
	cols4 [][]uint64 // have levels by skill, four positions a word (16-bit lanes)
}

const (
	sortedSkip = 1 << iota // never scanned and never met (problem.settled)
	sortedRuns             // the person's own row is scanned this call
)

// sortedScans reports whether pricing scans can use a sortedScan.
func (p *problem) sortedScans() bool {
	p.scanOrder()
	return p.plain && p.set.Mutual == Harmonic && !p.set.AllowNoExchange && p.wpk != nil
}

// newSortedScan lays out the people of order (with s, θ, top-level
// blossoms, the settled set and the rows scanned) in that order.
func (p *problem) newSortedScan(order []int, s, th []float64, top []int, skip, runs []bool) *sortedScan {
	p.scanOrder()
	m := len(order)
	ss := &sortedScan{j: make([]int32, m), s: make([]float64, m), th: make([]float64, m),
		top: make([]int32, m), grade: make([]int32, m), flag: make([]uint8, m), needT: make([]int32, m),
		wpk: make([]uint16, wantSlots*m), long: make([]bool, m), cols4: make([][]uint64, p.k)}
	words := (m + 3) / 4
	for c := range ss.cols4 {
		ss.cols4[c] = make([]uint64, words)
	}
	for x, j := range order {
		t := int(p.spos[j])
		ss.j[x], ss.s[x], ss.th[x], ss.top[x], ss.grade[x] = int32(j), s[j], th[j], int32(top[j]), int32(p.grade[j])
		if skip[j] {
			ss.flag[x] |= sortedSkip
		}
		if runs[j] {
			ss.flag[x] |= sortedRuns
		}
		ss.needT[x] = p.needT[t]
		ss.long[x] = p.wlong[t]
		copy(ss.wpk[wantSlots*x:wantSlots*x+wantSlots], p.wpk[wantSlots*t:wantSlots*t+wantSlots])
		for c, h := range p.have[j] {
			ss.cols4[c][x>>2] |= uint64(h) << (16 * (x & 3))
		}
	}
	return ss
}

// sortedRow scans the row of one person against positions [0, n) of a
// sortedScan. b4 is the worker's scratch of (n+3)/4 words.
type sortedRow struct {
	p  *problem
	ss *sortedScan
	b4 []uint64
}

// scan calls visit(j, q) for every j at a position below n whose pair with
// i may lie above what s_i + s_j covers, with q its plain Harmonic
// quantised score: j is not i, within the grade gap, not settled, not in
// i's top-level blossom when i has one, not at a position below self whose
// own row runs, and s_i + s_j is below θ_j; pairs whose score is provably
// at most (s_i + s_j)/(1 + nearShare) are skipped, as are the people who
// teach i nothing. It reports false, scanning nothing, when i's needs do
// not fit the 16-bit lanes. O(n·w_i/4) word operations plus O(w_j) for
// each pair the bounds let through.
func (r *sortedRow) scan(i, n, self int, si float64, topI int, visit func(j int, q int64)) bool {
	p, ss := r.p, r.ss
	most := 0
	for _, c := range p.wantC[i] {
		most += int(c) * skills.MaxLevel
	}
	if most > laneMax {
		return false
	}
	words := (n + 3) / 4
	if cap(r.b4) < words {
		r.b4 = make([]uint64, words)
	}
	b4 := r.b4[:words]
	clear(b4)
	for x, c := range p.wantS[i] {
		w := uint64(p.wantC[i][x])
		col := ss.cols4[c][:words]
		for y, h := range col {
			b4[y] += w * h
		}
	}
	hmax, hi := p.bestLevel(i), p.have[i]
	gi, gap := int32(p.grade[i]), int32(p.set.maxGap)
	mul := 2 * teachScale(1) * quantum // bound: q ≤ mul·b + 1
	for x := 0; x < n; x++ {
		f := ss.flag[x]
		if f&sortedSkip != 0 || x < self && f&sortedRuns != 0 {
			continue
		}
		j := int(ss.j[x])
		if j == i || si >= ss.th[x]-ss.s[x] {
			continue
		}
		if topI >= 0 && int(ss.top[x]) == topI {
			continue // inside one blossom: priced with its dual
		}
		if gap >= 0 {
			if d := ss.grade[x] - gi; d > gap || -d > gap {
				continue
			}
		}
		b := int64(b4[x>>2] >> (16 * (x & 3)) & 0xffff)
		if b == 0 {
			continue // nothing to exchange (plain Harmonic scores 0)
		}
		near := (si + ss.s[x]) / (1 + nearShare) // q ≤ near: slack ≥ nearShare·q
		if float64(int64(mul*float64(b))+1) <= near {
			continue
		}
		l := int64(math.Floor(near)) + 1
		if needBelow(int64(ss.needT[x])*hmax, b, l) {
			continue // even teachInt(i → j) = A gives q ≤ near
		}
		var a int32
		if !ss.long[x] {
			a = teachPacked(ss.wpk[wantSlots*x:wantSlots*x+wantSlots], hi)
		} else {
			a = p.teachInt(i, j)
		}
		if q := harmonicAbove(a, int32(b), l); q > 0 {
			visit(j, q) // −1: q ≤ near; 0: nothing to exchange
		}
	}
	return true
}
