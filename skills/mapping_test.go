package skills

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// googleRows is a Google Forms export as a facilitator downloads it:
// metadata, a name question, grid questions in both shapes, Yes/No and
// word answers, a free comment, accents.
var googleRows = [][]string{
	{"Timestamp", "Email Address", "Full name", "Department", "Coaching [I can teach]", "Coaching [I want to learn]", "Skills I can teach [Négociation]", "Skills I want to learn [Négociation]", "Any comments?"},
	{"2027/01/04 9:12:03 AM GMT+1", "Jose.Nunez@example.org", "José Núñez", "Sales", "Yes", "No", "Expert", "", "none, thanks"},
	{"2027/01/04 9:40:51 AM GMT+1", "aylin@example.org", "Aylin Çelik", "Support", "no", "YES", "Beginner", "Somewhat", "I'm away in May; fine otherwise"},
	{"2027/01/05 2:03:10 PM GMT+1", "bo@example.org", "Bo", "Support", "3", "Intermediate", "", " advanced ", ""},
}

var googleMapping = &Mapping{
	Ignore:  []string{"*comment*"},
	Answers: map[string]int{"Somewhat": 2},
}

func joinTable(rows [][]string, sep string) string {
	var b strings.Builder
	for _, row := range rows {
		for j, c := range row {
			if j > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, ",;\t\"") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func TestSurveyExportsGiveTheSameRoster(t *testing.T) {
	comma := joinTable(googleRows, ",")
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(joinTable(googleRows, "\t")))
	require.NoError(t, err)
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes([]byte(comma))
	require.NoError(t, err)
	inputs := []struct {
		name, file string
		in         []byte
	}{
		{"comma", "answers.csv", []byte(comma)},
		{"tab", "answers.tsv", []byte(joinTable(googleRows, "\t"))},
		{"semicolon", "answers.csv", []byte(joinTable(googleRows, ";"))},
		{"UTF-16LE with BOM", "answers.txt", utf16},
		{"Windows-1252", "answers.csv", cp1252},
		{"xlsx", "answers.xlsx", xlsxBytes(t, "Form responses 1", googleRows)},
	}
	var first *Roster
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			r, err := Read(bytes.NewReader(in.in), ReadOptions{Name: in.file, Mapping: googleMapping})
			require.NoError(t, err)
			assert.Equal(t, ShapeGoogleForms, r.ReadInfo.Shape)
			assert.Equal(t, []string{"Coaching", "Négociation"}, r.Catalog.Names())
			require.Len(t, r.People, 3)
			jose := r.People[0]
			assert.Equal(t, "jose.nunez@example.org", jose.ID, "the e-mail, lower-cased, is the id")
			assert.Equal(t, "Jose.Nunez@example.org", jose.Email)
			assert.Equal(t, "José Núñez", jose.Name)
			assert.Equal(t, []uint8{5, 5}, jose.Have)
			assert.Equal(t, []uint8{0, 0}, jose.Want)
			assert.Equal(t, []uint8{0, 1}, r.People[1].Have)
			assert.Equal(t, []uint8{5, 2}, r.People[1].Want)
			assert.Equal(t, []uint8{3, 0}, r.People[2].Have)
			assert.Equal(t, []uint8{3, 4}, r.People[2].Want)
			assert.Equal(t, []ColumnUse{
				{"Timestamp", "", "recognised (Google Forms), ignored"},
				{"Email Address", "email", "recognised (Google Forms); also the id"},
				{"Full name", "name", "recognised (synonym)"},
				{"Department", "Department", HowAsNamed},
				{"Coaching [I can teach]", "have:Coaching", "recognised (Google Forms grid question)"},
				{"Coaching [I want to learn]", "want:Coaching", "recognised (Google Forms grid question)"},
				{"Skills I can teach [Négociation]", "have:Négociation", "recognised (Google Forms grid question)"},
				{"Skills I want to learn [Négociation]", "want:Négociation", "recognised (Google Forms grid question)"},
				{"Any comments?", "", HowIgnored},
			}, r.ReadInfo.Columns)
			var idWarning bool
			for _, w := range r.Warnings {
				if strings.Contains(w.Message, "no id column") {
					idWarning = true
					assert.Equal(t, 1, w.Line)
					assert.Equal(t, 2, w.Column)
				}
			}
			assert.True(t, idWarning, r.WarningStrings())
			if first == nil {
				first = r
				return
			}
			assert.Equal(t, first.People, r.People)
			assert.Equal(t, first.Catalog, r.Catalog)
		})
	}

	// Without the mapping the comment column is unknown and "Somewhat" is
	// not a level: both are errors at their cells, and the answer words
	// are listed once.
	_, err = ReadCSVWith(strings.NewReader(comma), ReadOptions{Name: "answers.csv"})
	require.Error(t, err)
	pes := ParseErrors(err)
	require.Len(t, pes, 2, err.Error())
	assert.ErrorIs(t, pes[0], ErrUnknownColumn)
	assert.Equal(t, 9, pes[0].Column)
	assert.ErrorIs(t, pes[1], ErrBadValue)
	assert.Equal(t, [2]int{3, 8}, [2]int{pes[1].Line, pes[1].Column})
	assert.Contains(t, pes[1].Error(), `answers.csv:3:8: Skills I want to learn [Négociation]: bad value: level "Somewhat" is not a number 0..5 nor an answer word; answer words are 0: "never", "no"`)
}

func TestAnswerWordsListedOnce(t *testing.T) {
	in := "id,have:A,want:A\na,Maybe,Often\nb,yes,Sometimes\n"
	_, err := ReadCSVWith(strings.NewReader(in), ReadOptions{})
	pes := ParseErrors(err)
	require.Len(t, pes, 3)
	assert.Equal(t, 1, strings.Count(err.Error(), `"expert"`), err.Error())
	assert.Contains(t, pes[1].Error(), "(listed above)")
	// Numbers out of range keep their own message.
	_, err = ReadCSVWith(strings.NewReader("id,have:A\na,7\n"), ReadOptions{})
	assert.Contains(t, err.Error(), "level 7 outside 0..5")
	// Without automatic recognition, words are not levels.
	_, err = ReadCSVWith(strings.NewReader("id,have:A\na,Yes\n"), ReadOptions{NoAutoMapping: true})
	assert.Contains(t, err.Error(), `level "Yes" is not a number 0..5`)
	r, err := ReadCSVWith(strings.NewReader("id,have:A\na,Yes\n"), ReadOptions{NoAutoMapping: true, Mapping: &Mapping{Answers: map[string]int{"yes": 4}}})
	require.NoError(t, err)
	assert.Equal(t, uint8(4), r.People[0].Have[0])
	// A mapping's word overrides the built-in one.
	r, err = ReadCSVWith(strings.NewReader("id,want:A\na, YES \n"), ReadOptions{Mapping: &Mapping{Answers: map[string]int{"Yes": 3}}})
	require.NoError(t, err)
	assert.Equal(t, uint8(3), r.People[0].Want[0])
}

func TestMappingRules(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		row     string
		mapping *Mapping
		noAuto  bool
		shape   string
		uses    []ColumnUse
		err     error  // a sentinel the error wraps, nil for success
		errText string // text the error holds
	}{
		{
			name:   "Microsoft Forms: ID is the response number, Email the id",
			header: "ID,Start time,Completion time,Email,Name,Last modified time,Coaching [I can teach],Total points,Points - Coaching",
			row:    "1,1/4/27 9:00,1/4/27 9:05,ana@example.org,Ana,,Expert,0,0",
			shape:  ShapeMicrosoftForms,
			uses: []ColumnUse{
				{"ID", "", "recognised (Microsoft Forms), ignored"},
				{"Start time", "", "recognised (Microsoft Forms), ignored"},
				{"Completion time", "", "recognised (Microsoft Forms), ignored"},
				{"Email", "email", "recognised (Microsoft Forms); also the id"},
				{"Name", "name", "recognised (Microsoft Forms)"},
				{"Last modified time", "", "recognised (Microsoft Forms), ignored"},
				{"Coaching [I can teach]", "have:Coaching", "recognised (Microsoft Forms grid question)"},
				{"Total points", "", "recognised (Microsoft Forms), ignored"},
				{"Points - Coaching", "", "recognised (Microsoft Forms), ignored"},
			},
		},
		{
			name:    "renames and patterns",
			header:  "Staff number,Your e-mail,Teach: Coaching,Learn: Coaching,Language",
			row:     "17,a@x.org,4,1,en",
			mapping: &Mapping{Rename: map[string]string{"staff NUMBER": "id", "Language": "tag:language"}, Skills: []SkillPattern{{"Teach: {skill}", "have"}, {"learn:{skill}", "WANT"}}},
			uses: []ColumnUse{
				{"Staff number", "id", HowRenamed},
				{"Your e-mail", "", ""},
				{"Teach: Coaching", "have:Coaching", HowPattern},
				{"Learn: Coaching", "want:Coaching", HowPattern},
				{"Language", "tag:language", HowRenamed},
			},
			err:     ErrUnknownColumn,
			errText: `unknown column "Your e-mail"`,
		},
		{
			name:    "a header two patterns read differently",
			header:  "id,Coaching (teach)",
			row:     "a,1",
			mapping: &Mapping{Skills: []SkillPattern{{"{skill} (teach)", "have"}, {"Coaching {skill}", "want"}}},
			err:     ErrAmbiguousColumn,
			errText: `"Coaching (teach)" is have:Coaching by pattern "{skill} (teach)" and want:(teach) by pattern "Coaching {skill}"`,
		},
		{
			name:    "a grid question whose halves both say teach or learn",
			header:  "id,Learning design [I can teach]",
			row:     "a,1",
			err:     ErrAmbiguousColumn,
			errText: "rename it",
		},
		{
			name:   "a grid question with no teach or learn is unknown",
			header: "id,Coaching [Level]",
			row:    "a,1",
			err:    ErrUnknownColumn,
		},
		{
			name:    "no automatic recognition",
			header:  "id,Email Address,Coaching [I can teach]",
			row:     "a,a@x.org,1",
			noAuto:  true,
			err:     ErrUnknownColumn,
			errText: `unknown column "Coaching [I can teach]"`,
		},
		{
			name:    "no id and no e-mail: the error suggests a header",
			header:  "Employee ID,Full name",
			row:     "7,Ann",
			err:     ErrBadValue,
			errText: `no id column; accepted columns: id, name`,
		},
		{
			name:    "no id, suggestion by e-mail",
			header:  "Mail,Full name",
			row:     "a@x.org,Ann",
			err:     ErrBadValue,
			errText: `the header "Mail" looks like an e-mail: rename it to email`,
		},
		{
			name:    "two columns mapped to the same one",
			header:  "id,Email Address,E-mail",
			row:     "a,a@x.org,a@x.org",
			err:     ErrBadValue,
			errText: `column "E-mail", read as email, repeats column 2`,
		},
		{
			name:    "an empty e-mail where the e-mail is the id",
			header:  "Timestamp,Email Address",
			row:     "x,",
			err:     ErrBadValue,
			errText: "empty e-mail, which is the id",
		},
		{
			name:    "an invalid mapping reads nothing",
			header:  "id",
			row:     "a",
			mapping: &Mapping{Rename: map[string]string{"x": "identity"}},
			err:     ErrInvalidMapping,
			errText: `rename "x": "identity" is not a column`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.header + "\n" + tt.row + "\n"
			r, err := ReadCSVWith(strings.NewReader(in), ReadOptions{Name: "s.csv", Mapping: tt.mapping, NoAutoMapping: tt.noAuto})
			if tt.err != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tt.err)
				assert.ErrorIs(t, err, ErrInvalidRoster)
				assert.Contains(t, err.Error(), tt.errText)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.shape, r.ReadInfo.Shape)
			assert.Equal(t, tt.uses, r.ReadInfo.Columns)
		})
	}
	// The suggestion names the header that looks like an id.
	_, err := ReadCSVWith(strings.NewReader("Employee ID,Full name\n7,Ann\n"), ReadOptions{})
	assert.Contains(t, err.Error(), `the header "Employee ID" looks like one: rename it to id`)
	// Renames and patterns give exactly the columns of the native format.
	r, err := ReadCSVWith(strings.NewReader("Staff number,Teach: Coaching,Learn: Coaching,Language\n17,4,1,en\n"), ReadOptions{
		Mapping: &Mapping{Rename: map[string]string{"staff NUMBER": "id", "Language": "tag:language"}, Skills: []SkillPattern{{"Teach: {skill}", "have"}, {"learn:{skill}", "WANT"}}}})
	require.NoError(t, err)
	native, err := ReadCSV(strings.NewReader("id,have:Coaching,want:Coaching,tag:language\n17,4,1,en\n"))
	require.NoError(t, err)
	assert.Equal(t, native.People, r.People)
	assert.Equal(t, native.Catalog, r.Catalog)
}

func TestMappingValidate(t *testing.T) {
	tests := []struct {
		name string
		m    *Mapping
		want []string // texts of the problems, in order; nil for valid
	}{
		{"nil", nil, nil},
		{"valid", &Mapping{Rename: map[string]string{"E-mail": "email", "Lang": "tag:language", "Q1": "have:Coaching"}, Ignore: []string{"Timestamp", "*comment*", "Start*"}, Skills: []SkillPattern{{"{skill} [I can teach]", "have"}}, Answers: map[string]int{"Yes": 5, "yes": 5, "No": 0}}, nil},
		{"bad renames", &Mapping{Rename: map[string]string{" ": "id", "a": "identity", "A": "id", "b": "have:", "c": "email"}, Ignore: []string{"C"}}, []string{
			`rename " ": empty header name`, `rename "a": "identity"`, `rename "A" and "a" name the same header`, `rename "b": "have:" names no skill`, `rename "c": the header is also ignored (by "C")`}},
		{"bad ignores", &Mapping{Ignore: []string{"*", "a*b"}}, []string{`ignore[0] "*" matches every header`, `ignore[1] "a*b": * may only begin or end`}},
		{"bad patterns", &Mapping{Skills: []SkillPattern{{"[I can teach]", "have"}, {"{skill} {skill}", "want"}, {" {skill} ", "have"}, {"{skill}?", "teach"}}}, []string{
			`skills[0] pattern "[I can teach]": needs exactly one {skill}, has 0`, `skills[1] pattern "{skill} {skill}": needs exactly one {skill}, has 2`, `skills[2] pattern " {skill} ": needs text besides {skill}`, `skills[3] pattern "{skill}?": column "teach" is not have or want`}},
		{"bad answers", &Mapping{Answers: map[string]int{"": 1, "3": 4, "Yes": 6, "Often": 4, "often": 3}}, []string{
			`answers: empty answer word`, `answers "3": a number`, `answers "Often" and "often" are the same word`, `answers "Yes": level 6 outside 0..5`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Validate()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			var got []string
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				assert.ErrorIs(t, e, ErrInvalidMapping)
				got = append(got, e.Error())
			}
			_ = got
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestIgnorePatterns(t *testing.T) {
	for _, tt := range []struct {
		p, h string
		want bool
	}{
		{"Timestamp", "timestamp", true},
		{"Timestamp", "timestamps", false},
		{"start*", "start time", true},
		{"*time", "completion time", true},
		{"*time", "timer", false},
		{"*Comment*", "any comments?", true},
		{"  Any   comments? ", "any comments?", true},
		{"*", "x", false},
	} {
		assert.Equal(t, tt.want, compileIgnore([]string{tt.p})[0].matches(tt.h), "%q %q", tt.p, tt.h)
	}
}

func TestGridColumn(t *testing.T) {
	for _, tt := range []struct {
		h, col string
		ok     bool
		err    bool
	}{
		{"Coaching [I can teach]", "have:Coaching", true, false},
		{"Coaching [I want to learn]", "want:Coaching", true, false},
		{"Skills I can teach [Coaching]", "have:Coaching", true, false},
		{"Skills I want to teach [Coaching]", "have:Coaching", true, false},
		{"Skills I would like to develop [Public speaking]", "want:Public speaking", true, false},
		{"What I have [Coaching]", "have:Coaching", true, false},
		{"Coaching [Level]", "", false, false},
		{"Coaching", "", false, false},
		{"[I can teach]", "", false, false},
		{"Teaching [I want to learn]", "", true, true},
		{"Skills I have and want [Coaching]", "", true, true},
	} {
		col, err, ok := gridColumn(tt.h)
		assert.Equal(t, tt.ok, ok, tt.h)
		assert.Equal(t, tt.err, err != nil, tt.h)
		if !tt.err {
			assert.Equal(t, tt.col, col, tt.h)
		}
	}
}

// FuzzReadMapped reads mutated Google Forms-style exports through a
// mapping: never a panic, a valid roster or an error wrapping
// ErrInvalidRoster, and ReadInfo.Columns has one entry a header column.
func FuzzReadMapped(f *testing.F) {
	f.Add(joinTable(googleRows, ","), "Somewhat", "*comment*", "{skill} [I can teach]")
	f.Add("ID,Start time,Completion time,Email,Name\n1,a,b,a@x.org,Ann\n", "no", "Start*", "Teach {skill}")
	f.Add("Staff number,Teach: Coaching\n1,Somewhat\n", "somewhat", "", "Teach: {skill}")
	f.Add("id,Coaching (teach)\na,1\n", "", "x", "Coaching {skill}")
	f.Fuzz(func(t *testing.T, in, word, ignore, pattern string) {
		m := &Mapping{
			Rename:  map[string]string{"Staff number": "id", "Full name": "name"},
			Ignore:  []string{ignore},
			Skills:  []SkillPattern{{pattern, "have"}, {"Learn {skill}", "want"}},
			Answers: map[string]int{word: 2},
		}
		valid := m.Validate() == nil
		r, err := ReadCSVWith(strings.NewReader(in), ReadOptions{Mapping: m, MaxPeople: 1000, MaxSkills: 100, MaxFieldBytes: 1000, MaxTags: 20})
		check(t, r, err)
		if !valid && !errors.Is(err, ErrInvalidMapping) {
			t.Fatalf("invalid mapping read: %v", err)
		}
		if err == nil {
			var cols int
			for _, u := range r.ReadInfo.Columns {
				if u.Column == "" && u.How != HowIgnored && u.How != HowNoHeader && !strings.HasSuffix(u.How, "ignored") {
					t.Fatalf("column %q neither read nor ignored: %+v", u.Header, u)
				}
				cols++
			}
			if cols == 0 {
				t.Fatalf("no columns recorded")
			}
		}
	})
}

// TestNoHeaderColumn: a column with a blank header is not read, and a
// value in it is a Warning at its cell rather than silence.
func TestNoHeaderColumn(t *testing.T) {
	r, err := ReadCSVWith(strings.NewReader("id,,have:A,want:A,\na,1,5,0,\nb,,0,5,\n"), ReadOptions{Name: "s.csv"})
	require.NoError(t, err)
	require.Len(t, r.Warnings, 1, "the trailing empty column holds nothing: no warning")
	assert.Equal(t, `s.csv:2:2: column 2 has no header, so its values are not read (the first is "1"); name the column or delete it`, r.Warnings[0].String())
	assert.Equal(t, HowNoHeader, r.ReadInfo.Columns[1].How)
}

// TestMappingRulesLimit: every header is matched against every rule, so
// 60,000 ignore patterns made a survey of 10,000 columns take 16 s; each
// part of a mapping holds at most MaxMappingRules entries.
func TestMappingRulesLimit(t *testing.T) {
	many := make([]string, MaxMappingRules+1)
	for i := range many {
		many[i] = fmt.Sprintf("*x%d*", i)
	}
	err := (&Mapping{Ignore: many}).Validate()
	require.ErrorIs(t, err, ErrInvalidMapping)
	assert.EqualError(t, err, "invalid survey mapping: 1001 ignore patterns, more than 1000")
	require.NoError(t, (&Mapping{Ignore: many[:MaxMappingRules]}).Validate())
	answers := map[string]int{}
	for i := range MaxMappingRules + 1 {
		answers[fmt.Sprintf("w%d", i)] = 1
	}
	require.ErrorContains(t, (&Mapping{Answers: answers}).Validate(), "1001 answer words, more than 1000")
	_, err = ReadCSVWith(strings.NewReader("id,have:A\na,1\n"), ReadOptions{Name: "r.csv", Mapping: &Mapping{Ignore: many}})
	require.ErrorIs(t, err, ErrInvalidMapping)
}
