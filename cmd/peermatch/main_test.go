package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
