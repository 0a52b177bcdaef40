package store

import (
	"context"
	"testing"

	"github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatusConflicts: the store itself refuses a status change that
// contradicts the stored history, whoever calls it: a leave dated before a
// later round that includes the person, and a second leave of any date.
func TestStatusConflicts(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	demo := skills.Demo()
	a, b, c := demo.People[0].ID, demo.People[1].ID, demo.People[2].ID
	r2 := day0.AddDate(0, 3, 0)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		if _, err := tx.SaveRoster(ctx, demo, day0); err != nil {
			return err
		}
		if err := tx.AddRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs, Pairs: []programme.Pair{{A: a, B: b, Formed: day0}}}); err != nil {
			return err
		}
		return tx.AddRound(ctx, programme.Round{Number: 2, Formed: r2, Kind: programme.KindPairs,
			Pairs: []programme.Pair{{A: a, B: c, Formed: r2}}, Unmatched: []programme.Unmatched{{ID: b}}})
	}))
	add := func(ev programme.StatusEvent) error {
		return s.Update(ctx, func(tx *Tx) error { return tx.AddStatusEvent(ctx, ev) })
	}
	err := add(programme.StatusEvent{Person: a, Date: r2.AddDate(0, 0, -2), Status: programme.Left})
	assert.ErrorIs(t, err, ErrInvalid)
	assert.ErrorIs(t, err, programme.ErrStatusConflict)
	assert.ErrorContains(t, err, "round 2 from "+fmtDate(r2))
	assert.ErrorIs(t, add(programme.StatusEvent{Person: b, Date: r2.AddDate(0, 0, -1), Status: programme.Paused}), programme.ErrStatusConflict, "b is unpaired in round 2")
	require.NoError(t, add(programme.StatusEvent{Person: b, Date: r2.AddDate(0, 0, -1), Status: programme.Paused, Until: r2}), "back on round 2's day")

	leave := r2.AddDate(0, 1, 0)
	require.NoError(t, add(programme.StatusEvent{Person: c, Date: leave, Status: programme.Left}))
	for _, d := range []int{-10, 0, 10} {
		err := add(programme.StatusEvent{Person: c, Date: leave.AddDate(0, 0, d), Status: programme.Left})
		assert.ErrorIs(t, err, programme.ErrStatusConflict, "second leave %+d days", d)
		assert.ErrorContains(t, err, "left on "+fmtDate(leave))
	}
	assert.ErrorIs(t, add(programme.StatusEvent{Person: c, Date: leave.AddDate(0, 0, 5), Status: programme.Active}), programme.ErrStatusConflict)

	st, err := s.Load(ctx)
	require.NoError(t, err)
	assert.Len(t, st.Programme.Events, 2, "only b's pause and c's leave: %v", st.Programme.Events)

	// a newer survey, dated before b's recorded leave, that drops b keeps
	// that leave instead of adding a second one
	require.NoError(t, add(programme.StatusEvent{Person: b, Date: leave, Status: programme.Left}))
	var kept []skills.Person
	for _, p := range demo.People {
		if p.ID != b {
			kept = append(kept, p)
		}
	}
	smaller, err := skills.New(demo.Catalog, kept)
	require.NoError(t, err)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		d, err := tx.SaveRoster(ctx, smaller, r2.AddDate(0, 0, 7))
		assert.Empty(t, d.Left)
		return err
	}))
}

// TestRoundAfterLeave: the store refuses a round whose pair or group names
// someone who left before it was formed (the reverse of a leave dated
// before a later round); a pair formed on the leave day itself, or
// dissolved on it by a repair, is kept.
func TestRoundAfterLeave(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	demo := skills.Demo()
	a, b, c, d := demo.People[0].ID, demo.People[1].ID, demo.People[2].ID, demo.People[3].ID
	gone := day0.AddDate(0, 1, 0)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		if _, err := tx.SaveRoster(ctx, demo, day0); err != nil {
			return err
		}
		if err := tx.AddRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs, Pairs: []programme.Pair{{A: a, B: b, Formed: day0}}}); err != nil {
			return err
		}
		return tx.AddStatusEvent(ctx, programme.StatusEvent{Person: b, Date: gone, Status: programme.Left})
	}))
	update := func(f func(tx *Tx) error) error { return s.Update(ctx, f) }

	// repair on the leave day: a+b dissolved on it, a re-paired
	err := update(func(tx *Tx) error {
		return tx.UpdateRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs, Pairs: []programme.Pair{
			{A: a, B: b, Formed: day0, Dissolved: gone, Reason: programme.DissolvedLeft}, {A: a, B: c, Formed: gone}}})
	})
	require.NoError(t, err)

	later := gone.AddDate(0, 1, 0)
	err = update(func(tx *Tx) error {
		return tx.AddRound(ctx, programme.Round{Number: 2, Formed: later, Kind: programme.KindPairs, Pairs: []programme.Pair{{A: b, B: d, Formed: later}}})
	})
	require.ErrorIs(t, err, ErrInvalid)
	assert.ErrorContains(t, err, "round 2, pair "+b+" + "+d+" formed on "+fmtDate(later)+" names \""+b+"\", who left on "+fmtDate(gone))
	err = update(func(tx *Tx) error {
		return tx.AddRound(ctx, programme.Round{Number: 2, Formed: later, Kind: programme.KindGroups, Groups: []programme.Group{{ID: "g1", Members: []string{c, b, d}}}})
	})
	require.ErrorIs(t, err, ErrInvalid)
	assert.ErrorContains(t, err, "round 2, group g1 formed on")
}
