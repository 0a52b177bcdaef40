package skills

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxXLSXBytes bounds an .xlsx file: the bytes read and, separately, the
// bytes its parts unzip to. It keeps memory bounded (the archive and the
// parts read are held in memory) without writing temporary files.
const maxXLSXBytes = 1 << 30

// ReadXLSX reads a roster from an .xlsx workbook: the sheet named by
// opt.Sheet, or the first sheet of the workbook when it is "". The first row
// is the header and each later row a person, exactly as in ReadCSVWith:
// each cell becomes the text the spreadsheet shows (a level typed as the
// number 3 is "3"), and the same cells are accepted and the same errors
// reported. Errors and warnings name the cell, as ParseError.Error shows:
// `survey.xlsx:Sheet1!C7: want:Coaching: level 7 outside 0..5` (Line is
// the sheet row, Column the 1-based column). Empty rows are skipped;
// cells missing at the end of a row are blank. Two kinds of cell that a
// spreadsheet shows with a value but the file stores blank are errors at
// the cell: a merged range that reaches the header or the rows (only its
// first cell holds the value), and a formula with no saved value (written
// by a program that did not calculate it). A cell listed after a cell to
// its right, or twice, and a row listed again after a later one, which
// excelize reads into another column or row, are errors too.
//
// The limits in opt apply as for CSV, row by row, so reading stops at the
// first person beyond MaxPeople. The workbook itself is read into memory
// and may take at most 1 GiB, zipped or unzipped (an entry claiming more
// than deflate can produce is refused before it is unzipped); its
// shared-string table may hold at most 8 strings a person of MaxPeople
// (8,000,000 by default), or 65,536 if that is more. Only the
// workbook, its relationships, the styles, the shared strings and the
// sheet are unzipped; the sheet's XML is then scanned row by row (see
// xlsxRows), giving each cell the same text as
// github.com/xuri/excelize/v2's Rows, which itself shows the few cells
// with a number format other than General (dates, percentages).
// A workbook that cannot be opened, or has no such sheet, is an error
// wrapping ErrFormat and ErrInvalidRoster.
//
// ReadXLSX takes O(b + n·k) time for b unzipped bytes, n people and k
// skills, and allocates about the size of the sheet's XML and its text.
func ReadXLSX(r io.Reader, opt ReadOptions) (*Roster, error) {
	opt = opt.withDefaults()
	fail := func(err error) (*Roster, error) {
		ps := &problems{file: opt.Name}
		ps.add(&ParseError{File: opt.Name, Err: err})
		return nil, ps.err()
	}
	data, err := io.ReadAll(&limitReader{r: r, limit: maxXLSXBytes + 1})
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return fail(fmt.Errorf("%w: the workbook is larger than %d bytes", ErrTooLarge, maxXLSXBytes))
		}
		return fail(fmt.Errorf("reading %s: %w", nameOr(opt.Name, "input"), err))
	}
	zr, err := checkZipSizes(data)
	if err != nil {
		return fail(err)
	}
	book, err := openXLSXBook(data, zr)
	if err != nil {
		return fail(err)
	}
	sheets := make([]string, len(book.sheets))
	for i, s := range book.sheets {
		sheets[i] = s.name
	}
	sheet := opt.Sheet
	switch {
	case len(sheets) == 0:
		return fail(fmt.Errorf("%w: the workbook has no sheets", ErrFormat))
	case sheet == "":
		sheet = sheets[0]
	default:
		found := false
		for _, s := range sheets {
			if s == sheet {
				found = true
			}
		}
		if !found {
			return fail(fmt.Errorf("%w: no sheet %q; the workbook has %s", ErrFormat, sheet, quoteList(sheets)))
		}
	}
	part := book.sheetPart(sheet)
	if part == "" {
		return fail(fmt.Errorf("%w: sheet %q: %v", ErrFormat, sheet, excelize.ErrSheetNotExist{SheetName: sheet}))
	}
	book.maxStrings = sharedStringsFor(opt)
	if err := book.readSharedStrings(); err != nil {
		return fail(err)
	}
	xml, err := book.read(part)
	if err != nil {
		return fail(err)
	}
	rows := newXLSXRows(book, sheet, part, xml)
	return readTable(&xlsxSource{rows: rows, xml: xml}, opt, sheet, ReadInfo{Format: FormatXLSX, Sheet: sheet})
}

// cellRange is a rectangle of cells, 1-based and inclusive, as a
// worksheet's <mergeCell ref="B2:C3"/> names it.
type cellRange struct {
	ref                    string
	col1, row1, col2, row2 int
}

// mergedRanges returns the merged ranges of a worksheet's XML for which
// keep is true, up to limit of them: the <mergeCell> elements of its
// <mergeCells>, which follows <sheetData>. A range it cannot read is left
// out (excelize ignores merges when it reads rows). It takes O(b) time for
// the b bytes after the last sheetData tag, and O(limit) memory however
// many ranges the sheet holds.
func mergedRanges(xml []byte, keep func(cellRange) bool, limit int) []cellRange {
	from := bytes.LastIndex(xml, []byte("sheetData>"))
	if from < 0 {
		return nil
	}
	s := &xmlScanner{b: xml[from+len("sheetData>"):]}
	var out []cellRange
	for {
		switch s.next() {
		case xmlStart:
			if !s.is("mergeCell") {
				continue
			}
			var ref []byte
			if !s.eachAttr(func(n, v []byte) bool {
				if string(n) == "ref" {
					ref = append(ref[:0], v...)
				}
				return true
			}) {
				return out
			}
			a, b, ok := strings.Cut(string(ref), ":")
			if !ok {
				continue
			}
			c1, r1, err1 := excelize.CellNameToCoordinates(a)
			c2, r2, err2 := excelize.CellNameToCoordinates(b)
			if err1 != nil || err2 != nil {
				continue
			}
			m := cellRange{ref: string(ref), col1: min(c1, c2), row1: min(r1, r2), col2: max(c1, c2), row2: max(r1, r2)}
			if keep(m) {
				if out = append(out, m); len(out) >= limit {
					return out
				}
			}
		case xmlEOF:
			return out
		}
	}
}

// xlsxSource reads the rows of a sheet. Rows shorter than the header are
// padded with blank cells, and blank cells after the last column of the
// header are dropped, since a spreadsheet does not store empty cells.
type xlsxSource struct {
	rows  *xlsxRows
	xml   []byte // the sheet's XML, for its merged ranges
	row   int    // sheet row of the last record
	ncols int    // columns of the header, once read
	rec   []string
}

func (s *xlsxSource) next() ([]string, int, error) {
	for s.rows.next() {
		s.row++
		cells, err := s.rows.columns()
		if err != nil {
			return nil, 0, fmt.Errorf("%w: row %d: %v", ErrFormat, s.row, err)
		}
		if s.ncols == 0 {
			if blankRecord(cells) {
				continue // rows above the header
			}
			for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
				cells = cells[:len(cells)-1]
			}
			s.ncols = len(cells)
			return append([]string(nil), cells...), s.row, nil
		}
		for len(cells) > s.ncols && strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1]
		}
		s.rec = append(s.rec[:0], cells...)
		for len(s.rec) < s.ncols {
			s.rec = append(s.rec, "")
		}
		return s.rec, s.row, nil
	}
	if err := s.rows.err; err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return nil, 0, io.EOF
}

// mergedRanges returns up to limit merged ranges of the sheet for which
// keep is true.
func (s *xlsxSource) mergedRanges(keep func(cellRange) bool, limit int) []cellRange {
	return mergedRanges(s.xml, keep, limit)
}

// cellProblems returns the last record's cells that read otherwise than
// the spreadsheet shows them (see xlsxRows.problems).
func (s *xlsxSource) cellProblems() []cellProblem { return s.rows.problems }

// maxDeflateRatio is a little above the most that deflate can expand
// (1032:1); a zip entry that claims more is corrupt or hostile.
const maxDeflateRatio = 1100

// checkZipSizes refuses a zip archive whose entries claim to unzip to more
// than maxXLSXBytes in total, or to more than deflate can produce from
// their compressed size. excelize allocates each entry's claimed size
// before reading it, so without this check a few kilobytes could make it
// allocate a gigabyte. It takes O(e) time for e entries.
func checkZipSizes(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %v", ErrFormat, err)
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxDeflateRatio*f.CompressedSize64+1024 {
			return nil, fmt.Errorf("%w: not a readable .xlsx workbook: part %q claims %d bytes from %d", ErrFormat, f.Name, f.UncompressedSize64, f.CompressedSize64)
		}
		total += f.UncompressedSize64
		if total > maxXLSXBytes {
			return nil, fmt.Errorf("%w: the workbook unzips to more than %d bytes", ErrTooLarge, maxXLSXBytes)
		}
	}
	return zr, nil
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
