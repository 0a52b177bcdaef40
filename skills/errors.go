package skills

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// ErrInvalidRoster is wrapped by every error that reports a problem with a
// roster or its input file.
var ErrInvalidRoster = errors.New("invalid roster")

// Sentinel errors wrapped by ParseError.Err for the kinds of problem a reader
// reports. Every error a reader returns also wraps ErrInvalidRoster.
var (
	// ErrTooLarge reports an input beyond a ReadOptions limit (people,
	// skills or field size). Reading stops as soon as a limit is exceeded.
	ErrTooLarge = errors.New("input too large")
	// ErrUnknownColumn reports a CSV column (or JSON field) the format does
	// not define.
	ErrUnknownColumn = errors.New("unknown column")
	// ErrDuplicateID reports two people with the same id.
	ErrDuplicateID = errors.New("duplicate id")
	// ErrBadValue reports a cell or field whose value cannot be used: a
	// non-number where a number belongs, a level outside 0..MaxLevel, a
	// negative capacity or years, an empty id, a malformed date.
	ErrBadValue = errors.New("bad value")
	// ErrFieldCount reports a CSV row with more or fewer fields than the
	// header.
	ErrFieldCount = errors.New("wrong number of fields")
	// ErrNoPeople reports an input that holds no people.
	ErrNoPeople = errors.New("no people")
	// ErrAmbiguousManager reports a manager value that matches no id and
	// the e-mail or the name of two or more people.
	ErrAmbiguousManager = errors.New("ambiguous manager")
	// ErrFormat reports input that is not in the expected format at all
	// (a CSV syntax error, a semicolon-separated file, malformed JSON).
	ErrFormat = errors.New("malformed input")
)

// ParseError is one problem found while reading a roster file. Readers
// collect every ParseError they find and return them together in one error
// that wraps ErrInvalidRoster; use errors.As to get the first, or
// ParseErrors to get all of them.
type ParseError struct {
	File       string // file name from ReadOptions.Name; may be empty
	Sheet      string // the worksheet of an .xlsx file; "" for CSV and JSON
	Line       int    // 1-based line of the CSV record (sheet row of .xlsx); 0 when unknown (JSON)
	Column     int    // 1-based field number (spreadsheet column); 0 for a whole row
	ColumnName string // CSV header name or JSON field path, when known
	ID         string // the person's id, when known
	Err        error  // the problem; wraps one of the sentinel errors above
}

// Error formats the error as "file:line:column: column-name: problem", for
// example `roster.csv:3:5: want:Coaching: level 7 outside 0..5`; in a
// spreadsheet (Sheet set) the position is the cell, as a spreadsheet names
// it: `survey.xlsx:Sheet1!E3: want:Coaching: level 7 outside 0..5`, or
// `survey.xlsx:Sheet1 row 3: …` for a whole row. The file, sheet and column
// names pass through termsafe.Text (a header cell may hold a newline or an
// escape sequence); values in the problem are quoted with %q.
func (e *ParseError) Error() string {
	var b strings.Builder
	writePosition(&b, e.File, e.Sheet, e.Line, e.Column)
	if e.ColumnName != "" {
		b.WriteString(termsafe.Text(e.ColumnName))
		b.WriteString(": ")
	}
	if e.ID != "" && (e.Column == 0 || e.Line == 0) {
		fmt.Fprintf(&b, "person %q: ", e.ID)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying problem.
func (e *ParseError) Unwrap() error { return e.Err }

// maxReported is how many problems a reader error lists before "and N more".
const maxReported = 100

// readError is the single error a reader returns: up to maxReported problems
// and a count of the rest.
type readError struct {
	file string
	errs []error
	more int
}

func (e *readError) Error() string {
	if len(e.errs) == 1 && e.more == 0 {
		return ErrInvalidRoster.Error() + ": " + e.errs[0].Error()
	}
	var b strings.Builder
	b.WriteString(ErrInvalidRoster.Error())
	n := len(e.errs) + e.more
	if e.file != "" {
		fmt.Fprintf(&b, ": %d problems in %s:", n, e.file)
	} else {
		fmt.Fprintf(&b, ": %d problems:", n)
	}
	for _, err := range e.errs {
		b.WriteString("\n\t")
		b.WriteString(err.Error())
	}
	if e.more > 0 {
		fmt.Fprintf(&b, "\n\tand %d more", e.more)
	}
	return b.String()
}

func (e *readError) Unwrap() []error {
	return append([]error{ErrInvalidRoster}, e.errs...)
}

// problems collects reader errors, keeping the first maxReported.
type problems struct {
	file string
	errs []error
	more int
}

func (p *problems) add(err error) {
	if len(p.errs) < maxReported {
		p.errs = append(p.errs, err)
	} else {
		p.more++
	}
}

// fatal adds the error that stopped reading; it is always listed.
func (p *problems) fatal(err error) {
	p.errs = append(p.errs, err)
}

func (p *problems) count() int { return len(p.errs) + p.more }

func (p *problems) err() error {
	if p.count() == 0 {
		return nil
	}
	// Report in file order: checks that need the whole file (manager
	// chains) find their problems after the row checks.
	sort.SliceStable(p.errs, func(i, j int) bool {
		a, b := lineCol(p.errs[i]), lineCol(p.errs[j])
		return a[0] < b[0] || a[0] == b[0] && a[1] < b[1]
	})
	return &readError{file: p.file, errs: p.errs, more: p.more}
}

// lineCol returns the line and column of a *ParseError, or the largest
// position for any other error so that it comes last.
func lineCol(err error) [2]int {
	if pe, ok := err.(*ParseError); ok {
		return [2]int{pe.Line, pe.Column}
	}
	return [2]int{math.MaxInt, 0}
}

// ParseErrors returns every *ParseError listed in err (a reader error lists at
// most 100 and counts the rest), in file order.
func ParseErrors(err error) []*ParseError {
	var out []*ParseError
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if pe, ok := e.(*ParseError); ok {
			out = append(out, pe)
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// writePosition writes the position prefix of a ParseError or Warning.
func writePosition(b *strings.Builder, file, sheet string, line, col int) {
	file = termsafe.Text(file)
	if sheet != "" && line > 0 {
		if file != "" {
			b.WriteString(file)
			b.WriteByte(':')
		}
		b.WriteString(termsafe.Text(sheet))
		if col > 0 {
			fmt.Fprintf(b, "!%s%d: ", columnLetters(col), line)
		} else {
			fmt.Fprintf(b, " row %d: ", line)
		}
		return
	}
	switch {
	case file != "" && line > 0 && col > 0:
		fmt.Fprintf(b, "%s:%d:%d: ", file, line, col)
	case file != "" && line > 0:
		fmt.Fprintf(b, "%s:%d: ", file, line)
	case file != "":
		fmt.Fprintf(b, "%s: ", file)
	case line > 0 && col > 0:
		fmt.Fprintf(b, "line %d, column %d: ", line, col)
	case line > 0:
		fmt.Fprintf(b, "line %d: ", line)
	}
}

// columnLetters returns a spreadsheet's name of the 1-based column n:
// A, …, Z, AA, AB, …
func columnLetters(n int) string {
	var buf [16]byte
	i := len(buf)
	for n > 0 && i > 0 {
		n--
		i--
		buf[i] = byte('A' + n%26)
		n /= 26
	}
	return string(buf[i:])
}
