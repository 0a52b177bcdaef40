package pairengine

import (
	"context"
	"math"
	"slices"
)

// RoundJudge is the caller's side of a pricing round: its candidate
// lists, scores and rules, met pair by pair. The round never sees a person
// or a rule, only these answers. Implementations must be safe for
// concurrent calls (each worker has its own RowJudge).
type RoundJudge interface {
	// Reserve returns i's reserve: the partners ranked right after its
	// candidates, eligible, with their quantised scores.
	Reserve(i int) ([]int32, []int64)
	// Score returns the quantised score of {i, j}, rules unchecked.
	Score(i, j int) int64
	// Eligible reports whether {i, j}, of quantised score q, breaks no
	// rule.
	Eligible(i, j int, q int64) bool
	// Best returns i's highest teaching level: TeachInt(i → j) ≤
	// NeedC[j]·Best(i) for every j.
	Best(i int) int64
	// NewRow returns a row scorer with the caller's rules for one worker.
	NewRow() RowJudge
}

// RowJudge is a Row with the caller's rules and exact score.
type RowJudge interface {
	// Start makes i the row (Row.Prepare, with the caller's bound term
	// and active set) and returns it.
	Start(i int) *Row
	// Out reports whether the row's i may not be paired with j by the
	// rules the row can tell alone (j is i, inactive, or outside the
	// grade window).
	Out(j int) bool
	// Score returns the quantised score of {i, j}, as RoundJudge.Score.
	Score(j int) int64
}

// RoundSpec is what a pricing round (PriceRound, LowSide) reads besides
// the certificate: the score data, the rules in compiled form, the
// candidate lists' bounds and the round's switches.
type RoundSpec struct {
	Scores *Scores // ScanOrder must have run
	Window Window  // the grade rule
	Act    []int   // the people to pair
	// Theta[i] = θ_i: every eligible pair of i scoring above θ_i is in the
	// graph or in i's reserve.
	Theta []int64
	// Skip marks the people never scanned nor met: nobody's eligible
	// partner, or with every eligible pair in the graph or their reserve.
	Skip []bool
	// K is the quota of pairs kept per person (see Quota).
	K int
	// PlainZero: a score of 0 means nothing to exchange, so the pair is
	// not eligible. PlainHarmonic: scores are plain Harmonic scores, which
	// the row scans compute without a callback (Harmonic, HarmonicAbove).
	PlainZero, PlainHarmonic bool
	// Sorted: the cross scans may run on a SortedScan (plain Harmonic
	// scores that need an exchange, with packed needs; the caller knows).
	Sorted bool
	// LowByScore ranks LowSide's partners by score alone instead of by
	// how close they come to violating the certificate.
	LowByScore bool
	// Trace, when set, receives the round's shape.
	Trace func(format string, args ...any)
}

// A pricing round runs in priceChunks chunks of people, so that a round
// with many violators stops after about 1/priceChunks of its work (see
// round.run), but of at least minPriceChunk people, so that the wait for
// the slowest worker at the end of every chunk stays rare.
const (
	priceChunks   = 16
	minPriceChunk = 1024
)

// A row scan scores its prefix with a Row when the prefix is longer than
// minRowPrefix people and 1/rowPrefixShare of the list: Row.Prepare
// streams the whole grade window (O(n·w_i/4)), which pays only when its
// bound then skips the O(w_j) score of many pairs; shorter prefixes are
// scored pair by pair.
const (
	minRowPrefix   = 64
	rowPrefixShare = 8
)

// PriceRound prices the certificate in.Res: it returns the eligible pairs
// outside the graph whose slack under the certificate is negative, and
// the pairs (of the reserve, or met by the scans) whose slack is below
// NearShare of their score (at most spec.K per person, the most violated
// first, sorted by pair), how many violate, and whether every eligible
// pair was priced: when in.Budget is not negative and the row scans would
// check more than that many pairs, only the reserve is. See
// docs/design-pairing.md for the bound. Every person's reserve pairs are
// checked from their stored scores. With the people sorted by
// s = y − C/2 (Duals), each person i with s_i < θ_i/2 scans the prefix
// s_j < θ_i − s_i (same for the pairs inside one top-level blossom, with
// s' = s + z_top/2); scores come from a Row or a SortedRow when the prefix
// is long, and only where its bound exceeds s_i + s_j. It takes
// O(m log m + R) time for R reserve pairs, plus O(w) per pair the bounds
// let through and O(n·w_i/4) per person scanned with a row scorer, in
// parallel. People of spec.Skip are skipped on both sides. Deterministic:
// the result does not depend on the number of workers.
func PriceRound(ctx context.Context, in PriceInput, spec RoundSpec, judge RoundJudge) (PriceResult, error) {
	r := newRound(in, spec, judge)
	r.full = in.Budget < 0 || r.work() <= in.Budget
	if spec.Trace != nil {
		r.trace(in.Budget)
	}
	if r.full && spec.Sorted {
		// the cross scans read the people by grade, then s (SortedScan)
		r.sorted = NewSortedScan(spec.Scores, r.Order, r.S, r.Theta, r.Top, spec.Skip, r.scan)
	}
	found, err := r.run(ctx)
	if err != nil {
		return PriceResult{}, err
	}
	kept, nviol := r.quota(found)
	return PriceResult{Kept: kept, NViol: nviol, Full: r.full, Verified: r.verified}, nil
}

// round is one pricing round: the certificate's duals laid out for the
// scans, and which rows to scan.
type round struct {
	*Duals
	in    PriceInput
	spec  RoundSpec
	judge RoundJudge
	// scan[i]: the row of i is scanned against everyone (when the round
	// is full); scanG[i]: against the others in i's top-level blossom. A
	// clean row (not dirty) keeps the verification of its last scan.
	scan, scanG []bool
	// verified[i]: the row of i was scanned and every violator it met is
	// returned (none dropped by the quotas)
	verified []bool
	full     bool
	sorted   *SortedScan
}

// newRound lays out the certificate of in for the scans: O(m log m).
func newRound(in PriceInput, spec RoundSpec, judge RoundJudge) *round {
	sc := spec.Scores
	n := sc.N
	r := &round{Duals: NewDuals(in.Res, spec.Act, n, in.C, spec.Theta), in: in, spec: spec, judge: judge,
		scan: make([]bool, n), scanG: make([]bool, n), verified: make([]bool, n)}
	sc.Columns() // built once, before the workers share them
	sc.Columns4()
	skip := spec.Skip
	for _, i := range spec.Act {
		r.scan[i] = !skip[i] && (in.Dirty == nil || in.Dirty[i])
		r.scanG[i] = !skip[i] && r.Top[i] >= 0
		r.verified[i] = !skip[i] && !r.scan[i]
	}
	return r
}

// work returns the number of pairs the row scans of a full round check.
func (r *round) work() int {
	work := 0
	for _, i := range r.spec.Act {
		if r.scan[i] && r.S[i] < r.Theta[i]/2 {
			work += max(0, r.Prefix(i, r.Order, r.S)-r.At[i])
		}
		if r.scanG[i] && r.S2[i] < r.Theta[i]/2 {
			work += max(0, r.Prefix(i, r.Groups[r.Top[i]], r.S2)-r.AtG[i])
		}
	}
	return work
}

// trace logs the round's shape.
func (r *round) trace(budget int) {
	neg, low, work := 0, 0, 0
	for _, i := range r.spec.Act {
		if r.S[i] < 0 {
			neg++
		}
		if r.S[i] < r.Theta[i]/2 {
			low++
			work += r.Prefix(i, r.Order, r.S)
		}
	}
	r.spec.Trace("  price: budget %d; s<0 %d, s<θ/2 %d, cross work %d, blossoms %d", budget, neg, low, work, len(r.Groups))
}

// run prices the people in chunks, in parallel, and returns what each
// worker found. Once a chunk ends with at least as many violators as
// people, the round stops early (another solve follows anyway); the round
// that finds none has scanned everyone.
func (r *round) run(ctx context.Context) ([][]Violation, error) {
	act := r.spec.Act
	workers := Workers(len(act))
	found := make([][]Violation, workers)
	chunk := max(minPriceChunk, len(act)/priceChunks)
	for lo := 0; lo < len(act); lo += chunk {
		hi := min(lo+chunk, len(act))
		err := Rows(ctx, workers, lo, hi, func(w int) func(x int) {
			row := &roundRow{r: r, found: &found[w]}
			return func(x int) { row.person(act[x]) }
		})
		if err != nil {
			return nil, err
		}
		if violators(found) >= len(act) {
			break
		}
	}
	return found, nil
}

// violators counts the violators (slack below SlackMargin) found so far.
func violators(found [][]Violation) int {
	total := 0
	for w := range found {
		for _, v := range found[w] {
			if v.Slack < SlackMargin {
				total++
			}
		}
	}
	return total
}

// quota keeps the spec.K most violated pairs of every person (see Quota),
// unverifying the rows that lose some, and counts the violators. The
// pairs come out sorted by pair.
func (r *round) quota(found [][]Violation) ([]Edge, int) {
	kept, nviol := Quota(found, r.spec.K, func(e Edge) {
		r.verified[e.U], r.verified[e.V] = false, false
	})
	slices.SortFunc(kept, ByPair)
	return kept, nviol
}

// roundRow prices the rows of one worker.
type roundRow struct {
	r     *round
	found *[]Violation
	rj    RowJudge
	sr    *SortedRow
	mine  []Violation // violators found for the current person
}

// person prices the reserve and, in a full round, the rows of i.
func (rr *roundRow) person(i int) {
	r := rr.r
	js, qs := r.judge.Reserve(i)
	for y, j := range js { // the reserve, scored
		rr.consider(i, int(j), qs[y], r.S[i]+r.S[j], true)
	}
	if r.scan[i] && r.full && r.S[i] < r.Theta[i]/2 {
		rr.scanRow(i, r.Order, r.S, true, r.At[i], r.scan)
	}
	if r.scanG[i] && r.full && r.S2[i] < r.Theta[i]/2 {
		rr.scanRow(i, r.Groups[r.Top[i]], r.S2, false, r.AtG[i], r.scanG)
	}
	if rr.keep() && r.scan[i] && r.full {
		r.verified[i] = true
	}
}

// consider records {i, j} of score q when it violates; lhs ≤ its slack +
// q. known: {i, j} is eligible.
func (rr *roundRow) consider(i, j int, q int64, lhs float64, known bool) {
	r := rr.r
	d := NearShare * float64(q) // the slack below which {i, j} is kept
	if float64(q)+d <= lhs {
		return // cannot violate: slack ≥ lhs − q ≥ 0
	}
	if q == 0 && r.spec.PlainZero {
		return // plain scores: 0 means nothing to exchange
	}
	sl := r.Slack(i, j, q, r.in.C)
	if sl >= SlackMargin+d {
		return
	}
	if r.in.Graph.Has(i, j) {
		return
	}
	if !known && !r.judge.Eligible(i, j, q) {
		return
	}
	rr.mine = append(rr.mine, Violation{E: Edge{U: min(i, j), V: max(i, j), Q: q}, Slack: sl})
}

// scanRow checks the pairs of i with the people of list (sorted by sv)
// whose sum with i stays below θ. A pair with someone earlier in list
// (sv_j ≤ sv_i) whose row is scanned too is left to that row: their sum
// below θ_j implies sv_j < θ_j/2, so it scans its prefix and meets i
// there. Each pair is thus checked once.
func (rr *roundRow) scanRow(i int, list []int, sv []float64, cross bool, self int, runs []bool) {
	r := rr.r
	n := r.Prefix(i, list, sv)
	useRow := n > minRowPrefix && n > len(list)/rowPrefixShare
	if useRow && cross && r.sorted != nil && rr.sortedRow(i, self) {
		return
	}
	var row *Row
	if useRow {
		if rr.rj == nil {
			rr.rj = r.judge.NewRow()
		}
		row = rr.rj.Start(i)
	}
	harmonic := useRow && row.Packed() && r.spec.PlainHarmonic
	hmax := int64(0)
	if harmonic {
		hmax = r.judge.Best(i)
	}
	for x, j := range list[:n] {
		if j == i || sv[i] >= r.Theta[j]-sv[j] || r.spec.Skip[j] || (x < self && runs[j]) {
			continue
		}
		if cross && r.Top[i] >= 0 && r.Top[i] == r.Top[j] {
			continue // inside one blossom: handled with s2
		}
		lhs := sv[i] + sv[j]
		near := lhs / (1 + NearShare) // q ≤ near: slack ≥ NearShare·q
		var q int64
		if useRow {
			if float64(row.Bound(j)) <= near || rr.rj.Out(j) {
				continue
			}
			if !harmonic {
				q = rr.rj.Score(j)
			} else if q = rr.harmonic(row, j, near, hmax); q < 0 {
				continue // q ≤ lhs: cannot violate
			}
		} else {
			q = r.judge.Score(i, j)
		}
		rr.consider(i, j, q, lhs, false)
	}
}

// sortedRow scans the cross row of i on the round's SortedScan and
// reports whether it could (see SortedRow.Scan).
func (rr *roundRow) sortedRow(i, self int) bool {
	r := rr.r
	if rr.sr == nil {
		rr.sr = NewSortedRow(r.spec.Scores, r.sorted, r.spec.Window)
	}
	return rr.sr.Scan(i, r.Theta[i]-r.S[i], self, r.S[i], r.Top[i], r.judge.Best(i), func(j int, q int64) {
		rr.consider(i, j, q, r.S[i]+r.S[j], false)
	})
}

// harmonic returns the plain Harmonic score of the row's i with j, or −1
// when it is provably at most near (best: i's highest teaching level).
// O(w_j), O(1) when the need bound decides.
func (rr *roundRow) harmonic(row *Row, j int, near float64, best int64) int64 {
	sc := rr.r.spec.Scores
	t := int(sc.SPos[j])
	l, b := int64(math.Floor(near))+1, int64(row.Taught(j))
	if NeedBelow(int64(sc.NeedT[t])*best, b, l) {
		return -1 // even TeachInt(i → j) = A gives q ≤ near
	}
	return HarmonicAbove(row.TeachTo(j, t), int32(b), l)
}

// keep moves the spec.K most violated of the person's pairs to the
// worker's list (memory O(n·k)) and reports whether none was dropped.
func (rr *roundRow) keep() bool {
	k := rr.r.spec.K
	all := true
	if len(rr.mine) > k {
		slices.SortFunc(rr.mine, MostViolated)
		rr.mine = rr.mine[:k]
		all = false
	}
	*rr.found = append(*rr.found, rr.mine...)
	rr.mine = rr.mine[:0]
	return all
}
