package main

import (
	"flag"
	"strconv"
	"strings"
	"time"

	"github.com/peermatch/peermatch/schedule"
)

// repeated collects a flag given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(s string) error { *r = append(*r, s); return nil }

var weekdays = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

// planFlags are the calendar options of a year plan, registered once here
// so that schedule and report accept the same flags with the same
// defaults.
type planFlags struct {
	fs                                           *flag.FlagSet
	start, weekday, clock, duration, cadence, tz *string
	holidays, blackouts                          repeated
	end, kickoffTime                             *string
	kickoffDuration, checkInDuration             *time.Duration
	reflectionGap, checkInWeeks, trialMonths     *int
	facilitatorsOnly                             *bool
}

// planFlagsHelp documents the flags addPlanFlags registers.
const planFlagsHelp = `  --start DATE      first date, YYYY-MM-DD in the years 1900-9998
                    (default: the next Monday); the plan ends within
                    twelve months of it
  --weekday DAY     the weekday sessions fall on: mon … sun (default: any
                    working day); with the monthly cadence sessions fall on
                    the same nth DAY of each month as the first one
  --time HH:MM      local start time (default 10:00)
  --duration D      length of a session, e.g. 90m or 2h (default 2h for
                    peer-mentoring, 90m for peer-learning)
  --cadence C       monthly (default), weekly, fortnightly or Nw (every N
                    weeks, e.g. 3w)
  --tz ZONE         IANA time zone, e.g. Europe/Paris (default UTC)
  --blackout R      FROM..TO dates (YYYY-MM-DD, inclusive) with no
                    sessions, or one date; repeat for several
  --holidays CC     skip the public holidays of a country (ISO code, e.g.
                    FR); repeat for several
  --end DATE        no session on or after DATE (default: twelve months
                    after the start, the programme year)
  --kickoff-time HH:MM, --kickoff-duration D
                    the peer-mentoring kickoff workshop (default 09:00, 8h)
  --reflection-gap N  days from a module's Exploration to its Reflection,
                    14-21 (default 14)
  --facilitators-only  move a session only when its facilitator is
                    unavailable (default: when any member is)
  --check-in-weeks N  weeks between a pair's check-ins, counted from its
                    contract start (default 4)
  --trial-months N  a pair's trial period from its contract start, 1-12
                    months (default 3), ended by an end-of-trial meeting
                    that replaces a check-in due less than half an
                    interval before it; the trial must end before --end
                    (so 12 needs a later --end than the default)
  --check-in-duration D  length of a check-in (default 30m)`

// addPlanFlags registers the planning flags on fs.
func addPlanFlags(fs *flag.FlagSet) *planFlags {
	p := &planFlags{
		fs:       fs,
		start:    fs.String("start", "", "first date YYYY-MM-DD"),
		weekday:  fs.String("weekday", "", "weekday of sessions"),
		clock:    fs.String("time", "", "local start time HH:MM"),
		duration: fs.String("duration", "", "length of a session"),
		cadence:  fs.String("cadence", "", "monthly, weekly, fortnightly or Nw"),
		tz:       fs.String("tz", "", "IANA time zone"),
	}
	fs.Var(&p.blackouts, "blackout", "FROM..TO with no sessions (repeatable)")
	fs.Var(&p.holidays, "holidays", "country code whose public holidays are skipped (repeatable)")
	p.end = fs.String("end", "", "no session on or after this date (default: a year after the start)")
	p.kickoffTime = fs.String("kickoff-time", "", "local start HH:MM of the kickoff (default 09:00)")
	p.kickoffDuration = fs.Duration("kickoff-duration", 0, "length of the kickoff (default 8h)")
	p.reflectionGap = fs.Int("reflection-gap", 0, "days from Exploration to Reflection, 14-21 (default 14)")
	p.facilitatorsOnly = fs.Bool("facilitators-only", false, "move a session only when its facilitator is unavailable")
	p.checkInWeeks = fs.Int("check-in-weeks", 0, "weeks between check-ins (default 4)")
	p.trialMonths = fs.Int("trial-months", 0, "months of the trial period (default 3)")
	p.checkInDuration = fs.Duration("check-in-duration", 0, "length of a check-in (default 30m)")
	return p
}

// options returns the schedule options the flags describe (after parsing),
// for groups of format f; now gives the default start (the next Monday).
// Errors are usage errors of c; the options themselves are validated by
// schedule.Build.
func (p *planFlags) options(c *command, f schedule.Format, now time.Time) (schedule.Options, error) {
	opt := schedule.Options{Format: f, Location: *p.tz, TimeOfDay: *p.clock, Holidays: p.holidays}
	var err error
	if *p.start == "" {
		opt.Start = nextMonday(now)
	} else if opt.Start, err = schedule.ParseDate(*p.start); err != nil || opt.Start.Year() > schedule.MaxYear {
		return opt, usagef(c, "--start must be a date YYYY-MM-DD in the years %d–%d, not %q", schedule.MinYear, schedule.MaxYear, *p.start)
	}
	if *p.weekday != "" {
		// mon, monday and the prefixes between; "monkey" read as Monday
		// before.
		w := strings.ToLower(strings.TrimSpace(*p.weekday))
		d, ok := weekdays[w[:min(3, len(w))]]
		if ok && !strings.HasPrefix(strings.ToLower(d.String()), w) {
			ok = false
		}
		if !ok {
			return opt, usagef(c, "--weekday must be one of mon, tue, wed, thu, fri, sat, sun, not %q", *p.weekday)
		}
		opt.Weekdays = []time.Weekday{d}
	}
	if *p.duration != "" {
		d, err := time.ParseDuration(*p.duration)
		if err != nil || d <= 0 || d > 24*time.Hour {
			return opt, usagef(c, "--duration must be a length such as 90m or 2h, above 0 and at most 24h, not %q", *p.duration)
		}
		opt.Duration = d
	}
	switch cad := strings.ToLower(strings.TrimSpace(*p.cadence)); cad {
	case "", "monthly":
	case "weekly":
		opt.Cadence = schedule.Cadence{Kind: schedule.EveryNWeeks, Weeks: 1}
	case "fortnightly", "biweekly":
		opt.Cadence = schedule.Cadence{Kind: schedule.EveryNWeeks, Weeks: 2}
	default:
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(cad, "weeks"), "w"))
		if err != nil || n < 1 || n > 52 || !strings.HasSuffix(cad, "w") && !strings.HasSuffix(cad, "weeks") {
			return opt, usagef(c, "--cadence must be monthly, weekly, fortnightly or Nw (every N weeks, 1–52), not %q", *p.cadence)
		}
		opt.Cadence = schedule.Cadence{Kind: schedule.EveryNWeeks, Weeks: n}
	}
	if *p.end != "" {
		if opt.Horizon, err = schedule.ParseDate(*p.end); err != nil || !opt.Horizon.After(opt.Start) {
			return opt, usagef(c, "--end must be a date YYYY-MM-DD after the start, not %q", *p.end)
		}
	}
	// 0 is the library's "default": given on the command line (or in the
	// programme file) it is a mistake, not a request for the default.
	for _, d := range []struct {
		name  string
		value time.Duration
		def   string
	}{{"kickoff-duration", *p.kickoffDuration, "8h"}, {"check-in-duration", *p.checkInDuration, "30m"}} {
		if d.value < 0 || d.value > 24*time.Hour || (d.value == 0 && flagSet(p.fs, d.name)) {
			return opt, usagef(c, "--%s must be a length above 0 and at most 24h, not %v (leave it out for the default, %s)", d.name, d.value, d.def)
		}
	}
	for _, n := range []struct {
		name     string
		value    int
		lo, hi   int
		unit     string
		fallback int
	}{
		{"reflection-gap", *p.reflectionGap, 14, 21, " days", 14},
		{"check-in-weeks", *p.checkInWeeks, 1, 52, "", 4},
		{"trial-months", *p.trialMonths, 1, 12, "", 3},
	} {
		if (n.value != 0 || flagSet(p.fs, n.name)) && (n.value < n.lo || n.value > n.hi) {
			return opt, usagef(c, "--%s must be %d-%d%s, not %d (leave it out for the default, %d)", n.name, n.lo, n.hi, n.unit, n.value, n.fallback)
		}
	}
	opt.KickoffTime, opt.KickoffDuration = *p.kickoffTime, *p.kickoffDuration
	opt.ReflectionGapDays, opt.FacilitatorsOnly = *p.reflectionGap, *p.facilitatorsOnly
	opt.CheckInWeeks, opt.TrialMonths, opt.CheckInDuration = *p.checkInWeeks, *p.trialMonths, *p.checkInDuration
	for _, b := range p.blackouts {
		r, err := schedule.ParseDateRange(b)
		if err != nil {
			return opt, usagef(c, "--blackout: %v", strings.TrimPrefix(err.Error(), schedule.ErrInvalidOptions.Error()+": "))
		}
		opt.Blackouts = append(opt.Blackouts, r)
	}
	return opt, nil
}

// nextMonday returns the first Monday after now, at midnight UTC.
func nextMonday(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// given reports whether --start was given (on the command line or by the
// programme file).
func (p *planFlags) given() bool { return *p.start != "" }

// checkApplies returns a usage error naming the first plan flag given on
// the command line that the plan would ignore: a flag of the other format's
// sessions, a check-in flag when no check-ins are planned, or a flag of
// group sessions when there are no groups (a pairs file). The programme
// file's schedule section is not counted: it serves every format.
func (p *planFlags) checkApplies(e *env, c *command, f schedule.Format, checkIns, groups bool) error {
	for _, r := range []struct {
		names []string
		ok    bool
		needs string
	}{
		{[]string{"reflection-gap"}, f == schedule.PeerLearning, "--format peer-learning (the gap between a module's Exploration and Reflection)"},
		{[]string{"kickoff-time", "kickoff-duration"}, f != schedule.PeerLearning, "peer-mentoring groups (peer-learning groups have no kickoff)"},
		{[]string{"check-in-weeks", "trial-months", "check-in-duration"}, checkIns, "the pairs' check-ins (--check-ins or --pairs)"},
		{[]string{"duration", "cadence", "kickoff-time", "kickoff-duration", "reflection-gap", "facilitators-only"}, groups, "group sessions (the input is a pairs file)"},
	} {
		if r.ok {
			continue
		}
		for _, n := range r.names {
			if e.given(n) {
				return usagef(c, "--%s applies only to %s", n, r.needs)
			}
		}
	}
	return nil
}
