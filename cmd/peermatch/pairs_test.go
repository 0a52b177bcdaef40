package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pairsDoc is the part of `pairs --json` the tests read.
type pairsDoc struct {
	Strategy string `json:"strategy"`
	Pairs    []struct {
		A         string `json:"a"`
		B         string `json:"b"`
		C         string `json:"c"`
		Score     float64
		ATeachesB []struct {
			Skill string  `json:"skill"`
			Value float64 `json:"value"`
		} `json:"a_teaches_b"`
	} `json:"pairs"`
	Unmatched []struct {
		ID     string `json:"id"`
		Reason string `json:"reason"`
	} `json:"unmatched"`
	Metrics map[string]any `json:"metrics"`
	Loads   []struct {
		ID       string `json:"id"`
		Load     int    `json:"load"`
		Capacity int    `json:"capacity"`
	} `json:"loads"`
}

func TestPairsCommand(t *testing.T) {
	roster := demoFile(t)
	for _, s := range []string{"optimal", "maxmin", "stable", "greedy", "random"} {
		code, out, errOut := runCLI(t, "pairs", roster, "--strategy", s, "--json")
		require.Equal(t, exitOK, code, "%s: %s", s, errOut)
		var doc pairsDoc
		require.NoError(t, json.Unmarshal([]byte(out), &doc), s)
		assert.Equal(t, s, doc.Strategy)
		assert.NotEmpty(t, doc.Pairs, s)
		// optimal, greedy and random honour the demo's capacities of 2;
		// maxmin and stable give everyone one buddy and say so
		capacity := map[string]int{}
		for _, l := range doc.Loads {
			capacity[l.ID] = l.Capacity
		}
		if s == "maxmin" || s == "stable" {
			assert.Empty(t, doc.Loads, s)
		} else {
			assert.Len(t, doc.Loads, 48, s)
		}
		seen := map[string]bool{}
		count := map[string]int{}
		for _, p := range doc.Pairs {
			for _, id := range []string{p.A, p.B, p.C} {
				if id == "" {
					continue
				}
				count[id]++
				assert.LessOrEqual(t, count[id], max(1, capacity[id]), "%s: %s over capacity", s, id)
				seen[id] = true
			}
		}
		for _, u := range doc.Unmatched {
			assert.False(t, seen[u.ID], "%s: %s matched and unmatched", s, u.ID)
			assert.NotEmpty(t, u.Reason)
			seen[u.ID] = true
		}
		assert.Len(t, seen, 48, "%s: everyone is a partner or unmatched with a reason", s)
		assert.NotEmpty(t, doc.Metrics)
	}

	code, out, errOut := runCLI(t, "pairs", roster)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "strategy: optimal")
	assert.Contains(t, out, "load: ")

	code, out, errOut = runCLI(t, "pairs", roster, "--ignore-capacity")
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "load: ")

	code, _, errOut = runCLI(t, "pairs", roster, "--trio")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "--ignore-capacity")

	code, out, errOut = runCLI(t, "pairs", roster, "--csv")
	require.Equal(t, exitOK, code, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	assert.Greater(t, len(rows), 1)
}

func TestPairsHistoryAvoidsRepeats(t *testing.T) {
	roster := demoFile(t)
	code, first, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	history := writeFile(t, "round1.json", first)
	code, second, errOut := runCLI(t, "pairs", roster, "--history", history, "--json")
	require.Equal(t, exitOK, code, errOut)

	var a, b pairsDoc
	require.NoError(t, json.Unmarshal([]byte(first), &a))
	require.NoError(t, json.Unmarshal([]byte(second), &b))
	before := map[[2]string]bool{}
	for _, p := range a.Pairs {
		before[[2]string{p.A, p.B}] = true
		before[[2]string{p.B, p.A}] = true
	}
	for _, p := range b.Pairs {
		assert.False(t, before[[2]string{p.A, p.B}], "pair %s+%s repeated", p.A, p.B)
	}
}

func TestPairsErrors(t *testing.T) {
	roster := demoFile(t)
	code, _, errOut := runCLI(t, "pairs", roster, "--strategy", "best")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--strategy")

	code, _, errOut = runCLI(t, "pairs", roster, "--max-grade-gap", "one")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "max-grade-gap")

	lonely := writeFile(t, "one.csv", "id,name,have:Coaching,want:Delegation\nana,Ana,4,3\n")
	code, _, errOut = runCLI(t, "pairs", lonely)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "one.csv has 1 person: pairing needs at least two")
}

// A beginner does not teach an expert, and --min-teach-level moves the
// level from which someone teaches.
func TestPairsTeachingLevel(t *testing.T) {
	path := writeFile(t, "two.csv", "id,name,have:Coaching,want:Coaching,have:Budgeting,want:Budgeting\nana,Ana,1,4,4,\nbo,Bo,4,5,2,3\n")
	code, out, errOut := runCLI(t, "pairs", path, "--json")
	require.Equal(t, exitOK, code, errOut)
	var doc pairsDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Pairs, 1)
	p := doc.Pairs[0]
	require.Equal(t, "ana", p.A)
	// Ana (1) does not teach Bo (4) Coaching; she teaches him Budgeting (4 over 2).
	require.Len(t, p.ATeachesB, 1)
	assert.Equal(t, "Budgeting", p.ATeachesB[0].Skill)
	// From level 5 on, nobody here teaches anything.
	code, out, errOut = runCLI(t, "pairs", path, "--min-teach-level", "5")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "0 pairs")
	assert.Contains(t, out, "nothing to exchange")
	code, _, errOut = runCLI(t, "pairs", path, "--min-teach-level", "0")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--min-teach-level")
}

// --history says what it read, and refuses a groups document.
func TestPairsHistorySummary(t *testing.T) {
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	h := writeFile(t, "round1.json", out)
	code, _, errOut = runCLI(t, "pairs", roster, "--history", h)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, errOut, "round1.json: 1 round, 23 pairs, 7 unmatched")
	code, out, errOut = runCLI(t, "groups", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	g := writeFile(t, "groups.json", out)
	code, _, errOut = runCLI(t, "pairs", roster, "--history", g)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "this is a groups document")
}

// TestPairsFlagsThatNeedAnother: a flag that acts only with another is a
// usage error without it (it was ignored without a word): --seed without
// the random strategy, the repeat penalty's flags without --repeats
// penalise, and the earlier rounds' flags without --history.
func TestPairsFlagsThatNeedAnother(t *testing.T) {
	roster := demoFile(t)
	code, hist, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	history := writeFile(t, "h.json", hist)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--seed", "3"}, "--seed acts only with --strategy random"},
		{[]string{"--seed", "3", "--strategy", "greedy"}, "--seed acts only with --strategy random"},
		{[]string{"--repeat-penalty", "5", "--history", history}, "--repeat-penalty acts only with --repeats penalise"},
		{[]string{"--repeat-decay", "0.3", "--repeats", "allow", "--history", history}, "--repeat-decay acts only with --repeats penalise"},
		{[]string{"--repeats", "penalise"}, "--repeats acts only with --history (the earlier rounds)"},
		{[]string{"--unmatched-bonus", "3"}, "--unmatched-bonus acts only with --history"},
		{[]string{"--seed", "3", "--strategy", "random"}, ""},
		{[]string{"--repeats", "penalise", "--repeat-penalty", "5", "--repeat-decay", "0.3", "--unmatched-bonus", "1", "--history", history}, ""},
	} {
		code, _, errOut := runCLI(t, append([]string{"pairs", roster}, tc.args...)...)
		if tc.want == "" {
			assert.Equal(t, exitOK, code, "%q: %s", tc.args, errOut)
			continue
		}
		assert.Equal(t, exitUsage, code, "%q", tc.args)
		assert.Contains(t, errOut, tc.want, "%q", tc.args)
	}
}
