package assign

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// ErrFormat is wrapped by the errors of ReadInstance for malformed input.
var ErrFormat = errors.New("assign: malformed instance")

// ParseError is the error returned by ReadInstance for bad input. It names
// the 1-based line and, when the problem is one value, the 0-based column
// index of that value within the row.
type ParseError struct {
	Line   int   // 1-based line number
	Column int   // 0-based index of the value in its row, or -1
	Err    error // wraps ErrFormat, ErrInvalidBenefit or ErrSize
}

// Error returns the position and the cause.
func (e *ParseError) Error() string {
	if e.Column >= 0 {
		return fmt.Sprintf("line %d, value %d: %v", e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// maxTokenLen bounds the length of one value in an instance file.
const maxTokenLen = 64

// ReadInstance reads an assignment instance in the text format of the
// benchmarks: a first line "r c", then r lines of c benefits separated by spaces or
// tabs, with "-inf" marking a forbidden cell. Blank lines after the last row
// are allowed. Errors are *ParseError values naming the line and the value.
// The header is checked against MaxDim and MaxCells before anything is
// allocated, and memory grows with the data
// actually read, never from the header alone; a line longer than its c values
// can need is rejected.
//
// ReadInstance takes O(r·c) time.
func ReadInstance(r io.Reader) (rows, cols int, benefit []float64, err error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var line []byte
	lineNo := 0
	maxLine := 4096
	// next reads the next line into line (without the newline); it returns
	// io.EOF at the end of input.
	next := func() error {
		line = line[:0]
		for {
			chunk, err := br.ReadSlice('\n')
			line = append(line, chunk...)
			if len(line) > maxLine {
				return &ParseError{Line: lineNo + 1, Column: -1, Err: fmt.Errorf("%w: line longer than %d bytes", ErrFormat, maxLine)}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF && len(line) == 0 {
				return io.EOF
			}
			if err != nil && err != io.EOF {
				return err
			}
			lineNo++
			line = bytes.TrimRight(line, "\r\n")
			return nil
		}
	}
	fail := func(col int, format string, args ...any) error {
		return &ParseError{Line: lineNo, Column: col, Err: fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)}
	}

	if err := next(); err != nil {
		if err == io.EOF {
			return 0, 0, nil, &ParseError{Line: 1, Column: -1, Err: fmt.Errorf("%w: empty input, want header \"r c\"", ErrFormat)}
		}
		return 0, 0, nil, err
	}
	fields := bytes.Fields(line)
	if len(fields) != 2 {
		return 0, 0, nil, fail(-1, "header has %d fields, want \"r c\"", len(fields))
	}
	rows, err1 := strconv.Atoi(string(fields[0]))
	cols, err2 := strconv.Atoi(string(fields[1]))
	if err1 != nil || err2 != nil {
		return 0, 0, nil, fail(-1, "header %q is not two integers", line)
	}
	if err := checkSize(rows, cols); err != nil {
		return 0, 0, nil, &ParseError{Line: lineNo, Column: -1, Err: err}
	}
	maxLine = max(maxLine, (cols+1)*(maxTokenLen+1))
	benefit = make([]float64, 0, min(rows*cols, 1<<16))
	for i := 0; i < rows; i++ {
		if err := next(); err != nil {
			if err == io.EOF {
				return 0, 0, nil, &ParseError{Line: lineNo + 1, Column: -1, Err: fmt.Errorf("%w: unexpected end of input, want row %d of %d", ErrFormat, i, rows)}
			}
			return 0, 0, nil, err
		}
		col := 0
		rest := line
		for {
			rest = bytes.TrimLeft(rest, " \t")
			if len(rest) == 0 {
				break
			}
			end := bytes.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			tok := rest[:end]
			rest = rest[end:]
			if col >= cols {
				return 0, 0, nil, fail(col, "row %d has more than %d values", i, cols)
			}
			if len(tok) > maxTokenLen {
				return 0, 0, nil, fail(col, "value longer than %d bytes", maxTokenLen)
			}
			v, err := strconv.ParseFloat(string(tok), 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return 0, 0, nil, fail(col, "%q is not a number", tok)
			}
			if err != nil || checkBenefit(v) != nil {
				msg := "out of range"
				if err == nil {
					msg = checkBenefit(v).Error()
				}
				return 0, 0, nil, &ParseError{Line: lineNo, Column: col, Err: fmt.Errorf("%w: %q: %s", ErrInvalidBenefit, tok, msg)}
			}
			benefit = append(benefit, v)
			col++
		}
		if col != cols {
			return 0, 0, nil, fail(-1, "row %d has %d values, want %d", i, col, cols)
		}
	}
	for {
		if err := next(); err != nil {
			if err == io.EOF {
				break
			}
			return 0, 0, nil, err
		}
		if len(bytes.TrimSpace(line)) != 0 {
			return 0, 0, nil, fail(-1, "unexpected data after %d rows", rows)
		}
	}
	return rows, cols, benefit, nil
}

// WriteInstance writes the rows×cols benefit matrix (row-major) in the format
// read by ReadInstance, writing "-inf" for forbidden cells and the shortest
// representation that reads back to the same float64 otherwise. It returns an
// error wrapping ErrSize or ErrInvalidBenefit for invalid input, or the
// writer's error.
//
// WriteInstance takes O(rows·cols) time.
func WriteInstance(w io.Writer, rows, cols int, benefit []float64) error {
	if err := checkSize(rows, cols); err != nil {
		return err
	}
	if len(benefit) != rows*cols {
		return fmt.Errorf("%w: %d benefits for %d×%d", ErrSize, len(benefit), rows, cols)
	}
	bw := bufio.NewWriter(w)
	buf := make([]byte, 0, 64)
	fmt.Fprintf(bw, "%d %d\n", rows, cols)
	for i := 0; i < rows; i++ {
		for j, v := range benefit[i*cols : (i+1)*cols] {
			if err := checkBenefit(v); err != nil {
				return fmt.Errorf("%w: cell (%d,%d): %v", ErrInvalidBenefit, i, j, err)
			}
			if j > 0 {
				bw.WriteByte(' ')
			}
			if math.IsInf(v, -1) {
				bw.WriteString("-inf")
				continue
			}
			buf = strconv.AppendFloat(buf[:0], v, 'g', -1, 64)
			bw.Write(buf)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
