package schedule

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/peermatch/peermatch/internal/csvsafe"
	"github.com/peermatch/peermatch/internal/termsafe"
)

// Selection picks sessions for export. Its zero value selects every
// session; Group keeps one group's (or pair's) sessions; Groups keeps the
// sessions of any of the listed groups (or pairs); Person keeps the sessions
// a member attends or leads. They may be combined: a session must pass each
// one that is set.
type Selection struct {
	Group  string
	Groups []string
	Person string
}

func (sel Selection) match(s Session) bool {
	if sel.Group != "" && s.Group != sel.Group {
		return false
	}
	if len(sel.Groups) > 0 && !slices.Contains(sel.Groups, s.Group) {
		return false
	}
	if sel.Person == "" {
		return true
	}
	for _, id := range s.Facilitators {
		if id == sel.Person {
			return true
		}
	}
	for _, id := range s.Attendees {
		if id == sel.Person {
			return true
		}
	}
	return false
}

// Select returns a copy of the plan holding only the sessions sel picks
// and the notes about their groups (groups and options are kept). Session
// indexes change, so Check on the copy reports the missing sessions as
// coverage violations. It takes O(S·A + N) time for N notes.
func (p *Plan) Select(sel Selection) *Plan {
	q := *p
	q.Sessions = nil
	groups := map[string]bool{}
	for _, s := range p.Sessions {
		if sel.match(s) {
			q.Sessions = append(q.Sessions, s)
			groups[s.Group] = true
		}
	}
	q.Notes = nil
	for _, n := range p.Notes {
		if g, _, ok := strings.Cut(n, ": "); ok && groups[g] {
			q.Notes = append(q.Notes, n)
		}
	}
	return &q
}

// people maps member ids to their first Member record in groups and pairs.
func (p *Plan) people() map[string]Member {
	out := map[string]Member{}
	add := func(m Member) {
		if _, ok := out[m.ID]; !ok {
			out[m.ID] = m
		}
	}
	for _, g := range p.Groups {
		for _, m := range g.Members {
			add(m)
		}
	}
	for _, pr := range p.Options.Pairs {
		add(pr.A)
		add(pr.B)
	}
	return out
}

func displayName(m Member, id string) string {
	if m.Name != "" {
		return m.Name
	}
	return id
}

// location returns the plan's time zone (UTC when Options are invalid).
func (p *Plan) location() *time.Location {
	if s, err := normalize(p.Options); err == nil {
		return s.loc
	}
	return time.UTC
}

// jsonSession is the JSON shape of a session.
type jsonSession struct {
	Group        string   `json:"group"`
	Start        string   `json:"start"`
	End          string   `json:"end"`
	Kind         Kind     `json:"kind"`
	Topic        string   `json:"topic"`
	Facilitators []string `json:"facilitators"`
	Attendees    []string `json:"attendees"`
}

// WriteJSON writes the plan as one JSON object:
//
//	{"sessions":[{"group":…,"start":RFC3339,"end":RFC3339,"kind":"kickoff|session|exploration|reflection|check-in",
//	  "topic":…,"facilitators":[ids],"attendees":[ids]}],"notes":[…]}
//
// Times are in the plan's time zone with their UTC offset. The output is
// deterministic. It takes O(S·A) time.
func WriteJSON(w io.Writer, p *Plan) error {
	loc := p.location()
	doc := struct {
		Sessions []jsonSession `json:"sessions"`
		Notes    []string      `json:"notes"`
	}{Sessions: []jsonSession{}, Notes: p.Notes}
	if doc.Notes == nil {
		doc.Notes = []string{}
	}
	for _, s := range p.Sessions {
		doc.Sessions = append(doc.Sessions, jsonSession{
			Group: s.Group, Kind: s.Kind, Topic: s.Topic,
			Start:        s.Start.In(loc).Format(time.RFC3339),
			End:          s.End.In(loc).Format(time.RFC3339),
			Facilitators: nonNil(s.Facilitators), Attendees: nonNil(s.Attendees),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("schedule: writing JSON: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteCSV writes one row per session under the header
// group,kind,index,topic,date,start,end,timezone,facilitators,attendees
// (date as YYYY-MM-DD, start and end as local HH:MM, ids joined by ";"),
// every cell made safe by spreadsheetCell: no text that a comma-,
// semicolon- or tab-separated import could make a cell of starts a
// formula. It takes O(S·A) time.
func WriteCSV(w io.Writer, p *Plan) error {
	loc := p.location()
	cw := csv.NewWriter(w)
	rows := [][]string{{"group", "kind", "index", "topic", "date", "start", "end", "timezone", "facilitators", "attendees"}}
	for _, s := range p.Sessions {
		st, en := s.Start.In(loc), s.End.In(loc)
		rows = append(rows, []string{s.Group, string(s.Kind), strconv.Itoa(s.Index), s.Topic,
			st.Format("2006-01-02"), st.Format("15:04"), en.Format("15:04"), loc.String(),
			strings.Join(s.Facilitators, ";"), strings.Join(s.Attendees, ";")})
	}
	for _, r := range rows {
		for i := range r {
			r[i] = spreadsheetCell(r[i])
		}
		if err := cw.Write(r); err != nil {
			return fmt.Errorf("schedule: writing CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("schedule: writing CSV: %w", err)
	}
	return nil
}

// spreadsheetCell returns s escaped for every spreadsheet import: the
// cell is passed through csvsafe.Cell, and so is every part of it that
// follows a ',', ';', tab, CR or LF, after its leading spaces (a
// spreadsheet that splits on ';' makes "a;=2+3" two cells, the second a
// formula; it becomes "a;'=2+3"). A cell that holds a list of ids is thus
// escaped element by element. It takes O(len(s)) time.
func spreadsheetCell(s string) string {
	var b strings.Builder
	rest := s
	for {
		i := strings.IndexAny(rest, ",;\t\r\n")
		part := rest
		if i >= 0 {
			part = rest[:i]
		}
		lead := len(part) - len(strings.TrimLeft(part, " "))
		b.WriteString(part[:lead])
		b.WriteString(csvsafe.Cell(part[lead:]))
		if i < 0 {
			return csvsafe.Cell(b.String()) // a cell that starts with a tab or CR
		}
		b.WriteByte(rest[i])
		rest = rest[i+1:]
	}
}

// WriteText writes a readable year plan, one block per group or pair in
// order of first session: date, time, kind and topic, and facilitator;
// then the notes. Group ids, topics, names and notes pass through
// termsafe.Text, so no user string can act on a terminal or forge a
// column. It takes O(S·A) time.
func WriteText(w io.Writer, p *Plan) error {
	loc := p.location()
	ppl := p.people()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var order []string
	byGroup := map[string][]Session{}
	for _, s := range p.Sessions {
		if _, ok := byGroup[s.Group]; !ok {
			order = append(order, s.Group)
		}
		byGroup[s.Group] = append(byGroup[s.Group], s)
	}
	// Groups first, then buddy pairs, each in order of first session: a
	// facilitator reads the two kinds apart.
	sort.SliceStable(order, func(i, j int) bool {
		return byGroup[order[i]][0].Kind != KindCheckIn && byGroup[order[j]][0].Kind == KindCheckIn
	})
	fmt.Fprintf(tw, "%s plan, times in %s\n", p.Options.Format, loc)
	for _, g := range order {
		head := g
		if ss := byGroup[g]; ss[0].Kind == KindCheckIn {
			head = "Buddy pair " + pairNames(ss[0], ppl) + " (" + g + ")"
		}
		fmt.Fprintf(tw, "\n%s\n", termsafe.Text(head))
		for _, s := range byGroup[g] {
			st, en := s.Start.In(loc), s.End.In(loc)
			what := string(s.Kind)
			if s.Topic != "" && s.Kind != KindKickoff && s.Kind != KindCheckIn {
				what += ": " + s.Topic
			} else if s.Kind == KindCheckIn {
				what = s.Topic
			}
			lead := ""
			if len(s.Facilitators) > 0 {
				lead = "led by " + termsafe.Text(displayName(ppl[s.Facilitators[0]], s.Facilitators[0]))
			}
			fmt.Fprintf(tw, "  %s\t%s–%s\t%s\t%s\n", st.Format("Mon 2006-01-02"), st.Format("15:04"), en.Format("15:04"), termsafe.Text(what), lead)
		}
	}
	if len(p.Notes) > 0 {
		fmt.Fprintf(tw, "\nNotes\n")
		for _, n := range p.Notes {
			fmt.Fprintf(tw, "  - %s\n", termsafe.Text(n))
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("schedule: writing text: %w", err)
	}
	return nil
}

// UID returns the stable ICS UID of a session: the first 32 hex digits of
// the SHA-256 of its group, kind, index and topic, then "@peermatch".
func UID(s Session) string {
	h := sha256.Sum256([]byte(s.Group + "\x00" + string(s.Kind) + "\x00" + strconv.Itoa(s.Index) + "\x00" + s.Topic))
	return hex.EncodeToString(h[:16]) + "@peermatch"
}

// cleanText replaces carriage returns and control characters (other than
// newline) so that no raw CR or control byte reaches the ICS output.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// cleanParam makes s safe as an unquoted ICS parameter value: golang-ical
// writes parameter values unquoted and backslash-escapes , ; : " ' \,
// which RFC 5545 does not define, so those characters and control
// characters become spaces.
func cleanParam(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', ';', ':', '"', '\'', '\\':
			return ' '
		}
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// mailto returns the member's calendar address: their email, or, when
// they have none, "<id>@peermatch.invalid" (the reserved .invalid domain,
// so no mail is ever sent).
func mailto(m Member, id string) string {
	if m.Email != "" {
		return "mailto:" + cleanParam(m.Email)
	}
	return "mailto:" + url.PathEscape(id) + "@peermatch.invalid"
}

const icsLocal = "20060102T150405"

// MaxListedAttendees is the largest session whose attendees a person's
// calendar (WriteICS with Selection.Person) lists by name; larger sessions
// list only the person. It bounds a person's calendar by the number of
// their sessions, whatever the size of their group.
const MaxListedAttendees = 30

// WriteICS writes the sessions sel picks as an RFC 5545 calendar with CRLF
// line endings and lines folded at 75 octets (never inside a UTF-8
// character). Each event has a stable UID (see UID), DTSTAMP from
// Options.Stamp (default: Start at 00:00 UTC), DTSTART/DTEND with the
// plan's TZID and a VTIMEZONE built from the Go time zone data (one
// observance per UTC-offset change from January 1 of the first session's
// year to the last session), SUMMARY, DESCRIPTION, ORGANIZER (the
// facilitator) and one ATTENDEE per attendee, each with CN (the name, with
// , ; : " ' \ replaced by spaces) and a mailto address (see the fallback in
// the package docs). In a person's calendar (sel.Person set) a session
// with more than MaxListedAttendees attendees lists only that person as
// ATTENDEE and gives the count instead of the names, so that the
// calendars of everyone in a large group stay linear in the group's size
// (the group's calendar lists every attendee). The same plan gives
// byte-identical output. A session that starts or ends outside the years
// 1–9999 (possible only in a plan built by hand) is an ErrInvalidInput
// error. It takes O(S·A + M) time for M members of the plan; to write
// many calendars of one plan, use an ICSWriter, which does that work once.
func WriteICS(w io.Writer, p *Plan, sel Selection) error {
	x, err := NewICSWriter(p)
	if err != nil {
		return err
	}
	return x.Write(w, sel)
}

// ICSWriter writes calendars of one plan, exactly as WriteICS does, after
// preparing once what every calendar needs: the options, the people by id,
// the sessions by group and by person, and the time zone's observances. Writing a calendar
// then takes time linear in the sessions it holds, so the calendars of
// every group and person of a plan (Plan.Calendars) take O(S·A + M) in
// all, where calling WriteICS for each would take O((S·A + M)·F) for F
// files. The plan must not change while the writer is in use. An ICSWriter
// is safe for concurrent use by several goroutines.
type ICSWriter struct {
	p        *Plan
	loc      *time.Location
	stamp    time.Time
	ppl      map[string]Member
	contact  map[string]contact // cleaned CN and address, by person id
	byGroup  map[string][]int   // session indexes, in plan order
	byPerson map[string][]int
	mu       sync.Mutex
	zones    map[zoneKey][]observance
}

// NewICSWriter prepares the plan for writing calendars. Invalid plan
// options are an ErrInvalidOptions error. It takes O(S·A + M) time for S
// sessions of at most A attendees and M members.
func NewICSWriter(p *Plan) (*ICSWriter, error) {
	s, err := normalize(p.Options)
	if err != nil {
		return nil, fmt.Errorf("schedule: writing ICS: %w", err)
	}
	x := &ICSWriter{p: p, loc: s.loc, stamp: s.stamp, ppl: p.people(),
		contact: map[string]contact{}, byGroup: map[string][]int{}, byPerson: map[string][]int{}, zones: map[zoneKey][]observance{}}
	for id, m := range x.ppl {
		x.contact[id] = contact{cn: cleanParam(displayName(m, id)), addr: mailto(m, id)}
	}
	last := map[string]int{} // person -> 1 + the last session indexed for them
	for i, ss := range p.Sessions {
		x.byGroup[ss.Group] = append(x.byGroup[ss.Group], i)
		for _, ids := range [][]string{ss.Facilitators, ss.Attendees} {
			for _, id := range ids {
				if last[id] != i+1 {
					last[id] = i + 1
					x.byPerson[id] = append(x.byPerson[id], i)
				}
			}
		}
	}
	return x, nil
}

// contact is a person's ORGANIZER or ATTENDEE value and CN parameter.
type contact struct{ cn, addr string }

// who returns the contact of id, also for an id that is in no group or
// pair of the plan (a plan written by hand).
func (x *ICSWriter) who(id string) contact {
	if c, ok := x.contact[id]; ok {
		return c
	}
	return contact{cn: cleanParam(id), addr: mailto(Member{}, id)}
}

// candidates returns the indexes, in plan order, of the sessions that may
// match sel: those of the selected group or person when sel names one
// (the shorter list when it names both), else every session.
func (x *ICSWriter) candidates(sel Selection) []int {
	var c []int
	all := true
	if sel.Group != "" {
		c, all = x.byGroup[sel.Group], false
	}
	if sel.Person != "" && (all || len(x.byPerson[sel.Person]) < len(c)) {
		c, all = x.byPerson[sel.Person], false
	}
	if all && len(sel.Groups) > 0 {
		seen := map[string]bool{}
		for _, g := range sel.Groups {
			if !seen[g] {
				seen[g] = true
				c = append(c, x.byGroup[g]...)
			}
		}
		slices.Sort(c)
		all = false
	}
	if all {
		c = make([]int, len(x.p.Sessions))
		for i := range c {
			c[i] = i
		}
	}
	return c
}

// Write writes the calendar of the sessions sel picks, byte-identical to
// WriteICS(w, p, sel). It takes O(s·a) time for the s sessions of at most
// a attendees it writes (plus, for a selection of neither a group nor a
// person, a scan of every session).
func (x *ICSWriter) Write(w io.Writer, sel Selection) error {
	var sessions []Session
	for _, i := range x.candidates(sel) {
		if s := x.p.Sessions[i]; sel.match(s) {
			sessions = append(sessions, s)
		}
	}
	loc, ppl := x.loc, x.ppl
	for _, s := range sessions {
		for _, t := range []time.Time{s.Start, s.End} {
			if y, ly := t.UTC().Year(), t.In(loc).Year(); y < 1 || y > 9999 || ly < 1 || ly > 9999 {
				return fmt.Errorf("%w: writing ICS: session %d of %q is at %s, outside the four-digit years of ICS", ErrInvalidInput, s.Index, s.Group, t.UTC().Format(time.RFC3339))
			}
		}
	}
	c := ics.NewCalendarFor("peermatch")
	c.SetCalscale("GREGORIAN")
	name := "peermatch"
	if sel.Group != "" {
		name += " " + sel.Group
	}
	if sel.Person != "" {
		name += " " + displayName(ppl[sel.Person], sel.Person)
	}
	c.SetXWRCalName(cleanText(name))
	utc := loc == time.UTC || loc.String() == "UTC"
	if !utc && len(sessions) > 0 {
		x.addTimezone(c, sessions)
	}
	for _, s := range sessions {
		e := c.AddEvent(UID(s))
		e.SetDtStampTime(x.stamp)
		if utc {
			e.SetStartAt(s.Start)
			e.SetEndAt(s.End)
		} else {
			e.SetProperty(ics.ComponentPropertyDtStart, s.Start.In(loc).Format(icsLocal), ics.WithTZID(loc.String()))
			e.SetProperty(ics.ComponentPropertyDtEnd, s.End.In(loc).Format(icsLocal), ics.WithTZID(loc.String()))
		}
		summary := s.Group + ": " + string(s.Kind)
		if s.Topic != "" && s.Kind != KindKickoff {
			summary += " – " + s.Topic
		}
		if s.Kind == KindCheckIn {
			summary = "Buddy " + s.Topic + ": " + pairNames(s, ppl)
		}
		e.SetSummary(cleanText(summary))
		invite := s.Attendees
		if sel.Person != "" && len(invite) > MaxListedAttendees {
			invite = []string{sel.Person}
		}
		var names []string
		for _, id := range invite {
			names = append(names, displayName(ppl[id], id))
		}
		desc := fmt.Sprintf("%s %s", s.Group, s.Kind)
		if s.Topic != "" && s.Kind != KindKickoff {
			desc += " on " + s.Topic
		}
		if len(s.Facilitators) > 0 {
			desc += ", led by " + displayName(ppl[s.Facilitators[0]], s.Facilitators[0])
		}
		if len(invite) < len(s.Attendees) {
			desc += fmt.Sprintf(".\nAttendees: %d people; the group's calendar lists them", len(s.Attendees))
		} else {
			desc += ".\nAttendees: " + strings.Join(names, ", ")
		}
		if s.Kind == KindCheckIn {
			desc = checkInText(s, ppl)
		}
		e.SetDescription(cleanText(desc))
		if len(s.Facilitators) > 0 {
			c := x.who(s.Facilitators[0])
			e.SetOrganizer(c.addr, ics.WithCN(c.cn))
		}
		for _, id := range invite {
			c := x.who(id)
			e.AddAttendee(c.addr, ics.WithCN(c.cn))
		}
	}
	if err := c.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("schedule: writing ICS: %w", err)
	}
	return nil
}

// utcOffset formats an offset in seconds as ±hhmm (±hhmmss when needed).
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

// zoneKey identifies a VTIMEZONE of the writer's zone: January 1 of the
// year it starts in, and the number of days it scans from there.
type zoneKey struct {
	year int
	days int64
}

// observance is one STANDARD or DAYLIGHT component of a VTIMEZONE.
type observance struct {
	dst            bool
	start          string // local onset, icsLocal
	fromOff, toOff int    // seconds east of UTC
	name           string
}

// addTimezone adds to c a VTIMEZONE for the writer's zone covering January
// 1 of the first session's year up to the last session's end. Calendars
// with the same first year and the same last day share the computation.
func (x *ICSWriter) addTimezone(c *ics.Calendar, sessions []Session) {
	first, last := sessions[0].Start, sessions[0].End
	for _, s := range sessions {
		if s.Start.Before(first) {
			first = s.Start
		}
		if s.End.After(last) {
			last = s.End
		}
	}
	year := first.In(x.loc).Year()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, x.loc)
	// The scan below steps a day at a time and stops at the first step
	// after last; the step count alone (not last itself) shapes the result.
	key := zoneKey{year, (last.Unix()-from.Unix())/86400 + 1}
	x.mu.Lock()
	obs, ok := x.zones[key]
	x.mu.Unlock()
	if !ok {
		obs = observances(x.loc, from, last)
		x.mu.Lock()
		x.zones[key] = obs
		x.mu.Unlock()
	}
	tz := c.AddTimezone(x.loc.String())
	for _, o := range obs {
		var cb *ics.ComponentBase
		if o.dst {
			d := &ics.Daylight{}
			tz.Components = append(tz.Components, d)
			cb = &d.ComponentBase
		} else {
			st := &ics.Standard{}
			tz.Components = append(tz.Components, st)
			cb = &st.ComponentBase
		}
		cb.SetProperty(ics.ComponentPropertyDtStart, o.start)
		cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(o.fromOff))
		cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(o.toOff))
		cb.SetProperty(ics.ComponentProperty(ics.PropertyTzname), cleanText(o.name))
	}
}

// observances lists the observances of loc from `from` (January 1) up to
// the first day after last: one for the offset in force at the start, then
// one per offset change, found by a daily scan and a binary search to the
// second. It takes O(D + C·log) time for D days and C changes.
func observances(loc *time.Location, from, last time.Time) []observance {
	var out []observance
	observe := func(at time.Time, fromOff int, local time.Time) {
		name, off := at.In(loc).Zone()
		out = append(out, observance{dst: at.In(loc).IsDST(), start: local.Format(icsLocal), fromOff: fromOff, toOff: off, name: name})
	}
	_, off0 := from.Zone()
	observe(from, off0, from)
	prev := from
	for t := from.Add(24 * time.Hour); ; t = t.Add(24 * time.Hour) {
		_, po := prev.Zone()
		_, no := t.In(loc).Zone()
		if no != po {
			lo, hi := prev, t // offset changes in (lo, hi]
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if _, mo := mid.In(loc).Zone(); mo == po {
					lo = mid
				} else {
					hi = mid
				}
			}
			// The onset is given in the local time of the old offset.
			observe(hi, po, hi.In(time.FixedZone("", po)))
		}
		prev = t.In(loc)
		if t.After(last) {
			break
		}
	}
	return out
}

// FollowUpQuestions are the questions of every buddy check-in, written into
// its calendar entry: the follow-up a pair's contract asks for.
var FollowUpQuestions = []string{
	"How is it going: did you meet as agreed, and what did you work on?",
	"Are your contributions equal and equitable: does each of you give and get a fair share?",
	"What can improve before the next check-in?",
}

// trialEndTopic is the topic of a pair's last trial meeting, whose
// description adds trialEndText to the follow-up questions.
const (
	trialEndTopic = "end of trial"
	trialEndText  = "This meeting ends the trial period: decide together whether to go on as buddies, and what you would change if you do."
)

// pairNames names the two partners of a check-in: "Ann Lee & Bob Stone".
func pairNames(s Session, ppl map[string]Member) string {
	names := make([]string, len(s.Attendees))
	for i, id := range s.Attendees {
		names[i] = displayName(ppl[id], id)
	}
	return strings.Join(names, " & ")
}

// checkInText is the description of a check-in: who meets, who convenes,
// and the follow-up questions.
func checkInText(s Session, ppl map[string]Member) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Buddy %s of %s", s.Topic, pairNames(s, ppl))
	if len(s.Facilitators) > 0 {
		fmt.Fprintf(&b, ", convened by %s", displayName(ppl[s.Facilitators[0]], s.Facilitators[0]))
	}
	b.WriteString(".\nTalk through:\n")
	for _, q := range FollowUpQuestions {
		b.WriteString("- " + q + "\n")
	}
	if s.Topic == trialEndTopic {
		b.WriteString(trialEndText + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
