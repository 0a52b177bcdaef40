package pairing

// This file is the one home of the hard rules: each rule's name, its
// check (rule, in the order of the constants), its sentence (describe)
// and its counted phrase in reasons (counted). The grade gap's window for
// the scans is in gradegap.go, the exchange rule's test in problem.go
// (it needs the scores), and the thresholds in options.go.

import (
	"fmt"
	"math"

	"github.com/peermatch/peermatch/skills"
)

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

// counted phrases the rule with the number n of candidates it excluded.
func (r Rule) counted(n int, s *settings, what string) string {
	switch r {
	case RuleGradeGap:
		if s.gap.max == 0 {
			return fmt.Sprintf("%d of another grade", n)
		}
		if s.gap.max == 1 {
			return fmt.Sprintf("%d more than 1 grade apart", n)
		}
		return fmt.Sprintf("%d more than %d grades apart", n, s.gap.max)
	case RuleManager:
		if s.ManagerChain {
			return fmt.Sprintf("%d in the same management chain", n)
		}
		return fmt.Sprintf("%d in a line-management link", n)
	case RuleNothingToExchange:
		return fmt.Sprintf("%d with nothing to exchange", n)
	case RuleSameDepartment:
		return fmt.Sprintf("%d in the same department", n)
	case RuleRepeat:
		return fmt.Sprintf("%d already paired in an earlier round", n)
	case RuleNoDifference:
		return fmt.Sprintf("%d too alike (same grade, under %g years apart, near-identical skills)", n, s.minYears)
	case RuleNotSimilar:
		return fmt.Sprintf("%d not peers (grade, experience and skills all far apart)", n)
	case RuleNeverPair:
		return fmt.Sprintf("%d excluded by a never-pair list", n)
	}
	if n == 1 {
		return fmt.Sprintf("1 %s excluded by %s", what, r)
	}
	return fmt.Sprintf("%d %ss excluded by %s", n, what, r)
}

// rule returns the first hard rule other than RuleNothingToExchange that
// the pair {i, j} breaks, or RuleNone. It takes O(1) time, plus O(depth)
// with ManagerChain and O(k) when the peer rule has to compare skill
// profiles.
func (p *problem) rule(i, j int) Rule {
	if i == j {
		return RuleSamePerson
	}
	if len(p.never) > 0 {
		if _, ok := p.never[pairKey(i, j)]; ok {
			return RuleNeverPair
		}
	}
	if p.managed(i, j) {
		return RuleManager
	}
	if p.set.DifferentDepartment && p.dept[i] >= 0 && p.dept[i] == p.dept[j] {
		return RuleSameDepartment
	}
	gi, gj := p.Grade[i], p.Grade[j]
	if !p.set.gap.allows(gi, gj) {
		return RuleGradeGap
	}
	if p.set.Repeats == ExcludeRepeats && p.repeat != nil {
		if _, ok := p.repeat[pairKey(i, j)]; ok {
			return RuleRepeat
		}
	}
	return p.peerRule(i, j)
}

// peerRule returns RuleNoDifference or RuleNotSimilar when the pair {i, j}
// breaks a half of the peer rule, RuleNone otherwise (O(1), or O(k) when
// the skill profiles must be compared).
func (p *problem) peerRule(i, j int) Rule {
	if p.set.NoPeerRule {
		return RuleNone
	}
	gi, gj := p.Grade[i], p.Grade[j]
	dy := math.Abs(p.years[i] - p.years[j])
	if gi == gj && dy < p.set.minYears && p.closer(i, j, p.set.minDist, false) {
		return RuleNoDifference
	}
	if !within(gi, gj, p.set.simGrade) && dy > p.set.simYears && !p.closer(i, j, p.set.simDist, true) {
		return RuleNotSimilar
	}
	return RuleNone
}

// managed reports whether one of i, j manages the other.
func (p *problem) managed(i, j int) bool {
	if !p.set.ManagerChain {
		return int(p.mgr[i]) == j || int(p.mgr[j]) == i
	}
	return p.above(i, j) || p.above(j, i)
}

// above reports whether m is in the management chain above i.
func (p *problem) above(m, i int) bool {
	for steps, c := 0, p.mgr[i]; c >= 0 && steps <= p.n; steps, c = steps+1, p.mgr[c] {
		if int(c) == m {
			return true
		}
	}
	return false
}

// closer reports whether the skill-profile distance of i and j — the mean
// absolute difference of their have levels, scaled to [0, 1] — is below t
// (or at most t, with orEqual). It takes O(1) time when the difference of
// the level sums already decides it (|Σ difference| bounds
// Σ |difference|) and O(k) at most otherwise, stopping as soon as the
// partial sum passes the threshold.
func (p *problem) closer(i, j int, t float64, orEqual bool) bool {
	beyond := func(d float64) bool { return d > t || (!orEqual && d == t) }
	if p.k == 0 {
		return !beyond(0)
	}
	denom := float64(skills.MaxLevel * p.k)
	if x := p.hsum[i] - p.hsum[j]; beyond(float64(max(x, -x)) / denom) {
		return false
	}
	a, b := p.have8[i], p.have8[j]
	d := 0
	for s := 0; s < len(a); s += 8 { // 64 skills a step
		e := min(s+8, len(a))
		d += absDiffSum(a[s:e], b[s:e])
		if beyond(float64(d) / denom) {
			return false
		}
	}
	return true
}

// absDiffSum returns Σ |a_t − b_t| over the bytes of a and b (levels ≤ 127,
// at most 48 words), eight bytes at a time.
func absDiffSum(a, b []uint64) int {
	const hi = 0x8080808080808080
	b = b[:len(a)]
	acc := uint64(0)
	for x, u := range a {
		v := b[x]
		ge := (((u | hi) - v) & hi) >> 7 // 1 in every byte where u ≥ v
		mask := ge * 0xff
		acc += ((u & mask) | (v &^ mask)) - ((v & mask) | (u &^ mask)) // max − min
	}
	acc = (acc & 0x00ff00ff00ff00ff) + (acc >> 8 & 0x00ff00ff00ff00ff)
	return int((acc * 0x0001000100010001) >> 48)
}
