package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/peermatch/peermatch/skills"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpenErrorsNameTheFile: SQLite's "file is not a database (26)",
// "database disk image is malformed (11)" and "unable to open database
// file (14)" named no file and no cause.
func TestOpenErrorsNameTheFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notdb.db")
	require.NoError(t, os.WriteFile(notDB, []byte("hello\n"), 0o644))
	_, err := Open(ctx, notDB, Options{})
	assert.ErrorIs(t, err, ErrNotProgramme)
	assert.ErrorContains(t, err, notDB+": not a peermatch programme database: the file is not an SQLite database")

	s, full := newStore(t)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		_, err := tx.SaveRoster(ctx, skills.Demo(), day0)
		return err
	}))
	require.NoError(t, s.Close())
	data, err := os.ReadFile(full)
	require.NoError(t, err)
	cut := filepath.Join(dir, "cut.db")
	require.NoError(t, os.WriteFile(cut, data[:len(data)/2], 0o644))
	_, err = Open(ctx, cut, Options{ReadOnly: true})
	if err == nil {
		st, lerr := Open(ctx, cut, Options{})
		if lerr == nil {
			_, err = st.Load(ctx)
			st.Close()
		} else {
			err = lerr
		}
	}
	assert.ErrorIs(t, err, ErrDamaged)
	assert.ErrorContains(t, err, cut+": the programme database is damaged")

	link := filepath.Join(dir, "dang.db")
	require.NoError(t, os.Symlink(filepath.Join(dir, "nowhere", "x.db"), link))
	_, err = Create(ctx, link, Options{})
	assert.ErrorIs(t, err, ErrCannotOpen)
	assert.ErrorContains(t, err, "it is a link to "+filepath.Join(dir, "nowhere", "x.db")+": the folder "+filepath.Join(dir, "nowhere")+" does not exist")

	_, err = Create(ctx, filepath.Join(dir, "nowhere", "y.db"), Options{})
	assert.ErrorIs(t, err, ErrCannotOpen)
	assert.ErrorContains(t, err, "the folder "+filepath.Join(dir, "nowhere")+" does not exist")
}

// TestOpenReadOnly: a read-only store reads and refuses writes.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	s, path := newStore(t)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.SetSettings(ctx, Settings{Name: "x", Start: day0}) }))
	require.NoError(t, s.Close())
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	require.NoError(t, err)
	defer ro.Close()
	st, err := ro.Load(ctx)
	require.NoError(t, err)
	assert.Equal(t, "x", st.Settings.Name)
	err = ro.Update(ctx, func(tx *Tx) error { return tx.SetSettings(ctx, Settings{Name: "y"}) })
	assert.True(t, errors.Is(err, ErrCannotOpen) || errors.Is(err, ErrInvalid), "%v", err)
}
