package main

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/peermatch/peermatch/internal/plural"
	"github.com/peermatch/peermatch/internal/termsafe"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/report"
	"github.com/peermatch/peermatch/schedule"
)

// reportProgramme is report --db: the round in force on --date (default
// today) of a programme database, its pairs or groups scored as evaluate
// scores them, their calendar from the round's start (check-ins for pairs,
// sessions for groups; the plan flags apply), and the health review.
func reportProgramme(ctx context.Context, e *env, c *command, db, out, title, date string, pf *planFlags, gf *groupFlags) error {
	day := pgm.Day(time.Now())
	if date != "" {
		d, err := parseDateFlag(c, "date", date)
		if err != nil {
			return err
		}
		day = d
	}
	wait := waitValue(10 * time.Second)
	state, err := dbOpenFlags{db: &db, wait: &wait}.load(ctx) // read-only when the file may not be written
	if err != nil {
		return err
	}
	p := state.Programme
	if p.Roster == nil {
		return fmt.Errorf("%s holds no survey yet: run peermatch init --db %s SURVEY first", db, db)
	}
	at := roundInForce(p, day)
	if at < 0 {
		return fmt.Errorf("%s: no round on or before %s: run peermatch round --db %s first", db, fmtDay(day), db)
	}
	rd := p.Rounds[at]
	in := report.Input{Title: title, Generated: day, Roster: p.Roster}
	if in.Title == "" && p.Name != "" {
		in.Title = p.Name
	}
	in.Notes = append(in.Notes, fmt.Sprintf("Programme %s: round %d, formed on %s; the pairs and groups in force on %s.", db, rd.Number, fmtDay(rd.Formed), fmtDay(day)))
	popt, err := pf.options(c, gf.planFormat(), rd.Formed)
	if err != nil {
		return err
	}
	if !pf.given() {
		popt.Start = rd.Formed // the round's calendar starts when it was formed
	}
	var sg []schedule.Group
	switch rd.Kind {
	case pgm.KindGroups:
		var groups [][]string
		for _, g := range rd.Groups {
			groups = append(groups, g.Members)
		}
		ev, err := cohort.Evaluate(ctx, p.Roster, groups, cohort.Options{})
		if err != nil {
			return fmt.Errorf("%s: round %d: %w", db, rd.Number, err)
		}
		in.Groups = ev.Result
		if sg, err = schedule.GroupsFromCohort(p.Roster, ev.Result); err != nil {
			return fmt.Errorf("%s: round %d: %w", db, rd.Number, err)
		}
	default:
		var pairs [][]string
		for _, pr := range rd.Pairs {
			if pr.Dissolved.IsZero() || pr.Dissolved.After(day) {
				pairs = append(pairs, []string{pr.A, pr.B})
			}
		}
		ev, err := pairing.Evaluate(ctx, p.Roster, pairs, pairing.Options{IgnoreCapacity: true})
		if err != nil {
			return fmt.Errorf("%s: round %d: %w", db, rd.Number, err)
		}
		in.Pairs = ev.Result
		if popt.Pairs, err = schedule.PairsFromPairing(p.Roster, ev.Result); err != nil {
			return fmt.Errorf("%s: round %d: %w", db, rd.Number, err)
		}
		if rd.TrialWeeks > 0 && popt.TrialMonths == 0 {
			popt.TrialMonths = max(1, (rd.TrialWeeks*7+15)/30)
		}
	}
	if len(sg) > 0 || len(popt.Pairs) > 0 {
		if in.Plan, err = schedule.BuildContext(ctx, sg, popt); err != nil {
			return fmt.Errorf("%s: round %d's calendar: %w", db, rd.Number, err)
		}
	}
	h := &report.Health{Round: rd.Number, AsOf: fmtDay(day)}
	for _, f := range pgm.Health(p, day, pgm.HealthOptions{}) {
		rf := report.Flag{Kind: string(f.Kind), Members: f.Members, Group: f.Group, Message: f.Message}
		for _, a := range f.Answers {
			rf.Answers = append(rf.Answers, answerLine(a))
		}
		h.Flags = append(h.Flags, rf)
	}
	in.Health = h
	var b bytes.Buffer
	if err := report.Write(&b, in); err != nil {
		return err
	}
	if err := writeReportFile(out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "report written to %s: round %d, %s\n", termsafe.Text(out), rd.Number, plural.Word(len(h.Flags), "1 health flag", fmt.Sprintf("%d health flags", len(h.Flags))))
	return nil
}

// answerLine is one check-in answer in words, as health shows it.
func answerLine(a pgm.CheckIn) string {
	var b bytes.Buffer
	met := "met"
	if !a.Met {
		met = "did not meet"
	}
	fmt.Fprintf(&b, "%s %s about %s: %s", fmtDay(a.Date), a.Person, a.Partner, met)
	if a.Equitable > 0 {
		fmt.Fprintf(&b, ", equitable %d/5", a.Equitable)
	}
	if a.Progress > 0 {
		fmt.Fprintf(&b, ", progress %d/5", a.Progress)
	}
	if a.Comments != "" {
		fmt.Fprintf(&b, ": %q", a.Comments)
	}
	return b.String()
}
