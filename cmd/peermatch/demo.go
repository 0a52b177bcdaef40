package main

import (
	"context"
	"fmt"

	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "demo",
		args:    "",
		summary: "run the whole flow on the embedded demo roster",
		help: `Runs peermatch on an embedded roster of invented people and prints what a
facilitator would get: the roster summary.

example:
  peermatch demo`,
		run: runDemo,
	})
}

func runDemo(_ context.Context, e *env, args []string) error {
	c := commands["demo"]
	fs := newFlags(c)
	pos, err := parseFlags(c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef(c, "demo takes no FILE (it uses the embedded demo roster); to run on your own roster use e.g. `peermatch validate FILE`")
	}
	r := skills.Demo()
	fmt.Fprintln(e.stdout, "peermatch demo: an embedded roster of invented people")
	fmt.Fprintln(e.stdout)
	return r.Summary().WriteText(e.stdout)
}
