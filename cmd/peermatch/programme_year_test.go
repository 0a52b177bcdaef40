package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadDB reads the programme database at path.
func loadDB(t *testing.T, path string) store.State {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	require.NoError(t, err)
	defer s.Close()
	st, err := s.Load(context.Background())
	require.NoError(t, err)
	return st
}

// answersCSV writes one answer of each member of every lasting pair of r on
// day, met and equitable 4, except the pairs in special, whose answers
// special gives as (met A, equitable A, met B, equitable B).
func answersCSV(r pgm.Round, day string, special map[[2]string][4]string) string {
	var b strings.Builder
	b.WriteString("date,person,partner,met,equitable,progress,comments\n")
	for _, p := range r.Pairs {
		if !p.Dissolved.IsZero() {
			continue
		}
		v := [4]string{"yes", "4", "yes", "4"}
		if s, ok := special[[2]string{p.A, p.B}]; ok {
			v = s
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,3,\n", day, p.A, p.B, v[0], v[1])
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,3,\n", day, p.B, p.A, v[2], v[3])
	}
	return b.String()
}

func pairKey(p pgm.Pair) [2]string { return [2]string{p.A, p.B} }

// TestProgrammeYear runs a programme year on the demo roster through the
// command line: init, round 1, two imports of check-ins (one pair one-sided,
// one not meeting), health flags exactly those, a leaver whose pair alone is
// repaired, and round 2 with no repeats and without the failed pairs.
func TestProgrammeYear(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "year.db")
	code, out, errOut := runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04", "--name", "Demo year")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "created")
	assert.Contains(t, out, "48 people")

	code, out, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-04")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "round 1 on 2027-01-04")
	st := loadDB(t, db)
	require.Len(t, st.Programme.Rounds, 1)
	r1 := st.Programme.Rounds[0]
	require.GreaterOrEqual(t, len(r1.Pairs), 4)
	oneSided, notMet, leaverPair := r1.Pairs[0], r1.Pairs[1], r1.Pairs[2]
	special := map[[2]string][4]string{
		pairKey(oneSided): {"yes", "1", "yes", "4"},
		pairKey(notMet):   {"no", "", "no", ""},
	}
	for i, day := range []string{"2027-01-25", "2027-02-15"} {
		f := writeFile(t, fmt.Sprintf("answers%d.csv", i), answersCSV(r1, day, special))
		code, out, errOut = runCLI(t, "checkins", "import", f, "--db", db, "--date", "2027-12-31")
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, out, fmt.Sprintf("%d new recorded", 2*len(r1.Pairs)))
		// importing again adds nothing
		code, out, errOut = runCLI(t, "checkins", "import", f, "--db", db, "--date", "2027-12-31")
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, out, "0 new recorded")
	}
	require.Len(t, loadDB(t, db).Programme.CheckIns, 4*len(r1.Pairs))

	// bad answers: every bad row with its line, nothing imported
	bad := writeFile(t, "bad.csv", "date,person,partner,met\n2027-02-16,nobody,"+oneSided.A+",yes\n2027-02-16,"+oneSided.A+","+notMet.A+",yes\n2027-02-16,"+oneSided.A+","+oneSided.B+",yes\n")
	code, _, errOut = runCLI(t, "checkins", "import", bad, "--db", db, "--date", "2027-12-31")
	require.Equal(t, 1, code)
	assert.Contains(t, errOut, "bad.csv")
	assert.Contains(t, errOut, "bad.csv:2: person \"nobody\"")
	assert.Contains(t, errOut, "bad.csv:3: person")
	require.Len(t, loadDB(t, db).Programme.CheckIns, 4*len(r1.Pairs), "nothing half-imported")

	code, out, errOut = runCLI(t, "health", "--db", db, "--date", "2027-02-20", "--json")
	require.Equal(t, 0, code, errOut)
	var h healthJSON
	require.NoError(t, json.Unmarshal([]byte(out), &h))
	var got []string
	for _, f := range h.Flags {
		got = append(got, f.Kind+" "+strings.Join(f.Members, ","))
		assert.NotEmpty(t, f.Answers, f.Kind)
	}
	assert.Equal(t, []string{"not_met " + notMet.A + "," + notMet.B, "one_sided " + oneSided.A + "," + oneSided.B}, got)

	// the facilitator's page: the round's pairs, calendar and the same flags
	page := filepath.Join(dir, "year.html")
	code, out, errOut = runCLI(t, "report", "--db", db, "--date", "2027-02-20", "--html", page)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "report written to "+page+": round 1, 2 health flags")
	html, err := os.ReadFile(page)
	require.NoError(t, err)
	for _, want := range []string{`<section id="health">`, `<span class="flag warn">not_met</span>`, `<span class="flag warn">one_sided</span>`, `<section id="pairs">`, `<section id="calendar">`, "check-in"} {
		assert.Contains(t, string(html), want)
	}
	code, _, errOut = runCLI(t, "report", "--db", db, "survey.csv", "--html", page)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--db reports the programme in the database: give no FILE")

	// one person leaves; repair changes only their pair
	leaver := leaverPair.A
	code, out, errOut = runCLI(t, "leave", leaver, "--db", db, "--date", "2027-03-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "their partner "+leaverPair.B)
	code, out, errOut = runCLI(t, "repair", "--db", db, "--date", "2027-03-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "dissolved: "+leaver)
	after := loadDB(t, db).Programme.Rounds[0]
	before := map[[2]string]pgm.Pair{}
	for _, p := range r1.Pairs {
		before[pairKey(p)] = p
	}
	for _, p := range after.Pairs {
		old, ok := before[pairKey(p)]
		switch {
		case pairKey(p) == pairKey(leaverPair):
			assert.Equal(t, pgm.DissolvedLeft, p.Reason)
			assert.Equal(t, "2027-03-01", fmtDay(p.Dissolved))
		case ok:
			assert.Equal(t, old, p, "a pair the leave did not touch is kept")
		default:
			// a new pair may only involve the leaver's partner or people
			// unpaired before
			assert.True(t, p.A == leaverPair.B || p.B == leaverPair.B || unpairedIn(r1, p.A) && unpairedIn(r1, p.B), "new pair %v", p)
		}
	}

	// a dry run records nothing
	code, _, errOut = runCLI(t, "round", "--db", db, "--date", "2027-04-05", "--dry-run")
	require.Equal(t, 0, code, errOut)
	require.Len(t, loadDB(t, db).Programme.Rounds, 1)

	code, out, errOut = runCLI(t, "round", "--db", db, "--date", "2027-04-05")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "dissolved as failed")
	st = loadDB(t, db)
	require.Len(t, st.Programme.Rounds, 2)
	earlier := map[[2]string]bool{}
	for _, p := range st.Programme.Rounds[0].Pairs {
		earlier[pairKey(p)] = true
		if pairKey(p) == pairKey(oneSided) || pairKey(p) == pairKey(notMet) {
			assert.Equal(t, pgm.DissolvedFailed, p.Reason, "%v", p)
		}
	}
	require.NotEmpty(t, st.Programme.Rounds[1].Pairs)
	for _, p := range st.Programme.Rounds[1].Pairs {
		assert.False(t, earlier[pairKey(p)], "repeat %v", p)
		assert.NotEqual(t, leaver, p.A)
		assert.NotEqual(t, leaver, p.B)
	}

	// export and contracts
	code, out, errOut = runCLI(t, "export", "--db", db, "--json")
	require.Equal(t, 0, code, errOut)
	var ex exportJSON
	require.NoError(t, json.Unmarshal([]byte(out), &ex))
	assert.Len(t, ex.Rounds, 2)
	assert.Len(t, ex.CheckIns, 4*len(r1.Pairs))
	assert.Equal(t, "Demo year", ex.Settings.Name)
	cdir := filepath.Join(dir, "contracts")
	code, out, errOut = runCLI(t, "contracts", "--db", db, "--out", cdir)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, fmt.Sprintf("%d contracts of round 2", len(st.Programme.Rounds[1].Pairs)))
	files, _ := filepath.Glob(filepath.Join(cdir, "*.md"))
	assert.Len(t, files, len(st.Programme.Rounds[1].Pairs))
}

func unpairedIn(r pgm.Round, id string) bool {
	for _, u := range r.Unmatched {
		if u.ID == id {
			return true
		}
	}
	return false
}

// TestProgrammeSurveyUpdate re-runs init with a newer survey: the
// differences are reported, and dropping someone in a pair asks for leave.
func TestProgrammeSurveyUpdate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	v1 := writeFile(t, "v1.csv", "id,name,grade,have:Go,want:Go,have:SQL,want:SQL\na,Ann,3,5,0,0,5\nb,Bo,3,0,5,5,0\nc,Cy,3,4,0,0,4\nd,Di,3,0,4,4,0\n")
	code, _, errOut := runCLI(t, "init", v1, "--db", db, "--date", "2027-01-04")
	require.Equal(t, 0, code, errOut)
	v2 := writeFile(t, "v2.csv", "id,name,grade,have:Go,want:Go,have:SQL,want:SQL\na,Ann,4,5,0,0,5\nb,Bo,3,0,5,5,0\nc,Cy,3,4,0,0,4\nd,Di,3,0,4,4,0\ne,Ed,3,4,0,0,4\n")
	code, out, errOut := runCLI(t, "init", v2, "--db", db, "--date", "2027-01-05")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "added (1): e")
	assert.Contains(t, out, "changed: a: grade")

	code, _, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-10")
	require.Equal(t, 0, code, errOut)
	st := loadDB(t, db)
	require.NotEmpty(t, st.Programme.Rounds[0].Pairs)
	inPair := st.Programme.Rounds[0].Pairs[0].A
	var rows []string
	for _, line := range strings.Split(strings.TrimSpace(readFileT(t, v2)), "\n") {
		if !strings.HasPrefix(line, inPair+",") {
			rows = append(rows, line)
		}
	}
	v3 := writeFile(t, "v3.csv", strings.Join(rows, "\n")+"\n")
	code, _, errOut = runCLI(t, "init", v3, "--db", db, "--date", "2027-02-01")
	require.Equal(t, 1, code)
	assert.Contains(t, errOut, "peermatch leave "+inPair)
	require.Equal(t, 5, loadDB(t, db).Programme.Roster.Len(), "nothing changed")

	code, _, errOut = runCLI(t, "leave", inPair, "--db", db, "--date", "2027-02-01")
	require.Equal(t, 0, code, errOut)
	code, out, errOut = runCLI(t, "init", v3, "--db", db, "--date", "2027-02-02")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "removed (1): "+inPair)
	st = loadDB(t, db)
	assert.Equal(t, 5, st.Programme.Roster.Len(), "a removed participant keeps their history")
	status, _ := pgm.StatusOn(st.Programme.Events, inPair, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, pgm.Left, status)
}

func readFileT(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
