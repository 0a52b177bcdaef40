package programme

import (
	"context"
	"math"
	"testing"

	"github.com/peermatch/peermatch/cohort"
	"github.com/peermatch/peermatch/pairing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNextRound(t *testing.T) {
	p := smallProgramme(t)
	p.Events = []StatusEvent{
		{Person: "fay", Date: day("2027-02-15"), Status: Left},
	}
	p.CheckIns = []CheckIn{
		{Date: day("2027-01-18"), Person: "ana", Partner: "ben", Met: true, Equitable: 5},
		{Date: day("2027-01-18"), Person: "ben", Partner: "ana", Met: true, Equitable: 1},
		{Date: day("2027-01-25"), Person: "cy", Partner: "dee", Met: false},
		{Date: day("2027-01-25"), Person: "eve", Partner: "fay", Met: true, Equitable: 4},
	}
	asOf := day("2027-03-01")
	opt := pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1), NoPeerRule: true, AllowNoExchange: true}, EarlierRounds: pairing.EarlierRounds{Repeats: pairing.AllowRepeats}}
	res, err := NextRound(context.Background(), p, nil, asOf, opt, NextOptions{TrialWeeks: 6})
	require.NoError(t, err)
	assert.Equal(t, []Skipped{
		{ID: "dee", Reason: "did not show up in round 1: cy reported no meeting, and no check-in answer came from them"},
		{ID: "fay", Reason: "left the programme"},
	}, res.Skipped)
	assert.Equal(t, []string{"cy", "eve"}, res.Favoured)
	assert.Equal(t, [][2]string{{"ana", "ben"}, {"cy", "dee"}}, res.Failed)
	assert.Equal(t, 2, res.Round.Number)
	assert.Equal(t, 6, res.Round.TrialWeeks)
	assert.Equal(t, asOf, res.Round.Formed)
	require.Len(t, res.Round.Pairs, 2)
	for _, pr := range res.Round.Pairs {
		assert.NotEqual(t, [2]string{"ana", "ben"}, [2]string{pr.A, pr.B}, "a failed pair is never formed again")
		for _, x := range []string{pr.A, pr.B} {
			assert.NotContains(t, []string{"dee", "fay"}, x)
		}
	}

	// With the default repeat rule, no pair of round 1 comes back, and a
	// paused person is skipped until their date.
	p.Events = append(p.Events, StatusEvent{Person: "ana", Date: day("2027-02-20"), Status: Paused, Until: day("2027-04-01")})
	res, err = NextRound(context.Background(), p, nil, asOf, pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1), NoPeerRule: true, AllowNoExchange: true}}, NextOptions{KeepNoShows: true})
	require.NoError(t, err)
	assert.Contains(t, res.Skipped, Skipped{ID: "ana", Reason: "paused until 2027-04-01"})
	assert.NotContains(t, res.Skipped, Skipped{ID: "dee", Reason: "did not show up in round 1: cy reported no meeting, and no check-in answer came from them"})
	round1 := map[[2]string]bool{}
	for _, pr := range p.Rounds[0].Pairs {
		round1[[2]string{pr.A, pr.B}] = true
	}
	for _, pr := range res.Round.Pairs {
		assert.False(t, round1[[2]string{pr.A, pr.B}], "repeat %v", pr)
	}
	res2, err := NextRound(context.Background(), p, nil, day("2027-04-01"), pairing.Options{HardRules: pairing.HardRules{MaxGradeGap: pairing.GradeGap(-1), NoPeerRule: true, AllowNoExchange: true}}, NextOptions{KeepNoShows: true})
	require.NoError(t, err)
	assert.NotContains(t, res2.Skipped, Skipped{ID: "ana", Reason: "paused until 2027-04-01"})

	_, err = NextRound(context.Background(), p, nil, asOf, pairing.Options{Trio: true}, NextOptions{})
	assert.ErrorIs(t, err, ErrInvalidOptions)
}

func TestSubRosterManagerChain(t *testing.T) {
	r := smallRoster(t)
	people := r.People
	people[0].Manager = "ben" // ana ← ben ← cy
	people[1].Manager = "cy"
	r2, err := subRoster(r, map[string]string{"ben": "left"}, true)
	require.NoError(t, err)
	assert.Equal(t, "cy", r2.People[0].Manager, "the chain is re-linked past ben")
	r3, err := subRoster(r, map[string]string{"ben": "left"}, false)
	require.NoError(t, err)
	assert.Equal(t, "", r3.People[0].Manager)
}

// TestNextRoundAfterMaxNumber checks that a programme whose round is
// numbered math.MaxInt gets an error naming it from NextRound and
// NextGroups, not a new round numbered math.MinInt (one more, wrapped),
// which every later step would take for the oldest round.
func TestNextRoundAfterMaxNumber(t *testing.T) {
	p := smallProgramme(t)
	p.Rounds[0].Number = math.MaxInt
	_, err := NextRound(context.Background(), p, nil, day("2027-03-01"), pairing.Options{}, NextOptions{})
	require.ErrorIs(t, err, ErrInvalidProgramme)
	assert.Contains(t, err.Error(), "round 9223372036854775807")
	_, err = NextGroups(context.Background(), p, nil, day("2027-03-01"), cohort.Options{MinSize: 2, MaxSize: 3}, NextOptions{})
	require.ErrorIs(t, err, ErrInvalidProgramme)
	p.Rounds[0].Number = math.MaxInt - 1
	res, err := NextRound(context.Background(), p, nil, day("2027-03-01"), pairing.Options{}, NextOptions{})
	require.NoError(t, err)
	assert.Equal(t, math.MaxInt, res.Round.Number)
}
