package programme

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peermatch/peermatch/skills"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Errors of check-in answers. Every error of ReadCheckIns and CheckAnswers
// wraps ErrInvalidCheckIns and lists its problems, each a *skills.ParseError
// (position, column and cause) wrapping one of the others.
var (
	ErrInvalidCheckIns = errors.New("invalid check-in answers")
	// ErrBadValue: a cell that cannot be read (a date, a yes/no, a 1–5
	// rating, an empty person).
	ErrBadValue = errors.New("bad value")
	// ErrUnknownColumn: a header the format does not define, a header or
	// column given more than once, or a required column missing.
	ErrUnknownColumn = errors.New("unknown column")
	// ErrFieldCount: a row with more or fewer fields than the header.
	ErrFieldCount = errors.New("wrong number of fields")
	// ErrFormat: input that is not CSV.
	ErrFormat = errors.New("malformed input")
	// ErrTooLarge: input beyond a ReadOptions limit (rows, columns, cell
	// or input bytes).
	ErrTooLarge = errors.New("input too large")
	// ErrUnknownPerson: an answer from or about someone not in the roster
	// (or, for a group, a group id no round has).
	ErrUnknownPerson = errors.New("unknown person")
	// ErrNotPartner: the partner named was not the person's partner in the
	// round in force on the answer's date: the pair did not last that day,
	// either member had left or was paused, or the person named themselves.
	ErrNotPartner = errors.New("not their partner")
	// ErrOutsideProgramme: an answer dated before the programme's start or
	// after its end (CheckAnswers), or after the day of the import
	// (ReadCheckIns with ReadOptions.NotAfter).
	ErrOutsideProgramme = errors.New("date outside the programme")
	// ErrDuplicate: two different answers with the same person, partner and
	// date (identical ones are accepted once).
	ErrDuplicate = errors.New("conflicting duplicate answer")
)

// Default limits of ReadOptions.
const (
	DefaultMaxRows       = 1_000_000
	DefaultMaxFieldBytes = 64 << 10
	DefaultMaxBytes      = 256 << 20
	DefaultMaxColumns    = 1_000
)

// ReadOptions bounds and names the input of ReadCheckIns and ReadOutcomes.
// The zero value means the defaults.
type ReadOptions struct {
	// Name is the file name used in error messages.
	Name string
	// MaxRows is the largest number of data rows; 0 means
	// DefaultMaxRows (1,000,000).
	MaxRows int
	// MaxFieldBytes is the largest cell, in bytes; 0 means
	// DefaultMaxFieldBytes (64 KiB).
	MaxFieldBytes int
	// MaxBytes is the largest input, in bytes; 0 means DefaultMaxBytes
	// (256 MiB). Reading stops one byte past it.
	MaxBytes int64
	// MaxColumns is the largest number of fields of a row, header
	// included; 0 means DefaultMaxColumns (1,000). It is checked on the
	// raw bytes before the row is split into fields, so a row of millions
	// of fields costs constant memory; reading stops at that row, with an
	// error naming its line, its number of fields and the limit.
	MaxColumns int
	// NotAfter, when not zero, is the day of the import (ReadCheckIns
	// only): an answer dated after it cannot have happened yet and is an
	// error wrapping ErrOutsideProgramme at its date cell.
	NotAfter time.Time
	// Rename maps a header of the input (a form's question, such as
	// "Your buddy's e-mail") to the column it holds ("partner"). Headers
	// compare trimmed, case-insensitively and with runs of white space as
	// one space. A rename of a header the input does not have does
	// nothing, so one map can serve several forms; a header renamed to
	// something that is not a column of the reader is an unknown column.
	Rename map[string]string
	// Ignore lists headers to leave out, compared as in Rename; a leading
	// or trailing * matches any text ("Timestamp", "*comment*"). Rename
	// wins over Ignore for a header both name.
	Ignore []string
}

func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxFieldBytes <= 0 {
		o.MaxFieldBytes = DefaultMaxFieldBytes
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = DefaultMaxColumns
	}
	return o
}

// maxReported is how many problems an error lists before "and N more".
const maxReported = 100

// ProblemsError is the error of a reader or a check: every problem found
// (up to 100 listed, the rest counted), each a *skills.ParseError. It wraps
// its sentinel (ErrInvalidCheckIns or ErrInvalidOutcomes) and every listed
// problem, so errors.Is finds the kind and skills.ParseErrors lists them.
type ProblemsError struct {
	Kind     error
	File     string
	Problems []*skills.ParseError
	More     int
}

// Error lists the problems, one a line.
func (e *ProblemsError) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.Error())
	n := len(e.Problems) + e.More
	if n == 1 {
		b.WriteString(": ")
		b.WriteString(e.Problems[0].Error())
		return b.String()
	}
	if e.File != "" {
		fmt.Fprintf(&b, ": %d problems in %s:", n, e.File)
	} else {
		fmt.Fprintf(&b, ": %d problems:", n)
	}
	for _, p := range e.Problems {
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n\tand %d more", e.More)
	}
	return b.String()
}

// Unwrap returns the sentinel and the problems.
func (e *ProblemsError) Unwrap() []error {
	out := []error{e.Kind}
	for _, p := range e.Problems {
		out = append(out, p)
	}
	return out
}

type problems struct {
	kind error
	file string
	list []*skills.ParseError
	more int
}

// add records a problem and returns it, or nil when it was only counted
// (beyond maxReported).
func (p *problems) add(line, col int, colName, id string, err error) *skills.ParseError {
	if len(p.list) >= maxReported {
		p.more++
		return nil
	}
	pe := &skills.ParseError{File: p.file, Line: line, Column: col, ColumnName: colName, ID: id, Err: err}
	p.list = append(p.list, pe)
	return pe
}

func (p *problems) err() error {
	if len(p.list) == 0 && p.more == 0 {
		return nil
	}
	return &ProblemsError{Kind: p.kind, File: p.file, Problems: p.list, More: p.more}
}

// readRows reads the data rows after the header: blank rows skipped, at
// most opt.MaxRows, each with the header's number of fields and cells of at
// most opt.MaxFieldBytes. For each row it calls start with its line, cell
// with each trimmed cell (an error is a problem at that cell), and keep
// when every cell was read without one. Every problem goes to probs.
func readRows(cr *csv.Reader, lr *limitedReader, probs *problems, opt ReadOptions, header []string, start func(line int), cell func(i int, v string) error, keep func()) {
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			addCSVError(probs, lr, err)
			return
		}
		line, _ := cr.FieldPos(0)
		if blankRow(rec) {
			continue
		}
		if rows++; rows > opt.MaxRows {
			probs.add(line, 0, "", "", fmt.Errorf("%w: more than %d rows", ErrTooLarge, opt.MaxRows))
			return
		}
		if len(rec) != len(header) {
			probs.add(line, 0, "", "", fmt.Errorf("%w: %d fields, the header has %d", ErrFieldCount, len(rec), len(header)))
			continue
		}
		start(line)
		ok := true
		for i, raw := range rec {
			if len(raw) > opt.MaxFieldBytes {
				probs.add(line, i+1, header[i], "", fmt.Errorf("%w: cell of %d bytes, the limit is %d", ErrTooLarge, len(raw), opt.MaxFieldBytes))
				ok = false
				continue
			}
			if err := cell(i, strings.TrimSpace(raw)); err != nil {
				probs.add(line, i+1, header[i], "", err)
				ok = false
			}
		}
		if ok {
			keep()
		}
	}
}

// readHeader reads the header row of a CSV of answers or outcomes: each
// header trimmed (a UTF-8 byte order mark dropped), renamed or ignored by
// opt, and mapped by columns; an unknown column is a problem at its cell, a
// header written more than once (not ignored) one problem at its second
// cell, whatever the number of copies, and two headers meaning one column
// a problem at the second. It returns the header cells, each cell's column
// ("" when ignored, unknown or repeated) and each column's 1-based
// position, and false when there is no header at all (the problem is
// recorded). It is the first read of cr, and sets lr's column limit
// (opt.MaxColumns) before it, so that no row longer than that is split.
func readHeader(cr *csv.Reader, lr *limitedReader, probs *problems, opt ReadOptions, columns map[string]string, accepted string) (header, cols []string, pos map[string]int, ok bool) {
	lr.maxCols = opt.MaxColumns
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			probs.add(1, 0, "", "", fmt.Errorf("%w: empty input: expected a header with %s", ErrFormat, accepted))
		} else {
			addCSVError(probs, lr, err)
		}
		return nil, nil, nil, false
	}
	header = append([]string(nil), header...) // the reader reuses its record
	cols = make([]string, len(header))
	pos = map[string]int{}
	type copies struct {
		ignored bool
		at      []int // 1-based positions, the first few
		n       int
		problem *skills.ParseError
	}
	byHeader := map[string]*copies{} // folded header → its copies
	var repeated []*copies
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		h = strings.TrimSpace(h)
		header[i] = h
		f := foldHeader(h)
		if cp := byHeader[f]; cp != nil {
			cp.n++
			if len(cp.at) < 5 {
				cp.at = append(cp.at, i+1)
			}
			if cp.n == 2 && !cp.ignored {
				// the message, with the number of copies, is written
				// once the whole header is read
				cp.problem = probs.add(1, i+1, h, "", nil)
				repeated = append(repeated, cp)
			}
			continue
		}
		c, ignored, known, renamed := headerColumn(h, opt, columns)
		byHeader[f] = &copies{ignored: ignored, at: []int{i + 1}, n: 1}
		switch {
		case ignored:
		case !known:
			probs.add(1, i+1, h, "", unknownColumn(h, renamed, accepted))
		case pos[c] != 0:
			probs.add(1, i+1, h, "", fmt.Errorf("%w: column %q appears twice", ErrUnknownColumn, c))
		default:
			pos[c] = i + 1
			cols[i] = c
		}
	}
	for _, cp := range repeated {
		if cp.problem == nil {
			continue // beyond maxReported, counted
		}
		at := make([]string, len(cp.at))
		for i, a := range cp.at {
			at[i] = strconv.Itoa(a)
		}
		list := strings.Join(at, ", ")
		if cp.n > len(cp.at) {
			list += ", …"
		}
		cp.problem.Err = fmt.Errorf("%w: header %q appears %d times (columns %s): give each column once", ErrUnknownColumn, cp.problem.ColumnName, cp.n, list)
	}
	return header, cols, pos, true
}

// checkInColumns maps accepted header names to the column they mean. A
// form's respondent e-mail ("email") is the person.
var checkInColumns = map[string]string{
	"date": "date", "person": "person", "email": "person", "e-mail": "person",
	"partner": "partner", "group": "partner",
	"met": "met", "equitable": "equitable", "progress": "progress",
	"comments": "comments", "comment": "comments",
}

// IsCheckInColumn reports whether name (any case, surrounding spaces
// ignored) is a column of the check-in answers that a survey roster does
// not have: date, person, partner, group, met, equitable, progress,
// comments. A programme file's survey section may rename a form's headers
// to these for ReadCheckIns while the roster reader leaves them alone.
func IsCheckInColumn(name string) bool {
	c, ok := checkInColumns[foldHeader(name)]
	return ok && c != "person" || foldHeader(name) == "person"
}

const acceptedCheckInColumns = "date, person (or email), partner (or group), met, equitable, progress, comments"

// foldHeader returns h trimmed, lower-case, with runs of white space as one
// space: the form in which headers, renames and ignore patterns compare.
func foldHeader(h string) string {
	return strings.Join(strings.Fields(strings.ToLower(h)), " ")
}

// headerColumn returns the column header h (trimmed) names in columns,
// after opt's Rename and Ignore: ignored is true for a header to leave
// out; ok is false for an unknown header, with what it was renamed to
// (or "").
func headerColumn(h string, opt ReadOptions, columns map[string]string) (col string, ignored, ok bool, renamed string) {
	f := foldHeader(h)
	froms := make([]string, 0, len(opt.Rename))
	for from := range opt.Rename {
		froms = append(froms, from)
	}
	sort.Strings(froms) // two spellings of one header: the first wins
	for _, from := range froms {
		if foldHeader(from) == f {
			to := opt.Rename[from]
			c, ok := columns[foldHeader(to)]
			return c, false, ok, to
		}
	}
	for _, p := range opt.Ignore {
		if ignoreMatches(p, f) {
			return "", true, true, ""
		}
	}
	c, ok := columns[f]
	return c, false, ok, ""
}

// ignoreMatches reports whether the ignore pattern p (a leading or
// trailing * matches any text) matches the folded header h.
func ignoreMatches(p, h string) bool {
	p = strings.TrimSpace(p)
	lead, trail := strings.HasPrefix(p, "*"), strings.HasSuffix(p, "*") && len(p) > 1
	core := foldHeader(strings.TrimSuffix(strings.TrimPrefix(p, "*"), "*"))
	switch {
	case core == "":
		return false
	case lead && trail:
		return strings.Contains(h, core)
	case lead:
		return strings.HasSuffix(h, core)
	case trail:
		return strings.HasPrefix(h, core)
	}
	return h == core
}

// unknownColumn is the error of a header that names no column.
func unknownColumn(h, renamed, accepted string) error {
	if renamed != "" {
		return fmt.Errorf("%w %q (renamed to %q, which is not a column): the columns are %s", ErrUnknownColumn, h, renamed, accepted)
	}
	return fmt.Errorf("%w %q: the columns are %s", ErrUnknownColumn, h, accepted)
}

// ReadCheckIns reads check-in answers from a CSV form export: a header and
// one row an answer with the columns date, person (or email), partner (or
// group), met, and optionally equitable, progress and comments, in any
// order. Header names compare case-insensitively; cells and headers are
// trimmed; a UTF-8 byte order mark and rows whose cells are all blank are
// accepted. UTF-16 with a byte order mark (a spreadsheet's "Unicode text")
// is decoded (the byte limit then counts the decoded UTF-8); UTF-16
// without one (zero bytes among the first 64) is refused with ErrFormat,
// saying to save the file as CSV UTF-8. A form whose questions are its headers reads through
// ReadOptions.Rename and Ignore ("Your buddy" → partner, "Timestamp" left
// out). Person and partner hold ids or e-mails (CheckAnswers resolves the
// e-mails).
//
//   - date: YYYY-MM-DD, optionally followed by a time ("2027-03-04 10:22",
//     "2027-03-04 10:22:01", "2027-03-04T10:22:01Z" or with an offset), or
//     the same with slashes, year first ("2027/03/04 10:22:01", as form
//     tools export). The day as written is kept (midnight UTC); the time of
//     day is dropped. Day-first and month-first dates such as 3/4/2027 are
//     refused, since they are ambiguous.
//   - met: yes/no, y/n, true/false or 1/0 (case-insensitive).
//   - equitable and progress: 1–5, or blank for not answered (0).
//
// Every problem is reported with its line and column, not just the first,
// in an error wrapping ErrInvalidCheckIns (a *ProblemsError). When rows
// have problems, the rows read without one are returned with the error, so
// that a caller can check them too (CheckAnswers) and report every problem
// of the file at once (MergeProblems); nothing of such a file is to be
// recorded. A header that cannot be read returns no answer. A header
// written twice (any number of times) is one problem, ErrUnknownColumn.
// With ReadOptions.NotAfter set, an answer dated after that day is a
// problem at its date cell wrapping ErrOutsideProgramme.
//
// Limits (ReadOptions): MaxRows rows, MaxColumns fields a row (header
// included), MaxFieldBytes a cell, MaxBytes in all, each an error wrapping
// ErrTooLarge; too many rows, columns or bytes stop reading there. The
// column limit is checked before a row is split into fields.
// ReadCheckIns takes time linear in the input, and memory linear in the
// rows kept, each row bounded by MaxColumns and MaxFieldBytes.
func ReadCheckIns(r io.Reader, opt ReadOptions) ([]CheckIn, error) {
	opt = opt.withDefaults()
	probs := &problems{kind: ErrInvalidCheckIns, file: opt.Name}
	r, err := decodeUTF16(r)
	if err != nil {
		probs.add(1, 0, "", "", err)
		return nil, probs.err()
	}
	lr := &limitedReader{r: r, n: opt.MaxBytes}
	cr := newCSV(lr)

	header, cols, pos, ok := readHeader(cr, lr, probs, opt, checkInColumns, acceptedCheckInColumns)
	if !ok {
		return nil, probs.err()
	}
	for _, c := range []string{"date", "person", "partner", "met"} {
		if pos[c] == 0 {
			probs.add(1, 0, "", "", fmt.Errorf("%w: required column %q is missing (the columns are %s)", ErrUnknownColumn, c, acceptedCheckInColumns))
		}
	}
	if probs.err() != nil {
		return nil, probs.err()
	}

	var out []CheckIn
	var ci CheckIn
	notAfter := Day(opt.NotAfter)
	readRows(cr, lr, probs, opt, header, func(line int) { ci = CheckIn{Line: line} },
		func(i int, v string) error {
			if err := setCheckInField(&ci, cols[i], v); err != nil {
				return err
			}
			if cols[i] == "date" && !opt.NotAfter.IsZero() && ci.Date.After(notAfter) {
				return fmt.Errorf("%w: %s is after the day of the import, %s: an answer cannot be dated later than that", ErrOutsideProgramme, ci.Date.Format(dateFmt), notAfter.Format(dateFmt))
			}
			return nil
		},
		func() { out = append(out, ci) })
	if err := probs.err(); err != nil {
		return out, err
	}
	return out, nil
}

// decodeUTF16 returns r decoded to UTF-8 when it starts with a UTF-16
// byte order mark, r itself when it is not UTF-16, and an error wrapping
// ErrFormat when it looks like UTF-16 without a byte order mark: a CSV
// header is mostly ASCII, which UTF-8 never encodes with zero bytes.
func decodeUTF16(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(64)
	switch {
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), nil
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), nil
	case bytes.IndexByte(head, 0) >= 0:
		return nil, fmt.Errorf("%w: the file has zero bytes, as UTF-16 without a byte order mark has: save it as CSV UTF-8 (or UTF-16 with a byte order mark)", ErrFormat)
	}
	return br, nil
}

// MergeProblems joins the problems of reading a file (ReadCheckIns) and of
// checking what was read (CheckAnswers) into one *ProblemsError of file,
// ordered by line and column, so that a file's problems are reported
// together. Either may be nil; an error that is not a *ProblemsError is
// returned as it is.
func MergeProblems(file string, read, check error) error {
	a, b := &ProblemsError{}, &ProblemsError{}
	switch {
	case read == nil && check == nil:
		return nil
	case read != nil && !errors.As(read, &a):
		return read
	case check != nil && !errors.As(check, &b):
		return check
	}
	m := &ProblemsError{Kind: ErrInvalidCheckIns, File: file, More: a.More + b.More}
	for _, p := range append(append([]*skills.ParseError(nil), a.Problems...), b.Problems...) {
		q := *p
		if q.File == "" {
			q.File = file
		}
		m.Problems = append(m.Problems, &q)
	}
	sort.SliceStable(m.Problems, func(i, j int) bool {
		pi, pj := m.Problems[i], m.Problems[j]
		return pi.Line < pj.Line || pi.Line == pj.Line && pi.Column < pj.Column
	})
	return m
}

func setCheckInField(ci *CheckIn, col, v string) error {
	var err error
	switch col {
	case "date":
		ci.Date, err = ParseDate(v)
	case "person":
		if v == "" {
			return fmt.Errorf("%w: empty person", ErrBadValue)
		}
		ci.Person = v
	case "partner":
		if v == "" {
			return fmt.Errorf("%w: empty partner", ErrBadValue)
		}
		ci.Partner = v
	case "met":
		ci.Met, err = parseYesNo(v)
	case "equitable":
		ci.Equitable, err = parseRating(v)
	case "progress":
		ci.Progress, err = parseRating(v)
	case "comments":
		ci.Comments = v
	}
	return err
}

// dateLayouts are the accepted date forms, year first only.
var dateLayouts = []string{
	"2006-01-02", "2006-01-02 15:04", "2006-01-02 15:04:05", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006/01/02", "2006/01/02 15:04", "2006/01/02 15:04:05",
}

// ParseDate reads a date as ReadCheckIns accepts it (YYYY-MM-DD or
// YYYY/MM/DD, optionally with a time of day, which is dropped) and returns
// the day as written, at midnight UTC. The error wraps ErrBadValue and says
// why; a day-first or month-first date is refused as ambiguous.
func ParseDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, fmt.Errorf("%w: empty date", ErrBadValue)
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return Day(t), nil
		}
	}
	var pe *time.ParseError
	if _, err := time.Parse(dateLayouts[0], v); errors.As(err, &pe) && strings.HasSuffix(pe.Message, "out of range") {
		return time.Time{}, fmt.Errorf("%w: date %q: no such day (%s)", ErrBadValue, v, strings.TrimPrefix(pe.Message, ": "))
	}
	if i := strings.IndexAny(v, "/.-"); i > 0 && i <= 2 {
		return time.Time{}, fmt.Errorf("%w: date %q is ambiguous (day or month first?): write it year first, YYYY-MM-DD", ErrBadValue, v)
	}
	return time.Time{}, fmt.Errorf("%w: date %q: expected YYYY-MM-DD (optionally with a time, or YYYY/MM/DD)", ErrBadValue, v)
}

func parseYesNo(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "yes", "y", "true", "1":
		return true, nil
	case "no", "n", "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("%w: met %q: expected yes or no (or true/false, 1/0)", ErrBadValue, v)
}

func parseRating(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 5 {
		return 0, fmt.Errorf("%w: %q: expected a whole number 1–5, or blank", ErrBadValue, v)
	}
	return n, nil
}

func blankRow(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func addCSVError(probs *problems, lr *limitedReader, err error) {
	if w := lr.wide; w != nil {
		fields := fmt.Sprintf("%d fields", w.fields)
		if w.atLeast {
			fields = "more than " + fields
		}
		probs.add(w.line, 0, "", "", fmt.Errorf("%w: a row of %s, the limit is %d columns", ErrTooLarge, fields, lr.maxCols))
		return
	}
	if lr.over {
		probs.add(0, 0, "", "", fmt.Errorf("%w: more than %d bytes", ErrTooLarge, lr.n))
		return
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		probs.add(pe.Line, pe.Column, "", "", fmt.Errorf("%w: %v", ErrFormat, pe.Err))
		return
	}
	probs.add(0, 0, "", "", fmt.Errorf("%w: %v", ErrFormat, err))
}

// limitedReader reads at most n+1 bytes and records when the input is
// longer than n. With maxCols > 0 it also follows the CSV's quoting and
// stops before the separator that would give a row more than maxCols
// fields, so that the CSV reader never allocates the fields of such a row;
// it then reads on to the end of that row (within n bytes) only to count
// them, and records the row in wide.
type limitedReader struct {
	r    io.Reader
	n    int64
	read int64
	over bool

	maxCols int
	quoted  bool       // inside a quoted field
	commas  int        // separators of the current row outside quotes
	lines   int        // newlines read
	rowLine int        // 1-based line the current row started on (0: line 1)
	wide    *wideRow   // the row over maxCols, once found
	drain   [4096]byte // buffer for counting the rest of a wide row
}

// wideRow is a row with more fields than ReadOptions.MaxColumns.
type wideRow struct {
	line    int
	fields  int
	atLeast bool // the byte limit or an error ended the count
}

var (
	errOverLimit = errors.New("input over the byte limit")
	errTooWide   = errors.New("row over the column limit")
)

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.wide != nil {
		return 0, errTooWide
	}
	k, err := l.readRaw(p)
	if l.maxCols <= 0 {
		return k, err
	}
	if i := l.scan(p[:k]); i >= 0 {
		l.countRest(p[i:k], err)
		return i, errTooWide
	}
	return k, err
}

// readRaw reads from r within the byte limit.
func (l *limitedReader) readRaw(p []byte) (int, error) {
	if l.read > l.n {
		l.over = true
		return 0, errOverLimit
	}
	if rem := l.n + 1 - l.read; int64(len(p)) > rem {
		p = p[:rem]
	}
	k, err := l.r.Read(p)
	l.read += int64(k)
	return k, err
}

// scan follows b through the CSV syntax and returns the index of the
// separator that gives the current row more than maxCols fields, or -1.
// Toggling on every quote is enough: an escaped quote ("") toggles twice,
// and a stray quote is a syntax error the CSV reader reports anyway.
func (l *limitedReader) scan(b []byte) int {
	for i, c := range b {
		switch {
		case c == '"':
			l.quoted = !l.quoted
		case c == '\n':
			l.lines++
			if !l.quoted {
				l.commas, l.rowLine = 0, l.lines+1
			}
		case l.quoted:
		case c == ',':
			if l.commas++; l.commas >= l.maxCols {
				return i
			}
		}
	}
	return -1
}

// countRest counts the fields of the wide row from rest (read already,
// with err; rest[0] is the separator scan stopped at) to the end of the
// row, reading on within the byte limit, and records the row in wide.
func (l *limitedReader) countRest(rest []byte, err error) {
	w := &wideRow{line: max(l.rowLine, 1)}
	commas, quoted := l.commas-1, l.quoted
	for {
		for _, c := range rest {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ',':
				commas++
			case c == '\n':
				w.fields, l.wide = commas+1, w
				return
			}
		}
		if err != nil {
			w.fields, w.atLeast, l.wide = commas+1, err != io.EOF, w
			return
		}
		var k int
		k, err = l.readRaw(l.drain[:])
		rest = l.drain[:k]
	}
}

// answerKey identifies an answer for duplicate detection.
type answerKey struct {
	person, partner string
	date            time.Time
}

func sameAnswer(a, b CheckIn) bool {
	return a.Met == b.Met && a.Equitable == b.Equitable && a.Progress == b.Progress && a.Comments == b.Comments
}

// CheckAnswers validates answers against the programme p and returns the
// answers to add, in input order: those neither already in p.CheckIns nor
// earlier in answers as an identical answer, so importing the same file
// twice adds nothing. An answer identical to one already in p.CheckIns is
// skipped without being checked again, so a file imported once keeps
// importing as nothing new even after later changes to the programme (a
// repair that dissolves a pair, say). A person or partner that is not an id
// of p.Roster but the e-mail of one participant (compared
// case-insensitively) is replaced by that participant's id, since forms
// collect e-mails. It reports, each with the answer's line and person:
//
//   - a person, or a partner, not in p.Roster by id or e-mail (a partner
//     may also be the id of a group of some round), or an e-mail that two
//     participants share: ErrUnknownPerson;
//   - a date before p.Start or after p.End (when set): ErrOutsideProgramme;
//   - a person answering about themselves: ErrNotPartner;
//   - a person, or a partner, who had left the programme or was paused on
//     that date (p.Events, as StatusOn reads them): ErrNotPartner. The day
//     of a Left or Paused event is the first day out, as the day a pair is
//     Dissolved is the first day it no longer lasts, so an answer dated on
//     the day of a leave is refused; this keeps the decision the same
//     before and after Repair dissolves the pair on that day;
//   - a partner who was not the person's partner in the round in force on
//     that date (the latest round formed on or before it; for pairs the
//     pair must last on that day, Formed ≤ date < Dissolved): ErrNotPartner;
//   - two answers with the same person, partner and date that differ, in
//     answers (naming the line of the first) or against p.CheckIns (the
//     answer already recorded): ErrDuplicate.
//
// Every problem is reported in one error wrapping ErrInvalidCheckIns; on
// error the slice is nil, so nothing is half-imported. It takes
// O(a + c + e log e + Σ round sizes) time for a answers, c stored
// check-ins and e status events, plus O(pairs of the round + events of
// the two people) per answer.
func CheckAnswers(p Programme, answers []CheckIn) ([]CheckIn, error) {
	probs := &problems{kind: ErrInvalidCheckIns}
	known := map[string]bool{}
	email := map[string]string{} // lower-case e-mail → id, "" when shared
	if p.Roster != nil {
		for _, x := range p.Roster.People {
			known[x.ID] = true
			if x.Email == "" {
				continue
			}
			e := strings.ToLower(strings.TrimSpace(x.Email))
			if _, dup := email[e]; dup {
				email[e] = ""
			} else {
				email[e] = x.ID
			}
		}
	}
	// resolve returns the id v names (itself, or the owner of the e-mail
	// v) and an error when v is an e-mail that names nobody or several.
	resolve := func(v string) (string, error) {
		if known[v] || !strings.Contains(v, "@") {
			return v, nil
		}
		id, ok := email[strings.ToLower(v)]
		switch {
		case !ok:
			return v, fmt.Errorf("%w: the e-mail %q is no participant's", ErrUnknownPerson, v)
		case id == "":
			return v, fmt.Errorf("%w: the e-mail %q is shared by several participants: use their ids", ErrUnknownPerson, v)
		}
		return id, nil
	}
	groups := map[string]bool{}
	for _, r := range p.Rounds {
		for _, g := range r.Groups {
			groups[g.ID] = true
		}
	}
	stored := map[answerKey]CheckIn{}
	for _, c := range p.CheckIns {
		stored[answerKey{c.Person, c.Partner, c.Date}] = c
	}
	seen := map[answerKey]CheckIn{} // earlier answers of this input
	st := newStatusIndex(p.Events)
	byIdx := pairIndexes(p.Rounds)
	var out []CheckIn
	for _, a := range answers {
		bad := false
		report := func(err error) {
			probs.add(a.Line, 0, "", a.Person, err)
			bad = true
		}
		var err error
		if a.Person, err = resolve(a.Person); err != nil {
			report(err)
		} else if !known[a.Person] {
			report(fmt.Errorf("%w: %q is not in the roster", ErrUnknownPerson, a.Person))
		}
		isGroup := groups[a.Partner]
		if !isGroup {
			if a.Partner, err = resolve(a.Partner); err != nil {
				report(fmt.Errorf("partner: %w", err))
			} else if !known[a.Partner] {
				report(fmt.Errorf("%w: partner %q is neither in the roster nor a group of any round", ErrUnknownPerson, a.Partner))
			}
		}
		d := a.Date.Format(dateFmt)
		k := answerKey{a.Person, a.Partner, a.Date}
		prev, recorded := stored[k]
		if !bad && recorded && sameAnswer(prev, a) {
			continue // already recorded: nothing new, whatever changed since
		}
		switch {
		case !p.Start.IsZero() && a.Date.Before(p.Start):
			report(fmt.Errorf("%w: %s is before the start, %s", ErrOutsideProgramme, d, p.Start.Format(dateFmt)))
		case !p.End.IsZero() && a.Date.After(p.End):
			report(fmt.Errorf("%w: %s is after the end, %s", ErrOutsideProgramme, d, p.End.Format(dateFmt)))
		}
		if !bad && a.Person == a.Partner {
			report(fmt.Errorf("%w: %q answered about themselves on %s: the partner must be someone else", ErrNotPartner, a.Person, d))
		}
		if !bad {
			who := []string{a.Person}
			if !isGroup {
				who = append(who, a.Partner)
			}
			for _, id := range who {
				if why := st.absence(id, a.Date); why != "" {
					report(fmt.Errorf("%w: the answer of %s is dated %s, but %s", ErrNotPartner, a.Person, d, why))
					break
				}
			}
		}
		if !bad {
			ri := roundOn(p.Rounds, a.Date)
			switch {
			case ri < 0:
				report(fmt.Errorf("%w: no round had been formed by %s", ErrNotPartner, d))
			case !byIdx[ri].partners(&p.Rounds[ri], a.Person, a.Partner, a.Date):
				report(fmt.Errorf("%w: %q was not %q's partner on %s (round %d)", ErrNotPartner, a.Partner, a.Person, d, p.Rounds[ri].Number))
			}
		}
		if recorded {
			if !sameAnswer(prev, a) {
				report(fmt.Errorf("%w: %q about %q on %s differs from the answer already recorded for that date", ErrDuplicate, a.Person, a.Partner, d))
			}
			continue
		}
		if first, ok := seen[k]; ok {
			if !sameAnswer(first, a) {
				where := "an earlier answer"
				if first.Line > 0 {
					where = fmt.Sprintf("the answer on line %d", first.Line)
				}
				report(fmt.Errorf("%w: %q about %q on %s differs from %s", ErrDuplicate, a.Person, a.Partner, d, where))
			}
			continue
		}
		seen[k] = a
		if !bad {
			out = append(out, a)
		}
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// absence returns, when person id does not take part on day d (Left, or
// Paused, as StatusOn reads the events), a clause saying since when, such
// as "e02 left the programme on 2027-02-01"; "" when id is active on d.
func (ix statusIndex) absence(id string, d time.Time) string {
	s, until := ix.on(id, d)
	if s == Active {
		return ""
	}
	// The events are in date order (stable), so the last one dated on or
	// before d is the one StatusOn applied.
	var since time.Time
	for _, e := range ix[id] {
		if e.Date.After(d) {
			break
		}
		since = e.Date
	}
	if s == Left {
		return fmt.Sprintf("%s left the programme on %s (answers are taken up to the day before)", id, since.Format(dateFmt))
	}
	if until.IsZero() {
		return fmt.Sprintf("%s was paused from %s, with no end date", id, since.Format(dateFmt))
	}
	return fmt.Sprintf("%s was paused from %s until %s", id, since.Format(dateFmt), until.Format(dateFmt))
}

// roundPairs indexes a round's pairs by member for partner look-ups.
type roundPairs map[string][]int

func pairIndexes(rounds []Round) []roundPairs {
	out := make([]roundPairs, len(rounds))
	for i, r := range rounds {
		m := roundPairs{}
		for j, p := range r.Pairs {
			m[p.A] = append(m[p.A], j)
			m[p.B] = append(m[p.B], j)
		}
		out[i] = m
	}
	return out
}

func (m roundPairs) partners(rd *Round, a, b string, d time.Time) bool {
	for _, j := range m[a] {
		p := rd.Pairs[j]
		if (p.A == b || p.B == b) && p.activeOn(d) {
			return true
		}
	}
	for _, g := range rd.Groups {
		if g.ID != b {
			continue
		}
		for _, x := range g.Members {
			if x == a {
				return true
			}
		}
	}
	return false
}

// newCSV returns a CSV reader that accepts any field count (rows are
// checked against the header) and reuses its record.
func newCSV(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}
