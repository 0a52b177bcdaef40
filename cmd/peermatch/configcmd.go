package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peermatch/peermatch/internal/termsafe"
)

func init() {
	register(&command{
		name:    "config",
		args:    "--print [COMMAND [flags]]",
		summary: "show the effective settings of a programme file and flags",
		help: `A programme file (--config FILE) holds, once for the whole programme, how
to read the survey export and every setting of pairs, groups, mentor and
schedule. It is YAML (JSON is read too):

  survey:
    sheet: Form responses 1            # the worksheet of an .xlsx export
    rename: {Email Address: email, Full name: name}
    ignore: [Timestamp]
    skills:                            # question headers that name skills
      "{skill} [I can teach]": have
      "{skill} [I want to learn]": want
    answers: {No: 0, Beginner: 1, Intermediate: 3, Expert: 5, Yes: 5}
  pairs:
    max-grade-gap: 2
    different-department: true
    never: [[ana, ben], [cy, dee, ed]]   # confidential: never printed
    pin: [[fay, gus]]
    weight-tag: {language: 2}
  groups:
    format: peer-mentoring
    together: [[ana, cy]]
  mentor:
    mentors-where: tag:role=mentor
  schedule:
    start: 2027-01-11
    blackout: [2027-07-15..2027-08-31, 2027-12-18..2028-01-03]

A key of pairs, groups, mentor or schedule is the name of one of that
command's flags without the dashes (see 'peermatch help pairs'); a list
gives a repeatable flag once an item, a mapping gives KEY=VALUE items.
schedule and report read the groups section, then the schedule section,
and form their buddy pairs with the pairs section; evaluate reads pairs
and groups; round and repair read pairs (round --groups reads groups). Flags on the command line override the
file. An unknown key, a value a flag refuses or a person the survey does
not have is an error naming the file, line and column.

config --print writes the effective settings as a programme file, each
with its source (default, the programme file's line, or the command line)
in a comment: all sections, or with COMMAND the settings that command
would use with the flags that follow. Never-pair lists are confidential:
they are counted, never printed.

examples:
  peermatch config --print > programme.yaml     a complete file to edit
  peermatch --config programme.yaml config --print
  peermatch --config programme.yaml config --print pairs --max-grade-gap 3
  peermatch --config programme.yaml pairs survey.csv`,
		run: runConfig,
	})
}

func runConfig(ctx context.Context, e *env, args []string) error {
	c := commands["config"]
	if len(args) == 0 || (args[0] != "--print" && args[0] != "-print") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return flag.ErrHelp
		}
		return usagef(c, "give --print")
	}
	args = args[1:]
	w := bufio.NewWriter(e.stdout)
	src := "defaults"
	if e.programme != nil {
		src = termsafe.Text(e.programme.path)
	}
	fmt.Fprintf(w, "# effective settings (%s; flags override the file)\n", src)
	writeSurveySection(w, e.programme)
	if len(args) > 0 {
		name := args[0]
		if _, ok := sectionsOf[name]; !ok {
			return usagef(c, "%q has no settings in a programme file (commands: pairs, groups, mentor, schedule, report, evaluate)", name)
		}
		fs, pe, err := probeCommand(ctx, e, name, args[1:]...)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s:  # the settings of peermatch %s\n", name, name)
		writeFlagSettings(w, fs, pe, name)
		return w.Flush()
	}
	for _, sec := range programmeSections[1:] {
		fs, pe, err := probeCommand(ctx, e, sec)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s:\n", sec)
		writeFlagSettings(w, fs, pe, sec)
	}
	return w.Flush()
}

// writeFlagSettings writes every configurable flag of fs as a key of a
// section, with its source from pe.
func writeFlagSettings(w io.Writer, fs *flag.FlagSet, pe *env, sec string) {
	fs.VisitAll(func(f *flag.Flag) {
		if notConfigurable[f.Name] {
			return
		}
		source := strings.TrimSuffix(pe.source(f.Name), " ("+sec+")")
		if s, ok := f.Value.(*idSetsFlag); ok && s.confidential {
			fmt.Fprintf(w, "  # %s: %s  # %s\n", f.Name, orNone(s.String()), source)
			return
		}
		if items, ok := f.Value.(itemsValue); ok {
			list := items.items()
			if len(list) == 0 {
				fmt.Fprintf(w, "  # %s: []  # %s: %s\n", f.Name, source, f.Usage)
				return
			}
			fmt.Fprintf(w, "  %s:  # %s\n", f.Name, source)
			for _, it := range list {
				fmt.Fprintf(w, "    - %s\n", yamlScalar(it))
			}
			return
		}
		v := f.Value.String()
		if v == "" {
			fmt.Fprintf(w, "  # %s:  # %s: %s\n", f.Name, source, f.Usage)
			return
		}
		fmt.Fprintf(w, "  %s: %s  # %s\n", f.Name, yamlScalar(v), source)
	})
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// itemsValue is a list flag that can list its items, as a programme file
// gives them.
type itemsValue interface {
	items() []string
}

func (f *idSetsFlag) items() []string {
	out := make([]string, len(f.sets))
	for i, s := range f.sets {
		out[i] = strings.Join(s.ids, ",")
	}
	return out
}

func (r *repeated) isList()         {}
func (r *repeated) items() []string { return *r }

// yamlScalar writes s so that YAML reads it back as the same string (and
// a number or a boolean as itself).
func yamlScalar(s string) string {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	if s == "true" || s == "false" {
		return s
	}
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return termsafe.Text(strings.TrimSpace(string(out)))
}

// writeSurveySection writes the survey section of p, or a commented
// example when there is none.
func writeSurveySection(w io.Writer, p *programme) {
	if p == nil || p.survey == nil {
		fmt.Fprint(w, `survey:  # none: the survey is read as exported (see 'peermatch help config')
  # rename: {Email Address: email}
  # ignore: [Timestamp]
  # skills: {"{skill} [I can teach]": have, "{skill} [I want to learn]": want}
  # answers: {No: 0, Beginner: 1, Expert: 5, Yes: 5}
`)
		return
	}
	s := p.survey
	fmt.Fprintln(w, "survey:")
	if s.sheet != "" {
		fmt.Fprintf(w, "  sheet: %s  # %s\n", yamlScalar(s.sheet), s.pos["sheet"])
	}
	for _, part := range []struct {
		key  string
		list []surveyEntry
	}{{"rename", s.rename}, {"ignore", s.ignore}, {"skills", s.skills}, {"answers", s.answers}} {
		if len(part.list) == 0 {
			continue
		}
		fmt.Fprintf(w, "  %s:  # %s\n", part.key, s.pos[part.key])
		for _, e := range part.list {
			if part.key == "ignore" {
				fmt.Fprintf(w, "    - %s\n", yamlScalar(e.key))
			} else {
				fmt.Fprintf(w, "    %s: %s\n", yamlScalar(e.key), yamlScalar(e.value))
			}
		}
	}
}

// probeCommand parses args as the command name would, with the programme
// file applied, and returns its flags and the env holding their sources.
func probeCommand(ctx context.Context, e *env, name string, args ...string) (*flag.FlagSet, *env, error) {
	c, ok := commands[name]
	if !ok {
		return nil, nil, fmt.Errorf("no command %q", name)
	}
	pe := &env{stdout: io.Discard, stderr: io.Discard, probe: &probe{}, programme: e.programme, sheet: e.sheet}
	err := c.run(ctx, pe, args)
	if pe.probe.fs == nil {
		if err == nil {
			err = fmt.Errorf("command %s defines no flags", name)
		}
		return nil, nil, err
	}
	return pe.probe.fs, pe, nil
}
