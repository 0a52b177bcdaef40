package pairing

import (
	"context"
	"fmt"
	"strings"

	"github.com/peermatch/peermatch/skills"
)

// Strategy is a way of forming pairs. Pairs runs Options.Strategy: the
// built-in strategies are the package variables Optimal, MaxMin, Stable,
// Greedy and Random, and a researcher may implement their own. Pairs
// checks a strategy's pairs against the hard rules and gives every
// strategy the same Result, explanations and metrics, so that they can be
// compared.
type Strategy interface {
	// Name returns the strategy's name, as Result.Strategy and tables
	// show it ("optimal", "maxmin", "stable", "greedy", "random" for the
	// built-in ones).
	Name() string
	// Match returns the pairs to form among the people of sc, by number
	// (see Scorer), and notes for the Result. Each pair must be eligible
	// (sc.Rule is RuleNone) and join two people to pair (sc.Active), each
	// at most once; Pairs returns an error wrapping ErrInvalidStrategy
	// otherwise. Match must stop promptly when ctx is done.
	Match(ctx context.Context, sc *Scorer) (pairs [][2]int, notes []string, err error)
}

// strategy is a built-in Strategy: it works on the prepared problem.
type strategy struct {
	name string
	fn   func(p *problem, ctx context.Context) ([]int, []string, error)
}

func (s *strategy) Name() string { return s.name }

// Match runs the strategy on the Scorer's problem.
func (s *strategy) Match(ctx context.Context, sc *Scorer) ([][2]int, []string, error) {
	mate, notes, err := s.fn(sc.p, ctx)
	if err != nil {
		return nil, nil, err
	}
	var pairs [][2]int
	for i, j := range mate {
		if j > i {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	return pairs, notes, nil
}

// solve returns mate (canonical indices, −1 for unmatched) over the active
// people of p and the notes: directly for a built-in strategy, checked
// through Match for any other.
func solve(ctx context.Context, p *problem) ([]int, []string, error) {
	if s, ok := p.set.Strategy.(*strategy); ok {
		return s.fn(p, ctx)
	}
	name := p.set.Strategy.Name()
	pairs, notes, err := p.set.Strategy.Match(ctx, &Scorer{p: p})
	if err != nil {
		return nil, nil, err
	}
	mate := p.noMate()
	for _, pr := range pairs {
		i, j := pr[0], pr[1]
		switch {
		case i < 0 || j < 0 || i >= p.n || j >= p.n:
			return nil, nil, fmt.Errorf("%w: %s paired numbers %d and %d of %d people", ErrInvalidStrategy, name, i, j, p.n)
		case !p.active[i] || !p.active[j]:
			return nil, nil, fmt.Errorf("%w: %s paired %s–%s, and one of them is pinned", ErrInvalidStrategy, name, p.ppl[i].ID, p.ppl[j].ID)
		case mate[i] >= 0 || mate[j] >= 0 || i == j:
			return nil, nil, fmt.Errorf("%w: %s put %s or %s in two pairs", ErrInvalidStrategy, name, p.ppl[i].ID, p.ppl[j].ID)
		}
		if r := p.eligible(i, j); r != RuleNone {
			return nil, nil, fmt.Errorf("%w: %s paired %s–%s, which breaks rule %s (%s)", ErrInvalidStrategy, name, p.ppl[i].ID, p.ppl[j].ID, r, r.describe(&p.set))
		}
		mate[i], mate[j] = j, i
	}
	return mate, notes, nil
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
// pairs the others. Every person ends in a pair (or a trio, with
// Options.Trio) or in Result.Unmatched with the reason. When someone's
// Person.Capacity is above 1 (and Options.IgnoreCapacity is unset),
// Optimal, Greedy and Random give each person at most their capacity of
// buddies, and Optimal maximises, in this order, the people with a buddy,
// the links and the total score; MaxMin and Stable pair everyone once and
// say so in a note.
//
// Optimal is exact at every size: rosters above Options.DenseLimit are
// solved on candidate lists and priced against the dual certificate until
// it covers every eligible pair (docs/design-pairing.md has the method).
// With capacities above 1 it is exact too: above DenseLimit it proves its
// answer by upper bounds on coverage and links, else it solves the
// complete graph (up to 5,000 people; above, an error wrapping ErrTooLarge
// unless DenseLimit is set).
//
// The result is deterministic and independent of the order of r.People
// (ties break by id). Optimal takes O(n²·w̄/4) word operations for the
// candidate lists plus the blossom solves (README: Performance). Errors wrap ErrEmptyRoster, skills.ErrInvalidRoster,
// ErrInvalidOptions, ErrUnknownPerson, ErrPinBreaksRule or ErrTooLarge, or
// are the context's error when ctx is done.
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
	mate, notes, err := solve(ctx, p)
	if err != nil {
		return nil, err
	}
	if capped {
		notes = append(notes, p.capacityNote())
	}
	// The roster's warnings (managers it cannot resolve) travel with the pairs.
	return p.finish(ctx, mate, append(notes, r.WarningStrings()...))
}
