package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/skills"
)

// Change is one person whose survey answers changed, with the fields that
// differ ("name", "grade", "have:Coaching", "tag:language", …), sorted.
type Change struct {
	ID     string
	Fields []string
}

// Diff says what SaveRoster changed: the people added, changed and removed,
// each list by id. Removed people who took part in a round, answered a
// check-in or have a status event stay in the stored roster and are
// recorded as left (Left); the others are deleted.
type Diff struct {
	Added   []string
	Changed []Change
	Removed []string
	// Left lists the removed people recorded as left on the day of the
	// change, by id.
	Left []string
}

// Empty reports whether the survey changed nothing.
func (d Diff) Empty() bool {
	return len(d.Added) == 0 && len(d.Changed) == 0 && len(d.Removed) == 0
}

// SaveRoster stores r as the programme's roster, on day on. The first call
// stores it as it is. A later one, with a newer survey, updates the people
// in it, adds the new ones and removes those it no longer lists, and returns
// the differences. Removing someone in a pair lasting on day on (in the round
// in force) who has not left by then is an error wrapping ErrActivePair that lists every such person
// and says to run `peermatch leave` first; nothing is changed then. Removed
// people who appear in the programme's history are kept (with their last
// answers) and recorded as left on day on, so that their rounds and answers
// still name them; skills only they had stay in the catalog.
func (tx *Tx) SaveRoster(ctx context.Context, r *skills.Roster, on time.Time) (Diff, error) {
	var d Diff
	if err := tx.writable(); err != nil {
		return d, err
	}
	if r == nil || r.Len() == 0 {
		return d, fmt.Errorf("%w: a roster with nobody in it", ErrInvalid)
	}
	on = programme.Day(on)
	st, err := tx.Load(ctx)
	if err != nil {
		return d, err
	}
	old := st.Programme.Roster
	merged := r
	var leave []string
	if old != nil {
		d = diff(old, r)
		if len(d.Removed) > 0 {
			if err := activePairs(st.Programme, d.Removed, on); err != nil {
				return Diff{}, err
			}
			used, err := tx.referenced(ctx)
			if err != nil {
				return Diff{}, err
			}
			var keep []string
			for _, id := range d.Removed {
				if used[id] {
					keep = append(keep, id)
					if !hasLeft(st.Programme.Events, id) {
						leave = append(leave, id)
					}
				}
			}
			d.Left = leave
			if merged, err = mergeRosters(r, old, keep); err != nil {
				return Diff{}, err
			}
		}
	}
	if err := tx.writeRoster(ctx, merged, old); err != nil {
		return Diff{}, err
	}
	for _, id := range leave {
		if err := tx.AddStatusEvent(ctx, programme.StatusEvent{Person: id, Date: on, Status: programme.Left}); err != nil {
			return Diff{}, err
		}
	}
	return d, nil
}

// AddPeople adds the people of r, none of whom may be in the stored roster
// yet, to it and records each as joining (active) on day on. It returns
// their ids in r's order.
func (tx *Tx) AddPeople(ctx context.Context, r *skills.Roster, on time.Time) ([]string, error) {
	if err := tx.writable(); err != nil {
		return nil, err
	}
	if r == nil || r.Len() == 0 {
		return nil, fmt.Errorf("%w: nobody to add", ErrInvalid)
	}
	on = programme.Day(on)
	old, err := tx.roster(ctx)
	if err != nil {
		return nil, err
	}
	if old == nil {
		return nil, fmt.Errorf("%w: the programme has no roster yet (run init first)", ErrInvalid)
	}
	var dup, ids []string
	for _, p := range r.People {
		ids = append(ids, p.ID)
		if _, ok := old.Index(p.ID); ok {
			dup = append(dup, strconv.Quote(p.ID))
		}
	}
	if len(dup) > 0 {
		return nil, fmt.Errorf("%w: %s already in the programme (give a newer survey to init to update people)", ErrInvalid, strings.Join(dup, ", "))
	}
	merged, err := mergeRosters(old, r, ids)
	if err != nil {
		return nil, err
	}
	if err := tx.writeRoster(ctx, merged, old); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := tx.AddStatusEvent(ctx, programme.StatusEvent{Person: id, Date: on, Status: programme.Active}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// writeRoster stores r's JSON and brings the people table to r's people,
// deleting those of old that r no longer has.
func (tx *Tx) writeRoster(ctx context.Context, r, old *skills.Roster) error {
	js, err := encodeRoster(r)
	if err != nil {
		return err
	}
	if _, err := tx.c.ExecContext(ctx, "INSERT INTO roster(id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json", js); err != nil {
		return err
	}
	up, err := tx.c.PrepareContext(ctx, `INSERT INTO people(id, position, name, email) VALUES (?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET position = excluded.position, name = excluded.name, email = excluded.email`)
	if err != nil {
		return err
	}
	defer up.Close()
	for i, p := range r.People {
		if _, err := up.ExecContext(ctx, p.ID, i, p.Name, p.Email); err != nil {
			return err
		}
	}
	if old != nil {
		for _, p := range old.People {
			if _, ok := r.Index(p.ID); !ok {
				if _, err := tx.c.ExecContext(ctx, "DELETE FROM people WHERE id = ?", p.ID); err != nil {
					return fmt.Errorf("removing %q: %w", p.ID, err)
				}
			}
		}
	}
	return nil
}

// hasLeft reports whether events record that id left, on any day: leaving
// is final, so someone recorded as leaving later than the survey's day
// keeps that date (a second leave would contradict it).
func hasLeft(events []programme.StatusEvent, id string) bool {
	for _, e := range events {
		if e.Person == id && e.Status == programme.Left {
			return true
		}
	}
	return false
}

// referenced returns the ids the programme's history names.
func (tx *Tx) referenced(ctx context.Context) (map[string]bool, error) {
	rows, err := tx.c.QueryContext(ctx, `SELECT person FROM events UNION SELECT a FROM pairs UNION SELECT b FROM pairs
		UNION SELECT person FROM unpaired UNION SELECT person FROM group_members UNION SELECT person FROM checkins`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// activePairs returns an error wrapping ErrActivePair when one of ids is in
// a pair (or group) of the round in force on day on.
func activePairs(p programme.Programme, ids []string, on time.Time) error {
	var r *programme.Round
	for i := range p.Rounds {
		if !p.Rounds[i].Formed.After(on) {
			r = &p.Rounds[i]
		}
	}
	if r == nil {
		return nil
	}
	drop := map[string]bool{}
	for _, id := range ids {
		if s, _ := programme.StatusOn(p.Events, id, on); s != programme.Left {
			drop[id] = true
		}
	}
	var msgs []string
	for _, pr := range r.Pairs {
		if !pr.Dissolved.IsZero() && !pr.Dissolved.After(on) {
			continue
		}
		for _, x := range [][2]string{{pr.A, pr.B}, {pr.B, pr.A}} {
			if drop[x[0]] {
				msgs = append(msgs, fmt.Sprintf("%q is paired with %q in round %d: run `peermatch leave %s` first, then `peermatch repair`", x[0], x[1], r.Number, x[0]))
			}
		}
	}
	for _, g := range r.Groups {
		for _, m := range g.Members {
			if drop[m] {
				msgs = append(msgs, fmt.Sprintf("%q is in group %q of round %d: run `peermatch leave %s` first", m, g.ID, r.Number, m))
			}
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	return fmt.Errorf("the survey drops people in an active pair: %w:\n  %s", ErrActivePair, strings.Join(msgs, "\n  "))
}

// mergeRosters returns a roster with the people of base followed by the
// people of extra whose ids are in add, on a catalog of base's skills then
// extra's others; levels are carried over by skill name.
func mergeRosters(base, extra *skills.Roster, add []string) (*skills.Roster, error) {
	cat, err := skills.NewCatalog(base.Catalog.Skills()...)
	if err != nil {
		return nil, err
	}
	for _, s := range extra.Catalog.Skills() {
		if _, ok := cat.Index(s.Name); !ok {
			if err := cat.Add(s); err != nil {
				return nil, err
			}
		}
	}
	people := make([]skills.Person, 0, base.Len()+len(add))
	for _, p := range base.People {
		people = append(people, reindex(p, base.Catalog, cat))
	}
	for _, id := range add {
		if p := extra.Person(id); p != nil {
			people = append(people, reindex(*p, extra.Catalog, cat))
		}
	}
	r, err := skills.New(cat, people)
	if err != nil {
		return nil, fmt.Errorf("%w: the merged roster: %v", ErrInvalid, err)
	}
	return r, nil
}

func reindex(p skills.Person, from, to *skills.Catalog) skills.Person {
	have, want := make([]uint8, to.Len()), make([]uint8, to.Len())
	for j, s := range from.Skills() {
		if k, ok := to.Index(s.Name); ok {
			if j < len(p.Have) {
				have[k] = p.Have[j]
			}
			if j < len(p.Want) {
				want[k] = p.Want[j]
			}
		}
	}
	p.Have, p.Want = have, want
	return p
}

// diff compares two rosters person by person.
func diff(old, r *skills.Roster) Diff {
	var d Diff
	for _, p := range r.People {
		q := old.Person(p.ID)
		if q == nil {
			d.Added = append(d.Added, p.ID)
			continue
		}
		a, b := fields(q, old.Catalog), fields(&p, r.Catalog)
		var ch []string
		for k, v := range a {
			if b[k] != v {
				ch = append(ch, k)
			}
		}
		for k := range b {
			if _, ok := a[k]; !ok {
				ch = append(ch, k)
			}
		}
		if len(ch) > 0 {
			sort.Strings(ch)
			d.Changed = append(d.Changed, Change{ID: p.ID, Fields: ch})
		}
	}
	for _, p := range old.People {
		if _, ok := r.Index(p.ID); !ok {
			d.Removed = append(d.Removed, p.ID)
		}
	}
	sort.Strings(d.Added)
	sort.Strings(d.Removed)
	sort.Slice(d.Changed, func(i, j int) bool { return d.Changed[i].ID < d.Changed[j].ID })
	return d
}

// fields returns a person's answers by column name, levels by skill name,
// zero levels and blank values left out.
func fields(p *skills.Person, cat *skills.Catalog) map[string]string {
	m := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	set("name", p.Name)
	set("email", p.Email)
	set("grade", strconv.Itoa(p.Grade))
	set("years", strconv.FormatFloat(p.Years, 'g', -1, 64))
	set("department", p.Department)
	set("manager", p.Manager)
	set("location", p.Location)
	set("capacity", strconv.Itoa(p.EffectiveCapacity()))
	set("focus", p.Focus)
	set("lead", strings.Join(p.Lead, "|"))
	var days []string
	for _, t := range p.Unavailable {
		days = append(days, fmtDate(t))
	}
	set("unavailable", strings.Join(days, ";"))
	for k, v := range p.Tags {
		set("tag:"+k, v)
	}
	for j, s := range cat.Skills() {
		name := strings.ToLower(s.Name)
		if j < len(p.Have) && p.Have[j] > 0 {
			m["have:"+name] = strconv.Itoa(int(p.Have[j]))
		}
		if j < len(p.Want) && p.Want[j] > 0 {
			m["want:"+name] = strconv.Itoa(int(p.Want[j]))
		}
	}
	return m
}
