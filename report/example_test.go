package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/report"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

// Example runs the whole programme on the demo roster and writes the
// facilitator's page.
func Example() {
	ctx := context.Background()
	roster := skills.Demo()
	pairs, err := pairing.Pairs(ctx, roster, pairing.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	groups, err := cohort.Form(ctx, roster, cohort.PeerMentoringTeam())
	if err != nil {
		fmt.Println(err)
		return
	}
	sg, err := schedule.GroupsFromCohort(roster, groups)
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := schedule.Build(sg, schedule.Options{Start: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC), Location: "Europe/Paris"})
	if err != nil {
		fmt.Println(err)
		return
	}

	var page bytes.Buffer
	err = report.Write(&page, report.Input{
		Title:     "Peer mentoring 2027",
		Generated: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC),
		Roster:    roster,
		Pairs:     pairs,
		Groups:    groups,
		Plan:      plan,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	html := page.String()
	fmt.Println(strings.Contains(html, "<h3>Group G1</h3>"), strings.Contains(html, "Kickoff workshop"))
	fmt.Println(strings.Count(html, `<table class="grid">`), "coverage grids")
	// Output:
	// true true
	// 5 coverage grids
}
