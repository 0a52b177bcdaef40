package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "template",
		args:    `--skills "A,B,…" [--xlsx | --describe]`,
		summary: "write a blank survey for the given skills",
		help: `Writes a blank survey in peermatch's own format to stdout: the columns id,
name, email, grade, years, department, manager, location, capacity, focus,
unavailable and lead, then have:SKILL and want:SKILL for each skill. Every
column but id is optional: delete the ones your programme does not use.
Each row you add is one person; validate reads it back without a mapping.

  --skills LIST  the skills, separated by commas (required)
  --xlsx         write an .xlsx workbook: the header row with a note on each
                 header cell saying what to write, have and want cells that
                 accept only 0..5, and a second sheet "Columns" that lists
                 every column and its description
  --describe     print each column and what to write in it, instead of the
                 template (the CSV template is the header row only, so that
                 no example row is ever read as a person)

Levels: have is the person's level in the skill (from 3 they can teach it),
want how much they want to learn it, each 0 (none) to 5 (expert / a strong
need); blank is 0. Words such as Beginner, Intermediate, Expert, Yes and No are read too.

examples:
  peermatch template --skills "Coaching,Delegation" > survey.csv
  peermatch template --skills "Coaching,Delegation" --xlsx > survey.xlsx
  peermatch template --skills "Coaching,Delegation" --describe`,
		run: runTemplate,
	})
}

func runTemplate(_ context.Context, e *env, args []string) error {
	c := commands["template"]
	fs := newFlags(c)
	list := fs.String("skills", "", "skills separated by commas")
	xlsx := fs.Bool("xlsx", false, "write an .xlsx workbook")
	describe := fs.Bool("describe", false, "describe the columns")
	pos, err := parseFlags(c, fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef(c, "template takes no FILE (it writes to stdout): %s", shortEcho(strings.Join(pos, " ")))
	case strings.TrimSpace(*list) == "":
		return usagef(c, `--skills is required, e.g. --skills "Coaching,Delegation"`)
	case *xlsx && *describe:
		return usagef(c, "--xlsx and --describe cannot be used together")
	}
	names := strings.Split(*list, ",")
	if *describe {
		cols, err := skills.TemplateColumns(names)
		if err != nil {
			return err
		}
		// A description names the skill, so it is escaped as the name is;
		// the names are padded by their escaped width in characters.
		width := 0
		for _, col := range cols {
			width = max(width, utf8.RuneCountInString(termsafe.Text(col.Name)))
		}
		for _, col := range cols {
			fmt.Fprintf(e.stdout, "%-*s  %s\n", width, termsafe.Text(col.Name), termsafe.Text(col.Description))
		}
		return nil
	}
	format := skills.FormatCSV
	if *xlsx {
		if f, ok := e.stdout.(*os.File); ok && isTerminal(f) {
			return usagef(c, "--xlsx writes a binary workbook: redirect it to a file, e.g. > survey.xlsx")
		}
		format = skills.FormatXLSX
	}
	return skills.WriteTemplate(e.stdout, names, format)
}
