package pairing

import "github.com/peermatch/peermatch/skills"

// explainOnce, suggestOnce and eligibleOnce ask a fresh Scorer one
// question, as a caller with one question does.
func explainOnce(r *skills.Roster, a, b string, opt Options) (Explanation, error) {
	s, err := NewScorer(r, opt)
	if err != nil {
		return Explanation{}, err
	}
	return s.Explain(a, b)
}

func suggestOnce(r *skills.Roster, id string, k int, opt Options) ([]Suggestion, error) {
	return suggestTuned(r, id, k, opt, tuning{})
}

func eligibleOnce(r *skills.Roster, a, b string, opt Options) (bool, Rule, error) {
	s, err := NewScorer(r, opt)
	if err != nil {
		return false, RuleNone, err
	}
	return s.Eligible(a, b)
}
