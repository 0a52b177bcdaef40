package main

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/schemas"
)

// The JSON of mentor and evaluate (pairs and groups, clean and with a
// broken rule) is valid under its schema.
func TestCommandJSONSchemas(t *testing.T) {
	c := jsonschema.NewCompiler()
	for _, n := range schemas.Names() {
		b, _ := schemas.Get(n)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err, n)
		require.NoError(t, c.AddResource(schemas.BaseURI+n, doc), n)
	}
	check := func(name, out string) {
		t.Helper()
		s, err := c.Compile(schemas.BaseURI + name)
		require.NoError(t, err)
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(out)))
		require.NoError(t, err)
		require.NoError(t, s.Validate(v), "%s:\n%s", name, out)
	}
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "mentor", roster, "--mentors", "e01,s01,o01,c01", "--json")
	require.Equal(t, exitOK, code, errOut)
	check("mentor.schema.json", out)

	code, out, errOut = runCLI(t, "pairs", roster, "--csv")
	require.Equal(t, exitOK, code, errOut)
	pairs := writeFile(t, "pairs.csv", out+"e02,e01,,,,,,,,,,,,,,,\n") // e01 manages e02
	code, out, errOut = runCLI(t, "evaluate", roster, "--pairs", pairs, "--json")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "line_management")
	check("evaluate.schema.json", out)

	code, out, errOut = runCLI(t, "groups", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	groups := writeFile(t, "groups.json", out)
	code, out, errOut = runCLI(t, "evaluate", roster, "--groups", groups, "--json")
	require.Equal(t, exitOK, code, errOut)
	check("evaluate.schema.json", out)
}
