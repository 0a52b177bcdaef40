package skills

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONRoundTrip(t *testing.T) {
	cat, err := NewCatalog(Skill{Name: "Coaching", Category: "people"}, Skill{Name: "Delegation"})
	require.NoError(t, err)
	small, err := New(cat, []Person{{ID: "x", Years: 0.1, Capacity: 0, Have: []uint8{0, 5}, Want: []uint8{1, 0}}})
	require.NoError(t, err)
	for _, r := range []*Roster{Demo(), Synthetic(500, 30, 3, SyntheticOptions{}), small} {
		// CSV → roster → JSON → roster.
		var csvBuf bytes.Buffer
		require.NoError(t, WriteCSV(&csvBuf, r))
		fromCSV, err := ReadCSV(&csvBuf)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, WriteJSON(&buf, fromCSV))
		text := buf.String()
		back, err := ReadJSON(&buf)
		require.NoError(t, err)
		require.Equal(t, fromCSV.Catalog.Names(), back.Catalog.Names())
		require.Equal(t, fromCSV.People, back.People)
		// roster → JSON → roster keeps categories too; output is stable.
		buf.Reset()
		require.NoError(t, WriteJSON(&buf, r))
		first := buf.String()
		back, err = ReadJSON(&buf)
		require.NoError(t, err)
		require.Equal(t, r.Catalog.Skills(), back.Catalog.Skills())
		require.Equal(t, r.People, back.People)
		var again bytes.Buffer
		require.NoError(t, WriteJSON(&again, back))
		require.Equal(t, first, again.String())
		require.NotContains(t, text, ":0,")
	}
}

func TestReadJSONErrors(t *testing.T) {
	const skills = `"skills":[{"name":"Coaching"},{"name":"Delegation"}]`
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		is   error
		want string
	}{
		{"unknown skill", `{` + skills + `,"people":[{"id":"a","have":{"Cooking":3}}]}`, ReadOptions{}, ErrBadValue,
			`r.json: people[0].have: person "a": bad value: unknown skill "Cooking"`},
		{"bad level", `{` + skills + `,"people":[{"id":"a","want":{"Coaching":7}}]}`, ReadOptions{}, ErrBadValue,
			`people[0].want: person "a": bad value: Coaching level 7 outside 0..5`},
		{"fractional level", `{` + skills + `,"people":[{"id":"a","want":{"Coaching":2.5}}]}`, ReadOptions{}, ErrBadValue, `level 2.5 outside`},
		{"unknown field", `{` + skills + `,"people":[{"id":"b"},{"id":"a","hobby":"x"}]}`, ReadOptions{}, ErrUnknownColumn,
			`r.json: people[1]: person "a": unknown column: json: unknown field "hobby"`},
		{"unknown top field", `{"version":1,` + skills + `,"people":[{"id":"a"}]}`, ReadOptions{}, ErrUnknownColumn, `unknown column "version"`},
		{"wrong type", `{` + skills + `,"people":[{"id":"a","grade":"high"}]}`, ReadOptions{}, ErrBadValue, `people[0].grade: person "a": bad value: string where a whole number belongs`},
		{"duplicate id", `{` + skills + `,"people":[{"id":"a"},{"id":"a"}]}`, ReadOptions{}, ErrDuplicateID, `people[1].id: duplicate id: "a" also at people[0]`},
		{"empty id", `{` + skills + `,"people":[{"name":"x"}]}`, ReadOptions{}, ErrBadValue, `people[0].id: bad value: empty id`},
		{"negative years", `{` + skills + `,"people":[{"id":"a","years":-1}]}`, ReadOptions{}, ErrBadValue, `people[0].years: person "a": bad value: years -1 is negative`},
		{"negative capacity", `{` + skills + `,"people":[{"id":"a","capacity":-1}]}`, ReadOptions{}, ErrBadValue, `capacity -1 is negative`},
		{"bad date", `{` + skills + `,"people":[{"id":"a","unavailable":["tomorrow"]}]}`, ReadOptions{}, ErrBadValue, `people[0].unavailable`},
		{"own manager", `{` + skills + `,"people":[{"id":"a","manager":"a"}]}`, ReadOptions{}, ErrInvalidRoster, `people[0]: person "a": is their own manager`},
		{"cycle", `{` + skills + `,"people":[{"id":"a","manager":"b"},{"id":"b","manager":"a"}]}`, ReadOptions{}, ErrInvalidRoster, `manager chain has a cycle`},
		{"people before skills", `{"people":[{"id":"a"}],` + skills + `}`, ReadOptions{}, ErrFormat, `"skills" must come once, before "people"`},
		{"duplicate skill", `{"skills":[{"name":"A"},{"name":"a"}],"people":[{"id":"x"}]}`, ReadOptions{}, ErrInvalidRoster, `skills[1]`},
		{"no people", `{` + skills + `,"people":[]}`, ReadOptions{}, ErrNoPeople, `no people`},
		{"empty", ``, ReadOptions{}, ErrNoPeople, `the file is empty`},
		{"not json", `id,name`, ReadOptions{}, ErrFormat, `malformed input`},
		{"trailing data", `{` + skills + `,"people":[{"id":"a"}]} {}`, ReadOptions{}, ErrFormat, `data after the roster object`},
		{"too many people", `{` + skills + `,"people":[{"id":"a"},{"id":"b"},{"id":"c"}]}`, ReadOptions{MaxPeople: 2}, ErrTooLarge, `more than 2 people`},
		{"too many skills", `{` + skills + `,"people":[{"id":"a"}]}`, ReadOptions{MaxSkills: 1}, ErrTooLarge, `more than 1 skills`},
		{"field too long", `{` + skills + `,"people":[{"id":"a","name":"` + strings.Repeat("x", 90) + `"}]}`, ReadOptions{MaxFieldBytes: 50}, ErrTooLarge, `people[0].name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Name = "r.json"
			r, err := ReadJSONWith(strings.NewReader(tt.in), opt)
			require.Error(t, err)
			require.Nil(t, r)
			require.ErrorIs(t, err, ErrInvalidRoster)
			require.ErrorIs(t, err, tt.is)
			require.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestReadJSONStopsEarly(t *testing.T) {
	src := &endless{data: []byte(`{"id":"x"},`)}
	in := io.MultiReader(strings.NewReader(`{"skills":[],"people":[`), src)
	_, err := ReadJSONWith(in, ReadOptions{MaxPeople: 100})
	require.ErrorIs(t, err, ErrTooLarge)
	require.Less(t, src.n, int64(200<<10))

	long := &endless{data: []byte("xxxxxxxx")}
	in = io.MultiReader(strings.NewReader(`{"skills":[],"people":[{"id":"`), long)
	_, err = ReadJSONWith(in, ReadOptions{MaxFieldBytes: 1000})
	require.ErrorIs(t, err, ErrTooLarge)
	require.Less(t, long.n, int64(300<<10))
}

// TestJSONRepeatedKeys: encoding/json keeps the last of a repeated key, so
// a person's second "id" or a second level of a skill replaced the first
// without a word; each is now an error at its field.
func TestJSONRepeatedKeys(t *testing.T) {
	const skills = `"skills":[{"name":"Coaching"},{"name":"Delegation"}]`
	const ok = `{"id":"z","have":{"Coaching":1},"want":{"Delegation":1}}`
	for _, tc := range []struct{ in, want string }{
		{`{` + skills + `,"people":[{"id":"a","id":"b"},` + ok + `]}`,
			`r.json: people[0].id: person "b": malformed input: the key appears twice in one object`},
		{`{` + skills + `,"people":[{"id":"a","have":{"Coaching":1,"Coaching":3}},` + ok + `]}`,
			`r.json: people[0].have.Coaching: person "a": malformed input: the key appears twice`},
		{`{` + skills + `,"people":[{"id":"a","have":{"Coaching":1,"\u0043oaching":3}},` + ok + `]}`,
			`r.json: people[0].have.Coaching: person "a": malformed input: the key appears twice`},
		{`{` + skills + `,"people":[{"id":"a","tags":{"k":"1","k":"2"}},` + ok + `]}`,
			`r.json: people[0].tags.k: person "a": malformed input: the key appears twice`},
		{`{` + skills + `,"people":[{"id":"a","have":{"Coaching":1,"coaching":3}},` + ok + `]}`,
			`r.json: people[0].have: person "a": bad value: "Coaching" and "coaching" name the same skill "Coaching"`},
		{`{` + skills + `,"people":[{"id":"a","want":{"COACHING":1," coaching":3}},` + ok + `]}`,
			`r.json: people[0].want: person "a": bad value: " coaching" and "COACHING" name the same skill "Coaching"`},
		{`{"skills":[{"name":"A"},{"name":"B","name":"C"}],"people":[` + ok + `]}`,
			`r.json: skills[1].name: malformed input: the key appears twice`},
	} {
		_, err := ReadJSONWith(strings.NewReader(tc.in), ReadOptions{Name: "r.json"})
		require.Error(t, err, tc.in)
		require.Contains(t, err.Error(), tc.want, tc.in)
	}
	// Nested arrays and objects with repeated keys in different objects read.
	in := `{` + skills + `,"people":[{"id":"a","have":{"Coaching":1},"want":{"Coaching":2},"tags":{"have":"x"},"unavailable":["2027-01-01"]},` + ok + `]}`
	r, err := ReadJSON(strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, []uint8{1, 0}, r.People[0].Have)
}

func TestDuplicateKey(t *testing.T) {
	for _, tc := range []struct {
		in, path string
	}{
		{`{}`, ""},
		{`[{"a":1},{"a":2}]`, ""},
		{`{"a":{"b":1},"c":{"b":2}}`, ""},
		{`{"a":1,"a":2}`, ".a"},
		{`[1, {"x":[{"q":1,"q":1}]}]`, "[1].x[0].q"},
		{` { "a" : "}" , "b\"" : 1 , "b\u0022" : 2 } `, `.b"`},
	} {
		path, dup := duplicateKey([]byte(tc.in))
		require.Equal(t, tc.path != "", dup, tc.in)
		require.Equal(t, tc.path, path, tc.in)
	}
}

// TestJSONTypeErrors: a value of the wrong type was reported in Go's words
// ("cannot unmarshal string into Go struct field jsonPerson.grade of type
// int") at the person; it is reported at the field, in the format's words.
func TestJSONTypeErrors(t *testing.T) {
	const skills = `{"skills":[{"name":"A"}],"people":[`
	for _, tc := range []struct{ person, want string }{
		{`{"id":"a","grade":"3"}`, `r.json: people[0].grade: person "a": bad value: string where a whole number belongs`},
		{`{"id":"a","grade":2.5}`, `people[0].grade: person "a": bad value: 2.5 is not a whole number`},
		{`{"id":"a","grade":1e400}`, `people[0].grade: person "a": bad value: 1e400 is out of range`},
		{`{"id":"a","capacity":99999999999999999999}`, `people[0].capacity: person "a": bad value: 99999999999999999999 is out of range (-9223372036854775808 to 9223372036854775807)`},
		{`{"id":"a","years":1e400}`, `people[0].years: person "a": bad value: 1e400 is beyond the range of a number`},
		{`{"id":"a","lead":"A"}`, `people[0].lead: person "a": bad value: string where a list belongs`},
		{`{"id":"a","have":{"A":"3"}}`, `people[0].have: person "a": bad value: string where a number belongs`},
		{`{"id":7}`, `people[0].id: bad value: number where a string belongs`},
	} {
		_, err := ReadJSONWith(strings.NewReader(skills+tc.person+`]}`), ReadOptions{Name: "r.json"})
		require.Error(t, err, tc.person)
		require.Contains(t, err.Error(), tc.want, tc.person)
	}
}

// TestJSONTagKeys: JSON tag keys that differ only in case or surrounding
// spaces were read as two tags, and WriteCSV then wrote a roster ReadCSV
// refuses (tag:Lang and tag:lang repeat one column); they are errors.
func TestJSONTagKeys(t *testing.T) {
	for _, tc := range []struct{ tags, want string }{
		{`{"Lang":"x","lang":"y"}`, `people[0].tags: person "a": bad value: tag keys "Lang" and "lang" are the same key`},
		{`{" lang":"x","lang":"y"}`, `people[0].tags: person "a": bad value: tag keys " lang" and "lang" are the same key`},
	} {
		_, err := ReadJSONWith(strings.NewReader(`{"skills":[],"people":[{"id":"a","tags":`+tc.tags+`}]}`), ReadOptions{Name: "r.json"})
		require.ErrorIs(t, err, ErrBadValue, tc.tags)
		require.Contains(t, err.Error(), tc.want)
	}
	r, err := ReadJSON(strings.NewReader(`{"skills":[],"people":[{"id":"a","tags":{"lang":"x","Team":"y"}}]}`))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, r))
	back, err := ReadCSV(&buf)
	require.NoError(t, err)
	require.Equal(t, r.People[0].Tags, back.People[0].Tags)
}

// TestJSONTrimsAsCSV: CSV cells are trimmed but JSON text fields were
// kept as written, so "Sales " and "Sales" were one department in CSV and
// two in JSON (and a padded id was an error in JSON alone); the JSON
// reader now trims every field the CSV reader trims, with the same rule.
func TestJSONTrimsAsCSV(t *testing.T) {
	const pad = " \t\u00a0"
	for _, tc := range []struct {
		field string
		set   func(p *Person, v string)
		get   func(p *Person) string
	}{
		{"id", func(p *Person, v string) { p.ID = v }, func(p *Person) string { return p.ID }},
		{"name", func(p *Person, v string) { p.Name = v }, func(p *Person) string { return p.Name }},
		{"email", func(p *Person, v string) { p.Email = v }, func(p *Person) string { return p.Email }},
		{"department", func(p *Person, v string) { p.Department = v }, func(p *Person) string { return p.Department }},
		{"manager", func(p *Person, v string) { p.Manager = v }, func(p *Person) string { return p.Manager }},
		{"location", func(p *Person, v string) { p.Location = v }, func(p *Person) string { return p.Location }},
		{"focus", func(p *Person, v string) { p.Focus = v }, func(p *Person) string { return p.Focus }},
		{"tag value", func(p *Person, v string) { p.Tags = map[string]string{"team": v} }, func(p *Person) string { return p.Tags["team"] }},
		{"tag key", func(p *Person, v string) { p.Tags = map[string]string{pad + "team" + pad: v} }, func(p *Person) string { return p.Tags["team"] }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			value := "x@example.org" // an e-mail, and a value for every other field
			people := []Person{{ID: "a", Have: []uint8{3}, Want: []uint8{0}}, {ID: "b", Have: []uint8{0}, Want: []uint8{2}}}
			tc.set(&people[0], pad+value+pad)
			cat, err := NewCatalog(Skill{Name: "A"})
			require.NoError(t, err)
			padded := &Roster{Catalog: cat, People: people}
			fromCSV, fromJSON := readBoth(t, padded)
			assert.Equal(t, value, tc.get(&fromCSV.People[0]))
			assert.Equal(t, fromCSV.People, fromJSON.People)
		})
	}

	// The whole demo roster, every text field, tag key and value and lead
	// skill padded (blank fields become white space), reads as the demo
	// in both formats.
	demo := Demo()
	padded := &Roster{Catalog: demo.Catalog}
	p := func(s string) string { return pad + s + pad }
	for _, q := range demo.People {
		q.ID, q.Name, q.Email, q.Department = p(q.ID), p(q.Name), p(q.Email), p(q.Department)
		q.Manager, q.Location, q.Focus = p(q.Manager), p(q.Location), p(q.Focus)
		tags := map[string]string{p("blank"): p("")}
		for k, v := range q.Tags {
			tags[p(k)] = p(v)
		}
		q.Tags = tags
		lead := make([]string, len(q.Lead))
		for i, l := range q.Lead {
			lead[i] = p(l)
		}
		q.Lead = lead
		padded.People = append(padded.People, q)
	}
	fromCSV, fromJSON := readBoth(t, padded)
	assert.Equal(t, demo.People, fromCSV.People)
	assert.Equal(t, demo.People, fromJSON.People)
}

// readBoth writes r as CSV and as JSON and reads each back.
func readBoth(t *testing.T, r *Roster) (fromCSV, fromJSON *Roster) {
	t.Helper()
	var c, j bytes.Buffer
	require.NoError(t, WriteCSV(&c, r))
	require.NoError(t, WriteJSON(&j, r))
	fromCSV, err := ReadCSVWith(&c, ReadOptions{Name: "r.csv"})
	require.NoError(t, err)
	fromJSON, err = ReadJSONWith(&j, ReadOptions{Name: "r.json"})
	require.NoError(t, err)
	return fromCSV, fromJSON
}
