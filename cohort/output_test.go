package cohort

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

func formed(t testing.TB) (*skills.Roster, *Result) {
	r := asManagers(skills.Synthetic(40, 12, 4, skills.SyntheticOptions{}), 0)
	r.People[0].Name = "=HYPERLINK(\"x\")"
	opt := PeerLearningGroup()
	opt.MaxGradeGap = GradeGap(1)
	opt.Iterations = 5000
	res, err := Form(context.Background(), r, opt)
	require.NoError(t, err)
	require.NotEmpty(t, res.Unplaced)
	return r, res
}

func TestJSONRoundTrip(t *testing.T) {
	_, res := formed(t)
	var a bytes.Buffer
	require.NoError(t, WriteJSON(&a, res))
	// The document has exactly the documented top-level and group keys.
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(a.Bytes(), &doc))
	assert.ElementsMatch(t, []string{"groups", "remainder", "metrics"}, keys(doc))
	var groups []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(doc["groups"], &groups))
	assert.ElementsMatch(t, []string{"id", "members", "people", "topics", "metrics"}, keys(groups[0]))

	back, err := ReadJSON(bytes.NewReader(a.Bytes()))
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, back))
	assert.Equal(t, a.String(), b.String())

	// With nobody unplaced the key is left out.
	res.Unplaced = nil
	a.Reset()
	require.NoError(t, WriteJSON(&a, res))
	assert.NotContains(t, a.String(), `"remainder"`)
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestReadJSONErrors(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{"groups":[{"id":1,"members":["a","b"]}],"metrics":{}}`, ""},
		{`not json`, "invalid groups document"},
		{`{"groups":[],"bogus":1}`, "unknown field"},
		{`{"groups":[{"id":1,"members":[]}]}`, "group 1 has no members"},
		{`{"groups":[{"id":1,"members":["a"]},{"id":2,"members":["a"]}]}`, `id "a" is in group 1 and in group 2`},
		{`{"groups":[{"id":1,"members":["a"]},{"id":1,"members":["b"]}]}`, `two groups have id 1`},
		{`{"groups":[{"id":1,"members":["a"],"topics":[{"skill":"X","owner":"b"}]}]}`, `owned by "b", not a member`},
		{`{"groups":[{"id":1,"members":["a"]}],"remainder":[{"id":"a","reason":"x"}]}`, `id "a" is in group 1 and in the remainder`},
		{`{"groups":[{"id":1,"members":[" "]}]}`, "empty id"},
		{`{"groups":[]} {}`, "data after the document"},
		{`{"groups":[{"id":1,"members":["a","b"],"people":[{"id":"a","name":"A"}]}]}`, ""},
		{`{"groups":[{"id":1,"members":["a"],"people":[{"id":"b","name":"B"}]}]}`, `"b" under "people" of group 1 is not a member`},
		{`{"groups":[{"id":1,"members":["a"],"people":[{"id":"a"},{"id":"a"}]}]}`, `"a" under "people" of group 1 is not a member listed once`},
		{`{"groups":[{"id":1,"members":["a"],"people":[{"id":"a","phone":"1"}]}]}`, "unknown field"},
	} {
		_, err := ReadJSON(strings.NewReader(c.doc))
		if c.want == "" {
			assert.NoError(t, err)
			continue
		}
		require.ErrorIs(t, err, ErrFormat, c.doc)
		assert.Contains(t, err.Error(), c.want)
	}
}

func TestWriteCSV(t *testing.T) {
	r, res := formed(t)
	var b bytes.Buffer
	require.NoError(t, WriteCSV(&b, res))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"group", "id", "name", "owns", "reason", "email", "lead_choice", "lead_reason"}, rows[0])
	assert.Len(t, rows, r.Len()+1, "one row per person")
	for _, row := range rows[1:] {
		if row[1] == r.People[0].ID {
			assert.Equal(t, `'=HYPERLINK("x")`, row[2], "formula cells are escaped")
		}
		if row[0] == "" {
			assert.NotEmpty(t, row[4], "unplaced rows carry the reason")
		}
	}
	owners := 0
	for _, g := range res.Groups {
		for _, tp := range g.Topics {
			owners++
			if tp.Reflection != "" {
				owners++
			}
		}
	}
	got := 0
	for _, row := range rows[1:] {
		if row[3] != "" {
			got += len(strings.Split(row[3], "; "))
		}
	}
	assert.Equal(t, owners, got, "every topic appears once")
}

func TestWriteText(t *testing.T) {
	_, res := formed(t)
	var b bytes.Buffer
	require.NoError(t, WriteText(&b, res))
	out := b.String()
	for _, g := range res.Groups {
		for _, id := range g.Members {
			assert.Contains(t, out, id)
		}
		for _, tp := range g.Topics {
			assert.Contains(t, out, tp.Skill)
		}
	}
	assert.Contains(t, out, "Group G1 (")
	assert.Contains(t, out, "focus \"")
	assert.Contains(t, out, "Not placed (")
	assert.Contains(t, out, "objective ")
}

func FuzzReadJSON(f *testing.F) {
	f.Add(`{"groups":[{"id":1,"members":["a","b"],"topics":[{"skill":"X","owner":"a"}],"metrics":{}}],"metrics":{}}`)
	f.Add(`{"groups":[],"remainder":[{"id":"x","reason":"y"}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		res, err := ReadJSON(strings.NewReader(doc))
		if err != nil {
			require.ErrorIs(t, err, ErrFormat)
			return
		}
		var b bytes.Buffer
		require.NoError(t, WriteJSON(&b, res))
		again, err := ReadJSON(&b)
		require.NoError(t, err)
		assert.Equal(t, len(res.Groups), len(again.Groups))
	})
}

// TestWriteTextTerminalSafe: ids, names, focus, skills and reasons reach the
// report escaped; CSV keeps them as read.
func TestWriteTextTerminalSafe(t *testing.T) {
	esc := "\x1b]0;pwned\x07\x1b[2J"
	res := &Result{
		Groups: []Group{{ID: 1, Members: []string{"a" + esc, "b"}, Focus: "f" + esc,
			Topics: []Topic{{Skill: "S\u202e", Owner: "a" + esc}}}},
		Unplaced: []Unplaced{{ID: "c\n", Reason: "r" + esc}},
		names:    map[string]string{"a" + esc: "Amara\nforged", "b": "José Núñez 李"},
	}
	var b bytes.Buffer
	require.NoError(t, WriteText(&b, res))
	out := b.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
		assert.NotContains(t, out, bad)
	}
	for _, l := range strings.Split(out, "\n") {
		assert.False(t, strings.HasPrefix(l, "forged"), l)
	}
	for _, want := range []string{`a\x1b]0;pwned\a\x1b[2J`, `Amara\nforged`, "José Núñez 李", `S\u202e`, `focus "f\x1b]0;pwned\a\x1b[2J"`, `c\n`, `r\x1b]0;`} {
		assert.Contains(t, out, want)
	}
}

// TestWritersNilResult checks that the writers return an error for a nil
// *Result instead of dereferencing it.
func TestWritersNilResult(t *testing.T) {
	for _, write := range []func(io.Writer, *Result) error{WriteJSON, WriteCSV, WriteText} {
		require.Error(t, write(io.Discard, nil))
	}
}
