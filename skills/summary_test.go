package skills

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSummary(t *testing.T) {
	in := "id,grade,department,manager,have:A,have:B,have:C,want:A,want:B,want:C,want:D\n" +
		"a,1,X,c,5,0,0,0,4,2,\n" +
		"b,1,Y,c,0,1,0,3,4,0,\n" +
		"c,2,X,boss,0,1,4,3,0,0,\n" +
		"d,3,,,0,0,0,0,0,0,1\n"
	r, err := ReadCSV(strings.NewReader(in))
	require.NoError(t, err)
	s := r.Summary()
	require.Equal(t, Summary{
		People: 4, Skills: 4, Managers: 1,
		Grades:      []Count[int]{{1, 2}, {2, 1}, {3, 1}},
		Departments: []Count[string]{{"X", 2}, {"", 1}, {"Y", 1}},
		MostWanted: []SkillBalance{
			{Skill: "B", Have: 2, Want: 8, Wanted: 2},
			{Skill: "A", Have: 5, Want: 6, Wanted: 2},
			{Skill: "C", Have: 4, Want: 2, Wanted: 1},
			{Skill: "D", Have: 0, Want: 1, Wanted: 1},
		},
		LeastAvailable: []SkillBalance{
			{Skill: "D", Have: 0, Want: 1, Wanted: 1},
			{Skill: "B", Have: 2, Want: 8, Wanted: 2},
			{Skill: "A", Have: 5, Want: 6, Wanted: 2},
			{Skill: "C", Have: 4, Want: 2, Wanted: 1},
		},
	}, s)
	var b strings.Builder
	require.NoError(t, WriteSummary(&b, s))
	require.Contains(t, b.String(), "departments: X 2, (none) 1, Y 1\n")
	require.Contains(t, b.String(), "grades:      1:2 2:1 3:1\n")

	// Top 5 only, deterministic.
	big := Synthetic(400, 40, 1, SyntheticOptions{})
	s1, s2 := big.Summary(), big.Summary()
	require.Len(t, s1.MostWanted, 5)
	require.Len(t, s1.LeastAvailable, 5)
	require.Equal(t, s1, s2)
	for i := 1; i < 5; i++ {
		require.GreaterOrEqual(t, s1.MostWanted[i-1].Want, s1.MostWanted[i].Want)
		a, c := s1.LeastAvailable[i-1], s1.LeastAvailable[i]
		require.LessOrEqual(t, a.Have*c.Want, c.Have*a.Want)
	}
}

func TestSummaryWriteTextTerminalSafe(t *testing.T) {
	r, err := ReadCSV(strings.NewReader("id,department,have:A\x1b[2J,want:A\x1b[2J\na,Ops\x1b]52;c;eA==\x07,5,0\nb,Núñez 李,0,5\n"))
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, WriteSummary(&b, r.Summary()))
	out := b.String()
	assert.NotContains(t, out, "\x1b")
	assert.NotContains(t, out, "\x07")
	assert.Contains(t, out, `Ops\x1b]52;c;eA==\a`)
	assert.Contains(t, out, `A\x1b[2J`)
	assert.Contains(t, out, "Núñez 李")
}
