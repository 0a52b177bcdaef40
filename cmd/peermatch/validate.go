package main

import (
	"context"
	"fmt"

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
	r, err := readRosterSheet(path, e.sheet)
	if err != nil {
		return err
	}
	// what the reader detected: format, separator, encoding, sheet
	read := termsafe.Text(r.ReadInfo.String())
	if n := len(r.Warnings); n > 0 {
		fmt.Fprintf(e.stdout, "%s: valid roster (%s), %d %s\n\n", termsafe.Text(path), read, n, plural(n, "warning", "warnings"))
		for _, w := range r.Warnings {
			fmt.Fprintf(e.stdout, "warning: %s\n", termsafe.Text(w.String()))
		}
		fmt.Fprintln(e.stdout)
	} else {
		fmt.Fprintf(e.stdout, "%s: valid roster (%s)\n\n", termsafe.Text(path), read)
	}
	return skills.WriteSummary(e.stdout, r.Summary())
}
