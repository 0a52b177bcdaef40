package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reproductions of issue 20 items 1–4 end at once with an error that
// names the line, the value and the limit; nothing reaches the output.
func TestSolverHostileInput(t *testing.T) {
	for _, tc := range []struct {
		name, cmd, content string
		flags              []string
		want               []string
	}{
		{"item 1 huge weight", "match", "2 1\n0 1 1e308\n", []string{"--maxcard"}, []string{"line 2", "1e308", "MaxWeight"}},
		{"item 2 many columns", "assign", "0 2147483648\n", nil, []string{"line 1", "2147483648", "MaxDim"}},
		{"item 2 many vertices", "match", "67108864 0\n", nil, []string{"line 1", "67108864", "MaxVertices"}},
		{"item 3 makeslice", "assign", "0 9223372036854775807\n", nil, []string{"line 1", "9223372036854775807", "MaxDim"}},
		{"item 4 lost optimum", "match", "4 3\n0 1 8e307\n1 2 1.7e308\n2 3 8e307\n", []string{"--json"}, []string{"line 2", "8e307", "MaxWeight"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "instance.txt", tc.content)
			code, out, errOut := runCLI(t, append([]string{tc.cmd, path}, tc.flags...)...)
			assert.NotEqual(t, exitOK, code)
			assert.Empty(t, out)
			for _, w := range tc.want {
				assert.Contains(t, errOut, w)
			}
		})
	}
}

// Item 4 within the limits: the heavy middle edge wins and --json carries
// finite numbers.
func TestMatchNearWeightLimit(t *testing.T) {
	path := writeFile(t, "w.txt", "4 3\n0 1 4e14\n1 2 1e15\n2 3 4e14\n")
	code, out, errOut := runCLI(t, "match", path, "--json")
	require.Equal(t, exitOK, code, errOut)
	var got matchOutput
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, 1e15, got.Total)
	assert.Equal(t, 1e15, got.DualObjective)
	assert.Equal(t, []int{-1, 2, 1, -1}, got.Mate)
}

func TestSolverHelpStatesLimits(t *testing.T) {
	for cmd, want := range map[string][]string{
		"match":  {"10000000 vertices", "100000000 edges", "1e+15"},
		"assign": {"10000000 rows", "134217728 cells", "1e+15"},
	} {
		code, out, _ := runCLI(t, "help", cmd)
		require.Equal(t, exitOK, code)
		for _, w := range want {
			assert.Contains(t, out, w, cmd)
		}
	}
}
