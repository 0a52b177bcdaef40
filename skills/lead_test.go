package skills

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLeadColumn(t *testing.T) {
	in := "id,lead,have:Coaching,want:Delegation,have:Negotiation\n" +
		"a, coaching | Negotiation ,5,0,4\n" +
		"b,,1,5,0\n"
	ro, err := ReadCSV(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, []string{"Coaching", "Negotiation"}, ro.People[0].Lead, "names come back as the catalog spells them, in order")
	assert.Nil(t, ro.People[1].Lead)

	var csvOut, jsonOut bytes.Buffer
	require.NoError(t, WriteCSV(&csvOut, ro))
	back, err := ReadCSV(&csvOut)
	require.NoError(t, err)
	assert.Equal(t, ro.People[0].Lead, back.People[0].Lead)
	require.NoError(t, WriteJSON(&jsonOut, ro))
	back, err = ReadJSON(&jsonOut)
	require.NoError(t, err)
	assert.Equal(t, ro.People[0].Lead, back.People[0].Lead)
}

func TestLeadErrors(t *testing.T) {
	for _, tc := range []struct{ cell, want string }{
		{"Cooking", `s.csv:2:2: lead: bad value: lead names "Cooking", which is not a skill of the survey`},
		{"Coaching|coaching", `lead names "Coaching" twice`},
		{"Coaching|Delegation|Negotiation|Coaching", "lead names 4 skills, at most 3"},
		{"Coaching||", `lead names "", which is not a skill`},
	} {
		in := "id,lead,have:Coaching,want:Delegation,have:Negotiation\na," + tc.cell + ",5,0,4\n"
		_, err := ReadCSVWith(strings.NewReader(in), ReadOptions{Name: "s.csv"})
		require.Error(t, err, tc.cell)
		assert.Contains(t, err.Error(), tc.want, tc.cell)
	}
	_, err := ReadJSON(strings.NewReader(`{"skills":[{"name":"A"}],"people":[{"id":"a","lead":["B"]}]}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `lead names "B"`)

	r := &Roster{Catalog: &Catalog{}, People: []Person{{ID: "a", Lead: []string{"X"}}}}
	assert.ErrorContains(t, r.Validate(), `lead names "X", which is not a skill of the catalog`)
}
