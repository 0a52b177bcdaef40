package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/skills"
)

// rosterFileKind is what a roster argument must name, for openInput's
// messages (only a missing survey is helped by pointing to the demo).
const rosterFileKind = "a roster CSV, XLSX or JSON file"

// openInput opens a file named on the command line with an error that says
// what to do when it is missing or is a folder.
func openInput(path, what string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			hint := ""
			if path == "-" {
				hint = "; standard input is not read: save it to a file"
			} else if what == rosterFileKind {
				hint = "; `peermatch demo` runs without one"
			}
			return nil, fmt.Errorf("cannot open %s: no such file (give the path of %s%s)", path, what, hint)
		}
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s is a folder, not a file: give the path of %s", path, what)
	}
	return f, nil
}

// shownWarnings is how many roster warnings readRoster writes to stderr;
// `peermatch validate` lists them all.
const shownWarnings = 20

// readRoster reads a roster from a CSV or JSON file (see readRosterFile) and
// writes its warnings to stderr, one a line, up to shownWarnings of them and
// then how many more there are, each through termsafe.Text (a warning is one
// line; its values are quoted). Every command that reads a roster to work on
// it uses readRoster, so no command is silent about a warning.
func readRoster(e *env, path string) (*skills.Roster, error) {
	r, err := e.readSurvey(path)
	if err != nil {
		return nil, err
	}
	for i, w := range r.Warnings {
		if i == shownWarnings {
			fmt.Fprintf(e.stderr, "peermatch: warning: and %d more (peermatch validate %s lists them all)\n", len(r.Warnings)-i, termsafe.Text(path))
			break
		}
		fmt.Fprintf(e.stderr, "peermatch: warning: %s\n", termsafe.Text(w.String()))
	}
	return r, nil
}

// readRosterFile reads a roster from a survey file in any format
// skills.Read accepts: CSV (comma, semicolon or tab separated; UTF-8,
// UTF-16 or Windows-1252), .xlsx (the first sheet) or JSON, recognised by
// content and extension. The roster's ReadInfo says which; readRoster
// prints nothing more about it, so that `peermatch validate` can.
func readRosterFile(path string) (*skills.Roster, error) {
	return readRosterSheet(path, "")
}

// readSurvey reads a roster as readRosterFile does, with the worksheet of
// --sheet (else the programme file's survey.sheet) and the programme file's
// survey mapping. It writes nothing; readRoster writes the warnings.
func (e *env) readSurvey(path string) (*skills.Roster, error) {
	opt := skills.ReadOptions{Sheet: e.sheet}
	if e.programme != nil && e.programme.survey != nil {
		opt.Mapping = e.programme.survey.mapped
		if opt.Sheet == "" {
			// The programme's sheet names the worksheet of its .xlsx
			// exports; a CSV export of the same survey has none.
			opt.Sheet = e.programme.survey.sheet
			return readRosterWith(path, opt, false)
		}
	}
	return readRosterWith(path, opt, true)
}

// readRosterSheet is readRosterFile reading the named worksheet of an
// .xlsx file ("" for the first).
func readRosterSheet(path, sheet string) (*skills.Roster, error) {
	return readRosterWith(path, skills.ReadOptions{Sheet: sheet}, true)
}

// readRosterWith reads the roster at path with opt (its Name is set here).
// With sheetFlag, a sheet named for a file that is not a workbook is an
// error: --sheet would otherwise be ignored without a word.
func readRosterWith(path string, opt skills.ReadOptions, sheetFlag bool) (*skills.Roster, error) {
	sheet := opt.Sheet
	f, err := openInput(path, rosterFileKind)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opt.Name = filepath.Base(path)
	r, err := skills.Read(f, opt)
	if err == nil && sheetFlag && sheet != "" && r.ReadInfo.Format != skills.FormatXLSX {
		return nil, fmt.Errorf("%s: --sheet %q applies to .xlsx workbooks, and this file is %s", termsafe.Text(path), sheet, r.ReadInfo)
	}
	return r, err
}

// format is the output format chosen by --json or --csv.
type format int

const (
	formatText format = iota
	formatJSON
	formatCSV
)

// formatFlags adds --json and, when withCSV, --csv to fs; call choose after
// parsing.
type formatFlags struct {
	json, csv *bool
}

func addFormatFlags(fs *flag.FlagSet, withCSV bool) formatFlags {
	f := formatFlags{json: fs.Bool("json", false, "write JSON")}
	if withCSV {
		f.csv = fs.Bool("csv", false, "write CSV (safe to open in a spreadsheet)")
	}
	return f
}

func (f formatFlags) choose(c *command) (format, error) {
	isCSV := f.csv != nil && *f.csv
	switch {
	case *f.json && isCSV:
		return 0, usagef(c, "--json and --csv cannot be used together")
	case *f.json:
		return formatJSON, nil
	case isCSV:
		return formatCSV, nil
	}
	return formatText, nil
}
