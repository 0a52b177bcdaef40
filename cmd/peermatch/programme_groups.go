package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peermatch/peermatch/cohort"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
)

// wantsGroups reports whether the arguments of round ask for a groups
// round (--groups): groups' flags then apply instead of pairs'.
func wantsGroups(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "groups" {
			continue
		}
		if !hasVal {
			return true
		}
		b, err := strconv.ParseBool(val)
		return err == nil && b
	}
	return false
}

// runGroupsRound is round --groups: the next round as learning groups.
func runGroupsRound(ctx context.Context, e *env, args []string) error {
	c := commands["round"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	fs.Bool("groups", true, "form learning groups")
	gf := addGroupFlags(fs)
	trial := fs.Int("trial-weeks", -1, "the round's trial period in weeks")
	dry := fs.Bool("dry-run", false, "show the round without recording it")
	asJSON := fs.Bool("json", false, "write JSON")
	pos, err := e.parseFlags(c, fs, args, "groups")
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef(c, "unexpected argument %q (the survey is in the database: give a newer one to init)", pos[0])
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	if len(gf.history) > 0 {
		return usagef(c, "--history: a programme round takes its history from the database")
	}
	opt, err := gf.options(c)
	if err != nil {
		return err
	}
	if flagSet(fs, "trial-weeks") && (*trial < 0 || *trial > 520) {
		return usagef(c, "--trial-weeks: want 0-520, got %d", *trial)
	}
	st, err := dbf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var res pgm.NextGroupsResult
	err = st.Update(ctx, func(tx *store.Tx) error {
		state, err := tx.LoadFor(ctx, store.ForRepair)
		if err != nil {
			return err
		}
		p := state.Programme
		if p.Roster == nil {
			return fmt.Errorf("the programme has no participants: run peermatch init first")
		}
		if err := gf.checkPeople(p.Roster); err != nil {
			return err
		}
		if n := len(p.Rounds); n > 0 && !p.Rounds[n-1].Formed.Before(day) {
			return fmt.Errorf("round %d was formed on %s: a new round needs a later --date", p.Rounds[n-1].Number, fmtDay(p.Rounds[n-1].Formed))
		}
		nopt := pgm.NextOptions{TrialWeeks: state.Settings.TrialWeeks}
		if flagSet(fs, "trial-weeks") {
			nopt.TrialWeeks = *trial
		}
		stop := startProgress(e, fmt.Sprintf("forming groups of %d people", p.Roster.Len()))
		res, err = pgm.NextGroups(ctx, p, nil, day, opt, nopt)
		stop()
		if err != nil {
			return err
		}
		res.Round.Options = recordFlags(e, fs, string(pgm.KindGroups)).String()
		if *dry {
			return nil
		}
		return tx.AddRound(ctx, res.Round)
	})
	if err != nil {
		return err
	}
	w, err := writeRoundResult(e, *asJSON, func(out io.Writer) error { return cohort.WriteJSON(out, res.Result) },
		func(out io.Writer) error { return cohort.WriteText(out, res.Result) }, res.Skipped)
	if err != nil {
		return err
	}
	r := res.Round
	names := make([]string, len(r.Groups))
	for i, g := range r.Groups {
		names[i] = fmt.Sprintf("%s (%d)", g.ID, len(g.Members))
	}
	fmt.Fprintf(w, "groups: %s\n", strings.Join(names, ", "))
	fmt.Fprintf(w, "round %d on %s: %d groups, %d not placed%s\n", r.Number, fmtDay(r.Formed), len(r.Groups), len(r.Unmatched), roundEnding(r, *dbf.db, *dry))
	return nil
}
