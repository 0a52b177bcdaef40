package programme

import (
	"context"
	"testing"

	"github.com/peermatch/peermatch/pairing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func kindsOf(flags []Flag) map[string][]FlagKind {
	m := map[string][]FlagKind{}
	for _, f := range flags {
		k := f.Members[0] + "-" + f.Members[1]
		m[k] = append(m[k], f.Kind)
	}
	return m
}

func TestHealth(t *testing.T) {
	p := smallProgramme(t)
	p.CheckIns = []CheckIn{
		// ana–ben: met, but ben says one-sided.
		{Date: day("2027-01-18"), Person: "ana", Partner: "ben", Met: true, Equitable: 4},
		{Date: day("2027-01-18"), Person: "ben", Partner: "ana", Met: true, Equitable: 2},
		// cy–dee: cy reports they did not meet.
		{Date: day("2027-01-25"), Person: "cy", Partner: "dee", Met: false},
		// eve–fay: fine, and a later rating makes an earlier low one stale.
		{Date: day("2027-01-11"), Person: "fay", Partner: "eve", Met: true, Equitable: 1},
		{Date: day("2027-01-25"), Person: "fay", Partner: "eve", Met: true, Equitable: 4},
		{Date: day("2027-01-25"), Person: "eve", Partner: "fay", Met: true, Equitable: 5},
	}
	flags := Health(p, day("2027-02-01"), HealthOptions{})
	assert.Equal(t, map[string][]FlagKind{"ana-ben": {FlagOneSided}, "cy-dee": {FlagNotMet}}, kindsOf(flags))
	require.Len(t, flags, 2)
	assert.Equal(t, FlagNotMet, flags[0].Kind, "not met comes first")
	assert.Equal(t, "Cy Lam (cy) and Dee Park (dee) have not met: the latest check-in, from Cy Lam (cy) on 2027-01-25, says they did not meet.", flags[0].Message)
	assert.Len(t, flags[1].Answers, 2)
	assert.Contains(t, flags[1].Message, "Ben Okafor (ben) rates the contributions 2 of 5")

	// A gap of 2 without a low rating.
	p.CheckIns[1].Equitable = 3
	p.CheckIns[0].Equitable = 5
	flags = Health(p, day("2027-02-01"), HealthOptions{})
	assert.Contains(t, flags[1].Message, "disagree")
	flags = Health(p, day("2027-02-01"), HealthOptions{EquitableGap: 3})
	assert.Equal(t, map[string][]FlagKind{"cy-dee": {FlagNotMet}}, kindsOf(flags))

	// Four weeks on, with no new answers: everyone stalled; the trial (eight
	// weeks) not yet over.
	flags = Health(p, day("2027-02-22"), HealthOptions{StalledWeeks: 4})
	assert.Equal(t, map[string][]FlagKind{"ana-ben": {FlagStalled, FlagOneSided}, "cy-dee": {FlagStalled, FlagNotMet}, "eve-fay": {FlagStalled}}, sortKinds(kindsOf(flags)))

	// The end of the trial: dissolve cy–dee and ana–ben, confirm eve–fay.
	flags = Health(p, day("2027-03-01"), HealthOptions{StalledWeeks: -1})
	k := kindsOf(flags)
	assert.Equal(t, []FlagKind{FlagOneSided, FlagDissolve}, k["ana-ben"])
	assert.Equal(t, []FlagKind{FlagNotMet, FlagDissolve}, k["cy-dee"])
	assert.Equal(t, []FlagKind{FlagConfirm}, k["eve-fay"])
	// After the review window, no trial flags.
	flags = Health(p, day("2027-04-05"), HealthOptions{StalledWeeks: -1})
	assert.NotContains(t, kindsOf(flags)["eve-fay"], FlagConfirm)

	// Deterministic: the same flags whatever the order of the answers.
	rev := p
	rev.CheckIns = append([]CheckIn(nil), p.CheckIns...)
	for i, j := 0, len(rev.CheckIns)-1; i < j; i, j = i+1, j-1 {
		rev.CheckIns[i], rev.CheckIns[j] = rev.CheckIns[j], rev.CheckIns[i]
	}
	assert.Equal(t, Health(p, day("2027-03-01"), HealthOptions{}), Health(rev, day("2027-03-01"), HealthOptions{}))
}

func sortKinds(m map[string][]FlagKind) map[string][]FlagKind {
	for _, v := range m {
		for i := range v {
			for j := i + 1; j < len(v); j++ {
				if v[j] > v[i] {
					v[i], v[j] = v[j], v[i]
				}
			}
		}
	}
	return m
}

// TestHealthNoAnswers: silence is not evidence that a pair has not met:
// without any answer a unit is stalled (after StalledWeeks), never
// not_met; once it answers without reporting a meeting it is not_met.
func TestHealthNoAnswers(t *testing.T) {
	p := smallProgramme(t)
	assert.Empty(t, Health(p, day("2027-01-20"), HealthOptions{}))
	assert.Empty(t, Health(p, day("2027-02-01"), HealthOptions{}), "4 weeks without answers: not known not to have met")
	flags := Health(p, day("2027-02-15"), HealthOptions{})
	require.Len(t, flags, 3)
	for _, f := range flags {
		assert.Equal(t, FlagStalled, f.Kind)
		assert.Contains(t, f.Message, "for 6 weeks (since they were paired on 2027-01-04)")
	}
	assert.Nil(t, Health(p, day("2026-12-01"), HealthOptions{}), "no round yet")
}

func TestHealthGroups(t *testing.T) {
	p := smallProgramme(t)
	p.Rounds[0].Kind = KindGroups
	p.Rounds[0].Pairs = nil
	p.Rounds[0].Groups = []Group{{ID: "g1", Members: []string{"cy", "ana", "ben"}}}
	p.CheckIns = []CheckIn{
		{Date: day("2027-01-18"), Person: "ana", Partner: "g1", Met: true, Equitable: 5},
		{Date: day("2027-01-18"), Person: "cy", Partner: "g1", Met: true, Equitable: 2},
	}
	flags := Health(p, day("2027-01-25"), HealthOptions{})
	require.Len(t, flags, 1)
	assert.Equal(t, FlagOneSided, flags[0].Kind)
	assert.Equal(t, "g1", flags[0].Group)
	assert.Equal(t, []string{"ana", "ben", "cy"}, flags[0].Members)
	assert.Contains(t, flags[0].Message, "Group g1 (Ana Ruiz (ana), Ben Okafor (ben), Cy Lam (cy))")
}

// TestHealthMemberOut: a pair whose member left or paused is flagged
// member_out, first, and not as stalled (it was listed as stalled until
// repair ran); once repair dissolves it, it is not reviewed at all.
func TestHealthMemberOut(t *testing.T) {
	p := smallProgramme(t)
	p.Events = []StatusEvent{
		{Person: "fay", Date: day("2027-02-01"), Status: Left},
		{Person: "cy", Date: day("2027-02-01"), Status: Paused, Until: day("2027-03-01")},
	}
	flags := Health(p, day("2027-02-15"), HealthOptions{})
	require.Len(t, flags, 3)
	assert.Equal(t, FlagMemberOut, flags[0].Kind)
	assert.Equal(t, []string{"cy", "dee"}, flags[0].Members)
	assert.Contains(t, flags[0].Message, "is paused until 2027-03-01: ")
	assert.Equal(t, FlagMemberOut, flags[1].Kind)
	assert.Equal(t, []string{"eve", "fay"}, flags[1].Members)
	assert.Contains(t, flags[1].Message, "has left the programme: ")
	assert.Contains(t, flags[1].Message, "has no partner in practice until a repair pairs them again")
	assert.Equal(t, FlagStalled, flags[2].Kind, "the other pair is reviewed as before")

	res, err := Repair(context.Background(), p, nil, pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1)}}, RepairOptions{AsOf: day("2027-02-01")})
	require.NoError(t, err)
	p.Rounds[0] = res.Round
	for _, f := range Health(p, day("2027-02-15"), HealthOptions{}) {
		assert.NotEqual(t, FlagMemberOut, f.Kind, "after repair the pairs are dissolved: %v", f)
	}
}
