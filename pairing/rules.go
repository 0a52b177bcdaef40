package pairing

// This file is the one home of the hard rules: their options
// (HardRules) and defaults (resolve), each rule's name, its check (rule,
// in the order of the constants; classRule for the rules a person's
// attributes decide), the attributes that make people alike for them
// (appendClassAttrs), its sentence (describe) and its counted phrase in
// reasons (counted). Adding a rule touches this file and its tests. The
// grade gap's window for the scans is in gradegap.go, the exchange rule's
// test in problem.go (it needs the scores).

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/peermatch/peermatch/skills"
)

// HardRules are the rules that make a pair ineligible (see Rule), apart
// from repeats, which EarlierRounds governs: the grade gap, the peer rule
// (peers differ in at least one of knowledge, experience and grade, and
// are similar in at least one of them), pairs with nothing to exchange,
// line management, departments and never-pair lists. The zero value means
// the defaults: a grade gap of at most 1, both halves of the peer rule
// with the default thresholds, no direct line-management link, pairs with
// nothing to exchange excluded.
type HardRules struct {
	// MaxGradeGap is the largest allowed |grade(A) − grade(B)|. Nil means 1;
	// a negative value means no limit. Use GradeGap(n) to set it.
	MaxGradeGap *int
	// MinKnowledgeDistance is the skill-profile distance (mean absolute
	// difference of have levels, scaled to [0, 1]) at which two people
	// count as different in knowledge; 0 means 0.1.
	MinKnowledgeDistance float64
	// MinYearsGap is the experience gap, in years, at which two people
	// count as different in experience; 0 means 2.
	MinYearsGap float64
	// SimilarGrade is the largest grade gap at which two people count as
	// similar in authority; nil means 1. A negative value is an error.
	SimilarGrade *int
	// SimilarYears is the largest experience gap, in years, at which two
	// people count as similar in experience; 0 means 5.
	SimilarYears float64
	// SimilarKnowledge is the largest skill-profile distance (as for
	// MinKnowledgeDistance) at which two people count as similar in
	// knowledge; 0 means 0.2 (one level apart on average).
	SimilarKnowledge float64
	// NoPeerRule disables both halves of the peer rule (RuleNoDifference
	// and RuleNotSimilar).
	NoPeerRule bool
	// AllowNoExchange switches off RuleNothingToExchange: pairs whose
	// mutual score is 0 (nothing to exchange under Mutual) become eligible
	// again, as a last resort to pair more people.
	AllowNoExchange bool
	// ManagerChain extends the line-management rule from direct reports to
	// the whole chain: A may not be paired with anyone above or below them
	// in the management hierarchy.
	ManagerChain bool
	// DifferentDepartment forbids pairs whose members share a non-empty
	// department.
	DifferentDepartment bool
	// Never lists, per person id, the ids that person must never be paired
	// with (either direction suffices). Explanations never reveal who asked:
	// they say only "excluded by a never-pair rule".
	Never map[string][]string
}

// numbers returns the rules' thresholds with their field names, in the
// order the validation checks them.
func (h HardRules) numbers() []namedNumber {
	return []namedNumber{
		{"MinKnowledgeDistance", h.MinKnowledgeDistance},
		{"MinYearsGap", h.MinYearsGap},
		{"SimilarYears", h.SimilarYears},
		{"SimilarKnowledge", h.SimilarKnowledge},
	}
}

// resolve sets the rules' settings in s from h with their defaults (the
// thresholds, already checked finite by Options.resolve).
func (h HardRules) resolve(s *settings) error {
	s.gap.max = 1
	if h.MaxGradeGap != nil {
		s.gap.max = *h.MaxGradeGap
	}
	s.minDist = orDefault(h.MinKnowledgeDistance, 0.1)
	s.minYears = orDefault(h.MinYearsGap, 2)
	s.simYears = orDefault(h.SimilarYears, 5)
	s.simDist = orDefault(h.SimilarKnowledge, 0.2)
	s.simGrade = 1
	if h.SimilarGrade != nil {
		s.simGrade = *h.SimilarGrade
	}
	switch {
	case s.simGrade < 0:
		return fmt.Errorf("%w: SimilarGrade %d is negative", ErrInvalidOptions, s.simGrade)
	case s.simYears < 0:
		return fmt.Errorf("%w: SimilarYears %v is negative", ErrInvalidOptions, s.simYears)
	case s.simDist < 0:
		return fmt.Errorf("%w: SimilarKnowledge %v is negative", ErrInvalidOptions, s.simDist)
	}
	return nil
}

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
	if r := p.sameDepartmentOrGap(i, j); r != RuleNone {
		return r
	}
	if p.set.Repeats == ExcludeRepeats && p.repeat != nil {
		if _, ok := p.repeat[pairKey(i, j)]; ok {
			return RuleRepeat
		}
	}
	return p.peerRule(i, j)
}

// sameDepartmentOrGap returns RuleSameDepartment or RuleGradeGap when the
// pair {i, j} breaks one, RuleNone otherwise. O(1).
func (p *problem) sameDepartmentOrGap(i, j int) Rule {
	if p.set.DifferentDepartment && p.dept[i] >= 0 && p.dept[i] == p.dept[j] {
		return RuleSameDepartment
	}
	if !p.set.gap.allows(p.Grade[i], p.Grade[j]) {
		return RuleGradeGap
	}
	return RuleNone
}

// classRule returns the first rule that the class attributes of i and j
// break — same department, grade gap, no difference, not similar — or
// RuleNone: p.rule for a pair no pair-specific rule (never-pair lists,
// line management, repeats) touches. It does not compare i with j, so i
// and j may be one person (as the same answer stands for two members of
// one class). A rule decided by people's attributes belongs here and in
// rule, and its attributes in appendClassAttrs.
func (p *problem) classRule(i, j int) Rule {
	if r := p.sameDepartmentOrGap(i, j); r != RuleNone {
		return r
	}
	return p.peerRule(i, j)
}

// appendClassAttrs appends to key the attributes of person c that
// classRule and the exchange rule read — grade, years, department, have
// and want levels — so that people with equal keys get the same answer
// from every such rule (see ruleClasses).
func (p *problem) appendClassAttrs(key []byte, c int) []byte {
	key = binary.LittleEndian.AppendUint64(key, uint64(p.Grade[c]))
	key = binary.LittleEndian.AppendUint64(key, math.Float64bits(p.years[c]))
	key = binary.LittleEndian.AppendUint32(key, uint32(p.dept[c]))
	key = append(key, p.ppl[c].Have...)
	return append(key, p.ppl[c].Want...)
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
