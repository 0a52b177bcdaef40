package pairing

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/peermatch/peermatch/internal/plural"

	"github.com/peermatch/peermatch/internal/csvsafe"
	"github.com/peermatch/peermatch/internal/termsafe"
)

// errNilResult is what the writers return for a nil *Result, which
// would otherwise be dereferenced.
var errNilResult = errors.New("pairing: nil *Result")

type jsonPair struct {
	A         string       `json:"a"`
	B         string       `json:"b"`
	C         string       `json:"c,omitempty"`
	AName     string       `json:"a_name,omitempty"`
	AEmail    string       `json:"a_email,omitempty"`
	BName     string       `json:"b_name,omitempty"`
	BEmail    string       `json:"b_email,omitempty"`
	CName     string       `json:"c_name,omitempty"`
	CEmail    string       `json:"c_email,omitempty"`
	Score     float64      `json:"score"`
	ATeachesB []SkillValue `json:"a_teaches_b"`
	BTeachesA []SkillValue `json:"b_teaches_a"`
	ATeachesC []SkillValue `json:"a_teaches_c,omitempty"`
	CTeachesA []SkillValue `json:"c_teaches_a,omitempty"`
	BTeachesC []SkillValue `json:"b_teaches_c,omitempty"`
	CTeachesB []SkillValue `json:"c_teaches_b,omitempty"`
	Pinned    bool         `json:"pinned,omitempty"`
}

type jsonUnmatched struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Email  string `json:"email,omitempty"`
	Reason string `json:"reason"`
}

type jsonResult struct {
	Strategy         string          `json:"strategy"`
	Pairs            []jsonPair      `json:"pairs"`
	Unmatched        []jsonUnmatched `json:"unmatched"`
	Metrics          Metrics         `json:"metrics"`
	NoStableMatching bool            `json:"no_stable_matching,omitempty"`
	Notes            []string        `json:"notes,omitempty"`
	Loads            []jsonLoad      `json:"loads,omitempty"`
}

type jsonLoad struct {
	ID       string `json:"id"`
	Load     int    `json:"load"`
	Capacity int    `json:"capacity"`
}

func nonNil(s []SkillValue) []SkillValue {
	if s == nil {
		return []SkillValue{}
	}
	return s
}

// WriteJSON writes res as one indented JSON object:
//
//	{"strategy": "optimal",
//	 "pairs": [{"a": id, "b": id, "a_name": name, "a_email": address,
//	            "b_name": name, "b_email": address, "score": 0–100,
//	            "a_teaches_b": [{"skill": name, "value": v}, …],
//	            "b_teaches_a": […]}, …],
//	 "unmatched": [{"id": id, "name": name, "email": address,
//	                "reason": text}, …],
//	 "metrics": {"pairs", "trios", "matched", "unmatched", "total", "mean",
//	             "min", "equity", "want_coverage", "blocking_pairs",
//	             "rejected": {rule: count}},
//	 "notes": [text, …]}
//
// When capacities above 1 were honoured, a person may be in several
// pairs, "metrics" also has "links" and "at_capacity", and "loads" lists
// every person as {"id": id, "load": buddies, "capacity": capacity}.
// A name or e-mail address is left out when the roster has none for that
// person (Pair.AName, Pair.AEmail, …; Unmatched.Name, Unmatched.Email).
// A trio's object also has "c", "c_name", "c_email" and "a_teaches_c", "c_teaches_a",
// "b_teaches_c", "c_teaches_b"; a pinned pair has "pinned": true; a Stable
// result without a stable matching has "no_stable_matching": true. The
// output is byte-identical for identical results, and ReadHistory reads it.
func WriteJSON(w io.Writer, res *Result) error {
	if res == nil {
		return errNilResult
	}
	out := jsonResult{Strategy: res.Strategy, Pairs: []jsonPair{}, Unmatched: []jsonUnmatched{},
		Metrics: res.Metrics, NoStableMatching: res.NoStableMatching, Notes: res.Notes}
	if out.Metrics.Rejected == nil {
		out.Metrics.Rejected = map[string]int64{}
	}
	for _, p := range res.Pairs {
		jp := jsonPair{A: p.A, B: p.B, C: p.C, AName: p.AName, AEmail: p.AEmail, BName: p.BName, BEmail: p.BEmail,
			Score: p.Score, ATeachesB: nonNil(p.ATeachesB), BTeachesA: nonNil(p.BTeachesA), Pinned: p.Pinned}
		if p.C != "" {
			jp.CName, jp.CEmail = p.CName, p.CEmail
			jp.ATeachesC, jp.CTeachesA, jp.BTeachesC, jp.CTeachesB = nonNil(p.ATeachesC), nonNil(p.CTeachesA), nonNil(p.BTeachesC), nonNil(p.CTeachesB)
		}
		out.Pairs = append(out.Pairs, jp)
	}
	for _, u := range res.Unmatched {
		out.Unmatched = append(out.Unmatched, jsonUnmatched{ID: u.ID, Name: u.Name, Email: u.Email, Reason: u.Reason})
	}
	for _, l := range res.Loads {
		out.Loads = append(out.Loads, jsonLoad(l))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func skillList(s []SkillValue) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprintf("%s (%s)", v.Skill, strconv.FormatFloat(v.Value, 'f', -1, 64))
	}
	return strings.Join(parts, "; ")
}

// WriteCSV writes res as CSV with the header
// a,b,c,score,a_teaches_b,b_teaches_a,reason,a_teaches_c,c_teaches_a,b_teaches_c,c_teaches_b,a_name,a_email,b_name,b_email,c_name,c_email:
// one row per pair or trio (skills as "name (value); …", each skill once
// per column; a_teaches_c to c_teaches_b and c_name, c_email are filled
// for trios only), then one row per unmatched person with only a, reason,
// a_name and a_email. The names and e-mail addresses come last so that the
// first eleven columns keep the positions they have always had; a name or
// address is empty when the roster has none. Every cell is escaped against
// spreadsheet formulas (csvsafe).
func WriteCSV(w io.Writer, res *Result) error {
	if res == nil {
		return errNilResult
	}
	cw := csv.NewWriter(w)
	sw := csvsafe.NewWriter(cw)
	if err := sw.Write([]string{"a", "b", "c", "score", "a_teaches_b", "b_teaches_a", "reason", "a_teaches_c", "c_teaches_a", "b_teaches_c", "c_teaches_b",
		"a_name", "a_email", "b_name", "b_email", "c_name", "c_email"}); err != nil {
		return err
	}
	for _, p := range res.Pairs {
		row := []string{p.A, p.B, p.C, strconv.FormatFloat(p.Score, 'f', -1, 64), skillList(p.ATeachesB), skillList(p.BTeachesA), "", "", "", "", "",
			p.AName, p.AEmail, p.BName, p.BEmail, "", ""}
		if p.C != "" {
			row[7], row[8], row[9], row[10] = skillList(p.ATeachesC), skillList(p.CTeachesA), skillList(p.BTeachesC), skillList(p.CTeachesB)
			row[15], row[16] = p.CName, p.CEmail
		}
		if err := sw.Write(row); err != nil {
			return err
		}
	}
	for _, u := range res.Unmatched {
		if err := sw.Write([]string{u.ID, "", "", "", "", "", u.Reason, "", "", "", "", u.Name, u.Email, "", "", "", ""}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes res as a readable table: one line per pair (each
// member as id and name) with its score and what each teaches the other,
// the unmatched people with their reasons, and the metrics. A trio's third
// member C gets a line of its own with what A and B teach C and what C
// teaches them, each skill once per direction (see trioNames). Under
// capacities, a load line follows (links, people at capacity, and the load
// of everyone whose capacity is above 1).
//
// Every id, name, skill name, reason and note is written through
// termsafe.Text: control characters (escape sequences, raw newlines, tabs),
// line separators, bidi controls and invalid UTF-8 show as Go escapes such
// as \x1b, so that survey data cannot act on the terminal or forge a table
// line; other characters of every script are written unchanged. WriteJSON
// and WriteCSV write the data as read.
func WriteText(w io.Writer, res *Result) error {
	if res == nil {
		return errNilResult
	}
	var b strings.Builder
	fmt.Fprintf(&b, "strategy: %s — %s, %d matched, %d unmatched\n\n", termsafe.Text(res.Strategy), plural.Count(res.Metrics.Pairs, "pair", "pairs"), res.Metrics.Matched, res.Metrics.Unmatched)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "A\tB\tscore\tA teaches B\tB teaches A")
	for _, p := range res.Pairs {
		mark := ""
		if p.Pinned {
			mark = " (pinned)"
		}
		fmt.Fprintf(tw, "%s\t%s%s\t%.1f\t%s\t%s\n", who(p.A, p.AName), who(p.B, p.BName), mark, p.Score, names(p.ATeachesB), names(p.BTeachesA))
		if p.C != "" {
			fmt.Fprintf(tw, "  + %s\t(trio)\t\tA,B teach C: %s\tC teaches A,B: %s\n", who(p.C, p.CName), trioNames(p.ATeachesC, p.BTeachesC, true), trioNames(p.CTeachesA, p.CTeachesB, false))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(res.Unmatched) > 0 {
		b.WriteString("\nunmatched:\n")
		for _, u := range res.Unmatched {
			fmt.Fprintf(&b, "  %s: %s\n", who(u.ID, u.Name), termsafe.Text(u.Reason))
		}
	}
	m := res.Metrics
	fmt.Fprintf(&b, "\nmean score %.1f, min %.1f, equity %.3f (0 = even exchange), want coverage %.0f%%, blocking pairs %d\n",
		m.Mean, m.Min, m.Equity, 100*m.WantCoverage, m.BlockingPairs)
	if res.Loads != nil {
		writeLoads(&b, res)
	}
	if res.NoStableMatching {
		b.WriteString("no stable matching exists for these preferences\n")
	}
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "note: %s\n", termsafe.Text(n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// who returns a person as "id name", or the id alone without a name, safe
// for a terminal (termsafe.Text).
func who(id, name string) string {
	if name == "" {
		return termsafe.Text(id)
	}
	return termsafe.Text(id + " " + name)
}

func names(s []SkillValue) string {
	if len(s) == 0 {
		return "-"
	}
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = termsafe.Text(v.Skill)
	}
	return strings.Join(parts, ", ")
}

// trioNames lists the skills of two directions of a trio once each, with
// the member they go with: a from A, b from B. For what A and B teach C
// (teachers true), a skill both teach is credited to the one who teaches
// it more, "Coaching (B)", or to both when they teach it equally,
// "Coaching (A, B)": C learns it from the stronger teacher. For what C
// teaches A and B (teachers false), a skill is listed with every member
// who learns it. Skills come by value, the larger of the two, highest
// first, ties in the order of a, then b.
func trioNames(a, b []SkillValue, teachers bool) string {
	type entry struct {
		skill  string
		va, vb float64 // −1: not in that list
	}
	var es []*entry
	at := map[string]*entry{}
	for side, l := range [2][]SkillValue{a, b} {
		for _, v := range l {
			e, ok := at[v.Skill]
			if !ok {
				e = &entry{skill: v.Skill, va: -1, vb: -1}
				at[v.Skill] = e
				es = append(es, e)
			}
			if side == 0 {
				e.va = v.Value
			} else {
				e.vb = v.Value
			}
		}
	}
	if len(es) == 0 {
		return "-"
	}
	slices.SortStableFunc(es, func(x, y *entry) int { return cmpFloat(max(y.va, y.vb), max(x.va, x.vb)) })
	parts := make([]string, len(es))
	for i, e := range es {
		inA, inB := e.va >= 0, e.vb >= 0
		if teachers && inA && inB && e.va != e.vb {
			inA, inB = e.va > e.vb, e.vb > e.va
		}
		switch {
		case inA && inB:
			parts[i] = termsafe.Text(e.skill) + " (A, B)"
		case inA:
			parts[i] = termsafe.Text(e.skill) + " (A)"
		default:
			parts[i] = termsafe.Text(e.skill) + " (B)"
		}
	}
	return strings.Join(parts, ", ")
}
