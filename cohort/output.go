package cohort

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/peermatch/peermatch/internal/csvsafe"
	"github.com/peermatch/peermatch/internal/termsafe"
)

// errNilResult is what the writers return for a nil *Result, which
// would otherwise be dereferenced.
var errNilResult = errors.New("cohort: nil *Result")

// jsonMember is one entry of a group's "people": a member's id with the
// roster's name and e-mail address.
type jsonMember struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// jsonGroup is a Group as WriteJSON writes it: "people" follows
// "members", and the embedded Group gives the other fields (its ID and
// Members are shadowed by the two fields of the same names).
type jsonGroup struct {
	ID      int          `json:"id"`
	Members []string     `json:"members"`
	People  []jsonMember `json:"people,omitempty"`
	Group
}

// jsonUnplaced is an Unplaced person with the roster's name and address.
type jsonUnplaced struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Email  string `json:"email,omitempty"`
	Reason string `json:"reason"`
}

// jsonResult is a Result as WriteJSON writes it; the embedded Result gives
// the fields other than "groups" and "remainder" (Result.Unplaced).
type jsonResult struct {
	Groups   []jsonGroup    `json:"groups"`
	Unplaced []jsonUnplaced `json:"remainder,omitempty"`
	Result
}

// hasContacts reports whether res knows a name or e-mail address for
// anyone.
func (res *Result) hasContacts() bool {
	for _, m := range []map[string]string{res.names, res.emails} {
		for _, v := range m {
			if v != "" {
				return true
			}
		}
	}
	return false
}

// WriteJSON writes res as one JSON document:
//
//	{"groups":[{"id":1,"members":["a","b"],
//	            "people":[{"id":"a","name":"Ana Ruiz","email":"ana@example.org"},…],
//	            "topics":[{"skill":"Coaching","owner":"a"}],"metrics":{…}}],
//	 "remainder":[{"id":"c","name":"Cy Lam","email":"cy@example.org","reason":"…"}],
//	 "metrics":{…}}
//
// "people" lists every member of the group, in the order of "members",
// with the roster's name and e-mail address; it appears when the roster
// gave anyone a name or an address, and a "name" or "email" that the
// roster leaves empty is left out (in "remainder" too). "remainder"
// appears only when someone was left out. The output is byte-identical
// for equal results. It takes time linear in the size of res.
func WriteJSON(w io.Writer, res *Result) error {
	if res == nil {
		return errNilResult
	}
	out := jsonResult{Groups: make([]jsonGroup, len(res.Groups)), Result: *res}
	people := res.hasContacts()
	for i, g := range res.Groups {
		jg := jsonGroup{ID: g.ID, Members: g.Members, Group: g}
		if people {
			jg.People = make([]jsonMember, len(g.Members))
			for x, id := range g.Members {
				jg.People[x] = jsonMember{ID: id, Name: res.names[id], Email: res.emails[id]}
			}
		}
		out.Groups[i] = jg
	}
	for _, u := range res.Unplaced {
		out.Unplaced = append(out.Unplaced, jsonUnplaced{ID: u.ID, Name: res.names[u.ID], Email: res.emails[u.ID], Reason: u.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// ReadJSON reads a groups document written by WriteJSON, with the names
// and e-mail addresses it lists (so that WriteCSV and WriteText show them
// again). It returns an error wrapping ErrFormat when the document is not
// valid JSON of that shape, has unknown fields, two groups of one id, a
// group without members, an id in two places, a topic owned by someone
// outside its group, or an entry of "people" that is not a member of its
// group (or is listed twice). It takes time linear in the size of the
// input.
func ReadJSON(r io.Reader) (*Result, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var in jsonResult
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the document", ErrFormat)
	}
	res := in.Result
	res.names, res.emails = map[string]string{}, map[string]string{}
	res.Groups, res.Unplaced = nil, nil
	if in.Groups != nil {
		res.Groups = make([]Group, len(in.Groups))
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
	ids := make(map[int]bool, len(in.Groups))
	for i, jg := range in.Groups {
		g := jg.Group
		g.ID, g.Members = jg.ID, jg.Members
		res.Groups[i] = g
		where := fmt.Sprintf("group %d", g.ID)
		if ids[g.ID] {
			return nil, fmt.Errorf("%w: two groups have id %d", ErrFormat, g.ID)
		}
		ids[g.ID] = true
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
			if t.Reflection != "" && seen[t.Reflection] != where {
				return nil, fmt.Errorf("%w: topic %q of %s has reflection facilitator %q, not a member", ErrFormat, t.Skill, where, t.Reflection)
			}
		}
		for _, u := range g.NoTopic {
			if seen[u.ID] != where {
				return nil, fmt.Errorf("%w: %q under \"no_topic\" of %s is not a member", ErrFormat, u.ID, where)
			}
		}
		for _, l := range g.Lead {
			if seen[l.ID] != where {
				return nil, fmt.Errorf("%w: %q under \"lead\" of %s is not a member", ErrFormat, l.ID, where)
			}
		}
		listed := map[string]bool{}
		for _, p := range jg.People {
			if seen[p.ID] != where || listed[p.ID] {
				return nil, fmt.Errorf("%w: %q under \"people\" of %s is not a member listed once", ErrFormat, p.ID, where)
			}
			listed[p.ID] = true
			res.names[p.ID], res.emails[p.ID] = p.Name, p.Email
		}
	}
	for _, u := range in.Unplaced {
		if err := place(u.ID, "the remainder"); err != nil {
			return nil, err
		}
		res.Unplaced = append(res.Unplaced, Unplaced{ID: u.ID, Reason: u.Reason})
		res.names[u.ID], res.emails[u.ID] = u.Name, u.Email
	}
	return &res, nil
}

// owned returns, for each member of g, the skills of the topics they own,
// in plan order; in modules of two facilitators each skill says which
// session the member facilitates.
func owned(g *Group) map[string][]string {
	m := map[string][]string{}
	for _, t := range g.Topics {
		if t.Reflection == "" {
			m[t.Owner] = append(m[t.Owner], t.Skill)
			continue
		}
		m[t.Owner] = append(m[t.Owner], t.Skill+" (exploration)")
		m[t.Reflection] = append(m[t.Reflection], t.Skill+" (reflection)")
	}
	return m
}

// noTopicReasons maps the members of g who own no topic to the reason.
func noTopicReasons(g *Group) map[string]string {
	m := make(map[string]string, len(g.NoTopic))
	for _, u := range g.NoTopic {
		m[u.ID] = u.Reason
	}
	return m
}

// leadChoice names a LeadOutcome.Choice for the writers.
func leadChoice(c int) string {
	if c == 0 {
		return "none"
	}
	return ordinal(c)
}

// sourceNote says, for the text report, where a topic nobody wants comes
// from.
func sourceNote(s TopicSource) string {
	switch s {
	case FromHeld:
		return "held by a member, wanted by nobody"
	case FromCategory:
		return "a category of the catalog"
	case FromCatalog:
		return "a skill of the catalog"
	}
	return ""
}

// WriteCSV writes one row per person under the header
// group,id,name,owns,reason,email,lead_choice,lead_reason: the group, the
// id, the roster's name, the topics they own (joined by "; "; in modules
// of two facilitators with the session in parentheses), the reason for an
// unplaced person (empty group) or for a member who owns no topic, the roster's
// e-mail address, and for members who gave lead preferences the choice
// they got (first, second, third or none) and why not the first. New
// columns go last so that the earlier ones keep their positions. Every cell is escaped
// with csvsafe.Cell. A name or address is empty when the roster has none
// (or, for a Result read by ReadJSON, when the document does not list it).
// It takes time linear in the size of res.
func WriteCSV(w io.Writer, res *Result) error {
	if res == nil {
		return errNilResult
	}
	cw := csvsafe.NewWriter(csv.NewWriter(w))
	if err := cw.Write([]string{"group", "id", "name", "owns", "reason", "email", "lead_choice", "lead_reason"}); err != nil {
		return err
	}
	for gi := range res.Groups {
		g := &res.Groups[gi]
		own, why := owned(g), noTopicReasons(g)
		lead := make(map[string]LeadOutcome, len(g.Lead))
		for _, l := range g.Lead {
			lead[l.ID] = l
		}
		for _, id := range g.Members {
			choice := ""
			l, asked := lead[id]
			if asked {
				choice = leadChoice(l.Choice)
			}
			if err := cw.Write([]string{strconv.Itoa(g.ID), id, res.names[id], strings.Join(own[id], "; "), why[id], res.emails[id], choice, l.Reason}); err != nil {
				return err
			}
		}
	}
	for _, u := range res.Unplaced {
		if err := cw.Write([]string{"", u.ID, res.names[u.ID], "", u.Reason, res.emails[u.ID], "", ""}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes a readable report: for each group its members (with the
// topics they own), its topics in session order with their owners, and its
// metrics; then the unplaced people and the overall metrics. Every id, name,
// focus, skill name and reason is written through termsafe.Text, so that
// escape sequences, raw newlines and tabs, bidi controls and invalid UTF-8
// in survey data show as Go escapes such as \x1b instead of acting on the
// terminal or breaking the columns; other characters of every script are
// written unchanged (WriteJSON and WriteCSV write the data as read). It
// takes time linear in the size of res.
func WriteText(w io.Writer, res *Result) error {
	if res == nil {
		return errNilResult
	}
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
		own, why := owned(g), noTopicReasons(g)
		for _, id := range g.Members {
			name := res.names[id]
			owns := strings.Join(own[id], ", ")
			if r, ok := why[id]; ok {
				owns = "owns no topic: " + r
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", termsafe.Text(id), termsafe.Text(name), termsafe.Text(owns))
		}
		if len(g.Topics) > 0 {
			fmt.Fprintf(tw, "  topics:\n")
			for t, tp := range g.Topics {
				who := termsafe.Text(tp.Owner)
				if tp.Reflection != "" {
					who = fmt.Sprintf("exploration %s, reflection %s", who, termsafe.Text(tp.Reflection))
				}
				if n := sourceNote(tp.Source); n != "" {
					who += "\t(" + n + ")"
				}
				fmt.Fprintf(tw, "  %d.\t%s\t%s\n", t+1, termsafe.Text(tp.Skill), who)
			}
		}
		if m.LeadAsked > 0 {
			fmt.Fprintf(tw, "  lead preferences: %d of %d got their first choice, %d none\n", m.LeadFirst, m.LeadAsked, m.LeadNone)
			for _, l := range g.Lead {
				if l.Reason != "" {
					fmt.Fprintf(tw, "    %s\tgot %s\t%s\n", termsafe.Text(l.ID), leadChoice(l.Choice), termsafe.Text(l.Reason))
				}
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
	if len(res.Unplaced) > 0 {
		fmt.Fprintf(tw, "Not placed (%d)\n", len(res.Unplaced))
		for _, u := range res.Unplaced {
			fmt.Fprintf(tw, "  %s\t%s\n", termsafe.Text(u.ID), termsafe.Text(u.Reason))
		}
		fmt.Fprintln(tw)
	}
	if len(res.Groups) == 0 && len(res.Unplaced) > 0 {
		fmt.Fprintf(tw, "No group could be formed: everyone is listed above with the reason.\n\n")
	}
	m := res.Metrics
	groups := "groups"
	if m.Groups == 1 {
		groups = "group"
	}
	fmt.Fprintf(tw, "%d %s, %d people: objective %.3f (min %.3f, mean %.3f, max %.3f, spread %.3f)\n",
		m.Groups, groups, m.People, m.Objective, m.MinScore, m.MeanScore, m.MaxScore, m.Spread)
	fmt.Fprintf(tw, "teachability %.3f, roles %.3f", m.Teachability, m.Roles)
	if m.Iterations > 0 { // Evaluate scores groups without a search
		fmt.Fprintf(tw, "; search: %d iterations, %d moves accepted, %d restarts", m.Iterations, m.MovesAccepted, m.Restarts)
	}
	if m.TimedOut {
		fmt.Fprintf(tw, " (time limit reached)")
	}
	fmt.Fprintln(tw)
	if m.NoTopic > 0 {
		members := fmt.Sprintf("%d members own", m.NoTopic)
		if m.NoTopic == 1 {
			members = "1 member owns"
		}
		fmt.Fprintf(tw, "%s no topic (the reason is given in their group)\n", members)
	}
	if m.LeadAsked > 0 {
		fmt.Fprintf(tw, "lead preferences: %.0f%% got their first choice (%d of %d), %.0f%% none of their choices (%d)\n",
			100*m.LeadFirstShare, m.LeadFirst, m.LeadAsked, 100*m.LeadNoneShare, m.LeadNone)
	}
	return tw.Flush()
}
