package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "schedule",
		args:    "FILE [--format peer-mentoring|peer-learning] [--start DATE] [--weekday DAY] [--time HH:MM] [--tz ZONE] [--blackout FROM..TO]... [--holidays COUNTRY] [--ics DIR] [--json|--csv]",
		summary: "plan a year of group sessions and write calendar files",
		help: `FILE is a roster (CSV or JSON: groups of the chosen format are formed
first, as by 'peermatch groups --format F') or the JSON written by
'peermatch groups --json'. Prints the year
plan: the kickoff workshop and one session a month led by the topic's owner
(peer-mentoring), or per topic an Exploration and a Reflection 14-21 days
later led by different members (peer-learning). Sessions skip blackouts,
public holidays and members' unavailable dates; a moved session is noted.

flags:
  --format F        peer-mentoring (default) or peer-learning
  --start DATE      first date, YYYY-MM-DD in the years 1900-9998
                    (default: the next Monday)
  --weekday DAY     the weekday sessions fall on: mon, tue, wed, thu or fri
                    (default: any working day)
  --time HH:MM      local start time (default 10:00)
  --tz ZONE         IANA time zone, e.g. Europe/Paris (default UTC)
  --blackout R      FROM..TO dates (YYYY-MM-DD, inclusive) with no
                    sessions, or one date; repeat for several
  --holidays CC     skip the public holidays of a country (ISO code, e.g. FR)
  --seed N          seed for forming the groups from a roster (default 1)
  --ics DIR         also write one .ics calendar per group and per person,
                    named group-<slug>-<hash>.ics and person-<slug>-<hash>.ics;
                    calendars of an earlier run are replaced, any other
                    file or a symlink under those names is an error
  --json / --csv    JSON or CSV instead of the readable plan

examples:
  peermatch schedule roster.csv --start 2027-01-11 --weekday tue --tz Europe/Paris \
      --blackout 2027-12-15..2028-01-05 --holidays FR --ics calendars/
  peermatch groups roster.csv --json > groups.json
  peermatch schedule groups.json --format peer-learning --json`,
		run: runSchedule,
	})
}

// repeated collects a flag given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(s string) error { *r = append(*r, s); return nil }

var weekdays = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

func runSchedule(ctx context.Context, e *env, args []string) error {
	c := commands["schedule"]
	fs := newFlags(c)
	formatName := fs.String("format", "peer-mentoring", "peer-mentoring or peer-learning")
	start := fs.String("start", "", "first date YYYY-MM-DD")
	weekday := fs.String("weekday", "", "weekday of sessions")
	tod := fs.String("time", "", "local start time HH:MM")
	tz := fs.String("tz", "", "IANA time zone")
	var blackouts, holidays repeated
	fs.Var(&blackouts, "blackout", "FROM..TO with no sessions (repeatable)")
	fs.Var(&holidays, "holidays", "country code whose public holidays are skipped (repeatable)")
	seed := fs.Uint64("seed", 1, "seed for forming groups")
	icsDir := fs.String("ics", "", "folder for .ics files")
	ff := addFormatFlags(fs, true)
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	out, err := ff.choose(c)
	if err != nil {
		return err
	}
	opt := schedule.Options{Location: *tz, TimeOfDay: *tod, Holidays: holidays}
	var groupsFormat cohort.Options
	switch *formatName {
	case "peer-mentoring":
		opt.Format = schedule.PeerMentoring
		groupsFormat = cohort.PeerMentoringTeam()
	case "peer-learning":
		opt.Format = schedule.PeerLearning
		groupsFormat = cohort.PeerLearningGroup()
	default:
		return usagef(c, "--format must be peer-mentoring or peer-learning, not %q", *formatName)
	}
	if *start == "" {
		opt.Start = nextMonday(time.Now())
	} else if opt.Start, err = schedule.ParseDate(*start); err != nil || opt.Start.Year() > schedule.MaxYear {
		return usagef(c, "--start must be a date YYYY-MM-DD in the years %d–%d, not %q", schedule.MinYear, schedule.MaxYear, *start)
	}
	if *weekday != "" {
		d, ok := weekdays[strings.ToLower(*weekday)[:min(3, len(*weekday))]]
		if !ok {
			return usagef(c, "--weekday must be one of mon, tue, wed, thu, fri, sat, sun, not %q", *weekday)
		}
		// Sessions fall on the same nth weekday of every month as the
		// first such weekday on or after the start (e.g. the second Tuesday).
		for opt.Start.Weekday() != d {
			opt.Start = opt.Start.AddDate(0, 0, 1)
		}
		nth := (opt.Start.Day()-1)/7 + 1
		if nth > 4 {
			nth = schedule.Last
		}
		opt.Weekdays = []time.Weekday{d}
		opt.Cadence = schedule.Cadence{Kind: schedule.NthWeekday, Nth: nth, Weekday: d}
	}
	for _, b := range blackouts {
		r, err := schedule.ParseDateRange(b)
		if err != nil {
			return usagef(c, "--blackout: %v", strings.TrimPrefix(err.Error(), schedule.ErrInvalidOptions.Error()+": "))
		}
		opt.Blackouts = append(opt.Blackouts, r)
	}
	groupsFormat.Seed = *seed
	groups, err := loadGroups(ctx, e, path, groupsFormat)
	if err != nil {
		return err
	}
	plan, err := schedule.Build(groups, opt)
	if err != nil {
		return err
	}
	if *icsDir != "" {
		if err := writeCalendars(*icsDir, plan); err != nil {
			return err
		}
	}
	switch out {
	case formatJSON:
		return schedule.WriteJSON(e.stdout, plan)
	case formatCSV:
		return schedule.WriteCSV(e.stdout, plan)
	}
	if err := schedule.WriteText(e.stdout, plan); err != nil {
		return err
	}
	if *icsDir != "" {
		fmt.Fprintf(e.stdout, "\ncalendars written to %s\n", termsafe.Text(*icsDir))
	}
	return nil
}

// nextMonday returns the first Monday after now, at midnight UTC.
func nextMonday(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// loadGroups reads FILE as the JSON of 'peermatch groups --json' or as a
// roster whose groups are formed with opt. The roster's warnings go to
// stderr before the progress of forming the groups, so the two never mix.
func loadGroups(ctx context.Context, e *env, path string, opt cohort.Options) ([]schedule.Group, error) {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", path, err)
		}
		var probe map[string]json.RawMessage
		if json.Unmarshal(data, &probe) == nil {
			if _, ok := probe["groups"]; ok {
				res, err := cohort.ReadJSON(bytes.NewReader(data))
				if err != nil {
					return nil, fmt.Errorf("%s: %w", path, err)
				}
				return groupsWithoutRoster(res), nil
			}
		}
	}
	r, err := readRoster(e, path)
	if err != nil {
		return nil, err
	}
	stop := startProgress(e, "forming groups")
	res, err := cohort.Form(ctx, r, opt)
	stop()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return schedule.GroupsFromCohort(r, res)
}

// groupsWithoutRoster converts groups read from JSON, which carry member ids
// only.
func groupsWithoutRoster(res *cohort.Result) []schedule.Group {
	ids := &skills.Roster{Catalog: &skills.Catalog{}}
	for _, g := range res.Groups {
		for _, m := range g.Members {
			ids.People = append(ids.People, skills.Person{ID: m, Name: m})
		}
	}
	groups, _ := schedule.GroupsFromCohort(ids, res) // every id is in ids
	return groups
}

// writeCalendars writes the plan's calendars (schedule.Plan.Calendars:
// one per group and per person, names that cannot collide) into dir. It
// checks every target before writing any: an existing entry must be a
// regular file that schedule.IsCalendar recognises (a calendar of an
// earlier run, which is replaced); a symlink, a folder or any other file
// is an error and nothing is written. Each calendar goes to a temporary
// file in dir that is then renamed over the target, so no symlink is ever
// followed and no calendar is left half-written.
func writeCalendars(dir string, plan *schedule.Plan) error {
	files, err := plan.Calendars()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	for _, f := range files {
		if err := checkCalendarTarget(filepath.Join(dir, f.Name)); err != nil {
			return err
		}
	}
	for _, f := range files {
		var b bytes.Buffer
		if err := schedule.WriteICS(&b, plan, f.Selection); err != nil {
			return err
		}
		if err := replaceFile(dir, f.Name, b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// checkCalendarTarget returns nil when path does not exist or is a regular
// file holding a peermatch calendar, and an error naming path otherwise.
func checkCalendarTarget(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s exists and is not a regular file (%v): no calendar is written through it; remove it or choose another --ics folder", path, fi.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		return fmt.Errorf("%s changed while it was checked", path)
	}
	head := make([]byte, schedule.CalendarHeadLen)
	n, _ := io.ReadFull(f, head)
	if !schedule.IsCalendar(head[:n]) {
		return fmt.Errorf("%s exists and is not a peermatch calendar: it is not overwritten; remove it or choose another --ics folder", path)
	}
	return nil
}

// replaceFile writes data to a new temporary file in dir and renames it
// to name, replacing the directory entry (never following it).
func replaceFile(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, ".peermatch-*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", filepath.Join(dir, name), err)
	}
	return nil
}
