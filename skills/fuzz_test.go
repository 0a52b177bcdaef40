package skills

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func FuzzReadCSV(f *testing.F) {
	var demo bytes.Buffer
	_ = WriteCSV(&demo, Synthetic(4, 3, 1, SyntheticOptions{}))
	f.Add(demo.String())
	f.Add("id,name,have:A,want:A\na,Ann,3,2\n")
	f.Add("id,manager\na,b\nb,a\n")
	f.Add("id,name,email,manager\nkim,Kim,Kim@Example.org,\nbo,Bo,bo@example.org,KIM@example.org\ncy,Cy,,Kim\ndi,Di,,ceo\n")
	f.Add("id,name,email,manager\na,Jo,x@example.org,\nb,Jo,x@example.org,\nc,C,,Jo\nd,D,,X@EXAMPLE.ORG\n")
	f.Add("id,email,manager\na,b@example.org,b@example.org\nb,a@example.org,a@example.org\n")
	f.Add("id;name\na;b\n")
	f.Add("id,unavailable\na,2027-01-01..2027-01-05\n")
	f.Add("\xef\xbb\xbfid,grade,years,capacity,tag:x\r\na,1,2.5,3,y\r\n")
	// issue 20's reproductions: escape sequences and a newline in a name,
	// more tag columns than the limit, odd e-mails
	f.Add("id,name,grade,have:A,want:A,have:B,want:B\na,Amara\x1b]0;pwned\x07\x1b[2J,1,5,0,0,5\nb,\"B\nforged\",1,0,5,5,0\n")
	f.Add(tagHeader(25))
	f.Add("id,email,manager\na,a@x.org,\nb,n/a,a@x.org\nc,a@x.org; b@x.org,\nd,d\x1b@x,\n")
	// issue 17: separators, encodings, a zip signature
	f.Add("id;name;have:A\na;Ann;3\nb;\"B;o\";9\n")
	f.Add("id\tname\thave:A\r\na\tAnn\t3\r\n")
	f.Add("id,name\r\na,Jos\xe9 N\xfa\xf1ez\r\nb,\x81\x9d\r\n")
	f.Add("id,name\na,Lúcia\nb,Jos\xe9\xc3\n")
	f.Add("\xff\xfei\x00d\x00\t\x00n\x00\n\x00a\x00\t\x00\xe9\x00\n\x00")
	f.Add("\xfe\xff\x00i\x00d\x00;\x00n\x00\n\x00a\x00;\x00b\x00\n")
	f.Add("\xff\xfei\x00d\x00\n\x00\x00\xd8a\x00")
	f.Add("PK\x03\x04\x14\x00")
	// UTF-16 without a byte order mark, both orders, and a near miss
	f.Add("i\x00d\x00,\x00n\x00\n\x00a\x00,\x00\xe9\x00\n\x00")
	f.Add("\x00i\x00d\x00\t\x00n\x00\n\x00a\x00\t\x00b\x00\n")
	f.Add("i\x00d\x00,\x00n\x00\n\x00a\x00,\x00\x00\xd8\n\x00")
	f.Add("id\x00,name\n")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ReadCSVWith(strings.NewReader(in), ReadOptions{MaxPeople: 1000, MaxSkills: 100, MaxFieldBytes: 1000, MaxTags: 20})
		check(t, r, err)
		if err == nil {
			var buf bytes.Buffer
			if err := WriteJSON(&buf, r); err != nil {
				t.Fatalf("WriteJSON: %v", err)
			}
			if _, err := ReadJSON(&buf); err != nil {
				t.Fatalf("JSON round trip: %v", err)
			}
		}
	})
}

// FuzzReadXLSX mutates a small workbook: a reader must never panic and
// must return a valid roster or an error wrapping ErrInvalidRoster.
func FuzzReadXLSX(f *testing.F) {
	f.Add(xlsxBytes(f, "Sheet1", [][]string{{"id", "name", "have:A", "want:A"}, {"a", "Ann", "3", "1"}, {"b", "Bo", "1", "4"}}))
	f.Add(xlsxBytes(f, "Answers", [][]string{{"id", "manager"}, {"a", "b"}, {"b", "a"}}))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := Read(bytes.NewReader(in), ReadOptions{Name: "f.xlsx", MaxPeople: 1000, MaxSkills: 100, MaxFieldBytes: 1000, MaxTags: 20})
		check(t, r, err)
	})
}

func FuzzReadJSON(f *testing.F) {
	var demo bytes.Buffer
	_ = WriteJSON(&demo, Synthetic(4, 3, 1, SyntheticOptions{}))
	f.Add(demo.String())
	f.Add(`{"skills":[{"name":"A"}],"people":[{"id":"a","have":{"A":3}}]}`)
	f.Add(`{"skills":[],"people":[{"id":"a","manager":"a"}]}`)
	f.Add(`{"skills":[],"people":[{"id":"k","name":"Kim","email":"k@x.org"},{"id":"b","manager":" K@X.ORG"},{"id":"c","manager":"Kim"},{"id":"d","manager":"ceo"}]}`)
	f.Add(`{"skills":[],"people":[{"id":"a","name":"Jo"},{"id":"b","name":"Jo"},{"id":"c","manager":"Jo"}]}`)
	// issue 20's reproductions: an id beyond the cell limit, more tags than
	// the limit, a tag beyond the cell limit, odd e-mails, escapes
	f.Add(`{"skills":[],"people":[{"id":"` + strings.Repeat("x", 1001) + `"}]}`)
	f.Add(`{"skills":[],"people":[{"id":"a","tags":{"a":"1","b":"2","c":"3"}}]}`)
	f.Add(`{"skills":[],"people":[{"id":"a","tags":{"k":"` + strings.Repeat("v", 1001) + `"}}]}`)
	f.Add(`{"skills":[],"people":[{"id":"a","email":"n/a"},{"id":"b","email":"b@x.org","name":"B\u001b[2J"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ReadJSONWith(strings.NewReader(in), ReadOptions{MaxPeople: 1000, MaxSkills: 100, MaxFieldBytes: 1000, MaxTags: 2})
		check(t, r, err)
	})
}

func check(t *testing.T, r *Roster, err error) {
	t.Helper()
	if err != nil {
		if r != nil {
			t.Fatalf("roster and error both returned")
		}
		if !errorsIs(err) {
			t.Fatalf("error does not wrap ErrInvalidRoster: %v", err)
		}
		return
	}
	if r == nil || r.Len() == 0 {
		t.Fatalf("no error and no people")
	}
	if err := r.Validate(); err != nil {
		t.Fatalf("roster fails Validate: %v", err)
	}
	// Managers are resolved: doing it again changes nothing and finds the
	// same unmatched people.
	managers := make([]string, r.Len())
	for i := range r.People {
		managers[i] = r.People[i].Manager
	}
	warned := make([]string, len(r.Warnings))
	for i, w := range r.Warnings {
		warned[i] = w.ID
	}
	if err := r.ResolveManagers(); err != nil {
		t.Fatalf("ResolveManagers after reading: %v", err)
	}
	for i := range r.People {
		if r.People[i].Manager != managers[i] {
			t.Fatalf("person %q: manager %q resolves again to %q", r.People[i].ID, managers[i], r.People[i].Manager)
		}
	}
	if len(r.Warnings) != len(warned) {
		t.Fatalf("%d warnings after reading, %d after resolving again", len(warned), len(r.Warnings))
	}
	for i, w := range r.Warnings {
		if w.ID != warned[i] {
			t.Fatalf("warning %d is about %q after reading, %q after resolving again", i, warned[i], w.ID)
		}
	}
}

func errorsIs(err error) bool { return errors.Is(err, ErrInvalidRoster) }
