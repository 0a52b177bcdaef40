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
