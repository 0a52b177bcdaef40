package skills

import (
	"errors"
	"fmt"
	"strings"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// Warning is a problem with a roster that does not stop it being used: the
// roster is valid, but a rule may not work as the facilitator expects.
// Readers and New record warnings in Roster.Warnings in the order of the
// people they concern.
type Warning struct {
	File       string // file name from ReadOptions.Name; may be empty
	Sheet      string // the worksheet of an .xlsx file; "" for CSV and JSON
	Line       int    // 1-based line of the CSV record (sheet row of .xlsx); 0 when unknown (JSON, New)
	Column     int    // 1-based field number (spreadsheet column); 0 when unknown
	ColumnName string // CSV header name or JSON field path, such as "people[3].manager"
	ID         string // id of the person the warning is about
	Value      string // the cell or field the warning is about, as read
	Message    string // what is wrong and what it means, without the position
}

// String formats the warning with its position, as ParseError does, for
// example
//
//	survey.csv:7:6: manager "kim@example.org" of "bo" matches no id, e-mail or name in the roster; the line-management rule cannot keep "bo" from being paired with this manager
//
// The column name is written only when there is no line, so that a JSON
// warning names its field: `roster.json: people[3].manager: manager …`.
// The file and column names pass through termsafe.Text, and values are
// quoted with %q, so the string is one line safe for a terminal. A warning
// about an .xlsx file names its cell as ParseError does (`survey.xlsx:Sheet1!F7: …`).
func (w Warning) String() string {
	var b strings.Builder
	writePosition(&b, w.File, w.Sheet, w.Line, w.Column)
	if w.Line == 0 && w.ColumnName != "" {
		b.WriteString(termsafe.Text(w.ColumnName))
		b.WriteString(": ")
	}
	b.WriteString(w.Message)
	return b.String()
}

// WarningStrings returns the String of each of r.Warnings, in order, or nil
// when there are none.
func (r *Roster) WarningStrings() []string {
	if len(r.Warnings) == 0 {
		return nil
	}
	out := make([]string, len(r.Warnings))
	for i, w := range r.Warnings {
		out[i] = w.String()
	}
	return out
}

// ResolveManagers rewrites each person's Manager to the id of the person in
// the roster it names, trying in order: an id (exact), an e-mail (compared
// case-insensitively, surrounding spaces ignored) and a name (exact, spaces
// around the value and the names ignored). The first kind that matches
// decides: a value that is one person's id and another's e-mail names the
// first.
//
// A value that matches two or more people by e-mail or by name, and nobody
// by id, is an error wrapping ErrAmbiguousManager; ResolveManagers reports
// every such person, in a PersonError each, joined into one error that wraps
// ErrInvalidRoster. A value that matches nobody is kept (the manager may be
// outside the roster) and recorded in r.Warnings, whose warnings about
// people ResolveManagers replaces, one warning a person in roster order
// (a warning about the whole file, such as its encoding, is kept). A blank Manager is left
// blank. Applying ResolveManagers again changes nothing.
//
// New and the readers call it; code that builds or edits People by hand
// should call it before Validate. It takes O(n) time for n people.
func (r *Roster) ResolveManagers() error {
	var errs []error
	// Warnings about the whole file (no person) are kept.
	kept := r.Warnings[:0:0]
	for _, w := range r.Warnings {
		if w.ID == "" {
			kept = append(kept, w)
		}
	}
	r.Warnings = kept
	if len(r.Warnings) == 0 {
		r.Warnings = nil
	}
	resolveManagers(r.People,
		func(i int) {
			r.Warnings = append(r.Warnings, unmatchedManager(&r.People[i]))
		},
		func(i int, err error) {
			errs = append(errs, &PersonError{ID: r.People[i].ID, Index: i, Err: err})
		})
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidRoster, errors.Join(errs...))
	}
	return nil
}

// unmatchedManager returns the warning, without position, for a person whose
// Manager matches nobody.
func unmatchedManager(p *Person) Warning {
	return Warning{ID: p.ID, Value: p.Manager,
		Message: fmt.Sprintf("manager %q of %q matches no id, e-mail or name in the roster; the line-management rule cannot keep %q from being paired with this manager", p.Manager, p.ID, p.ID)}
}

// holders are the people who hold one e-mail or name: the first two, in
// roster order, and how many there are.
type holders struct {
	first, second, n int
}

func (h holders) add(i int) holders {
	switch h.n {
	case 0:
		h.first = i
	case 1:
		h.second = i
	}
	h.n++
	return h
}

// resolveManagers rewrites people[i].Manager to the id of the person it
// names (see Roster.ResolveManagers), calling unmatched(i) for a value that
// names nobody and ambiguous(i, err) for one that names several; both leave
// Manager as it was. The e-mail and name indexes are built only when a
// value is not an id. It takes O(n) time for n people.
func resolveManagers(people []Person, unmatched func(i int), ambiguous func(i int, err error)) {
	byID := make(map[string]int, len(people))
	for i := range people {
		if _, dup := byID[people[i].ID]; !dup {
			byID[people[i].ID] = i
		}
	}
	var byEmail, byName map[string]holders
	for i := range people {
		p := &people[i]
		v := strings.TrimSpace(p.Manager)
		if v == "" {
			continue
		}
		if m, ok := byID[v]; ok {
			p.Manager = people[m].ID
			continue
		}
		if byEmail == nil {
			byEmail, byName = make(map[string]holders), make(map[string]holders)
			for j := range people {
				if e := emailKey(people[j].Email); e != "" {
					byEmail[e] = byEmail[e].add(j)
				}
				if n := strings.TrimSpace(people[j].Name); n != "" {
					byName[n] = byName[n].add(j)
				}
			}
		}
		h, what, instead := byEmail[emailKey(v)], "e-mail", "id"
		if h.n == 0 {
			h, what, instead = byName[v], "name", "id or e-mail"
		}
		switch h.n {
		case 0:
			unmatched(i)
		case 1:
			p.Manager = people[h.first].ID
		default:
			ambiguous(i, fmt.Errorf("%w: %q is the %s of %s; give the manager's %s instead",
				ErrAmbiguousManager, v, what, quotedIDs(people, h), instead))
		}
	}
}

// emailKey is an e-mail as compared: trimmed and lower-cased.
func emailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// quotedIDs names the holders: "a" and "b", or "a", "b" and 3 others.
func quotedIDs(people []Person, h holders) string {
	ids := fmt.Sprintf("%q", people[h.first].ID)
	if h.n == 2 {
		return ids + fmt.Sprintf(" and %q", people[h.second].ID)
	}
	return ids + fmt.Sprintf(", %q and %d %s", people[h.second].ID, h.n-2, plural.Word(h.n-2, "other", "others"))
}
