package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
)

func init() {
	register(&command{
		name:    "pairs",
		args:    "FILE [--strategy optimal|maxmin|stable|greedy|random] [--seed N] [--max-grade-gap N] [--min-teach-level N] [--history FILE] [--trio] [--ignore-capacity] [--json|--csv]",
		summary: "form complementary buddy pairs from a roster",
		help: `Reads a roster (CSV or JSON) and forms buddy pairs whose members can teach
each other what they want, under the hard rules: grade gap, the peer rule
(peers are similar in at least one of grade, experience or skills, and
differ in at least one), no line manager inside a pair, never-pair lists
and no repeat of an earlier round. Prints each pair with its score (0-100)
and what each teaches the other, the people left unmatched with the
reason, and metrics.

What "A teaches B" means: B wants the skill, and A is at the teaching
level (3 of 5 by default) and above B in it. Each such skill counts
B's want times the levels A is ahead: an expert (5) teaching a beginner
(0) who wants it badly (5) is worth the most; a 3 teaching a 2 little.
The score is the share of each partner's wants the other covers, combined
so that a pair where both learn evenly scores best; 100 means each covers
all the other wants at expert level. Every skill listed can be checked
against the survey.

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
                       maxmin (most pairs, then the best worst pair score),
                       stable (no two people prefer each other to their
                       partners), greedy (best pair first; also stable) or
                       random
  --seed N             seed of the random strategy (default 1)
` + pairRuleHelp + pairPinHelp + `  --history FILE       earlier rounds: the --json output of earlier runs
                       (one or more objects) or a CSV "round,a,b"; their
                       pairs are not repeated and people unmatched last
                       round are favoured
  --trio               let a leftover person join a pair instead (not with
                       capacities above 1: add --ignore-capacity)
` + pairRepeatHelp + pairCapacityHelp + `  --json               one JSON object (the format --history reads)
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
	history := fs.String("history", "", "earlier rounds (JSON or CSV)")
	trio := fs.Bool("trio", false, "let a leftover person join a pair")
	rules := addPairRuleFlags(fs, pairFlagSet{pins: true, repeats: true, capacity: true})
	ff := addFormatFlags(fs, true)
	path, err := e.fileArg(c, fs, args)
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
	opt, err := rules.options(c)
	if err != nil {
		return err
	}
	opt.Strategy, opt.Seed, opt.Trio = s, *seed, *trio
	// Flags that act only with another would be ignored without a word.
	for _, dep := range []struct {
		name, needs string
		ok          bool
	}{
		{"seed", "--strategy random", s == pairing.Random},
		{"repeat-penalty", "--repeats penalise", opt.Repeats == pairing.PenaliseRepeats},
		{"repeat-decay", "--repeats penalise", opt.Repeats == pairing.PenaliseRepeats},
		{"repeats", "--history (the earlier rounds)", *history != ""},
		{"unmatched-bonus", "--history (the earlier rounds)", *history != ""},
	} {
		if !dep.ok && e.given(dep.name) {
			return usagef(c, "--%s acts only with %s", dep.name, dep.needs)
		}
	}
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
		// say what was read, so that a wrong file does not pass unnoticed
		fmt.Fprintf(e.stderr, "peermatch: history %s: %s\n", termsafe.Text(*history), h.Summary())
	}
	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	if err := rules.checkPeople(r); err != nil {
		return err
	}
	if r.Len() < 2 {
		return fmt.Errorf("%s has %d %s: pairing needs at least two (add rows to the survey, or check that it was exported with one row per person)", path, r.Len(), plural.Word(r.Len(), "person", "people"))
	}
	stop := startProgress(e, fmt.Sprintf("pairing %d people", r.Len()))
	res, err := pairing.Pairs(ctx, r, opt)
	stop()
	if err != nil {
		if *trio && errors.Is(err, pairing.ErrInvalidOptions) && !opt.IgnoreCapacity {
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

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
