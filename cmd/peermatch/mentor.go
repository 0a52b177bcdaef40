package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/csvsafe"
	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

func init() {
	register(&command{
		name:    "mentor",
		args:    "FILE (--mentors ID,ID,… | --mentors-where tag:KEY=VALUE) [--mentees ID,ID,…] [pair rule flags] [--json|--csv]",
		summary: "assign mentees to mentors one way, within each mentor's capacity",
		help: `Reads a roster (CSV or JSON) and assigns each mentee at most one mentor,
one way: the mentor teaches, the mentee learns. A mentor takes up to their
capacity (the roster's capacity column, default 1) mentees. The assignment
serves as many mentees as possible and, among those assignments, gives the
largest total of what mentors teach, exactly. The hard rules of pairs
apply to every mentor-mentee pair (grade gap, the peer rule, no line
manager, never-pair lists), and a mentor must teach the mentee something
they want.

Mentors are chosen either by id (--mentors) or by a tag column of the
survey (--mentors-where tag:role=mentor selects everyone whose tag:role
column is "mentor", ignoring case). Mentees are everyone else, or the ids
given with --mentees.

Prints each mentor with their mentee, the score (the share of the mentee's
wants the mentor covers, 0-100) and the skills taught; then the mentees
left without a mentor with the reason; then each mentor's load against
their capacity.

flags:
  --mentors IDS         comma-separated ids of the mentors
  --mentors-where SEL   select the mentors by a tag: tag:KEY=VALUE
  --mentees IDS         comma-separated ids of the mentees (default:
                        everyone who is not a mentor)
` + pairRuleHelp + `  --json                one JSON object
  --csv                 CSV, safe to open in a spreadsheet

examples:
  peermatch mentor roster.csv --mentors ana,ben
  peermatch mentor roster.csv --mentors-where tag:role=mentor --max-grade-gap -1
  peermatch mentor roster.csv --mentors ana --mentees cy,dee --json`,
		run: runMentor,
	})
}

func runMentor(ctx context.Context, e *env, args []string) error {
	c := commands["mentor"]
	fs := newFlags(c)
	mentorIDs := new(string)
	fs.Var((*commaListFlag)(mentorIDs), "mentors", "comma-separated ids of the mentors")
	where := fs.String("mentors-where", "", "select the mentors by a tag: tag:KEY=VALUE")
	menteeIDs := new(string)
	fs.Var((*commaListFlag)(menteeIDs), "mentees", "comma-separated ids of the mentees (default: everyone else)")
	rules := addPairRuleFlags(fs, pairFlagSet{})
	ff := addFormatFlags(fs, true)
	path, err := e.fileArg(c, fs, args)
	if err != nil {
		return err
	}
	out, err := ff.choose(c)
	if err != nil {
		return err
	}
	if (*mentorIDs == "") == (*where == "") {
		return usagef(c, "give the mentors with exactly one of --mentors or --mentors-where")
	}
	var key, value string
	if *where != "" {
		sel, ok := strings.CutPrefix(*where, "tag:")
		key, value, _ = strings.Cut(sel, "=")
		if !ok || key == "" || !strings.Contains(sel, "=") {
			return usagef(c, "--mentors-where: want tag:KEY=VALUE, got %q", *where)
		}
	}
	opt, err := rules.options(c)
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
	var mentors []string
	if *where != "" {
		for _, p := range r.People {
			if strings.EqualFold(p.Tags[key], value) {
				mentors = append(mentors, p.ID)
			}
		}
		if len(mentors) == 0 {
			return fmt.Errorf("%s: nobody has tag:%s = %q (check the column tag:%s)", path, key, value, key)
		}
	} else {
		if mentors, err = splitIDs(c, "mentors", *mentorIDs); err != nil {
			return err
		}
	}
	isMentor := make(map[string]bool, len(mentors))
	for _, id := range mentors {
		isMentor[id] = true
	}
	var mentees []string
	if *menteeIDs != "" {
		if mentees, err = splitIDs(c, "mentees", *menteeIDs); err != nil {
			return err
		}
		for _, id := range mentees {
			if isMentor[id] {
				return fmt.Errorf("%s: %s is both a mentor and a mentee", path, id)
			}
		}
	} else {
		for _, p := range r.People {
			if !isMentor[p.ID] {
				mentees = append(mentees, p.ID)
			}
		}
	}
	stop := startProgress(e, fmt.Sprintf("assigning %d mentees to %d mentors", len(mentees), len(mentors)))
	res, err := pairing.Mentor(ctx, r, mentors, mentees, opt)
	stop()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	switch out {
	case formatJSON:
		return writeMentorJSON(e.stdout, r, res)
	case formatCSV:
		return writeMentorCSV(e.stdout, res)
	}
	return writeMentorText(e.stdout, r, res)
}

// splitIDs splits the comma-separated ids of --name, trimming spaces. An
// empty entry (`--mentors ,`, `a,,b`) or an id given twice is a usage
// error naming the flag, as for --never: dropping it would leave a run
// with no mentors, or everyone as a mentee, without a word.
func splitIDs(c *command, name, s string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, id := range strings.Split(s, ",") {
		id = strings.TrimSpace(id)
		switch {
		case id == "":
			return nil, usagef(c, "--%s: an empty id in %q (ids are separated by commas)", name, s)
		case seen[id]:
			return nil, usagef(c, "--%s: %q appears twice in %q", name, id, s)
		}
		seen[id] = true
		out = append(out, id)
	}
	return out, nil
}

// mentorLoads returns the mentors' ids, sorted, with their load and
// capacity.
func mentorLoads(r *skills.Roster, res *pairing.MentorResult) []mentorLoad {
	ids := make([]string, 0, len(res.Load))
	for id := range res.Load {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]mentorLoad, len(ids))
	for x, id := range ids {
		capacity := 1
		if i, ok := r.Index(id); ok {
			capacity = r.People[i].EffectiveCapacity()
		}
		out[x] = mentorLoad{ID: id, Load: res.Load[id], Capacity: capacity}
	}
	return out
}

type mentorLoad struct {
	ID       string `json:"id"`
	Load     int    `json:"load"`
	Capacity int    `json:"capacity"`
}

type mentorPairJSON struct {
	Mentor  string               `json:"mentor"`
	Mentee  string               `json:"mentee"`
	Score   float64              `json:"score"`
	Teaches []pairing.SkillValue `json:"teaches"`
}

type mentorUnmatchedJSON struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// writeMentorJSON writes one object: "pairs" [{mentor, mentee, score,
// teaches}], "unassigned" [{id, reason}] (the unmatched mentees, under the
// key platforms read), "loads" [{id, load, capacity}] and "total".
func writeMentorJSON(w io.Writer, r *skills.Roster, res *pairing.MentorResult) error {
	out := struct {
		Pairs     []mentorPairJSON      `json:"pairs"`
		Unmatched []mentorUnmatchedJSON `json:"unassigned"`
		Loads     []mentorLoad          `json:"loads"`
		Total     float64               `json:"total"`
	}{Pairs: []mentorPairJSON{}, Unmatched: []mentorUnmatchedJSON{}, Loads: mentorLoads(r, res), Total: res.Total}
	for _, p := range res.Pairs {
		t := p.Teaches
		if t == nil {
			t = []pairing.SkillValue{}
		}
		out.Pairs = append(out.Pairs, mentorPairJSON{Mentor: p.Mentor, Mentee: p.Mentee, Score: p.Score, Teaches: t})
	}
	for _, u := range res.Unmatched {
		out.Unmatched = append(out.Unmatched, mentorUnmatchedJSON{ID: u.ID, Reason: u.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// skillsTaught returns "name (value); …".
func skillsTaught(s []pairing.SkillValue) string {
	parts := make([]string, len(s))
	for x, v := range s {
		parts[x] = fmt.Sprintf("%s (%s)", v.Skill, strconv.FormatFloat(v.Value, 'f', -1, 64))
	}
	return strings.Join(parts, "; ")
}

// writeMentorCSV writes mentor,mentee,score,teaches,reason: one row per
// pair, then one per unmatched mentee (mentee and reason only), every
// cell escaped against spreadsheet formulas.
func writeMentorCSV(w io.Writer, res *pairing.MentorResult) error {
	cw := csv.NewWriter(w)
	sw := csvsafe.NewWriter(cw)
	if err := sw.Write([]string{"mentor", "mentee", "score", "teaches", "reason"}); err != nil {
		return err
	}
	for _, p := range res.Pairs {
		if err := sw.Write([]string{p.Mentor, p.Mentee, strconv.FormatFloat(p.Score, 'f', -1, 64), skillsTaught(p.Teaches), ""}); err != nil {
			return err
		}
	}
	for _, u := range res.Unmatched {
		if err := sw.Write([]string{"", u.ID, "", "", u.Reason}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeMentorText writes the pairs as a table, the unmatched mentees (under
// "unassigned:") and the mentors' loads; every survey string goes through
// termsafe.Text.
func writeMentorText(w io.Writer, r *skills.Roster, res *pairing.MentorResult) error {
	var b strings.Builder
	loads := mentorLoads(r, res)
	fmt.Fprintf(&b, "%d %s assigned to %d %s, %d unassigned\n\n", len(res.Pairs), plural.Word(len(res.Pairs), "mentee", "mentees"), len(loads), plural.Word(len(loads), "mentor", "mentors"), len(res.Unmatched))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "mentor\tmentee\tscore\tteaches")
	for _, p := range res.Pairs {
		names := make([]string, len(p.Teaches))
		for x, s := range p.Teaches {
			names[x] = s.Skill
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\n", idName(r, p.Mentor), idName(r, p.Mentee), p.Score, termsafe.Text(strings.Join(names, ", ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(res.Unmatched) > 0 {
		b.WriteString("\nunassigned:\n")
		for _, u := range res.Unmatched {
			fmt.Fprintf(&b, "  %s: %s\n", idName(r, u.ID), termsafe.Text(u.Reason))
		}
	}
	parts := make([]string, len(loads))
	for x, l := range loads {
		parts[x] = fmt.Sprintf("%s %d/%d", termsafe.Text(l.ID), l.Load, l.Capacity)
	}
	fmt.Fprintf(&b, "\nmentor loads: %s\n", strings.Join(parts, ", "))
	_, err := io.WriteString(w, b.String())
	return err
}

// idName returns "id Name" for the table, as pairs shows people (the id
// alone when the roster has no name), terminal-safe.
func idName(r *skills.Roster, id string) string {
	if p := r.Person(id); p != nil && p.Name != "" {
		return termsafe.Text(id + " " + p.Name)
	}
	return termsafe.Text(id)
}
