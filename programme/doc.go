// Package programme runs a peer-mentoring programme over its year as pure
// functions over plain data: the participants' status over time, the
// rounds of pairs or groups, the check-in answers, and the outcomes. A
// platform keeps these values in its own store (every field is a string,
// a number, a bool or a date at midnight UTC, and ids refer to people of
// a skills.Roster, never to pointers) and calls the functions on them; the
// package does no I/O beyond the readers and writers it is given and keeps
// no global state.
//
// # The data
//
// A Programme holds the Roster of everyone who ever took part, their
// StatusEvents (Active, Paused until a date or with no end date, Left,
// each from a date; StatusOn reads them), the Rounds (number, date, kind,
// the Pairs with the day each was formed and dissolved and why, or the
// Groups, the people left Unmatched, the options used and the trial
// length), and the CheckIns (date, person, partner or group, met,
// equitable 1–5, progress 1–5, comments, source line). The round in force
// on a day is the latest formed on or before it.
//
// # The year
//
//   - ReadCheckIns reads a form export of check-in answers and reports
//     every bad row with its line and column; CheckAnswers checks them
//     against the programme (unknown people, partners who were not
//     partners that day, dates outside the programme, conflicting
//     duplicates) and returns only the new ones, so importing a file twice
//     adds nothing.
//   - Health flags each pair or group of the round in force that has not
//     met, is one-sided, or has stalled, and at the end of the trial period
//     lists each pair to confirm or dissolve, every flag with the answers
//     behind it and a sentence for the facilitator.
//   - Repair re-pairs only the people a leaver, a pause, a joiner or a
//     dissolved pair leaves without a partner, exactly: most of them paired,
//     then fewest other pairs broken (at most RepairOptions.MaxBroken, 0 by
//     default), then the best total score.
//   - NextRound forms the next round with no repeats, failed pairs never
//     again, people left out or whose partner left favoured, and people who
//     left, paused or did not show up skipped, each with the reason.
//   - Contracts, WriteContractMarkdown and WriteContractHTML give each pair
//     its contract: names, e-mails, what each will help the other with,
//     goals to fill in, the cadence, the check-in dates and questions.
//   - ReadOutcomes reads an HR file (id, left_on, promoted_on) and Outcomes
//     reports retention and promotion after N months for mentees, mentors,
//     partners and non-participants, by grade and department, with Wilson
//     intervals, saying when a group is too small to report.
//
// # Check-in CSV
//
//	date,person,partner,met,equitable,progress,comments
//	2027-02-01,ana,ben,yes,4,3,good start
//	2027/02/02 10:22:01,ben,ana,no,,,
//
// The partner column may be called group and hold a group's id. Dates are
// year first (YYYY-MM-DD or YYYY/MM/DD, with or without a time of day);
// day-first and month-first dates are refused as ambiguous.
//
// # Limits
//
// ReadCheckIns and ReadOutcomes read at most ReadOptions.MaxRows rows
// (1,000,000), MaxColumns columns (1,000), cells of MaxFieldBytes
// (64 KiB) and MaxBytes in all (256 MiB). Every date of a programme is in
// the years MinYear–MaxYear (1900–9998; CheckDate). Repair takes one
// pairing.NewScorer (O(n·k)), checks the newly affected people against
// everyone (O(a·n)) and solves one matching with MaxBroken 0;
// RecheckUnmatched adds O(|U|²) checks among the people already unpaired,
// and MaxBroken b checks all of U against everyone and solves O(c^b) small
// matchings for c candidate pairs, at most MaxRepairSets of them (the
// search stops short of a size that would pass it, and says so). BenchmarkRepair
// measures one leaver at 1,000 and 10,000 people, and the Scorer's
// construction alone (go test -bench Repair -run '^$' ./programme).
package programme
