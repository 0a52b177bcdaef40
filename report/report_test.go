package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

var generated = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

// demoInput runs the whole flow on r: optimal pairs, peer mentoring teams
// (a short search, enough for a report test) and the year plan.
func demoInput(t testing.TB, r *skills.Roster) Input {
	t.Helper()
	ctx := context.Background()
	pr, err := pairing.Pairs(ctx, r, pairing.Options{})
	require.NoError(t, err)
	opt := cohort.PeerMentoringTeam()
	opt.Iterations = 20000
	cr, err := cohort.Form(ctx, r, opt)
	require.NoError(t, err)
	gs, err := schedule.GroupsFromCohort(r, cr)
	require.NoError(t, err)
	plan, err := schedule.Build(gs, schedule.Options{Start: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC), Location: "Europe/Paris"})
	require.NoError(t, err)
	return Input{Title: "Demo programme", Generated: generated, Roster: r, Pairs: pr, Groups: cr, Plan: plan,
		Notes: []string{"groups formed with the peer mentoring team format"}}
}

func render(t testing.TB, in Input) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Write(&b, in))
	return b.String()
}

func TestWriteDemo(t *testing.T) {
	r := skills.Demo()
	in := demoInput(t, r)
	out := render(t, in)

	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"))
	assert.Contains(t, out, "<title>Demo programme</title>")
	assert.Contains(t, out, "Generated on 4 January 2027")
	assert.Contains(t, out, "groups formed with the peer mentoring team format")
	for _, p := range r.People {
		assert.Contains(t, out, ">"+p.Name+"<", "person %s", p.ID)
	}
	for _, sec := range []string{`id="summary"`, `id="pairs"`, `id="groups"`, `id="calendar"`, `id="people"`} {
		assert.Contains(t, out, sec)
	}
	assert.Equal(t, len(r.People), strings.Count(section(out, "people"), "<tr><td"))
	// Every pair, with both explanations.
	for _, p := range in.Pairs.Pairs {
		a, b := r.Person(p.A).Name, r.Person(p.B).Name
		re := regexp.MustCompile(regexp.QuoteMeta(a) + `<span class="id">` + p.A + `</span></td>\n<td class="who">` + regexp.QuoteMeta(b))
		assert.Regexp(t, re, out, "pair %s–%s", p.A, p.B)
		for _, s := range append(append([]pairing.SkillValue{}, p.ATeachesB...), p.BTeachesA...) {
			assert.Contains(t, out, "<li>"+s.Skill+" <span")
		}
	}
	// Every group with its grid and plan.
	for _, g := range in.Groups.Groups {
		id := schedule.GroupID(g.ID)
		assert.Contains(t, out, "<h3>Group "+id+"</h3>")
		for _, tp := range g.Topics {
			assert.Contains(t, out, "<td>"+tp.Skill+"</td><td>"+r.Person(tp.Owner).Name)
		}
	}
	assert.Equal(t, len(in.Groups.Groups), strings.Count(out, `<table class="grid">`))
	// Every session in the calendar, with its topic and facilitator.
	assert.Equal(t, len(in.Plan.Sessions), strings.Count(out, `<td class="date">`))
	for _, s := range in.Plan.Sessions {
		if s.Kind == schedule.KindSession {
			assert.Contains(t, out, s.Group+"</a></td><td>"+s.Topic+"</td><td>"+r.Person(s.Facilitators[0]).Name+`<span class="id">`+s.Facilitators[0], "session %s %s", s.Group, s.Topic)
		}
	}
	assert.Contains(t, out, "<h3>January 2027</h3>")
	assert.Contains(t, out, "Kickoff workshop")
	// Times are local (Europe/Paris): sessions at 10:00–12:00.
	assert.Contains(t, out, `<td class="time">10:00–12:00</td>`)
}

func TestWriteIsSelfContained(t *testing.T) {
	out := render(t, demoInput(t, skills.Demo()))
	lower := strings.ToLower(out)
	for _, bad := range []string{"<script", "http://", "https://", "src=", "@import", "url(", "<link", "<img", "<iframe"} {
		assert.NotContains(t, lower, bad)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	a := render(t, demoInput(t, skills.Demo()))
	b := render(t, demoInput(t, skills.Demo()))
	require.Equal(t, a, b)
	in := demoInput(t, skills.Synthetic(60, 15, 7, skills.SyntheticOptions{}))
	first := render(t, in)
	for range 5 {
		require.Equal(t, first, render(t, in))
	}
}

// hostile returns a small roster whose names, ids, skills and departments
// try to inject markup.
func hostile(t testing.TB) *skills.Roster {
	cat, err := skills.NewCatalog(skills.Skill{Name: "<b>Bold</b> & Co"}, skills.Skill{Name: `Skill "quoted" 'x'`})
	require.NoError(t, err)
	people := []skills.Person{
		{ID: "x1", Name: "<script>alert('pwn')</script>", Department: "<img src=x onerror=alert(1)>", Grade: 1, Years: 1,
			Have: []uint8{4, 0}, Want: []uint8{0, 3}},
		{ID: "x2", Name: `Eve" onmouseover="alert(2)`, Department: "Ops", Grade: 1, Years: 9,
			Have: []uint8{0, 4}, Want: []uint8{3, 0}},
	}
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	return r
}

func TestWriteEscapesHostileInput(t *testing.T) {
	r := hostile(t)
	ctx := context.Background()
	pr, err := pairing.Pairs(ctx, r, pairing.Options{})
	require.NoError(t, err)
	require.Len(t, pr.Pairs, 1)
	cr, err := cohort.Form(ctx, r, cohort.Options{MinSize: 2, MaxSize: 2, Sessions: 2, Iterations: 100})
	require.NoError(t, err)
	gs, err := schedule.GroupsFromCohort(r, cr)
	require.NoError(t, err)
	plan, err := schedule.Build(gs, schedule.Options{Start: generated})
	require.NoError(t, err)
	out := render(t, Input{Title: "</title><script>x()</script>", Roster: r, Pairs: pr, Groups: cr, Plan: plan,
		Notes: []string{"<script>note()</script>"}})

	lower := strings.ToLower(out)
	assert.NotContains(t, lower, "<script")
	assert.NotContains(t, lower, "<img")
	assert.NotContains(t, lower, "<b>bold")
	assert.NotContains(t, out, `" onmouseover="`)
	assert.Contains(t, out, "&lt;script&gt;alert(&#39;pwn&#39;)&lt;/script&gt;")
	assert.Contains(t, out, "&lt;b&gt;Bold&lt;/b&gt; &amp; Co")
	assert.Contains(t, out, "Eve&#34; onmouseover=&#34;alert(2)")
	assert.Equal(t, 1, strings.Count(lower, "<title>"))
	assert.Equal(t, 1, strings.Count(lower, "</title>"))
}

func TestWriteSections(t *testing.T) {
	full := demoInput(t, skills.Demo())
	cases := []struct {
		name    string
		in      Input
		present []string
		absent  []string
	}{
		{"empty", Input{}, []string{"Peer mentoring report", "Nothing to report"},
			[]string{`id="pairs"`, `id="groups"`, `id="calendar"`, "Generated on"}},
		{"roster only", Input{Roster: full.Roster}, []string{"<dt>People</dt><dd>48</dd>", "<dt>Skills</dt><dd>12</dd>"},
			[]string{`id="pairs"`, `id="groups"`, `id="calendar"`}},
		{"pairs only", Input{Pairs: full.Pairs}, []string{`id="pairs"`, "<h3>Unmatched</h3>", "no eligible partner"},
			[]string{`id="groups"`, `id="calendar"`, "<dt>People</dt>"}},
		{"groups without roster", Input{Groups: full.Groups}, []string{`id="groups"`, "<h3>Group G1</h3>"},
			[]string{`<table class="grid">`, `id="calendar"`, `id="pairs"`}},
		{"plan only", Input{Plan: full.Plan}, []string{`id="calendar"`, "Kickoff workshop"},
			[]string{`id="groups"`, `id="pairs"`, `href="#group-1"`}},
		{"groups and plan", Input{Groups: full.Groups, Plan: full.Plan}, []string{`href="#group-1">G1</a>`},
			[]string{`id="pairs"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := render(t, c.in)
			for _, s := range c.present {
				assert.Contains(t, out, s)
			}
			for _, s := range c.absent {
				assert.NotContains(t, out, s)
			}
		})
	}
}

// TestCoverageGrid checks the grid cells against a hand-made group.
func TestCoverageGrid(t *testing.T) {
	cat, err := skills.NewCatalog(skills.Skill{Name: "Coaching"}, skills.Skill{Name: "Unused"}, skills.Skill{Name: "Negotiation"}, skills.Skill{Name: "Delegation"})
	require.NoError(t, err)
	r, err := skills.New(cat, []skills.Person{
		{ID: "a", Name: "Ana", Have: []uint8{4, 2, 0, 3}, Want: []uint8{0, 0, 0, 2}},
		{ID: "b", Name: "Ben", Have: []uint8{0, 0, 2, 0}, Want: []uint8{3, 0, 1, 0}},
		{ID: "c", Name: "Cai", Have: []uint8{3, 0, 0, 0}, Want: []uint8{2, 0, 0, 0}},
	})
	require.NoError(t, err)
	cr := &cohort.Result{Groups: []cohort.Group{{ID: 7, Members: []string{"a", "b", "c"},
		Topics: []cohort.Topic{{Skill: "coaching", Owner: "c"}, {Skill: "Negotiation", Owner: "b"}}}}}

	for _, tc := range []struct {
		threshold int
		want      [][]string // rows a, b, c over Coaching, Negotiation, Delegation
		counts    []string
		gaps      []string
	}{
		{0, [][]string{{"t", "", "tw"}, {"w", "w", ""}, {"tw", "", ""}}, []string{"2/2", "0/1", "1/1"}, []string{"Negotiation"}},
		{4, [][]string{{"t", "", "w"}, {"w", "w", ""}, {"w", "", ""}}, []string{"1/2", "0/1", "0/1"}, []string{"Negotiation", "Delegation"}},
		{2, [][]string{{"t", "t", "tw"}, {"w", "tw", ""}, {"tw", "", ""}}, []string{"2/2", "1/1", "1/1"}, nil},
	} {
		v, err := build(Input{Roster: r, Groups: cr, Threshold: tc.threshold})
		require.NoError(t, err)
		g := v.Groups.Groups[0]
		assert.Equal(t, "G7", g.ID)
		if tc.threshold == 2 {
			// Unused has Ana's level 2: it becomes a column.
			require.Len(t, g.Columns, 4)
			assert.Equal(t, "Unused", g.Columns[1].Skill)
			continue
		}
		var names, counts []string
		var topics []bool
		for _, c := range g.Columns {
			names, counts, topics = append(names, c.Skill), append(counts, c.Count), append(topics, c.Topic)
		}
		assert.Equal(t, []string{"Coaching", "Negotiation", "Delegation"}, names)
		assert.Equal(t, []bool{true, true, false}, topics)
		assert.Equal(t, tc.counts, counts)
		assert.Equal(t, tc.gaps, g.Gaps)
		for i, row := range g.Grid {
			var got []string
			for _, c := range row.Cells {
				got = append(got, c.Class)
			}
			assert.Equal(t, tc.want[i], got, "threshold %d row %s", tc.threshold, row.Person.ID)
		}
		assert.Equal(t, "Coaching: have 4, want 0", g.Grid[0].Cells[0].Title)
		// Topic owners: Cai holds Coaching at 3; Ben does not hold Negotiation.
		assert.Equal(t, tc.threshold == 0, g.Topics[0].Holds)
		assert.False(t, g.Topics[1].Holds)
	}
}

func TestWriteErrors(t *testing.T) {
	for _, th := range []int{-1, 6} {
		err := Write(&bytes.Buffer{}, Input{Threshold: th})
		require.ErrorIs(t, err, ErrInvalidInput)
	}
	plan := &schedule.Plan{Options: schedule.Options{Location: "Mars/Olympus"}}
	require.ErrorIs(t, Write(&bytes.Buffer{}, Input{Plan: plan}), ErrInvalidInput)

	boom := errors.New("disk full")
	err := Write(failWriter{boom}, Input{})
	require.ErrorIs(t, err, boom)
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

func TestCheckInsInCalendar(t *testing.T) {
	r := skills.Demo()
	ctx := context.Background()
	pr, err := pairing.Pairs(ctx, r, pairing.Options{})
	require.NoError(t, err)
	pairs, err := schedule.PairsFromPairing(r, pr)
	require.NoError(t, err)
	plan, err := schedule.Build(nil, schedule.Options{Start: generated, Pairs: pairs[:2]})
	require.NoError(t, err)
	out := render(t, Input{Roster: r, Plan: plan})
	a, b := r.Person(pr.Pairs[0].A).Name, r.Person(pr.Pairs[0].B).Name
	assert.Contains(t, out, "Pair "+a+" &amp; "+b)
	assert.Contains(t, out, "contract start")
	assert.Equal(t, len(plan.Sessions), strings.Count(out, `<td class="date">`))
}

// TestWriteProperties renders reports of many small synthetic rosters,
// some with groups that mention people missing from the roster, and checks
// that every person and every session is shown exactly where expected.
func TestWriteProperties(t *testing.T) {
	ctx := context.Background()
	for seed := uint64(1); seed <= 30; seed++ {
		n := 2 + int(seed%13)
		r := skills.Synthetic(n, 3+int(seed%5), seed, skills.SyntheticOptions{})
		pr, err := pairing.Pairs(ctx, r, pairing.Options{Seed: seed})
		require.NoError(t, err)
		in := Input{Roster: r, Pairs: pr}
		if cr, err := cohort.Form(ctx, r, cohort.Options{MinSize: 2, MaxSize: 4, Sessions: 3, Iterations: 500, Seed: seed}); err == nil {
			in.Groups = cr
			gs, err := schedule.GroupsFromCohort(r, cr)
			require.NoError(t, err)
			if plan, err := schedule.Build(gs, schedule.Options{Start: generated}); err == nil {
				in.Plan = plan
			}
		}
		if seed%4 == 0 && in.Groups != nil {
			// A roster that lacks the group members: ids stand in for names.
			in.Roster = skills.Synthetic(1, 2, seed, skills.SyntheticOptions{})
			in.Roster.People[0].ID = "zz-other"
			require.NoError(t, in.Roster.Validate())
		}
		out := render(t, in)
		if testing.Verbose() {
			t.Logf("seed %d: %d people, %d unmatched, groups %v, plan %v", seed, n, len(pr.Unmatched), in.Groups != nil, in.Plan != nil)
		}
		pairs := section(out, "pairs")
		assert.Equal(t, 2*len(pr.Pairs), strings.Count(pairs, `<td class="who">`), "seed %d", seed)
		assert.Equal(t, len(pr.Unmatched), strings.Count(pairs, "<tr><td>"), "seed %d", seed)
		for _, u := range pr.Unmatched {
			assert.Contains(t, pairs, html.EscapeString(u.Reason), "seed %d", seed)
		}
		for _, p := range r.People {
			assert.Contains(t, out, p.ID, "seed %d", seed)
		}
		if in.Groups != nil {
			groups := section(out, "groups")
			assert.Equal(t, len(in.Groups.Groups), strings.Count(groups, `<div class="groupbox"`), "seed %d", seed)
			members := 0
			for _, g := range in.Groups.Groups {
				members += len(g.Members)
			}
			assert.Equal(t, members, strings.Count(groups, `<td class="who">`), "seed %d", seed)
			assert.Equal(t, in.Roster.Len() > 1, strings.Contains(groups, `<table class="grid">`), "seed %d", seed)
		}
		if in.Plan != nil {
			assert.Equal(t, len(in.Plan.Sessions), strings.Count(out, `<td class="date">`), "seed %d", seed)
		}
		assert.Equal(t, strings.Count(out, "<tr"), strings.Count(out, "</tr>"), "seed %d", seed)
		assert.Equal(t, strings.Count(out, "<table"), strings.Count(out, "</table>"), "seed %d", seed)
		assert.Equal(t, strings.Count(out, "<div"), strings.Count(out, "</div>"), "seed %d", seed)
	}
}

// section returns the HTML of the section with the given id, or "".
func section(out, id string) string {
	_, rest, ok := strings.Cut(out, `<section id="`+id+`">`)
	if !ok {
		return ""
	}
	body, _, _ := strings.Cut(rest, "</section>")
	return body
}

func TestPeopleIndex(t *testing.T) {
	cat, err := skills.NewCatalog(skills.Skill{Name: "Coaching"})
	require.NoError(t, err)
	people := []skills.Person{}
	for _, p := range [][2]string{{"d", "Dora"}, {"a", "Ana"}, {"c", "Cai"}, {"b", "Ben"}, {"e", "Ana"}} {
		people = append(people, skills.Person{ID: p[0], Name: p[1], Department: "Ops", Have: []uint8{1}, Want: []uint8{0}})
	}
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	pr := &pairing.Result{Strategy: "optimal",
		Pairs:     []pairing.Pair{{A: "a", B: "b", C: "c"}},
		Unmatched: []pairing.Unmatched{{ID: "d", Reason: "odd count"}}}
	cr := &cohort.Result{Groups: []cohort.Group{{ID: 2, Members: []string{"a", "d"}, Topics: []cohort.Topic{{Skill: "Coaching", Owner: "d"}, {Skill: "Delegation", Owner: "d"}}}}}

	v, err := build(Input{Roster: r, Pairs: pr, Groups: cr})
	require.NoError(t, err)
	var got []string
	for _, row := range v.People {
		var partners []string
		for _, p := range row.Partners {
			partners = append(partners, p.ID)
		}
		got = append(got, fmt.Sprintf("%s %v %v %s %v", row.Person.ID, partners, row.Unmatched, row.Group, row.Owns))
	}
	assert.Contains(t, render(t, Input{Groups: cr}), "<dd>1 group, 2 people placed, 0 not placed</dd>")
	assert.Equal(t, []string{
		"a [b c] false G2 []", // Ana (a) before Ana (e): ties by id
		"e [] false  []",
		"b [a c] false  []",
		"c [a b] false  []",
		"d [] true G2 [Coaching Delegation]",
	}, got)

	out := render(t, Input{Roster: r, Pairs: pr, Groups: cr})
	index := section(out, "people")
	assert.Equal(t, 5, strings.Count(index, "<tr><td"))
	assert.Contains(t, index, `<span class="flag warn">unmatched</span>`)
	assert.Contains(t, index, `<a href="#group-2">G2</a></td><td>Coaching, Delegation</td>`)
	assert.Contains(t, out, `<li><a href="#people">People</a></li>`)

	// No people index without a roster, or with a roster alone.
	for _, in := range []Input{{Pairs: pr, Groups: cr}, {Roster: r}} {
		assert.NotContains(t, render(t, in), `id="people"`)
	}
}

// planRows returns the rows of each group's learning plan table, as text.
func planRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	rows := map[string][]string{}
	for _, box := range strings.Split(out, `<div class="groupbox"`)[1:] {
		id := regexp.MustCompile(`<h3>Group ([^<]+)</h3>`).FindStringSubmatch(box)
		require.NotNil(t, id)
		_, plan, ok := strings.Cut(box, "<h4>Learning plan</h4>")
		require.True(t, ok)
		plan, _, _ = strings.Cut(plan, "</table>")
		for _, tr := range regexp.MustCompile(`<tr><td class="num">[^\n]*</tr>`).FindAllString(plan, -1) {
			rows[id[1]] = append(rows[id[1]], html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(strings.ReplaceAll(tr, "</td>", "|"), "")))
		}
	}
	return rows
}

// TestLearningPlanInDateOrder: the learning plan lists topics by the date
// of their session, whatever the order of the cohort's topics, numbered
// 1, 2, … in that order, each led by the session's facilitator.
func TestLearningPlanInDateOrder(t *testing.T) {
	in := demoInput(t, skills.Demo())
	for i := range in.Groups.Groups {
		slices.Reverse(in.Groups.Groups[i].Topics)
	}
	rows := planRows(t, render(t, in))
	require.Len(t, rows, len(in.Groups.Groups))
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	for id, rs := range rows {
		sessions := sessionsOf(in.Plan, id, schedule.KindSession)
		require.Len(t, rs, len(sessions), id)
		for k, s := range sessions {
			lead := in.Roster.Person(s.Facilitators[0])
			assert.True(t, strings.HasPrefix(rs[k], fmt.Sprintf("%d|%s|%s%s", k+1, s.Topic, lead.Name, lead.ID)), "%s row %d: %s", id, k+1, rs[k])
			assert.True(t, strings.HasSuffix(rs[k], "|"+s.Start.In(paris).Format("Mon 2 Jan 2006")+"|"), "%s row %d: %s", id, k+1, rs[k])
		}
	}
}

func sessionsOf(p *schedule.Plan, group string, kind schedule.Kind) []schedule.Session {
	var out []schedule.Session
	for _, s := range p.Sessions {
		if s.Group == group && s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// TestLearningPlanPeerLearning: a Peer Learning Group's plan shows each
// module's Exploration and Reflection, with their dates and their two
// facilitators as the calendar has them.
func TestLearningPlanPeerLearning(t *testing.T) {
	cat, err := skills.NewCatalog(skills.Skill{Name: "Delegation"}, skills.Skill{Name: "Feedback"}, skills.Skill{Name: "Hiring"})
	require.NoError(t, err)
	var people []skills.Person
	for _, id := range []string{"m1", "m2", "m3", "m4"} {
		people = append(people, skills.Person{ID: id, Name: "Manager " + id, Grade: 3, Have: []uint8{3, 3, 3}, Want: []uint8{2, 2, 2}})
	}
	r, err := skills.New(cat, people)
	require.NoError(t, err)
	// The cohort result lists the topics in the reverse of the plan's
	// order: Build gets Hiring, Delegation, Feedback.
	cr := &cohort.Result{Groups: []cohort.Group{{ID: 1, Members: []string{"m1", "m2", "m3", "m4"}, Topics: []cohort.Topic{
		{Skill: "Feedback", Owner: "m3", Reflection: "m4"},
		{Skill: "Delegation", Owner: "m2", Reflection: "m1"},
		{Skill: "Hiring", Owner: "m1", Reflection: "m2"},
	}}}}
	gs, err := schedule.GroupsFromCohort(r, cr)
	require.NoError(t, err)
	slices.Reverse(gs[0].Topics)
	plan, err := schedule.Build(gs, schedule.Options{Format: schedule.PeerLearning, Start: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	out := render(t, Input{Roster: r, Groups: cr, Plan: plan})
	assert.Contains(t, out, "<th>Exploration led by</th><th>Exploration</th><th>Reflection led by</th><th>Reflection</th>")
	rows := planRows(t, out)
	require.Len(t, rows, len(cr.Groups))
	for id, rs := range rows {
		var want []string
		var cur string
		for _, s := range plan.Sessions {
			if s.Group != id {
				continue
			}
			who := "Manager " + s.Facilitators[0] + s.Facilitators[0]
			when := s.Start.Format("Mon 2 Jan 2006")
			if s.Kind == schedule.KindExploration {
				cur = fmt.Sprintf("%d|%s|%s|%s|", len(want)+1, s.Topic, who, when)
			} else {
				require.Equal(t, schedule.KindReflection, s.Kind)
				want = append(want, cur+who+"|"+when+"|")
			}
		}
		assert.Equal(t, want, rs, id)
	}
	assert.Equal(t, []string{
		"1|Hiring|Manager m1m1|Mon 11 Jan 2027|Manager m2m2|Mon 25 Jan 2027|",
		"2|Delegation|Manager m2m2|Mon 8 Feb 2027|Manager m1m1|Mon 22 Feb 2027|",
		"3|Feedback|Manager m3m3|Mon 8 Mar 2027|Manager m4m4|Mon 22 Mar 2027|",
	}, rows["G1"], "in date order, with the two facilitators of each module")
}

// TestHealthSection: the health review shows each finding with its people,
// its sentence and the answers behind it, escaped; no findings say so.
func TestHealthSection(t *testing.T) {
	var b strings.Builder
	err := Write(&b, Input{Health: &Health{Round: 2, AsOf: "2027-03-01", Flags: []Flag{
		{Kind: "one_sided", Members: []string{"a", "b"}, Message: "A and B may be one-sided.", Answers: []string{`2027-02-08 a about b: met, equitable 1/5: "<b>all me</b>"`}},
		{Kind: "stalled", Members: []string{"c", "d"}, Message: "No check-in from C and D for 7 weeks."},
	}}})
	require.NoError(t, err)
	out := b.String()
	assert.Contains(t, out, `<li><a href="#health">Health</a></li>`)
	assert.Contains(t, out, `<span class="flag warn">one_sided</span>`)
	assert.Contains(t, out, `<span class="flag info">stalled</span>`)
	assert.Contains(t, out, "&lt;b&gt;all me&lt;/b&gt;", "answers are escaped")
	assert.Contains(t, out, "round 2 on 2027-03-01: 2 flags")

	b.Reset()
	require.NoError(t, Write(&b, Input{Health: &Health{Round: 1, AsOf: "2027-02-01"}}))
	assert.Contains(t, b.String(), "Every pair and group is well.")
}

// TestWriteEscapesControlCharacters: html/template escapes markup but not
// a bidi override, which would reverse the id shown after a name in the
// same cell, nor escape sequences (the readers refuse such ids, but a
// platform fills Input itself: the flag's member id here); every text shows them as escapes, as
// the text output and the contracts do, and the Input is left unchanged.
func TestWriteEscapesControlCharacters(t *testing.T) {
	cat, err := skills.NewCatalog(skills.Skill{Name: "A\u202e"}, skills.Skill{Name: "B\x1b[31m"})
	require.NoError(t, err)
	r, err := skills.New(cat, []skills.Person{
		{ID: "x1", Name: "Ann\u202e", Department: "Ops\x1b]0;t\x07", Grade: 1, Years: 1, Have: []uint8{4, 0}, Want: []uint8{0, 3}},
		{ID: "x2", Name: "Bo\u2028b\u2066", Department: "Ops", Grade: 1, Years: 9, Have: []uint8{0, 4}, Want: []uint8{3, 0}},
	})
	require.NoError(t, err)
	ctx := context.Background()
	pr, err := pairing.Pairs(ctx, r, pairing.Options{})
	require.NoError(t, err)
	cr, err := cohort.Form(ctx, r, cohort.Options{MinSize: 2, MaxSize: 2, Sessions: 2, Iterations: 100})
	require.NoError(t, err)
	gs, err := schedule.GroupsFromCohort(r, cr)
	require.NoError(t, err)
	plan, err := schedule.Build(gs, schedule.Options{Start: generated})
	require.NoError(t, err)
	notes := []string{"note\x1b[2J"}
	answers := []string{"ok\u202e"}
	out := render(t, Input{Title: "T\u202e", Roster: r, Pairs: pr, Groups: cr, Plan: plan, Notes: notes,
		Health: &Health{Round: 1, AsOf: "2027-01-04", Flags: []Flag{{Kind: "stalled", Members: []string{"x\u202e1", "x2"}, Message: "m\x07", Answers: answers}}}})
	for i, c := range out {
		require.False(t, (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029' || unicode.Is(unicode.Bidi_Control, c),
			"raw %U at byte %d: %q", c, i, out[max(0, i-60):i])
	}
	for _, want := range []string{`Ann\u202e<span class="id">x1</span>`, `x\u202e1`, `Bo\u2028b\u2066`, `Ops\x1b]0;t\a`, `A\u202e`, `B\x1b[31m`, `note\x1b[2J`, `ok\u202e`, `m\a`, `<h1>T\u202e</h1>`} {
		assert.Contains(t, out, want)
	}
	assert.Equal(t, []string{"note\x1b[2J"}, notes, "the Input's notes are left as they are")
	assert.Equal(t, []string{"ok\u202e"}, answers, "the Input's answers are left as they are")
}

// TestIsPage: every page Write writes is recognised by its first and last
// bytes, and other HTML is not.
func TestIsPage(t *testing.T) {
	for _, in := range []Input{{}, {Title: "x"}, demoInput(t, skills.Demo())} {
		out := render(t, in)
		require.GreaterOrEqual(t, len(out), PageHeadLen+PageFootLen)
		assert.True(t, IsPage([]byte(out[:PageHeadLen]), []byte(out[len(out)-PageFootLen:])))
	}
	assert.False(t, IsPage([]byte("<!DOCTYPE html>\n<html>\n"), []byte("</html>\n")))
	assert.False(t, IsPage(nil, nil))
}

// TestCheckInsOfIdsWithPlus: the calendar names a pair's partners from the
// plan's pairs, not by splitting "pair:A+B" at its first '+', which gave
// "Pair ann & pm@x.org+bob@x.org" for plus-addressed e-mail ids.
func TestCheckInsOfIdsWithPlus(t *testing.T) {
	cat, err := skills.NewCatalog(skills.Skill{Name: "A"}, skills.Skill{Name: "B"})
	require.NoError(t, err)
	r, err := skills.New(cat, []skills.Person{
		{ID: "ann+pm@x.org", Name: "Ann", Grade: 1, Have: []uint8{5, 0}, Want: []uint8{0, 5}},
		{ID: "bob@x.org", Name: "Bob", Grade: 1, Have: []uint8{0, 5}, Want: []uint8{5, 0}},
		{ID: "+c", Name: "Cy", Grade: 1, Have: []uint8{5, 0}, Want: []uint8{0, 5}},
		{ID: "d+", Name: "Di", Grade: 1, Have: []uint8{0, 5}, Want: []uint8{5, 0}},
	})
	require.NoError(t, err)
	plan, err := schedule.Build(nil, schedule.Options{Start: generated, Pairs: []schedule.Pair{
		{A: schedule.Member{ID: "ann+pm@x.org"}, B: schedule.Member{ID: "bob@x.org"}},
		{A: schedule.Member{ID: "+c"}, B: schedule.Member{ID: "d+"}},
	}})
	require.NoError(t, err)
	out := render(t, Input{Roster: r, Plan: plan})
	assert.Contains(t, out, "Pair Ann &amp; Bob")
	assert.Contains(t, out, "Pair Cy &amp; Di")
	assert.NotContains(t, out, "pm@x.org&#43;bob")
}
