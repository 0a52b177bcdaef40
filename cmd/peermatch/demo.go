package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "demo",
		args:    "",
		summary: "run the whole flow on the embedded demo roster",
		help: `Runs peermatch on an embedded roster of 48 invented people in 4 departments
with 12 management skills, and prints what a facilitator would get: the
roster summary, the optimal buddy pairs with what each partner teaches the
other, the peer-mentoring teams with their topics and owners, and the year
plan starting 2027-01-12 (second Tuesday of the month, Europe/Paris, no
sessions over the December holidays) with the pairs' check-ins.

To run the same on your own survey:
  peermatch validate roster.csv
  peermatch pairs roster.csv
  peermatch groups roster.csv
  peermatch schedule roster.csv --start 2027-01-11 --weekday tue --tz Europe/Paris

example:
  peermatch demo`,
		run: runDemo,
	})
}

func runDemo(ctx context.Context, e *env, args []string) error {
	c := commands["demo"]
	fs := newFlags(c)
	pos, err := parseFlags(c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef(c, "demo takes no FILE (it uses the embedded demo roster); to run on your own roster use e.g. `peermatch pairs FILE`")
	}
	return writeDemo(ctx, e.stdout, skills.Demo())
}

// writeDemo runs pairs, groups and the year plan on r and prints them.
func writeDemo(ctx context.Context, w io.Writer, r *skills.Roster) error {
	section := func(title string) {
		fmt.Fprintf(w, "\n== %s ==\n\n", title)
	}
	fmt.Fprintln(w, "peermatch demo: an embedded roster of invented people")
	section("Roster")
	if err := skills.WriteSummary(w, r.Summary()); err != nil {
		return err
	}

	section("Buddy pairs (optimal: most people with a buddy, then most pairs, then the best total)")
	pairs, err := pairing.Pairs(ctx, r, pairing.Options{})
	if err != nil {
		return err
	}
	if err := pairing.WriteText(w, pairs); err != nil {
		return err
	}

	section("Peer-mentoring teams (8-10 members, monthly for a year)")
	teams := cohort.PeerMentoringTeam()
	teams.Seed = 1
	groups, err := cohort.Form(ctx, r, teams)
	if err != nil {
		return err
	}
	if err := cohort.WriteText(w, groups); err != nil {
		return err
	}

	section("Year plan")
	sg, err := schedule.GroupsFromCohort(r, groups)
	if err != nil {
		return err
	}
	sp, err := schedule.PairsFromPairing(r, pairs)
	if err != nil {
		return err
	}
	start := time.Date(2027, time.January, 12, 0, 0, 0, 0, time.UTC) // a Tuesday
	plan, err := schedule.Build(sg, schedule.Options{
		Format:    schedule.PeerMentoring,
		Start:     start,
		Location:  "Europe/Paris",
		Weekdays:  []time.Weekday{time.Tuesday},
		Cadence:   schedule.Cadence{Kind: schedule.NthWeekday, Nth: 2, Weekday: time.Tuesday},
		Blackouts: []schedule.DateRange{{From: time.Date(2027, 12, 15, 0, 0, 0, 0, time.UTC), To: time.Date(2028, 1, 5, 0, 0, 0, 0, time.UTC), Label: "December holidays"}},
		Pairs:     sp,
	})
	if err != nil {
		return err
	}
	groupIDs := make([]string, len(sg))
	for i, g := range sg {
		groupIDs[i] = g.ID
	}
	if err := schedule.WriteText(w, plan.Select(schedule.Selection{Groups: groupIDs})); err != nil {
		return err
	}
	if len(sp) == 0 {
		return nil
	}
	section(fmt.Sprintf("Buddy check-ins (the first of %d pairs; every pair gets the same rhythm)", len(sp)))
	if err := schedule.WriteText(w, plan.Select(schedule.Selection{Group: sp[0].ID()})); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nEvery session and check-in can be exported as calendar files: peermatch schedule FILE --ics DIR")
	return nil
}
