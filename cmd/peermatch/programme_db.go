package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/peermatch/peermatch/internal/termsafe"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
)

// defaultDB is the programme database of --db when none is given.
const defaultDB = "peermatch.db"

// dbHelp documents the flags every programme command shares.
const dbHelp = `  --db FILE            the programme database (default peermatch.db)
  --date D             the day of the change, YYYY-MM-DD (default today)
  --wait DURATION      how long to wait for another peermatch command
                       using the database (default 10s)
`

// dbFlags are the flags of the commands that work on a programme database.
type dbFlags struct {
	db   *string
	date *string
	wait *time.Duration
}

func addDBFlags(fs *flag.FlagSet) dbFlags {
	return dbFlags{
		db:   fs.String("db", defaultDB, "the programme database"),
		date: fs.String("date", "", "the day of the change, YYYY-MM-DD (default today)"),
		wait: fs.Duration("wait", 10*time.Second, "how long to wait for another command"),
	}
}

// day returns --date, or today (UTC) when it is not given.
func (f dbFlags) day(c *command) (time.Time, error) {
	if *f.date == "" {
		return pgm.Day(time.Now()), nil
	}
	d, err := pgm.ParseDate(*f.date)
	if err != nil {
		return time.Time{}, usagef(c, "--date: %v", err)
	}
	return d, nil
}

func (f dbFlags) options() store.Options {
	w := *f.wait
	if w <= 0 {
		w = -1
	}
	return store.Options{BusyTimeout: w}
}

// open opens the programme database of --db.
func (f dbFlags) open(ctx context.Context) (*store.Store, error) {
	return store.Open(ctx, *f.db, f.options())
}

// load opens the programme database of --db, reads everything it holds
// in one read transaction, and closes it: for the commands that only read.
func (f dbFlags) load(ctx context.Context) (store.State, error) {
	s, err := f.open(ctx)
	if err != nil {
		return store.State{}, err
	}
	defer s.Close()
	return s.Load(ctx)
}

// parseDate reads a date flag's value, a usage error of c naming the flag.
func parseDateFlag(c *command, name, v string) (time.Time, error) {
	d, err := pgm.ParseDate(v)
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
