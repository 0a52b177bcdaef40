package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/internal/plural"
	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "schedule",
		args:    "FILE [group flags] [plan flags] [--check-ins] [--pairs FILE] [--roster FILE] [--ics DIR] [--json|--csv]",
		summary: "plan a year of group sessions and pair check-ins, and write calendar files",
		help: `FILE is a roster (CSV, xlsx or JSON: groups are formed first, exactly as
'peermatch groups' forms them with the same flags), the JSON written by
'peermatch groups --json', or the JSON written by 'peermatch pairs --json'
(then only the pairs' check-ins are planned); a document is planned as it
is, so of the group flags it takes only --format. Prints the year plan: the
kickoff workshop and one session a month led by the topic's owner
(peer-mentoring), or per topic an Exploration and a Reflection 14-21 days
later led by different members (peer-learning). Sessions skip blackouts,
public holidays and members' unavailable dates; a session moved by a real
conflict is noted, and the plan ends within twelve months of the start.
People the groups leave out are listed with the reason, as by groups.

group flags (the same as groups'):
` + groupFlagsHelp + `

plan flags (the same as report's):
` + planFlagsHelp + `

other flags:
  --check-ins       also plan the buddy pairs' trial: contract start, a
                    check-in every 4 weeks and the end of trial 3 months
                    after the contract start (it replaces a check-in due
                    in its last two weeks), each with the follow-up
                    questions; the pairs are
                    formed from the roster as by 'peermatch pairs', or read
                    from --pairs
  --pairs FILE      the pairs (JSON or CSV of 'peermatch pairs'); implies
                    --check-ins
  --roster FILE     the survey the groups or pairs came from, for names,
                    e-mail addresses and unavailable dates when FILE is a
                    groups or pairs file
  --ics DIR         also write one .ics calendar per group, pair and person,
                    named group-<slug>-<hash>.ics and person-<slug>-<hash>.ics;
                    calendars of an earlier run are replaced, any other
                    file or a symlink under those names is an error;
                    peermatch calendars in DIR that this run did not
                    write (of people or groups no longer in the plan)
                    are kept and listed on stderr, never deleted
  --json / --csv    JSON or CSV instead of the readable plan

examples:
  peermatch schedule roster.csv --start 2027-01-11 --weekday tue --tz Europe/Paris \
      --blackout 2027-12-15..2028-01-05 --holidays FR --check-ins --ics calendars/
  peermatch groups roster.csv --format peer-learning --json > groups.json
  peermatch schedule groups.json --roster roster.csv --format peer-learning --json
  peermatch pairs roster.csv --json > pairs.json
  peermatch schedule pairs.json --roster roster.csv --ics calendars/`,
		run: runSchedule,
	})
}

func runSchedule(ctx context.Context, e *env, args []string) error {
	c := commands["schedule"]
	fs := newFlags(c)
	gf := addGroupFlags(fs)
	pf := addPlanFlags(fs)
	checkIns := fs.Bool("check-ins", false, "plan the pairs' check-ins")
	pairsPath := fs.String("pairs", "", "pairs file")
	rosterPath := fs.String("roster", "", "the survey the groups or pairs came from")
	icsDir := fs.String("ics", "", "folder for .ics files")
	ff := addFormatFlags(fs, true)
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	out, err := ff.choose(c)
	if err != nil {
		return err
	}
	copt, err := gf.options(c)
	if err != nil {
		return err
	}
	opt, err := pf.options(c, gf.planFormat(), time.Now())
	if err != nil {
		return err
	}
	in, err := loadPlanInput(ctx, e, c, planSources{file: path, roster: *rosterPath, pairs: *pairsPath, checkIns: *checkIns}, copt)
	if err != nil {
		return err
	}
	if err := pf.checkApplies(e, c, gf.planFormat(), *checkIns || *pairsPath != "" || in.pairsFile, !in.pairsFile); err != nil {
		return err
	}
	opt.Pairs = in.pairs
	plan, err := schedule.BuildContext(ctx, in.groups, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", path, withPlanFlags(err))
	}
	if *icsDir != "" {
		others, err := writeCalendars(*icsDir, plan)
		if err != nil {
			return err
		}
		writeOtherCalendars(e.stderr, *icsDir, others)
	}
	switch out {
	case formatJSON, formatCSV:
		// The document stays one plan; who is left out goes to stderr.
		in.writeLeftOut(e.stderr, "peermatch: ")
		if out == formatJSON {
			return schedule.WriteJSON(e.stdout, plan)
		}
		return schedule.WriteCSV(e.stdout, plan)
	}
	if err := schedule.WriteText(e.stdout, plan); err != nil {
		return err
	}
	in.writeLeftOut(e.stdout, "")
	if *icsDir != "" {
		fmt.Fprintf(e.stdout, "\ncalendars written to %s\n", termsafe.Text(*icsDir))
	}
	return nil
}

// flagError is an error of the library rephrased in terms of the flags
// that change it; it wraps the library's error.
type flagError struct {
	msg string
	err error
}

func (e *flagError) Error() string { return e.msg }
func (e *flagError) Unwrap() error { return e.err }

// withPlanFlags rephrases a schedule error that names options in terms of
// the plan flags (see planFlagsHelp); other errors are returned as they
// are.
func withPlanFlags(err error) error {
	var tp *schedule.TrialPastEndError
	if !errors.As(err, &tp) {
		return err
	}
	end := "--end " + tp.Horizon.Format("2006-01-02")
	if tp.DefaultHorizon {
		end = "the end of the programme year, " + tp.Horizon.Format("2006-01-02") + " (twelve months after --start, the default --end)"
	}
	fix := "give a later --end"
	if tp.MonthsThatFit > 0 {
		fix += fmt.Sprintf(" or fewer --trial-months (at most %d)", tp.MonthsThatFit)
	}
	return &flagError{err: err, msg: fmt.Sprintf("%v: %s: end of trial: a trial of %d months (--trial-months) from the contract start %s ends %s, not before %s: %s",
		schedule.ErrNoDate, tp.Pair, tp.TrialMonths, tp.ContractStart.Format("2006-01-02"), tp.TrialEnd.Format("2006-01-02"), end, fix)}
}

// writeCalendars writes the plan's calendars (schedule.Plan.Calendars:
// one per group and per person, names that cannot collide) into dir. It
// checks every target before writing any: an existing entry must be a
// regular file that schedule.IsCalendar recognises (a calendar of an
// earlier run, which is replaced); a symlink, a folder or any other file
// is an error and nothing is written. Each calendar goes to a temporary
// file in dir that is then renamed over the target, so no symlink is ever
// followed and no calendar is left half-written. It returns, sorted, the
// names of the other peermatch calendars in dir (calendars of people or
// groups no longer in the plan), which it never deletes: the caller says
// they are there.
func writeCalendars(dir string, plan *schedule.Plan) ([]string, error) {
	files, err := plan.Calendars()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", dir, err)
	}
	if err := inParallel(len(files), func(i int) error {
		return checkCalendarTarget(filepath.Join(dir, files[i].Name))
	}); err != nil {
		return nil, err
	}
	// One writer prepares the plan once (people, sessions by group and by
	// person), so writing every calendar takes time linear in the plan.
	x, err := schedule.NewICSWriter(plan)
	if err != nil {
		return nil, err
	}
	if err := inParallel(len(files), func(i int) error {
		var b bytes.Buffer
		if err := x.Write(&b, files[i].Selection); err != nil {
			return err
		}
		return replaceFile(dir, files[i].Name, b.Bytes())
	}); err != nil {
		return nil, err
	}
	written := make(map[string]bool, len(files))
	for _, f := range files {
		written[f.Name] = true
	}
	return otherCalendars(dir, written)
}

// otherCalendars returns, sorted by name, the regular files in dir that
// are named and begin like a peermatch calendar (schedule.IsCalendarFileName,
// schedule.IsCalendar) and are not in written.
func otherCalendars(dir string, written map[string]bool) ([]string, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil, fmt.Errorf("cannot list %s: %w", dir, err)
	}
	var out []string
	head := make([]byte, schedule.CalendarHeadLen)
	for _, ent := range entries {
		name := ent.Name()
		if written[name] || !ent.Type().IsRegular() || !schedule.IsCalendarFileName(name) {
			continue
		}
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			continue // not readable: not a calendar this run can vouch for
		}
		n, _ := io.ReadFull(f, head)
		f.Close()
		if schedule.IsCalendar(head[:n]) {
			out = append(out, name)
		}
	}
	return out, nil
}

// shownCalendars is how many names of other calendars the note on stderr
// lists before it counts the rest.
const shownCalendars = 20

// writeOtherCalendars writes to w, when names is not empty, a note that
// dir holds the peermatch calendars names that this plan did not write.
func writeOtherCalendars(w io.Writer, dir string, names []string) {
	if len(names) == 0 {
		return
	}
	list := strings.Join(names[:min(len(names), shownCalendars)], ", ")
	if len(names) > shownCalendars {
		list += fmt.Sprintf(" and %d more", len(names)-shownCalendars)
	}
	fmt.Fprintf(w, "peermatch: note: %s holds %d %s this plan did not write: %s; delete them if those people or groups left\n",
		termsafe.Text(dir), len(names), plural.Word(len(names), "calendar", "calendars"), list)
}

// inParallel calls f(0), …, f(n-1) on as many goroutines as the process
// may run at once and returns the error of the smallest i that failed, so
// the error is the same whatever the timing. Once a call has failed, the
// calls not yet started are skipped.
func inParallel(n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if errs[i] = f(i); errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkCalendarTarget returns nil when path does not exist or is a regular
// file holding a peermatch calendar, and an error naming path otherwise.
func checkCalendarTarget(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := notRegularTarget(path, fi, "no calendar is written through it", "remove it or choose another --ics folder"); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		return changedWhileChecked(path)
	}
	head := make([]byte, schedule.CalendarHeadLen)
	n, _ := io.ReadFull(f, head)
	if !schedule.IsCalendar(head[:n]) {
		return fmt.Errorf("%s exists and is not a peermatch calendar: it is not overwritten; remove it or choose another --ics folder", path)
	}
	return nil
}

// replaceFile writes data to a new temporary file in dir and renames it
// to name, replacing the directory entry (never following it).
func replaceFile(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, ".peermatch-*.tmp")
	if err != nil {
		// The temporary file's random name would make the message
		// differ from run to run and name a file the user never gave.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: %w", filepath.Join(dir, name), err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", filepath.Join(dir, name), err)
	}
	return nil
}

// planSources names the files a plan is made from.
type planSources struct {
	file     string // roster, groups JSON or pairs JSON
	roster   string // --roster: the survey behind a groups or pairs file
	pairs    string // --pairs: a pairs file
	checkIns bool   // --check-ins
	// noGroupsOK makes a roster that cannot be split into groups (sizes or
	// hard rules) a note instead of an error: report still shows the pairs.
	noGroupsOK bool
}

// contact is what a groups or pairs document says about a person.
type contact struct{ name, email string }

// planInput is everything a plan is built from, read once for schedule and
// report alike.
type planInput struct {
	roster    *skills.Roster // nil when the input has no survey
	groupsRes *cohort.Result // nil when the input is a pairs file
	groups    []schedule.Group
	pairsRes  *pairing.Result // the pairs formed from the roster, if they were
	pairs     []schedule.Pair
	contacts  map[string]contact // from the groups or pairs document
	noGroups  string             // why there are no groups, when noGroupsOK allowed it
	pairsFile bool               // the input file itself is a pairs file
	formed    bool               // the groups were formed from the roster, not read
}

// name returns the person's display name: from the roster, then the
// documents, then the id.
func (in *planInput) name(id string) string {
	if in.roster != nil {
		if p := in.roster.Person(id); p != nil && p.Name != "" {
			return p.Name
		}
	}
	if c := in.contacts[id]; c.name != "" {
		return c.name
	}
	return id
}

// member returns the schedule member for id: the roster's record when
// there is a roster (an id it lacks is an error naming both files), else
// what the documents say, else the id alone.
func (in *planInput) member(id, from, rosterPath string) (schedule.Member, error) {
	if in.roster != nil {
		p := in.roster.Person(id)
		if p == nil {
			return schedule.Member{}, fmt.Errorf("%s: %q is not in the roster %s: give the survey the file was made from", from, id, rosterPath)
		}
		return schedule.Member{ID: p.ID, Name: p.Name, Email: p.Email, Unavailable: p.Unavailable}, nil
	}
	c := in.contacts[id]
	return schedule.Member{ID: id, Name: c.name, Email: c.email}, nil
}

// writeLeftOut lists the people the groups leave out, as groups does, and
// the people the pairs formed here leave without a buddy; each line starts
// with prefix.
func (in *planInput) writeLeftOut(w io.Writer, prefix string) {
	if in.groupsRes != nil && len(in.groupsRes.Unplaced) > 0 {
		if prefix == "" {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%sNot placed in a group (%d):\n", prefix, len(in.groupsRes.Unplaced))
		for _, u := range in.groupsRes.Unplaced {
			fmt.Fprintf(w, "%s  %s (%s): %s\n", prefix, termsafe.Text(in.name(u.ID)), termsafe.Text(u.ID), termsafe.Text(u.Reason))
		}
	}
	if in.pairsRes != nil && len(in.pairsRes.Unmatched) > 0 {
		if prefix == "" {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%sWithout a buddy, so no check-ins (%d):\n", prefix, len(in.pairsRes.Unmatched))
		for _, u := range in.pairsRes.Unmatched {
			fmt.Fprintf(w, "%s  %s (%s): %s\n", prefix, termsafe.Text(in.name(u.ID)), termsafe.Text(u.ID), termsafe.Text(u.Reason))
		}
	}
}

// docKind says what a JSON file is: "groups", "pairs" or "" (not a
// document of either; a JSON roster, say).
func docKind(data []byte) string {
	var probe map[string]json.RawMessage
	if json.Unmarshal(data, &probe) != nil {
		return ""
	}
	if _, ok := probe["groups"]; ok {
		return "groups"
	}
	if _, ok := probe["pairs"]; ok {
		return "pairs"
	}
	return ""
}

// readContacts collects the names and e-mail addresses a groups or pairs
// document lists (both commands write them when the survey had them).
func readContacts(data []byte, into map[string]contact) {
	var doc struct {
		Groups []struct {
			People []struct{ ID, Name, Email string } `json:"people"`
		} `json:"groups"`
		Unplaced []struct{ ID, Name, Email string } `json:"remainder"`
		Pairs    []struct {
			A      string `json:"a"`
			B      string `json:"b"`
			C      string `json:"c"`
			AName  string `json:"a_name"`
			AEmail string `json:"a_email"`
			BName  string `json:"b_name"`
			BEmail string `json:"b_email"`
			CName  string `json:"c_name"`
			CEmail string `json:"c_email"`
		} `json:"pairs"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return
	}
	add := func(id, name, email string) {
		if id == "" || (name == "" && email == "") {
			return
		}
		c := into[id]
		if c.name == "" {
			c.name = name
		}
		if c.email == "" {
			c.email = email
		}
		into[id] = c
	}
	for _, g := range doc.Groups {
		for _, p := range g.People {
			add(p.ID, p.Name, p.Email)
		}
	}
	for _, p := range doc.Unplaced {
		add(p.ID, p.Name, p.Email)
	}
	for _, p := range doc.Pairs {
		add(p.A, p.AName, p.AEmail)
		add(p.B, p.BName, p.BEmail)
		add(p.C, p.CName, p.CEmail)
	}
}

// formingFlagGiven returns the name of the first group-forming flag
// (addGroupFlags, but --format, which also sets the plan's format) given
// on the command line, or "". A groups or pairs document is planned as it
// is, so such a flag would be ignored without a word; the programme
// file's groups section is not counted, as it serves rosters too.
func formingFlagGiven(e *env) string {
	probe := flag.NewFlagSet("", flag.ContinueOnError)
	addGroupFlags(probe)
	name := ""
	probe.VisitAll(func(f *flag.Flag) {
		if name == "" && f.Name != "format" && e.given(f.Name) {
			name = f.Name
		}
	})
	return name
}

// loadPlanInput reads what a plan is made from: the groups (formed from a
// roster with opt, exactly as 'peermatch groups' forms them, or read from a
// groups document) and, when asked for, the pairs (read from a pairs file,
// or formed from the roster with pairs' default options). Names and e-mail
// addresses come from the roster, else from the documents; when some
// people have neither, one note on stderr says so.
func loadPlanInput(ctx context.Context, e *env, c *command, src planSources, opt cohort.Options) (*planInput, error) {
	in := &planInput{contacts: map[string]contact{}}
	kind := ""
	var data []byte
	if strings.EqualFold(filepath.Ext(src.file), ".json") {
		var err error
		if data, err = readDocument(src.file, "a roster, or the JSON of peermatch groups or pairs"); err != nil {
			return nil, err
		}
		kind = docKind(data)
	}
	if kind != "" {
		if name := formingFlagGiven(e); name != "" {
			return nil, usagef(c, "--%s forms groups from a roster, and %s is the JSON of peermatch %s: its %s are planned as they are (give the roster instead, or leave --%s out)",
				name, termsafe.Text(src.file), kind, kind, name)
		}
	}
	rosterPath := src.file
	switch {
	case kind == "" && src.roster != "":
		return nil, usagef(c, "%s is a roster already: --roster is for a groups or pairs file", src.file)
	case kind == "":
		r, err := readRoster(e, src.file)
		if err != nil {
			return nil, err
		}
		in.roster = r
	case src.roster != "":
		r, err := readRoster(e, src.roster)
		if err != nil {
			return nil, err
		}
		in.roster, rosterPath = r, src.roster
	}
	if kind != "" {
		readContacts(data, in.contacts)
	}
	switch kind {
	case "":
		stop := startProgress(e, fmt.Sprintf("forming groups of %d people", in.roster.Len()))
		res, err := cohort.Form(ctx, in.roster, opt)
		stop()
		switch {
		case err != nil && src.noGroupsOK && (errors.Is(err, cohort.ErrSizes) || errors.Is(err, cohort.ErrInfeasible)):
			in.noGroups = err.Error()
		case err != nil:
			return nil, fmt.Errorf("%s: %w", src.file, err)
		}
		in.groupsRes, in.formed = res, res != nil
	case "groups":
		res, err := cohort.ReadJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.file, err)
		}
		in.groupsRes = res
	}
	if in.groupsRes != nil {
		for _, g := range in.groupsRes.Groups {
			sg := schedule.Group{ID: schedule.GroupID(g.ID)}
			for _, id := range g.Members {
				m, err := in.member(id, src.file, rosterPath)
				if err != nil {
					return nil, err
				}
				sg.Members = append(sg.Members, m)
			}
			for _, t := range g.Topics {
				sg.Topics = append(sg.Topics, schedule.Topic{Skill: t.Skill, Owner: t.Owner, Reflection: t.Reflection})
			}
			in.groups = append(in.groups, sg)
		}
	}
	pairsFile := src.pairs
	if kind == "pairs" {
		if pairsFile != "" {
			return nil, usagef(c, "%s is a pairs file already: give --pairs only with a roster or groups file", src.file)
		}
		pairsFile = src.file
		in.pairsFile = true
	}
	if pairsFile != "" || src.checkIns {
		var sets [][]string
		switch {
		case pairsFile != "":
			var err error
			if sets, err = readPairing(pairsFile); err != nil {
				return nil, err
			}
			if pairsFile != src.file {
				if d, err := os.ReadFile(pairsFile); err == nil {
					readContacts(d, in.contacts)
				}
			}
		case in.roster != nil:
			popt, err := e.programmePairOptions(c)
			if err != nil {
				return nil, err
			}
			stop := startProgress(e, fmt.Sprintf("pairing %d people", in.roster.Len()))
			res, err := pairing.Pairs(ctx, in.roster, popt)
			stop()
			if err != nil {
				return nil, fmt.Errorf("%s: pairs: %w", rosterPath, err)
			}
			in.pairsRes = res
			for _, p := range res.Pairs {
				set := []string{p.A, p.B}
				if p.C != "" {
					set = append(set, p.C)
				}
				sets = append(sets, set)
			}
		default:
			return nil, usagef(c, "--check-ins needs the pairs: give --pairs FILE (the output of peermatch pairs) or --roster SURVEY to form them")
		}
		from := pairsFile
		if from == "" {
			from = rosterPath
		}
		for _, set := range sets {
			// A trio meets as two pairs: A with B and A with C.
			for _, other := range set[1:] {
				a, err := in.member(set[0], from, rosterPath)
				if err != nil {
					return nil, err
				}
				b, err := in.member(other, from, rosterPath)
				if err != nil {
					return nil, err
				}
				in.pairs = append(in.pairs, schedule.Pair{A: a, B: b})
			}
		}
	}
	if in.roster == nil {
		missing, total := 0, 0
		seen := map[string]bool{}
		count := func(m schedule.Member) {
			if seen[m.ID] {
				return
			}
			seen[m.ID] = true
			total++
			if m.Name == "" && m.Email == "" {
				missing++
			}
		}
		for _, g := range in.groups {
			for _, m := range g.Members {
				count(m)
			}
		}
		for _, p := range in.pairs {
			count(p.A)
			count(p.B)
		}
		if missing > 0 {
			fmt.Fprintf(e.stderr, "peermatch: note: %s has only ids for %d of %d people: the plan shows their ids and their calendars use <id>@peermatch.invalid; add --roster SURVEY for names and e-mail addresses\n",
				termsafe.Text(src.file), missing, total)
		}
	}
	return in, nil
}
