package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/programme/store"
)

func init() {
	register(&command{
		name:    "init",
		args:    "SURVEY [--db FILE] [--name N] [--start D] [--trial-weeks N | --trial-months N] [--date D]",
		summary: "start a programme database from a survey, or update its people from a newer one",
		help: `Creates the programme database (one SQLite file, --db, default peermatch.db)
with the participants of a survey (CSV, XLSX or JSON, as pairs reads it).

Run again on an existing database with a newer export of the survey, it
updates the people in it and prints the differences: who was added, whose
answers changed (and which), who was removed. Someone removed who is in a
pair in force is an error: record that they leave first (peermatch leave),
then repair. Removed people who took part keep their history and are
recorded as left on --date.

Every change is one transaction: interrupted, the database is as before.

flags:
` + dbHelp + `  --name N             the programme's name
  --start D            the first day of the programme (default --date)
  --trial-weeks N      the trial period of each round: at its end health
                       lists each pair to confirm or dissolve (default none)
  --trial-months N     the same in months (4⅓ weeks each)

examples:
  peermatch init survey.csv --trial-months 3
  peermatch init survey-march.csv --db team.db      (a newer export)`,
		run: runInit,
	})
	register(&command{
		name:    "join",
		args:    "NEW.csv [--db FILE] [--date D]",
		summary: "add people who join a running programme",
		help: `Adds the people of a survey export (new ones only: to update people
already in the programme, give the newer survey to init) and records them
as joining on --date. Then run peermatch repair to pair them with the
people left without a partner, or wait for the next round.

flags:
` + dbHelp + `
examples:
  peermatch join newcomers.csv
  peermatch join newcomers.csv --date 2027-05-02 && peermatch repair`,
		run: runJoin,
	})
}

func runInit(ctx context.Context, e *env, args []string) error {
	c := commands["init"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	name := fs.String("name", "", "the programme's name")
	start := fs.String("start", "", "the first day of the programme")
	weeks := fs.Int("trial-weeks", 0, "trial period in weeks")
	months := fs.Float64("trial-months", 0, "trial period in months")
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	trial := -1
	switch {
	case flagSet(fs, "trial-weeks") && flagSet(fs, "trial-months"):
		return usagef(c, "--trial-weeks and --trial-months cannot be used together")
	case flagSet(fs, "trial-weeks"):
		if *weeks < 0 || *weeks > 520 {
			return usagef(c, "--trial-weeks: want 0-520, got %d", *weeks)
		}
		trial = *weeks
	case flagSet(fs, "trial-months"):
		if math.IsNaN(*months) || *months < 0 || *months > 120 {
			return usagef(c, "--trial-months: want 0-120, got %v", *months)
		}
		trial = int(math.Round(*months * 52 / 12))
	}
	startDay := day
	if *start != "" {
		if startDay, err = parseDateFlag(c, "start", *start); err != nil {
			return err
		}
	}
	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(*dbf.db)
	fresh := errors.Is(statErr, iofs.ErrNotExist)
	var s *store.Store
	if fresh {
		s, err = store.Create(ctx, *dbf.db, dbf.options())
	} else {
		s, err = dbf.open(ctx)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	var d store.Diff
	var settings store.Settings
	err = s.Update(ctx, func(tx *store.Tx) error {
		st, err := tx.Load(ctx)
		if err != nil {
			return err
		}
		settings = st.Settings
		if st.Programme.Roster == nil {
			settings.Start = startDay
		} else if *start != "" {
			settings.Start = startDay
		}
		if *name != "" {
			settings.Name = *name
		}
		if trial >= 0 {
			settings.TrialWeeks = trial
		}
		if err := tx.SetSettings(ctx, settings); err != nil {
			return err
		}
		d, err = tx.SaveRoster(ctx, r, day)
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", termsafe.Text(path), err)
	}
	db := termsafe.Text(*dbf.db)
	if fresh {
		trialText := "no trial period"
		if settings.TrialWeeks > 0 {
			trialText = fmt.Sprintf("a trial period of %d weeks", settings.TrialWeeks)
		}
		fmt.Fprintf(e.stdout, "created %s: %d %s, %d skills, starting %s, %s\n", db, r.Len(), plural.Word(r.Len(), "person", "people"), r.Catalog.Len(), fmtDay(settings.Start), trialText)
		fmt.Fprintf(e.stdout, "next: peermatch round --db %s\n", db)
		return nil
	}
	if d.Empty() {
		fmt.Fprintf(e.stdout, "%s: the survey changes nobody (%d people)\n", db, r.Len())
		return nil
	}
	fmt.Fprintf(e.stdout, "%s updated from %s:\n", db, termsafe.Text(path))
	if len(d.Added) > 0 {
		fmt.Fprintf(e.stdout, "  added (%d): %s\n", len(d.Added), ids(d.Added))
	}
	writeChanges(e.stdout, d.Changed)
	if len(d.Removed) > 0 {
		fmt.Fprintf(e.stdout, "  removed (%d): %s\n", len(d.Removed), ids(d.Removed))
	}
	if len(d.Left) > 0 {
		fmt.Fprintf(e.stdout, "  recorded as left on %s (they took part): %s\n", fmtDay(day), ids(d.Left))
	}
	if len(d.Added) > 0 {
		fmt.Fprintf(e.stdout, "next: peermatch repair --db %s pairs the new people\n", db)
	}
	return nil
}

// sameChangeLines is how many people sharing one list of changed fields
// get one line together: a column added to or removed from the survey
// changes everyone, which one line a person would bury.
const sameChangeLines = 3

// writeChanges writes the people whose answers changed: one line a
// person, or one line for sameChangeLines or more people with the same
// changed fields (in the order the lists first appear); and a warning for
// everyone whose name and e-mail both changed, since an id that now
// stands for someone else hands them the history recorded under it.
func writeChanges(w io.Writer, changed []store.Change) {
	var order []string
	who := map[string][]string{}
	for _, ch := range changed {
		k := strings.Join(ch.Fields, ", ")
		if _, ok := who[k]; !ok {
			order = append(order, k)
		}
		who[k] = append(who[k], ch.ID)
	}
	for _, k := range order {
		if ids := who[k]; len(ids) >= sameChangeLines {
			fmt.Fprintf(w, "  changed (%d people): %s: %s\n", len(ids), termsafe.Text(k), idList(ids, 20))
			continue
		}
		for _, id := range who[k] {
			fmt.Fprintf(w, "  changed: %s: %s\n", termsafe.Text(id), termsafe.Text(k))
		}
	}
	for _, ch := range changed {
		if slices.Contains(ch.Fields, "name") && slices.Contains(ch.Fields, "email") {
			fmt.Fprintf(w, "  warning: %s: both the name and the e-mail changed; if this id now stands for someone else, the rounds, answers and status recorded under it are theirs now: give a new person a new id\n", termsafe.Text(ch.ID))
		}
	}
}

// idList lists up to most ids for a message, then how many more.
func idList(v []string, most int) string {
	if len(v) <= most {
		return ids(v)
	}
	return fmt.Sprintf("%s and %d more", ids(v[:most]), len(v)-most)
}

// ids lists ids for a message.
func ids(v []string) string {
	out := make([]string, len(v))
	for i, id := range v {
		out[i] = termsafe.Text(id)
	}
	return strings.Join(out, ", ")
}

func runJoin(ctx context.Context, e *env, args []string) error {
	c := commands["join"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var added []string
	err = s.Update(ctx, func(tx *store.Tx) error {
		st, err := tx.LoadFor(ctx, 0)
		if err != nil {
			return err
		}
		if start := st.Settings.Start; !start.IsZero() && day.Before(start) {
			return fmt.Errorf("--date %s is before the programme's start, %s", fmtDay(day), fmtDay(start))
		}
		added, err = tx.AddPeople(ctx, r, day)
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", termsafe.Text(path), err)
	}
	fmt.Fprintf(e.stdout, "%d joined on %s: %s\nnext: peermatch repair --db %s pairs them\n", len(added), fmtDay(day), ids(added), termsafe.Text(*dbf.db))
	return nil
}
