package skills

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadCSVErrors(t *testing.T) {
	const hdr = "id,name,grade,years,capacity,manager,have:Coaching,want:Delegation\n"
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		is   error    // sentinel the error must wrap
		want []string // substrings of the error message
	}{
		{"duplicate ids", hdr + "a,A,1,1,1,,3,\nb,B,1,1,1,,,\na,C,1,1,1,,,\n", ReadOptions{}, ErrDuplicateID,
			[]string{`roster.csv:4:1: id: duplicate id: "a" on lines 2 and 4`}},
		{"missing id column", "name,have:Coaching\nAnn,3\n", ReadOptions{}, ErrBadValue,
			[]string{"roster.csv:1: bad value: no id column; accepted columns: id, name"}},
		{"empty id", hdr + " ,A,1,1,1,,3,\n", ReadOptions{}, ErrBadValue, []string{"roster.csv:2:1: id: bad value: empty id"}},
		{"level above 5", hdr + "a,A,1,1,1,,3,7\n", ReadOptions{}, ErrBadValue,
			[]string{"roster.csv:2:8: want:Delegation: bad value: level 7 outside 0..5"}},
		{"negative level", hdr + "a,A,1,1,1,,-1,\n", ReadOptions{}, ErrBadValue,
			[]string{"roster.csv:2:7: have:Coaching: bad value: level -1 outside 0..5"}},
		{"non-numeric level", hdr + "a,A,1,1,1,,x,\n", ReadOptions{}, ErrBadValue,
			[]string{`roster.csv:2:7: have:Coaching: bad value: level "x" is not a number 0..5`}},
		{"fractional level", hdr + "a,A,1,1,1,,2.5,\n", ReadOptions{}, ErrBadValue,
			[]string{`level 2.5 is not a whole number`}},
		{"level 5.0", hdr + "a,A,1,1,1,,5.0,\n", ReadOptions{}, ErrBadValue,
			[]string{`roster.csv:2:7: have:Coaching: bad value: level 5.0 is not written as a whole number: write 5`}},
		{"level 1e0", hdr + "a,A,1,1,1,,,1e0\n", ReadOptions{}, ErrBadValue,
			[]string{`level 1e0 is not written as a whole number: write 1`}},
		{"level 6.0", hdr + "a,A,1,1,1,,6.0,\n", ReadOptions{}, ErrBadValue, []string{`level 6.0 outside 0..5`}},
		{"level 1e400", hdr + "a,A,1,1,1,,1e400,\n", ReadOptions{}, ErrBadValue, []string{`roster.csv:2:7: have:Coaching: bad value: level 1e400 outside 0..5`}},
		{"grade beyond int", hdr + "a,A,99999999999999999999,1,1,,,\n", ReadOptions{}, ErrBadValue,
			[]string{`roster.csv:2:3: grade: bad value: grade "99999999999999999999" is out of range (-9223372036854775808 to 9223372036854775807)`}},
		{"capacity beyond int", hdr + "a,A,1,1,99999999999999999999,,,\n", ReadOptions{}, ErrBadValue,
			[]string{`capacity "99999999999999999999" is out of range`}},
		{"years beyond float", hdr + "a,A,1,1e400,1,,,\n", ReadOptions{}, ErrBadValue, []string{`years "1e400" is too large`}},
		{"years below float", hdr + "a,A,1,-1e400,1,,,\n", ReadOptions{}, ErrBadValue, []string{`years -1e400 is negative`}},
		{"non-numeric grade", hdr + "a,A,senior,1,1,,,\n", ReadOptions{}, ErrBadValue,
			[]string{`roster.csv:2:3: grade: bad value: grade "senior" is not a whole number`}},
		{"non-numeric years", hdr + "a,A,1,lots,1,,,\n", ReadOptions{}, ErrBadValue,
			[]string{`roster.csv:2:4: years: bad value: years "lots" is not a number`}},
		{"NaN years", hdr + "a,A,1,NaN,1,,,\n", ReadOptions{}, ErrBadValue, []string{`years "NaN" is not a number`}},
		{"negative years", hdr + "a,A,1,-2,1,,,\n", ReadOptions{}, ErrBadValue, []string{`years -2 is negative`}},
		{"non-numeric capacity", hdr + "a,A,1,1,two,,,\n", ReadOptions{}, ErrBadValue,
			[]string{`roster.csv:2:5: capacity: bad value: capacity "two" is not a whole number`}},
		{"negative capacity", hdr + "a,A,1,1,-1,,,\n", ReadOptions{}, ErrBadValue, []string{`capacity -1 is negative`}},
		{"unknown column", "id,nmae,have:Coaching\na,A,1\n", ReadOptions{}, ErrUnknownColumn,
			[]string{`roster.csv:1:2: nmae: unknown column "nmae"; accepted columns: id, name, email, grade, years, department, manager, location, capacity, focus, unavailable, lead, have:<skill>, want:<skill>, tag:<key>`}},
		{"unknown prefix", "id,skill:Coaching\na,1\n", ReadOptions{}, ErrUnknownColumn, []string{`unknown column "skill:Coaching"`}},
		{"unknown column and bad rows", "id,nmae,have:Coaching\na,A,7\na,B,1\n", ReadOptions{}, ErrUnknownColumn,
			[]string{`roster.csv:1:2: nmae: unknown column`, `roster.csv:2:3: have:Coaching: bad value: level 7 outside 0..5`, `roster.csv:3:1: id: duplicate id: "a" on lines 2 and 3`}},
		{"too few fields", hdr + "a,A,1,1,1\n", ReadOptions{}, ErrFieldCount,
			[]string{"roster.csv:2: wrong number of fields: row has 5 fields, header has 8"}},
		{"too many fields", hdr + "a,A,1,1,1,,,,,\n", ReadOptions{}, ErrFieldCount,
			[]string{"row has 10 fields, header has 8"}},
		{"empty file", "", ReadOptions{}, ErrNoPeople, []string{"roster.csv: no people: the file is empty"}},
		{"header only", hdr, ReadOptions{}, ErrNoPeople, []string{"no people: the file has a header but no people"}},
		{"own manager", hdr + "a,A,1,1,1,a,,\n", ReadOptions{}, nil,
			[]string{`roster.csv:2:6: manager: is their own manager`}},
		{"manager cycle", hdr + "a,A,1,1,1,b,,\nb,B,1,1,1,c,,\nc,C,1,1,1,a,,\nd,D,1,1,1,a,,\n", ReadOptions{}, nil,
			[]string{`manager: manager chain has a cycle: a → b → c → a`}},
		{"duplicate skill columns by case", "id,have:Coaching,have:coaching \na,1,2\n", ReadOptions{}, ErrBadValue,
			[]string{`roster.csv:1:3: have:coaching: bad value: column "have:coaching" repeats column 2 (names compare case-insensitively)`}},
		{"duplicate skill columns by normal form", "id,have:Caf\u00e9,have:Cafe\u0301\na,1,2\n", ReadOptions{}, ErrBadValue,
			[]string{"roster.csv:1:3: have:Cafe\u0301: bad value: column \"have:Cafe\u0301\" repeats column 2 (names compare case-insensitively, and these differ only in how an accented letter is encoded"}},
		{"duplicate fixed columns", "ID,name,Name\na,A,B\n", ReadOptions{}, ErrBadValue, []string{`column "Name" repeats column 2`}},
		{"semicolon separated, bad level", "id;name;have:Coaching\na;Ann;9\n", ReadOptions{}, ErrBadValue,
			[]string{"roster.csv:2:3: have:Coaching: bad value: level 9 outside 0..5"}},
		{"tab separated, bad level", "id\tname\thave:Coaching\na\tAnn\t9\n", ReadOptions{}, ErrBadValue,
			[]string{"roster.csv:2:3: have:Coaching: bad value: level 9 outside 0..5"}},
		{"xlsx given to the CSV reader", "PK\x03\x04rest", ReadOptions{}, ErrFormat, []string{"zip archive"}},
		{"bad date", "id,unavailable\na,2027-13-01\n", ReadOptions{}, ErrBadValue, []string{`date "2027-13-01" is not YYYY-MM-DD`}},
		{"backwards range", "id,unavailable\na,2027-02-01..2027-01-01\n", ReadOptions{}, ErrBadValue, []string{`ends before it starts`}},
		{"too many people", hdr + "a,,,,,,,\nb,,,,,,,\nc,,,,,,,\nd,,,,,,,\n", ReadOptions{MaxPeople: 2}, ErrTooLarge,
			[]string{"roster.csv:4: input too large: more than 2 people"}},
		{"too many skills", "id,have:A,want:B,have:C\na,1,2,3\n", ReadOptions{MaxSkills: 2}, ErrTooLarge,
			[]string{"roster.csv:1:4: have:C: input too large: more than 2 skills"}},
		{"field too long", "id,name\na," + strings.Repeat("x", 100) + "\n", ReadOptions{MaxFieldBytes: 50}, ErrTooLarge,
			[]string{"roster.csv:2:2: name: input too large: field of 100 bytes exceeds the limit of 50"}},
		{"bare quote", "id,name\na,b\"c\n", ReadOptions{}, ErrFormat, []string{`roster.csv:2: malformed input: bare " in non-quoted-field`}},
		{"every bad row reported", hdr + "a,A,x,1,1,,,\nb,B,1,y,1,,,\nc,C,1,1,z,,9,\n", ReadOptions{}, ErrBadValue,
			[]string{"4 problems in roster.csv", "roster.csv:2:3: grade", "roster.csv:3:4: years", "roster.csv:4:5: capacity", "roster.csv:4:7: have:Coaching"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Name = "roster.csv"
			r, err := ReadCSVWith(strings.NewReader(tt.in), opt)
			require.Error(t, err)
			require.Nil(t, r)
			require.ErrorIs(t, err, ErrInvalidRoster)
			if tt.is != nil {
				require.ErrorIs(t, err, tt.is)
			}
			for _, w := range tt.want {
				require.Contains(t, err.Error(), w)
			}
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, "roster.csv", pe.File)
		})
	}
}

func TestReadCSVErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,have:A\n")
	for i := 0; i < 250; i++ {
		b.WriteString("x" + string(rune('a'+i%26)) + strings.Repeat("y", i) + ",9\n")
	}
	_, err := ReadCSVWith(strings.NewReader(b.String()), ReadOptions{Name: "big.csv"})
	require.ErrorIs(t, err, ErrInvalidRoster)
	require.Len(t, ParseErrors(err), maxReported)
	require.Contains(t, err.Error(), "250 problems in big.csv")
	require.Contains(t, err.Error(), "and 150 more")
}

func TestReadCSVAccepts(t *testing.T) {
	in := "\xef\xbb\xbf ID , Name,Grade,YEARS,capacity,Have: Coaching ,want:Delegation,WANT:coaching,tag:Language,Unavailable\r\n" +
		"a , Ann ,3, 4.5 ,, 03 ,,+2,en,2027-12-30..2028-01-02 2027-12-24;2027-12-31\r\n" +
		",,,,,,,,,\r\n" +
		"b,Bo,, ,2,,5,,,\r\n"
	r, err := ReadCSV(strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, []string{"Coaching", "Delegation"}, r.Catalog.Names())
	require.Equal(t, 2, r.Len())
	day := func(s string) time.Time { d, _ := time.Parse(dateLayout, s); return d }
	require.Equal(t, Person{ID: "a", Name: "Ann", Grade: 3, Years: 4.5, Capacity: 1,
		Tags:        map[string]string{"Language": "en"},
		Unavailable: []time.Time{day("2027-12-24"), day("2027-12-30"), day("2027-12-31"), day("2028-01-01"), day("2028-01-02")},
		Have:        []uint8{3, 0}, Want: []uint8{2, 0}}, r.People[0])
	require.Equal(t, Person{ID: "b", Name: "Bo", Capacity: 2, Have: []uint8{0, 0}, Want: []uint8{0, 5}}, r.People[1])
	require.NoError(t, r.Validate())
	require.Equal(t, 2, r.People[1].EffectiveCapacity())
	i, ok := r.Index("b")
	require.True(t, ok)
	require.Equal(t, 1, i)
}

func TestReadCSVWantOnlySkill(t *testing.T) {
	r, err := ReadCSV(strings.NewReader("id,want:Negotiation,have:Coaching\na,3,1\n"))
	require.NoError(t, err)
	require.Equal(t, []string{"Negotiation", "Coaching"}, r.Catalog.Names())
	require.Equal(t, []uint8{0, 1}, r.People[0].Have)
	require.Equal(t, []uint8{3, 0}, r.People[0].Want)
}

// endless yields an endless header-free stream of bytes and counts them.
type endless struct {
	n    int64
	data []byte
}

func (e *endless) Read(p []byte) (int, error) {
	k := copy(p, e.data[e.n%int64(len(e.data)):])
	e.n += int64(k)
	return k, nil
}

func TestReadCSVStopsEarly(t *testing.T) {
	// A line that never ends: reading must stop after about a record's limit.
	src := &endless{data: []byte("id,name,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}
	_, err := ReadCSVWith(src, ReadOptions{MaxFieldBytes: 1000, MaxSkills: 10})
	require.ErrorIs(t, err, ErrTooLarge)
	require.ErrorIs(t, err, ErrInvalidRoster)
	require.Less(t, src.n, int64(200<<10))

	// Endless rows: stops at MaxPeople.
	var b bytes.Buffer
	b.WriteString("id,have:A\n")
	rows := &endless{data: []byte("x,1\n")}
	_, err = ReadCSVWith(io.MultiReader(&b, rows), ReadOptions{MaxPeople: 1000})
	require.ErrorIs(t, err, ErrTooLarge)
	require.Less(t, rows.n, int64(100<<10))

	// A quoted field spanning endless lines.
	q := &endless{data: []byte("\nabc")}
	_, err = ReadCSVWith(io.MultiReader(strings.NewReader("id,name\na,\""), q), ReadOptions{MaxFieldBytes: 1000})
	require.ErrorIs(t, err, ErrTooLarge)
	require.Less(t, q.n, int64(200<<10))
}

func TestParseErrorFormat(t *testing.T) {
	e := &ParseError{File: "f.csv", Line: 3, Column: 5, ColumnName: "want:Coaching", Err: errors.New("level 7 outside 0..5")}
	assert.Equal(t, "f.csv:3:5: want:Coaching: level 7 outside 0..5", e.Error())
	e = &ParseError{Line: 3, Column: 5, Err: errors.New("x")}
	assert.Equal(t, "line 3, column 5: x", e.Error())
	e = &ParseError{File: "f.json", ColumnName: "people[2].have", ID: "a", Err: errors.New("x")}
	assert.Equal(t, `f.json: people[2].have: person "a": x`, e.Error())
	e = &ParseError{Line: 4, ID: "a", Err: errors.New("x")}
	assert.Equal(t, `line 4: person "a": x`, e.Error())
}

func TestCSVRoundTrip(t *testing.T) {
	for _, r := range []*Roster{Demo(), Synthetic(300, 25, 9, SyntheticOptions{})} {
		var buf bytes.Buffer
		require.NoError(t, WriteCSV(&buf, r))
		back, err := ReadCSV(&buf)
		require.NoError(t, err)
		require.Equal(t, r.Catalog.Names(), back.Catalog.Names())
		require.Equal(t, r.People, back.People)
	}
}

func TestDemo(t *testing.T) {
	r := Demo()
	require.NoError(t, r.Validate())
	require.Equal(t, 48, r.Len())
	require.Equal(t, 12, r.Catalog.Len())
	s := r.Summary()
	require.Len(t, s.Departments, 4)
	require.Greater(t, s.Managers, 4)
	// A pyramid: never more people at a higher grade.
	for i := 1; i < len(s.Grades); i++ {
		require.LessOrEqual(t, s.Grades[i].Count, s.Grades[i-1].Count)
	}
	nothingToTeach, wantsNothing, inRosterManager := 0, 0, 0
	for _, p := range r.People {
		maxHave, sumWant := uint8(0), 0
		for j := range p.Have {
			maxHave = max(maxHave, p.Have[j])
			sumWant += int(p.Want[j])
		}
		if maxHave <= 1 {
			nothingToTeach++
		}
		if sumWant == 0 {
			wantsNothing++
		}
		if r.Person(p.Manager) != nil {
			inRosterManager++
		}
		require.True(t, strings.HasSuffix(p.Email, "@example.org"))
		require.NotEmpty(t, p.Tags["language"])
	}
	require.GreaterOrEqual(t, nothingToTeach, 1)
	require.GreaterOrEqual(t, wantsNothing, 1)
	require.Greater(t, inRosterManager, 40)
	// Each call returns a fresh copy.
	r.People[0].Name = "changed"
	require.NotEqual(t, "changed", Demo().People[0].Name)
}

// TestReadCSVCarriageReturnLines: a file whose lines end with a carriage
// return alone was read as one line, its cells reported as unknown columns
// ("2\rb"); it now reads as the lines it shows, numbered as such.
func TestReadCSVCarriageReturnLines(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		err      string // "" reads
	}{
		{"CR", "id,name,have:A,want:A\ra,Ann,1,2\rb,Bo,2,1\r", ""},
		{"CR, no last line end", "id,name,have:A,want:A\ra,Ann,1,2\rb,Bo,2,1", ""},
		{"CR, quoted line break", "id,name,have:A,want:A\ra,\"Ann\rMarie\",1,2\rb,Bo,2,1\r", ""},
		{"CR, quoted CRLF", "id,name,have:A,want:A\ra,\"Ann\r\nMarie\",1,2\rb,Bo,2,1\r", ""},
		{"CR, blank lines", "id,name,have:A,want:A\r\r\ra,Ann,1,2\rb,Bo,2,1\r\r", ""},
		{"CR, error names its line", "id,name,have:A,want:A\ra,Ann,1,2\r\rb,Bo,7,1\r", "r.csv:4:3: have:A: bad value: level 7 outside 0..5"},
		{"CR in a quoted header", "id,\"name\rx\",have:A,want:A\na,Ann,1,2\nb,Bo,2,1\n", "unknown column"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ReadCSVWith(strings.NewReader(tc.in), ReadOptions{Name: "r.csv"})
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			require.Len(t, r.People, 2)
			assert.Equal(t, []string{"a", "b"}, []string{r.People[0].ID, r.People[1].ID})
			assert.Equal(t, []uint8{2}, r.People[1].Have)
			if strings.Contains(tc.name, "quoted") {
				assert.Equal(t, "Ann\nMarie", r.People[0].Name)
			}
		})
	}
	// The reader turns CR and CRLF into one LF across reads of any size.
	for _, r := range []io.Reader{strings.NewReader("a\r\nb\rc\r\r\nd"), iotest.OneByteReader(strings.NewReader("a\r\nb\rc\r\r\nd"))} {
		got, err := io.ReadAll(&crReader{r: r})
		require.NoError(t, err)
		assert.Equal(t, "a\nb\nc\n\nd", string(got))
	}
}

// TestSkillNamesNormalForm: a skill name typed with a precomposed é and
// with e and a combining accent looked the same and was two skills, one
// with only have levels and one with only want levels; it is one skill.
func TestSkillNamesNormalForm(t *testing.T) {
	r, err := ReadCSV(strings.NewReader("id,have:Caf\u00e9,want:CAFE\u0301,lead\na,1,2,cafe\u0301\nb,2,1,\n"))
	require.NoError(t, err)
	require.Equal(t, []string{"Caf\u00e9"}, r.Catalog.Names())
	assert.Equal(t, []uint8{1}, r.People[0].Have)
	assert.Equal(t, []uint8{2}, r.People[0].Want)
	assert.Equal(t, []string{"Caf\u00e9"}, r.People[0].Lead)

	_, err = NewCatalog(Skill{Name: "Caf\u00e9"}, Skill{Name: "Cafe\u0301"})
	require.ErrorContains(t, err, "Unicode normal form")

	_, err = ReadJSON(strings.NewReader(`{"skills":[{"name":"Caf\u00e9"}],"people":[{"id":"a","have":{"Caf\u00e9":1,"Cafe\u0301":2}}]}`))
	require.ErrorContains(t, err, "name the same skill")
}

// TestIDsNormalForm: two ids that differ only in Unicode normalisation
// look the same, so a manager cell or a never-pair list naming one could
// mean either; they were two people, and are an error at the second.
func TestIDsNormalForm(t *testing.T) {
	_, err := ReadCSVWith(strings.NewReader("id,have:A,want:A\nJos\u00e9,1,2\nJose\u0301,2,1\nJos\u00e9,1,1\n"), ReadOptions{Name: "r.csv"})
	require.ErrorIs(t, err, ErrDuplicateID)
	assert.Contains(t, err.Error(), "r.csv:3:1: id: duplicate id: \"Jose\u0301\" looks the same as \"Jos\u00e9\" at line 2: the two differ only in how an accented letter is encoded")
	assert.Contains(t, err.Error(), "r.csv:4:1: id: duplicate id: \"Jos\u00e9\" on lines 2 and 4")

	_, err = ReadJSONWith(strings.NewReader(`{"skills":[],"people":[{"id":"Jos\u00e9"},{"id":"Jose\u0301"},{"id":"Jos\u00e9"}]}`), ReadOptions{Name: "r.json"})
	require.ErrorIs(t, err, ErrDuplicateID)
	assert.Contains(t, err.Error(), "r.json: people[1].id: duplicate id: \"Jose\u0301\" looks the same as \"Jos\u00e9\" at people[0]")
	assert.Contains(t, err.Error(), "r.json: people[2].id: duplicate id: \"Jos\u00e9\" also at people[0]")
}
