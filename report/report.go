package report

import (
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

// ErrInvalidInput is wrapped by the errors Write returns for an Input it
// cannot render (an invalid Threshold or time zone).
var ErrInvalidInput = errors.New("report: invalid input")

// DefaultThreshold is the have level from which the coverage grid counts a
// member as able to teach a skill, when Input.Threshold is zero. It matches
// cohort.DefaultThreshold.
const DefaultThreshold = cohort.DefaultThreshold

// Input is what the report shows. Every pointer may be nil; its section is
// then left out.
type Input struct {
	// Title heads the page; empty means "Peer mentoring report".
	Title string
	// Generated is the date printed as the report's date (only the calendar
	// date is shown). Write never reads the clock; zero prints no date.
	Generated time.Time
	// Roster gives names, departments and skill levels. Without it people
	// are shown by id and the groups have no coverage grid.
	Roster *skills.Roster
	// Pairs is the buddy-pair result.
	Pairs *pairing.Result
	// Groups is the learning-group result.
	Groups *cohort.Result
	// Plan is the year plan of the groups (and check-ins of pairs).
	Plan *schedule.Plan
	// Threshold is the have level (1..5) from which the coverage grid
	// marks a member as able to teach a skill; zero means DefaultThreshold.
	Threshold int
	// Notes are shown in the summary, e.g. how the inputs were made.
	Notes []string
	// Health is the health review of a running programme (the pairs and
	// groups that need the facilitator, with the answers behind each);
	// nil leaves the section out.
	Health *Health
}

//go:embed report.html.tmpl
var pageSource string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).Parse(pageSource))

// Write renders in as one self-contained HTML page on w.
//
// It returns an error wrapping ErrInvalidInput when Threshold is outside
// 0..5 or the plan's time zone is unknown, and the error of w when writing
// fails. For P pairs, G groups of at most m members over k skills, S
// sessions with at most a attendees and n people, it takes
// O(n log n + P·t + G·m·k + S·a) time, t being the skills listed per pair.
func Write(w io.Writer, in Input) error {
	v, err := build(in)
	if err != nil {
		return err
	}
	escapeText(reflect.ValueOf(v).Elem())
	var b strings.Builder
	if err := page.Execute(&b, v); err != nil {
		return fmt.Errorf("report: rendering: %w", err)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: writing: %w", err)
	}
	return nil
}

// pageHead is how every page Write writes begins, and pageFoot how it
// ends (the template's first and last lines).
const (
	pageHead = "<!DOCTYPE html>\n<html lang=\"en\">\n"
	pageFoot = "<footer>Made with peermatch. This page is self-contained: it loads nothing from the network.</footer>\n</main>\n</body>\n</html>\n"
)

// PageHeadLen and PageFootLen are how many leading and trailing bytes of
// a file IsPage needs.
const (
	PageHeadLen = len(pageHead)
	PageFootLen = len(pageFoot)
)

// IsPage reports whether head and tail, the first PageHeadLen and the last
// PageFootLen bytes of a file, are those of a page written by Write.
// Programs that write the report to a path given by the user use it to
// replace the report of an earlier run and refuse to overwrite anything
// else. It takes O(1) time.
func IsPage(head, tail []byte) bool {
	return string(head) == pageHead && string(tail) == pageFoot
}

// escapeText passes every exported string reachable from v (settable)
// through termsafe.Text, as the text output and the contracts do:
// html/template escapes markup but keeps a bidi override, which would
// reverse the id, score or skills shown after a name in the same table
// cell, and C0 controls, which a browser shows as blanks or boxes. Slices
// and pointers are copied before their strings change, since the view
// shares some of them with the Input, which Write must leave as it is.
// O(size of the view).
func escapeText(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); termsafe.Text(s) != s {
			v.SetString(termsafe.Text(s))
		}
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(v.Elem())
		escapeText(c.Elem())
		v.Set(c)
	case reflect.Slice:
		if v.Len() == 0 {
			return
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		for i := 0; i < c.Len(); i++ {
			escapeText(c.Index(i))
		}
		v.Set(c)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				escapeText(v.Field(i))
			}
		}
	}
}

// view is the data of the template.
type view struct {
	Title     string
	Generated string
	Summary   []fact
	Notes     []string
	Health    *healthView
	Pairs     *pairsView
	Groups    *groupsView
	Calendar  *calendarView
	People    []personRow
}

// personRow is one line of the people index: where a person ended up.
type personRow struct {
	Person     personRef
	Department string
	Partners   []personRef
	Unmatched  bool // the pairs section lists the person as unmatched
	Group      string
	Anchor     string
	Owns       []string
}

type fact struct {
	Label, Value string
}

type personRef struct {
	ID, Name string
}

type skillRef struct {
	Skill string
	Value string
}

type pairRow struct {
	A, B, C              personRef
	Score                string
	Weak                 bool // score 0: nothing to exchange
	Pinned               bool
	ATeachesB, BTeachesA []skillRef
	ATeachesC, CTeachesA []skillRef
	BTeachesC, CTeachesB []skillRef
}

// leftOutRow is a person the pairs leave unmatched or the groups leave
// unplaced, with the reason.
type leftOutRow struct {
	Person personRef
	Reason string
}

type pairsView struct {
	Strategy  string
	Facts     []fact
	Rows      []pairRow
	Unmatched []leftOutRow
	Notes     []string
}

type cell struct {
	Class string // "t", "w", "tw" or ""
	Text  string
	Title string
}

type gridRow struct {
	Person personRef
	Cells  []cell
}

type gridColumn struct {
	Skill string
	Topic bool // the skill is a topic of the group's plan
	Gap   bool // wanted by a member, taught by none
	Count string
}

// topicRow is one topic of a group's learning plan. For a Peer Learning
// Group, Owner and When are the Exploration's facilitator and date, and
// Reflection and ReflectionWhen the Reflection's.
type topicRow struct {
	N              int
	Skill          string
	Owner          personRef
	Holds          bool // the owner can teach it already
	When           string
	Reflection     personRef
	ReflectionWhen string
	at             time.Time // the first session's start, for the order
}

type memberRow struct {
	Person     personRef
	Department string
	Grade      string
	Focus      string
}

type groupView struct {
	ID      string
	Anchor  string
	Facts   []fact
	Members []memberRow
	Columns []gridColumn
	Grid    []gridRow
	Topics  []topicRow
	// Learning is true for a Peer Learning Group's plan: each topic has
	// an Exploration and a Reflection, led by two members.
	Learning bool
	Gaps     []string
}

type groupsView struct {
	Threshold int
	Groups    []groupView
	Unplaced  []leftOutRow
}

type sessionRow struct {
	Date, Time   string
	Group        string
	Anchor       string // "" when the group has no section
	Kind         string // shown after the topic; "" when the topic says it
	Topic        string
	Facilitators []personRef
}

type monthView struct {
	Name     string
	Sessions []sessionRow
}

type calendarView struct {
	Facts  []fact
	Months []monthView
	Notes  []string
}

// names resolves person ids to display names: the roster first, then the
// plan's members.
type names map[string]string

func (n names) ref(id string) personRef {
	name := n[id]
	if name == "" {
		name = id
	}
	return personRef{ID: id, Name: name}
}

func build(in Input) (*view, error) {
	th := in.Threshold
	if th == 0 {
		th = DefaultThreshold
	}
	if th < 1 || th > skills.MaxLevel {
		return nil, fmt.Errorf("%w: threshold %d is outside 1..%d", ErrInvalidInput, in.Threshold, skills.MaxLevel)
	}
	v := &view{Title: in.Title, Notes: in.Notes}
	if v.Title == "" {
		v.Title = "Peer mentoring report"
	}
	if !in.Generated.IsZero() {
		v.Generated = in.Generated.Format("2 January 2006")
	}
	nm := names{}
	if in.Plan != nil {
		for _, g := range in.Plan.Groups {
			for _, m := range g.Members {
				if m.Name != "" {
					nm[m.ID] = m.Name
				}
			}
		}
		for _, p := range in.Plan.Options.Pairs {
			for _, m := range []schedule.Member{p.A, p.B} {
				if m.Name != "" {
					nm[m.ID] = m.Name
				}
			}
		}
	}
	if in.Roster != nil {
		for _, p := range in.Roster.People {
			if p.Name != "" {
				nm[p.ID] = p.Name
			}
		}
		v.Summary = append(v.Summary,
			fact{"People", fmt.Sprint(len(in.Roster.People))},
			fact{"Skills", fmt.Sprint(in.Roster.Catalog.Len())})
	}
	if in.Health != nil {
		v.Health = healthSection(in.Health, nm)
		v.Summary = append(v.Summary, in.Health.summary())
	}
	if in.Pairs != nil {
		v.Pairs = pairsSection(in.Pairs, nm)
		m := in.Pairs.Metrics
		v.Summary = append(v.Summary,
			fact{"Buddy pairs", fmt.Sprintf("%d (%s strategy), %d unmatched", m.Pairs, in.Pairs.Strategy, m.Unmatched)},
			fact{"Pair scores", fmt.Sprintf("mean %.1f, lowest %.1f (0–100)", m.Mean, m.Min)})
	}
	var sessionsOf map[string][]schedule.Session
	var loc *time.Location
	if in.Plan != nil {
		var err error
		loc, err = location(in.Plan.Options.Location)
		if err != nil {
			return nil, err
		}
		sessionsOf = map[string][]schedule.Session{}
		for _, s := range in.Plan.Sessions {
			sessionsOf[s.Group] = append(sessionsOf[s.Group], s)
		}
	}
	sections := map[string]string{}
	if in.Groups != nil {
		v.Groups = groupsSection(in, th, nm, sessionsOf, loc)
		for _, g := range v.Groups.Groups {
			sections[g.ID] = g.Anchor
		}
		placed := 0
		for _, g := range in.Groups.Groups {
			placed += len(g.Members)
		}
		v.Summary = append(v.Summary,
			fact{"Learning groups", fmt.Sprintf("%s, %d people placed, %d not placed", counted(len(in.Groups.Groups), "group", "groups"), placed, len(in.Groups.Unplaced))})
		if len(in.Groups.Groups) > 0 { // no groups teach nothing, whatever the metric says
			v.Summary = append(v.Summary,
				fact{"Group coverage", fmt.Sprintf("%.0f%% of wanted skill levels can be taught inside the group", 100*in.Groups.Metrics.Teachability)})
		}
	}
	if in.Roster != nil && (in.Pairs != nil || in.Groups != nil) {
		v.People = peopleIndex(in, nm)
	}
	if in.Plan != nil {
		v.Calendar = calendarSection(in.Plan, nm, sections, loc)
		if n := len(in.Plan.Sessions); n > 0 {
			first := in.Plan.Sessions[0].Start.In(loc)
			last := in.Plan.Sessions[n-1].Start.In(loc)
			v.Summary = append(v.Summary, fact{"Sessions", fmt.Sprintf("%d, from %s to %s", n, first.Format("2 Jan 2006"), last.Format("2 Jan 2006"))})
		} else {
			v.Summary = append(v.Summary, fact{"Sessions", "none"})
		}
	}
	return v, nil
}

// counted writes n with the noun in the right number: "1 group", "2 groups".
func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func location(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, fmt.Errorf("%w: plan time zone %q: want an IANA name such as \"Europe/Paris\"", ErrInvalidInput, name)
	}
	return loc, nil
}

func skillRefs(vs []pairing.SkillValue) []skillRef {
	out := make([]skillRef, len(vs))
	for i, s := range vs {
		out[i] = skillRef{Skill: s.Skill, Value: fmt.Sprintf("%.2f", s.Value)}
	}
	return out
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func pairsSection(res *pairing.Result, nm names) *pairsView {
	m := res.Metrics
	pv := &pairsView{Strategy: res.Strategy, Notes: res.Notes}
	pv.Facts = []fact{
		{"Pairs", fmt.Sprint(m.Pairs)},
		{"People matched", fmt.Sprint(m.Matched)},
		{"Unmatched", fmt.Sprint(m.Unmatched)},
		{"Mean score", fmt.Sprintf("%.1f", m.Mean)},
		{"Lowest score", fmt.Sprintf("%.1f", m.Min)},
		{"Equity (0 = even)", fmt.Sprintf("%.2f", m.Equity)},
		{"Wants covered", pct(m.WantCoverage)},
		{"Blocking pairs", fmt.Sprint(m.BlockingPairs)},
	}
	if m.Trios > 0 {
		pv.Facts = append(pv.Facts, fact{"Trios", fmt.Sprint(m.Trios)})
	}
	for _, p := range res.Pairs {
		row := pairRow{
			A: nm.ref(p.A), B: nm.ref(p.B),
			Score: fmt.Sprintf("%.1f", p.Score), Weak: p.Score == 0, Pinned: p.Pinned,
			ATeachesB: skillRefs(p.ATeachesB), BTeachesA: skillRefs(p.BTeachesA),
		}
		if p.C != "" {
			row.C = nm.ref(p.C)
			row.ATeachesC, row.CTeachesA = skillRefs(p.ATeachesC), skillRefs(p.CTeachesA)
			row.BTeachesC, row.CTeachesB = skillRefs(p.BTeachesC), skillRefs(p.CTeachesB)
		}
		pv.Rows = append(pv.Rows, row)
	}
	for _, u := range res.Unmatched {
		pv.Unmatched = append(pv.Unmatched, leftOutRow{Person: nm.ref(u.ID), Reason: u.Reason})
	}
	return pv
}

func groupsSection(in Input, th int, nm names, sessionsOf map[string][]schedule.Session, loc *time.Location) *groupsView {
	gv := &groupsView{Threshold: th}
	for _, u := range in.Groups.Unplaced {
		gv.Unplaced = append(gv.Unplaced, leftOutRow{Person: nm.ref(u.ID), Reason: u.Reason})
	}
	for _, g := range in.Groups.Groups {
		id := schedule.GroupID(g.ID)
		v := groupView{ID: id, Anchor: fmt.Sprintf("group-%d", g.ID)}
		m := g.Metrics
		v.Facts = []fact{
			{"Members", fmt.Sprint(len(g.Members))},
			{"Score", fmt.Sprintf("%.3f", m.Score)},
			{"Teachability", pct(m.Teachability)},
			{"Members with a role", pct(m.Roles)},
		}
		if g.Focus != "" {
			v.Facts = append(v.Facts, fact{"Shared focus", g.Focus})
		}
		topic := map[string]bool{}
		for _, t := range g.Topics {
			topic[strings.ToLower(t.Skill)] = true
		}
		var people []*skills.Person
		for _, id := range g.Members {
			var p *skills.Person
			if in.Roster != nil {
				p = in.Roster.Person(id)
			}
			people = append(people, p)
			row := memberRow{Person: nm.ref(id)}
			if p != nil {
				row.Department, row.Focus = p.Department, p.Focus
				row.Grade = fmt.Sprint(p.Grade)
			}
			v.Members = append(v.Members, row)
		}
		if in.Roster != nil {
			grid(&v, in.Roster.Catalog, people, nm, g.Members, topic, th)
		}
		v.Topics, v.Learning = learningPlan(in, g.Topics, sessionsOf[id], nm, th, loc)
		gv.Groups = append(gv.Groups, v)
	}
	return gv
}

// learningPlan lists a group's topics in the order the plan holds them
// (by the date of each topic's first session; topics the plan does not
// hold follow in the group's order), each with who leads it: the
// facilitators of the plan's sessions when there is a plan, so that the
// plan and the calendar agree, else the topic's owners. A topic with an
// Exploration and a Reflection shows both, with both facilitators. It
// takes O(t·s) time for t topics and s sessions of the group.
func learningPlan(in Input, topics []cohort.Topic, sessions []schedule.Session, nm names, th int, loc *time.Location) ([]topicRow, bool) {
	rows := make([]topicRow, 0, len(topics))
	learning := false
	for _, t := range topics {
		row := topicRow{Skill: t.Skill, Owner: nm.ref(t.Owner)}
		if t.Reflection != "" {
			row.Reflection = nm.ref(t.Reflection)
		}
		for _, s := range sessions {
			if !strings.EqualFold(s.Topic, t.Skill) || s.Kind == schedule.KindKickoff {
				continue
			}
			when := s.Start.In(loc).Format("Mon 2 Jan 2006")
			var lead personRef
			if len(s.Facilitators) > 0 {
				lead = nm.ref(s.Facilitators[0])
			}
			switch s.Kind {
			case schedule.KindReflection:
				learning = true
				if row.ReflectionWhen == "" {
					row.ReflectionWhen = when
					if lead.ID != "" {
						row.Reflection = lead
					}
				}
			default:
				if row.When == "" {
					row.When, row.at = when, s.Start
					if lead.ID != "" {
						row.Owner = lead
					}
				}
			}
		}
		if in.Roster != nil {
			if p, j := in.Roster.Person(row.Owner.ID), skillIndex(in.Roster.Catalog, t.Skill); p != nil && j >= 0 && j < len(p.Have) {
				row.Holds = int(p.Have[j]) >= th
			}
		}
		rows = append(rows, row)
	}
	if !learning {
		for _, r := range rows {
			if r.Reflection.ID != "" {
				learning = true
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].at, rows[j].at
		if a.IsZero() || b.IsZero() {
			return !a.IsZero() && b.IsZero()
		}
		return a.Before(b)
	})
	for i := range rows {
		rows[i].N = i + 1
	}
	return rows, learning
}

func skillIndex(c *skills.Catalog, name string) int {
	j, ok := c.Index(name)
	if !ok {
		return -1
	}
	return j
}

// grid fills the coverage grid of v: the skills some member can teach or
// wants, in catalog order, and one row per member.
func grid(v *groupView, cat *skills.Catalog, people []*skills.Person, nm names, ids []string, topic map[string]bool, th int) {
	level := func(ls []uint8, j int) int {
		if j < len(ls) {
			return int(ls[j])
		}
		return 0
	}
	var cols []int
	for j := 0; j < cat.Len(); j++ {
		for _, p := range people {
			if p != nil && (level(p.Have, j) >= th || level(p.Want, j) > 0) {
				cols = append(cols, j)
				break
			}
		}
	}
	teachers := make([]int, len(cols))
	wanters := make([]int, len(cols))
	for i, p := range people {
		row := gridRow{Person: nm.ref(ids[i]), Cells: make([]cell, len(cols))}
		for c, j := range cols {
			if p == nil {
				continue
			}
			h, w := level(p.Have, j), level(p.Want, j)
			cl := &row.Cells[c]
			cl.Title = fmt.Sprintf("%s: have %d, want %d", cat.Skill(j).Name, h, w)
			t, wa := h >= th, w > 0
			switch {
			case t && wa:
				cl.Class, cl.Text = "tw", "T W"
			case t:
				cl.Class, cl.Text = "t", "T"
			case wa:
				cl.Class, cl.Text = "w", "W"
			}
		}
		for c, j := range cols {
			if p != nil && level(p.Have, j) >= th {
				teachers[c]++
			}
			if p != nil && level(p.Want, j) > 0 {
				wanters[c]++
			}
		}
		v.Grid = append(v.Grid, row)
	}
	for c, j := range cols {
		name := cat.Skill(j).Name
		col := gridColumn{Skill: name, Topic: topic[strings.ToLower(name)],
			Gap: wanters[c] > 0 && teachers[c] == 0, Count: fmt.Sprintf("%d/%d", teachers[c], wanters[c])}
		if col.Gap {
			v.Gaps = append(v.Gaps, name)
		}
		v.Columns = append(v.Columns, col)
	}
}

func calendarSection(p *schedule.Plan, nm names, sections map[string]string, loc *time.Location) *calendarView {
	cv := &calendarView{Notes: p.Notes}
	cv.Facts = []fact{
		{"Format", p.Options.Format.String()},
		{"Time zone", loc.String()},
		{"Sessions", fmt.Sprint(len(p.Sessions))},
	}
	// The plan's own pairs name a check-in's partners: its Group,
	// "pair:A+B", cannot be split when an id holds a '+' (ann+pm@x.org).
	pairOf := make(map[string]schedule.Pair, len(p.Options.Pairs))
	for _, pr := range p.Options.Pairs {
		pairOf[pr.ID()] = pr
	}
	var cur *monthView
	for _, s := range p.Sessions {
		st, en := s.Start.In(loc), s.End.In(loc)
		month := st.Format("January 2006")
		if cur == nil || cur.Name != month {
			cv.Months = append(cv.Months, monthView{Name: month})
			cur = &cv.Months[len(cv.Months)-1]
		}
		row := sessionRow{
			Date:   st.Format("Mon 2 Jan"),
			Time:   st.Format("15:04") + "–" + en.Format("15:04"),
			Group:  s.Group,
			Anchor: sections[s.Group],
			Topic:  s.Topic,
		}
		if s.Kind == schedule.KindExploration || s.Kind == schedule.KindReflection {
			row.Kind = string(s.Kind) // the topic alone does not say which
		}
		if pr, ok := pairOf[s.Group]; ok {
			row.Group = "Pair " + nm.ref(pr.A.ID).Name + " & " + nm.ref(pr.B.ID).Name
		}
		if s.Kind == schedule.KindKickoff {
			row.Topic = "Kickoff workshop"
		}
		for _, f := range s.Facilitators {
			row.Facilitators = append(row.Facilitators, nm.ref(f))
		}
		cur.Sessions = append(cur.Sessions, row)
	}
	return cv
}

// peopleIndex lists every person of the roster, by name then id, with their
// buddy (or buddies, in a trio), group and owned topics.
func peopleIndex(in Input, nm names) []personRow {
	partners := map[string][]string{}
	unmatched := map[string]bool{}
	if in.Pairs != nil {
		for _, p := range in.Pairs.Pairs {
			members := []string{p.A, p.B}
			if p.C != "" {
				members = append(members, p.C)
			}
			for _, x := range members {
				for _, y := range members {
					if x != y {
						partners[x] = append(partners[x], y)
					}
				}
			}
		}
		for _, u := range in.Pairs.Unmatched {
			unmatched[u.ID] = true
		}
	}
	groupOf := map[string]int{}
	owns := map[string][]string{}
	if in.Groups != nil {
		for _, g := range in.Groups.Groups {
			for _, id := range g.Members {
				groupOf[id] = g.ID
			}
			for _, t := range g.Topics {
				owns[t.Owner] = append(owns[t.Owner], t.Skill)
			}
		}
	}
	rows := make([]personRow, 0, len(in.Roster.People))
	for _, p := range in.Roster.People {
		row := personRow{Person: nm.ref(p.ID), Department: p.Department, Unmatched: unmatched[p.ID], Owns: owns[p.ID]}
		for _, id := range partners[p.ID] {
			row.Partners = append(row.Partners, nm.ref(id))
		}
		if g, ok := groupOf[p.ID]; ok {
			row.Group, row.Anchor = schedule.GroupID(g), fmt.Sprintf("group-%d", g)
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Person, rows[j].Person
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return rows
}
