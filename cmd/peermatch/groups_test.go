package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupsCommand(t *testing.T) {
	roster := demoFile(t)

	code, out, errOut := runCLI(t, "groups", roster)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Group G1 (")
	assert.Contains(t, out, "topics:")
	assert.Empty(t, errOut, "no progress when stderr is not a terminal")

	code, out, errOut = runCLI(t, "groups", roster, "--json", "--seed", "3")
	require.Equal(t, exitOK, code, errOut)
	var doc struct {
		Groups []struct {
			ID      int      `json:"id"`
			Members []string `json:"members"`
			Topics  []struct {
				Skill string `json:"skill"`
				Owner string `json:"owner"`
			} `json:"topics"`
		} `json:"groups"`
		Metrics map[string]any `json:"metrics"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	seen := map[string]bool{}
	for _, g := range doc.Groups {
		assert.GreaterOrEqual(t, len(g.Members), 6)
		assert.LessOrEqual(t, len(g.Members), 10)
		for _, m := range g.Members {
			assert.False(t, seen[m], "%s in two groups", m)
			seen[m] = true
		}
		assert.NotEmpty(t, g.Topics)
	}
	assert.Len(t, seen, 48)
	assert.NotEmpty(t, doc.Metrics)

	_, again, _ := runCLI(t, "groups", roster, "--json", "--seed", "3")
	assert.Equal(t, out, again, "same seed, same output")

	code, out, errOut = runCLI(t, "groups", roster, "--csv")
	require.Equal(t, exitOK, code, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	assert.Len(t, rows, 49)
}

func TestGroupsErrors(t *testing.T) {
	small := writeFile(t, "small.csv", "id,name\na,A\nb,B\nc,C\nd,D\ne,E\n")
	code, _, errOut := runCLI(t, "groups", small)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "5 people cannot be split into groups of 6")

	code, _, errOut = runCLI(t, "groups", small, "--format", "weekly")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "weekly")

	code, _, errOut = runCLI(t, "groups", small, "--json", "--csv")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "cannot be used together")
}

// TestGroupsZeroSizes: issue 20 found `--max 0` silently meaning the default
// while `--min 0` was rejected; 0 given on the command line is now an error
// for both, naming the flag and the default.
func TestGroupsZeroSizes(t *testing.T) {
	roster := demoFile(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--max", "0"}, "--max 0: the largest group must be at least 1 (leave --max out for the default, 10)"},
		{[]string{"--min", "0"}, "--min 0: the smallest group must be at least 1 (leave --min out for the default, 6)"},
		{[]string{"--min", "0", "--max", "0"}, "--min 0"},
		{[]string{"--max", "-1"}, "must not be negative"},
		{[]string{"--min", "4", "--max", "3"}, "--min 4 is above --max 3"},
		// Sizes near the int range panicked in the size advice (n+max-1
		// overflowed); no group can be larger than a survey.
		{[]string{"--min", "9223372036854775807"}, "--min 9223372036854775807: a group has at most 1000000 members"},
		{[]string{"--min", "47", "--max", "9223372036854775806"}, "--max 9223372036854775806: a group has at most 1000000 members"},
		{[]string{"--max", "1000001"}, "--max 1000001: a group has at most 1000000"},
		// 0 silently meant the default or "off".
		{[]string{"--sessions", "0"}, "--sessions 0: want at least the largest group size (leave --sessions out for the default)"},
		{[]string{"--max-per-department", "0"}, "--max-per-department 0: want at least 1"},
		{[]string{"--iterations", "0"}, "--iterations 0: want at least 1"},
		{[]string{"--time-limit", "0s"}, "--time-limit 0: want a length above 0"},
		// Unbounded, these ran for hours.
		{[]string{"--restarts", "100000"}, "--restarts 100000: at most 100"},
		{[]string{"--iterations", "9223372036854775807"}, "--iterations 9223372036854775807: at most 20000000 search steps"},
		{[]string{"--iterations", "1000000", "--restarts", "30"}, "--restarts 30 × --iterations 1000000 = 30000000 search steps: at most 20000000"},
	} {
		code, _, errOut := runCLI(t, append([]string{"groups", roster}, tc.args...)...)
		assert.Equal(t, exitUsage, code, "%v", tc.args)
		assert.Contains(t, errOut, tc.want, "%v", tc.args)
	}
	code, _, errOut := runCLI(t, "groups", roster, "--min", "4", "--json")
	assert.Equal(t, exitOK, code, errOut)
}

// Issue 16: a peer-learning run places only managers of one grade at one
// location, names both facilitators of each module, and lists everyone
// else with a reason; lead preferences show in the CSV.
func TestGroupsPeerLearningAndLead(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,grade,manager,location,focus,lead,tag:role,have:Coaching,have:Hiring,want:Coaching,want:Hiring\n")
	for _, p := range []string{
		"m1,5,,Leeds,burnout,Coaching,manager,4,0,0,3",
		"m2,5,,Leeds,burnout,Hiring,,0,4,3,0", // manages r1
		"m3,5,,Leeds,burnout,,manager,2,2,2,2",
		"m4,5,,Remote,burnout,,manager,2,2,2,2", // the only one at Remote
		"m5,4,,Leeds,burnout,,manager,2,2,2,2",  // the only one of grade 4
		"r1,1,m2,Leeds,burnout,,,1,1,1,1",       // manages nobody
	} {
		b.WriteString(p + "\n")
	}
	roster := writeFile(t, "plg.csv", b.String())
	code, out, errOut := runCLI(t, "groups", roster, "--format", "peer-learning")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Group G1 (3 members, focus \"burnout\")")
	assert.Contains(t, out, "exploration ")
	assert.Contains(t, out, ", reflection ")
	assert.Contains(t, out, "m4  no other manager of grade 5 at Remote shares focus \"burnout\"")
	assert.Contains(t, out, "m5  no other manager of grade 4 at Leeds shares focus \"burnout\"")
	assert.Contains(t, out, "r1  manages nobody in the roster")

	code, out, errOut = runCLI(t, "groups", roster, "--format", "peer-learning", "--max-grade-gap", "1", "--csv")
	require.Equal(t, exitOK, code, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"group", "id", "name", "owns", "reason", "email", "lead_choice", "lead_reason"}, rows[0])
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[1]] = r
	}
	assert.Equal(t, "1", byID["m5"][0], "a gap of 1 admits grade 4")
	assert.Equal(t, "first", byID["m1"][6])
	assert.Equal(t, "first", byID["m2"][6])
	assert.Empty(t, byID["m3"][6], "m3 gave no preference")
}

// TestGroupsHistoryRounds: --history is repeatable, one groups document
// a round, and people together in c earlier rounds cost c² in a group
// (Weights.Repeat), so two rounds count four times one.
func TestGroupsHistoryRounds(t *testing.T) {
	roster := demoFile(t)
	r1 := writeFile(t, "r1.json", `{"groups":[{"id":1,"members":["e01","e02","e03","e04","e05","e06"]}]}`)
	r2 := writeFile(t, "r2.json", `{"groups":[{"id":1,"members":["e02","e03","e07","e08","e09","e10"]}]}`)
	repeats := func(history ...string) int {
		args := []string{"groups", roster, "--together", "e02,e03", "--json"}
		for _, h := range history {
			args = append(args, "--history", h)
		}
		code, out, errOut := runCLI(t, args...)
		require.Equal(t, exitOK, code, errOut)
		var doc struct {
			Groups []struct {
				Members []string `json:"members"`
				Metrics struct {
					Repeats int `json:"repeats"`
				} `json:"metrics"`
			} `json:"groups"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		for _, g := range doc.Groups {
			for _, m := range g.Members {
				if m == "e02" {
					return g.Metrics.Repeats
				}
			}
		}
		t.Fatal("e02 in no group")
		return 0
	}
	require.Equal(t, 0, repeats())
	require.Equal(t, 1, repeats(r1), "e02 and e03 kept together, once before")
	require.Equal(t, 4, repeats(r1, r2), "twice before: 2²")
}

// TestGroupsHistoryTwice: the same --history file twice, or two files of
// the same content, silently counted one earlier round twice (its repeat
// penalty doubled); both are usage errors naming the files.
func TestGroupsHistoryTwice(t *testing.T) {
	roster := demoFile(t)
	round := `{"groups":[{"id":1,"members":["e01","e02","e03","e04","e05","e06"]}]}`
	r1, r2 := writeFile(t, "r1.json", round), writeFile(t, "r2.json", round)
	code, _, errOut := runCLI(t, "groups", roster, "--history", r1, "--history", r1)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--history "+r1+" is given twice: each file is one earlier round")
	code, _, errOut = runCLI(t, "groups", roster, "--history", r1, "--history", r2)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--history "+r2+" has the same content as --history "+r1)
}
