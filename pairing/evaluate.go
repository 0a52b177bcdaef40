package pairing

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/peermatch/peermatch/skills"
)

// BrokenRule is a pair of an evaluated pairing that breaks a hard rule.
type BrokenRule struct {
	// A and B are the two people, A the smaller id.
	A, B string
	// Rule is the first hard rule the pair breaks (the one Eligible
	// reports).
	Rule Rule
	// Reason says the rule in words, as Explain does; a never-pair rule
	// does not say who asked.
	Reason string
}

// Evaluation is the outcome of Evaluate: the given pairing scored as Pairs
// would have scored it, with every broken rule and every problem of the
// input listed.
type Evaluation struct {
	// Result is the pairing with its scores, explanations, unmatched
	// people, loads (under capacities) and metrics; its Strategy is
	// "evaluated". Pairs that break a rule are kept and scored.
	Result *Result
	// Broken lists every pair that breaks a hard rule (each pair of a
	// trio is checked), ordered by A, then B.
	Broken []BrokenRule
	// Problems lists what Evaluate could not score as given, one sentence
	// each naming the people: unknown ids (dropped), a person in more than
	// one pair without capacities or above their capacity, a pair given
	// twice, groups of one or of more than three.
	Problems []string
	// ProblemGroup[i] is the position (from 1) in the pairs argument of
	// the group Problems[i] is about ("group N" in its sentence), 0 when
	// it is about no single group: a caller that read the pairs from a
	// file names the place with it.
	ProblemGroup []int
}

// problem adds a problem about the x-th group (from 1; 0 for none).
func (ev *Evaluation) problem(x int, format string, args ...any) {
	ev.Problems = append(ev.Problems, fmt.Sprintf(format, args...))
	ev.ProblemGroup = append(ev.ProblemGroup, x)
}

// evaluated is the Strategy named in the Result of Evaluate. It forms no
// pairs of its own.
type evaluated struct{}

func (evaluated) Name() string { return "evaluated" }

func (evaluated) Match(context.Context, *Scorer) ([][2]int, []string, error) {
	return nil, nil, errors.New("pairing: the evaluated strategy forms no pairs")
}

// Evaluate scores a pairing made elsewhere (by hand, by another tool, or an
// earlier run edited since) with the metrics of Pairs, instead of forming
// one. Each group of pairs holds two ids (a pair) or three (a trio: the
// first two are the pair, the third joins it, as in Pair.C), for example
// the Groups of a Round read by ReadHistory from `peermatch pairs --json`.
//
// The hard rules of opt apply as in Pairs, but a pair that breaks one is
// scored and listed in Evaluation.Broken rather than refused; unknown ids,
// duplicate pairs and people in too many pairs are listed in
// Evaluation.Problems and left out of the scoring. When someone's capacity
// is above 1 and opt.IgnoreCapacity is unset, the pairing is scored as a
// set of buddy links (as Pairs scores a b-matching: Links, AtCapacity and
// Loads are set, and a trio counts as its three links); otherwise a person
// may be in one pair or trio only. opt.Strategy, opt.Pinned and opt.Trio
// are ignored. Metrics.Rejected counts the rejected pairs over every pair
// of people, whatever the roster's size.
//
// For a pairing Pairs produced on a roster of at most Options.DenseLimit
// people with the same opt, the metrics are equal to the Result's. Errors
// wrap ErrEmptyRoster, skills.ErrInvalidRoster or ErrInvalidOptions, or are
// the context's error when ctx is done. It takes O(n²·(w̄ + k)) time for n
// people, w̄ wants and k skills per person (every pair is checked for
// rejections and blocking pairs) and O(n + g) memory for g groups.
func Evaluate(ctx context.Context, r *skills.Roster, pairs [][]string, opt Options) (*Evaluation, error) {
	opt.Strategy, opt.Pinned, opt.Trio = evaluated{}, nil, false
	p, err := newProblemTuned(r, opt, tuning{everyPair: true})
	if err != nil {
		return nil, err
	}
	capped, err := p.capacitated()
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{}
	// resolve the ids and check every pair of every group
	groups := make([][]int, 0, len(pairs))
	for x, g := range pairs {
		var ids []int
		for _, id := range g {
			c, err := p.index(id)
			if err != nil {
				ev.problem(x+1, "group %d (%s): unknown person %q, left out", x+1, strings.Join(g, ", "), id)
				continue
			}
			ids = append(ids, c)
		}
		for u := 0; u < len(ids); u++ {
			for v := u + 1; v < len(ids); v++ {
				if rule := p.eligible(ids[u], ids[v]); rule != RuleNone {
					a, b := min(ids[u], ids[v]), max(ids[u], ids[v])
					ev.Broken = append(ev.Broken, BrokenRule{A: p.ppl[a].ID, B: p.ppl[b].ID, Rule: rule, Reason: rule.describe(&p.set)})
				}
			}
		}
		ids = dedupKeepOrder(ids)
		switch {
		case len(ids) < 2:
			ev.problem(x+1, "group %d (%s): fewer than two known people, left out", x+1, strings.Join(g, ", "))
			continue
		case len(ids) > 3:
			ev.problem(x+1, "group %d (%s): %d people; a pairing has pairs and trios only, left out", x+1, strings.Join(g, ", "), len(ids))
			continue
		}
		groups = append(groups, ids)
	}
	slices.SortFunc(ev.Broken, func(a, b BrokenRule) int {
		if c := strings.Compare(a.A, b.A); c != 0 {
			return c
		}
		return strings.Compare(a.B, b.B)
	})
	// the rejections over every pair, as the dense strategies count them
	for i := 0; i < p.n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for j := i + 1; j < p.n; j++ {
			if rule := p.eligible(i, j); rule != RuleNone {
				p.rejected[rule]++
			}
		}
	}
	notes := p.r.WarningStrings()
	if capped {
		ev.Result, err = p.evaluateLinks(ctx, ev, groups, notes)
	} else {
		ev.Result, err = p.evaluateMatching(ctx, ev, groups, notes)
	}
	if err != nil {
		return nil, err
	}
	return ev, nil
}

// dedupKeepOrder returns ids without repeats, in their first order.
func dedupKeepOrder(ids []int) []int {
	out := ids[:0:0]
	for _, c := range ids {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// evaluateMatching scores groups as a matching with trios: everyone in at
// most one group (later groups with someone already placed are problems).
func (p *problem) evaluateMatching(ctx context.Context, ev *Evaluation, groups [][]int, notes []string) (*Result, error) {
	mate := make([]int, p.n)
	for i := range mate {
		mate[i] = -1
	}
	placed := make([]int, p.n) // 1 + group number, 0 when in none
	third := make(map[int]int)
	for x, g := range groups {
		clash := ""
		for _, c := range g {
			if placed[c] > 0 {
				clash = p.ppl[c].ID
				break
			}
		}
		if clash != "" {
			ev.problem(0, "%s is in more than one pair (%s and %s): only the first is scored", clash, p.groupName(groups[placedOf(placed, g)]), p.groupName(g))
			continue
		}
		a, b := g[0], g[1]
		mate[a], mate[b] = b, a
		if len(g) == 3 {
			third[min(a, b)] = g[2]
		}
		for _, c := range g {
			placed[c] = x + 1
		}
	}
	var unmatched []int
	inTrio := make(map[int]bool, len(third))
	for _, c := range third {
		inTrio[c] = true
	}
	for i, j := range mate {
		if j < 0 && !inTrio[i] {
			unmatched = append(unmatched, i)
		}
	}
	res := &Result{Strategy: p.set.Strategy.Name(), Notes: notes}
	for a, b := range mate {
		if b < a {
			continue
		}
		pr := p.pairOf(a, b)
		if c, ok := third[a]; ok {
			p.addThird(&pr, a, b, c)
			pr.Score = round3((p.display(a, b) + p.display(a, c) + p.display(b, c)) / 3)
			pr.Weight = round5(p.score(a, b) + p.score(a, c) + p.score(b, c))
		} else {
			pr.Score = p.display(a, b)
			pr.Weight = round5(p.score(a, b))
		}
		res.Pairs = append(res.Pairs, pr)
	}
	if err := p.reasons(ctx, res, mate, unmatched); err != nil {
		return nil, err
	}
	if err := p.metrics(ctx, res, mate, third); err != nil {
		return nil, err
	}
	return res, nil
}

// placedOf returns the index of the group where the first already placed
// member of g was placed.
func placedOf(placed []int, g []int) int {
	for _, c := range g {
		if placed[c] > 0 {
			return placed[c] - 1
		}
	}
	return 0
}

// groupName returns the ids of g joined by "–".
func (p *problem) groupName(g []int) string {
	ids := make([]string, len(g))
	for x, c := range g {
		ids[x] = p.ppl[c].ID
	}
	return strings.Join(ids, "–")
}

// evaluateLinks scores groups as buddy links under capacities: a trio is
// its three links, a link given twice counts once, and links beyond a
// person's capacity are scored but listed as problems.
func (p *problem) evaluateLinks(ctx context.Context, ev *Evaluation, groups [][]int, notes []string) (*Result, error) {
	cp := p.capacityPlan()
	var links [][2]int
	linked := make(map[uint64]struct{})
	for _, g := range groups {
		for u := 0; u < len(g); u++ {
			for v := u + 1; v < len(g); v++ {
				a, b := min(g[u], g[v]), max(g[u], g[v])
				if _, dup := linked[pairKey(a, b)]; dup {
					ev.problem(0, "pair %s–%s is given more than once: scored once", p.ppl[a].ID, p.ppl[b].ID)
					continue
				}
				linked[pairKey(a, b)] = struct{}{}
				links = append(links, [2]int{a, b})
			}
		}
	}
	slices.SortFunc(links, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	load := make([]int, p.n)
	partners := make([][]int, p.n)
	res := &Result{Strategy: p.set.Strategy.Name(), Notes: notes}
	for _, l := range links {
		a, b := l[0], l[1]
		load[a]++
		load[b]++
		partners[a] = append(partners[a], b)
		partners[b] = append(partners[b], a)
		pr := p.pairOf(a, b)
		pr.Score, pr.Weight = p.display(a, b), round5(p.score(a, b))
		res.Pairs = append(res.Pairs, pr)
	}
	var unmatched []int
	for c := 0; c < p.n; c++ {
		if load[c] > cp.cap[c] {
			ev.problem(0, "%s has %d buddies for a capacity of %d", p.ppl[c].ID, load[c], cp.cap[c])
		}
		if load[c] == 0 {
			unmatched = append(unmatched, c)
		}
		res.Loads = append(res.Loads, Load{ID: p.ppl[c].ID, Load: load[c], Capacity: cp.cap[c]})
	}
	if err := p.reasons(ctx, res, nil, unmatched); err != nil {
		return nil, err
	}
	if err := p.capMetrics(ctx, res, cp, load, partners, linked); err != nil {
		return nil, err
	}
	return res, nil
}
