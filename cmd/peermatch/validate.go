package main

import (
	"context"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "validate",
		args:    "FILE",
		summary: "check a roster (survey CSV or JSON) and summarise it",
		help: `Reads the roster and reports every problem with its line and column, or a
summary when it is valid: people, skills, grades, departments, the most wanted
and the least available skills. Exits 1 when the roster is invalid.

A manager cell may hold the manager's id, e-mail or unique name; a value that
matches nobody in the roster is listed as a warning (the manager may be
outside the roster, but the rule that keeps managers and their reports apart
cannot act on it). Warnings do not change the exit status; the other
commands print them on stderr.

It also prints how each column of a CSV or .xlsx file was read: one line a
column (header → column, and how: as named, renamed, by a skill pattern,
ignored, or recognised in a Google Forms or Microsoft Forms export), or one
line when every column is read as named. Check it before pairing: a grid
question read as have when it meant want changes every pair.

examples:
  peermatch validate survey.csv
  peermatch validate roster.json`,
		run: runValidate,
	})
}

func runValidate(_ context.Context, e *env, args []string) error {
	c := commands["validate"]
	fs := newFlags(c)
	path, err := fileArg(c, fs, args)
	if err != nil {
		return err
	}
	r, err := e.readSurvey(path)
	if err != nil {
		return err
	}
	// what the reader detected: format, separator, encoding, sheet
	read := termsafe.Text(r.ReadInfo.String())
	if n := len(r.Warnings); n > 0 {
		fmt.Fprintf(e.stdout, "%s: valid roster (%s), %d %s\n\n", termsafe.Text(path), read, n, plural.Word(n, "warning", "warnings"))
		for _, w := range r.Warnings {
			fmt.Fprintf(e.stdout, "warning: %s\n", termsafe.Text(w.String()))
		}
		fmt.Fprintln(e.stdout)
	} else {
		fmt.Fprintf(e.stdout, "%s: valid roster (%s)\n\n", termsafe.Text(path), read)
	}
	writeColumns(e.stdout, r.ReadInfo)
	return skills.WriteSummary(e.stdout, r.Summary())
}

// writeColumns prints how each source column was read: one line when all
// are read as named, else a table of header → column and how.
func writeColumns(w io.Writer, info skills.ReadInfo) {
	if len(info.Columns) == 0 {
		return
	}
	named := 0
	width := 0
	for _, c := range info.Columns {
		if c.How == skills.HowAsNamed {
			named++
		}
		width = max(width, utf8.RuneCountInString(termsafe.Text(c.Header)))
	}
	if named == len(info.Columns) {
		fmt.Fprintf(w, "columns: all %d read as named\n\n", named)
		return
	}
	width = min(width, 40)
	if info.Shape != "" {
		fmt.Fprintf(w, "columns (a %s export):\n", info.Shape)
	} else {
		fmt.Fprintln(w, "columns:")
	}
	cwidth := 0
	for _, c := range info.Columns {
		cwidth = max(cwidth, utf8.RuneCountInString(termsafe.Text(c.Column)))
	}
	for _, c := range info.Columns {
		col, how := termsafe.Text(c.Column), c.How
		switch {
		case col == "" && how == "":
			col, how = "-", "not read"
		case col == "":
			col = "-"
		}
		fmt.Fprintf(w, "  %-*s → %-*s  %s\n", width, termsafe.Text(c.Header), max(cwidth, 1), col, how)
	}
	fmt.Fprintln(w)
}
