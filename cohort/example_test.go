package cohort_test

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/skills"
)

// team builds a small roster: six people, three skills.
func team(extra ...skills.Person) *skills.Roster {
	cat, _ := skills.NewCatalog(skills.Skill{Name: "Coaching"}, skills.Skill{Name: "Feedback"}, skills.Skill{Name: "Hiring"})
	p := func(id, dept, focus string, grade int, have, want []uint8) skills.Person {
		return skills.Person{ID: id, Name: "Person " + id, Department: dept, Focus: focus, Grade: grade, Have: have, Want: want}
	}
	r, err := skills.New(cat, append([]skills.Person{
		p("ana", "ops", "growth", 3, []uint8{5, 0, 1}, []uint8{0, 4, 0}),
		p("ben", "ops", "growth", 3, []uint8{0, 5, 0}, []uint8{0, 0, 3}),
		p("cai", "eng", "growth", 4, []uint8{1, 0, 5}, []uint8{4, 0, 0}),
		p("dee", "eng", "burnout", 2, []uint8{5, 1, 0}, []uint8{0, 0, 5}),
		p("eli", "hr", "burnout", 2, []uint8{0, 0, 4}, []uint8{0, 5, 0}),
		p("fay", "hr", "burnout", 2, []uint8{0, 4, 0}, []uint8{3, 0, 0}),
	}, extra...))
	if err != nil {
		panic(err)
	}
	return r
}

// ExampleForm splits six people into two groups of three in which everyone
// can learn and teach, and prints each group's plan.
func ExampleForm() {
	res, err := cohort.Form(context.Background(), team(), cohort.Options{MinSize: 3, MaxSize: 3, Sessions: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range res.Groups {
		fmt.Println(g.ID, g.Members, "teachability", g.Metrics.Teachability, "roles", g.Metrics.Roles)
		for _, t := range g.Topics {
			fmt.Printf("  %s led by %s\n", t.Skill, t.Owner)
		}
	}
	fmt.Printf("objective %.2f, spread %.2f\n", res.Metrics.Objective, res.Metrics.Spread)
	// Output:
	// 1 [ana ben cai] teachability 1 roles 1
	//   Coaching led by ana
	//   Feedback led by ben
	//   Hiring led by cai
	// 2 [dee eli fay] teachability 1 roles 1
	//   Feedback led by fay
	//   Hiring led by eli
	//   Coaching led by dee
	// objective 1.00, spread 0.00
}

// ExamplePeerLearningGroup forms groups of managers who share a focus and a
// grade; each module has two member facilitators. People who fit no group
// are reported with a reason.
func ExamplePeerLearningGroup() {
	opt := cohort.PeerLearningGroup()
	opt.MaxGradeGap = cohort.GradeGap(1) // grades 3 and 4 may share a group
	gus := skills.Person{ID: "gus", Focus: "growth", Grade: 6, Have: []uint8{4, 4, 4}, Want: []uint8{0, 0, 0}}
	kim := skills.Person{ID: "kim", Grade: 2, Have: []uint8{0, 0, 0}, Want: []uint8{2, 2, 2}}
	lou := skills.Person{ID: "lou", Focus: "growth", Grade: 3, Have: []uint8{3, 0, 0}, Want: []uint8{0, 2, 0}}
	r := team(gus, kim, lou)
	for i := range r.People {
		if r.People[i].ID != "lou" {
			r.People[i].Tags = map[string]string{"role": "manager"}
		}
	}
	res, err := cohort.Form(context.Background(), r, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range res.Groups {
		fmt.Println(g.ID, g.Focus, g.Members)
		for _, t := range g.Topics {
			fmt.Printf("  %s: exploration %s, reflection %s\n", t.Skill, t.Owner, t.Reflection)
		}
	}
	for _, u := range res.Unplaced {
		fmt.Println("not placed:", u.ID, "-", u.Reason)
	}
	// Output:
	// 1 growth [ana ben cai]
	//   Coaching: exploration cai, reflection ana
	//   Feedback: exploration ana, reflection ben
	//   Hiring: exploration ben, reflection cai
	// 2 burnout [dee eli fay]
	//   Feedback: exploration fay, reflection eli
	//   Hiring: exploration eli, reflection dee
	//   Coaching: exploration fay, reflection dee
	// not placed: gus - no other manager within 1 grade(s) of grade 6 shares focus "growth"
	// not placed: kim - no focus given; groups share one focus
	// not placed: lou - manages nobody in the roster and has no tag role=manager; these groups are of managers
}

// ExampleWriteJSON writes the groups document that `peermatch schedule`
// reads back with ReadJSON.
func ExampleWriteJSON() {
	res, err := cohort.Form(context.Background(), team(), cohort.Options{MinSize: 6, MaxSize: 6, Sessions: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = cohort.WriteJSON(os.Stdout, res)
	back, err := cohort.ReadJSON(stringsReader(res))
	fmt.Println(len(back.Groups[0].Members), err)
	// Output:
	// {
	//   "groups": [
	//     {
	//       "id": 1,
	//       "members": [
	//         "ana",
	//         "ben",
	//         "cai",
	//         "dee",
	//         "eli",
	//         "fay"
	//       ],
	//       "people": [
	//         {
	//           "id": "ana",
	//           "name": "Person ana"
	//         },
	//         {
	//           "id": "ben",
	//           "name": "Person ben"
	//         },
	//         {
	//           "id": "cai",
	//           "name": "Person cai"
	//         },
	//         {
	//           "id": "dee",
	//           "name": "Person dee"
	//         },
	//         {
	//           "id": "eli",
	//           "name": "Person eli"
	//         },
	//         {
	//           "id": "fay",
	//           "name": "Person fay"
	//         }
	//       ],
	//       "topics": [
	//         {
	//           "skill": "Feedback",
	//           "owner": "ben",
	//           "source": "wanted"
	//         },
	//         {
	//           "skill": "Hiring",
	//           "owner": "cai",
	//           "source": "wanted"
	//         },
	//         {
	//           "skill": "Coaching",
	//           "owner": "dee",
	//           "source": "wanted"
	//         }
	//       ],
	//       "metrics": {
	//         "score": 1,
	//         "teachability": 1,
	//         "roles": 1,
	//         "size": 6,
	//         "department_excess": 0,
	//         "isolated": 0,
	//         "repeats": 0,
	//         "unqualified_owners": 0,
	//         "lead_asked": 0,
	//         "lead_first": 0,
	//         "lead_none": 0
	//       },
	//       "no_topic": [
	//         {
	//           "id": "ana",
	//           "reason": "the group's 6 members outnumber the 3 topics the catalog's skills and categories give"
	//         },
	//         {
	//           "id": "eli",
	//           "reason": "the group's 6 members outnumber the 3 topics the catalog's skills and categories give"
	//         },
	//         {
	//           "id": "fay",
	//           "reason": "the group's 6 members outnumber the 3 topics the catalog's skills and categories give"
	//         }
	//       ]
	//     }
	//   ],
	//   "metrics": {
	//     "objective": 1,
	//     "min_score": 1,
	//     "mean_score": 1,
	//     "max_score": 1,
	//     "spread": 0,
	//     "teachability": 1,
	//     "roles": 1,
	//     "department_excess": 0,
	//     "isolated": 0,
	//     "repeats": 0,
	//     "groups": 1,
	//     "people": 6,
	//     "unplaced": 0,
	//     "no_topic": 3,
	//     "lead_asked": 0,
	//     "lead_first": 0,
	//     "lead_none": 0,
	//     "lead_first_share": 0,
	//     "lead_none_share": 0,
	//     "iterations": 0,
	//     "moves_accepted": 0,
	//     "restarts": 1,
	//     "timed_out": false
	//   }
	// }
	// 6 <nil>
}

// ExampleForm_sizes shows the error for sizes that cannot split the roster.
func ExampleForm_sizes() {
	_, err := cohort.Form(context.Background(), team(), cohort.Options{MinSize: 4, MaxSize: 5})
	fmt.Println(err)
	// Output:
	// group sizes cannot partition the roster: 6 people cannot be split into groups of 4–5: allow 3–5, allow 4–6 or add 2 people
}

func stringsReader(res *cohort.Result) *bytes.Buffer {
	var b bytes.Buffer
	_ = cohort.WriteJSON(&b, res)
	return &b
}
