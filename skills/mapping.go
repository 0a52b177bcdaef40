package skills

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peermatch/peermatch/internal/textdist"
)

// ErrInvalidMapping is wrapped by every problem Mapping.Validate finds. A
// reader given an invalid mapping reads nothing and returns an error that
// wraps both ErrInvalidMapping and ErrInvalidRoster.
var ErrInvalidMapping = errors.New("invalid survey mapping")

// Mapping says how the columns and answers of a survey export become the
// columns and levels of the CSV format (see the package documentation), so
// that an export reads without hand-editing. It applies to CSV and .xlsx
// input; JSON ignores it.
//
// Each header is trimmed and compared case-insensitively, and the first of
// these rules that applies decides how its column is read:
//
//  1. Rename: the header is renamed to the column it maps to.
//  2. Ignore: the column is left out.
//  3. Automatic recognition of the export's own metadata (see
//     ReadOptions.NoAutoMapping): Google Forms' Timestamp, Microsoft
//     Forms' ID, Start time, Completion time and Last modified time are
//     left out, and their e-mail and name columns are read as email and
//     name.
//  4. A header that already names a column (id, name, have:Coaching, …).
//  5. Skills: a header that matches a pattern becomes have:Skill or
//     want:Skill; a header that two patterns read differently is an error
//     (ErrAmbiguousColumn).
//  6. Automatic recognition of question headers: e-mail and name
//     synonyms, and grid questions "Question [Row]" (see ReadOptions).
//
// A header that matches none of these is an unknown column, as without a
// mapping. Answers turn answer words into levels in have and want cells;
// numbers 0..5 keep working.
type Mapping struct {
	// Rename maps a source header to one of our columns: "id", "name",
	// "email", …, "have:Coaching", "want:Coaching", "tag:language".
	Rename map[string]string
	// Ignore lists headers to leave out. A leading or trailing * matches
	// any text: "Timestamp", "Start*", "*comment*".
	Ignore []string
	// Skills turn question headers into have and want columns.
	Skills []SkillPattern
	// Answers maps an answer word ("Yes", "Beginner") to a level 0..5.
	// Words are trimmed and compare case-insensitively; they are added
	// to the built-in words of automatic recognition and override them.
	Answers map[string]int
}

// SkillPattern turns the headers that match Pattern into have or want
// columns of the skill the pattern's {skill} stands for.
type SkillPattern struct {
	// Pattern holds exactly one "{skill}" and some other text, for example
	// "{skill} [I can teach]" or "Which skills can you teach? [{skill}]".
	// Text around {skill} compares case-insensitively; spaces next to
	// {skill} and around the skill name are not significant.
	Pattern string
	// Column is "have" or "want".
	Column string
}

// MaxMappingRules is the most entries each part of a Mapping may hold
// (renames, ignore patterns, skill patterns, answer words); a survey needs
// tens.
const MaxMappingRules = 1000

// ErrAmbiguousColumn reports a header that can be read in two ways: two
// skill patterns that give it different columns, or a grid question whose
// both halves look like "teach" or "learn". A rename settles it.
var ErrAmbiguousColumn = errors.New("ambiguous column")

// How a source column was read, in ColumnUse.How. Automatic recognition
// gives "recognised (Google Forms)", "recognised (Microsoft Forms)",
// "recognised (grid question)" or "recognised (synonym)".
const (
	HowAsNamed = "as named"
	HowRenamed = "renamed"
	HowPattern = "pattern"
	HowIgnored = "ignored"
	// HowNoHeader marks a column whose header cell is blank (a trailing
	// separator, a spreadsheet's index column): it is not read, and the
	// first value in it is a Warning.
	HowNoHeader = "no header, not read"
)

// Shapes of export recognised automatically, in ReadInfo.Shape.
const (
	ShapeGoogleForms    = "Google Forms"
	ShapeMicrosoftForms = "Microsoft Forms"
)

// ColumnUse says how one column of the source header was read.
type ColumnUse struct {
	// Header is the header cell as written, trimmed.
	Header string
	// Column is the column it was read as ("email", "have:Coaching"); ""
	// when the column was left out or not understood (an error says why).
	Column string
	// How is HowAsNamed, HowRenamed, HowPattern, HowIgnored, HowNoHeader
	// or "recognised (…)"; "" for a column that was not understood. When
	// the e-mail serves as the id it ends in "; also the id".
	How string
}

// BuiltinAnswers returns the answer words automatic recognition accepts
// in have and want cells, lower-case, with their levels: no, none, never,
// not interested 0; beginner, novice, basic, a little, slightly
// interested 1; some, elementary, developing, somewhat interested 2;
// intermediate, moderate, competent, interested 3; advanced, proficient,
// strong, very interested 4; expert, yes, master, extremely interested 5.
// A Mapping's Answers override them. The map is a fresh copy.
func BuiltinAnswers() map[string]int {
	m := make(map[string]int, len(builtinAnswers))
	for w, l := range builtinAnswers {
		m[w] = l
	}
	return m
}

var builtinAnswers = map[string]int{
	"no": 0, "none": 0, "never": 0, "not interested": 0,
	"beginner": 1, "novice": 1, "basic": 1, "a little": 1, "slightly interested": 1,
	"some": 2, "elementary": 2, "developing": 2, "somewhat interested": 2,
	"intermediate": 3, "moderate": 3, "competent": 3, "interested": 3,
	"advanced": 4, "proficient": 4, "strong": 4, "very interested": 4,
	"expert": 5, "yes": 5, "master": 5, "extremely interested": 5,
}

// Validate reports every problem of the mapping, each wrapping
// ErrInvalidMapping and naming its key: a rename of an empty header, two
// renames of the same header, a rename to something that is not a column,
// a renamed header that is also ignored, an ignore pattern that matches
// every header or has a * inside, a skill pattern without exactly one
// {skill} or without other text, a column other than have or want, an
// answer word that is empty or a number, a level outside 0..5, and two
// spellings of one word with different levels. Problems come in a fixed
// order (renames, ignores, patterns, answers, keys sorted). A nil mapping
// is valid. A part with more than MaxMappingRules entries is refused
// before anything else is checked. It takes O(r·i + p + a) time for r
// renames, i ignore patterns, p patterns and a answers.
func (m *Mapping) Validate() error {
	if m == nil {
		return nil
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrInvalidMapping}, args...)...))
	}
	for _, part := range []struct {
		what string
		n    int
	}{{"renames", len(m.Rename)}, {"ignore patterns", len(m.Ignore)}, {"skill patterns", len(m.Skills)}, {"answer words", len(m.Answers)}} {
		if what, n := part.what, part.n; n > MaxMappingRules {
			// Every header is matched against every rule: the bound keeps
			// a survey of thousands of columns quick to read.
			// joined, as every error of Validate, so readers can list it
			return errors.Join(fmt.Errorf("%w: %d %s, more than %d", ErrInvalidMapping, n, what, MaxMappingRules))
		}
	}
	ignore := compileIgnore(m.Ignore)
	seen := map[string]string{}
	for _, k := range sortedKeys(m.Rename) {
		fk := foldHeader(k)
		if fk == "" {
			bad("rename %q: empty header name", k)
			continue
		}
		if prev, dup := seen[fk]; dup {
			bad("rename %q and %q name the same header (headers compare case-insensitively)", prev, k)
		}
		seen[fk] = k
		if _, err := canonicalColumn(m.Rename[k]); err != nil {
			bad("rename %q: %v", k, err)
		}
		if p, ok := matchIgnore(ignore, fk); ok {
			bad("rename %q: the header is also ignored (by %q); keep one of the two", k, p)
		}
	}
	for i, p := range m.Ignore {
		core := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(p), "*"), "*")
		switch {
		case strings.TrimSpace(core) == "":
			bad("ignore[%d] %q matches every header", i, p)
		case strings.Contains(core, "*"):
			bad("ignore[%d] %q: * may only begin or end a pattern", i, p)
		}
	}
	for i, sp := range m.Skills {
		if n := strings.Count(sp.Pattern, "{skill}"); n != 1 {
			bad("skills[%d] pattern %q: needs exactly one {skill}, has %d", i, sp.Pattern, n)
		} else if strings.TrimSpace(strings.Replace(sp.Pattern, "{skill}", "", 1)) == "" {
			bad("skills[%d] pattern %q: needs text besides {skill}, or it would match every header", i, sp.Pattern)
		}
		if c := strings.ToLower(strings.TrimSpace(sp.Column)); c != "have" && c != "want" {
			bad("skills[%d] pattern %q: column %q is not have or want", i, sp.Pattern, sp.Column)
		}
	}
	words := map[string]string{}
	for _, w := range sortedKeys(m.Answers) {
		l := m.Answers[w]
		fw := foldHeader(w)
		switch {
		case fw == "":
			bad("answers: empty answer word")
			continue
		case isNumber(fw):
			bad("answers %q: a number is read as a level already; answer words are words", w)
		case l < 0 || l > MaxLevel:
			bad("answers %q: level %d outside 0..%d", w, l, MaxLevel)
		}
		if prev, dup := words[fw]; dup && m.Answers[prev] != l {
			bad("answers %q and %q are the same word (case-insensitive) with levels %d and %d", prev, w, m.Answers[prev], l)
		}
		words[fw] = w
	}
	return errors.Join(errs...)
}

// isNumber reports whether s is a number, one beyond float64 (1e400)
// included.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil || errors.Is(err, strconv.ErrRange)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// foldHeader returns s trimmed, lower-case, with runs of white space as one
// space: the form in which headers, patterns and answer words compare.
func foldHeader(s string) string {
	s = strings.TrimSpace(s)
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || (c == ' ' || c == '\t' || c == '\n' || c == '\r') && (c != ' ' || i+1 < len(s) && s[i+1] == ' ') {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// canonicalColumn returns the column a rename target names, spelt as the
// reader expects, or an error saying it is not a column.
func canonicalColumn(t string) (string, error) {
	lower := strings.ToLower(strings.TrimSpace(t))
	if slices.Contains(fixedColumns, lower) {
		return lower, nil
	}
	if prefix, rest, ok := strings.Cut(lower, ":"); ok {
		switch p := strings.TrimSpace(prefix); p {
		case "have", "want", "tag":
			orig := strings.TrimSpace(t[strings.IndexByte(t, ':')+1:])
			if strings.TrimSpace(rest) == "" {
				return "", fmt.Errorf("%q names no skill or key after \"%s:\"", t, p)
			}
			return p + ":" + orig, nil
		}
	}
	return "", fmt.Errorf("%q is not a column; columns are %s", t, acceptedColumns)
}

// ignorePattern is an Ignore pattern folded once, so that matching a
// header against it allocates nothing.
type ignorePattern struct {
	src         string
	core        string // folded text between the stars
	lead, trail bool
}

func compileIgnore(ignore []string) []ignorePattern {
	out := make([]ignorePattern, len(ignore))
	for i, p := range ignore {
		t := strings.TrimSpace(p)
		out[i] = ignorePattern{src: p, lead: strings.HasPrefix(t, "*"), trail: strings.HasSuffix(t, "*") && len(t) > 1,
			core: foldHeader(strings.TrimSuffix(strings.TrimPrefix(t, "*"), "*"))}
	}
	return out
}

// matchIgnore returns the first pattern of ignore that matches the folded
// header h.
func matchIgnore(ignore []ignorePattern, h string) (string, bool) {
	for _, p := range ignore {
		if p.matches(h) {
			return p.src, true
		}
	}
	return "", false
}

func (p ignorePattern) matches(h string) bool {
	if p.core == "" {
		return false
	}
	switch {
	case p.lead && p.trail:
		return strings.Contains(h, p.core)
	case p.lead:
		return strings.HasSuffix(h, p.core)
	case p.trail:
		return strings.HasPrefix(h, p.core)
	}
	return h == p.core
}

// compiledPattern is a SkillPattern split around {skill}, folded.
type compiledPattern struct {
	prefix, suffix string
	want           bool
	src            string
}

// match returns the skill name of header h (trimmed, original case) when
// it matches.
func (p compiledPattern) match(h string) (string, bool) {
	if len(h) <= len(p.prefix)+len(p.suffix) {
		return "", false
	}
	if !strings.EqualFold(h[:len(p.prefix)], p.prefix) || !strings.EqualFold(h[len(h)-len(p.suffix):], p.suffix) {
		return "", false
	}
	skill := strings.TrimSpace(h[len(p.prefix) : len(h)-len(p.suffix)])
	return skill, skill != ""
}

// mapper is a validated Mapping ready to read a header and cells.
type mapper struct {
	rename  map[string]string // folded header → canonical column
	ignore  []ignorePattern
	pats    []compiledPattern
	answers map[string]uint8 // folded word → level
	words   string           // the accepted words, for error messages
	auto    bool
}

// newMapper compiles m (which may be nil) with automatic recognition on
// unless noAuto. m must have passed Validate.
func newMapper(m *Mapping, noAuto bool) *mapper {
	mp := &mapper{auto: !noAuto, answers: map[string]uint8{}}
	if mp.auto {
		for w, l := range builtinAnswers {
			mp.answers[w] = uint8(l)
		}
	}
	if m != nil {
		mp.rename = make(map[string]string, len(m.Rename))
		for k, v := range m.Rename {
			c, _ := canonicalColumn(v)
			mp.rename[foldHeader(k)] = c
		}
		mp.ignore = compileIgnore(m.Ignore)
		for _, sp := range m.Skills {
			pre, suf, _ := strings.Cut(sp.Pattern, "{skill}")
			mp.pats = append(mp.pats, compiledPattern{
				prefix: strings.TrimLeftFunc(pre, unicode.IsSpace),
				suffix: strings.TrimRightFunc(suf, unicode.IsSpace),
				want:   strings.EqualFold(strings.TrimSpace(sp.Column), "want"),
				src:    sp.Pattern,
			})
		}
		for w, l := range m.Answers {
			mp.answers[foldHeader(w)] = uint8(l)
		}
	}
	if len(mp.answers) > 0 {
		type wl struct {
			w string
			l uint8
		}
		list := make([]wl, 0, len(mp.answers))
		for w, l := range mp.answers {
			list = append(list, wl{w, l})
		}
		sort.Slice(list, func(i, j int) bool {
			return list[i].l < list[j].l || list[i].l == list[j].l && list[i].w < list[j].w
		})
		var b strings.Builder
		for i, x := range list {
			switch {
			case i == 0:
				fmt.Fprintf(&b, "%d: ", x.l)
			case x.l != list[i-1].l:
				fmt.Fprintf(&b, "; %d: ", x.l)
			default:
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q", x.w)
		}
		mp.words = b.String()
	}
	return mp
}

// answer returns the level of an answer word in a have or want cell.
// It allocates only for a cell that is not ASCII.
func (mp *mapper) answer(cell string) (uint8, bool) {
	if len(mp.answers) == 0 {
		return 0, false
	}
	s := strings.TrimSpace(cell)
	var buf [64]byte
	if len(s) <= len(buf) {
		n := 0
		space := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= utf8.RuneSelf:
				l, ok := mp.answers[foldHeader(s)]
				return l, ok
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
				space = true
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			if space {
				buf[n] = ' '
				n++
				space = false
			}
			buf[n] = c
			n++
		}
		l, ok := mp.answers[string(buf[:n])]
		return l, ok
	}
	l, ok := mp.answers[foldHeader(s)]
	return l, ok
}

// headerPlan is how each column of a header is to be read.
type headerPlan struct {
	names []string // the column each header is read as; "" when ignored
	uses  []ColumnUse
	shape string
	// ambiguous holds, for a column that two readings fit, the problem.
	ambiguous map[int]error
}

// recognised is the How of a column recognised automatically in an
// export of the given shape ("" for none).
func recognised(what string) string { return "recognised (" + what + ")" }

var (
	emailSynonyms = []string{"email", "e-mail", "email address", "e-mail address", "your email", "your email address", "work email", "work email address"}
	nameSynonyms  = []string{"full name", "your name", "your full name", "name and surname"}
	googleIgnored = []string{"timestamp", "score"}
	msIgnored     = []string{"id", "start time", "completion time", "last modified time", "total points", "quiz feedback", "grade posted time"}
	msIgnoredPre  = []string{"points - ", "feedback - "}
)

// detectShape recognises a Google Forms export (the first header is
// Timestamp) or a Microsoft Forms export (Start time and Completion time
// are both present). A header with both signs is neither: nothing is
// guessed.
func detectShape(folded []string) string {
	google := len(folded) > 0 && folded[0] == "timestamp"
	ms := slices.Contains(folded, "start time") && slices.Contains(folded, "completion time")
	switch {
	case google && !ms:
		return ShapeGoogleForms
	case ms && !google:
		return ShapeMicrosoftForms
	}
	return ""
}

// plan decides how each header column is read (see Mapping). It takes
// O(h·(i+p)) time for h headers, i ignore patterns and p skill patterns.
func (mp *mapper) plan(header []string) headerPlan {
	folded := make([]string, len(header))
	for j, h := range header {
		folded[j] = foldHeader(h)
	}
	pl := headerPlan{names: make([]string, len(header)), uses: make([]ColumnUse, len(header))}
	if mp.auto {
		pl.shape = detectShape(folded)
	}
	for j, h := range header {
		f := folded[j]
		trimmed := strings.TrimSpace(h)
		use := &pl.uses[j]
		use.Header = trimmed
		set := func(col, how string) {
			pl.names[j], use.Column, use.How = col, col, how
		}
		if f == "" {
			use.How = HowNoHeader // not read; a value in it is a Warning
			continue
		}
		if c, ok := mp.rename[f]; ok {
			set(c, HowRenamed)
			continue
		}
		if _, ok := matchIgnore(mp.ignore, f); ok {
			use.How = HowIgnored
			continue
		}
		if mp.auto && pl.shape != "" {
			how := recognised(pl.shape)
			switch {
			case pl.shape == ShapeGoogleForms && slices.Contains(googleIgnored, f),
				pl.shape == ShapeMicrosoftForms && (slices.Contains(msIgnored, f) || hasAnyPrefix(f, msIgnoredPre)):
				use.How = how + ", ignored"
				continue
			case pl.shape == ShapeMicrosoftForms && (f == "email" || f == "name"):
				set(f, how)
				continue
			case pl.shape == ShapeGoogleForms && f == "email address":
				set("email", how)
				continue
			}
		}
		if isNativeColumn(f) {
			set(trimmed, HowAsNamed)
			continue
		}
		if col, err, ok := mp.matchPatterns(trimmed); ok {
			if err != nil {
				pl.ambiguous = setErr(pl.ambiguous, j, err)
				continue
			}
			set(col, HowPattern)
			continue
		}
		if !mp.auto {
			pl.names[j] = trimmed // an unknown column, reported as such
			continue
		}
		switch {
		case slices.Contains(emailSynonyms, f):
			set("email", recognised("synonym"))
			continue
		case slices.Contains(nameSynonyms, f):
			set("name", recognised("synonym"))
			continue
		}
		if col, err, ok := gridColumn(trimmed); ok {
			if err != nil {
				pl.ambiguous = setErr(pl.ambiguous, j, err)
				continue
			}
			how := recognised("grid question")
			if pl.shape != "" {
				how = recognised(pl.shape + " grid question")
			}
			set(col, how)
			continue
		}
		pl.names[j] = trimmed
	}
	return pl
}

func setErr(m map[int]error, j int, err error) map[int]error {
	if m == nil {
		m = map[int]error{}
	}
	m[j] = err
	return m
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isNativeColumn reports whether the folded header names a column of the
// CSV format.
func isNativeColumn(f string) bool {
	if slices.Contains(fixedColumns, f) {
		return true
	}
	prefix, _, ok := strings.Cut(f, ":")
	if !ok {
		return false
	}
	switch strings.TrimSpace(prefix) {
	case "have", "want", "tag":
		return true
	}
	return false
}

// matchPatterns returns the column the skill patterns give header h;
// ok is false when none matches, and err is set when two give different
// columns.
func (mp *mapper) matchPatterns(h string) (col string, err error, ok bool) {
	var first *compiledPattern
	for i := range mp.pats {
		p := &mp.pats[i]
		skill, m := p.match(h)
		if !m {
			continue
		}
		c := "have:" + skill
		if p.want {
			c = "want:" + skill
		}
		if first == nil {
			first, col, ok = p, c, true
			continue
		}
		if !strings.EqualFold(c, col) {
			return "", fmt.Errorf("%w: %q is %s by pattern %q and %s by pattern %q; rename it to the one meant", ErrAmbiguousColumn, h, col, first.src, c, p.src), true
		}
	}
	return col, nil, ok
}

// gridColumn reads a grid question header "Question [Row]" as Google
// Forms exports it, when one half says teach or learn and the other is
// the skill: "Coaching [I can teach]" and "Skills I can teach [Coaching]"
// are have:Coaching; "Coaching [I want to learn]" is want:Coaching. ok is
// false when the header is not of that shape or neither half says teach
// or learn; err is set when both halves do.
func gridColumn(h string) (col string, err error, ok bool) {
	if !strings.HasSuffix(h, "]") {
		return "", nil, false
	}
	open := strings.LastIndexByte(h, '[')
	if open <= 0 {
		return "", nil, false
	}
	q := strings.TrimSpace(h[:open])
	row := strings.TrimSpace(h[open+1 : len(h)-1])
	if q == "" || row == "" {
		return "", nil, false
	}
	qs, rs := sideOf(q), sideOf(row)
	switch {
	case qs == sideNone && rs == sideNone:
		return "", nil, false
	case qs == sideBoth || rs == sideBoth || qs != sideNone && rs != sideNone:
		return "", fmt.Errorf("%w: %q could be read as more than one have or want column (both halves, or one half twice, say teach or learn); rename it, e.g. to have:%s", ErrAmbiguousColumn, h, row), true
	case qs == sideNone:
		return rs.prefix() + q, nil, true
	default:
		return qs.prefix() + row, nil, true
	}
}

type side int

const (
	sideNone side = iota
	sideHave
	sideWant
	sideBoth
)

func (s side) prefix() string {
	if s == sideWant {
		return "want:"
	}
	return "have:"
}

// Words that say which side a grid half is on. Strong words decide; weak
// ones ("I have", "I want") count only when no strong word is present, so
// that "Skills I want to teach" is have.
var (
	strongHave = []string{"teach", "teaching", "offer", "share", "expertise", "strengths"}
	strongWant = []string{"learn", "learning", "develop", "improve", "grow", "mentored", "coached"}
	weakHave   = []string{"have", "can", "know", "strength", "good"}
	weakWant   = []string{"want", "need", "wish", "like", "interested"}
)

func sideOf(s string) side {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	find := func(list []string) bool {
		for _, w := range words {
			if slices.Contains(list, w) {
				return true
			}
		}
		return false
	}
	h, w := find(strongHave), find(strongWant)
	if !h && !w {
		h, w = find(weakHave), find(weakWant)
	}
	switch {
	case h && w:
		return sideBoth
	case h:
		return sideHave
	case w:
		return sideWant
	}
	return sideNone
}

// suggestID returns advice for a header without an id column: the header
// that most looks like an id, or an e-mail, or the closest by spelling.
func suggestID(header []string, auto bool) string {
	for _, h := range header {
		for _, w := range strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			switch w {
			case "id", "identifier", "employee", "staff", "personnel", "badge", "username", "login", "number":
				return fmt.Sprintf("; the header %q looks like one: rename it to id", strings.TrimSpace(h))
			}
		}
	}
	for _, h := range header {
		if strings.Contains(strings.ToLower(h), "mail") {
			if auto {
				return fmt.Sprintf("; the header %q looks like an e-mail: rename it to email, and with no id column the e-mail is the id", strings.TrimSpace(h))
			}
			return fmt.Sprintf("; the header %q looks like an e-mail: rename it to id", strings.TrimSpace(h))
		}
	}
	best, bestD := "", 4
	for _, h := range header {
		f := foldHeader(h)
		for _, target := range []string{"id", "email", "e-mail"} {
			if d := textdist.Levenshtein(f, target); d < bestD {
				best, bestD = strings.TrimSpace(h), d
			}
		}
	}
	if best != "" {
		return fmt.Sprintf("; the closest header is %q: rename it to id or email if that is what it holds", best)
	}
	return "; rename the column that identifies each person to id (or to email: with no id column the e-mail is the id)"
}
