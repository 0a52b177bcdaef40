package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/peermatch/peermatch/cohort"
)

func init() {
	register(&command{
		name:    "groups",
		args:    "FILE [--min 6 --max 10 | --format peer-mentoring|peer-learning] [--seed N] [--history FILE] [--json|--csv]",
		summary: "form balanced learning groups, each with a learning plan",
		help: `Reads a roster (CSV or JSON) and splits everyone into learning groups in
which every member's wanted skills are held by another member and every
member can teach something, keeping the worst group as good as possible.
Each group gets a learning plan: its most wanted topics and an owner for
each, everyone owning one topic before anyone owns two. A manager and a
direct report are never in the same group.

flags:
  --min N, --max N   group sizes, at least 1 (default 6–10; they
                     override --format; leave one out for its default)
  --format NAME      peer-mentoring: teams of 8–10 with 10 topics;
                     peer-learning: 3–6 managers of one grade band (gap 1)
                     who share a focus, 6 topics; people who fit no group
                     are listed with the reason
  --sessions N       topics per group (default 10, or the format's)
  --max-per-department N   ask for at most N members of one department
  --seed N           seed of the search (default 1, as schedule and report
                     use; same seed, same groups)
  --history FILE     groups JSON of earlier rounds: people who were together
                     before are kept apart where possible
  --json             the groups document (see the cohort package)
  --csv              one row per person: group, id, name, topics owned

examples:
  peermatch groups roster.csv
  peermatch groups roster.csv --format peer-learning --json > plg.json
  peermatch groups roster.csv --min 5 --max 8 --history last-year.json --csv`,
		run: runGroups,
	})
}

func runGroups(ctx context.Context, e *env, args []string) error {
	c := commands["groups"]
	fs := newFlags(c)
	minSize := fs.Int("min", 0, "smallest group")
	maxSize := fs.Int("max", 0, "largest group")
	formatName := fs.String("format", "", "peer-mentoring or peer-learning")
	sessions := fs.Int("sessions", 0, "topics per group")
	maxDept := fs.Int("max-per-department", 0, "members of one department per group")
	seed := fs.Uint64("seed", 1, "seed of the search")
	history := fs.String("history", "", "groups JSON of earlier rounds")
	out := addFormatFlags(fs, true)
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	form, err := out.choose(c)
	if err != nil {
		return err
	}
	var opt cohort.Options
	switch *formatName {
	case "":
	case "peer-mentoring":
		opt = cohort.PeerMentoringTeam()
	case "peer-learning":
		opt = cohort.PeerLearningGroup()
	default:
		return usagef(c, "unknown --format %q: use peer-mentoring or peer-learning", *formatName)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["min"] {
		opt.MinSize = *minSize
	}
	if set["max"] {
		opt.MaxSize = *maxSize
	}
	if set["sessions"] {
		opt.Sessions = *sessions
	}
	if *minSize < 0 || *maxSize < 0 || *sessions < 0 || *maxDept < 0 {
		return usagef(c, "--min, --max, --sessions and --max-per-department must not be negative")
	}
	if set["min"] && set["max"] && *minSize > *maxSize {
		return usagef(c, "--min %d is above --max %d", *minSize, *maxSize)
	}
	// 0 is the library's "default"; given on the command line it is a
	// mistake for both sizes.
	if set["min"] && *minSize == 0 {
		return usagef(c, "--min 0: the smallest group must be at least 1 (leave --min out for the default, %d)", cohort.DefaultMinSize)
	}
	if set["max"] && *maxSize == 0 {
		return usagef(c, "--max 0: the largest group must be at least 1 (leave --max out for the default, %d)", cohort.DefaultMaxSize)
	}
	opt.MaxPerDepartment = *maxDept
	opt.Seed = *seed
	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	if *history != "" {
		f, err := openInput(*history, "a groups JSON file from an earlier run")
		if err != nil {
			return err
		}
		prev, err := cohort.ReadJSON(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", *history, err)
		}
		for _, g := range prev.Groups {
			opt.History = append(opt.History, g.Members)
		}
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
