package programme

import (
	"testing"
	"time"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckAnswersStatus: an answer dated on or after a member's leave, or
// during a pause, is refused whether or not Repair has dissolved the pair
// yet, and says who left when.
func TestCheckAnswersStatus(t *testing.T) {
	tests := []struct {
		name     string
		events   []StatusEvent
		dissolve string // the day Repair dissolved ana–ben, "" for not yet
		date     string
		person   string
		want     string // "" for accepted
	}{
		{"before the leave", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-01-31", "ana", ""},
		{"leave day, before repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-02-01", "ana", "ben left the programme on 2027-02-01"},
		{"after the leave, before repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-03-01", "ana", "ben left the programme on 2027-02-01"},
		{"the leaver answers", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-03-01", "ben", "ben left the programme on 2027-02-01"},
		{"after the leave, after repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "2027-02-01", "2027-03-01", "ana", "ben left the programme on 2027-02-01"},
		{"after the leave, later repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "2027-02-10", "2027-02-05", "ben", "ben left the programme on 2027-02-01"},
		{"during a pause", []StatusEvent{{Person: "ana", Date: day("2027-02-01"), Status: Paused, Until: day("2027-03-01")}}, "", "2027-02-15", "ben", "ana was paused from 2027-02-01 until 2027-03-01"},
		{"after a pause", []StatusEvent{{Person: "ana", Date: day("2027-02-01"), Status: Paused, Until: day("2027-03-01")}}, "", "2027-03-01", "ben", ""},
		{"open pause", []StatusEvent{{Person: "ana", Date: day("2027-02-01"), Status: Paused}}, "", "2027-04-01", "ana", "ana was paused from 2027-02-01, with no end date"},
		{"back after leaving", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}, {Person: "ben", Date: day("2027-02-08"), Status: Active}}, "", "2027-02-09", "ana", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := smallProgramme(t)
			p.Events = tt.events
			if tt.dissolve != "" {
				p.Rounds[0].Pairs[0].Dissolved, p.Rounds[0].Pairs[0].Reason = day(tt.dissolve), DissolvedLeft
			}
			partner := map[string]string{"ana": "ben", "ben": "ana"}[tt.person]
			got, err := CheckAnswers(p, []CheckIn{{Date: day(tt.date), Person: tt.person, Partner: partner, Met: true, Line: 2}})
			if tt.want == "" {
				require.NoError(t, err)
				assert.Len(t, got, 1)
				return
			}
			require.ErrorIs(t, err, ErrNotPartner)
			pes := skills.ParseErrors(err)
			require.Len(t, pes, 1, err.Error())
			assert.Equal(t, 2, pes[0].Line)
			assert.Equal(t, tt.person, pes[0].ID)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestCheckAnswersStoredStayIdempotent: answers already recorded import
// again as nothing new even when the programme has changed since (a pair
// dissolved after they were recorded), while a changed answer for that
// date is named as conflicting with the recorded one, not with a line of
// this file.
func TestCheckAnswersStoredStayIdempotent(t *testing.T) {
	p := smallProgramme(t)
	rec := CheckIn{Date: day("2027-03-01"), Person: "ana", Partner: "ben", Met: true, Equitable: 5, Line: 4}
	p.CheckIns = []CheckIn{rec}
	p.Rounds[0].Pairs[0].Dissolved, p.Rounds[0].Pairs[0].Reason = day("2027-02-15"), DissolvedRepair
	again := rec
	again.Line = 2
	got, err := CheckAnswers(p, []CheckIn{again})
	require.NoError(t, err)
	assert.Empty(t, got)

	p.Rounds[0].Pairs[0].Dissolved = time.Time{}
	changed := rec
	changed.Met, changed.Line = false, 6
	_, err = CheckAnswers(p, []CheckIn{{Date: day("2027-02-01"), Person: "cy", Partner: "dee", Met: true, Line: 4}, changed})
	require.ErrorIs(t, err, ErrDuplicate)
	pes := skills.ParseErrors(err)
	require.Len(t, pes, 1, err.Error())
	assert.Equal(t, 6, pes[0].Line)
	assert.Contains(t, err.Error(), "differs from the answer already recorded for that date")
	assert.NotContains(t, err.Error(), "line 4")
}

// TestCheckAnswersSelf: a person cannot answer about themselves, by id or
// by e-mail.
func TestCheckAnswersSelf(t *testing.T) {
	p := smallProgramme(t)
	for _, partner := range []string{"ana", "ANA@example.org"} {
		_, err := CheckAnswers(p, []CheckIn{{Date: day("2027-01-22"), Person: "ana", Partner: partner, Line: 3}})
		require.ErrorIs(t, err, ErrNotPartner, partner)
		assert.Contains(t, err.Error(), `"ana" answered about themselves`)
		assert.Equal(t, 3, skills.ParseErrors(err)[0].Line)
	}
}
