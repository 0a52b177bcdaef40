package pairing

import (
	"context"
	"fmt"
	"strings"

	"github.com/peermatch/peermatch/skills"
)

// Strategy is a way of forming pairs. All strategies take the same inputs
// (a roster and Options), obey the same hard rules, and return the same
// Result type with the same metrics, so that they can be compared. The
// strategies are the package variables Optimal, MaxMin, Stable, Greedy and
// Random; the interface is sealed.
type Strategy interface {
	// Name returns the strategy's name: "optimal", "maxmin", "stable",
	// "greedy" or "random".
	Name() string
	// Pair forms pairs from r with this strategy; it is Pairs with
	// opt.Strategy set to the receiver.
	Pair(ctx context.Context, r *skills.Roster, opt Options) (*Result, error)
	// solve returns mate (canonical indices, −1 for unmatched) over the
	// active people of p, and notes for the result.
	solve(ctx context.Context, p *problem) (mate []int, notes []string, err error)
}

type strategy struct {
	name string
	fn   func(p *problem, ctx context.Context) ([]int, []string, error)
}

func (s *strategy) Name() string { return s.name }

func (s *strategy) Pair(ctx context.Context, r *skills.Roster, opt Options) (*Result, error) {
	opt.Strategy = s
	return Pairs(ctx, r, opt)
}

func (s *strategy) solve(ctx context.Context, p *problem) ([]int, []string, error) {
	return s.fn(p, ctx)
}

var (
	// Optimal forms the most pairs possible and, among those, the pairs of
	// largest total score (scores rounded to 1e−5), exactly. Rosters of up to
	// Options.DenseLimit people are solved on the complete eligibility
	// graph; larger ones on top-k candidate lists completed by pricing,
	// which proves the result optimal for the complete graph (see Pairs).
	Optimal Strategy = &strategy{"optimal", (*problem).optimal}
	// MaxMin forms the most pairs possible, maximises the displayed score
	// (Pair.Score, 0–100, in the thousandths the metrics keep) of the worst
	// pair among those, then the total optimisation score of pairs at or
	// above that worst score. Its Metrics.Min is therefore never below
	// Optimal's, with as many pairs. It is exact up to Options.DenseLimit
	// people and works on the priced candidate graph of Optimal above,
	// which holds Optimal's matching, so the comparison with Optimal still
	// holds there. With Options.Trio a trio's score is the mean of its
	// three pairs, which the worst-pair guarantee does not cover.
	MaxMin Strategy = &strategy{"maxmin", (*problem).maxmin}
	// Stable returns a stable matching: no two people who are not together
	// both prefer each other to their partners (a higher score, the
	// preference Metrics.BlockingPairs counts with; a person without a
	// partner prefers anyone eligible), over every eligible pair. Up to
	// Options.DenseLimit people it runs Irving's stable-roommates algorithm
	// on complete preference lists ordered by score (ties by id); above it
	// returns the Greedy matching, which is stable, and its note says so.
	// Pinned pairs are kept as they are, so a pinned person may still
	// block with someone. Irving's algorithm cannot fail on these lists
	// (they follow one order of all pairs); if it did, the result would
	// say so (Result.NoStableMatching and a note) and fall back to Greedy.
	Stable Strategy = &strategy{"stable", (*problem).stable}
	// Greedy takes the best remaining eligible pair of two free people
	// (highest score, then the pair's smaller id, then its larger id),
	// repeatedly, over every eligible pair at any size: above
	// Options.DenseLimit lazily, from candidate lists and rescans of the
	// rows whose lists run out, without an n×n structure. Because a pair
	// scores the same for both, the result is stable (see Stable).
	Greedy Strategy = &strategy{"greedy", (*problem).greedy}
	// Random pairs people in a random order seeded by Options.Seed, each
	// with the first free eligible person after them.
	Random Strategy = &strategy{"random", (*problem).random}
)

// Strategies lists every strategy.
var Strategies = []Strategy{Optimal, MaxMin, Stable, Greedy, Random}

// StrategyByName returns the strategy of the given name (case-insensitive),
// or an error wrapping ErrInvalidOptions that lists the names.
func StrategyByName(name string) (Strategy, error) {
	var names []string
	for _, s := range Strategies {
		if strings.EqualFold(s.Name(), strings.TrimSpace(name)) {
			return s, nil
		}
		names = append(names, s.Name())
	}
	return nil, fmt.Errorf("%w: unknown strategy %q (want one of %s)", ErrInvalidOptions, name, strings.Join(names, ", "))
}

// Pairs forms buddy pairs from r with opt.Strategy (Optimal by default).
//
// Pinned pairs are checked against the hard rules and kept; the strategy
// pairs the other people. Without capacities above 1 (or with
// Options.IgnoreCapacity) every person ends in exactly one pair (or trio,
// with Options.Trio) or in Result.Unmatched with the reason. The result is
// deterministic and does not depend on the order of r.People: people are
// processed in id order and ties break by id.
//
// When someone's Person.Capacity is above 1, Optimal, Greedy and Random
// give each person at most their capacity of buddies (Result.Loads); a
// person without a buddy is in Result.Unmatched. Optimal maximises, in
// this order, the people with a buddy, the links and the total quantised
// score, exactly: person v becomes room(v) vertices (capacity less pins);
// a pair with a side of room 1 joins that vertex to each copy of the other
// by an edge of weight P·[first copies] + L + 2q, a pair of two people of
// room ≥ 2 gets a gadget x–y (u_i–x and y–v_j of weight M/2 + P·[first
// copy] + L/2 + q, x–y of weight M), so that a maximum-weight matching
// forms the pair (both outer edges) or not (x–y) and never half of it. P
// (on each person's first copy), L and M come from bounds on the scores
// (L above twice any total, P above any difference of L·links + 2·total,
// M ≥ 2P + L + 2·max q); weights above 2^50 are an error wrapping
// ErrTooLarge. Up to DenseLimit people every eligible pair is in the
// graph. Above, the candidate graph is solved and every other eligible
// pair {u, v} priced: with σ_v the smallest dual of v's copies (the first
// less P), it can join as a gadget with x–y matched under the same
// certificate iff σ_u + σ_v ≥ L + 2q; violators (at most CandidateK per
// person) are added and the graph solved again until none is left, which
// proves the result optimal. That is exact at every size, but when many
// people keep free slots pricing adds pairs for many rounds: on
// 3,000 × 200 synthetic rosters with 20% at capacity 2–3 it had not
// converged after 33 rounds (TestCapacityTrace); rosters with sparse
// eligibility (30 skills, TestCapacitySparseMatchesDense) take 2–4 rounds.
//
// Rosters of up to Options.DenseLimit people are scored pair by pair.
// Larger rosters never build an n×n structure. Each person's CandidateK
// best eligible partners, a reserve of the next 4·CandidateK, and a bound θ
// on the score of every other partner, come either from threshold searches
// over an inverted index (per skill and grade: who has the skill and who
// needs it, sorted by level) — used when haves are sparse (at most 1 level
// in 8 non-zero) — or from a streaming row scan, which is much faster when
// haves are dense, as in skills.Synthetic: the have columns of the skills
// a person needs, four people a word, give how much everyone can teach
// them, which bounds the score (a Harmonic score is below twice either
// direction); only people above the current k-th best get the exact O(w)
// score. With plain Harmonic scores the rules are then checked on the
// k + 8 best of the row only (the row is scanned again, checking every
// visit, when more than 8 of those break one). That is O(n·w_i/4) word
// operations per person plus O(w) per pair let through, in parallel.
// Three random eligible partners per person are added so that the
// candidate graph has a near-perfect matching.
//
// Optimal solves the candidate graph with the weights w' = q + C (q the
// score in units of 1e−5, C a premium per pair, every quantity an exact
// integer in float64) and prices the pairs left out: a pair {i, j} outside
// the graph has q ≤ min(θ_i, θ_j), so with s_v = y_v − C/2 (plus half the
// dual of v's top-level blossom for pairs inside one) its slack can only be
// negative when s_i + s_j < min(θ_i, θ_j), which needs s_i < θ_i/2 or
// s_j < θ_j/2. Pricing checks the reserve pairs from their stored scores
// and scans, for each such person (θ being the bound beyond the reserve),
// the people sorted by s up to the bound, adds up to CandidateK eligible
// pairs of negative slack per person (most violated first) and re-solves
// until none is left: the dual certificate then holds for every eligible
// pair, so the result is optimal for the complete graph. Each pair is
// checked from one row: of two people who both scan, the one with the
// smaller s. After a round whose pricing found many violators, each
// person who has to scan also gets the CandidateK partners among the
// others who do with the largest q_ij − s_j, the pairs closest to
// violating (such people end up paired below both partners' lists). A
// row is scanned again only when its person's dual fell, its blossom did
// not stay one blossom, or its last scan left violators out (the pairs
// inside a top-level blossom are priced every round); a round
// warm-starts the matching from the previous certificate
// (matching.NewStart) unless pricing found more violators than people.
// A round whose scans would check more than 128 pairs per graph edge
// prices the reserve only, until that finds no violator; only a full
// round ends the loop.
//
// People with no eligible partner stay out of the graph. When the others
// are odd in number, one dummy vertex joins them all with weight C/2. The
// first pass uses a premium C of about one best score, which keeps the
// duals on the scale of the scores; its matching has maximum cardinality
// when it leaves no linked person without a partner (or the dummy's), and
// is then kept, being of maximum weight for q + C among all matchings.
// Otherwise a second pass uses C larger than any total of scores, so that
// more pairs always win. A round of pricing costs O(n log n) plus the
// reserve and the pairs the bounds let through; on dense-have rosters the
// people who have to scan stream their rows with the row scorer, over the
// people laid out in the order of s.
func Pairs(ctx context.Context, r *skills.Roster, opt Options) (*Result, error) {
	return pairsTuned(ctx, r, opt, tuning{})
}

// pairsTuned is Pairs with the switches of tune.
func pairsTuned(ctx context.Context, r *skills.Roster, opt Options, tune tuning) (*Result, error) {
	p, err := newProblemTuned(r, opt, tune)
	if err != nil {
		return nil, err
	}
	capped, err := p.capacitated()
	if err != nil {
		return nil, err
	}
	if capped && honoursCapacity(p.set.Strategy) {
		return p.pairsCapacity(ctx)
	}
	mate, notes, err := p.set.Strategy.solve(ctx, p)
	if err != nil {
		return nil, err
	}
	if capped {
		notes = append(notes, p.capacityNote())
	}
	// The roster's warnings (managers it cannot resolve) travel with the pairs.
	return p.finish(ctx, mate, append(notes, r.WarningStrings()...))
}
