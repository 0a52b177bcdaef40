package schedule

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{"2027-01-11", date(2027, 1, 11), ""},
		{" 2027-01-11 ", date(2027, 1, 11), ""},
		{"1900-01-01", date(1900, 1, 1), ""},
		{"9999-12-31", date(9999, 12, 31), ""},
		{"0001-01-01", time.Time{}, "year 1 is outside 1900–9999"},
		{"1899-12-31", time.Time{}, "year 1899 is outside 1900–9999"},
		{"10000-01-01", time.Time{}, "want a date YYYY-MM-DD"},
		{"2027-02-30", time.Time{}, `"2027-02-30": no such day (day out of range)`},
		{"2027-13-01", time.Time{}, `"2027-13-01": no such day (month out of range)`},
		{"11/01/2027", time.Time{}, `"11/01/2027": want a date`},
		{"", time.Time{}, "want a date"},
	} {
		got, err := ParseDate(tc.in)
		if tc.err == "" {
			require.NoError(t, err, tc.in)
			assert.Equal(t, tc.want, got, tc.in)
			continue
		}
		require.ErrorIs(t, err, ErrInvalidOptions, tc.in)
		assert.Contains(t, err.Error(), tc.err, tc.in)
	}
}

func TestParseDateRange(t *testing.T) {
	r, err := ParseDateRange("2027-12-15..2028-01-05")
	require.NoError(t, err)
	assert.Equal(t, DateRange{From: date(2027, 12, 15), To: date(2028, 1, 5)}, r)
	r, err = ParseDateRange("2027-12-25")
	require.NoError(t, err)
	assert.Equal(t, r.From, r.To)
	for in, want := range map[string]string{
		"2027-12-15..2027-12-01":             "ends before it starts",
		"2027-12-15..":                       `end "": want a date`,
		"..2027-12-15":                       `start "": want a date`,
		"0001-01-01..2027-01-01":             "start \"0001-01-01\": year 1 is outside",
		"2027-01-01..2027-01-01..2027-01-02": "end",
	} {
		_, err := ParseDateRange(in)
		require.ErrorIs(t, err, ErrInvalidOptions, in)
		assert.Contains(t, err.Error(), want, in)
	}
}

// TestStartRange is issue 20 item 11: a Start whose sessions would reach
// year 10000 is an error, not an ICS with five-digit years, and the zero
// time gets a range error.
func TestStartRange(t *testing.T) {
	g := []Group{mentoringGroup("g1", "ann", "bob", "cy")}
	for _, tc := range []struct {
		name string
		opt  Options
		want string
	}{
		{"year 9999", Options{Start: date(9999, 12, 1)}, "Start 9999-12-01 is outside the years 1900–9998"},
		{"year 1", Options{Start: date(1, 1, 2)}, "Start 0001-01-02 is outside the years 1900–9998"},
		{"zero", Options{Start: time.Time{}}, "Start must fall in the years 1900–9998"},
		{"horizon too late", Options{Start: date(9998, 1, 5), Horizon: date(9999, 6, 1)}, "Horizon 9999-06-01 is after 9999-01-01"},
		{"horizon year 10000", Options{Start: date(9998, 1, 5), Horizon: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "Horizon 10000-01-01 is outside the years 1900–9999"},
		{"stamp", Options{Start: date(2027, 1, 11), Stamp: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "Stamp 10000-01-01T00:00:00Z is outside"},
	} {
		_, err := Build(g, tc.opt)
		require.ErrorIs(t, err, ErrInvalidOptions, tc.name)
		assert.Contains(t, err.Error(), tc.want, tc.name)
	}
}

// TestLatestStartWritesFourDigitYears plans as late as the range allows,
// in the zone furthest behind UTC, and checks that every ICS timestamp has
// a four-digit year and parses.
func TestLatestStartWritesFourDigitYears(t *testing.T) {
	g := []Group{{ID: "g1", Members: members("ann", "bob"), Topics: []Topic{{Skill: "a"}}}}
	for _, zone := range []string{"UTC", "Pacific/Pago_Pago", "Pacific/Kiritimati"} {
		// The default horizon is clamped to 9999-01-01.
		p, err := Build(g, Options{Start: date(9998, 12, 1), Location: zone, Weekdays: []time.Weekday{time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, Cadence: Cadence{Kind: EveryNWeeks, Weeks: 1}})
		require.NoError(t, err, zone)
		requireClean(t, p)
		var buf bytes.Buffer
		require.NoError(t, WriteICS(&buf, p, Selection{}), zone)
		stamps := regexp.MustCompile(`(?m)^(DTSTART|DTEND|DTSTAMP)[^:]*:(\d+)T`).FindAllStringSubmatch(buf.String(), -1)
		require.NotEmpty(t, stamps)
		for _, m := range stamps {
			assert.Len(t, m[2], 8, "%s: %s", zone, m[0])
		}
		_, err = ics.ParseCalendar(strings.NewReader(buf.String()))
		require.NoError(t, err)
	}
	_, err := Build(g, Options{Start: date(1900, 1, 1)})
	require.NoError(t, err, "the earliest start")
}

// FuzzParseDateRange checks that ParseDateRange never panics, that what it
// accepts lies in the documented years with From ≤ To, and that a range it
// accepts is accepted by Build as a blackout.
func FuzzParseDateRange(f *testing.F) {
	for _, s := range []string{"2027-12-15..2028-01-05", "2027-12-25", "0001-01-01", "9999-12-31..9999-12-31", "..", "2027-1-1", " 2027-01-01 .. 2027-01-02 ", "\x00..\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseDateRange(s)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidOptions)
			return
		}
		for _, d := range []time.Time{r.From, r.To} {
			require.GreaterOrEqual(t, d.Year(), MinYear)
			require.LessOrEqual(t, d.Year(), MaxYear+1)
			require.Equal(t, time.UTC, d.Location())
			require.Equal(t, d, d.Truncate(24*time.Hour))
		}
		require.False(t, r.To.Before(r.From))
		start := r.From
		if start.Year() > MaxYear {
			start = date(MaxYear, 1, 1)
		}
		_, err = normalize(Options{Start: start, Weekdays: allWeekdays, Blackouts: []DateRange{r}})
		require.NoError(t, err)
		if d, err := ParseDate(s); err == nil {
			require.Equal(t, d, r.From)
		}
	})
}

var allWeekdays = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
