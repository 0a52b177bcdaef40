package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	pgm "github.com/peermatch/peermatch/programme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgrammeYear200 runs the whole year on a 200-person synthetic survey
// through the command line: init, round 1, contracts, two check-in imports
// (one pair inequitable, one not meeting, every other pair well), health
// flags exactly those two, a leaver whose pair alone repair changes, round
// 2 without repeats and without the failed pairs, and outcomes with
// intervals.
func TestProgrammeYear200(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "year.db")
	survey := syntheticSurvey(t, 200)
	code, out, errOut := runCLI(t, "init", survey, "--db", db, "--date", "2027-01-04", "--name", "Year of 200")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "200 people")

	code, out, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-04", "--different-department")
	require.Equal(t, 0, code, errOut)
	r1 := loadDB(t, db).Programme.Rounds[0]
	require.GreaterOrEqual(t, len(r1.Pairs), 80, out)

	code, out, errOut = runCLI(t, "contracts", "--db", db, "--out", filepath.Join(dir, "contracts"))
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, fmt.Sprintf("%d contracts of round 1", len(r1.Pairs)))

	inequitable, notMet, leaverPair := r1.Pairs[3], r1.Pairs[7], r1.Pairs[11]
	special := map[[2]string][4]string{
		pairKey(inequitable): {"yes", "1", "yes", "5"},
		pairKey(notMet):      {"no", "", "no", ""},
	}
	for i, day := range []string{"2027-01-25", "2027-02-08"} {
		f := writeFile(t, fmt.Sprintf("answers%d.csv", i), answersCSV(r1, day, special))
		code, out, errOut = runCLI(t, "checkins", "import", f, "--db", db, "--date", "2027-12-31")
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, out, fmt.Sprintf("%d new recorded", 2*len(r1.Pairs)))
	}

	code, out, errOut = runCLI(t, "health", "--db", db, "--date", "2027-02-15", "--json")
	require.Equal(t, 0, code, errOut)
	var h healthJSON
	require.NoError(t, json.Unmarshal([]byte(out), &h))
	var got []string
	for _, f := range h.Flags {
		got = append(got, f.Kind+" "+strings.Join(f.Members, ","))
	}
	assert.Equal(t, []string{"not_met " + notMet.A + "," + notMet.B, "one_sided " + inequitable.A + "," + inequitable.B}, got)

	leaver := leaverPair.B
	require.Equal(t, 0, first(runCLI(t, "leave", leaver, "--db", db, "--date", "2027-03-01")))
	code, out, errOut = runCLI(t, "repair", "--db", db, "--date", "2027-03-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "rules: round 1's (--different-department=true)")
	after := loadDB(t, db).Programme.Rounds[0]
	before := map[[2]string]pgm.Pair{}
	for _, p := range r1.Pairs {
		before[pairKey(p)] = p
	}
	changed := 0
	for _, p := range after.Pairs {
		old, ok := before[pairKey(p)]
		switch {
		case pairKey(p) == pairKey(leaverPair):
			assert.Equal(t, pgm.DissolvedLeft, p.Reason)
			changed++
		case ok:
			assert.Equal(t, old, p, "a pair the leave did not touch is kept")
		default:
			assert.True(t, p.A == leaverPair.A || p.B == leaverPair.A, "a new pair is the leaver's partner's: %v", p)
			changed++
		}
	}
	assert.LessOrEqual(t, changed, 2, "only the leaver's pair changed (and its partner's new one)")

	code, out, errOut = runCLI(t, "round", "--db", db, "--date", "2027-04-05", "--different-department")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "dissolved as failed")
	st := loadDB(t, db)
	earlier := map[[2]string]bool{}
	for _, p := range st.Programme.Rounds[0].Pairs {
		earlier[pairKey(p)] = true
	}
	r2 := st.Programme.Rounds[1]
	require.GreaterOrEqual(t, len(r2.Pairs), 80)
	for _, p := range r2.Pairs {
		assert.False(t, earlier[pairKey(p)], "repeat %v", p)
		assert.NotContains(t, []string{p.A, p.B}, leaver)
	}

	var hr strings.Builder
	hr.WriteString("id,left_on,promoted_on\n")
	for i, x := range st.Programme.Roster.People {
		l, pr := "", ""
		if i%7 == 0 {
			l = "2027-10-01"
		}
		if i%5 == 0 {
			pr = "2027-11-01"
		}
		fmt.Fprintf(&hr, "%s,%s,%s\n", x.ID, l, pr)
	}
	code, out, errOut = runCLI(t, "outcomes", writeFile(t, "hr.csv", hr.String()), "--db", db, "--date", "2028-04-10")
	require.Equal(t, 0, code, errOut)
	var partner string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "partner" && f[1] == "all" {
			partner = line
		}
	}
	assert.Regexp(t, `\d+/\d+ \d+% \(\d+-\d+%\) +\d+/\d+ \d+% \(\d+-\d+%\)`, partner, out)
}
