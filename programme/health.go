package programme

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// HealthOptions sets the thresholds of Health. The zero value means the
// defaults given with each field; a negative value switches the check off.
type HealthOptions struct {
	// NotMetWeeks: a pair or group whose latest answer says it did not
	// meet is flagged FlagNotMet once this many weeks have passed since it
	// was formed (before that, not having met yet is normal). 0 means 4.
	NotMetWeeks int
	// StalledWeeks: a pair or group with no check-in answer for this many
	// weeks (counted from its latest answer, or from its forming) is
	// flagged FlagStalled. 0 means 6.
	StalledWeeks int
	// LowEquitable: a member whose latest equitable rating is at most this
	// makes the pair FlagOneSided. 0 means 2.
	LowEquitable int
	// EquitableGap: members whose latest equitable ratings differ by at
	// least this make the pair FlagOneSided. 0 means 2.
	EquitableGap int
	// TrialReviewWeeks is how long after the end of a trial period Health
	// lists each pair to confirm or dissolve. 0 means 4.
	TrialReviewWeeks int
}

func (o HealthOptions) withDefaults() HealthOptions {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.NotMetWeeks, 4)
	def(&o.StalledWeeks, 6)
	def(&o.LowEquitable, 2)
	def(&o.EquitableGap, 2)
	def(&o.TrialReviewWeeks, 4)
	return o
}

// FlagKind names what a Flag says about a pair or group.
type FlagKind string

// The kinds of flag, in the order Health lists them.
const (
	// FlagMemberOut: a member of a lasting pair has left the programme or
	// is paused, and no repair has run since: the other member has no
	// partner in practice until Repair pairs them again (or the pause
	// ends). The pair's answers are not reviewed further.
	FlagMemberOut FlagKind = "member_out"
	// FlagNotMet: the latest answer says the members did not meet,
	// HealthOptions.NotMetWeeks or more after forming. A pair with no
	// answer at all is not known not to have met: it is FlagStalled after
	// HealthOptions.StalledWeeks.
	FlagNotMet FlagKind = "not_met"
	// FlagOneSided: a member rates the contributions at most
	// HealthOptions.LowEquitable, or the members' ratings differ by at
	// least HealthOptions.EquitableGap (latest rating of each).
	FlagOneSided FlagKind = "one_sided"
	// FlagStalled: no check-in answer for HealthOptions.StalledWeeks.
	FlagStalled FlagKind = "stalled"
	// FlagDissolve: the trial period has ended and the pair is flagged
	// not met or one-sided: dissolve it (or talk to its members).
	FlagDissolve FlagKind = "dissolve"
	// FlagConfirm: the trial period has ended and the pair is neither
	// not met nor one-sided: confirm it.
	FlagConfirm FlagKind = "confirm"
)

var flagOrder = map[FlagKind]int{FlagMemberOut: -1, FlagNotMet: 0, FlagOneSided: 1, FlagStalled: 2, FlagDissolve: 3, FlagConfirm: 4}

// Flag is one finding of Health about one pair or group of the round in
// force: what it is, who, the answers behind it (by date, then person) and
// a sentence for the facilitator.
type Flag struct {
	Kind    FlagKind
	Round   int
	Members []string // the members' ids, sorted
	Group   string   // the group's id; "" for a pair
	Answers []CheckIn
	Message string
}

// unit is a pair or group of a round under review.
type unit struct {
	members []string
	group   string
	formed  time.Time
	until   time.Time // dissolved date, zero if lasting
	answers []CheckIn
}

// Health reviews every pair and group of the round in force on asOf (the
// latest round formed on or before it; pairs lasting on asOf) against the
// check-in answers dated from its forming to asOf, and returns its flags:
// a member out (a pair whose member has left or is paused, not reviewed
// further), not met, one-sided, stalled, and, within TrialReviewWeeks after the end
// of the round's trial period (counted from each pair's forming), one
// confirm-or-dissolve flag per pair. Flags come in the order of FlagKind
// constants, then by members' ids; answers by date, then person. Health
// takes O(a + u·log u) time for a answers and u pairs and groups; it
// returns nil when no round is in force.
func Health(p Programme, asOf time.Time, opt HealthOptions) []Flag {
	opt = opt.withDefaults()
	ri := roundOn(p.Rounds, asOf)
	if ri < 0 {
		return nil
	}
	rd := p.Rounds[ri]
	names := rosterNames(p.Roster)
	units := roundUnits(rd, asOf, p.CheckIns)
	var flags []Flag
	for _, u := range units {
		if f, ok := memberOut(p, rd, u, asOf, names); ok {
			flags = append(flags, f)
			continue
		}
		flags = append(flags, reviewUnit(rd, u, asOf, opt, names)...)
	}
	sort.SliceStable(flags, func(i, j int) bool {
		a, b := flags[i], flags[j]
		if a.Kind != b.Kind {
			return flagOrder[a.Kind] < flagOrder[b.Kind]
		}
		return strings.Join(a.Members, "\x00") < strings.Join(b.Members, "\x00")
	})
	return flags
}

// roundUnits returns the pairs lasting on asOf and the groups of rd, each
// with its answers, sorted by members.
func roundUnits(rd Round, asOf time.Time, checkIns []CheckIn) []*unit {
	var units []*unit
	byPair := map[[2]string]*unit{}
	byGroup := map[string]*unit{}
	for _, pr := range rd.Pairs {
		if !pr.activeOn(asOf) {
			continue
		}
		a, b := order2(pr.A, pr.B)
		u := &unit{members: []string{a, b}, formed: pr.Formed, until: pr.Dissolved}
		byPair[[2]string{a, b}] = u
		units = append(units, u)
	}
	for _, g := range rd.Groups {
		m := append([]string(nil), g.Members...)
		sort.Strings(m)
		u := &unit{members: m, group: g.ID, formed: rd.Formed}
		byGroup[g.ID] = u
		units = append(units, u)
	}
	for _, c := range checkIns {
		var u *unit
		if g := byGroup[c.Partner]; g != nil && contains(g.members, c.Person) {
			u = g
		} else {
			a, b := order2(c.Person, c.Partner)
			u = byPair[[2]string{a, b}]
		}
		if u == nil || c.Date.Before(u.formed) || c.Date.After(asOf) {
			continue
		}
		u.answers = append(u.answers, c)
	}
	for _, u := range units {
		sortAnswers(u.answers)
	}
	sort.Slice(units, func(i, j int) bool {
		return strings.Join(units[i].members, "\x00") < strings.Join(units[j].members, "\x00")
	})
	return units
}

// memberOut returns the FlagMemberOut flag of pair u when a member has
// left or is paused on asOf (groups carry on without a member). O(e) for
// e status events.
func memberOut(p Programme, rd Round, u *unit, asOf time.Time, names map[string]string) (Flag, bool) {
	if u.group != "" {
		return Flag{}, false
	}
	for x, m := range u.members {
		st, until := StatusOn(p.Events, m, asOf)
		if st == Active {
			continue
		}
		other := personName(names, u.members[1-x])
		var why string
		switch {
		case st == Left:
			why = fmt.Sprintf("%s has left the programme", personName(names, m))
		case until.IsZero():
			why = fmt.Sprintf("%s is paused", personName(names, m))
		default:
			why = fmt.Sprintf("%s is paused until %s", personName(names, m), until.Format(dateFmt))
		}
		return Flag{Kind: FlagMemberOut, Round: rd.Number, Members: u.members, Answers: u.answers,
			Message: fmt.Sprintf("%s: %s has no partner in practice until a repair pairs them again (peermatch repair).", why, other)}, true
	}
	return Flag{}, false
}

func sortAnswers(a []CheckIn) {
	sort.SliceStable(a, func(i, j int) bool {
		if !a[i].Date.Equal(a[j].Date) {
			return a[i].Date.Before(a[j].Date)
		}
		return a[i].Person < a[j].Person
	})
}

func order2(a, b string) (string, string) {
	if b < a {
		return b, a
	}
	return a, b
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func weeksBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / (24 * 7)) }

// reviewUnit returns the flags of one pair or group.
func reviewUnit(rd Round, u *unit, asOf time.Time, opt HealthOptions, names map[string]string) []Flag {
	who := describeUnit(u, names)
	mk := func(k FlagKind, answers []CheckIn, msg string) Flag {
		return Flag{Kind: k, Round: rd.Number, Members: u.members, Group: u.group, Answers: answers, Message: msg}
	}
	var flags []Flag
	var notMet, oneSided bool

	// Not met: the latest answer says so, once the pair has had
	// NotMetWeeks to meet.
	if n := len(u.answers); n > 0 && !u.answers[n-1].Met && opt.NotMetWeeks > 0 && weeksBetween(u.formed, asOf) >= opt.NotMetWeeks {
		last := u.answers[n-1]
		flags = append(flags, mk(FlagNotMet, []CheckIn{last},
			fmt.Sprintf("%s have not met: the latest check-in, from %s on %s, says they did not meet.", who, personName(names, last.Person), last.Date.Format(dateFmt))))
		notMet = true
	}

	// One-sided: latest rating of each member.
	latest := map[string]CheckIn{}
	for _, c := range u.answers {
		if c.Equitable > 0 {
			latest[c.Person] = c
		}
	}
	var rated []CheckIn
	for _, m := range u.members {
		if c, ok := latest[m]; ok {
			rated = append(rated, c)
		}
	}
	if len(rated) > 0 {
		lo, hi := rated[0], rated[0]
		for _, c := range rated {
			if c.Equitable < lo.Equitable {
				lo = c
			}
			if c.Equitable > hi.Equitable {
				hi = c
			}
		}
		switch {
		case opt.LowEquitable > 0 && lo.Equitable <= opt.LowEquitable:
			flags = append(flags, mk(FlagOneSided, rated,
				fmt.Sprintf("%s may be one-sided: %s rates the contributions %d of 5 (%s).", who, personName(names, lo.Person), lo.Equitable, lo.Date.Format(dateFmt))))
			oneSided = true
		case opt.EquitableGap > 0 && hi.Equitable-lo.Equitable >= opt.EquitableGap:
			flags = append(flags, mk(FlagOneSided, rated,
				fmt.Sprintf("%s disagree about their contributions: %s rates them %d of 5 and %s %d of 5.", who, personName(names, hi.Person), hi.Equitable, personName(names, lo.Person), lo.Equitable)))
			oneSided = true
		}
	}

	// Stalled.
	since, what := u.formed, "since they were paired on "+u.formed.Format(dateFmt)
	if n := len(u.answers); n > 0 {
		since, what = u.answers[n-1].Date, "the last was on "+u.answers[n-1].Date.Format(dateFmt)
	}
	if w := weeksBetween(since, asOf); opt.StalledWeeks > 0 && w >= opt.StalledWeeks {
		var last []CheckIn
		if n := len(u.answers); n > 0 {
			last = []CheckIn{u.answers[n-1]}
		}
		flags = append(flags, mk(FlagStalled, last, fmt.Sprintf("No check-in from %s for %d weeks (%s).", who, w, what)))
	}

	// End of the trial period.
	if rd.TrialWeeks > 0 && u.group == "" {
		end := addWeeks(u.formed, rd.TrialWeeks)
		if !asOf.Before(end) && asOf.Before(addWeeks(end, opt.TrialReviewWeeks)) {
			if notMet || oneSided {
				var why []string
				if notMet {
					why = append(why, "they have not met")
				}
				if oneSided {
					why = append(why, "the contributions look one-sided")
				}
				flags = append(flags, mk(FlagDissolve, u.answers,
					fmt.Sprintf("The trial of %s ended on %s and %s: dissolve the pair, or talk to them first.", who, end.Format(dateFmt), strings.Join(why, " and "))))
			} else if len(u.answers) == 0 {
				flags = append(flags, mk(FlagConfirm, nil,
					fmt.Sprintf("The trial of %s ended on %s without a check-in answer: ask them how it went before you confirm the pair.", who, end.Format(dateFmt))))
			} else {
				met := 0
				for _, c := range u.answers {
					if c.Met {
						met++
					}
				}
				flags = append(flags, mk(FlagConfirm, u.answers,
					fmt.Sprintf("The trial of %s ended on %s: %d of %d answers say they met and no one-sided rating; confirm the pair.", who, end.Format(dateFmt), met, len(u.answers))))
			}
		}
	}
	return flags
}

func describeUnit(u *unit, names map[string]string) string {
	ns := make([]string, len(u.members))
	for i, m := range u.members {
		ns[i] = personName(names, m)
	}
	if u.group != "" {
		return fmt.Sprintf("Group %s (%s)", u.group, strings.Join(ns, ", "))
	}
	return strings.Join(ns, " and ")
}
