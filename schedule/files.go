package schedule

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Calendar file names. A name is a prefix ("group-" or "person-"), a
// readable slug of the id, a hyphen, a hash of the exact id and ".ics":
//
//	group-G1-7b778e4c1d1f33c9.ics
//	person-jos_-d994e1d001886fe5.ics   (josé)
//	person-jos_-9fec3e04cebbbb2c.ics   (josè)
//
// The slug keeps the ASCII letters, digits, '-', '_' and '.' of the id,
// writes every run of other characters as one '_', and is cut to
// maxSlug bytes. The hash is the first 16 hex digits of the SHA-256 of
// the id's bytes, so ids that share a slug (josé and josè, a/b and a_b,
// Ann and ann on a case-insensitive file system, two long ids with the
// same first 48 bytes) get different names. Names are ASCII, lower-case
// in their hash, at most MaxFileNameLen (76) bytes, never start with '.', and
// depend on the id alone, so the same id gets the same name in every run
// and every program.
const (
	maxSlug = 48
	hashLen = 16
	// MaxFileNameLen bounds the length in bytes of the names GroupFileName
	// and PersonFileName return, far below the 255 bytes of common file
	// systems.
	MaxFileNameLen = len("person-") + maxSlug + 1 + hashLen + len(".ics")
)

// GroupFileName returns the calendar file name of the group (or pair)
// with the given id, by the scheme described at MaxFileNameLen. It takes O(len(id)) time.
func GroupFileName(id string) string { return fileName("group-", id) }

// PersonFileName returns the calendar file name of the person with the
// given id; see the scheme above. It takes O(len(id)) time.
func PersonFileName(id string) string { return fileName("person-", id) }

func fileName(prefix, id string) string {
	var b strings.Builder
	b.WriteString(prefix)
	other := false
	n := 0
	for _, r := range id {
		if n >= maxSlug {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
			other = false
		case !other:
			b.WriteByte('_')
			other = true
		default:
			continue
		}
		n++
	}
	h := sha256.Sum256([]byte(id))
	b.WriteByte('-')
	b.WriteString(hex.EncodeToString(h[:hashLen/2]))
	b.WriteString(".ics")
	return b.String()
}

// IsCalendarFileName reports whether name follows the scheme of
// GroupFileName and PersonFileName (a prefix, a slug of at most 48
// bytes of ASCII letters, digits, '-', '_' and '.', a hyphen, 16
// lower-case hex digits and ".ics"), so that a program can tell the
// calendars peermatch may have written in a folder from other files;
// check the content with IsCalendar too. It takes O(len(name)) time.
func IsCalendarFileName(name string) bool {
	var rest string
	switch {
	case strings.HasPrefix(name, "group-"):
		rest = name[len("group-"):]
	case strings.HasPrefix(name, "person-"):
		rest = name[len("person-"):]
	default:
		return false
	}
	rest, ok := strings.CutSuffix(rest, ".ics")
	if !ok || len(rest) < 1+hashLen || len(rest) > maxSlug+1+hashLen || rest[len(rest)-hashLen-1] != '-' {
		return false
	}
	for _, c := range []byte(rest[len(rest)-hashLen:]) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	for _, c := range []byte(rest[:len(rest)-hashLen-1]) {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// CalendarFile is one calendar file of a plan: its name and the sessions
// it holds (pass Selection to WriteICS).
type CalendarFile struct {
	Name      string
	Selection Selection
}

// Calendars returns the calendar files of the plan: one per group, in the
// order of p.Groups, named by GroupFileName, then one per person (every
// member of a group or of a pair in Options.Pairs), in order of id, named
// by PersonFileName. Two different ids whose names are equal ignoring case
// (which takes a collision of 64-bit hashes) are an ErrInvalidInput error
// that names both, so no calendar can silently replace another. The list
// is the same for the same plan. It takes O(M log M + L) time for M
// people and groups and L bytes of ids.
func (p *Plan) Calendars() ([]CalendarFile, error) { return p.calendars(fileName) }

// calendars is Calendars with the naming function as a parameter, so that
// tests can force a collision.
func (p *Plan) calendars(name func(prefix, id string) string) ([]CalendarFile, error) {
	var out []CalendarFile
	owner := map[string]string{} // lower-case name -> id
	add := func(name, id string, sel Selection) error {
		key := strings.ToLower(name)
		if prev, ok := owner[key]; ok {
			if prev == id {
				return nil
			}
			return fmt.Errorf("%w: calendar file %s would hold both %q and %q: rename one of them", ErrInvalidInput, name, prev, id)
		}
		owner[key] = id
		out = append(out, CalendarFile{Name: name, Selection: sel})
		return nil
	}
	for _, g := range p.Groups {
		if err := add(name("group-", g.ID), g.ID, Selection{Group: g.ID}); err != nil {
			return nil, err
		}
	}
	ppl := p.people()
	ids := make([]string, 0, len(ppl))
	for id := range ppl {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := add(name("person-", id), id, Selection{Person: id}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// calendarHead is how every calendar WriteICS writes begins.
const calendarHead = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//peermatch//"

// CalendarHeadLen is how many leading bytes of a file IsCalendar needs.
const CalendarHeadLen = len(calendarHead)

// IsCalendar reports whether head, the first bytes of a file (at least
// CalendarHeadLen of them), is the start of a calendar written by WriteICS.
// Programs that write calendars into a folder use it to replace the
// calendars of an earlier run and refuse to overwrite anything else.
// It takes O(1) time.
func IsCalendar(head []byte) bool { return bytes.HasPrefix(head, []byte(calendarHead)) }
