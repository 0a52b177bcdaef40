package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestDemoImport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-out", out, "-start", "2027-01-11", "-tz", "Europe/Paris"}, &stdout))
	assert.Contains(t, stdout.String(), "using the demo roster")
	assert.Contains(t, stdout.String(), "48 people: 23 pairs (7 unmatched), 5 groups")

	pairs := readCSVFile(t, filepath.Join(out, "pairs.csv"))
	assert.Len(t, pairs, 1+23+7, "header, one row per pair and one per unmatched person")
	groups := readCSVFile(t, filepath.Join(out, "groups.csv"))
	assert.Len(t, groups, 1+48, "header and one row per person")

	files, err := filepath.Glob(filepath.Join(out, "*.ics"))
	require.NoError(t, err)
	assert.Len(t, files, 5+48, "one calendar per group and per person")
	g1, err := os.ReadFile(filepath.Join(out, schedule.GroupFileName("G1")))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(g1), "BEGIN:VCALENDAR\r\n"))
	assert.Contains(t, string(g1), "TZID=Europe/Paris")
	assert.Equal(t, 11, strings.Count(string(g1), "BEGIN:VEVENT"), "kickoff and 10 sessions")
	// A person's calendar has their group's sessions and their pair's check-ins.
	p, err := os.ReadFile(filepath.Join(out, schedule.PersonFileName("c02")))
	require.NoError(t, err)
	assert.Contains(t, string(p), "contract start")
	assert.Greater(t, strings.Count(string(p), "BEGIN:VEVENT"), 11)

	// Same input, same files.
	out2 := filepath.Join(t.TempDir(), "out")
	require.NoError(t, run(context.Background(), []string{"-out", out2, "-start", "2027-01-11", "-tz", "Europe/Paris"}, &bytes.Buffer{}))
	for _, name := range []string{"pairs.csv", "groups.csv", schedule.GroupFileName("G1"), schedule.PersonFileName("c02")} {
		a, _ := os.ReadFile(filepath.Join(out, name))
		b, _ := os.ReadFile(filepath.Join(out2, name))
		assert.Equal(t, string(a), string(b), name)
	}
}

func TestImportSmallSurvey(t *testing.T) {
	r := skills.Synthetic(7, 5, 2, skills.SyntheticOptions{})
	for i := range r.People {
		r.People[i].Manager = ""
	}
	var b bytes.Buffer
	require.NoError(t, skills.WriteCSV(&b, r))
	in := filepath.Join(t.TempDir(), "survey.csv")
	require.NoError(t, os.WriteFile(in, b.Bytes(), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	var stdout bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-out", out, "-start", "2027-01-11", in}, &stdout))
	assert.Contains(t, stdout.String(), "using groups of 6–10")
	assert.Contains(t, stdout.String(), "7 people:")
	assert.FileExists(t, filepath.Join(out, schedule.GroupFileName("G1")))
	assert.FileExists(t, filepath.Join(out, schedule.PersonFileName("p1")))
}

func TestImportErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("id,have:Coaching\nana,9\n"), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	err := run(context.Background(), []string{"-out", out, bad}, &bytes.Buffer{})
	require.ErrorIs(t, err, skills.ErrInvalidRoster)
	assert.Contains(t, err.Error(), "bad.csv:2:2")

	assert.Error(t, run(context.Background(), []string{"-bogus"}, &bytes.Buffer{}))
	assert.Error(t, run(context.Background(), []string{"-start", "soon"}, &bytes.Buffer{}))
	assert.Error(t, run(context.Background(), []string{"a.csv", "b.csv"}, &bytes.Buffer{}))
	assert.Error(t, run(context.Background(), []string{filepath.Join(t.TempDir(), "missing.csv")}, &bytes.Buffer{}))
}

// TestImportCalendarFiles is issue 20 item 5 for hr-import: ids that
// differ only in characters a file name drops get a calendar each, a
// second run into the same folder replaces the calendars, and a planted
// symlink is refused without being followed.
func TestImportCalendarFiles(t *testing.T) {
	r := skills.Synthetic(8, 5, 2, skills.SyntheticOptions{})
	ids := []string{"josé", "josè", "a/b", "a_b", strings.Repeat("ü", 150), "p6", "p7", "p8"}
	for i := range r.People {
		r.People[i].Manager = ""
		r.People[i].ID = ids[i]
	}
	var b bytes.Buffer
	require.NoError(t, skills.WriteCSV(&b, r))
	in := filepath.Join(t.TempDir(), "survey.csv")
	require.NoError(t, os.WriteFile(in, b.Bytes(), 0o644))
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"-out", out, "-start", "2027-01-11", in}
	require.NoError(t, run(context.Background(), args, &bytes.Buffer{}))
	for _, p := range r.People {
		data, err := os.ReadFile(filepath.Join(out, schedule.PersonFileName(p.ID)))
		require.NoError(t, err, p.ID)
		assert.Contains(t, string(data), "X-WR-CALNAME:peermatch "+p.Name+"\r\n", "each id has its own calendar")
	}
	files, err := filepath.Glob(filepath.Join(out, "*.ics"))
	require.NoError(t, err)
	assert.Len(t, files, 1+len(ids))

	require.NoError(t, run(context.Background(), args, &bytes.Buffer{}), "a second run replaces the calendars")
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Len(t, entries, 2+1+len(ids), "pairs.csv, groups.csv and the calendars; no temporary file")

	target := filepath.Join(t.TempDir(), "precious")
	require.NoError(t, os.WriteFile(target, []byte("keep"), 0o644))
	link := filepath.Join(out, schedule.PersonFileName("a_b"))
	require.NoError(t, os.Remove(link))
	require.NoError(t, os.Symlink(target, link))
	err = run(context.Background(), args, &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), link+" exists and is not a peermatch calendar")
	data, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "keep", string(data))
}
