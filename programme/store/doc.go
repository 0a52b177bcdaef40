// Package store keeps a running programme (programme.Programme) in one
// SQLite file, the embedded default of the peermatch command line. It uses
// modernc.org/sqlite through database/sql: pure Go, no cgo.
//
// # Guarantees
//
//   - Every change is one transaction. Writers run in Store.Update, which
//     takes the write lock first (BEGIN IMMEDIATE), so a command reads and
//     writes the state it computed from; a crash (kill -9, power loss) at any
//     point leaves the file consistent, with the change fully applied or not
//     at all (WAL journal, synchronous=FULL).
//   - A second writer waits for the first up to Options.BusyTimeout, then
//     fails with an error wrapping ErrBusy ("the programme database is in
//     use by another peermatch command").
//   - Foreign keys are on: a pair, an answer or a status event always names
//     a person of the stored roster.
//   - Every stored date is in the years programme.MinYear–MaxYear (the
//     zero time, stored as "", means none), and a status event that
//     contradicts the recorded history (a second leave, a leave before a
//     later round of the person) is refused (programme.CheckStatusEvent),
//     as is a round whose pair or group names someone who left before it.
//   - Errors name the file and the cause in words (ErrCannotOpen,
//     ErrDamaged, ErrNotProgramme); Options.ReadOnly opens a file the user
//     may not write, for the commands that only read.
//   - The schema is versioned (PRAGMA user_version, with the application id
//     0x504D4442, "PMDB"); Open migrates an older file forward in one
//     transaction and refuses a newer one with an error wrapping
//     ErrNewerSchema, so an older binary never writes what it does not
//     understand.
//
// # Schema (version 1)
//
//	settings(key TEXT PRIMARY KEY, value TEXT)       name, start, end, trial_weeks
//	roster(id INTEGER PRIMARY KEY CHECK (id = 1),
//	       json TEXT)                               the whole roster, skills.WriteJSON
//	people(id TEXT PRIMARY KEY, position INTEGER,
//	       name TEXT, email TEXT)                   one row a person of the roster
//	events(seq INTEGER PRIMARY KEY, person → people,
//	       date TEXT, status TEXT, until TEXT)      leave, pause, resume, join
//	rounds(number INTEGER PRIMARY KEY, formed TEXT,
//	       kind TEXT, options TEXT, trial_weeks INTEGER)
//	pairs(round → rounds, seq, a → people, b → people, formed TEXT,
//	      dissolved TEXT, reason TEXT, mentor TEXT)
//	groups(round → rounds, seq, id TEXT)
//	group_members(round, group_seq → groups, seq, person → people)
//	unpaired(round → rounds, seq, person → people, reason TEXT)
//	checkins(seq INTEGER PRIMARY KEY, date TEXT, person → people,
//	         partner TEXT, met INTEGER, equitable INTEGER, progress INTEGER,
//	         comments TEXT, line INTEGER, UNIQUE (person, partner, date))
//
// The roster is stored faithfully as its JSON (every field: have and want
// levels, tags, lead, unavailable days, managers), and the people table
// repeats each id so that the other tables can reference it. Dates are
// YYYY-MM-DD text; an empty string is the zero time. Everyone who ever took
// part stays in the roster: a newer survey that drops someone records that
// they left (SaveRoster) and keeps their last answers, so their rounds and
// check-ins still name them.
package store
