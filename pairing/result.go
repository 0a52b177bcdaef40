package pairing

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"time"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// SkillValue is one skill a person teaches another, with its value
// want(learner)·(have(teacher) − have(learner)), levels scaled to [0, 1]:
// the learner wants it, and the teacher is at the teaching level and above
// the learner (skills.Advantage).
type SkillValue struct {
	Skill string  `json:"skill"`
	Value float64 `json:"value"`
}

// Pair is one pair (or, with C set, one trio) of a Result. A is the member
// with the smallest id, then B.
type Pair struct {
	A, B string
	// C is the third member of a trio, or "".
	C string
	// AName, BName and CName are the members' names from the roster
	// (empty when a person has none).
	AName, BName, CName string
	// AEmail, BEmail and CEmail are the members' e-mail addresses from the
	// roster (empty when a person has none).
	AEmail, BEmail, CEmail string
	// Score is the displayed score, 0–100: the mutual rule applied to the
	// shares of each partner's need that the other covers,
	// teach(A→B)/need(B) and teach(B→A)/need(A), where need(X) is
	// Σ want·(1 − have) over X's skills (Sum uses the mean of the two
	// shares). 100 means each covers all of the other's needs at expert
	// level. For a trio it is the mean over its three pairs.
	Score float64
	// Weight is the optimisation score: the mutual score of the raw teaching
	// values plus soft criteria, history bonus and penalty (summed over the
	// three pairs of a trio).
	Weight float64
	// ATeachesB and BTeachesA list the top skills (Options.TopSkills)
	// each teaches the other, best first.
	ATeachesB, BTeachesA []SkillValue
	// For a trio: what A and B teach C and what C teaches them.
	ATeachesC, CTeachesA, BTeachesC, CTeachesB []SkillValue
	// Pinned is true for a pair fixed by Options.Pinned.
	Pinned bool
}

// Unmatched is a person left without a partner (Result.Unmatched) or a
// mentee left without a mentor (MentorResult.Unmatched).
type Unmatched struct {
	ID string
	// Name is the person's name from the roster (empty when none).
	Name string
	// Email is the person's e-mail address from the roster (empty when
	// none).
	Email string
	// Reason says why, in words a facilitator reads: "no eligible partner
	// among 47 others: 36 more than 1 grade apart, 9 with nothing to
	// exchange, 2 in a line-management link" (how many participants each
	// rule excludes, largest first), "odd count: …" (Optimal, MaxMin:
	// why this person was the one left out) or "every eligible partner
	// (N) …" in the terms of the strategy (taken by a pair chosen earlier,
	// paired with someone they like at least as much, …); for a mentee,
	// "no eligible mentor among …" or "every eligible mentor (N) is at
	// capacity".
	Reason string
	// Rules counts, by rule name (Rule.String), the participants each rule
	// excludes (only for "no eligible partner" or "no eligible mentor"),
	// for programs.
	Rules map[string]int
}

// Metrics summarises a Result.
type Metrics struct {
	Pairs     int `json:"pairs"`     // pairs and trios (links, under capacities)
	Trios     int `json:"trios"`     // trios among them
	Matched   int `json:"matched"`   // people in a pair or trio
	Unmatched int `json:"unmatched"` // people left out
	// Total is the sum of the pairs' Weight (optimisation scores).
	Total float64 `json:"total"`
	// Mean and Min are the mean and minimum displayed Score.
	Mean float64 `json:"mean"`
	Min  float64 `json:"min"`
	// Equity is the mean over the pairs (each pair of a trio) of
	// |a − b|/(a + b), a and b being what each teaches the other (0 when
	// both are 0): 0 is a perfectly even exchange, 1 a one-way one.
	Equity float64 `json:"equity"`
	// WantCoverage is the mean, over matched people who want something, of
	// the share of their wanted skills that a partner has at a higher
	// level than they do.
	WantCoverage float64 `json:"want_coverage"`
	// BlockingPairs counts eligible pairs not together whose members both
	// prefer each other (higher score) to their current partner (a person
	// without a partner prefers anyone eligible).
	BlockingPairs int `json:"blocking_pairs"`
	// Rejected counts rejected pairs per rule: over every pair of
	// participants for rosters up to DenseLimit people; above, over the
	// pairs whose rules the candidate search checked (near the top of a
	// person's list, and every pair of a person nobody can pair with; a
	// pair may be checked from both sides); for Random, over the pairs it
	// tried.
	Rejected map[string]int64 `json:"rejected"`
	// Links is the number of buddy links and AtCapacity the number of
	// people with as many buddies as their capacity allows; both are set
	// (and written) only when capacities above 1 were honoured, when a
	// person may be in several pairs and BlockingPairs counts eligible
	// pairs not linked whose two people each have room left or score
	// the other above their worst buddy.
	Links      int `json:"links,omitempty"`
	AtCapacity int `json:"at_capacity,omitempty"`
}

// Result is the outcome of Pairs.
type Result struct {
	// Strategy is the name of the strategy used.
	Strategy string
	// Pairs lists the pairs and trios, ordered by A's id.
	Pairs []Pair
	// Unmatched lists the people without a partner, by id.
	Unmatched []Unmatched
	Metrics   Metrics
	// NoStableMatching is true when Stable found that no stable matching
	// exists.
	NoStableMatching bool
	// Notes says what the strategy did (sizes, proofs, fallbacks) and
	// repeats the roster's warnings (skills.Roster.Warnings).
	Notes []string
	// Loads gives every person's number of buddies against their
	// capacity, by id, when capacities above 1 were honoured (nil
	// otherwise).
	Loads []Load
}

// finish turns mate into a Result: pins, trios, explanations, reasons and
// metrics.
func (p *problem) finish(ctx context.Context, mate []int, notes []string) (*Result, error) {
	pinnedTo := make(map[int]int, 2*len(p.pinned))
	for _, pin := range p.pinned {
		mate[pin[0]], mate[pin[1]] = pin[1], pin[0]
		pinnedTo[pin[0]], pinnedTo[pin[1]] = pin[1], pin[0]
	}
	notes = append(notes, p.pinNotes...)
	for i, j := range mate { // sanity: the strategies never break rules
		if j < 0 {
			continue
		}
		rule := p.eligible(i, j)
		if pj, ok := pinnedTo[i]; ok && pj == j && rule == RuleNothingToExchange {
			rule = RuleNone // pinned: admin intent, noted above
		}
		if mate[j] != i || rule != RuleNone {
			return nil, fmt.Errorf("pairing: internal error: invalid pair %s–%s", p.ppl[i].ID, p.ppl[j].ID)
		}
	}
	third := make(map[int]int) // pair's A → C
	var unmatched []int
	for i, j := range mate {
		if j < 0 {
			unmatched = append(unmatched, i)
		}
	}
	if p.set.Trio {
		var left []int
		for _, u := range unmatched {
			best, bestV := -1, int64(-1)
			for a, b := range mate {
				if b < a || b < 0 {
					continue
				}
				if _, taken := third[a]; taken {
					continue
				}
				if p.eligible(u, a) != RuleNone || p.eligible(u, b) != RuleNone {
					continue
				}
				if v := p.qscore(u, a) + p.qscore(u, b); v > bestV {
					best, bestV = a, v
				}
			}
			if best >= 0 {
				third[best] = u
			} else {
				left = append(left, u)
			}
		}
		unmatched = left
	}
	res := &Result{Strategy: p.set.Strategy.Name(), Notes: notes, NoStableMatching: p.noStable}
	pinned := make(map[int]bool)
	for _, pin := range p.pinned {
		pinned[min(pin[0], pin[1])] = true
	}
	for a, b := range mate {
		if b < a {
			continue
		}
		pr := p.pairOf(a, b)
		pr.Pinned = pinned[a]
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
	t0 := time.Now()
	if err := p.reasons(ctx, res, mate, unmatched); err != nil {
		return nil, err
	}
	p.tracef("reasons for %d unmatched %v", len(unmatched), time.Since(t0))
	t0 = time.Now()
	if err := p.metrics(ctx, res, mate, third); err != nil {
		return nil, err
	}
	p.tracef("metrics %v", time.Since(t0))
	return res, nil
}

// pairOf returns the Pair of a and b: ids, names and e-mails from the
// roster, and what each teaches the other. Every writer of pairs builds
// them here.
func (p *problem) pairOf(a, b int) Pair {
	return Pair{A: p.ppl[a].ID, B: p.ppl[b].ID, AName: p.ppl[a].Name, BName: p.ppl[b].Name,
		AEmail: p.ppl[a].Email, BEmail: p.ppl[b].Email,
		ATeachesB: p.teaches(a, b), BTeachesA: p.teaches(b, a)}
}

// addThird makes c the third member of the pair pr of a and b.
func (p *problem) addThird(pr *Pair, a, b, c int) {
	pr.C, pr.CName, pr.CEmail = p.ppl[c].ID, p.ppl[c].Name, p.ppl[c].Email
	pr.ATeachesC, pr.CTeachesA = p.teaches(a, c), p.teaches(c, a)
	pr.BTeachesC, pr.CTeachesB = p.teaches(b, c), p.teaches(c, b)
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
func round5(v float64) float64 { return math.Round(v*1e5) / 1e5 }

// teaches returns the top skills i teaches j, best first (ties by catalog
// order).
func (p *problem) teaches(i, j int) []SkillValue {
	type sv struct {
		s int
		v float64
	}
	var all []sv
	for x, f := range p.WantS[j] {
		if v := p.TV[i][f]; v > 0 { // i can teach it: level ≥ MinTeachLevel and above j's
			all = append(all, sv{int(p.FSkill[f]), teachScale(int32(p.WantC[j][x]) * int32(v))})
		}
	}
	slices.SortStableFunc(all, func(a, b sv) int { return cmpFloat(b.v, a.v) })
	if len(all) > p.set.topSkills {
		all = all[:p.set.topSkills]
	}
	out := make([]SkillValue, len(all))
	for x, a := range all {
		out[x] = SkillValue{Skill: p.r.Catalog.Skill(a.s).Name, Value: round3(a.v)}
	}
	return out
}

// reasons explains every unmatched person: O(n) eligibility tests each,
// with the row scorer (O(n·w_u/4) word operations, then O(1) per person
// without an exchange), in parallel.
func (p *problem) reasons(ctx context.Context, res *Result, mate []int, unmatched []int) error {
	ruleCounts, eligibles, err := p.unmatchedCounts(ctx, unmatched)
	if err != nil {
		return err
	}
	act := p.activeList()
	withPartner := 0
	var us []Unmatched
	for x, u := range unmatched {
		counts := make(map[string]int)
		for r, c := range ruleCounts[x] {
			if c > 0 {
				counts[Rule(r).String()] = c
			}
		}
		eligible := eligibles[x]
		um := Unmatched{ID: p.ppl[u].ID, Name: p.ppl[u].Name, Email: p.ppl[u].Email}
		if eligible == 0 {
			um.Rules = counts
			if len(act) <= 1 {
				um.Reason = "no eligible partner: nobody else to pair with"
			} else {
				um.Reason = fmt.Sprintf("no eligible partner among %s: %s", plural.Count(len(act)-1, "other", "others"), rejectedList(ruleCounts[x][:], &p.set, "partner"))
			}
		} else {
			withPartner++
			um.Reason = p.takenReason(eligible)
		}
		us = append(us, um)
	}
	if odd := p.oddReason(); withPartner == 1 && !p.set.Trio && odd != "" {
		for x := range us {
			if us[x].Rules == nil {
				us[x].Reason = odd
			}
		}
	}
	res.Unmatched = us
	return nil
}

// unmatchedCounts counts, for each unmatched person, the first rule each
// of their pairs with the other active people breaks, and how many of
// those pairs are eligible: class by class when the people fall into few
// rule classes, from the candidate search's counts for a barren person,
// and by a row scan otherwise, in parallel above 65,536 pairs.
// O(u·n·w) at worst for u unmatched people.
func (p *problem) unmatchedCounts(ctx context.Context, unmatched []int) ([][numRules]int, []int, error) {
	act := p.activeList()
	ruleCounts := make([][numRules]int, len(unmatched))
	eligibles := make([]int, len(unmatched))
	workers := 1
	if len(unmatched)*len(act) > 1<<16 {
		workers = max(1, min(runtime.GOMAXPROCS(0), len(unmatched)))
	}
	p.Columns() // built once, before the workers share them
	p.Columns4()
	barren := p.barrenSet()
	p.joinBarren()
	var count []int32 // active people per rule class, when classes are few
	if p.classes().few() {
		count = p.activeCounts()
	}
	err := pairengine.Rows(ctx, workers, 0, len(unmatched), func(int) func(x int) {
		rs := newRowScorer(p)
		return func(x int) {
			u := unmatched[x]
			isBarren := barren != nil && barren[u]
			switch {
			case count != nil: // many alike people: count class by class
				ruleCounts[x], eligibles[x] = p.firstRules(u, false, isBarren, count)
			case isBarren:
				ruleCounts[x] = p.barrenCounts(u)
			default:
				rs.prepare(u)
				for _, j := range act {
					if j == u {
						continue
					}
					if r := rs.eligible(j); r != RuleNone {
						ruleCounts[x][r]++
					} else {
						eligibles[x]++
					}
				}
			}
		}
	})
	return ruleCounts, eligibles, err
}

// barrenCounts returns the first rule of each pair of a barren person u
// (nobody can be paired with u): the exchange rule rejects every pair the
// other rules let through, so no score is needed, and the candidate
// search has counted the people within u's grade gap already. O(n).
func (p *problem) barrenCounts(u int) [numRules]int {
	var counts [numRules]int
	lo, hi := 0, 0
	if p.barrenRej != nil && p.barrenRej[u] != nil {
		lo, hi = p.gapRange(u)
		for r, c := range p.barrenRej[u] {
			counts[r] = int(c)
		}
	}
	for t, j := range p.SOrder {
		if (t < lo || t >= hi) && j != int32(u) && p.active[j] {
			r := p.rule(u, int(j))
			if r == RuleNone {
				r = RuleNothingToExchange
			}
			counts[r]++
		}
	}
	return counts
}
