package skills

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxRows reads the rows of a worksheet part, one at a time, giving each
// cell the text excelize's Rows and Columns give it (the text the
// spreadsheet shows): shared and inline strings with their _xHHHH_ escapes
// decoded, numbers as excelize writes them ("3", not "3.0"), booleans as
// TRUE and FALSE, a formula's cached value. It follows excelize's
// iteration exactly, so row numbers, the rows a gap leaves empty and the
// column of each cell are the same: next and columns mirror excelize's
// Rows.Next and Rows.Columns.
//
// Cells whose style has a number format other than General (dates, times,
// percentages, custom formats) and cells of type "d" are shown by
// excelize itself: the first time one is met, formatted collects all such
// cells of the sheet, in order, into a small workbook that keeps the
// original styles and shared strings, and reads their text back with
// excelize. Everything else is read by xmlScanner directly from the bytes
// of the part: O(b) time for b bytes, and allocations of the order of the
// text of the cells.
type xlsxRows struct {
	book  *xlsxBook
	sheet string
	part  string
	s     xmlScanner
	root  []byte // the worksheet's root start tag, for the formatted cells' workbook

	seek, cur  int
	pending    bool  // next found a row whose start tag columns has not checked
	pendingErr error // the error of that row's r attribute
	err        error

	cells []string
	// problems lists the current row's cells that the spreadsheet shows
	// otherwise than excelize reads them (see cell and columns); they
	// are read as excelize reads them, and readTable reports them.
	problems  []cellProblem
	badShared error  // the problem of the cell's shared-string index, if any
	v         []byte // scratch for a cell's value
	ist       []byte // scratch for an inline string's text
	isr       []byte // and its runs
	rbuf      []byte // a cell's r attribute
	tbuf      []byte // a cell's t attribute

	// formatted cells: their texts from excelize, in order, and how many
	// the scan has used
	fmtDone  bool
	fmtTexts []string
	nfmt     int

	// collecting (the pass that finds the formatted cells): their raw
	// XML, one a row, and the column of each
	collect  *bytes.Buffer
	fmtCols  []int
	collects int
}

// cellProblem is a cell of a row that reads otherwise than the spreadsheet
// shows it: col is its 1-based column (0 for the whole row).
type cellProblem struct {
	col int
	err error
}

// errUnsavedFormula is the problem of a formula cell with no saved value.
var errUnsavedFormula = fmt.Errorf("%w: the cell holds a formula whose value was never saved (the program that wrote the workbook did not calculate it), so it would read as blank; open and save the workbook in a spreadsheet, or paste the values", ErrBadValue)

// errMaxRows is excelize's limit on the row number.
const xlsxMaxRows = 1048576

func newXLSXRows(book *xlsxBook, sheet, part string, data []byte) *xlsxRows {
	return &xlsxRows{book: book, sheet: sheet, part: part, s: xmlScanner{b: data}}
}

// next advances to the next row, as excelize's Rows.Next: rows the sheet
// skips are returned empty.
func (r *xlsxRows) next() bool {
	if r.err != nil {
		return false
	}
	r.seek++
	if r.cur >= r.seek {
		return true
	}
	for {
		switch r.s.next() {
		case xmlStart:
			if r.root == nil {
				r.root = append([]byte(nil), r.s.b[r.s.start:r.s.pos]...)
			}
			if r.s.is("row") {
				r.cur++
				n, err := r.rowNumber()
				if n > xlsxMaxRows {
					r.err = excelize.ErrMaxRows
					return false
				}
				if n != 0 {
					r.cur = n
				}
				r.pending, r.pendingErr = true, err
				return true
			}
		case xmlEnd:
			if r.s.is("sheetData") {
				return false
			}
		case xmlEOF:
			r.err = r.s.err
			return false
		}
	}
}

// rowNumber reads the r attribute of a row start tag as excelize's
// attrValToInt does: the last one wins, the first bad one is an error.
func (r *xlsxRows) rowNumber() (n int, err error) {
	ok := r.s.eachAttr(func(name, v []byte) bool {
		if string(name) != "r" {
			return true
		}
		n, err = atoi(v)
		return err == nil
	})
	if !ok {
		return 0, r.s.err
	}
	return n, err
}

// atoi is strconv.Atoi without allocating in the usual case.
func atoi(b []byte) (int, error) {
	if len(b) > 0 && len(b) <= 9 {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return strconv.Atoi(string(b))
			}
			n = n*10 + int(c-'0')
		}
		return n, nil
	}
	return strconv.Atoi(string(b))
}

// columns returns the cells of the current row, as excelize's
// Rows.Columns: each cell at its column, blank cells between them, and
// nothing after the last cell that has a value or a formula. The slice is
// reused by the next call.
func (r *xlsxRows) columns() ([]string, error) {
	cells := r.cells[:0]
	r.problems = r.problems[:0]
	if r.cur > r.seek {
		return cells, nil
	}
	if r.pending {
		r.pending = false
		if r.pendingErr != nil {
			return cells, r.pendingErr
		}
	}
	col := 0
	for {
		switch r.s.next() {
		case xmlStart:
			if r.s.is("row") {
				n, err := r.rowNumber()
				if n > xlsxMaxRows {
					r.err = excelize.ErrMaxRows
					return cells, r.err
				}
				if n != 0 && n <= r.seek {
					// excelize reads the cells of a row listed again, or
					// out of order, into the row before it.
					r.problems = append(r.problems, cellProblem{0, fmt.Errorf("%w: the file lists row %d again after row %d, and its cells would be read into row %d", ErrFormat, n, r.seek, r.seek)})
				}
				if n != 0 {
					r.cur = n
				} else {
					r.cur++
				}
				if r.cur > r.seek || err != nil {
					r.cells = cells
					return cells, err
				}
				continue
			}
			if r.s.is("c") {
				var err error
				if col, cells, err = r.cell(col, cells); err != nil {
					r.cells = cells
					return cells, err
				}
			}
		case xmlEnd:
			if r.s.is("sheetData") {
				r.cells = cells
				return cells, nil
			}
		case xmlEOF:
			r.cells = cells
			if r.s.err != nil {
				r.err = r.s.err
			}
			return cells, r.s.err
		}
	}
}

// cell reads a <c> element whose start tag was just read, as excelize's
// rowXMLHandler and cellXMLHandler do, and appends its text at its column.
func (r *xlsxRows) cell(col int, cells []string) (int, []string, error) {
	col++
	s := &r.s
	start := s.start
	name := s.name
	r.rbuf, r.tbuf = r.rbuf[:0], r.tbuf[:0]
	hasR, style, badStyle := false, 0, false
	if !s.eachAttr(func(n, v []byte) bool {
		switch string(n) {
		case "r":
			r.rbuf, hasR = append(r.rbuf[:0], v...), true
		case "s":
			x, err := strconv.ParseInt(string(v), 10, 64)
			if err != nil {
				badStyle = true
				return false
			}
			if math.MinInt <= x && x <= math.MaxInt {
				style = int(x)
			}
		case "t":
			r.tbuf = append(r.tbuf[:0], v...)
		}
		return true
	}) {
		return col, cells, s.err
	}
	if hasR && len(r.rbuf) > 0 {
		c, err := cellColumn(r.rbuf)
		if err != nil {
			return col, cells, err
		}
		col = c
	}
	if badStyle {
		// excelize stops at the bad attribute: the cell has no value, and
		// its content is read as part of the row.
		return col, cells, nil
	}
	r.v, r.ist, r.isr = r.v[:0], r.ist[:0], r.isr[:0]
	hasF, hasIS := false, false
	for done := false; !done; {
		switch s.next() {
		case xmlStart:
			var ok bool
			switch {
			case s.is("v"):
				r.v, ok = s.directText(r.v[:0])
			case s.is("f"):
				hasF, ok = true, s.skipElement()
			case s.is("is"):
				hasIS, ok = true, s.stringItem(&r.ist, &r.isr)
			default:
				ok = true
			}
			if !ok {
				return col, cells, s.err
			}
		case xmlEnd:
			done = bytes.Equal(s.name, name)
		case xmlEOF:
			return col, cells, s.err
		}
	}
	// in the workbook of formatted cells, each is alone in its row: at its
	// column if it names one, else in the first
	scol := 1
	if hasR && len(r.rbuf) > 0 {
		scol = col
	}
	r.badShared = nil
	val, err := r.value(style, hasIS, start, scol)
	if err != nil {
		return col, cells, err
	}
	if r.badShared != nil {
		r.problems = append(r.problems, cellProblem{col, r.badShared})
	}
	// A spreadsheet saves a formula's result in <v>, as text for a text
	// result (t="str", empty for ""); a program that writes formulas
	// without calculating them leaves <v> out or empty, and the cell,
	// which shows a value once opened, would read as blank.
	if hasF && len(r.v) == 0 && !hasIS && (len(r.tbuf) == 0 || string(r.tbuf) == "n") {
		r.problems = append(r.problems, cellProblem{col, errUnsavedFormula})
	}
	if val != "" || hasF {
		if hasR && len(r.rbuf) > 0 && col <= len(cells) {
			// A spreadsheet lists a row's cells left to right, once each;
			// excelize puts one listed out of order at the row's end.
			r.problems = append(r.problems, cellProblem{col, fmt.Errorf("%w: cell %s comes after a cell to its right in the file, or repeats one, and would be read as column %s", ErrFormat, r.rbuf, columnLetters(len(cells)+1))})
		}
		for i := len(cells) + 1; i < col; i++ {
			cells = append(cells, "")
		}
		cells = append(cells, val)
	}
	return col, cells, nil
}

// value returns the text of the cell just read (r.tbuf its type, r.v its
// value), as excelize's getValueFrom.
func (r *xlsxRows) value(style int, hasIS bool, start, col int) (string, error) {
	kind := r.book.styles.kind(style)
	v := r.v
	switch string(r.tbuf) {
	case "str":
		return string(v), nil
	case "b":
		switch string(v) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		if kind == styleFormatted {
			return r.formatted(start, col)
		}
		return string(v), nil
	case "d":
		return r.formatted(start, col)
	case "s":
		if len(v) == 0 {
			if kind == styleFormatted {
				return r.formatted(start, col)
			}
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil || i < 0 || i >= r.book.sst.len() {
			// excelize reads the cell as blank, or an index it cannot
			// read as item 0; cell reports it.
			r.badShared = fmt.Errorf("%w: the cell refers to shared string %q, and the workbook has %d", ErrFormat, v, r.book.sst.len())
		}
		if i < 0 || i >= r.book.sst.len() {
			return "", nil
		}
		if kind == styleFormatted {
			return r.formatted(start, col)
		}
		return r.book.sst.at(i), nil
	case "inlineStr":
		if kind == styleFormatted {
			return r.formatted(start, col)
		}
		if hasIS {
			return bstrUnmarshal(string(append(r.ist, r.isr...))), nil
		}
		return string(v), nil
	}
	if kind == styleFormatted {
		return r.formatted(start, col)
	}
	if text, ok := plainInteger(v); ok {
		return text, nil
	}
	text := normalNumber(string(v))
	if kind == styleGeneral {
		text = generalNumber(text)
	}
	return text, nil
}

var digitStrings = [10]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// plainInteger returns the text of a number that every path leaves as it
// is: an integer of at most 11 digits without a leading zero.
func plainInteger(v []byte) (string, bool) {
	if len(v) == 0 || len(v) > 11 || (v[0] == '0' && len(v) > 1) {
		return "", false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	if len(v) == 1 {
		return digitStrings[v[0]-'0'], true
	}
	return string(v), true
}

// isNumeric is excelize's test of a number: whether s parses as a float
// (without underscores), its count of digits written out in full, and its
// value.
func isNumeric(s string) (bool, int, float64) {
	if strings.Contains(s, "_") {
		return false, 0, 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false, 0, 0
	}
	full := strconv.FormatFloat(f, 'f', -1, 64)
	return true, len(full) - strings.Count(full, "."), f
}

// normalNumber is the text excelize gives the value of a number cell
// before formatting (getCellDefault): the shortest decimal that reads back
// as the same float, or 15 significant digits for a longer number that is
// not an integer within Excel's precision.
func normalNumber(v string) string {
	ok, prec, f := isNumeric(v)
	if !ok {
		return v
	}
	if prec > 15 && !numWithinPrecision(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func numWithinPrecision(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// generalNumber applies the General number format as excelize does: a
// number of more than 11 digits is shown with 10 significant digits.
func generalNumber(v string) string {
	if ok, prec, f := isNumeric(v); ok && prec > 11 {
		return strconv.FormatFloat(f, 'G', 10, 64)
	}
	return v
}

// cellColumn returns the column of a cell reference such as "C7", as
// excelize's CellNameToCoordinates does, errors included.
func cellColumn(ref []byte) (int, error) {
	i, col := 0, 0
	for i < len(ref) && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row := 0
	j := i
	for j < len(ref) && j-i < 7 && ref[j] >= '0' && ref[j] <= '9' {
		row = row*10 + int(ref[j]-'0')
		j++
	}
	if i > 0 && j == len(ref) && j > i && ref[i] != '0' && col <= excelize.MaxColumns && row <= xlsxMaxRows {
		return col, nil
	}
	c, _, err := excelize.CellNameToCoordinates(string(ref))
	return c, err
}

// formatted returns the text of the next cell that excelize shows, reading
// them all the first time.
func (r *xlsxRows) formatted(start, col int) (string, error) {
	if r.collect != nil {
		// the collecting pass: keep the cell's XML, in a row of its own
		r.collects++
		fmt.Fprintf(r.collect, `<row r="%d">`, r.collects)
		r.collect.Write(r.s.b[start:r.s.pos])
		r.collect.WriteString(`</row>`)
		r.fmtCols = append(r.fmtCols, col)
		return "", nil
	}
	if !r.fmtDone {
		r.fmtDone = true
		texts, err := r.formatAll()
		if err != nil {
			return "", err
		}
		r.fmtTexts = texts
	}
	if r.nfmt >= len(r.fmtTexts) {
		return "", nil
	}
	t := r.fmtTexts[r.nfmt]
	r.nfmt++
	return t, nil
}

// formatAll scans the whole sheet for the cells excelize must show, then
// writes them into a workbook that keeps every part of the original but
// the worksheets, and reads their text back with excelize's Rows.
func (r *xlsxRows) formatAll() ([]string, error) {
	pass := newXLSXRows(r.book, r.sheet, r.part, r.s.b)
	pass.collect = &bytes.Buffer{}
	for pass.next() {
		if _, err := pass.columns(); err != nil {
			break
		}
	}
	if pass.collects == 0 {
		return nil, nil
	}
	// the root start tag as it is (its namespace declarations), without
	// its closing '>'
	root := bytes.TrimSuffix(bytes.TrimSuffix(pass.root, []byte(">")), []byte("/"))
	rootName := root[1:]
	if i := bytes.IndexAny(rootName, " \t\r\n"); i >= 0 {
		rootName = rootName[:i]
	}
	var sheetXML bytes.Buffer
	sheetXML.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	sheetXML.Write(root)
	sheetXML.WriteString(`><sheetData>`)
	sheetXML.Write(pass.collect.Bytes())
	sheetXML.WriteString(`</sheetData></`)
	sheetXML.Write(rootName)
	sheetXML.WriteString(`>`)

	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, f := range r.book.zr.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		if name == r.part || (strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml")) {
			w, err := zw.Create(f.Name)
			if err != nil {
				return nil, err
			}
			if name == r.part {
				_, err = w.Write(sheetXML.Bytes())
			} else {
				_, err = w.Write([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`))
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		if err := zw.Copy(f); err != nil {
			return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %s: %v", ErrFormat, f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	fx, err := excelize.OpenReader(bytes.NewReader(zbuf.Bytes()), excelize.Options{UnzipSizeLimit: maxXLSXBytes, UnzipXMLSizeLimit: maxXLSXBytes})
	if err != nil {
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %v", ErrFormat, err)
	}
	defer fx.Close()
	rows, err := fx.Rows(r.sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: sheet %q: %v", ErrFormat, r.sheet, err)
	}
	defer rows.Close()
	texts := make([]string, 0, pass.collects)
	for i := 0; i < pass.collects && rows.Next(); i++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		t := ""
		if c := pass.fmtCols[i]; c >= 1 && c <= len(cells) {
			t = cells[c-1]
		}
		texts = append(texts, t)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return texts, nil
}
