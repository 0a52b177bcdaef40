package skills_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/peermatch/peermatch/skills"
)

func ExampleReadCSV() {
	const survey = `id,name,grade,department,manager,have:Coaching,want:Delegation,have:Delegation
ana,Ana,3,Sales,,4,,1
ben,Ben,3,Support,ana,,5,4
`
	r, err := skills.ReadCSV(strings.NewReader(survey))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Catalog.Names())
	for _, p := range r.People {
		fmt.Println(p.ID, p.Have, p.Want, p.EffectiveCapacity())
	}

	// Every problem is reported, with file, line and column.
	_, err = skills.ReadCSVWith(strings.NewReader("id,have:Coaching\nana,7\nana,2.5\n"), skills.ReadOptions{Name: "survey.csv"})
	fmt.Println(err)
	// Output:
	// [Coaching Delegation]
	// ana [4 1] [0 0] 1
	// ben [0 4] [0 5] 1
	// invalid roster: 3 problems in survey.csv:
	// 	survey.csv:2:2: have:Coaching: bad value: level 7 outside 0..5
	// 	survey.csv:3:1: id: duplicate id: "ana" on lines 2 and 3
	// 	survey.csv:3:2: have:Coaching: bad value: level 2.5 is not a whole number 0..5
}

func ExampleSynthetic() {
	r := skills.Synthetic(1000, 50, 1, skills.SyntheticOptions{})
	s := r.Summary()
	fmt.Println(s.People, s.Skills, len(s.Departments))
	fmt.Println(r.People[0].ID, r.People[0].Email)
	// Output:
	// 1000 50 25
	// p0001 p0001@example.org
}

func ExampleDemo() {
	r := skills.Demo()
	p := r.Person("s12")
	fmt.Println(r.Len(), r.Catalog.Len(), p.Name, p.Department, p.Grade)
	// Output:
	// 48 12 Ximena Kapoor Sales 1
}

func ExampleRoster_Summary() {
	r, _ := skills.ReadCSV(strings.NewReader(`id,grade,department,manager,have:Coaching,want:Coaching,want:Negotiation
a,1,Sales,c,1,3,2
b,1,Support,c,0,4,
c,2,Sales,,5,,3
`))
	_ = skills.WriteSummary(os.Stdout, r.Summary())
	// Output:
	// people:      3
	// skills:      2
	// managers:    1 (people managing someone in the roster)
	// grades:      1:2 2:1
	// departments: Sales 2, Support 1
	// most wanted:
	//   Coaching                 want   7 (2 people)  have   6
	//   Negotiation              want   5 (2 people)  have   0
	// least available:
	//   Negotiation              want   5 (2 people)  have   0
	//   Coaching                 want   7 (2 people)  have   6
}

func ExampleWriteJSON() {
	r, _ := skills.ReadCSV(strings.NewReader("id,name,capacity,unavailable,have:Coaching,want:Negotiation,tag:language\na,Ann,2,2027-12-24..2027-12-27,4,3,en\n"))
	_ = skills.WriteJSON(os.Stdout, r)
	// Output:
	// {
	//   "skills": [
	//     {"name":"Coaching"},
	//     {"name":"Negotiation"}
	//   ],
	//   "people": [
	//     {"id":"a","name":"Ann","capacity":2,"tags":{"language":"en"},"unavailable":["2027-12-24..2027-12-27"],"have":{"Coaching":4},"want":{"Negotiation":3}}
	//   ]
	// }
}

func ExampleRoster_ResolveManagers() {
	// HR exports name managers by e-mail or by name; the reader resolves
	// them to ids, so the line-management rule can act on them.
	const export = `id,name,email,manager
kim,Kim Lee,Kim.Lee@example.org,director@example.org
bo,Bo Lind,bo@example.org,KIM.LEE@EXAMPLE.ORG
cy,Cy Moss,cy@example.org,Kim Lee
`
	r, err := skills.ReadCSVWith(strings.NewReader(export), skills.ReadOptions{Name: "survey.csv"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.People {
		fmt.Printf("%s → %s\n", p.ID, p.Manager)
	}
	// A manager who matches nobody may be outside the roster: a warning.
	for _, w := range r.Warnings {
		fmt.Println(w)
	}
	// Output:
	// kim → director@example.org
	// bo → kim
	// cy → kim
	// survey.csv:2:4: manager "director@example.org" of "kim" matches no id, e-mail or name in the roster; the line-management rule cannot keep "kim" from being paired with this manager
}

// A Google Forms export reads without a mapping: its metadata is left out,
// grid questions become have and want columns, answer words become levels
// and, with no id column, the e-mail is the id. A mapping adds what cannot
// be guessed, here a comment column to leave out and one more answer word.
func ExampleMapping() {
	const export = `Timestamp,Email Address,Full name,Coaching [I can teach],Coaching [I want to learn],Any comments?
2027/01/04 9:12:03,ana@example.org,Ana,Expert,No,
2027/01/04 9:40:51,ben@example.org,Ben,Beginner,Somewhat,"Mornings, please"
`
	r, err := skills.ReadCSVWith(strings.NewReader(export), skills.ReadOptions{
		Name: "answers.csv",
		Mapping: &skills.Mapping{
			Ignore:  []string{"*comment*"},
			Answers: map[string]int{"Somewhat": 2},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ReadInfo.Shape)
	for _, c := range r.ReadInfo.Columns {
		fmt.Printf("%-26s %-14s %s\n", c.Header, c.Column, c.How)
	}
	for _, p := range r.People {
		fmt.Println(p.ID, p.Name, p.Have, p.Want)
	}
	// Output:
	// Google Forms
	// Timestamp                                 recognised (Google Forms), ignored
	// Email Address              email          recognised (Google Forms); also the id
	// Full name                  name           recognised (synonym)
	// Coaching [I can teach]     have:Coaching  recognised (Google Forms grid question)
	// Coaching [I want to learn] want:Coaching  recognised (Google Forms grid question)
	// Any comments?                             ignored
	// ana@example.org Ana [5] [0]
	// ben@example.org Ben [1] [2]
}

func ExampleWriteTemplate() {
	if err := skills.WriteTemplate(os.Stdout, []string{"Coaching", "Delegation"}, skills.FormatCSV); err != nil {
		fmt.Println(err)
	}
	// Output:
	// id,name,email,grade,years,department,manager,location,capacity,focus,unavailable,lead,have:Coaching,have:Delegation,want:Coaching,want:Delegation
}
