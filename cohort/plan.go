package cohort

import (
	"context"
	"errors"
	"math"
	"sort"

	"github.com/peermatch/peermatch/internal/assign"
	"github.com/peermatch/peermatch/skills"
)

// holderBonus is added to the ownership benefit of a member who holds the
// topic's skill.
const holderBonus = 0.1

// plan chooses the group's topics and their owners.
//
// The topics are the Sessions skills with the highest demand inside the
// group (the sum of the members' want levels; ties by catalog order); skills
// nobody in the group wants are never topics, so a group may get fewer. The
// owners are chosen in rounds by linear assignment of members to the topics
// still unowned, so that everyone owns one topic before anyone owns two. A
// member may own a topic they hold (have level ≥ Threshold) or want to
// become proficient in; the benefit is (have + want) / MaxLevel, plus
// holderBonus when the member holds the skill, so holders lead sessions
// when the plan can afford it and a member who both holds and wants a
// skill is preferred. If no assignment of a round
// avoids the other cells, those cells get a benefit below any total of
// allowed cells, so that the fewest such owners are used; they are counted in
// GroupMetrics.UnqualifiedOwners.
//
// With m members, t topics and k skills a plan takes O(m·k + k log k +
// ⌈t/m⌉·min(m,t)²·max(m,t)) time.
func (in *instance) plan(ctx context.Context, g *Group) error {
	k := in.k
	ms := make([]int, len(g.Members))
	for x, id := range g.Members {
		ms[x] = in.idx[id]
	}
	demand := make([]int, k)
	for _, i := range ms {
		for _, w := range in.wants[i] {
			demand[w.skill] += int(w.level)
		}
	}
	var topics []int
	for s := 0; s < k; s++ {
		if demand[s] > 0 {
			topics = append(topics, s)
		}
	}
	sort.SliceStable(topics, func(x, y int) bool { return demand[topics[x]] > demand[topics[y]] })
	if len(topics) > in.set.Sessions {
		topics = topics[:in.set.Sessions]
	}
	owner := make([]int, len(topics))
	remaining := make([]int, len(topics)) // positions in topics
	for x := range remaining {
		remaining[x] = x
	}
	thr := uint8(in.set.Threshold)
	for len(remaining) > 0 && len(ms) > 0 {
		rows, cols := len(ms), len(remaining)
		benefit := make([]float64, rows*cols)
		for x, i := range ms {
			for y, t := range remaining {
				s := topics[t]
				h, w := in.have[i*k+s], in.r.People[i].Want[s]
				if h >= thr || w > 0 {
					benefit[x*cols+y] = float64(h+w) / skills.MaxLevel
					if h >= thr {
						benefit[x*cols+y] += holderBonus
					}
				} else {
					benefit[x*cols+y] = math.Inf(-1)
				}
			}
		}
		res, err := assign.Solve(ctx, rows, cols, benefit)
		if errors.Is(err, assign.ErrInfeasible) {
			// Allowed benefits lie in [0, 2 + holderBonus]; one fallback
			// cell costs more than any difference of allowed totals.
			low := -(3*float64(min(rows, cols)) + 1)
			for c := range benefit {
				if math.IsInf(benefit[c], -1) {
					benefit[c] = low
				}
			}
			res, err = assign.Solve(ctx, rows, cols, benefit)
		}
		if err != nil {
			return err
		}
		var next []int
		for y, t := range remaining {
			x := res.ColRow[y]
			if x < 0 {
				next = append(next, t)
				continue
			}
			owner[t] = ms[x]
			s := topics[t]
			if in.have[ms[x]*k+s] < thr && in.r.People[ms[x]].Want[s] == 0 {
				g.Metrics.UnqualifiedOwners++
			}
		}
		remaining = next
	}
	g.Topics = make([]Topic, len(topics))
	for t, s := range topics {
		g.Topics[t] = Topic{Skill: in.r.Catalog.Skill(s).Name, Owner: in.r.People[owner[t]].ID}
	}
	return nil
}
