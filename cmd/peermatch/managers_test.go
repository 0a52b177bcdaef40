package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// managersCSV is an HR export whose manager column holds e-mails (in any
// case) and names. Each manager and their reports complement each other
// better than anyone else (kim and bo exactly), so only the line-management
// rule keeps them apart; fa can pair with either manager, and names a
// manager outside the roster.
const managersCSV = `id,name,email,grade,department,manager,have:Coaching,want:Coaching,have:Budgeting,want:Budgeting,have:Hiring,want:Hiring,have:Negotiation,want:Negotiation
kim,Kim Lee,Kim.Lee@example.org,3,Sales,,5,,,5,,,,
bo,Bo Lind,bo@example.org,3,Sales,KIM.LEE@EXAMPLE.ORG,,5,5,,,,,
cy,Cy Moss,cy@example.org,3,Sales,kim.lee@example.org,,4,4,,,,,
max,Max Roy,max@example.org,3,Ops,,,,,,,5,5,
di,Di Hart,di@example.org,3,Ops,Max Roy,,,,,5,,,5
ed,Ed Wu,ed@example.org,3,Ops,Max Roy,,,,,4,,,4
fa,Fa Ode,fa@example.org,3,HR,boss@example.org,,4,3,,3,,,4
`

// reports maps each report of managersCSV to their manager's id.
var reports = map[string]string{"bo": "kim", "cy": "kim", "di": "max", "ed": "max"}

const faWarning = `managers.csv:8:6: manager "boss@example.org" of "fa" matches no id, e-mail or name in the roster; the line-management rule cannot keep "fa" from being paired with this manager`

func TestValidateManagers(t *testing.T) {
	path := writeFile(t, "managers.csv", managersCSV)
	code, out, errOut := runCLI(t, "validate", path)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "managers.csv: valid roster (CSV, comma-separated, UTF-8), 1 warning\n\nwarning: "+faWarning+"\n\n")
	assert.Contains(t, out, "managers:    2 (people managing someone in the roster)")
	assert.Empty(t, errOut, "validate lists warnings on stdout only")

	ambiguous := writeFile(t, "twins.csv", "id,name,manager\na,Jo Ng,\nb,Jo Ng,\nc,Cy,Jo Ng\nd,Di,Jo Ng\n")
	code, _, errOut = runCLI(t, "validate", ambiguous)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, `twins.csv:4:3: manager: ambiguous manager: "Jo Ng" is the name of "a" and "b"; give the manager's id or e-mail instead`)
	assert.Contains(t, errOut, `twins.csv:5:3: manager: ambiguous manager`)
}

func TestPairsNeverPairManagerAndReportByEmail(t *testing.T) {
	path := writeFile(t, "managers.csv", managersCSV)
	for _, s := range []string{"optimal", "maxmin", "stable", "greedy", "random"} {
		code, out, errOut := runCLI(t, "pairs", path, "--strategy", s, "--json")
		require.Equal(t, exitOK, code, "%s: %s", s, errOut)
		assert.Equal(t, "peermatch: warning: "+faWarning+"\n", errOut, s)
		var doc pairsDoc
		var notes struct {
			Notes []string `json:"notes"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &doc), s)
		require.NoError(t, json.Unmarshal([]byte(out), &notes), s)
		assert.Contains(t, notes.Notes, faWarning, s)
		assert.NotEmpty(t, doc.Pairs, s)
		for _, p := range doc.Pairs {
			ids := []string{p.A, p.B, p.C}
			for _, x := range ids {
				for _, y := range ids {
					assert.False(t, x != "" && y != "" && reports[x] == y, "%s: %s paired with their manager %s", s, x, y)
				}
			}
		}
	}

	// The same people with managers given by id: the same pairs.
	byID := strings.NewReplacer(",KIM.LEE@EXAMPLE.ORG,", ",kim,", ",kim.lee@example.org,", ",kim,", ",Ops,Max Roy,", ",Ops,max,").Replace(managersCSV)
	require.Equal(t, 4, strings.Count(byID, ",kim,")+strings.Count(byID, ",Ops,max,"), "four reports rewritten")
	_, a, _ := runCLI(t, "pairs", path, "--json")
	_, b, _ := runCLI(t, "pairs", writeFile(t, "managers.csv", byID), "--json")
	var da, db pairsDoc
	require.NoError(t, json.Unmarshal([]byte(a), &da))
	require.NoError(t, json.Unmarshal([]byte(b), &db))
	assert.Equal(t, da.Pairs, db.Pairs)
}

func TestWarningsOnStderrAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,manager,have:A,want:A\n")
	for i := 0; i < shownWarnings+5; i++ {
		fmt.Fprintf(&b, "p%02d,outside-%d,%d,%d\n", i, i, i%2*4, (i+1)%2*4)
	}
	path := writeFile(t, "many.csv", b.String())
	for _, cmd := range []string{"pairs", "groups"} {
		code, _, errOut := runCLI(t, cmd, path)
		require.Equal(t, exitOK, code, "%s: %s", cmd, errOut)
		lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
		require.Len(t, lines, shownWarnings+1, cmd)
		assert.Contains(t, lines[0], `many.csv:2:2: manager "outside-0" of "p00" matches no id`, cmd)
		assert.Equal(t, "peermatch: warning: and 5 more (peermatch validate "+path+" lists them all)", lines[shownWarnings], cmd)
	}
	code, out, _ := runCLI(t, "validate", path)
	require.Equal(t, exitOK, code)
	assert.Equal(t, shownWarnings+5, strings.Count(out, "\nwarning: "))
}
