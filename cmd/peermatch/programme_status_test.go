package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	pgm "github.com/peermatch/peermatch/programme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fourSurvey: a and c teach Go and want SQL, b and d the other way round;
// everyone is grade 3.
const fourSurvey = "id,name,email,grade,years,have:Go,want:Go,have:SQL,want:SQL\n" +
	"a,Ann,ann@example.org,3,2,5,0,0,5\n" +
	"b,Bo,bo@example.org,3,9,0,5,5,0\n" +
	"c,Cy,cy@example.org,3,4,4,0,0,4\n" +
	"d,Di,di@example.org,3,12,0,4,4,0\n"

// newFour starts a programme of fourSurvey on 2027-01-04 with round 1.
func newFour(t *testing.T) (db string, r1 pgm.Round) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "four.db")
	code, _, errOut := runCLI(t, "init", writeFile(t, "four.csv", fourSurvey), "--db", db, "--date", "2027-01-04")
	require.Equal(t, 0, code, errOut)
	code, _, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-04")
	require.Equal(t, 0, code, errOut)
	st := loadDB(t, db)
	require.Len(t, st.Programme.Rounds, 1)
	require.Len(t, st.Programme.Rounds[0].Pairs, 2)
	return db, st.Programme.Rounds[0]
}

// inPair reports whether id is in a lasting pair of r.
func inPair(r pgm.Round, id string) bool {
	for _, p := range r.Pairs {
		if p.Dissolved.IsZero() && (p.A == id || p.B == id) {
			return true
		}
	}
	return false
}

// TestProgrammeJoin: newcomers join, and repair pairs them without
// touching the pairs of the round.
func TestProgrammeJoin(t *testing.T) {
	db, r1 := newFour(t)
	newcomers := writeFile(t, "new.csv", "id,name,grade,years,have:Go,want:Go,have:SQL,want:SQL\ne,Ed,3,1,4,0,0,4\nf,Fi,3,7,0,4,4,0\n")
	code, out, errOut := runCLI(t, "join", newcomers, "--db", db, "--date", "2027-02-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "2 joined on 2027-02-01: e, f")

	code, out, errOut = runCLI(t, "repair", "--db", db, "--date", "2027-02-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "formed:    e (Ed) + f (Fi)")
	assert.Contains(t, out, "2 of 2 affected paired, 0 pairs broken")
	r := loadDB(t, db).Programme.Rounds[0]
	require.Len(t, r.Pairs, 3)
	assert.Equal(t, r1.Pairs, r.Pairs[:2], "the round's pairs are kept")
	assert.Equal(t, "2027-02-01", fmtDay(r.Pairs[2].Formed))

	// bad input: someone already in the programme, a date before its start
	code, _, errOut = runCLI(t, "join", newcomers, "--db", db, "--date", "2027-02-02")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "new.csv")
	code, _, errOut = runCLI(t, "join", writeFile(t, "g.csv", "id,have:Go\ng,4\n"), "--db", db, "--date", "2026-12-01")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "--date 2026-12-01 is before the programme's start, 2027-01-04")
	assert.Equal(t, 6, loadDB(t, db).Programme.Roster.Len(), "nothing added")
}

// TestProgrammePauseResume: a paused person is skipped by rounds until
// their date; resume brings them back before it.
func TestProgrammePauseResume(t *testing.T) {
	db, r1 := newFour(t)
	code, out, errOut := runCLI(t, "pause", "a", "--db", db, "--date", "2027-02-01", "--until", "2027-06-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "a (Ann) pauses on 2027-02-01 until 2027-06-01")
	partner := r1.Pairs[0].B
	if r1.Pairs[0].A != "a" {
		partner = map[bool]string{true: r1.Pairs[1].B, false: r1.Pairs[1].A}[r1.Pairs[1].A == "a"]
	}
	assert.Contains(t, out, "their partner "+partner)

	code, out, errOut = runCLI(t, "round", "--db", db, "--date", "2027-03-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "skipped: a: paused until 2027-06-01")
	r2 := loadDB(t, db).Programme.Rounds[1]
	assert.False(t, inPair(r2, "a") || unpairedIn(r2, "a"), "a is not in round 2")

	code, out, errOut = runCLI(t, "resume", "a", "--db", db, "--date", "2027-03-10")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "a (Ann) is back on 2027-03-10")

	code, out, errOut = runCLI(t, "round", "--db", db, "--date", "2027-04-05")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, out, "skipped: a:")
	r3 := loadDB(t, db).Programme.Rounds[2]
	assert.True(t, inPair(r3, "a") || unpairedIn(r3, "a"), "a is back in round 3")
}

func TestProgrammeStatusBadInput(t *testing.T) {
	db, _ := newFour(t)
	require.Equal(t, 0, first(runCLI(t, "leave", "d", "--db", db, "--date", "2027-02-01")))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown id", []string{"leave", "zed"}, 1, `"zed": unknown person`},
		{"resume of someone not paused", []string{"resume", "b"}, 1, "b (Bo) is not paused on 2027-03-01"},
		{"pause twice", []string{"pause", "c", "--until", "2027-05-01"}, 0, "c (Cy) pauses"},
		{"already paused", []string{"pause", "c"}, 1, "c (Cy) is paused already on 2027-03-01 (until 2027-05-01)"},
		{"leave twice", []string{"leave", "d"}, 1, "d (Di) has left the programme already"},
		{"date before the programme", []string{"leave", "b", "--date", "2026-12-31"}, 1, "--date 2026-12-31 is before the programme's start, 2027-01-04"},
		{"until before date", []string{"pause", "b", "--until", "2027-02-01"}, 2, "--until 2027-02-01 is not after --date 2027-03-01"},
		{"bad date", []string{"resume", "b", "--date", "1/3/2027"}, 2, "ambiguous"},
		{"no id", []string{"leave"}, 2, "want one participant ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(tt.args, "--db", db)
			if !strings.Contains(strings.Join(tt.args, " "), "--date") {
				args = append(args, "--date", "2027-03-01")
			}
			code, out, errOut := runCLI(t, args...)
			assert.Equal(t, tt.code, code, out+errOut)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
	events := loadDB(t, db).Programme.Events
	assert.Len(t, events, 2, "only d's leave and c's pause are recorded: %v", events)
}

func first(code int, _, _ string) int { return code }

// TestProgrammeOutcomes: retention and promotion of the demo's partners
// against non-participants, with Wilson intervals, and groups too small
// to rate.
func TestProgrammeOutcomes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "out.db")
	require.Equal(t, 0, first(runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04")))
	require.Equal(t, 0, first(runCLI(t, "round", "--db", db, "--date", "2027-01-04")))
	st := loadDB(t, db)
	paired := map[string]bool{}
	for _, p := range st.Programme.Rounds[0].Pairs {
		paired[p.A], paired[p.B] = true, true
	}
	// Every fourth partner leaves within the year, every third is promoted;
	// 30 non-participants, of whom every second leaves.
	var b strings.Builder
	b.WriteString("id,left_on,promoted_on,grade,department\n")
	partners, left, promoted := 0, 0, 0
	for _, x := range st.Programme.Roster.People {
		if !paired[x.ID] {
			fmt.Fprintf(&b, "%s,,,,\n", x.ID)
			continue
		}
		l, pr := "", ""
		if partners%4 == 0 {
			l = "2027-06-30"
			left++
		}
		if partners%3 == 0 {
			pr = "2027-09-01"
			promoted++
		}
		partners++
		fmt.Fprintf(&b, "%s,%s,%s,,\n", x.ID, l, pr)
	}
	for i := 0; i < 30; i++ {
		l := ""
		if i%2 == 0 {
			l = "2027-05-01"
		}
		fmt.Fprintf(&b, "x%02d,%s,,%d,Outside\n", i, l, 1+i%3)
	}
	hr := writeFile(t, "hr.csv", b.String())

	code, out, errOut := runCLI(t, "outcomes", hr, "--db", db, "--date", "2028-02-01", "--months", "12")
	require.Equal(t, 0, code, errOut)
	rate := func(k, n int) string {
		lo, hi := pgm.Wilson(k, n, pgm.WilsonZ)
		return fmt.Sprintf("%d/%d %.0f%% (%.0f-%.0f%%)", k, n, 100*float64(k)/float64(n), 100*lo, 100*hi)
	}
	assert.Contains(t, out, "outcomes after 12 months, as of 2028-02-01")
	var partnerRow, nonRow string
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) > 2 && f[1] == "all" {
			switch f[0] {
			case "partner":
				partnerRow = line
			case "non_participant":
				nonRow = line
			}
		}
	}
	require.NotEmpty(t, partnerRow, out)
	assert.Contains(t, partnerRow, rate(partners-left, partners))
	assert.Contains(t, partnerRow, rate(promoted, partners))
	non := 30 + st.Programme.Roster.Len() - partners
	assert.Contains(t, nonRow, rate(non-15, non))
	assert.Contains(t, out, "(too few to rate)", "small grade and department groups are counted, not rated")

	code, out, errOut = runCLI(t, "outcomes", hr, "--db", db, "--date", "2028-02-01", "--json")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `"too_few": true`)
	assert.Contains(t, out, `"min_group": 10`)

	// not a year yet: nobody is counted
	code, out, errOut = runCLI(t, "outcomes", hr, "--db", db, "--date", "2027-06-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "whose 12 months have not ended")

	bad := writeFile(t, "bad.csv", "id,left_on,salary\np1,2027-13-01,3\n")
	code, _, errOut = runCLI(t, "outcomes", bad, "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "bad.csv:1:3: salary: unknown column")
	code, _, errOut = runCLI(t, "outcomes", hr, "--db", db, "--months", "0")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--months and --min-group want 1 or more")
}

// TestContractFileNames: ids that differ only in characters a file name
// drops get different contract files, and names stay short.
func TestContractFileNames(t *testing.T) {
	a, b := contractFileBase(1, "josé", "x"), contractFileBase(1, "josè", "x")
	assert.NotEqual(t, a, b)
	assert.Regexp(t, `^round-1-jos_-x-[0-9a-f]{8}$`, a)
	long := contractFileBase(12, strings.Repeat("a", 300), strings.Repeat("b", 300))
	assert.LessOrEqual(t, len(long), 80)
}
