package schedule

import (
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ts(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func sess(g string, k Kind, i int, topic string, start time.Time, dur time.Duration, lead string, att ...string) Session {
	return Session{Group: g, Kind: k, Index: i, Topic: topic, Start: start, End: start.Add(dur), Facilitators: []string{lead}, Attendees: att}
}

// handMentoring is a valid PeerMentoring plan written by hand.
func handMentoring() *Plan {
	abc := []string{"a", "b", "c"}
	return &Plan{
		Options: Options{Start: date(2026, 1, 13)},
		Groups: []Group{{ID: "g", Members: members("a", "b", "c"), Topics: []Topic{
			{Skill: "x", Owner: "a"}, {Skill: "y", Owner: "b", Requires: []string{"x"}}, {Skill: "z", Owner: "c"}}}},
		Sessions: []Session{
			sess("g", KindKickoff, 0, "kickoff", ts(2026, 1, 13, 9, 0), 8*time.Hour, "a", abc...),
			sess("g", KindSession, 1, "x", ts(2026, 2, 10, 10, 0), 2*time.Hour, "a", abc...),
			sess("g", KindSession, 2, "y", ts(2026, 3, 10, 10, 0), 2*time.Hour, "b", abc...),
			sess("g", KindSession, 3, "z", ts(2026, 4, 14, 10, 0), 2*time.Hour, "c", abc...),
		},
	}
}

// handLearning is a valid PeerLearning plan written by hand.
func handLearning() *Plan {
	ab := []string{"a", "b"}
	d := 90 * time.Minute
	return &Plan{
		Options: Options{Format: PeerLearning, Start: date(2026, 1, 13)},
		Groups:  []Group{{ID: "l", Members: members("a", "b"), Topics: []Topic{{Skill: "x"}, {Skill: "y"}}}},
		Sessions: []Session{
			sess("l", KindExploration, 0, "x", ts(2026, 1, 13, 10, 0), d, "a", ab...),
			sess("l", KindReflection, 1, "x", ts(2026, 1, 27, 10, 0), d, "b", ab...),
			sess("l", KindExploration, 2, "y", ts(2026, 2, 10, 10, 0), d, "a", ab...),
			sess("l", KindReflection, 3, "y", ts(2026, 2, 24, 10, 0), d, "b", ab...),
		},
	}
}

func rulesOf(v []Violation) []Rule {
	set := map[Rule]bool{}
	for _, x := range v {
		set[x.Rule] = true
	}
	out := make([]Rule, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func TestCheckHandBuilt(t *testing.T) {
	require.Empty(t, handMentoring().Check())
	require.Empty(t, handLearning().Check())
	tests := []struct {
		name   string
		plan   func() *Plan
		mutate func(p *Plan)
		want   []Rule
	}{
		{"double-booking", handMentoring, func(p *Plan) {
			p.Options.Pairs = []Pair{{A: Member{ID: "a"}, B: Member{ID: "d"}}}
			p.Sessions = append(p.Sessions, sess("pair:a+d", KindCheckIn, 0, "contract start", ts(2026, 2, 10, 11, 30), 30*time.Minute, "a", "a", "d"))
		}, []Rule{RuleDoubleBooking}},
		{"blackout", handMentoring, func(p *Plan) {
			p.Options.Blackouts = []DateRange{{From: date(2026, 3, 9), To: date(2026, 3, 10)}}
		}, []Rule{RuleBlackout}},
		{"blackout beyond horizon", handMentoring, func(p *Plan) {
			p.Options.Horizon = date(2026, 4, 1)
			p.Options.Blackouts = []DateRange{{From: date(2026, 4, 14), To: date(2026, 4, 14)}}
		}, []Rule{RuleBlackout, RuleHorizon}},
		{"holiday", handMentoring, func(p *Plan) {
			p.Options.Holidays = []string{"FR"}
			p.Sessions[3].Start, p.Sessions[3].End = ts(2026, 7, 14, 10, 0), ts(2026, 7, 14, 12, 0)
		}, []Rule{RuleHoliday}},
		{"unavailable", handMentoring, func(p *Plan) {
			p.Groups[0].Members[2].Unavailable = []time.Time{date(2026, 4, 14)}
		}, []Rule{RuleUnavailable}},
		{"unavailable non-facilitator with FacilitatorsOnly", handMentoring, func(p *Plan) {
			p.Options.FacilitatorsOnly = true
			p.Groups[0].Members[0].Unavailable = []time.Time{date(2026, 4, 14)}
		}, nil},
		{"weekday", handMentoring, func(p *Plan) {
			p.Sessions[3].Start, p.Sessions[3].End = ts(2026, 4, 18, 10, 0), ts(2026, 4, 18, 12, 0)
		}, []Rule{RuleWeekday}},
		{"same facilitator twice in a row", handMentoring, func(p *Plan) {
			p.Groups[0].Topics[1].Owner = "a"
			p.Sessions[2].Facilitators = []string{"a"}
		}, []Rule{RuleBalance, RuleConsecutive, RuleRotation}},
		{"leads twice before everyone led", handMentoring, func(p *Plan) {
			p.Groups[0].Topics = append(p.Groups[0].Topics, Topic{Skill: "w", Owner: "a"})
			p.Sessions = append(p.Sessions, sess("g", KindSession, 4, "w", ts(2026, 5, 12, 10, 0), 2*time.Hour, "a", "a", "b", "c"))
			// Sequence a, b, a(w), c: move w before z.
			p.Sessions[4].Start, p.Sessions[4].End = ts(2026, 3, 24, 10, 0), ts(2026, 3, 24, 12, 0)
		}, []Rule{RuleRotation}},
		{"owner", handMentoring, func(p *Plan) {
			p.Sessions[1].Facilitators, p.Sessions[2].Facilitators = []string{"b"}, []string{"a"}
		}, []Rule{RuleOwner}},
		{"prerequisite", handMentoring, func(p *Plan) {
			s1, s2 := p.Sessions[1], p.Sessions[2]
			p.Sessions[1].Start, p.Sessions[1].End = s2.Start, s2.End
			p.Sessions[2].Start, p.Sessions[2].End = s1.Start, s1.End
			p.Sessions[1].Facilitators, p.Sessions[2].Facilitators = []string{"a"}, []string{"b"}
		}, []Rule{RulePrerequisite}},
		{"end before start", handMentoring, func(p *Plan) { p.Sessions[3].End = p.Sessions[3].Start }, []Rule{RuleEndBeforeStart}},
		{"outside horizon", handMentoring, func(p *Plan) {
			p.Sessions[3].Start, p.Sessions[3].End = ts(2027, 5, 11, 10, 0), ts(2027, 5, 11, 12, 0)
		}, []Rule{RuleHorizon}},
		{"before start", handMentoring, func(p *Plan) {
			p.Sessions[0].Start, p.Sessions[0].End = ts(2026, 1, 12, 9, 0), ts(2026, 1, 12, 17, 0)
		}, []Rule{RuleHorizon}},
		{"missing session", handMentoring, func(p *Plan) { p.Sessions = p.Sessions[:3] }, []Rule{RuleCoverage}},
		{"unknown topic", handMentoring, func(p *Plan) { p.Sessions[3].Topic = "q" }, []Rule{RuleCoverage}},
		{"not a member", handMentoring, func(p *Plan) { p.Sessions[3].Attendees = append(p.Sessions[3].Attendees, "zed") }, []Rule{RuleMembership}},
		{"unknown group", handMentoring, func(p *Plan) { p.Sessions[0].Group = "nope" }, []Rule{RuleCoverage, RuleMembership}},
		{"bad options", handMentoring, func(p *Plan) { p.Options.Location = "Mars/Base" }, []Rule{RuleOptions}},
		{"reflection too early", handLearning, func(p *Plan) {
			p.Sessions[1].Start, p.Sessions[1].End = ts(2026, 1, 23, 10, 0), ts(2026, 1, 23, 11, 30)
		}, []Rule{RuleReflectionGap}},
		{"reflection too late", handLearning, func(p *Plan) {
			p.Sessions[3].Start, p.Sessions[3].End = ts(2026, 3, 4, 10, 0), ts(2026, 3, 4, 11, 30)
		}, []Rule{RuleReflectionGap}},
		{"module led by one member", handLearning, func(p *Plan) { p.Sessions[1].Facilitators = []string{"a"} },
			[]Rule{RuleBalance, RuleConsecutive, RuleModuleFacilitators, RuleRotation}},
		{"kickoff in learning plan", handLearning, func(p *Plan) {
			p.Sessions = append(p.Sessions, sess("l", KindKickoff, 4, "kickoff", ts(2026, 3, 10, 9, 0), time.Hour, "a", "a", "b"))
		}, []Rule{RuleCoverage}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.plan()
			tc.mutate(p)
			v := p.Check()
			assert.Equal(t, tc.want, nilIfEmpty(rulesOf(v)), "violations: %v", v)
			for _, x := range v {
				assert.NotEmpty(t, x.Message)
				for _, i := range x.Sessions {
					assert.True(t, i >= 0 && i < len(p.Sessions))
				}
			}
		})
	}
}

func nilIfEmpty(r []Rule) []Rule {
	if len(r) == 0 {
		return nil
	}
	return r
}

func TestCheckViolationDetails(t *testing.T) {
	p := handMentoring()
	p.Options.Pairs = []Pair{{A: Member{ID: "a"}, B: Member{ID: "d"}}}
	p.Sessions = append(p.Sessions, sess("pair:a+d", KindCheckIn, 0, "contract start", ts(2026, 2, 10, 11, 30), 30*time.Minute, "a", "a", "d"))
	v := p.Check()
	require.Len(t, v, 1)
	assert.Equal(t, RuleDoubleBooking, v[0].Rule)
	assert.Equal(t, "a", v[0].Person)
	assert.Equal(t, []int{1, 4}, v[0].Sessions)

	p = handMentoring()
	p.Groups[0].Members[2].Unavailable = []time.Time{time.Date(2026, 4, 14, 23, 0, 0, 0, time.FixedZone("x", 5*3600))}
	v = p.Check()
	require.Len(t, v, 1)
	assert.Equal(t, Violation{Rule: RuleUnavailable, Sessions: []int{3}, Person: "c",
		Message: `session 3 (g session "z") on 2026-04-14: c is unavailable`}, v[0])
}
