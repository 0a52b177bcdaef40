package main

import (
	"encoding/json"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvaluatePairsJSON(t *testing.T) {
	roster := demoFile(t)
	code, produced, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	pairsFile := writeFile(t, "pairs.json", produced)

	code, out, errOut := runCLI(t, "evaluate", roster, "--pairs", pairsFile, "--json")
	require.Equal(t, exitOK, code, errOut)
	var got struct {
		Pairing struct {
			Strategy string          `json:"strategy"`
			Metrics  json.RawMessage `json:"metrics"`
		} `json:"pairing"`
		Broken   []any    `json:"broken"`
		Problems []string `json:"problems"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	var want struct {
		Metrics json.RawMessage `json:"metrics"`
	}
	require.NoError(t, json.Unmarshal([]byte(produced), &want))
	assert.JSONEq(t, string(want.Metrics), string(got.Pairing.Metrics), "same metrics as the run that produced the pairs")
	assert.Equal(t, "evaluated", got.Pairing.Strategy)
	assert.Empty(t, got.Broken)
	assert.Empty(t, got.Problems)

	// the CSV output of pairs evaluates the same
	code, producedCSV, errOut := runCLI(t, "pairs", roster, "--csv")
	require.Equal(t, exitOK, code, errOut)
	code, outCSV, errOut := runCLI(t, "evaluate", roster, "--pairs", writeFile(t, "pairs.csv", producedCSV), "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, out, outCSV)

	code, text, errOut := runCLI(t, "evaluate", roster, "--pairs", pairsFile)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, text, "strategy: evaluated")
	assert.Contains(t, text, "broken rules: none")
}

func TestEvaluateManagerPair(t *testing.T) {
	roster := demoFile(t)
	r := skills.Demo()
	var boss, report string
	for _, p := range r.People {
		if _, ok := r.Index(p.Manager); ok && p.Manager != "" {
			boss, report = p.Manager, p.ID
			break
		}
	}
	require.NotEmpty(t, boss)
	edited := writeFile(t, "edited.csv", "a,b\n"+report+","+boss+"\nghost,"+report+"\n")
	code, out, errOut := runCLI(t, "evaluate", roster, "--pairs", edited)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "broken rules (1):")
	lo, hi := min(boss, report), max(boss, report)
	assert.Contains(t, out, lo+" – "+hi+": line_management (one is the other's line manager)")
	assert.Contains(t, out, `unknown person "ghost"`)

	code, out, errOut = runCLI(t, "evaluate", roster, "--pairs", edited, "--json")
	require.Equal(t, exitOK, code, errOut)
	var got struct {
		Broken []struct{ A, B, Rule, Reason string } `json:"broken"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got.Broken, 1)
	assert.Equal(t, lo, got.Broken[0].A)
	assert.Equal(t, hi, got.Broken[0].B)
	assert.Equal(t, "line_management", got.Broken[0].Rule)
}

func TestEvaluateErrors(t *testing.T) {
	roster := demoFile(t)
	code, _, errOut := runCLI(t, "evaluate", roster)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--pairs")
	code, _, errOut = runCLI(t, "evaluate", roster, "--pairs", writeFile(t, "bad.csv", "x,y\n1,2\n"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "needs columns a and b")
	code, out, _ := runCLI(t, "help", "evaluate")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "examples:")
}
