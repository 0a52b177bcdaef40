package pairing

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// contactRoster has two people who teach each other best and a third who
// can exchange a little with both; c1's name starts with '=' and b1 has no
// e-mail address.
const contactRoster = `id,name,email,grade,capacity,have:S1,want:S1,have:S2,want:S2
a1,Ana Ruiz,ana@example.org,1,CAP,5,0,0,5
b1,Ben Okafor,,1,1,0,5,5,0
c1,=Cy Lam,cy@example.org,1,1,3,5,3,5
`

func contactPairs(t *testing.T, capA string, opt Options) *Result {
	t.Helper()
	r, err := skills.ReadCSV(strings.NewReader(strings.Replace(contactRoster, "CAP", capA, 1)))
	require.NoError(t, err)
	res, err := Pairs(context.Background(), r, opt)
	require.NoError(t, err)
	return res
}

// TestOutputsCarryContacts: every member of a pair, trio or the unmatched
// list has the name and e-mail address of the roster next to the id, in
// the Result, the JSON and new CSV columns after the old ones.
func TestOutputsCarryContacts(t *testing.T) {
	t.Run("pair and unmatched", func(t *testing.T) {
		res := contactPairs(t, "1", Options{})
		require.Len(t, res.Pairs, 1)
		p := res.Pairs[0]
		assert.Equal(t, [6]string{"a1", "Ana Ruiz", "ana@example.org", "b1", "Ben Okafor", ""}, [6]string{p.A, p.AName, p.AEmail, p.B, p.BName, p.BEmail})
		require.Len(t, res.Unmatched, 1)
		assert.Equal(t, [3]string{"c1", "=Cy Lam", "cy@example.org"}, [3]string{res.Unmatched[0].ID, res.Unmatched[0].Name, res.Unmatched[0].Email})

		var j bytes.Buffer
		require.NoError(t, WriteJSON(&j, res))
		var got struct {
			Pairs     []map[string]any `json:"pairs"`
			Unmatched []map[string]any `json:"unmatched"`
		}
		require.NoError(t, json.Unmarshal(j.Bytes(), &got))
		assert.Equal(t, "Ana Ruiz", got.Pairs[0]["a_name"])
		assert.Equal(t, "ana@example.org", got.Pairs[0]["a_email"])
		assert.Equal(t, "Ben Okafor", got.Pairs[0]["b_name"])
		assert.NotContains(t, got.Pairs[0], "b_email", "an empty address is left out")
		assert.NotContains(t, got.Pairs[0], "c_name")
		assert.Equal(t, map[string]any{"id": "c1", "name": "=Cy Lam", "email": "cy@example.org", "reason": res.Unmatched[0].Reason}, got.Unmatched[0])
		// The names stand next to the ids.
		assert.Less(t, strings.Index(j.String(), `"a_name"`), strings.Index(j.String(), `"score"`))

		var c bytes.Buffer
		require.NoError(t, WriteCSV(&c, res))
		rows, err := csv.NewReader(&c).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 3)
		assert.Equal(t, []string{"a", "b", "c", "score", "a_teaches_b", "b_teaches_a", "reason", "a_teaches_c", "c_teaches_a", "b_teaches_c", "c_teaches_b",
			"a_name", "a_email", "b_name", "b_email", "c_name", "c_email"}, rows[0])
		assert.Equal(t, []string{"Ana Ruiz", "ana@example.org", "Ben Okafor", "", "", ""}, rows[1][11:])
		assert.Equal(t, []string{"c1", "", "", "", "", "", res.Unmatched[0].Reason, "", "", "", "", "'=Cy Lam", "cy@example.org", "", "", "", ""}, rows[2],
			"the name is escaped against spreadsheet formulas")
	})
	t.Run("trio", func(t *testing.T) {
		res := contactPairs(t, "1", Options{Trio: true})
		require.Len(t, res.Pairs, 1)
		p := res.Pairs[0]
		require.Equal(t, "c1", p.C)
		assert.Equal(t, [2]string{"=Cy Lam", "cy@example.org"}, [2]string{p.CName, p.CEmail})
		var j bytes.Buffer
		require.NoError(t, WriteJSON(&j, res))
		assert.Contains(t, j.String(), `"c_name": "=Cy Lam",`)
		assert.Contains(t, j.String(), `"c_email": "cy@example.org",`)
		var c bytes.Buffer
		require.NoError(t, WriteCSV(&c, res))
		rows, err := csv.NewReader(&c).ReadAll()
		require.NoError(t, err)
		assert.Equal(t, []string{"'=Cy Lam", "cy@example.org"}, rows[1][15:])
	})
	t.Run("capacity", func(t *testing.T) {
		res := contactPairs(t, "2", Options{})
		require.NotNil(t, res.Loads, "capacities were honoured")
		for _, p := range res.Pairs {
			assert.NotEmpty(t, p.AName, p.A)
			assert.NotEmpty(t, p.BName, p.B)
			if p.A == "a1" {
				assert.Equal(t, "ana@example.org", p.AEmail)
			}
		}
	})
}
