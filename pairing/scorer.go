package pairing

import (
	"slices"
	"sync"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/skills"
)

// Scorer scores, checks and explains the pairs of one roster under one set
// of Options, preparing the roster once: NewScorer takes O(n·k) time for n
// people and k skills, then Eligible, Score and Explain take O(w) per pair
// for people who need w skills (plus O(d) for a management chain d deep and
// O(k) when the peer rule compares skill profiles). Suggest scores one
// person against everyone (O(n·w)), or uses a threshold search on an
// inverted index above Options.DenseLimit people, built once on first use.
//
// People are numbered 0..Len()−1 in id order (ID gives the id, Index the
// number); the methods that take numbers are for loops over all pairs, the
// ones that take ids for single questions. Options.Pinned is ignored. A
// Scorer is safe for concurrent use.
type Scorer struct {
	p    *problem
	once sync.Once
	ix   *pairengine.Index
}

// NewScorer prepares r for scoring under opt. The error wraps
// ErrEmptyRoster, skills.ErrInvalidRoster or ErrInvalidOptions.
func NewScorer(r *skills.Roster, opt Options) (*Scorer, error) {
	return newScorerTuned(r, opt, tuning{})
}

func newScorerTuned(r *skills.Roster, opt Options, tune tuning) (*Scorer, error) {
	opt.Pinned = nil
	p, err := newProblemTuned(r, opt, tune)
	if err != nil {
		return nil, err
	}
	return &Scorer{p: p}, nil
}

// Len returns the number of people.
func (s *Scorer) Len() int { return s.p.n }

// ID returns the id of person i (0 ≤ i < Len(), in id order).
func (s *Scorer) ID(i int) string { return s.p.ppl[i].ID }

// Index returns the number of the person with the given id; the error
// wraps ErrUnknownPerson.
func (s *Scorer) Index(id string) (int, error) { return s.p.index(id) }

// Active reports whether person i is to be paired by a strategy (false
// for the people of pinned pairs, which Pairs keeps as they are).
func (s *Scorer) Active(i int) bool { return s.p.active[i] }

// Rule returns the first hard rule the pair {i, j} breaks, RuleNone when
// it is eligible (rules in the order of the Rule constants).
func (s *Scorer) Rule(i, j int) Rule { return s.p.eligible(i, j) }

// Weight returns the optimisation score of the pair {i, j} (Pair.Weight)
// and whether the pair is eligible; the weight of an ineligible pair is
// still computed, for analysis.
func (s *Scorer) Weight(i, j int) (float64, bool) {
	return round5(s.p.score(i, j)), s.p.eligible(i, j) == RuleNone
}

// Score returns the displayed 0–100 score of the pair {i, j} (Pair.Score).
func (s *Scorer) Score(i, j int) float64 { return s.p.display(i, j) }

// Teach returns how much person i can teach person j (see TeachMatrix).
func (s *Scorer) Teach(i, j int) float64 { return round5(s.p.teach(i, j)) }

// Eligible reports whether the people with ids a and b may be paired and,
// if not, the first rule they break. The error wraps ErrUnknownPerson.
func (s *Scorer) Eligible(a, b string) (bool, Rule, error) {
	i, j, err := s.pair(a, b)
	if err != nil {
		return false, RuleNone, err
	}
	rule := s.p.eligible(i, j)
	return rule == RuleNone, rule, nil
}

// Explain explains the pair of the people with ids a and b: eligibility
// with the rule broken, scores and the skills each would teach the other.
// The error wraps ErrUnknownPerson.
func (s *Scorer) Explain(a, b string) (Explanation, error) {
	i, j, err := s.pair(a, b)
	if err != nil {
		return Explanation{}, err
	}
	return s.p.explain(i, j), nil
}

// ExplainIndex is Explain for people i and j by number.
func (s *Scorer) ExplainIndex(i, j int) Explanation { return s.p.explain(i, j) }

func (s *Scorer) pair(a, b string) (int, int, error) {
	i, err := s.p.index(a)
	if err != nil {
		return 0, 0, err
	}
	j, err := s.p.index(b)
	return i, j, err
}

// Suggest returns the k best eligible partners of the person with the
// given id, best first by optimisation score, ties by id, each with its
// explanation. It returns fewer than k when fewer partners are eligible
// (by default a partner must have something to exchange). The error wraps
// ErrUnknownPerson.
func (s *Scorer) Suggest(id string, k int) ([]Suggestion, error) {
	p := s.p
	i, err := p.index(id)
	if err != nil || k <= 0 {
		return nil, err
	}
	var js []int32
	if p.n <= p.set.denseLimit {
		type cand struct {
			j int
			q int64
		}
		var cs []cand
		for j := 0; j < p.n; j++ {
			if p.eligible(i, j) == RuleNone {
				cs = append(cs, cand{j, p.qscore(i, j)})
			}
		}
		slices.SortStableFunc(cs, func(a, b cand) int {
			if a.q != b.q {
				if a.q > b.q {
					return -1
				}
				return 1
			}
			return a.j - b.j
		})
		for x := 0; x < len(cs) && x < k; x++ {
			js = append(js, int32(cs[x].j))
		}
	} else {
		s.once.Do(func() { s.ix = pairengine.NewIndex(&p.Scores, p.active) })
		sr := p.newSearcher(s.ix)
		// Search stops once no partner can score above its limit, but a
		// partner scoring exactly the k-th best still wins on a smaller
		// id: limit−1 (scores are whole quanta) makes it visit them too,
		// so that the ties break by id as in the dense path.
		found, qs, _ := pairengine.TopK(k, func(limit func() int64, visit func(j int, q int64)) {
			sr.Search(i, func() int64 { return limit() - 1 }, visit)
		})
		for x, j := range found {
			if qs[x] > 0 {
				js = append(js, j)
			}
		}
		// zero-score eligible partners (AllowNoExchange) by id: the search
		// meets only those sharing a skill with i, so they are all taken
		// from a scan, O(n·w), when fewer than k partners score above 0
		for j := 0; j < p.n && len(js) < k; j++ {
			if p.eligible(i, j) == RuleNone && p.qscore(i, j) == 0 {
				js = append(js, int32(j))
			}
		}
	}
	out := make([]Suggestion, len(js))
	for x, j := range js {
		out[x] = p.explain(i, int(j))
	}
	return out, nil
}
