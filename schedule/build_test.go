package schedule

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func members(ids ...string) []Member {
	out := make([]Member, len(ids))
	for i, id := range ids {
		out[i] = Member{ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Email: id + "@example.com"}
	}
	return out
}

// mentoringGroup has one topic per member, each owned by that member.
func mentoringGroup(id string, ids ...string) Group {
	g := Group{ID: id, Members: members(ids...)}
	for _, m := range ids {
		g.Topics = append(g.Topics, Topic{Skill: "topic-" + m, Owner: m})
	}
	return g
}

func requireClean(t *testing.T, p *Plan) {
	t.Helper()
	v := p.Check()
	require.Empty(t, v, "violations: %v", v)
	assertRotation(t, p)
}

func TestBuildErrors(t *testing.T) {
	base := func() Options { return Options{Start: date(2026, 1, 13)} }
	g := mentoringGroup("g", "ann", "bob", "cy")
	tests := []struct {
		name   string
		groups []Group
		opt    func(o *Options)
		err    error
		msg    []string
	}{
		{"missing start", nil, func(o *Options) { o.Start = time.Time{} }, ErrInvalidOptions, []string{"Start is required"}},
		{"unknown zone", nil, func(o *Options) { o.Location = "Europe/Pariss" }, ErrInvalidOptions, []string{"Europe/Pariss", "timedatectl list-timezones", "zoneinfo.zip"}},
		{"unknown country", nil, func(o *Options) { o.Holidays = []string{"XX"} }, ErrInvalidOptions, []string{`"XX"`, "FR", "US", "GB", "DE"}},
		{"horizon before start", nil, func(o *Options) { o.Horizon = date(2025, 1, 1) }, ErrInvalidOptions, []string{"Horizon 2025-01-01 is not after Start 2026-01-13"}},
		{"blackout end before start", nil, func(o *Options) {
			o.Blackouts = []DateRange{{From: date(2026, 5, 2), To: date(2026, 5, 1)}}
		}, ErrInvalidOptions, []string{"end 2026-05-01 before start 2026-05-02"}},
		{"bad time", nil, func(o *Options) { o.TimeOfDay = "25:00" }, ErrInvalidOptions, []string{"TimeOfDay"}},
		{"negative duration", nil, func(o *Options) { o.Duration = -time.Hour }, ErrInvalidOptions, []string{"Duration"}},
		{"gap too short", nil, func(o *Options) { o.ReflectionGapDays = 13 }, ErrInvalidOptions, []string{"14–21"}},
		{"gap too long", nil, func(o *Options) { o.ReflectionGapDays = 22 }, ErrInvalidOptions, []string{"14–21"}},
		{"bad nth", nil, func(o *Options) { o.Cadence = Cadence{Kind: NthWeekday, Nth: 5, Weekday: time.Tuesday} }, ErrInvalidOptions, []string{"Nth 5"}},
		{"cadence weekday not allowed", nil, func(o *Options) { o.Cadence = Cadence{Kind: NthWeekday, Nth: 1, Weekday: time.Sunday} }, ErrInvalidOptions, []string{"Sunday"}},
		{"cycle", []Group{{ID: "g", Members: members("a", "b"), Topics: []Topic{
			{Skill: "x"}, {Skill: "a", Requires: []string{"b"}}, {Skill: "b", Requires: []string{"c"}}, {Skill: "c", Requires: []string{"a"}}}}},
			nil, ErrCycle, []string{"a → b → c → a"}},
		{"unknown prerequisite", []Group{{ID: "g", Members: members("a"), Topics: []Topic{{Skill: "x", Requires: []string{"y"}}}}},
			nil, ErrInvalidInput, []string{`requires unknown topic "y"`}},
		{"owner not member", []Group{{ID: "g", Members: members("a"), Topics: []Topic{{Skill: "x", Owner: "z"}}}},
			nil, ErrInvalidInput, []string{`owner "z"`}},
		{"duplicate group", []Group{g, g}, nil, ErrInvalidInput, []string{"duplicate group"}},
		{"no members", []Group{{ID: "g"}}, nil, ErrInvalidInput, []string{"no members"}},
		{"pair with itself", nil, func(o *Options) { o.Pairs = []Pair{{A: Member{ID: "a"}, B: Member{ID: "a"}}} }, ErrInvalidInput, []string{"two different"}},
		{"unbalanced owners", []Group{{ID: "g", Members: members("a", "b"), Topics: []Topic{
			{Skill: "1", Owner: "a"}, {Skill: "2", Owner: "a"}, {Skill: "3", Owner: "a"}, {Skill: "4", Owner: "b"}}}},
			nil, ErrRotation, []string{`"a" owns 3 topics but "b" owns 1`}},
		{"no rotation order", []Group{{ID: "g", Members: members("a", "b"), Topics: []Topic{
			{Skill: "a1", Owner: "a"}, {Skill: "a2", Owner: "a", Requires: []string{"a1"}}, {Skill: "b1", Owner: "b", Requires: []string{"a2"}}}}},
			nil, ErrRotation, []string{"no order"}},
		{"learning with one member", []Group{{ID: "g", Members: members("a"), Topics: []Topic{{Skill: "x"}}}},
			func(o *Options) { o.Format = PeerLearning }, ErrRotation, []string{"two different facilitators"}},
		{"no date", []Group{mentoringGroup("g", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9")}, func(o *Options) {
			o.Blackouts = []DateRange{{From: date(2026, 3, 1), To: date(2027, 12, 31), Label: "reorg"}}
		}, ErrNoDate, []string{"session 4 (topic-m4)", "does not fit in the programme year", "the blackout 2026-03-01 to 2027-12-31 (reorg) blocks", "before 2027-01-13, twelve months after the start"}},
		{"no date with explicit horizon", []Group{mentoringGroup("g", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9")}, func(o *Options) {
			o.Horizon = date(2026, 3, 1)
		}, ErrNoDate, []string{"session 4 (topic-m4): no valid date before the horizon 2026-03-01: its cadence date"}},
		{"no date for unavailable member", []Group{{ID: "g", Members: []Member{{ID: "a", Unavailable: everyDay(date(2026, 1, 13), 500)}}, Topics: []Topic{{Skill: "x"}}}},
			nil, ErrNoDate, []string{"a being unavailable blocks"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := base()
			if tc.opt != nil {
				tc.opt(&o)
			}
			p, err := Build(tc.groups, o)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, tc.err)
			for _, m := range tc.msg {
				assert.Contains(t, err.Error(), m)
			}
		})
	}
}

func everyDay(from time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = from.AddDate(0, 0, i)
	}
	return out
}

func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Build(nil, Options{Start: date(2026, 1, 13), Location: "Local"})
	assert.ErrorIs(t, err, ErrInvalidOptions)
	_, err = BuildContext(ctx, []Group{mentoringGroup("g", "a", "b")}, Options{Start: date(2026, 1, 13)})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestMentoringMonthly(t *testing.T) {
	g := mentoringGroup("g", "ann", "bob", "cy", "dee")
	p, err := Build([]Group{g}, Options{Start: date(2026, 1, 13), Location: "Europe/Paris"})
	require.NoError(t, err)
	requireClean(t, p)
	require.Len(t, p.Sessions, 5)
	k := p.Sessions[0]
	assert.Equal(t, KindKickoff, k.Kind)
	assert.Equal(t, "2026-01-13T09:00:00+01:00", k.Start.Format(time.RFC3339))
	assert.Equal(t, "2026-01-13T17:00:00+01:00", k.End.Format(time.RFC3339))
	// Start 2026-01-13 is the second Tuesday: every session is a second Tuesday at 10:00.
	want := []string{"2026-02-10", "2026-03-10", "2026-04-14", "2026-05-12"}
	for i, s := range p.Sessions[1:] {
		assert.Equal(t, want[i], s.Start.Format("2006-01-02"))
		assert.Equal(t, "10:00", s.Start.Format("15:04"))
		assert.Equal(t, 2*time.Hour, s.End.Sub(s.Start))
		assert.Equal(t, KindSession, s.Kind)
		assert.Equal(t, []string{g.Topics[i].Owner}, s.Facilitators, "owner leads")
		assert.Equal(t, []string{"ann", "bob", "cy", "dee"}, s.Attendees)
	}
	assert.Empty(t, p.Notes)
}

func TestCadences(t *testing.T) {
	g := mentoringGroup("g", "a", "b", "c", "d", "e")
	tests := []struct {
		name    string
		start   time.Time
		cadence Cadence
		want    []string // session dates after the kickoff
	}{
		{"second tuesday", date(2026, 1, 5), Cadence{Kind: NthWeekday, Nth: 2, Weekday: time.Tuesday},
			[]string{"2026-02-10", "2026-03-10", "2026-04-14", "2026-05-12", "2026-06-09"}},
		{"last friday", date(2026, 1, 5), Cadence{Kind: NthWeekday, Nth: Last, Weekday: time.Friday},
			[]string{"2026-02-27", "2026-03-27", "2026-04-24", "2026-05-29", "2026-06-26"}},
		{"every 2 weeks", date(2026, 1, 5), Cadence{Kind: EveryNWeeks, Weeks: 2},
			[]string{"2026-01-19", "2026-02-02", "2026-02-16", "2026-03-02", "2026-03-16"}},
		{"monthly from a last thursday", date(2026, 1, 29), Cadence{},
			[]string{"2026-02-26", "2026-03-26", "2026-04-30", "2026-05-28", "2026-06-25"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Build([]Group{g}, Options{Start: tc.start, Cadence: tc.cadence})
			require.NoError(t, err)
			requireClean(t, p)
			var got []string
			for _, s := range p.Sessions[1:] {
				got = append(got, s.Start.Format("2006-01-02"))
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestMovedSessionCadenceContinuesFromMovedDate(t *testing.T) {
	g := mentoringGroup("g", "a", "b", "c")
	// Every 4 weeks from Mon 2026-01-05: 02-02 is blacked out until 02-04,
	// so session 1 takes Thu 02-05 and session 2 is 4 weeks after that.
	p, err := Build([]Group{g}, Options{Start: date(2026, 1, 5), Cadence: Cadence{Kind: EveryNWeeks},
		Blackouts: []DateRange{{From: date(2026, 2, 2), To: date(2026, 2, 4)}}})
	require.NoError(t, err)
	requireClean(t, p)
	var got []string
	for _, s := range p.Sessions {
		got = append(got, s.Start.Format("2006-01-02"))
	}
	assert.Equal(t, []string{"2026-01-05", "2026-02-05", "2026-03-05", "2026-04-02"}, got)
	require.Len(t, p.Notes, 1)
	assert.Equal(t, "g: session 1 (topic-a) moved from Mon 2026-02-02 to Thu 2026-02-05 because of the blackout 2026-02-02 to 2026-02-04", p.Notes[0])
}

func TestStartInBlackoutMovesWithNote(t *testing.T) {
	g := mentoringGroup("g", "a", "b")
	p, err := Build([]Group{g}, Options{Start: date(2026, 12, 22), Cadence: Cadence{Kind: NthWeekday, Nth: 2, Weekday: time.Tuesday},
		Blackouts: []DateRange{{From: date(2026, 12, 19), To: date(2027, 1, 3), Label: "holidays"}}})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2027-01-04", p.Sessions[0].Start.Format("2006-01-02"))
	require.NotEmpty(t, p.Notes)
	assert.Equal(t, "g: kickoff moved from Tue 2026-12-22 to Mon 2027-01-04 because of the blackout 2026-12-19 to 2027-01-03 (holidays)", p.Notes[0])
}

func TestPublicHolidays(t *testing.T) {
	g := mentoringGroup("g", "a", "b")
	// 2026-07-14 (Tuesday) is Bastille Day; 2026-05-14 is Ascension.
	p, err := Build([]Group{g}, Options{Start: date(2026, 7, 14), Holidays: []string{"fr"}, Cadence: Cadence{Kind: EveryNWeeks}})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2026-07-15", p.Sessions[0].Start.Format("2006-01-02"))
	assert.Equal(t, "g: kickoff moved from Tue 2026-07-14 to Wed 2026-07-15 because of the public holiday Fête Nationale (FR)", p.Notes[0])
	// Without holidays the kickoff stays.
	p, err = Build([]Group{g}, Options{Start: date(2026, 7, 14), Cadence: Cadence{Kind: EveryNWeeks}})
	require.NoError(t, err)
	assert.Equal(t, "2026-07-14", p.Sessions[0].Start.Format("2006-01-02"))
	// US Independence Day 2027 falls on a Sunday: observed Monday 2027-07-05.
	p, err = Build([]Group{g}, Options{Start: date(2027, 7, 5), Holidays: []string{"US", "us"}, Cadence: Cadence{Kind: EveryNWeeks}})
	require.NoError(t, err)
	assert.Equal(t, "2027-07-06", p.Sessions[0].Start.Format("2006-01-02"))
	assert.Contains(t, SupportedHolidayCountries(), "GB")
}

func TestDSTKeepsLocalTime(t *testing.T) {
	tests := []struct {
		zone  string
		start time.Time
	}{
		{"Europe/Paris", date(2026, 3, 2)},       // DST begins 2026-03-29
		{"Europe/Paris", date(2026, 10, 5)},      // DST ends 2026-10-25
		{"America/New_York", date(2026, 2, 23)},  // DST begins 2026-03-08
		{"America/New_York", date(2026, 10, 19)}, // DST ends 2026-11-01
	}
	for _, tc := range tests {
		t.Run(tc.zone+tc.start.Format("-2006-01"), func(t *testing.T) {
			g := mentoringGroup("g", "a", "b", "c", "d", "e", "f")
			p, err := Build([]Group{g}, Options{Start: tc.start, Location: tc.zone, Cadence: Cadence{Kind: EveryNWeeks, Weeks: 1}})
			require.NoError(t, err)
			requireClean(t, p)
			offsets := map[int]bool{}
			for _, s := range p.Sessions[1:] {
				assert.Equal(t, "10:00", s.Start.Format("15:04"), s.Start)
				assert.Equal(t, tc.zone, s.Start.Location().String())
				_, off := s.Start.Zone()
				offsets[off] = true
				assert.Equal(t, 2*time.Hour, s.End.Sub(s.Start))
			}
			assert.Len(t, offsets, 2, "the weekly series crosses a DST change")
		})
	}
}

func TestLeapDay(t *testing.T) {
	g := mentoringGroup("g", "a", "b", "c")
	p, err := Build([]Group{g}, Options{Start: date(2028, 1, 1), Cadence: Cadence{Kind: NthWeekday, Nth: Last, Weekday: time.Tuesday}})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2028-01-03", p.Sessions[0].Start.Format("2006-01-02"), "Saturday start moves to Monday")
	assert.Empty(t, p.Notes, "a Start on a weekday that is not allowed is the caller's choice of range, not a conflict")
	assert.Equal(t, "2028-02-29", p.Sessions[1].Start.Format("2006-01-02"))

	// A PeerLearning reflection gap spanning Feb 29 counts 14 days.
	lg := Group{ID: "l", Members: members("a", "b", "c"), Topics: []Topic{{Skill: "x"}}}
	p, err = Build([]Group{lg}, Options{Format: PeerLearning, Start: date(2028, 2, 22)})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2028-02-22", p.Sessions[0].Start.Format("2006-01-02"))
	assert.Equal(t, "2028-03-07", p.Sessions[1].Start.Format("2006-01-02"))
}

func TestPeerLearning(t *testing.T) {
	g := Group{ID: "mgrs", Members: members("a", "b", "c", "d"), Topics: []Topic{
		{Skill: "feedback", Requires: []string{"delegation"}}, {Skill: "delegation"}, {Skill: "hiring"}}}
	p, err := Build([]Group{g}, Options{Format: PeerLearning, Start: date(2026, 1, 13), ReflectionGapDays: 21})
	require.NoError(t, err)
	requireClean(t, p)
	require.Len(t, p.Sessions, 6)
	var topics []string
	for i, s := range p.Sessions {
		assert.Equal(t, 90*time.Minute, s.End.Sub(s.Start))
		if i%2 == 0 {
			assert.Equal(t, KindExploration, s.Kind)
			topics = append(topics, s.Topic)
		} else {
			assert.Equal(t, KindReflection, s.Kind)
			assert.Equal(t, p.Sessions[i-1].Topic, s.Topic)
			assert.Equal(t, 21*24*time.Hour, s.Start.Sub(p.Sessions[i-1].Start))
			assert.NotEqual(t, p.Sessions[i-1].Facilitators, s.Facilitators)
		}
	}
	assert.Equal(t, []string{"delegation", "feedback", "hiring"}, topics, "prerequisite first, then input order")
	var lead []string
	for _, s := range p.Sessions {
		lead = append(lead, s.Facilitators[0])
	}
	assert.Equal(t, []string{"a", "b", "c", "d", "a", "b"}, lead)
}

func TestReflectionMovesWithinWindow(t *testing.T) {
	g := Group{ID: "l", Members: members("a", "b"), Topics: []Topic{{Skill: "x"}}}
	// Reflection wanted 2026-01-27; a blackout pushes it to 02-02 (20 days).
	p, err := Build([]Group{g}, Options{Format: PeerLearning, Start: date(2026, 1, 13),
		Blackouts: []DateRange{{From: date(2026, 1, 27), To: date(2026, 2, 1)}}})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2026-02-02", p.Sessions[1].Start.Format("2006-01-02"))
	// A blackout over the whole 14–21 day window moves the exploration.
	p, err = Build([]Group{g}, Options{Format: PeerLearning, Start: date(2026, 1, 13),
		Blackouts: []DateRange{{From: date(2026, 1, 27), To: date(2026, 2, 3)}}})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2026-01-14", p.Sessions[0].Start.Format("2006-01-02"))
	assert.Contains(t, p.Notes[0], "no valid Reflection date")
}

func TestNoDoubleBookingAcrossGroups(t *testing.T) {
	g1 := mentoringGroup("g1", "ann", "bob", "cy")
	g2 := mentoringGroup("g2", "ann", "dee", "eve")
	p, err := Build([]Group{g1, g2}, Options{Start: date(2026, 1, 13)})
	require.NoError(t, err)
	requireClean(t, p)
	for _, s := range p.Sessions {
		if s.Group == "g2" {
			assert.NotEqual(t, "2026-01-13", s.Start.Format("2006-01-02"))
		}
	}
	found := false
	for _, n := range p.Notes {
		found = found || n == "g2: kickoff moved from Tue 2026-01-13 to Wed 2026-01-14 because of a clash: ann is already in g1 kickoff then"
	}
	assert.True(t, found, "notes: %v", p.Notes)
}

func TestUnavailability(t *testing.T) {
	g := mentoringGroup("g", "ann", "bob")
	g.Members[1].Unavailable = []time.Time{date(2026, 1, 13)}
	p, err := Build([]Group{g}, Options{Start: date(2026, 1, 13)})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2026-01-14", p.Sessions[0].Start.Format("2006-01-02"), "an unavailable attendee moves the kickoff")
	// FacilitatorsOnly: bob does not lead the kickoff (ann does), so it stays.
	p, err = Build([]Group{g}, Options{Start: date(2026, 1, 13), FacilitatorsOnly: true})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2026-01-13", p.Sessions[0].Start.Format("2006-01-02"))
}

func TestOwnersAssignedAndRotated(t *testing.T) {
	// Five topics, three members, no owners: Build assigns 2,2,1 and
	// orders them so nobody leads twice before everyone led once.
	g := Group{ID: "g", Members: members("a", "b", "c"), Topics: []Topic{
		{Skill: "t1", Owner: "a"}, {Skill: "t2", Owner: "a"}, {Skill: "t3"}, {Skill: "t4"}, {Skill: "t5"}}}
	p, err := Build([]Group{g}, Options{Start: date(2026, 1, 13)})
	require.NoError(t, err)
	requireClean(t, p)
	var lead []string
	for _, s := range p.Sessions[1:] {
		lead = append(lead, s.Facilitators[0])
	}
	assert.Equal(t, []string{"a", "b", "c", "a", "b"}, lead)
	assert.Equal(t, "b", p.Groups[0].Topics[2].Owner)
	assert.Empty(t, g.Topics[2].Owner, "input not modified")
}

func TestCheckIns(t *testing.T) {
	pairs := []Pair{{A: Member{ID: "a"}, B: Member{ID: "b"}}, {A: Member{ID: "c"}, B: Member{ID: "d"}, Start: date(2026, 2, 2)}}
	p, err := Build(nil, Options{Start: date(2026, 1, 5), Pairs: pairs, CheckInWeeks: 2, TrialMonths: 2})
	require.NoError(t, err)
	requireClean(t, p)
	got := map[string][]string{}
	for _, s := range p.Sessions {
		assert.Equal(t, KindCheckIn, s.Kind)
		assert.Equal(t, 30*time.Minute, s.End.Sub(s.Start))
		got[s.Group] = append(got[s.Group], s.Start.Format("01-02")+" "+s.Topic+" "+s.Facilitators[0])
	}
	// Check-in 4 would be on 03-02, three days before the end of trial
	// (less than half an interval): the end of trial takes its place.
	assert.Equal(t, []string{"01-05 contract start a", "01-19 check-in 1 b", "02-02 check-in 2 a", "02-16 check-in 3 b", "03-05 end of trial a"}, got["pair:a+b"])
	assert.Equal(t, []string{"02-02 contract start c", "02-16 check-in 1 d", "03-02 check-in 2 c", "03-16 check-in 3 d", "04-02 end of trial c"}, got["pair:c+d"],
		"counted from the pair's own start")
	_, err = Build(nil, Options{Start: date(2026, 1, 5), Pairs: []Pair{{A: Member{ID: "a"}, B: Member{ID: "b"}, Start: date(2025, 1, 1)}}})
	assert.ErrorIs(t, err, ErrInvalidInput)
}

// TestTrialPastEnd: a trial that ends on or after the horizon failed with
// the days searched ("no valid date before …"), not with what to change.
// The error says the trial's end, the horizon and the longest trial that
// fits, and still wraps ErrNoDate.
func TestTrialPastEnd(t *testing.T) {
	pair := func(start time.Time) []Pair {
		return []Pair{{A: Member{ID: "a"}, B: Member{ID: "b"}, Start: start}}
	}
	// The default horizon is twelve months after the start: a 12-month
	// trial from the start itself ends on it.
	_, err := Build(nil, Options{Start: date(2027, 1, 11), Pairs: pair(time.Time{}), TrialMonths: 12})
	require.ErrorIs(t, err, ErrNoDate)
	var tp *TrialPastEndError
	require.True(t, errors.As(err, &tp), "%v", err)
	assert.Equal(t, TrialPastEndError{Pair: "pair:a+b", ContractStart: date(2027, 1, 11), TrialEnd: date(2028, 1, 11), Horizon: date(2028, 1, 11),
		TrialMonths: 12, DefaultHorizon: true, MonthsThatFit: 11}, *tp)
	assert.Equal(t, "schedule: no valid date: pair:a+b: end of trial: a trial of 12 months from the contract start Mon 2027-01-11 ends Tue 2028-01-11, "+
		"not before the end of the programme year Tue 2028-01-11, twelve months after the start: set a later Horizon or at most 11 TrialMonths", err.Error())

	// A given horizon, and a contract start less than a month before it.
	_, err = Build(nil, Options{Start: date(2027, 1, 11), Horizon: date(2027, 6, 1), Pairs: pair(date(2027, 5, 17))})
	require.True(t, errors.As(err, &tp), "%v", err)
	assert.False(t, tp.DefaultHorizon)
	assert.Equal(t, 0, tp.MonthsThatFit)
	assert.Contains(t, err.Error(), "a trial of 3 months from the contract start Mon 2027-05-17 ends Tue 2027-08-17, not before the horizon Tue 2027-06-01: set a later Horizon")

	// A trial that ends the day before the horizon fits (2027-04-11 is a
	// Sunday: the end of trial is on Monday 2027-04-12).
	_, err = Build(nil, Options{Start: date(2027, 1, 11), Horizon: date(2027, 4, 13), Pairs: pair(time.Time{})})
	require.NoError(t, err)
}

// TestTrialCountsFromTheContractStart: when the contract start cannot be
// on the pair's start date (a partner is unavailable), the check-ins and
// the end of trial count from the day it got, and the default trial is
// the contract start, two check-ins four weeks apart and the end of trial
// three months after the contract start (the next weekday when that is a
// weekend).
func TestTrialCountsFromTheContractStart(t *testing.T) {
	for _, start := range []time.Time{date(2027, 1, 11), date(2027, 6, 1), date(2027, 10, 29), date(2028, 1, 31)} {
		later := start.AddDate(0, 0, 22)
		y := Member{ID: "y", Unavailable: []time.Time{start}}
		x := Member{ID: "x", Unavailable: []time.Time{later, later.AddDate(0, 0, 1)}}
		pairs := []Pair{{A: Member{ID: "a"}, B: y}, {A: Member{ID: "b"}, B: x, Start: later}}
		p, err := Build(nil, Options{Start: start, Pairs: pairs})
		require.NoError(t, err)
		requireClean(t, p)
		byPair := map[string][]Session{}
		for _, s := range p.Sessions {
			byPair[s.Group] = append(byPair[s.Group], s)
		}
		for id, ss := range byPair {
			require.Len(t, ss, 4, "%s from %s: %v", id, start, ss)
			contract := ss[0].Start
			assert.Equal(t, []string{"contract start", "check-in 1", "check-in 2", "end of trial"},
				[]string{ss[0].Topic, ss[1].Topic, ss[2].Topic, ss[3].Topic})
			assert.Equal(t, contract.AddDate(0, 0, 28), ss[1].Start, "%s: four weeks after the contract start", id)
			assert.Equal(t, contract.AddDate(0, 0, 56), ss[2].Start, "%s", id)
			trialEnd := contract.AddDate(0, 3, 0)
			for trialEnd.Weekday() == time.Saturday || trialEnd.Weekday() == time.Sunday {
				trialEnd = trialEnd.AddDate(0, 0, 1)
			}
			assert.Equal(t, trialEnd, ss[3].Start, "%s: three months after the contract start %s", id, contract)
		}
		assert.True(t, byPair["pair:a+y"][0].Start.After(start), "y is unavailable on the start date")
		assert.True(t, byPair["pair:b+x"][0].Start.After(later.AddDate(0, 0, 1)), "x is unavailable two days")
	}
	// The case of the report: a contract that could not start on Monday 1
	// February starts on Wednesday 3 February and ends its trial on Monday
	// 3 May, not three months after 1 February.
	x := Member{ID: "x", Unavailable: []time.Time{date(2027, 2, 1), date(2027, 2, 2)}}
	p, err := Build(nil, Options{Start: date(2027, 2, 1), Pairs: []Pair{{A: Member{ID: "b"}, B: x}}})
	require.NoError(t, err)
	var got []string
	for _, s := range p.Sessions {
		got = append(got, s.Start.Format("Mon 01-02 ")+s.Topic)
	}
	assert.Equal(t, []string{"Wed 02-03 contract start", "Wed 03-03 check-in 1", "Wed 03-31 check-in 2", "Mon 05-03 end of trial"}, got)
}

func TestErrorsAreDistinct(t *testing.T) {
	all := []error{ErrInvalidOptions, ErrInvalidInput, ErrCycle, ErrRotation, ErrNoDate}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b), fmt.Sprint(a, b))
		}
	}
}

func TestCheckInNeedsBothPartners(t *testing.T) {
	b := Member{ID: "b", Unavailable: []time.Time{date(2026, 1, 5)}}
	p, err := Build(nil, Options{Start: date(2026, 1, 5), FacilitatorsOnly: true, Pairs: []Pair{{A: Member{ID: "a"}, B: b}}})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Equal(t, "2026-01-06", p.Sessions[0].Start.Format("2006-01-02"), "a convenes, but b must attend")
	p.Sessions[0].Start, p.Sessions[0].End = date(2026, 1, 5).Add(10*time.Hour), date(2026, 1, 5).Add(10*time.Hour+30*time.Minute)
	assert.Equal(t, []Rule{RuleUnavailable}, rulesOf(p.Check()))
}

// TestYearStaysAYear: a summer blackout on top of the December one must not
// push a monthly programme past twelve months; the sessions it displaces
// come closer together instead, and the plan says so once.
func TestYearStaysAYear(t *testing.T) {
	ids := []string{"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"}
	g := mentoringGroup("g", ids...)
	start := date(2027, 1, 11) // a Monday; sessions are on Tuesdays
	opt := Options{Start: start, Weekdays: []time.Weekday{time.Tuesday},
		Cadence: Cadence{Kind: NthWeekday, Nth: 2, Weekday: time.Tuesday},
		Blackouts: []DateRange{
			{From: date(2027, 7, 1), To: date(2027, 8, 31)},
			{From: date(2027, 12, 15), To: date(2028, 1, 5), Label: "December holidays"},
		}}
	p, err := Build([]Group{g}, opt)
	require.NoError(t, err)
	requireClean(t, p)
	require.Len(t, p.Sessions, 11)
	end := start.AddDate(0, 12, 0)
	for i, s := range p.Sessions {
		assert.True(t, s.Start.Before(end), "session %d on %s is after the year", i, s.Start)
		assert.Equal(t, time.Tuesday, s.Start.Weekday())
		if i > 0 {
			assert.True(t, s.Start.After(p.Sessions[i-1].Start))
		}
	}
	assert.Equal(t, "2027-01-12", p.Sessions[0].Start.Format(time.DateOnly), "a Monday Start with Tuesday sessions starts on the Tuesday")
	var moved, squeezed int
	for _, n := range p.Notes {
		assert.NotContains(t, n, "weekday")
		if strings.Contains(n, "moved from") {
			moved++
			assert.Contains(t, n, "because of the blackout 2027-07-01 to 2027-08-31")
			assert.Equal(t, 1, strings.Count(n, "2027-07-01"), "the range is named once: %s", n)
		}
		if strings.Contains(n, "not at the usual cadence") {
			squeezed++
			assert.Contains(t, n, "before Tue 2028-01-11")
		}
	}
	assert.Equal(t, 1, moved, "notes: %v", p.Notes)
	assert.Equal(t, 1, squeezed, "notes: %v", p.Notes)
}

// TestMoveStaysInMonth: a holiday on the cadence date moves the session to
// the next valid date of the same month, and the cadence is unchanged.
func TestMoveStaysInMonth(t *testing.T) {
	g := mentoringGroup("g", "a", "b", "c")
	// The second Tuesday of 2026-07 is Bastille Day.
	p, err := Build([]Group{g}, Options{Start: date(2026, 5, 12), Weekdays: []time.Weekday{time.Tuesday}, Holidays: []string{"FR"},
		Cadence: Cadence{Kind: NthWeekday, Nth: 2, Weekday: time.Tuesday}})
	require.NoError(t, err)
	requireClean(t, p)
	var got []string
	for _, s := range p.Sessions {
		got = append(got, s.Start.Format(time.DateOnly))
	}
	assert.Equal(t, []string{"2026-05-12", "2026-06-09", "2026-07-21", "2026-08-11"}, got)
	require.Len(t, p.Notes, 1)
	assert.Equal(t, "g: session 2 (topic-b) moved from Tue 2026-07-14 to Tue 2026-07-21 because of the public holiday Fête Nationale (FR)", p.Notes[0])
}

// TestAnyStart: Build accepts a Start on any weekday, as documented.
func TestAnyStart(t *testing.T) {
	g := mentoringGroup("g", "a", "b")
	for wd := 0; wd < 7; wd++ {
		start := date(2026, 6, 1).AddDate(0, 0, wd) // 2026-06-01 is a Monday
		for _, allowed := range [][]time.Weekday{nil, {time.Tuesday}, {time.Saturday, time.Sunday}} {
			p, err := Build([]Group{g}, Options{Start: start, Weekdays: allowed})
			require.NoError(t, err, "start %s weekdays %v", start.Weekday(), allowed)
			requireClean(t, p)
			assert.Empty(t, p.Notes)
			first := p.Sessions[0].Start
			assert.False(t, first.Before(start))
			assert.Less(t, first.Sub(start), 7*24*time.Hour)
		}
	}
}

// TestCheckInsChosenDatesAreValid: check-in dates the tool picks never
// produce "moved" notes for weekdays or clashes with sessions it placed.
func TestCheckInsChosenDatesAreValid(t *testing.T) {
	g := mentoringGroup("g", "a", "b", "c")
	pairs := []Pair{{A: Member{ID: "a"}, B: Member{ID: "x"}}, {A: Member{ID: "b"}, B: Member{ID: "y"}}}
	p, err := Build([]Group{g}, Options{Start: date(2027, 1, 11), Weekdays: []time.Weekday{time.Tuesday}, Pairs: pairs,
		Cadence: Cadence{Kind: NthWeekday, Nth: 2, Weekday: time.Tuesday}})
	require.NoError(t, err)
	requireClean(t, p)
	assert.Empty(t, p.Notes)
	checkIns := 0
	for _, s := range p.Sessions {
		if s.Kind == KindCheckIn {
			checkIns++
			assert.Equal(t, time.Tuesday, s.Start.Weekday())
		}
	}
	assert.Equal(t, 2*4, checkIns, "contract start, two check-ins and end of trial a pair")
}

// TestPeerLearningGivenFacilitators: modules that name their two
// facilitators (as cohort's Peer Learning Groups do) are run by exactly
// them; a module naming one member twice, or a stranger, is an error.
func TestPeerLearningGivenFacilitators(t *testing.T) {
	g := Group{ID: "mgrs", Members: members("a", "b", "c"), Topics: []Topic{
		{Skill: "feedback", Owner: "c", Reflection: "a"}, {Skill: "delegation", Owner: "b", Reflection: "c"}}}
	p, err := Build([]Group{g}, Options{Format: PeerLearning, Start: date(2026, 1, 13)})
	require.NoError(t, err)
	require.Empty(t, p.Check())
	var got [][2]string
	for _, s := range p.Sessions {
		got = append(got, [2]string{s.Topic, s.Facilitators[0]})
	}
	assert.Equal(t, [][2]string{{"feedback", "c"}, {"feedback", "a"}, {"delegation", "b"}, {"delegation", "c"}}, got)

	g.Topics[0].Reflection = "c"
	_, err = Build([]Group{g}, Options{Format: PeerLearning, Start: date(2026, 1, 13)})
	require.ErrorIs(t, err, ErrInvalidInput)
	assert.Contains(t, err.Error(), "needs two different members")
	g.Topics[0].Reflection = "zed"
	_, err = Build([]Group{g}, Options{Format: PeerLearning, Start: date(2026, 1, 13)})
	require.ErrorIs(t, err, ErrInvalidInput)
	assert.Contains(t, err.Error(), `Reflection facilitator "zed"`)
}

// TestIntervalLimits: an interval beyond the years a plan can span is an
// error naming the option and the limit; near the int range the day
// arithmetic overflowed and put sessions and check-ins on consecutive days.
func TestIntervalLimits(t *testing.T) {
	start := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	team := Group{ID: "g", Members: []Member{{ID: "a"}, {ID: "b"}},
		Topics: []Topic{{Skill: "X", Owner: "a"}, {Skill: "Y", Owner: "b"}}}
	pairs := []Pair{{A: Member{ID: "c"}, B: Member{ID: "d"}}}
	const maxInt = int(^uint(0) >> 1)
	for _, tc := range []struct {
		opt  Options
		want string
	}{
		{Options{Cadence: Cadence{Kind: EveryNWeeks, Weeks: maxInt}}, fmt.Sprintf("Cadence.Weeks %d: must be 1–%d", maxInt, MaxIntervalWeeks)},
		{Options{Cadence: Cadence{Kind: EveryNWeeks, Weeks: maxInt / 7}}, "Cadence.Weeks"},
		{Options{Cadence: Cadence{Kind: EveryNWeeks, Weeks: MaxIntervalWeeks + 1}}, "Cadence.Weeks"},
		{Options{Pairs: pairs, CheckInWeeks: maxInt}, fmt.Sprintf("CheckInWeeks %d: must be at most %d", maxInt, MaxIntervalWeeks)},
		{Options{Pairs: pairs, TrialMonths: maxInt}, fmt.Sprintf("TrialMonths %d: must be at most %d", maxInt, MaxTrialMonths)},
		{Options{Pairs: pairs, TrialMonths: MaxTrialMonths + 1}, "TrialMonths"},
	} {
		tc.opt.Start = start
		_, err := Build([]Group{team}, tc.opt)
		require.Error(t, err, tc.want)
		assert.True(t, errors.Is(err, ErrInvalidOptions), "%v", err)
		assert.Contains(t, err.Error(), tc.want)
	}
	// At the limits a long plan still builds: the intervals are too long
	// for a second meeting before the horizon, which the error says.
	for _, opt := range []Options{
		{Cadence: Cadence{Kind: EveryNWeeks, Weeks: MaxIntervalWeeks}},
		{Pairs: pairs, CheckInWeeks: MaxIntervalWeeks, TrialMonths: MaxTrialMonths},
	} {
		opt.Start = start
		p, err := Build([]Group{team}, opt)
		if err != nil {
			assert.False(t, errors.Is(err, ErrInvalidOptions), "%v", err)
			continue
		}
		for i := 1; i < len(p.Sessions); i++ {
			assert.False(t, p.Sessions[i].Start.Before(start), "%v", p.Sessions[i])
		}
	}
}

// TestDuplicatePairs: the same two people in the other order are a
// duplicate pair (their check-ins were planned twice), and two different
// pairs whose IDs coincide because ids hold '+' get an error saying so.
func TestDuplicatePairs(t *testing.T) {
	start := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	pair := func(a, b string) Pair { return Pair{A: Member{ID: a}, B: Member{ID: b}} }
	for _, tc := range []struct {
		groups []Group
		pairs  []Pair
		want   string
	}{
		{nil, []Pair{pair("a", "b"), pair("b", "a")}, `duplicate pair "pair:b+a": pair 0 has the same two people ("b" and "a")`},
		{nil, []Pair{pair("a", "b"), pair("a", "b")}, `duplicate pair "pair:a+b"`},
		{nil, []Pair{pair("x+", "y"), pair("x", "+y")}, `pair 1 ("x" and "+y") has the ID "pair:x++y" of another pair or group`},
		{[]Group{{ID: "pair:a+b", Members: []Member{{ID: "m"}}}}, []Pair{pair("a", "b")}, `has the ID "pair:a+b" of another pair or group`},
	} {
		_, err := Build(tc.groups, Options{Start: start, Pairs: tc.pairs})
		require.Error(t, err, tc.want)
		assert.True(t, errors.Is(err, ErrInvalidInput), "%v", err)
		assert.Contains(t, err.Error(), tc.want)
	}
}
