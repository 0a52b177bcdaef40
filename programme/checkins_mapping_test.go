package programme

import (
	"strings"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// formExport is a check-in form export whose headers are the form's
// questions, with the respondent's and the buddy's e-mails.
const formExport = "Timestamp,Your e-mail,Your buddy,Did you meet?,How equal were your contributions?,Progress (1-5),Anything to improve?,Start time\n" +
	"2027/02/01 10:22:01,Ana@Example.org,ben@example.org,Yes,4,3,good start,x\n" +
	"2027/02/01 11:00:00,ben,ana,No,,,,y\n"

var formRename = map[string]string{
	"timestamp":                          "date",
	"Your  e-mail":                       "email",
	"your buddy":                         "partner",
	"Did you meet?":                      "met",
	"How equal were your contributions?": "equitable",
	"Progress (1-5)":                     "progress",
	"Anything to improve?":               "comments",
	"Full name":                          "name", // a survey's rename: this form has no such header
}

func TestReadCheckInsRenameIgnore(t *testing.T) {
	got, err := ReadCheckIns(strings.NewReader(formExport), ReadOptions{Rename: formRename, Ignore: []string{"start*"}})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, CheckIn{Date: day("2027-02-01"), Person: "Ana@Example.org", Partner: "ben@example.org", Met: true, Equitable: 4, Progress: 3, Comments: "good start", Line: 2}, got[0])

	tests := []struct {
		name   string
		opt    ReadOptions
		want   []string
		column string
	}{
		{"no mapping", ReadOptions{}, []string{`unknown column "Timestamp"`, `unknown column "Your e-mail"`}, "Timestamp"},
		{"not ignored", ReadOptions{Rename: formRename}, []string{`unknown column "Start time": the columns are`}, "Start time"},
		{"renamed to no column", ReadOptions{Rename: withRename(formRename, "Start time", "start")},
			[]string{`unknown column "Start time" (renamed to "start", which is not a column)`}, "Start time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCheckIns(strings.NewReader(formExport), tt.opt)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrUnknownColumn)
			pes := skills.ParseErrors(err)
			require.NotEmpty(t, pes)
			assert.Equal(t, tt.column, pes[0].ColumnName)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestCheckAnswersEmails(t *testing.T) {
	p := smallProgramme(t)
	answers, err := ReadCheckIns(strings.NewReader(formExport), ReadOptions{Rename: formRename, Ignore: []string{"Start*"}})
	require.NoError(t, err)
	got, err := CheckAnswers(p, answers)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, [2]string{"ana", "ben"}, [2]string{got[0].Person, got[0].Partner}, "e-mails become ids, case-insensitively")
	assert.Equal(t, [2]string{"ben", "ana"}, [2]string{got[1].Person, got[1].Partner})

	// the same answer by id and by e-mail is one answer
	again, err := CheckAnswers(Programme{Name: p.Name, Start: p.Start, End: p.End, Roster: p.Roster, Rounds: p.Rounds, CheckIns: got}, answers)
	require.NoError(t, err)
	assert.Empty(t, again)

	bad := []CheckIn{
		{Date: day("2027-02-01"), Person: "nobody@example.org", Partner: "ben", Met: true, Line: 7},
		{Date: day("2027-02-01"), Person: "ana", Partner: "nobody@example.org", Met: true, Line: 8},
	}
	_, err = CheckAnswers(p, bad)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnknownPerson)
	pes := skills.ParseErrors(err)
	require.Len(t, pes, 2, err.Error())
	assert.Equal(t, 7, pes[0].Line)
	assert.Contains(t, pes[0].Error(), `the e-mail "nobody@example.org" is no participant's`)
	assert.Equal(t, 8, pes[1].Line)
	assert.Contains(t, pes[1].Error(), "partner: unknown person")
}

func withRename(m map[string]string, from, to string) map[string]string {
	out := map[string]string{from: to}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestIsCheckInColumn(t *testing.T) {
	for _, c := range []string{"date", "Person", " partner ", "group", "met", "equitable", "progress", "comments", "comment"} {
		assert.True(t, IsCheckInColumn(c), c)
	}
	for _, c := range []string{"email", "e-mail", "id", "name", "have:Coaching", ""} {
		assert.False(t, IsCheckInColumn(c), c)
	}
}

// TestMergeProblems: a file's reading and checking problems come out as
// one list, by line, each naming the file; nil stays nil.
func TestMergeProblems(t *testing.T) {
	assert.NoError(t, MergeProblems("a.csv", nil, nil))
	read := &ProblemsError{Kind: ErrInvalidCheckIns, File: "a.csv", Problems: []*skills.ParseError{{File: "a.csv", Line: 5, Column: 4, Err: ErrBadValue}}}
	check := &ProblemsError{Kind: ErrInvalidCheckIns, Problems: []*skills.ParseError{{Line: 2, Err: ErrUnknownPerson}, {Line: 7, Err: ErrDuplicate}}}
	err := MergeProblems("a.csv", read, check)
	var m *ProblemsError
	require.ErrorAs(t, err, &m)
	require.Len(t, m.Problems, 3)
	for i, line := range []int{2, 5, 7} {
		assert.Equal(t, line, m.Problems[i].Line)
		assert.Equal(t, "a.csv", m.Problems[i].File)
	}
	assert.ErrorIs(t, err, ErrInvalidCheckIns)
	only := MergeProblems("b.csv", nil, check)
	require.ErrorAs(t, only, &m)
	assert.Equal(t, "b.csv", m.Problems[0].File)
	assert.Empty(t, check.Problems[0].File, "the inputs are not changed")
}
