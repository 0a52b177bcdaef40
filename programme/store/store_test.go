package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var day0 = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

func newStore(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Create(context.Background(), path, Options{})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, path
}

func rosterJSON(t *testing.T, r *skills.Roster) string {
	var b bytes.Buffer
	require.NoError(t, skills.WriteJSON(&b, r))
	return b.String()
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, path := newStore(t)
	demo := skills.Demo()
	round := programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs, Options: "defaults", TrialWeeks: 8,
		Pairs:     []programme.Pair{{A: demo.People[0].ID, B: demo.People[1].ID, Formed: day0}, {A: demo.People[2].ID, B: demo.People[3].ID, Formed: day0, Dissolved: day0.AddDate(0, 1, 0), Reason: programme.DissolvedLeft}},
		Unmatched: []programme.Unmatched{{ID: demo.People[4].ID, Reason: "no eligible partner"}}}
	groups := programme.Round{Number: 2, Formed: day0.AddDate(0, 2, 0), Kind: programme.KindGroups, Options: "groups",
		Groups: []programme.Group{{ID: "g1", Members: []string{demo.People[0].ID, demo.People[5].ID}}, {ID: "g2"}}}
	ci := []programme.CheckIn{{Date: day0.AddDate(0, 0, 14), Person: demo.People[0].ID, Partner: demo.People[1].ID, Met: true, Equitable: 4, Progress: 3, Comments: "fine, \"really\"", Line: 2}}
	ev := programme.StatusEvent{Person: demo.People[2].ID, Date: day0.AddDate(0, 1, 0), Status: programme.Paused, Until: day0.AddDate(0, 3, 0)}
	settings := Settings{Name: "demo", Start: day0, TrialWeeks: 8}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		require.NoError(t, tx.SetSettings(ctx, settings))
		d, err := tx.SaveRoster(ctx, demo, day0)
		require.NoError(t, err)
		assert.True(t, d.Empty())
		require.NoError(t, tx.AddRound(ctx, round))
		require.NoError(t, tx.AddRound(ctx, groups))
		n, err := tx.AddCheckIns(ctx, ci)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		return tx.AddStatusEvent(ctx, ev)
	}))
	require.NoError(t, s.Close())

	s2, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	defer s2.Close()
	st, err := s2.Load(ctx)
	require.NoError(t, err)
	assert.Equal(t, settings, st.Settings)
	assert.Equal(t, rosterJSON(t, demo), rosterJSON(t, st.Programme.Roster), "the roster is stored faithfully")
	assert.Equal(t, []programme.Round{round, groups}, st.Programme.Rounds)
	assert.Equal(t, ci, st.Programme.CheckIns)
	assert.Equal(t, []programme.StatusEvent{ev}, st.Programme.Events)
	require.NoError(t, s2.Integrity(ctx))

	// identical answers again add nothing; a different one is refused
	require.NoError(t, s2.Update(ctx, func(tx *Tx) error {
		n, err := tx.AddCheckIns(ctx, ci)
		assert.Equal(t, 0, n)
		return err
	}))
	other := ci[0]
	other.Equitable = 1
	err = s2.Update(ctx, func(tx *Tx) error { _, err := tx.AddCheckIns(ctx, []programme.CheckIn{other}); return err })
	assert.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, err.Error(), "line 2")
}

func TestWriterErrors(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	demo := skills.Demo()
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { _, err := tx.SaveRoster(ctx, demo, day0); return err }))
	for _, tc := range []struct {
		name string
		fn   func(tx *Tx) error
		want error
	}{
		{"round out of sequence", func(tx *Tx) error { return tx.AddRound(ctx, programme.Round{Number: 2, Kind: programme.KindPairs}) }, ErrInvalid},
		{"pair with a stranger", func(tx *Tx) error {
			return tx.AddRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs, Pairs: []programme.Pair{{A: demo.People[0].ID, B: "zz"}}})
		}, ErrUnknownPerson},
		{"event of a stranger", func(tx *Tx) error {
			return tx.AddStatusEvent(ctx, programme.StatusEvent{Person: "zz", Date: day0, Status: programme.Left})
		}, ErrUnknownPerson},
		{"answer of a stranger", func(tx *Tx) error {
			_, err := tx.AddCheckIns(ctx, []programme.CheckIn{{Date: day0, Person: "zz", Partner: "x", Line: 7}})
			return err
		}, ErrUnknownPerson},
		{"no round to update", func(tx *Tx) error { return tx.UpdateRound(ctx, programme.Round{Number: 9}) }, ErrInvalid},
		{"join someone already in", func(tx *Tx) error { _, err := tx.AddPeople(ctx, demo, day0); return err }, ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Update(ctx, tc.fn)
			assert.ErrorIs(t, err, tc.want)
		})
	}
	st, err := s.Load(ctx)
	require.NoError(t, err)
	assert.Empty(t, st.Programme.Rounds, "failed transactions leave nothing")
	assert.Empty(t, st.Programme.Events)
	err = s.Read(ctx, func(tx *Tx) error { return tx.SetSettings(ctx, Settings{}) })
	assert.ErrorIs(t, err, ErrInvalid, "no writes in a read transaction")
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	_, err := Open(ctx, filepath.Join(dir, "none.db"), Options{})
	assert.ErrorIs(t, err, ErrNotFound)

	s, path := newStore(t)
	require.NoError(t, s.Close())
	_, err = Create(ctx, path, Options{})
	assert.ErrorIs(t, err, ErrExists)

	// a newer schema
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	_, err = db.Exec("PRAGMA user_version = 99")
	require.NoError(t, err)
	require.NoError(t, db.Close())
	_, err = Open(ctx, path, Options{})
	assert.ErrorIs(t, err, ErrNewerSchema)
	assert.Contains(t, err.Error(), "version 99")

	// another SQLite file, and a text file
	other := filepath.Join(dir, "other.db")
	db, err = sql.Open("sqlite", other)
	require.NoError(t, err)
	_, err = db.Exec("CREATE TABLE t(x)")
	require.NoError(t, err)
	require.NoError(t, db.Close())
	_, err = Open(ctx, other, Options{})
	assert.ErrorIs(t, err, ErrNotProgramme)
	text := filepath.Join(dir, "text.db")
	require.NoError(t, os.WriteFile(text, []byte("id,name\nx,y\n"), 0o644))
	_, err = Open(ctx, text, Options{})
	assert.Error(t, err)
}

func TestBusy(t *testing.T) {
	ctx := context.Background()
	s, path := newStore(t)
	other, err := Open(ctx, path, Options{BusyTimeout: 100 * time.Millisecond})
	require.NoError(t, err)
	defer other.Close()
	err = s.Update(ctx, func(tx *Tx) error {
		start := time.Now()
		err := other.Update(ctx, func(*Tx) error { return nil })
		assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)
		assert.ErrorIs(t, err, ErrBusy)
		// readers are not blocked
		_, rerr := other.Load(ctx)
		assert.NoError(t, rerr)
		return nil
	})
	require.NoError(t, err)
}

func TestSaveRosterDiff(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	read := func(csv string) *skills.Roster {
		r, err := skills.ReadCSV(bytes.NewBufferString(csv))
		require.NoError(t, err)
		return r
	}
	v1 := read("id,name,grade,have:Go,want:SQL\na,Ann,3,5,0\nb,Bo,3,0,5\nc,Cy,2,4,4\n")
	v2 := read("id,name,grade,want:SQL,have:Rust\na,Ann,4,0,2\nb,Bo,3,5,0\nd,Di,3,1,1\n")
	var d Diff
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		if _, err := tx.SaveRoster(ctx, v1, day0); err != nil {
			return err
		}
		if err := tx.AddRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs, Unmatched: []programme.Unmatched{{ID: "c", Reason: "alone"}}}); err != nil {
			return err
		}
		var err error
		d, err = tx.SaveRoster(ctx, v2, day0.AddDate(0, 1, 0))
		return err
	}))
	assert.Equal(t, []string{"d"}, d.Added)
	assert.Equal(t, []Change{{ID: "a", Fields: []string{"grade", "have:go", "have:rust"}}}, d.Changed)
	assert.Equal(t, []string{"c"}, d.Removed)
	assert.Equal(t, []string{"c"}, d.Left, "c took part: kept and recorded as left")
	st, err := s.Load(ctx)
	require.NoError(t, err)
	r := st.Programme.Roster
	require.Equal(t, 4, r.Len())
	c := r.Person("c")
	require.NotNil(t, c)
	j, ok := r.Catalog.Index("Go")
	require.True(t, ok, "a skill only a kept person has stays")
	assert.Equal(t, uint8(4), c.Have[j])
	status, _ := programme.StatusOn(st.Programme.Events, "c", day0.AddDate(0, 2, 0))
	assert.Equal(t, programme.Left, status)
}

// TestAddRoundRefusesImpossiblePairs checks that a pair of one person, a
// pair dissolved before it was formed and a mentor outside the pair are
// errors naming the pair, not rows that Repair and Health then misread.
func TestAddRoundRefusesImpossiblePairs(t *testing.T) {
	ctx := context.Background()
	demo := skills.Demo()
	a, b, c := demo.People[0].ID, demo.People[1].ID, demo.People[2].ID
	for _, tc := range []struct {
		pair programme.Pair
		want string
	}{
		{programme.Pair{A: a, B: a}, "cannot be their own partner"},
		{programme.Pair{A: a, B: b, Dissolved: day0.AddDate(0, 0, -1)}, "before it was formed"},
		{programme.Pair{A: a, B: b, Formed: day0.AddDate(0, 0, 7), Dissolved: day0.AddDate(0, 0, 6)}, "before it was formed"},
		{programme.Pair{A: a, B: b, Mentor: c}, "is not a member of the pair"},
	} {
		s, _ := newStore(t)
		require.NoError(t, s.Update(ctx, func(tx *Tx) error { _, err := tx.SaveRoster(ctx, demo, day0); return err }))
		err := s.Update(ctx, func(tx *Tx) error {
			return tx.AddRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs, Pairs: []programme.Pair{tc.pair}})
		})
		require.ErrorIs(t, err, ErrInvalid, "%+v", tc.pair)
		assert.Contains(t, err.Error(), tc.want)
	}
	s, _ := newStore(t)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { _, err := tx.SaveRoster(ctx, demo, day0); return err }))
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		return tx.AddRound(ctx, programme.Round{Number: 1, Formed: day0, Kind: programme.KindPairs,
			Pairs: []programme.Pair{{A: a, B: b, Mentor: a, Dissolved: day0}}})
	}), "a mentor of the pair, dissolved on the day it was formed")
}
