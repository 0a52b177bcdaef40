package pairengine

import (
	"math"
	"math/bits"
	"slices"
)

// LazySlack is how many pairs beyond k Row.HarmonicTopK keeps before
// checking the rules: the best pairs of a row rarely break one, and eight
// spare pairs let almost every row finish without a second scan.
const LazySlack = 8

// sampleBuckets is the number of buckets of the histogram with which
// Row.sample picks its threshold: 256 keep it on the stack and one pass
// over the row, with a threshold precise to 1/256 of the row's range.
const sampleBuckets = 256

// sampleTake bounds the sample of Row.sample at sampleTake·size people,
// so that a histogram bucket holding many equal values cannot make the
// sample a large part of the row.
const sampleTake = 4

// Row scores one person i against everyone, streaming the teaching values
// of the features i needs (Columns4, four people a word in 16-bit lanes,
// or Columns when i's needs do not fit the lanes). Prepare computes in
// O(n·w_i/4) word operations how much everyone can teach i (b); Bound then
// gives in O(1) an upper bound on the quantised score of {i, j} from that
// direction alone, and the caller computes the exact score only where the
// bound passes its threshold. Each finds those people four at a time.
//
// A Row sees no rule: the grade gap comes in as a Window, the people who
// may be met as the active set, and every other rule as the caller's
// callback. It belongs to one goroutine; the Scores it reads are shared.
type Row struct {
	sc     *Scores
	win    Window
	cols   [][]uint8
	cols4  [][]uint64
	slope  float64  // score ≤ slope·b + extra; < 0 when b gives no bound
	active []bool   // the people the row may meet (Prepare)
	i      int      // the row's person, −1 before Prepare
	b      []int32  // b[j] = TeachInt(j → i), when !packed
	b4     []uint64 // the same in 16-bit lanes, in scan order, when packed
	packed bool
	lo, hi int   // scan positions of the grades within the window of i
	most   int   // the largest possible b
	extra  int64 // see slope
	keys   []int64
	own    []int64 // rejections of HarmonicTopK's lazy pass, by rule
}

// NewRow returns a row scorer over sc (ScanOrder must have run) for one
// goroutine. win is the grade rule; slope is how the mutual score is
// bounded by the teaching b one way: every pair scores at most
// slope·b + extra quantised units (extra given per row to Prepare), and
// slope < 0 says that b bounds nothing (the score may be high with b = 0).
// O(N) time and memory; the first call also builds sc's column views.
func NewRow(sc *Scores, win Window, slope float64) *Row {
	return &Row{sc: sc, win: win, cols: sc.Columns(), cols4: sc.Columns4(), slope: slope,
		b: make([]int32, sc.N), b4: make([]uint64, (sc.N+3)/4), i: -1}
}

// Prepare makes i the row of the scorer: it computes b[j] = TeachInt(j → i)
// for everyone (packed in lanes when MostTaught(i) ≤ LaneMax, over the
// scan positions of i's grade window only) in O(n·w_i/4) word operations,
// else O(n·w_i). extra is the row's term of the bound (see NewRow); active
// marks the people the row may meet, read until the next Prepare.
func (r *Row) Prepare(i int, extra int64, active []bool) {
	sc := r.sc
	r.i, r.extra, r.active = i, extra, active
	r.most = sc.MostTaught(i)
	r.packed = r.most <= LaneMax
	a, b := r.win(sc.SGrade, sc.Grade[i])
	r.lo, r.hi = int(sc.SStart[a]), int(sc.SStart[b])
	if r.packed {
		clear(r.b4)
		wlo, whi := r.lo>>2, (r.hi+3)>>2
		part := r.b4[wlo:whi]
		for x, s := range sc.WantS[i] {
			c := uint64(sc.WantC[i][x])
			col := r.cols4[s][wlo:whi]
			col = col[:len(part)]
			for w, h := range col {
				part[w] += c * h
			}
		}
		return
	}
	clear(r.b)
	for x, s := range sc.WantS[i] {
		c := int32(sc.WantC[i][x])
		col := r.cols[s][:len(r.b)]
		for j, h := range col {
			r.b[j] += c * int32(h)
		}
	}
}

// Person returns the row's person (−1 before Prepare). O(1).
func (r *Row) Person() int { return r.i }

// Span returns the scan positions [lo, hi) of the grades within the grade
// window of the row's person: the only people the row meets. O(1).
func (r *Row) Span() (lo, hi int) { return r.lo, r.hi }

// Packed reports whether the row is held in 16-bit lanes, which the
// word-at-a-time scans (TaughtAt, HarmonicTopK) need. O(1).
func (r *Row) Packed() bool { return r.packed }

// Taught returns TeachInt(j → i) for the row's i. O(1).
func (r *Row) Taught(j int) int32 {
	if r.packed {
		return int32(r.TaughtAt(int(r.sc.SPos[j])))
	}
	return r.b[j]
}

// TaughtAt returns TeachInt(j → i) for the person j at scan position t of
// a packed row. O(1).
func (r *Row) TaughtAt(t int) int64 {
	return int64(r.b4[t>>2] >> (16 * (t & 3)) & 0xffff)
}

// TeachTo returns TeachInt(i → j) for the row's i and the person j at
// scan position t, in O(w_j): from the packed needs of scan order
// (sequential in a scan) when j has at most WantSlots of them, else from
// the CSR copy.
func (r *Row) TeachTo(j, t int) int32 {
	sc := r.sc
	hi := sc.TV[r.i]
	if sc.WPK != nil && !sc.WLong[t] {
		return TeachPacked(sc.WPK[WantSlots*t:WantSlots*t+WantSlots:WantSlots*t+WantSlots], hi)
	}
	a := int32(0)
	off, cs, cc := sc.CSROff, sc.CSRS, sc.CSRC
	for y := off[j]; y < off[j+1]; y++ {
		a += int32(cc[y]) * int32(hi[cs[y]])
	}
	return a
}

// Bound returns an upper bound on the quantised score of {i, j}
// (math.MaxInt64 when the slope gives none). O(1).
func (r *Row) Bound(j int) int64 {
	if r.slope < 0 {
		return math.MaxInt64
	}
	return int64(r.slope*float64(r.Taught(j))) + r.extra
}

// cut returns the largest b such that every j with b[j] ≤ b has
// Bound(j) < lim, or −1 (none) — and LaneMax when no j passes. O(1)
// amortised: the division's estimate is off by at most a step or two.
func (r *Row) cut(lim int64) int64 {
	if r.slope < 0 {
		return -1
	}
	at := func(b int64) int64 { return int64(r.slope*float64(b)) + r.extra }
	t := int64(float64(lim-r.extra) / r.slope)
	t = max(min(t, LaneMax), -1)
	for t >= 0 && at(t) >= lim {
		t--
	}
	for t < LaneMax && at(t+1) < lim {
		t++
	}
	return t
}

// lanesAbove returns the mask (LaneHigh bits) of the lanes of w above c,
// every lane when c < 0.
func lanesAbove(w uint64, c int64) uint64 {
	if c < 0 {
		return LaneHigh
	}
	return (w + uint64(LaneMax-c)*LaneOnes) & LaneHigh
}

// dropLanes clears from m (LaneHigh bits) the lanes of w at most c: after
// the threshold rose, the rest of a word need not be visited.
func dropLanes(m, w uint64, c int64) uint64 {
	for mm := m; mm != 0; mm &= mm - 1 {
		ln := bits.TrailingZeros64(mm) >> 4
		if int64(w>>(16*ln)&0xffff) <= c {
			m &^= LaneHigh & (0xffff << (16 * ln))
		}
	}
	return m
}

// Each calls f(j) for every j within the grade window of i whose Bound
// reaches lim() (re-read after every call; a tie may still rank by id),
// in scan order, four people per word test when packed. It meets i and
// inactive people too: f filters them with its rules. O(n/4) word tests
// plus O(1) per call when packed, O(n) otherwise.
func (r *Row) Each(lim func() int64, f func(j int)) {
	order := r.sc.SOrder
	if !r.packed || r.slope < 0 {
		for t := r.lo; t < r.hi; t++ {
			j := int(order[t])
			if r.Bound(j) >= lim() {
				f(j)
			}
		}
		return
	}
	l := lim()
	cut := r.cut(l)
	for x := r.lo >> 2; x < (r.hi+3)>>2; x++ {
		if cut >= LaneMax {
			return
		}
		w := r.b4[x]
		m := lanesAbove(w, cut)
		for m != 0 {
			lane := bits.TrailingZeros64(m) >> 4
			m &= m - 1
			t := 4*x + lane
			if t < r.lo {
				continue
			}
			if t >= r.hi {
				return
			}
			f(int(order[t]))
			if nl := lim(); nl != l {
				l, cut = nl, r.cut(nl)
				if cut >= LaneMax {
					return
				}
				m = dropLanes(m, w, cut)
			}
		}
	}
}

// HarmonicTopK returns the k best eligible partners of the row's i, their
// scores and the bound θ of TopK, for plain Harmonic scores on a packed
// row; best is i's highest teaching level (TeachInt(i → j) ≤
// NeedC[j]·best). Pairs scoring below least are never eligible and are
// neither ranked nor checked (least = 1 when a pair with nothing to
// exchange is ineligible: a row with fewer than k partners to learn with
// then stops at its last positive score instead of checking the rules of
// every other pair of the row). rule(j, q) is the caller's first rule
// {i, j} of score q breaks (0: none), and rej counts the rejections met,
// by rule. It keeps
// the k + LazySlack best pairs of the row by score alone and only then
// applies the rules, best first: when at least k of them are eligible
// they are the k best eligible partners (every pair outside ranks below
// them all), with the rules checked about k times per row instead of at
// every pair that beats the running k-th best. Otherwise (a row with more
// than LazySlack rejections near its top, or one shorter than k) the row
// is scanned again with the rules checked at every visit. O(n/4 + V·w̄ +
// V log k) for the V pairs the bounds let through, twice at worst.
func (r *Row) HarmonicTopK(k int, best, least int64, rule func(j int, q int64) int, rej []int64) ([]int32, []int64, int64) {
	kk := k + LazySlack
	floor := func(limit func() int64) func() int64 {
		return func() int64 { return max(limit(), least) }
	}
	js, qs, _ := TopK(kk, func(limit func() int64, visit func(j int, q int64)) {
		r.topHarmonic(kk, best, floor(limit), visit)
	})
	if len(r.own) != len(rej) {
		r.own = make([]int64, len(rej))
	}
	own := r.own
	clear(own)
	n := 0
	for x, j := range js {
		if n == k {
			break
		}
		if ru := rule(int(j), qs[x]); ru != 0 {
			own[ru]++
			continue
		}
		js[n], qs[n] = j, qs[x]
		n++
	}
	if n < k && len(js) == kk {
		return TopK(k, func(limit func() int64, visit func(j int, q int64)) {
			r.topHarmonic(k, best, floor(limit), func(j int, q int64) {
				if ru := rule(j, q); ru != 0 {
					rej[ru]++
					return
				}
				visit(j, q)
			})
		})
	}
	for ru, c := range own {
		rej[ru] += c
	}
	theta := int64(0)
	if n == k {
		theta = qs[k-1]
	}
	return js[:n:n], qs[:n:n], theta
}

// topHarmonic is the scan of HarmonicTopK for plain Harmonic scores on a
// packed row, with the bound test and the score inlined: it visits every
// active j ≠ i of the row (rules unchecked) whose score reaches limit().
// It first scores a sample — about 2·k of the people who teach i the
// most — and visits it from the best score down until limit() exceeds the
// rest, so that the scan starts with a limit near the final k-th best and
// the bound skips most of the row; the sample is not visited again.
// Beyond the bound from b = TeachInt(j → i), a pair is skipped without
// its O(w_j) sum when even TeachInt(i → j) = need(j)·best would score
// below the limit.
func (r *Row) topHarmonic(k int, best int64, limit func() int64, visit func(j int, q int64)) {
	sc, i := r.sc, r.i
	order, active, needT := sc.SOrder, r.active, sc.NeedT
	// the sample: every j of b > sCut in the words before sStop
	sStop, sCut := r.sample(2*k, limit, visit)
	l := limit()
	cut := r.cut(l)
	// cw: the cut of the word, raised by the need bound of its largest
	// need (NeedCut, recomputed when that need or l changes)
	needMax4 := sc.NeedMax4
	lastA, cutA := int64(-1), int64(-1)
	for x := r.lo >> 2; x < (r.hi+3)>>2; x++ {
		if cut >= LaneMax {
			return
		}
		if a := int64(needMax4[x]) * best; a != lastA {
			lastA, cutA = a, NeedCut(a, l)
		}
		cw := max(cut, cutA)
		if cw >= LaneMax {
			continue
		}
		w := r.b4[x]
		m := lanesAbove(w, cw)
		for m != 0 {
			lane := bits.TrailingZeros64(m) >> 4
			m &= m - 1
			t := 4*x + lane
			if t < r.lo {
				continue
			}
			if t >= r.hi {
				return
			}
			b := int64(w >> (16 * lane) & 0xffff)
			if x < sStop && b > sCut {
				continue // in the sample
			}
			if NeedBelow(int64(needT[t])*best, b, l) {
				continue // even TeachInt(i → j) = A scores below l
			}
			j := int(order[t])
			if j == i || !active[j] {
				continue
			}
			v := HarmonicAbove(r.TeachTo(j, t), int32(b), l)
			if v < l {
				continue
			}
			visit(j, v)
			if nl := limit(); nl != l {
				l, cut = nl, r.cut(nl)
				if cut >= LaneMax {
					return
				}
				cutA = NeedCut(lastA, l)
				m = dropLanes(m, w, max(cut, cutA))
			}
		}
	}
}

// harmonic returns the plain Harmonic quantised score of {i, j}, j at
// scan position t, given b = TeachInt(j → i), computing TeachInt(i → j)
// in O(w_j).
func (r *Row) harmonic(j, t int, b int32) int64 {
	if a := r.TeachTo(j, t); a > 0 && b > 0 {
		return Harmonic(a, b)
	}
	return 0
}

// sampleCut returns the threshold of sample: b > cut holds for at least
// size people of the row (more when a histogram bucket holds many), −1
// when only the whole row would do. O(n/4).
func (r *Row) sampleCut(size int) int64 {
	shift := 0
	for r.most>>shift >= sampleBuckets {
		shift++
	}
	var hist [sampleBuckets]int32
	for _, w := range r.b4[r.lo>>2 : (r.hi+3)>>2] {
		hist[(w&0xffff)>>shift]++
		hist[(w>>16&0xffff)>>shift]++
		hist[(w>>32&0xffff)>>shift]++
		hist[(w>>48)>>shift]++
	}
	top, got := sampleBuckets-1, int32(0)
	for ; top > 0; top-- {
		if got += hist[top]; got >= int32(size) {
			break
		}
	}
	return int64(top<<shift) - 1 // take b > cut
}

// sample scores about size people of the row with the largest
// b = TeachInt(j → i) (a histogram of b picks the threshold; at most
// sampleTake·size are taken, in scan order) and visits them by score,
// highest first (ties by index), while the score reaches limit(). The
// sample is every j of the row with b > cut in the words before stop
// (stop = 0: no sample); every person of it that is not visited scores
// below limit(), so the caller may skip them all.
// O(n/4 + size·(w + log size)).
func (r *Row) sample(size int, limit func() int64, visit func(j int, v int64)) (stop int, cut int64) {
	sc, i := r.sc, r.i
	if size <= 0 || r.hi-r.lo <= 2*size {
		return 0, 0 // a short row: the scan alone is as fast
	}
	cut = r.sampleCut(size)
	if cut < 0 {
		return 0, 0 // no threshold: the sample would be the whole row
	}
	wlo, whi := r.lo>>2, (r.hi+3)>>2
	keys := r.keys[:0]
	order, active := sc.SOrder, r.active
	m4 := uint64(LaneMax-cut) * LaneOnes
	x := wlo
	for ; x < whi && len(keys) < sampleTake*size; x++ {
		w := r.b4[x]
		for m := (w + m4) & LaneHigh; m != 0; m &= m - 1 {
			lane := bits.TrailingZeros64(m) >> 4
			t := 4*x + lane
			if t < r.lo || t >= r.hi {
				continue
			}
			j := int(order[t])
			if j == i || !active[j] {
				continue
			}
			v := r.harmonic(j, t, int32(w>>(16*lane)&0xffff))
			// highest score first, then lowest index: v < 2³¹ (v ≤
			// 2·LaneMax/MaxLevel³·Quantum) and j < 2³²
			keys = append(keys, v<<32|int64(math.MaxUint32-uint32(j)))
		}
	}
	r.keys = keys
	stop = x
	slices.Sort(keys)
	for y := len(keys) - 1; y >= 0; y-- {
		v, j := keys[y]>>32, int(math.MaxUint32-uint32(keys[y]))
		if v < limit() {
			break
		}
		visit(j, v)
	}
	return stop, cut
}
