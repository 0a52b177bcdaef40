package skills

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// Summary describes a roster at a glance; Roster.Summary computes it and
// WriteText prints it.
type Summary struct {
	People int // number of people
	Skills int // number of skills in the catalog
	// Managers is the number of people in the roster who are the manager of
	// at least one other person in the roster.
	Managers int
	// Grades counts people per grade, in increasing grade order.
	Grades []Count[int]
	// Departments counts people per department, most people first, ties by
	// name; people without a department are counted under "".
	Departments []Count[string]
	// MostWanted lists up to 5 skills with the highest total want level,
	// ties by catalog name; skills nobody wants are left out.
	MostWanted []SkillBalance
	// LeastAvailable lists up to 5 wanted skills with the lowest ratio of
	// total have level to total want level, ties by higher demand and then
	// by name.
	LeastAvailable []SkillBalance
}

// Count is a value and how many people have it.
type Count[T any] struct {
	Value T
	Count int
}

// SkillBalance is the total supply and demand of one skill.
type SkillBalance struct {
	Skill  string
	Have   int // sum of have levels over all people
	Want   int // sum of want levels over all people
	Wanted int // number of people with a want level above 0
}

// summaryTop is how many skills MostWanted and LeastAvailable list.
const summaryTop = 5

// Summary returns counts, histograms and skill balances of the roster.
//
// Summary takes O(n·k + k log k + d log d) time for n people, k skills and
// d departments.
func (r *Roster) Summary() Summary {
	k := r.Catalog.Len()
	s := Summary{People: len(r.People), Skills: k}
	grades := map[int]int{}
	depts := map[string]int{}
	bal := make([]SkillBalance, k)
	for j := range bal {
		bal[j].Skill = r.Catalog.Skill(j).Name
	}
	ids := make(map[string]bool, len(r.People))
	for i := range r.People {
		ids[r.People[i].ID] = true
	}
	managers := map[string]bool{}
	for i := range r.People {
		p := &r.People[i]
		grades[p.Grade]++
		depts[p.Department]++
		if p.Manager != "" && p.Manager != p.ID && ids[p.Manager] {
			managers[p.Manager] = true
		}
		for j := 0; j < k; j++ {
			bal[j].Have += int(levelAt(p.Have, j))
			if w := levelAt(p.Want, j); w > 0 {
				bal[j].Want += int(w)
				bal[j].Wanted++
			}
		}
	}
	s.Managers = len(managers)
	for g, c := range grades {
		s.Grades = append(s.Grades, Count[int]{g, c})
	}
	slices.SortFunc(s.Grades, func(a, b Count[int]) int { return cmp.Compare(a.Value, b.Value) })
	for d, c := range depts {
		s.Departments = append(s.Departments, Count[string]{d, c})
	}
	slices.SortFunc(s.Departments, func(a, b Count[string]) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	wanted := slices.DeleteFunc(slices.Clone(bal), func(b SkillBalance) bool { return b.Want == 0 })
	slices.SortFunc(wanted, func(a, b SkillBalance) int {
		return cmp.Or(cmp.Compare(b.Want, a.Want), cmp.Compare(a.Skill, b.Skill))
	})
	s.MostWanted = slices.Clone(wanted[:min(summaryTop, len(wanted))])
	slices.SortFunc(wanted, func(a, b SkillBalance) int {
		// a.Have/a.Want < b.Have/b.Want, compared exactly.
		return cmp.Or(cmp.Compare(a.Have*b.Want, b.Have*a.Want), cmp.Compare(b.Want, a.Want), cmp.Compare(a.Skill, b.Skill))
	})
	s.LeastAvailable = slices.Clone(wanted[:min(summaryTop, len(wanted))])
	return s
}

// WriteSummary writes s as a readable block of text, one fact a line.
// Department and skill names are written through termsafe.Text: control
// characters, line separators, bidi controls and invalid UTF-8 show as Go
// escapes such as \x1b, so that survey data cannot act on the terminal or
// forge a line; other characters of every script are written unchanged.
func WriteSummary(w io.Writer, s Summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "people:      %d\n", s.People)
	fmt.Fprintf(&b, "skills:      %d\n", s.Skills)
	fmt.Fprintf(&b, "managers:    %d (people managing someone in the roster)\n", s.Managers)
	b.WriteString("grades:     ")
	for _, g := range s.Grades {
		fmt.Fprintf(&b, " %d:%d", g.Value, g.Count)
	}
	b.WriteString("\ndepartments:")
	for i, d := range s.Departments {
		if i > 0 {
			b.WriteByte(',')
		}
		name := termsafe.Text(d.Value)
		if name == "" {
			name = "(none)"
		}
		fmt.Fprintf(&b, " %s %d", name, d.Count)
	}
	b.WriteString("\nmost wanted:")
	balances(&b, s.MostWanted)
	b.WriteString("least available:")
	balances(&b, s.LeastAvailable)
	_, err := io.WriteString(w, b.String())
	return err
}

func balances(b *strings.Builder, bs []SkillBalance) {
	if len(bs) == 0 {
		b.WriteString(" (none)\n")
		return
	}
	b.WriteByte('\n')
	for _, x := range bs {
		fmt.Fprintf(b, "  %-24s want %3d (%d people)  have %3d\n", termsafe.Text(x.Skill), x.Want, x.Wanted, x.Have)
	}
}
