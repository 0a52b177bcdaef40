package pairing

import (
	"context"
	"math"
	"slices"

	"github.com/peermatch/peermatch/internal/matching"
	"github.com/peermatch/peermatch/internal/pairengine"
)

// sortedScans reports whether pricing scans can use a
// pairengine.SortedScan: plain Harmonic scores that need an exchange, with
// packed needs.
func (p *problem) sortedScans() bool {
	p.ScanOrder()
	return p.plain && p.set.Mutual == Harmonic && !p.set.AllowNoExchange && p.WPK != nil
}

// priceInput is what a pricing round reads: the certificate res of the
// graph solved with premium C, the active people, the candidate lists (θ
// and the reserve), the pairs already in the graph, the rows whose
// verification lapsed (dirty; nil: every row), and the budget of pairs the
// row scans may check (< 0: no limit).
type priceInput struct {
	res    *matching.Result
	act    []int
	cand   *candidates
	C      float64
	graph  *pairengine.Graph
	budget int
	dirty  []bool
}

// price returns the eligible pairs outside the graph whose slack under the
// certificate is negative, and the pairs (of the reserve, or met by the
// scans) whose slack is below pairengine.NearShare of their score (at most
// CandidateK per person, the most violated first), how many violate, and
// whether every eligible pair was priced: when the budget is not negative
// and the row scans would check more than budget pairs, only the reserve
// is. See docs/design-pairing.md for the bound. Every person's reserve
// pairs are checked from their stored scores. With the people sorted by
// s = y − C/2, each person i with s_i < θ_i/2 scans the prefix
// s_j < θ_i − s_i (same for the pairs inside one top-level blossom, with
// s' = s + z_top/2); scores come from the row scorer when the prefix is
// long, and only where its bound exceeds s_i + s_j. The slack of a pair in
// two different top-level blossoms is s_i + s_j − q; inside one it takes
// an O(log d) blossom-ancestor query. It takes O(m log m + R) time for R
// reserve pairs, plus O(w) per pair the bounds let through and O(n·w_i/4)
// per person scanned with the row scorer, in parallel. People who are
// nobody's eligible partner (barrenSet) are skipped on both sides.
func (p *problem) price(ctx context.Context, in priceInput) (pairengine.PriceResult, error) {
	pr := p.newPricer(in)
	pr.full = in.budget < 0 || pr.work() <= in.budget
	if p.tracing() {
		pr.trace(in.budget)
	}
	if pr.full && p.sortedScans() {
		// the cross scans read the people by grade, then s (see
		// pairengine.SortedScan)
		pr.sorted = pairengine.NewSortedScan(&p.Scores, pr.Order, pr.S, pr.Theta, pr.Top, pr.skip, pr.scan)
	}
	found, err := pr.run(ctx)
	if err != nil {
		return pairengine.PriceResult{}, err
	}
	kept, nviol := pr.quota(found)
	return pairengine.PriceResult{Kept: kept, NViol: nviol, Full: pr.full, Verified: pr.verified}, nil
}

// pricer is one pricing round: the certificate's duals laid out for the
// scans, and which rows to scan.
type pricer struct {
	*pairengine.Duals
	p  *problem
	in priceInput
	// skip: nobody's eligible partner (barren), or every eligible pair
	// already in the graph or the reserve (complete): never scanned.
	skip []bool
	// scan[i]: the row of i is scanned against everyone (when the round
	// is full); scanG[i]: against the others in i's top-level blossom. A
	// clean row (not dirty) keeps the verification of its last scan.
	scan, scanG []bool
	// verified[i]: the row of i was scanned and every violator it met is
	// returned (none dropped by the quotas)
	verified []bool
	full     bool
	sorted   *pairengine.SortedScan
}

// newPricer lays out the certificate of in for the scans: O(m log m).
func (p *problem) newPricer(in priceInput) *pricer {
	pr := &pricer{Duals: pairengine.NewDuals(in.res, in.act, p.n, in.C, in.cand.theta), p: p, in: in,
		scan: make([]bool, p.n), scanG: make([]bool, p.n), verified: make([]bool, p.n)}
	act := in.act
	p.Columns() // built once, before the workers share them
	p.Columns4()
	pr.skip = p.settled(in.cand)
	for _, i := range act {
		pr.scan[i] = !pr.skip[i] && (in.dirty == nil || in.dirty[i])
		pr.scanG[i] = !pr.skip[i] && pr.Top[i] >= 0
		pr.verified[i] = !pr.skip[i] && !pr.scan[i]
	}
	return pr
}

// work returns the number of pairs the row scans of a full round check.
func (pr *pricer) work() int {
	work := 0
	for _, i := range pr.in.act {
		if pr.scan[i] && pr.S[i] < pr.Theta[i]/2 {
			work += max(0, pr.Prefix(i, pr.Order, pr.S)-pr.At[i])
		}
		if pr.scanG[i] && pr.S2[i] < pr.Theta[i]/2 {
			work += max(0, pr.Prefix(i, pr.Groups[pr.Top[i]], pr.S2)-pr.AtG[i])
		}
	}
	return work
}

// trace logs the round's shape.
func (pr *pricer) trace(budget int) {
	neg, low, work := 0, 0, 0
	for _, i := range pr.in.act {
		if pr.S[i] < 0 {
			neg++
		}
		if pr.S[i] < pr.Theta[i]/2 {
			low++
			work += pr.Prefix(i, pr.Order, pr.S)
		}
	}
	pr.p.tracef("  price: budget %d; s<0 %d, s<θ/2 %d, cross work %d, blossoms %d", budget, neg, low, work, len(pr.Groups))
}

// A pricing round runs in priceChunks chunks of people, so that a round
// with many violators stops after about 1/priceChunks of its work (see
// run), but of at least minPriceChunk people, so that the wait for the
// slowest worker at the end of every chunk stays rare.
const (
	priceChunks   = 16
	minPriceChunk = 1024
)

// run prices the people in chunks, in parallel, and returns what each
// worker found. Once a chunk ends with at least as many violators as
// people, the round stops early (another solve follows anyway); the round
// that finds none has scanned everyone.
func (pr *pricer) run(ctx context.Context) ([][]pairengine.Violation, error) {
	act := pr.in.act
	workers := pairengine.Workers(len(act))
	found := make([][]pairengine.Violation, workers)
	chunk := max(minPriceChunk, len(act)/priceChunks)
	for lo := 0; lo < len(act); lo += chunk {
		hi := min(lo+chunk, len(act))
		err := pairengine.Rows(ctx, workers, lo, hi, func(w int) func(x int) {
			row := &priceRow{pr: pr, found: &found[w], plainZero: pr.p.plain && !pr.p.set.AllowNoExchange}
			return func(x int) { row.person(act[x]) }
		})
		if err != nil {
			return nil, err
		}
		total := 0
		for w := range found {
			for _, v := range found[w] {
				if v.Slack < pairengine.SlackMargin {
					total++
				}
			}
		}
		if total >= len(act) {
			break
		}
	}
	return found, nil
}

// quota keeps the CandidateK most violated pairs of every person (see
// pairengine.Quota), unverifying the rows that lose some, and counts the
// violators. The pairs come out sorted by person.
func (pr *pricer) quota(found [][]pairengine.Violation) ([]pairengine.Edge, int) {
	kept, nviol := pairengine.Quota(found, pr.p.set.k, func(e pairengine.Edge) {
		pr.verified[e.U], pr.verified[e.V] = false, false
	})
	slices.SortFunc(kept, pairengine.ByPair)
	return kept, nviol
}

// priceRow prices the rows of one worker.
type priceRow struct {
	pr        *pricer
	found     *[]pairengine.Violation
	rs        *rowScorer
	sr        *pairengine.SortedRow
	mine      []pairengine.Violation // violators found for the current person
	plainZero bool                   // plain scores need an exchange: 0 means none
}

// person prices the reserve and, in a full round, the rows of i.
func (r *priceRow) person(i int) {
	pr := r.pr
	cand := pr.in.cand
	for y, j := range cand.more[i] { // the reserve, scored
		r.consider(i, int(j), cand.moreScore[i][y], pr.S[i]+pr.S[j], true)
	}
	if pr.scan[i] && pr.full && pr.S[i] < pr.Theta[i]/2 {
		r.scanRow(i, pr.Order, pr.S, true, pr.At[i], pr.scan)
	}
	if pr.scanG[i] && pr.full && pr.S2[i] < pr.Theta[i]/2 {
		r.scanRow(i, pr.Groups[pr.Top[i]], pr.S2, false, pr.AtG[i], pr.scanG)
	}
	if r.keep() && pr.scan[i] && pr.full {
		pr.verified[i] = true
	}
}

// consider records {i, j} of score q when it violates; lhs ≤ its slack +
// q. known: {i, j} is eligible.
func (r *priceRow) consider(i, j int, q int64, lhs float64, known bool) {
	pr := r.pr
	d := pairengine.NearShare * float64(q) // the slack below which {i, j} is kept
	if float64(q)+d <= lhs {
		return // cannot violate: slack ≥ lhs − q ≥ 0
	}
	if q == 0 && r.plainZero {
		return // plain scores: 0 means nothing to exchange
	}
	sl := pr.Slack(i, j, q, pr.in.C)
	if sl >= pairengine.SlackMargin+d {
		return
	}
	if pr.in.graph.Has(i, j) {
		return
	}
	if !known && pr.p.eligibleQ(i, j, q) != RuleNone {
		return
	}
	r.mine = append(r.mine, pairengine.Violation{E: pairengine.Edge{U: min(i, j), V: max(i, j), Q: q}, Slack: sl})
}

// A row scan scores its prefix with the row scorer when the prefix is
// longer than minRowPrefix people and 1/rowPrefixShare of the list: the
// row scorer's prepare streams the whole grade window (O(n·w_i/4)), which
// pays only when its bound then skips the O(w_j) score of many pairs;
// shorter prefixes are scored pair by pair.
const (
	minRowPrefix   = 64
	rowPrefixShare = 8
)

// scanRow checks the pairs of i with the people of list (sorted by sv)
// whose sum with i stays below θ. A pair with someone earlier in list
// (sv_j ≤ sv_i) whose row is scanned too is left to that row: their sum
// below θ_j implies sv_j < θ_j/2, so it scans its prefix and meets i
// there. Each pair is thus checked once.
func (r *priceRow) scanRow(i int, list []int, sv []float64, cross bool, self int, runs []bool) {
	pr, p := r.pr, r.pr.p
	n := pr.Prefix(i, list, sv)
	useRow := n > minRowPrefix && n > len(list)/rowPrefixShare
	if useRow && cross && pr.sorted != nil {
		if r.sr == nil {
			r.sr = pairengine.NewSortedRow(&p.Scores, pr.sorted, p.set.gap.span)
		}
		if r.sr.Scan(i, pr.Theta[i]-pr.S[i], self, pr.S[i], pr.Top[i], p.bestLevel(i), func(j int, q int64) { r.consider(i, j, q, pr.S[i]+pr.S[j], false) }) {
			return
		}
	}
	rs := r.rs
	if useRow {
		if rs == nil {
			rs = newRowScorer(p)
			r.rs = rs
		}
		rs.prepare(i)
	}
	harmonic := useRow && rs.Packed() && p.plain && p.set.Mutual == Harmonic
	hmax := int64(0)
	if harmonic {
		hmax = p.bestLevel(i)
	}
	for x, j := range list[:n] {
		if j == i || sv[i] >= pr.Theta[j]-sv[j] || pr.skip[j] || (x < self && runs[j]) {
			continue
		}
		if cross && pr.Top[i] >= 0 && pr.Top[i] == pr.Top[j] {
			continue // inside one blossom: handled with s2
		}
		lhs := sv[i] + sv[j]
		near := lhs / (1 + pairengine.NearShare) // q ≤ near: slack ≥ pairengine.NearShare·q
		var q int64
		if useRow {
			if float64(rs.Bound(j)) <= near || rs.out(j) {
				continue
			}
			if !harmonic {
				q = rs.score(j)
			} else {
				l, b := int64(math.Floor(near))+1, int64(rs.Taught(j))
				if pairengine.NeedBelow(int64(p.NeedT[p.SPos[j]])*hmax, b, l) {
					continue // even TeachInt(i → j) = A gives q ≤ lhs
				}
				if q = pairengine.HarmonicAbove(rs.TeachTo(j, int(p.SPos[j])), int32(b), l); q < 0 {
					continue // q ≤ lhs: cannot violate
				}
			}
		} else {
			q = p.qscore(i, j)
		}
		r.consider(i, j, q, lhs, false)
	}
}

// keep moves the CandidateK most violated of the person's pairs to the
// worker's list (memory O(n·k)) and reports whether none was dropped.
func (r *priceRow) keep() bool {
	all := true
	if len(r.mine) > r.pr.p.set.k {
		slices.SortFunc(r.mine, pairengine.MostViolated)
		r.mine = r.mine[:r.pr.p.set.k]
		all = false
	}
	*r.found = append(*r.found, r.mine...)
	r.mine = r.mine[:0]
	return all
}
