package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgrammeInitChanges: a survey update that changes many people the
// same way (a skill column removed) says so in one line, not a line a
// person, and an id whose name and e-mail both change is warned about:
// its history would pass to whoever the id now stands for.
func TestProgrammeInitChanges(t *testing.T) {
	db := filepath.Join(t.TempDir(), "init.db")
	survey := "id,name,email,grade,have:A,want:A,have:B,want:B\n" +
		"a,Ann,ann@x.org,1,3,0,0,4\nb,Bo,bo@x.org,1,0,4,3,0\nc,Cy,cy@x.org,1,3,0,0,4\nd,Di,di@x.org,1,0,4,3,0\ne,Ed,ed@x.org,1,3,0,0,4\n"
	require.Equal(t, 0, first(runCLI(t, "init", writeFile(t, "s1.csv", survey), "--db", db, "--date", "2027-01-04")))

	// column B removed; d's name and e-mail replaced
	var b strings.Builder
	b.WriteString("id,name,email,grade,have:A,want:A\n")
	b.WriteString("a,Ann,ann@x.org,1,3,0\nb,Bo,bo@x.org,1,0,4\nc,Cy,cy@x.org,1,3,0\nd,Eve,eve@x.org,1,0,4\ne,Ed,ed@x.org,1,3,0\n")
	code, out, errOut := runCLI(t, "init", writeFile(t, "s2.csv", b.String()), "--db", db, "--date", "2027-02-01")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "  changed (3 people): want:b: a, c, e\n")
	assert.Contains(t, out, "  changed: b: have:b\n")
	assert.Contains(t, out, "  changed: d: email, have:b, name\n")
	assert.Contains(t, out, "  warning: d: both the name and the e-mail changed")
	assert.NotContains(t, out, "warning: a:")
}
