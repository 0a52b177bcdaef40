package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileRoster is issue 20's reproduction, widened: an escape sequence (title
// write, BEL, screen clear) in a name, a raw newline and a tab in a quoted
// name, a clipboard write in a department, a bidi override in a skill name,
// and ordinary accented and CJK names that must come out unchanged.
const hostileRoster = "id,name,grade,department,focus,have:A,want:A,have:B\u202eevil,want:B\u202eevil\n" +
	"a,Amara\x1b]0;pwned\x07\x1b[2J,1,Ops\x1b]52;c;cm0gLXJm\x07,x\x1b[2J,5,0,0,5\n" +
	"b,\"B\nforged  row  100.0\tX\",1,Ops,x\x1b[2J,0,5,5,0\n" +
	"c,José Núñez,1,Ops,x\x1b[2J,5,0,0,5\n" +
	"d,李,1,Ops,x\x1b[2J,0,5,5,0\n"

// requireTerminalSafe fails when s holds ESC, BEL, another control character
// than a line break, or a line that does not come from the writer's layout:
// no line may start with the forged text.
func requireTerminalSafe(t *testing.T, s string) {
	t.Helper()
	for i, r := range s {
		if r == '\n' {
			continue
		}
		require.False(t, r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e',
			"control character %U at byte %d in\n%s", r, i, strings.ReplaceAll(s, "\x1b", "ESC"))
	}
	for _, l := range strings.Split(s, "\n") {
		require.False(t, strings.HasPrefix(strings.TrimSpace(l), "forged"), "forged line %q", l)
	}
}

func TestHostileNamesText(t *testing.T) {
	roster := writeFile(t, "e.csv", hostileRoster)
	for _, args := range [][]string{
		{"pairs", roster},
		{"pairs", roster, "--strategy", "greedy"},
		{"groups", roster, "--min", "2", "--max", "2"},
		{"validate", roster},
	} {
		code, out, errOut := runCLI(t, args...)
		require.Equal(t, exitOK, code, "%v: %s", args, errOut)
		requireTerminalSafe(t, out)
		requireTerminalSafe(t, errOut)
		if args[0] != "validate" {
			assert.Contains(t, out, `Amara\x1b]0;pwned\a\x1b[2J`, args)
			assert.Contains(t, out, `B\nforged  row  100.0\tX`, args)
			assert.Contains(t, out, "José Núñez", args)
			assert.Contains(t, out, "李", args)
		}
		assert.Contains(t, out, `B\u202eevil`, args)
	}
	_, out, _ := runCLI(t, "validate", roster)
	assert.Contains(t, out, `Ops\x1b]52;c;cm0gLXJm\a`)
}

func TestHostileNamesDataOutputsUnchanged(t *testing.T) {
	// JSON and CSV are data: JSON escapes by itself, CSV quotes, and the
	// names come back as read.
	roster := writeFile(t, "e.csv", hostileRoster)
	code, out, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "\x1b")
	assert.NotContains(t, out, "\x07")
	var doc pairsDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Contains(t, out, "B\u202eevil", "the skill name as read")
}

func TestHostileErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		name, content, want string
	}{
		// an unknown column whose quoted header holds a newline and a screen clear
		{"header", "id,\"bogus\n\x1b[2Jforged\"\na,1\n", `bogus\n\x1b[2Jforged`},
		// a bad grade with a title write
		{"grade", "id,grade\na,1\x1b]0;pwned\x07\n", `1\x1b]0;pwned\a`},
		// an id with an escape, refused at its cell
		{"id", "id\na\x1b[2J\n", `a\x1b[2J`},
	} {
		roster := writeFile(t, "e.csv", tc.content)
		for _, cmd := range []string{"pairs", "groups", "validate"} {
			code, out, errOut := runCLI(t, cmd, roster)
			require.Equal(t, exitInvalid, code, "%s %s: %s", tc.name, cmd, out)
			requireTerminalSafe(t, errOut)
			assert.Contains(t, errOut, tc.want, "%s %s", tc.name, cmd)
		}
	}
	// a file name with an escape sequence, echoed by the error and a usage error
	code, _, errOut := runCLI(t, "validate", "no\x1b[2Jsuch.csv")
	assert.Equal(t, exitInvalid, code)
	requireTerminalSafe(t, errOut)
	assert.Contains(t, errOut, `no\x1b[2Jsuch.csv`)
	code, _, errOut = runCLI(t, "validate", "a\x1b[2J.csv", "b\n.csv")
	assert.Equal(t, exitUsage, code)
	requireTerminalSafe(t, errOut)
}

func TestHostileWarnings(t *testing.T) {
	// a manager outside the roster is kept as an id, so one with an escape
	// is an error at its cell (an ordinary one is a warning), echoed
	// escaped by pairs and validate.
	roster := writeFile(t, "w.csv", "id,manager,have:A,want:A\na,boss\x1b[2J\x07,5,0\nb,,0,5\n")
	for _, cmd := range []string{"pairs", "validate"} {
		code, out, errOut := runCLI(t, cmd, roster)
		require.Equal(t, exitInvalid, code, errOut)
		requireTerminalSafe(t, out)
		requireTerminalSafe(t, errOut)
		assert.Contains(t, errOut, `w.csv:2:2: manager: bad value: manager "boss\x1b[2J\a"`, cmd)
	}
}

func TestSafeMessageKeepsLayout(t *testing.T) {
	in := "invalid roster: 2 problems in e.csv:\n\te.csv:2:1: x\x1b[2J\n\tand 3 more"
	assert.Equal(t, "invalid roster: 2 problems in e.csv:\n\te.csv:2:1: x\\x1b[2J\n\tand 3 more", safeMessage(in))
	assert.Equal(t, "José Núñez 李", safeMessage("José Núñez 李"))
}

// TestHostileNeverList: never-pair lists relate at most maxNeverPairs
// pairs in all (a list naming a whole large roster took gigabytes), and
// the usage error echoes a long refused value in short.
func TestHostileNeverList(t *testing.T) {
	roster := demoFile(t)
	ids := make([]string, 1415) // 1,415·1,414/2 = 1,000,405 pairs
	for i := range ids {
		ids[i] = fmt.Sprintf("x%04d", i)
	}
	code, _, errOut := runCLI(t, "pairs", roster, "--never", strings.Join(ids, ","))
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, `invalid value "x0000,x0001,x0002,x0003,x0004,x0005,x0006,x0007,…" (8489 bytes) for flag -never: the lists relate 1000405 pairs with this one of 1415 ids, more than the limit of 1000000 pairs`)
	// the limit counts every list: two lists of 1,000 ids are too many
	code, _, errOut = runCLI(t, "pairs", roster, "--never", strings.Join(ids[:1000], ","), "--never", strings.Join(ids[1000:1414], ","))
	require.Equal(t, exitInvalid, code, "1000·999/2 + 414·413/2 = 585,000 pairs pass the limit: %s", errOut)
	require.Contains(t, errOut, `unknown person "x0000"`)

	code, _, errOut = runCLI(t, "pairs", roster, "--seed", "x")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, `invalid value "x" for flag -seed: want a whole number`, "a short value is echoed whole")
}
