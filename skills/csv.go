package skills

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Default limits of ReadOptions.
const (
	DefaultMaxPeople     = 1_000_000
	DefaultMaxSkills     = 10_000
	DefaultMaxFieldBytes = 64 << 10
	DefaultMaxTags       = 1_000
)

// MaxEmailBytes is the longest e-mail address accepted (RFC 5321's limit on
// a forward path, 254 bytes without the angle brackets).
const MaxEmailBytes = 254

// ReadOptions configures ReadCSVWith and ReadJSONWith. The zero value means
// the defaults.
type ReadOptions struct {
	// Name is the file name used in error messages ("" leaves it out).
	Name string
	// MaxPeople is the largest number of people accepted; reading stops with
	// an error wrapping ErrTooLarge at the first person beyond it.
	// Zero means DefaultMaxPeople (1,000,000).
	MaxPeople int
	// MaxSkills is the largest number of distinct skills accepted.
	// Zero means DefaultMaxSkills (10,000).
	MaxSkills int
	// MaxFieldBytes is the largest size of one field (cell) in bytes. A whole
	// CSV record (or JSON person, white space before it included) may take
	// at most MaxFieldBytes plus 256 bytes per column (per skill for JSON),
	// so memory stays bounded even for a file with no line breaks. Zero means DefaultMaxFieldBytes (64 KiB).
	// It applies to every CSV cell and header name and to every JSON
	// string: id, name, email, department, manager, location, focus, skill
	// names, tag keys and values.
	MaxFieldBytes int
	// MaxTags is the largest number of tag:<key> columns in a CSV header
	// (tags of one person in JSON). A tag costs a map entry of each person,
	// tens of bytes for a one-byte cell, so the limit keeps memory near the
	// size of the input. Zero means DefaultMaxTags (1,000).
	MaxTags int
	// Sheet is the worksheet ReadXLSX (and Read, for an .xlsx file) reads;
	// "" means the first sheet of the workbook. CSV and JSON ignore it.
	Sheet string
	// Mapping says how the columns and answers of a survey export are
	// read (see Mapping); nil means only automatic recognition. It must
	// pass Mapping.Validate, or the reader reports its problems and
	// reads nothing. CSV and .xlsx use it; JSON ignores it.
	Mapping *Mapping
	// NoAutoMapping switches automatic recognition off, so that only the
	// CSV format's own columns and Mapping are understood. Automatic
	// recognition, on by default, reads without a mapping what can be
	// read one way only:
	//
	//   - Google Forms exports (the first header is Timestamp):
	//     Timestamp and Score are left out, Email Address is email;
	//   - Microsoft Forms exports (Start time and Completion time are
	//     present): ID (the response number, not a person), Start time,
	//     Completion time, Last modified time and the quiz columns are
	//     left out, Email and Name are email and name;
	//   - e-mail and name synonyms (Email Address, E-mail, Full name, Your
	//     name, …);
	//   - grid questions "Question [Row]" where one half says teach or
	//     learn and the other is the skill: "Coaching [I can teach]" and
	//     "Skills I can teach [Coaching]" are have:Coaching, "Coaching [I
	//     want to learn]" is want:Coaching; a header whose halves both say
	//     so is an error (ErrAmbiguousColumn), never a guess;
	//   - answer words in have and want cells (BuiltinAnswers: No 0,
	//     Beginner 1, …, Expert 5, Yes 5), under Mapping.Answers;
	//   - with no id column, the e-mail column: each person's e-mail,
	//     lower-cased, is their id. ReadInfo.Columns says so and
	//     Roster.Warnings holds a warning at the e-mail header.
	//
	// ReadInfo.Columns records how each column was read and ReadInfo.Shape
	// the export recognised.
	NoAutoMapping bool
}

func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxPeople <= 0 {
		o.MaxPeople = DefaultMaxPeople
	}
	if o.MaxSkills <= 0 {
		o.MaxSkills = DefaultMaxSkills
	}
	if o.MaxFieldBytes <= 0 {
		o.MaxFieldBytes = DefaultMaxFieldBytes
	}
	if o.MaxTags <= 0 {
		o.MaxTags = DefaultMaxTags
	}
	return o
}

// recordBytes is the most bytes one record of cols columns may take.
func (o ReadOptions) recordBytes(cols int) int64 {
	return int64(o.MaxFieldBytes) + 256*int64(cols)
}

// readAhead is how far the buffered reader may read past the CSV reader.
const readAhead = 64<<10 + 16

// maxDaysPerCell bounds the days of one unavailable cell (JSON list),
// listed or in ranges, counted before repeats are removed: ten years.
const maxDaysPerCell = 3660

// ReadCSV reads a roster in the CSV format described in the package
// documentation with the default ReadOptions.
func ReadCSV(r io.Reader) (*Roster, error) { return ReadCSVWith(r, ReadOptions{}) }

// column kinds of the CSV header.
const (
	// colSkip marks a header column with a problem: it is reported once and
	// its cells are not read, so the rows' own problems are still found.
	colSkip = iota - 1
	colID
	colName
	colEmail
	colGrade
	colYears
	colDepartment
	colManager
	colLocation
	colCapacity
	colFocus
	colUnavailable
	colLead
	colHave
	colWant
	colTag
	// colIgnore marks a column the mapping leaves out.
	colIgnore
	// colNoHeader marks a column whose header cell is blank: it is not
	// read, and a value in it is a Warning (once a column), never silence.
	colNoHeader
)

var fixedColumns = []string{"id", "name", "email", "grade", "years", "department", "manager", "location", "capacity", "focus", "unavailable", "lead"}

var acceptedColumns = strings.Join(fixedColumns, ", ") + ", have:<skill>, want:<skill>, tag:<key>"

type column struct {
	kind  int
	skill int    // for have/want
	key   string // tag key
	name  string // header text, trimmed
}

// ReadCSVWith reads a roster in the CSV format described in the package
// documentation, as a survey tool or a spreadsheet saves it:
//
//   - fields separated by commas, semicolons or tabs, whichever is most
//     frequent in the header line (outside quotes; ties go to comma, then
//     semicolon);
//   - UTF-8 with or without a byte order mark; UTF-16 little- or
//     big-endian with a byte order mark (converted); and bytes that are
//     not valid UTF-8 read as Windows-1252 from the first line that holds
//     one, with a Warning that names that line;
//   - lines ending with CRLF, LF, or (when the header line does) a
//     carriage return alone, as Excel for Mac's "CSV (Macintosh)" writes.
//
// Roster.ReadInfo records the separator and the encoding. A zip archive
// (an .xlsx workbook) is refused with an error wrapping ErrFormat: Read
// chooses the reader by content. Every problem found is reported in the returned error,
// which wraps ErrInvalidRoster and lists up to 100 *ParseError values (see
// ParseErrors); limits in opt are checked while reading, so a too-large input
// is rejected without being read to the end. The roster returned has passed
// Validate.
//
// ReadCSVWith takes O(b + n·k) time for b input bytes, n people and k skills.
func ReadCSVWith(r io.Reader, opt ReadOptions) (*Roster, error) {
	opt = opt.withDefaults()
	raw := bufio.NewReaderSize(r, 4<<10)
	if head, _ := raw.Peek(len(zipSignature)); bytes.Equal(head, zipSignature) {
		ps := &problems{file: opt.Name}
		ps.add(&ParseError{File: opt.Name, Err: fmt.Errorf("%w: the input is a zip archive, probably an .xlsx workbook: read it with ReadXLSX or Read", ErrFormat)})
		return nil, ps.err()
	}
	text, enc, fb := decodeInput(raw)
	decoded := text
	if tb := bufio.NewReaderSize(text, 64<<10); crOnly(tb) {
		text = &crReader{r: tb}
	} else {
		text = tb
	}
	lim := &recordLimitReader{r: text, max: opt.recordBytes(2*opt.MaxSkills + len(fixedColumns) + 64), line: 1}
	br := bufio.NewReaderSize(lim, 64<<10)
	head, _ := br.Peek(br.Size())
	info := ReadInfo{Format: FormatCSV, Delimiter: detectDelimiter(head), Encoding: enc}
	cr := csv.NewReader(br)
	cr.Comma = info.Delimiter
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	src := &csvSource{cr: cr, lim: lim, opt: opt}
	ro, err := readTable(src, opt, "", info)
	if w, ok := fb.warning(opt.Name); ok && err == nil {
		ro.ReadInfo.Encoding = EncodingWindows1252
		ro.Warnings = append([]Warning{w}, ro.Warnings...)
	}
	if rr, _ := decoded.(*replacementReader); err == nil {
		if w, ok := rr.warning(opt.Name); ok {
			ro.Warnings = append([]Warning{w}, ro.Warnings...)
		}
	}
	return ro, err
}

// csvSource reads the records of a CSV file; once the header is read, its
// recordLimitReader bounds every record by the header's column count.
type csvSource struct {
	cr    *csv.Reader
	lim   *recordLimitReader
	opt   ReadOptions
	ncols int // columns of the header, once read
}

func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.cr.Read()
	if err != nil {
		return nil, 0, err
	}
	if s.ncols == 0 {
		s.ncols = len(rec)
		s.lim.max = s.opt.recordBytes(s.ncols)
	}
	line, _ := s.cr.FieldPos(0)
	return rec, line, nil
}

// rowSource gives the records of a table, header first: each with its
// 1-based line (or sheet row), and io.EOF after the last.
type rowSource interface {
	next() (rec []string, line int, err error)
}

// readTable reads a roster from the records of src (CSV lines or sheet
// rows): the shared body of ReadCSVWith and ReadXLSX, so both accept the
// same cells and report the same errors. sheet is the worksheet named in
// positions ("" for CSV).
func readTable(src rowSource, opt ReadOptions, sheet string, info ReadInfo) (*Roster, error) {
	ps := &problems{file: opt.Name}
	perr := func(line, col int, name, id string, err error) {
		ps.add(&ParseError{File: opt.Name, Sheet: sheet, Line: line, Column: col, ColumnName: name, ID: id, Err: err})
	}
	if err := opt.Mapping.Validate(); err != nil {
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			perr(0, 0, "", "", e)
		}
		return nil, ps.err()
	}
	mp := newMapper(opt.Mapping, opt.NoAutoMapping)
	readErr := func(err error) {
		var ce *csv.ParseError
		switch {
		case errors.As(err, &ce):
			perr(ce.Line, 0, "", "", fmt.Errorf("%w: %v", ErrFormat, ce.Err))
		case errors.Is(err, ErrTooLarge):
			line := 0
			var rl *recordTooLongError
			if errors.As(err, &rl) {
				line = rl.line
			}
			ps.fatal(&ParseError{File: opt.Name, Sheet: sheet, Line: line, Err: err})
		default:
			ps.add(fmt.Errorf("reading %s: %w", nameOr(opt.Name, "input"), err))
		}
	}

	header, headerLine, err := src.next()
	if err == io.EOF {
		perr(0, 0, "", "", fmt.Errorf("%w: the file is empty", ErrNoPeople))
		return nil, ps.err()
	}
	if err != nil {
		readErr(err)
		return nil, ps.err()
	}
	// cellProblems reports the cells of a sheet row that read otherwise
	// than the spreadsheet shows them (an .xlsx source says which).
	cellProblems := func(line int, cols []column, rec []string, idCol int) {
		cs, ok := src.(interface{ cellProblems() []cellProblem })
		if !ok {
			return
		}
		for _, p := range cs.cellProblems() {
			name, id := "", ""
			if p.col > 0 && p.col <= len(cols) {
				name = cols[p.col-1].name
			}
			if idCol > 0 && idCol <= len(rec) {
				id = cellText(rec[idCol-1])
			}
			perr(line, p.col, name, id, p.err)
		}
	}
	cellProblems(headerLine, nil, header, 0)
	hr := parseHeader(header, headerLine, opt, mp, perr)
	if hr.stop {
		return nil, ps.err()
	}
	cols, cat := hr.cols, hr.cat
	k := cat.Len()
	info.Columns, info.Shape = hr.plan.uses, hr.plan.shape

	idCol, idName := 0, "id"
	for j, c := range cols {
		if c.kind == colID {
			idCol = j + 1
		}
	}
	var warnings []Warning
	if hr.emailID >= 0 {
		idCol, idName = hr.emailID+1, cols[hr.emailID].name
		warnings = append(warnings, Warning{File: opt.Name, Sheet: sheet, Line: headerLine, Column: idCol, ColumnName: idName,
			Message: fmt.Sprintf("no id column: each person's e-mail from column %q, lower-cased, is their id", idName)})
	}
	wordsListed := false
	noHeaderWarned := map[int]bool{}
	var (
		people  []Person
		lines   []int
		firstOn = make(map[string]int) // id in NFC → line of first appearance
		idOn    = make(map[int]string) // that line → the id as written
		slab    []uint8
		rows    int
	)
	for {
		rec, line, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr(err)
			return nil, ps.err()
		}
		// Before the blank check: a row of such cells reads as blank.
		cellProblems(line, cols, rec, idCol)
		if blankRecord(rec) {
			continue
		}
		// Every non-blank row counts, valid or not, so reading stops early.
		rows++
		if rows > opt.MaxPeople {
			ps.fatal(&ParseError{File: opt.Name, Sheet: sheet, Line: line, Err: fmt.Errorf("%w: more than %d people", ErrTooLarge, opt.MaxPeople)})
			return nil, ps.err()
		}
		if len(rec) != len(cols) {
			perr(line, 0, "", "", fmt.Errorf("%w: row has %d fields, header has %d", ErrFieldCount, len(rec), len(cols)))
			continue
		}
		if len(slab) < 2*k {
			slab = make([]uint8, max(2*k*256, 2*k))
		}
		p := Person{Have: slab[:k:k], Want: slab[k : 2*k : 2*k], Capacity: 1}
		slab = slab[2*k:]
		id := cellText(rec[idCol-1])
		bad := func(j int, err error) { perr(line, j+1, cols[j].name, id, err) }
		for j, c := range cols {
			cell := rec[j]
			if len(cell) > opt.MaxFieldBytes {
				bad(j, fmt.Errorf("%w: field of %d bytes exceeds the limit of %d", ErrTooLarge, len(cell), opt.MaxFieldBytes))
				continue
			}
			switch c.kind {
			case colSkip, colIgnore:
				continue
			case colNoHeader:
				if strings.TrimSpace(cell) != "" && !noHeaderWarned[j] {
					noHeaderWarned[j] = true
					warnings = append(warnings, Warning{File: opt.Name, Sheet: sheet, Line: line, Column: j + 1,
						Message: fmt.Sprintf("column %d has no header, so its values are not read (the first is %q); name the column or delete it", j+1, cell)})
				}
				continue
			case colHave, colWant:
				l, ok := parseLevel(cell)
				if !ok {
					if l, ok = mp.answer(cell); !ok {
						bad(j, mp.levelError(cell, &wordsListed))
						continue
					}
				}
				if c.kind == colHave {
					p.Have[c.skill] = l
				} else {
					p.Want[c.skill] = l
				}
				continue
			}
			cell = cellText(cell)
			switch c.kind {
			case colID:
				if err := checkID("id", cell); err != nil {
					bad(j, err)
				}
				p.ID = strings.Clone(cell)
			case colName:
				p.Name = strings.Clone(cell)
			case colEmail:
				if err := checkEmail(cell); err != nil {
					bad(j, err)
				}
				p.Email = strings.Clone(cell)
			case colDepartment:
				p.Department = strings.Clone(cell)
			case colManager:
				p.Manager = strings.Clone(cell)
			case colLocation:
				p.Location = strings.Clone(cell)
			case colFocus:
				p.Focus = strings.Clone(cell)
			case colGrade:
				if cell == "" {
					continue
				}
				g, err := strconv.Atoi(cell)
				if err != nil {
					bad(j, wholeNumberError("grade", cell, err))
				}
				p.Grade = g
			case colYears:
				if cell == "" {
					continue
				}
				y, err := strconv.ParseFloat(cell, 64)
				switch {
				case errors.Is(err, strconv.ErrRange) && y > 0:
					bad(j, fmt.Errorf("%w: years %q is too large", ErrBadValue, cell))
				case errors.Is(err, strconv.ErrRange) && y < 0:
					bad(j, fmt.Errorf("%w: years %s is negative", ErrBadValue, cell))
				case err != nil || math.IsNaN(y) || math.IsInf(y, 0):
					bad(j, fmt.Errorf("%w: years %q is not a number", ErrBadValue, cell))
				case y < 0:
					bad(j, fmt.Errorf("%w: years %s is negative", ErrBadValue, cell))
				default:
					p.Years = y
				}
			case colCapacity:
				if cell == "" {
					continue
				}
				c, err := strconv.Atoi(cell)
				switch {
				case err != nil:
					bad(j, wholeNumberError("capacity", cell, err))
				case c < 0:
					bad(j, fmt.Errorf("%w: capacity %d is negative", ErrBadValue, c))
				default:
					p.Capacity = c
				}
			case colLead:
				lead, err := parseLead(cell, cat)
				if err != nil {
					bad(j, err)
				}
				p.Lead = lead
			case colUnavailable:
				days, err := parseDates(cell)
				if err != nil {
					bad(j, err)
				}
				p.Unavailable = days
			case colTag:
				if cell != "" {
					if p.Tags == nil {
						p.Tags = make(map[string]string)
					}
					p.Tags[c.key] = strings.Clone(cell)
				}
			}
		}
		if hr.emailID >= 0 {
			p.ID = strings.ToLower(p.Email)
		}
		switch {
		case p.ID == "" && hr.emailID >= 0:
			perr(line, idCol, idName, "", fmt.Errorf("%w: empty e-mail, which is the id (there is no id column)", ErrBadValue))
			continue
		case p.ID == "":
			perr(line, idCol, idName, "", fmt.Errorf("%w: empty id", ErrBadValue))
			continue
		case firstOn[norm.NFC.String(p.ID)] != 0: // no allocation for an id in NFC
			first := firstOn[norm.NFC.String(p.ID)]
			if idOn[first] == p.ID {
				perr(line, idCol, idName, "", fmt.Errorf("%w: %q on lines %d and %d", ErrDuplicateID, p.ID, first, line))
			} else {
				perr(line, idCol, idName, "", sameLookingIDs(idOn[first], p.ID, fmt.Sprintf("line %d", first)))
			}
			continue
		}
		firstOn[norm.NFC.String(p.ID)] = line
		idOn[line] = p.ID
		people = append(people, p)
		lines = append(lines, line)
	}
	if ms, ok := src.(interface {
		mergedRanges(keep func(cellRange) bool, limit int) []cellRange
	}); ok {
		// A merged range shows its first cell's value across the others,
		// which the file stores blank: a department merged down a team's
		// rows would read as blank for all but the first. Ranges above the
		// header (a title), beyond its columns or of one cell do not matter.
		keep := func(m cellRange) bool {
			return m.row2 >= headerLine && m.col1 <= len(cols) && (m.col1 != m.col2 || m.row1 != m.row2)
		}
		for _, m := range ms.mergedRanges(keep, maxReported+1) {
			name := cols[m.col1-1].name
			perr(max(m.row1, headerLine), m.col1, name, "", fmt.Errorf("%w: cells %s are merged: the value shown across them is stored in the first cell only, and the others would read as blank; unmerge the cells and fill each one", ErrBadValue, m.ref))
		}
	}
	managerCol, managerName := 0, ""
	for j, c := range cols {
		if c.kind == colManager {
			managerCol, managerName = j+1, c.name
		}
	}
	ro := &Roster{Catalog: cat, People: people, ReadInfo: info, Warnings: warnings}
	// Manager problems are found on all people read so far, so they are
	// reported alongside cell errors; Validate repeats the full check below.
	// Managers named by e-mail or name become ids first.
	resolveManagers(people,
		func(i int) {
			if err := checkManagerID(people[i].Manager); err != nil {
				perr(lines[i], managerCol, managerName, people[i].ID, err)
				return
			}
			w := unmatchedManager(&people[i])
			w.File, w.Sheet, w.Line, w.Column, w.ColumnName = opt.Name, sheet, lines[i], managerCol, managerName
			ro.Warnings = append(ro.Warnings, w)
		},
		func(i int, err error) { perr(lines[i], managerCol, managerName, people[i].ID, err) })
	for i := range people {
		if people[i].Manager != "" && people[i].Manager == people[i].ID {
			perr(lines[i], managerCol, managerName, people[i].ID, errors.New("is their own manager"))
		}
	}
	byID := make(map[string]int, len(people))
	for i := range people {
		byID[people[i].ID] = i
	}
	for _, e := range ro.managerCycles(byID) {
		var pe *PersonError
		if errors.As(e, &pe) {
			perr(lines[pe.Index], managerCol, managerName, pe.ID, pe.Err)
		} else {
			ps.add(e)
		}
	}
	if ps.count() == 0 && len(people) == 0 {
		perr(0, 0, "", "", fmt.Errorf("%w: the file has a header but no people", ErrNoPeople))
	}
	if ps.count() > 0 {
		return nil, ps.err()
	}
	if err := ro.Validate(); err != nil {
		mapPersonErrors(err, ps, func(pe *PersonError) *ParseError {
			return &ParseError{File: opt.Name, Sheet: sheet, Line: lines[pe.Index], ID: pe.ID, Err: pe.Err}
		})
		return nil, ps.err()
	}
	return ro, nil
}

// sameLookingIDs is the error of an id that differs from an earlier one,
// found at where, only in Unicode normalisation (José with a precomposed é
// and with e and a combining accent): the two look the same, so a manager
// cell or a never-pair list could not tell them apart.
func sameLookingIDs(first, id, where string) error {
	return fmt.Errorf("%w: %q looks the same as %q at %s: the two differ only in how an accented letter is encoded (Unicode normalisation); write both alike", ErrDuplicateID, id, first, where)
}

// mapPersonErrors adds Validate's person errors to ps, located by where.
func mapPersonErrors(err error, ps *problems, where func(*PersonError) *ParseError) {
	var walk func(error) bool
	found := false
	walk = func(e error) bool {
		if pe, ok := e.(*PersonError); ok {
			ps.add(where(pe))
			found = true
			return true
		}
		if u, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range u.Unwrap() {
				walk(x)
			}
		}
		return false
	}
	walk(err)
	if !found {
		ps.add(err)
	}
}

func nameOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// headerResult is what parseHeader finds in the header row.
type headerResult struct {
	cols []column
	cat  *Catalog
	plan headerPlan
	// emailID is the 0-based column whose e-mail is the id when there is
	// no id column; -1 otherwise.
	emailID int
	stop    bool // the rows cannot be read at all
}

// parseHeader reads the header row, found on the given line, through the
// mapper. A column with a problem is reported and marked colSkip; stop is
// true when the rows cannot be read at all (no id column, a header beyond
// the limits). The list of accepted columns is given once, with the first
// problem that needs it, however many unknown columns there are.
func parseHeader(header []string, line int, opt ReadOptions, mp *mapper, perr func(line, col int, name, id string, err error)) headerResult {
	cat := &Catalog{}
	listed := false
	accepted := func() string {
		if listed {
			return " (accepted columns are listed above)"
		}
		listed = true
		return "; accepted columns: " + acceptedColumns + "; or map the header with a survey mapping (rename, ignore or a skill pattern)"
	}
	pl := mp.plan(header)
	res := headerResult{cat: cat, plan: pl, emailID: -1}
	cols := make([]column, len(header))
	res.cols = cols
	seen := make(map[string]int) // normalised column → 1-based position
	tooMany := false
	tags := 0
	// The id check comes first so that its error, which sorts first (the
	// whole line), is the one that lists the accepted columns.
	emailCol, hasID := -1, false
	for j, n := range pl.names {
		switch f := foldHeader(n); {
		case pl.ambiguous[j] != nil:
		case f == "id":
			hasID = true
		case f == "email" && emailCol < 0:
			emailCol = j
		}
	}
	if !hasID {
		if mp.auto && emailCol >= 0 {
			res.emailID = emailCol
			pl.uses[emailCol].How += "; also the id"
		} else {
			perr(line, 0, "", "", fmt.Errorf("%w: no id column%s%s", ErrBadValue, accepted(), suggestID(header, mp.auto)))
			res.stop = true
		}
	}
	for j, h := range header {
		cols[j].kind = colSkip
		name := strings.TrimSpace(h)
		if len(name) > opt.MaxFieldBytes {
			perr(line, j+1, "", "", fmt.Errorf("%w: header field of %d bytes exceeds the limit of %d", ErrTooLarge, len(name), opt.MaxFieldBytes))
			res.stop = true
			continue
		}
		cols[j].name = name
		if err := pl.ambiguous[j]; err != nil {
			perr(line, j+1, name, "", err)
			continue
		}
		target := pl.names[j]
		if target == "" {
			cols[j].kind = colIgnore
			if name == "" {
				cols[j].kind = colNoHeader
			}
			continue
		}
		lower := strings.ToLower(target)
		key := lower
		if prefix, rest, ok := strings.Cut(lower, ":"); ok {
			rest = strings.TrimSpace(rest)
			orig := strings.TrimSpace(target[strings.IndexByte(target, ':')+1:])
			key = strings.TrimSpace(prefix) + ":" + rest
			switch strings.TrimSpace(prefix) {
			case "have", "want":
				key = strings.TrimSpace(prefix) + ":" + skillKey(rest)
				if rest == "" {
					perr(line, j+1, name, "", fmt.Errorf("%w: empty skill name", ErrBadValue))
					continue
				}
				cols[j].kind = colHave
				if strings.TrimSpace(prefix) == "want" {
					cols[j].kind = colWant
				}
				s, ok := cat.Index(orig)
				if !ok {
					if cat.Len() >= opt.MaxSkills {
						if !tooMany {
							perr(line, j+1, name, "", fmt.Errorf("%w: more than %d skills", ErrTooLarge, opt.MaxSkills))
						}
						tooMany, res.stop = true, true
						continue
					}
					s = cat.Len()
					if err := cat.Add(Skill{Name: strings.Clone(orig)}); err != nil {
						perr(line, j+1, name, "", err)
						continue
					}
				}
				cols[j].skill = s
			case "tag":
				if rest == "" {
					perr(line, j+1, name, "", fmt.Errorf("%w: empty tag key", ErrBadValue))
					continue
				}
				if tags++; tags > opt.MaxTags {
					if tags == opt.MaxTags+1 {
						perr(line, j+1, name, "", fmt.Errorf("%w: more than %d tag columns (see ReadOptions.MaxTags)", ErrTooLarge, opt.MaxTags))
					}
					res.stop = true
					continue
				}
				cols[j].kind = colTag
				cols[j].key = strings.Clone(orig)
			default:
				perr(line, j+1, name, "", fmt.Errorf("%w %q%s", ErrUnknownColumn, name, accepted()))
				continue
			}
		} else {
			i := slices.Index(fixedColumns, lower)
			if i < 0 {
				perr(line, j+1, name, "", fmt.Errorf("%w %q%s", ErrUnknownColumn, name, accepted()))
				continue
			}
			cols[j].kind = i // fixedColumns is in colID.. order
		}
		if first, dup := seen[key]; dup {
			also := ""
			if !strings.EqualFold(target, name) {
				also = fmt.Sprintf(", read as %s,", target)
			}
			how := "names compare case-insensitively"
			if !strings.EqualFold(strings.Join(strings.Fields(pl.names[first-1]), ""), strings.Join(strings.Fields(target), "")) {
				how += ", and these differ only in how an accented letter is encoded (Unicode normalisation)"
			}
			perr(line, j+1, name, "", fmt.Errorf("%w: column %q%s repeats column %d (%s)", ErrBadValue, name, also, first, how))
			cols[j].kind = colSkip
			continue
		}
		seen[key] = j + 1
	}
	return res
}

// cellText is a text cell as the readers keep it: id, name, email,
// department, manager, location, focus and tag cells lose the white space
// around them (as strings.TrimSpace defines it), which a spreadsheet
// neither shows nor lets one see. ReadJSONWith passes the same fields
// through it, so "Sales " and "Sales" are one department in every format.
func cellText(s string) string { return strings.TrimSpace(s) }

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// checkEmail reports whether a blank-trimmed e-mail cell can be an address:
// blank, or at most MaxEmailBytes bytes with exactly one '@' between a
// non-empty local part and a non-empty domain, and no spaces, control
// characters or invisible formatting characters (Unicode Cf). It does not check the domain; a facilitator's export that
// holds "n/a" or two addresses in one cell is an error to fix at the cell,
// since the e-mail identifies a manager. It takes O(len(s)) time.
func checkEmail(s string) error {
	if s == "" {
		return nil
	}
	if len(s) > MaxEmailBytes {
		return fmt.Errorf("%w: e-mail of %d bytes is longer than %d", ErrBadValue, len(s), MaxEmailBytes)
	}
	local, domain, ok := strings.Cut(s, "@")
	switch {
	case !ok:
		return fmt.Errorf("%w: e-mail %q has no @", ErrBadValue, s)
	case strings.Contains(domain, "@"):
		return fmt.Errorf("%w: e-mail %q has more than one @ (one address a cell)", ErrBadValue, s)
	case local == "" || domain == "":
		return fmt.Errorf("%w: e-mail %q needs a name before the @ and a domain after it", ErrBadValue, s)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: e-mail %q is not valid UTF-8", ErrBadValue, s)
	}
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("%w: e-mail %q holds a space or control character at byte %d", ErrBadValue, s, i+1)
		}
		// A zero-width space or joiner, a soft hyphen or a bidi mark (Cf)
		// is invisible: two addresses that look the same would differ.
		if unicode.Is(unicode.Cf, r) {
			return fmt.Errorf("%w: e-mail %q holds an invisible formatting character (%U) at byte %d", ErrBadValue, s, r, i+1)
		}
	}
	return nil
}

// parseLevel parses a have or want cell: blank is 0, else an integer 0..5
// with optional surrounding spaces.
func parseLevel(s string) (uint8, bool) {
	if len(s) == 1 && s[0] >= '0' && s[0] <= '0'+MaxLevel {
		return s[0] - '0', true
	}
	if s == "" {
		return 0, true
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	if len(s) == 1 && s[0] >= '0' && s[0] <= '0'+MaxLevel {
		return s[0] - '0', true
	}
	if c := s[0]; (c < '0' || c > '9') && c != '+' && c != '-' {
		return 0, false // a word: no number, and no error value to allocate
	}
	if v, err := strconv.Atoi(s); err == nil && v >= 0 && v <= MaxLevel {
		return uint8(v), true // "05", "+3"
	}
	return 0, false
}

// levelError is the error of a have or want cell that is neither a level
// nor an answer word; the answer words are listed with the first such
// error of a file (*listed records it).
func (mp *mapper) levelError(cell string, listed *bool) error {
	if mp.words == "" || isNumber(strings.TrimSpace(cell)) {
		return levelError(cell)
	}
	s := strings.TrimSpace(cell)
	if *listed {
		return fmt.Errorf("%w: level %q is not a number 0..%d nor an answer word (listed above)", ErrBadValue, s, MaxLevel)
	}
	*listed = true
	return fmt.Errorf("%w: level %q is not a number 0..%d nor an answer word; answer words are %s (add others with a survey mapping)", ErrBadValue, s, MaxLevel, mp.words)
}

func levelError(cell string) error {
	s := strings.TrimSpace(cell)
	if v, err := strconv.ParseFloat(s, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		switch {
		case err != nil: // beyond float64: 1e400
		case v != math.Trunc(v) || math.IsInf(v, 0):
			return fmt.Errorf("%w: level %s is not a whole number 0..%d", ErrBadValue, s, MaxLevel)
		case v >= 0 && v <= MaxLevel:
			// "5.0", "1e0": a level in range, written as no survey writes one.
			return fmt.Errorf("%w: level %s is not written as a whole number: write %d", ErrBadValue, s, int(v))
		}
		return fmt.Errorf("%w: level %s outside 0..%d", ErrBadValue, s, MaxLevel)
	}
	return fmt.Errorf("%w: level %q is not a number 0..%d", ErrBadValue, s, MaxLevel)
}

// wholeNumberError is the error of a grade or capacity cell that
// strconv.Atoi refused: a whole number too large for an int is named as
// such, not as "not a whole number".
func wholeNumberError(what, cell string, err error) error {
	if errors.Is(err, strconv.ErrRange) {
		return fmt.Errorf("%w: %s %q is out of range (%d to %d)", ErrBadValue, what, cell, math.MinInt, math.MaxInt)
	}
	return fmt.Errorf("%w: %s %q is not a whole number", ErrBadValue, what, cell)
}

const dateLayout = "2006-01-02"

// parseDates parses an unavailable cell: dates YYYY-MM-DD and ranges
// FROM..TO separated by semicolons, commas or spaces. It returns the days
// sorted and without repeats, nil for a blank cell.
func parseDates(s string) ([]time.Time, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(fields) == 0 {
		return nil, nil
	}
	var days []time.Time
	for _, f := range fields {
		from, to, isRange := strings.Cut(f, "..")
		a, err := time.Parse(dateLayout, from)
		if err != nil {
			return nil, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrBadValue, from)
		}
		if !isRange {
			if days = append(days, a); len(days) > maxDaysPerCell {
				return nil, fmt.Errorf("%w: more than %d unavailable days", ErrTooLarge, maxDaysPerCell)
			}
			continue
		}
		b, err := time.Parse(dateLayout, to)
		if err != nil {
			return nil, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrBadValue, to)
		}
		if b.Before(a) {
			return nil, fmt.Errorf("%w: range %s ends before it starts", ErrBadValue, f)
		}
		if b.Sub(a) > maxDaysPerCell*24*time.Hour {
			return nil, fmt.Errorf("%w: range %s is longer than %d days", ErrTooLarge, f, maxDaysPerCell)
		}
		for d := a; !d.After(b); d = d.AddDate(0, 0, 1) {
			days = append(days, d)
		}
		if len(days) > maxDaysPerCell {
			return nil, fmt.Errorf("%w: more than %d unavailable days", ErrTooLarge, maxDaysPerCell)
		}
	}
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	days = slices.CompactFunc(days, func(a, b time.Time) bool { return a.Equal(b) })
	return days, nil
}

// limitReader fails with ErrTooLarge once more than limit bytes in total have
// been read; the CSV reader moves the limit forward after each record.
type limitReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n >= l.limit {
		return 0, fmt.Errorf("%w: a record is longer than the limit (see ReadOptions.MaxFieldBytes)", ErrTooLarge)
	}
	if rest := l.limit - l.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// crOnly reports whether the header line of the text in br ends with a
// lone carriage return, as a "CSV (Macintosh)" file of Excel for Mac does:
// encoding/csv ends lines only at '\n', so such a file would be read as
// one line of nonsense columns. It looks at what br has buffered (64 KiB)
// and follows quotes as detectDelimiter does.
func crOnly(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	quoted := false
	for i, c := range head {
		switch c {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				return false
			}
		case '\r':
			if !quoted {
				return i+1 < len(head) && head[i+1] != '\n'
			}
		}
	}
	return false
}

// crReader turns the lone carriage returns of a text whose lines end with
// them (see crOnly) into '\n', and CRLF into one '\n', so encoding/csv
// sees the lines, and numbers them, as the file's author did.
type crReader struct {
	r      io.Reader
	skipLF bool // the last byte read was '\r': a '\n' next belongs to it
}

func (c *crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	w := 0
	for _, b := range p[:n] {
		if b == '\n' && c.skipLF {
			c.skipLF = false
			continue
		}
		c.skipLF = b == '\r'
		if b == '\r' {
			b = '\n'
		}
		p[w] = b
		w++
	}
	if w == 0 && n > 0 && err == nil {
		return c.Read(p) // a lone '\n' after a '\r': read on
	}
	return w, err
}

// recordLimitReader passes CSV text through and fails with a
// *recordTooLongError once one record (a line, or lines joined by line
// breaks inside quotes) passes max bytes, so that memory stays bounded
// however long a line is. It follows double quotes as encoding/csv does
// (each '"' toggles; an escaped "" toggles twice) and counts lines by '\n'
// as encoding/csv does, so it can name the line where the record starts.
// Blank lines count towards no record: the CSV reader skips them without
// keeping them, and a spreadsheet export may end with many thousands.
// O(1) a byte, no allocation.
type recordLimitReader struct {
	r      io.Reader
	max    int64 // bytes a record may take
	size   int64 // bytes of the current record so far
	line   int   // 1-based line of the next byte
	start  int   // line where the current record starts
	quoted bool
}

func (l *recordLimitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		switch {
		case c == '\n':
			l.line++
			if !l.quoted {
				l.size = 0
				continue
			}
		case c == '\r' && l.size == 0:
			continue // a blank line's CRLF
		case c == '"':
			l.quoted = !l.quoted
		}
		if l.size == 0 {
			l.start = l.line
		}
		if l.size++; l.size > l.max {
			return i, &recordTooLongError{line: l.start, max: l.max}
		}
	}
	return n, err
}

// recordTooLongError is the error of a CSV record beyond
// ReadOptions.recordBytes; it wraps ErrTooLarge.
type recordTooLongError struct {
	line int // where the record starts
	max  int64
}

func (e *recordTooLongError) Error() string {
	return fmt.Sprintf("%v: the record starting on this line is longer than %d bytes (ReadOptions.MaxFieldBytes plus 256 a column; a quote that is never closed joins the lines after it)", ErrTooLarge, e.max)
}

func (e *recordTooLongError) Unwrap() error { return ErrTooLarge }

// parseLead reads a lead cell: up to MaxLead skill names of cat separated by
// '|', most preferred first. Names compare case-insensitively and come back
// as the catalog spells them.
func parseLead(cell string, cat *Catalog) ([]string, error) {
	if strings.TrimSpace(cell) == "" {
		return nil, nil
	}
	parts := strings.Split(cell, "|")
	if len(parts) > MaxLead {
		return nil, fmt.Errorf("%w: lead names %d skills, at most %d (separated by |)", ErrBadValue, len(parts), MaxLead)
	}
	lead := make([]string, 0, len(parts))
	for _, part := range parts {
		name := strings.TrimSpace(part)
		j, ok := cat.Index(name)
		if !ok {
			return nil, fmt.Errorf("%w: lead names %q, which is not a skill of the survey", ErrBadValue, name)
		}
		name = cat.Skill(j).Name
		if slices.Contains(lead, name) {
			return nil, fmt.Errorf("%w: lead names %q twice", ErrBadValue, name)
		}
		lead = append(lead, name)
	}
	return lead, nil
}
