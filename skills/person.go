package skills

import "time"

// MaxLevel is the highest have or want level of a skill. Levels run from 0
// (none) to MaxLevel (expert / strong need).
const MaxLevel = 5

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
	Focus    string            // the issue or concern the person brings
	Tags     map[string]string // free attributes, passed through
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
