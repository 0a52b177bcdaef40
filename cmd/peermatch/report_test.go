package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// demoRosterFile writes the demo roster as JSON into a temporary folder.
func demoRosterFile(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, skills.WriteJSON(&b, skills.Demo()))
	return writeFile(t, "demo.json", b.String())
}

func TestReportCommand(t *testing.T) {
	in := demoRosterFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	args := []string{"report", in, "--html", out, "--start", "2027-01-11", "--tz", "Europe/Paris", "--date", "2027-01-04", "--title", "Demo <2027>"}
	code, stdout, stderr := runCLI(t, args...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "report written to "+out)
	assert.Contains(t, stdout, "23 pairs, 7 unmatched, 5 groups")
	assert.Contains(t, stdout, "default format, sizes 6–10 (seed 1)")

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	html := string(data)
	assert.Contains(t, html, "<title>Demo &lt;2027&gt;</title>")
	assert.Contains(t, html, "Generated on 4 January 2027")
	for _, p := range skills.Demo().People {
		assert.Contains(t, html, p.Name)
	}
	for _, g := range []string{"G1", "G2", "G3", "G4", "G5"} {
		assert.Contains(t, html, "<h3>Group "+g+"</h3>")
	}
	assert.Contains(t, html, "<h3>January 2027</h3>")
	assert.Contains(t, html, "Kickoff workshop")
	assert.Contains(t, html, "Europe/Paris")

	// Same input, same page; the CSV roster gives the same pairs and groups.
	code, _, stderr = runCLI(t, args...)
	require.Equal(t, exitOK, code, stderr)
	again, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, html, string(again))

	// With --check-ins the pairs' trial meetings join the calendar.
	code, _, stderr = runCLI(t, append(args, "--check-ins")...)
	require.Equal(t, exitOK, code, stderr)
	withCheckIns, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(withCheckIns), "contract start")
	assert.Contains(t, string(withCheckIns), `<td class="group">Pair `)
	assert.NotContains(t, html, "contract start")
	assert.Greater(t, strings.Count(string(withCheckIns), `<td class="date">`), strings.Count(html, `<td class="date">`)+24*3)
}

func TestReportCommandSmallRosters(t *testing.T) {
	for _, tc := range []struct {
		n        int
		managers bool
		groups   string
		note     string
		section  bool
	}{
		{7, false, "1 group,", "sizes 6–10", true},
		{4, false, "0 groups", "Groups: none, so no calendar of group sessions either: group sizes cannot partition", false},
		{7, true, "0 groups", "Groups: none, so no calendar of group sessions either: hard rules cannot be met", false},
	} {
		r := skills.Synthetic(tc.n, 6, 3, skills.SyntheticOptions{})
		if !tc.managers {
			for i := range r.People {
				r.People[i].Manager = ""
			}
		}
		var b bytes.Buffer
		require.NoError(t, skills.WriteCSV(&b, r))
		in := writeFile(t, "small.csv", b.String())
		out := filepath.Join(t.TempDir(), "r.html")
		code, stdout, stderr := runCLI(t, "report", in, "--html", out, "--start", "2027-01-11", "--date", "2027-01-04")
		require.Equal(t, exitOK, code, stderr)
		assert.Contains(t, stdout, tc.groups, "n=%d", tc.n)
		assert.Contains(t, stdout, tc.note, "n=%d", tc.n)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Contains(t, string(data), tc.note, "n=%d", tc.n)
		assert.Equal(t, tc.section, strings.Contains(string(data), `id="calendar"`), "n=%d", tc.n)
		assert.Contains(t, string(data), `id="pairs"`)
	}
}

func TestReportCommandErrors(t *testing.T) {
	in := demoRosterFile(t)
	out := filepath.Join(t.TempDir(), "r.html")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", in}, exitUsage, "missing --html OUT"},
		{[]string{"report", "--html", out}, exitUsage, "missing FILE"},
		{[]string{"report", in, "--html", out, "--start", "11/01/2027"}, exitUsage, "--start must be a date"},
		{[]string{"report", in, "--html", out, "--date", "today"}, exitUsage, `--date: bad value: date "today": expected YYYY-MM-DD`},
		// As with --db: "Generated on 1 January 0000" was written.
		{[]string{"report", in, "--html", out, "--date", "0000-01-01"}, exitUsage, "--date: date out of range: 0000-01-01: the year must be from 1900 to 9998"},
		{[]string{"report", in, "--html", out, "--date", "9999-12-31"}, exitUsage, "the year must be from 1900 to 9998"},
		{[]string{"report", in, "--html", out, "--seed", "x"}, exitUsage, "invalid value"},
		{[]string{"report", in, "--html", out, "--start", "2027-01-11", "--tz", "Mars/Base"}, exitInvalid, "Mars/Base"},
		{[]string{"report", filepath.Join(t.TempDir(), "nope.csv"), "--html", out}, exitInvalid, "no such file"},
		{[]string{"report", in, "--html", filepath.Join(t.TempDir(), "no", "such", "dir", "r.html"), "--start", "2027-01-11"}, exitInvalid, "cannot write"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		assert.Equal(t, tc.code, code, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no page is written on error")
}

// TestReportPairsFromFile: with --pairs FILE the page shows those pairs
// (section and summary) and the terminal counts them, as the check-ins of
// the calendar do; a CSV pairs file is scored against the roster.
func TestReportPairsFromFile(t *testing.T) {
	roster := demoFile(t)
	dir := t.TempDir()
	pairsJSON, groupsJSON := filepath.Join(dir, "pairs.json"), filepath.Join(dir, "groups.json")
	for _, c := range [][]string{{"pairs", roster, "--json"}, {"groups", roster, "--json"}} {
		code, stdout, stderr := runCLI(t, c...)
		require.Equal(t, exitOK, code, stderr)
		target := pairsJSON
		if c[0] == "groups" {
			target = groupsJSON
		}
		require.NoError(t, os.WriteFile(target, []byte(stdout), 0o644))
	}
	code, pairsCSV, stderr := runCLI(t, "pairs", roster, "--csv")
	require.Equal(t, exitOK, code, stderr)
	csvPath := writeFile(t, "pairs.csv", pairsCSV)

	out := filepath.Join(dir, "r.html")
	for _, tc := range []struct{ name, pairs, note string }{
		{"json", pairsJSON, "Pairs: read from pairs.json."},
		{"csv", csvPath, "scored against the roster"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "report", groupsJSON, "--roster", roster, "--pairs", tc.pairs, "--html", out, "--start", "2027-01-11", "--date", "2027-01-04")
			require.Equal(t, exitOK, code, stderr)
			assert.Contains(t, stdout, "23 pairs, 7 unmatched, 5 groups")
			data, err := os.ReadFile(out)
			require.NoError(t, err)
			html := string(data)
			for _, want := range []string{`<section id="pairs">`, "<dt>Buddy pairs</dt><dd>23 (", tc.note, "contract start"} {
				assert.True(t, strings.Contains(html, want), "the page lacks %q", want)
			}
		})
	}
	// A CSV without the roster has no metrics to show: no section, and
	// the page says why.
	code, _, stderr = runCLI(t, "report", groupsJSON, "--pairs", csvPath, "--html", out, "--date", "2027-01-04")
	require.Equal(t, exitOK, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.False(t, strings.Contains(string(data), `<section id="pairs">`))
	assert.True(t, strings.Contains(string(data), "pairs.csv is a CSV file, which holds no metrics"))
}

// TestReportTargets: --html replaces the report of an earlier run, but a
// user's own file, a symlink (even to a report), a dangling symlink and a
// folder are refused with their path and left as they are; the path is
// shown escaped, and a missing folder is named without a temporary file.
func TestReportTargets(t *testing.T) {
	roster := demoRosterFile(t)
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	reportArgs := func(out string) []string {
		return []string{"report", roster, "--html", out, "--start", "2027-01-11", "--date", "2027-01-04"}
	}
	require.NoError(t, os.WriteFile(at("mine.html"), []byte("<!DOCTYPE html>\n<html lang=\"en\">\nmy notes</html>\n"), 0o644))
	require.NoError(t, os.WriteFile(at("short.html"), []byte("x"), 0o644))
	code, _, errOut := runCLI(t, reportArgs(at("old.html"))...)
	require.Equal(t, exitOK, code, errOut)
	old, err := os.ReadFile(at("old.html"))
	require.NoError(t, err)
	require.NoError(t, os.Symlink(at("old.html"), at("link.html")))
	require.NoError(t, os.Symlink(at("nowhere.html"), at("dangling.html")))
	require.NoError(t, os.Mkdir(at("dir.html"), 0o755))

	code, _, errOut = runCLI(t, reportArgs(at("old.html"))...)
	assert.Equal(t, exitOK, code, "an earlier report is replaced: %s", errOut)
	for _, tc := range []struct{ name, want string }{
		{"mine.html", "mine.html exists and is not a peermatch report: it is not overwritten"},
		{"short.html", "short.html exists and is not a peermatch report"},
		{"link.html", "link.html is a symbolic link: no report is written through it"},
		{"dangling.html", "dangling.html is a symbolic link"},
		{"dir.html", "dir.html is a folder"},
		{filepath.Join("nodir", "x.html"), "nodir/x.html: no such file or directory"},
	} {
		code, _, errOut := runCLI(t, reportArgs(at(tc.name))...)
		assert.Equal(t, exitInvalid, code, tc.name)
		assert.Contains(t, errOut, tc.want, tc.name)
		assert.NotContains(t, errOut, ".tmp", tc.name)
	}
	mine, err := os.ReadFile(at("mine.html"))
	require.NoError(t, err)
	assert.Equal(t, "<!DOCTYPE html>\n<html lang=\"en\">\nmy notes</html>\n", string(mine))
	now, err := os.ReadFile(at("old.html"))
	require.NoError(t, err)
	assert.Equal(t, old, now, "same input, same page")
	_, err = os.Lstat(at("nowhere.html"))
	assert.True(t, errors.Is(err, os.ErrNotExist), "nothing is written through a dangling symlink")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasSuffix(e.Name(), ".tmp"), e.Name())
	}

	code, out, errOut := runCLI(t, reportArgs(at("r\x1b[2J.html"))...)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, `r\x1b[2J.html: 23 pairs`)
	assert.NotContains(t, out, "\x1b")
}

// TestReportDBRefusesIgnoredFlags: with --db the survey, pairs and groups
// come from the database, so --roster, --pairs and the group-forming
// flags are usage errors (they were ignored without a word); the plan
// flags still apply.
func TestReportDBRefusesIgnoredFlags(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	code, _, errOut := runCLI(t, "init", demoFile(t), "--db", db, "--date", "2027-01-04")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-04")
	require.Equal(t, exitOK, code, errOut)
	base := []string{"report", "--db", db, "--html", filepath.Join(dir, "r.html"), "--date", "2027-02-01"}
	for _, tc := range []struct{ flag, value string }{
		{"--roster", "x.csv"}, {"--pairs", "x.json"}, {"--min", "3"}, {"--seed", "4"}, {"--together", "e01,e02"},
	} {
		code, _, errOut := runCLI(t, append(base, tc.flag, tc.value)...)
		assert.Equal(t, exitUsage, code, tc.flag)
		assert.Contains(t, errOut, tc.flag+" does not apply to --db", tc.flag)
	}
	code, _, errOut = runCLI(t, append(base, "--tz", "Europe/Paris", "--check-ins")...)
	assert.Equal(t, exitOK, code, errOut)
}
