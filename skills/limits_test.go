package skills

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tagHeader returns a CSV with n tag columns and two people with a one-byte
// value in each: issue 20's 100,000-column file took 33 times its size.
func tagHeader(n int) string {
	var b strings.Builder
	b.WriteString("id")
	for i := range n {
		fmt.Fprintf(&b, ",tag:t%d", i)
	}
	for _, id := range []string{"a", "b"} {
		b.WriteString("\n" + id)
		b.WriteString(strings.Repeat(",x", n))
	}
	b.WriteString("\n")
	return b.String()
}

func TestTagColumnLimit(t *testing.T) {
	_, err := ReadCSVWith(strings.NewReader(tagHeader(100_000)), ReadOptions{Name: "tags.csv"})
	require.ErrorIs(t, err, ErrTooLarge)
	pes := ParseErrors(err)
	require.Len(t, pes, 1, "one error for the header, not one a column")
	assert.Equal(t, 1, pes[0].Line)
	assert.Equal(t, DefaultMaxTags+2, pes[0].Column, "the first tag column beyond the limit")
	assert.Contains(t, err.Error(), "tags.csv:1:1002: tag:t1000: input too large: more than 1000 tag columns")

	r, err := ReadCSV(strings.NewReader(tagHeader(DefaultMaxTags)))
	require.NoError(t, err)
	assert.Len(t, r.People[0].Tags, DefaultMaxTags)

	_, err = ReadCSVWith(strings.NewReader(tagHeader(3)), ReadOptions{MaxTags: 2})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "more than 2 tag columns")

	// JSON: the same limit, per person.
	tags := make([]string, 3)
	for i := range tags {
		tags[i] = fmt.Sprintf(`"t%d":"x"`, i)
	}
	in := `{"skills":[],"people":[{"id":"a","tags":{` + strings.Join(tags, ",") + `}}]}`
	_, err = ReadJSONWith(strings.NewReader(in), ReadOptions{MaxTags: 2, Name: "r.json"})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), `r.json: people[0].tags: person "a": input too large: 3 tags, more than 2`)
	_, err = ReadJSONWith(strings.NewReader(in), ReadOptions{MaxTags: 3})
	require.NoError(t, err)
}

// TestJSONCellLimit: the JSON reader applies MaxFieldBytes to every string,
// as the CSV reader does to every cell (issue 20: a 2 MB id was accepted).
func TestJSONCellLimit(t *testing.T) {
	big := strings.Repeat("x", 2<<20)
	skills := make([]string, 9000)
	for i := range skills {
		skills[i] = fmt.Sprintf(`{"name":"s%d"}`, i)
	}
	cat := `"skills":[` + strings.Join(skills, ",") + `]`
	for _, tc := range []struct{ person, field string }{
		{`{"id":"` + big + `"}`, "people[0].id"},
		{`{"id":"a","tags":{"k":"` + big + `"}}`, "people[0].tags"},
		{`{"id":"a","tags":{"` + big + `":"v"}}`, "people[0].tags"},
		{`{"id":"a","name":"` + big + `"}`, "people[0].name"},
	} {
		in := `{` + cat + `,"people":[` + tc.person + `]}`
		_, err := ReadJSON(strings.NewReader(in))
		require.ErrorIs(t, err, ErrTooLarge, tc.field)
		pes := ParseErrors(err)
		require.NotEmpty(t, pes)
		assert.Equal(t, tc.field, pes[0].ColumnName)
		assert.Contains(t, err.Error(), "exceeds the limit of 65536", tc.field)
		assert.Less(t, len(err.Error()), 1000, "the error does not echo the value")
	}
	// a skill name in the catalog
	in := `{"skills":[{"name":"` + strings.Repeat("s", 70<<10) + `"}],"people":[{"id":"a"}]}`
	_, err := ReadJSON(strings.NewReader(in))
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "skills[0].name: input too large: field of 71680 bytes exceeds the limit of 65536")
	// at the limit exactly, an id is read
	id := strings.Repeat("x", DefaultMaxFieldBytes)
	r, err := ReadJSON(strings.NewReader(`{"skills":[],"people":[{"id":"` + id + `"}]}`))
	require.NoError(t, err)
	assert.Equal(t, id, r.People[0].ID)
}

func TestEmailCheck(t *testing.T) {
	for _, ok := range []string{"", "a@example.org", "Kim.Lee+mentoring@Example.ORG", "josé@exämple.org", "a@localhost",
		strings.Repeat("a", MaxEmailBytes-12) + "@example.org"} {
		assert.NoError(t, checkEmail(ok), "%q", ok)
	}
	for _, tc := range []struct{ in, want string }{
		{"n/a", `e-mail "n/a" has no @`},
		{"a@x.org; b@x.org", "more than one @"},
		{"a@x.org b", "space or control character at byte 8"},
		{"@x.org", "needs a name before the @"},
		{"a@", "needs a name before the @ and a domain"},
		{"a\x1b[2J@x.org", `"a\x1b[2J@x.org" holds a space or control character at byte 2`},
		{"a\xff@x.org", "not valid UTF-8"},
		{"ann\u200b@x.org", `e-mail "ann\u200b@x.org" holds an invisible formatting character (U+200B) at byte 4`},
		{"ann@x\u00ad.org", "invisible formatting character (U+00AD)"},
		{"\u202eann@x.org", "invisible formatting character (U+202E) at byte 1"},
		{strings.Repeat("a", MaxEmailBytes-11) + "@example.org", "e-mail of 255 bytes is longer than 254"},
	} {
		err := checkEmail(tc.in)
		require.ErrorIs(t, err, ErrBadValue, "%q", tc.in)
		assert.Contains(t, err.Error(), tc.want)
	}
}

func TestEmailErrorsAtTheCell(t *testing.T) {
	_, err := ReadCSVWith(strings.NewReader("id,email\na,a@example.org\nb,n/a\nc, c@example.org \nd,d @x.org\n"), ReadOptions{Name: "s.csv"})
	require.ErrorIs(t, err, ErrBadValue)
	pes := ParseErrors(err)
	require.Len(t, pes, 2)
	assert.Equal(t, `s.csv:3:2: email: bad value: e-mail "n/a" has no @`, pes[0].Error())
	assert.Equal(t, 5, pes[1].Line)
	assert.Equal(t, 2, pes[1].Column)

	_, err = ReadJSONWith(strings.NewReader(`{"skills":[],"people":[{"id":"a","email":"a@x.org"},{"id":"b","email":"b@@x"}]}`), ReadOptions{Name: "r.json"})
	require.ErrorIs(t, err, ErrBadValue)
	assert.Contains(t, err.Error(), `r.json: people[1].email: person "b": bad value: e-mail "b@@x" has more than one @`)
	assert.True(t, errors.Is(err, ErrInvalidRoster))
}

// TestCSVRecordLimit: the record limit bounds one record, names the line
// where it starts, and leaves out blank lines, which the CSV reader skips
// (a valid survey with 70,000 blank lines was refused as "a record is
// longer than the limit", with no line).
func TestCSVRecordLimit(t *testing.T) {
	const head = "id,have:A,want:A\na,1,2\n"
	for _, tc := range []struct {
		name, in string
		line     int // 0: reads
	}{
		{"blank lines", head + strings.Repeat("\n", 200_000) + "b,2,1\n", 0},
		{"blank CRLF lines", head + strings.Repeat("\r\n", 70_000) + "b,2,1\r\n", 0},
		{"blank lines at the end", head + "b,2,1\n" + strings.Repeat("\n", 200_000), 0},
		{"quoted line breaks are kept", head + "\"b" + strings.Repeat("\n", 70_000) + "\",2,1\n", 3},
		{"long quoted cell", head + "\"b" + strings.Repeat("x", 1<<20) + "\",2,1\n", 3},
		{"unclosed quote", head + "\"b,1,2\n" + strings.Repeat("c,1,2\n", 20_000), 3},
		{"long line", head + "b,2,1" + strings.Repeat(",1", 1<<20) + "\n", 3},
		{"long header", "id" + strings.Repeat(",x", 3<<20) + "\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ReadCSVWith(strings.NewReader(tc.in), ReadOptions{Name: "r.csv"})
			if tc.line == 0 {
				require.NoError(t, err)
				assert.Len(t, r.People, 2)
				return
			}
			require.ErrorIs(t, err, ErrTooLarge)
			pes := ParseErrors(err)
			require.Len(t, pes, 1)
			assert.Equal(t, tc.line, pes[0].Line)
			assert.Contains(t, err.Error(), fmt.Sprintf("r.csv:%d: input too large: the record starting on this line is longer than", tc.line))
		})
	}
}

// TestJSONValueLimit: a JSON value beyond the limit was reported as "a
// record is longer than the limit" with no field, and white space after
// the roster object beyond the decoder's read-ahead as "data after the
// roster object"; the error now names the value and the limit, and any
// amount of trailing white space reads.
func TestJSONValueLimit(t *testing.T) {
	const skills = `{"skills":[{"name":"A"}],"people":[`
	const a, b = `{"id":"a","have":{"A":1}}`, `{"id":"b","want":{"A":1}}`
	for _, tc := range []struct{ name, in, err string }{
		{"trailing white space", skills + a + "," + b + "]}" + strings.Repeat("\n", 1<<20), ""},
		{"leading white space", strings.Repeat(" ", 1<<20) + skills + a + "," + b + "]}", ""},
		{"trailing data after white space", skills + a + "," + b + "]}" + strings.Repeat("\n", 1<<20) + "x", "r.json: malformed input: data after the roster object"},
		{"a long person", skills + a + `,{"id":"b","name":"` + strings.Repeat("x", 1<<20) + `"}]}`,
			"r.json: people[1]: input too large: longer than 65792 bytes, white space before it included"},
		{"white space before a person", skills + a + "," + strings.Repeat(" ", 1<<20) + b + "]}",
			"r.json: people[1]: input too large: longer than 65792 bytes"},
		{"a long skills list", `{"skills":[` + strings.Repeat(`{"name":"s"},`, 1<<20) + `{"name":"t"}],"people":[]}`,
			"r.json: skills: input too large: longer than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ReadJSONWith(strings.NewReader(tc.in), ReadOptions{Name: "r.json"})
			if tc.err == "" {
				require.NoError(t, err)
				assert.Len(t, r.People, 2)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}

// TestUnavailableDaysLimit: the bound on a cell's unavailable days held
// for ranges only, so a cell listing 5,000 single dates was read while one
// date and a ten-year range were refused; it holds for both, in CSV and
// JSON.
func TestUnavailableDaysLimit(t *testing.T) {
	dates := func(n int) []string {
		out := make([]string, n)
		d := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range out {
			out[i] = d.AddDate(0, 0, i).Format(dateLayout)
		}
		return out
	}
	for _, tc := range []struct {
		cell string
		err  bool
	}{
		{strings.Join(dates(maxDaysPerCell), ";"), false},
		{strings.Join(dates(maxDaysPerCell+1), ";"), true},
		{strings.Join(dates(5000), " "), true},
		{"2027-01-01..2037-01-07", false}, // 3,660 days
		{"2027-01-01..2037-01-08", true},
		{"2020-01-01;2027-01-01..2037-01-07", true},
	} {
		days, err := parseDates(tc.cell)
		if !tc.err {
			require.NoError(t, err, tc.cell[:20])
			assert.Len(t, days, maxDaysPerCell)
			continue
		}
		require.ErrorIs(t, err, ErrTooLarge, tc.cell[:20])
	}
	_, err := ReadCSVWith(strings.NewReader("id,unavailable\na,"+strings.Join(dates(5000), ";")+"\n"), ReadOptions{Name: "r.csv"})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "r.csv:2:2: unavailable: input too large: more than 3660 unavailable days")
	_, err = ReadJSONWith(strings.NewReader(`{"skills":[],"people":[{"id":"a","unavailable":["`+strings.Join(dates(5000), `","`)+`"]}]}`), ReadOptions{Name: "r.json"})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), `r.json: people[0].unavailable: person "a": input too large: more than 3660 unavailable days`)
}
