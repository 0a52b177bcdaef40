package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCLI runs peermatch with args and returns the exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut, false)
	return code, out.String(), errOut.String()
}

// writeFile writes content to a file in a temporary folder and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "--help")
	assert.Equal(t, exitOK, code)
	for name := range commands {
		assert.Contains(t, out, name)
	}
	assert.Contains(t, out, "examples:")

	code, out, _ = runCLI(t, "help", "validate")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "usage: peermatch validate FILE")

	code, _, errOut := runCLI(t)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "commands:")
}

func TestUnknownCommand(t *testing.T) {
	code, _, errOut := runCLI(t, "valdate", "x.csv")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown command "valdate"`)
	assert.Contains(t, errOut, `did you mean "validate"?`)
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"validate"}, "missing FILE"},
		{[]string{"validate", "a.csv", "b.csv"}, "expected one FILE"},
		{[]string{"validate", "a.csv", "--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"match"}, "missing FILE"},
		{[]string{"assign", "--json"}, "missing FILE"},
		{[]string{"demo", "extra.csv"}, "demo takes no FILE"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		assert.Equal(t, exitUsage, code, "%v", tc.args)
		assert.Contains(t, errOut, tc.want, "%v", tc.args)
		assert.Contains(t, errOut, "usage: peermatch", "%v", tc.args)
	}
}

func TestMissingFile(t *testing.T) {
	code, _, errOut := runCLI(t, "validate", filepath.Join(t.TempDir(), "nope.csv"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "no such file")
	assert.Contains(t, errOut, "`peermatch demo` runs without one", "a missing survey points to the demo")

	// other inputs do not point to the demo; "-" is not standard input
	db := filepath.Join(t.TempDir(), "p.db")
	require.Equal(t, 0, first(runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04")))
	code, _, errOut = runCLI(t, "checkins", "import", "-", "--db", db)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "cannot open -: no such file (give the path of a check-in answers CSV; standard input is not read: save it to a file)")
	assert.NotContains(t, errOut, "peermatch demo")

	code, _, errOut = runCLI(t, "validate", t.TempDir())
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "is a folder")
}

func TestFlagsAfterFile(t *testing.T) {
	c := &command{name: "x", args: "FILE"}
	fs := newFlags(c)
	j := fs.Bool("json", false, "")
	n := fs.Int("seed", 0, "")
	pos, err := parseFlags(c, fs, []string{"--seed", "3", "a.csv", "--json", "--", "-b"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.csv", "-b"}, pos)
	assert.True(t, *j)
	assert.Equal(t, 3, *n)
}

func TestValidate(t *testing.T) {
	good := writeFile(t, "roster.csv", "id,name,grade,have:Coaching,want:Delegation\na,Ann,2,4,1\nb,Bo,2,1,3\n")
	code, out, errOut := runCLI(t, "validate", good)
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "valid roster")
	assert.Contains(t, out, "people:")

	bad := writeFile(t, "bad.csv", "id,name,have:Coaching\na,Ann,9\na,Bo,x\n")
	code, _, errOut = runCLI(t, "validate", bad)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "bad.csv:2:3")
	assert.Contains(t, errOut, "bad.csv:3:")

	semi := writeFile(t, "semi.csv", "id;name;have:Coaching\na;Ann;3\n")
	code, out, errOut = runCLI(t, "validate", semi)
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "semicolon-separated")

	bom := writeFile(t, "excel.csv", "\xef\xbb\xbfid,name\r\na,Ann\r\nb,Bo\r\n")
	code, _, errOut = runCLI(t, "validate", bom)
	assert.Equal(t, exitOK, code, errOut)
}

func TestDemoRuns(t *testing.T) {
	code, out, errOut := runCLI(t, "demo")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "people:")
}

// TestHelpSectionsListEveryCommand: every command has its place in the
// sectioned command list of `peermatch help`.
func TestHelpSectionsListEveryCommand(t *testing.T) {
	in := map[string]bool{}
	for _, sec := range helpSections {
		for _, n := range sec.names {
			assert.Contains(t, commands, n, "a section names an unknown command")
			in[n] = true
		}
	}
	for _, n := range commandNames() {
		assert.True(t, in[n], "command %s is in no help section", n)
	}
}

// TestFlagGuards: an empty value and a second, different value of a flag
// that takes one are usage errors naming the flag, never a silent fall back
// to the default (no calendars for `--ics "$UNSET"`, no history for
// `--history=`) or a silent override; repeatable flags and a repeat of the
// same value still work.
func TestFlagGuards(t *testing.T) {
	roster := demoFile(t)
	for _, tc := range []struct {
		args []string
		want string // "" for success
	}{
		{[]string{"schedule", roster, "--ics", ""}, `invalid value "" for flag -ics: an empty value (leave --ics out for its default)`},
		{[]string{"schedule", roster, "--tz="}, `leave --tz out for its default`},
		{[]string{"schedule", roster, "--pairs", ""}, `leave --pairs out`},
		{[]string{"pairs", roster, "--history="}, `leave --history out`},
		{[]string{"mentor", roster, "--mentors", "e01", "--mentees", ""}, `leave --mentees out`},
		{[]string{"groups", roster, "--no-isolated", ""}, `leave --no-isolated out`},
		{[]string{"report", roster, "--html", filepath.Join(t.TempDir(), "r.html"), "--db", ""}, `leave --db out`},
		{[]string{"schedule", roster, "--tz", "UTC", "--tz", "Europe/Paris"}, `invalid value "Europe/Paris" for flag -tz: already given as "UTC" (--tz takes one value)`},
		{[]string{"pairs", roster, "--seed", "1", "--json", "--seed", "2"}, `already given as "1" (--seed takes one value)`},
		{[]string{"pairs", roster, "--weight-tag", "language=1", "--weight-tag", "language=2"}, `already given as "language=1"`},
		{[]string{"pairs", roster, "--strategy", "greedy", "--strategy=random"}, `already given as "greedy"`},
		{[]string{"--sheet=", "validate", roster}, "--sheet needs the name of a worksheet"},
		{[]string{"--config=", "validate", roster}, "--config needs the path of a programme file"},
		{[]string{"--config", "a.yaml", "validate", roster, "--config=b.yaml"}, `--config is given twice, as "a.yaml" and "b.yaml"`},
		{[]string{"--sheet", "a", "--sheet", "b", "validate", roster}, `--sheet is given twice`},
		{[]string{"pairs", roster, "--never", "e01,e02", "--never", "e03,e04", "--json", "--json"}, ""},
		{[]string{"schedule", roster, "--tz", "UTC", "--tz", "UTC", "--blackout", "2027-02-01", "--blackout", "2027-03-01", "--start", "2027-01-11"}, ""},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if tc.want == "" {
			assert.Equal(t, exitOK, code, "%q: %s", tc.args, errOut)
			continue
		}
		assert.Equal(t, exitUsage, code, "%q: %s", tc.args, errOut)
		assert.Contains(t, errOut, tc.want, "%q", tc.args)
	}
}

// TestFlagNumberErrors: a value a number or duration flag cannot read
// names what the flag takes, not only "parse error".
func TestFlagNumberErrors(t *testing.T) {
	roster := demoFile(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"pairs", roster, "--seed", "-1"}, `invalid value "-1" for flag -seed: want a whole number from 0 to 18446744073709551615`},
		{[]string{"pairs", roster, "--seed", "18446744073709551616"}, "want a whole number from 0 to 18446744073709551615"},
		{[]string{"pairs", roster, "--seed", "١"}, "want a whole number from 0 to"},
		{[]string{"groups", roster, "--min", "1e3"}, `invalid value "1e3" for flag -min: want a whole number such as 3`},
		{[]string{"pairs", roster, "--similar-years", "1e309"}, "want a number such as 0.5"},
		{[]string{"groups", roster, "--time-limit", "5"}, "want a length such as 90s, 30m or 2h"},
		{[]string{"pairs", roster, "--json=maybe"}, "want true or false"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		assert.Equal(t, exitUsage, code, "%q", tc.args)
		assert.Contains(t, errOut, tc.want, "%q", tc.args)
		assert.NotContains(t, errOut, "parse error", "%q", tc.args)
	}
}

// TestLongArgumentsEchoedShort: an unknown flag, an unknown command, extra
// arguments and a repeated --sheet are echoed as their first characters
// and their length, not a screenful (they were echoed whole).
func TestLongArgumentsEchoedShort(t *testing.T) {
	long := strings.Repeat("a", 100000)
	for _, args := range [][]string{
		{"pairs", "x.csv", "--" + long},
		{long},
		{"help", long},
		{"pairs", "x.csv", long},
		{"version", long},
		{"--sheet", "s", "--sheet", long, "validate", "x.csv"},
	} {
		code, _, errOut := runCLI(t, args...)
		assert.Equal(t, exitUsage, code)
		first, _, _ := strings.Cut(errOut, "\n")
		assert.Less(t, len(first), 300, "%.80s", first)
		assert.Contains(t, first, "… (1000", "%.80s", first)
	}
}
