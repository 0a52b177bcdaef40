package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/termsafe"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
)

func init() {
	register(&command{
		name:    "checkins",
		args:    "import ANSWERS.csv [--db FILE] [--date D]",
		summary: "import the answers of a follow-up check-in form into a programme",
		help: `checkins import reads a form export of check-in answers (CSV: date, person,
partner or group, met, and optionally equitable 1-5, progress 1-5,
comments; headers in any order and case) and records them.

A form whose headers are its questions ("Your e-mail", "Your buddy", "Did
you meet?") reads through the programme file's survey section: rename
maps a header to a column (date, person or email, partner or group, met,
equitable, progress, comments) and ignore leaves headers out; renames of
headers the form does not have do nothing. Person and partner may be ids
or the participants' e-mails, as forms collect them.

Every bad row is reported with its line: unknown people or e-mails, a
partner who was not their partner on that date (or the person themselves),
dates outside the programme or after the day of the import, two different
answers with the same person, partner and date (in the file, or one in
the file and one already recorded). Then nothing is imported. Importing
the same answers again adds nothing, even after a later repair.

A pair lasts from its round until the day before it is dissolved, and
only while both take part: an answer dated on or after the day one of
them left (peermatch leave --date), or during a pause, is refused,
whether or not repair has run since. The day of the leave is the first
day out, as for repair, so date an answer about a last meeting before it.

--date is the day of the import (default today): answers dated after it
cannot have happened yet and are refused. A programme rehearsed ahead of
the calendar gives each import the --date of the day it stands for.

A file is read as UTF-8 (with or without a byte order mark) or UTF-16 with
a byte order mark; rows of more than 1,000 fields are refused.

flags:
` + dbHelp + `
examples:
  peermatch checkins import answers-march.csv --db team.db
  peermatch --config programme.yaml checkins import form-export.csv
  peermatch health --db team.db`,
		run: runCheckins,
	})
	register(&command{
		name:    "health",
		args:    "[--db FILE] [--date D] [--json]",
		summary: "flag the pairs of a programme that have not met, are one-sided or stalled",
		help: `Reviews every pair of the round in force on --date against its check-in
answers and lists the pairs whose latest answer says they did not meet,
that are one-sided (a partner
rates the contributions low, or the two disagree), or that have stalled
(no answer for weeks: silence is not taken as not meeting), each with the
answers behind it. At the end of a round's trial
period it lists every pair to confirm or dissolve. A pair with a member
who has left or paused since it was formed is listed first (member_out):
the other member has no partner until peermatch repair runs.

flags:
` + dbHelp + `  --not-met-weeks N    weeks after forming from which an answer saying the
                       pair did not meet flags it (default 4)
  --stalled-weeks N    weeks without any answer (default 6); a pair that
                       never answered is stalled, not "not met"
  --json               one JSON object: as_of, round, flags

examples:
  peermatch health --db team.db
  peermatch health --db team.db --date 2027-06-30 --json`,
		run: runHealth,
	})
}

func runCheckins(ctx context.Context, e *env, args []string) error {
	c := commands["checkins"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	pos, err := e.parseFlags(c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || pos[0] != "import" {
		return usagef(c, "want `checkins import ANSWERS.csv`")
	}
	path, err := oneFile(c, pos[1:])
	if err != nil {
		return err
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	f, err := openInput(path, "a check-in answers CSV")
	if err != nil {
		return err
	}
	defer f.Close()
	s, err := dbf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var added int
	var answers []pgm.CheckIn
	err = s.Update(ctx, func(tx *store.Tx) error {
		st, err := tx.Load(ctx)
		if err != nil {
			return err
		}
		// The file is read once the programme is known: without --date,
		// whether today bounds the answers depends on its rounds.
		opt := checkInReadOptions(e, filepath.Base(path))
		opt.NotAfter = day // --date, or today: no answer can be dated later
		var readErr error
		answers, readErr = pgm.ReadCheckIns(bufio.NewReader(f), opt)
		if readErr != nil && len(answers) == 0 {
			return readErr
		}
		if st.Programme.Roster == nil {
			return fmt.Errorf("the programme has no participants: run peermatch init first")
		}
		todo, err := pgm.CheckAnswers(st.Programme, answers)
		if err := pgm.MergeProblems(filepath.Base(path), readErr, err); err != nil {
			return err // every problem of the file, and nothing imported
		}
		added, err = tx.AddCheckIns(ctx, todo)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d %s read, %d new recorded in %s (%d already there)\n", termsafe.Text(path), len(answers), plural.Word(len(answers), "answer", "answers"),
		added, termsafe.Text(*dbf.db), len(answers)-added)
	return nil
}

// checkInReadOptions are the reader options of a check-in form export:
// the renames and ignore patterns of the programme file's survey section.
func checkInReadOptions(e *env, name string) pgm.ReadOptions {
	opt := pgm.ReadOptions{Name: name}
	if e.programme == nil || e.programme.survey == nil {
		return opt
	}
	for _, r := range e.programme.survey.rename {
		if opt.Rename == nil {
			opt.Rename = map[string]string{}
		}
		opt.Rename[r.key] = r.value
	}
	for _, i := range e.programme.survey.ignore {
		opt.Ignore = append(opt.Ignore, i.key)
	}
	return opt
}

// healthJSON is the --json output of health.
type healthJSON struct {
	AsOf  string     `json:"as_of"`
	Round int        `json:"round"`
	Flags []flagJSON `json:"flags"`
}

type flagJSON struct {
	Kind    string        `json:"kind"`
	Round   int           `json:"round"`
	Members []string      `json:"members"`
	Group   string        `json:"group,omitempty"`
	Message string        `json:"message"`
	Answers []checkInJSON `json:"answers"`
}

type checkInJSON struct {
	Date      string `json:"date"`
	Person    string `json:"person"`
	Partner   string `json:"partner"`
	Met       bool   `json:"met"`
	Equitable int    `json:"equitable,omitempty"`
	Progress  int    `json:"progress,omitempty"`
	Comments  string `json:"comments,omitempty"`
}

func checkInOut(a pgm.CheckIn) checkInJSON {
	return checkInJSON{Date: fmtDay(a.Date), Person: a.Person, Partner: a.Partner, Met: a.Met, Equitable: a.Equitable, Progress: a.Progress, Comments: a.Comments}
}

func runHealth(ctx context.Context, e *env, args []string) error {
	c := commands["health"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	notMet := fs.Int("not-met-weeks", 0, "weeks after forming from which a did-not-meet answer flags a pair")
	stalled := fs.Int("stalled-weeks", 0, "weeks without any answer")
	asJSON := fs.Bool("json", false, "write JSON")
	if err := e.parseNoArgs(c, fs, args); err != nil {
		return err
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	st, err := dbf.load(ctx)
	if err != nil {
		return err
	}
	p := st.Programme
	flags := pgm.Health(p, day, pgm.HealthOptions{NotMetWeeks: *notMet, StalledWeeks: *stalled})
	round := 0
	if at := roundInForce(p, day); at >= 0 {
		round = p.Rounds[at].Number
	}
	if *asJSON {
		out := healthJSON{AsOf: fmtDay(day), Round: round, Flags: []flagJSON{}}
		for _, f := range flags {
			fj := flagJSON{Kind: string(f.Kind), Round: f.Round, Members: f.Members, Group: f.Group, Message: f.Message, Answers: []checkInJSON{}}
			for _, a := range f.Answers {
				fj.Answers = append(fj.Answers, checkInOut(a))
			}
			out.Flags = append(out.Flags, fj)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if round == 0 {
		fmt.Fprintf(e.stdout, "no round on or before %s: nothing to review\n", fmtDay(day))
		return nil
	}
	if len(flags) == 0 {
		fmt.Fprintf(e.stdout, "round %d on %s: every pair is well\n", round, fmtDay(day))
		return nil
	}
	fmt.Fprintf(e.stdout, "round %d on %s: %d %s\n", round, fmtDay(day), len(flags), plural.Word(len(flags), "flag", "flags"))
	for _, f := range flags {
		who := f.Group
		if who == "" {
			who = ids(f.Members)
		}
		fmt.Fprintf(e.stdout, "\n%-9s %s: %s\n", f.Kind, termsafe.Text(who), termsafe.Text(f.Message))
		for _, a := range f.Answers {
			fmt.Fprintf(e.stdout, "          %s\n", termsafe.Text(answerLine(a)))
		}
	}
	return nil
}
