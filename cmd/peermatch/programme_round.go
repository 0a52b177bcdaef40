package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
)

func init() {
	register(&command{
		name:    "round",
		args:    "[--db FILE] [--date D] [--strategy NAME] [pairs flags | --groups [groups flags]] [--trial-weeks N] [--keep-no-shows] [--dry-run] [--json]",
		summary: "form the next round of pairs (or groups) of a programme and record it",
		help: `Forms the next round of buddy pairs from the programme database and records
it (one transaction: interrupted, nothing is recorded). The round follows
the programme's history and answers:

  - no pair of an earlier round again (--repeats penalise or allow relaxes
    this);
  - failed pairs never again: those dissolved as failed, and those the
    check-ins show did not meet or were one-sided (health's flags on --date);
    they are recorded as dissolved (failed) in the round they belonged to;
  - people left without a partner last time, and people whose partner
    left, paused or did not show up, are favoured;
  - people who left, are paused on --date, or did not show up in the last
    round (no answer of theirs, and no answer of their pair saying it met)
    are skipped, with the reason (--keep-no-shows keeps no-shows in).

Everyone gets one partner at most (capacities are not used for rounds).
The round records the pairing flags it was given; repair applies them
again.

--groups forms learning groups instead (groups' flags apply: --min, --max,
--format, …; see peermatch help groups): people who left or are paused are
skipped, people who shared a group in an earlier group round are kept
apart where possible, and the groups are named r<round>-g<group> (the
name check-in answers give as their group). Health reviews group rounds;
repair does not change them.

flags:
` + dbHelp + `  --strategy NAME      optimal (default), maxmin, stable, greedy or random
  --seed N             seed of the random strategy (default 1)
` + pairRuleHelp + pairRepeatHelp + `  --trial-weeks N      the round's trial period (default: the programme's,
                       set by init)
  --keep-no-shows      keep people who did not show up in the last round
  --dry-run            show the round without recording it
  --json               the pairs as JSON (pairs' format)
  --groups             form learning groups (groups' flags, not pairs')

examples:
  peermatch round --db team.db
  peermatch round --db team.db --date 2027-09-01 --different-department --dry-run
  peermatch round --db team.db --groups --format peer-mentoring`,
		run: runRound,
	})
	register(&command{
		name:    "repair",
		args:    "[--db FILE] [--date D] [--max-broken N] [pairs flags] [--dry-run]",
		summary: "re-pair only the people a leave, pause or join left without a partner",
		help: `Re-pairs the people the changes recorded since the round (leave, pause,
join) left without a partner, keeping every other pair of the round in
force: the most of them paired first, then the fewest pairs changed, then
the best total score. Pairs with someone who left or paused on --date are
recorded as dissolved; the new pairs are recorded as formed on --date.
Prints what changed and the score it cost.

The pairing rules are the round's: the flags it was formed with apply
again, and a flag given to repair overrides the round's value of it
(repair says which rules it used). A round of groups is not repaired.

flags:
` + dbHelp + `  --max-broken N       how many lasting pairs may be broken and re-formed to
                       pair more people (default 0: keep every other pair);
                       the search stops before a number of broken pairs
                       that would take more than 100,000 matchings, and
                       says so
` + pairRuleHelp + `  --dry-run            show the repair without recording it

examples:
  peermatch leave --db team.db kim && peermatch repair --db team.db
  peermatch repair --db team.db --max-broken 1 --dry-run`,
		run: runRepair,
	})
}

func runRound(ctx context.Context, e *env, args []string) error {
	if wantsGroups(args) {
		return runGroupsRound(ctx, e, args)
	}
	c := commands["round"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	strategy := fs.String("strategy", "optimal", "optimal, maxmin, stable, greedy or random")
	seed := fs.Uint64("seed", 1, "seed of the random strategy")
	rules := addPairRuleFlags(fs, pairFlagSet{repeats: true})
	trial := fs.Int("trial-weeks", -1, "the round's trial period in weeks")
	keepNoShows := fs.Bool("keep-no-shows", false, "keep people who did not show up")
	dry := fs.Bool("dry-run", false, "show the round without recording it")
	asJSON := fs.Bool("json", false, "write JSON")
	pos, err := e.parseFlags(c, fs, args)
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
	s, err := pairing.StrategyByName(*strategy)
	if err != nil {
		return usagef(c, "--strategy: %v", err)
	}
	opt, err := rules.options(c)
	if err != nil {
		return err
	}
	opt.Strategy, opt.Seed, opt.IgnoreCapacity = s, *seed, true
	if flagSet(fs, "trial-weeks") && (*trial < 0 || *trial > 520) {
		return usagef(c, "--trial-weeks: want 0-520, got %d", *trial)
	}
	st, err := dbf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var res pgm.NextRoundResult
	var failedNow []pgm.Pair
	var prev int
	err = st.Update(ctx, func(tx *store.Tx) error {
		state, err := tx.Load(ctx)
		if err != nil {
			return err
		}
		p := state.Programme
		if p.Roster == nil {
			return fmt.Errorf("the programme has no participants: run peermatch init first")
		}
		if n := len(p.Rounds); n > 0 && !p.Rounds[n-1].Formed.Before(day) {
			return fmt.Errorf("round %d was formed on %s: a new round needs a later --date", p.Rounds[n-1].Number, fmtDay(p.Rounds[n-1].Formed))
		}
		nopt := pgm.NextOptions{TrialWeeks: state.Settings.TrialWeeks, KeepNoShows: *keepNoShows}
		if flagSet(fs, "trial-weeks") {
			nopt.TrialWeeks = *trial
		}
		stop := startProgress(e, fmt.Sprintf("pairing %d people", p.Roster.Len()))
		res, err = pgm.NextRound(ctx, p, nil, day, opt, nopt)
		stop()
		if err != nil {
			return err
		}
		res.Round.Options = recordFlags(e, fs, string(pgm.KindPairs)).String()
		// Record the failed pairs of the round in force as dissolved.
		if at := roundInForce(p, day); at >= 0 {
			prev = p.Rounds[at].Number
			failed := map[[2]string]bool{}
			for _, f := range res.Failed {
				failed[f] = true
				failed[[2]string{f[1], f[0]}] = true
			}
			r := p.Rounds[at]
			r.Pairs = append([]pgm.Pair(nil), r.Pairs...)
			for i, pr := range r.Pairs {
				if pr.Dissolved.IsZero() && failed[[2]string{pr.A, pr.B}] {
					r.Pairs[i].Dissolved, r.Pairs[i].Reason = day, pgm.DissolvedFailed
					failedNow = append(failedNow, r.Pairs[i])
				}
			}
			if len(failedNow) > 0 && !*dry {
				if err := tx.UpdateRound(ctx, r); err != nil {
					return err
				}
			}
		}
		if *dry {
			return nil
		}
		return tx.AddRound(ctx, res.Round)
	})
	if err != nil {
		return err
	}
	w, err := writeRoundResult(e, *asJSON, func(out io.Writer) error { return pairing.WriteJSON(out, res.Result) },
		func(out io.Writer) error { return pairing.WriteText(out, res.Result) }, res.Skipped)
	if err != nil {
		return err
	}
	if len(res.Favoured) > 0 {
		fmt.Fprintf(w, "favoured (left alone or partner gone last round): %s\n", ids(res.Favoured))
	}
	for _, f := range failedNow {
		fmt.Fprintf(w, "round %d: pair %s + %s dissolved as failed (not met or one-sided); never paired again\n", prev, termsafe.Text(f.A), termsafe.Text(f.B))
	}
	r := res.Round
	fmt.Fprintf(w, "round %d on %s: %d pairs, %d unpaired%s\n", r.Number, fmtDay(r.Formed), len(r.Pairs), len(r.Unmatched), roundEnding(r, *dbf.db, *dry))
	return nil
}

// writeRoundResult writes a new round's result on stdout, as JSON or as
// text, then the people skipped; it returns where the lines about the
// round go: after the text on stdout, after JSON on stderr, so that the
// JSON stays one document.
func writeRoundResult(e *env, asJSON bool, writeJSON, writeText func(io.Writer) error, skipped []pgm.Skipped) (io.Writer, error) {
	w := e.stderr
	if asJSON {
		if err := writeJSON(e.stdout); err != nil {
			return nil, err
		}
	} else {
		if err := writeText(e.stdout); err != nil {
			return nil, err
		}
		w = e.stdout
		fmt.Fprintln(w)
	}
	for _, sk := range skipped {
		fmt.Fprintf(w, "skipped: %s: %s\n", termsafe.Text(sk.ID), termsafe.Text(sk.Reason))
	}
	return w, nil
}

// roundEnding ends a new round's summary line: the trial's end, if any,
// and whether the round was recorded in db or only shown (--dry-run).
func roundEnding(r pgm.Round, db string, dry bool) string {
	trial := ""
	if r.TrialWeeks > 0 {
		trial = fmt.Sprintf(", trial until %s", fmtDay(r.TrialEnd()))
	}
	if dry {
		return trial + "; dry run: nothing recorded"
	}
	return trial + "; recorded in " + termsafe.Text(db)
}

func runRepair(ctx context.Context, e *env, args []string) error {
	c := commands["repair"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	maxBroken := fs.Int("max-broken", 0, "lasting pairs that may be broken")
	rules := addPairRuleFlags(fs, pairFlagSet{})
	dry := fs.Bool("dry-run", false, "show the repair without recording it")
	if err := e.parseNoArgs(c, fs, args); err != nil {
		return err
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	if *maxBroken < 0 {
		return usagef(c, "--max-broken: want 0 or more, got %d", *maxBroken)
	}
	st, err := dbf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var res pgm.RepairResult
	var p pgm.Programme
	var used string
	err = st.Update(ctx, func(tx *store.Tx) error {
		state, err := tx.LoadFor(ctx, store.ForRepair)
		if err != nil {
			return err
		}
		p = state.Programme
		at := roundInForce(p, day)
		if at < 0 {
			return fmt.Errorf("no round on or before %s to repair: run peermatch round first", fmtDay(day))
		}
		rd := p.Rounds[at]
		if rd.Kind == pgm.KindGroups {
			return fmt.Errorf("round %d formed groups: repair re-pairs the pairs of a pairs round; a group carries on without the people who leave, and the next round forms new groups", rd.Number)
		}
		if used, err = repairRules(e, c, fs, rd); err != nil {
			return err
		}
		opt, err := rules.options(c)
		if err != nil {
			return err
		}
		opt.IgnoreCapacity = true
		res, err = pgm.Repair(ctx, p, nil, opt, pgm.RepairOptions{AsOf: day, MaxBroken: *maxBroken})
		if err != nil {
			return err
		}
		if *dry || (len(res.Dissolved) == 0 && len(res.Formed) == 0) {
			return nil
		}
		return tx.ApplyRepair(ctx, res)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rules: %s\n", used)
	w := e.stdout
	if len(res.Dissolved) == 0 && len(res.Formed) == 0 && len(res.Alone) == 0 {
		fmt.Fprintf(w, "round %d: nothing to repair on %s\n", res.Round.Number, fmtDay(day))
		return nil
	}
	for _, d := range res.Dissolved {
		fmt.Fprintf(w, "dissolved: %s + %s (%s)\n", personLabel(p, d.A), personLabel(p, d.B), d.Reason)
	}
	for _, f := range res.Formed {
		fmt.Fprintf(w, "formed:    %s + %s  score %.0f\n", personLabel(p, f.Pair.A), personLabel(p, f.Pair.B), f.Score)
		if len(f.ATeachesB) > 0 {
			fmt.Fprintf(w, "           %s teaches %s\n", termsafe.Text(f.Pair.A), skillList(f.ATeachesB))
		}
		if len(f.BTeachesA) > 0 {
			fmt.Fprintf(w, "           %s teaches %s\n", termsafe.Text(f.Pair.B), skillList(f.BTeachesA))
		}
	}
	for _, a := range res.Alone {
		fmt.Fprintf(w, "alone:     %s: %s\n", personLabel(p, a.ID), termsafe.Text(a.Reason))
	}
	verb := "recorded in " + termsafe.Text(*dbf.db)
	if *dry {
		verb = "dry run: nothing recorded"
	}
	fmt.Fprintf(w, "round %d repaired on %s: %d of %d affected paired, %d pairs broken, score cost %.3g; %s\n",
		res.Round.Number, fmtDay(day), res.Paired, len(res.Affected), res.Broken, res.Cost, verb)
	if res.Searched < *maxBroken {
		fmt.Fprintf(w, "note: only repairs breaking up to %d pairs were searched: breaking %d would take more than %d matchings, so the result is the best breaking at most %d\n",
			res.Searched, res.Searched+1, pgm.MaxRepairSets, res.Searched)
	}
	return nil
}

// repairRules gives the pair flags of repair that were not given the values
// the round rd recorded, and says which rules apply.
func repairRules(e *env, c *command, fs *flag.FlagSet, rd pgm.Round) (string, error) {
	given := roundRecord{Kind: string(pgm.KindPairs)}
	fs.Visit(func(f *flag.Flag) {
		if !notRecorded[f.Name] && f.Name != "max-broken" {
			for _, v := range flagValues(f.Value) {
				given.Flags = append(given.Flags, [2]string{f.Name, v})
			}
		}
	})
	rec, ok := parseRoundRecord(rd.Options)
	if !ok {
		return fmt.Sprintf("%s, as given (round %d recorded its options as text: %s)", given.describe(), rd.Number, termsafe.Text(rd.Options)), nil
	}
	skipped, err := applyRecord(e, fs, rec)
	if err != nil {
		return "", usagef(c, "round %d's recorded options: %v", rd.Number, err)
	}
	text := fmt.Sprintf("round %d's (%s)", rd.Number, rec.describe())
	if len(given.Flags) > 0 {
		text += ", with " + given.describe() + " given here"
	}
	if len(skipped) > 0 {
		text += "; --" + strings.Join(skipped, ", --") + " apply to rounds only"
	}
	return text, nil
}

func skillList(v []pairing.SkillValue) string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = termsafe.Text(s.Skill)
	}
	return strings.Join(out, ", ")
}
