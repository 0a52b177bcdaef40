package skills

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idCharCases are ids that hold a character termsafe shows as an escape:
// such an id was read, stored in the programme database and exported as
// written ("a\u0000b"), though an id names files, calendars, database rows
// and command-line lists. want is what the error says of the character.
var idCharCases = []struct {
	name, id, want string
}{
	{"NUL", "a\x00b", "holds U+0000 at byte 2"},
	{"escape", "a\x1b[2Jb", "holds U+001B at byte 2"},
	{"tab", "a\tb", "holds U+0009 at byte 2"},
	{"newline", "a\nb", "holds U+000A at byte 2"},
	{"DEL", "ab\x7f", "holds U+007F at byte 3"},
	{"C1", "a\u009bb", "holds U+009B at byte 2"},
	{"line separator", "a\u2028b", "holds U+2028 at byte 2"},
	{"paragraph separator", "a\u2029b", "holds U+2029 at byte 2"},
	{"bidi override", "\u202eab", "holds U+202E at byte 1"},
	{"bidi isolate", "ab\u2066", "holds U+2066 at byte 3"},
	{"right-to-left mark", "a\u200fb", "holds U+200F at byte 2"},
}

// TestIDCharacters: every reader refuses such an id at its cell or field,
// naming the character, and so does New, naming the person; names and
// departments holding them stay accepted (they are shown escaped).
func TestIDCharacters(t *testing.T) {
	for _, tc := range idCharCases {
		t.Run(tc.name, func(t *testing.T) {
			rows := [][]string{{"id", "name", "have:A"}, {"ok", "Ok", "1"}, {tc.id, "X", "2"}}
			var csvText bytes.Buffer
			for _, row := range rows {
				for j, c := range row {
					if j > 0 {
						csvText.WriteByte(',')
					}
					csvText.WriteString(`"` + c + `"`)
				}
				csvText.WriteString("\n")
			}
			_, err := ReadCSVWith(strings.NewReader(csvText.String()), ReadOptions{Name: "r.csv"})
			require.ErrorIs(t, err, ErrBadValue)
			assert.Contains(t, err.Error(), "r.csv:3:1: id: bad value: id ")
			assert.Contains(t, err.Error(), tc.want)

			// A survey export whose staff number column is renamed to id.
			mapped := strings.Replace(csvText.String(), `"id"`, `"Staff number"`, 1)
			_, err = ReadCSVWith(strings.NewReader(mapped), ReadOptions{Name: "r.csv", Mapping: &Mapping{Rename: map[string]string{"Staff number": "id"}}})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "r.csv:3:1: Staff number: bad value: id ")
			assert.Contains(t, err.Error(), tc.want)

			if !strings.ContainsAny(tc.id, "\x00\x1b\x7f") { // not allowed in XML 1.0
				_, err = ReadXLSX(bytes.NewReader(xlsxBytes(t, "Sheet1", rows)), ReadOptions{Name: "r.xlsx"})
				require.Error(t, err)
				assert.Contains(t, err.Error(), "r.xlsx:Sheet1!A3: id: bad value: id ")
				assert.Contains(t, err.Error(), tc.want)
			}

			id, _ := json.Marshal(tc.id)
			_, err = ReadJSONWith(strings.NewReader(`{"skills":[],"people":[{"id":"ok"},{"id":`+string(id)+`}]}`), ReadOptions{Name: "r.json"})
			require.ErrorIs(t, err, ErrBadValue)
			assert.Contains(t, err.Error(), "r.json: people[1].id: person ")
			assert.Contains(t, err.Error(), tc.want)

			_, err = New(&Catalog{}, []Person{{ID: "ok"}, {ID: tc.id}})
			require.ErrorIs(t, err, ErrInvalidRoster)
			assert.Contains(t, err.Error(), fmt.Sprintf("person %q: bad value: id ", tc.id))
			assert.Contains(t, err.Error(), tc.want)

			// A name or department may hold it.
			r, err := New(&Catalog{}, []Person{{ID: "ok", Name: tc.id, Department: tc.id}})
			require.NoError(t, err)
			assert.Equal(t, tc.id, r.People[0].Name)
			jr, err := ReadJSON(strings.NewReader(`{"skills":[],"people":[{"id":"ok","name":` + string(id) + `,"department":` + string(id) + `}]}`))
			require.NoError(t, err)
			assert.Equal(t, tc.id, jr.People[0].Name)
		})
	}
}

// TestManagerIDCharacters: a manager value that matches nobody is kept as
// the id of someone outside the roster, so it follows the rule of ids, at
// its cell; one that names a person by a name holding such a character
// resolves to that person's id and is accepted.
func TestManagerIDCharacters(t *testing.T) {
	for _, tc := range idCharCases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.ContainsAny(tc.id, "\t\n") { // CSV trims these around a cell only
				in := "id,manager,have:A\nok,\"" + tc.id + "\",1\n"
				_, err := ReadCSVWith(strings.NewReader(in), ReadOptions{Name: "r.csv"})
				require.ErrorIs(t, err, ErrBadValue)
				assert.Contains(t, err.Error(), "r.csv:2:2: manager: bad value: manager ")
				assert.Contains(t, err.Error(), tc.want)
				assert.Contains(t, err.Error(), "it matches nobody in the roster, so it is kept as the manager's id")
			}

			m, _ := json.Marshal(tc.id)
			_, err := ReadJSONWith(strings.NewReader(`{"skills":[],"people":[{"id":"ok","manager":`+string(m)+`}]}`), ReadOptions{Name: "r.json"})
			require.ErrorIs(t, err, ErrBadValue)
			assert.Contains(t, err.Error(), "r.json: people[0].manager: person \"ok\": bad value: manager ")
			assert.Contains(t, err.Error(), tc.want)

			_, err = New(&Catalog{}, []Person{{ID: "ok", Manager: tc.id}})
			require.ErrorIs(t, err, ErrInvalidRoster)
			assert.Contains(t, err.Error(), "person \"ok\": bad value: manager ")
			assert.Contains(t, err.Error(), tc.want)

			// Named by a name, the manager is a person of the roster.
			r, err := New(&Catalog{}, []Person{{ID: "ok", Manager: tc.id}, {ID: "boss", Name: tc.id}})
			if strings.TrimSpace(tc.id) == tc.id {
				require.NoError(t, err)
				assert.Equal(t, "boss", r.People[0].Manager)
			}
		})
	}
}

// TestCheckIDUTF8: invalid UTF-8 (which CSV reads as Windows-1252 and
// JSON as U+FFFD before any check) is refused in an id given to New.
func TestCheckIDUTF8(t *testing.T) {
	_, err := New(&Catalog{}, []Person{{ID: "a\xffb"}})
	require.ErrorIs(t, err, ErrBadValue)
	assert.Contains(t, err.Error(), `id "a\xffb" is not valid UTF-8 (byte 0xFF at byte 2)`)
	for _, ok := range []string{"ana", "José Núñez", "李", "a-b_c.d@e", "\ufffd", "a b"} {
		assert.NoError(t, checkID("id", ok), "%q", ok)
	}
}

// TestJSONInvalidUTF8: encoding/json reads bytes that are not UTF-8 as
// U+FFFD without a word, so a JSON id "a\xffb" was read as "a\ufffdb"
// (and a name changed likewise); such a value is an error at its field.
func TestJSONInvalidUTF8(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"skills":[],"people":[{"id":"ok"},{"id":"a` + "\xff" + `b"}]}`, `r.json: people[1].id: bad value: not valid UTF-8`},
		{`{"skills":[],"people":[{"id":"a","name":"Jos` + "\xe9" + `"}]}`, `r.json: people[0].name: bad value: not valid UTF-8`},
		{`{"skills":[],"people":[{"id":"a","manager":"b` + "\xc0" + `"}]}`, `r.json: people[0].manager: bad value: not valid UTF-8`},
		{`{"skills":[],"people":[{"id":"a","tags":{"k` + "\xff" + `":"v"}}]}`, `r.json: people[0].tags: bad value: not valid UTF-8`},
		{`{"skills":[],"people":[{"id":"a","unavailable":["2027-01-01","x` + "\xff" + `"]}]}`, `r.json: people[0].unavailable[1]: bad value: not valid UTF-8`},
		{`{"skills":[{"name":"A"},{"name":"B` + "\xff" + `"}],"people":[{"id":"a"}]}`, `r.json: skills[1].name: bad value: not valid UTF-8`},
	} {
		_, err := ReadJSONWith(strings.NewReader(tc.in), ReadOptions{Name: "r.json"})
		require.ErrorIs(t, err, ErrBadValue, tc.in)
		assert.Contains(t, err.Error(), tc.want, tc.in)
	}
}
