package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
)

func init() {
	register(&command{
		name:    "evaluate",
		args:    "FILE (--pairs P [pair rule flags] | --groups G [--min N --max N | --format NAME]) [--json]",
		summary: "score a pairing or grouping made elsewhere and list every rule it breaks",
		help: `Reads a roster (CSV or JSON) and a pairing made elsewhere, or edited by
hand, and scores it with the same metrics as pairs: each pair's score and
what each teaches the other, the people left unmatched with the reason,
and the metrics. Instead of refusing a pair that breaks a hard rule, it
lists every such pair with both people and the rule (line_management,
grade_gap, nothing_to_exchange, ...). Unknown ids, people in more than one
pair (or above their capacity) and pairs given twice are listed as
problems and left out of the scores.

The pairing P is the output of pairs --json (only "a", "b" and "c" of each
pair are read) or of pairs --csv, or any CSV with a header holding the
columns a and b (c optional for trios; rows with an empty b are skipped).
In a CSV, the ' that peermatch puts before an id starting with =, +, - or
@ (so that a spreadsheet shows it as text) is dropped again.
Give the same rule flags as the run you compare with.

With --groups G instead, it scores learning groups the same way: G is the
output of groups --json (only the members of each group are read) or of
groups --csv (columns group and id; rows with an empty group are skipped).
It prints the groups as groups does, with their learning plans and
metrics, then every broken hard rule with the group and the people
(line_management, keep_apart, keep_together, group_size, grade_band,
shared_focus) and the problems: unknown ids, people in two groups, people
of the roster in no group. Give the same --min, --max or --format as the
run you compare with (the same pair rule flags for --pairs: the rules
are the same as pairs'); --pairs and --groups cannot be used together.

flags:
  --pairs P            the pairing to evaluate (JSON or CSV)
  --groups G           the grouping to evaluate (JSON or CSV)
  --min N, --max N     group sizes, 1 to 1,000,000 (with --groups; default
                       6–10)
  --format NAME        peer-mentoring or peer-learning (with --groups)
` + pairRuleHelp + pairCapacityHelp + `  --json               one JSON object: "pairing" (as pairs --json, with
                       strategy "evaluated"), "broken" and "problems";
                       with --groups "grouping" (as groups --json),
                       "broken" and "problems"

examples:
  peermatch pairs roster.csv --json > pairs.json
  peermatch evaluate roster.csv --pairs pairs.json
  peermatch evaluate roster.csv --pairs edited.csv --json
  peermatch groups roster.csv --json > groups.json
  peermatch evaluate roster.csv --groups groups.json`,
		run: runEvaluate,
	})
}

func runEvaluate(ctx context.Context, e *env, args []string) error {
	c := commands["evaluate"]
	fs := newFlags(c)
	pairsPath := fs.String("pairs", "", "the pairing to evaluate (pairs --json or --csv output)")
	rules := addPairRuleFlags(fs, pairFlagSet{capacity: true})
	groupsPath := fs.String("groups", "", "the grouping to evaluate (groups --json or --csv output)")
	shape := addGroupShapeFlags(fs, " (with --groups)")
	ff := addFormatFlags(fs, false)
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	out, err := ff.choose(c)
	if err != nil {
		return err
	}
	switch {
	case *pairsPath != "" && *groupsPath != "":
		return usagef(c, "--pairs and --groups cannot be used together")
	case *pairsPath == "" && *groupsPath == "":
		return usagef(c, "give the pairing to evaluate with --pairs or the grouping with --groups")
	case *groupsPath != "":
		for _, name := range pairFlagNames(fs) {
			if e.given(name) {
				return usagef(c, "--%s applies to --pairs, not --groups", name)
			}
		}
		return evaluateGroups(ctx, e, c, shape, path, *groupsPath, out)
	}
	for _, name := range []string{"min", "max", "format"} {
		if e.given(name) {
			return usagef(c, "--%s applies to --groups, not --pairs", name)
		}
	}
	opt, err := rules.options(c)
	if err != nil {
		return err
	}
	groups, lines, err := readPairingLines(*pairsPath)
	if err != nil {
		return err
	}
	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	if err := rules.checkPeople(r); err != nil {
		return err
	}
	ev, err := pairing.Evaluate(ctx, r, groups, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	ev.Problems = locateProblems(ev.Problems, ev.ProblemGroup, *pairsPath, lineOf(lines))
	if out == formatJSON {
		return writeEvaluationJSON(e.stdout, ev)
	}
	return writeEvaluationText(e.stdout, ev)
}

// plainCell returns a CSV cell as peermatch wrote it before
// csvsafe.Cell: without the leading ' put before =, +, -, @, tab or
// carriage return, so that the --csv output of pairs and groups reads back
// with the ids of the survey ("'@ana" is @ana), and trimmed of spaces.
func plainCell(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		s = strings.TrimSpace(s[1:])
	}
	return s
}

// locateProblems returns the problems of pairing.Evaluate or
// cohort.Evaluate, each about a group (group[x] > 0, its position in the
// file's groups) preceded by where the file holds that group: "p.csv:
// line 3: group 2 (ana, x): unknown person …" when where(group[x]) gives
// the place ("line 3"), else the file name alone. Other problems are kept
// as they are.
func locateProblems(problems []string, group []int, path string, where func(n int) string) []string {
	out := make([]string, len(problems))
	for x, p := range problems {
		switch {
		case x >= len(group) || group[x] <= 0:
			out[x] = p
		case where(group[x]) != "":
			out[x] = fmt.Sprintf("%s: %s: %s", path, where(group[x]), p)
		default:
			out[x] = path + ": " + p
		}
	}
	return out
}

// lineOf returns where for locateProblems from the line of each group
// (1-based), "" beyond them.
func lineOf(lines []int) func(n int) string {
	return func(n int) string {
		if n > len(lines) || lines[n-1] <= 0 {
			return ""
		}
		return fmt.Sprintf("line %d", lines[n-1])
	}
}

// linesOf returns where for locateProblems from the lines of each group's
// rows, in file order: "line 4", "lines 4–6, 9".
func linesOf(lines [][]int) func(n int) string {
	return func(n int) string {
		if n > len(lines) || len(lines[n-1]) == 0 {
			return ""
		}
		ls := lines[n-1]
		var b strings.Builder
		for x := 0; x < len(ls); {
			y := x
			for y+1 < len(ls) && ls[y+1] == ls[y]+1 {
				y++
			}
			if x > 0 {
				b.WriteString(", ")
			}
			if y > x {
				fmt.Fprintf(&b, "%d–%d", ls[x], ls[y])
			} else {
				fmt.Fprintf(&b, "%d", ls[x])
			}
			x = y + 1
		}
		if len(ls) == 1 {
			return "line " + b.String()
		}
		return "lines " + b.String()
	}
}

// readPairing reads the pairs and trios of a pairs --json or --csv output
// (or any CSV with columns a, b and optionally c).
func readPairing(path string) ([][]string, error) {
	groups, _, err := readPairingLines(path)
	return groups, err
}

// readPairingLines is readPairing that also returns, for a CSV, the line
// where each group starts (nil for JSON), so that a problem with a group
// can name its line.
func readPairingLines(path string) ([][]string, []int, error) {
	data, err := readDocument(path, "a pairing: the --json or --csv output of peermatch pairs")
	if err != nil {
		return nil, nil, err
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		h, err := pairing.ReadHistory(bytes.NewReader(t))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(h.Rounds) != 1 {
			return nil, nil, fmt.Errorf("%s: holds %d pairings; evaluate takes one", path, len(h.Rounds))
		}
		return h.Rounds[0].Groups, nil, nil
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("%s: empty (want the --json or --csv output of peermatch pairs)", path)
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for x, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = x
	}
	ca, okA := col["a"]
	cb, okB := col["b"]
	cc, okC := col["c"]
	if !okA || !okB {
		return nil, nil, fmt.Errorf("%s: line 1: the header needs columns a and b (c optional), got %s", path, strings.Join(header, ","))
	}
	var (
		groups [][]string
		lines  []int
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(x int) string {
			if x < len(rec) {
				return plainCell(rec[x])
			}
			return ""
		}
		a, b := cell(ca), cell(cb)
		if b == "" {
			continue // an unmatched person's row
		}
		if a == "" {
			return nil, nil, fmt.Errorf("%s: line %d: column a is empty", path, line)
		}
		g := []string{a, b}
		if okC && cell(cc) != "" {
			g = append(g, cell(cc))
		}
		groups = append(groups, g)
		lines = append(lines, line)
	}
	return groups, lines, nil
}

type brokenJSON struct {
	A      string `json:"a"`
	B      string `json:"b"`
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// writeEvaluationJSON writes {"pairing": <pairs --json object>, "broken":
// [{a, b, rule, reason}], "problems": [text]}.
func writeEvaluationJSON(w io.Writer, ev *pairing.Evaluation) error {
	var pj bytes.Buffer
	if err := pairing.WriteJSON(&pj, ev.Result); err != nil {
		return err
	}
	out := struct {
		Pairing  json.RawMessage `json:"pairing"`
		Broken   []brokenJSON    `json:"broken"`
		Problems []string        `json:"problems"`
	}{Pairing: pj.Bytes(), Broken: []brokenJSON{}, Problems: []string{}}
	for _, b := range ev.Broken {
		out.Broken = append(out.Broken, brokenJSON{A: b.A, B: b.B, Rule: b.Rule.String(), Reason: b.Reason})
	}
	out.Problems = append(out.Problems, ev.Problems...)
	return writeIndented(w, out)
}

// writeEvaluationText writes the pairing as pairs does, then the broken
// rules and the problems (survey strings through termsafe.Text).
func writeEvaluationText(w io.Writer, ev *pairing.Evaluation) error {
	if err := pairing.WriteText(w, ev.Result); err != nil {
		return err
	}
	broken := make([]string, len(ev.Broken))
	for x, br := range ev.Broken {
		broken[x] = fmt.Sprintf("%s – %s: %s (%s)", termsafe.Text(br.A), termsafe.Text(br.B), br.Rule, termsafe.Text(br.Reason))
	}
	return writeFindings(w, broken, ev.Problems)
}

// evaluateGroups runs evaluate --groups: it reads the grouping and the
// roster, scores the grouping with cohort.Evaluate and writes the result.
func evaluateGroups(ctx context.Context, e *env, c *command, shape groupShapeFlags, path, groupsPath string, out format) error {
	opt, err := shape.options(c)
	if err != nil {
		return err
	}
	groups, lines, err := readGrouping(groupsPath)
	if err != nil {
		return err
	}
	r, err := readRoster(e, path)
	if err != nil {
		return err
	}
	ev, err := cohort.Evaluate(ctx, r, groups, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	ev.Problems = locateProblems(ev.Problems, ev.ProblemGroup, groupsPath, linesOf(lines))
	if out == formatJSON {
		return writeGroupEvaluationJSON(e.stdout, ev)
	}
	return writeGroupEvaluationText(e.stdout, ev)
}

// readGrouping reads the members of each group of a groups --json or
// --csv output (CSV: columns group and id, rows with an empty group
// skipped; groups in the order they first appear), and for a CSV the
// lines of each group's rows (nil for JSON), so that a problem with a
// group can name them.
func readGrouping(path string) ([][]string, [][]int, error) {
	data, err := readDocument(path, "a grouping: the --json or --csv output of peermatch groups")
	if err != nil {
		return nil, nil, err
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		res, err := cohort.ReadJSON(bytes.NewReader(t))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		groups := make([][]string, len(res.Groups))
		for g := range res.Groups {
			groups[g] = res.Groups[g].Members
		}
		return groups, nil, nil
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("%s: empty (want the --json or --csv output of peermatch groups)", path)
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for x, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = x
	}
	cg, okG := col["group"]
	ci, okI := col["id"]
	if !okG || !okI {
		return nil, nil, fmt.Errorf("%s: line 1: the header needs columns group and id, got %s", path, strings.Join(header, ","))
	}
	var (
		groups [][]string
		lines  [][]int
	)
	at := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(x int) string {
			if x < len(rec) {
				return plainCell(rec[x])
			}
			return ""
		}
		g, id := cell(cg), cell(ci)
		if g == "" {
			continue // an unplaced person
		}
		if id == "" {
			return nil, nil, fmt.Errorf("%s: line %d: column id is empty", path, line)
		}
		x, ok := at[g]
		if !ok {
			x = len(groups)
			at[g] = x
			groups = append(groups, nil)
			lines = append(lines, nil)
		}
		groups[x] = append(groups[x], id)
		lines[x] = append(lines[x], line)
	}
	return groups, lines, nil
}

type groupBrokenJSON struct {
	Group  string   `json:"group"`
	People []string `json:"people"`
	Rule   string   `json:"rule"`
	Reason string   `json:"reason"`
}

// writeGroupEvaluationJSON writes {"grouping": <groups --json object>,
// "broken": [{group, people, rule, reason}], "problems": [text]}.
func writeGroupEvaluationJSON(w io.Writer, ev *cohort.Evaluation) error {
	var gj bytes.Buffer
	if err := cohort.WriteJSON(&gj, ev.Result); err != nil {
		return err
	}
	out := struct {
		Grouping json.RawMessage   `json:"grouping"`
		Broken   []groupBrokenJSON `json:"broken"`
		Problems []string          `json:"problems"`
	}{Grouping: gj.Bytes(), Broken: []groupBrokenJSON{}, Problems: []string{}}
	for _, b := range ev.Broken {
		out.Broken = append(out.Broken, groupBrokenJSON{Group: b.Group, People: b.People, Rule: b.Rule, Reason: b.Reason})
	}
	out.Problems = append(out.Problems, ev.Problems...)
	return writeIndented(w, out)
}

// writeGroupEvaluationText writes the groups as groups does, then the
// broken rules and the problems (survey strings through termsafe.Text).
func writeGroupEvaluationText(w io.Writer, ev *cohort.Evaluation) error {
	if err := cohort.WriteText(w, ev.Result); err != nil {
		return err
	}
	broken := make([]string, len(ev.Broken))
	for x, br := range ev.Broken {
		people := make([]string, len(br.People))
		for y, p := range br.People {
			people[y] = termsafe.Text(p)
		}
		broken[x] = fmt.Sprintf("%s: %s: %s (%s)", termsafe.Text(br.Group), strings.Join(people, ", "), br.Rule, termsafe.Text(br.Reason))
	}
	return writeFindings(w, broken, ev.Problems)
}

// writeFindings writes the broken rules (lines already terminal-safe) and
// the problems that follow an evaluated pairing or grouping.
func writeFindings(w io.Writer, broken, problems []string) error {
	var b strings.Builder
	if len(broken) == 0 {
		b.WriteString("\nbroken rules: none\n")
	} else {
		fmt.Fprintf(&b, "\nbroken rules (%d):\n", len(broken))
		for _, line := range broken {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(&b, "\nproblems (%d):\n", len(problems))
		for _, p := range problems {
			fmt.Fprintf(&b, "  %s\n", termsafe.Text(p))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// readDocument reads a document of ours (at most MaxHistoryBytes, a UTF-8
// BOM dropped) for evaluate; what says what the file should be.
func readDocument(path, what string) ([]byte, error) {
	f, err := openInput(path, what)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(f), pairing.MaxHistoryBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > pairing.MaxHistoryBytes {
		return nil, fmt.Errorf("%s: longer than %d bytes", path, pairing.MaxHistoryBytes)
	}
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), nil
}

// writeIndented writes v as indented JSON, as every --json output is.
func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
