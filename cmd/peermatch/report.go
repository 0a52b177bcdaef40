package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/peermatch/peermatch/internal/plural"
	"github.com/peermatch/peermatch/internal/termsafe"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/report"
	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "report",
		args:    "(FILE | --db DB) --html OUT [group flags] [plan flags] [--check-ins] [--pairs FILE] [--roster FILE] [--title TEXT] [--date DATE]",
		summary: "write the facilitator's report: pairs, groups and calendar in one HTML page",
		help: `Reads a roster (CSV, xlsx or JSON) and runs the whole programme on it:
optimal buddy pairs, learning groups formed exactly as 'peermatch groups'
forms them with the same flags (a learning plan each), and the year plan
'peermatch schedule' makes with the same flags. FILE may also be the JSON of
'peermatch groups' (with --roster for names and the pairs). Writes one
self-contained HTML page a facilitator opens in a browser: the summary,
every pair with what each partner teaches the other and why anyone is
unmatched, each group with its coverage grid (who can teach and who wants
each skill), its topics and owners and who is not placed, and the calendar
month by month. The page loads nothing from the network.

With --db DB (a programme database, see 'peermatch help init') instead of
FILE, the page shows the programme's round in force on --date: its pairs
(scored as 'peermatch evaluate' scores them) or groups, their calendar from
the day the round was formed, and a health section with every pair or group
that needs the facilitator and the check-in answers behind it. The plan
flags and --format apply; --roster, --pairs and the other group flags do
not (the database holds the survey, the pairs and the groups).

group flags (the same as groups'):
` + groupFlagsHelp + `

plan flags (the same as schedule's):
` + planFlagsHelp + `

other flags:
  --html OUT     the HTML file to write (required); an existing OUT must be
                 a report of an earlier run, which is replaced: any other
                 file, a symlink or a folder is refused
  --check-ins    add each pair's trial-period meetings to the calendar: contract
                 start, a check-in every 4 weeks, end of trial 3 months after
                 the contract start
  --pairs FILE   the pairs (output of 'peermatch pairs'); implies --check-ins
  --roster FILE  the survey behind a groups FILE
  --title TEXT   the page title (default "Peer mentoring report")
  --date DATE    the report's date, YYYY-MM-DD in the years 1900-9998
                 (default: today); with --db the day whose round and
                 health are shown
  --db DB        report a programme database's current round with its health

examples:
  peermatch report roster.csv --html report.html
  peermatch report roster.csv --html report.html --start 2027-01-11 --weekday tue \
      --tz Europe/Paris --blackout 2027-12-15..2028-01-05 --check-ins
  peermatch report --db peermatch.db --html health.html`,
		run: runReport,
	})
}

func runReport(ctx context.Context, e *env, args []string) error {
	c := commands["report"]
	fs := newFlags(c)
	gf := addGroupFlags(fs)
	pf := addPlanFlags(fs)
	out := fs.String("html", "", "HTML file to write")
	title := fs.String("title", "", "page title")
	date := fs.String("date", "", "report date YYYY-MM-DD")
	checkIns := fs.Bool("check-ins", false, "add the pairs' check-ins to the calendar")
	pairsPath := fs.String("pairs", "", "pairs file")
	rosterPath := fs.String("roster", "", "the survey behind a groups file")
	dbPath := fs.String("db", "", "a programme database: report its current round with a health section")
	pos, err := e.parseFlags(c, fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef(c, "missing --html OUT (the HTML file to write)")
	}
	if *dbPath != "" {
		if len(pos) > 0 {
			return usagef(c, "--db reports the programme in the database: give no FILE (got %q)", pos[0])
		}
		// The database holds the survey, the pairs and the groups: these
		// flags would be ignored without a word.
		for _, name := range []string{"roster", "pairs", formingFlagGiven(e)} {
			if name != "" && e.given(name) {
				return usagef(c, "--%s does not apply to --db: the programme database holds its survey, pairs and groups", name)
			}
		}
		return reportProgramme(ctx, e, c, *dbPath, *out, *title, *date, pf, gf)
	}
	path, err := oneFile(c, pos)
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
	generated := time.Now()
	if *date != "" {
		// As with --db: the years 1900–9998 ("Generated on 1 January 0000"
		// passed before).
		if generated, err = parseDateFlag(c, "date", *date); err != nil {
			return err
		}
	}
	src := planSources{file: path, roster: *rosterPath, pairs: *pairsPath, checkIns: *checkIns, noGroupsOK: true}
	pin, err := loadPlanInput(ctx, e, c, src, copt)
	if err != nil {
		return err
	}
	in := report.Input{Title: *title, Generated: generated, Roster: pin.roster, Groups: pin.groupsRes}
	in.Notes = append(in.Notes, fmt.Sprintf("Input: %s.", filepath.Base(path)))
	groupsNote := ""
	switch {
	case pin.noGroups != "":
		groupsNote = fmt.Sprintf("Groups: none, so no calendar of group sessions either: %s.", pin.noGroups)
	case pin.formed: // not groups read from a file, which has its own sizes
		lo, hi := copt.MinSize, copt.MaxSize
		if lo == 0 {
			lo = cohort.DefaultMinSize
		}
		if hi == 0 {
			hi = cohort.DefaultMaxSize
		}
		name := *gf.format
		if name == "" {
			name = "default"
		}
		groupsNote = fmt.Sprintf("Groups: formed as 'peermatch groups' forms them with the same flags: %s format, sizes %d–%d (seed %d).", name, lo, hi, copt.Seed)
	}
	if groupsNote != "" {
		in.Notes = append(in.Notes, groupsNote)
	}
	in.Pairs = pin.pairsRes
	pairsFile := *pairsPath
	if pairsFile == "" && pin.pairsFile {
		pairsFile = path
	}
	if pairsFile != "" {
		res, note, err := readPairsResult(ctx, pairsFile, pin.roster)
		if err != nil {
			return err
		}
		in.Pairs = res
		if note != "" {
			in.Notes = append(in.Notes, note)
		}
	}
	if in.Pairs == nil && pin.roster != nil && pairsFile == "" {
		// The page shows the buddy pairs even without their check-ins.
		popt, err := e.programmePairOptions(c)
		if err != nil {
			return err
		}
		if in.Pairs, err = pairing.Pairs(ctx, pin.roster, popt); err != nil {
			return fmt.Errorf("%s: pairs: %w", path, err)
		}
	}
	if err := pf.checkApplies(e, c, gf.planFormat(), *checkIns || *pairsPath != "" || pin.pairsFile, !pin.pairsFile); err != nil {
		return err
	}
	opt.Pairs = pin.pairs
	if len(pin.groups) > 0 || len(opt.Pairs) > 0 {
		if in.Plan, err = schedule.BuildContext(ctx, pin.groups, opt); err != nil {
			return fmt.Errorf("%s: year plan: %w", path, withPlanFlags(err))
		}
	}
	if in.Groups != nil && len(in.Groups.Unplaced) > 0 {
		in.Notes = append(in.Notes, fmt.Sprintf("%d people are not placed in a group; the groups section lists them with the reason.", len(in.Groups.Unplaced)))
	}
	var b bytes.Buffer
	if err := report.Write(&b, in); err != nil {
		return err
	}
	if err := writeReportFile(*out, b.Bytes()); err != nil {
		return err
	}
	sessions, npairs, unmatched, ngroups, left := 0, 0, 0, 0, 0
	if in.Plan != nil {
		sessions = len(in.Plan.Sessions)
	}
	if in.Pairs != nil {
		npairs, unmatched = len(in.Pairs.Pairs), len(in.Pairs.Unmatched)
	}
	if in.Groups != nil {
		ngroups, left = len(in.Groups.Groups), len(in.Groups.Unplaced)
	}
	fmt.Fprintf(e.stdout, "report written to %s: %d %s, %d unmatched, %d %s, %d not placed, %d %s\n",
		termsafe.Text(*out), npairs, plural.Word(npairs, "pair", "pairs"), unmatched, ngroups, plural.Word(ngroups, "group", "groups"), left, sessions, plural.Word(sessions, "session", "sessions"))
	if groupsNote != "" {
		fmt.Fprintf(e.stdout, "note: %s\n", groupsNote)
	}
	pin.pairsRes = nil // the page lists the unmatched; the terminal lists who is not placed
	pin.writeLeftOut(e.stdout, "")
	return nil
}

// readPairsResult reads the pairs of a pairs file for the report's pairs
// section and summary. The JSON of 'peermatch pairs' holds the whole
// result (scores, what each partner teaches, the unmatched and why, the
// metrics) and is shown as it is. A CSV file holds less: with the roster
// the pairing is scored again as 'peermatch evaluate' scores it; without
// one there is no section, and the note says why.
func readPairsResult(ctx context.Context, path string, roster *skills.Roster) (*pairing.Result, string, error) {
	data, err := readDocument(path, "a pairing: the --json or --csv output of peermatch pairs")
	if err != nil {
		return nil, "", err
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		var doc struct {
			Strategy string `json:"strategy"`
			Pairs    []struct {
				A         string               `json:"a"`
				B         string               `json:"b"`
				C         string               `json:"c"`
				Score     float64              `json:"score"`
				Pinned    bool                 `json:"pinned"`
				ATeachesB []pairing.SkillValue `json:"a_teaches_b"`
				BTeachesA []pairing.SkillValue `json:"b_teaches_a"`
				ATeachesC []pairing.SkillValue `json:"a_teaches_c"`
				CTeachesA []pairing.SkillValue `json:"c_teaches_a"`
				BTeachesC []pairing.SkillValue `json:"b_teaches_c"`
				CTeachesB []pairing.SkillValue `json:"c_teaches_b"`
			} `json:"pairs"`
			Unmatched []struct {
				ID     string `json:"id"`
				Name   string `json:"name"`
				Email  string `json:"email"`
				Reason string `json:"reason"`
			} `json:"unmatched"`
			Metrics  pairing.Metrics `json:"metrics"`
			Notes    []string        `json:"notes"`
			Loads    []pairing.Load  `json:"loads"`
			NoStable bool            `json:"no_stable_matching"`
		}
		if err := json.Unmarshal(t, &doc); err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
		if doc.Strategy == "" {
			return nil, "", fmt.Errorf("%s: not the JSON of peermatch pairs (no \"strategy\")", path)
		}
		res := &pairing.Result{Strategy: doc.Strategy, Metrics: doc.Metrics, Notes: doc.Notes, Loads: doc.Loads, NoStableMatching: doc.NoStable}
		for _, p := range doc.Pairs {
			res.Pairs = append(res.Pairs, pairing.Pair{A: p.A, B: p.B, C: p.C, Score: p.Score, Pinned: p.Pinned,
				ATeachesB: p.ATeachesB, BTeachesA: p.BTeachesA,
				ATeachesC: p.ATeachesC, CTeachesA: p.CTeachesA, BTeachesC: p.BTeachesC, CTeachesB: p.CTeachesB})
		}
		for _, u := range doc.Unmatched {
			res.Unmatched = append(res.Unmatched, pairing.Unmatched{ID: u.ID, Name: u.Name, Email: u.Email, Reason: u.Reason})
		}
		return res, fmt.Sprintf("Pairs: read from %s.", filepath.Base(path)), nil
	}
	if roster == nil {
		return nil, fmt.Sprintf("Pairs: %s is a CSV file, which holds no metrics: give the JSON of 'peermatch pairs', or --roster, to show the pairs.", filepath.Base(path)), nil
	}
	sets, err := readPairing(path)
	if err != nil {
		return nil, "", err
	}
	ev, err := pairing.Evaluate(ctx, roster, sets, pairing.Options{})
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return ev.Result, fmt.Sprintf("Pairs: read from %s and scored against the roster as 'peermatch evaluate' scores them.", filepath.Base(path)), nil
}

// writeReportFile writes the page data to path. An existing path must be
// a regular file that report.IsPage recognises (the report of an earlier
// run, which is replaced); a symlink, a folder or any other file is an
// error naming path and nothing is written. The page goes to a temporary
// file beside path that is then renamed over it, so no symlink is ever
// followed and no page is left half-written.
func writeReportFile(path string, data []byte) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, iofs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("cannot check %s: %w", termsafe.Text(path), err)
	case !fi.Mode().IsRegular():
		return notRegularTarget(path, fi, "no report is written through it", "remove it or choose another --html file")
	default:
		if err := checkReportTarget(path, fi); err != nil {
			return err
		}
	}
	return replaceFile(filepath.Dir(path), filepath.Base(path), data)
}

// checkReportTarget returns nil when the regular file path (fi) holds a
// peermatch report, and an error naming path otherwise. It reads only the
// file's first and last bytes.
func checkReportTarget(path string, fi iofs.FileInfo) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot check %s: %w", termsafe.Text(path), err)
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		return changedWhileChecked(path)
	}
	head := make([]byte, report.PageHeadLen)
	tail := make([]byte, report.PageFootLen)
	size := fi.Size()
	if size < int64(len(head)+len(tail)) {
		return fmt.Errorf("%s exists and is not a peermatch report: it is not overwritten; remove it or choose another --html file", path)
	}
	if _, err := f.ReadAt(head, 0); err != nil {
		return fmt.Errorf("cannot check %s: %w", path, err)
	}
	if _, err := f.ReadAt(tail, size-int64(len(tail))); err != nil {
		return fmt.Errorf("cannot check %s: %w", path, err)
	}
	if !report.IsPage(head, tail) {
		return fmt.Errorf("%s exists and is not a peermatch report: it is not overwritten; remove it or choose another --html file", path)
	}
	return nil
}
