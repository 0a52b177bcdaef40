package pairing

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// Load is how many buddies a person has against their capacity
// (Person.EffectiveCapacity), in Result.Loads.
type Load struct {
	ID       string
	Load     int
	Capacity int
}

// finishCapacity turns the links of a b-matching (pins added here) into a
// Result: a Pair per link, reasons for the people without a buddy, loads
// and metrics. It checks that no link breaks a rule or repeats and that
// nobody exceeds their capacity.
func (p *problem) finishCapacity(ctx context.Context, cp *capPlan, links [][2]int, notes []string) (*Result, error) {
	for _, pin := range p.pinned {
		links = append(links, [2]int{min(pin[0], pin[1]), max(pin[0], pin[1])})
	}
	slices.SortFunc(links, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	notes = append(notes, p.pinNotes...)
	load := make([]int, p.n)
	partners := make([][]int, p.n)
	linked := make(map[uint64]struct{}, len(links))
	for x, l := range links {
		u, v := l[0], l[1]
		_, pinned := cp.pinned[pairKey(u, v)]
		rule := p.eligible(u, v)
		if pinned && rule == RuleNothingToExchange {
			rule = RuleNone
		}
		if rule != RuleNone || (x > 0 && links[x-1] == l) {
			return nil, fmt.Errorf("pairing: internal error: invalid pair %s–%s", p.ppl[u].ID, p.ppl[v].ID)
		}
		linked[pairKey(u, v)] = struct{}{}
		load[u]++
		load[v]++
		partners[u] = append(partners[u], v)
		partners[v] = append(partners[v], u)
	}
	for c := 0; c < p.n; c++ {
		if load[c] > cp.cap[c] {
			return nil, fmt.Errorf("pairing: internal error: %s has %d buddies for capacity %d", p.ppl[c].ID, load[c], cp.cap[c])
		}
	}
	res := &Result{Strategy: p.set.Strategy.Name(), Notes: notes}
	for _, l := range links {
		a, b := l[0], l[1]
		_, pinned := cp.pinned[pairKey(a, b)]
		pr := p.pairOf(a, b)
		pr.Pinned, pr.Score, pr.Weight = pinned, p.display(a, b), round5(p.score(a, b))
		res.Pairs = append(res.Pairs, pr)
	}
	var unmatched []int
	for c := 0; c < p.n; c++ {
		if load[c] == 0 {
			unmatched = append(unmatched, c)
		}
	}
	if err := p.reasons(ctx, res, nil, unmatched); err != nil {
		return nil, err
	}
	// With capacities nobody is left out for an odd count: a person with
	// an eligible partner is left only when every such partner is full.
	act := p.activeList()
	for x := range res.Unmatched {
		u := &res.Unmatched[x]
		if u.Rules != nil {
			continue
		}
		i := unmatched[x]
		n := 0
		for _, j := range act {
			if j != i && p.eligible(i, j) == RuleNone {
				n++
			}
		}
		u.Reason = fmt.Sprintf("every eligible partner (%d) already has as many buddies as their capacity allows", n)
	}
	for c := 0; c < p.n; c++ {
		res.Loads = append(res.Loads, Load{ID: p.ppl[c].ID, Load: load[c], Capacity: cp.cap[c]})
	}
	if err := p.capMetrics(ctx, res, cp, load, partners, linked); err != nil {
		return nil, err
	}
	return res, nil
}

// capMetrics fills res.Metrics for a b-matching. Equity is the mean over
// the links; want coverage counts a wanted skill as covered when any
// buddy has it at a higher level; a blocking pair is an eligible pair not
// linked whose two people would each gain by the link: a person prefers j
// when they have room left or j scores above their worst buddy.
func (p *problem) capMetrics(ctx context.Context, res *Result, cp *capPlan, load []int, partners [][]int, linked map[uint64]struct{}) error {
	m := &res.Metrics
	m.Pairs = len(res.Pairs)
	m.Links = len(res.Pairs)
	m.Unmatched = len(res.Unmatched)
	m.Rejected = p.rejectedCounts()
	m.Min = math.Inf(1)
	var sumScore, sumEq float64
	for _, pr := range res.Pairs {
		m.Total += pr.Weight
		sumScore += pr.Score
		m.Min = math.Min(m.Min, pr.Score)
	}
	var cov float64
	var nCov int
	for x := 0; x < p.n; x++ {
		if load[x] >= cp.cap[x] {
			m.AtCapacity++
		}
		if load[x] == 0 {
			continue
		}
		m.Matched++
		for _, y := range partners[x] {
			if y > x {
				a, b := p.teach(x, y), p.teach(y, x)
				if a+b > 0 {
					sumEq += math.Abs(a-b) / (a + b)
				}
			}
		}
		if len(p.WantS[x]) == 0 {
			continue
		}
		cov += float64(p.wantsCovered(x, partners[x])) / float64(len(p.WantS[x]))
		nCov++
	}
	if m.Pairs > 0 {
		m.Mean = round3(sumScore / float64(m.Pairs))
		m.Min = round3(m.Min)
		m.Equity = round3(sumEq / float64(m.Pairs))
	} else {
		m.Min = 0
	}
	if nCov > 0 {
		m.WantCoverage = round3(cov / float64(nCov))
	}
	m.Total = round5(m.Total)
	cur := make([]int64, p.n)
	for i := range cur {
		cur[i] = -1
		if load[i] >= cp.cap[i] {
			cur[i] = math.MaxInt64
			for _, y := range partners[i] {
				cur[i] = min(cur[i], p.qscore(i, y))
			}
		}
	}
	together := func(i, j int) bool {
		_, ok := linked[pairKey(i, j)]
		return ok
	}
	var err error
	if p.n <= p.set.denseLimit {
		m.BlockingPairs, err = p.blockingDense(ctx, cur, together)
	} else {
		m.BlockingPairs, err = p.blockingRows(ctx, cur, together)
	}
	return err
}

// writeLoads writes the load line of WriteText: links, people at
// capacity, and id load/capacity for everyone whose capacity is above 1
// (ids terminal-safe, as everywhere in WriteText). Above shownLoads such
// people, only those below their capacity are listed, at most shownLoads
// of them: a line a facilitator can read; WriteJSON and WriteCSV keep
// every load.
func writeLoads(b *strings.Builder, res *Result) {
	var multi, below []string
	for _, l := range res.Loads {
		if l.Capacity > 1 {
			s := fmt.Sprintf("%s %d/%d", termsafe.Text(l.ID), l.Load, l.Capacity)
			multi = append(multi, s)
			if l.Load < l.Capacity {
				below = append(below, s)
			}
		}
	}
	fmt.Fprintf(b, "load: %d links, %d of %d people at capacity", res.Metrics.Links, res.Metrics.AtCapacity, len(res.Loads))
	switch {
	case len(multi) == 0:
	case len(multi) <= shownLoads:
		fmt.Fprintf(b, "; capacity above 1: %s", strings.Join(multi, ", "))
	default:
		fmt.Fprintf(b, "; %d people take more than one buddy, %d of them have fewer than they take", len(multi), len(below))
		if len(below) > shownLoads {
			below = append(below[:shownLoads], fmt.Sprintf("and %d more (--json lists every load)", len(below)-shownLoads))
		}
		if len(below) > 0 {
			fmt.Fprintf(b, ": %s", strings.Join(below, ", "))
		}
	}
	b.WriteString("\n")
}

// shownLoads is how many loads the text's load line lists.
const shownLoads = 20
