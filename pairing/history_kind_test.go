package pairing_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

// TestReadHistoryRejectsOtherDocuments: a file that is not a history of
// pairs is an error saying what it is, instead of an empty history.
func TestReadHistoryRejectsOtherDocuments(t *testing.T) {
	r := skills.Synthetic(24, 8, 3, skills.SyntheticOptions{})
	var groups, roster, rosterCSV, pairsCSV bytes.Buffer
	res, err := cohort.Form(context.Background(), r, cohort.Options{MinSize: 6, MaxSize: 8, Iterations: 200})
	require.NoError(t, err)
	require.NoError(t, cohort.WriteJSON(&groups, res))
	require.NoError(t, skills.WriteJSON(&roster, r))
	require.NoError(t, skills.WriteCSV(&rosterCSV, r))
	pr, err := pairing.Pairs(context.Background(), r, pairing.Options{})
	require.NoError(t, err)
	require.NoError(t, pairing.WriteCSV(&pairsCSV, pr))
	var groupsCSV bytes.Buffer
	require.NoError(t, cohort.WriteCSV(&groupsCSV, res))

	for _, tt := range []struct{ name, in, want string }{
		{"unknown object", `{"foo":1}`, `this is an object with "foo" and no "pairs"`},
		{"many keys", `{"f":1,"e":1,"d":1,"c":1,"b":1,"a":1}`, `"a", "b", "c", "d", "e", … and no "pairs"`},
		{"empty object", `{}`, "this is an empty object"},
		{"groups JSON", groups.String(), `this is a groups document (it has "groups" with members`},
		{"roster JSON", roster.String(), `this is a roster (it has "people")`},
		{"schedule JSON", `{"sessions":[],"notes":[]}`, `this is a schedule`},
		{"groups in an array", "[" + groups.String() + "]", "this is a groups document"},
		{"second value", `{"pairs":[]} {"groups":[]}`, `value 2 is a groups document`},
		{"array of numbers", `[1]`, "value 1 is not a JSON object"},
		{"empty array", `[]`, "empty array"},
		{"empty file", "", "the history is empty"},
		{"blank file", " \n\t\n", "the history is empty"},
		{"BOM only", "\xef\xbb\xbf", "the history is empty"},
		{"roster CSV", rosterCSV.String(), `this is a roster (its header starts with "id")`},
		{"groups CSV", groupsCSV.String(), `this is a groups CSV`},
		{"pairs CSV", pairsCSV.String(), "this is the CSV of `peermatch pairs --csv`"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, err := pairing.ReadHistory(strings.NewReader(tt.in))
			require.ErrorIs(t, err, pairing.ErrInvalidHistory)
			assert.Nil(t, h)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestReadHistorySummary: valid histories in JSON and CSV are read, and
// Summary counts their rounds and pairs.
func TestReadHistorySummary(t *testing.T) {
	r := skills.Synthetic(84, 8, 3, skills.SyntheticOptions{})
	first, err := pairing.Pairs(context.Background(), r, pairing.Options{})
	require.NoError(t, err)
	h := &pairing.History{}
	h.Add(first)
	second, err := pairing.Pairs(context.Background(), r, pairing.Options{EarlierRounds: pairing.EarlierRounds{History: h}, Strategy: pairing.Greedy})
	require.NoError(t, err)
	var doc bytes.Buffer
	require.NoError(t, pairing.WriteJSON(&doc, first))
	require.NoError(t, pairing.WriteJSON(&doc, second))
	n := len(first.Pairs) + len(second.Pairs)
	um := len(first.Unmatched) + len(second.Unmatched)

	got, err := pairing.ReadHistory(&doc)
	require.NoError(t, err)
	require.Len(t, got.Rounds, 2)
	want := "2 rounds, " + strconv.Itoa(n) + " pairs"
	if um > 0 {
		want += ", " + strconv.Itoa(um) + " unmatched"
	}
	assert.Equal(t, want, got.Summary())

	for _, tt := range []struct{ in, want string }{
		{`{"pairs":[]}`, "1 round, 0 pairs"},
		{`[{"pairs":[{"a":"x","b":"y"}],"unmatched":[{"id":"z"}]}]`, "1 round, 1 pair, 1 unmatched"},
		{"round,a,b,c\n1,a1,b1\n1,a2,b2,c2\n2,a1,b2\n2,zz,\n", "2 rounds, 2 pairs, 1 trio, 1 unmatched"},
		{"1,a1,b1\n", "1 round, 1 pair"},
		{"round,a,b\n", "0 rounds, 0 pairs"},
	} {
		h, err := pairing.ReadHistory(strings.NewReader(tt.in))
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, h.Summary(), tt.in)
	}
}
