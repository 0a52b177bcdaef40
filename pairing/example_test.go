package pairing_test

import (
	"context"
	"fmt"
	"os"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

// exampleRoster: Ana coaches and wants budgeting; Ben budgets and wants
// coaching; Cy and Dee are the same at a lower level.
func exampleRoster() *skills.Roster {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "Coaching"}, skills.Skill{Name: "Budgeting"})
	r, err := skills.New(cat, []skills.Person{
		{ID: "ana", Grade: 2, Years: 4, Have: []uint8{5, 0}, Want: []uint8{0, 5}},
		{ID: "ben", Grade: 2, Years: 9, Have: []uint8{0, 5}, Want: []uint8{5, 0}},
		{ID: "cy", Grade: 1, Years: 2, Have: []uint8{3, 0}, Want: []uint8{0, 5}},
		{ID: "dee", Grade: 1, Years: 6, Have: []uint8{0, 3}, Want: []uint8{5, 0}},
	})
	if err != nil {
		panic(err)
	}
	return r
}

func ExamplePairs() {
	res, err := pairing.Pairs(context.Background(), exampleRoster(), pairing.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Pairs {
		fmt.Printf("%s–%s score %.0f: %s teaches %s\n", p.A, p.B, p.Score, p.A, p.ATeachesB[0].Skill)
	}
	// Output:
	// ana–ben score 100: ana teaches Coaching
	// cy–dee score 60: cy teaches Coaching
}

func ExampleWriteText() {
	res, _ := pairing.Pairs(context.Background(), exampleRoster(), pairing.Options{Strategy: pairing.Greedy})
	_ = pairing.WriteText(os.Stdout, res)
	// Output:
	// strategy: greedy — 2 pairs, 4 matched, 0 unmatched
	//
	// A    B    score  A teaches B  B teaches A
	// ana  ben  100.0  Coaching     Budgeting
	// cy   dee  60.0   Coaching     Budgeting
	//
	// mean score 80.0, min 60.0, equity 0.000 (0 = even exchange), want coverage 100%, blocking pairs 0
	// note: greedy: heaviest eligible pair first, ties by id, over every eligible pair (the result is stable)
}

func ExampleScorer_Suggest() {
	sc, _ := pairing.NewScorer(exampleRoster(), pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(1)}})
	s, _ := sc.Suggest("ana", 2)
	for _, x := range s {
		fmt.Printf("%s: %.2f\n", x.B, x.Weight)
	}
	// Output:
	// ben: 1.00
	// dee: 0.75
}

func ExampleScorer_Explain() {
	sc, _ := pairing.NewScorer(exampleRoster(), pairing.Options{HardRules: pairing.HardRules{Never: map[string][]string{"cy": {"ana"}}}})
	e, _ := sc.Explain("ana", "cy")
	fmt.Println(e.Eligible, e.Rule, "—", e.Reason)
	// Output:
	// false never_pair — excluded by a never-pair rule
}

func ExampleMentor() {
	res, _ := pairing.Mentor(context.Background(), exampleRoster(), []string{"ana", "ben"}, []string{"cy", "dee"}, pairing.Options{})
	for _, p := range res.Pairs {
		fmt.Printf("%s mentors %s in %s (score %.0f)\n", p.Mentor, p.Mentee, p.Teaches[0].Skill, p.Score)
	}
	// Output:
	// ana mentors dee in Coaching (score 100)
	// ben mentors cy in Budgeting (score 100)
}
