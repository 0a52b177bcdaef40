package skills

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// formatRows is a small roster with accents, a quoted cell holding a
// separator, blank levels and a manager outside the roster.
var formatRows = [][]string{
	{"id", "name", "grade", "manager", "have:Coaching", "want:Coaching", "have:Négociation", "want:Négociation", "tag:note"},
	{"jn", "José Núñez", "3", "", "4", "", "1", "5", "a, b; c"},
	{"ay", "Aylin Çelik", "3", "jn", "1", "5", "4", "0", ""},
	{"bo", "Bo", "2", "ceo", "", "3", "", "", "x"},
}

func joinRows(sep string) string {
	var b strings.Builder
	for _, row := range formatRows {
		for j, c := range row {
			if j > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, ",;\t") {
				c = `"` + c + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func xlsxBytes(t testing.TB, sheet string, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		_, err := f.NewSheet(sheet)
		require.NoError(t, err)
		require.NoError(t, f.DeleteSheet("Sheet1"))
	}
	sw, err := f.NewStreamWriter(sheet)
	require.NoError(t, err)
	for i, row := range rows {
		vals := make([]any, len(row))
		for j, c := range row {
			vals[j] = c
			if i > 0 && len(c) == 1 && c[0] >= '0' && c[0] <= '9' {
				vals[j] = int(c[0] - '0') // numbers as a spreadsheet stores them
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, sw.SetRow(cell, vals))
	}
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

func TestReadFormatsGiveTheSameRoster(t *testing.T) {
	comma := joinRows(",")
	want, err := ReadCSVWith(strings.NewReader(comma), ReadOptions{Name: "survey.csv"})
	require.NoError(t, err)
	require.Len(t, want.People, 3)
	require.Equal(t, "José Núñez", want.People[0].Name)
	require.Equal(t, "a, b; c", want.People[0].Tags["note"])

	utf16 := func(e unicode.Endianness, s string) []byte {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes([]byte(comma))
	require.NoError(t, err)
	tests := []struct {
		name     string
		file     string
		in       []byte
		info     ReadInfo
		warnings int
	}{
		{"comma", "survey.csv", []byte(comma), ReadInfo{Format: FormatCSV, Delimiter: ',', Encoding: EncodingUTF8}, 1},
		{"comma with BOM", "survey.csv", []byte("\xef\xbb\xbf" + comma), ReadInfo{Format: FormatCSV, Delimiter: ',', Encoding: EncodingUTF8BOM}, 1},
		{"semicolon", "survey.csv", []byte(joinRows(";")), ReadInfo{Format: FormatCSV, Delimiter: ';', Encoding: EncodingUTF8}, 1},
		{"tab", "survey.txt", []byte(joinRows("\t")), ReadInfo{Format: FormatCSV, Delimiter: '\t', Encoding: EncodingUTF8}, 1},
		{"UTF-16LE tab (Excel's Unicode text)", "survey.txt", utf16(unicode.LittleEndian, joinRows("\t")), ReadInfo{Format: FormatCSV, Delimiter: '\t', Encoding: EncodingUTF16LE}, 1},
		{"UTF-16BE", "survey.csv", utf16(unicode.BigEndian, comma), ReadInfo{Format: FormatCSV, Delimiter: ',', Encoding: EncodingUTF16BE}, 1},
		{"Windows-1252", "survey.csv", cp1252, ReadInfo{Format: FormatCSV, Delimiter: ',', Encoding: EncodingWindows1252}, 2},
		{"xlsx", "survey.xlsx", xlsxBytes(t, "Sheet1", formatRows), ReadInfo{Format: FormatXLSX, Sheet: "Sheet1"}, 1},
		{"xlsx without the extension", "survey.dat", xlsxBytes(t, "Answers", formatRows), ReadInfo{Format: FormatXLSX, Sheet: "Answers"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(bytes.NewReader(tt.in), ReadOptions{Name: tt.file})
			require.NoError(t, err)
			assert.Equal(t, want.People, got.People)
			assert.Equal(t, want.Catalog, got.Catalog)
			require.Len(t, got.ReadInfo.Columns, len(formatRows[0]))
			for j, use := range got.ReadInfo.Columns {
				assert.Equal(t, ColumnUse{Header: formatRows[0][j], Column: formatRows[0][j], How: HowAsNamed}, use)
			}
			got.ReadInfo.Columns = nil
			assert.Equal(t, tt.info, got.ReadInfo)
			require.Len(t, got.Warnings, tt.warnings, got.WarningStrings())
			last := got.Warnings[len(got.Warnings)-1]
			assert.Equal(t, "bo", last.ID)
			assert.Equal(t, 4, last.Line)
		})
	}
}

func TestReadWindows1252Warning(t *testing.T) {
	in := []byte("id,name\r\na,Ann\r\nb,Jos\xe9 N\xfa\xf1ez\r\nc,Cy\r\n")
	r, err := ReadCSVWith(bytes.NewReader(in), ReadOptions{Name: "survey.csv"})
	require.NoError(t, err)
	assert.Equal(t, "José Núñez", r.People[1].Name)
	assert.Equal(t, EncodingWindows1252, r.ReadInfo.Encoding)
	require.Len(t, r.Warnings, 1)
	assert.Equal(t, 3, r.Warnings[0].Line)
	assert.Contains(t, r.Warnings[0].String(), "survey.csv:3: the file is not valid UTF-8 from line 3: it was read as Windows-1252")
	assert.NotContains(t, r.Warnings[0].String(), "mixes")

	mixed := []byte("id,name\na,Ana Lúcia\nb,Jos\xe9\n")
	r, err = ReadCSVWith(bytes.NewReader(mixed), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, "Ana Lúcia", r.People[0].Name)
	assert.Equal(t, "José", r.People[1].Name)
	assert.Contains(t, r.Warnings[0].String(), "mixes two encodings")

	// A rune split across reads of the underlying reader stays UTF-8.
	r, err = ReadCSVWith(iotest.OneByteReader(strings.NewReader("id,name\nx,é\ny,Çelik €\n")), ReadOptions{})
	require.NoError(t, err)
	assert.Empty(t, r.Warnings)
	assert.Equal(t, EncodingUTF8, r.ReadInfo.Encoding)
	assert.Equal(t, "é", r.People[0].Name)
	assert.Equal(t, "Çelik €", r.People[1].Name)
	// …and a lone lead byte at the very end is Windows-1252.
	r, err = ReadCSVWith(iotest.OneByteReader(strings.NewReader("id,name\nx,\xc3")), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, "Ã", r.People[0].Name)
}

func TestDetectDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"id":                       ',',
		"id,name":                  ',',
		"id;name":                  ';',
		"id\tname":                 '\t',
		`id;"a,b,c";x` + "\n1,2,3": ';',
		"id,name;x":                ',', // a tie goes to comma
		"id;name\tx":               ';',
		"id\tname\tx;y\n":          '\t',
		"\"a\nb\";c\n":             ';', // a quoted line break is not the end of the line
	} {
		assert.Equal(t, want, detectDelimiter([]byte(in)), "%q", in)
	}
}

func TestReadXLSXErrors(t *testing.T) {
	rows := [][]string{
		{"id", "name", "have:Coaching", "want:Coaching", "colour"},
		{"a", "Ann", "4", "1", ""},
		{"b", "Bo", "9", "1", ""},
		{"", "", "", "", ""},
		{"a", "Cy", "x", "", ""},
	}
	data := xlsxBytes(t, "Sheet1", rows)
	_, err := ReadXLSX(bytes.NewReader(data), ReadOptions{Name: "survey.xlsx"})
	require.ErrorIs(t, err, ErrInvalidRoster)
	msg := err.Error()
	for _, w := range []string{
		`survey.xlsx:Sheet1!E1: colour: unknown column "colour"; accepted columns: id, name`,
		`survey.xlsx:Sheet1!C3: have:Coaching: bad value: level 9 outside 0..5`,
		`survey.xlsx:Sheet1!C5: have:Coaching: bad value: level "x" is not a number 0..5`,
		`survey.xlsx:Sheet1!A5: id: duplicate id: "a" on lines 2 and 5`,
	} {
		assert.Contains(t, msg, w)
	}
	pes := ParseErrors(err)
	require.NotEmpty(t, pes)
	assert.Equal(t, "Sheet1", pes[0].Sheet)
	assert.Equal(t, 1, pes[0].Line)
	assert.Equal(t, 5, pes[0].Column)

	_, err = ReadXLSX(bytes.NewReader(data), ReadOptions{Name: "survey.xlsx", Sheet: "Answers"})
	require.ErrorIs(t, err, ErrFormat)
	assert.Contains(t, err.Error(), `no sheet "Answers"; the workbook has "Sheet1"`)

	_, err = ReadXLSX(strings.NewReader("PK\x03\x04 not really"), ReadOptions{Name: "survey.xlsx"})
	require.ErrorIs(t, err, ErrFormat)
	require.ErrorIs(t, err, ErrInvalidRoster)

	_, err = ReadXLSX(bytes.NewReader(xlsxBytes(t, "Sheet1", [][]string{{"id", "name"}, {"a", strings.Repeat("x", 60)}})), ReadOptions{Name: "s.xlsx", MaxFieldBytes: 50})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "s.xlsx:Sheet1!B2: name: input too large")

	many := [][]string{{"id"}, {"a"}, {"b"}, {"c"}}
	_, err = ReadXLSX(bytes.NewReader(xlsxBytes(t, "Sheet1", many)), ReadOptions{Name: "s.xlsx", MaxPeople: 2})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "s.xlsx:Sheet1 row 4: input too large: more than 2 people")
}

func TestAcceptedColumnsListedOnce(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("id,colour,size,have:A,shoe\na,1,2,3,4\nb,1,2,3,4\n"))
	require.Error(t, err)
	assert.Equal(t, 1, strings.Count(err.Error(), "accepted columns:"), err.Error())
	assert.Len(t, ParseErrors(err), 3)

	_, err = ReadCSV(strings.NewReader("name,colour\na,1\n"))
	require.Error(t, err)
	assert.Equal(t, 1, strings.Count(err.Error(), "accepted columns:"), err.Error())
	assert.True(t, strings.Index(err.Error(), "no id column; accepted columns") < strings.Index(err.Error(), "listed above"), err.Error())
}

func TestColumnLetters(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		assert.Equal(t, want, columnLetters(n))
	}
}

func TestReadXLSXRefusesAClaimedGigabyte(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CompressedSize64: 10, UncompressedSize64: 1 << 29})
	require.NoError(t, err)
	_, err = w.Write(make([]byte, 10))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	_, err = Read(&buf, ReadOptions{Name: "bomb.xlsx"})
	require.ErrorIs(t, err, ErrFormat)
	assert.Contains(t, err.Error(), `part "xl/worksheets/sheet1.xml" claims 536870912 bytes from 10`)
}

// TestReadXLSXSharedStringsLimit: a 2 MB workbook whose shared-string
// table unzips to 50 million one-letter items took 16 s and 3.5 GB; the
// table is bounded by ReadOptions.MaxPeople and held 4 bytes an item
// besides its text.
func TestReadXLSXSharedStringsLimit(t *testing.T) {
	f := excelize.NewFile()
	for cell, v := range map[string]any{"A1": "id", "B1": "have:A", "C1": "want:A", "A2": "a", "B2": 1, "C2": 2, "A3": "b", "B3": 2, "C3": 1} {
		require.NoError(t, f.SetCellValue("Sheet1", cell, v))
	}
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	withStrings := func(extra int) []byte {
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		require.NoError(t, err)
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, zf := range zr.File {
			if zf.Name != "xl/sharedStrings.xml" {
				require.NoError(t, zw.Copy(zf))
				continue
			}
			rc, err := zf.Open()
			require.NoError(t, err)
			old, err := io.ReadAll(rc)
			require.NoError(t, err)
			end := bytes.LastIndex(old, []byte("</sst>"))
			require.Positive(t, end)
			w, err := zw.Create(zf.Name)
			require.NoError(t, err)
			_, err = w.Write(append(append(old[:end:end], strings.Repeat("<si><t>x_x0041_</t></si>", extra)...), "</sst>"...))
			require.NoError(t, err)
		}
		require.NoError(t, zw.Close())
		return out.Bytes()
	}
	opt := ReadOptions{Name: "s.xlsx", MaxPeople: 10} // at least 65,536 strings
	r, err := ReadXLSX(bytes.NewReader(withStrings(60_000)), opt)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, []string{r.People[0].ID, r.People[1].ID})
	_, err = ReadXLSX(bytes.NewReader(withStrings(70_000)), opt)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "s.xlsx: input too large: xl/sharedStrings.xml holds more than 65536 strings")
	// Items with escapes and empty items read as before.
	book := &xlsxBook{}
	book.sst.text, book.sst.end = []byte("ab"), []uint32{0, 1, 1, 2}
	assert.Equal(t, []string{"", "a", "", "b"}, []string{book.sst.at(0), book.sst.at(1), book.sst.at(2), book.sst.at(3)})
}

// TestReadXLSXUnsavedFormula: a formula cell written by a program that did
// not calculate it has no saved value, and read as blank (level 0, or a
// row left out) without a word; it is an error at the cell. A formula whose
// saved result is text, empty included, reads as that text.
func TestReadXLSXUnsavedFormula(t *testing.T) {
	base := xlsxBytes(t, "Sheet1", [][]string{{"id", "have:A", "want:A"}, {"a", "1", "2"}, {"b", "2", "1"}})
	const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>have:A</t></is></c><c r="C1" t="inlineStr"><is><t>want:A</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c></row>`
	for _, tc := range []struct{ name, row, err string }{
		{"no v", `<row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c><c r="B3"><f>1+1</f></c><c r="C3"><v>1</v></c></row>`,
			`s.xlsx:Sheet1!B3: have:A: bad value: the cell holds a formula whose value was never saved`},
		{"empty v", `<row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c><c r="B3"><v>2</v></c><c r="C3"><f>B3</f><v></v></c></row>`,
			`s.xlsx:Sheet1!C3: want:A: bad value: the cell holds a formula`},
		{"a row of them", `<row r="3"><c r="A3"><f>"b"</f></c><c r="B3"><f>2</f></c></row>`,
			`s.xlsx:Sheet1!A3: id: bad value: the cell holds a formula`},
		{"saved", `<row r="3"><c r="A3" t="str"><f>"b"</f><v>b</v></c><c r="B3"><f>1+1</f><v>2</v></c><c r="C3" t="str"><f>""</f><v></v></c></row>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withSheetXML(t, base, []byte(head+tc.row+`</sheetData></worksheet>`))
			r, err := ReadXLSX(bytes.NewReader(data), ReadOptions{Name: "s.xlsx"})
			if tc.err == "" {
				require.NoError(t, err)
				assert.Equal(t, "b", r.People[1].ID)
				assert.Equal(t, []uint8{2}, r.People[1].Have)
				return
			}
			require.ErrorIs(t, err, ErrBadValue)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}

// TestReadXLSXMergedCells: a merged range shows its first cell's value
// across the others, which the file stores blank, so a department merged
// down a team's rows read as blank for all but the first, without a word;
// a merged range that reaches the header or the rows is an error at its
// first cell. A title merged above the header, or beyond its columns, is
// not.
func TestReadXLSXMergedCells(t *testing.T) {
	base := xlsxBytes(t, "Sheet1", [][]string{{"id", "department", "have:A", "want:A"}, {"a", "Sales", "1", "2"}, {"b", "", "2", "1"}})
	rows := sheetXML(t, base)
	end := bytes.Index(rows, []byte("</sheetData>")) + len("</sheetData>")
	require.Greater(t, end, len("</sheetData>"))
	with := func(merges string) []byte {
		sheet := append(append(rows[:end:end], merges...), rows[end:]...)
		return withSheetXML(t, base, sheet)
	}
	for _, tc := range []struct{ name, merges, err string }{
		{"none", ``, ""},
		{"a department merged down", `<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>`,
			`s.xlsx:Sheet1!B2: department: bad value: cells B2:B3 are merged: the value shown across them is stored in the first cell only`},
		{"levels merged across", `<mergeCells count="2"><mergeCell ref="E9:F9"/><mergeCell ref="D3:C3"/></mergeCells>`,
			`s.xlsx:Sheet1!C3: have:A: bad value: cells D3:C3 are merged`},
		{"a header merged", `<mergeCells count="1"><mergeCell ref="C1:D1"/></mergeCells>`, `s.xlsx:Sheet1!C1: have:A: bad value: cells C1:D1 are merged`},
		{"one cell, beyond the header", `<mergeCells count="2"><mergeCell ref="B2:B2"/><mergeCell ref="E2:F3"/></mergeCells>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ReadXLSX(bytes.NewReader(with(tc.merges)), ReadOptions{Name: "s.xlsx"})
			if tc.err == "" {
				require.NoError(t, err)
				assert.Equal(t, "Sales", r.People[0].Department)
				return
			}
			require.ErrorIs(t, err, ErrBadValue)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
	// A blank band merged above the header is left alone.
	titled := xlsxBytes(t, "Sheet1", [][]string{{}, {"id", "have:A", "want:A"}, {"a", "1", "2"}, {"b", "2", "1"}})
	trows := sheetXML(t, titled)
	tend := bytes.Index(trows, []byte("</sheetData>")) + len("</sheetData>")
	sheet := append(append(trows[:tend:tend], `<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>`...), trows[tend:]...)
	_, err := ReadXLSX(bytes.NewReader(withSheetXML(t, titled, sheet)), ReadOptions{Name: "s.xlsx"})
	require.NoError(t, err)
	// Many merges cost no more than the problems reported.
	many := strings.Repeat(`<mergeCell ref="C2:D2"/>`, 100_000)
	_, err = ReadXLSX(bytes.NewReader(with(`<mergeCells>`+many+`</mergeCells>`)), ReadOptions{Name: "s.xlsx"})
	require.ErrorIs(t, err, ErrBadValue)
	assert.Len(t, ParseErrors(err), maxReported)
}

// TestReadXLSXCellsOutOfOrder: excelize reads a cell listed after a cell
// to its right (or twice) at the end of the row, and a row listed again
// into the row before it; the value landed in another column or row
// without a word. Each is an error at the cell or row.
func TestReadXLSXCellsOutOfOrder(t *testing.T) {
	base := xlsxBytes(t, "Sheet1", [][]string{{"id", "have:A", "want:A", "have:B"}, {"a", "1", "2", "3"}, {"b", "2", "1", "3"}})
	is := func(ref, v string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + v + `</t></is></c>` }
	n := func(ref, v string) string { return `<c r="` + ref + `"><v>` + v + `</v></c>` }
	const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	hdr := `<row r="1">` + is("A1", "id") + is("B1", "have:A") + is("C1", "want:A") + is("D1", "have:B") + `</row>`
	row2 := `<row r="2">` + is("A2", "a") + n("B2", "1") + n("C2", "2") + `</row>`
	for _, tc := range []struct{ name, rows, err string }{
		{"in order", hdr + row2 + `<row r="3">` + is("A3", "b") + n("B3", "2") + n("C3", "1") + `</row>`, ""},
		{"a cell to the left after one to the right", hdr + row2 + `<row r="3">` + is("A3", "b") + n("C3", "1") + n("B3", "2") + `</row>`,
			`s.xlsx:Sheet1!B3: have:A: malformed input: cell B3 comes after a cell to its right in the file, or repeats one, and would be read as column D`},
		{"a cell twice", hdr + row2 + `<row r="3">` + is("A3", "b") + n("B3", "2") + n("B3", "4") + `</row>`,
			`s.xlsx:Sheet1!B3: have:A: malformed input: cell B3 comes after`},
		{"a row again", hdr + row2 + `<row r="3">` + is("A3", "b") + n("B3", "2") + `</row><row r="2">` + n("C2", "5") + `</row>`,
			`s.xlsx:Sheet1 row 3: person "b": malformed input: the file lists row 2 again after row 3, and its cells would be read into row 3`},
		{"header out of order", `<row r="1">` + is("A1", "id") + is("C1", "want:A") + is("B1", "have:A") + `</row>` + row2,
			`s.xlsx:Sheet1!B1: malformed input: cell B1 comes after a cell to its right in the file, or repeats one, and would be read as column D`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withSheetXML(t, base, []byte(head+tc.rows+`</sheetData></worksheet>`))
			r, err := ReadXLSX(bytes.NewReader(data), ReadOptions{Name: "s.xlsx"})
			if tc.err == "" {
				require.NoError(t, err)
				assert.Equal(t, []uint8{2, 0}, r.People[1].Have)
				return
			}
			require.ErrorIs(t, err, ErrFormat)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}

// TestReadXLSXBadSharedString: a cell whose shared-string index is beyond
// the table read as blank, and one that is not a number as the first
// string, without a word; both are errors at the cell.
func TestReadXLSXBadSharedString(t *testing.T) {
	base := xlsxBytes(t, "Sheet1", [][]string{{"id", "have:A", "want:A"}, {"a", "1", "2"}, {"b", "2", "1"}})
	const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>have:A</t></is></c><c r="C1" t="inlineStr"><is><t>want:A</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c></row>`
	for _, tc := range []struct{ v, err string }{
		{"99999", `s.xlsx:Sheet1!A3: id: malformed input: the cell refers to shared string "99999", and the workbook has`},
		{"x", `s.xlsx:Sheet1!A3: id: malformed input: the cell refers to shared string "x"`},
		{"-1", `the cell refers to shared string "-1"`},
	} {
		row := `<row r="3"><c r="A3" t="s"><v>` + tc.v + `</v></c><c r="B3"><v>2</v></c><c r="C3"><v>1</v></c></row>`
		_, err := ReadXLSX(bytes.NewReader(withSheetXML(t, base, []byte(head+row+`</sheetData></worksheet>`))), ReadOptions{Name: "s.xlsx"})
		require.ErrorIs(t, err, ErrFormat, tc.v)
		assert.Contains(t, err.Error(), tc.err)
	}
}
