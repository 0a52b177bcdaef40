package main

import (
	"path/filepath"
	"strings"
	"testing"

	pgm "github.com/peermatch/peermatch/programme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgrammeCheckinsFormMapping imports a form export whose headers are
// its questions, through the programme file's survey rename and ignore,
// with e-mails for person and partner.
func TestProgrammeCheckinsFormMapping(t *testing.T) {
	db, r1 := newFour(t)
	email := map[string]string{"a": "ann@example.org", "b": "BO@example.org", "c": "cy@example.org", "d": "di@example.org"}
	var b strings.Builder
	b.WriteString("Timestamp,Your e-mail,Your buddy,Did you meet?,Were your contributions equal? (1-5),Progress,Anything to improve?,Score\n")
	for _, p := range r1.Pairs {
		b.WriteString("2027/01/25 10:00:00," + email[p.A] + "," + email[p.B] + ",Yes,4,3,fine,\n")
		b.WriteString("2027/01/25 11:00:00," + email[p.B] + "," + p.A + ",No,,,,\n")
	}
	form := writeFile(t, "form.csv", b.String())
	conf := []byte(`survey:
  rename:
    Full name: name
    Timestamp: date
    Your e-mail: email
    Your buddy: partner
    Did you meet?: met
    Were your contributions equal? (1-5): equitable
    Anything to improve?: comments
  ignore: [Score, "*comment*"]
`)
	prog := writeFile(t, "programme.yaml", string(conf))
	run := func(args ...string) (int, string) {
		code, out, errOut := runCLI(t, append([]string{"--config", prog, "checkins"}, args...)...)
		return code, out + errOut
	}
	code, out := run("import", form, "--db", db, "--date", "2027-12-31")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "4 answers read, 4 new recorded")
	got := loadDB(t, db).Programme.CheckIns
	require.Len(t, got, 4)
	for _, a := range got {
		assert.NotContains(t, a.Person+a.Partner, "@", "e-mails are recorded as ids")
		assert.Equal(t, "2027-01-25", fmtDay(a.Date))
	}
	assert.Equal(t, "fine", got[0].Comments)

	// without the mapping the form's headers are unknown columns
	code, _, errOut := runCLI(t, "checkins", "import", form, "--db", db, "--date", "2027-12-31")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, `form.csv:1:1: Timestamp: unknown column "Timestamp"`)

	// an e-mail that matches nobody is an error with its line; nothing is imported
	bad := writeFile(t, "bad.csv", strings.Replace(b.String(), email[r1.Pairs[0].A], "who@example.org", 1))
	code, out = run("import", bad, "--db", db, "--date", "2027-12-31")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `bad.csv:2: person "who@example.org": unknown person: the e-mail "who@example.org" is no participant's`)
	assert.Len(t, loadDB(t, db).Programme.CheckIns, 4)
}

// TestProgrammeGroupsRound forms a groups round, reviews it with health
// and has repair refuse it.
func TestProgrammeGroupsRound(t *testing.T) {
	db := filepath.Join(t.TempDir(), "groups.db")
	require.Equal(t, 0, first(runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04")))
	require.Equal(t, 0, first(runCLI(t, "leave", "e01", "--db", db, "--date", "2027-01-04")))
	code, out, errOut := runCLI(t, "round", "--groups", "--min", "6", "--max", "8", "--iterations", "2000", "--db", db, "--date", "2027-01-04")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "skipped: e01: left the programme")
	assert.Contains(t, out, "round 1 on 2027-01-04: 6 groups, 0 not placed")
	st := loadDB(t, db)
	r := st.Programme.Rounds[0]
	assert.Equal(t, pgm.KindGroups, r.Kind)
	require.Len(t, r.Groups, 6)
	assert.Equal(t, "r1-g1", r.Groups[0].ID)
	rec, ok := parseRoundRecord(r.Options)
	require.True(t, ok, r.Options)
	assert.Equal(t, "groups", rec.Kind)
	assert.Contains(t, rec.Flags, [2]string{"max", "8"})

	// answers naming the group; health flags the group that did not meet
	g := r.Groups[0]
	var b strings.Builder
	b.WriteString("date,person,group,met,equitable\n")
	for _, m := range g.Members {
		b.WriteString("2027-02-15," + m + "," + g.ID + ",no,\n")
	}
	for _, m := range r.Groups[1].Members {
		b.WriteString("2027-02-15," + m + "," + r.Groups[1].ID + ",yes,4\n")
	}
	code, _, errOut = runCLI(t, "checkins", "import", writeFile(t, "g.csv", b.String()), "--db", db, "--date", "2027-12-31")
	require.Equal(t, 0, code, errOut)
	code, out, errOut = runCLI(t, "health", "--db", db, "--date", "2027-02-20")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "not_met   "+g.ID)
	assert.NotContains(t, out, r.Groups[1].ID+":")

	code, _, errOut = runCLI(t, "repair", "--db", db, "--date", "2027-03-01")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "round 1 formed groups: repair re-pairs the pairs of a pairs round")

	// the next groups round keeps earlier groups apart where it can
	code, _, errOut = runCLI(t, "round", "--groups", "--min", "6", "--max", "8", "--iterations", "2000", "--db", db, "--date", "2027-06-01")
	require.Equal(t, 0, code, errOut)
	r2 := loadDB(t, db).Programme.Rounds[1]
	assert.Equal(t, "r2-g1", r2.Groups[0].ID)
	for _, g2 := range r2.Groups {
		assert.NotEqual(t, g.Members, g2.Members)
	}
}

// TestProgrammeRepairUsesRoundRules: the round's pairing flags are
// recorded and repair applies them again unless given.
func TestProgrammeRepairUsesRoundRules(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rules.db")
	require.Equal(t, 0, first(runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04")))
	code, _, errOut := runCLI(t, "round", "--different-department", "--max-grade-gap", "2", "--never", "e02,e03", "--db", db, "--date", "2027-01-04")
	require.Equal(t, 0, code, errOut)
	r1 := loadDB(t, db).Programme.Rounds[0]
	rec, ok := parseRoundRecord(r1.Options)
	require.True(t, ok, r1.Options)
	assert.Equal(t, [][2]string{{"different-department", "true"}, {"max-grade-gap", "2"}, {"never", "e02,e03"}}, rec.Flags)

	code, out, errOut := runCLI(t, "export", "--db", db)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "pairs: --different-department=true --max-grade-gap=2 --never (a never-pair list, confidential)")
	assert.NotContains(t, out, "e02,e03")

	leaver := r1.Pairs[0].A
	require.Equal(t, 0, first(runCLI(t, "leave", leaver, "--db", db, "--date", "2027-02-01")))
	code, out, errOut = runCLI(t, "repair", "--db", db, "--date", "2027-02-01", "--dry-run")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "rules: round 1's (--different-department=true --max-grade-gap=2 --never (a never-pair list, confidential))")
	code, out, errOut = runCLI(t, "repair", "--db", db, "--date", "2027-02-01", "--max-grade-gap", "1")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "with --max-grade-gap=1 given here")

	st := loadDB(t, db)
	dept := map[string]string{}
	for _, x := range st.Programme.Roster.People {
		dept[x.ID] = x.Department
	}
	for _, p := range st.Programme.Rounds[0].Pairs {
		assert.NotEqual(t, dept[p.A], dept[p.B], "repair kept --different-department: %v", p)
	}
}
