package programme

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/peermatch/peermatch/internal/termsafe"
	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

// Party is one partner of a Contract.
type Party struct {
	ID, Name, Email string
	// Teaches lists the skills this partner will help the other with, best
	// first (pairing's explanation of the pair).
	Teaches []string
}

// display returns the name, or the id when there is none.
func (p Party) display() string {
	if p.Name != "" {
		return p.Name
	}
	return p.ID
}

// Contract is the agreement of one pair: who they are, what each will help
// the other with, blank goals to fill in, how often they meet, when the
// check-ins are and what they ask.
type Contract struct {
	Programme string
	Round     int
	Start     time.Time
	TrialEnd  time.Time // zero: no trial period
	A, B      Party
	Cadence   string
	CheckIns  []time.Time
	Questions []string
	// Goals is how many blank goals each partner gets, 0..MaxGoals.
	Goals int
}

// MaxGoals is the most blank goals a contract gives each partner
// (ContractOptions.Goals, Contract.Goals): the writers print a line per
// goal, so an unbounded count would be unbounded output.
const MaxGoals = 100

// defaultQuestions are the follow-up questions of every check-in.
var defaultQuestions = []string{
	"How is it going: what has each of us gained since the last check-in?",
	"Are our contributions equal and equitable: does each of us give about as much as we get?",
	"What can we improve before the next check-in?",
}

// DefaultQuestions returns the follow-up questions a contract lists when
// ContractOptions.Questions is empty (a fresh slice on every call).
func DefaultQuestions() []string { return append([]string(nil), defaultQuestions...) }

// ContractOptions configures Contracts. The zero value means the defaults
// given with each field.
type ContractOptions struct {
	// Programme names the programme in the heading.
	Programme string
	// Cadence says how often the partners meet; "" means "every two
	// weeks, for about an hour".
	Cadence string
	// CheckIns are the check-in dates; nil means every CheckInWeeks weeks
	// from the round's date until End (or six of them when End is zero),
	// none after the year MaxYear.
	CheckIns []time.Time
	// CheckInWeeks is the gap between generated check-ins; 0 means 4.
	CheckInWeeks int
	// End is the last possible check-in day (the programme's end).
	End time.Time
	// Questions are asked at every check-in; nil means DefaultQuestions.
	Questions []string
	// Goals is how many blank goals each partner gets; 0 means 3. Above
	// MaxGoals is an error.
	Goals int
	// On is the day the contracts are for; zero means the round's date.
	// Only a pair lasting on On (formed on or before it, not dissolved on
	// or before it) whose members are both active on On gets a contract.
	On time.Time
	// Events are the programme's status events, which say who has left or
	// paused on On; nil means everyone is active.
	Events []StatusEvent
}

// LeftOutReason says why a pair of a round gets no contract.
type LeftOutReason string

// The reasons ContractPairs leaves a pair out.
const (
	// LeftOutNotFormed: the pair was formed after the day (by a repair).
	LeftOutNotFormed LeftOutReason = "not formed yet"
	// LeftOutDissolved: the pair ended on or before the day (Pair.Reason
	// says why).
	LeftOutDissolved LeftOutReason = "dissolved"
	// LeftOutLeft: a member has left by the day; the pair is not dissolved
	// yet (a repair would dissolve it).
	LeftOutLeft LeftOutReason = "member left"
	// LeftOutPaused: a member is paused on the day; the pair is not
	// dissolved yet (a repair would dissolve it).
	LeftOutPaused LeftOutReason = "member paused"
)

// LeftOut is a pair of a round that gets no contract on a day, with why,
// and for LeftOutLeft and LeftOutPaused the member who left or paused.
type LeftOut struct {
	Pair Pair
	Why  LeftOutReason
	Who  string
}

// ContractPairs splits the pairs of rd, in the round's order, into those
// that get a contract under copt (lasting on copt.On, both members active
// on it) and those left out, with why. It takes O(p + e·log e) time for p
// pairs and e events.
func ContractPairs(rd Round, copt ContractOptions) (lasting []Pair, left []LeftOut) {
	on := copt.On
	if on.IsZero() {
		on = rd.Formed
	}
	st := newStatusIndex(copt.Events)
	for _, pr := range rd.Pairs {
		switch {
		case on.Before(pr.Formed):
			left = append(left, LeftOut{Pair: pr, Why: LeftOutNotFormed})
			continue
		case !pr.activeOn(on):
			left = append(left, LeftOut{Pair: pr, Why: LeftOutDissolved})
			continue
		}
		var why LeftOutReason
		var who string
		for _, id := range []string{pr.A, pr.B} {
			switch s, _ := st.on(id, on); {
			case s == Left && why != LeftOutLeft:
				why, who = LeftOutLeft, id
			case s == Paused && why == "":
				why, who = LeftOutPaused, id
			}
		}
		if why != "" {
			left = append(left, LeftOut{Pair: pr, Why: why, Who: who})
			continue
		}
		lasting = append(lasting, pr)
	}
	return lasting, left
}

// Contracts returns one Contract per pair of rd that ContractPairs keeps
// (lasting on copt.On, by default the round's date, with both members
// active), in the round's order, with each partner's name and e-mail from roster and the
// skills each teaches the other from pairing's explanation under opt
// (opt.History and opt.Pinned are ignored: they do not change what a pair
// teaches). It takes O(n·k) to prepare the roster plus O(w) per pair.
// Errors wrap ErrInvalidOptions, ErrInvalidProgramme (a pair with someone
// not in the roster) or pairing's errors.
func Contracts(rd Round, roster *skills.Roster, opt pairing.Options, copt ContractOptions) ([]Contract, error) {
	if copt.CheckInWeeks < 0 {
		return nil, fmt.Errorf("%w: CheckInWeeks %d is negative", ErrInvalidOptions, copt.CheckInWeeks)
	}
	if err := checkGoals(copt.Goals); err != nil {
		return nil, err
	}
	if copt.CheckInWeeks == 0 {
		copt.CheckInWeeks = 4
	}
	if copt.Goals == 0 {
		copt.Goals = 3
	}
	if copt.Cadence == "" {
		copt.Cadence = "every two weeks, for about an hour"
	}
	if copt.Questions == nil {
		copt.Questions = DefaultQuestions()
	}
	dates := copt.CheckIns
	if dates == nil {
		// addWeeks keeps 7·CheckInWeeks from overflowing into a step
		// backwards, and the year bound ends the loop whatever End is.
		for d := addWeeks(rd.Formed, copt.CheckInWeeks); ; d = addWeeks(d, copt.CheckInWeeks) {
			if !copt.End.IsZero() && d.After(copt.End) || copt.End.IsZero() && len(dates) == 6 || d.Year() > MaxYear {
				break
			}
			dates = append(dates, d)
		}
	}
	opt.History, opt.Pinned = nil, nil
	sc, err := pairing.NewScorer(roster, opt)
	if err != nil {
		return nil, err
	}
	byID := map[string]*skills.Person{}
	for i := range roster.People {
		byID[roster.People[i].ID] = &roster.People[i]
	}
	var out []Contract
	lasting, _ := ContractPairs(rd, copt)
	for _, pr := range lasting {
		a, b := byID[pr.A], byID[pr.B]
		if a == nil || b == nil {
			return nil, fmt.Errorf("%w: round %d: pair %s–%s has someone not in the roster", ErrInvalidProgramme, rd.Number, pr.A, pr.B)
		}
		ex, err := sc.Explain(pr.A, pr.B)
		if err != nil {
			return nil, err
		}
		c := Contract{
			Programme: copt.Programme, Round: rd.Number, Start: pr.Formed, TrialEnd: rd.TrialEnd(),
			A:       Party{ID: a.ID, Name: a.Name, Email: a.Email, Teaches: skillNames(ex.ATeachesB)},
			B:       Party{ID: b.ID, Name: b.Name, Email: b.Email, Teaches: skillNames(ex.BTeachesA)},
			Cadence: copt.Cadence, Questions: copt.Questions, Goals: copt.Goals,
		}
		for _, d := range dates {
			if !d.Before(pr.Formed) {
				c.CheckIns = append(c.CheckIns, d)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// checkGoals returns an error wrapping ErrInvalidOptions unless goals is
// in 0..MaxGoals.
func checkGoals(goals int) error {
	if goals < 0 || goals > MaxGoals {
		return fmt.Errorf("%w: Goals %d outside 0..%d (MaxGoals)", ErrInvalidOptions, goals, MaxGoals)
	}
	return nil
}

func skillNames(sv []pairing.SkillValue) []string {
	var out []string
	for _, s := range sv {
		out = append(out, s.Skill)
	}
	return out
}

// printable returns c with every text (names, ids, e-mails, skills, the
// programme's name, the cadence and the questions) passed through
// termsafe.Text: control characters, line and paragraph separators, bidi
// controls and invalid UTF-8 become visible escapes such as \x1b and
// \u202e. The same characters that could act on a terminal showing the
// Markdown could reorder or hide text where it is rendered, and are not
// allowed in HTML text, so both writers show them as escapes.
func (c Contract) printable() Contract {
	t := termsafe.Text
	list := func(xs []string) []string {
		if xs == nil {
			return nil
		}
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = t(x)
		}
		return out
	}
	party := func(p Party) Party {
		return Party{ID: t(p.ID), Name: t(p.Name), Email: t(p.Email), Teaches: list(p.Teaches)}
	}
	c.Programme, c.Cadence = t(c.Programme), t(c.Cadence)
	c.A, c.B = party(c.A), party(c.B)
	c.Questions = list(c.Questions)
	return c
}

// mdEscape escapes the characters Markdown gives a meaning to inline (the
// text never starts a line), so that a
// name or skill from a survey prints as written.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~':
			b.WriteByte('\\')
		case '\n', '\r':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

func orNothing(xs []string) string {
	if len(xs) == 0 {
		return "nothing the survey shows (add your own below)"
	}
	return strings.Join(xs, ", ")
}

// WriteContractMarkdown writes c as a Markdown document. Every text of c
// (names, e-mails, skills from the survey; programme, cadence and
// questions) is escaped so that it prints as written: Markdown's inline
// characters get a backslash, and control characters, line and paragraph
// separators, bidi controls and invalid UTF-8 are shown as escapes (\x1b,
// \u202e), so the file holds none of them raw. It returns the first
// error of w, or an error wrapping ErrInvalidOptions when c.Goals is
// outside 0..MaxGoals.
func WriteContractMarkdown(w io.Writer, c Contract) error {
	if err := checkGoals(c.Goals); err != nil {
		return err
	}
	c = c.printable()
	var b strings.Builder
	a, bb := c.A, c.B
	fmt.Fprintf(&b, "# Peer mentoring contract: %s and %s\n\n", mdEscape(a.display()), mdEscape(bb.display()))
	var meta []string
	if c.Programme != "" {
		meta = append(meta, mdEscape(c.Programme))
	}
	meta = append(meta, fmt.Sprintf("round %d", c.Round), "from "+c.Start.Format(dateFmt))
	if !c.TrialEnd.IsZero() {
		meta = append(meta, "trial period until "+c.TrialEnd.Format(dateFmt))
	}
	b.WriteString(strings.Join(meta, " · ") + "\n\n")
	b.WriteString("## Partners\n\n")
	fmt.Fprintf(&b, "| | %s | %s |\n|---|---|---|\n", mdEscape(a.display()), mdEscape(bb.display()))
	fmt.Fprintf(&b, "| E-mail | %s | %s |\n", mdEscape(a.Email), mdEscape(bb.Email))
	fmt.Fprintf(&b, "| Will help the other with | %s | %s |\n\n", mdEscape(orNothing(a.Teaches)), mdEscape(orNothing(bb.Teaches)))
	b.WriteString("## Our goals\n\n")
	for _, p := range []Party{a, bb} {
		fmt.Fprintf(&b, "%s:\n\n", mdEscape(p.display()))
		for i := 1; i <= c.Goals; i++ {
			fmt.Fprintf(&b, "%d. ______________________________________________\n", i)
		}
		b.WriteString("\n")
	}
	b.WriteString("## How we meet\n\n")
	fmt.Fprintf(&b, "We meet %s.\n\n", mdEscape(c.Cadence))
	b.WriteString("## Check-ins\n\n")
	if len(c.CheckIns) == 0 {
		b.WriteString("The facilitator will set the dates.\n\n")
	}
	for _, d := range c.CheckIns {
		fmt.Fprintf(&b, "- %s\n", d.Format("Monday 2 January 2006"))
	}
	if len(c.CheckIns) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("At each check-in we answer:\n\n")
	for i, q := range c.Questions {
		fmt.Fprintf(&b, "%d. %s\n", i+1, mdEscape(q))
	}
	b.WriteString("\n## Agreed\n\n")
	for _, p := range []Party{a, bb} {
		fmt.Fprintf(&b, "- %s: signature ____________________ date __________\n", mdEscape(p.display()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var contractHTML = template.Must(template.New("contract").Funcs(template.FuncMap{
	"date":    func(t time.Time) string { return t.Format(dateFmt) },
	"long":    func(t time.Time) string { return t.Format("Monday 2 January 2006") },
	"teaches": orNothing,
	"goals": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	},
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Peer mentoring contract: {{.A.Display}} and {{.B.Display}}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;line-height:1.45}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left}
.line{border-bottom:1px solid #888;display:inline-block;width:28em;height:1.2em}
</style>
</head>
<body>
<h1>Peer mentoring contract: {{.A.Display}} and {{.B.Display}}</h1>
<p>{{if .Programme}}{{.Programme}} · {{end}}round {{.Round}} · from {{date .Start}}{{if not .TrialEnd.IsZero}} · trial period until {{date .TrialEnd}}{{end}}</p>
<h2>Partners</h2>
<table>
<tr><th></th><th>{{.A.Display}}</th><th>{{.B.Display}}</th></tr>
<tr><th>E-mail</th><td>{{with .A.Email}}<a href="mailto:{{.}}">{{.}}</a>{{end}}</td><td>{{with .B.Email}}<a href="mailto:{{.}}">{{.}}</a>{{end}}</td></tr>
<tr><th>Will help the other with</th><td>{{teaches .A.Teaches}}</td><td>{{teaches .B.Teaches}}</td></tr>
</table>
<h2>Our goals</h2>
{{range .Parties}}<p>{{.Display}}:</p>
<ol>{{range goals $.Goals}}<li><span class="line"></span></li>{{end}}</ol>
{{end}}<h2>How we meet</h2>
<p>We meet {{.Cadence}}.</p>
<h2>Check-ins</h2>
{{if .CheckIns}}<ul>{{range .CheckIns}}<li>{{long .}}</li>{{end}}</ul>{{else}}<p>The facilitator will set the dates.</p>{{end}}
<p>At each check-in we answer:</p>
<ol>{{range .Questions}}<li>{{.}}</li>{{end}}</ol>
<h2>Agreed</h2>
<ul>{{range .Parties}}<li>{{.Display}}: signature <span class="line"></span> date</li>{{end}}</ul>
</body>
</html>
`))

// htmlParty and htmlContract expose display names to the template.
type htmlParty struct {
	Party
	Display string
}

type htmlContract struct {
	Contract
	A, B    htmlParty
	Parties []htmlParty
}

// WriteContractHTML writes c as a standalone HTML page. Control
// characters, line and paragraph separators, bidi controls and invalid
// UTF-8 in any text of c are first shown as escapes (\x1b, \u202e), as
// in WriteContractMarkdown, so the page holds none of them raw; then
// html/template escapes every value for its context (text, attribute,
// mailto URL). It returns the first error of w, or an error wrapping
// ErrInvalidOptions when c.Goals is outside 0..MaxGoals.
func WriteContractHTML(w io.Writer, c Contract) error {
	if err := checkGoals(c.Goals); err != nil {
		return err
	}
	c = c.printable()
	a := htmlParty{c.A, c.A.display()}
	b := htmlParty{c.B, c.B.display()}
	return contractHTML.Execute(w, htmlContract{Contract: c, A: a, B: b, Parties: []htmlParty{a, b}})
}
