package skills

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Formats reported in ReadInfo.Format.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
	FormatJSON = "json"
)

// ReadInfo says how a reader understood its input, so that a program can
// show it (`peermatch validate`) and a user can check it. The zero value
// means the roster was not read from a file (New, Synthetic).
type ReadInfo struct {
	// Format is FormatCSV, FormatXLSX or FormatJSON.
	Format string
	// Delimiter is the CSV field separator detected from the header line:
	// ',', ';' or '\t'. It is 0 for other formats.
	Delimiter rune
	// Encoding is the text encoding of a CSV file: EncodingUTF8,
	// EncodingUTF8BOM, EncodingUTF16LE, EncodingUTF16BE (with a byte order
	// mark), EncodingUTF16LENoBOM, EncodingUTF16BENoBOM (recognised from
	// the zero bytes of the first characters) or EncodingWindows1252 (read as such from the first line that is not
	// valid UTF-8; Roster.Warnings then says so). It is "" for other formats.
	Encoding string
	// Sheet is the worksheet read from an .xlsx file.
	Sheet string
	// Shape is the kind of export recognised automatically,
	// ShapeGoogleForms or ShapeMicrosoftForms; "" for none (and for JSON).
	Shape string
	// Columns says, for each column of a CSV or .xlsx header in order, how
	// it was read: as named, renamed, by a skill pattern, ignored or
	// recognised (see ReadOptions.Mapping and ReadOptions.NoAutoMapping).
	// It is nil for JSON.
	Columns []ColumnUse
}

// String describes the input in a few words, for example
// "CSV, semicolon-separated, UTF-16LE" or `XLSX, sheet "Answers"`.
func (i ReadInfo) String() string {
	switch i.Format {
	case FormatCSV:
		sep := map[rune]string{',': "comma", ';': "semicolon", '\t': "tab"}[i.Delimiter]
		return fmt.Sprintf("CSV, %s-separated, %s", sep, i.Encoding)
	case FormatXLSX:
		return fmt.Sprintf("XLSX, sheet %q", i.Sheet)
	case FormatJSON:
		return "JSON"
	}
	return ""
}

// Read reads a roster from a survey file in any format peermatch accepts,
// choosing the reader by content, then by the extension of opt.Name:
//
//   - a zip archive ("PK\x03\x04", or a name ending in .xlsx): ReadXLSX;
//   - a name ending in .json, or a first character '{' after an optional
//     byte order mark and white space: ReadJSONWith;
//   - anything else: ReadCSVWith (comma, semicolon or tab separated;
//     UTF-8, UTF-16 with or without a byte order mark, or Windows-1252).
//
// The choice depends only on the first 512 bytes and the name, so it is
// deterministic; Roster.ReadInfo says which reader was used and how.
// The cost is that of the reader chosen.
func Read(r io.Reader, opt ReadOptions) (*Roster, error) {
	br := bufio.NewReaderSize(r, 4<<10)
	head, _ := br.Peek(512)
	ext := strings.ToLower(filepath.Ext(opt.Name))
	switch {
	case bytes.HasPrefix(head, zipSignature) || ext == ".xlsx":
		return ReadXLSX(br, opt)
	case ext == ".json" || looksJSON(head):
		ro, err := ReadJSONWith(br, opt)
		if ro != nil {
			ro.ReadInfo = ReadInfo{Format: FormatJSON}
		}
		return ro, err
	}
	return ReadCSVWith(br, opt)
}

func looksJSON(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimSpace(head)
	return len(head) > 0 && head[0] == '{'
}
