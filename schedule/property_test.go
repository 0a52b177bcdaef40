package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var zones = []string{"", "UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Sydney"}

// randomInput draws groups and options; inputs are valid but may be
// infeasible (ErrNoDate, ErrRotation).
func randomInput(r *rand.Rand) ([]Group, Options) {
	pool := make([]Member, 10)
	for i := range pool {
		pool[i] = Member{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Person %d", i)}
	}
	start := date(2026+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	for start.Weekday() == time.Saturday || start.Weekday() == time.Sunday {
		start = start.AddDate(0, 0, 1)
	}
	for i := range pool {
		for k := r.IntN(5); k > 0; k-- {
			pool[i].Unavailable = append(pool[i].Unavailable, start.AddDate(0, 0, r.IntN(200)))
		}
	}
	o := Options{
		Format:           Format(r.IntN(2)),
		Start:            start,
		Location:         zones[r.IntN(len(zones))],
		TimeOfDay:        fmt.Sprintf("%02d:%02d", 8+r.IntN(9), 30*r.IntN(2)),
		FacilitatorsOnly: r.IntN(3) == 0,
	}
	switch r.IntN(3) {
	case 1:
		o.Cadence = Cadence{Kind: EveryNWeeks, Weeks: r.IntN(5)}
	case 2:
		nth := 1 + r.IntN(5)
		if nth == 5 {
			nth = Last
		}
		o.Cadence = Cadence{Kind: NthWeekday, Nth: nth, Weekday: time.Weekday(1 + r.IntN(5))}
	}
	if r.IntN(4) == 0 {
		// A narrower set of weekdays that still holds the cadence's weekday.
		w := start.Weekday()
		if o.Cadence.Kind == NthWeekday {
			w = o.Cadence.Weekday
		}
		o.Weekdays = []time.Weekday{w, time.Weekday(1 + r.IntN(5))}
	}
	if r.IntN(5) == 0 {
		o.Horizon = start.AddDate(0, 3+r.IntN(10), 0) // sometimes too short: ErrNoDate
	}
	if r.IntN(2) == 0 {
		o.ReflectionGapDays = 14 + r.IntN(8)
	}
	for k := r.IntN(3); k > 0; k-- {
		from := start.AddDate(0, 0, r.IntN(300))
		o.Blackouts = append(o.Blackouts, DateRange{From: from, To: from.AddDate(0, 0, r.IntN(20))})
	}
	for _, c := range []string{"FR", "US", "DE", "GB"} {
		if r.IntN(3) == 0 {
			o.Holidays = append(o.Holidays, c)
		}
	}
	ng := 1 + r.IntN(3)
	var groups []Group
	for gi := 0; gi < ng; gi++ {
		perm := r.Perm(len(pool))
		g := Group{ID: fmt.Sprintf("g%d", gi)}
		for _, i := range perm[:2+r.IntN(5)] {
			g.Members = append(g.Members, pool[i])
		}
		nt := 1 + r.IntN(len(g.Members)+2)
		withOwners := r.IntN(2) == 0
		ownerPerm := r.Perm(len(g.Members))
		for ti := 0; ti < nt; ti++ {
			t := Topic{Skill: fmt.Sprintf("t%d", ti)}
			if withOwners {
				t.Owner = g.Members[ownerPerm[ti%len(g.Members)]].ID
			}
			for j := 0; j < ti; j++ {
				if r.IntN(6) == 0 {
					t.Requires = append(t.Requires, fmt.Sprintf("t%d", j))
				}
			}
			g.Topics = append(g.Topics, t)
		}
		r.Shuffle(len(g.Topics), func(i, j int) { g.Topics[i], g.Topics[j] = g.Topics[j], g.Topics[i] })
		groups = append(groups, g)
	}
	for k := r.IntN(3); k > 0; k-- {
		perm := r.Perm(len(pool))
		o.Pairs = append(o.Pairs, Pair{A: pool[perm[0]], B: pool[perm[1]], Start: start.AddDate(0, 0, r.IntN(30))})
	}
	// Pairs must be distinct, in either order.
	seen := map[[2]string]bool{}
	var pairs []Pair
	for _, p := range o.Pairs {
		key := [2]string{min(p.A.ID, p.B.ID), max(p.A.ID, p.B.ID)}
		if !seen[key] {
			seen[key] = true
			pairs = append(pairs, p)
		}
	}
	o.Pairs = pairs
	return groups, o
}

// assertRotation checks the facilitator rules independently of Check.
func assertRotation(t *testing.T, p *Plan) {
	t.Helper()
	for _, g := range p.Groups {
		count := map[string]int{}
		for _, m := range g.Members {
			count[m.ID] = 0
		}
		prev := ""
		var lastE Session
		for _, s := range p.Sessions {
			if s.Group != g.ID || s.Kind == KindKickoff {
				continue
			}
			require.Len(t, s.Facilitators, 1)
			f := s.Facilitators[0]
			require.NotEqual(t, prev, f, "group %s: %s leads twice in a row", g.ID, f)
			lo := count[f]
			for _, c := range count {
				lo = min(lo, c)
			}
			require.Equal(t, lo, count[f], "group %s: %s leads again before everyone led", g.ID, f)
			count[f]++
			prev = f
			switch s.Kind {
			case KindExploration:
				lastE = s
			case KindReflection:
				require.Equal(t, lastE.Topic, s.Topic)
				require.NotEqual(t, lastE.Facilitators, s.Facilitators)
				gap := dayOf(s.Start.In(s.Start.Location())) - dayOf(lastE.Start.In(s.Start.Location()))
				require.True(t, gap >= 14 && gap <= 21, "gap %d", gap)
			}
		}
		lo, hi := 1<<30, 0
		for _, c := range count {
			lo, hi = min(lo, c), max(hi, c)
		}
		require.LessOrEqual(t, hi-lo, 1)
	}
}

func TestPropertyBuildPassesCheck(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ok, failed := 0, map[string]int{}
	for c := 0; c < 400; c++ {
		groups, o := randomInput(r)
		p, err := Build(groups, o)
		if err != nil {
			require.True(t, errors.Is(err, ErrNoDate) || errors.Is(err, ErrRotation), "case %d: %v", c, err)
			failed[fmt.Sprint(errors.Is(err, ErrNoDate))]++
			continue
		}
		ok++
		v := p.Check()
		require.Empty(t, v, "case %d: %v", c, v)
		assertRotation(t, p)
		clock := o.TimeOfDay
		for _, s := range p.Sessions {
			if s.Kind != KindKickoff {
				require.Equal(t, clock, s.Start.Format("15:04"), "case %d", c)
			}
		}
		// Determinism: same input, identical exports.
		q, err := Build(groups, o)
		require.NoError(t, err)
		for _, w := range []func(*Plan, *bytes.Buffer) error{
			func(p *Plan, b *bytes.Buffer) error { return WriteJSON(b, p) },
			func(p *Plan, b *bytes.Buffer) error { return WriteCSV(b, p) },
			func(p *Plan, b *bytes.Buffer) error { return WriteICS(b, p, Selection{}) },
		} {
			var a, b bytes.Buffer
			require.NoError(t, w(p, &a))
			require.NoError(t, w(q, &b))
			require.Equal(t, a.String(), b.String())
		}
		mutateAndCheck(t, r, p)
	}
	t.Logf("built %d plans; failures (ErrNoDate=true/ErrRotation=false): %v", ok, failed)
	assert.Greater(t, ok, 250, "most random inputs are feasible")
	assert.Positive(t, failed["true"], "some horizons are too short")
}

// mutateAndCheck breaks one rule in a copy of p and expects Check to say so.
func mutateAndCheck(t *testing.T, r *rand.Rand, p *Plan) {
	t.Helper()
	if len(p.Sessions) == 0 {
		return
	}
	clone := func() *Plan {
		q := *p
		q.Sessions = slices.Clone(p.Sessions)
		q.Groups = slices.Clone(p.Groups)
		for i := range q.Groups {
			q.Groups[i] = copyGroup(q.Groups[i])
		}
		q.Options.Blackouts = slices.Clone(p.Options.Blackouts)
		return &q
	}
	i := r.IntN(len(p.Sessions))
	s := p.Sessions[i]
	loc := p.location()
	d := s.Start.In(loc)

	q := clone()
	q.Options.Blackouts = append(q.Options.Blackouts, DateRange{From: d, To: d})
	assert.Contains(t, rulesOf(q.Check()), RuleBlackout)

	q = clone()
	q.Sessions[i].End = q.Sessions[i].Start
	assert.Contains(t, rulesOf(q.Check()), RuleEndBeforeStart)

	q = clone()
	q.Sessions[i].Start = q.Sessions[i].Start.AddDate(2, 0, 0)
	q.Sessions[i].End = q.Sessions[i].End.AddDate(2, 0, 0)
	assert.Contains(t, rulesOf(q.Check()), RuleHorizon)

	// Leading the previous session of the same group as well.
	prev := -1
	for j := range p.Sessions {
		if j != i && p.Sessions[j].Group == s.Group && p.Sessions[j].Kind != KindKickoff && p.Sessions[j].Start.Before(s.Start) &&
			(prev < 0 || p.Sessions[j].Start.After(p.Sessions[prev].Start)) {
			prev = j
		}
	}
	if prev >= 0 && s.Kind != KindKickoff && s.Kind != KindCheckIn {
		q = clone()
		q.Sessions[i].Facilitators = slices.Clone(p.Sessions[prev].Facilitators)
		assert.Contains(t, rulesOf(q.Check()), RuleConsecutive)
	}

	// An overlapping copy in another group's slot double-books everyone.
	q = clone()
	dup := s
	dup.Index = 999
	dup.Start = s.Start.Add(time.Minute)
	dup.End = s.End.Add(time.Minute)
	q.Sessions = append(q.Sessions, dup)
	assert.Contains(t, rulesOf(q.Check()), RuleDoubleBooking)
}

// FuzzBuildCheck builds random inputs from a fuzzed seed; Build must not
// panic, must fail only with ErrNoDate or ErrRotation, and its plans must
// pass Check.
func FuzzBuildCheck(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 42} {
		f.Add(s, s*7)
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		groups, o := randomInput(rand.New(rand.NewPCG(a, b)))
		p, err := Build(groups, o)
		if err != nil {
			if !errors.Is(err, ErrNoDate) && !errors.Is(err, ErrRotation) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if v := p.Check(); len(v) > 0 {
			t.Fatalf("violations: %v", v)
		}
	})
}
