// Command peermatch matches colleagues into complementary buddy pairs and
// balanced learning groups from a skills survey, and plans their year.
//
// Run `peermatch help` for the commands, or `peermatch demo` for the whole
// flow on an embedded demo roster.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"

	"github.com/peermatch/peermatch/internal/textdist"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // the input is invalid or the job failed
	exitUsage   = 2 // the command line is wrong
)

// command is one subcommand. Each lives in its own file and registers itself
// in an init function.
type command struct {
	name    string
	args    string // argument synopsis, e.g. "FILE [--json]"
	summary string // one line for the command list
	help    string // longer help with examples, printed by `peermatch help NAME`
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("peermatch: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// env is what a command may touch: its output streams and the global flags.
type env struct {
	stdout, stderr io.Writer
	// progress is true when progress may be shown on stderr: stderr is a
	// terminal and --quiet was not given.
	progress bool
	// sheet is the worksheet of an .xlsx roster (--sheet), "" for the first.
	sheet string
	// programme is the programme file of --config, nil without one.
	programme *programme
	// sources says where each flag of the running command got its value:
	// "command line" or a programme file position (see env.applyProgramme).
	sources map[string]string
	// probe, when set, makes e.parseFlags stop the command once its flags
	// are parsed (see probeFlags).
	probe *probe
}

// usageError is a mistake on the command line; it makes peermatch exit 2 and
// print the command's usage.
type usageError struct {
	cmd *command
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usagef(c *command, format string, args ...any) error {
	return &usageError{cmd: c, msg: fmt.Sprintf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, isTerminal(os.Stderr)))
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, stderrTTY bool) int {
	e := &env{stdout: stdout, stderr: stderr, progress: stderrTTY}
	var rest []string
	configPath := ""
	sheetSet, configSet := false, false
	for x := 0; x < len(args); x++ {
		a := args[x]
		var name, value, need string
		switch {
		case a == "--quiet" || a == "-quiet" || a == "-q":
			e.progress = false
			continue
		case a == "--sheet" || a == "-sheet" || a == "--config" || a == "-config":
			name = strings.TrimLeft(a, "-")
			if x+1 < len(args) {
				x++
				value = args[x]
			}
		case strings.HasPrefix(a, "--sheet=") || strings.HasPrefix(a, "-sheet=") ||
			strings.HasPrefix(a, "--config=") || strings.HasPrefix(a, "-config="):
			name, value, _ = strings.Cut(strings.TrimLeft(a, "-"), "=")
		default:
			rest = append(rest, a)
			continue
		}
		// `--sheet=` and `--config=` are refused as `--sheet ""` is: an
		// empty value would read the first sheet, or no programme file,
		// without a word; so is a second, different value.
		cur, set := &e.sheet, &sheetSet
		need = "--sheet needs the name of a worksheet"
		if name == "config" {
			cur, set = &configPath, &configSet
			need = "--config needs the path of a programme file"
		}
		switch {
		case value == "":
			fmt.Fprintf(stderr, "peermatch: %s\n", need)
			return exitUsage
		case *set && value != *cur:
			fmt.Fprintf(stderr, "peermatch: --%s is given twice, as %q and %q (it takes one value)\n", name, shortEcho(*cur), shortEcho(value))
			return exitUsage
		}
		*cur, *set = value, true
	}
	if len(rest) == 0 {
		writeHelp(stderr)
		return exitUsage
	}
	name := rest[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 1 {
			if c, ok := commands[rest[1]]; ok {
				writeCommandHelp(stdout, c)
				return exitOK
			}
			fmt.Fprintf(stderr, "peermatch: unknown command %q\n\n", shortEcho(rest[1]))
			writeHelp(stderr)
			return exitUsage
		}
		writeHelp(stdout)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "peermatch: unknown command %q%s\n\n", shortEcho(name), suggestCommand(name))
		writeHelp(stderr)
		return exitUsage
	}
	var err error
	if configPath != "" {
		err = readProgrammeArg(e, configPath)
	}
	if err == nil {
		err = c.run(ctx, e, rest[1:])
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		writeCommandHelp(stdout, c)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "peermatch %s: %s\n\nusage: peermatch %s %s\nRun 'peermatch help %s' for details.\n", c.name, safeMessage(ue.msg), c.name, c.args, c.name)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "peermatch %s: interrupted\n", c.name)
		return exitInvalid
	default:
		fmt.Fprintf(stderr, "peermatch %s: %s\n", c.name, safeMessage(err.Error()))
		return exitInvalid
	}
}

// suggestCommand returns " (did you mean X?)" when name is close to a command.
func suggestCommand(name string) string {
	for d := 0; d <= 2; d++ { // the closest command first ("valdate": validate, not evaluate)
		for _, n := range commandNames() {
			if strings.HasPrefix(n, name) || strings.HasPrefix(name, n) || textdist.Levenshtein(n, name) <= d {
				return fmt.Sprintf(" (did you mean %q?)", n)
			}
		}
	}
	return ""
}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// helpSections orders the command list of `peermatch help` by what a
// facilitator does; a command in none is listed under "more".
var helpSections = []struct {
	title string
	names []string
}{
	{"the survey", []string{"validate", "template", "config"}},
	{"pairs, groups and the year plan", []string{"pairs", "mentor", "groups", "schedule", "report", "evaluate", "demo"}},
	{"the programme year (one database, --db)", []string{"init", "round", "contracts", "checkins", "health", "leave", "pause", "resume", "join", "repair", "outcomes", "export"}},
	{"researchers and the build", []string{"match", "assign", "version"}},
}

func writeHelp(w io.Writer) {
	fmt.Fprint(w, `peermatch matches colleagues into complementary buddy pairs and balanced
learning groups from a skills survey, and plans their year of sessions.

usage: peermatch COMMAND [FILE] [flags]

commands:
`)
	listed := map[string]bool{}
	for _, sec := range helpSections {
		fmt.Fprintf(w, "\n  %s:\n", sec.title)
		for _, n := range sec.names {
			if c, ok := commands[n]; ok {
				fmt.Fprintf(w, "    %-10s %s\n", c.name, c.summary)
				listed[n] = true
			}
		}
	}
	var rest []string
	for _, n := range commandNames() {
		if !listed[n] {
			rest = append(rest, n)
		}
	}
	if len(rest) > 0 {
		fmt.Fprintf(w, "\n  more:\n")
		for _, n := range rest {
			fmt.Fprintf(w, "    %-10s %s\n", n, commands[n].summary)
		}
	}
	fmt.Fprint(w, `
global flags:
  --quiet    no progress on stderr (progress is shown only on a terminal)
  --sheet S  the worksheet of an .xlsx roster to read (default: the first)
  --config F a programme file (YAML or JSON) with the survey mapping and the
             settings of pairs, groups, mentor and schedule; flags on the
             command line override it (see 'peermatch help config')

examples:
  peermatch demo                      the whole flow on the embedded demo roster
  peermatch validate roster.csv       check a survey export, list every problem
  peermatch help COMMAND              a command's flags and examples
`)
}

func writeCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "usage: peermatch %s %s\n\n%s\n", c.name, c.args, c.summary)
	if c.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.help))
	}
}

// newFlags returns a flag set for c that reports errors as values and prints
// nothing by itself.
func newFlags(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args with fs, allowing flags after positional arguments
// (`peermatch pairs roster.csv --json`), and returns the positional ones.
// A bad flag becomes a usage error of c.
func parseFlags(c *command, fs *flag.FlagSet, args []string) ([]string, error) {
	defer guardFlags(fs)()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef(c, "%s", flagErrorText(err))
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseNoArgs is parseFlags for a command that takes flags only: an
// argument left over is a usage error naming it.
func (e *env) parseNoArgs(c *command, fs *flag.FlagSet, args []string) error {
	pos, err := e.parseFlags(c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef(c, "unexpected argument %q", shortEcho(pos[0]))
	}
	return nil
}

// parseFlags parses args with fs as parseFlags does, then gives the flags
// not on the command line their values from the programme file (--config)
// and records every flag's source. The sections applied are those of
// sectionsOf[c.name], or the sections given (a command whose flags depend
// on its mode, such as round --groups). In probe mode it stops there.
func (e *env) parseFlags(c *command, fs *flag.FlagSet, args []string, sections ...string) ([]string, error) {
	pos, err := parseFlags(c, fs, args)
	if err != nil {
		return nil, err
	}
	if len(sections) == 0 {
		sections = sectionsOf[c.name]
	}
	if err := e.applyProgramme(fs, sections); err != nil {
		return nil, err
	}
	if e.probe != nil {
		e.probe.fs = fs
		return nil, errProbe
	}
	return pos, nil
}

// fileArg is fileArg with the programme file applied (see e.parseFlags).
func (e *env) fileArg(c *command, fs *flag.FlagSet, args []string) (string, error) {
	pos, err := e.parseFlags(c, fs, args)
	if err != nil {
		return "", err
	}
	return oneFile(c, pos)
}

// fileArg parses the flags of c (anywhere among the arguments) and returns
// its one FILE argument.
func fileArg(c *command, fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parseFlags(c, fs, args)
	if err != nil {
		return "", err
	}
	return oneFile(c, pos)
}

// oneFile returns the single positional argument, or a usage error.
func oneFile(c *command, pos []string) (string, error) {
	switch len(pos) {
	case 1:
		return pos[0], nil
	case 0:
		return "", usagef(c, "missing FILE")
	default:
		return "", usagef(c, "expected one FILE, got %d arguments: %s", len(pos), shortEcho(strings.Join(pos, " ")))
	}
}

// guardedValue wraps a flag's value while the command line is parsed, so
// that nothing the user typed is dropped without a word: an empty value
// (`--tz=`, `--ics "$UNSET"`) would otherwise read as "not given" and fall
// back to the default, and a second value of a flag that takes one would
// silently replace the first.
type guardedValue struct {
	flag.Value
	name  string
	given bool
	first string
}

// IsBoolFlag keeps a wrapped boolean flag usable without a value (--json).
func (v *guardedValue) IsBoolFlag() bool {
	b, ok := v.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func (v *guardedValue) Set(s string) error {
	_, list := v.Value.(listValue)
	switch {
	case s == "" && !v.IsBoolFlag():
		return fmt.Errorf("an empty value (leave --%s out for its default)", v.name)
	case v.given && !list && s != v.first:
		return fmt.Errorf("already given as %q (--%s takes one value)", v.first, v.name)
	}
	if err := v.Value.Set(s); err != nil {
		return numberError(v.Value, err)
	}
	if !v.given {
		v.given, v.first = true, s
	}
	return nil
}

// guardFlags wraps every flag of fs in a guardedValue and returns the
// function that puts the original values back (the commands and the
// programme file type-assert them).
func guardFlags(fs *flag.FlagSet) func() {
	orig := map[*flag.Flag]flag.Value{}
	fs.VisitAll(func(f *flag.Flag) {
		orig[f] = f.Value
		f.Value = &guardedValue{Value: f.Value, name: f.Name}
	})
	return func() {
		for f, v := range orig {
			f.Value = v
		}
	}
}

// numberError replaces the flag package's "parse error" and "value out of
// range" for a number or duration flag with what the flag takes, so that
// `--seed -1` names the range instead of only failing.
func numberError(v flag.Value, err error) error {
	g, ok := v.(flag.Getter)
	if !ok || (err.Error() != "parse error" && err.Error() != "value out of range") {
		return err // a flag of peermatch's own says what it takes
	}
	switch g.Get().(type) {
	case uint64:
		return fmt.Errorf("want a whole number from 0 to %d", uint64(math.MaxUint64))
	case int:
		return fmt.Errorf("want a whole number such as 3 (digits 0-9, at most %d)", math.MaxInt)
	case float64:
		return fmt.Errorf("want a number such as 0.5 (at most about 1.8e308)")
	case time.Duration:
		return fmt.Errorf("want a length such as 90s, 30m or 2h")
	case bool:
		return fmt.Errorf("want true or false")
	}
	return err
}
