package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkinsDB makes a programme of the demo roster with round 1 formed on
// 2027-01-04 and returns the database and the first pair of the round.
func checkinsDB(t *testing.T) (db, a, b string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "ck.db")
	code, out, errOut := runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04", "--trial-months", "3")
	require.Equal(t, 0, code, out+errOut)
	code, out, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-04", "--quiet")
	require.Equal(t, 0, code, out+errOut)
	p := loadDB(t, db).Programme.Rounds[0].Pairs[0]
	return db, p.A, p.B
}

// TestCheckinsAfterLeave: answers dated after a member's leave are refused
// before and after repair, with the same message; a file imported before
// the repair imports again as nothing new after it.
func TestCheckinsAfterLeave(t *testing.T) {
	db, a, b := checkinsDB(t)
	require.Equal(t, 0, first(runCLI(t, "leave", b, "--db", db, "--date", "2027-02-01")))
	before := writeFile(t, "before.csv", fmt.Sprintf("date,person,partner,met,equitable,progress\n2027-01-29,%s,%s,yes,5,5\n2027-01-29,%s,%s,yes,4,4\n", a, b, b, a))
	after := writeFile(t, "after.csv", fmt.Sprintf("date,person,partner,met,equitable,progress\n2027-03-01,%s,%s,yes,5,5\n2027-02-01,%s,%s,yes,5,5\n", b, a, a, b))
	code, out, errOut := runCLI(t, "checkins", "import", before, "--db", db, "--date", "2027-03-02")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "2 new recorded")
	for _, stage := range []string{"before repair", "after repair"} {
		if stage == "after repair" {
			require.Equal(t, 0, first(runCLI(t, "repair", "--db", db, "--date", "2027-02-01")))
		}
		code, _, errOut = runCLI(t, "checkins", "import", after, "--db", db, "--date", "2027-03-02")
		assert.Equal(t, 1, code, stage)
		assert.Contains(t, errOut, fmt.Sprintf("after.csv:2: person %q: not their partner: the answer of %s is dated 2027-03-01, but %s left the programme on 2027-02-01", b, b, b), stage)
		assert.Contains(t, errOut, fmt.Sprintf("after.csv:3: person %q: not their partner: the answer of %s is dated 2027-02-01, but %s left", a, a, b), stage)
		code, out, errOut = runCLI(t, "checkins", "import", before, "--db", db, "--date", "2027-03-02")
		assert.Equal(t, 0, code, stage+": "+errOut)
		assert.Contains(t, out, "0 new recorded", stage)
	}
	assert.Len(t, loadDB(t, db).Programme.CheckIns, 2)
}

// TestCheckinsHostileRows: an answer about oneself, an answer dated after
// the day of the import, and a changed answer against a recorded one are
// refused with their line (and column for the date).
func TestCheckinsHostileRows(t *testing.T) {
	db, a, b := checkinsDB(t)
	bad := writeFile(t, "bad.csv", fmt.Sprintf("date,person,partner,met\n2027-01-22,%s,%s,no\n9999-12-31,%s,%s,yes\n2099-01-22,%s,%s,yes\n2027-02-01,%s,%s,yes\n", b, b, a, b, b, a, a, b))
	code, _, errOut := runCLI(t, "checkins", "import", bad, "--db", db, "--date", "2027-02-01")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, fmt.Sprintf("bad.csv:2: person %q: not their partner: %q answered about themselves", b, b))
	assert.Contains(t, errOut, "bad.csv:3:1: date: date outside the programme: 9999-12-31 is after the day of the import, 2027-02-01")
	assert.Contains(t, errOut, "bad.csv:4:1: date: date outside the programme: 2099-01-22 is after the day of the import")
	assert.NotContains(t, errOut, "bad.csv:5")
	assert.Empty(t, loadDB(t, db).Programme.CheckIns)

	firstCSV := writeFile(t, "first.csv", fmt.Sprintf("date,person,partner,met\n2027-01-13,%s,%s,yes\n2027-01-13,%s,%s,yes\n2027-01-20,%s,%s,yes\n", a, b, b, a, a, b))
	require.Equal(t, 0, first(runCLI(t, "checkins", "import", firstCSV, "--db", db, "--date", "2027-02-01")))
	second := writeFile(t, "second.csv", fmt.Sprintf("date,person,partner,met\n2027-01-27,%s,%s,yes\n2027-01-27,%s,%s,yes\n2027-01-28,%s,%s,yes\n2027-01-29,%s,%s,yes\n2027-01-20,%s,%s,no\n", a, b, b, a, a, b, b, a, a, b))
	code, _, errOut = runCLI(t, "checkins", "import", second, "--db", db, "--date", "2027-02-01")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, fmt.Sprintf("second.csv:6: person %q: conflicting duplicate answer: %q about %q on 2027-01-20 differs from the answer already recorded for that date", a, a, b))
	assert.NotContains(t, errOut, "line 4")
}
