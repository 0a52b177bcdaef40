package pairing

import (
	"fmt"
	"slices"
	"strings"
)

// rejectedList says in plain words how many candidates each rule excluded,
// largest count first (ties by rule order), e.g. "36 more than 1 grade
// apart, 9 with nothing to exchange, 2 in a line-management link". counts
// is indexed by Rule; what names the candidates ("partner", "mentor").
func rejectedList(counts []int, s *settings, what string) string {
	var rules []Rule
	for r := RuleNone + 1; r < numRules; r++ {
		if int(r) < len(counts) && counts[r] > 0 {
			rules = append(rules, r)
		}
	}
	slices.SortStableFunc(rules, func(a, b Rule) int { return counts[b] - counts[a] })
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = r.counted(counts[r], s, what)
	}
	return strings.Join(parts, ", ")
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

// plural returns "1 other" or "n others".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// takenReason explains a person left unmatched although eligible partners
// (eligible of them) exist, in the terms of the strategy that left them
// out: what it guarantees about those partners.
func (p *problem) takenReason(eligible int) string {
	switch {
	case p.set.Strategy == Greedy:
		return fmt.Sprintf("every eligible partner (%d) was taken by a pair chosen earlier (greedy takes the best remaining pair first)", eligible)
	case p.set.Strategy == Stable && !p.noStable:
		return fmt.Sprintf("every eligible partner (%d) is paired with someone they like at least as much (stable matching)", eligible)
	case p.set.Strategy == Random:
		return fmt.Sprintf("every eligible partner (%d) was paired with someone else first (random order, seed %d)", eligible, p.set.Seed)
	}
	return fmt.Sprintf("every eligible partner (%d) is paired with someone else", eligible)
}

// oddReason explains the one person left out of a maximum-cardinality
// matching when everyone else with an eligible partner is paired, for the
// strategies whose objective chose whom to leave out ("" for the others).
func (p *problem) oddReason() string {
	switch p.set.Strategy {
	case Optimal:
		return "odd count: one person had to be left out and leaving out this person cost least"
	case MaxMin:
		return "odd count: one person had to be left out; leaving out this person kept the worst pair's score highest, then the total"
	}
	return ""
}
