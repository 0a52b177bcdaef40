package programme

import (
	"errors"
	"strings"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadCheckIns(t *testing.T) {
	in := "\uFEFFDate,Person,Group,MET,Equitable,Progress,Comment\n" +
		"2027-02-01,ana,ben,yes,4,3,good start\n" +
		"2027/02/02 10:22:01,ben,ana,No,,,\n" +
		" , , , , , , \n" +
		"2027-02-03T09:00:00+02:00,cy,dee,1,2,5,\"she talks, I listen\"\n"
	got, err := ReadCheckIns(strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, CheckIn{Date: day("2027-02-01"), Person: "ana", Partner: "ben", Met: true, Equitable: 4, Progress: 3, Comments: "good start", Line: 2}, got[0])
	assert.Equal(t, CheckIn{Date: day("2027-02-02"), Person: "ben", Partner: "ana", Line: 3}, got[1])
	assert.Equal(t, day("2027-02-03"), got[2].Date, "the day as written, not shifted to UTC")
	assert.Equal(t, "she talks, I listen", got[2].Comments)
	assert.Equal(t, 5, got[2].Line)
}

func TestReadCheckInsErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings, one per problem, in order
		kind     error
	}{
		{"empty", "", []string{"empty input"}, ErrFormat},
		{"unknown column", "date,person,partner,met,mood\n", []string{":1:5: mood: unknown column \"mood\": the columns are"}, ErrUnknownColumn},
		{"missing column", "date,person,met\n", []string{"required column \"partner\""}, ErrUnknownColumn},
		{"every bad row", "date,person,partner,met,equitable\n" +
			"3/4/2027,ana,ben,yes,3\n" +
			"2027-02-30,ana,ben,yes,3\n" +
			"2027-02-01,,ben,maybe,6\n" +
			"2027-02-01,ana,ben\n",
			[]string{":2:1: date: bad value: date \"3/4/2027\" is ambiguous", ":3:1: date: bad value: date \"2027-02-30\": no such day (day out of range)",
				":4:2: person: bad value: empty person", ":4:4: met: bad value: met \"maybe\"", ":4:5: equitable: bad value: \"6\"",
				":5: wrong number of fields"}, ErrBadValue},
		{"csv syntax", "date,person,partner,met\n2027-01-01,\"ana,ben,yes\n", []string{"malformed input"}, ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCheckIns(strings.NewReader(tt.in), ReadOptions{Name: "answers.csv"})
			require.Error(t, err)
			assert.Nil(t, got)
			assert.ErrorIs(t, err, ErrInvalidCheckIns)
			assert.ErrorIs(t, err, tt.kind)
			pes := skills.ParseErrors(err)
			require.Len(t, pes, len(tt.want), err.Error())
			for i, w := range tt.want {
				assert.Contains(t, pes[i].Error(), w)
			}
		})
	}
}

func TestReadCheckInsLimits(t *testing.T) {
	in := "date,person,partner,met,comments\n2027-01-05,ana,ben,yes,x\n2027-01-06,ana,ben,yes," + strings.Repeat("y", 100) + "\n"
	_, err := ReadCheckIns(strings.NewReader(in), ReadOptions{MaxRows: 1})
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = ReadCheckIns(strings.NewReader(in), ReadOptions{MaxFieldBytes: 50})
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "line 3, column 5: comments:")
	_, err = ReadCheckIns(strings.NewReader(in), ReadOptions{MaxBytes: 60})
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = ReadCheckIns(strings.NewReader(in), ReadOptions{MaxBytes: int64(len(in))})
	assert.NoError(t, err)
}

func TestCheckAnswers(t *testing.T) {
	p := smallProgramme(t)
	p.CheckIns = []CheckIn{{Date: day("2027-02-01"), Person: "ana", Partner: "ben", Met: true, Equitable: 4}}
	answers := []CheckIn{
		{Date: day("2027-02-01"), Person: "ana", Partner: "ben", Met: true, Equitable: 4, Line: 2}, // already stored: idempotent
		{Date: day("2027-02-01"), Person: "ben", Partner: "ana", Met: true, Equitable: 5, Line: 3}, // new
		{Date: day("2027-02-01"), Person: "ben", Partner: "ana", Met: true, Equitable: 5, Line: 4}, // same file twice: idempotent
		{Date: day("2027-02-08"), Person: "cy", Partner: "dee", Met: false, Line: 5},               // new
	}
	add, err := CheckAnswers(p, answers)
	require.NoError(t, err)
	assert.Equal(t, []int{3, 5}, []int{add[0].Line, add[1].Line})

	bad := []CheckIn{
		{Date: day("2027-02-01"), Person: "zed", Partner: "ben", Met: true, Line: 2},
		{Date: day("2027-02-01"), Person: "ana", Partner: "cy", Met: true, Line: 3},
		{Date: day("2028-02-01"), Person: "ana", Partner: "ben", Met: true, Line: 4},
		{Date: day("2027-01-02"), Person: "ana", Partner: "ben", Met: true, Line: 5},
		{Date: day("2027-02-01"), Person: "ana", Partner: "ben", Met: false, Line: 6},
		{Date: day("2027-02-09"), Person: "eve", Partner: "fay", Met: true, Line: 7},
	}
	add, err = CheckAnswers(p, bad)
	require.Error(t, err)
	assert.Nil(t, add, "nothing half-imported")
	pes := skills.ParseErrors(err)
	require.Len(t, pes, 5, err.Error())
	kinds := []error{ErrUnknownPerson, ErrNotPartner, ErrOutsideProgramme, ErrNotPartner, ErrDuplicate}
	for i, k := range kinds {
		assert.True(t, errors.Is(pes[i], k), "%d: %v", i, pes[i])
		assert.Equal(t, i+2, pes[i].Line)
	}
	assert.Contains(t, pes[4].Error(), "differs from the answer already recorded for that date")
}

func TestCheckAnswersDissolvedPair(t *testing.T) {
	p := smallProgramme(t)
	p.Rounds[0].Pairs[0].Dissolved = day("2027-03-01")
	p.Rounds[0].Pairs[0].Reason = DissolvedLeft
	_, err := CheckAnswers(p, []CheckIn{{Date: day("2027-02-28"), Person: "ana", Partner: "ben", Line: 2}})
	assert.NoError(t, err)
	_, err = CheckAnswers(p, []CheckIn{{Date: day("2027-03-01"), Person: "ana", Partner: "ben", Line: 2}})
	assert.ErrorIs(t, err, ErrNotPartner)
}

func FuzzReadCheckIns(f *testing.F) {
	f.Add("date,person,partner,met,equitable,progress,comments\n2027-02-01,ana,ben,yes,4,3,ok\n")
	f.Add("Date,Person,Group,Met\n2027/02/02 10:22:01,ben,g1,no\n")
	f.Add("date,person,partner,met\n3/4/2027,a,b,maybe\n\"")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ReadCheckIns(strings.NewReader(in), ReadOptions{MaxFieldBytes: 1 << 10})
		if err != nil {
			require.Nil(t, got)
			require.ErrorIs(t, err, ErrInvalidCheckIns)
			require.NotEmpty(t, skills.ParseErrors(err))
			return
		}
		for _, c := range got {
			require.NotEmpty(t, c.Person)
			require.NotEmpty(t, c.Partner)
			require.Equal(t, Day(c.Date), c.Date)
			require.True(t, c.Equitable >= 0 && c.Equitable <= 5)
			require.True(t, c.Line >= 2)
		}
	})
}
