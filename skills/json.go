package skills

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// jsonSkill is a skill in the JSON format.
type jsonSkill struct {
	Name     string `json:"name"`
	Category string `json:"category,omitempty"`
}

// jsonPerson is a person in the JSON format, as read.
type jsonPerson struct {
	ID          string             `json:"id"`
	Name        string             `json:"name,omitempty"`
	Email       string             `json:"email,omitempty"`
	Grade       int                `json:"grade,omitempty"`
	Years       float64            `json:"years,omitempty"`
	Department  string             `json:"department,omitempty"`
	Manager     string             `json:"manager,omitempty"`
	Location    string             `json:"location,omitempty"`
	Capacity    int                `json:"capacity,omitempty"`
	Focus       string             `json:"focus,omitempty"`
	Lead        []string           `json:"lead,omitempty"`
	Tags        map[string]string  `json:"tags,omitempty"`
	Unavailable []string           `json:"unavailable,omitempty"`
	Have        map[string]float64 `json:"have,omitempty"`
	Want        map[string]float64 `json:"want,omitempty"`
}

// WriteJSON writes the roster in the JSON format described in the package
// documentation: skills first, then people in order, have and want levels
// as objects in catalog order with zero levels left out. ReadJSON reads the
// output back to an equal roster.
//
// WriteJSON takes O(n·k) time for n people and k skills.
func WriteJSON(w io.Writer, r *Roster) error {
	bw := bufio.NewWriter(w)
	k := r.Catalog.Len()
	names := make([][]byte, k)
	for j := range names {
		names[j], _ = json.Marshal(r.Catalog.Skill(j).Name)
	}
	bw.WriteString("{\n  \"skills\": [")
	for j := 0; j < k; j++ {
		if j > 0 {
			bw.WriteByte(',')
		}
		s := r.Catalog.Skill(j)
		b, err := json.Marshal(jsonSkill(s))
		if err != nil {
			return err
		}
		bw.WriteString("\n    ")
		bw.Write(b)
	}
	if k > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"people\": [")
	levels := func(name string, ls []uint8) {
		first := true
		for j := 0; j < k; j++ {
			l := levelAt(ls, j)
			if l == 0 {
				continue
			}
			if first {
				fmt.Fprintf(bw, ",%q:{", name)
				first = false
			} else {
				bw.WriteByte(',')
			}
			bw.Write(names[j])
			bw.WriteByte(':')
			bw.WriteString(strconv.Itoa(int(l)))
		}
		if !first {
			bw.WriteByte('}')
		}
	}
	for i := range r.People {
		p := &r.People[i]
		jp := jsonPerson{ID: p.ID, Name: p.Name, Email: p.Email, Grade: p.Grade,
			Years: p.Years, Department: p.Department, Manager: p.Manager,
			Location: p.Location, Capacity: p.Capacity, Focus: p.Focus, Lead: p.Lead, Tags: p.Tags}
		if math.IsNaN(p.Years) || math.IsInf(p.Years, 0) {
			return fmt.Errorf("%w: person %q: years %v cannot be written as JSON", ErrInvalidRoster, p.ID, p.Years)
		}
		if len(p.Unavailable) > 0 {
			jp.Unavailable = strings.Split(formatDates(p.Unavailable, ";"), ";")
		}
		b, err := json.Marshal(jp)
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(b[:len(b)-1]) // without the closing brace
		levels("have", p.Have)
		levels("want", p.Want)
		bw.WriteByte('}')
	}
	if len(r.People) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// ReadJSON reads a roster in the JSON format described in the package
// documentation with the default ReadOptions.
func ReadJSON(r io.Reader) (*Roster, error) { return ReadJSONWith(r, ReadOptions{}) }

// ReadJSONWith reads a roster in the JSON format described in the package
// documentation. The "skills" member must come before "people". Unknown
// fields, unknown skills, levels outside 0..MaxLevel and malformed values are
// errors that name the person and field; every problem found is reported in
// the returned error, which wraps ErrInvalidRoster (see ParseErrors). People
// are decoded one at a time, so limits in opt stop a too-large input early.
// The roster returned has passed Validate.
//
// ReadJSONWith takes O(b + n·k) time for b input bytes, n people and k skills.
func ReadJSONWith(r io.Reader, opt ReadOptions) (*Roster, error) {
	opt = opt.withDefaults()
	ps := &problems{file: opt.Name}
	lim := &limitReader{r: r, limit: opt.recordBytes(opt.MaxSkills) + readAhead}
	dec := json.NewDecoder(lim)
	dec.DisallowUnknownFields()
	add := func(field, id string, err error) {
		ps.add(&ParseError{File: opt.Name, ColumnName: field, ID: id, Err: err})
	}
	// where is the value being read, and budget the bytes it may take
	// (lim's limit, less the read-ahead), for the error of a value beyond
	// it.
	where, budget := "", opt.recordBytes(opt.MaxSkills)
	syntax := func(err error) (*Roster, error) {
		if errors.Is(err, ErrTooLarge) {
			ps.fatal(&ParseError{File: opt.Name, ColumnName: where, Err: fmt.Errorf("%w: longer than %d bytes, white space before it included (ReadOptions.MaxFieldBytes plus 256 a skill)", ErrTooLarge, budget)})
		} else if err == io.EOF {
			add("", "", fmt.Errorf("%w: the file is empty", ErrNoPeople))
		} else {
			add("", "", fmt.Errorf("%w: %v", ErrFormat, err))
		}
		return nil, ps.err()
	}
	expect := func(want json.Delim) error {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); !ok || d != want {
			return fmt.Errorf("expected %q, found %v at byte %d", want, t, dec.InputOffset())
		}
		return nil
	}
	if err := expect('{'); err != nil {
		return syntax(err)
	}
	cat := &Catalog{}
	var (
		people    []Person
		at        []int              // people[k] is people[at[k]] in the file
		seen      = map[string]int{} // id in NFC → position in the file
		seenID    = map[int]string{} // position → the id as written
		sawSkills bool
		sawPeople bool
	)
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		key, _ := t.(string)
		switch key {
		case "skills":
			if sawSkills || sawPeople {
				add("skills", "", fmt.Errorf("%w: \"skills\" must come once, before \"people\"", ErrFormat))
				return nil, ps.err()
			}
			sawSkills, where = true, "skills"
			var rawSkills json.RawMessage
			if err := dec.Decode(&rawSkills); err != nil {
				return syntax(err)
			}
			if path, ok := duplicateKey(rawSkills); ok {
				add("skills"+path, "", fmt.Errorf("%w: the key appears twice in one object (the reader would keep only the last)", ErrFormat))
				return nil, ps.err()
			}
			if path, ok := invalidUTF8(rawSkills); ok {
				add("skills"+path, "", errNotUTF8)
				return nil, ps.err()
			}
			var skills []jsonSkill
			if err := json.Unmarshal(rawSkills, &skills); err != nil {
				return syntax(err)
			}
			if len(skills) > opt.MaxSkills {
				add("skills", "", fmt.Errorf("%w: more than %d skills", ErrTooLarge, opt.MaxSkills))
				return nil, ps.err()
			}
			for j, s := range skills {
				if len(s.Name) > opt.MaxFieldBytes {
					add(fmt.Sprintf("skills[%d].name", j), "", fmt.Errorf("%w: field of %d bytes exceeds the limit of %d", ErrTooLarge, len(s.Name), opt.MaxFieldBytes))
					continue
				}
				if err := cat.Add(Skill(s)); err != nil {
					add(fmt.Sprintf("skills[%d]", j), "", err)
				}
			}
			if ps.count() > 0 {
				return nil, ps.err()
			}
			budget = opt.recordBytes(cat.Len())
			lim.limit = dec.InputOffset() + budget + readAhead
		case "people":
			if sawPeople {
				add("people", "", fmt.Errorf("%w: \"people\" appears twice", ErrFormat))
				return nil, ps.err()
			}
			sawPeople, where = true, "people"
			if err := expect('['); err != nil {
				return syntax(err)
			}
			k := cat.Len()
			for i := 0; dec.More(); i++ {
				if i >= opt.MaxPeople {
					ps.fatal(&ParseError{File: opt.Name, ColumnName: fmt.Sprintf("people[%d]", i), Err: fmt.Errorf("%w: more than %d people", ErrTooLarge, opt.MaxPeople)})
					return nil, ps.err()
				}
				where = fmt.Sprintf("people[%d]", i)
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return syntax(err)
				}
				budget = opt.recordBytes(k)
				lim.limit = dec.InputOffset() + budget + readAhead
				if path, ok := duplicateKey(raw); ok {
					var id struct {
						ID string `json:"id"`
					}
					_ = json.Unmarshal(raw, &id)
					add(where+path, shownID(id.ID, opt), fmt.Errorf("%w: the key appears twice in one object (the reader would keep only the last)", ErrFormat))
					continue
				}
				if path, ok := invalidUTF8(raw); ok {
					add(where+path, "", errNotUTF8)
					continue
				}
				var jp jsonPerson
				pd := json.NewDecoder(bytes.NewReader(raw))
				pd.DisallowUnknownFields()
				if err := pd.Decode(&jp); err != nil {
					var id struct {
						ID string `json:"id"`
					}
					_ = json.Unmarshal(raw, &id)
					var ute *json.UnmarshalTypeError
					if errors.As(err, &ute) && ute.Field != "" {
						add(where+"."+ute.Field, shownID(id.ID, opt), jsonTypeError(ute))
						continue
					}
					add(where, shownID(id.ID, opt), fmt.Errorf("%w: %v", jsonKind(err), err))
					continue
				}
				p, ok := jsonToPerson(&jp, cat, where, opt, add)
				if !ok && (p.ID == "" || len(p.ID) > opt.MaxFieldBytes) {
					continue
				}
				// A person with a bad field (reported, so no roster is
				// returned) stays for the checks that need everyone, such
				// as whether a manager's name is shared, as the CSV reader
				// keeps a row with a bad cell.
				if j, dup := seen[norm.NFC.String(p.ID)]; dup {
					if seenID[j] == p.ID {
						add(where+".id", "", fmt.Errorf("%w: %q also at people[%d]", ErrDuplicateID, p.ID, j))
					} else {
						add(where+".id", "", sameLookingIDs(seenID[j], p.ID, fmt.Sprintf("people[%d]", j)))
					}
					continue
				}
				seen[norm.NFC.String(p.ID)], seenID[i] = i, p.ID
				people = append(people, p)
				at = append(at, i)
			}
			where = "people"
			if err := expect(']'); err != nil {
				return syntax(err)
			}
		default:
			add(key, "", fmt.Errorf("%w %q; accepted: skills, people", ErrUnknownColumn, key))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return syntax(err)
			}
		}
	}
	if err := expect('}'); err != nil {
		return syntax(err)
	}
	// What follows the object may only be white space, however much: it
	// is scanned here, since the decoder would hold a run of it in memory.
	if more, err := hasNonSpace(io.MultiReader(dec.Buffered(), r)); err != nil {
		add("", "", fmt.Errorf("reading %s: %w", nameOr(opt.Name, "input"), err))
	} else if more {
		add("", "", fmt.Errorf("%w: data after the roster object", ErrFormat))
	}
	if ps.count() == 0 && len(people) == 0 {
		add("people", "", fmt.Errorf("%w: the roster has no people", ErrNoPeople))
	}
	ro := &Roster{Catalog: cat, People: people}
	resolveManagers(people,
		func(k int) {
			if err := checkManagerID(people[k].Manager); err != nil {
				add(fmt.Sprintf("people[%d].manager", at[k]), people[k].ID, err)
				return
			}
			w := unmatchedManager(&people[k])
			w.File, w.ColumnName = opt.Name, fmt.Sprintf("people[%d].manager", at[k])
			ro.Warnings = append(ro.Warnings, w)
		},
		func(k int, err error) { add(fmt.Sprintf("people[%d].manager", at[k]), people[k].ID, err) })
	if ps.count() > 0 {
		return nil, ps.err()
	}
	if err := ro.Validate(); err != nil {
		mapPersonErrors(err, ps, func(pe *PersonError) *ParseError {
			return &ParseError{File: opt.Name, ColumnName: fmt.Sprintf("people[%d]", at[pe.Index]), ID: pe.ID, Err: pe.Err}
		})
		return nil, ps.err()
	}
	return ro, nil
}

// errNotUTF8 is the error of a JSON value holding bytes that are not
// UTF-8, which encoding/json would read as U+FFFD without a word.
var errNotUTF8 = fmt.Errorf("%w: not valid UTF-8 (JSON text must be UTF-8; the reader would replace the bytes with U+FFFD)", ErrBadValue)

// invalidUTF8 reports whether the valid JSON text raw (an array or an
// object) holds bytes that are not UTF-8, and where: the path of the first
// element or member ("[2]", ".name") whose text holds them, or "" when
// only a key does. It takes O(len(raw)) time, and allocates only when it
// finds some.
func invalidUTF8(raw []byte) (string, bool) {
	if utf8.Valid(raw) {
		return "", false
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		for x, v := range list {
			if !utf8.Valid(v) {
				path, _ := invalidUTF8(v)
				return fmt.Sprintf("[%d]%s", x, path), true
			}
		}
		return "", true
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			if !utf8.Valid(obj[k]) {
				path, _ := invalidUTF8(obj[k])
				return "." + k + path, true
			}
		}
	}
	return "", true
}

// hasNonSpace reports whether r holds something other than JSON white
// space, reading until it finds it or to the end, with a fixed buffer.
func hasNonSpace(r io.Reader) (bool, error) {
	var buf [4 << 10]byte
	for {
		n, err := r.Read(buf[:])
		for _, c := range buf[:n] {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return true, nil
			}
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// shownID is the id an error names: "" for an id beyond the field limit,
// which the error's field path locates instead of echoing it.
func shownID(id string, opt ReadOptions) string {
	if len(id) > opt.MaxFieldBytes {
		return ""
	}
	return id
}

// jsonTypeError says what is wrong with a value of the wrong JSON type, in
// the words of the format rather than of Go's types.
func jsonTypeError(e *json.UnmarshalTypeError) error {
	var want string
	switch e.Type.Kind() {
	case reflect.Int:
		want = "a whole number"
	case reflect.Float64:
		want = "a number"
	case reflect.String:
		want = "a string"
	case reflect.Slice:
		want = "a list"
	case reflect.Map, reflect.Struct:
		want = "an object"
	default:
		want = e.Type.String()
	}
	if num, ok := strings.CutPrefix(e.Value, "number "); ok {
		f, err := strconv.ParseFloat(num, 64)
		switch {
		case e.Type.Kind() == reflect.Float64:
			return fmt.Errorf("%w: %s is beyond the range of a number", ErrBadValue, num)
		case e.Type.Kind() == reflect.Int && (err == nil && f == math.Trunc(f) || errors.Is(err, strconv.ErrRange)):
			return fmt.Errorf("%w: %s is out of range (%d to %d)", ErrBadValue, num, math.MinInt, math.MaxInt)
		case e.Type.Kind() == reflect.Int && err == nil:
			return fmt.Errorf("%w: %s is not a whole number", ErrBadValue, num)
		}
	}
	return fmt.Errorf("%w: %s where %s belongs", ErrBadValue, e.Value, want)
}

func jsonKind(err error) error {
	if strings.Contains(err.Error(), "unknown field") {
		return ErrUnknownColumn
	}
	return ErrBadValue
}

// jsonToPerson converts and checks one decoded person.
func jsonToPerson(jp *jsonPerson, cat *Catalog, where string, opt ReadOptions, add func(field, id string, err error)) (Person, bool) {
	ok := true
	bad := func(field string, err error) {
		add(where+"."+field, shownID(jp.ID, opt), err)
		ok = false
	}
	k := cat.Len()
	levels := make([]uint8, 2*k)
	// Text fields are trimmed as the CSV reader trims its cells, so that a
	// roster reads the same in either format.
	p := Person{
		ID: cellText(jp.ID), Name: cellText(jp.Name), Email: cellText(jp.Email), Grade: jp.Grade,
		Years: jp.Years, Department: cellText(jp.Department), Manager: cellText(jp.Manager),
		Location: cellText(jp.Location), Capacity: jp.Capacity, Focus: cellText(jp.Focus),
		Have: levels[:k:k], Want: levels[k:],
	}
	if p.ID == "" {
		bad("id", fmt.Errorf("%w: empty id", ErrBadValue))
	} else if len(p.ID) <= opt.MaxFieldBytes {
		if err := checkID("id", p.ID); err != nil {
			bad("id", err)
		}
	}
	if p.Years < 0 {
		bad("years", fmt.Errorf("%w: years %v is negative", ErrBadValue, p.Years))
	}
	if p.Capacity < 0 {
		bad("capacity", fmt.Errorf("%w: capacity %d is negative", ErrBadValue, p.Capacity))
	}
	for _, f := range []struct {
		name string
		v    string
	}{{"id", jp.ID}, {"name", jp.Name}, {"email", jp.Email}, {"department", jp.Department}, {"manager", jp.Manager}, {"location", jp.Location}, {"focus", jp.Focus}} {
		if len(f.v) > opt.MaxFieldBytes {
			bad(f.name, fmt.Errorf("%w: field of %d bytes exceeds the limit of %d", ErrTooLarge, len(f.v), opt.MaxFieldBytes))
		}
	}
	if len(p.Email) <= opt.MaxFieldBytes {
		if err := checkEmail(p.Email); err != nil {
			bad("email", err)
		}
	}
	if len(jp.Tags) > opt.MaxTags {
		bad("tags", fmt.Errorf("%w: %d tags, more than %d (see ReadOptions.MaxTags)", ErrTooLarge, len(jp.Tags), opt.MaxTags))
	}
	if len(jp.Tags) > 0 {
		// Tag keys are CSV header names (tag:<key>), which are trimmed
		// and compare case-insensitively: keys that CSV could not tell
		// apart would make a roster WriteCSV writes unreadable, and one
		// would replace the other here. Values are cells, trimmed, and a
		// blank one is left out as a blank cell is.
		p.Tags = make(map[string]string, len(jp.Tags))
		folded := make(map[string]string, len(jp.Tags))
		for _, key := range slices.Sorted(maps.Keys(jp.Tags)) {
			v := cellText(jp.Tags[key])
			f := strings.ToLower(cellText(key))
			switch prev, dup := folded[f]; {
			case f == "":
				bad("tags", fmt.Errorf("%w: empty tag key", ErrBadValue))
			case dup:
				bad("tags", fmt.Errorf("%w: tag keys %q and %q are the same key (keys are trimmed and compare case-insensitively)", ErrBadValue, prev, key))
			}
			folded[f] = key
			if len(key) > opt.MaxFieldBytes || len(jp.Tags[key]) > opt.MaxFieldBytes {
				bad("tags", fmt.Errorf("%w: tag of %d bytes exceeds the limit of %d", ErrTooLarge, max(len(key), len(jp.Tags[key])), opt.MaxFieldBytes))
			}
			if v != "" {
				p.Tags[cellText(key)] = v
			}
		}
		if len(p.Tags) == 0 {
			p.Tags = nil
		}
	}
	if len(jp.Lead) > 0 {
		for _, l := range jp.Lead {
			if len(l) > opt.MaxFieldBytes || strings.Contains(l, "|") {
				bad("lead", fmt.Errorf("%w: a lead skill name is over %d bytes or holds '|'", ErrBadValue, opt.MaxFieldBytes))
				return p, false
			}
		}
		lead, err := parseLead(strings.Join(jp.Lead, "|"), cat)
		if err != nil {
			bad("lead", err)
		}
		p.Lead = lead
	}
	if len(jp.Unavailable) > 0 {
		days, err := parseDates(strings.Join(jp.Unavailable, ";"))
		if err != nil {
			bad("unavailable", err)
		}
		p.Unavailable = days
	}
	for _, side := range []struct {
		name string
		m    map[string]float64
		dst  []uint8
	}{{"have", jp.Have, p.Have}, {"want", jp.Want, p.Want}} {
		// Keys that spell a skill as the catalog does cannot repeat one
		// another; another spelling ("coaching") is checked against the
		// catalog's and against the other spellings seen.
		var other map[int]string // skill → a key that spells it otherwise
		for _, name := range slices.Sorted(maps.Keys(side.m)) {
			v := side.m[name]
			j, found := cat.Index(name)
			first, twice := "", false
			if found && name != cat.Skill(j).Name {
				canon := cat.Skill(j).Name
				if _, ok := side.m[canon]; ok {
					first, twice = canon, true
				} else if first, twice = other[j]; !twice {
					if other == nil {
						other = map[int]string{}
					}
					other[j] = name
				}
			}
			switch {
			case !found:
				bad(side.name, fmt.Errorf("%w: unknown skill %q", ErrBadValue, name))
			case twice:
				bad(side.name, fmt.Errorf("%w: %q and %q name the same skill %q (skill names compare case-insensitively)", ErrBadValue, first, name, cat.Skill(j).Name))
			case v != math.Trunc(v) || v < 0 || v > MaxLevel:
				bad(side.name, fmt.Errorf("%w: %s level %v outside 0..%d", ErrBadValue, name, v, MaxLevel))
			default:
				side.dst[j] = uint8(v)
			}
		}
	}
	return p, ok
}

// duplicateKey reports the first key that appears twice in one object of
// the valid JSON text raw, with its path from raw's top (".have.Coaching",
// "[2].name"): encoding/json keeps the last value of a repeated key without
// a word, and the reader drops nothing silently. Keys compare as decoded
// ("\u0041" is "A"). raw must be valid JSON (a json.RawMessage the decoder
// has read). It takes O(len(raw)) time and allocates only for objects of
// many keys.
func duplicateKey(raw []byte) (string, bool) {
	s := dupScanner{b: raw}
	return s.value()
}

// dupScanner walks valid JSON for duplicateKey.
type dupScanner struct {
	b    []byte
	i    int
	keys [][]byte // keys of the objects being read, outermost first
}

func (s *dupScanner) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// str reads a string at s.i and returns its text, unescaped (a slice of
// s.b when it holds no escape).
func (s *dupScanner) str() []byte {
	start := s.i
	s.i++
	escaped := false
	for s.i < len(s.b) && s.b[s.i] != '"' {
		if s.b[s.i] == '\\' {
			escaped = true
			s.i++
		}
		s.i++
	}
	s.i++
	if !escaped {
		return s.b[start+1 : s.i-1]
	}
	var v string
	_ = json.Unmarshal(s.b[start:s.i], &v)
	return []byte(v)
}

// value reads one value at s.i; the path it returns is relative to it.
func (s *dupScanner) value() (string, bool) {
	s.space()
	if s.i >= len(s.b) {
		return "", false
	}
	switch s.b[s.i] {
	case '{':
		s.i++
		// The object's keys go on s.keys from base (an inner object's
		// keys are taken off again when it ends), and are sorted at the
		// end to find a repeat without a string a key.
		base := len(s.keys)
		defer func() { s.keys = s.keys[:base] }()
		for {
			s.space()
			if s.i >= len(s.b) || s.b[s.i] == '}' {
				s.i++
				keys := s.keys[base:]
				slices.SortFunc(keys, bytes.Compare)
				for j := 1; j < len(keys); j++ {
					if bytes.Equal(keys[j-1], keys[j]) {
						return "." + string(keys[j]), true
					}
				}
				return "", false
			}
			if s.b[s.i] == ',' {
				s.i++
				continue
			}
			key := s.str()
			s.keys = append(s.keys, key)
			s.space()
			s.i++ // ':'
			if p, dup := s.value(); dup {
				return "." + string(key) + p, true
			}
		}
	case '[':
		s.i++
		for n := 0; ; {
			s.space()
			if s.i >= len(s.b) || s.b[s.i] == ']' {
				s.i++
				return "", false
			}
			if s.b[s.i] == ',' {
				s.i++
				n++
				continue
			}
			if p, dup := s.value(); dup {
				return fmt.Sprintf("[%d]%s", n, p), true
			}
		}
	case '"':
		s.str()
	default: // a number, true, false or null
		for s.i < len(s.b) && !strings.ContainsRune(",]} \t\n\r", rune(s.b[s.i])) {
			s.i++
		}
	}
	return "", false
}
