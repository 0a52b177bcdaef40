package skills

import "time"

// MaxLevel is the highest have or want level of a skill. Levels run from 0
// (none) to MaxLevel (expert / strong need).
const MaxLevel = 5

// MaxLead is the largest number of lead preferences a person may give
// (Person.Lead).
const MaxLead = 3

// TeachLevel is the default have level from which a person can teach a
// skill: pairing counts a skill as taught only from a teacher at this level
// or above (and above the learner), and cohort counts a member as holding a
// skill from it. One constant serves both, so that "can teach" means the
// same in pairs and in groups.
const TeachLevel = 3

// Advantage returns how many levels a teacher at level teacher is ahead of
// a learner at level learner in one skill, when the teacher can teach it:
// teacher − learner if teacher > learner and teacher ≥ minTeach, else 0.
// It is the one definition of "can teach" that pairing's scores and
// explanations use.
func Advantage(teacher, learner uint8, minTeach int) int {
	if teacher <= learner || int(teacher) < minTeach {
		return 0
	}
	return int(teacher - learner)
}

// Person is one survey respondent.
//
// Have and Want hold one level (0..MaxLevel) per skill of the roster's
// catalog, in catalog order.
type Person struct {
	ID         string
	Name       string
	Email      string
	Grade      int     // authority level; higher is more senior
	Years      float64 // years of experience
	Department string
	// Manager is the ID of the line manager once the roster is resolved
	// (New, the readers and Roster.ResolveManagers turn an e-mail or name
	// into the id it names). A value that matches nobody is kept as given:
	// the manager may be outside the roster, and Roster.Warnings says so.
	Manager  string
	Location string
	// Capacity is how many partners or mentees the person takes. Zero means
	// the default, 1; use EffectiveCapacity to read it.
	Capacity int
	Focus    string // the issue or concern the person brings
	// Lead lists up to MaxLead skills of the roster's catalog, most preferred
	// first, that the person would prefer to lead as a group's topic. The
	// names are the catalog's (Catalog.Skill(j).Name), without repeats.
	Lead []string
	Tags map[string]string // free attributes, passed through
	// Unavailable lists dates (midnight UTC) on which the person cannot attend.
	Unavailable []time.Time
	Have        []uint8
	Want        []uint8
}

// EffectiveCapacity returns the person's capacity, 1 when Capacity is zero.
func (p *Person) EffectiveCapacity() int {
	if p.Capacity == 0 {
		return 1
	}
	return p.Capacity
}
