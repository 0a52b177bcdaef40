package schedule

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fi"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/pt"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"
)

// MinYear and MaxYear bound the dates of a plan: Options.Start must fall
// in the years MinYear–MaxYear and Options.Horizon no later than January 1
// of MaxYear+1, so that every session starts and ends (sessions last at
// most 24h) before year 10000, in UTC and in every time zone, and every ICS
// timestamp has the four-digit year RFC 5545 requires. MinYear keeps plans
// inside the era of standard time zones.
const (
	MinYear = 1900
	MaxYear = 9998
)

// MaxIntervalWeeks bounds Cadence.Weeks and Options.CheckInWeeks, and
// MaxTrialMonths Options.TrialMonths: no plan spans more than the years
// MinYear–MaxYear, so a longer interval could hold no second meeting, and
// the day arithmetic of a longer one would overflow (Weeks = MaxInt put
// the sessions on consecutive days). A larger value is an error wrapping
// ErrInvalidOptions.
const (
	MaxIntervalWeeks = (MaxYear - MinYear + 1) * 53
	MaxTrialMonths   = (MaxYear - MinYear + 1) * 12
)

// Options configures Build. The zero value of every field except Start
// means the documented default; Start is required.
type Options struct {
	// Format of every group's programme; zero is PeerMentoring.
	Format Format
	// Start is the first date of the plan (only its calendar date counts),
	// in the years MinYear–MaxYear. Any date is accepted: the first
	// session of each group is on the first valid date on or after Start
	// (for PeerLearning with an explicit cadence, the first cadence date
	// on or after Start). A Start whose weekday is not in Weekdays moves
	// silently to the next allowed weekday (the Monthly cadence is taken
	// from that day); a Start in a blackout or on a holiday moves, and the
	// plan records a Note.
	Start time.Time
	// Horizon is the exclusive last date: every session starts on a date
	// before it. Zero means twelve months after Start (the programme
	// year), or January 1 of MaxYear+1 if that is earlier; an explicit
	// Horizon must not be later than that.
	Horizon time.Time
	// Location is an IANA time zone name such as "Europe/Paris"; empty
	// means "UTC". Sessions keep their local time of day across DST.
	Location string
	// TimeOfDay is the local start time "HH:MM" of sessions and check-ins;
	// empty means "10:00".
	TimeOfDay string
	// Duration of a session (PeerMentoring session, Exploration,
	// Reflection); zero means 2h for PeerMentoring and 90m for
	// PeerLearning.
	Duration time.Duration
	// KickoffTime is the local start "HH:MM" of the PeerMentoring kickoff
	// workshop; empty means "09:00".
	KickoffTime string
	// KickoffDuration is the kickoff's length; zero means 8h (09:00–17:00).
	KickoffDuration time.Duration
	// Cadence of sessions (PeerMentoring) or modules (PeerLearning); the
	// zero value is Monthly.
	Cadence Cadence
	// Weekdays lists the weekdays sessions may fall on; nil means Monday
	// to Friday.
	Weekdays []time.Weekday
	// ReflectionGapDays is the preferred number of days between a
	// module's Exploration and its Reflection; zero means 14. It must lie
	// in 14–21; when that day is blocked the Reflection takes the next
	// valid day up to 21 days after the Exploration.
	ReflectionGapDays int
	// Blackouts are inclusive date ranges with no sessions.
	Blackouts []DateRange
	// Holidays lists ISO 3166-1 alpha-2 country codes whose public
	// holidays (actual and observed dates) block sessions; see
	// SupportedHolidayCountries.
	Holidays []string
	// FacilitatorsOnly relaxes availability: by default a session moves
	// when any attendee (every member of the group) is unavailable; with
	// FacilitatorsOnly only the facilitator's unavailable dates count
	// (check-ins always need both partners).
	// Double-booking is always checked for every attendee.
	FacilitatorsOnly bool
	// Pairs get check-ins: a "contract start" meeting on the pair's start
	// date, then, counted from the day the contract start got, a check-in
	// every CheckInWeeks weeks and an "end of trial" meeting TrialMonths
	// months later, which replaces a check-in due less than half an
	// interval before it (see the package docs).
	Pairs []Pair
	// CheckInWeeks is the interval between check-ins; zero means 4; at
	// most MaxIntervalWeeks.
	CheckInWeeks int
	// TrialMonths is the length of the trial period; zero means 3; at
	// most MaxTrialMonths.
	TrialMonths int
	// CheckInDuration is the length of a check-in; zero means 30m.
	CheckInDuration time.Duration
	// Stamp is the ICS DTSTAMP of every event; zero means Start's date at
	// 00:00 UTC, so that the same input gives byte-identical files. In UTC
	// it must fall in the years MinYear–MaxYear+1.
	Stamp time.Time
}

// holidayLists maps supported ISO 3166-1 alpha-2 codes to rickar/cal lists.
var holidayLists = map[string][]*cal.Holiday{
	"AT": at.Holidays, "BE": be.Holidays, "CA": ca.Holidays, "CH": ch.Holidays,
	"DE": de.Holidays, "DK": dk.Holidays, "ES": es.Holidays, "FI": fi.Holidays,
	"FR": fr.Holidays, "GB": gb.Holidays, "IE": ie.Holidays, "IT": it.Holidays,
	"NL": nl.Holidays, "NO": no.Holidays, "NZ": nz.Holidays, "PL": pl.Holidays,
	"PT": pt.Holidays, "SE": se.Holidays, "US": us.Holidays,
}

// SupportedHolidayCountries returns the sorted ISO 3166-1 alpha-2 codes
// accepted in Options.Holidays (national holidays of github.com/rickar/cal/v2).
func SupportedHolidayCountries() []string {
	codes := make([]string, 0, len(holidayLists))
	for c := range holidayLists {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// day is a calendar date as days since 1970-01-01.
type day int

func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d day) date() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d day) String() string { return d.date().Format("2006-01-02") }

// at returns the instant of local clock time min (minutes after midnight)
// on day d in loc.
func (d day) at(min int, loc *time.Location) time.Time {
	t := d.date()
	return time.Date(t.Year(), t.Month(), t.Day(), min/60, min%60, 0, 0, loc)
}

// block is why a date is blocked.
type block struct {
	rule Rule
	why  string
}

// settings holds validated options with defaults applied.
type settings struct {
	o            Options
	loc          *time.Location
	start        day
	horizon      day
	yearly       bool // horizon is the default: twelve months after start
	clock        int  // minutes
	kickoffClock int
	duration     time.Duration
	kickoffDur   time.Duration
	checkInDur   time.Duration
	cadence      Cadence
	weekdays     [7]bool
	gap          int
	checkWeeks   int
	trialMonths  int
	blocked      map[day]block // blackout and holiday reasons
	stamp        time.Time
}

func invalid(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidOptions, fmt.Sprintf(format, a...))
}

func parseClock(name, s, def string) (int, error) {
	if s == "" {
		s = def
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, invalid("%s %q: want HH:MM (24-hour), e.g. %q", name, s, def)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// normalize validates o and applies defaults. It is the one place options
// are checked.
func normalize(o Options) (*settings, error) {
	s := &settings{o: o}
	if o.Start.IsZero() {
		return nil, invalid("Start is required (the zero time, 0001-01-01, is not a plan date: Start must fall in the years %d–%d)", MinYear, MaxYear)
	}
	if y := o.Start.Year(); y < MinYear || y > MaxYear {
		return nil, invalid("Start %s is outside the years %d–%d that a plan may start in (its sessions must end before year 10000 for ICS)", o.Start.Format(time.DateOnly), MinYear, MaxYear)
	}
	if o.Format != PeerMentoring && o.Format != PeerLearning {
		return nil, invalid("unknown Format %d", int(o.Format))
	}
	name := o.Location
	if name == "" {
		name = "UTC"
	}
	if name == "Local" {
		return nil, invalid("Location \"Local\" depends on the machine: use an IANA name such as \"Europe/Paris\"")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, invalid("unknown time zone %q (%v): use an IANA name such as \"Europe/Paris\" or \"America/New_York\"; the valid names are listed by `timedatectl list-timezones` or in $GOROOT/lib/time/zoneinfo.zip", o.Location, err)
	}
	s.loc = loc
	s.start = dayOf(o.Start)
	last := dayOf(time.Date(MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC))
	if o.Horizon.IsZero() {
		s.horizon = min(dayOf(o.Start.AddDate(0, 12, 0)), last)
		s.yearly = true
	} else {
		if y := o.Horizon.Year(); y < MinYear || y > MaxYear+1 {
			return nil, invalid("Horizon %s is outside the years %d–%d", o.Horizon.Format(time.DateOnly), MinYear, MaxYear+1)
		}
		s.horizon = dayOf(o.Horizon)
		if s.horizon <= s.start {
			return nil, invalid("Horizon %s is not after Start %s", s.horizon, s.start)
		}
		if s.horizon > last {
			return nil, invalid("Horizon %s is after %s, the latest horizon (sessions must end before year 10000 for ICS)", s.horizon, last)
		}
	}
	if s.clock, err = parseClock("TimeOfDay", o.TimeOfDay, "10:00"); err != nil {
		return nil, err
	}
	if s.kickoffClock, err = parseClock("KickoffTime", o.KickoffTime, "09:00"); err != nil {
		return nil, err
	}
	s.duration = o.Duration
	if s.duration == 0 {
		s.duration = 2 * time.Hour
		if o.Format == PeerLearning {
			s.duration = 90 * time.Minute
		}
	}
	s.kickoffDur = o.KickoffDuration
	if s.kickoffDur == 0 {
		s.kickoffDur = 8 * time.Hour
	}
	s.checkInDur = o.CheckInDuration
	if s.checkInDur == 0 {
		s.checkInDur = 30 * time.Minute
	}
	for _, d := range []struct {
		n string
		v time.Duration
	}{{"Duration", s.duration}, {"KickoffDuration", s.kickoffDur}, {"CheckInDuration", s.checkInDur}} {
		if d.v <= 0 || d.v > 24*time.Hour {
			return nil, invalid("%s %v: must be positive and at most 24h (end must be after start)", d.n, d.v)
		}
	}
	if len(o.Weekdays) == 0 {
		for w := time.Monday; w <= time.Friday; w++ {
			s.weekdays[w] = true
		}
	}
	for _, w := range o.Weekdays {
		if w < time.Sunday || w > time.Saturday {
			return nil, invalid("Weekdays: %d is not a weekday", int(w))
		}
		s.weekdays[w] = true
	}
	s.cadence = o.Cadence
	switch s.cadence.Kind {
	case Monthly:
		// The cadence is that of the first allowed weekday on or after
		// Start (the weekday loop ends: at least one weekday is allowed).
		first := s.allowedFrom(s.start).date()
		w := first.Weekday()
		n := (first.Day()-1)/7 + 1
		if n == 5 {
			n = Last
		}
		s.cadence = Cadence{Kind: NthWeekday, Nth: n, Weekday: w}
	case EveryNWeeks:
		if s.cadence.Weeks == 0 {
			s.cadence.Weeks = 4
		}
		if s.cadence.Weeks < 0 || s.cadence.Weeks > MaxIntervalWeeks {
			return nil, invalid("Cadence.Weeks %d: must be 1–%d", s.cadence.Weeks, MaxIntervalWeeks)
		}
	case NthWeekday:
		if s.cadence.Nth != Last && (s.cadence.Nth < 1 || s.cadence.Nth > 4) {
			return nil, invalid("Cadence.Nth %d: must be 1–4 or Last (-1)", s.cadence.Nth)
		}
		if s.cadence.Weekday < time.Sunday || s.cadence.Weekday > time.Saturday || !s.weekdays[s.cadence.Weekday] {
			return nil, invalid("Cadence.Weekday %v is not an allowed weekday", s.cadence.Weekday)
		}
	default:
		return nil, invalid("unknown Cadence.Kind %d", int(s.cadence.Kind))
	}
	s.gap = o.ReflectionGapDays
	if s.gap == 0 {
		s.gap = 14
	}
	if s.gap < 14 || s.gap > 21 {
		return nil, invalid("ReflectionGapDays %d: must be within 14–21", s.gap)
	}
	s.checkWeeks = o.CheckInWeeks
	if s.checkWeeks == 0 {
		s.checkWeeks = 4
	}
	s.trialMonths = o.TrialMonths
	if s.trialMonths == 0 {
		s.trialMonths = 3
	}
	if s.checkWeeks < 0 || s.trialMonths < 0 {
		return nil, invalid("CheckInWeeks %d and TrialMonths %d must not be negative", o.CheckInWeeks, o.TrialMonths)
	}
	if s.checkWeeks > MaxIntervalWeeks {
		return nil, invalid("CheckInWeeks %d: must be at most %d (MaxIntervalWeeks)", o.CheckInWeeks, MaxIntervalWeeks)
	}
	if s.trialMonths > MaxTrialMonths {
		return nil, invalid("TrialMonths %d: must be at most %d (MaxTrialMonths)", o.TrialMonths, MaxTrialMonths)
	}
	s.stamp = o.Stamp
	if s.stamp.IsZero() {
		s.stamp = s.start.date()
	} else if y := s.stamp.UTC().Year(); y < MinYear || y > MaxYear+1 {
		return nil, invalid("Stamp %s is outside the years %d–%d (ICS timestamps have four-digit years)", s.stamp.UTC().Format(time.RFC3339), MinYear, MaxYear+1)
	}
	s.blocked = make(map[day]block)
	for i, b := range o.Blackouts {
		if b.From.IsZero() || b.To.IsZero() {
			return nil, invalid("Blackouts[%d]: From and To are required", i)
		}
		from, to := dayOf(b.From), dayOf(b.To)
		if to < from {
			return nil, invalid("Blackouts[%d]: end %s before start %s", i, to, from)
		}
		reason := "the blackout " + spanText(from, to)
		if l := strings.TrimSpace(b.Label); l != "" && !strings.EqualFold(strings.TrimPrefix(l, "blackout "), from.String()+".."+to.String()) {
			reason += " (" + l + ")"
		}
		for d := max(from, s.start); d <= to && d < s.horizon; d++ {
			if _, ok := s.blocked[d]; !ok {
				s.blocked[d] = block{RuleBlackout, reason}
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range o.Holidays {
		code := strings.ToUpper(strings.TrimSpace(c))
		list, ok := holidayLists[code]
		if !ok {
			return nil, invalid("unknown holiday country %q: supported ISO 3166-1 codes are %s", c, strings.Join(SupportedHolidayCountries(), ", "))
		}
		if seen[code] {
			continue
		}
		seen[code] = true
		for y := s.start.date().Year(); y <= s.horizon.date().Year(); y++ {
			for _, h := range list {
				actual, observed := h.Calc(y)
				for _, t := range []time.Time{actual, observed} {
					if t.IsZero() {
						continue
					}
					d := dayOf(t)
					if _, ok := s.blocked[d]; !ok && d >= s.start && d < s.horizon {
						s.blocked[d] = block{RuleHoliday, "the public holiday " + h.Name + " (" + code + ")"}
					}
				}
			}
		}
	}
	return s, nil
}

// allowedFrom returns the first day on or after d whose weekday is in
// Weekdays. It takes O(1) time (at most six steps).
func (s *settings) allowedFrom(d day) day {
	for i := 0; i < 7 && !s.weekdays[d.date().Weekday()]; i++ {
		d++
	}
	return d
}

// spanText names the inclusive range from..to in words: "2027-07-01 to
// 2027-08-31", or the one date when from == to.
func spanText(from, to day) string {
	if from == to {
		return from.String()
	}
	return from.String() + " to " + to.String()
}

// dateText names a day as "Tue 2027-07-13".
func dateText(d day) string { return d.date().Format("Mon 2006-01-02") }
