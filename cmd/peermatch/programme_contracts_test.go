package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contractsDB returns a programme database of the demo roster with round
// 1 formed on 2027-01-04.
func contractsDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "ct.db")
	code, _, errOut := runCLI(t, "init", "../../skills/demo.csv", "--db", db, "--date", "2027-01-04", "--trial-months", "3")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-04", "--quiet")
	require.Equal(t, exitOK, code, errOut)
	return db
}

// TestContractsLastingPairs: after e02 leaves and a repair breaks three
// pairs, each person of the round has one contract (of the pair lasting
// now), and the pairs left out are counted with why; when everyone has
// left, nobody gets one.
func TestContractsLastingPairs(t *testing.T) {
	db := contractsDB(t)
	code, _, errOut := runCLI(t, "leave", "e02", "--db", db, "--date", "2027-02-01")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = runCLI(t, "repair", "--db", db, "--date", "2027-02-01", "--max-broken", "3")
	require.Equal(t, exitOK, code, errOut)

	out := filepath.Join(t.TempDir(), "c")
	code, stdout, errOut := runCLI(t, "contracts", "--db", db, "--out", out)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "20 contracts of round 1 written to")
	assert.Contains(t, stdout, "left out 4 pairs not lasting on 2027-02-01 with both partners active (1 dissolved as a partner left, 3 broken by a repair): c02+e02, ")
	seen := map[string]string{}
	mds := 0
	for _, n := range dirNames(t, out) {
		if !strings.HasSuffix(n, ".md") {
			continue
		}
		mds++
		parts := strings.Split(n, "-") // round, 1, A, B, hash
		require.Len(t, parts, 5, n)
		for _, id := range parts[2:4] {
			assert.Empty(t, seen[id], "%s has two contracts: %s and %s", id, seen[id], n)
			seen[id] = n
		}
	}
	assert.Equal(t, 20, mds)
	assert.Empty(t, seen["e02"], "e02 left")
	assert.NotEmpty(t, seen["c02"], "c02's new pair")

	// On an earlier day, the pairs the repair formed are not formed yet.
	code, stdout, errOut = runCLI(t, "contracts", "--db", db, "--out", filepath.Join(t.TempDir(), "d"), "--date", "2027-01-20")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "20 contracts of round 1")
	assert.Contains(t, stdout, "(4 formed after 2027-01-20)")

	code, _, errOut = runCLI(t, "contracts", "--db", db, "--out", out, "--date", "2026-12-31")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "round 1 starts on 2027-01-04")

	// Everyone leaves, with no repair yet: the pairs are not dissolved,
	// but nobody gets a contract.
	db = contractsDB(t)
	for _, id := range []string{"c02", "e02", "c03", "o05"} {
		code, _, errOut = runCLI(t, "leave", id, "--db", db, "--date", "2027-02-01")
		require.Equal(t, exitOK, code, errOut)
	}
	code, stdout, errOut = runCLI(t, "contracts", "--db", db, "--out", filepath.Join(t.TempDir(), "e"))
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "18 contracts of round 1")
	assert.Contains(t, stdout, "left out 2 pairs not lasting on 2027-02-01 with both partners active (2 with a partner who has left, not yet repaired): c02+e02, c03+o05")
}

// TestContractsKeepFilledIn: a contract that differs from what peermatch
// writes is kept and named; unchanged ones are left; a symlink at a
// contract's name is refused before anything is written, and its target
// is not touched.
func TestContractsKeepFilledIn(t *testing.T) {
	db := contractsDB(t)
	out := filepath.Join(t.TempDir(), "c")
	code, stdout, errOut := runCLI(t, "contracts", "--db", db, "--out", out)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "20 contracts of round 1 written to "+out+" (Markdown and HTML)\n", stdout, "unchanged for a plain round")
	names := dirNames(t, out)
	require.Len(t, names, 40)

	var filled string
	for _, n := range names {
		if strings.HasPrefix(n, "round-1-c03-o05-") && strings.HasSuffix(n, ".md") {
			filled = n
		}
	}
	require.NotEmpty(t, filled)
	require.NoError(t, os.WriteFile(filepath.Join(out, filled), []byte("my notes\n"), 0o644))
	code, stdout, errOut = runCLI(t, "contracts", "--db", db, "--out", out)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "1 file differing from what peermatch writes (filled in or edited) is kept, not overwritten: "+filled)
	got, err := os.ReadFile(filepath.Join(out, filled))
	require.NoError(t, err)
	assert.Equal(t, "my notes\n", string(got))
	assert.Equal(t, names, dirNames(t, out), "no temporary file left")

	// A symlink at one name: an error naming it, nothing written, the
	// file it points to unchanged.
	victim := filepath.Join(t.TempDir(), "victim")
	require.NoError(t, os.WriteFile(victim, []byte("keep me"), 0o644))
	out2 := filepath.Join(t.TempDir(), "c2")
	require.NoError(t, os.Mkdir(out2, 0o755))
	link := filepath.Join(out2, names[len(names)-1])
	require.NoError(t, os.Symlink(victim, link))
	code, _, errOut = runCLI(t, "contracts", "--db", db, "--out", out2)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, link+" is a symbolic link: no contract is written over it")
	assert.Contains(t, errOut, "no contract was written")
	assert.Equal(t, []string{names[len(names)-1]}, dirNames(t, out2))
	got, err = os.ReadFile(victim)
	require.NoError(t, err)
	assert.Equal(t, "keep me", string(got))
}

// TestContractsFolderAtName: a folder at a contract's name stops the
// command before any file is written, with the path in the error.
func TestContractsFolderAtName(t *testing.T) {
	db := contractsDB(t)
	ref := filepath.Join(t.TempDir(), "ref")
	code, _, errOut := runCLI(t, "contracts", "--db", db, "--out", ref)
	require.Equal(t, exitOK, code, errOut)
	names := dirNames(t, ref)

	out := filepath.Join(t.TempDir(), "c")
	dir := filepath.Join(out, names[len(names)-1])
	require.NoError(t, os.MkdirAll(dir, 0o755))
	code, _, errOut = runCLI(t, "contracts", "--db", db, "--out", out)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, dir+" is a folder: no contract is written over it; remove it or choose another --out folder; no contract was written")
	assert.Equal(t, []string{names[len(names)-1]}, dirNames(t, out))
}

// TestContractsOutIsFile: --out naming a file, or a path under one, is
// said plainly.
func TestContractsOutIsFile(t *testing.T) {
	db := contractsDB(t)
	f := writeFile(t, "notes.txt", "notes")
	code, _, errOut := runCLI(t, "contracts", "--db", db, "--out", f)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "--out "+f+" is a file, not a folder")
	code, _, errOut = runCLI(t, "contracts", "--db", db, "--out", filepath.Join(f, "sub"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "cannot create the folder "+filepath.Join(f, "sub")+": a file stands where a folder above it should be")
	assert.NotContains(t, errOut, "mkdir")
}

// TestContractsHostileNames: control characters and bidi overrides from
// the survey and from --cadence are shown as escapes in both files.
func TestContractsHostileNames(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	roster := writeFile(t, "h.csv", hostileRoster)
	code, _, errOut := runCLI(t, "init", roster, "--db", db, "--date", "2027-01-04")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = runCLI(t, "round", "--db", db, "--date", "2027-01-04", "--quiet")
	require.Equal(t, exitOK, code, errOut)
	out := filepath.Join(t.TempDir(), "c")
	code, stdout, errOut := runCLI(t, "contracts", "--db", db, "--out", out, "--cadence", "weekly\x1b[2J\u202e")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, stdout, "2 contracts of round 1")
	var all strings.Builder
	for _, n := range dirNames(t, out) {
		b, err := os.ReadFile(filepath.Join(out, n))
		require.NoError(t, err)
		requireTerminalSafe(t, string(b))
		all.Write(b)
	}
	for _, want := range []string{
		`Amara\x1b]0;pwned\a\x1b[2J`,      // HTML
		`Amara\\x1b\]0;pwned\\a\\x1b\[2J`, // Markdown
		`B\u202eevil`, `B\\u202eevil`,
		`weekly\x1b[2J\u202e`,
		"José Núñez", "李",
	} {
		assert.Contains(t, all.String(), want)
	}
}
