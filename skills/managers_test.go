package skills

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// managerRows are the people of the manager tests, as CSV rows after the
// header managerHeader; the manager cell (column 4) is appended per case.
const managerHeader = "id,name,email,manager\n"

var managerRows = []string{
	"kim,Kim Lee,Kim@Example.org,",
	"ana,Ana Silva,ana@example.org,",
	"lee,Lee Park,lee@example.org,",
	"jo,Jo Ng,jo@example.org,",
	"jo2,Jo Ng,jo2@example.org,",
	"dup1,Dup One,shared@example.org,",
	"dup2,Dup Two,shared@example.org,",
	// "ana@example.org" is also the id of someone else: the id wins.
	"ana@example.org,Ana Alias,alias@example.org,",
}

func TestResolveManagers(t *testing.T) {
	tests := []struct {
		name    string
		cell    string // manager cell of the extra person "bo" (line 10 of the CSV)
		want    string // bo's Manager after resolution
		warning bool   // an unmatched-manager warning for bo
		err     string // substring of the error, or "" for none
	}{
		{"blank", "", "", false, ""},
		{"id", "kim", "kim", false, ""},
		{"id with spaces", "  kim ", "kim", false, ""},
		{"e-mail", "kim@example.org", "kim", false, ""},
		{"e-mail any case", "KIM@EXAMPLE.ORG", "kim", false, ""},
		{"e-mail with spaces", " Kim@example.ORG ", "kim", false, ""},
		{"id before e-mail", "ana@example.org", "ana@example.org", false, ""},
		{"unique name", "Lee Park", "lee", false, ""},
		{"name is exact", "lee park", "lee park", true, ""},
		{"unmatched e-mail", "boss@example.org", "boss@example.org", true, ""},
		{"unmatched id", "ceo", "ceo", true, ""},
		{"ambiguous name", "Jo Ng", "", false, `roster.csv:10:4: manager: ambiguous manager: "Jo Ng" is the name of "jo" and "jo2"; give the manager's id or e-mail instead`},
		{"ambiguous e-mail", "SHARED@example.org", "", false, `roster.csv:10:4: manager: ambiguous manager: "SHARED@example.org" is the e-mail of "dup1" and "dup2"; give the manager's id instead`},
		{"own e-mail", "bo@example.org", "", false, `roster.csv:10:4: manager: is their own manager`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := managerHeader + strings.Join(managerRows, "\n") + "\n" +
				"bo,Bo Lind,bo@example.org," + tt.cell + "\n"
			r, err := ReadCSVWith(strings.NewReader(in), ReadOptions{Name: "roster.csv"})
			if tt.err != "" {
				require.Error(t, err)
				require.Nil(t, r)
				require.Contains(t, err.Error(), tt.err)
				pe := ParseErrors(err)
				require.Len(t, pe, 1)
				assert.Equal(t, 10, pe[0].Line)
				assert.Equal(t, 4, pe[0].Column)
				assert.Equal(t, "bo", pe[0].ID)
				if strings.Contains(tt.err, "ambiguous") {
					require.ErrorIs(t, err, ErrAmbiguousManager)
				}
				return
			}
			require.NoError(t, err)
			bo := r.Person("bo")
			require.NotNil(t, bo)
			assert.Equal(t, tt.want, bo.Manager)
			if !tt.warning {
				assert.Empty(t, r.Warnings)
				return
			}
			require.Len(t, r.Warnings, 1)
			w := r.Warnings[0]
			assert.Equal(t, Warning{File: "roster.csv", Line: 10, Column: 4, ColumnName: "manager", ID: "bo", Value: tt.want,
				Message: fmt.Sprintf(`manager %q of "bo" matches no id, e-mail or name in the roster; the line-management rule cannot keep "bo" from being paired with this manager`, tt.want)}, w)
			assert.True(t, strings.HasPrefix(w.String(), "roster.csv:10:4: manager "), w.String())
		})
	}
}

func TestResolveManagersJSON(t *testing.T) {
	const skills = `{"skills":[{"name":"A"}],"people":[
	{"id":"kim","name":"Kim Lee","email":"kim@example.org"},
	{"id":"jo","name":"Jo Ng"},
	{"id":"jo2","name":"Jo Ng"%s},
	{"id":"bo","manager":%q},
	{"id":"cy","manager":%q}
]}`
	tests := []struct {
		name       string
		bo, cy     string
		wantBo     string
		wantCy     string
		warnings   []string
		err        []string
		errPersons int
	}{
		{"e-mail and name", "KIM@example.org ", "Kim Lee", "kim", "kim", nil, nil, 0},
		{"unmatched", "ceo", "kim", "ceo", "kim",
			[]string{`roster.json: people[3].manager: manager "ceo" of "bo" matches no id, e-mail or name in the roster; the line-management rule cannot keep "bo" from being paired with this manager`}, nil, 0},
		{"a bad field does not hide a holder", "Jo Ng", "kim", "", "", nil,
			[]string{`roster.json: people[2].have: person "jo2": bad value`,
				`roster.json: people[3].manager: person "bo": ambiguous manager: "Jo Ng" is the name of "jo" and "jo2"`}, 2},
		{"every ambiguous person reported", "Jo Ng", "Jo Ng", "", "", nil,
			[]string{`roster.json: people[3].manager: person "bo": ambiguous manager: "Jo Ng" is the name of "jo" and "jo2"`,
				`roster.json: people[4].manager: person "cy": ambiguous manager`}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := ""
			if strings.HasPrefix(tt.name, "a bad field") {
				bad = `,"have":{"A":9}`
			}
			r, err := ReadJSONWith(strings.NewReader(fmt.Sprintf(skills, bad, tt.bo, tt.cy)), ReadOptions{Name: "roster.json"})
			if tt.err != nil {
				require.ErrorIs(t, err, ErrAmbiguousManager)
				require.Nil(t, r)
				for _, e := range tt.err {
					assert.Contains(t, err.Error(), e)
				}
				assert.Len(t, ParseErrors(err), tt.errPersons)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantBo, r.Person("bo").Manager)
			assert.Equal(t, tt.wantCy, r.Person("cy").Manager)
			assert.Equal(t, tt.warnings, r.WarningStrings())
		})
	}
}

func TestManagerErrorsEveryRow(t *testing.T) {
	// Two ambiguous rows and a bad level: all three reported, in file order,
	// and the unmatched manager on line 5 does not stop anything.
	in := "id,name,manager,have:A\n" +
		"jo,Jo,,1\n" +
		"jo2,Jo,,1\n" +
		"a,A,Jo,1\n" +
		"b,B,nobody,9\n" +
		"c,C,Jo,1\n"
	_, err := ReadCSVWith(strings.NewReader(in), ReadOptions{Name: "s.csv"})
	require.Error(t, err)
	var at []string
	for _, pe := range ParseErrors(err) {
		at = append(at, fmt.Sprintf("%d:%d", pe.Line, pe.Column))
	}
	assert.Equal(t, []string{"4:3", "5:4", "6:3"}, at)
	assert.Contains(t, err.Error(), "3 problems in s.csv")
}

func TestWarningsOrderAndRoundTrip(t *testing.T) {
	in := "id,name,email,manager\n" +
		"z,Zed,z@example.org,outside-1\n" +
		"a,Ann,a@example.org,Z@EXAMPLE.ORG\n" +
		"m,Mo,m@example.org,outside-2\n"
	r, err := ReadCSVWith(strings.NewReader(in), ReadOptions{Name: "s.csv"})
	require.NoError(t, err)
	assert.Equal(t, "z", r.Person("a").Manager)
	require.Len(t, r.Warnings, 2)
	assert.Equal(t, []string{"z", "m"}, []string{r.Warnings[0].ID, r.Warnings[1].ID}, "in the order of the rows")
	assert.Equal(t, []int{2, 4}, []int{r.Warnings[0].Line, r.Warnings[1].Line})

	// WriteCSV writes the resolved ids; reading them back gives the same
	// people and the same warnings.
	var b strings.Builder
	require.NoError(t, WriteCSV(&b, r))
	back, err := ReadCSVWith(strings.NewReader(b.String()), ReadOptions{Name: "s.csv"})
	require.NoError(t, err)
	assert.Equal(t, r.People, back.People)
	require.Len(t, back.Warnings, 2)
	for i, w := range back.Warnings {
		assert.Equal(t, r.Warnings[i].ID, w.ID)
		assert.Equal(t, r.Warnings[i].Line, w.Line)
		assert.Equal(t, r.Warnings[i].Message, w.Message)
	}
}

func TestNewResolvesManagers(t *testing.T) {
	cat := &Catalog{}
	people := []Person{
		{ID: "kim", Name: "Kim Lee", Email: "kim@example.org"},
		{ID: "bo", Manager: "Kim@Example.org"},
		{ID: "cy", Manager: "Kim Lee"},
		{ID: "di", Manager: "ceo"},
	}
	r, err := New(cat, people)
	require.NoError(t, err)
	assert.Equal(t, "kim", r.Person("bo").Manager)
	assert.Equal(t, "kim", r.Person("cy").Manager)
	assert.Equal(t, "ceo", r.Person("di").Manager)
	assert.Equal(t, []string{`manager "ceo" of "di" matches no id, e-mail or name in the roster; the line-management rule cannot keep "di" from being paired with this manager`},
		r.WarningStrings())
	assert.Equal(t, 1, r.Summary().Managers)

	// Applying it again changes nothing.
	before := append([]Person(nil), r.People...)
	require.NoError(t, r.ResolveManagers())
	assert.Equal(t, before, r.People)
	assert.Len(t, r.Warnings, 1)

	_, err = New(cat, []Person{{ID: "a", Name: "Jo"}, {ID: "b", Name: "Jo"}, {ID: "c", Manager: "Jo"}})
	require.ErrorIs(t, err, ErrAmbiguousManager)
	require.ErrorIs(t, err, ErrInvalidRoster)
	assert.Contains(t, err.Error(), `person "c": ambiguous manager: "Jo" is the name of "a" and "b"`)
}

func TestQuotedIDs(t *testing.T) {
	people := []Person{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}}
	for _, tt := range []struct {
		idx  []int
		want string
	}{
		{[]int{0, 1}, `"a" and "b"`},
		{[]int{1, 2, 4}, `"b", "c" and 1 other`},
		{[]int{0, 1, 2, 3, 4}, `"a", "b" and 3 others`},
	} {
		var h holders
		for _, i := range tt.idx {
			h = h.add(i)
		}
		assert.Equal(t, tt.want, quotedIDs(people, h))
	}
}

func TestWarningString(t *testing.T) {
	for _, tt := range []struct {
		w    Warning
		want string
	}{
		{Warning{File: "f.csv", Line: 3, Column: 2, ColumnName: "manager", Message: "m"}, "f.csv:3:2: m"},
		{Warning{File: "f.csv", Line: 3, Message: "m"}, "f.csv:3: m"},
		{Warning{File: "f.json", ColumnName: "people[1].manager", Message: "m"}, "f.json: people[1].manager: m"},
		{Warning{Line: 3, Column: 2, Message: "m"}, "line 3, column 2: m"},
		{Warning{Line: 3, Message: "m"}, "line 3: m"},
		{Warning{ColumnName: "manager", Message: "m"}, "manager: m"},
	} {
		assert.Equal(t, tt.want, tt.w.String())
	}
}

// BenchmarkResolveManagers resolves managers given by id and by e-mail (in
// upper case) on synthetic rosters of several sizes.
func BenchmarkResolveManagers(b *testing.B) {
	for _, by := range []string{"id", "email"} {
		for _, n := range []int{1000, 10000, 100000} {
			b.Run(fmt.Sprintf("%s/n=%d", by, n), func(b *testing.B) {
				r := Synthetic(n, 1, 1, SyntheticOptions{})
				given := make([]string, n)
				for i := range r.People {
					if m := r.Person(r.People[i].Manager); m != nil && by == "email" {
						given[i] = strings.ToUpper(m.Email)
					} else {
						given[i] = r.People[i].Manager
					}
				}
				b.ReportAllocs()
				for b.Loop() {
					for i := range r.People {
						r.People[i].Manager = given[i]
					}
					if err := r.ResolveManagers(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
