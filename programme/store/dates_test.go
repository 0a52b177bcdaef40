package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDatesOutOfRange: the zero time is how the store writes "no date", so
// a required date of year 1 (or any year outside programme.MinYear–MaxYear)
// is refused instead of being stored as an empty string.
func TestDatesOutOfRange(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	demo := skills.Demo()
	a, b := demo.People[0].ID, demo.People[1].ID
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		_, err := tx.SaveRoster(ctx, demo, day0)
		return err
	}))
	year := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	for name, write := range map[string]func(tx *Tx) error{
		"settings start year 1": func(tx *Tx) error { return tx.SetSettings(ctx, Settings{Start: year(1).AddDate(0, 5, 0)}) },
		"settings end 1000":     func(tx *Tx) error { return tx.SetSettings(ctx, Settings{Start: day0, End: year(1000)}) },
		"round zero date":       func(tx *Tx) error { return tx.AddRound(ctx, programme.Round{Number: 1, Kind: programme.KindPairs}) },
		"round 1500": func(tx *Tx) error {
			return tx.AddRound(ctx, programme.Round{Number: 1, Formed: year(1500), Kind: programme.KindPairs})
		},
		"pair dissolved 9999": func(tx *Tx) error {
			return tx.AddRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs,
				Pairs: []programme.Pair{{A: a, B: b, Formed: day0, Dissolved: year(9999)}}})
		},
		"event 1899": func(tx *Tx) error {
			return tx.AddStatusEvent(ctx, programme.StatusEvent{Person: a, Date: year(1899), Status: programme.Left})
		},
		"event until 1": func(tx *Tx) error {
			return tx.AddStatusEvent(ctx, programme.StatusEvent{Person: a, Date: day0, Status: programme.Paused, Until: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)})
		},
		"check-in zero date": func(tx *Tx) error {
			_, err := tx.AddCheckIns(ctx, []programme.CheckIn{{Person: a, Partner: b, Met: true, Line: 2}})
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			err := s.Update(ctx, write)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalid) && errors.Is(err, programme.ErrDateRange), "%v", err)
		})
	}
	st, err := s.Load(ctx)
	require.NoError(t, err)
	assert.Empty(t, st.Programme.Rounds)
	assert.Empty(t, st.Programme.Events)
	assert.Empty(t, st.Programme.CheckIns)

	// the bounds themselves are dates
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		return tx.SetSettings(ctx, Settings{Start: year(programme.MinYear), End: time.Date(programme.MaxYear, 12, 31, 0, 0, 0, 0, time.UTC)})
	}))
}

// TestBusyTimeoutRange: SQLite's busy timeout is a 32-bit count of
// milliseconds, so a longer wait overflowed; Open refuses more than
// MaxBusyTimeout and MaxBusyTimeout itself works.
func TestBusyTimeoutRange(t *testing.T) {
	ctx := context.Background()
	_, path := newStore(t)
	_, err := Open(ctx, path, Options{BusyTimeout: 597 * time.Hour})
	assert.ErrorContains(t, err, "longer than the maximum")
	s, err := Open(ctx, path, Options{BusyTimeout: MaxBusyTimeout})
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.SetSettings(ctx, Settings{Name: "x"}) }))
}
