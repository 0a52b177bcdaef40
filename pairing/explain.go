package pairing

import (
	"github.com/peermatch/peermatch/skills"
)

// Eligible reports whether the people with ids a and b may be paired under
// the hard rules of opt and, if not, the first rule they break (rules are
// checked in the order of the Rule constants). The error wraps
// ErrUnknownPerson or ErrInvalidOptions. It prepares the roster of n people
// and k skills in O(n·k) time; for many questions about one roster, use a
// Scorer.
func Eligible(r *skills.Roster, a, b string, opt Options) (bool, Rule, error) {
	s, err := NewScorer(r, opt)
	if err != nil {
		return false, RuleNone, err
	}
	return s.Eligible(a, b)
}

// Explanation says why a pair is or is not a good idea.
type Explanation struct {
	A, B string
	// Eligible is false when the pair breaks Rule; Reason says so in words
	// (a never-pair rule is only named, never attributed).
	Eligible bool
	Rule     Rule
	Reason   string
	// Score is the displayed 0–100 score and Weight the optimisation score
	// (see Pair).
	Score, Weight float64
	// TeachAB and TeachBA are how much A can teach B and B can teach A.
	TeachAB, TeachBA float64
	// ATeachesB and BTeachesA list the top skills of each direction.
	ATeachesB, BTeachesA []SkillValue
}

// Explain explains the pair of the people with ids a and b: eligibility
// with the rule broken, scores and the skills each would teach the other.
// The error wraps ErrUnknownPerson or ErrInvalidOptions. It takes O(n·k)
// time; for many pairs of one roster, use a Scorer.
func Explain(r *skills.Roster, a, b string, opt Options) (Explanation, error) {
	s, err := NewScorer(r, opt)
	if err != nil {
		return Explanation{}, err
	}
	return s.Explain(a, b)
}

func (p *problem) explain(i, j int) Explanation {
	rule := p.eligible(i, j)
	return Explanation{A: p.ppl[i].ID, B: p.ppl[j].ID, Eligible: rule == RuleNone, Rule: rule, Reason: rule.describe(&p.set),
		Score: p.display(i, j), Weight: round5(p.score(i, j)), TeachAB: round5(p.teach(i, j)), TeachBA: round5(p.teach(j, i)),
		ATeachesB: p.teaches(i, j), BTeachesA: p.teaches(j, i)}
}

// Suggestion is one suggested partner of Suggest; A is the person asked
// about and B the suggested partner.
type Suggestion = Explanation

// Suggest returns the k best eligible partners of the person with the
// given id, best first by optimisation score, ties by id, each with its
// explanation. Pins are ignored. It scores every other person for rosters
// up to Options.DenseLimit people (O(n·w)) and uses the threshold search of
// an inverted index above. It returns fewer than k when fewer partners are
// eligible (by default a partner must have something to exchange,
// RuleNothingToExchange). The error wraps ErrUnknownPerson or
// ErrInvalidOptions. For many people of one roster, use a Scorer.
func Suggest(r *skills.Roster, id string, k int, opt Options) ([]Suggestion, error) {
	return suggestTuned(r, id, k, opt, tuning{})
}

// suggestTuned is Suggest with the switches of tune.
func suggestTuned(r *skills.Roster, id string, k int, opt Options, tune tuning) ([]Suggestion, error) {
	s, err := newScorerTuned(r, opt, tune)
	if err != nil {
		return nil, err
	}
	return s.Suggest(id, k)
}
