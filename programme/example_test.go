package programme_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/skills"
)

func date(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// exampleProgramme: four colleagues paired on 4 January 2027.
func exampleProgramme() programme.Programme {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "Coaching"}, skills.Skill{Name: "Budgeting"})
	r, _ := skills.New(cat, []skills.Person{
		{ID: "ana", Name: "Ana Ruiz", Email: "ana@example.org", Grade: 2, Years: 4, Have: []uint8{5, 0}, Want: []uint8{0, 5}},
		{ID: "ben", Name: "Ben Okafor", Email: "ben@example.org", Grade: 2, Years: 9, Have: []uint8{0, 5}, Want: []uint8{5, 0}},
		{ID: "cy", Name: "Cy Lam", Grade: 2, Years: 2, Have: []uint8{4, 0}, Want: []uint8{0, 4}},
		{ID: "dee", Name: "Dee Park", Grade: 2, Years: 6, Have: []uint8{0, 4}, Want: []uint8{4, 0}},
	})
	f := date("2027-01-04")
	return programme.Programme{
		Start: date("2027-01-01"), End: date("2027-12-31"), Roster: r,
		Rounds: []programme.Round{{Number: 1, Formed: f, Kind: programme.KindPairs, TrialWeeks: 8,
			Pairs: []programme.Pair{{A: "ana", B: "ben", Formed: f}, {A: "cy", B: "dee", Formed: f}}}},
	}
}

func ExampleHealth() {
	p := exampleProgramme()
	answers := "date,person,partner,met,equitable\n" +
		"2027-01-18,ana,ben,yes,5\n" +
		"2027-01-18,ben,ana,yes,2\n" +
		"2027-01-25,cy,dee,no,\n"
	in, err := programme.ReadCheckIns(strings.NewReader(answers), programme.ReadOptions{Name: "answers.csv"})
	if err != nil {
		fmt.Println(err)
		return
	}
	add, err := programme.CheckAnswers(p, in)
	if err != nil {
		fmt.Println(err)
		return
	}
	p.CheckIns = append(p.CheckIns, add...)
	for _, f := range programme.Health(p, date("2027-02-01"), programme.HealthOptions{}) {
		fmt.Println(f.Kind+":", f.Message)
	}
	// Output:
	// not_met: Cy Lam (cy) and Dee Park (dee) have not met: the latest check-in, from Cy Lam (cy) on 2027-01-25, says they did not meet.
	// one_sided: Ana Ruiz (ana) and Ben Okafor (ben) may be one-sided: Ben Okafor (ben) rates the contributions 2 of 5 (2027-01-18).
}

func ExampleReadCheckIns() {
	_, err := programme.ReadCheckIns(strings.NewReader("date,person,partner,met\n3/4/2027,ana,ben,maybe\n"), programme.ReadOptions{Name: "answers.csv"})
	fmt.Println(err)
	// Output:
	// invalid check-in answers: 2 problems in answers.csv:
	//	answers.csv:2:1: date: bad value: date "3/4/2027" is ambiguous (day or month first?): write it year first, YYYY-MM-DD
	//	answers.csv:2:4: met: bad value: met "maybe": expected yes or no (or true/false, 1/0)
}

func ExampleRepair() {
	p := exampleProgramme()
	// Ben leaves; with every other pair kept, Ana stays alone.
	p.Events = []programme.StatusEvent{{Person: "ben", Date: date("2027-03-01"), Status: programme.Left}}
	res, err := programme.Repair(context.Background(), p, nil, pairing.Options{}, programme.RepairOptions{AsOf: date("2027-03-01")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Dissolved {
		fmt.Printf("dissolved %s–%s (%s)\n", d.A, d.B, d.Reason)
	}
	for _, a := range res.Alone {
		fmt.Printf("%s alone: %s\n", a.ID, a.Reason)
	}
	fmt.Printf("pairs formed %d, broken %d\n", len(res.Formed), res.Broken)
	// Output:
	// dissolved ana–ben (left)
	// ana alone: all 1 eligible partners are in pairs that are kept (MaxBroken 0 keeps every other pair)
	// pairs formed 0, broken 0
}

func ExampleWriteContractMarkdown() {
	p := exampleProgramme()
	cs, err := programme.Contracts(p.Rounds[0], p.Roster, pairing.Options{}, programme.ContractOptions{End: date("2027-03-01")})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := cs[0]
	c.Goals = 1
	_ = programme.WriteContractMarkdown(os.Stdout, c)
	// Output:
	// # Peer mentoring contract: Ana Ruiz and Ben Okafor
	//
	// round 1 · from 2027-01-04 · trial period until 2027-03-01
	//
	// ## Partners
	//
	// | | Ana Ruiz | Ben Okafor |
	// |---|---|---|
	// | E-mail | ana@example.org | ben@example.org |
	// | Will help the other with | Coaching | Budgeting |
	//
	// ## Our goals
	//
	// Ana Ruiz:
	//
	// 1. ______________________________________________
	//
	// Ben Okafor:
	//
	// 1. ______________________________________________
	//
	// ## How we meet
	//
	// We meet every two weeks, for about an hour.
	//
	// ## Check-ins
	//
	// - Monday 1 February 2027
	// - Monday 1 March 2027
	//
	// At each check-in we answer:
	//
	// 1. How is it going: what has each of us gained since the last check-in?
	// 2. Are our contributions equal and equitable: does each of us give about as much as we get?
	// 3. What can we improve before the next check-in?
	//
	// ## Agreed
	//
	// - Ana Ruiz: signature ____________________ date __________
	// - Ben Okafor: signature ____________________ date __________
}

func ExampleWilson() {
	lo, hi := programme.Wilson(72, 100, programme.WilsonZ)
	fmt.Printf("72 of 100 retained: 95%% interval %.1f%%–%.1f%%\n", 100*lo, 100*hi)
	// Output:
	// 72 of 100 retained: 95% interval 62.5%–79.9%
}
