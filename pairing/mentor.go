package pairing

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/peermatch/peermatch/internal/plural"

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
	mt, err := newMentoring(p, mentors, mentees)
	if err != nil {
		return nil, err
	}
	benefit, err := mt.benefit(ctx)
	if err != nil {
		return nil, err
	}
	asg, err := assign.Solve(ctx, len(mt.es), mt.cols(), benefit)
	if err != nil {
		return nil, solverErr(err)
	}
	return mt.result(asg.RowCol), nil
}

// mentoring is one Mentor call as an assignment: a row per mentee, a
// column per unit of a mentor's capacity (a slot) and one "no mentor"
// column per mentee.
type mentoring struct {
	p      *problem
	ms, es []int // mentors and mentees by canonical index, ascending, once each
	slots  []int // slot → mentor
}

// newMentoring looks the mentors and mentees up (an unknown id is an
// error wrapping ErrUnknownPerson) and lays out the slots. O(m log m +
// Σ capacity) for m people named.
func newMentoring(p *problem, mentors, mentees []string) (*mentoring, error) {
	mt := &mentoring{p: p}
	var err error
	if mt.ms, err = p.indexSet(mentors); err != nil {
		return nil, err
	}
	if mt.es, err = p.indexSet(mentees); err != nil {
		return nil, err
	}
	for _, m := range mt.ms {
		// a mentor can take at most every mentee: slots beyond that stay
		// empty, so the capacity counts only up to len(es) (bounded time and
		// memory whatever the survey says)
		for c := 0; c < min(p.ppl[m].EffectiveCapacity(), len(mt.es)); c++ {
			mt.slots = append(mt.slots, m)
		}
	}
	return mt, nil
}

// indexSet returns the canonical indexes of ids, ascending, each once.
func (p *problem) indexSet(ids []string) ([]int, error) {
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

// cols is the number of columns: the slots, then a "no mentor" column per
// mentee.
func (mt *mentoring) cols() int { return len(mt.slots) + len(mt.es) }

// benefit returns the row-major benefit matrix: a slot's one-way score
// (quantised) plus a premium C above any total, so that the assignment
// gives as many mentees a mentor as possible first, −∞ where the rules
// forbid the pair, and 0 in the "no mentor" columns. O(|es|·(|ms|·w +
// cols)).
func (mt *mentoring) benefit(ctx context.Context) ([]float64, error) {
	p, ms := mt.p, mt.ms
	rows, cols := len(mt.es), mt.cols()
	maxQ := quantise(p.maxNeed+p.softMax+2*p.maxBonus) + 1
	C := float64(int64(rows+1)*maxQ + 1)
	benefit := make([]float64, rows*cols)
	q := make([]int64, len(ms)) // the row's score with each mentor, -1: forbidden
	mpos := make(map[int]int, len(ms))
	for x, m := range ms {
		mpos[m] = x
	}
	for x, e := range mt.es {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for y, m := range ms {
			q[y] = -1
			if p.eligibleOneWay(m, e) == RuleNone {
				q[y] = quantise(p.adjust(m, e, p.teach(m, e)))
			}
		}
		for y, m := range mt.slots {
			if v := q[mpos[m]]; v < 0 {
				benefit[x*cols+y] = math.Inf(-1)
			} else {
				benefit[x*cols+y] = float64(v) + C
			}
		}
	}
	return benefit, nil
}

// result turns the assignment (rowCol: each mentee's column) into the
// MentorResult: pairs by mentor then mentee, loads, and every mentee
// without a mentor with the reason. O(|es|·|ms|·w).
func (mt *mentoring) result(rowCol []int) *MentorResult {
	p := mt.p
	res := &MentorResult{Load: make(map[string]int)}
	for _, m := range mt.ms {
		res.Load[p.ppl[m].ID] = 0
	}
	for x, e := range mt.es {
		if col := rowCol[x]; col >= 0 && col < len(mt.slots) {
			m := mt.slots[col]
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
		res.Unmatched = append(res.Unmatched, mt.unmatched(e))
	}
	res.Total = round5(res.Total)
	slices.SortFunc(res.Pairs, func(a, b MentorPair) int {
		if c := cmp.Compare(a.Mentor, b.Mentor); c != 0 {
			return c
		}
		return cmp.Compare(a.Mentee, b.Mentee)
	})
	return res
}

// unmatched says why mentee e has no mentor: no eligible mentor (with the
// rules that excluded them), or every eligible one at capacity. O(|ms|·w).
func (mt *mentoring) unmatched(e int) Unmatched {
	p, ms := mt.p, mt.ms
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
	switch {
	case eligible > 0:
		u.Reason = fmt.Sprintf("every eligible mentor (%d) is at capacity", eligible)
	case len(ms) == 0:
		u.Rules = counts
		u.Reason = "no eligible mentor: no mentors"
	default:
		u.Rules = counts
		u.Reason = fmt.Sprintf("no eligible mentor among %s: %s", plural.Count(len(ms), "mentor", "mentors"), rejectedList(byRule[:], &p.set, "mentor"))
	}
	return u
}
