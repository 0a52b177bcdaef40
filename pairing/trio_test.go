package pairing

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTrioNames(t *testing.T) {
	sv := func(pairs ...any) []SkillValue {
		var out []SkillValue
		for x := 0; x < len(pairs); x += 2 {
			out = append(out, SkillValue{Skill: pairs[x].(string), Value: pairs[x+1].(float64)})
		}
		return out
	}
	for _, tc := range []struct {
		a, b     []SkillValue
		teachers bool
		want     string
	}{
		{nil, nil, true, "-"},
		// C learns X from B, who teaches it more; Y from A alone
		{sv("X", 0.1, "Y", 0.05), sv("X", 0.3), true, "X (B), Y (A)"},
		// taught equally: both teachers
		{sv("X", 0.2), sv("X", 0.2), true, "X (A, B)"},
		// what C teaches: every learner of a skill
		{sv("X", 0.1, "Y", 0.5), sv("X", 0.3, "Z", 0.3), false, "Y (A), X (A, B), Z (B)"},
		// ties in value keep the order of a, then b
		{sv("P", 0.2), sv("Q", 0.2, "P", 0.1), true, "P (A), Q (B)"},
	} {
		assert.Equal(t, tc.want, trioNames(tc.a, tc.b, tc.teachers))
	}
}

// TestTrioOutputs: a trio's text line lists every skill once per
// direction, and its CSV row and JSON object carry what C teaches A and B
// and what A and B teach C.
func TestTrioOutputs(t *testing.T) {
	// S3: A and B both teach C; C teaches A S2, B S1, and both S4
	r := roster(t, 4,
		person("a", 1, 0, []uint8{3, 0, 5, 0}, []uint8{0, 5, 0, 3}),
		person("b", 1, 4, []uint8{0, 5, 4, 0}, []uint8{5, 0, 0, 3}),
		person("c", 1, 8, []uint8{4, 4, 0, 5}, []uint8{0, 0, 5, 0}),
	)
	res := mustPairs(t, r, Options{Trio: true})
	require.Len(t, res.Pairs, 1)
	pr := res.Pairs[0]
	require.NotEmpty(t, pr.C)
	require.NotEmpty(t, pr.ATeachesC)
	require.NotEmpty(t, pr.BTeachesC)
	require.NotEmpty(t, pr.CTeachesA)
	require.NotEmpty(t, pr.CTeachesB)

	var tx bytes.Buffer
	require.NoError(t, WriteText(&tx, res))
	var line string
	for _, l := range strings.Split(tx.String(), "\n") {
		if strings.Contains(l, "(trio)") {
			line = l
		}
	}
	require.NotEmpty(t, line, tx.String())
	toC := line[strings.Index(line, "A,B teach C:"):strings.Index(line, "C teaches A,B:")]
	fromC := line[strings.Index(line, "C teaches A,B:"):]
	for _, part := range []struct {
		text  string
		lists [][]SkillValue
	}{{toC, [][]SkillValue{pr.ATeachesC, pr.BTeachesC}}, {fromC, [][]SkillValue{pr.CTeachesA, pr.CTeachesB}}} {
		for _, l := range part.lists {
			for _, v := range l {
				assert.Equal(t, 1, strings.Count(part.text, v.Skill+" ("), "%q once in %q", v.Skill, part.text)
			}
		}
	}

	var c bytes.Buffer
	require.NoError(t, WriteCSV(&c, res))
	rows, err := csv.NewReader(&c).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	col := map[string]string{}
	for x, h := range rows[0] {
		col[h] = rows[1][x]
	}
	assert.Equal(t, pr.C, col["c"])
	assert.Equal(t, skillList(pr.ATeachesC), col["a_teaches_c"])
	assert.Equal(t, skillList(pr.BTeachesC), col["b_teaches_c"])
	assert.Equal(t, skillList(pr.CTeachesA), col["c_teaches_a"])
	assert.Equal(t, skillList(pr.CTeachesB), col["c_teaches_b"])
	for _, k := range []string{"a_teaches_c", "b_teaches_c", "c_teaches_a", "c_teaches_b"} {
		assert.NotEmpty(t, col[k], k)
	}

	var j bytes.Buffer
	require.NoError(t, WriteJSON(&j, res))
	var got struct {
		Pairs []map[string]json.RawMessage `json:"pairs"`
	}
	require.NoError(t, json.Unmarshal(j.Bytes(), &got))
	for _, k := range []string{"c", "a_teaches_c", "b_teaches_c", "c_teaches_a", "c_teaches_b"} {
		assert.Contains(t, got.Pairs[0], k)
	}
}
