package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// demoFile writes the demo roster as CSV into a temporary folder.
func demoFile(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, skills.WriteCSV(&b, skills.Demo()))
	return writeFile(t, "demo.csv", b.String())
}

func TestScheduleCommand(t *testing.T) {
	roster := demoFile(t)
	dir := filepath.Join(t.TempDir(), "cal")
	code, out, errOut := runCLI(t, "schedule", roster, "--start", "2027-01-11", "--weekday", "tue",
		"--tz", "Europe/Paris", "--blackout", "2027-12-15..2028-01-05", "--holidays", "FR", "--ics", dir)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "kickoff")
	assert.Contains(t, out, "Tue 2027-01-12")
	assert.Contains(t, out, "calendars written to")

	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	var groups, people int
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f.Name()))
		require.NoError(t, err)
		_, err = ics.ParseCalendar(bytes.NewReader(data))
		require.NoError(t, err, f.Name())
		assert.True(t, strings.HasSuffix(string(data), "\r\n"), f.Name())
		switch {
		case strings.HasPrefix(f.Name(), "group-"):
			groups++
		case strings.HasPrefix(f.Name(), "person-"):
			people++
		}
	}
	assert.Positive(t, groups)
	assert.Equal(t, 48, people)

	code, out, errOut = runCLI(t, "schedule", roster, "--start", "2027-01-11", "--json")
	require.Equal(t, exitOK, code, errOut)
	var doc struct {
		Sessions []struct {
			Kind, Start string
		} `json:"sessions"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.NotEmpty(t, doc.Sessions)
}

func TestScheduleFromGroupsJSON(t *testing.T) {
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "groups", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	groups := writeFile(t, "groups.json", out)
	code, out, errOut = runCLI(t, "schedule", groups, "--format", "peer-learning", "--start", "2027-01-11", "--csv")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "exploration")
	assert.Contains(t, out, "reflection")
}

// TestScheduleFormsTheGroupsOfGroups checks that a schedule made from a
// roster plans the very groups 'peermatch groups' prints with the same
// format and default seed.
func TestScheduleFormsTheGroupsOfGroups(t *testing.T) {
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "groups", roster, "--format", "peer-mentoring", "--json")
	require.Equal(t, exitOK, code, errOut)
	var groups struct {
		Groups []struct {
			ID      int      `json:"id"`
			Members []string `json:"members"`
		} `json:"groups"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &groups))
	code, out, errOut = runCLI(t, "schedule", roster, "--start", "2027-01-11", "--json")
	require.Equal(t, exitOK, code, errOut)
	var plan struct {
		Sessions []struct {
			Group     string   `json:"group"`
			Kind      string   `json:"kind"`
			Attendees []string `json:"attendees"`
		} `json:"sessions"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &plan))
	kickoff := map[string][]string{}
	for _, s := range plan.Sessions {
		if s.Kind == "kickoff" {
			kickoff[s.Group] = s.Attendees
		}
	}
	require.Len(t, kickoff, len(groups.Groups))
	for _, g := range groups.Groups {
		assert.ElementsMatch(t, g.Members, kickoff["G"+strconv.Itoa(g.ID)], "group %d", g.ID)
	}
}

func TestScheduleErrors(t *testing.T) {
	roster := demoFile(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--start", "11/01/2027"}, exitUsage, "--start must be a date YYYY-MM-DD"},
		{[]string{"--weekday", "someday"}, exitUsage, "--weekday must be one of"},
		{[]string{"--blackout", "2027-12-15..2027-12-01"}, exitUsage, "ends before it starts"},
		// Issue 20 item 11: dates outside the range the calendar allows.
		{[]string{"--start", "9999-12-01"}, exitUsage, "--start must be a date YYYY-MM-DD in the years 1900–9998"},
		{[]string{"--start", "0001-01-01"}, exitUsage, "--start must be a date YYYY-MM-DD in the years 1900–9998"},
		{[]string{"--blackout", "0001-01-01..2027-01-01"}, exitUsage, "year 1 is outside 1900–9999"},
		{[]string{"--format", "weekly"}, exitUsage, "--format must be"},
		{[]string{"--tz", "Mars/Olympus"}, exitInvalid, "Mars/Olympus"},
		{[]string{"--holidays", "XX"}, exitInvalid, "FR"},
	} {
		code, _, errOut := runCLI(t, append([]string{"schedule", roster, "--start", "2027-01-11"}, tc.args...)...)
		assert.Equal(t, tc.code, code, "%v: %s", tc.args, errOut)
		assert.Contains(t, errOut, tc.want, "%v", tc.args)
	}
}
