package main

import (
	"context"
	"fmt"

	"github.com/peermatch/peermatch/cohort"
)

func init() {
	register(&command{
		name:    "groups",
		args:    "FILE [--min 6 --max 10 | --format peer-mentoring|peer-learning] [--max-grade-gap N] [--seed N] [--history FILE] [--json|--csv]",
		summary: "form balanced learning groups, each with a learning plan",
		help: `Reads a roster (CSV or JSON) and splits everyone into learning groups in
which every member's wanted skills are held by another member and every
member can teach something, keeping the worst group as good as possible.
Each group gets a learning plan: its most wanted topics and an owner for
each, everyone owning one topic before anyone owns two. Every member owns
a topic: when the wanted skills run out, topics come from skills a member
holds that others have at a lower level, then from the catalog's
categories and skills; a member who still owns none is listed with the
reason. Owners get the topics they listed in the survey's lead column
(first choice first) wherever the plan allows; the output says who got
their first choice, who got none, and why. A manager and a direct report
are never in the same group.

flags:
` + groupFlagsHelp + `
  --json             the groups document (see the cohort package)
  --csv              one row per person: group, id, name, topics owned,
                     reason, email, lead choice and why not the first

examples:
  peermatch groups roster.csv
  peermatch groups roster.csv --format peer-learning --json > plg.json
  peermatch groups roster.csv --format peer-learning --max-grade-gap 1
  peermatch groups roster.csv --min 5 --max 8 --history last-year.json --csv`,
		run: runGroups,
	})
}

func runGroups(ctx context.Context, e *env, args []string) error {
	c := commands["groups"]
	fs := newFlags(c)
	gf := addGroupFlags(fs)
	out := addFormatFlags(fs, true)
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	form, err := out.choose(c)
	if err != nil {
		return err
	}
	opt, err := gf.options(c)
	if err != nil {
		return err
	}
	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	if err := gf.checkPeople(r); err != nil {
		return err
	}
	stop := startProgress(e, fmt.Sprintf("forming groups of %d people", r.Len()))
	res, err := cohort.Form(ctx, r, opt)
	stop()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	switch form {
	case formatJSON:
		return cohort.WriteJSON(e.stdout, res)
	case formatCSV:
		return cohort.WriteCSV(e.stdout, res)
	}
	return cohort.WriteText(e.stdout, res)
}
