package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/report"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "report",
		args:    "FILE --html OUT [--seed N] [--start DATE] [--tz ZONE] [--check-ins] [--title TEXT]",
		summary: "write the facilitator's report: pairs, groups and calendar in one HTML page",
		help: `Reads a roster (CSV or JSON) and runs the whole programme on it: optimal
buddy pairs, peer mentoring teams of 8-10 with a learning plan each (groups
of 6-10 when the roster cannot be split into teams of 8-10, and no groups
when it cannot be split at all or a manager would share a group with a
direct report; the report says which), and the year plan of the sessions. Writes one self-contained HTML page a facilitator
opens in a browser: the summary, every pair with what each partner teaches
the other and why anyone is unmatched, each group with its coverage grid
(who can teach and who wants each skill) and its topics and owners, and
the calendar month by month. The page loads nothing from the network.

flags:
  --html OUT     the HTML file to write (required)
  --seed N       seed of the group search (default 1; same seed, same page)
  --start DATE   first date of the plan, YYYY-MM-DD (default: the next Monday)
  --tz ZONE      IANA time zone of the sessions, e.g. Europe/Paris (default UTC)
  --check-ins    add each pair's trial-period meetings to the calendar: contract
                 start, a check-in every 4 weeks, end of trial after 3 months
  --title TEXT   the page title (default "Peer mentoring report")
  --date DATE    the report's date, YYYY-MM-DD (default: today)

examples:
  peermatch report roster.csv --html report.html
  peermatch report roster.csv --html report.html --start 2027-01-11 --tz Europe/Paris`,
		run: runReport,
	})
}

func runReport(ctx context.Context, e *env, args []string) error {
	c := commands["report"]
	fs := newFlags(c)
	out := fs.String("html", "", "HTML file to write")
	seed := fs.Uint64("seed", 1, "seed of the group search")
	start := fs.String("start", "", "first date YYYY-MM-DD")
	tz := fs.String("tz", "", "IANA time zone")
	title := fs.String("title", "", "page title")
	date := fs.String("date", "", "report date YYYY-MM-DD")
	checkIns := fs.Bool("check-ins", false, "add the pairs' check-ins to the calendar")
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef(c, "missing --html OUT (the HTML file to write)")
	}
	opt := schedule.Options{Location: *tz}
	if *start == "" {
		opt.Start = nextMonday(time.Now())
	} else if opt.Start, err = time.Parse(time.DateOnly, *start); err != nil {
		return usagef(c, "--start must be a date YYYY-MM-DD, not %q", *start)
	}
	generated := time.Now()
	if *date != "" {
		if generated, err = time.Parse(time.DateOnly, *date); err != nil {
			return usagef(c, "--date must be a date YYYY-MM-DD, not %q", *date)
		}
	}

	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	in := report.Input{Title: *title, Generated: generated, Roster: r}
	in.Notes = append(in.Notes, fmt.Sprintf("Roster: %s.", filepath.Base(path)))
	if in.Pairs, err = pairing.Pairs(ctx, r, pairing.Options{}); err != nil {
		return fmt.Errorf("%s: pairs: %w", path, err)
	}
	groups, note, err := formReportGroups(ctx, r, *seed)
	if err != nil {
		return fmt.Errorf("%s: groups: %w", path, err)
	}
	in.Notes = append(in.Notes, note)
	var sg []schedule.Group
	if groups != nil {
		in.Groups = groups
		if sg, err = schedule.GroupsFromCohort(r, groups); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if *checkIns {
		if opt.Pairs, err = schedule.PairsFromPairing(r, in.Pairs); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if len(sg) > 0 || len(opt.Pairs) > 0 {
		if in.Plan, err = schedule.BuildContext(ctx, sg, opt); err != nil {
			return fmt.Errorf("%s: year plan: %w", path, err)
		}
	}
	var b bytes.Buffer
	if err := report.Write(&b, in); err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", *out, err)
	}
	sessions := 0
	if in.Plan != nil {
		sessions = len(in.Plan.Sessions)
	}
	ngroups := 0
	if in.Groups != nil {
		ngroups = len(in.Groups.Groups)
	}
	fmt.Fprintf(e.stdout, "report written to %s: %d pairs, %d unmatched, %d groups, %d sessions\n",
		*out, len(in.Pairs.Pairs), len(in.Pairs.Unmatched), ngroups, sessions)
	fmt.Fprintf(e.stdout, "note: %s\n", note)
	return nil
}

// formReportGroups forms peer mentoring teams (8–10), falling back to the
// default sizes (6–10) when the roster cannot be split into teams, and to no
// groups when it cannot be split at all or the hard rules (no manager with a
// direct report) cannot be met; the note says which happened.
func formReportGroups(ctx context.Context, r *skills.Roster, seed uint64) (*cohort.Result, string, error) {
	team := cohort.PeerMentoringTeam()
	team.Seed = seed
	res, err := cohort.Form(ctx, r, team)
	if err == nil {
		return res, fmt.Sprintf("Groups: peer mentoring teams of %d–%d people (seed %d).", team.MinSize, team.MaxSize, seed), nil
	}
	none := func(err error) (*cohort.Result, string, error) {
		if errors.Is(err, cohort.ErrSizes) || errors.Is(err, cohort.ErrInfeasible) {
			return nil, fmt.Sprintf("Groups: none, so no calendar either: %v.", err), nil
		}
		return nil, "", err
	}
	if !errors.Is(err, cohort.ErrSizes) {
		return none(err)
	}
	why := err.Error()
	res, err = cohort.Form(ctx, r, cohort.Options{Seed: seed})
	if err != nil {
		return none(err)
	}
	return res, fmt.Sprintf("Groups: the roster cannot be split into peer mentoring teams (%s), so the groups use the default sizes %d–%d (seed %d).",
		why, cohort.DefaultMinSize, cohort.DefaultMaxSize, seed), nil
}
