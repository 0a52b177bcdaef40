package schedule

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/peermatch/peermatch/internal/plural"
)

// Build plans the sessions of every group and the check-ins of every pair
// in opt.Pairs. It is BuildContext with context.Background.
func Build(groups []Group, opt Options) (*Plan, error) {
	return BuildContext(context.Background(), groups, opt)
}

// BuildContext plans the sessions of every group and the check-ins of every
// pair in opt.Pairs, and returns a plan that passes Check.
//
// Facilitators are fixed first, from the group structure alone:
// PeerMentoring topics are ordered so that prerequisites come first and the
// owners' leads rotate (everyone leads before anyone leads again, nobody
// leads twice in a row); the kickoff is led by the group's first member and
// is not counted in the rotation. PeerLearning topics follow a
// prerequisite-respecting order (input order when possible) and each
// Exploration/Reflection gets the next member in the rotation.
//
// Dates come second. Groups are scheduled in input order, then pairs. Each
// session goes on its cadence date or, when that date is blocked, on the
// next valid date; the cadence continues from the date the session got. A
// date is valid when its weekday is allowed (Options.Weekdays), it is in no
// blackout and no public holiday of Options.Holidays, no attendee (only the
// facilitator with Options.FacilitatorsOnly) is unavailable, and no
// attendee is in an overlapping session already scheduled (so the session
// of the later group in input order is the one that moves). Every move is
// recorded in Plan.Notes.
//
// Errors wrap ErrInvalidOptions, ErrInvalidInput, ErrCycle, ErrRotation
// (owners or prerequisites leave no valid rotation) or ErrNoDate (the
// horizon is reached; the message counts the dates each rule blocked), or
// the context's error.
//
// Build takes O(S·D·A) time for S sessions, D days searched per session and
// A overlapping sessions per attendee, plus the PeerMentoring topic-order
// search (linear when the input order works, O(2^T·M) in the worst case).
func BuildContext(ctx context.Context, groups []Group, opt Options) (*Plan, error) {
	s, err := normalize(opt)
	if err != nil {
		return nil, err
	}
	if err := validateGroups(groups, opt.Pairs); err != nil {
		return nil, err
	}
	b := &builder{s: s, unavailable: map[string]map[day]bool{}, busy: map[string][]busySlot{}, moves: map[string]tally{}}
	addUnavailable := func(m Member) {
		for _, t := range m.Unavailable {
			if b.unavailable[m.ID] == nil {
				b.unavailable[m.ID] = map[day]bool{}
			}
			b.unavailable[m.ID][dayOf(t)] = true
		}
	}
	for _, g := range groups {
		for _, m := range g.Members {
			addUnavailable(m)
		}
	}
	for _, p := range opt.Pairs {
		addUnavailable(p.A)
		addUnavailable(p.B)
	}
	plan := &Plan{Options: opt}
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var err error
		if opt.Format == PeerMentoring {
			g, err = b.mentoring(ctx, g)
		} else {
			err = b.learning(g)
		}
		if err != nil {
			return nil, err
		}
		plan.Groups = append(plan.Groups, copyGroup(g))
	}
	for _, p := range opt.Pairs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := b.checkIns(p); err != nil {
			return nil, err
		}
	}
	rank := map[string]int{}
	for i, g := range groups {
		rank[g.ID] = i
	}
	for i, p := range opt.Pairs {
		rank[p.ID()] = len(groups) + i
	}
	sort.SliceStable(b.sessions, func(i, j int) bool {
		a, c := b.sessions[i], b.sessions[j]
		if !a.Start.Equal(c.Start) {
			return a.Start.Before(c.Start)
		}
		if rank[a.Group] != rank[c.Group] {
			return rank[a.Group] < rank[c.Group]
		}
		return a.Index < c.Index
	})
	plan.Sessions = b.sessions
	plan.Notes = b.notes
	if plan.Notes == nil {
		plan.Notes = []string{}
	}
	return plan, nil
}

func copyGroup(g Group) Group {
	g.Members = append([]Member(nil), g.Members...)
	g.Topics = append([]Topic(nil), g.Topics...)
	return g
}

type busySlot struct {
	start, end time.Time
	what       string
}

type builder struct {
	s           *settings
	unavailable map[string]map[day]bool
	busy        map[string][]busySlot
	sessions    []Session
	notes       []string
	moves       map[string]tally // per group: days of delay by reason
}

// request describes one session to place.
type request struct {
	group, label string // label names the session in notes and errors
	clock        int
	dur          time.Duration
	attendees    []string
	avail        []string // people whose unavailable dates count
	checkIn      bool     // a check-in: its date is the tool's choice, so double-booking moves it silently
}

func (b *builder) request(group, label string, clock int, dur time.Duration, attendees []string, facilitator string, checkIn bool) request {
	r := request{group: group, label: label, clock: clock, dur: dur, attendees: attendees, avail: attendees, checkIn: checkIn}
	if b.s.o.FacilitatorsOnly && !checkIn {
		r.avail = []string{facilitator}
	}
	return r
}

// problem returns why day d cannot host r ("" when it can).
func (b *builder) problem(r request, d day) string {
	if !b.s.weekdays[d.date().Weekday()] {
		return weekdayRule + " (" + d.date().Weekday().String() + " is not an allowed weekday)"
	}
	if bl, ok := b.s.blocked[d]; ok {
		return bl.why
	}
	for _, p := range r.avail {
		if b.unavailable[p][d] {
			return p + " being unavailable"
		}
	}
	st := d.at(r.clock, b.s.loc)
	en := st.Add(r.dur)
	for _, p := range r.attendees {
		for _, x := range b.busy[p] {
			if st.Before(x.end) && x.start.Before(en) {
				return doubleBooking + " " + p + " is already in " + x.what + " then"
			}
		}
	}
	return ""
}

// Reasons that name the tool's own rules rather than a real conflict.
const (
	weekdayRule   = "the weekday rule"
	doubleBooking = "a clash:"
)

// tally counts blocking reasons for error messages.
type tally map[string]int

func (t tally) String() string {
	keys := sortedKeys(t)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s blocks %d day(s)", k, t[k])
	}
	return strings.Join(parts, "; ")
}

func (b *builder) noDate(r request, from day, t tally) error {
	msg := fmt.Sprintf("%s: %s: no valid date before the horizon %s", r.group, r.label, b.s.horizon)
	if b.s.yearly {
		msg = fmt.Sprintf("%s: %s: the plan does not fit in the programme year: no valid date before %s, twelve months after the start", r.group, r.label, b.s.horizon)
	}
	if len(t) == 0 {
		msg += fmt.Sprintf(": its cadence date %s is not before the horizon", from)
	} else {
		msg += fmt.Sprintf(" (searched from %s): %s", from, t)
	}
	if m := b.moves[r.group]; len(m) > 0 {
		parts := make([]string, 0, len(m))
		for _, k := range sortedKeys(m) {
			parts = append(parts, fmt.Sprintf("%s delayed them %d day(s)", k, m[k]))
		}
		msg += "; earlier sessions of " + r.group + " moved: " + strings.Join(parts, "; ")
	}
	return fmt.Errorf("%w: %s", ErrNoDate, msg)
}

// sortedKeys returns t's keys by decreasing count, then name.
func sortedKeys(t tally) []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if t[keys[i]] != t[keys[j]] {
			return t[keys[i]] > t[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// find returns the valid day for a session wanted on from, or ErrNoDate:
// the first valid day of from's month on or after from; failing that, the
// first valid day after the month on from's weekday when keepWeekday (a
// session of a series: one held on Mondays stays on Mondays after a
// blackout); failing that, the first valid day after the month.
func (b *builder) find(r request, from day, keepWeekday bool) (day, error) {
	t := tally{}
	from = max(from, b.s.start)
	f := from.date()
	monthEnd := dayOf(time.Date(f.Year(), f.Month()+1, 1, 0, 0, 0, 0, time.UTC)) - 1
	for d := from; d < b.s.horizon && d <= monthEnd; d++ {
		why := b.problem(r, d)
		if why == "" {
			return d, nil
		}
		t[why]++
	}
	for d := from + 7*((monthEnd-from)/7+1); keepWeekday && d < b.s.horizon; d += 7 {
		if b.problem(r, d) == "" {
			return d, nil
		}
	}
	for d := monthEnd + 1; d < b.s.horizon; d++ {
		why := b.problem(r, d)
		if why == "" {
			return d, nil
		}
		t[why]++
	}
	return 0, b.noDate(r, from, t)
}

// commit adds the session on day d and records a note when d != wanted.
func (b *builder) commit(r request, d, wanted day, kind Kind, index int, topic, facilitator, why string) day {
	st := d.at(r.clock, b.s.loc)
	en := st.Add(r.dur)
	for _, p := range r.attendees {
		b.busy[p] = append(b.busy[p], busySlot{st, en, r.group + " " + r.label})
	}
	if d != wanted {
		if b.moves[r.group] == nil {
			b.moves[r.group] = tally{}
		}
		b.moves[r.group][why] += int(d - wanted)
		if !r.checkIn || !strings.HasPrefix(why, doubleBooking) {
			b.notes = append(b.notes, fmt.Sprintf("%s: %s moved from %s to %s because of %s", r.group, r.label, dateText(wanted), dateText(d), why))
		}
	}
	b.sessions = append(b.sessions, Session{
		Group: r.group, Kind: kind, Index: index, Topic: topic, Start: st, End: en,
		Facilitators: []string{facilitator}, Attendees: append([]string(nil), r.attendees...),
	})
	return d
}

// place finds a day on or after wanted and commits the session there.
func (b *builder) place(r request, wanted day, kind Kind, index int, topic, facilitator string) (day, error) {
	if wanted < b.s.start {
		wanted = b.s.start
	}
	// A date the tool chose itself on a weekday that is not allowed is
	// not a conflict: it starts on the next allowed weekday, unnoted.
	wanted = b.s.allowedFrom(wanted)
	d, err := b.find(r, wanted, kind == KindSession)
	if err != nil {
		return 0, err
	}
	why := ""
	if d != wanted {
		why = b.problem(r, wanted)
		if why == "" {
			why = "not a valid date"
		}
	}
	return b.commit(r, d, wanted, kind, index, topic, facilitator, why), nil
}

// next returns the cadence date after the session on day d.
func (s *settings) next(d day) day {
	if s.cadence.Kind == EveryNWeeks {
		return d + day(7*s.cadence.Weeks)
	}
	t := d.date()
	return nthWeekday(t.Year(), t.Month()+1, s.cadence.Weekday, s.cadence.Nth)
}

// first returns the first cadence date on or after d.
func (s *settings) first(d day) day {
	if s.cadence.Kind == EveryNWeeks {
		return d
	}
	t := d.date()
	if c := nthWeekday(t.Year(), t.Month(), s.cadence.Weekday, s.cadence.Nth); c >= d {
		return c
	}
	return nthWeekday(t.Year(), t.Month()+1, s.cadence.Weekday, s.cadence.Nth)
}

// nthWeekday returns the nth (1–4, or Last) weekday w of the month; month
// may be 13, which time.Date normalises to January of the next year.
func nthWeekday(year int, month time.Month, w time.Weekday, nth int) day {
	if nth == Last {
		end := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC)
		back := (int(end.Weekday()) - int(w) + 7) % 7
		return dayOf(end) - day(back)
	}
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	fwd := (int(w) - int(first.Weekday()) + 7) % 7
	return dayOf(first) + day(fwd+7*(nth-1))
}

func memberIDs(g Group) []string {
	ids := make([]string, len(g.Members))
	for i, m := range g.Members {
		ids[i] = m.ID
	}
	return ids
}

func (b *builder) mentoring(ctx context.Context, g Group) (Group, error) {
	g, err := assignOwners(g)
	if err != nil {
		return g, err
	}
	order, err := mentoringOrder(ctx, g)
	if err != nil {
		return g, err
	}
	ids := memberIDs(g)
	lead := ids[0]
	r := b.request(g.ID, "kickoff", b.s.kickoffClock, b.s.kickoffDur, ids, lead, false)
	prev, err := b.place(r, b.s.start, KindKickoff, 0, "kickoff", lead)
	if err != nil {
		return g, err
	}
	var squeezed []string
	at := -1 // where the note on squeezed sessions goes, in date order
	for k, ti := range order {
		t := g.Topics[ti]
		label := fmt.Sprintf("session %d (%s)", k+1, t.Skill)
		r := b.request(g.ID, label, b.s.clock, b.s.duration, ids, t.Owner, false)
		wanted := b.s.next(prev)
		if left := len(order) - k; b.slots(wanted, left) < left {
			// The rest no longer fits the cadence before the horizon:
			// this session comes sooner, and the cadence resumes as soon
			// as the rest fits again.
			wanted = prev + b.s.compressStep()
			squeezed = append(squeezed, label)
			if at < 0 {
				at = len(b.notes)
			}
		}
		if prev, err = b.place(r, wanted, KindSession, k+1, t.Skill, t.Owner); err != nil {
			return g, err
		}
	}
	if len(squeezed) > 0 {
		note := fmt.Sprintf("%s: %s %s %d days after the session before, not at the usual cadence, so that the plan ends before %s",
			g.ID, strings.Join(squeezed, ", "), plural.Word(len(squeezed), "comes", "come"), int(b.s.compressStep()), dateText(b.s.horizon))
		b.notes = append(b.notes[:at], append([]string{note}, b.notes[at:]...)...)
	}
	return g, nil
}

func (b *builder) learning(g Group) error {
	order, err := topoOrder(g)
	if err != nil {
		return err
	}
	fac, err := learningFacilitators(g)
	if err != nil {
		return err
	}
	ids := memberIDs(g)
	cand := b.s.first(b.s.start)
	var squeezed []string
	for k, ti := range order {
		t := g.Topics[ti]
		fe, fr := fac[2*k], fac[2*k+1]
		re := b.request(g.ID, fmt.Sprintf("module %d exploration (%s)", k+1, t.Skill), b.s.clock, b.s.duration, ids, fe, false)
		rr := b.request(g.ID, fmt.Sprintf("module %d reflection (%s)", k+1, t.Skill), b.s.clock, b.s.duration, ids, fr, false)
		wanted := b.s.allowedFrom(max(cand, b.s.start))
		tl := tally{}
		var e, rd day
		found := false
		for e = wanted; e < b.s.horizon && !found; e++ {
			if why := b.problem(re, e); why != "" {
				tl[why]++
				continue
			}
			// The reflection must not overlap the exploration itself; it
			// never does, being at least 14 days later.
			for rd = e + day(b.s.gap); rd <= e+21 && rd < b.s.horizon; rd++ {
				if b.problem(rr, rd) == "" {
					found = true
					break
				}
			}
			if !found {
				tl["no valid Reflection date 14–21 days later"]++
			}
		}
		if !found {
			return b.noDate(re, wanted, tl)
		}
		e-- // undo the loop's final increment
		why := ""
		if e != wanted {
			why = b.problem(re, wanted)
			if why == "" {
				why = "no valid Reflection date 14–21 days later"
			}
		}
		b.commit(re, e, wanted, KindExploration, 2*k, t.Skill, fe, why)
		wantR := b.s.allowedFrom(e + day(b.s.gap))
		if rd < wantR {
			wantR = rd
		}
		b.commit(rr, rd, wantR, KindReflection, 2*k+1, t.Skill, fr, b.problem(rr, wantR))
		cand = b.s.next(e)
		for cand <= rd {
			cand = b.s.next(cand)
		}
		if left := len(order) - k - 1; left > 0 && b.learningSlots(cand, left) < left {
			// The remaining modules no longer fit the cadence before the
			// horizon: the next starts on the first day after this
			// Reflection.
			cand = rd + 1
			squeezed = append(squeezed, fmt.Sprintf("module %d", k+2))
		}
	}
	if len(squeezed) > 0 {
		b.notes = append(b.notes, fmt.Sprintf("%s: %s %s right after the Reflection before, not at the usual cadence, so that the plan ends before %s",
			g.ID, strings.Join(squeezed, ", "), plural.Word(len(squeezed), "starts", "start"), dateText(b.s.horizon)))
	}
	return nil
}

// checkIns places a pair's trial meetings, all counted from the date the
// contract start actually got (which may be later than the pair's start
// when that day is blocked): check-in n wanted n·CheckInWeeks weeks after
// it, the end of trial TrialMonths months after it. A check-in wanted less
// than half a check-in interval before the end of trial is left out: the
// end of trial, which asks the same follow-up questions, takes its place,
// so that no pair meets twice within a few days.
func (b *builder) checkIns(p Pair) error {
	start := b.s.start
	if !p.Start.IsZero() {
		start = dayOf(p.Start)
		if start < b.s.start || start >= b.s.horizon {
			return fmt.Errorf("%w: pair %q starts %s, outside the plan %s..%s", ErrInvalidInput, p.ID(), start, b.s.start, b.s.horizon)
		}
	}
	ids := []string{p.A.ID, p.B.ID}
	idx := 0
	add := func(label string, wanted day) (day, error) {
		conv := ids[idx%2]
		r := b.request(p.ID(), label, b.s.clock, b.s.checkInDur, ids, conv, true)
		d, err := b.place(r, wanted, KindCheckIn, idx, label, conv)
		idx++
		return d, err
	}
	contract, err := add("contract start", start)
	if err != nil {
		return err
	}
	trialEnd := b.s.trialEnd(contract)
	if trialEnd >= b.s.horizon {
		// No date on or after trialEnd is before the horizon: say so and
		// what would fit, rather than list the days searched.
		e := &TrialPastEndError{Pair: p.ID(), ContractStart: contract.date(), TrialEnd: trialEnd.date(),
			Horizon: b.s.horizon.date(), TrialMonths: b.s.trialMonths, DefaultHorizon: b.s.yearly}
		for m := b.s.trialMonths - 1; m >= 1 && e.MonthsThatFit == 0; m-- {
			if b.s.allowedFrom(dayOf(contract.date().AddDate(0, m, 0))) < b.s.horizon {
				e.MonthsThatFit = m
			}
		}
		return e
	}
	interval := day(7 * b.s.checkWeeks)
	prev := contract
	for n := 1; b.s.checkWeeks > 0; n++ {
		wanted := contract + day(n)*interval
		if wanted+interval/2 > trialEnd {
			break
		}
		if prev, err = add(fmt.Sprintf("check-in %d", n), max(wanted, prev+1)); err != nil {
			return err
		}
	}
	_, err = add(trialEndTopic, max(trialEnd, prev+1))
	return err
}

// TrialPastEndError is the error Build returns, wrapping ErrNoDate, when
// a pair's end of trial, TrialMonths months after the date its contract
// start got, is not before the horizon: no date can hold it. Change
// Options.Horizon (later) or Options.TrialMonths (at most MonthsThatFit).
type TrialPastEndError struct {
	Pair           string    // the pair's id
	ContractStart  time.Time // the date the contract start got
	TrialEnd       time.Time // the end of trial it asks for
	Horizon        time.Time // the plan's end: no session on or after it
	TrialMonths    int       // the trial's length
	DefaultHorizon bool      // Horizon is the default, twelve months after Start
	// MonthsThatFit is the longest trial, in whole months, that ends
	// before Horizon from this contract start, 0 when none does.
	MonthsThatFit int
}

func (e *TrialPastEndError) Error() string {
	end := "the horizon " + dateText(dayOf(e.Horizon))
	if e.DefaultHorizon {
		end = "the end of the programme year " + dateText(dayOf(e.Horizon)) + ", twelve months after the start"
	}
	fix := "set a later Horizon"
	if e.MonthsThatFit > 0 {
		fix += fmt.Sprintf(" or at most %d TrialMonths", e.MonthsThatFit)
	}
	return fmt.Sprintf("%v: %s: %s: a trial of %d months from the contract start %s ends %s, not before %s: %s",
		ErrNoDate, e.Pair, trialEndTopic, e.TrialMonths, dateText(dayOf(e.ContractStart)), dateText(dayOf(e.TrialEnd)), end, fix)
}

func (e *TrialPastEndError) Unwrap() error { return ErrNoDate }

// trialEnd returns the end of trial of a contract that started on day
// contract: TrialMonths months later (time.AddDate: from 31 January one
// month is 3 March), on the next allowed weekday.
func (s *settings) trialEnd(contract day) day {
	return s.allowedFrom(dayOf(contract.date().AddDate(0, s.trialMonths, 0)))
}

// compressStep is the interval between sessions that the cadence no
// longer fits: half the cadence, and at least a week.
func (s *settings) compressStep() day {
	if s.cadence.Kind == EveryNWeeks {
		return day(7 * max(1, s.cadence.Weeks/2))
	}
	return 14
}

// staticOK reports whether day d passes the rules that do not depend on
// people: weekday, blackouts and holidays.
func (s *settings) staticOK(d day) bool {
	_, blocked := s.blocked[d]
	return s.weekdays[d.date().Weekday()] && !blocked
}

// slots counts, up to n, the cadence dates from `from` on that can host a
// session before the horizon: those with a day free of blackouts and
// holidays on an allowed weekday between the cadence date and the end of
// its month (or the next cadence date, if sooner). It takes O(n·31) time.
func (b *builder) slots(from day, n int) int {
	count := 0
	for c := from; c < b.s.horizon && count < n; {
		nx := b.s.next(c)
		t := c.date()
		end := min(dayOf(time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)), nx, b.s.horizon)
		for d := c; d < end; d++ {
			if b.s.staticOK(d) {
				count++
				break
			}
		}
		c = nx
	}
	return count
}

// learningSlots is slots for PeerLearning modules, whose Reflection must
// also fall before the horizon.
func (b *builder) learningSlots(from day, n int) int {
	count := 0
	for c := from; c+day(b.s.gap) < b.s.horizon && count < n; c = b.s.next(c) {
		count += b.slots(c, 1)
	}
	return count
}
