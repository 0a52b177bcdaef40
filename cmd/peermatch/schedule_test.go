package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/schedule"
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
		{[]string{"--format", "weekly"}, exitUsage, `unknown --format "weekly"`},
		{[]string{"--tz", "Mars/Olympus"}, exitInvalid, "Mars/Olympus"},
		{[]string{"--holidays", "XX"}, exitInvalid, "FR"},
		// 0 is the library's "default": given, it was silently the default
		// although the messages say "above 0" and "1-52".
		{[]string{"--kickoff-duration", "0s"}, exitUsage, "--kickoff-duration must be a length above 0 and at most 24h, not 0s (leave it out for the default, 8h)"},
		{[]string{"--check-in-duration", "0s"}, exitUsage, "--check-in-duration must be a length above 0 and at most 24h, not 0s"},
		{[]string{"--check-in-weeks", "0"}, exitUsage, "--check-in-weeks must be 1-52, not 0 (leave it out for the default, 4)"},
		{[]string{"--trial-months", "0"}, exitUsage, "--trial-months must be 1-12, not 0 (leave it out for the default, 3)"},
		{[]string{"--trial-months", "13"}, exitUsage, "--trial-months must be 1-12, not 13"},
		// The trial's end on the default --end said only "no valid date
		// before 2028-01-11", not what to change.
		{[]string{"--check-ins", "--trial-months", "12"}, exitInvalid, "pair:c02+e01: end of trial: a trial of 12 months (--trial-months) from the contract start 2027-01-12 ends 2028-01-12, " +
			"not before the end of the programme year, 2028-01-11 (twelve months after --start, the default --end): give a later --end or fewer --trial-months (at most 11)"},
		{[]string{"--reflection-gap", "0"}, exitUsage, "--reflection-gap must be 14-21 days, not 0"},
		// Only the first three letters were read: "monkey" was Monday.
		{[]string{"--weekday", "monkey"}, exitUsage, `--weekday must be one of mon, tue, wed, thu, fri, sat, sun, not "monkey"`},
		{[]string{"--weekday", "fridays"}, exitUsage, `not "fridays"`},
	} {
		args := []string{"schedule", roster}
		if tc.args[0] != "--start" { // a second --start is refused as such
			args = append(args, "--start", "2027-01-11")
		}
		code, _, errOut := runCLI(t, append(args, tc.args...)...)
		assert.Equal(t, tc.code, code, "%v: %s", tc.args, errOut)
		assert.Contains(t, errOut, tc.want, "%v", tc.args)
	}
}

// TestScheduleCalendarFiles is issue 20 item 5: ids that differ only in
// characters a file name drops get a calendar each, a long id is no
// error, a planted symlink or a foreign file is refused before anything is
// written, and a second run replaces the first run's calendars.
func TestScheduleCalendarFiles(t *testing.T) {
	long := strings.Repeat("ü", 150)
	ids := []string{"josé", "josè", "a/b", "a_b", long}
	doc, err := json.Marshal(map[string]any{
		"groups":  []map[string]any{{"id": 1, "members": ids, "topics": []any{}, "metrics": map[string]any{}}},
		"metrics": map[string]any{},
	})
	require.NoError(t, err)
	groups := writeFile(t, "groups.json", string(doc))
	dir := filepath.Join(t.TempDir(), "cal")
	args := []string{"schedule", groups, "--start", "2027-01-11", "--ics", dir}
	code, _, errOut := runCLI(t, args...)
	require.Equal(t, exitOK, code, errOut)
	want := []string{schedule.GroupFileName("G1")}
	for _, id := range ids {
		want = append(want, schedule.PersonFileName(id))
	}
	slices.Sort(want)
	assert.Equal(t, want, dirNames(t, dir))
	first := map[string][]byte{}
	for _, name := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		first[name] = data
	}
	for _, id := range ids[:4] {
		assert.Contains(t, string(first[schedule.PersonFileName(id)]), "X-WR-CALNAME:peermatch "+id+"\r\n", "each id has its own calendar")
	}

	// Re-running into the same folder replaces the calendars, byte for byte.
	code, _, errOut = runCLI(t, args...)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, want, dirNames(t, dir), "no temporary file is left")
	for name, data := range first {
		again, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, data, again, name)
	}

	// A symlink planted under a calendar's name is not followed.
	target := writeFile(t, "target.txt", "precious")
	link := filepath.Join(dir, schedule.PersonFileName("a_b"))
	require.NoError(t, os.Remove(link))
	require.NoError(t, os.Symlink(target, link))
	require.NoError(t, os.Remove(filepath.Join(dir, schedule.GroupFileName("G1"))))
	code, _, errOut = runCLI(t, args...)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, link+" is a symbolic link: no calendar is written through it; remove it or choose another --ics folder")
	got, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "precious", string(got))
	assert.NoFileExists(t, filepath.Join(dir, schedule.GroupFileName("G1")), "nothing is written when a target is refused")

	// A regular file that is not a peermatch calendar is not overwritten.
	require.NoError(t, os.Remove(link))
	require.NoError(t, os.WriteFile(link, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone else//\r\n"), 0o644))
	code, _, errOut = runCLI(t, args...)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "is not a peermatch calendar")
}

// TestScheduleOtherCalendars: calendars of people no longer in the plan
// stayed in the --ics folder without a word. After writing, schedule
// lists on stderr the peermatch calendars it did not write, and deletes
// none; files that are not peermatch calendars are not listed.
func TestScheduleOtherCalendars(t *testing.T) {
	groupsOf := func(ids ...string) string {
		doc, err := json.Marshal(map[string]any{
			"groups":  []map[string]any{{"id": 1, "members": ids, "topics": []any{}, "metrics": map[string]any{}}},
			"metrics": map[string]any{},
		})
		require.NoError(t, err)
		return writeFile(t, "groups.json", string(doc))
	}
	dir := filepath.Join(t.TempDir(), "cal")
	code, _, errOut := runCLI(t, "schedule", groupsOf("a", "b", "c", "d"), "--start", "2027-01-11", "--ics", dir)
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, errOut, "did not write")
	before := dirNames(t, dir)
	// Not peermatch calendars: a foreign file under the scheme's name, and
	// a calendar under another name.
	foreign := schedule.PersonFileName("x")
	require.NoError(t, os.WriteFile(filepath.Join(dir, foreign), []byte("BEGIN:VCALENDAR\r\nPRODID:-//other//\r\n"), 0o644))
	data, err := os.ReadFile(filepath.Join(dir, schedule.PersonFileName("a")))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "copy-of-a.ics"), data, 0o644))

	// c and d left; the group's id is the same, so only their calendars stay.
	code, _, errOut = runCLI(t, "schedule", groupsOf("a", "b", "e"), "--start", "2027-01-11", "--ics", dir)
	require.Equal(t, exitOK, code, errOut)
	left := []string{schedule.PersonFileName("c"), schedule.PersonFileName("d")}
	slices.Sort(left)
	assert.Contains(t, errOut, "peermatch: note: "+dir+" holds 2 calendars this plan did not write: "+left[0]+", "+left[1]+"; delete them if those people or groups left\n")
	assert.NotContains(t, errOut, foreign)
	assert.NotContains(t, errOut, "copy-of-a")
	after := dirNames(t, dir)
	for _, name := range before {
		assert.Contains(t, after, name, "nothing is deleted")
	}

	// The note lists 20 names, then counts the rest; it goes to stderr in
	// every output format.
	var ids []string
	for i := range 25 {
		ids = append(ids, fmt.Sprintf("p%02d", i))
	}
	dir2 := filepath.Join(t.TempDir(), "cal")
	code, _, errOut = runCLI(t, "schedule", groupsOf(ids...), "--start", "2027-01-11", "--ics", dir2)
	require.Equal(t, exitOK, code, errOut)
	code, out, errOut := runCLI(t, "schedule", groupsOf("p00", "p01"), "--start", "2027-01-11", "--ics", dir2, "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "did not write")
	assert.Contains(t, errOut, " holds 23 calendars this plan did not write: ")
	assert.Contains(t, errOut, " and 3 more; delete them if those people or groups left\n")
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// groupsOfPlan returns each group's sorted member ids from a schedule JSON.
func groupsOfPlan(t *testing.T, doc string) map[string]string {
	t.Helper()
	var plan struct {
		Sessions []struct {
			Group     string   `json:"group"`
			Kind      string   `json:"kind"`
			Attendees []string `json:"attendees"`
		} `json:"sessions"`
	}
	require.NoError(t, json.Unmarshal([]byte(doc), &plan))
	out := map[string]string{}
	for _, s := range plan.Sessions {
		if s.Kind != "check-in" {
			ids := append([]string(nil), s.Attendees...)
			sort.Strings(ids)
			out[s.Group] = strings.Join(ids, " ")
		}
	}
	return out
}

func TestScheduleSameGroupsAsGroups(t *testing.T) {
	in := demoRosterFile(t)
	for _, flags := range [][]string{nil, {"--format", "peer-learning"}, {"--min", "5", "--max", "7", "--seed", "3"}} {
		code, gdoc, stderr := runCLI(t, append([]string{"groups", in, "--json"}, flags...)...)
		require.Equal(t, exitOK, code, stderr)
		var res struct {
			Groups []struct {
				ID      int      `json:"id"`
				Members []string `json:"members"`
			} `json:"groups"`
		}
		require.NoError(t, json.Unmarshal([]byte(gdoc), &res))
		want := map[string]string{}
		for _, g := range res.Groups {
			ids := append([]string(nil), g.Members...)
			sort.Strings(ids)
			want[fmt.Sprintf("G%d", g.ID)] = strings.Join(ids, " ")
		}
		code, sdoc, stderr := runCLI(t, append([]string{"schedule", in, "--json", "--start", "2027-01-11"}, flags...)...)
		require.Equal(t, exitOK, code, stderr)
		assert.Equal(t, want, groupsOfPlan(t, sdoc), "flags %v", flags)
	}
}

func TestScheduleListsPeopleNotPlaced(t *testing.T) {
	in := demoRosterFile(t)
	code, stdout, stderr := runCLI(t, "schedule", in, "--format", "peer-learning", "--start", "2027-01-11")
	require.Equal(t, exitOK, code, stderr)
	_, gout, _ := runCLI(t, "groups", in, "--format", "peer-learning", "--json")
	var res struct {
		Unplaced []struct{ ID string } `json:"remainder"`
	}
	require.NoError(t, json.Unmarshal([]byte(gout), &res))
	require.NotEmpty(t, res.Unplaced)
	assert.Contains(t, stdout, fmt.Sprintf("Not placed in a group (%d):", len(res.Unplaced)))
	for _, u := range res.Unplaced {
		assert.Contains(t, stdout, "("+u.ID+"): ")
	}
	// With --json the document stays a plan and the list goes to stderr.
	code, _, stderr = runCLI(t, "schedule", in, "--format", "peer-learning", "--start", "2027-01-11", "--json")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, fmt.Sprintf("peermatch: Not placed in a group (%d):", len(res.Unplaced)))
}

func TestScheduleCheckInsInCalendars(t *testing.T) {
	in := demoRosterFile(t)
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "schedule", in, "--start", "2027-01-11", "--weekday", "tue", "--check-ins", "--ics", dir)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Buddy pair Leila Levi & Amara Okonkwo (pair:c02+e01)")
	assert.Contains(t, stdout, "Without a buddy, so no check-ins (7):")
	assert.NotContains(t, stdout, "weekday")
	files, err := filepath.Glob(filepath.Join(dir, "person-c02-*.ics"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	data, err := os.ReadFile(files[0])
	require.NoError(t, err)
	ics := strings.ReplaceAll(string(data), "\r\n ", "")
	assert.Contains(t, ics, "SUMMARY:Buddy contract start: Leila Levi & Amara Okonkwo")
	assert.Contains(t, ics, "SUMMARY:Buddy end of trial: Leila Levi & Amara Okonkwo")
	assert.Contains(t, ics, "equal and equitable")
	assert.Contains(t, ics, "What can improve")
	assert.Contains(t, ics, "ATTENDEE;CN=Amara Okonkwo:mailto:amara.okonkwo@example.org")
}

func TestScheduleNamesFromRoster(t *testing.T) {
	in := demoRosterFile(t)
	code, gdoc, stderr := runCLI(t, "groups", in, "--json")
	require.Equal(t, exitOK, code, stderr)
	// A groups file stripped of names and e-mails: ids only.
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(gdoc), &doc))
	for _, g := range doc["groups"].([]any) {
		delete(g.(map[string]any), "people")
	}
	bare, err := json.Marshal(doc)
	require.NoError(t, err)
	gfile := writeFile(t, "g.json", string(bare))

	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "schedule", gfile, "--start", "2027-01-11", "--ics", dir)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, 1, strings.Count(stderr, "has only ids for 48 of 48 people"), stderr)
	assert.Contains(t, stdout, "led by c01")

	dir = t.TempDir()
	code, stdout, stderr = runCLI(t, "schedule", gfile, "--roster", in, "--start", "2027-01-11", "--ics", dir)
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stderr, "only ids")
	assert.Contains(t, stdout, "led by Kasper Ruiz")
	files, err := filepath.Glob(filepath.Join(dir, "group-G1-*.ics"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	data, err := os.ReadFile(files[0])
	require.NoError(t, err)
	assert.Contains(t, string(data), "mailto:kasper.ruiz@example.org")
	assert.NotContains(t, string(data), "peermatch.invalid")

	// The groups file as written carries the names itself.
	code, stdout, stderr = runCLI(t, "schedule", writeFile(t, "g2.json", gdoc), "--start", "2027-01-11")
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stderr, "only ids")
	assert.Contains(t, stdout, "led by Kasper Ruiz")

	// A pairs file with the roster: check-ins only, with names.
	code, pdoc, stderr := runCLI(t, "pairs", in, "--json")
	require.Equal(t, exitOK, code, stderr)
	pfile := writeFile(t, "p.json", pdoc)
	code, stdout, stderr = runCLI(t, "schedule", pfile, "--roster", in, "--start", "2027-01-11")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Buddy pair Leila Levi & Amara Okonkwo")
	// --pairs with a groups file: sessions and check-ins together.
	code, stdout, stderr = runCLI(t, "schedule", gfile, "--roster", in, "--pairs", pfile, "--start", "2027-01-11")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Buddy pair Leila Levi & Amara Okonkwo")
	assert.Contains(t, stdout, "led by Kasper Ruiz")
	// --check-ins on a bare groups file without pairs is a usage error.
	code, _, stderr = runCLI(t, "schedule", gfile, "--check-ins", "--start", "2027-01-11")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "--check-ins needs the pairs")
}

// TestSchedulePeerLearningFacilitatorsAgree: the facilitators groups
// prints for a Peer Learning module run its two sessions in schedule.
func TestSchedulePeerLearningFacilitatorsAgree(t *testing.T) {
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "groups", roster, "--format", "peer-learning", "--max-grade-gap", "2", "--json")
	require.Equal(t, exitOK, code, errOut)
	var groups struct {
		Groups []struct {
			Topics []struct{ Skill, Owner, Reflection string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &groups))
	require.NotEmpty(t, groups.Groups)
	code, plan, errOut := runCLI(t, "schedule", writeFile(t, "g.json", out), "--format", "peer-learning", "--json")
	require.Equal(t, exitOK, code, errOut)
	var doc struct {
		Sessions []struct {
			Group, Kind, Topic string
			Facilitators       []string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(plan), &doc))
	lead := map[string]string{}
	for _, s := range doc.Sessions {
		if len(s.Facilitators) > 0 {
			lead[s.Group+"/"+s.Kind+"/"+s.Topic] = s.Facilitators[0]
		}
	}
	for gi, g := range groups.Groups {
		for _, tp := range g.Topics {
			require.NotEmpty(t, tp.Reflection)
			id := fmt.Sprintf("G%d/", gi+1)
			assert.Equal(t, tp.Owner, lead[id+"exploration/"+tp.Skill], tp.Skill)
			assert.Equal(t, tp.Reflection, lead[id+"reflection/"+tp.Skill], tp.Skill)
		}
	}
}

func TestInParallelReportsTheFirstFailure(t *testing.T) {
	var calls atomic.Int64
	require.NoError(t, inParallel(500, func(int) error { calls.Add(1); return nil }))
	assert.Equal(t, int64(500), calls.Load(), "every index once")
	require.NoError(t, inParallel(0, func(int) error { return assert.AnError }))
	for range 20 {
		err := inParallel(200, func(i int) error {
			if i == 3 || i == 150 {
				return fmt.Errorf("file %d", i)
			}
			return nil
		})
		require.EqualError(t, err, "file 3", "the smallest failing index, whatever the timing")
	}
}

// TestPlanDocumentIgnoresNoFlag: a groups or pairs document is planned as
// it is, so a group-forming flag given with one is a usage error naming
// it (it was ignored without a word), --format still sets the plan's
// format, and the report of a groups document does not claim its groups
// were formed with the default sizes.
func TestPlanDocumentIgnoresNoFlag(t *testing.T) {
	roster := demoFile(t)
	dir := t.TempDir()
	code, groups, errOut := runCLI(t, "groups", roster, "--min", "3", "--max", "4", "--json")
	require.Equal(t, exitOK, code, errOut)
	groupsFile := writeFile(t, "groups.json", groups)
	code, pairs, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	pairsFile := writeFile(t, "pairs.json", pairs)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"schedule", groupsFile, "--min", "3"}, "--min forms groups from a roster, and " + groupsFile + " is the JSON of peermatch groups: its groups are planned as they are"},
		{[]string{"schedule", pairsFile, "--seed", "7"}, "--seed forms groups from a roster, and " + pairsFile + " is the JSON of peermatch pairs"},
		{[]string{"schedule", groupsFile, "--roster", roster, "--together", "e01,e02"}, "--together forms groups"},
		{[]string{"report", groupsFile, "--html", filepath.Join(dir, "r.html"), "--iterations", "5"}, "--iterations forms groups"},
		{[]string{"report", pairsFile, "--html", filepath.Join(dir, "r.html"), "--threshold", "4"}, "--threshold forms groups"},
	} {
		code, _, errOut := runCLI(t, append(tc.args, "--start", "2027-01-11")...)
		assert.Equal(t, exitUsage, code, "%q: %s", tc.args, errOut)
		assert.Contains(t, errOut, tc.want, "%q", tc.args)
	}
	code, out, errOut := runCLI(t, "schedule", groupsFile, "--format", "peer-learning", "--start", "2027-01-11")
	require.Equal(t, exitOK, code, errOut)
	assert.True(t, strings.HasPrefix(out, "peer-learning plan"), out)

	code, out, errOut = runCLI(t, "report", groupsFile, "--html", filepath.Join(dir, "g.html"), "--start", "2027-01-11")
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "formed as 'peermatch groups'")
	page, err := os.ReadFile(filepath.Join(dir, "g.html"))
	require.NoError(t, err)
	assert.NotContains(t, string(page), "sizes 6–10")
	code, out, errOut = runCLI(t, "report", roster, "--min", "3", "--max", "4", "--html", filepath.Join(dir, "f.html"), "--start", "2027-01-11")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "note: Groups: formed as 'peermatch groups' forms them with the same flags: default format, sizes 3–4 (seed 1).")
}

// TestPlanFlagsThatDoNotApply: a plan flag the plan would ignore is a
// usage error naming it and what it applies to (it was ignored without a
// word): the other format's flags, check-in flags without check-ins, and
// group-session flags for a pairs file.
func TestPlanFlagsThatDoNotApply(t *testing.T) {
	roster := demoFile(t)
	code, pairs, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	pairsFile := writeFile(t, "p.json", pairs)
	html := filepath.Join(t.TempDir(), "r.html")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"schedule", roster, "--reflection-gap", "15"}, "--reflection-gap applies only to --format peer-learning"},
		{[]string{"schedule", roster, "--format", "peer-learning", "--kickoff-duration", "4h"}, "--kickoff-duration applies only to peer-mentoring groups"},
		{[]string{"schedule", roster, "--check-in-weeks", "2"}, "--check-in-weeks applies only to the pairs' check-ins (--check-ins or --pairs)"},
		{[]string{"report", roster, "--html", html, "--trial-months", "2"}, "--trial-months applies only to the pairs' check-ins"},
		{[]string{"schedule", pairsFile, "--cadence", "weekly"}, "--cadence applies only to group sessions (the input is a pairs file)"},
		{[]string{"schedule", roster, "--format", "peer-learning", "--reflection-gap", "15"}, ""},
		{[]string{"schedule", roster, "--check-ins", "--check-in-weeks", "2", "--kickoff-time", "08:00"}, ""},
		{[]string{"schedule", pairsFile, "--check-in-weeks", "2", "--time", "09:00"}, ""},
	} {
		code, _, errOut := runCLI(t, append(tc.args, "--start", "2027-01-11")...)
		if tc.want == "" {
			assert.Equal(t, exitOK, code, "%q: %s", tc.args, errOut)
			continue
		}
		assert.Equal(t, exitUsage, code, "%q: %s", tc.args, errOut)
		assert.Contains(t, errOut, tc.want, "%q", tc.args)
	}
}

// TestScheduleTrialPastEnd: a trial that cannot end before --end names
// --end and --trial-months and the longest trial that fits.
func TestScheduleTrialPastEnd(t *testing.T) {
	roster := demoFile(t)
	code, out, errOut := runCLI(t, "pairs", roster, "--json")
	require.Equal(t, exitOK, code, errOut)
	pairs := writeFile(t, "pairs.json", out)
	code, _, errOut = runCLI(t, "schedule", pairs, "--start", "2027-01-11", "--end", "2027-03-01")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "end of trial: a trial of 3 months (--trial-months) from the contract start 2027-01-11 ends 2027-04-12, not before --end 2027-03-01: give a later --end or fewer --trial-months (at most 1)\n")
	// report plans the same year with the same flags and says it the same way
	code, _, errOut = runCLI(t, "report", pairs, "--start", "2027-01-11", "--end", "2027-03-01", "--html", filepath.Join(t.TempDir(), "r.html"))
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "year plan: schedule: no valid date: ")
	assert.Contains(t, errOut, "give a later --end or fewer --trial-months (at most 1)\n")
}
