package main

import (
	"context"
	"fmt"
)

func init() {
	register(&command{
		name:    "validate",
		args:    "FILE",
		summary: "check a roster (survey CSV or JSON) and summarise it",
		help: `Reads the roster and reports every problem with its line and column, or a
summary when it is valid: people, skills, grades, departments, the most wanted
and the least available skills. Exits 1 when the roster is invalid.

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
	r, err := readRoster(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: valid roster\n\n", path)
	return r.Summary().WriteText(e.stdout)
}
