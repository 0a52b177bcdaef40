package programme

import (
	"bytes"
	"strings"
	"testing"
	"time"

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
