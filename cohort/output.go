package cohort

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/peermatch/peermatch/internal/csvsafe"
	"github.com/peermatch/peermatch/internal/termsafe"
)

// WriteJSON writes res as one JSON document:
//
//	{"groups":[{"id":1,"members":["a","b"],"topics":[{"skill":"Coaching","owner":"a"}],"metrics":{…}}],
//	 "remainder":[{"id":"c","reason":"…"}],"metrics":{…}}
//
// "remainder" appears only when someone was left out. The output is
// byte-identical for equal results. It takes time linear in the size of res.
func WriteJSON(w io.Writer, res *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// ReadJSON reads a groups document written by WriteJSON. It returns an
// error wrapping ErrFormat when the document is not valid JSON of that
// shape, has unknown fields, a group without members, an id in two places,
// or a topic owned by someone outside its group. It takes time linear in the
// size of the input.
func ReadJSON(r io.Reader) (*Result, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var res Result
	if err := dec.Decode(&res); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the document", ErrFormat)
	}
	seen := map[string]string{}
	place := func(id, where string) error {
		if strings.TrimSpace(id) == "" {
			return fmt.Errorf("%w: empty id in %s", ErrFormat, where)
		}
		if prev, dup := seen[id]; dup {
			return fmt.Errorf("%w: id %q is in %s and in %s", ErrFormat, id, prev, where)
		}
		seen[id] = where
		return nil
	}
	for _, g := range res.Groups {
		where := fmt.Sprintf("group %d", g.ID)
		if len(g.Members) == 0 {
			return nil, fmt.Errorf("%w: %s has no members", ErrFormat, where)
		}
		for _, id := range g.Members {
			if err := place(id, where); err != nil {
				return nil, err
			}
		}
		for _, t := range g.Topics {
			if _, ok := seen[t.Owner]; !ok || seen[t.Owner] != where {
				return nil, fmt.Errorf("%w: topic %q of %s is owned by %q, not a member", ErrFormat, t.Skill, where, t.Owner)
			}
		}
	}
	for _, u := range res.Remainder {
		if err := place(u.ID, "the remainder"); err != nil {
			return nil, err
		}
	}
	return &res, nil
}

// owned returns, for each member of g, the skills of the topics they own,
// in plan order.
func owned(g *Group) map[string][]string {
	m := map[string][]string{}
	for _, t := range g.Topics {
		m[t.Owner] = append(m[t.Owner], t.Skill)
	}
	return m
}

// WriteCSV writes one row per person: group, id, name, the topics they own
// (joined by "; ") and, for the remainder (empty group), the reason. Every
// cell is escaped with csvsafe.Cell. Names are empty for a Result read by
// ReadJSON. It takes time linear in the size of res.
func WriteCSV(w io.Writer, res *Result) error {
	cw := csvsafe.NewWriter(csv.NewWriter(w))
	if err := cw.Write([]string{"group", "id", "name", "owns", "reason"}); err != nil {
		return err
	}
	for gi := range res.Groups {
		g := &res.Groups[gi]
		own := owned(g)
		for _, id := range g.Members {
			if err := cw.Write([]string{strconv.Itoa(g.ID), id, res.names[id], strings.Join(own[id], "; "), ""}); err != nil {
				return err
			}
		}
	}
	for _, u := range res.Remainder {
		if err := cw.Write([]string{"", u.ID, res.names[u.ID], "", u.Reason}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes a readable report: for each group its members (with the
// topics they own), its topics in session order with their owners, and its
// metrics; then the remainder and the overall metrics. Every id, name,
// focus, skill name and reason is written through termsafe.Text, so that
// escape sequences, raw newlines and tabs, bidi controls and invalid UTF-8
// in survey data show as Go escapes such as \x1b instead of acting on the
// terminal or breaking the columns; other characters of every script are
// written unchanged (WriteJSON and WriteCSV write the data as read). It
// takes time linear in the size of res.
func WriteText(w io.Writer, res *Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for gi := range res.Groups {
		g := &res.Groups[gi]
		m := g.Metrics
		// "G1" is how schedule, calendars and the report name the group too.
		title := fmt.Sprintf("Group G%d (%d members", g.ID, len(g.Members))
		if g.Focus != "" {
			// %q escapes as termsafe.Text does, and quotes.
			title += fmt.Sprintf(", focus %q", g.Focus)
		}
		fmt.Fprintf(tw, "%s)\n", title)
		own := owned(g)
		for _, id := range g.Members {
			name := res.names[id]
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", termsafe.Text(id), termsafe.Text(name), termsafe.Text(strings.Join(own[id], ", ")))
		}
		if len(g.Topics) > 0 {
			fmt.Fprintf(tw, "  topics:\n")
			for t, tp := range g.Topics {
				fmt.Fprintf(tw, "  %d.\t%s\t%s\n", t+1, termsafe.Text(tp.Skill), termsafe.Text(tp.Owner))
			}
		}
		fmt.Fprintf(tw, "  score %.3f  teachability %.3f  roles %.3f", m.Score, m.Teachability, m.Roles)
		if m.DepartmentExcess > 0 {
			fmt.Fprintf(tw, "  department excess %d", m.DepartmentExcess)
		}
		if m.Isolated > 0 {
			fmt.Fprintf(tw, "  isolated %d", m.Isolated)
		}
		if m.Repeats > 0 {
			fmt.Fprintf(tw, "  repeats %d", m.Repeats)
		}
		if m.UnqualifiedOwners > 0 {
			fmt.Fprintf(tw, "  unqualified owners %d", m.UnqualifiedOwners)
		}
		fmt.Fprintf(tw, "\n\n")
	}
	if len(res.Remainder) > 0 {
		fmt.Fprintf(tw, "Not placed (%d)\n", len(res.Remainder))
		for _, u := range res.Remainder {
			fmt.Fprintf(tw, "  %s\t%s\n", termsafe.Text(u.ID), termsafe.Text(u.Reason))
		}
		fmt.Fprintln(tw)
	}
	m := res.Metrics
	fmt.Fprintf(tw, "%d groups, %d people: objective %.3f (min %.3f, mean %.3f, max %.3f, spread %.3f)\n",
		m.Groups, m.People, m.Objective, m.MinScore, m.MeanScore, m.MaxScore, m.Spread)
	fmt.Fprintf(tw, "teachability %.3f, roles %.3f; search: %d iterations, %d moves accepted, %d restarts",
		m.Teachability, m.Roles, m.Iterations, m.MovesAccepted, m.Restarts)
	if m.TimedOut {
		fmt.Fprintf(tw, " (time limit reached)")
	}
	fmt.Fprintln(tw)
	return tw.Flush()
}
