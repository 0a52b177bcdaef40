package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
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

func TestEvaluateGroupsJSON(t *testing.T) {
	roster := demoFile(t)
	code, produced, errOut := runCLI(t, "groups", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	groupsFile := writeFile(t, "groups.json", produced)

	code, out, errOut := runCLI(t, "evaluate", roster, "--groups", groupsFile, "--json")
	require.Equal(t, exitOK, code, errOut)
	type metrics struct {
		Objective    float64 `json:"objective"`
		MinScore     float64 `json:"min_score"`
		MeanScore    float64 `json:"mean_score"`
		MaxScore     float64 `json:"max_score"`
		Teachability float64 `json:"teachability"`
		Roles        float64 `json:"roles"`
		Groups       int     `json:"groups"`
		People       int     `json:"people"`
		Unplaced     int     `json:"unplaced"`
	}
	type grouping struct {
		Groups []struct {
			Members []string        `json:"members"`
			Topics  json.RawMessage `json:"topics"`
		} `json:"groups"`
		Metrics metrics `json:"metrics"`
	}
	var got struct {
		Grouping grouping `json:"grouping"`
		Broken   []any    `json:"broken"`
		Problems []string `json:"problems"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	var want grouping
	require.NoError(t, json.Unmarshal([]byte(produced), &want))
	w, g := want.Metrics, got.Grouping.Metrics
	assert.InDelta(t, w.Objective, g.Objective, 1e-12, "same metrics as the run that produced the groups")
	assert.InDelta(t, w.MeanScore, g.MeanScore, 1e-12)
	w.Objective, g.Objective, w.MeanScore, g.MeanScore = 0, 0, 0, 0
	assert.Equal(t, w, g)
	require.Len(t, got.Grouping.Groups, len(want.Groups))
	for x := range want.Groups {
		assert.Equal(t, want.Groups[x].Members, got.Grouping.Groups[x].Members)
		assert.JSONEq(t, string(want.Groups[x].Topics), string(got.Grouping.Groups[x].Topics))
	}
	assert.Empty(t, got.Broken)
	assert.Empty(t, got.Problems)

	// the CSV output of groups evaluates the same
	code, producedCSV, errOut := runCLI(t, "groups", roster, "--csv")
	require.Equal(t, exitOK, code, errOut)
	code, outCSV, errOut := runCLI(t, "evaluate", roster, "--groups", writeFile(t, "groups.csv", producedCSV), "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, out, outCSV)

	code, text, errOut := runCLI(t, "evaluate", roster, "--groups", groupsFile)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, text, "Group G1")
	assert.Contains(t, text, "broken rules: none")
}

func TestEvaluateGroupsManager(t *testing.T) {
	roster := demoFile(t)
	code, produced, errOut := runCLI(t, "groups", roster, "--csv")
	require.Equal(t, exitOK, code, errOut)
	r := skills.Demo()
	var boss, report string
	for _, p := range r.People {
		if _, ok := r.Index(p.Manager); ok && p.Manager != "" {
			boss, report = p.Manager, p.ID
			break
		}
	}
	require.NotEmpty(t, boss)
	// hand-edit: the report joins the manager's group; a ghost joins too
	lines := strings.Split(strings.TrimSpace(produced), "\n")
	bossGroup := ""
	for _, l := range lines[1:] {
		if f := strings.Split(l, ","); f[1] == boss {
			bossGroup = f[0]
		}
	}
	require.NotEmpty(t, bossGroup)
	edited := []string{lines[0]}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if f[1] == report {
			f[0] = bossGroup
		}
		edited = append(edited, strings.Join(f, ","))
	}
	edited = append(edited, bossGroup+",ghost")
	file := writeFile(t, "edited.csv", strings.Join(edited, "\n")+"\n")

	code, out, errOut := runCLI(t, "evaluate", roster, "--groups", file, "--json")
	require.Equal(t, exitOK, code, errOut)
	var got struct {
		Broken []struct {
			Group  string   `json:"group"`
			People []string `json:"people"`
			Rule   string   `json:"rule"`
		} `json:"broken"`
		Problems []string `json:"problems"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	var lm []string
	for _, b := range got.Broken {
		if b.Rule == "line_management" {
			lm = append(lm, strings.Join(b.People, " "))
		}
	}
	assert.Equal(t, []string{boss + " " + report}, lm)
	assert.Contains(t, strings.Join(got.Problems, "\n"), `unknown person "ghost"`)

	code, text, errOut := runCLI(t, "evaluate", roster, "--groups", file)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, text, boss+", "+report+": line_management")
	assert.Contains(t, text, `unknown person "ghost"`)
}

func TestEvaluateGroupsErrors(t *testing.T) {
	roster := demoFile(t)
	g := writeFile(t, "g.csv", "group,id\n1,x\n")
	code, _, errOut := runCLI(t, "evaluate", roster, "--groups", g, "--pairs", g)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "cannot be used together")
	code, _, errOut = runCLI(t, "evaluate", roster, "--groups", g, "--max-grade-gap", "2")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--max-grade-gap applies to --pairs")
	code, _, errOut = runCLI(t, "evaluate", roster, "--pairs", g, "--min", "2")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--min applies to --groups")
	code, _, errOut = runCLI(t, "evaluate", roster, "--groups", writeFile(t, "bad.csv", "a,b\n1,2\n"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "needs columns group and id")
	code, _, errOut = runCLI(t, "evaluate", roster, "--groups", g, "--format", "nope")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "unknown --format")
}

// TestEvaluateReadsOwnCSV: the --csv output of pairs and groups reads back
// with the survey's ids although csvsafe put a ' before those that start
// with =, +, -, @ (they were all unknown people, and schedule --pairs
// refused them).
func TestEvaluateReadsOwnCSV(t *testing.T) {
	roster := writeFile(t, "r.csv", "id,name,grade,have:A,want:A,have:B,want:B\n"+
		"=a,A,1,5,0,0,5\n+b,B,1,0,5,5,0\n-c,C,1,5,0,0,5\n@d,D,1,0,5,5,0\n")
	code, pairsCSV, errOut := runCLI(t, "pairs", roster, "--csv")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, pairsCSV, "'=a")
	pairsFile := writeFile(t, "p.csv", pairsCSV)
	code, out, errOut := runCLI(t, "evaluate", roster, "--pairs", pairsFile)
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "unknown person")
	assert.Contains(t, out, "broken rules: none")
	assert.NotContains(t, out, "problems")

	code, groupsCSV, errOut := runCLI(t, "groups", roster, "--min", "2", "--max", "2", "--csv")
	require.Equal(t, exitOK, code, errOut)
	groupsFile := writeFile(t, "g.csv", groupsCSV)
	code, out, errOut = runCLI(t, "evaluate", roster, "--groups", groupsFile, "--min", "2", "--max", "2")
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "unknown person")
	assert.NotContains(t, out, "in no group")

	code, out, errOut = runCLI(t, "schedule", roster, "--min", "2", "--max", "2", "--pairs", pairsFile, "--start", "2027-01-11")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "=a")
}

// TestEvaluateProblemLines: a problem with a pair of the pairing file was
// reported as "group 2 (…)", 2 counting the pairs given, not the file's
// line (3 with the header, more after a skipped row); it names the file
// and the line where the pair is, and a JSON pairing the file.
func TestEvaluateProblemLines(t *testing.T) {
	roster := demoFile(t)
	ids := skills.Demo().People
	a, b, c := ids[0].ID, ids[1].ID, ids[2].ID
	for _, tc := range []struct {
		name, file, content string
		want                []string
	}{
		{"second pair", "p.csv", "a,b\n" + a + "," + b + "\n" + c + ",ghost\n",
			[]string{`p.csv: line 3: group 2 (` + c + `, ghost): unknown person "ghost", left out`, `p.csv: line 3: group 2 (` + c + `, ghost): fewer than two known people, left out`}},
		{"after an unmatched row and a quoted line break", "p.csv", "a,b,c\n" + a + ",,\n\"" + b + "\"," + c + ",\"x\ny\"\nghost," + a + ",\n",
			[]string{`p.csv: line 3: group 1 (` + b + `, ` + c + `, x` + "\n" + `y): unknown person "x\ny", left out`, `p.csv: line 5: group 2 (ghost, ` + a + `): unknown person "ghost", left out`}},
		{"JSON", "p.json", `{"pairs":[{"a":"` + a + `","b":"` + b + `"},{"a":"` + c + `","b":"ghost"}]}`,
			[]string{`p.json: group 2 (` + c + `, ghost): unknown person "ghost", left out`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pairsFile := writeFile(t, tc.file, tc.content)
			code, out, errOut := runCLI(t, "evaluate", roster, "--pairs", pairsFile, "--json")
			require.Equal(t, exitOK, code, errOut)
			var got struct {
				Problems []string `json:"problems"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			for x := range got.Problems {
				got.Problems[x] = strings.ReplaceAll(got.Problems[x], pairsFile, tc.file)
			}
			for _, w := range tc.want {
				assert.Contains(t, got.Problems, w)
			}
			code, text, errOut := runCLI(t, "evaluate", roster, "--pairs", pairsFile)
			require.Equal(t, exitOK, code, errOut)
			assert.Contains(t, strings.ReplaceAll(text, pairsFile, tc.file), strings.ReplaceAll(tc.want[0], "\n", `\n`))
		})
	}
	// problems about no group are kept as pairing.Evaluate words them; a
	// group beyond the lines known is named by the file alone
	assert.Equal(t, []string{"p.csv: line 7: group 2 (a, b): x", "p.csv: group 3 (c, d): y", "a is in more than one pair (a–b and a–c): only the first is scored", "group 2 says so in words only"},
		locateProblems([]string{"group 2 (a, b): x", "group 3 (c, d): y", "a is in more than one pair (a–b and a–c): only the first is scored", "group 2 says so in words only"}, []int{2, 3, 0, 0}, "p.csv", lineOf([]int{2, 7})))
	for _, tc := range []struct {
		lines []int
		want  string
	}{{nil, ""}, {[]int{4}, "line 4"}, {[]int{4, 5, 6}, "lines 4–6"}, {[]int{2, 4, 5, 9}, "lines 2, 4–5, 9"}} {
		assert.Equal(t, tc.want, linesOf([][]int{tc.lines})(1), tc.lines)
	}
	assert.Equal(t, "", linesOf(nil)(1))
}

// TestEvaluateGroupProblemLines: a problem with a group of the grouping
// file was reported as "group 2 (…)", 2 counting the groups in the order
// they first appear, not the group's name or its lines; it names the file
// and the lines of the group's rows.
func TestEvaluateGroupProblemLines(t *testing.T) {
	roster := demoFile(t)
	var ids []string
	for _, p := range skills.Demo().People {
		ids = append(ids, p.ID)
	}
	var b strings.Builder
	b.WriteString("group,id\n")
	for x, id := range ids {
		fmt.Fprintf(&b, "G%d,%s\n", x%2+1, id)
	}
	b.WriteString(",unplaced\nG2,ghost\nG2," + ids[1] + "\n")
	groupsFile := writeFile(t, "g.csv", b.String())
	code, out, errOut := runCLI(t, "evaluate", roster, "--groups", groupsFile, "--min", "2", "--max", "100", "--json")
	require.Equal(t, exitOK, code, errOut)
	var got struct {
		Problems []string `json:"problems"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.NotEmpty(t, got.Problems)
	n := len(ids)
	var g2 []string
	for x := 1; x < n; x += 2 {
		g2 = append(g2, ids[x])
	}
	g2 = append(g2, "ghost", ids[1])
	var lines []string
	for x := 3; x <= n+1; x += 2 {
		lines = append(lines, strconv.Itoa(x))
	}
	where := groupsFile + ": lines " + strings.Join(lines, ", ") + ", " + strconv.Itoa(n+3) + "–" + strconv.Itoa(n+4) + ": group 2 (" + strings.Join(g2, ", ") + "): "
	assert.Contains(t, got.Problems, where+`unknown person "ghost", left out`)
	assert.Contains(t, got.Problems, where+strconv.Quote(ids[1])+` is listed twice`)
	for _, p := range got.Problems {
		if strings.Contains(p, "group 2 (") {
			assert.True(t, strings.HasPrefix(p, groupsFile+": lines "), "every group problem is located: %s", p)
		}
	}
}
