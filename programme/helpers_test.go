package programme

import (
	"testing"
	"time"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

func day(s string) time.Time {
	t, err := time.Parse(dateFmt, s)
	if err != nil {
		panic(err)
	}
	return t
}

// smallRoster: six people in two departments; ana/ben, cy/dee and eve/fay
// complement each other.
func smallRoster(t testing.TB) *skills.Roster {
	cat, err := skills.NewCatalog(skills.Skill{Name: "Coaching"}, skills.Skill{Name: "Budgeting"}, skills.Skill{Name: "Hiring"})
	require.NoError(t, err)
	r, err := skills.New(cat, []skills.Person{
		{ID: "ana", Name: "Ana Ruiz", Email: "ana@example.org", Grade: 2, Years: 4, Have: []uint8{5, 0, 3}, Want: []uint8{0, 5, 0}},
		{ID: "ben", Name: "Ben Okafor", Email: "ben@example.org", Grade: 2, Years: 9, Have: []uint8{0, 5, 0}, Want: []uint8{5, 0, 4}},
		{ID: "cy", Name: "Cy Lam", Email: "cy@example.org", Grade: 1, Years: 2, Have: []uint8{4, 0, 0}, Want: []uint8{0, 5, 3}},
		{ID: "dee", Name: "Dee Park", Email: "dee@example.org", Grade: 1, Years: 6, Have: []uint8{0, 4, 4}, Want: []uint8{5, 0, 0}},
		{ID: "eve", Name: "Eve Sato", Email: "eve@example.org", Grade: 2, Years: 3, Have: []uint8{0, 3, 5}, Want: []uint8{4, 0, 0}},
		{ID: "fay", Name: "Fay Diaz", Email: "fay@example.org", Grade: 2, Years: 8, Have: []uint8{4, 0, 0}, Want: []uint8{0, 4, 5}},
	})
	require.NoError(t, err)
	return r
}

// smallProgramme: round 1 formed 2027-01-04 with ana–ben, cy–dee, eve–fay
// and an eight-week trial.
func smallProgramme(t testing.TB) Programme {
	f := day("2027-01-04")
	return Programme{
		Name:   "test",
		Start:  day("2027-01-01"),
		End:    day("2027-12-31"),
		Roster: smallRoster(t),
		Rounds: []Round{{
			Number: 1, Formed: f, Kind: KindPairs, TrialWeeks: 8,
			Pairs: []Pair{{A: "ana", B: "ben", Formed: f}, {A: "cy", B: "dee", Formed: f}, {A: "eve", B: "fay", Formed: f}},
		}},
	}
}
