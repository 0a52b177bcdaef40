package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTemplate(t *testing.T) {
	code, out, errOut := runCLI(t, "template", "--skills", "Coaching, Delegation")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "id,name,email,grade,years,department,manager,location,capacity,focus,unavailable,lead,have:Coaching,have:Delegation,want:Coaching,want:Delegation\n", out)

	// A facilitator fills in rows and validate reads them as named.
	path := writeFile(t, "survey.csv", out+"ana,Ana,ana@example.org,3,,Sales,,,,,,,4,,,5\nben,Ben,,3,,Support,,,,,,,,5,4,\n")
	code, out, errOut = runCLI(t, "validate", path)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "columns: all 16 read as named")

	code, out, _ = runCLI(t, "template", "--skills", "Coaching", "--describe")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "have:Coaching  the person's level in Coaching")
	assert.Equal(t, 14, strings.Count(out, "\n"))

	code, out, _ = runCLI(t, "template", "--skills", "Coaching", "--xlsx")
	require.Equal(t, exitOK, code)
	assert.True(t, bytes.HasPrefix([]byte(out), []byte("PK\x03\x04")))
	xlsx := filepath.Join(t.TempDir(), "survey.xlsx")
	require.NoError(t, os.WriteFile(xlsx, []byte(out), 0o600))
	_, _, errOut = runCLI(t, "validate", xlsx)
	assert.Contains(t, errOut, "the file has a header but no people")

	for _, tt := range []struct {
		args []string
		code int
		text string
	}{
		{[]string{"template"}, exitUsage, "--skills is required"},
		{[]string{"template", "--skills", "A", "x.csv"}, exitUsage, "takes no FILE"},
		{[]string{"template", "--skills", "A", "--xlsx", "--describe"}, exitUsage, "cannot be used together"},
		{[]string{"template", "--skills", "A,a"}, exitInvalid, `skill "a" is given twice`},
		{[]string{"template", "--skills", "A,,B"}, exitInvalid, "empty skill name"},
	} {
		code, _, errOut := runCLI(t, tt.args...)
		assert.Equal(t, tt.code, code, tt.args)
		assert.Contains(t, errOut, tt.text, tt.args)
	}
}

func TestValidatePrintsTheMapping(t *testing.T) {
	path := writeFile(t, "answers.csv", "Timestamp,Email Address,Full name,Coaching [I can teach],Coaching [I want to learn]\n"+
		"2027/01/04,ana@example.org,Ana,Expert,No\n2027/01/04,ben@example.org,Ben,Beginner,Yes\n")
	code, out, errOut := runCLI(t, "validate", path)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "columns (a Google Forms export):\n")
	assert.Contains(t, out, "  Timestamp                  → -              recognised (Google Forms), ignored\n")
	assert.Contains(t, out, "  Email Address              → email          recognised (Google Forms); also the id\n")
	assert.Contains(t, out, "  Coaching [I want to learn] → want:Coaching  recognised (Google Forms grid question)\n")
	assert.Contains(t, out, `no id column: each person's e-mail from column "Email Address", lower-cased, is their id`)
}

// TestTemplateDescribeEscapes: a skill name's bidi override or line
// separator shows escaped in the description as in the name (the
// description printed it raw), and the names line up by their escaped width.
func TestTemplateDescribeEscapes(t *testing.T) {
	code, out, errOut := runCLI(t, "template", "--skills", "A\u202eB,C\u2028D,É", "--describe")
	require.Equal(t, exitOK, code, errOut)
	requireTerminalSafe(t, out)
	assert.Contains(t, out, `have:A\u202eB  the person's level in A\u202eB:`)
	assert.Contains(t, out, `want:C\u2028D  how much the person wants to learn C\u2028D:`)
	assert.Contains(t, out, "have:É         the person's level in É:")
}
