package skills

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// checkManagerID checks a manager value that names nobody in the roster
// and so is kept as the id of someone outside it (see checkID).
func checkManagerID(m string) error {
	if err := checkID("manager", m); err != nil {
		return fmt.Errorf("%w (it matches nobody in the roster, so it is kept as the manager's id)", err)
	}
	return nil
}

// checkID reports whether s can be an id, or a manager value kept as an id
// reference (what names "value" in the error: "id", "manager"): an id names
// files, calendar entries, database rows and command-line lists, so it may
// not hold a character that termsafe.Text would show as an escape (a
// control character, C0, DEL or C1; a line or paragraph separator; a bidi
// control) nor invalid UTF-8. The error names the first such character and
// its byte position. termsafe decides what is unsafe, so that what may not
// be in an id is exactly what would not show as itself. It takes O(len(s))
// time and allocates only for an id it refuses.
func checkID(what, s string) error {
	if termsafe.Text(s) == s {
		return nil
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if c := s[i : i+size]; termsafe.Text(c) != c {
			if r == utf8.RuneError && size == 1 {
				return fmt.Errorf("%w: %s %q is not valid UTF-8 (byte 0x%02X at byte %d)", ErrBadValue, what, s, s[i], i+1)
			}
			return fmt.Errorf("%w: %s %q holds %U at byte %d; ids may not hold control characters, line or paragraph separators or bidi controls", ErrBadValue, what, s, r, i+1)
		}
		i += size
	}
	return nil
}

// PersonError is one problem with one person of a roster.
type PersonError struct {
	ID    string // the person's id ("" when the id itself is missing)
	Index int    // the person's position in Roster.People
	Err   error
}

func (e *PersonError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("person #%d: %v", e.Index+1, e.Err)
	}
	return fmt.Sprintf("person %q: %v", e.ID, e.Err)
}

func (e *PersonError) Unwrap() error { return e.Err }

// Validate checks the roster and returns every problem found, joined into one
// error that wraps ErrInvalidRoster, or nil. It checks that ids are present
// and unique and hold no control characters, line or paragraph separators,
// bidi controls or invalid UTF-8 (nor does a manager that is not an id of
// the roster), that every person has one have and one want level per skill,
// each in 0..MaxLevel, that capacity is not negative, that years are finite
// and not negative, and that the manager chain has no cycle (a person who is
// their own manager included).
//
// Validate takes O(n·k) time for n people and k skills.
func (r *Roster) Validate() error {
	var errs []error
	bad := func(i int, format string, args ...any) {
		errs = append(errs, &PersonError{ID: r.People[i].ID, Index: i, Err: fmt.Errorf(format, args...)})
	}
	if r.Catalog == nil {
		r.Catalog = &Catalog{}
	}
	k := r.Catalog.Len()
	seen := make(map[string]int, len(r.People))
	for i := range r.People {
		p := &r.People[i]
		switch {
		case strings.TrimSpace(p.ID) == "":
			bad(i, "empty id")
		case p.ID != strings.TrimSpace(p.ID):
			bad(i, "id has surrounding spaces")
		default:
			if err := checkID("id", p.ID); err != nil {
				bad(i, "%w", err)
			}
			if j, dup := seen[p.ID]; dup {
				bad(i, "duplicate id (also person #%d)", j+1)
			} else {
				seen[p.ID] = i
			}
		}
		if len(p.Have) != k || len(p.Want) != k {
			bad(i, "%d have and %d want levels for %d skills", len(p.Have), len(p.Want), k)
		} else {
			for j := 0; j < k; j++ {
				if p.Have[j] > MaxLevel {
					bad(i, "have:%s level %d outside 0..%d", r.Catalog.Skill(j).Name, p.Have[j], MaxLevel)
				}
				if p.Want[j] > MaxLevel {
					bad(i, "want:%s level %d outside 0..%d", r.Catalog.Skill(j).Name, p.Want[j], MaxLevel)
				}
			}
		}
		if p.Capacity < 0 {
			bad(i, "capacity %d is negative", p.Capacity)
		}
		if math.IsNaN(p.Years) || math.IsInf(p.Years, 0) || p.Years < 0 {
			bad(i, "years %v is not a finite number ≥ 0", p.Years)
		}
		if len(p.Lead) > MaxLead {
			bad(i, "lead names %d skills, at most %d", len(p.Lead), MaxLead)
		}
		for li, name := range p.Lead {
			if _, ok := r.Catalog.Index(name); !ok {
				bad(i, "lead names %q, which is not a skill of the catalog", name)
			} else if slices.ContainsFunc(p.Lead[:li], func(s string) bool { return strings.EqualFold(s, name) }) {
				bad(i, "lead names %q twice", name)
			}
		}
		if p.Manager != "" && p.Manager == p.ID {
			bad(i, "is their own manager")
		}
	}
	for i := range r.People {
		// A manager that is not an id of the roster is kept as given, as
		// the id of someone outside it, so it follows the rule of ids.
		if m := r.People[i].Manager; m != "" {
			if _, ok := seen[m]; !ok {
				if err := checkManagerID(m); err != nil {
					bad(i, "%w", err)
				}
			}
		}
	}
	errs = append(errs, r.managerCycles(seen)...)
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidRoster, errors.Join(errs...))
	}
	r.reindex()
	return nil
}

// managerCycles reports each cycle of length ≥ 2 in the manager chain once,
// naming its members in chain order. Self-management is reported elsewhere.
func (r *Roster) managerCycles(byID map[string]int) []error {
	const (
		unvisited = iota
		onPath
		done
	)
	state := make([]uint8, len(r.People))
	var errs []error
	for start := range r.People {
		if state[start] != unvisited {
			continue
		}
		var path []int
		i := start
		for {
			if state[i] == onPath {
				// A cycle: from i's position in path to the end.
				k := 0
				for path[k] != i {
					k++
				}
				cyc := path[k:]
				if len(cyc) > 1 {
					ids := make([]string, 0, len(cyc)+1)
					for _, c := range cyc {
						ids = append(ids, r.People[c].ID)
					}
					ids = append(ids, r.People[i].ID)
					errs = append(errs, &PersonError{ID: r.People[i].ID, Index: i,
						Err: fmt.Errorf("manager chain has a cycle: %s", strings.Join(ids, " → "))})
				}
				break
			}
			if state[i] == done {
				break
			}
			state[i] = onPath
			path = append(path, i)
			m, ok := byID[r.People[i].Manager]
			if r.People[i].Manager == "" || !ok {
				break
			}
			i = m
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return errs
}
