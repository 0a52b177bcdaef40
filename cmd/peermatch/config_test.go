package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pairsJSON runs pairs on the demo with a programme file and extra flags
// and returns the decoded output.
func pairsJSON(t *testing.T, programme string, flags ...string) map[string]any {
	t.Helper()
	args := []string{"pairs", "../../skills/demo.csv", "--json"}
	if programme != "" {
		args = append([]string{"--config", writeFile(t, "programme.yaml", programme)}, args...)
	}
	code, out, errOut := runCLI(t, append(args, flags...)...)
	require.Equal(t, 0, code, errOut)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	return doc
}

func pairSet(doc map[string]any) map[[2]string]bool {
	set := map[[2]string]bool{}
	for _, p := range doc["pairs"].([]any) {
		m := p.(map[string]any)
		a, b := m["a"].(string), m["b"].(string)
		if a > b {
			a, b = b, a
		}
		set[[2]string{a, b}] = true
	}
	return set
}

func rejected(doc map[string]any, rule string) float64 {
	r, _ := doc["metrics"].(map[string]any)["rejected"].(map[string]any)[rule].(float64)
	return r
}

// TestProgrammeFileRules sets each pair rule from a programme file and
// checks the output honours it, and that the flag overrides the file.
func TestProgrammeFileRules(t *testing.T) {
	base := pairsJSON(t, "")
	require.True(t, pairSet(base)[[2]string{"c02", "e01"}], "the demo pairs c02 with e01")

	never := pairsJSON(t, "pairs:\n  never: [[e01, c02, s05]]\n")
	assert.False(t, pairSet(never)[[2]string{"c02", "e01"}])
	assert.Positive(t, rejected(never, "never_pair"))

	pin := pairsJSON(t, "pairs:\n  pin: [[c02, e02]]\n")
	assert.True(t, pairSet(pin)[[2]string{"c02", "e02"}])

	dept := pairsJSON(t, "pairs:\n  different-department: true\n")
	assert.Positive(t, rejected(dept, "same_department"))
	assert.Zero(t, rejected(base, "same_department"))

	chain := pairsJSON(t, "pairs:\n  manager-chain: true\n")
	assert.Greater(t, rejected(chain, "line_management"), rejected(base, "line_management"))

	gap := pairsJSON(t, "pairs:\n  max-grade-gap: 0\n")
	assert.Greater(t, rejected(gap, "grade_gap"), rejected(base, "grade_gap"))
	overridden := pairsJSON(t, "pairs:\n  max-grade-gap: 0\n", "--max-grade-gap", "1")
	assert.Equal(t, base, overridden, "a flag overrides the file")

	teach := pairsJSON(t, "pairs:\n  min-teach-level: 5\n")
	assert.Greater(t, rejected(teach, "nothing_to_exchange"), rejected(base, "nothing_to_exchange"))

	total := func(doc map[string]any) float64 { return doc["metrics"].(map[string]any)["total"].(float64) }
	for _, w := range []string{"weight-location: 1", "weight-department: 1", "weight-focus: 1", "weight-tag: {language: 1}"} {
		doc := pairsJSON(t, "pairs:\n  "+w+"\n")
		assert.Greater(t, total(doc), total(base), w)
	}
	oneway := pairsJSON(t, "pairs:\n  mutual: oneway\n")
	assert.NotEqual(t, total(base), total(oneway))
	nopeer := pairsJSON(t, "pairs:\n  no-peer-rule: true\n  max-grade-gap: -1\n")
	assert.Zero(t, rejected(nopeer, "not_similar")+rejected(nopeer, "no_difference"))
	stable := pairsJSON(t, "pairs:\n  strategy: stable\n")
	assert.Equal(t, "stable", stable["strategy"])
}

func TestProgrammeFileErrors(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"unknown section", "pair:\n  x: 1\n", `programme.yaml:1:1: unknown section "pair" (did you mean "pairs"?)`},
		{"unknown key", "pairs:\n  max-grade-gapp: 2\n", `programme.yaml:2:3: pairs: unknown key "max-grade-gapp" (did you mean "max-grade-gap"?)`},
		{"bad value", "pairs:\n  max-grade-gap: two\n", `programme.yaml:2:18: pairs.max-grade-gap: want an integer, got "two"`},
		{"list for a value", "pairs:\n  strategy: [optimal, stable]\n", "programme.yaml:2:3: pairs.strategy takes one value, not a list"},
		{"pin of three", "pairs:\n  pin: [[a, b, c]]\n", `programme.yaml:2:9: pairs.pin: want two ids A,B, got "a,b,c"`},
		{"repeated key", "pairs:\n  seed: 1\n  seed: 2\n", "programme.yaml:3:3: pairs.seed repeats the key at line 2"},
		{"not a mapping", "- pairs\n", "programme.yaml:1:1: a programme file is a mapping of sections"},
		{"section not a mapping", "pairs: 3\n", `programme.yaml:1:8: section "pairs" is a mapping of keys to values, not the value "3"`},
		{"alias", "pairs:\n  seed: &s 1\n  trio: *s\n", "aliases (*name) are not supported"},
		{"alias as a section", "survey:\n  sheet: &pairs x\n*pairs : {seed: 2}\n", `programme.yaml:3:1: a section name is a word (survey, pairs, groups, mentor, schedule), not an alias`},
		{"alias as a survey key", "pairs: {seed: &sheet 2}\nsurvey:\n  *sheet : Foo\n", `programme.yaml:3:3: survey: a key is one of sheet, rename, ignore, skills, answers, not an alias`},
		{"not yaml", "pairs: [\n", "not a YAML or JSON programme file"},
		{"survey key", "survey:\n  renames: {a: b}\n", `programme.yaml:2:3: survey: unknown key "renames" (did you mean "rename"?)`},
		{"survey level", "survey:\n  answers: {Yes: 9}\n", `programme.yaml:2:18: survey.answers: "Yes": want a level 0-5, got "9"`},
		{"survey pattern", "survey:\n  skills: {\"Skill [teach]\": have}\n", "must hold {skill} exactly once"},
		{"groups key", "groups:\n  strategy: optimal\n", `programme.yaml:2:3: groups: unknown key "strategy"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "--config", writeFile(t, "programme.yaml", tc.file), "pairs", "../../skills/demo.csv")
			assert.Equal(t, exitInvalid, code)
			assert.Contains(t, errOut, tc.want)
		})
	}
}

func TestProgrammeFilePeople(t *testing.T) {
	code, _, errOut := runCLI(t, "--config", writeFile(t, "programme.yaml", "pairs:\n  never:\n    - [e01, zed]\n"), "pairs", "../../skills/demo.csv")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, `programme.yaml:3:7 (pairs.never): unknown person "zed"`)

	code, _, errOut = runCLI(t, "--config", writeFile(t, "programme.yaml", "pairs:\n  never: [[e01, c02]]\n  pin: [[c02, e01]]\n"), "pairs", "../../skills/demo.csv")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "programme.yaml:3:9 (pairs.pin): the pin c02,e01 breaks the never-pair list at ")
	assert.Contains(t, errOut, "programme.yaml:2:11 (pairs.never)")

	code, _, errOut = runCLI(t, "pairs", "../../skills/demo.csv", "--never", "e01,zed")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, `--never e01,zed: unknown person "zed"`)
}

func TestConfigPrint(t *testing.T) {
	path := writeFile(t, "programme.yaml", "pairs:\n  max-grade-gap: 2\n  never: [[e01, c02]]\ngroups:\n  seed: 7\n")
	code, out, errOut := runCLI(t, "--config", path, "config", "--print")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "max-grade-gap: 2  # "+path+":2:3\n")
	assert.Contains(t, out, "# never: (1 list, confidential)")
	assert.NotContains(t, out, "e01", "never-pair lists are never printed")
	assert.Contains(t, out, "strategy: optimal  # default\n")
	// schedule forms groups as groups does: the groups section applies.
	sched := out[strings.Index(out, "\nschedule:"):]
	assert.Contains(t, sched, "seed: 7  # "+path+":5:3 (groups)\n")

	code, out, errOut = runCLI(t, "--config", path, "config", "--print", "pairs", "--max-grade-gap", "3")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "max-grade-gap: 3  # command line\n")

	// The printed file reads back to the same settings.
	code, out2, errOut := runCLI(t, "--config", writeFile(t, "printed.yaml", out), "config", "--print", "pairs")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out2, "max-grade-gap: 3  #")

	code, defaults, _ := runCLI(t, "config", "--print")
	require.Equal(t, 0, code)
	code, _, errOut = runCLI(t, "--config", writeFile(t, "defaults.yaml", defaults), "pairs", "../../skills/demo.csv")
	assert.Equal(t, 0, code, "the printed defaults are a valid programme file: %s", errOut)
}

func TestProgrammeFileJSON(t *testing.T) {
	doc := pairsJSON(t, `{"pairs": {"never": [["e01", "c02"]], "max-grade-gap": 1}}`)
	assert.False(t, pairSet(doc)[[2]string{"c02", "e01"}])
}

const googleExport = `Timestamp,Email Address,Full name,Grade,Coaching [I can teach],Coaching [I want to learn],Delegation [I can teach],Delegation [I want to learn],Preferred language
2027/01/04 10:00:00,ana@example.org,Ana Silva,3,Expert,No,Beginner,Yes,en
2027/01/04 10:05:00,bo@example.org,Bo Lind,3,No,Yes,Expert,No,nl
2027/01/04 10:07:00,cy@example.org,Cy Lam,3,Advanced,Rarely,Intermediate,Yes,en
2027/01/04 10:09:00,dee@example.org,Dee Fox,3,Beginner,Yes,Expert,No,en
`

// TestProgrammeSurveySection reads a survey export through the programme
// file's survey section, in every command that reads a survey.
func TestProgrammeSurveySection(t *testing.T) {
	survey := writeFile(t, "export.csv", googleExport)
	code, _, errOut := runCLI(t, "validate", survey)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, `export.csv:1:9: Preferred language: unknown column "Preferred language"`)
	assert.Contains(t, errOut, `export.csv:4:6: Coaching [I want to learn]`)

	prog := writeFile(t, "programme.yaml", "survey:\n  rename: {Grade: grade, Preferred language: \"tag:language\"}\n  answers: {rarely: 1}\n  sheet: Form responses 1\npairs:\n  weight-tag: {language: 1}\n")
	code, out, errOut := runCLI(t, "--config", prog, "validate", survey)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Preferred language           → tag:language     renamed")
	code, out, errOut = runCLI(t, "--config", prog, "pairs", survey, "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, `"a": "ana@example.org"`)

	for _, tc := range []struct{ file, want string }{
		{"survey:\n  rename: {Grade: rank}\n", "programme.yaml:2:12: survey.rename: invalid survey mapping: rename \"Grade\": \"rank\" is not a column"},
		{"survey:\n  ignore: [\"a*b\"]\n", "programme.yaml:2:12: survey.ignore: "},
		{"survey:\n  rename: {Grade: grade}\n  ignore: [Grade]\n", "programme.yaml:2:3: survey: "},
	} {
		code, _, errOut := runCLI(t, "--config", writeFile(t, "programme.yaml", tc.file), "validate", survey)
		assert.Equal(t, exitInvalid, code, tc.file)
		assert.Contains(t, errOut, tc.want, tc.file)
	}
}

// TestReadmeProgrammeFile checks the README's programme file is one.
func TestReadmeProgrammeFile(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := string(b)
	start := strings.Index(text, "```yaml\n")
	require.Positive(t, start)
	text = text[start+len("```yaml\n"):]
	text = text[:strings.Index(text, "```")]
	_, err = loadProgramme(writeFile(t, "readme.yaml", text))
	require.NoError(t, err)
}

// TestProgrammeFileGroupRules sets groups' rules from a programme file.
func TestProgrammeFileGroupRules(t *testing.T) {
	groupOf := func(programme string) map[string]int {
		t.Helper()
		code, out, errOut := runCLI(t, "--config", writeFile(t, "programme.yaml", programme), "groups", "../../skills/demo.csv", "--json")
		require.Equal(t, exitOK, code, errOut)
		var doc struct {
			Groups []struct {
				ID      int
				Members []string
			}
		}
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		m := map[string]int{}
		for _, g := range doc.Groups {
			for _, id := range g.Members {
				m[id] = g.ID
			}
		}
		return m
	}
	base := groupOf("groups:\n  seed: 3\n")
	require.NotEqual(t, base["e01"], base["c01"])
	together := groupOf("groups:\n  seed: 3\n  together: [[e01, c01]]\n")
	assert.Equal(t, together["e01"], together["c01"])
	var same [2]string
	for a, ga := range base {
		for b, gb := range base {
			if a < b && ga == gb && same[0] == "" {
				same = [2]string{a, b}
			}
		}
	}
	apart := groupOf("groups:\n  seed: 3\n  apart: [[" + same[0] + ", " + same[1] + "]]\n")
	assert.NotEqual(t, apart[same[0]], apart[same[1]])

	code, _, errOut := runCLI(t, "--config", writeFile(t, "programme.yaml", "groups:\n  together: [[e01, nobody]]\n"), "groups", "../../skills/demo.csv")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, `programme.yaml:2:14 (groups.together): unknown person "nobody"`)
}

// TestProgrammeFileSchedule sets planning options from the schedule
// section.
func TestProgrammeFileSchedule(t *testing.T) {
	prog := writeFile(t, "programme.yaml", "schedule:\n  start: 2027-01-11\n  check-ins: true\n  check-in-weeks: 2\n  trial-months: 2\n  kickoff-time: \"13:00\"\n  kickoff-duration: 3h\n  blackout: [2027-07-01..2027-08-31]\n")
	code, out, errOut := runCLI(t, "--config", prog, "schedule", "../../skills/demo.csv")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Mon 2027-01-11  13:00–16:00  kickoff")
	assert.Contains(t, out, "Tue 2027-01-26  10:00–10:30  check-in 1")
	assert.NotRegexp(t, `(?m)^  \w{3} 2027-0[78]-`, out, "the blackout holds")
	assert.Contains(t, out, "Mon 2027-09-13  10:00–12:00  session:", "a moved session keeps the series' weekday")
	assert.Less(t, strings.Index(out, "\nG5\n"), strings.Index(out, "Buddy pair"), "groups first, then pairs")
}

// TestProgrammeFileMoreGroupRules: shared focus, department cap and grade
// band from the programme file reach cohort (their effect shows in the
// groups' metrics and the people left out).
func TestProgrammeFileMoreGroupRules(t *testing.T) {
	groups := func(programme string) map[string]any {
		t.Helper()
		code, out, errOut := runCLI(t, "--config", writeFile(t, "programme.yaml", programme), "groups", "../../skills/demo.csv", "--json")
		require.Equal(t, exitOK, code, errOut)
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		return doc
	}
	unplaced := func(doc map[string]any) int {
		r, _ := doc["remainder"].([]any)
		return len(r)
	}
	base := groups("groups:\n  seed: 2\n")
	assert.Zero(t, unplaced(base))
	assert.Positive(t, unplaced(groups("groups:\n  seed: 2\n  shared-focus: true\n")), "people without a focus are left out")
	assert.Positive(t, unplaced(groups("groups:\n  seed: 2\n  max-grade-gap: 0\n")), "a grade band of 0 leaves people out")
	dept := groups("groups:\n  seed: 2\n  max-per-department: 2\n  weight-department: 5\n")
	assert.NotEqual(t, base["groups"], dept["groups"])
	isolated := groups("groups:\n  seed: 2\n  no-isolated: [language]\n  weight-isolated: 5\n")
	assert.NotEqual(t, base["groups"], isolated["groups"])

	code, out, errOut := runCLI(t, "--config", writeFile(t, "programme.yaml", "mentor:\n  mentors: [e01, s01]\n"), "mentor", "../../skills/demo.csv", "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, `"mentor": "e01"`)
}

// TestProgrammeFileSizes: sizes from the programme file count as given
// (the commands ask their flag set what was set, so the file must set
// flags through it): groups of at most 8.
func TestProgrammeFileSizes(t *testing.T) {
	prog := writeFile(t, "programme.yaml", "groups:\n  min: 5\n  max: 8\n")
	code, out, errOut := runCLI(t, "--config", prog, "groups", "../../skills/demo.csv", "--json")
	require.Equal(t, exitOK, code, errOut)
	var doc struct{ Groups []struct{ Members []string } }
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.NotEmpty(t, doc.Groups)
	for _, g := range doc.Groups {
		assert.LessOrEqual(t, len(g.Members), 8)
		assert.GreaterOrEqual(t, len(g.Members), 5)
	}
	code, _, errOut = runCLI(t, "--config", writeFile(t, "p.yaml", "pairs:\n  min-teach-level: 0\n"), "pairs", "../../skills/demo.csv")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--min-teach-level: want a level 1-5, got 0")
}

// TestProgrammeFilePairsInSchedule: schedule --check-ins and report form
// the pairs `pairs` forms under the programme file's pairs section.
func TestProgrammeFilePairsInSchedule(t *testing.T) {
	prog := writeFile(t, "programme.yaml", "pairs:\n  never: [[c02, e01]]\nschedule:\n  start: 2027-01-11\n")
	code, out, errOut := runCLI(t, "schedule", "../../skills/demo.csv", "--check-ins", "--start", "2027-01-11")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "Buddy pair Leila Levi & Amara Okonkwo", "the demo pairs c02 with e01")
	code, out, errOut = runCLI(t, "--config", prog, "schedule", "../../skills/demo.csv", "--check-ins")
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "Buddy pair Leila Levi & Amara Okonkwo")
	assert.Contains(t, out, "Buddy pair Leila Levi &")
}
