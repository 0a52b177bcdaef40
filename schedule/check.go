package schedule

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Rule names a scheduling rule a Violation breaks.
type Rule string

// The rules Check verifies.
const (
	RuleOptions            Rule = "options"             // Plan.Options do not validate
	RuleMembership         Rule = "membership"          // unknown group, missing facilitator, or a person who is not a member
	RuleEndBeforeStart     Rule = "end-before-start"    // a session ends at or before its start
	RuleHorizon            Rule = "horizon"             // a session starts before Start or on/after Horizon
	RuleWeekday            Rule = "weekday"             // a session on a weekday not in Options.Weekdays
	RuleBlackout           Rule = "blackout"            // a session in a blackout range
	RuleHoliday            Rule = "holiday"             // a session on a public holiday of Options.Holidays
	RuleUnavailable        Rule = "unavailable"         // an attendee (or facilitator) is unavailable that day
	RuleDoubleBooking      Rule = "double-booking"      // two overlapping sessions share a person
	RuleRotation           Rule = "rotation"            // someone leads again before everyone has led as often
	RuleBalance            Rule = "balance"             // lead counts in a group differ by more than one
	RuleConsecutive        Rule = "consecutive"         // the same member leads two sessions in a row
	RuleOwner              Rule = "owner"               // a PeerMentoring session not led by its topic's owner
	RulePrerequisite       Rule = "prerequisite"        // a topic starts before a required topic has ended
	RuleCoverage           Rule = "coverage"            // a topic without its sessions, or a session of an unknown topic or wrong kind
	RuleReflectionGap      Rule = "reflection-gap"      // Reflection not 14–21 days after Exploration
	RuleModuleFacilitators Rule = "module-facilitators" // one member leads both sessions of a PeerLearning module
)

// Violation is one broken rule in a plan.
type Violation struct {
	Rule     Rule
	Sessions []int  // indexes into Plan.Sessions
	Person   string // member id, when the rule is about a person
	Message  string
}

// String returns the violation's message prefixed by its rule.
func (v Violation) String() string { return string(v.Rule) + ": " + v.Message }

// Check returns every broken rule in the plan, whether Build made it or it
// was written by hand; a plan from Build returns none. Check reads
// p.Options (calendar rules), p.Groups (members, topics, owners,
// prerequisites) and p.Options.Pairs (check-in partners). The lead rotation
// is checked per group over its non-kickoff sessions in chronological order.
//
// Check takes O(S log S + S·(A + M + B) + X + T·P) time for S sessions
// with A attendees each, groups of M members, B blackouts, X overlapping
// session pairs and T topics with P prerequisites each (plus computing the
// holidays of the plan's years).
func (p *Plan) Check() []Violation {
	var out []Violation
	add := func(r Rule, person string, msg string, idx ...int) {
		out = append(out, Violation{Rule: r, Sessions: idx, Person: person, Message: msg})
	}
	s, err := normalize(p.Options)
	loc := time.UTC
	if err != nil {
		add(RuleOptions, "", err.Error())
		s = nil
	} else {
		loc = s.loc
	}
	groups := map[string]*Group{}
	for i := range p.Groups {
		groups[p.Groups[i].ID] = &p.Groups[i]
	}
	pairs := map[string]Pair{}
	for _, pr := range p.Options.Pairs {
		pairs[pr.ID()] = pr
	}
	unavailable := map[string]map[day]bool{}
	addU := func(m Member) {
		for _, t := range m.Unavailable {
			if unavailable[m.ID] == nil {
				unavailable[m.ID] = map[day]bool{}
			}
			unavailable[m.ID][dayOf(t)] = true
		}
	}
	for _, g := range p.Groups {
		for _, m := range g.Members {
			addU(m)
		}
	}
	for _, pr := range p.Options.Pairs {
		addU(pr.A)
		addU(pr.B)
	}

	// Per-session rules.
	for i, ss := range p.Sessions {
		name := fmt.Sprintf("session %d (%s %s %q)", i, ss.Group, ss.Kind, ss.Topic)
		if !ss.End.After(ss.Start) {
			add(RuleEndBeforeStart, "", fmt.Sprintf("%s ends %s, not after its start %s", name, ss.End.Format(time.RFC3339), ss.Start.Format(time.RFC3339)), i)
		}
		members := map[string]bool{}
		if g, ok := groups[ss.Group]; ok {
			for _, m := range g.Members {
				members[m.ID] = true
			}
		} else if pr, ok := pairs[ss.Group]; ok {
			members[pr.A.ID], members[pr.B.ID] = true, true
		} else {
			add(RuleMembership, "", fmt.Sprintf("%s: unknown group or pair %q", name, ss.Group), i)
		}
		if len(ss.Facilitators) == 0 {
			add(RuleMembership, "", name+" has no facilitator", i)
		}
		if len(members) > 0 {
			for _, id := range append(append([]string(nil), ss.Facilitators...), ss.Attendees...) {
				if !members[id] {
					add(RuleMembership, id, fmt.Sprintf("%s: %q is not a member of %s", name, id, ss.Group), i)
				}
			}
		}
		d := dayOf(ss.Start.In(loc))
		if s != nil {
			if d < s.start || d >= s.horizon {
				add(RuleHorizon, "", fmt.Sprintf("%s on %s is outside the plan %s..%s (horizon exclusive)", name, d, s.start, s.horizon), i)
			}
			if w := d.date().Weekday(); !s.weekdays[w] {
				add(RuleWeekday, "", fmt.Sprintf("%s falls on a %s, not in Weekdays", name, w), i)
			}
			if bl, ok := s.blocked[d]; ok {
				add(bl.rule, "", fmt.Sprintf("%s on %s: %s", name, d, bl.why), i)
			}
			for _, b := range p.Options.Blackouts {
				// Blackouts outside the plan range are not in s.blocked.
				if from, to := dayOf(b.From), dayOf(b.To); d >= from && d <= to && (d < s.start || d >= s.horizon) {
					add(RuleBlackout, "", fmt.Sprintf("%s on %s: blackout %s..%s", name, d, from, to), i)
				}
			}
		}
		avail := ss.Attendees
		if p.Options.FacilitatorsOnly && ss.Kind != KindCheckIn {
			avail = ss.Facilitators
		}
		for _, id := range uniq(avail) {
			if unavailable[id][d] {
				add(RuleUnavailable, id, fmt.Sprintf("%s on %s: %s is unavailable", name, d, id), i)
			}
		}
	}

	// Double-booking: per person, sessions sorted by start.
	byPerson := map[string][]int{}
	for i, ss := range p.Sessions {
		for _, id := range uniq(append(append([]string(nil), ss.Facilitators...), ss.Attendees...)) {
			byPerson[id] = append(byPerson[id], i)
		}
	}
	people := make([]string, 0, len(byPerson))
	for id := range byPerson {
		people = append(people, id)
	}
	sort.Strings(people)
	for _, id := range people {
		idx := byPerson[id]
		sort.SliceStable(idx, func(a, b int) bool { return p.Sessions[idx[a]].Start.Before(p.Sessions[idx[b]].Start) })
		for a := range idx {
			for b := a + 1; b < len(idx); b++ {
				x, y := p.Sessions[idx[a]], p.Sessions[idx[b]]
				if !y.Start.Before(x.End) {
					break
				}
				add(RuleDoubleBooking, id, fmt.Sprintf("%s is in overlapping sessions %d (%s %s) and %d (%s %s)", id,
					idx[a], x.Group, x.Start.Format(time.RFC3339), idx[b], y.Group, y.Start.Format(time.RFC3339)), idx[a], idx[b])
			}
		}
	}

	byGroup := map[string][]int{}
	for i, ss := range p.Sessions {
		byGroup[ss.Group] = append(byGroup[ss.Group], i)
	}
	for gi := range p.Groups {
		out = append(out, p.checkGroup(&p.Groups[gi], byGroup[p.Groups[gi].ID], loc)...)
	}
	return out
}

func uniq(ids []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// checkGroup checks the rotation, topic and module rules of one group.
// idx holds the indexes of the group's sessions.
func (p *Plan) checkGroup(g *Group, idx []int, loc *time.Location) []Violation {
	var out []Violation
	add := func(r Rule, person string, msg string, idx ...int) {
		out = append(out, Violation{Rule: r, Sessions: idx, Person: person, Message: msg})
	}
	idx = append([]int(nil), idx...)
	sort.SliceStable(idx, func(a, b int) bool { return p.Sessions[idx[a]].Start.Before(p.Sessions[idx[b]].Start) })

	// Rotation over non-kickoff sessions.
	count := map[string]int{}
	for _, m := range g.Members {
		count[m.ID] = 0
	}
	minCount := func() int {
		lo := -1
		for _, m := range g.Members {
			if lo < 0 || count[m.ID] < lo {
				lo = count[m.ID]
			}
		}
		return lo
	}
	prev, prevIdx := "", -1
	for _, i := range idx {
		ss := p.Sessions[i]
		if ss.Kind == KindKickoff || len(ss.Facilitators) == 0 {
			continue
		}
		f := ss.Facilitators[0]
		if _, ok := count[f]; !ok {
			continue // reported as membership
		}
		if f == prev {
			add(RuleConsecutive, f, fmt.Sprintf("group %s: %s leads sessions %d and %d in a row", g.ID, f, prevIdx, i), prevIdx, i)
		}
		if lo := minCount(); count[f] > lo {
			var behind []string
			for _, m := range g.Members {
				if count[m.ID] == lo {
					behind = append(behind, m.ID)
				}
			}
			add(RuleRotation, f, fmt.Sprintf("group %s: %s leads session %d for the %s time before %s led %d time(s)", g.ID, f, i, ordinal(count[f]+1), strings.Join(behind, ", "), count[f]), i)
		}
		count[f]++
		prev, prevIdx = f, i
	}
	if len(g.Members) > 0 {
		lo, hi := g.Members[0].ID, g.Members[0].ID
		for _, m := range g.Members {
			if count[m.ID] < count[lo] {
				lo = m.ID
			}
			if count[m.ID] > count[hi] {
				hi = m.ID
			}
		}
		if count[hi]-count[lo] > 1 {
			add(RuleBalance, hi, fmt.Sprintf("group %s: %s leads %d sessions but %s leads %d (counts must differ by at most one)", g.ID, hi, count[hi], lo, count[lo]))
		}
	}

	// Topics: coverage, owners, modules, prerequisites.
	mentoring := p.Options.Format == PeerMentoring
	topicIdx := map[string]int{}
	for ti, t := range g.Topics {
		topicIdx[strings.ToLower(t.Skill)] = ti
	}
	sessionsOf := make([][]int, len(g.Topics))
	explore := make([][]int, len(g.Topics))
	reflect := make([][]int, len(g.Topics))
	kickoffs := 0
	for _, i := range idx {
		ss := p.Sessions[i]
		if ss.Kind == KindKickoff {
			kickoffs++
			if !mentoring {
				add(RuleCoverage, "", fmt.Sprintf("group %s: session %d is a kickoff in a %s plan", g.ID, i, p.Options.Format), i)
			}
			continue
		}
		ti, ok := topicIdx[strings.ToLower(ss.Topic)]
		if !ok {
			add(RuleCoverage, "", fmt.Sprintf("group %s: session %d has unknown topic %q", g.ID, i, ss.Topic), i)
			continue
		}
		sessionsOf[ti] = append(sessionsOf[ti], i)
		switch {
		case mentoring && ss.Kind == KindSession:
			if own := g.Topics[ti].Owner; own != "" && (len(ss.Facilitators) == 0 || ss.Facilitators[0] != own) {
				add(RuleOwner, own, fmt.Sprintf("group %s: session %d on %q is not led by its owner %s", g.ID, i, ss.Topic, own), i)
			}
		case !mentoring && ss.Kind == KindExploration:
			explore[ti] = append(explore[ti], i)
		case !mentoring && ss.Kind == KindReflection:
			reflect[ti] = append(reflect[ti], i)
		default:
			add(RuleCoverage, "", fmt.Sprintf("group %s: session %d has kind %q, not used in a %s plan", g.ID, i, ss.Kind, p.Options.Format), i)
		}
	}
	if mentoring && len(idx) > 0 && kickoffs != 1 {
		add(RuleCoverage, "", fmt.Sprintf("group %s has %d kickoffs, want 1", g.ID, kickoffs), idx...)
	}
	for ti, t := range g.Topics {
		if mentoring {
			if n := len(sessionsOf[ti]); n != 1 {
				add(RuleCoverage, "", fmt.Sprintf("group %s: topic %q has %d sessions, want 1", g.ID, t.Skill, n), sessionsOf[ti]...)
			}
			continue
		}
		if len(explore[ti]) != 1 || len(reflect[ti]) != 1 {
			add(RuleCoverage, "", fmt.Sprintf("group %s: topic %q has %d exploration and %d reflection sessions, want 1 each", g.ID, t.Skill, len(explore[ti]), len(reflect[ti])), sessionsOf[ti]...)
			continue
		}
		e, r := p.Sessions[explore[ti][0]], p.Sessions[reflect[ti][0]]
		gap := int(dayOf(r.Start.In(loc)) - dayOf(e.Start.In(loc)))
		if gap < 14 || gap > 21 {
			add(RuleReflectionGap, "", fmt.Sprintf("group %s: topic %q: reflection %d day(s) after exploration, want 14–21", g.ID, t.Skill, gap), explore[ti][0], reflect[ti][0])
		}
		if len(e.Facilitators) > 0 && len(r.Facilitators) > 0 && e.Facilitators[0] == r.Facilitators[0] {
			add(RuleModuleFacilitators, e.Facilitators[0], fmt.Sprintf("group %s: topic %q: %s leads both exploration and reflection", g.ID, t.Skill, e.Facilitators[0]), explore[ti][0], reflect[ti][0])
		}
	}
	pre := prereqs(*g)
	for ti, t := range g.Topics {
		if len(sessionsOf[ti]) == 0 {
			continue
		}
		first := sessionsOf[ti][0]
		for _, i := range sessionsOf[ti] {
			if p.Sessions[i].Start.Before(p.Sessions[first].Start) {
				first = i
			}
		}
		for _, rj := range pre[ti] {
			if len(sessionsOf[rj]) == 0 {
				add(RulePrerequisite, "", fmt.Sprintf("group %s: topic %q requires %q, which has no session", g.ID, t.Skill, g.Topics[rj].Skill), first)
				continue
			}
			for _, j := range sessionsOf[rj] {
				if p.Sessions[first].Start.Before(p.Sessions[j].End) {
					add(RulePrerequisite, "", fmt.Sprintf("group %s: topic %q (session %d) starts before its prerequisite %q (session %d) ends", g.ID, t.Skill, first, g.Topics[rj].Skill, j), first, j)
				}
			}
		}
	}
	return out
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}
