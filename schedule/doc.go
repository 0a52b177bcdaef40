// Package schedule plans a year of sessions for learning groups and
// check-ins for buddy pairs, checks any plan against the scheduling rules,
// and exports plans as ICS, CSV, JSON or readable text.
//
// The package takes plain inputs (Group, Member, Topic, Pair) and imports
// no other package of this module; callers adapt cohort and pairing output.
//
// # Formats
//
// PeerMentoring (Options.Format zero value): a one-day kickoff workshop
// (09:00–17:00 by default) on the first valid date on or after
// Options.Start, then one session per topic at the cadence (monthly by
// default, 2h), each led by the topic's owner. The kickoff is led by the
// group's first member and does not count in the rotation. Topics without
// an owner get the member with the fewest topics; owners whose topic counts
// differ by more than one, or prerequisites that leave no rotation-valid
// order, are an ErrRotation error that says which.
//
// PeerLearning: one module per topic: an Exploration, then a Reflection
// Options.ReflectionGapDays (14 by default, 14–21) days later, each 90
// minutes by default and each led by a different member: facilitators
// rotate over the group's sessions. The next module's Exploration is the
// first cadence date after the previous Reflection.
//
// # Calendar rules
//
// Sessions start at Options.TimeOfDay local time in Options.Location (an
// IANA zone; 10:00 stays 10:00 across DST changes). A date is valid when
// its weekday is in Options.Weekdays (Monday–Friday by default), it is in
// no blackout and no public holiday of the countries in Options.Holidays,
// no attendee is unavailable (all members of the group by default; only the
// facilitator with Options.FacilitatorsOnly; check-ins always need both
// partners), and no attendee is in an overlapping session already placed.
// A session whose cadence date is not valid moves to the next valid date
// (within its month when the month has one) and the cadence continues from
// the moved date (monthly: the nth weekday of the month after the moved
// date's month; every N weeks: N weeks after the moved date). The plan
// keeps to a year: when the sessions still to come no longer fit the
// cadence before Options.Horizon (twelve months after Start by default),
// the next comes half a cadence (two weeks for monthly) after the one
// before, until the rest fits again; one note per group says which
// sessions came sooner. Real conflicts (a blackout, a holiday, an
// unavailable member, a clash with a session already placed) are noted
// once each, in words; a date the tool picks itself never needs a note: a
// Start or check-in date on a weekday that is not allowed simply starts
// on the next allowed weekday, and a check-in steps past a session of the
// same person silently. Groups are placed in input order, then pairs, so
// with double-booking the later group's session moves. A session that
// finds no valid date before the horizon is an ErrNoDate error that says
// the plan does not fit and counts the days each rule blocked.
// Local times that do not exist (inside a spring-forward gap) are
// normalised by time.Date.
//
// # Pairs
//
// Each pair in Options.Pairs gets a "contract start" meeting on its start
// date (the first valid date from there), then, counted from the day the
// contract start got, a check-in every Options.CheckInWeeks weeks (4 by
// default) and an "end of trial" meeting Options.TrialMonths months (3 by
// default) later, all of kind "check-in", convened alternately by A and B.
// A check-in that would come less than half a check-in interval before
// the end of trial is left out: the end of trial, with the same follow-up
// questions and a line on deciding whether to go on, takes its place, so
// a pair never meets twice in a few days.
// With the defaults a pair meets four times: the contract start, weeks 4
// and 8, and the end of trial about 13 weeks after the contract start.
//
// # Checking
//
// Plan.Check reports every broken rule of any plan, including plans written
// by hand: calendar rules, double-booking, the rotation (in every prefix of
// a group's sessions lead counts differ by at most one, so everyone leads
// before anyone leads twice; final counts differ by at most one; nobody
// leads twice in a row), owners, prerequisites, reflection gaps, module
// facilitators, the horizon, and end after start. Build's output always
// passes Check.
//
// # Export
//
// WriteJSON writes
//
//	{"sessions":[{"group":…,"start":RFC3339,"end":RFC3339,
//	  "kind":"kickoff|session|exploration|reflection|check-in","topic":…,
//	  "facilitators":[ids],"attendees":[ids]}],"notes":[…]}
//
// WriteCSV writes one row per session with every cell made safe for
// spreadsheets (no formula injection). WriteText writes the readable year
// plan the command line prints. WriteICS writes RFC 5545 with CRLF
// line endings (golang-ical, ics.WithNewLineWindows), lines folded at 75
// octets without splitting UTF-8 characters, stable UIDs (see UID), a
// deterministic DTSTAMP (Options.Stamp), DTSTART/DTEND with TZID and a
// VTIMEZONE derived from the Go zone data, ORGANIZER (the facilitator) and
// ATTENDEEs with CN and mailto. A member without an email gets the address
// <id>@peermatch.invalid (the reserved .invalid domain). CN values have
// , ; : " ' and \ replaced by spaces, because golang-ical writes parameter
// values unquoted. A person's calendar lists the other attendees of a
// session only up to MaxListedAttendees, so that the calendars of a large
// group's members grow linearly with the group. Plan dates lie in the years
// MinYear–MaxYear, so every ICS timestamp has four digits. Exports of the
// same plan are byte-identical across runs.
//
// Plan.Calendars lists the files a plan is exported as, one per group and
// one per person (write them with one ICSWriter, which prepares the plan
// once, so that all of them take time linear in the plan; calling WriteICS
// for each would take time linear in the plan for each file), named by
// GroupFileName and PersonFileName: a readable
// slug of the id plus a hash of the exact id, at most MaxFileNameLen
// bytes, so that no two ids share a file; IsCalendar recognises a
// calendar written by an earlier run, which a program may replace.
package schedule
