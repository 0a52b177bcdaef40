package schedule_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/peermatch/peermatch/schedule"
)

// A Peer Mentoring team: a kickoff workshop, then one session a month on
// the second Tuesday, each led by the topic's owner. Bastille Day and a
// summer blackout move sessions; the notes say why.
func ExampleBuild() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	team := schedule.Group{
		ID: "team-1",
		Members: []schedule.Member{
			{ID: "ana", Name: "Ana"}, {ID: "ben", Name: "Ben"}, {ID: "chloé", Name: "Chloé"},
		},
		Topics: []schedule.Topic{
			{Skill: "Negotiation", Owner: "ben"},
			{Skill: "Public speaking", Owner: "ana"},
			{Skill: "Pitching", Owner: "chloé", Requires: []string{"Public speaking"}},
		},
	}
	plan, err := schedule.Build([]schedule.Group{team}, schedule.Options{
		Start:     day(5, 12), // a second Tuesday
		Location:  "Europe/Paris",
		Holidays:  []string{"FR"},
		Blackouts: []schedule.DateRange{{From: day(8, 1), To: day(8, 31), Label: "summer"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("violations:", len(plan.Check()))
	if err := schedule.WriteText(os.Stdout, plan); err != nil {
		fmt.Println(err)
	}
	// Output:
	// violations: 0
	// peer-mentoring plan, times in Europe/Paris
	//
	// team-1
	//   Tue 2026-05-12  09:00–17:00  kickoff                   led by Ana
	//   Tue 2026-06-09  10:00–12:00  session: Negotiation      led by Ben
	//   Wed 2026-07-15  10:00–12:00  session: Public speaking  led by Ana
	//   Tue 2026-09-01  10:00–12:00  session: Pitching         led by Chloé
	//
	// Notes
	//   - team-1: session 2 (Public speaking) moved from Tue 2026-07-14 to Wed 2026-07-15 because of the public holiday Fête Nationale (FR)
	//   - team-1: session 3 (Pitching) moved from Tue 2026-08-11 to Tue 2026-09-01 because of the blackout 2026-08-01 to 2026-08-31 (summer)
}

// A Peer Learning Group: per topic an Exploration and, 14 days later, a
// Reflection, each led by a different member in rotation; plus the
// check-ins of a buddy pair (every four weeks from the contract start; the
// end of trial three months after it takes the place of a third check-in
// a week before it). Check reports a hand-made mistake.
func ExamplePlan_Check() {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	g := schedule.Group{
		ID:      "managers",
		Members: []schedule.Member{{ID: "kim"}, {ID: "lou"}, {ID: "max"}},
		Topics:  []schedule.Topic{{Skill: "Delegation"}, {Skill: "Feedback"}},
	}
	plan, err := schedule.Build([]schedule.Group{g}, schedule.Options{
		Format: schedule.PeerLearning,
		Start:  day(3, 3),
		Pairs:  []schedule.Pair{{A: schedule.Member{ID: "ana"}, B: schedule.Member{ID: "ben"}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range plan.Sessions {
		fmt.Println(s.Start.Format("Mon 2006-01-02 15:04"), s.Group, s.Kind, s.Topic, s.Facilitators)
	}
	plan.Sessions[2].Facilitators = []string{"kim"} // kim would lead both Delegation sessions
	for _, v := range plan.Check() {
		fmt.Println(v.Rule)
	}
	// Output:
	// Tue 2026-03-03 10:00 managers exploration Delegation [kim]
	// Tue 2026-03-03 10:00 pair:ana+ben check-in contract start [ana]
	// Tue 2026-03-17 10:00 managers reflection Delegation [lou]
	// Tue 2026-03-31 10:00 pair:ana+ben check-in check-in 1 [ben]
	// Tue 2026-04-07 10:00 managers exploration Feedback [max]
	// Tue 2026-04-21 10:00 managers reflection Feedback [kim]
	// Tue 2026-04-28 10:00 pair:ana+ben check-in check-in 2 [ana]
	// Wed 2026-06-03 10:00 pair:ana+ben check-in end of trial [ben]
	// consecutive
	// rotation
	// rotation
	// balance
	// module-facilitators
}

// Every calendar of a plan, one per group and one per person, written by
// one ICSWriter (here into memory; a program writes each into its file).
func ExampleICSWriter() {
	team := schedule.Group{
		ID:      "team-1",
		Members: []schedule.Member{{ID: "ana", Name: "Ana"}, {ID: "ben", Name: "Ben"}},
		Topics:  []schedule.Topic{{Skill: "Negotiation", Owner: "ben"}, {Skill: "Coaching", Owner: "ana"}},
	}
	plan, err := schedule.Build([]schedule.Group{team}, schedule.Options{
		Start: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC),
		Pairs: []schedule.Pair{{A: schedule.Member{ID: "ana"}, B: schedule.Member{ID: "cleo"}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	files, err := plan.Calendars()
	if err != nil {
		fmt.Println(err)
		return
	}
	x, err := schedule.NewICSWriter(plan)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range files {
		var b strings.Builder
		if err := x.Write(&b, f.Selection); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(f.Name, strings.Count(b.String(), "BEGIN:VEVENT"), "events")
	}
	// Output:
	// group-team-1-7e2a2d5f9a3050f8.ics 3 events
	// person-ana-24d4b96f58da6d4a.ics 7 events
	// person-ben-6700869c8ff7480e.ics 3 events
	// person-cleo-cbdd10d72000b3a4.ics 4 events
}
