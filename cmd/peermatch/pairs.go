package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/peermatch/peermatch/pairing"
)

func init() {
	register(&command{
		name:    "pairs",
		args:    "FILE [--strategy optimal|maxmin|stable|greedy|random] [--seed N] [--max-grade-gap N] [--history FILE] [--trio] [--ignore-capacity] [--json|--csv]",
		summary: "form complementary buddy pairs from a roster",
		help: `Reads a roster (CSV or JSON) and forms buddy pairs whose members can teach
each other what they want, under the hard rules: grade gap, the peer rule
(they must differ in knowledge, experience or grade), no line manager inside
a pair, never-pair lists and no repeat of an earlier round. Prints each pair
with its score (0-100) and what each teaches the other, the people left
unmatched with the reason, and metrics.

The roster's capacity column (default 1) is how many buddies a person takes.
With a capacity of 2 or more a person appears in several pairs, one line
each, and a load line shows links, people at capacity and each load against
capacity. Optimal then gives, exactly, first as many people as possible a
buddy, then as many links as possible, then the best total score: everyone
gets a buddy before anyone gets a second. Greedy and random honour
capacities too; maxmin and stable give everyone one buddy and say so in a
note.

flags:
  --strategy NAME      optimal (default: most pairs, then best total, exact),
                       maxmin (best worst pair), stable, greedy or random
  --seed N             seed of the random strategy (default 1)
  --max-grade-gap N    largest grade difference inside a pair (default 1;
                       -1 for no limit)
  --history FILE       earlier rounds: the --json output of earlier runs
                       (one or more objects) or a CSV "round,a,b"; their
                       pairs are not repeated and people unmatched last
                       round are favoured
  --trio               let a leftover person join a pair instead (not with
                       capacities above 1: add --ignore-capacity)
  --ignore-capacity    give everyone at most one buddy, whatever the
                       capacity column says
  --json               one JSON object (the format --history reads)
  --csv                CSV, safe to open in a spreadsheet

examples:
  peermatch pairs roster.csv
  peermatch pairs roster.csv --strategy stable --json > round1.json
  peermatch pairs roster.csv --history round1.json --trio`,
		run: runPairs,
	})
}

// gradeGapFlag is an optional integer flag: nil until set.
type gradeGapFlag struct{ v *int }

func (g *gradeGapFlag) String() string {
	if g.v == nil {
		return ""
	}
	return strconv.Itoa(*g.v)
}

func (g *gradeGapFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("want an integer, got %q", s)
	}
	g.v = &n
	return nil
}

func runPairs(ctx context.Context, e *env, args []string) error {
	c := commands["pairs"]
	fs := newFlags(c)
	strategy := fs.String("strategy", "optimal", "optimal, maxmin, stable, greedy or random")
	seed := fs.Uint64("seed", 1, "seed of the random strategy")
	var gap gradeGapFlag
	fs.Var(&gap, "max-grade-gap", "largest grade difference inside a pair")
	history := fs.String("history", "", "earlier rounds (JSON or CSV)")
	trio := fs.Bool("trio", false, "let a leftover person join a pair")
	ignoreCap := fs.Bool("ignore-capacity", false, "give everyone at most one buddy")
	ff := addFormatFlags(fs, true)
	path, err := fileArg(c, fs, args)
	if err != nil {
		return err
	}
	out, err := ff.choose(c)
	if err != nil {
		return err
	}
	s, err := pairing.StrategyByName(*strategy)
	if err != nil {
		return usagef(c, "--strategy: %v", err)
	}
	opt := pairing.Options{Strategy: s, Seed: *seed, MaxGradeGap: gap.v, Trio: *trio, IgnoreCapacity: *ignoreCap}
	if *history != "" {
		f, err := openInput(*history, "an earlier round's --json output or a CSV round,a,b")
		if err != nil {
			return err
		}
		h, err := pairing.ReadHistory(bufio.NewReader(f))
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *history, err)
		}
		opt.History = h
	}
	r, err := readRoster(path)
	if err != nil {
		return err
	}
	if r.Len() < 2 {
		return fmt.Errorf("%s has %d %s: pairing needs at least two (add rows to the survey, or check that it was exported with one row per person)", path, r.Len(), plural(r.Len(), "person", "people"))
	}
	stop := startProgress(e, fmt.Sprintf("pairing %d people", r.Len()))
	res, err := pairing.Pairs(ctx, r, opt)
	stop()
	if err != nil {
		if *trio && errors.Is(err, pairing.ErrInvalidOptions) && !*ignoreCap {
			return fmt.Errorf("%s: %w (run with --ignore-capacity to form trios)", path, err)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	switch out {
	case formatJSON:
		return pairing.WriteJSON(e.stdout, res)
	case formatCSV:
		return pairing.WriteCSV(e.stdout, res)
	}
	return pairing.WriteText(e.stdout, res)
}

// plural returns one when n is 1 and many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
