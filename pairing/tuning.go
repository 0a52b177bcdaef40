package pairing

import "github.com/peermatch/peermatch/internal/pairengine"

// tuning holds the switches of the large-roster solve that tests and
// measurements set for one run (through pairsTuned, suggestTuned and
// newProblemTuned); its zero value is what Pairs and Scorer.Suggest use. Keeping
// them here rather than in package variables lets tests run in parallel.
type tuning struct {
	// search forces the candidate search: 0 chooses, 1 threshold search on
	// the inverted index, 2 row scan.
	search int
	// reserveFirst makes every pricing round check the reserve only until
	// it holds.
	reserveFirst bool
	// coldRounds solves every pricing round from scratch; warmRounds
	// starts every round from the previous certificate, also after a
	// round with more violators than people.
	coldRounds, warmRounds bool
	// lowByScore ranks the low-side partners by score alone instead of
	// q_ij − s_j.
	lowByScore bool
	// reserveMul is the reserve of the candidate search per candidate
	// kept; 0 means defaultReserveMul.
	reserveMul int
	// pricePerEdge is the row-scan budget of a pricing round, in pairs
	// per edge of the graph; 0 means defaultPricePerEdge.
	pricePerEdge int
	// lowSideK is the number of partners lowSideEdges adds per person
	// after the first solve; 0 means defaultLowSideK, < 0 none.
	lowSideK int
	// capDenseLimit is the largest roster solved on the complete graph
	// under capacities when the fast solve cannot prove its answer; 0
	// means defaultCapDenseLimit.
	capDenseLimit int
	// everyPair makes the roster's size the dense limit, whatever
	// Options.DenseLimit says: Evaluate scores a given pairing against
	// every pair without building an n×n table.
	everyPair bool
	// trace, when set, receives progress lines of the sparse solve.
	trace func(format string, args ...any)
}

const (
	// defaultReserveMul: the reserve lets pricing check the next best
	// partners from stored scores instead of rescanning rows. A deeper one
	// costs candidate search (the (k+reserve)-th best bounds the scan) and
	// saves pricing work (θ, the bound on every pair outside the lists, is
	// lower); 4·k measured best of 2, 4 and 9 (docs/performance-log.md).
	defaultReserveMul = 4
	// defaultCapDenseLimit: under capacities, when the small-premium solve
	// of a candidate graph cannot prove its answer (its coverage or links
	// fall short of their upper bounds), Optimal solves the complete
	// eligibility graph up to this many people (BenchmarkCapacityComplete
	// measures 3,000 and 5,000; the README has the figures). Pricing with the
	// large premiums instead converges too slowly: people with a free
	// place violate the certificate with almost every eligible partner.
	defaultCapDenseLimit = 5000
	// defaultLowSideK: see lowSideEdges.
	defaultLowSideK = 20
	// defaultPricePerEdge: pricing rounds scan rows for up to this many
	// pairs per edge of the graph before they check the whole certificate.
	defaultPricePerEdge = 128
)

// reserve returns the number of partners kept per person beyond k.
func (t tuning) reserve(k int) int {
	if t.reserveMul > 0 {
		return t.reserveMul * k
	}
	return defaultReserveMul * k
}

// lowSide returns the number of low-side partners per person, 0 for none.
func (t tuning) lowSide() int {
	switch {
	case t.lowSideK < 0:
		return 0
	case t.lowSideK == 0:
		return defaultLowSideK
	}
	return t.lowSideK
}

// engine returns the switches of the engine's sparse solve.
func (t tuning) engine() pairengine.Config {
	c := pairengine.Config{ColdRounds: t.coldRounds, WarmRounds: t.warmRounds, LowSideK: t.lowSide(), Trace: t.trace}
	switch {
	case t.reserveFirst:
		c.PricePerEdge = 0 // the reserve only, until it holds
	case t.pricePerEdge > 0:
		c.PricePerEdge = t.pricePerEdge
	default:
		c.PricePerEdge = defaultPricePerEdge
	}
	return c
}

// capDense returns the capacity solve's complete-graph limit.
func (t tuning) capDense() int {
	if t.capDenseLimit > 0 {
		return t.capDenseLimit
	}
	return defaultCapDenseLimit
}

// tracing reports whether progress lines are wanted.
func (p *problem) tracing() bool { return p.tune.trace != nil }

// tracef sends one progress line to the run's trace, if set.
func (p *problem) tracef(format string, args ...any) {
	if p.tune.trace != nil {
		p.tune.trace(format, args...)
	}
}
