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
	f.Add("id;name\na;b\n")
	f.Add("id,unavailable\na,2027-01-01..2027-01-05\n")
	f.Add("\xef\xbb\xbfid,grade,years,capacity,tag:x\r\na,1,2.5,3,y\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ReadCSVWith(strings.NewReader(in), ReadOptions{MaxPeople: 1000, MaxSkills: 100, MaxFieldBytes: 1000})
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

func FuzzReadJSON(f *testing.F) {
	var demo bytes.Buffer
	_ = WriteJSON(&demo, Synthetic(4, 3, 1, SyntheticOptions{}))
	f.Add(demo.String())
	f.Add(`{"skills":[{"name":"A"}],"people":[{"id":"a","have":{"A":3}}]}`)
	f.Add(`{"skills":[],"people":[{"id":"a","manager":"a"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ReadJSONWith(strings.NewReader(in), ReadOptions{MaxPeople: 1000, MaxSkills: 100, MaxFieldBytes: 1000})
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
}

func errorsIs(err error) bool { return errors.Is(err, ErrInvalidRoster) }
