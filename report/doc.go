// Package report renders the facilitator's report: one self-contained HTML
// page with the summary of a peer-mentoring programme, the buddy pairs and
// why they were formed (and why anyone is unmatched), each learning group
// with its coverage grid and learning plan, the year calendar of sessions
// month by month, and an index of people (buddy, group, topics led).
//
// The page is built with html/template, so every name, skill and note from
// the roster is escaped; control characters and bidi controls in them are
// shown as escapes (\x1b, \u202e), as in the text output. It has inline CSS only: no scripts, fonts, images
// or other resources are fetched, so it opens offline and can be mailed as
// one file. Output is deterministic: the same Input gives byte-identical
// HTML (Write never reads the clock; the caller supplies Input.Generated).
//
// A group's learning plan lists its topics in the order of their sessions
// in the plan (by date; topics the plan does not hold come last), each with
// the member who leads it as the calendar has it; for a Peer Learning
// Group (a plan with Reflection sessions, or topics naming a Reflection
// facilitator) each topic shows its Exploration and its Reflection, with
// their dates and their two facilitators.
//
// Any of the roster, the pairing result, the cohort result and the schedule
// plan may be nil: the page then leaves out the matching sections.
//
// A typical use, after pairing.Pairs, cohort.Form and schedule.Build:
//
//	err := report.Write(f, report.Input{
//		Title:     "Peer mentoring 2027",
//		Generated: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC),
//		Roster:    roster,
//		Pairs:     pairs,
//		Groups:    groups,
//		Plan:      plan,
//	})
package report
