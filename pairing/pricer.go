package pairing

import (
	"context"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/matching"
)

// sortedScans reports whether pricing scans can use a
// pairengine.SortedScan: plain Harmonic scores that need an exchange, with
// packed needs.
func (p *problem) sortedScans() bool {
	p.ScanOrder()
	return p.plain && p.set.Mutual == Harmonic && !p.set.AllowNoExchange && p.WPK != nil
}

// roundSpec is the engine's view of a pricing round for the people act
// with the candidate lists cand: the grade gap as the window, θ of the
// candidate lists, the settled people (barren, or complete) skipped,
// CandidateK, and how scores are computed.
func (p *problem) roundSpec(act []int, cand *candidates) pairengine.RoundSpec {
	spec := pairengine.RoundSpec{Scores: &p.Scores, Window: p.set.gap.span, Act: act, Theta: cand.theta,
		Skip: p.settled(cand), K: p.set.k,
		PlainZero:     p.plain && !p.set.AllowNoExchange,
		PlainHarmonic: p.plain && p.set.Mutual == Harmonic,
		Sorted:        p.sortedScans(),
		LowByScore:    p.tune.lowByScore}
	if p.tracing() {
		spec.Trace = p.tracef
	}
	return spec
}

// price prices the certificate of in for the people act with the
// candidate lists cand: pairengine.PriceRound with pairing's rules and
// scores (roundJudge). See PriceRound for what it returns and its cost.
func (p *problem) price(ctx context.Context, in pairengine.PriceInput, act []int, cand *candidates) (pairengine.PriceResult, error) {
	return pairengine.PriceRound(ctx, in, p.roundSpec(act, cand), roundJudge{p: p, cand: cand})
}

// lowSideEdges returns up to k low-side pairs per person whose rows
// pricing scans under res (pairengine.LowSide, with pairing's rules and
// scores): PEERMATCH_TRACE_LOWSCORE=1 with TestTrace measures its ranking.
func (p *problem) lowSideEdges(ctx context.Context, res *matching.Result, act []int, cand *candidates, C float64, k int) ([]pairengine.Edge, error) {
	return pairengine.LowSide(ctx, res, C, k, p.roundSpec(act, cand), roundJudge{p: p, cand: cand})
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
