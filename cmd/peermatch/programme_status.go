package main

import (
	"context"
	"fmt"
	"time"

	"github.com/peermatch/peermatch/internal/termsafe"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
)

func init() {
	for _, s := range []struct{ name, args, summary, help string }{
		{"leave", "ID [--db FILE] [--date D]", "record that a participant leaves the programme",
			`Records that the participant ID leaves on --date. Their pair ends then: run
peermatch repair to find their partner someone new, keeping every other
pair.

Leaving is final: a second leave, or any change on or after the day they
left, is refused. So is a leave dated before a round or pair that includes
them (rounds skip people who have left): date it on or after that round.`},
		{"pause", "ID [--db FILE] [--date D] [--until D]", "record that a participant takes a break",
			`Records that the participant ID pauses from --date until --until (the first
day back; without it, until peermatch resume). Their pair ends: run
peermatch repair for their partner. Paused people are skipped by rounds
formed during the pause. A pause is refused when a round or pair that
includes them starts after --date and before --until.`},
		{"resume", "ID [--db FILE] [--date D]", "record that a paused participant is back",
			`Records that the paused participant ID is back on --date. Run peermatch
repair to pair them, or wait for the next round.`},
	} {
		s := s
		register(&command{
			name:    s.name,
			args:    s.args,
			summary: s.summary,
			help: s.help + `

flags:
` + dbHelp + map[bool]string{true: "  --until D            the first day back (default: until resume)\n"}[s.name == "pause"] + `
examples:
  peermatch ` + s.name + ` kim --db team.db --date 2027-04-01` + map[bool]string{true: " --until 2027-06-01"}[s.name == "pause"] + `
  peermatch repair --db team.db --date 2027-04-01`,
			run: func(ctx context.Context, e *env, args []string) error { return runStatus(ctx, e, s.name, args) },
		})
	}
}

func runStatus(ctx context.Context, e *env, name string, args []string) error {
	c := commands[name]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	var until *string
	if name == "pause" {
		until = fs.String("until", "", "the first day back")
	}
	pos, err := e.parseFlags(c, fs, args)
	if err != nil {
		return err
	}
	id, err := oneFile(c, pos)
	if err != nil {
		return usagef(c, "want one participant ID")
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	ev := pgm.StatusEvent{Person: id, Date: day}
	switch name {
	case "leave":
		ev.Status = pgm.Left
	case "pause":
		ev.Status = pgm.Paused
		if *until != "" {
			if ev.Until, err = parseDateFlag(c, "until", *until); err != nil {
				return err
			}
			if !ev.Until.After(day) {
				return usagef(c, "--until %s is not after --date %s", fmtDay(ev.Until), fmtDay(day))
			}
		}
	case "resume":
		ev.Status = pgm.Active
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var partner string
	var p pgm.Programme
	err = s.Update(ctx, func(tx *store.Tx) error {
		st, err := tx.LoadFor(ctx, store.ForRepair)
		if err != nil {
			return err
		}
		p = st.Programme
		if start := st.Settings.Start; !start.IsZero() && day.Before(start) {
			return fmt.Errorf("--date %s is before the programme's start, %s", fmtDay(day), fmtDay(start))
		}
		if end := st.Settings.End; !end.IsZero() && day.After(end) {
			return fmt.Errorf("--date %s is after the programme's end, %s", fmtDay(day), fmtDay(end))
		}
		if p.Roster == nil || p.Roster.Person(id) == nil {
			return fmt.Errorf("%q: %w (peermatch export lists the participants)", id, store.ErrUnknownPerson)
		}
		now, back := pgm.StatusOn(p.Events, id, day)
		switch {
		case now == pgm.Left:
			return fmt.Errorf("%s has left the programme already", personLabel(p, id))
		case name == "resume" && now != pgm.Paused:
			return fmt.Errorf("%s is not paused on %s", personLabel(p, id), fmtDay(day))
		case name == "pause" && now == pgm.Paused:
			return fmt.Errorf("%s is paused already on %s (until %s)", personLabel(p, id), fmtDay(day), untilText(back))
		}
		// The store refuses a change that contradicts the history too; this
		// check comes first to name the people and the round concerned.
		if err := pgm.CheckStatusEvent(p, ev); err != nil {
			return err
		}
		partner = partnerOn(p, id, day)
		return tx.AddStatusEvent(ctx, ev)
	})
	if err != nil {
		return err
	}
	what := map[string]string{"leave": "leaves", "pause": "pauses", "resume": "is back"}[name]
	fmt.Fprintf(e.stdout, "%s %s on %s", personLabel(p, id), what, fmtDay(day))
	if name == "pause" {
		fmt.Fprintf(e.stdout, " until %s", untilText(ev.Until))
	}
	fmt.Fprintln(e.stdout)
	db := termsafe.Text(*dbf.db)
	switch {
	case partner != "" && name != "resume":
		fmt.Fprintf(e.stdout, "their partner %s is left without one: run peermatch repair --db %s --date %s\n", personLabel(p, partner), db, fmtDay(day))
	case name == "resume":
		fmt.Fprintf(e.stdout, "run peermatch repair --db %s --date %s to pair them now, or wait for the next round\n", db, fmtDay(day))
	}
	return nil
}

func untilText(t time.Time) string {
	if t.IsZero() {
		return "resumed"
	}
	return fmtDay(t)
}

// partnerOn returns id's partner in a pair lasting on day d (formed on or
// before d, not dissolved by then) of the round in force, or "".
func partnerOn(p pgm.Programme, id string, d time.Time) string {
	at := roundInForce(p, d)
	if at < 0 {
		return ""
	}
	for _, pr := range p.Rounds[at].Pairs {
		if pr.Formed.After(d) || !pr.Dissolved.IsZero() && !pr.Dissolved.After(d) {
			continue
		}
		if pr.A == id {
			return pr.B
		}
		if pr.B == id {
			return pr.A
		}
	}
	return ""
}
