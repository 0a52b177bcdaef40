// Package cohort partitions a skills.Roster into balanced learning groups and
// gives each group a learning plan: its topics and the member who owns each.
//
// # Formats
//
// Form serves the two published group formats through presets, and any
// other shape through Options:
//
//   - PeerMentoringTeam: 8–10 volunteers meeting monthly for a year, ten
//     topics, each member owning (learning well and leading) at least one
//     topic: one they chose (Person.Lead), hold or want to become
//     proficient in. A member leads the session on the topic they own, so
//     a plan has at least as many sessions as members: Options.Sessions
//     below MaxSize is an error (a year of monthly meetings has room for
//     twelve), and topics are never co-led.
//   - PeerLearningGroup: 3–6 managers (someone in the roster reports to
//     them, or their tag role is manager) of one grade (MaxGradeGap 0 by
//     default) who share a focus issue and, when the roster gives
//     locations, a location ("Remote" is one), six modules of two
//     sessions with a different member facilitating each (Topic.Owner the
//     Exploration, Topic.Reflection the Reflection session), so that the
//     members take turns. People who manage nobody, have no focus or
//     location, or whose focus, grade and location have too few takers are
//     listed in Result.Unplaced with a reason each, never dropped
//     silently.
//   - Options{} alone: groups of 6–10, ten topics.
//
// # Objective
//
// Every group gets a quality in [0, 1], the weighted mean of its
// teachability (the share of members' want levels held, at have level ≥
// Threshold, by another member) and its roles (the share of members who hold
// a skill another member wants). Its score is the quality minus soft
// penalties: members above MaxPerDepartment, members isolated as the only one
// of a tag value (NoIsolatedTags), and Weights.Repeat·c² for each pair of
// members who were together c times before (History). The objective is
// (1 − Balance)·mean + Balance·min of the group scores (Balance 0.5 by
// default), so the worst group counts as in CATME's max-min, and the spread
// between the best and the worst group is reported.
//
// Hard rules are never traded for score: group sizes, keep-together and
// keep-apart lists, no manager with a direct report, and (in formats that ask
// for it) one grade band and one shared focus. Form reports ErrSizes,
// ErrUnknownID or ErrInfeasible when they cannot be met (in the formats that
// leave people unplaced, a person who cannot join the only groups open to
// them is set aside with the reason instead).
//
// # Algorithm
//
// Form builds a start (a snake draft of people, or keep-together units, by
// teaching strength, avoiding conflicts; or the grade bands chosen by dynamic
// programming) and improves it by simulated annealing over moves and swaps
// between groups, with restarts, keeping per-group counts of holders and
// wanters of each skill so that a move rescores only the two groups it
// touches; rosters of at most 60 people end each restart with a full descent
// over all moves and swaps. The search is seeded and deterministic: the
// number of iterations is its budget, and Options.TimeLimit only cuts it
// short. The budget is bounded so that a search ends in bounded time
// without a clock: at most MaxRestarts restarts and MaxSearchSteps steps
// in all (Restarts·Iterations, the default iterations counted, each step
// weighted by the groups' size in tens of members, since a step's time
// grows with it; the default budget is always allowed), about 4.5 times
// the default search on 10,000 people. On every small roster of the tests (10–12 people, all partitions
// enumerated) Form reaches the optimum on 87 of 88 instances with 3000
// iterations a restart, a fraction of its default budget, and on the last
// one with the default budget.
//
// # Learning plans
//
// A group's topics are its most wanted skills (sum of want levels), as many
// as Options.Sessions. When they are too few for every member to own one,
// the plan adds skills a member holds that others have at a lower level,
// then the catalog's categories, then its other skills (Topic.Source says
// which); a member who still owns nothing is listed in Group.NoTopic with
// the reason. Owners are chosen by linear assignment (package assign) in
// rounds, so that everyone owns one topic before anyone owns two; each
// round first maximises the lead preferences met (a first choice counts
// most), then the owners' levels. Group.Lead and the lead metrics report
// who got their first choice, who got none, and why; see
// GroupMetrics.UnqualifiedOwners for the fallback when no member holds,
// wants or asked for a topic left.
//
// # Output
//
// WriteJSON writes one document,
//
//	{"groups":[{"id":1,"members":["a","b",…],
//	            "people":[{"id":"a","name":"Ana Ruiz","email":"ana@example.org"},…],
//	            "topics":[{"skill":"Coaching","owner":"a","source":"wanted"},…],
//	            "no_topic":[{"id":"b","reason":"…"}],
//	            "lead":[{"id":"a","choice":1},{"id":"c","choice":0,"reason":"…"}],
//	            "metrics":{"score":…,"teachability":…,"roles":…,"size":…,
//	                       "department_excess":…,"isolated":…,"repeats":…,
//	                       "unqualified_owners":…,"lead_asked":…,
//	                       "lead_first":…,"lead_none":…}}],
//	 "remainder":[{"id":"c","name":"Cy Lam","email":"cy@example.org","reason":"…"}],
//	 "metrics":{"objective":…,"min_score":…,"mean_score":…,"max_score":…,
//	            "spread":…,"teachability":…,"roles":…,"department_excess":…,
//	            "isolated":…,"repeats":…,"groups":…,"people":…,"unplaced":…,
//	            "no_topic":…,"lead_asked":…,"lead_first":…,"lead_none":…,
//	            "lead_first_share":…,"lead_none_share":…,
//	            "iterations":…,"moves_accepted":…,"restarts":…,"timed_out":…}}
//
// with "remainder" present only when someone was left out, "no_topic" and
// "lead" only when not empty, and a topic's "reflection" (the member who
// facilitates a two-session module's second session) only in formats with
// two facilitators a module. "people" gives
// each member's roster name and e-mail address, in the order of
// "members", so that the groups can be contacted; it is present when the
// roster gave anyone a name or an address, and an empty "name" or "email"
// is left out (in "remainder" too). ReadJSON reads the document back,
// names and addresses included. WriteCSV writes one row per person
// (spreadsheet-safe cells) under
// group,id,name,owns,reason,email,lead_choice,lead_reason — new columns
// last, so that older readers find the first ones where they were — and
// WriteText a readable report.
package cohort
