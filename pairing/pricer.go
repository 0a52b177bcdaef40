package pairing

import (
	"context"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// sortedScans reports whether pricing scans can use a
// pairengine.SortedScan: plain Harmonic scores that need an exchange, with
// packed needs.
func (p *problem) sortedScans() bool {
	p.ScanOrder()
	return p.plain && p.set.Mutual == Harmonic && !p.set.AllowNoExchange && p.WPK != nil
}

// price prices the certificate of in for the people act with the
// candidate lists cand: pairengine.PriceRound with pairing's rules and
// scores (roundJudge), the grade gap as the window, θ and the reserve of
// the candidate lists, and the settled people (barren, or complete)
// skipped. See PriceRound for what it returns and its cost.
func (p *problem) price(ctx context.Context, in pairengine.PriceInput, act []int, cand *candidates) (pairengine.PriceResult, error) {
	spec := pairengine.RoundSpec{Scores: &p.Scores, Window: p.set.gap.span, Act: act, Theta: cand.theta,
		Skip: p.settled(cand), K: p.set.k,
		PlainZero:     p.plain && !p.set.AllowNoExchange,
		PlainHarmonic: p.plain && p.set.Mutual == Harmonic,
		Sorted:        p.sortedScans()}
	if p.tracing() {
		spec.Trace = p.tracef
	}
	return pairengine.PriceRound(ctx, in, spec, roundJudge{p: p, cand: cand})
}

// roundJudge answers a pricing round's questions about pairs with the
// rules (eligibleQ), the scores (qscore) and the candidate lists of p.
type roundJudge struct {
	p    *problem
	cand *candidates
}

func (j roundJudge) Reserve(i int) ([]int32, []int64) { return j.cand.more[i], j.cand.moreScore[i] }
func (j roundJudge) Score(a, b int) int64             { return j.p.qscore(a, b) }
func (j roundJudge) Eligible(a, b int, q int64) bool  { return j.p.eligibleQ(a, b, q) == RuleNone }
func (j roundJudge) Best(i int) int64                 { return j.p.bestLevel(i) }
func (j roundJudge) NewRow() pairengine.RowJudge      { return newRowScorer(j.p) }
