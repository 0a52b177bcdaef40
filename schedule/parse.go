package schedule

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ParseDate reads a calendar date written YYYY-MM-DD (surrounding spaces
// are ignored) as midnight UTC. The year must lie in MinYear–MaxYear+1,
// the years a plan date or a blackout may name; an error wraps
// ErrInvalidOptions and quotes the text. Options.Start is further limited
// to MaxYear by Build. It takes O(len(s)) time.
func ParseDate(s string) (time.Time, error) {
	t, why := parseDate(s)
	if why != "" {
		return time.Time{}, invalid("%s", why)
	}
	return t, nil
}

// parseDate is ParseDate with the reason for a failure as text.
func parseDate(s string) (time.Time, string) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	var pe *time.ParseError
	if errors.As(err, &pe) && strings.HasSuffix(pe.Message, "out of range") {
		return time.Time{}, fmt.Sprintf("%q: no such day (%s)", s, strings.TrimPrefix(pe.Message, ": "))
	}
	if err != nil {
		return time.Time{}, fmt.Sprintf("%q: want a date YYYY-MM-DD, e.g. 2027-01-11", s)
	}
	if y := t.Year(); y < MinYear || y > MaxYear+1 {
		return time.Time{}, fmt.Sprintf("%q: year %d is outside %d–%d", s, y, MinYear, MaxYear+1)
	}
	return t, ""
}

// ParseDateRange reads "FROM..TO" (inclusive, both YYYY-MM-DD as read by
// ParseDate) or a single date, meaning that day alone, into a DateRange
// with no Label (notes name the range by its dates). An error wraps
// ErrInvalidOptions and names the bad part: a malformed date, a year out
// of range, or TO before FROM. It takes O(len(s)) time.
func ParseDateRange(s string) (DateRange, error) {
	from, to, found := strings.Cut(s, "..")
	if !found {
		to = from
	}
	f, why := parseDate(from)
	if why != "" {
		return DateRange{}, invalid("range %q: start %s", s, why)
	}
	t, why := parseDate(to)
	if why != "" {
		return DateRange{}, invalid("range %q: end %s", s, why)
	}
	if t.Before(f) {
		return DateRange{}, invalid("range %q ends before it starts", s)
	}
	return DateRange{From: f, To: t}, nil
}
