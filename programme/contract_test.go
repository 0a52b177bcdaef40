package programme

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContracts(t *testing.T) {
	p := smallProgramme(t)
	cs, err := Contracts(p.Rounds[0], p.Roster, pairing.Options{}, ContractOptions{Programme: "Buddies 2027", End: day("2027-03-31")})
	require.NoError(t, err)
	require.Len(t, cs, 3)
	c := cs[0]
	assert.Equal(t, "ana", c.A.ID)
	assert.Equal(t, []string{"Coaching", "Hiring"}, c.A.Teaches, "ana teaches ben what he wants and she can teach")
	assert.Equal(t, []string{"Budgeting"}, c.B.Teaches)
	assert.Equal(t, []string{"2027-02-01", "2027-03-01", "2027-03-29"}, dates(c.CheckIns))
	assert.Equal(t, day("2027-03-01"), c.TrialEnd)

	var md bytes.Buffer
	require.NoError(t, WriteContractMarkdown(&md, c))
	out := md.String()
	for _, want := range []string{
		"# Peer mentoring contract: Ana Ruiz and Ben Okafor",
		"Buddies 2027 · round 1 · from 2027-01-04 · trial period until 2027-03-01",
		"| E-mail | ana@example.org | ben@example.org |",
		"| Will help the other with | Coaching, Hiring | Budgeting |",
		"- Monday 1 February 2027",
		"Are our contributions equal and equitable",
		"3. ______",
	} {
		assert.Contains(t, out, want)
	}

	var h bytes.Buffer
	require.NoError(t, WriteContractHTML(&h, c))
	assert.Contains(t, h.String(), "<h1>Peer mentoring contract: Ana Ruiz and Ben Okafor</h1>")
	assert.Contains(t, h.String(), `<a href="mailto:ana@example.org">ana@example.org</a>`)
}

func dates(ts []time.Time) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Format(dateFmt))
	}
	return out
}

func TestContractEscaping(t *testing.T) {
	c := Contract{Round: 1, Start: day("2027-01-04"), Goals: 1,
		A: Party{ID: "x", Name: "<script>alert(1)</script>", Email: "x\"@example.org", Teaches: []string{"R&D"}},
		B: Party{ID: "y", Name: "*bold* | pipe"}, Cadence: "weekly", Questions: DefaultQuestions()}
	var h bytes.Buffer
	require.NoError(t, WriteContractHTML(&h, c))
	assert.NotContains(t, h.String(), "<script>")
	assert.Contains(t, h.String(), "&lt;script&gt;")
	assert.Contains(t, h.String(), "R&amp;D")
	var md bytes.Buffer
	require.NoError(t, WriteContractMarkdown(&md, c))
	assert.Contains(t, md.String(), `\*bold\* \| pipe`)
	assert.Contains(t, md.String(), `\<script\>`)
	assert.True(t, strings.Contains(md.String(), "The facilitator will set the dates."))
}

func TestContractsUnknownPerson(t *testing.T) {
	p := smallProgramme(t)
	rd := p.Rounds[0]
	rd.Pairs = append(rd.Pairs, Pair{A: "ana", B: "zed", Formed: rd.Formed})
	_, err := Contracts(rd, p.Roster, pairing.Options{}, ContractOptions{})
	assert.ErrorIs(t, err, ErrInvalidProgramme)
	_ = skills.MaxLevel
}

// TestContractPairs: a contract goes to each pair lasting on the day with
// both members active; the others are left out with why.
func TestContractPairs(t *testing.T) {
	p := smallProgramme(t)
	f, r := day("2027-01-04"), day("2027-02-01")
	rd := p.Rounds[0]
	rd.Pairs[0].Dissolved, rd.Pairs[0].Reason = r, DissolvedRepair
	rd.Pairs = append(rd.Pairs, Pair{A: "ana", B: "fay", Formed: r})
	events := []StatusEvent{
		{Person: "eve", Date: r, Status: Left},
		{Person: "dee", Date: day("2027-02-10"), Status: Paused, Until: day("2027-03-01")},
	}
	key := func(pr Pair) string { return pr.A + "+" + pr.B }
	split := func(on time.Time, events []StatusEvent) ([]string, []string) {
		lasting, left := ContractPairs(rd, ContractOptions{On: on, Events: events})
		var ls, lo []string
		for _, pr := range lasting {
			ls = append(ls, key(pr))
		}
		for _, l := range left {
			lo = append(lo, key(l.Pair)+" "+string(l.Why)+" "+l.Who)
		}
		return ls, lo
	}
	for _, tc := range []struct {
		on          time.Time
		lasting, lo []string
	}{
		{time.Time{}, []string{"ana+ben", "cy+dee", "eve+fay"}, []string{"ana+fay not formed yet "}},
		{f, []string{"ana+ben", "cy+dee", "eve+fay"}, []string{"ana+fay not formed yet "}},
		{r, []string{"cy+dee", "ana+fay"}, []string{"ana+ben dissolved ", "eve+fay member left eve"}},
		{day("2027-02-15"), []string{"ana+fay"}, []string{"ana+ben dissolved ", "cy+dee member paused dee", "eve+fay member left eve"}},
		{day("2027-03-01"), []string{"cy+dee", "ana+fay"}, []string{"ana+ben dissolved ", "eve+fay member left eve"}},
	} {
		ls, lo := split(tc.on, events)
		assert.Equal(t, tc.lasting, ls, "%v", tc.on)
		assert.Equal(t, tc.lo, lo, "%v", tc.on)
	}

	// Everyone has left: nobody gets a contract, though no pair is
	// dissolved yet.
	var all []StatusEvent
	for _, pr := range rd.Pairs {
		all = append(all, StatusEvent{Person: pr.A, Date: r, Status: Left}, StatusEvent{Person: pr.B, Date: r, Status: Left})
	}
	ls, lo := split(r, all)
	assert.Empty(t, ls)
	assert.Len(t, lo, 4)

	// Contracts writes exactly the pairs ContractPairs keeps.
	cs, err := Contracts(rd, p.Roster, pairing.Options{}, ContractOptions{On: r, Events: events})
	require.NoError(t, err)
	require.Len(t, cs, 2)
	assert.Equal(t, []string{"cy", "ana"}, []string{cs[0].A.ID, cs[1].A.ID})
	assert.Equal(t, r, cs[1].Start)
}

// hostileContract holds, in every text field, a terminal escape (title
// write, BEL, screen clear), a newline, a right-to-left override, a C1
// control and an invalid byte.
func hostileContract() Contract {
	h := "Amara\x1b]0;pwned\x07\x1b[2J\n\u202eevil\u0085\xff"
	return Contract{Programme: "P" + h, Round: 1, Start: day("2027-01-04"), Goals: 1,
		A:       Party{ID: "a" + h, Name: h, Email: "a@example.org", Teaches: []string{"S" + h}},
		B:       Party{ID: "b" + h, Email: "b" + h},
		Cadence: "weekly" + h, CheckIns: []time.Time{day("2027-02-01")}, Questions: []string{"Q" + h}}
}

// requireNoControls fails when s holds a control character other than a
// line break, a line or paragraph separator, a bidi control or invalid
// UTF-8.
func requireNoControls(t *testing.T, s string) {
	t.Helper()
	require.True(t, utf8.ValidString(s), "invalid UTF-8")
	for i, r := range s {
		if r == '\n' {
			continue
		}
		require.False(t, unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r),
			"control character %U at byte %d", r, i)
	}
}

func TestContractControlCharacters(t *testing.T) {
	c := hostileContract()
	var md bytes.Buffer
	require.NoError(t, WriteContractMarkdown(&md, c))
	requireNoControls(t, md.String())
	assert.Contains(t, md.String(), `Amara\\x1b\]0;pwned\\a\\x1b\[2J\\n\\u202eevil\\u0085\\ufffd`, "shown as escapes, Markdown-escaped")
	assert.Contains(t, md.String(), `We meet weekly`)

	var h bytes.Buffer
	require.NoError(t, WriteContractHTML(&h, c))
	requireNoControls(t, h.String())
	assert.Contains(t, h.String(), `<h1>Peer mentoring contract: Amara\x1b]0;pwned\a\x1b[2J\n\u202eevil\u0085\ufffd and b`)
	for _, want := range []string{`PAmara\x1b`, `SAmara\x1b`, `QAmara\x1b`, `weeklyAmara\x1b`, `bAmara\x1b`} {
		assert.Contains(t, h.String(), want)
		assert.Contains(t, md.String(), strings.ReplaceAll(want, `\`, `\\`))
	}
}

// TestContractsHugeWeeks checks that a CheckInWeeks near math.MaxInt
// neither steps backwards (7·w overflowing) forever when End is set nor
// produces dates outside the programme years, and returns promptly.
func TestContractsHugeWeeks(t *testing.T) {
	p := smallProgramme(t)
	for _, w := range []int{math.MaxInt, math.MaxInt/7 + 1, 1 << 40, farWeeks} {
		for _, end := range []time.Time{{}, p.End, time.Date(999999, 1, 1, 0, 0, 0, 0, time.UTC)} {
			done := make(chan []Contract)
			go func() {
				cs, err := Contracts(p.Rounds[0], p.Roster, pairing.Options{}, ContractOptions{CheckInWeeks: w, End: end})
				assert.NoError(t, err)
				done <- cs
			}()
			select {
			case cs := <-done:
				require.Len(t, cs, 3)
				for _, d := range cs[0].CheckIns {
					assert.NoError(t, CheckDate(d), "w %d end %v", w, end)
				}
				if end.Equal(p.End) {
					assert.Empty(t, cs[0].CheckIns, "w %d: no check-in within the programme", w)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("w %d end %v: Contracts does not return", w, end)
			}
		}
	}
	cs, err := Contracts(p.Rounds[0], p.Roster, pairing.Options{}, ContractOptions{CheckInWeeks: 4, End: p.End})
	require.NoError(t, err)
	assert.Len(t, cs[0].CheckIns, 12, "normal gaps unchanged")
}

// TestContractGoalsBounded checks that Goals above MaxGoals is an error
// naming the value, from Contracts and from both writers, instead of
// unbounded output.
func TestContractGoalsBounded(t *testing.T) {
	p := smallProgramme(t)
	for _, g := range []int{MaxGoals + 1, math.MaxInt, -1} {
		_, err := Contracts(p.Rounds[0], p.Roster, pairing.Options{}, ContractOptions{Goals: g})
		require.ErrorIs(t, err, ErrInvalidOptions)
		assert.Contains(t, err.Error(), fmt.Sprintf("Goals %d", g))
	}
	cs, err := Contracts(p.Rounds[0], p.Roster, pairing.Options{}, ContractOptions{Goals: MaxGoals})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, WriteContractMarkdown(&b, cs[0]))
	assert.Contains(t, b.String(), fmt.Sprintf("%d. ___", MaxGoals))
	c := cs[0]
	c.Goals = math.MaxInt
	assert.ErrorIs(t, WriteContractMarkdown(io.Discard, c), ErrInvalidOptions)
	assert.ErrorIs(t, WriteContractHTML(io.Discard, c), ErrInvalidOptions)
}

// TestTrialHugeWeeks checks that a trial of a huge number of weeks ends
// after every programme date instead of, through 7·w overflowing, before
// the pair was formed (Health then asked to confirm a pair a week old),
// and that a huge TrialReviewWeeks keeps the confirm flag.
func TestTrialHugeWeeks(t *testing.T) {
	p := smallProgramme(t)
	for _, w := range []int{math.MaxInt, math.MaxInt/7 + 1} {
		p.Rounds[0].TrialWeeks = w
		assert.Greater(t, p.Rounds[0].TrialEnd().Year(), MaxYear, "trial %d", w)
		for _, f := range Health(p, day("2027-01-11"), HealthOptions{}) {
			assert.NotContains(t, []FlagKind{FlagConfirm, FlagDissolve}, f.Kind, "trial %d: %s", w, f.Message)
		}
	}
	p.Rounds[0].TrialWeeks = 1
	for _, w := range []int{math.MaxInt, math.MaxInt/7 + 1} {
		n := 0
		for _, f := range Health(p, day("2027-01-11"), HealthOptions{TrialReviewWeeks: w}) {
			if f.Kind == FlagConfirm {
				n++
			}
		}
		assert.Equal(t, 3, n, "review %d: every pair to confirm", w)
	}
}
