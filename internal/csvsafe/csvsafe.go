// Package csvsafe escapes CSV cells so that spreadsheets do not read them as
// formulas (CSV injection). Every CSV writer of peermatch passes its cells
// through Cell.
package csvsafe

import "encoding/csv"

// Cell returns s unchanged unless it starts with a character that a
// spreadsheet may treat as the start of a formula or a control sequence
// (=, +, -, @, tab or carriage return); such a cell is prefixed with a single
// quote, which spreadsheets display as text.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Writer is a csv.Writer whose Write escapes every cell with Cell.
type Writer struct {
	*csv.Writer
	buf []string
}

// NewWriter returns a Writer around w.
func NewWriter(w *csv.Writer) *Writer { return &Writer{Writer: w} }

// Write escapes each cell of record with Cell and writes it.
func (w *Writer) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, c := range record {
		w.buf = append(w.buf, Cell(c))
	}
	return w.Writer.Write(w.buf)
}
