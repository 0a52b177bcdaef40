package programme

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

// Status is a participant's standing in the programme on a given day.
type Status int

const (
	// Active: the person takes part and may be paired.
	Active Status = iota
	// Paused: the person takes a break. A StatusEvent with a non-zero Until
	// ends the pause on that date; a zero Until pauses until a later Active
	// event (an opt-out of the coming rounds).
	Paused
	// Left: the person has left the programme.
	Left
)

// String returns "active", "paused" or "left".
func (s Status) String() string {
	switch s {
	case Active:
		return "active"
	case Paused:
		return "paused"
	case Left:
		return "left"
	}
	return fmt.Sprintf("status(%d)", int(s))
}

// StatusEvent records that Person's status became Status on Date (midnight
// UTC). For Paused, Until (if not zero) is the first day the person is
// active again.
type StatusEvent struct {
	Person string
	Date   time.Time
	Status Status
	Until  time.Time
}

// Pair is one pair of a round. A and B are person ids (A < B as Normalise
// leaves them). Formed is the day the pair started (the round's date, or the
// day Repair formed it); Dissolved is the day it ended, zero while it lasts,
// with the reason in Reason. Mentor is "" for a two-way pair, or A or B
// when the round is one-way mentoring and that member is the mentor.
type Pair struct {
	A, B      string
	Formed    time.Time
	Dissolved time.Time
	Reason    DissolveReason
	Mentor    string
}

// DissolveReason says why a pair ended.
type DissolveReason string

// The reasons a pair ends.
const (
	// DissolvedLeft: a member left the programme.
	DissolvedLeft DissolveReason = "left"
	// DissolvedPaused: a member paused.
	DissolvedPaused DissolveReason = "paused"
	// DissolvedFailed: the pair did not work (it did not meet, or was
	// one-sided, or was dissolved at the end of its trial). A failed pair
	// is never formed again.
	DissolvedFailed DissolveReason = "failed"
	// DissolvedRepair: Repair broke the pair to re-pair its members with
	// people left without a partner (RepairOptions.MaxBroken).
	DissolvedRepair DissolveReason = "repair"
)

// activeOn reports whether the pair lasts on day d: Formed ≤ d and
// (Dissolved is zero or d < Dissolved).
func (p Pair) activeOn(d time.Time) bool {
	return !d.Before(p.Formed) && (p.Dissolved.IsZero() || d.Before(p.Dissolved))
}

// Group is one learning group of a round, named by ID (check-in answers
// name the group by this id).
type Group struct {
	ID      string
	Members []string
}

// Kind says whether a round formed pairs or groups.
type Kind string

// The kinds of round.
const (
	KindPairs  Kind = "pairs"
	KindGroups Kind = "groups"
)

// Unmatched is a person left without a partner (in a round of groups,
// without a group) when a round was formed or repaired, with the reason a
// facilitator reads; the database and the export keep them under
// "unpaired".
type Unmatched struct {
	ID     string
	Reason string
}

// Round is one round of the programme: the pairs or groups formed on Formed
// (midnight UTC), a short record of the options used (Options, free text
// such as "optimal, max grade gap 1"), and the trial period in weeks after
// which each pair is confirmed or dissolved (0: no trial).
type Round struct {
	Number     int
	Formed     time.Time
	Kind       Kind
	Pairs      []Pair
	Groups     []Group
	Unmatched  []Unmatched
	Options    string
	TrialWeeks int
}

// TrialEnd returns the day the round's trial period ends (Formed plus
// TrialWeeks weeks), or the zero time when the round has no trial.
func (r Round) TrialEnd() time.Time {
	if r.TrialWeeks <= 0 {
		return time.Time{}
	}
	return addWeeks(r.Formed, r.TrialWeeks)
}

// farWeeks is more weeks than lie between any two programme dates
// (MinYear–MaxYear): a programme date plus farWeeks is after every other
// one.
const farWeeks = (MaxYear - MinYear + 2) * 53

// nextNumber returns the number of a new round: one more than the largest
// of rounds, at least 1. A round numbered math.MaxInt has no next number
// (one more would wrap to the smallest int, the oldest round), which is
// an error wrapping ErrInvalidProgramme.
func nextNumber(rounds []Round) (int, error) {
	number := 1
	for _, r := range rounds {
		if r.Number == math.MaxInt {
			return 0, fmt.Errorf("%w: round %d: no round can follow it", ErrInvalidProgramme, r.Number)
		}
		if r.Number >= number {
			number = r.Number + 1
		}
	}
	return number, nil
}

// farMonths is, as farWeeks, more months than lie between any two
// programme dates.
const farMonths = (MaxYear - MinYear + 2) * 12

// addWeeks returns t plus w weeks, w taken at most farWeeks either way:
// 7·w days overflows int for w near math.MaxInt (a trial of MaxInt weeks
// would end before it began), and any larger w gives a day that compares
// with every programme date as the true sum would.
func addWeeks(t time.Time, w int) time.Time {
	return t.AddDate(0, 0, 7*max(-farWeeks, min(w, farWeeks)))
}

// CheckIn is one answer of a follow-up check-in: on Date, Person says
// whether they met Partner (a person id, or a group id for a group round),
// how equitable the contributions are (Equitable, 1 = very one-sided …
// 5 = fully equitable; 0 = not answered) and how much progress they made
// (Progress, 1–5; 0 = not answered), with free Comments. Line is the
// source line of the answer (0 when it did not come from a file), for
// error messages.
type CheckIn struct {
	Date      time.Time
	Person    string
	Partner   string
	Met       bool
	Equitable int
	Progress  int
	Comments  string
	Line      int
}

// Programme is a running programme as plain data: the roster of everyone
// who ever took part, their status events, the rounds (oldest first) and
// the check-in answers. Start and End bound the programme (End zero: open
// ended). A platform keeps these values in its own store; the functions of
// this package only read them.
type Programme struct {
	Name     string
	Start    time.Time
	End      time.Time
	Roster   *skills.Roster
	Events   []StatusEvent
	Rounds   []Round
	CheckIns []CheckIn
}

// StatusOn returns the status of person id on day d from events (in any
// order): the status of the latest event dated on or before d (events of
// one day apply in the order given), Active when there is none. A pause
// whose Until is on or before d counts as Active. The second result is
// the end of a pause (zero when not paused or paused with no end date).
// It takes O(e) time for e events.
func StatusOn(events []StatusEvent, id string, d time.Time) (Status, time.Time) {
	var last *StatusEvent
	for i := range events {
		e := &events[i]
		if e.Person != id || e.Date.After(d) {
			continue
		}
		if last == nil || !e.Date.Before(last.Date) {
			last = e
		}
	}
	if last == nil {
		return Active, time.Time{}
	}
	if last.Status == Paused && !last.Until.IsZero() && !d.Before(last.Until) {
		return Active, time.Time{}
	}
	if last.Status == Paused {
		return Paused, last.Until
	}
	return last.Status, time.Time{}
}

// statusIndex answers StatusOn for many people in O(1) amortised time:
// events grouped by person, in date order (stable).
type statusIndex map[string][]StatusEvent

func newStatusIndex(events []StatusEvent) statusIndex {
	ix := statusIndex{}
	for _, e := range events {
		ix[e.Person] = append(ix[e.Person], e)
	}
	for _, evs := range ix {
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date.Before(evs[j].Date) })
	}
	return ix
}

func (ix statusIndex) on(id string, d time.Time) (Status, time.Time) {
	return StatusOn(ix[id], id, d)
}

// Day returns t as midnight UTC of its calendar day (in t's location), the
// form every date of this package takes.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// roundOn returns the index of the round in force on day d: the latest
// round formed on or before d, or -1.
func roundOn(rounds []Round, d time.Time) int {
	best := -1
	for i, r := range rounds {
		if r.Formed.After(d) {
			continue
		}
		if best < 0 || !r.Formed.Before(rounds[best].Formed) {
			best = i
		}
	}
	return best
}

// personName returns "Name (id)" or "id" for a facilitator's sentence.
func personName(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n + " (" + id + ")"
	}
	return id
}

func rosterNames(r *skills.Roster) map[string]string {
	m := map[string]string{}
	if r == nil {
		return m
	}
	for _, p := range r.People {
		m[p.ID] = p.Name
	}
	return m
}

const dateFmt = "2006-01-02"

// MinYear and MaxYear bound every date of a programme: a day, a round's or
// pair's date, a status change, a check-in. They are the bounds of the
// schedule package, so a programme's
// calendar can always be planned, and they keep the zero time
// (0001-01-01), which this package and the store read as "no date", from
// being taken for a real day.
const (
	MinYear = schedule.MinYear
	MaxYear = schedule.MaxYear
)

// ErrDateRange: a date outside the years MinYear–MaxYear (the zero time,
// 0001-01-01, among them).
var ErrDateRange = errors.New("date out of range")

// CheckDate returns nil when t falls in the years MinYear–MaxYear, and an
// error wrapping ErrDateRange otherwise.
func CheckDate(t time.Time) error {
	if y := t.Year(); y < MinYear || y > MaxYear {
		if t.IsZero() {
			return fmt.Errorf("%w: 0001-01-01 is not a programme date: the year must be from %d to %d", ErrDateRange, MinYear, MaxYear)
		}
		return fmt.Errorf("%w: %s: the year must be from %d to %d", ErrDateRange, t.Format(dateFmt), MinYear, MaxYear)
	}
	return nil
}
