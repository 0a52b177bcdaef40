package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildPeermatch builds the command into a temporary folder.
func buildPeermatch(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "peermatch")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// syntheticSurvey writes a synthetic roster of n people as CSV.
func syntheticSurvey(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), fmt.Sprintf("survey%d.csv", n))
	f, err := os.Create(p)
	require.NoError(t, err)
	require.NoError(t, skills.WriteCSV(f, skills.Synthetic(n, 12, 7, skills.SyntheticOptions{})))
	require.NoError(t, f.Close())
	return p
}

// manyAnswers writes answers of every lasting pair of r, both members, on
// weeks consecutive Mondays from the round's date: 2·pairs·weeks rows.
func manyAnswers(t *testing.T, r pgm.Round, weeks int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("date,person,partner,met,equitable,progress,comments\n")
	for w := 1; w <= weeks; w++ {
		day := fmtDay(r.Formed.AddDate(0, 0, 7*w))
		for _, p := range r.Pairs {
			fmt.Fprintf(&b, "%s,%s,%s,yes,4,3,week %d\n%s,%s,%s,yes,5,4,\n", day, p.A, p.B, w, day, p.B, p.A)
		}
	}
	p := filepath.Join(t.TempDir(), "answers.csv")
	require.NoError(t, os.WriteFile(p, []byte(b.String()), 0o644))
	return p
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.Create(to)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}

// counts opens db (recovering its log), checks its integrity and returns the
// number of rounds, pairs and check-in answers.
func counts(t *testing.T, db string) (rounds, pairs, answers int) {
	t.Helper()
	s, err := store.Open(context.Background(), db, store.Options{})
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Integrity(context.Background()))
	st, err := s.Load(context.Background())
	require.NoError(t, err)
	for _, r := range st.Programme.Rounds {
		pairs += len(r.Pairs)
	}
	return len(st.Programme.Rounds), pairs, len(st.Programme.CheckIns)
}

// killAt starts bin with args, kills it with SIGKILL after d, and reports
// whether it had finished by then.
func killAt(t *testing.T, bin string, d time.Duration, args ...string) bool {
	t.Helper()
	cmd := exec.Command(bin, args...)
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err)
		return true
	case <-time.After(d):
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	<-done
	return false
}

// TestProgrammeCrashSafety kills peermatch round and checkins import with
// SIGKILL at random moments: the database must pass PRAGMA integrity_check
// and hold the round or the import completely or not at all.
func TestProgrammeCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it many times")
	}
	bin := buildPeermatch(t)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	survey := syntheticSurvey(t, 3000)
	out, err := exec.Command(bin, "init", survey, "--db", base, "--date", "2027-01-04").CombinedOutput()
	require.NoError(t, err, string(out))

	// the reference: a round run to the end
	full := filepath.Join(dir, "full.db")
	copyFile(t, base, full)
	start := time.Now()
	out, err = exec.Command(bin, "round", "--db", full, "--date", "2027-01-04").CombinedOutput()
	require.NoError(t, err, string(out))
	roundTime := time.Since(start)
	_, wantPairs, _ := counts(t, full)
	require.Positive(t, wantPairs)

	rng := rand.New(rand.NewPCG(1, 2))
	sawKill := 0
	for i := range 6 {
		db := filepath.Join(dir, fmt.Sprintf("round%d.db", i))
		copyFile(t, base, db)
		d := time.Duration(rng.Float64() * 1.2 * float64(roundTime))
		finished := killAt(t, bin, d, "round", "--db", db, "--date", "2027-01-04")
		rounds, pairs, _ := counts(t, db)
		switch rounds {
		case 0:
			assert.False(t, finished)
			assert.Zero(t, pairs, "no half round")
			sawKill++
		case 1:
			assert.Equal(t, wantPairs, pairs, "the whole round (killed after %v)", d)
		default:
			t.Fatalf("%d rounds", rounds)
		}
	}
	assert.Positive(t, sawKill, "some kill landed before the commit")

	// check-in imports into the full database
	st := loadDB(t, full)
	answers := manyAnswers(t, st.Programme.Rounds[0], 20)
	wantAnswers := 2 * 20 * len(st.Programme.Rounds[0].Pairs)
	ref := filepath.Join(dir, "ref.db")
	copyFile(t, full, ref)
	start = time.Now()
	out, err = exec.Command(bin, "checkins", "import", answers, "--db", ref, "--date", "2027-12-31").CombinedOutput()
	require.NoError(t, err, string(out))
	importTime := time.Since(start)
	_, _, got := counts(t, ref)
	require.Equal(t, wantAnswers, got)
	sawKill = 0
	for i := range 6 {
		db := filepath.Join(dir, fmt.Sprintf("import%d.db", i))
		copyFile(t, full, db)
		d := time.Duration(rng.Float64() * 1.2 * float64(importTime))
		finished := killAt(t, bin, d, "checkins", "import", answers, "--db", db, "--date", "2027-12-31")
		_, _, n := counts(t, db)
		if n == 0 {
			assert.False(t, finished)
			sawKill++
		} else {
			assert.Equal(t, wantAnswers, n, "the whole import or nothing (killed after %v)", d)
		}
	}
	assert.Positive(t, sawKill, "some kill landed before the commit")
}

// TestProgrammeSecondWriter: while one command holds the database, a second
// writer waits --wait and then fails with a clear message; readers go on.
func TestProgrammeSecondWriter(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, _, errOut := runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04")
	require.Equal(t, 0, code, errOut)
	s, err := store.Open(context.Background(), db, store.Options{})
	require.NoError(t, err)
	defer s.Close()
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- s.Update(context.Background(), func(tx *store.Tx) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	start := time.Now()
	code, _, errOut = runCLI(t, "leave", "c01", "--db", db, "--date", "2027-02-01", "--wait", "300ms")
	assert.Equal(t, 1, code)
	assert.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond, "it waited")
	assert.Contains(t, errOut, "the programme database is in use by another peermatch command")
	code, out, errOut := runCLI(t, "export", "--db", db)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "participants: 48")
	close(release)
	require.NoError(t, <-done)
	// once free, the same command goes through
	code, _, errOut = runCLI(t, "leave", "c01", "--db", db, "--date", "2027-02-01")
	assert.Equal(t, 0, code, errOut)
}
