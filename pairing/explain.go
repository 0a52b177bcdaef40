package pairing

import (
	"slices"

	"github.com/peermatch/peermatch/skills"
)

// Eligible reports whether the people with ids a and b may be paired under
// the hard rules of opt and, if not, the first rule they break (rules are
// checked in the order of the Rule constants). The error wraps
// ErrUnknownPerson or ErrInvalidOptions. It takes O(n·k) time to prepare the
// roster of n people and k skills.
func Eligible(r *skills.Roster, a, b string, opt Options) (bool, Rule, error) {
	opt.Pinned = nil
	p, err := newProblem(r, opt)
	if err != nil {
		return false, RuleNone, err
	}
	i, err := p.index(a)
	if err != nil {
		return false, RuleNone, err
	}
	j, err := p.index(b)
	if err != nil {
		return false, RuleNone, err
	}
	rule := p.eligible(i, j)
	return rule == RuleNone, rule, nil
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
// time.
func Explain(r *skills.Roster, a, b string, opt Options) (Explanation, error) {
	opt.Pinned = nil
	p, err := newProblem(r, opt)
	if err != nil {
		return Explanation{}, err
	}
	i, err := p.index(a)
	if err != nil {
		return Explanation{}, err
	}
	j, err := p.index(b)
	if err != nil {
		return Explanation{}, err
	}
	return p.explain(i, j), nil
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
// the inverted index above. It returns fewer than k when fewer partners
// are eligible (by default a partner must have something to exchange,
// RuleNothingToExchange). The error wraps ErrUnknownPerson or
// ErrInvalidOptions.
func Suggest(r *skills.Roster, id string, k int, opt Options) ([]Suggestion, error) {
	return suggestTuned(r, id, k, opt, tuning{})
}

// suggestTuned is Suggest with the switches of tune.
func suggestTuned(r *skills.Roster, id string, k int, opt Options, tune tuning) ([]Suggestion, error) {
	opt.Pinned = nil
	p, err := newProblemTuned(r, opt, tune)
	if err != nil {
		return nil, err
	}
	i, err := p.index(id)
	if err != nil {
		return nil, err
	}
	if k <= 0 {
		return nil, nil
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
		s := newSearcher(p, p.newIndex())
		js, _, _ = s.topK(i, k)
		if len(js) < k { // fill with zero-score eligible people (AllowNoExchange), by id
			have := make(map[int32]bool)
			for _, j := range js {
				have[j] = true
			}
			for j := 0; j < p.n && len(js) < k; j++ {
				if !have[int32(j)] && p.eligible(i, j) == RuleNone {
					js = append(js, int32(j))
				}
			}
		}
	}
	out := make([]Suggestion, len(js))
	for x, j := range js {
		out[x] = p.explain(i, int(j))
	}
	return out, nil
}
