package pairing

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteTextTerminalSafe: ids, names, skills, reasons, notes and loads
// reach the table escaped, and ordinary names of every script unchanged.
func TestWriteTextTerminalSafe(t *testing.T) {
	esc := "\x1b]0;pwned\x07\x1b[2J"
	res := &Result{
		Strategy: "optimal",
		Pairs: []Pair{{
			A: "a" + esc, AName: "Amara\nforged row", B: "b", BName: "José Núñez", C: "c", CName: "李",
			ATeachesB: []SkillValue{{Skill: "Skill\u202eevil", Value: 1}},
			BTeachesA: []SkillValue{{Skill: "B\tX", Value: 1}},
			ATeachesC: []SkillValue{{Skill: "C\u009b2J", Value: 1}},
		}},
		Unmatched: []Unmatched{{ID: "u\xff", Name: "U", Reason: "odd count: " + esc}},
		Notes:     []string{"note " + esc},
		Loads:     []Load{{ID: "a" + esc, Load: 1, Capacity: 2}},
	}
	var b bytes.Buffer
	require.NoError(t, WriteText(&b, res))
	out := b.String()
	for _, bad := range []string{"\x1b", "\x07", "\t", "\u202e", "\x9b", "\xff"} {
		assert.NotContains(t, out, bad)
	}
	for _, l := range strings.Split(out, "\n") {
		assert.False(t, strings.HasPrefix(l, "forged"), l)
	}
	for _, want := range []string{`a\x1b]0;pwned\a\x1b[2J Amara\nforged row`, "b José Núñez", "c 李",
		`Skill\u202eevil`, `B\tX`, `C\u009b2J`, `u\ufffd U: odd count: \x1b`, `note: note \x1b`, `a\x1b]0;pwned\a\x1b[2J 1/2`} {
		assert.Contains(t, out, want)
	}
}

// TestWritersNilResult checks that the writers return an error for a nil
// *Result instead of dereferencing it.
func TestWritersNilResult(t *testing.T) {
	for _, write := range []func(io.Writer, *Result) error{WriteJSON, WriteCSV, WriteText} {
		require.Error(t, write(io.Discard, nil))
	}
}
