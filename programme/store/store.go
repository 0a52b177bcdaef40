package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	// ErrDamaged: the file is an SQLite database whose content is damaged
	// (a truncated copy, a disk fault).
	ErrDamaged = errors.New("the programme database is damaged")
	// ErrCannotOpen: the file cannot be opened or created (a folder that
	// does not exist, a link to nowhere, no permission), or cannot be
	// written when a change needs it.
	ErrCannotOpen = errors.New("cannot open the programme database")
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
	// ReadOnly opens the file for reading only (SQLite's mode=ro): Update
	// fails, Open neither migrates nor changes the journal mode, and a
	// file the user may not write can still be read. SQLite still needs
	// the write-ahead log's index (the -shm file beside the database);
	// when it cannot be created (a folder the user may not write) and no
	// log is pending (no -wal file with content), the file is read as
	// immutable, without locks, and a read during which another command
	// changed it fails with an error wrapping ErrBusy; with a log pending,
	// Open fails with an error wrapping ErrCannotOpen that says why.
	// Create ignores it.
	ReadOnly bool
}

// Store is an open programme database. Its methods are safe for concurrent
// use; changes go through Update, reads through Read or Load.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	// immutable: opened read-only with SQLite's immutable=1, without
	// locks (see open); run checks the file did not change during a read.
	immutable bool
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
	opt.ReadOnly = false
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
	if opt.ReadOnly {
		// A file: URI passes mode=ro to SQLite; '%' is its escape character.
		dsn = fmt.Sprintf("file:%s?mode=ro&_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)", strings.ReplaceAll(path, "%", "%25"), wait.Milliseconds())
	}
	s, err := openDSN(ctx, path, dsn, opt.ReadOnly, create)
	var se *sqlite.Error
	if opt.ReadOnly && errors.As(err, &se) && se.Code()&0xff == 8 && !walPending(path) {
		// SQLITE_READONLY: SQLite cannot create the -shm file beside a
		// WAL database in a folder the user may not write. With no
		// write-ahead log pending, the file itself holds every change,
		// so it can be read as immutable (no locks, no -shm); run checks
		// after each read that nobody wrote it meanwhile.
		s, err = openDSN(ctx, path, dsn+"&immutable=1", true, false)
		if err == nil {
			s.immutable = true
		}
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

func openDSN(ctx context.Context, path, dsn string, readOnly, create bool) (*Store, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// One connection: the command line runs one transaction at a time, and
	// a single connection keeps the pragmas and the lock in one place.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, readOnly: readOnly}
	if err := s.migrate(ctx, create); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// walPending reports whether path has a write-ahead log that may hold
// changes not yet in the file (a -wal file that is not empty), or cannot
// tell.
func walPending(path string) bool {
	fi, err := os.Stat(path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	return err != nil || fi.Size() > 0
}

// fileState is what run compares before and after a read of an immutable
// store: the file's size and time, and whether a log appeared.
type fileState struct {
	size    int64
	mod     time.Time
	walSeen bool
}

func (s *Store) fileState() (fileState, error) {
	fi, err := os.Stat(s.path)
	if err != nil {
		return fileState{}, err
	}
	_, werr := os.Stat(s.path + "-wal")
	return fileState{fi.Size(), fi.ModTime(), werr == nil}, nil
}

// migrate checks the file's identity and version and brings its schema to
// SchemaVersion in one transaction.
func (s *Store) migrate(ctx context.Context, create bool) error {
	version, app, tables, err := identity(ctx, s.db)
	if err != nil {
		return s.wrap(err)
	}
	if version == SchemaVersion && app == applicationID {
		if s.readOnly {
			return nil
		}
		return s.setWAL(ctx)
	}
	if err := s.checkIdentity(version, app, tables, create); err != nil {
		return err
	}
	if s.readOnly {
		return fmt.Errorf("%s: %w: its schema is version %d and needs upgrading to version %d, which a command that changes the programme does", s.path, ErrCannotOpen, version, SchemaVersion)
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
	if s.immutable {
		before, err := s.fileState()
		if err != nil || before.walSeen {
			return fmt.Errorf("%s: %w (it changed since it was opened: try again)", s.path, ErrBusy)
		}
		defer func() {
			if after, serr := s.fileState(); err == nil && (serr != nil || after != before) {
				err = fmt.Errorf("%s: %w (another command changed it while it was read: try again)", s.path, ErrBusy)
			}
		}()
	}
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

// wrap turns SQLite's errors about the file into errors that name it and
// say in plain words what is wrong: busy and locked into ErrBusy, "file is
// not a database" into ErrNotProgramme, "malformed" into ErrDamaged, and
// the failures to open, create or write it into ErrCannotOpen with the
// reason (explain).
func (s *Store) wrap(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
		return fmt.Errorf("%s: %w (try again when it has finished)", s.path, ErrBusy)
	case 26: // SQLITE_NOTADB
		return &fileError{fmt.Sprintf("%s: %v: the file is not an SQLite database (is --db the right file?)", s.path, ErrNotProgramme), ErrNotProgramme, se}
	case 11: // SQLITE_CORRUPT
		return &fileError{fmt.Sprintf("%s: %v (SQLite: %s): restore it from a backup", s.path, ErrDamaged, sqliteText(se)), ErrDamaged, se}
	case 14: // SQLITE_CANTOPEN
		return &fileError{fmt.Sprintf("%s: %v: %s", s.path, ErrCannotOpen, explainOpen(s.path, s.readOnly)), ErrCannotOpen, se}
	case 8: // SQLITE_READONLY
		what := "for writing"
		if s.readOnly {
			what = "for reading"
		}
		return &fileError{fmt.Sprintf("%s: %v %s: %s", s.path, ErrCannotOpen, what, explainOpen(s.path, s.readOnly)), ErrCannotOpen, se}
	case 13: // SQLITE_FULL
		return &fileError{fmt.Sprintf("%s: the disk is full: nothing was changed", s.path), nil, se}
	case 10: // SQLITE_IOERR
		return &fileError{fmt.Sprintf("%s: the disk failed to read or write the file (SQLite: %s)", s.path, sqliteText(se)), nil, se}
	}
	return err
}

// fileError is an SQLite error about the file explained in plain words: it
// wraps the store's error for it (kind, if any) and SQLite's, so callers
// may test either.
type fileError struct {
	msg  string
	kind error
	se   *sqlite.Error
}

func (e *fileError) Error() string { return e.msg }

func (e *fileError) Unwrap() []error {
	if e.kind == nil {
		return []error{e.se}
	}
	return []error{e.kind, e.se}
}

// sqliteText is SQLite's own message of se without its code.
func sqliteText(se *sqlite.Error) string {
	msg := se.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i]
	}
	return msg
}

// explainOpen says why SQLite could not open, create or write the file at
// path: a link to nowhere, a folder that does not exist or is not a
// folder, or missing permission on the file or its folder (SQLite keeps
// its write-ahead log, path-wal and path-shm, beside the file).
func explainOpen(path string, readOnly bool) string {
	return explainOpenLinks(path, readOnly, 0)
}

func explainOpenLinks(path string, readOnly bool, links int) string {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil && links >= 8 {
			return fmt.Sprintf("it is a link that cannot be followed (%s)", plainErr(err))
		}
		if err != nil {
			// A link to nowhere: explain its target.
			link, _ := os.Readlink(path)
			if !filepath.IsAbs(link) {
				link = filepath.Join(filepath.Dir(path), link)
			}
			return fmt.Sprintf("it is a link to %s: %s", link, explainOpenLinks(link, readOnly, links+1))
		}
		path = target
	}
	dir := filepath.Dir(path)
	di, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("the folder %s does not exist", dir)
	case err != nil:
		return fmt.Sprintf("the folder %s cannot be reached (%s)", dir, plainErr(err))
	case !di.IsDir():
		return fmt.Sprintf("%s is not a folder", dir)
	}
	fi, ferr := os.Stat(path)
	if errors.Is(ferr, fs.ErrNotExist) {
		if !canCreateIn(dir) {
			return fmt.Sprintf("you may not create files in the folder %s", dir)
		}
		return "the file cannot be created"
	}
	if ferr == nil && fi.IsDir() {
		return "it is a folder"
	}
	if !canOpen(path, os.O_RDONLY) {
		return "you may not read the file"
	}
	if !readOnly && !canOpen(path, os.O_WRONLY) {
		return "you may not write the file (commands that only read it, such as export, still can)"
	}
	if !canCreateIn(dir) {
		if _, err := os.Stat(path + "-shm"); err != nil {
			return fmt.Sprintf("you may not create files in the folder %s, and SQLite needs to create %s-shm beside the database to read it (ask its owner to run a peermatch command that reads it, which leaves that file, or copy the database somewhere you may write)", dir, filepath.Base(path))
		}
		return fmt.Sprintf("you may not create files in the folder %s, where SQLite keeps the database's write-ahead log", dir)
	}
	return "SQLite cannot open it"
}

// canOpen reports whether the file at path opens with flag (os.O_RDONLY
// or os.O_WRONLY; nothing is written).
func canOpen(path string, flag int) bool {
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// canCreateIn reports whether a file can be created in dir, by creating
// and removing an empty one: permission bits alone do not tell (root,
// access lists, read-only mounts).
func canCreateIn(dir string) bool {
	f, err := os.CreateTemp(dir, ".peermatch-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// plainErr is err's message without the operation and path that os
// errors repeat.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
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
