package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/internal/textdist"
)

// The programme file (--config FILE) holds what a facilitator would
// otherwise type as flags, once for the whole programme. It is YAML (JSON,
// being YAML, is read too) with one section a command:
//
//	survey:   how to read the survey export (see surveySection)
//	pairs:    pairs' flags        groups:   groups' flags
//	mentor:   mentor's flags      schedule: schedule's flags
//
// A key of a command's section is the name of one of its flags without the
// dashes (`max-grade-gap: 2` is `--max-grade-gap 2`); a list gives a
// repeatable flag once an item (`never: [[ana, ben], [cy, dee]]` is
// `--never ana,ben --never cy,dee`), and a mapping gives KEY=VALUE items
// (`weight-tag: {language: 2}` is `--weight-tag language=2`). Flags on the
// command line override the file. A key no command knows, a value its flag
// refuses, a list for a flag that takes one value: each is an error naming
// the file, line and column.

// maxProgrammeBytes bounds the programme file: a facilitator's settings fit
// in a few kilobytes, and the limit keeps a wrong file (a survey, a binary)
// from being parsed as YAML at length.
const maxProgrammeBytes = 1 << 20

// programmeSections lists the sections of a programme file in the order they
// are printed.
var programmeSections = []string{"survey", "pairs", "groups", "mentor", "schedule"}

// sectionsOf says which sections of the programme file apply to a command,
// in order: a later section's key overrides an earlier one's. schedule and
// report form groups as `groups` does, so the groups section applies to them
// first; evaluate checks pairs and groups by the rules that formed them.
var sectionsOf = map[string][]string{
	"pairs":    {"pairs"},
	"mentor":   {"mentor"},
	"groups":   {"groups"},
	"schedule": {"groups", "schedule"},
	"report":   {"groups", "schedule"},
	"evaluate": {"pairs", "groups"},
	"round":    {"pairs"}, // round --groups: the groups section
	"repair":   {"pairs"},
}

// position is where a value was found in the programme file.
type position struct {
	file      string
	line, col int
}

func (p position) String() string {
	return fmt.Sprintf("%s:%d:%d", termsafe.Text(p.file), p.line, p.col)
}

// setting is one key of a command section: a flag name and the values to
// give it, with their positions.
type setting struct {
	section string
	key     string
	pos     position   // of the key
	values  []string   // one for a scalar; one an item for a list or mapping
	at      []position // of each value
	list    bool       // given as a list, or as a mapping of more than one key
}

func (s setting) name() string { return s.section + "." + s.key }

// programme is a parsed programme file.
type programme struct {
	path     string
	survey   *surveySection
	sections map[string][]setting // section → settings in file order
}

// loadProgramme reads and checks the programme file at path: its shape, its
// sections, and every command section's keys and values against the flags of
// the command the section belongs to.
func loadProgramme(path string) (*programme, error) {
	f, err := openInput(path, "a programme file (YAML or JSON; see `peermatch help config`)")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxProgrammeBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", termsafe.Text(path), err)
	}
	if len(data) > maxProgrammeBytes {
		return nil, fmt.Errorf("%s: a programme file may take at most %d bytes", termsafe.Text(path), maxProgrammeBytes)
	}
	p, err := parseProgramme(path, data)
	if err != nil {
		return nil, err
	}
	if p.survey != nil {
		if p.survey.mapped, err = p.survey.mapping(); err != nil {
			return nil, err
		}
	}
	for _, sec := range programmeSections[1:] {
		if err := p.check(sec); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// parseProgramme parses a programme file's text. It checks the shape of the
// document and of each section, not what the keys mean.
func parseProgramme(path string, data []byte) (*programme, error) {
	p := &programme{path: path, sections: map[string][]setting{}}
	at := func(n *yaml.Node) position { return position{file: path, line: n.Line, col: n.Column} }
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return p, nil // an empty file sets nothing
		}
		return nil, fmt.Errorf("%s: not a YAML or JSON programme file: %s", termsafe.Text(path), termsafe.Text(err.Error()))
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: holds more than one YAML document; a programme file is one", termsafe.Text(path))
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: a programme file is a mapping of sections (%s), not %s", at(root), strings.Join(programmeSections, ", "), nodeKind(root))
	}
	seen := map[string]position{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			// An alias's Value is its anchor's name: *pairs would be read
			// as the section pairs.
			return nil, fmt.Errorf("%s: a section name is a word (%s), not %s", at(k), strings.Join(programmeSections, ", "), nodeKind(k))
		}
		name := k.Value
		if !slices.Contains(programmeSections, name) {
			return nil, fmt.Errorf("%s: unknown section %q%s (sections: %s)", at(k), termsafe.Text(name), closest(name, programmeSections), strings.Join(programmeSections, ", "))
		}
		if first, dup := seen[name]; dup {
			return nil, fmt.Errorf("%s: section %q repeats the one at line %d", at(k), name, first.line)
		}
		seen[name] = at(k)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue // an empty section
		}
		if v.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: section %q is a mapping of keys to values, not %s", at(v), name, nodeKind(v))
		}
		if name == "survey" {
			s, err := parseSurveySection(v, at)
			if err != nil {
				return nil, err
			}
			p.survey = s
			continue
		}
		keys := map[string]position{}
		for j := 0; j+1 < len(v.Content); j += 2 {
			kn, vn := v.Content[j], v.Content[j+1]
			if kn.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s: %s: a key is a flag name, not %s", at(kn), name, nodeKind(kn))
			}
			key := strings.TrimPrefix(strings.TrimPrefix(kn.Value, "-"), "-")
			if first, dup := keys[key]; dup {
				return nil, fmt.Errorf("%s: %s.%s repeats the key at line %d", at(kn), name, termsafe.Text(key), first.line)
			}
			keys[key] = at(kn)
			s := setting{section: name, key: key, pos: at(kn)}
			if err := s.read(vn, at); err != nil {
				return nil, err
			}
			p.sections[name] = append(p.sections[name], s)
		}
	}
	return p, nil
}

// read fills s's values from the value node n.
func (s *setting) read(n *yaml.Node, at func(*yaml.Node) position) error {
	scalar := func(n *yaml.Node) (string, error) {
		switch {
		case n.Kind == yaml.AliasNode:
			return "", fmt.Errorf("%s: %s: aliases (*name) are not supported; write the value out", at(n), termsafe.Text(s.name()))
		case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
			return "", fmt.Errorf("%s: %s has no value", at(n), termsafe.Text(s.name()))
		case n.Kind == yaml.ScalarNode:
			return n.Value, nil
		case n.Kind == yaml.SequenceNode: // an inner list: a,b,c
			items := make([]string, 0, len(n.Content))
			for _, c := range n.Content {
				if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
					return "", fmt.Errorf("%s: %s: an inner list holds plain values, not %s", at(c), termsafe.Text(s.name()), nodeKind(c))
				}
				if strings.Contains(c.Value, ",") {
					return "", fmt.Errorf("%s: %s: %q holds a comma, which separates the members of a list", at(c), termsafe.Text(s.name()), termsafe.Text(c.Value))
				}
				items = append(items, c.Value)
			}
			return strings.Join(items, ","), nil
		}
		return "", fmt.Errorf("%s: %s: want a value or a list, not %s", at(n), termsafe.Text(s.name()), nodeKind(n))
	}
	switch n.Kind {
	case yaml.SequenceNode:
		s.list = true
		for _, c := range n.Content {
			v, err := scalar(c)
			if err != nil {
				return err
			}
			s.values = append(s.values, v)
			s.at = append(s.at, at(c))
		}
	case yaml.MappingNode:
		s.list = len(n.Content) > 2 // one KEY=VALUE suits a flag of one value
		for j := 0; j+1 < len(n.Content); j += 2 {
			k, err := scalar(n.Content[j])
			if err != nil {
				return err
			}
			v, err := scalar(n.Content[j+1])
			if err != nil {
				return err
			}
			s.values = append(s.values, k+"="+v)
			s.at = append(s.at, at(n.Content[j]))
		}
	default:
		v, err := scalar(n)
		if err != nil {
			return err
		}
		s.values, s.at = []string{v}, []position{at(n)}
	}
	return nil
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("the value %q", termsafe.Text(n.Value))
}

// closest returns ` (did you mean "x"?)` for the candidate nearest to name,
// or "" when none is near.
func closest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := textdist.Levenshtein(strings.ToLower(name), c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// check checks the keys and values of section sec against the flags of the
// command it belongs to (the command of the same name).
func (p *programme) check(sec string) error {
	settings := p.sections[sec]
	if len(settings) == 0 {
		return nil
	}
	fs, _, err := probeCommand(context.Background(), &env{}, sec)
	if err != nil {
		return err
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if !notConfigurable[f.Name] {
			names = append(names, f.Name)
		}
	})
	for _, s := range settings {
		fl := fs.Lookup(s.key)
		if fl == nil || notConfigurable[s.key] {
			return fmt.Errorf("%s: %s: unknown key %q%s; the keys of %s are its flags: %s", s.pos, sec, termsafe.Text(s.key), closest(s.key, names), sec, strings.Join(names, ", "))
		}
		if err := s.apply(fs, fl); err != nil {
			return err
		}
	}
	return nil
}

// notConfigurable names the flags a programme file may not set: --config
// itself (a programme file does not name another) and help.
var notConfigurable = map[string]bool{"config": true, "help": true, "h": true}

// apply gives the flag fl of fs the setting's values, one Set a value,
// through fs so that fs.Visit sees it as set (as the commands' "was this
// given" checks expect).
func (s setting) apply(fs *flag.FlagSet, fl *flag.Flag) error {
	_, isList := fl.Value.(listValue)
	if _, comma := fl.Value.(*commaListFlag); comma && s.list {
		// One value of comma-separated items, given as a YAML list.
		s.values, s.at, s.list = []string{strings.Join(s.values, ",")}, s.at[:1], false
	}
	if s.list && !isList {
		return fmt.Errorf("%s: %s takes one value, not a list", s.pos, termsafe.Text(s.name()))
	}
	for i, v := range s.values {
		if err := fs.Set(fl.Name, v); err != nil {
			return fmt.Errorf("%s: %s: %s", s.at[i], termsafe.Text(s.name()), termsafe.Text(err.Error()))
		}
		if sv, ok := fl.Value.(sourcedValue); ok {
			sv.setSource(s.at[i].String() + " (" + s.name() + ")")
		}
	}
	return nil
}

// listValue is a flag that may be given several times, each adding an
// item; a programme file gives it as a list.
type listValue interface {
	flag.Value
	isList()
}

// sourcedValue is a flag value that records where each item came from, so
// that an error about an item (an unknown person in a never-pair list) can
// name the line of the programme file or the flag.
type sourcedValue interface {
	setSource(src string)
}

// errProbe ends a command run in probe mode once its flags are parsed.
var errProbe = errors.New("probe")

// probe captures the flag set of a command run in probe mode (see
// probeCommand).
type probe struct {
	fs *flag.FlagSet
}

// applyProgramme gives the flags of fs that were not on the command line
// the values of the programme file's sections, and records every flag's
// source in e.sources.
func (e *env) applyProgramme(fs *flag.FlagSet, sections []string) error {
	e.sources = map[string]string{}
	fs.Visit(func(f *flag.Flag) { e.sources[f.Name] = "command line" })
	if e.programme == nil {
		return nil
	}
	// A later section's key overrides an earlier one's.
	chosen := map[string]setting{}
	var order []string
	for _, sec := range sections {
		for _, s := range e.programme.sections[sec] {
			if _, ok := chosen[s.key]; !ok {
				order = append(order, s.key)
			}
			chosen[s.key] = s
		}
	}
	for _, key := range order {
		s := chosen[key]
		fl := fs.Lookup(key)
		if fl == nil || e.sources[key] != "" {
			continue // another command's key, or given on the command line
		}
		if err := s.apply(fs, fl); err != nil {
			return err
		}
		e.sources[key] = s.pos.String() + " (" + s.section + ")"
	}
	return nil
}

// source returns where the value of flag name came from: "command line",
// a programme file position, or "default".
func (e *env) source(name string) string {
	if s := e.sources[name]; s != "" {
		return s
	}
	return "default"
}

// given reports whether the flag name was given on the command line (not
// by the programme file).
func (e *env) given(name string) bool { return e.sources[name] == "command line" }

// readProgrammeArg is the --config handling of run: it loads the file once
// for the whole run.
func readProgrammeArg(e *env, path string) error {
	p, err := loadProgramme(path)
	if err != nil {
		return err
	}
	e.programme = p
	return nil
}

// commaListFlag is a flag of one comma-separated list (--mentors a,b); a
// programme file may give it as a YAML list.
type commaListFlag string

func (f *commaListFlag) String() string {
	if f == nil {
		return ""
	}
	return string(*f)
}

func (f *commaListFlag) Set(s string) error { *f = commaListFlag(s); return nil }
