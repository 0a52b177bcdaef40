package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMentorCommand(t *testing.T) {
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "mentor", roster, "--mentors", "e01,e02,e05", "--max-grade-gap", "-1")
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `mentor +mentee +score +teaches`, out)
	assert.Contains(t, out, "e01 Amara Okonkwo") // people as pairs shows them: id and name
	assert.Contains(t, out, "unassigned:")
	assert.Contains(t, out, "mentor loads: e01 2/2, e02 1/1, e05 1/1")

	// the JSON is the library's result
	code, out, errOut = runCLI(t, "mentor", roster, "--mentors", "e01,e02,e05", "--max-grade-gap", "-1", "--json")
	require.Equal(t, exitOK, code, errOut)
	var got struct {
		Pairs []struct {
			Mentor, Mentee string
			Score          float64
			Teaches        []pairing.SkillValue
		}
		Unmatched []struct{ ID, Reason string } `json:"unassigned"`
		Loads     []struct {
			ID             string
			Load, Capacity int
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	r := skills.Demo()
	var mentees []string
	for _, p := range r.People {
		if p.ID != "e01" && p.ID != "e02" && p.ID != "e05" {
			mentees = append(mentees, p.ID)
		}
	}
	want, err := pairing.Mentor(context.Background(), r, []string{"e01", "e02", "e05"}, mentees, pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1)}})
	require.NoError(t, err)
	require.Len(t, got.Pairs, len(want.Pairs))
	for x, p := range want.Pairs {
		assert.Equal(t, p.Mentor, got.Pairs[x].Mentor)
		assert.Equal(t, p.Mentee, got.Pairs[x].Mentee)
		assert.Equal(t, p.Score, got.Pairs[x].Score)
		assert.Equal(t, p.Teaches, got.Pairs[x].Teaches)
	}
	assert.Len(t, got.Unmatched, len(want.Unmatched))
	assert.Len(t, got.Loads, 3)
	assert.Equal(t, len(r.People)-3, len(got.Pairs)+len(got.Unmatched), "every mentee is assigned or explained")

	// CSV
	code, out, errOut = runCLI(t, "mentor", roster, "--mentors", "e01,e02,e05", "--max-grade-gap", "-1", "--csv")
	require.Equal(t, exitOK, code, errOut)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"mentor", "mentee", "score", "teaches", "reason"}, rows[0])
	assert.Len(t, rows, 1+len(r.People)-3)
}

func TestMentorCommandTagAndMentees(t *testing.T) {
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "mentor", roster, "--mentors-where", "tag:language=NL", "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, `"loads"`)

	code, out, errOut = runCLI(t, "mentor", roster, "--mentors", "e01", "--mentees", "o02,s02,c01")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "mentor loads: e01 2/2")
	assert.Equal(t, 3, strings.Count(out, "\ne01 ")+strings.Count(out, "\n  c01 ")+strings.Count(out, "\n  o02 ")+strings.Count(out, "\n  s02 "))
}

func TestMentorCommandErrors(t *testing.T) {
	roster := demoFile(t)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{roster}, exitUsage, "exactly one of --mentors or --mentors-where"},
		{[]string{roster, "--mentors", "e01", "--mentors-where", "tag:a=b"}, exitUsage, "exactly one"},
		{[]string{roster, "--mentors-where", "role=mentor"}, exitUsage, "tag:KEY=VALUE"},
		{[]string{roster, "--mentors-where", "tag:language=xx"}, exitInvalid, "nobody has tag:language"},
		{[]string{roster, "--mentors", "nobody"}, exitInvalid, `unknown person: "nobody"`},
		{[]string{roster, "--mentors", "e01", "--mentees", "e01,e02"}, exitInvalid, "e01 is both a mentor and a mentee"},
		// An empty entry was dropped: --mentors , ran with no mentors and
		// --mentees " ," with no mentees, both with exit 0.
		{[]string{roster, "--mentors", ","}, exitUsage, `--mentors: an empty id in ","`},
		{[]string{roster, "--mentors", "e01,,e02"}, exitUsage, `--mentors: an empty id in "e01,,e02"`},
		{[]string{roster, "--mentors", "e01", "--mentees", " ,"}, exitUsage, `--mentees: an empty id in " ,"`},
		{[]string{roster, "--mentors", "e01, e01"}, exitUsage, `--mentors: "e01" appears twice in "e01, e01"`},
	} {
		code, _, errOut := runCLI(t, append([]string{"mentor"}, tc.args...)...)
		assert.Equal(t, tc.code, code, tc.args)
		assert.Contains(t, errOut, tc.msg, tc.args)
	}
	code, out, _ := runCLI(t, "help", "mentor")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "--mentors-where")
	assert.Contains(t, out, "examples:")
}
