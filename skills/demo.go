package skills

import (
	"bytes"
	_ "embed"
)

//go:embed demo.csv
var demoCSV []byte

// Demo returns a small invented roster for trying peermatch out: 48 people
// (invented names, example.org addresses) in four departments (Engineering,
// Sales, Operations, Customer Care), 12 management competencies, grades 1–5
// in a pyramid, line managers inside the roster (most by id, some by e-mail
// or name, as HR exports give them; the department heads have none), focus
// issues, locations, unavailable dates,
// a tag:language column, and a few odd cases: two people with nothing to
// teach, one who wants nothing, some with capacity 2.
//
// Each call reads the embedded file skills/demo.csv afresh, so callers may
// modify the result. Demo panics only if that file is invalid, which a test
// rules out.
func Demo() *Roster {
	r, err := ReadCSVWith(bytes.NewReader(demoCSV), ReadOptions{Name: "demo.csv"})
	if err != nil {
		panic("skills: embedded demo roster is invalid: " + err.Error())
	}
	return r
}
