package schedule

import (
	"errors"
	"time"
)

// Sentinel errors. Every error returned by this package wraps one of them,
// so callers can test with errors.Is.
var (
	// ErrInvalidOptions reports an option that is out of range or
	// malformed: unknown time zone, unknown holiday country, end before
	// start, ... (the same name as pairing's and cohort's).
	ErrInvalidOptions = errors.New("schedule: invalid option")
	// ErrInvalidOption is the former name of ErrInvalidOptions.
	//
	// Deprecated: use ErrInvalidOptions.
	ErrInvalidOption = ErrInvalidOptions
	// ErrInvalidInput reports a malformed group or pair: missing or duplicate
	// ids, a topic owner who is not a member, an unknown prerequisite.
	ErrInvalidInput = errors.New("schedule: invalid input")
	// ErrCycle reports topic prerequisites that form a cycle.
	ErrCycle = errors.New("schedule: prerequisite cycle")
	// ErrRotation reports that no facilitator rotation satisfies the rules
	// (everyone leads before anyone leads twice, nobody leads twice in a
	// row, topic owners lead their topic, prerequisites come first).
	ErrRotation = errors.New("schedule: rotation impossible")
	// ErrNoDate reports a session for which no valid date exists before the
	// horizon; the message names the rules that blocked the dates.
	ErrNoDate = errors.New("schedule: no valid date")
)

// Member is a person in a group or a pair. ID identifies the person across
// groups and pairs: the same ID in two groups is the same person, who is
// never double-booked.
type Member struct {
	ID    string
	Name  string // display name; ID is used when empty
	Email string // used for ICS ORGANIZER/ATTENDEE; see WriteICS for the fallback
	// Unavailable lists dates on which the person cannot attend. Only the
	// calendar date (year, month, day in the time's own location) counts.
	Unavailable []time.Time
}

// Topic is one topic of a group's learning plan.
type Topic struct {
	Skill string // topic name, unique within the group (case-insensitive)
	// Owner is the id of the member who leads the topic (PeerMentoring),
	// or who facilitates its Exploration (PeerLearning, with Reflection).
	// Empty means Build assigns one, balancing the lead counts.
	Owner string
	// Reflection is the id of the member who facilitates the module's
	// Reflection (PeerLearning). When a module gives both Owner and
	// Reflection (two different members, as cohort's Peer Learning Groups
	// do), Build uses exactly them; otherwise PeerLearning rotates two
	// facilitators a module through the members.
	Reflection string
	// Requires names topics of the same group (by Skill) whose sessions must
	// all end before this topic's first session starts.
	Requires []string
}

// Group is a learning group: its members and its topics, in the order the
// group prefers (Build keeps that order when the rules allow it).
type Group struct {
	ID      string
	Members []Member
	Topics  []Topic
}

// Pair is a buddy pair whose contract runs a trial period with check-ins.
type Pair struct {
	A, B Member
	// Start is the contract start date; zero means Options.Start.
	Start time.Time
}

// ID returns the identifier the plan uses for the pair's sessions as their
// Group: "pair:" + A.ID + "+" + B.ID.
func (p Pair) ID() string { return "pair:" + p.A.ID + "+" + p.B.ID }

// Format is the shape of a learning group's programme.
type Format int

const (
	// PeerMentoring is a one-day kickoff workshop, then one session per
	// topic at the cadence (monthly by default), each led by the topic's
	// owner.
	PeerMentoring Format = iota
	// PeerLearning runs one module per topic: an Exploration session, then
	// a Reflection session 14–21 days later, each 90 minutes by default and
	// each led by a different member.
	PeerLearning
)

// String returns "peer-mentoring" or "peer-learning".
func (f Format) String() string {
	switch f {
	case PeerMentoring:
		return "peer-mentoring"
	case PeerLearning:
		return "peer-learning"
	}
	return "format(?)"
}

// CadenceKind selects how the next session date follows the previous one.
type CadenceKind int

const (
	// Monthly (the zero value) is NthWeekday with the ordinal and weekday
	// of Options.Start: a Start on the second Tuesday gives every second
	// Tuesday; a Start on day 29–31 gives the last such weekday.
	Monthly CadenceKind = iota
	// EveryNWeeks places the next session Cadence.Weeks weeks after the
	// previous one.
	EveryNWeeks
	// NthWeekday places the next session on the Cadence.Nth
	// Cadence.Weekday of the month after the previous session's month.
	NthWeekday
)

// Last is the Cadence.Nth value for "the last weekday of the month".
const Last = -1

// Cadence is the rhythm of a group's sessions. Whenever a session moves
// (blocked date), the cadence continues from the moved date: the next
// session is computed from the date the previous one actually got.
type Cadence struct {
	Kind    CadenceKind
	Weeks   int          // EveryNWeeks: interval in weeks; 0 means 4; at most MaxIntervalWeeks
	Nth     int          // NthWeekday: 1–4, or Last
	Weekday time.Weekday // NthWeekday: the weekday
}

// DateRange is an inclusive range of calendar dates (only year, month and
// day of From and To count).
type DateRange struct {
	From, To time.Time
	Label    string // optional, shown in notes and errors
}

// Kind is the kind of a session.
type Kind string

// Session kinds, as written in JSON and CSV.
const (
	KindKickoff     Kind = "kickoff"
	KindSession     Kind = "session"
	KindExploration Kind = "exploration"
	KindReflection  Kind = "reflection"
	KindCheckIn     Kind = "check-in"
)

// Session is one meeting of the plan.
type Session struct {
	Group string // group id, or Pair.ID() for check-ins
	Kind  Kind
	// Index numbers the group's (or pair's) sessions 0, 1, ... in
	// chronological order; with Group, Kind and Topic it makes the ICS UID.
	Index int
	Topic string // topic skill; "kickoff" for the kickoff; for check-ins "contract start", "check-in N", "end of trial"
	Start time.Time
	End   time.Time
	// Facilitators holds the member id leading the session (exactly one
	// for sessions built by Build; for check-ins the convener, alternating
	// between the two partners).
	Facilitators []string
	// Attendees holds the ids of everyone invited, facilitators included.
	Attendees []string
}

// Plan is a schedule: the sessions of every group and pair, in
// chronological order (ties by group input order, then index), plus notes
// on every date Build had to move. Groups and Pairs are the inputs (with
// the topic owners Build assigned) and Options the options the plan was
// built with; Check uses all three, so a Plan built by hand must set them.
type Plan struct {
	Options  Options
	Groups   []Group
	Sessions []Session
	Notes    []string
}
