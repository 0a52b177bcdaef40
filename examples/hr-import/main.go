// Command hr-import is what an HR team runs on a survey export: it reads the
// roster CSV, forms optimal buddy pairs and peer mentoring teams, plans the
// year, and writes files for the people who run the programme:
//
//	OUT/pairs.csv               one row per pair, with what each partner teaches
//	OUT/groups.csv              one row per person: group and topics owned
//	OUT/group-G1-<hash>.ics …   one calendar per group
//	OUT/person-<id>-<hash>.ics  one calendar per person: group sessions and
//	                            the buddy pair's check-ins (names made by
//	                            schedule.GroupFileName and PersonFileName)
//
// Usage:
//
//	go run ./examples/hr-import [-out DIR] [-start 2027-01-11] [-tz Europe/Paris] [survey.csv]
//
// Without a CSV it writes the embedded demo roster to a temporary CSV first
// and reads that, so the whole import path runs.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hr-import:", err)
		os.Exit(1)
	}
}

// run is main with its arguments and output stream, so that tests can call
// it.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("hr-import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "peermatch-out", "output folder")
	start := fs.String("start", "", "first date of the plan, YYYY-MM-DD (default: next Monday)")
	tz := fs.String("tz", "UTC", "IANA time zone of the sessions")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w\nusage: hr-import [-out DIR] [-start YYYY-MM-DD] [-tz ZONE] [survey.csv]", err)
	}
	var path string
	switch fs.NArg() {
	case 0:
		p, cleanup, err := demoCSV()
		if err != nil {
			return err
		}
		defer cleanup()
		path = p
		fmt.Fprintf(stdout, "no survey given: using the demo roster written to %s\n", filepath.Base(p))
	case 1:
		path = fs.Arg(0)
	default:
		return fmt.Errorf("expected at most one survey CSV, got %d arguments", fs.NArg())
	}
	first := nextMonday(time.Now())
	if *start != "" {
		var err error
		if first, err = time.Parse(time.DateOnly, *start); err != nil {
			return fmt.Errorf("-start %q: want YYYY-MM-DD", *start)
		}
	}

	// 1. Read the survey. Every bad cell is reported with line and column;
	// a manager (id, e-mail or name) who matches nobody is a warning.
	roster, err := readCSV(path)
	if err != nil {
		return err
	}
	for _, w := range roster.Warnings {
		fmt.Fprintln(stdout, "warning:", w)
	}
	// 2. Buddy pairs.
	pairs, err := pairing.Pairs(ctx, roster, pairing.Options{})
	if err != nil {
		return err
	}
	// 3. Peer mentoring teams of 8–10, or the default 6–10 for rosters that
	//    cannot be split into teams. Seed 1 is the command line's default,
	//    so `peermatch groups survey.csv --format peer-mentoring` (or, for
	//    the fallback, `peermatch groups survey.csv`) forms the same groups.
	teams := cohort.PeerMentoringTeam()
	teams.Seed = 1
	groups, err := cohort.Form(ctx, roster, teams)
	if errors.Is(err, cohort.ErrSizes) {
		fmt.Fprintf(stdout, "cannot form teams of 8–10 (%v): using groups of 6–10\n", err)
		groups, err = cohort.Form(ctx, roster, cohort.Options{Seed: 1})
	}
	if err != nil {
		return err
	}
	// 4. The year plan: group sessions and each pair's trial check-ins.
	sg, err := schedule.GroupsFromCohort(roster, groups)
	if err != nil {
		return err
	}
	sp, err := schedule.PairsFromPairing(roster, pairs)
	if err != nil {
		return err
	}
	plan, err := schedule.BuildContext(ctx, sg, schedule.Options{Start: first, Location: *tz, Pairs: sp})
	if err != nil {
		return err
	}

	// 5. The files.
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(*out, "pairs.csv"), func(w io.Writer) error { return pairing.WriteCSV(w, pairs) }); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(*out, "groups.csv"), func(w io.Writer) error { return cohort.WriteCSV(w, groups) }); err != nil {
		return err
	}
	calendars, err := writeCalendars(*out, plan)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d people: %d pairs (%d unmatched), %d groups, %d sessions\n",
		roster.Len(), len(pairs.Pairs), len(pairs.Unmatched), len(groups.Groups), len(plan.Sessions))
	fmt.Fprintf(stdout, "wrote pairs.csv, groups.csv and %d calendars to %s\n", calendars, *out)
	return nil
}

// readCSV reads a survey export, naming the file in errors.
func readCSV(path string) (*skills.Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return skills.ReadCSVWith(bufio.NewReader(f), skills.ReadOptions{Name: filepath.Base(path)})
}

// demoCSV writes the demo roster to a temporary CSV file and returns its path
// and a function that removes it.
func demoCSV() (string, func(), error) {
	dir, err := os.MkdirTemp("", "hr-import-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	path := filepath.Join(dir, "demo-survey.csv")
	if err := writeFile(path, func(w io.Writer) error { return skills.WriteCSV(w, skills.Demo()) }); err != nil {
		cleanup()
		return "", nil, err
	}
	return path, cleanup, nil
}

// writeFile creates path and writes it with write, reporting the first error
// of writing or closing.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return writeTo(f, write)
}

// writeTo writes f with write through a buffer and closes it, reporting
// the first error of writing or closing.
func writeTo(f *os.File, write func(io.Writer) error) error {
	path := f.Name()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// writeCalendars writes the plan's calendars into dir and returns how
// many it wrote. schedule.Plan.Calendars names them (one per group and per
// person; no two ids share a file). Every target is checked first: only a
// calendar of an earlier run is replaced, and a symlink or any other file
// is an error before anything is written. Each calendar goes to a
// temporary file renamed over the target, so a symlink is never followed.
func writeCalendars(dir string, plan *schedule.Plan) (int, error) {
	files, err := plan.Calendars()
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, err
		}
		if !fi.Mode().IsRegular() || !isCalendarFile(path, fi) {
			return 0, fmt.Errorf("%s exists and is not a peermatch calendar: it is not overwritten", path)
		}
	}
	// One writer for all files: it indexes the plan once, so writing a
	// calendar costs what that calendar holds, not the whole plan.
	ics, err := schedule.NewICSWriter(plan)
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		tmp, err := os.CreateTemp(dir, ".hr-import-*.tmp")
		if err != nil {
			return 0, err
		}
		err = writeTo(tmp, func(w io.Writer) error { return ics.Write(w, f.Selection) })
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), filepath.Join(dir, f.Name))
		}
		if err != nil {
			os.Remove(tmp.Name())
			return 0, fmt.Errorf("%s: %w", filepath.Join(dir, f.Name), err)
		}
	}
	return len(files), nil
}

// isCalendarFile reports whether path, which Lstat described as fi, still
// is that file and starts like a peermatch calendar.
func isCalendarFile(path string, fi fs.FileInfo) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		return false
	}
	head := make([]byte, schedule.CalendarHeadLen)
	n, _ := io.ReadFull(f, head)
	return schedule.IsCalendar(head[:n])
}

// nextMonday returns the first Monday after now, at midnight UTC.
func nextMonday(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}
