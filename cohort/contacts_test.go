package cohort

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// TestOutputsCarryContacts: the groups JSON lists each member's name and
// e-mail address under "people" (leaving out empty ones), the unplaced
// under "remainder" carry them too, the CSV has them in its last column,
// and ReadJSON gives them back to the writers.
func TestOutputsCarryContacts(t *testing.T) {
	r := asManagers(skills.Synthetic(40, 12, 4, skills.SyntheticOptions{}), 0)
	email := map[string]string{}
	for i := range r.People {
		p := &r.People[i]
		if i%3 != 0 {
			p.Email = p.ID + "@example.org"
		}
		email[p.ID] = p.Email
	}
	r.People[1].Email = "=cmd@example.org"
	email[r.People[1].ID] = r.People[1].Email
	opt := PeerLearningGroup()
	opt.MaxGradeGap = GradeGap(1)
	opt.Iterations = 2000
	res, err := Form(context.Background(), r, opt)
	require.NoError(t, err)
	require.NotEmpty(t, res.Unplaced)
	name := map[string]string{}
	for _, p := range r.People {
		name[p.ID] = p.Name
	}

	var j bytes.Buffer
	require.NoError(t, WriteJSON(&j, res))
	var doc struct {
		Groups []struct {
			Members []string            `json:"members"`
			People  []map[string]string `json:"people"`
		} `json:"groups"`
		Unplaced []map[string]string `json:"remainder"`
	}
	require.NoError(t, json.Unmarshal(j.Bytes(), &doc))
	for _, g := range doc.Groups {
		require.Len(t, g.People, len(g.Members))
		for x, id := range g.Members {
			want := map[string]string{"id": id, "name": name[id]}
			if email[id] != "" {
				want["email"] = email[id]
			}
			assert.Equal(t, want, g.People[x])
		}
	}
	for _, u := range doc.Unplaced {
		assert.Equal(t, name[u["id"]], u["name"])
		assert.Equal(t, email[u["id"]], u["email"])
		assert.NotEmpty(t, u["reason"])
	}

	back, err := ReadJSON(bytes.NewReader(j.Bytes()))
	require.NoError(t, err)
	for _, res := range []*Result{res, back} {
		var c bytes.Buffer
		require.NoError(t, WriteCSV(&c, res))
		rows, err := csv.NewReader(&c).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, r.Len()+1)
		for _, row := range rows[1:] {
			want := email[row[1]]
			if row[1] == r.People[1].ID {
				want = "'" + want
			}
			assert.Equal(t, want, row[5], row[1])
			assert.Equal(t, name[row[1]], row[2], row[1])
		}
	}

	// A roster without names or addresses gives no "people" at all.
	for i := range r.People {
		r.People[i].Name, r.People[i].Email = "", ""
	}
	res, err = Form(context.Background(), r, opt)
	require.NoError(t, err)
	j.Reset()
	require.NoError(t, WriteJSON(&j, res))
	assert.NotContains(t, j.String(), `"people": [`)
	assert.NotContains(t, j.String(), `"email"`)
}
