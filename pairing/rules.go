package pairing

import "fmt"

// Rule names a hard eligibility rule. RuleNone means a pair breaks no rule.
type Rule int

const (
	// RuleNone: the pair is eligible.
	RuleNone Rule = iota
	// RuleSamePerson: a person cannot be paired with themselves.
	RuleSamePerson
	// RuleNeverPair: one of the two asked never to be paired with the other.
	RuleNeverPair
	// RuleManager: one is the other's line manager (with
	// Options.ManagerChain: anywhere above them in the chain).
	RuleManager
	// RuleSameDepartment: both are in the same department and
	// Options.DifferentDepartment is set.
	RuleSameDepartment
	// RuleGradeGap: their grades differ by more than Options.MaxGradeGap.
	RuleGradeGap
	// RuleRepeat: they were paired in an earlier round of the History.
	RuleRepeat
	// RuleNoDifference: they differ neither in knowledge, nor experience, nor
	// authority, so there is nothing to learn from each other.
	RuleNoDifference
	// RuleNotSimilar: they are similar in none of knowledge, experience and
	// authority (grades more than Options.SimilarGrade apart, years more
	// than Options.SimilarYears apart and skill profiles further apart than
	// Options.SimilarKnowledge), so they are not peers. With the default
	// grade gap (at most 1, equal to SimilarGrade) every pair passes it on
	// authority; it matters when MaxGradeGap allows wider gaps.
	RuleNotSimilar
	// RuleNothingToExchange: the pair's mutual score (Options.Mutual) is 0,
	// so it has nothing to exchange. Under Harmonic (the default, two-way)
	// and Min that is when at least one of the two has nothing the other
	// wants; under OneWay and Sum when neither has. For Mentor (one way) it
	// is when the mentor has nothing the mentee wants. Options.AllowNoExchange
	// switches the rule off; a pinned pair is kept even when it breaks it
	// (with a note in the Result).
	RuleNothingToExchange
	numRules
)

var ruleNames = [numRules]string{"none", "same_person", "never_pair", "line_management", "same_department", "grade_gap", "repeat", "no_difference", "not_similar", "nothing_to_exchange"}

// String returns the rule's snake_case name, as used in the JSON metrics
// ("grade_gap", "no_difference", "not_similar", "line_management", "same_department",
// "never_pair", "repeat", "same_person", "nothing_to_exchange", "none").
func (r Rule) String() string {
	if r >= 0 && r < numRules {
		return ruleNames[r]
	}
	return fmt.Sprintf("Rule(%d)", int(r))
}

// describe returns a sentence explaining the rule under s. The never-pair
// rule is deliberately uninformative: it does not say who asked.
func (r Rule) describe(s *settings) string {
	switch r {
	case RuleNone:
		return "eligible"
	case RuleSamePerson:
		return "a person cannot be paired with themselves"
	case RuleNeverPair:
		return "excluded by a never-pair rule"
	case RuleManager:
		if s.ManagerChain {
			return "one is in the other's line-management chain"
		}
		return "one is the other's line manager"
	case RuleSameDepartment:
		return "same department"
	case RuleGradeGap:
		return fmt.Sprintf("grade gap greater than %d", s.gap.max)
	case RuleRepeat:
		return "already paired in an earlier round"
	case RuleNoDifference:
		return fmt.Sprintf("no difference to learn from (same grade, years gap below %g, skill-profile distance below %g)", s.minYears, s.minDist)
	case RuleNotSimilar:
		return fmt.Sprintf("not peers: similar in neither authority (grades more than %d apart), experience (more than %g years apart) nor knowledge (skill-profile distance above %g)", s.simGrade, s.simYears, s.simDist)
	case RuleNothingToExchange:
		if s.Mutual == Harmonic || s.Mutual == Min {
			return fmt.Sprintf("nothing to exchange: %s score 0, at least one of the two has nothing the other wants", s.Mutual)
		}
		return "nothing to exchange: neither has anything the other wants"
	}
	return r.String()
}
