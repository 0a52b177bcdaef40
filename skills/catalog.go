package skills

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Skill is one entry of a Catalog: a competency people can have and want.
type Skill struct {
	// Name is the skill's display name, unique in its catalog when compared
	// case-insensitively (and in Unicode NFC; see Catalog).
	Name string `json:"name"`
	// Category optionally groups skills (for example "people" or "delivery").
	Category string `json:"category,omitempty"`
}

// Catalog is an ordered list of skills. Skill names are unique when compared
// case-insensitively, surrounding spaces trimmed, in Unicode normal form
// NFC: "Café" typed with an accented é and with an e and a combining
// accent look the same and are one skill. The zero value is an empty
// catalog ready to use.
type Catalog struct {
	skills []Skill
	index  map[string]int
}

// NewCatalog returns a catalog of the given skills, in order. It returns an
// error wrapping ErrInvalidRoster when a name is empty or two names are equal
// case-insensitively.
func NewCatalog(skills ...Skill) (*Catalog, error) {
	c := &Catalog{}
	for _, s := range skills {
		if err := c.Add(s); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Add appends a skill to the catalog. It returns an error wrapping
// ErrInvalidRoster when the name is empty (after trimming spaces) or already
// present case-insensitively.
func (c *Catalog) Add(s Skill) error {
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" {
		return fmt.Errorf("%w: empty skill name", ErrInvalidRoster)
	}
	key := skillKey(s.Name)
	if c.index == nil {
		c.index = make(map[string]int)
	}
	if j, ok := c.index[key]; ok {
		return fmt.Errorf("%w: skill %q duplicates %q (names compare case-insensitively and in Unicode normal form NFC)", ErrInvalidRoster, s.Name, c.skills[j].Name)
	}
	c.index[key] = len(c.skills)
	c.skills = append(c.skills, s)
	return nil
}

// Len returns the number of skills in the catalog.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.skills)
}

// Skill returns the i-th skill. It panics if i is out of range.
func (c *Catalog) Skill(i int) Skill { return c.skills[i] }

// Index returns the position of the named skill, compared
// case-insensitively, and whether it is in the catalog.
func (c *Catalog) Index(name string) (int, bool) {
	if c == nil || c.index == nil {
		return -1, false
	}
	i, ok := c.index[skillKey(name)]
	if !ok {
		return -1, false
	}
	return i, true
}

// Names returns the skill names in catalog order.
func (c *Catalog) Names() []string {
	names := make([]string, c.Len())
	for i := range names {
		names[i] = c.skills[i].Name
	}
	return names
}

// Skills returns a copy of the catalog's skills in order.
func (c *Catalog) Skills() []Skill {
	if c == nil {
		return nil
	}
	return append([]Skill(nil), c.skills...)
}

// skillKey is the form in which skill names compare: trimmed, in NFC and
// lower case. It allocates nothing for a name already in that form.
func skillKey(name string) string {
	return strings.ToLower(norm.NFC.String(strings.TrimSpace(name)))
}
