package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/peermatch/peermatch/internal/plural"
	"github.com/peermatch/peermatch/internal/termsafe"
	pgm "github.com/peermatch/peermatch/programme"
	"github.com/peermatch/peermatch/programme/store"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "export",
		args:    "[--db FILE] [--json]",
		summary: "print everything a programme database holds, for backup or a platform",
		help: `Prints the programme: settings, participants and their status events,
every round with its pairs (formed, dissolved and why) and people left
unpaired, and the check-in answers. --json writes one object with the
roster in the roster JSON format (peermatch pairs reads it back).

flags:
` + dbOpenHelp + `  --json               one JSON object: schema_version, settings, roster,
                       events, rounds, checkins

examples:
  peermatch export --db team.db --json > backup.json`,
		run: runExport,
	})
	register(&command{
		name:    "contracts",
		args:    "--out DIR [--db FILE] [--round N] [--date D] [--cadence TEXT]",
		summary: "write one contract a pair of the latest round (Markdown and HTML)",
		help: `Writes, for every pair of the latest round (or --round N) lasting on the
day (--date) with both partners active, a contract in Markdown and HTML:
both names and e-mails, what each will teach the other, goals to fill
in, the meeting cadence, the check-in dates and the follow-up questions.
Pairs that have ended (a partner left or paused, a repair broke them, a
trial failed), pairs with a partner who has left or paused since, and
pairs formed after the day are left out and counted, with why. Files are
named round-N-A-B-HASH.md and .html.

Contracts are meant to be filled in: a file that differs from what
peermatch would write is kept, never overwritten, and named in the
summary (delete it to have it written again); an unchanged one is left
as it is. Every name is checked before any file is written: a folder, a
symbolic link or anything else that is not a regular file at a
contract's name is an error, and nothing is written. Control characters
and bidi controls in names, skills and --cadence are shown as escapes
(\x1b, \u202e), as on the terminal.

flags:
  --db FILE            the programme database (default peermatch.db)
  --date D             the day the pairs must last on, YYYY-MM-DD, within
                       the round (default today, or the round's date or
                       latest recorded change, a repair or a leave, when
                       later; the round's last day once another started)
` + dbWaitHelp + `  --out DIR            the folder to write to (created if missing)
  --round N            the round (default the latest)
  --cadence TEXT       how often partners meet (default every two weeks)

examples:
  peermatch contracts --db team.db --out contracts/`,
		run: runContracts,
	})
	register(&command{
		name:    "outcomes",
		args:    "HR.csv [--db FILE] [--months 12] [--date D] [--json]",
		summary: "retention and promotion of participants against non-participants",
		help: `Joins an HR export (id, left_on, promoted_on, and optionally grade and
department) with the programme's participation and reports retention
and promotion after --months for mentees, mentors, partners and
non-participants, overall, by grade and by department, with 95% Wilson
intervals. Groups smaller than --min-group are counted, not rated.

flags:
  --db FILE            the programme database (default peermatch.db)
  --months N           the window after each person's start (default 12)
  --min-group N        the smallest group given rates (default 10)
  --date D             the day of the report (default today)
  --json               one JSON object

examples:
  peermatch outcomes hr.csv --db team.db --months 12`,
		run: runOutcomes,
	})
}

type exportJSON struct {
	SchemaVersion int             `json:"schema_version"`
	Settings      settingsJSON    `json:"settings"`
	Roster        json.RawMessage `json:"roster"`
	Events        []eventJSON     `json:"events"`
	Rounds        []roundJSON     `json:"rounds"`
	CheckIns      []checkInJSON   `json:"checkins"`
}

type settingsJSON struct {
	Name       string `json:"name"`
	Start      string `json:"start"`
	End        string `json:"end,omitempty"`
	TrialWeeks int    `json:"trial_weeks"`
}

type eventJSON struct {
	Person string `json:"person"`
	Date   string `json:"date"`
	Status string `json:"status"`
	Until  string `json:"until,omitempty"`
}

type roundJSON struct {
	Number     int            `json:"number"`
	Formed     string         `json:"formed"`
	Kind       string         `json:"kind"`
	Options    string         `json:"options"`
	TrialWeeks int            `json:"trial_weeks"`
	Pairs      []pairJSON     `json:"pairs"`
	Groups     []groupJSON    `json:"groups,omitempty"`
	Unmatched  []unpairedJSON `json:"unpaired"`
}

// groupJSON is a group of a round of groups, keyed as the rest of the
// export (pgm.Group has no JSON names of its own).
type groupJSON struct {
	ID      string   `json:"id"`
	Members []string `json:"members"`
}

type pairJSON struct {
	A         string `json:"a"`
	B         string `json:"b"`
	Formed    string `json:"formed"`
	Dissolved string `json:"dissolved,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Mentor    string `json:"mentor,omitempty"`
}

type unpairedJSON struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

func runExport(ctx context.Context, e *env, args []string) error {
	c := commands["export"]
	fs := newFlags(c)
	dbf := addDBOpenFlags(fs)
	asJSON := fs.Bool("json", false, "write JSON")
	if err := e.parseNoArgs(c, fs, args); err != nil {
		return err
	}
	st, err := dbf.load(ctx)
	if err != nil {
		return err
	}
	p := st.Programme
	out := exportJSON{SchemaVersion: store.SchemaVersion, Roster: json.RawMessage("null"), Events: []eventJSON{}, Rounds: []roundJSON{}, CheckIns: []checkInJSON{},
		Settings: settingsJSON{Name: st.Settings.Name, Start: fmtDay(st.Settings.Start), End: fmtDay(st.Settings.End), TrialWeeks: st.Settings.TrialWeeks}}
	if p.Roster != nil {
		var b strings.Builder
		if err := skills.WriteJSON(&b, p.Roster); err != nil {
			return err
		}
		out.Roster = json.RawMessage(b.String())
	}
	for _, ev := range p.Events {
		out.Events = append(out.Events, eventJSON{Person: ev.Person, Date: fmtDay(ev.Date), Status: ev.Status.String(), Until: fmtDay(ev.Until)})
	}
	for _, r := range p.Rounds {
		rj := roundJSON{Number: r.Number, Formed: fmtDay(r.Formed), Kind: string(r.Kind), Options: r.Options, TrialWeeks: r.TrialWeeks, Pairs: []pairJSON{}, Unmatched: []unpairedJSON{}}
		for _, g := range r.Groups {
			rj.Groups = append(rj.Groups, groupJSON{ID: g.ID, Members: g.Members})
		}
		for _, pr := range r.Pairs {
			rj.Pairs = append(rj.Pairs, pairJSON{A: pr.A, B: pr.B, Formed: fmtDay(pr.Formed), Dissolved: fmtDay(pr.Dissolved), Reason: string(pr.Reason), Mentor: pr.Mentor})
		}
		for _, u := range r.Unmatched {
			rj.Unmatched = append(rj.Unmatched, unpairedJSON{ID: u.ID, Reason: u.Reason})
		}
		out.Rounds = append(out.Rounds, rj)
	}
	for _, a := range p.CheckIns {
		out.CheckIns = append(out.CheckIns, checkInOut(a))
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	fmt.Fprintf(w, "programme \"%s\": from %s, trial %d weeks, schema version %d\n", termsafe.Text(out.Settings.Name), out.Settings.Start, out.Settings.TrialWeeks, out.SchemaVersion)
	if p.Roster != nil {
		fmt.Fprintf(w, "participants: %d, skills: %d\n", p.Roster.Len(), p.Roster.Catalog.Len())
	}
	for _, ev := range out.Events {
		fmt.Fprintf(w, "event: %s %s %s", ev.Date, termsafe.Text(ev.Person), ev.Status)
		if ev.Until != "" {
			fmt.Fprintf(w, " until %s", ev.Until)
		}
		fmt.Fprintln(w)
	}
	for _, r := range out.Rounds {
		if len(r.Groups) > 0 {
			fmt.Fprintf(w, "round %d on %s (%s; %s): %s, %d unplaced\n", r.Number, r.Formed, r.Kind, describeOptions(r.Options), plural.Count(len(r.Groups), "group", "groups"), len(r.Unmatched))
		} else {
			fmt.Fprintf(w, "round %d on %s (%s; %s; trial %d weeks): %d pairs, %d unpaired\n", r.Number, r.Formed, r.Kind, describeOptions(r.Options), r.TrialWeeks, len(r.Pairs), len(r.Unmatched))
		}
		for _, g := range r.Groups {
			ids := make([]string, len(g.Members))
			for x, m := range g.Members {
				ids[x] = termsafe.Text(m)
			}
			fmt.Fprintf(w, "  group %s: %s\n", termsafe.Text(g.ID), strings.Join(ids, ", "))
		}
		for _, pr := range r.Pairs {
			fmt.Fprintf(w, "  %s + %s from %s", termsafe.Text(pr.A), termsafe.Text(pr.B), pr.Formed)
			if pr.Dissolved != "" {
				fmt.Fprintf(w, " to %s (%s)", pr.Dissolved, pr.Reason)
			}
			fmt.Fprintln(w)
		}
		for _, u := range r.Unmatched {
			fmt.Fprintf(w, "  unpaired %s: %s\n", termsafe.Text(u.ID), termsafe.Text(u.Reason))
		}
	}
	fmt.Fprintf(w, "check-in answers: %d\n", len(out.CheckIns))
	for _, a := range out.CheckIns {
		met := "met"
		if !a.Met {
			met = "did not meet"
		}
		fmt.Fprintf(w, "  %s %s about %s: %s", a.Date, termsafe.Text(a.Person), termsafe.Text(a.Partner), met)
		if a.Equitable > 0 {
			fmt.Fprintf(w, ", equitable %d", a.Equitable)
		}
		if a.Progress > 0 {
			fmt.Fprintf(w, ", progress %d", a.Progress)
		}
		if a.Comments != "" {
			fmt.Fprintf(w, ": %s", termsafe.Text(a.Comments))
		}
		fmt.Fprintln(w)
	}
	return nil
}

// runContracts writes the contracts of the pairs lasting on the day with
// both partners active. It checks every target first and writes nothing
// when one is not a regular file; it never overwrites a file whose content
// differs from the contract, and never writes through a symlink.
func runContracts(ctx context.Context, e *env, args []string) error {
	c := commands["contracts"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	out := fs.String("out", "", "the folder to write to")
	round := fs.Int("round", 0, "the round (default the latest)")
	cadence := fs.String("cadence", "", "how often partners meet")
	if err := e.parseNoArgs(c, fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef(c, "--out DIR is required")
	}
	st, err := dbf.load(ctx)
	if err != nil {
		return err
	}
	p := st.Programme
	if len(p.Rounds) == 0 {
		return fmt.Errorf("no round yet: run peermatch round first")
	}
	ri := len(p.Rounds) - 1
	if *round != 0 {
		if *round < 1 || *round > len(p.Rounds) {
			return usagef(c, "--round: want 1-%d, got %d", len(p.Rounds), *round)
		}
		ri = *round - 1
	}
	rd := p.Rounds[ri]
	day, err := contractDay(c, dbf, p, ri)
	if err != nil {
		return err
	}
	popt, err := e.programmePairOptions(c)
	if err != nil {
		return err
	}
	copt := pgm.ContractOptions{Programme: st.Settings.Name, Cadence: *cadence, End: st.Settings.End, On: day, Events: p.Events}
	cs, err := pgm.Contracts(rd, p.Roster, popt, copt)
	if err != nil {
		return err
	}
	_, leftOut := pgm.ContractPairs(rd, copt)
	if err := makeOutDir(*out); err != nil {
		return err
	}

	// Every target is checked before any file is written, so a folder or
	// a symlink at one name stops the command with nothing written. The
	// contracts are rendered again to be written rather than held, so
	// memory stays that of one contract whatever the round's size.
	exts := []string{".md", ".html"}
	write := make([][]string, len(cs)) // the extensions to write, by contract
	var kept []string
	names := map[string]bool{}
	for i, k := range cs {
		base := contractFileBase(rd.Number, k.A.ID, k.B.ID)
		if names[base] {
			return fmt.Errorf("two contracts would be written to %s: the ids %q and %q collide in a file name", termsafe.Text(filepath.Join(*out, base)), termsafe.Text(k.A.ID), termsafe.Text(k.B.ID))
		}
		names[base] = true
		for _, ext := range exts {
			data, err := renderContract(k, ext)
			if err != nil {
				return err
			}
			switch same, err := checkContractTarget(filepath.Join(*out, base+ext), data); {
			case err != nil:
				return fmt.Errorf("%w; no contract was written", err)
			case same == targetAbsent:
				write[i] = append(write[i], ext)
			case same == targetDiffers:
				kept = append(kept, base+ext)
			}
		}
	}
	for i, k := range cs {
		base := contractFileBase(rd.Number, k.A.ID, k.B.ID)
		for _, ext := range write[i] {
			data, err := renderContract(k, ext)
			if err != nil {
				return err
			}
			// A new file renamed into place: the entry checked above is
			// replaced, never written through.
			if err := replaceFile(*out, base+ext, data); err != nil {
				return err
			}
		}
	}

	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	fmt.Fprintf(w, "%d contracts of round %d written to %s (Markdown and HTML)", len(cs), rd.Number, termsafe.Text(*out))
	if len(kept) > 0 {
		fmt.Fprintf(w, ", but %s differing from what peermatch writes (filled in or edited) %s kept, not overwritten: %s; delete a file to have it written again",
			plural.Count(len(kept), "file", "files"), plural.Word(len(kept), "is", "are"), termsafe.Text(firstFew(kept, 5)))
	}
	fmt.Fprintln(w)
	if len(leftOut) > 0 {
		fmt.Fprintf(w, "left out %s not lasting on %s with both partners active %s\n", plural.Count(len(leftOut), "pair", "pairs"), fmtDay(day), leftOutSummary(leftOut, day))
	}
	return nil
}

// contractDay returns the day the contracts of round ri are for: --date,
// which must fall within the round (from its date to the day before the
// next round), or by default today, moved into the round: its date when
// the round starts later, and no earlier than the latest change recorded
// for it (a pair formed or dissolved, a status event), so that the
// contracts follow everything the database records about the round.
func contractDay(c *command, dbf dbFlags, p pgm.Programme, ri int) (time.Time, error) {
	rd := p.Rounds[ri]
	var end time.Time // the next round's date; zero for the latest round
	if ri+1 < len(p.Rounds) {
		end = p.Rounds[ri+1].Formed
	}
	within := func(d time.Time) bool { return !d.Before(rd.Formed) && (end.IsZero() || d.Before(end)) }
	if *dbf.date != "" {
		d, err := dbf.day(c)
		if err != nil {
			return time.Time{}, err
		}
		if d.Before(rd.Formed) {
			return time.Time{}, usagef(c, "--date %s: round %d starts on %s", fmtDay(d), rd.Number, fmtDay(rd.Formed))
		}
		if !within(d) {
			return time.Time{}, usagef(c, "--date %s: round %d ended on %s, when round %d started", fmtDay(d), rd.Number, fmtDay(end), rd.Number+1)
		}
		return d, nil
	}
	d := pgm.Day(time.Now())
	later := func(t time.Time) {
		if t.After(d) && within(t) {
			d = t
		}
	}
	later(rd.Formed)
	for _, pr := range rd.Pairs {
		later(pr.Formed)
		later(pr.Dissolved)
	}
	for _, ev := range p.Events {
		later(ev.Date)
	}
	if !end.IsZero() && !d.Before(end) {
		d = end.AddDate(0, 0, -1)
	}
	if d.Before(rd.Formed) {
		d = rd.Formed
	}
	return d, nil
}

// makeOutDir creates the folder dir (and its parents) unless it exists,
// with an error that says so when dir, or a folder above it, is a file.
func makeOutDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("--out %s is a file, not a folder: choose a folder for the contracts", termsafe.Text(dir))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		if errors.Is(err, syscall.ENOTDIR) {
			return fmt.Errorf("cannot create the folder %s: a file stands where a folder above it should be", termsafe.Text(dir))
		}
		return fmt.Errorf("cannot create the folder %s: %w", termsafe.Text(dir), err)
	}
	return nil
}

// renderContract returns contract k as Markdown (ext ".md") or HTML.
func renderContract(k pgm.Contract, ext string) ([]byte, error) {
	var b bytes.Buffer
	var err error
	if ext == ".md" {
		err = pgm.WriteContractMarkdown(&b, k)
	} else {
		err = pgm.WriteContractHTML(&b, k)
	}
	return b.Bytes(), err
}

// What a contract's file name holds already (checkContractTarget).
const (
	targetAbsent  = iota // nothing: the contract is written
	targetSame           // exactly this contract: left as it is
	targetDiffers        // a regular file with other content: kept
)

// checkContractTarget says what path holds against data, the contract
// peermatch would write there. It never follows a symlink: a symlink, a
// folder or any other entry that is not a regular file is an error naming
// path, as is a file that cannot be read.
func checkContractTarget(path string, data []byte) (int, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, iofs.ErrNotExist) {
		return targetAbsent, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cannot check %s: %w", termsafe.Text(path), err)
	}
	if err := notRegularTarget(path, fi, "no contract is written over it", "remove it or choose another --out folder"); err != nil {
		return 0, err
	}
	if fi.Size() != int64(len(data)) {
		return targetDiffers, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("cannot read %s: %w", termsafe.Text(path), err)
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		return 0, changedWhileChecked(path)
	}
	have := make([]byte, len(data)+1)
	n, err := io.ReadFull(f, have)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, fmt.Errorf("cannot read %s: %w", termsafe.Text(path), err)
	}
	if bytes.Equal(have[:n], data) {
		return targetSame, nil
	}
	return targetDiffers, nil
}

// firstFew joins the first n names, and says how many more there are.
func firstFew(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// leftOutSummary counts the pairs left out by why, in the order the
// reasons first appear, and names the first few pairs.
func leftOutSummary(left []pgm.LeftOut, day time.Time) string {
	var order []string
	count := map[string]int{}
	var pairs []string
	for _, l := range left {
		var why string
		switch {
		case l.Why == pgm.LeftOutDissolved && l.Pair.Reason == pgm.DissolvedRepair:
			why = "broken by a repair"
		case l.Why == pgm.LeftOutDissolved && l.Pair.Reason == pgm.DissolvedLeft:
			why = "dissolved as a partner left"
		case l.Why == pgm.LeftOutDissolved && l.Pair.Reason == pgm.DissolvedPaused:
			why = "dissolved as a partner paused"
		case l.Why == pgm.LeftOutDissolved && l.Pair.Reason == pgm.DissolvedFailed:
			why = "dissolved as failed"
		case l.Why == pgm.LeftOutDissolved:
			why = "dissolved (" + termsafe.Text(string(l.Pair.Reason)) + ")"
		case l.Why == pgm.LeftOutLeft:
			why = "with a partner who has left, not yet repaired"
		case l.Why == pgm.LeftOutPaused:
			why = "with a partner who is paused, not yet repaired"
		case l.Why == pgm.LeftOutNotFormed:
			why = "formed after " + fmtDay(day)
		default:
			why = string(l.Why)
		}
		if count[why] == 0 {
			order = append(order, why)
		}
		count[why]++
		pairs = append(pairs, termsafe.Text(l.Pair.A)+"+"+termsafe.Text(l.Pair.B))
	}
	var parts []string
	for _, why := range order {
		parts = append(parts, fmt.Sprintf("%d %s", count[why], why))
	}
	return "(" + strings.Join(parts, ", ") + "): " + firstFew(pairs, 5)
}

// contractFileBase is the file name, without extension, of the contract
// of a and b in round n: readable slugs of both ids (at most 24 bytes
// each) and a hash of the exact pair, so that ids differing only in
// characters a file name drops ("josé", "josè") never share a file.
func contractFileBase(n int, a, b string) string {
	h := sha256.Sum256([]byte(a + "\x00" + b))
	return fmt.Sprintf("round-%d-%s-%s-%s", n, truncate(safeName(a), 24), truncate(safeName(b), 24), hex.EncodeToString(h[:4]))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// safeName keeps the letters, digits, '-' and '_' of an id for a file name.
func safeName(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r < 128 && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func runOutcomes(ctx context.Context, e *env, args []string) error {
	c := commands["outcomes"]
	fs := newFlags(c)
	dbf := addDBFlags(fs)
	months := fs.Int("months", 12, "the window after each person's start")
	minGroup := fs.Int("min-group", 10, "the smallest group given rates")
	asJSON := fs.Bool("json", false, "write JSON")
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	day, err := dbf.day(c)
	if err != nil {
		return err
	}
	if *months < 1 || *minGroup < 1 {
		return usagef(c, "--months and --min-group want 1 or more")
	}
	f, err := openInput(path, "an HR export CSV (id, left_on, promoted_on)")
	if err != nil {
		return err
	}
	hr, err := pgm.ReadOutcomes(bufio.NewReader(f), pgm.ReadOptions{Name: filepath.Base(path)})
	f.Close()
	if err != nil {
		return err
	}
	st, err := dbf.load(ctx)
	if err != nil {
		return err
	}
	rep, err := pgm.Outcomes(st.Programme, hr, day, pgm.OutcomeOptions{Months: *months, MinGroup: *minGroup})
	if err != nil {
		return err
	}
	if *asJSON {
		type rateJSON struct {
			N      int      `json:"n"`
			Count  int      `json:"count"`
			Rate   *float64 `json:"rate"`
			Low    *float64 `json:"low"`
			High   *float64 `json:"high"`
			TooFew bool     `json:"too_few,omitempty"`
		}
		num := func(v float64) *float64 {
			if math.IsNaN(v) {
				return nil
			}
			return &v
		}
		rate := func(r pgm.Rate) rateJSON {
			return rateJSON{N: r.N, Count: r.Count, Rate: num(r.Rate), Low: num(r.Low), High: num(r.High), TooFew: r.TooFew}
		}
		type rowJSON struct {
			Role      string   `json:"role"`
			By        string   `json:"by"`
			Value     string   `json:"value"`
			Retention rateJSON `json:"retention"`
			Promotion rateJSON `json:"promotion"`
		}
		o := struct {
			Months   int       `json:"months"`
			AsOf     string    `json:"as_of"`
			MinGroup int       `json:"min_group"`
			Rows     []rowJSON `json:"rows"`
			NotYet   int       `json:"not_yet"`
			Before   int       `json:"before"`
			Notes    []string  `json:"notes"`
		}{Months: rep.Months, AsOf: fmtDay(rep.AsOf), MinGroup: rep.MinGroup, Rows: []rowJSON{}, NotYet: rep.NotYet, Before: rep.Before, Notes: rep.Notes}
		for _, r := range rep.Rows {
			o.Rows = append(o.Rows, rowJSON{Role: string(r.Role), By: r.By, Value: r.Value, Retention: rate(r.Retention), Promotion: rate(r.Promotion)})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(o)
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	fmt.Fprintf(w, "outcomes after %d months, as of %s\n\n%-16s %-12s %-14s %-28s %s\n", rep.Months, fmtDay(rep.AsOf), "role", "by", "value", "retention (95% interval)", "promotion (95% interval)")
	for _, r := range rep.Rows {
		fmt.Fprintf(w, "%-16s %-12s %-14s %-28s %s\n", r.Role, r.By, termsafe.Text(r.Value), rateText(r.Retention), rateText(r.Promotion))
	}
	if rep.NotYet > 0 || rep.Before > 0 {
		fmt.Fprintf(w, "\nleft out: %d whose %d months have not ended, %d who left before their start\n", rep.NotYet, rep.Months, rep.Before)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "note: %s\n", termsafe.Text(n))
	}
	return nil
}

func rateText(r pgm.Rate) string {
	if r.TooFew {
		return fmt.Sprintf("%d/%d (too few to rate)", r.Count, r.N)
	}
	return fmt.Sprintf("%d/%d %.0f%% (%.0f-%.0f%%)", r.Count, r.N, 100*r.Rate, 100*r.Low, 100*r.High)
}
