package cohort

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/peermatch/peermatch/skills"
)

// Rule names used in BrokenRule.Rule.
const (
	RuleLineManagement = "line_management"
	RuleKeepApart      = "keep_apart"
	RuleKeepTogether   = "keep_together"
	RuleGroupSize      = "group_size"
	RuleGradeBand      = "grade_band"
	RuleSharedFocus    = "shared_focus"
)

// BrokenRule is a hard rule an evaluated grouping breaks.
type BrokenRule struct {
	// Group names the group as WriteText does ("G1"); for a keep-together
	// list split over several groups it names them all, joined by ", ".
	Group string
	// People are the people concerned: the manager then the direct report,
	// the members of a keep-apart or keep-together list, the lowest and
	// highest grade of a grade band, or every member of a group.
	People []string
	// Rule is one of the Rule* constants.
	Rule string
	// Reason says the rule in words, naming the people.
	Reason string
}

// Evaluation is the outcome of Evaluate: a grouping made elsewhere scored as
// Form would have scored it, with every broken hard rule and every problem
// of the input listed.
type Evaluation struct {
	// Result holds the groups with their learning plans and metrics, as Form
	// returns them (the search counters are zero). People of the roster in
	// no group are in Result.Unplaced.
	Result *Result
	// Broken lists every broken hard rule, group by group in the order of
	// Result.Groups (keep-together lists last).
	Broken []BrokenRule
	// Problems lists what Evaluate could not score as given, one sentence
	// each naming the people: unknown ids (left out), people in two groups
	// (kept in the first), people in no group, unknown ids in the
	// keep-together and keep-apart lists (ignored). "group N" is the N-th
	// list of the groups argument (its position, not a group's id).
	Problems []string
	// ProblemGroup[i] is N when Problems[i] is about "group N" (the N-th
	// list of the groups argument), 0 when it is about no single group: a
	// caller that read the groups from a file names the place with it.
	ProblemGroup []int
}

// problem adds a problem about the x-th list of groups (from 1; 0 for
// none).
func (ev *Evaluation) problem(x int, format string, args ...any) {
	ev.Problems = append(ev.Problems, fmt.Sprintf(format, args...))
	ev.ProblemGroup = append(ev.ProblemGroup, x)
}

// Evaluate scores groups (lists of ids, for example the members of the
// groups of a Result read by ReadJSON) with the metrics Form reports, using
// the same options, instead of forming groups. Hard rules the grouping
// breaks (a manager with a direct report, keep-apart and keep-together
// lists, group sizes outside MinSize..MaxSize, the grade band and the
// shared focus when those options are on) are listed in Evaluation.Broken,
// not refused. Unknown ids, people given twice and people in no group are
// listed in Evaluation.Problems. Empty groups are left out.
//
// For the groups Form returned with the same roster and options, the
// metrics other than the search counters (Iterations, MovesAccepted,
// Restarts, TimedOut) and the learning plans are those of Form's Result,
// up to the rounding of the sum of the group scores.
//
// Errors wrap skills.ErrInvalidRoster or ErrInvalidOptions, or are
// ctx.Err() when ctx is done. With n people, k skills, G groups of at most
// m members and h history entries per person it takes O(n·k + G·m·(s + m +
// h)) time plus the learning plans (see Form), s being the wanted and held
// skills of a person. The result depends only on its arguments.
func Evaluate(ctx context.Context, r *skills.Roster, groups [][]string, opt Options) (*Evaluation, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: nil roster", skills.ErrInvalidRoster)
	}
	if r.Catalog == nil {
		return nil, fmt.Errorf("%w: nil catalog", skills.ErrInvalidRoster)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	set, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{}
	known := func(id string) bool { _, ok := r.Index(id); return ok }
	// Unknown ids in the rule lists are problems, not errors, here.
	filter := func(lists [][]string, what string) [][]string {
		out := make([][]string, 0, len(lists))
		for _, l := range lists {
			var ok []string
			for _, id := range l {
				if known(id) {
					ok = append(ok, id)
				} else {
					ev.problem(0, "the %s list %s names %q, not in the roster; ignored", what, quoteList(l), id)
				}
			}
			out = append(out, ok)
		}
		return out
	}
	set.Together = filter(set.Together, "keep-together")
	set.Apart = filter(set.Apart, "keep-apart")

	// The instance is built without the rules that shape the search
	// (sizes, strata, units): they are checked below, not enforced.
	build := set
	build.Together, build.SharedFocus, build.GradeBand = nil, false, false
	build.ManagersOnly, build.SameLocation = false, false
	build.MinSize, build.MaxSize = 1, max(len(r.People), 1)
	in, err := newInstance(r, build, nil)
	if err != nil {
		return nil, err
	}
	in.set = set

	// Resolve the groups.
	where := make(map[int32]int, in.n) // person → position of their group
	var placed [][]int32
	for x, g := range groups {
		var ms []int32
		for _, id := range g {
			i, ok := in.idx[id]
			if !ok {
				ev.problem(x+1, "group %d (%s): unknown person %q, left out", x+1, strings.Join(g, ", "), id)
				continue
			}
			if y, dup := where[int32(i)]; dup {
				if y == len(placed) {
					ev.problem(x+1, "group %d (%s): %q is listed twice", x+1, strings.Join(g, ", "), id)
				} else {
					ev.problem(x+1, "group %d (%s): %q is already in an earlier group, left out here", x+1, strings.Join(g, ", "), id)
				}
				continue
			}
			where[int32(i)] = len(placed)
			ms = append(ms, int32(i))
		}
		if len(ms) == 0 {
			ev.problem(x+1, "group %d (%s): no known people, left out", x+1, strings.Join(g, ", "))
			continue
		}
		placed = append(placed, ms)
	}
	st := newState(in, len(placed))
	for g, ms := range placed {
		for _, i := range ms {
			st.add(i, int32(g))
		}
	}
	st.rescoreAll()
	var missing []string
	for i := range r.People {
		if st.groupOf[i] < 0 {
			id := r.People[i].ID
			missing = append(missing, id)
			in.unplaced = append(in.unplaced, Unplaced{ID: id, Reason: "in no group of the evaluated grouping"})
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		ev.problem(0, "%d people of the roster are in no group: %s", len(missing), quoteList(missing))
		sort.Slice(in.unplaced, func(x, y int) bool { return in.unplaced[x].ID < in.unplaced[y].ID })
	}
	res := in.result(st, stats{})
	if err := in.planAll(ctx, res); err != nil {
		return nil, err
	}
	ev.Result = res
	ev.Broken = in.broken(res)
	return ev, nil
}

// broken lists the hard rules res breaks, group by group.
func (in *instance) broken(res *Result) []BrokenRule {
	set := &in.set
	var out []BrokenRule
	groupOf := map[string]string{}
	for gi := range res.Groups {
		g := &res.Groups[gi]
		name := fmt.Sprintf("G%d", g.ID)
		ms := make([]int, len(g.Members))
		for x, id := range g.Members {
			ms[x] = in.idx[id]
			groupOf[id] = name
		}
		// Manager and direct report.
		for _, i := range ms {
			p := &in.r.People[i]
			for _, j := range ms {
				if q := &in.r.People[j]; p.Manager != "" && p.Manager == q.ID && i != j {
					out = append(out, BrokenRule{Group: name, People: []string{q.ID, p.ID}, Rule: RuleLineManagement,
						Reason: fmt.Sprintf("%q is the line manager of %q", q.ID, p.ID)})
				}
			}
		}
		// Keep-apart lists.
		for _, l := range set.Apart {
			var here []string
			seen := map[string]bool{}
			for _, id := range l {
				if !seen[id] && groupOf[id] == name {
					seen[id] = true
					here = append(here, id)
				}
			}
			if len(here) > 1 {
				out = append(out, BrokenRule{Group: name, People: here, Rule: RuleKeepApart,
					Reason: fmt.Sprintf("%s share a group but are to be kept apart", quoteList(here))})
			}
		}
		// Sizes.
		if n := len(g.Members); n < set.MinSize || n > set.MaxSize {
			out = append(out, BrokenRule{Group: name, People: append([]string(nil), g.Members...), Rule: RuleGroupSize,
				Reason: fmt.Sprintf("%d members; groups have %d–%d", n, set.MinSize, set.MaxSize)})
		}
		// Grade band.
		if set.GradeBand {
			lo, hi := ms[0], ms[0]
			for _, i := range ms {
				if in.grade[i] < in.grade[lo] {
					lo = i
				}
				if in.grade[i] > in.grade[hi] {
					hi = i
				}
			}
			if gap := in.grade[hi] - in.grade[lo]; gap > set.gap {
				a, b := in.r.People[lo].ID, in.r.People[hi].ID
				out = append(out, BrokenRule{Group: name, People: []string{a, b}, Rule: RuleGradeBand,
					Reason: fmt.Sprintf("%q (grade %d) and %q (grade %d) are %d grades apart; at most %d allowed", a, in.grade[lo], b, in.grade[hi], gap, set.gap)})
			}
		}
		// Shared focus.
		if set.SharedFocus {
			focus := map[string]bool{}
			var shown []string
			for _, i := range ms {
				f := focusKey(in.r.People[i].Focus)
				if !focus[f] {
					focus[f] = true
					shown = append(shown, fmt.Sprintf("%q", strings.TrimSpace(in.r.People[i].Focus)))
				}
			}
			if len(focus) > 1 || focus[""] {
				out = append(out, BrokenRule{Group: name, People: append([]string(nil), g.Members...), Rule: RuleSharedFocus,
					Reason: fmt.Sprintf("the members' focus differs or is missing (%s); a group shares one focus", strings.Join(shown, ", "))})
			}
		}
	}
	// Keep-together lists split over groups or partly unplaced.
	for _, l := range set.Together {
		var names []string
		seenName := map[string]bool{}
		ids := dedup(l)
		for _, id := range ids {
			n := groupOf[id]
			if n == "" {
				n = "no group"
			}
			if !seenName[n] {
				seenName[n] = true
				names = append(names, n)
			}
		}
		if len(names) > 1 {
			out = append(out, BrokenRule{Group: strings.Join(names, ", "), People: ids, Rule: RuleKeepTogether,
				Reason: fmt.Sprintf("%s are to be kept together but are split over %s", quoteList(ids), strings.Join(names, ", "))})
		}
	}
	return out
}

// dedup returns ids without repeats, in first-seen order.
func dedup(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
