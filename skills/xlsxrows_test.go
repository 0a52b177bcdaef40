package skills

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// sheetRows is what a reader of rows gives: for each row the iteration
// yields, its cells, or the error that ended the reading.
type sheetRows struct {
	Rows [][]string
	Err  bool
}

// excelizeSheetRows reads a sheet with excelize's Rows and Columns, as
// ReadXLSX did before it had its own scanner.
func excelizeSheetRows(t testing.TB, data []byte, sheet string) sheetRows {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxXLSXBytes, UnzipXMLSizeLimit: maxXLSXBytes})
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.Rows(sheet)
	require.NoError(t, err)
	defer rows.Close()
	var out sheetRows
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			out.Err = true
			return out
		}
		out.Rows = append(out.Rows, append([]string{}, cells...))
	}
	out.Err = rows.Error() != nil
	return out
}

// scannedSheetRows reads a sheet with xlsxRows.
func scannedSheetRows(t testing.TB, data []byte, sheet string) (sheetRows, error) {
	zr, err := checkZipSizes(data)
	require.NoError(t, err)
	book, err := openXLSXBook(data, zr)
	if err != nil {
		return sheetRows{}, err
	}
	part := book.sheetPart(sheet)
	require.NotEmpty(t, part)
	if err := book.readSharedStrings(); err != nil {
		return sheetRows{}, err
	}
	raw, err := book.read(part)
	if err != nil {
		return sheetRows{}, err
	}
	r := newXLSXRows(book, sheet, part, raw)
	var out sheetRows
	for r.next() {
		cells, err := r.columns()
		if err != nil {
			out.Err = true
			return out, err
		}
		out.Rows = append(out.Rows, append([]string{}, cells...))
	}
	out.Err = r.err != nil
	return out, r.err
}

// randomWorkbook writes a workbook of mixed cells with excelize: shared
// strings (with escapes, entities, line breaks and spaces), rich text,
// integers, floats small and large, booleans, dates and times with
// built-in and custom number formats, percentages, text-formatted
// numbers, styled cells in General, formulas with and without a cached
// value, empty cells and skipped rows.
func randomWorkbook(t testing.TB, rng *rand.Rand) []byte {
	f := excelize.NewFile()
	defer f.Close()
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		require.NoError(t, err)
		return id
	}
	custom := func(code string) int { return style(&excelize.Style{CustomNumFmt: &code}) }
	styles := []int{
		0,
		style(&excelize.Style{Font: &excelize.Font{Bold: true}}), // General
		style(&excelize.Style{NumFmt: 14}),                       // m/d/yy
		style(&excelize.Style{NumFmt: 22}),                       // m/d/yy h:mm
		style(&excelize.Style{NumFmt: 10}),                       // 0.00%
		style(&excelize.Style{NumFmt: 2}),                        // 0.00
		style(&excelize.Style{NumFmt: 49}),                       // @
		custom("yyyy-mm-dd hh:mm:ss"),
		custom(`0.0 "pts"`),
		custom(`[$-409]mmmm d, yyyy`),
	}
	words := []string{"Coaching", "Yes", "No", "Beginner", "José Núñez", "a & b < c", "_x0008_ and _x005F_x0041_", "line\r\nbreak", "  padded  ", "", "3", "007", "=1+2", "TRUE"}
	nums := []any{3, 0, -5, 7.5, 0.1, 3.0, 1e20, 123456789012, 12345678901234567, -0.000001, 45000.25, 1.0 / 3, 100}
	sheet := "Sheet1"
	rows := 1 + rng.IntN(12)
	row := 0
	for range rows {
		row += 1 + rng.IntN(2) // sometimes skip a row
		cols := rng.IntN(8)
		for c := 1; c <= cols; c++ {
			if rng.IntN(4) == 0 {
				continue // sparse
			}
			cell, err := excelize.CoordinatesToCellName(c, row)
			require.NoError(t, err)
			switch rng.IntN(8) {
			case 0, 1:
				require.NoError(t, f.SetCellStr(sheet, cell, words[rng.IntN(len(words))]))
			case 2, 3:
				require.NoError(t, f.SetCellValue(sheet, cell, nums[rng.IntN(len(nums))]))
			case 4:
				require.NoError(t, f.SetCellBool(sheet, cell, rng.IntN(2) == 0))
			case 5:
				d := time.Date(2020+rng.IntN(8), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), 0, 0, time.UTC)
				require.NoError(t, f.SetCellValue(sheet, cell, d))
			case 6:
				require.NoError(t, f.SetCellRichText(sheet, cell, []excelize.RichTextRun{
					{Text: "rich "}, {Text: words[rng.IntN(len(words))], Font: &excelize.Font{Bold: true}},
				}))
			case 7:
				require.NoError(t, f.SetCellFormula(sheet, cell, "1+2"))
			}
			if rng.IntN(2) == 0 {
				require.NoError(t, f.SetCellStyle(sheet, cell, cell, styles[rng.IntN(len(styles))]))
			}
		}
	}
	if rng.IntN(4) == 0 {
		require.NoError(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: new(true)}))
	}
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

// withSheetXML returns data with the part xl/worksheets/sheet1.xml
// replaced by sheet.
func withSheetXML(t testing.TB, data []byte, sheet []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			require.NoError(t, zw.Copy(f))
			continue
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(sheet)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// sheetXML returns the bytes of xl/worksheets/sheet1.xml in data.
func sheetXML(t testing.TB, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, err := f.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return b
		}
	}
	t.Fatal("no sheet1.xml")
	return nil
}

// TestXLSXRowsMatchExcelize compares the scanner with excelize on many
// generated workbooks: the same rows and the same text in every cell.
func TestXLSXRowsMatchExcelize(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 20))
	n := 300
	if testing.Short() {
		n = 50
	}
	for i := range n {
		data := randomWorkbook(t, rng)
		want := excelizeSheetRows(t, data, "Sheet1")
		got, err := scannedSheetRows(t, data, "Sheet1")
		require.NoError(t, err, "workbook %d", i)
		if !assert.Equal(t, want, got, "workbook %d", i) {
			t.Logf("sheet XML: %s", sheetXML(t, data))
			return
		}
	}
}

// TestXLSXRowsHandWritten compares the scanner with excelize on sheet XML
// that excelize does not write but other programs do, or that is odd.
func TestXLSXRowsHandWritten(t *testing.T) {
	base := xlsxBytes(t, "Sheet1", [][]string{{"id", "name"}, {"a", "Ann"}})
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
	for name, body := range map[string]string{
		"no r attributes":    `<sheetData><row><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>name</t></is></c></row><row><c><v>1</v></c><c t="str"><v>x</v></c></row></sheetData>`,
		"gaps and order":     `<sheetData><row r="3"><c r="C3"><v>1</v></c><c r="A3"><v>2</v></c></row><row r="2"><c r="B2"><v>3</v></c></row><row r="7"/></sheetData>`,
		"same row twice":     `<sheetData><row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row></sheetData>`,
		"types":              `<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v>x</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="n"><v>1E3</v></c><c r="F1" t="d"><v>2027-01-04T09:30:00Z</v></c><c r="G1" t="s"><v> 0 </v></c><c r="H1" t="s"><v>99</v></c><c r="I1" t="s"><v>x</v></c><c r="J1" t="inlineStr"><v>plain</v></c></row></sheetData>`,
		"entities and cdata": `<sheetData><row r="1"><c r="A1" t="str"><v>a &amp; b &#233; &#x41;</v></c><c r="B1" t="str"><v><![CDATA[<x>]]></v></c><c r="C1" t="inlineStr"><is><t>p</t><r><t>q</t></r><rPh><t>ignored</t></rPh><r><t>r</t></r></is></c></row></sheetData>`,
		"prefixed":           `<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="B1"><x:v>12.50</x:v></x:c></x:row></x:sheetData>`,
		"numbers":            `<sheetData><row r="1"><c r="A1"><v>007</v></c><c r="B1"><v>-0</v></c><c r="C1"><v>123456789012345678</v></c><c r="D1"><v>0.1000000000000000055511</v></c><c r="E1"><v>1e400</v></c><c r="F1"><v>1_000</v></c><c r="G1"><v>Inf</v></c><c r="H1" s="1"><v>123456789012</v></c></row></sheetData>`,
		"formula only":       `<sheetData><row r="1"><c r="A1"><f>1+2</f></c><c r="B1"><f>A1</f><v>3</v></c></row></sheetData>`,
		"bad style":          `<sheetData><row r="1"><c r="A1" s="x"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData>`,
		"comments and pi":    `<!-- c --><?pi x?><sheetData><row r="1"><!-- in row --><c r="A1"><v>1</v></c></row></sheetData>`,
		"lowercase ref":      `<sheetData><row r="1"><c r="b1"><v>1</v></c><c r="$D$1"><v>2</v></c></row></sheetData>`,
	} {
		t.Run(name, func(t *testing.T) {
			data := withSheetXML(t, base, []byte(head+body+`</worksheet>`))
			want := excelizeSheetRows(t, data, "Sheet1")
			got, err := scannedSheetRows(t, data, "Sheet1")
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

// excelizeSource is the row source ReadXLSX used before it had its own
// scanner: excelize's Rows and Columns.
type excelizeSource struct {
	rows  *excelize.Rows
	row   int
	ncols int
	rec   []string
}

func (s *excelizeSource) next() ([]string, int, error) {
	for s.rows.Next() {
		s.row++
		cells, err := s.rows.Columns()
		if err != nil {
			return nil, 0, fmt.Errorf("%w: row %d: %v", ErrFormat, s.row, err)
		}
		if s.ncols == 0 {
			if blankRecord(cells) {
				continue
			}
			for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
				cells = cells[:len(cells)-1]
			}
			s.ncols = len(cells)
			return cells, s.row, nil
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
	if err := s.rows.Error(); err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return nil, 0, io.EOF
}

// readXLSXWithExcelize reads the first sheet as ReadXLSX did with excelize.
func readXLSXWithExcelize(t testing.TB, data []byte, opt ReadOptions) (*Roster, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.Rows(sheet)
	require.NoError(t, err)
	defer rows.Close()
	return readTable(&excelizeSource{rows: rows}, opt.withDefaults(), sheet, ReadInfo{Format: FormatXLSX, Sheet: sheet})
}

// TestReadXLSXMatchesExcelize compares whole rosters and errors (with
// their positions) read both ways from survey-shaped workbooks.
func TestReadXLSXMatchesExcelize(t *testing.T) {
	bad := [][]string{
		{"id", "name", "have:Coaching", "want:Coaching", "colour"},
		{"a", "Ann", "4", "1", ""},
		{"b", "Bo", "9", "1", ""},
		{"", "", "", "", ""},
		{"a", "Cy", "x", "", ""},
	}
	survey, err := csv.NewReader(bytes.NewReader(surveyExport(30, 4))).ReadAll()
	require.NoError(t, err)
	for i, tc := range []struct {
		data []byte
		opt  ReadOptions
	}{
		{xlsxBytes(t, "Sheet1", bad), ReadOptions{Name: "s.xlsx"}},
		{xlsxBytes(t, "Sheet1", formatRows), ReadOptions{Name: "s.xlsx"}},
		{xlsxBytes(t, "Answers", survey), ReadOptions{Name: "s.xlsx", Mapping: benchMapping}},
		{xlsxBytes(t, "Answers", survey), ReadOptions{Name: "s.xlsx", Mapping: benchMapping, MaxPeople: 10}},
		{xlsxBytes(t, "Sheet1", [][]string{{"id", "name"}, {"a", strings.Repeat("x", 60)}}), ReadOptions{Name: "s.xlsx", MaxFieldBytes: 50}},
	} {
		want, wantErr := readXLSXWithExcelize(t, tc.data, tc.opt)
		got, gotErr := ReadXLSX(bytes.NewReader(tc.data), tc.opt)
		if wantErr != nil {
			require.Error(t, gotErr, "case %d", i)
			assert.Equal(t, wantErr.Error(), gotErr.Error(), "case %d", i)
			continue
		}
		require.NoError(t, gotErr, "case %d", i)
		assert.Equal(t, want, got, "case %d", i)
	}
}

// FuzzXLSXSheet mutates the sheet XML of a valid workbook: the reader
// never panics, gives a roster or an error wrapping ErrInvalidRoster, and
// when the XML is well formed (encoding/xml reads it to the end) and the
// scanner reads it without error, gives excelize's cells.
func FuzzXLSXSheet(f *testing.F) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := randomWorkbook(f, rng)
	for range 8 {
		f.Add(sheetXML(f, randomWorkbook(f, rng)))
	}
	f.Add(sheetXML(f, xlsxBytes(f, "Sheet1", [][]string{{"id", "name", "have:A"}, {"a", "Ann", "3"}, {"b", "Bo", "1"}})))
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>id</t></is></c></row><row><c t="d"><v>2027-01-04</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheet []byte) { checkSheetXML(t, base, sheet) })
}

// checkSheetXML is the property of FuzzXLSXSheet.
func checkSheetXML(t *testing.T, base, sheet []byte) {
	t.Helper()
	data := withSheetXML(t, base, sheet)
	r, err := Read(bytes.NewReader(data), ReadOptions{Name: "f.xlsx", MaxPeople: 1000, MaxSkills: 100, MaxFieldBytes: 1000, MaxTags: 20})
	check(t, r, err)
	if !wellFormed(sheet) {
		return
	}
	got, err := scannedSheetRows(t, data, "Sheet1")
	if err != nil {
		return
	}
	want := excelizeSheetRows(t, data, "Sheet1")
	if !want.Err {
		require.Equal(t, want, got, "sheet XML: %s", sheet)
	}
}

// TestXLSXSheetMutations applies FuzzXLSXSheet's property to a few
// thousand random mutations of generated sheets (byte changes, cuts, and
// insertions of digits, tags and attributes), so that it runs on every
// test run and not only under -fuzz.
func TestXLSXSheetMutations(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 17))
	base := randomWorkbook(t, rng)
	n := 1000
	if testing.Short() {
		n = 200
	}
	inserts := []string{"9999", "0", `<row r="5">`, `</row>`, `<c r="B2" t="s"><v>0</v></c>`, ` s="3"`, ` t="d"`, ` t="b"`, ` r="A1"`, `<v>1e5</v>`, `&amp;`, `<f>1</f>`, `<is><t>x</t></is>`, `_x0041_`}
	var seed []byte
	for i := range n {
		if i%20 == 0 {
			seed = sheetXML(t, randomWorkbook(t, rng))
		}
		in := append([]byte(nil), seed...)
		for range 1 + rng.IntN(3) {
			p := rng.IntN(len(in) + 1)
			switch rng.IntN(3) {
			case 0:
				if p < len(in) {
					in[p] = byte(rng.IntN(256))
				}
			case 1:
				in = append(in[:p], in[min(len(in), p+1+rng.IntN(8)):]...)
			case 2:
				in = append(in[:p], append([]byte(inserts[rng.IntN(len(inserts))]), in[p:]...)...)
			}
		}
		checkSheetXML(t, base, in)
	}
}

func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

func TestBstrUnmarshal(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                 "plain",
		"_x0041_":               "A",
		"a_x005F_x0041_b":       "a_x0041_b",
		"_xD800_":               "",
		"_x00":                  "_x00",
		"_x0041__x0042_":        "AB",
		"__x0041_":              "_A",
		"_x004g_":               "_x004g_",
		strings.Repeat("_x", 3): "_x_x_x",
	} {
		assert.Equal(t, want, bstrUnmarshal(in), "%q", in)
	}
}
