package skills

import (
	"gonum.org/v1/gonum/mat"
)

// Roster is a skill catalog and the people who answered the survey.
//
// People[i].Have and People[i].Want are indexed by Catalog. A Roster made by
// a reader or New has its managers resolved to ids (ResolveManagers) and has
// passed Validate; code that builds or edits People by hand should call
// ResolveManagers and Validate before use.
type Roster struct {
	Catalog *Catalog
	People  []Person
	// Warnings lists what is valid but may not work as intended: first
	// warnings about the whole file (a CSV read as Windows-1252; e-mails
	// used as ids for want of an id column), then, in
	// the order of People, each manager value that matches nobody in the roster
	// (see ResolveManagers). The readers give each its file position; nil
	// when there are none.
	Warnings []Warning
	// ReadInfo says how the reader understood the file (format, CSV
	// separator and encoding, worksheet); zero for a roster not read from a
	// file.
	ReadInfo ReadInfo
	byID     map[string]int
}

// New returns a roster of the given catalog and people after
// ResolveManagers and Validate: each Manager given as an e-mail or name is
// rewritten to the id it names, and values that match nobody are listed in
// Warnings.
func New(cat *Catalog, people []Person) (*Roster, error) {
	r := &Roster{Catalog: cat, People: people}
	if err := r.ResolveManagers(); err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// Len returns the number of people.
func (r *Roster) Len() int { return len(r.People) }

// Index returns the position of the person with the given id and whether
// there is one.
func (r *Roster) Index(id string) (int, bool) {
	if r.byID == nil || len(r.byID) != len(r.People) {
		r.reindex()
	}
	i, ok := r.byID[id]
	return i, ok
}

// Person returns the person with the given id, or nil.
func (r *Roster) Person(id string) *Person {
	i, ok := r.Index(id)
	if !ok {
		return nil
	}
	return &r.People[i]
}

func (r *Roster) reindex() {
	r.byID = make(map[string]int, len(r.People))
	for i := range r.People {
		r.byID[r.People[i].ID] = i
	}
}

// Have returns a people × skills matrix of have levels scaled to [0, 1]
// (level / MaxLevel). It returns nil for an empty roster or catalog.
func (r *Roster) Have() *mat.Dense { return r.levels(func(p *Person) []uint8 { return p.Have }) }

// Want returns a people × skills matrix of want levels scaled to [0, 1]
// (level / MaxLevel). It returns nil for an empty roster or catalog.
func (r *Roster) Want() *mat.Dense { return r.levels(func(p *Person) []uint8 { return p.Want }) }

func (r *Roster) levels(get func(*Person) []uint8) *mat.Dense {
	n, k := len(r.People), r.Catalog.Len()
	if n == 0 || k == 0 {
		return nil
	}
	data := make([]float64, n*k)
	for i := range r.People {
		row := data[i*k : (i+1)*k]
		for j, l := range get(&r.People[i]) {
			if j < k {
				row[j] = float64(l) / MaxLevel
			}
		}
	}
	return mat.NewDense(n, k, data)
}
