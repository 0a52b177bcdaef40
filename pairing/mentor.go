package pairing

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/peermatch/peermatch/assign"
	"github.com/peermatch/peermatch/skills"
)

// MentorPair is one mentor–mentee assignment of Mentor.
type MentorPair struct {
	Mentor, Mentee string
	// Score is the share of the mentee's need the mentor covers, 0–100.
	Score float64
	// Weight is the optimisation score: teach(mentor→mentee) plus soft
	// criteria, history bonus and penalty.
	Weight float64
	// Teaches lists the top skills the mentor teaches the mentee.
	Teaches []SkillValue
}

// MentorResult is the outcome of Mentor.
type MentorResult struct {
	// Pairs lists the assignments, by mentor id then mentee id.
	Pairs []MentorPair
	// Unmatched lists the mentees without a mentor, with the reason.
	Unmatched []Unmatched
	// Load is the number of mentees of each mentor (mentors without
	// mentees included, with 0).
	Load map[string]int
	// Total is the sum of the Weights.
	Total float64
}

// Mentor assigns mentees to mentors one way: a mentor of capacity c
// (Person.EffectiveCapacity) takes up to c mentees, every mentee at most
// one mentor. It assigns as many mentees as possible and, among those
// assignments, maximises the total teaching benefit teach(mentor→mentee)
// (with the soft criteria and history of opt), exactly, with the
// assignment solver: mentor columns are replicated by capacity and one
// "no mentor" column per mentee absorbs those who cannot be served.
// The hard rules of opt apply to every mentor–mentee pair; pins are
// ignored. Ids missing from the roster give an error wrapping
// ErrUnknownPerson; a person may not be both mentor and mentee of
// themselves.
//
// With r mentees and c mentor slots (a mentor's capacity counts up to r)
// it takes O(r²·(c + r)) time and O(r·(c + r)) memory.
func Mentor(ctx context.Context, r *skills.Roster, mentors, mentees []string, opt Options) (*MentorResult, error) {
	opt.Pinned = nil
	p, err := newProblem(r, opt)
	if err != nil {
		return nil, err
	}
	lookup := func(ids []string) ([]int, error) {
		out := make([]int, 0, len(ids))
		seen := map[int]bool{}
		for _, id := range ids {
			c, err := p.index(id)
			if err != nil {
				return nil, err
			}
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
		slices.Sort(out)
		return out, nil
	}
	ms, err := lookup(mentors)
	if err != nil {
		return nil, err
	}
	es, err := lookup(mentees)
	if err != nil {
		return nil, err
	}
	var slots []int // slot → mentor
	for _, m := range ms {
		// a mentor can take at most every mentee: slots beyond that stay
		// empty, so the capacity counts only up to len(es) (bounded time and
		// memory whatever the survey says)
		for c := 0; c < min(p.ppl[m].EffectiveCapacity(), len(es)); c++ {
			slots = append(slots, m)
		}
	}
	rows, cols := len(es), len(slots)+len(es)
	maxQ := quantise(p.maxNeed+p.softMax+2*p.maxBonus) + 1
	C := float64(int64(rows+1)*maxQ + 1)
	benefit := make([]float64, rows*cols)
	q := make([]int64, rows*len(ms))
	mpos := make(map[int]int, len(ms))
	for x, m := range ms {
		mpos[m] = x
	}
	for x, e := range es {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for y, m := range ms {
			q[x*len(ms)+y] = -1
			if p.eligibleOneWay(m, e) == RuleNone {
				q[x*len(ms)+y] = quantise(p.adjust(m, e, p.teach(m, e)))
			}
		}
		for y, m := range slots {
			v := q[x*len(ms)+mpos[m]]
			if v < 0 {
				benefit[x*cols+y] = math.Inf(-1)
			} else {
				benefit[x*cols+y] = float64(v) + C
			}
		}
		// "no mentor" columns: 0 for every mentee
	}
	asg, err := assign.Solve(ctx, rows, cols, benefit)
	if err != nil {
		return nil, solverErr(err)
	}
	res := &MentorResult{Load: make(map[string]int)}
	for _, m := range ms {
		res.Load[p.ppl[m].ID] = 0
	}
	for x, e := range es {
		col := asg.RowCol[x]
		if col >= 0 && col < len(slots) {
			m := slots[col]
			w := p.adjust(m, e, p.teach(m, e))
			sc := 0.0
			if p.need[e] > 0 {
				sc = round3(math.Min(100, 100*p.teach(m, e)/p.need[e]))
			}
			res.Pairs = append(res.Pairs, MentorPair{Mentor: p.ppl[m].ID, Mentee: p.ppl[e].ID, Score: sc, Weight: round5(w), Teaches: p.teaches(m, e)})
			res.Load[p.ppl[m].ID]++
			res.Total += w
			continue
		}
		counts := map[string]int{}
		var byRule [numRules]int
		eligible := 0
		for _, m := range ms {
			if rule := p.eligibleOneWay(m, e); rule != RuleNone {
				counts[rule.String()]++
				byRule[rule]++
			} else {
				eligible++
			}
		}
		u := Unmatched{ID: p.ppl[e].ID, Name: p.ppl[e].Name, Email: p.ppl[e].Email}
		if eligible == 0 {
			u.Rules = counts
			if len(ms) == 0 {
				u.Reason = "no eligible mentor: no mentors"
			} else {
				u.Reason = fmt.Sprintf("no eligible mentor among %s: %s", plural(len(ms), "mentor", "mentors"), rejectedList(byRule[:], &p.set, "mentor"))
			}
		} else {
			u.Reason = fmt.Sprintf("every eligible mentor (%d) is at capacity", eligible)
		}
		res.Unmatched = append(res.Unmatched, u)
	}
	res.Total = round5(res.Total)
	slices.SortFunc(res.Pairs, func(a, b MentorPair) int {
		if a.Mentor != b.Mentor {
			if a.Mentor < b.Mentor {
				return -1
			}
			return 1
		}
		if a.Mentee < b.Mentee {
			return -1
		}
		return 1
	})
	return res, nil
}
