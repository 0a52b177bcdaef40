package programme

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/skills"
)

// NextGroupsResult is the outcome of NextGroups.
type NextGroupsResult struct {
	// Round is the new round, ready to record: number one more than the
	// last, formed on asOf, kind KindGroups, the groups (named GroupID)
	// and the people no group took (Round.Unmatched, with cohort's reason).
	Round Round
	// Result is cohort's result (learning plans, metrics) for the people
	// taking part; its group i is Round.Groups[i].
	Result *cohort.Result
	// Skipped lists, by id, the people left out and why: left, or paused
	// on asOf.
	Skipped []Skipped
}

// GroupID returns the id of group g (cohort's group id) of round n, as
// Round.Groups names it and check-in answers give it: "r<n>-g<g>".
func GroupID(n, g int) string {
	return "r" + strconv.Itoa(n) + "-g" + strconv.Itoa(g)
}

// NextGroups forms the next round of learning groups on asOf from the
// roster (nil means p.Roster) with cohort.Form: people who left or are
// paused on asOf are skipped (a skipped manager is taken out of their
// reports' records), and the members of the groups of every earlier group
// round are added to opt.History, so people who were together before are
// kept apart where the search can. The cost is that of cohort.Form plus
// O(n + Σ earlier group sizes). Errors wrap ErrInvalidOptions,
// ErrInvalidProgramme (nobody left) or cohort's and skills' errors.
func NextGroups(ctx context.Context, p Programme, roster *skills.Roster, asOf time.Time, opt cohort.Options, nopt NextOptions) (NextGroupsResult, error) {
	var out NextGroupsResult
	if roster == nil {
		roster = p.Roster
	}
	if roster == nil {
		return out, fmt.Errorf("%w: no roster", ErrInvalidOptions)
	}
	if nopt.TrialWeeks < 0 {
		return out, fmt.Errorf("%w: TrialWeeks %d is negative", ErrInvalidOptions, nopt.TrialWeeks)
	}
	skip := statusSkips(roster, newStatusIndex(p.Events), asOf)
	for id, why := range skip {
		out.Skipped = append(out.Skipped, Skipped{ID: id, Reason: why})
	}
	sort.Slice(out.Skipped, func(i, j int) bool { return out.Skipped[i].ID < out.Skipped[j].ID })
	if len(skip) == len(roster.People) {
		return out, fmt.Errorf("%w: nobody left to group on %s (%d skipped)", ErrInvalidProgramme, asOf.Format(dateFmt), len(skip))
	}
	sub, err := subRoster(roster, skip, false)
	if err != nil {
		return out, err
	}
	number, err := nextNumber(p.Rounds)
	if err != nil {
		return out, err
	}
	for _, r := range p.Rounds {
		if r.Kind == KindGroups {
			for _, g := range r.Groups {
				opt.History = append(opt.History, append([]string(nil), g.Members...))
			}
		}
	}
	res, err := cohort.Form(ctx, sub, opt)
	if err != nil {
		return out, err
	}
	rd := Round{Number: number, Formed: asOf, Kind: KindGroups, TrialWeeks: nopt.TrialWeeks}
	for _, g := range res.Groups {
		rd.Groups = append(rd.Groups, Group{ID: GroupID(number, g.ID), Members: append([]string(nil), g.Members...)})
	}
	for _, u := range res.Unplaced {
		rd.Unmatched = append(rd.Unmatched, Unmatched{ID: u.ID, Reason: u.Reason})
	}
	rd.Options = fmt.Sprintf("groups; %d skipped", len(out.Skipped))
	out.Round, out.Result = rd, res
	return out, nil
}

// statusSkips returns the people of roster who left or are paused on asOf,
// with the reason.
func statusSkips(roster *skills.Roster, st statusIndex, asOf time.Time) map[string]string {
	skip := map[string]string{}
	for _, x := range roster.People {
		s, until := st.on(x.ID, asOf)
		switch {
		case s == Left:
			skip[x.ID] = "left the programme"
		case s == Paused && !until.IsZero():
			skip[x.ID] = "paused until " + until.Format(dateFmt)
		case s == Paused:
			skip[x.ID] = "paused with no end date (opted out)"
		}
	}
	return skip
}
