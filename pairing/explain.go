package pairing

import (
	"github.com/peermatch/peermatch/skills"
)

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

func (p *problem) explain(i, j int) Explanation {
	rule := p.eligible(i, j)
	return Explanation{A: p.ppl[i].ID, B: p.ppl[j].ID, Eligible: rule == RuleNone, Rule: rule, Reason: rule.describe(&p.set),
		Score: p.display(i, j), Weight: round5(p.score(i, j)), TeachAB: round5(p.teach(i, j)), TeachBA: round5(p.teach(j, i)),
		ATeachesB: p.teaches(i, j), BTeachesA: p.teaches(j, i)}
}

// Suggestion is one suggested partner of Scorer.Suggest; A is the person asked
// about and B the suggested partner.
type Suggestion = Explanation

// suggestTuned is Scorer.Suggest on a Scorer made with the switches of
// tune (tests compare the index search with the dense scores).
func suggestTuned(r *skills.Roster, id string, k int, opt Options, tune tuning) ([]Suggestion, error) {
	s, err := newScorerTuned(r, opt, tune)
	if err != nil {
		return nil, err
	}
	return s.Suggest(id, k)
}
