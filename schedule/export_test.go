package schedule

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func yearPlan(t *testing.T, zone string) *Plan {
	t.Helper()
	long := strings.Repeat("Ünïcödé Größe 東京 ", 8)
	g1 := mentoringGroup("g1", "ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ida", "jo")
	g1.Members[0].Name = long + "O'Brien; Jr., \"Ann\""
	g1.Members[1].Email = ""
	g1.Topics[2].Skill = "=HYPERLINK(\"x\")"
	g1.Topics[3].Skill = "line\r\nbreak " + long
	g2 := Group{ID: "g2", Members: members("ann", "kim", "lee"), Topics: []Topic{{Skill: "coaching"}, {Skill: "-1+1"}}}
	p, err := Build([]Group{g1, g2}, Options{Start: date(2026, 1, 13), Location: zone, Holidays: []string{"FR"},
		Blackouts: []DateRange{{From: date(2026, 8, 1), To: date(2026, 8, 31), Label: "summer"}},
		Pairs:     []Pair{{A: Member{ID: "ann"}, B: Member{ID: "zoe", Name: "Zoé"}}}})
	require.NoError(t, err)
	requireClean(t, p)
	return p
}

func TestICSRoundTrip(t *testing.T) {
	for _, zone := range []string{"Europe/Paris", "America/New_York", "UTC"} {
		t.Run(zone, func(t *testing.T) {
			p := yearPlan(t, zone)
			var buf bytes.Buffer
			require.NoError(t, WriteICS(&buf, p, Selection{}))
			out := buf.String()

			// Every line ends in CRLF, is at most 75 octets and valid UTF-8.
			require.True(t, strings.HasSuffix(out, "\r\n"))
			lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			for _, l := range lines {
				assert.NotContains(t, l, "\n")
				assert.NotContains(t, l, "\r")
				assert.LessOrEqual(t, len(l), 75, l)
				assert.True(t, utf8.ValidString(l), "fold split a character: %q", l)
			}
			unfolded := strings.ReplaceAll(out, "\r\n ", "")
			assert.Contains(t, unfolded, "Größe 東京")

			cal, err := ics.ParseCalendar(strings.NewReader(out))
			require.NoError(t, err)
			events := cal.Events()
			require.Len(t, events, len(p.Sessions))
			for i, e := range events {
				s := p.Sessions[i]
				assert.Equal(t, UID(s), e.Id())
				st, err := e.GetStartAt()
				require.NoError(t, err)
				assert.True(t, st.Equal(s.Start), "%v != %v", st, s.Start)
				en, err := e.GetEndAt()
				require.NoError(t, err)
				assert.True(t, en.Equal(s.End))
				stamp, err := e.GetDtStampTime()
				require.NoError(t, err)
				assert.Equal(t, date(2026, 1, 13), stamp)
				require.Len(t, e.Attendees(), len(s.Attendees))
				org := e.GetProperty(ics.ComponentPropertyOrganizer)
				require.NotNil(t, org)
				assert.True(t, strings.HasPrefix(org.Value, "mailto:"))
			}
			if zone != "UTC" {
				tzs := cal.Timezones()
				require.Len(t, tzs, 1)
				var kinds []string
				for _, c := range tzs[0].Components {
					switch c.(type) {
					case *ics.Standard:
						kinds = append(kinds, "S")
					case *ics.Daylight:
						kinds = append(kinds, "D")
					}
				}
				// Jan 2026 to Feb 2027: standard, DST from spring, standard from autumn.
				assert.Equal(t, []string{"S", "D", "S"}, kinds)
			}
		})
	}
}

func TestICSDetails(t *testing.T) {
	p := yearPlan(t, "Europe/Paris")
	var buf bytes.Buffer
	require.NoError(t, WriteICS(&buf, p, Selection{Group: "g1"}))
	out := strings.ReplaceAll(buf.String(), "\r\n ", "")
	assert.Contains(t, out, "DTSTART;TZID=Europe/Paris:20260210T100000\r\n")
	assert.Contains(t, out, "DTSTART;TZID=Europe/Paris:20260715T100000\r\n", "the session moved off Bastille Day")
	assert.NotContains(t, out, "DTSTART;TZID=Europe/Paris:20260714T100000\r\n")
	assert.Contains(t, out, "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n")
	assert.Contains(t, out, "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n")
	assert.Contains(t, out, "ATTENDEE;CN=Bob:mailto:bob@peermatch.invalid\r\n", "fallback address without email")
	assert.Contains(t, out, "O Brien Jr. Ann:mailto:ann@example.com", "CN without , ; : \" '")
	assert.NotContains(t, out, "pair:ann+zoe")
	assert.Contains(t, out, `SUMMARY:g1: session – line\nbreak`)

	buf.Reset()
	require.NoError(t, WriteICS(&buf, p, Selection{Person: "zoe"}))
	cal, err := ics.ParseCalendar(&buf)
	require.NoError(t, err)
	assert.Len(t, cal.Events(), len(p.Select(Selection{Group: "pair:ann+zoe"}).Sessions))
	for _, e := range cal.Events() {
		summary := e.GetProperty(ics.ComponentPropertySummary).Value
		assert.True(t, strings.HasPrefix(summary, "Buddy "), summary)
		assert.Contains(t, summary, ` & Zoé`, "both names in the title")
		desc := strings.ReplaceAll(e.GetProperty(ics.ComponentPropertyDescription).Value, `\n`, "\n")
		assert.Contains(t, desc, "How is it going")
		assert.Contains(t, desc, "equal and equitable")
		assert.Contains(t, desc, "What can improve")
		assert.Contains(t, desc, "convened by ")
		topic := strings.TrimPrefix(summary[:strings.Index(summary, ":")], "Buddy ")
		assert.Equal(t, topic == "end of trial", strings.Contains(desc, "This meeting ends the trial period"), summary)
	}
}

func TestSelect(t *testing.T) {
	p := yearPlan(t, "UTC")
	q := p.Select(Selection{Group: "g2"})
	require.Len(t, q.Sessions, 3)
	require.Len(t, q.Notes, 3)
	for _, n := range q.Notes {
		assert.True(t, strings.HasPrefix(n, "g2: "), n)
	}
	q = p.Select(Selection{Person: "kim"})
	assert.Len(t, q.Sessions, 3)
	q = p.Select(Selection{Person: "ann"})
	assert.Len(t, q.Sessions, len(p.Sessions), "ann is in every group and the pair")
	q = p.Select(Selection{Group: "g2", Person: "bob"})
	assert.Empty(t, q.Sessions)
	assert.Len(t, p.Select(Selection{}).Sessions, len(p.Sessions))
}

func TestICSStamp(t *testing.T) {
	p := yearPlan(t, "UTC")
	p.Options.Stamp = time.Date(2030, 5, 6, 7, 8, 9, 0, time.FixedZone("x", 3600))
	var buf bytes.Buffer
	require.NoError(t, WriteICS(&buf, p, Selection{Group: "g2"}))
	assert.Contains(t, buf.String(), "DTSTAMP:20300506T060809Z\r\n")
	assert.Contains(t, buf.String(), "DTSTART:20260114T090000Z\r\n", "UTC plans use UTC times without VTIMEZONE")
	assert.NotContains(t, buf.String(), "VTIMEZONE")
}

func TestICSUIDStable(t *testing.T) {
	s := Session{Group: "g", Kind: KindSession, Index: 3, Topic: "Go"}
	assert.Equal(t, UID(s), UID(s))
	assert.True(t, strings.HasSuffix(UID(s), "@peermatch"))
	s2 := s
	s2.Index = 4
	assert.NotEqual(t, UID(s), UID(s2))
	s2 = s
	s2.Start = time.Now()
	assert.Equal(t, UID(s), UID(s2), "moving a session keeps its UID")
}

func TestCSV(t *testing.T) {
	p := yearPlan(t, "America/New_York")
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, p))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(p.Sessions)+1)
	assert.Equal(t, []string{"group", "kind", "index", "topic", "date", "start", "end", "timezone", "facilitators", "attendees"}, rows[0])
	var sawFormula, sawMinus bool
	for _, r := range rows[1:] {
		for _, c := range r {
			require.NotEmpty(t, c)
			assert.NotContains(t, "=+-@\t\r", c[:1], "unsafe cell %q", c)
		}
		sawFormula = sawFormula || r[3] == `'=HYPERLINK("x")`
		sawMinus = sawMinus || r[3] == "'-1+1"
		assert.Equal(t, "America/New_York", r[7])
	}
	assert.True(t, sawFormula)
	assert.True(t, sawMinus)
}

func TestJSON(t *testing.T) {
	p := yearPlan(t, "Europe/Paris")
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, p))
	var doc struct {
		Sessions []map[string]any `json:"sessions"`
		Notes    []string         `json:"notes"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	require.Len(t, doc.Sessions, len(p.Sessions))
	assert.Equal(t, p.Notes, doc.Notes)
	kinds := map[string]bool{}
	for i, s := range doc.Sessions {
		assert.ElementsMatch(t, []string{"group", "start", "end", "kind", "topic", "facilitators", "attendees"}, keys(s))
		st, err := time.Parse(time.RFC3339, s["start"].(string))
		require.NoError(t, err)
		assert.True(t, st.Equal(p.Sessions[i].Start))
		kinds[s["kind"].(string)] = true
	}
	assert.Equal(t, map[string]bool{"kickoff": true, "session": true, "check-in": true}, kinds)
	assert.Contains(t, buf.String(), `"start": "2026-07-15T10:00:00+02:00"`)

	empty := &Plan{Options: Options{Start: date(2026, 1, 1)}}
	buf.Reset()
	require.NoError(t, WriteJSON(&buf, empty))
	assert.JSONEq(t, `{"sessions":[],"notes":[]}`, buf.String())
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDeterministicExports(t *testing.T) {
	a, b := yearPlan(t, "Europe/Paris"), yearPlan(t, "Europe/Paris")
	for name, w := range map[string]func(*Plan, *bytes.Buffer) error{
		"ics":  func(p *Plan, buf *bytes.Buffer) error { return WriteICS(buf, p, Selection{}) },
		"json": func(p *Plan, buf *bytes.Buffer) error { return WriteJSON(buf, p) },
		"csv":  func(p *Plan, buf *bytes.Buffer) error { return WriteCSV(buf, p) },
		"text": func(p *Plan, buf *bytes.Buffer) error { return WriteText(buf, p) },
	} {
		var x, y bytes.Buffer
		require.NoError(t, w(a, &x), name)
		require.NoError(t, w(b, &y), name)
		assert.Equal(t, x.Bytes(), y.Bytes(), name)
		assert.NotEmpty(t, x.Bytes(), name)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, assert.AnError }

func TestWritersReportErrors(t *testing.T) {
	p := yearPlan(t, "UTC")
	assert.Error(t, WriteICS(failWriter{}, p, Selection{}))
	assert.Error(t, WriteJSON(failWriter{}, p))
	assert.Error(t, WriteCSV(failWriter{}, p))
	assert.Error(t, WriteText(failWriter{}, p))
}

func TestSpreadsheetCell(t *testing.T) {
	for in, want := range map[string]string{
		"":            "",
		"c02":         "c02",
		"1a;=2+3":     "1a;'=2+3",
		"=a;+b;-c;@d": "'=a;'+b;'-c;'@d",
		"a, =b":       "a, '=b",
		"a\t=b":       "a\t'=b",
		"line\r\n-1":  "line\r\n'-1",
		"\tx":         "'\tx",
		"a-b;c=d":     "a-b;c=d",
		" =x":         " '=x",
		"2026-01-13":  "2026-01-13",
		"a;;=b":       "a;;'=b",
	} {
		assert.Equal(t, want, spreadsheetCell(in), "%q", in)
	}
}

// TestCSVSemicolonSpreadsheet is issue 20 item 10: ids joined with ";"
// must not start a formula when a spreadsheet splits the row on ";"
// (or on "," or tabs), whether ";" is inside one id or joins two.
func TestCSVSemicolonSpreadsheet(t *testing.T) {
	g := Group{ID: "g;=1+1", Members: members("1a;=2+3", "=2+3", "+x", "@y"), Topics: []Topic{{Skill: "t;-1"}, {Skill: "u"}}}
	p, err := Build([]Group{g}, Options{Start: date(2027, 1, 11)})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, p))
	out := buf.String()
	assert.Contains(t, out, "1a;'=2+3;'=2+3;'+x;'@y")
	for _, sep := range []string{",", ";", "\t"} {
		for _, line := range strings.Split(out, "\n") {
			for _, cell := range strings.Split(line, sep) {
				cell = strings.TrimLeft(cell, ` "`)
				if cell != "" {
					assert.NotContains(t, "=+-@", cell[:1], "split on %q: cell %q of %q", sep, cell, line)
				}
			}
		}
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, "g;'=1+1", rows[1][0], "the CSV still reads as one cell per column")
}

// TestICSLargeGroupIsLinear is issue 20 item 11: the calendars of every
// member of a 1,000-member group must not repeat the whole attendee list
// (that was 608 MB for ten topics). The group's calendar lists everyone; a
// person's calendar lists only the person, with the count in DESCRIPTION.
func TestICSLargeGroupIsLinear(t *testing.T) {
	size := func(n int) (group, person int) {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("m%04d", i)
		}
		g := Group{ID: "big", Members: members(ids...), Topics: []Topic{{Skill: "a"}, {Skill: "b"}, {Skill: "c"}}}
		p, err := Build([]Group{g}, Options{Start: date(2027, 1, 11)})
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, WriteICS(&buf, p, Selection{Group: "big"}))
		group = buf.Len()
		cal, err := ics.ParseCalendar(&buf)
		require.NoError(t, err)
		for _, e := range cal.Events() {
			assert.Len(t, e.Attendees(), n, "the group calendar lists everyone")
		}
		buf.Reset()
		require.NoError(t, WriteICS(&buf, p, Selection{Person: "m0007"}))
		person = buf.Len()
		out := strings.ReplaceAll(buf.String(), "\r\n ", "")
		cal, err = ics.ParseCalendar(strings.NewReader(buf.String()))
		require.NoError(t, err)
		require.Len(t, cal.Events(), 4)
		for _, e := range cal.Events() {
			if n > MaxListedAttendees {
				require.Len(t, e.Attendees(), 1)
				assert.Equal(t, "mailto:m0007@example.com", e.Attendees()[0].Value)
			} else {
				assert.Len(t, e.Attendees(), n)
			}
		}
		if n > MaxListedAttendees {
			assert.Contains(t, out, fmt.Sprintf(`Attendees: %d people\; the group's calendar lists them`, n))
		}
		return group, person
	}
	g10, p10 := size(10)
	assert.Greater(t, p10, g10/2, "a small group's person calendar still lists everyone")
	g1000, p1000 := size(1000)
	g2000, p2000 := size(2000)
	assert.Less(t, p1000, 5000)
	assert.Equal(t, p1000, p2000, "a person's calendar does not grow with the group")
	assert.InDelta(t, 2, float64(g2000)/float64(g1000), 0.1, "the group's calendar grows linearly")
}

func TestICSRejectsFiveDigitYears(t *testing.T) {
	p := yearPlan(t, "UTC")
	p.Sessions[0].End = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	err := WriteICS(&bytes.Buffer{}, p, Selection{})
	require.ErrorIs(t, err, ErrInvalidInput)
	assert.Contains(t, err.Error(), "10000-01-01T00:00:00Z")
}

// TestTextIsTerminalSafe: no control character of a group id, topic or
// name reaches the terminal raw.
func TestTextIsTerminalSafe(t *testing.T) {
	g := Group{ID: "g\x1b]0;pwned\x07", Members: members("ann", "bob"), Topics: []Topic{{Skill: "t\x1b[2J\ttab"}, {Skill: "u\u202e"}}}
	g.Members[0].Name = "Ann\r\nfake line"
	g.Members[1].Name = "Bob\x1b[31m"
	p, err := Build([]Group{g}, Options{Start: date(2027, 1, 11), Blackouts: []DateRange{{From: date(2027, 1, 11), To: date(2027, 1, 11), Label: "x\x1b[1m"}}})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WriteText(&buf, p))
	out := buf.String()
	assert.NotContains(t, out, "\x1b")
	assert.NotContains(t, out, "\r")
	assert.NotContains(t, out, "\u202e")
	assert.NotContains(t, out, "\x07")
	assert.Contains(t, out, `g\x1b]0;pwned\a`)
	assert.Contains(t, out, `t\x1b[2J\ttab`)
	assert.Contains(t, out, `Ann\r\nfake line`)
	assert.Contains(t, out, `Bob\x1b[31m`)
}
