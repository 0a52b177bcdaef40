package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/peermatch/peermatch/internal/termsafe"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
)

// defaultDB is the programme database of --db when none is given.
const defaultDB = "peermatch.db"

// dbHelp documents the flags every programme command that records a
// change shares; dbOpenHelp those of the commands that only read or write
// files (no --date).
const (
	dbHelp = `  --db FILE            the programme database (default peermatch.db)
  --date D             the day of the change, YYYY-MM-DD, in the years
                       1900-9998 (default today)
` + dbWaitHelp
	dbOpenHelp = `  --db FILE            the programme database (default peermatch.db)
` + dbWaitHelp
	dbWaitHelp = `  --wait DURATION      how long to wait for another peermatch command
                       using the database, 0 to 24h (default 10s; 0 does
                       not wait)
`
)

// dbOpenFlags are --db and --wait: which programme database, and how long
// to wait while another command holds it.
type dbOpenFlags struct {
	db   *string
	wait *waitValue
}

// waitValue is the value of --wait: a duration from 0 (do not wait) to
// store.MaxBusyTimeout. A negative or longer one is refused when the flag
// is set (a usage error), rather than quietly not waiting: SQLite's
// millisecond wait overflowed at about 597h, so a long --wait failed at
// once as if the database were busy.
type waitValue time.Duration

func (w *waitValue) String() string { return time.Duration(*w).String() }

func (w *waitValue) Get() any { return time.Duration(*w) }

func (w *waitValue) Set(v string) error {
	d, err := time.ParseDuration(v)
	switch {
	case err != nil:
		return errors.New("parse error: want a duration such as 30s or 2m")
	case d < 0:
		return fmt.Errorf("a negative wait: want 0 (do not wait) to %gh", store.MaxBusyTimeout.Hours())
	case d > store.MaxBusyTimeout:
		return fmt.Errorf("more than the longest wait, %gh", store.MaxBusyTimeout.Hours())
	}
	*w = waitValue(d)
	return nil
}

// dbFlags are the flags of the commands that work on a programme
// database as of a day: dbOpenFlags and --date.
type dbFlags struct {
	dbOpenFlags
	date *string
}

func addDBOpenFlags(fs *flag.FlagSet) dbOpenFlags {
	wait := waitValue(10 * time.Second)
	fs.Var(&wait, "wait", "how long to wait for another command")
	return dbOpenFlags{
		db:   fs.String("db", defaultDB, "the programme database"),
		wait: &wait,
	}
}

func addDBFlags(fs *flag.FlagSet) dbFlags {
	f := dbFlags{dbOpenFlags: addDBOpenFlags(fs)}
	f.date = fs.String("date", "", "the day of the change, YYYY-MM-DD (default today)")
	return f
}

// day returns --date, or today (UTC) when it is not given; a date outside
// the years pgm.MinYear–pgm.MaxYear is a usage error.
func (f dbFlags) day(c *command) (time.Time, error) {
	if *f.date == "" {
		return pgm.Day(time.Now()), nil
	}
	return parseDateFlag(c, "date", *f.date)
}

func (f dbOpenFlags) options() store.Options {
	w := time.Duration(*f.wait)
	if w <= 0 {
		w = -1
	}
	return store.Options{BusyTimeout: w}
}

// open opens the programme database of --db.
func (f dbOpenFlags) open(ctx context.Context) (*store.Store, error) {
	return store.Open(ctx, *f.db, f.options())
}

// load opens the programme database of --db, reads everything it holds
// in one read transaction, and closes it: for the commands that only read.
// A file the user may not write is opened read-only instead (not always:
// a read-only connection cannot remove the -wal and -shm files it leaves).
func (f dbOpenFlags) load(ctx context.Context) (store.State, error) {
	s, err := f.open(ctx)
	if errors.Is(err, store.ErrCannotOpen) {
		opt := f.options()
		opt.ReadOnly = true
		s, err = store.Open(ctx, *f.db, opt)
	}
	if err != nil {
		return store.State{}, err
	}
	defer s.Close()
	return s.Load(ctx)
}

// parseDateFlag reads a date flag's value: a day in the years
// pgm.MinYear–pgm.MaxYear, or a usage error of c naming the flag. The range
// keeps 0001-01-01, which the programme reads as "no date", out.
func parseDateFlag(c *command, name, v string) (time.Time, error) {
	d, err := pgm.ParseDate(v)
	if err == nil {
		err = pgm.CheckDate(d)
	}
	if err != nil {
		return time.Time{}, usagef(c, "--%s: %v", name, err)
	}
	return d, nil
}

// roundInForce returns the index of the latest round formed on or before d,
// or -1.
func roundInForce(p pgm.Programme, d time.Time) int {
	at := -1
	for i, r := range p.Rounds {
		if !r.Formed.After(d) {
			at = i
		}
	}
	return at
}

// personLabel is a person's id with their name, for messages.
func personLabel(p pgm.Programme, id string) string {
	if p.Roster != nil {
		if q := p.Roster.Person(id); q != nil && q.Name != "" {
			return fmt.Sprintf("%s (%s)", termsafe.Text(id), termsafe.Text(q.Name))
		}
	}
	return termsafe.Text(id)
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
