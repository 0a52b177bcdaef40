package skills

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// SyntheticOptions shapes the population Synthetic generates. The zero value
// means the defaults given with each field.
type SyntheticOptions struct {
	// Departments is the number of departments. Zero means n/40 with a
	// minimum of 2 (never more than n).
	Departments int
	// Grades is the number of grades, 1..Grades. Zero means 6.
	Grades int
	// GradeRatio is the expected head count of a grade relative to the grade
	// below, in (0, 1]; smaller means a steeper pyramid. Zero means 0.55, so
	// every grade is expected to hold fewer people than the one below.
	GradeRatio float64
	// Noise is the standard deviation, in levels, of a person's have levels
	// around their department's profile. Zero means 0.9.
	Noise float64
	// WantMin and WantMax bound how many skills a person wants (uniformly
	// drawn, clamped to the number of skills), so wants stay sparse.
	// Zero means 2 and 6.
	WantMin, WantMax int
	// LowSkillFraction is the share of people with little to teach (every
	// have level at most 1). Zero means 0.05; a negative value means none.
	LowSkillFraction float64
	// LowWantFraction is the share of people who want at most one skill.
	// Zero means 0.05; a negative value means none.
	LowWantFraction float64
	// ExtraCapacityFraction is the share of people with capacity 2 (everyone
	// else has capacity 1). Zero means 0.1; a negative value means none.
	ExtraCapacityFraction float64
	// Locations to draw from; each department has a home location that 80%
	// of its members share. Nil means eight invented city names.
	Locations []string
	// Focuses to draw a person's focus issue from; 60% of people have one.
	// Nil means a short list of management issues.
	Focuses []string
}

var (
	defaultLocations = []string{"Northam", "Eastford", "Southgate", "Westbury", "Lakeview", "Hillcrest", "Riverton", "Bayside"}
	defaultFocuses   = []string{"remote team", "new manager", "underperformance", "growth", "restructuring", "burnout"}
	managementSkills = []string{"Motivation", "Delegation", "Coaching", "Giving feedback", "Conflict resolution", "Time management", "Negotiation", "Decision making", "Change management", "Performance reviews", "Hiring and interviewing", "Presentation skills"}
	firstNames       = []string{"Ada", "Bram", "Cleo", "Dario", "Edda", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca", "Mila", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tove", "Ugo", "Vera", "Wim", "Xenia", "Yusuf", "Zora"}
	lastNames        = []string{"Abara", "Berg", "Castell", "Dorn", "Eklund", "Faro", "Grau", "Holm", "Ivanko", "Jaro", "Kestrel", "Lind", "Moreau", "Nakamura", "Okafor", "Pirelli", "Quist", "Rasmus", "Sato", "Tamm", "Ulloa", "Voss", "Weller", "Yilmaz", "Zeller"}
	languages        = []string{"en", "en", "en", "de", "fr", "es", "nl"}
)

func (o SyntheticOptions) withDefaults(n, k int) SyntheticOptions {
	if o.Departments <= 0 {
		o.Departments = max(2, n/40)
	}
	o.Departments = max(1, min(o.Departments, n))
	if o.Grades <= 0 {
		o.Grades = 6
	}
	if o.GradeRatio <= 0 || o.GradeRatio > 1 {
		o.GradeRatio = 0.55
	}
	if o.Noise <= 0 {
		o.Noise = 0.9
	}
	if o.WantMin <= 0 {
		o.WantMin = 2
	}
	if o.WantMax <= 0 {
		o.WantMax = 6
	}
	o.WantMax = max(o.WantMax, o.WantMin)
	o.WantMin, o.WantMax = min(o.WantMin, k), min(o.WantMax, k)
	frac := func(f *float64, def float64) {
		switch {
		case *f == 0:
			*f = def
		case *f < 0:
			*f = 0
		}
	}
	frac(&o.LowSkillFraction, 0.05)
	frac(&o.LowWantFraction, 0.05)
	frac(&o.ExtraCapacityFraction, 0.1)
	if len(o.Locations) == 0 {
		o.Locations = defaultLocations
	}
	if len(o.Focuses) == 0 {
		o.Focuses = defaultFocuses
	}
	return o
}

// Synthetic returns a reproducible roster of n people and k skills shaped
// like an organisation; the same arguments always give an equal roster.
//
// People belong to departments; each department has a skill profile (about a
// quarter of the skills strong, the rest weak) and a member's have levels are
// the profile plus a grade bonus plus Gaussian noise, so people of one
// department resemble each other. Grades 1..Grades form a pyramid (each
// grade about GradeRatio times the one below); years of experience grow with
// grade. Each person below the top grade of their department is managed by a
// random person of the nearest higher grade in the same department, so the
// manager chain has no cycle. A person wants WantMin..WantMax skills, 85% of
// them among the skills they have at level 2 or less, at levels 2..5. Skills
// are named after management competencies, then "Skill 13", "Skill 14"… .
// Negative n or k count as zero; n = 0 or k = 0 gives an empty roster.
//
// Synthetic takes O(n·k) time.
func Synthetic(n, k int, seed uint64, opt SyntheticOptions) *Roster {
	n, k = max(n, 0), max(k, 0)
	cat := &Catalog{}
	for j := 0; j < k; j++ {
		name := fmt.Sprintf("Skill %d", j+1)
		if j < len(managementSkills) {
			name = managementSkills[j]
		}
		_ = cat.Add(Skill{Name: name})
	}
	if n == 0 || k == 0 {
		return &Roster{Catalog: cat, People: []Person{}, byID: map[string]int{}}
	}
	o := opt.withDefaults(n, k)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))

	// Department profiles and home locations.
	D := o.Departments
	profile := make([]float64, D*k)
	for d := range D {
		for j := range k {
			if rng.Float64() < 0.25 {
				profile[d*k+j] = 3 + rng.Float64()*1.5
			} else {
				profile[d*k+j] = rng.Float64() * 1.5
			}
		}
	}
	home := make([]string, D)
	for d := range home {
		home[d] = o.Locations[rng.IntN(len(o.Locations))]
	}
	// Grade weights: cumulative distribution of the pyramid.
	cum := make([]float64, o.Grades)
	w, total := 1.0, 0.0
	for g := range cum {
		total += w
		cum[g] = total
		w *= o.GradeRatio
	}

	people := make([]Person, n)
	slab := make([]uint8, 2*n*k)
	width := len(fmt.Sprint(n))
	byDeptGrade := make([][][]int, D) // department → grade-1 → people
	for d := range byDeptGrade {
		byDeptGrade[d] = make([][]int, o.Grades)
	}
	low := make([]int, 0, k)
	chosen := make([]bool, k)
	for i := range people {
		p := &people[i]
		p.Have = slab[2*i*k : (2*i+1)*k : (2*i+1)*k]
		p.Want = slab[(2*i+1)*k : (2*i+2)*k : (2*i+2)*k]
		p.ID = fmt.Sprintf("p%0*d", width, i+1)
		p.Name = firstNames[rng.IntN(len(firstNames))] + " " + lastNames[rng.IntN(len(lastNames))]
		p.Email = p.ID + "@example.org"
		d := rng.IntN(D)
		p.Department = fmt.Sprintf("Dept %d", d+1)
		u := rng.Float64() * total
		g := 0
		for g < o.Grades-1 && u >= cum[g] {
			g++
		}
		p.Grade = g + 1
		byDeptGrade[d][g] = append(byDeptGrade[d][g], i)
		p.Years = math.Max(0, math.Round((1+2.5*float64(g)+rng.NormFloat64()*1.5)*10)/10)
		p.Location = home[d]
		if rng.Float64() >= 0.8 {
			p.Location = o.Locations[rng.IntN(len(o.Locations))]
		}
		if rng.Float64() < 0.6 {
			p.Focus = o.Focuses[rng.IntN(len(o.Focuses))]
		}
		p.Capacity = 1
		if rng.Float64() < o.ExtraCapacityFraction {
			p.Capacity = 2
		}
		p.Tags = map[string]string{"language": languages[rng.IntN(len(languages))]}

		top := MaxLevel
		if rng.Float64() < o.LowSkillFraction {
			top = 1 // little to teach
		}
		bonus := 0.3 * float64(g-2)
		prof := profile[d*k : (d+1)*k]
		low = low[:0]
		for j := range k {
			// Round to the nearest level and clamp to 0..MaxLevel (or 1).
			x := prof[j] + bonus + rng.NormFloat64()*o.Noise
			v := 0
			if x >= 0.5 {
				v = min(int(x+0.5), top)
			}
			p.Have[j] = uint8(v)
			if v <= 2 {
				low = append(low, j)
			}
		}
		m := o.WantMin + rng.IntN(o.WantMax-o.WantMin+1)
		if rng.Float64() < o.LowWantFraction {
			m = rng.IntN(2)
		}
		for c := 0; c < m; c++ {
			// Up to a few tries to find a skill not yet chosen.
			for try := 0; try < 8; try++ {
				var j int
				if len(low) > 0 && rng.Float64() < 0.85 {
					j = low[rng.IntN(len(low))]
				} else {
					j = rng.IntN(k)
				}
				if !chosen[j] {
					chosen[j] = true
					p.Want[j] = uint8(2 + rng.IntN(MaxLevel-1))
					break
				}
			}
		}
		for j := range k {
			chosen[j] = false
		}
	}
	// Managers: a random person of the nearest higher grade in the department.
	for d := range byDeptGrade {
		for g := range byDeptGrade[d] {
			up := g + 1
			for up < o.Grades && len(byDeptGrade[d][up]) == 0 {
				up++
			}
			if up >= o.Grades {
				continue
			}
			bosses := byDeptGrade[d][up]
			for _, i := range byDeptGrade[d][g] {
				people[i].Manager = people[bosses[rng.IntN(len(bosses))]].ID
			}
		}
	}
	r := &Roster{Catalog: cat, People: people}
	if err := r.Validate(); err != nil {
		panic("skills: Synthetic made an invalid roster (a bug): " + err.Error())
	}
	return r
}
