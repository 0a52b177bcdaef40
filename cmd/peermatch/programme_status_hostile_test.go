package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	pgm "github.com/peermatch/peermatch/programme"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgrammeDateRange: every --date (and --start, --until) must fall in
// the years 1900–9998. 0001-01-01 is Go's zero time, which the programme
// reads as "no date": accepted, it printed "starting ," and exported
// "formed":"".
func TestProgrammeDateRange(t *testing.T) {
	survey := writeFile(t, "four.csv", fourSurvey)
	for _, args := range [][]string{
		{"init", survey, "--date", "0001-01-01"},
		{"init", survey, "--date", "1000-01-01"},
		{"init", survey, "--date", "1500-06-01"},
		{"init", survey, "--date", "9999-01-01"},
		{"init", survey, "--date", "2027-01-04", "--start", "0001-01-01"},
	} {
		db := filepath.Join(t.TempDir(), "z.db")
		code, out, errOut := runCLI(t, append(args, "--db", db)...)
		assert.Equal(t, 2, code, "%v: %s%s", args, out, errOut)
		assert.Contains(t, errOut, "the year must be from 1900 to 9998", args)
		assert.NoFileExists(t, db)
	}
	db, _ := newFour(t)
	for _, args := range [][]string{
		{"leave", "a", "--date", "0001-01-01"},
		{"pause", "a", "--date", "2027-02-01", "--until", "0001-01-01"},
		{"round", "--date", "1500-01-01"},
		{"repair", "--date", "0001-01-01"},
	} {
		code, out, errOut := runCLI(t, append(args, "--db", db)...)
		assert.Equal(t, 2, code, "%v: %s%s", args, out, errOut)
		assert.Contains(t, errOut, "the year must be from 1900 to 9998", args)
	}
	assert.Empty(t, loadDB(t, db).Programme.Events)
	assert.Len(t, loadDB(t, db).Programme.Rounds, 1)
}

// TestProgrammeLeaveContradictions: a leave (or pause) dated before a later
// round that includes the person was accepted, so the export showed them
// leaving and then paired; a second leave of an earlier date was recorded
// too.
func TestProgrammeLeaveContradictions(t *testing.T) {
	db, _ := newFour(t)
	code, _, errOut := runCLI(t, "round", "--db", db, "--date", "2027-04-07")
	require.Equal(t, 0, code, errOut)
	r2 := loadDB(t, db).Programme.Rounds[1]
	require.True(t, inPair(r2, "a"), "a is paired in round 2: %+v", r2)

	for _, cmd := range []string{"leave", "pause"} {
		code, out, errOut := runCLI(t, cmd, "a", "--db", db, "--date", "2027-04-05")
		assert.Equal(t, 1, code, out+errOut)
		assert.Contains(t, errOut, "in round 2 from 2027-04-07", cmd)
	}
	code, out, errOut := runCLI(t, "pause", "a", "--db", db, "--date", "2027-04-05", "--until", "2027-04-07")
	require.Equal(t, 0, code, out+errOut)

	code, out, errOut = runCLI(t, "leave", "b", "--db", db, "--date", "2027-05-01")
	require.Equal(t, 0, code, out+errOut)
	for _, d := range []string{"2027-04-20", "2027-05-01", "2027-06-01"} {
		code, out, errOut = runCLI(t, "leave", "b", "--db", db, "--date", d)
		assert.Equal(t, 1, code, out+errOut)
		assert.Regexp(t, "left on 2027-05-01|has left the programme already", errOut, d)
	}
	assert.Len(t, loadDB(t, db).Programme.Events, 2, "a's pause and b's leave only")
}

// TestPartnerOnFormed: the partner named on a day is one of a pair formed
// by then, not one that repair formed later in the same round.
func TestPartnerOnFormed(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	p := pgm.Programme{Rounds: []pgm.Round{{Number: 1, Formed: d("2027-01-04"), Kind: pgm.KindPairs,
		Pairs: []pgm.Pair{{A: "a", B: "b", Formed: d("2027-01-04"), Dissolved: d("2027-02-01")}, {A: "a", B: "c", Formed: d("2027-03-01")}}}}}
	assert.Equal(t, "b", partnerOn(p, "a", d("2027-01-20")))
	assert.Equal(t, "", partnerOn(p, "a", d("2027-02-10")))
	assert.Equal(t, "c", partnerOn(p, "a", d("2027-03-01")))
}

// TestProgrammeWaitRange: --wait 597h overflowed SQLite's millisecond busy
// timeout and failed at once as "in use by another peermatch command";
// --wait -5s was taken as "do not wait". Both are usage errors now.
func TestProgrammeWaitRange(t *testing.T) {
	db, _ := newFour(t)
	for w, want := range map[string]string{"597h": "more than the longest wait, 24h", "25h": "longest wait", "-5s": "a negative wait", "soon": "want a duration"} {
		code, out, errOut := runCLI(t, "export", "--db", db, "--wait", w)
		assert.Equal(t, 2, code, out+errOut)
		assert.Contains(t, errOut, want, w)
	}
	for _, w := range []string{"24h", "0", "1ms"} {
		code, out, errOut := runCLI(t, "export", "--db", db, "--wait", w)
		assert.Equal(t, 0, code, w+": "+out+errOut)
	}
	code, out, errOut := runCLI(t, "leave", "a", "--db", db, "--date", "2027-02-01", "--wait", "24h")
	assert.Equal(t, 0, code, out+errOut)
}

// TestProgrammeReadOnlyFolder: a database the user may neither write nor
// create files beside (SQLite's -shm) could not even be exported ("attempt
// to write a readonly database (1544)"). The commands that only read open
// it read-only; a change names the file and the reason. It runs as root,
// dropping to the nobody user with setpriv.
func TestProgrammeReadOnlyFolder(t *testing.T) {
	setpriv, err := exec.LookPath("setpriv")
	if os.Geteuid() != 0 || err != nil {
		t.Skip("needs root and setpriv to run as another user")
	}
	db, _ := newFour(t)
	bin := buildPeermatch(t)
	dir, err := os.MkdirTemp("", "pmro")
	require.NoError(t, err)
	defer os.RemoveAll(dir)
	ro := filepath.Join(dir, "ro.db")
	copyFile(t, db, ro)
	require.NoError(t, os.Chmod(ro, 0o444))
	require.NoError(t, os.Chmod(bin, 0o755))
	require.NoError(t, os.Chmod(filepath.Dir(bin), 0o755))
	require.NoError(t, os.Chmod(dir, 0o555))
	as := func(args ...string) (string, error) {
		out, err := exec.Command(setpriv, append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin}, args...)...).CombinedOutput()
		return string(out), err
	}
	out, err := as("export", "--db", ro)
	require.NoError(t, err, out)
	assert.Contains(t, out, "participants: 4")
	for _, args := range [][]string{{"health", "--date", "2027-02-01"}, {"report", "--html", filepath.Join(os.TempDir(), filepath.Base(dir)+".html"), "--date", "2027-02-01"}} {
		out, err = as(append(args, "--db", ro)...)
		require.NoError(t, err, "%v: %s", args, out)
	}
	defer os.Remove(filepath.Join(os.TempDir(), filepath.Base(dir)+".html"))
	out, err = as("leave", "a", "--db", ro, "--date", "2027-02-01")
	assert.Error(t, err)
	assert.Contains(t, out, ro+": cannot open the programme database for writing: you may not write the file")
	_, err = os.Stat(ro + "-shm")
	assert.Error(t, err, "nothing created beside it")
}
