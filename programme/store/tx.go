package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/skills"
)

// Settings are the programme-wide values kept beside the data.
type Settings struct {
	// Name names the programme.
	Name string
	// Start and End bound the programme (End zero: open ended).
	Start, End time.Time
	// TrialWeeks is the trial period of each new round in weeks (0: none).
	TrialWeeks int
}

// State is everything a store holds: the programme (with its roster, status
// events, rounds and check-in answers, in the order they were recorded) and
// its settings.
type State struct {
	Programme programme.Programme
	Settings  Settings
}

// Load reads the whole stored programme in one read transaction.
func (s *Store) Load(ctx context.Context) (State, error) {
	var st State
	err := s.Read(ctx, func(tx *Tx) error {
		var err error
		st, err = tx.Load(ctx)
		return err
	})
	return st, err
}

const dateLayout = "2006-01-02"

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(dateLayout)
}

func parseDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	return time.Parse(dateLayout, v)
}

// dateCache parses the stored dates of many rows, which repeat: a round's
// pairs share a few days.
type dateCache map[string]time.Time

func (c dateCache) parse(v string) (time.Time, error) {
	if t, ok := c[v]; ok {
		return t, nil
	}
	t, err := parseDate(v)
	if err == nil {
		c[v] = t
	}
	return t, err
}

var statusNames = map[programme.Status]string{programme.Active: "active", programme.Paused: "paused", programme.Left: "left"}

func parseStatus(v string) (programme.Status, error) {
	for s, n := range statusNames {
		if n == v {
			return s, nil
		}
	}
	return 0, fmt.Errorf("%w: stored status %q", ErrInvalid, v)
}

// Load reads the whole programme as this transaction sees it. A store with
// no roster yet gives a Programme with a nil Roster.
func (tx *Tx) Load(ctx context.Context) (State, error) {
	return tx.LoadFor(ctx, All)
}

// Parts names parts of a stored programme, for LoadFor.
type Parts uint

// The parts of a stored programme; the settings are always read.
const (
	// Roster: Programme.Roster.
	Roster Parts = 1 << iota
	// Events: Programme.Events.
	Events
	// Rounds: Programme.Rounds with their pairs, groups and unpaired.
	Rounds
	// CheckIns: Programme.CheckIns.
	CheckIns
	// All is every part: Load.
	All = Roster | Events | Rounds | CheckIns
	// ForRepair is what programme.Repair reads: everything but the
	// check-in answers, which on a programme of years are most of it.
	ForRepair = Roster | Events | Rounds
)

// LoadFor reads the parts of the programme that parts names, as this
// transaction sees it; the others are left empty.
func (tx *Tx) LoadFor(ctx context.Context, parts Parts) (State, error) {
	var st State
	var err error
	if st.Settings, err = tx.settings(ctx); err != nil {
		return st, err
	}
	p := &st.Programme
	p.Name, p.Start, p.End = st.Settings.Name, st.Settings.Start, st.Settings.End
	// The roster is decoded from its JSON while the other tables are read:
	// on a large programme the two take about as long.
	type rosterOrErr struct {
		r   *skills.Roster
		err error
	}
	var decoded chan rosterOrErr
	if parts&Roster != 0 {
		js, ok, err := tx.rosterJSON(ctx)
		if err != nil {
			return st, err
		}
		if ok {
			decoded = make(chan rosterOrErr, 1) // buffered: an early return leaves it behind
			go func() {
				r, err := tx.decodeRoster(js)
				decoded <- rosterOrErr{r, err}
			}()
		}
	}
	if parts&Events != 0 {
		if p.Events, err = tx.events(ctx); err != nil {
			return st, err
		}
	}
	if parts&Rounds != 0 {
		if p.Rounds, err = tx.rounds(ctx); err != nil {
			return st, err
		}
	}
	if parts&CheckIns != 0 {
		if p.CheckIns, err = tx.checkIns(ctx); err != nil {
			return st, err
		}
	}
	if decoded != nil {
		d := <-decoded
		if d.err != nil {
			return st, d.err
		}
		p.Roster = d.r
	}
	return st, nil
}

func (tx *Tx) settings(ctx context.Context) (Settings, error) {
	var st Settings
	rows, err := tx.c.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return st, err
		}
		var perr error
		switch k {
		case "name":
			st.Name = v
		case "start":
			st.Start, perr = parseDate(v)
		case "end":
			st.End, perr = parseDate(v)
		case "trial_weeks":
			st.TrialWeeks, perr = strconv.Atoi(v)
		}
		if perr != nil {
			return st, fmt.Errorf("%s: setting %s: %w", tx.s.path, k, perr)
		}
	}
	return st, rows.Err()
}

// SetSettings replaces the programme's settings. Start and End, when not
// zero, must fall in the years programme.MinYear–programme.MaxYear (an
// error wrapping ErrInvalid and programme.ErrDateRange otherwise).
func (tx *Tx) SetSettings(ctx context.Context, st Settings) error {
	if err := tx.writable(); err != nil {
		return err
	}
	if st.TrialWeeks < 0 {
		return fmt.Errorf("%w: trial period of %d weeks", ErrInvalid, st.TrialWeeks)
	}
	if err := checkDate("the programme's start", st.Start, true); err != nil {
		return err
	}
	if err := checkDate("the programme's end", st.End, true); err != nil {
		return err
	}
	for k, v := range map[string]string{"name": st.Name, "start": fmtDate(st.Start), "end": fmtDate(st.End), "trial_weeks": strconv.Itoa(st.TrialWeeks)} {
		if _, err := tx.c.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			return err
		}
	}
	return nil
}

// checkDate returns an error wrapping ErrInvalid and
// programme.ErrDateRange when t is outside the years programme.MinYear–
// programme.MaxYear. The zero time passes when optional: it is how the
// store writes "no date" (an empty string), so a real day must never be
// the zero time.
func checkDate(what string, t time.Time, optional bool) error {
	if optional && t.IsZero() {
		return nil
	}
	if err := programme.CheckDate(t); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalid, what, err)
	}
	return nil
}

func (tx *Tx) writable() error {
	if !tx.write {
		return fmt.Errorf("%w: a write in a read transaction", ErrInvalid)
	}
	return nil
}

func (tx *Tx) roster(ctx context.Context) (*skills.Roster, error) {
	js, ok, err := tx.rosterJSON(ctx)
	if err != nil || !ok {
		return nil, err
	}
	return tx.decodeRoster(js)
}

// rosterJSON returns the stored roster's JSON; ok is false when there is
// none yet.
func (tx *Tx) rosterJSON(ctx context.Context) (js string, ok bool, err error) {
	err = tx.c.QueryRowContext(ctx, "SELECT json FROM roster WHERE id = 1").Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return js, err == nil, err
}

func (tx *Tx) decodeRoster(js string) (*skills.Roster, error) {
	r, err := skills.ReadJSONWith(strings.NewReader(js), skills.ReadOptions{Name: tx.s.path + " (stored roster)"})
	if err != nil {
		return nil, fmt.Errorf("%s: the stored roster: %w", tx.s.path, err)
	}
	return r, nil
}

func (tx *Tx) events(ctx context.Context) ([]programme.StatusEvent, error) {
	rows, err := tx.c.QueryContext(ctx, "SELECT person, date, status, until FROM events ORDER BY seq")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []programme.StatusEvent
	for rows.Next() {
		var ev programme.StatusEvent
		var d, s, u string
		if err := rows.Scan(&ev.Person, &d, &s, &u); err != nil {
			return nil, err
		}
		if ev.Date, err = parseDate(d); err != nil {
			return nil, err
		}
		if ev.Until, err = parseDate(u); err != nil {
			return nil, err
		}
		if ev.Status, err = parseStatus(s); err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

func (tx *Tx) rounds(ctx context.Context) ([]programme.Round, error) {
	rows, err := tx.c.QueryContext(ctx, "SELECT number, formed, kind, options, trial_weeks FROM rounds ORDER BY number")
	if err != nil {
		return nil, err
	}
	var out []programme.Round
	index := map[int]int{}
	for rows.Next() {
		var r programme.Round
		var formed, kind string
		if err := rows.Scan(&r.Number, &formed, &kind, &r.Options, &r.TrialWeeks); err != nil {
			rows.Close()
			return nil, err
		}
		if r.Formed, err = parseDate(formed); err != nil {
			rows.Close()
			return nil, err
		}
		r.Kind = programme.Kind(kind)
		index[r.Number] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	// pairs
	dates := dateCache{}
	rows, err = tx.c.QueryContext(ctx, "SELECT round, a, b, formed, dissolved, reason, mentor FROM pairs ORDER BY round, seq")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var n int
		var p programme.Pair
		var f, d, reason string
		if err := rows.Scan(&n, &p.A, &p.B, &f, &d, &reason, &p.Mentor); err != nil {
			rows.Close()
			return nil, err
		}
		if p.Formed, err = dates.parse(f); err == nil {
			p.Dissolved, err = dates.parse(d)
		}
		if err != nil {
			rows.Close()
			return nil, err
		}
		p.Reason = programme.DissolveReason(reason)
		r := &out[index[n]]
		r.Pairs = append(r.Pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// groups and members
	rows, err = tx.c.QueryContext(ctx, `SELECT g.round, g.seq, g.id, coalesce(m.person, '') FROM groups g
		LEFT JOIN group_members m ON m.round = g.round AND m.group_seq = g.seq
		ORDER BY g.round, g.seq, m.seq`)
	if err != nil {
		return nil, err
	}
	lastRound, lastSeq := -1, -1
	for rows.Next() {
		var n, seq int
		var id, person string
		if err := rows.Scan(&n, &seq, &id, &person); err != nil {
			rows.Close()
			return nil, err
		}
		r := &out[index[n]]
		if n != lastRound || seq != lastSeq {
			r.Groups = append(r.Groups, programme.Group{ID: id})
			lastRound, lastSeq = n, seq
		}
		if person != "" {
			g := &r.Groups[len(r.Groups)-1]
			g.Members = append(g.Members, person)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// unpaired
	rows, err = tx.c.QueryContext(ctx, "SELECT round, person, reason FROM unpaired ORDER BY round, seq")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var u programme.Unmatched
		if err := rows.Scan(&n, &u.ID, &u.Reason); err != nil {
			return nil, err
		}
		r := &out[index[n]]
		r.Unmatched = append(r.Unmatched, u)
	}
	return out, rows.Err()
}

func (tx *Tx) checkIns(ctx context.Context) ([]programme.CheckIn, error) {
	rows, err := tx.c.QueryContext(ctx, "SELECT date, person, partner, met, equitable, progress, comments, line FROM checkins ORDER BY seq")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []programme.CheckIn
	dates := dateCache{}
	for rows.Next() {
		var c programme.CheckIn
		var d string
		if err := rows.Scan(&d, &c.Person, &c.Partner, &c.Met, &c.Equitable, &c.Progress, &c.Comments, &c.Line); err != nil {
			return nil, err
		}
		if c.Date, err = dates.parse(d); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddRound records round r, which must be numbered one more than the latest
// stored round (the first is 1), with every member of its pairs, groups and
// unpaired list in the stored roster. Its date, and its pairs' dates when
// not zero, must fall in the years programme.MinYear–programme.MaxYear, and
// no pair or group may name someone who left before it was formed. A pair
// of one person, a pair dissolved before it was formed and a mentor who is
// not a member of the pair are errors wrapping ErrInvalid (UpdateRound
// checks the same).
func (tx *Tx) AddRound(ctx context.Context, r programme.Round) error {
	if err := tx.writable(); err != nil {
		return err
	}
	var last int
	if err := tx.c.QueryRowContext(ctx, "SELECT coalesce(max(number), 0) FROM rounds").Scan(&last); err != nil {
		return err
	}
	if r.Number != last+1 {
		return fmt.Errorf("%w: round %d follows round %d (want %d)", ErrInvalid, r.Number, last, last+1)
	}
	if r.Kind != programme.KindPairs && r.Kind != programme.KindGroups {
		return fmt.Errorf("%w: round %d: kind %q", ErrInvalid, r.Number, r.Kind)
	}
	if r.TrialWeeks < 0 {
		return fmt.Errorf("%w: round %d: trial period of %d weeks", ErrInvalid, r.Number, r.TrialWeeks)
	}
	if err := checkDate(fmt.Sprintf("round %d", r.Number), r.Formed, false); err != nil {
		return err
	}
	if _, err := tx.c.ExecContext(ctx, "INSERT INTO rounds(number, formed, kind, options, trial_weeks) VALUES (?, ?, ?, ?, ?)",
		r.Number, fmtDate(r.Formed), string(r.Kind), r.Options, r.TrialWeeks); err != nil {
		return err
	}
	return tx.insertMembers(ctx, r)
}

// UpdateRound replaces the pairs, groups and unpaired list of the stored
// round numbered r.Number with r's (its date, kind, options and trial stay).
// It is how a repair, or pairs dissolved as failed, are recorded.
func (tx *Tx) UpdateRound(ctx context.Context, r programme.Round) error {
	if err := tx.writable(); err != nil {
		return err
	}
	var n int
	if err := tx.c.QueryRowContext(ctx, "SELECT count(*) FROM rounds WHERE number = ?", r.Number).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: no round %d to update", ErrInvalid, r.Number)
	}
	for _, q := range []string{"DELETE FROM pairs WHERE round = ?", "DELETE FROM group_members WHERE round = ?", "DELETE FROM groups WHERE round = ?", "DELETE FROM unpaired WHERE round = ?"} {
		if _, err := tx.c.ExecContext(ctx, q, r.Number); err != nil {
			return err
		}
	}
	return tx.insertMembers(ctx, r)
}

// ApplyRepair records the outcome of programme.Repair: the round in force
// becomes res.Round (pairs ended with their day and reason, new pairs,
// people still alone).
func (tx *Tx) ApplyRepair(ctx context.Context, res programme.RepairResult) error {
	return tx.UpdateRound(ctx, res.Round)
}

func (tx *Tx) insertMembers(ctx context.Context, r programme.Round) error {
	events, err := tx.events(ctx)
	if err != nil {
		return err
	}
	left := map[string]time.Time{} // the day each person left
	for _, ev := range events {
		if d, ok := left[ev.Person]; ev.Status == programme.Left && (!ok || ev.Date.Before(d)) {
			left[ev.Person] = ev.Date
		}
	}
	// a pair or group formed after a member left contradicts the history
	// (on the leave day itself a round may still name them: the leave
	// then ends their pair, as CheckStatusEvent allows)
	gone := func(what string, formed time.Time, ids ...string) error {
		for _, id := range ids {
			if d, ok := left[id]; ok && d.Before(formed) {
				return fmt.Errorf("%w: %s formed on %s names %q, who left on %s", ErrInvalid, what, fmtDate(formed), id, fmtDate(d))
			}
		}
		return nil
	}
	for _, p := range r.Pairs {
		what := fmt.Sprintf("round %d, pair %s + %s", r.Number, p.A, p.B)
		if err := checkDate(what, p.Formed, true); err != nil {
			return err
		}
		if err := checkDate(what+" (dissolved)", p.Dissolved, true); err != nil {
			return err
		}
		formed := p.Formed
		if formed.IsZero() {
			formed = r.Formed
		}
		// Repair, Health and the check-ins read a pair as two people
		// between two days; a pair that cannot be one is refused here
		// rather than stored and misread
		switch {
		case p.A == p.B:
			return fmt.Errorf("%w: %s: a person cannot be their own partner", ErrInvalid, what)
		case !p.Dissolved.IsZero() && p.Dissolved.Before(formed):
			return fmt.Errorf("%w: %s: dissolved on %s, before it was formed on %s", ErrInvalid, what, fmtDate(p.Dissolved), fmtDate(formed))
		case p.Mentor != "" && p.Mentor != p.A && p.Mentor != p.B:
			return fmt.Errorf("%w: %s: mentor %q is not a member of the pair", ErrInvalid, what, p.Mentor)
		}
		if err := gone(what, formed, p.A, p.B); err != nil {
			return err
		}
	}
	for _, g := range r.Groups {
		if err := gone(fmt.Sprintf("round %d, group %s", r.Number, g.ID), r.Formed, g.Members...); err != nil {
			return err
		}
	}
	ins, err := tx.c.PrepareContext(ctx, "INSERT INTO pairs(round, seq, a, b, formed, dissolved, reason, mentor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer ins.Close()
	for i, p := range r.Pairs {
		if _, err := ins.ExecContext(ctx, r.Number, i, p.A, p.B, fmtDate(p.Formed), fmtDate(p.Dissolved), string(p.Reason), p.Mentor); err != nil {
			return tx.memberErr(ctx, err, r.Number, p.A, p.B)
		}
	}
	for i, g := range r.Groups {
		if _, err := tx.c.ExecContext(ctx, "INSERT INTO groups(round, seq, id) VALUES (?, ?, ?)", r.Number, i, g.ID); err != nil {
			return fmt.Errorf("round %d, group %q: %w", r.Number, g.ID, err)
		}
		for j, m := range g.Members {
			if _, err := tx.c.ExecContext(ctx, "INSERT INTO group_members(round, group_seq, seq, person) VALUES (?, ?, ?, ?)", r.Number, i, j, m); err != nil {
				return tx.memberErr(ctx, err, r.Number, m)
			}
		}
	}
	for i, u := range r.Unmatched {
		if _, err := tx.c.ExecContext(ctx, "INSERT INTO unpaired(round, seq, person, reason) VALUES (?, ?, ?, ?)", r.Number, i, u.ID, u.Reason); err != nil {
			return tx.memberErr(ctx, err, r.Number, u.ID)
		}
	}
	return nil
}

// memberErr names the person of a failed insert who is not in the roster.
func (tx *Tx) memberErr(ctx context.Context, err error, round int, ids ...string) error {
	for _, id := range ids {
		if ok, _ := tx.known(ctx, id); !ok {
			return fmt.Errorf("round %d: %q: %w", round, id, ErrUnknownPerson)
		}
	}
	return fmt.Errorf("round %d: %w", round, err)
}

func (tx *Tx) known(ctx context.Context, id string) (bool, error) {
	var n int
	err := tx.c.QueryRowContext(ctx, "SELECT count(*) FROM people WHERE id = ?", id).Scan(&n)
	return n > 0, err
}

// AddStatusEvent records that ev.Person's status changed (left, paused,
// resumed or joined). The person must be in the stored roster, and
// ev.Date (and ev.Until when not zero) must fall in the years
// programme.MinYear–programme.MaxYear. A change that contradicts the
// stored history (programme.CheckStatusEvent: a second leave, a change
// after leaving, a leave or pause dated before a round or pair the person
// is in) is an error wrapping both ErrInvalid and
// programme.ErrStatusConflict; nothing is written then.
func (tx *Tx) AddStatusEvent(ctx context.Context, ev programme.StatusEvent) error {
	if err := tx.writable(); err != nil {
		return err
	}
	ok, err := tx.known(ctx, ev.Person)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%q: %w", ev.Person, ErrUnknownPerson)
	}
	name, ok := statusNames[ev.Status]
	if !ok || ev.Date.IsZero() {
		return fmt.Errorf("%w: status event of %q needs a status and a date", ErrInvalid, ev.Person)
	}
	if err := checkDate(fmt.Sprintf("status event of %q", ev.Person), ev.Date, false); err != nil {
		return err
	}
	if err := checkDate(fmt.Sprintf("status event of %q (until)", ev.Person), ev.Until, true); err != nil {
		return err
	}
	hist, err := tx.personHistory(ctx, ev.Person)
	if err != nil {
		return err
	}
	if err := programme.CheckStatusEvent(hist, ev); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	_, err = tx.c.ExecContext(ctx, "INSERT INTO events(person, date, status, until) VALUES (?, ?, ?, ?)", ev.Person, fmtDate(ev.Date), name, fmtDate(ev.Until))
	return err
}

// personHistory returns the part of the stored programme that concerns
// person id, for programme.CheckStatusEvent: their status events, and the
// rounds with only their pairs, groups and unpaired entries.
func (tx *Tx) personHistory(ctx context.Context, id string) (programme.Programme, error) {
	var p programme.Programme
	rows, err := tx.c.QueryContext(ctx, "SELECT date, status, until FROM events WHERE person = ? ORDER BY seq", id)
	if err != nil {
		return p, err
	}
	for rows.Next() {
		ev := programme.StatusEvent{Person: id}
		var d, st, u string
		if err = rows.Scan(&d, &st, &u); err == nil {
			if ev.Date, err = parseDate(d); err == nil {
				if ev.Until, err = parseDate(u); err == nil {
					ev.Status, err = parseStatus(st)
				}
			}
		}
		if err != nil {
			rows.Close()
			return p, err
		}
		p.Events = append(p.Events, ev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return p, err
	}
	index := map[int]int{}
	round := func(n int, formed string) (*programme.Round, error) {
		if i, ok := index[n]; ok {
			return &p.Rounds[i], nil
		}
		f, err := parseDate(formed)
		if err != nil {
			return nil, err
		}
		index[n] = len(p.Rounds)
		p.Rounds = append(p.Rounds, programme.Round{Number: n, Formed: f})
		return &p.Rounds[len(p.Rounds)-1], nil
	}
	// One query a kind of membership: the pair's members and start, the
	// group's id, or the unpaired entry, each with its round's date.
	rows, err = tx.c.QueryContext(ctx, `SELECT 'pair', r.number, r.formed, p.a, p.b, p.formed FROM pairs p JOIN rounds r ON r.number = p.round WHERE p.a = ?1 OR p.b = ?1
		UNION ALL SELECT 'group', r.number, r.formed, g.id, '', '' FROM group_members m JOIN groups g ON g.round = m.round AND g.seq = m.group_seq JOIN rounds r ON r.number = m.round WHERE m.person = ?1
		UNION ALL SELECT 'unpaired', r.number, r.formed, '', '', '' FROM unpaired u JOIN rounds r ON r.number = u.round WHERE u.person = ?1`, id)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, formed, x, y, pf string
		var n int
		if err := rows.Scan(&kind, &n, &formed, &x, &y, &pf); err != nil {
			return p, err
		}
		r, err := round(n, formed)
		if err != nil {
			return p, err
		}
		switch kind {
		case "pair":
			pr := programme.Pair{A: x, B: y}
			if pr.Formed, err = parseDate(pf); err != nil {
				return p, err
			}
			r.Pairs = append(r.Pairs, pr)
		case "group":
			r.Groups = append(r.Groups, programme.Group{ID: x, Members: []string{id}})
		default:
			r.Unmatched = append(r.Unmatched, programme.Unmatched{ID: id})
		}
	}
	return p, rows.Err()
}

// AddCheckIns records answers and returns how many were new. An answer
// identical to a stored one (same person, partner, date, met, ratings and
// comments) is skipped, so importing a file twice adds nothing; one that
// differs from a stored answer with the same person, partner and date is
// an error wrapping ErrInvalid naming its line. Validate answers with
// programme.CheckAnswers first: this checks only that the person is in the
// roster and that the date falls in the years programme.MinYear–
// programme.MaxYear.
func (tx *Tx) AddCheckIns(ctx context.Context, answers []programme.CheckIn) (int, error) {
	if err := tx.writable(); err != nil {
		return 0, err
	}
	ins, err := tx.c.PrepareContext(ctx, `INSERT INTO checkins(date, person, partner, met, equitable, progress, comments, line)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(person, partner, date) DO NOTHING`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	added := 0
	for _, a := range answers {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if err := checkDate(fmt.Sprintf("line %d", a.Line), a.Date, false); err != nil {
			return 0, err
		}
		res, err := ins.ExecContext(ctx, fmtDate(a.Date), a.Person, a.Partner, a.Met, a.Equitable, a.Progress, a.Comments, a.Line)
		if err != nil {
			if ok, _ := tx.known(ctx, a.Person); !ok {
				return 0, fmt.Errorf("line %d: %q: %w", a.Line, a.Person, ErrUnknownPerson)
			}
			return 0, fmt.Errorf("line %d: %w", a.Line, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
			continue
		}
		var old programme.CheckIn
		if err := tx.c.QueryRowContext(ctx, "SELECT met, equitable, progress, comments FROM checkins WHERE person = ? AND partner = ? AND date = ?",
			a.Person, a.Partner, fmtDate(a.Date)).Scan(&old.Met, &old.Equitable, &old.Progress, &old.Comments); err != nil {
			return 0, err
		}
		if old.Met != a.Met || old.Equitable != a.Equitable || old.Progress != a.Progress || old.Comments != a.Comments {
			return 0, fmt.Errorf("line %d: %w: an answer of %q about %q on %s is already recorded with other values", a.Line, ErrInvalid, a.Person, a.Partner, fmtDate(a.Date))
		}
	}
	return added, nil
}

// encodeRoster returns the roster's JSON (skills.WriteJSON).
func encodeRoster(r *skills.Roster) (string, error) {
	var b bytes.Buffer
	if err := skills.WriteJSON(&b, r); err != nil {
		return "", err
	}
	return b.String(), nil
}
