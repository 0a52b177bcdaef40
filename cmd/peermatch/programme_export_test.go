package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgrammeExportGroupsAndAnswers: the text export lists every group's
// members and every check-in answer (it printed neither), and the JSON
// export keys groups as the rest of the document ("id", "members"; they
// were "ID" and "Members").
func TestProgrammeExportGroupsAndAnswers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "export.db")
	require.Equal(t, 0, first(runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04")))
	require.Equal(t, 0, first(runCLI(t, "round", "--db", db, "--date", "2027-01-04", "--quiet")))
	p1 := loadDB(t, db).Programme.Rounds[0].Pairs[0]
	answers := writeFile(t, "answers.csv", "date,person,partner,met,equitable,progress,comment\n"+
		"2027-01-20,"+p1.A+","+p1.B+",yes,4,3,good \x1b[2Jstart\n2027-01-20,"+p1.B+","+p1.A+",no,,,\n")
	code, _, errOut := runCLI(t, "checkins", "import", answers, "--db", db, "--date", "2027-02-01")
	require.Equal(t, 0, code, errOut)
	code, _, errOut = runCLI(t, "round", "--groups", "--iterations", "2000", "--db", db, "--date", "2027-04-05")
	require.Equal(t, 0, code, errOut)
	g := loadDB(t, db).Programme.Rounds[1].Groups[0]

	code, out, errOut := runCLI(t, "export", "--db", db)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "  group "+g.ID+": "+strings.Join(g.Members, ", ")+"\n")
	assert.Contains(t, out, "check-in answers: 2\n")
	assert.Contains(t, out, "  2027-01-20 "+p1.A+" about "+p1.B+": met, equitable 4, progress 3: good \\x1b[2Jstart\n")
	assert.Contains(t, out, "  2027-01-20 "+p1.B+" about "+p1.A+": did not meet\n")

	code, out, errOut = runCLI(t, "export", "--db", db, "--json")
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Rounds []struct {
			Groups []map[string]any `json:"groups"`
		} `json:"rounds"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.NotEmpty(t, doc.Rounds[1].Groups)
	assert.Equal(t, g.ID, doc.Rounds[1].Groups[0]["id"])
	assert.Contains(t, doc.Rounds[1].Groups[0], "members")
	assert.NotContains(t, doc.Rounds[1].Groups[0], "ID")
}
