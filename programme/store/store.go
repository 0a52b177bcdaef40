package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// Errors of the store. Every error of this package that is not a database
// failure wraps one of them, with the file, person or round concerned.
var (
	// ErrBusy: another command holds the database longer than
	// Options.BusyTimeout.
	ErrBusy = errors.New("the programme database is in use by another peermatch command")
	// ErrNewerSchema: the file was written by a newer version of peermatch.
	ErrNewerSchema = errors.New("the programme database was written by a newer peermatch")
	// ErrNotProgramme: the file is not a peermatch programme database.
	ErrNotProgramme = errors.New("not a peermatch programme database")
	// ErrNotFound: Open found no file at the path.
	ErrNotFound = errors.New("no programme database")
	// ErrExists: Create found a file at the path.
	ErrExists = errors.New("a programme database already exists")
	// ErrActivePair: a newer survey drops someone who is in a pair in force.
	ErrActivePair = errors.New("dropped from the survey while in an active pair")
	// ErrUnknownPerson: a change names someone not in the stored roster.
	ErrUnknownPerson = errors.New("unknown person")
	// ErrInvalid: a change that does not fit the stored programme (a round
	// out of sequence, an answer that contradicts a stored one, no roster).
	ErrInvalid = errors.New("invalid change")
)

// SchemaVersion is the schema version this package writes and the newest it
// reads.
const SchemaVersion = 1

// applicationID marks a peermatch database ("PMDB").
const applicationID = 0x504D4442

// DefaultBusyTimeout is how long a command waits for another one by default.
const DefaultBusyTimeout = 5 * time.Second

// MaxBusyTimeout is the longest Options.BusyTimeout. SQLite takes the wait
// in milliseconds as a 32-bit number (about 596 hours at most); a day is
// far more than any command holds the database.
const MaxBusyTimeout = 24 * time.Hour

// Options configures Open and Create. The zero value means the defaults.
type Options struct {
	// BusyTimeout is how long a writer waits for another command's
	// transaction to end before failing with ErrBusy; 0 means
	// DefaultBusyTimeout, a negative value does not wait. More than
	// MaxBusyTimeout is an error of Open and Create.
	BusyTimeout time.Duration
}

// Store is an open programme database. Its methods are safe for concurrent
// use; changes go through Update, reads through Read or Load.
type Store struct {
	db   *sql.DB
	path string
}

// migrations[i] takes the schema from version i to version i+1.
var migrations = []string{
	`CREATE TABLE settings (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE roster (
		id   INTEGER PRIMARY KEY CHECK (id = 1),
		json TEXT NOT NULL
	);
	CREATE TABLE people (
		id       TEXT PRIMARY KEY,
		position INTEGER NOT NULL,
		name     TEXT NOT NULL,
		email    TEXT NOT NULL
	);
	CREATE TABLE events (
		seq    INTEGER PRIMARY KEY,
		person TEXT NOT NULL REFERENCES people(id),
		date   TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'left')),
		until  TEXT NOT NULL
	);
	CREATE INDEX events_person ON events(person);
	CREATE TABLE rounds (
		number      INTEGER PRIMARY KEY,
		formed      TEXT NOT NULL,
		kind        TEXT NOT NULL CHECK (kind IN ('pairs', 'groups')),
		options     TEXT NOT NULL,
		trial_weeks INTEGER NOT NULL
	);
	CREATE TABLE pairs (
		round     INTEGER NOT NULL REFERENCES rounds(number),
		seq       INTEGER NOT NULL,
		a         TEXT NOT NULL REFERENCES people(id),
		b         TEXT NOT NULL REFERENCES people(id),
		formed    TEXT NOT NULL,
		dissolved TEXT NOT NULL,
		reason    TEXT NOT NULL,
		mentor    TEXT NOT NULL,
		PRIMARY KEY (round, seq)
	);
	CREATE INDEX pairs_a ON pairs(a);
	CREATE INDEX pairs_b ON pairs(b);
	CREATE TABLE groups (
		round INTEGER NOT NULL REFERENCES rounds(number),
		seq   INTEGER NOT NULL,
		id    TEXT NOT NULL,
		PRIMARY KEY (round, seq),
		UNIQUE (round, id)
	);
	CREATE TABLE group_members (
		round     INTEGER NOT NULL,
		group_seq INTEGER NOT NULL,
		seq       INTEGER NOT NULL,
		person    TEXT NOT NULL REFERENCES people(id),
		PRIMARY KEY (round, group_seq, seq),
		FOREIGN KEY (round, group_seq) REFERENCES groups(round, seq)
	);
	CREATE INDEX group_members_person ON group_members(person);
	CREATE TABLE unpaired (
		round  INTEGER NOT NULL REFERENCES rounds(number),
		seq    INTEGER NOT NULL,
		person TEXT NOT NULL REFERENCES people(id),
		reason TEXT NOT NULL,
		PRIMARY KEY (round, seq)
	);
	CREATE INDEX unpaired_person ON unpaired(person);
	CREATE TABLE checkins (
		seq       INTEGER PRIMARY KEY,
		date      TEXT NOT NULL,
		person    TEXT NOT NULL REFERENCES people(id),
		partner   TEXT NOT NULL,
		met       INTEGER NOT NULL,
		equitable INTEGER NOT NULL,
		progress  INTEGER NOT NULL,
		comments  TEXT NOT NULL,
		line      INTEGER NOT NULL,
		UNIQUE (person, partner, date)
	);`,
}

// Create makes a new programme database at path with the current schema and
// opens it. It fails with ErrExists when a file is already there.
func Create(ctx context.Context, path string, opt Options) (*Store, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("%s: %w (open it, or choose another --db)", path, ErrExists)
	}
	return open(ctx, path, opt, true)
}

// Open opens the programme database at path, migrating an older schema
// forward. It fails with ErrNotFound when there is no file, ErrNotProgramme
// when the file is something else, and ErrNewerSchema when a newer peermatch
// wrote it.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w (run `peermatch init --db %s SURVEY` first)", path, ErrNotFound, path)
	}
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder: %w", path, ErrNotProgramme)
	}
	return open(ctx, path, opt, false)
}

func open(ctx context.Context, path string, opt Options, create bool) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("%q: the path of a programme database may not be empty or contain '?' or '#'", path)
	}
	wait := opt.BusyTimeout
	if wait > MaxBusyTimeout {
		return nil, fmt.Errorf("%s: a busy timeout of %v is longer than the maximum, %v", path, wait, MaxBusyTimeout)
	}
	if wait == 0 {
		wait = DefaultBusyTimeout
	}
	if wait < 0 {
		wait = 0
	}
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)", path, wait.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// One connection: the command line runs one transaction at a time, and
	// a single connection keeps the pragmas and the lock in one place.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx, create); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// migrate checks the file's identity and version and brings its schema to
// SchemaVersion in one transaction.
func (s *Store) migrate(ctx context.Context, create bool) error {
	version, app, tables, err := identity(ctx, s.db)
	if err != nil {
		return s.wrap(err)
	}
	if version == SchemaVersion && app == applicationID {
		return s.setWAL(ctx)
	}
	if err := s.checkIdentity(version, app, tables, create); err != nil {
		return err
	}
	if err := s.setWAL(ctx); err != nil {
		return err
	}
	return s.Update(ctx, func(tx *Tx) error {
		version, app, tables, err := identity(ctx, tx.c)
		if err != nil {
			return err
		}
		if err := s.checkIdentity(version, app, tables, create); err != nil {
			return err
		}
		for v := version; v < SchemaVersion; v++ {
			if _, err := tx.c.ExecContext(ctx, migrations[v]); err != nil {
				return fmt.Errorf("%s: migrating the schema to version %d: %w", s.path, v+1, err)
			}
		}
		_, err = tx.c.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", SchemaVersion, applicationID))
		return err
	})
}

func (s *Store) setWAL(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return s.wrap(err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("%s: the database cannot use a write-ahead log (journal mode %s)", s.path, mode)
	}
	return nil
}

// queryer is what identity reads through: the pool or a transaction's
// connection.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func identity(ctx context.Context, q queryer) (version, app, tables int, err error) {
	if err = q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return
	}
	if err = q.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return
	}
	err = q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables)
	return
}

func (s *Store) checkIdentity(version, app, tables int, create bool) error {
	switch {
	case app == 0 && version == 0 && tables == 0:
		if !create {
			return fmt.Errorf("%s: %w (the file is empty: remove it and run `peermatch init`)", s.path, ErrNotProgramme)
		}
	case app != applicationID:
		return fmt.Errorf("%s: %w", s.path, ErrNotProgramme)
	case version > SchemaVersion:
		return fmt.Errorf("%s: %w: its schema is version %d and this peermatch reads up to version %d; use a newer peermatch", s.path, ErrNewerSchema, version, SchemaVersion)
	}
	return nil
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Tx is one transaction of a store: the reads and writes of one command.
// It is valid only inside the function given to Update or Read.
type Tx struct {
	c     *sql.Conn
	s     *Store
	write bool
}

// Update runs fn in one write transaction: it takes the write lock first
// (BEGIN IMMEDIATE), waiting up to Options.BusyTimeout for another command
// (then an error wrapping ErrBusy), commits when fn returns nil and rolls
// back otherwise, so the change is applied entirely or not at all, even if
// the process dies in the middle.
func (s *Store) Update(ctx context.Context, fn func(*Tx) error) error {
	return s.run(ctx, "BEGIN IMMEDIATE", true, fn)
}

// Read runs fn in one read transaction: fn sees one consistent state, and
// writers are not blocked (WAL). Writes through the Tx fail.
func (s *Store) Read(ctx context.Context, fn func(*Tx) error) error {
	return s.run(ctx, "BEGIN", false, fn)
}

func (s *Store) run(ctx context.Context, begin string, write bool, fn func(*Tx) error) (err error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap(err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, begin); err != nil {
		return s.wrap(err)
	}
	done := false
	defer func() {
		if !done {
			// Roll back even when ctx is done; the error of fn wins.
			c.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	if err := fn(&Tx{c: c, s: s, write: write}); err != nil {
		return s.wrap(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, "COMMIT"); err != nil {
		return s.wrap(err)
	}
	done = true
	return nil
}

// wrap turns SQLite's busy and locked errors into ErrBusy.
func (s *Store) wrap(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return fmt.Errorf("%s: %w (try again when it has finished)", s.path, ErrBusy)
		}
	}
	return err
}

// Integrity runs PRAGMA integrity_check and returns nil when it says ok.
func (s *Store) Integrity(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return err
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil
	}
	return fmt.Errorf("%s: integrity check failed: %s", s.path, strings.Join(msgs, "; "))
}
