package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/peermatch/peermatch/skills"
)

func TestReadRosterFileFormats(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"id", "name", "have:Coaching", "want:Coaching"}, {"a", "José", 4, 1}, {"b", "Bo", 1, 4}} {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	var xl bytes.Buffer
	_, err := f.WriteTo(&xl)
	require.NoError(t, err)

	tests := []struct {
		name, file, content string
		info                skills.ReadInfo
	}{
		{"tab", "survey.txt", "id\tname\thave:Coaching\twant:Coaching\na\tJosé\t4\t1\nb\tBo\t1\t4\n", skills.ReadInfo{Format: skills.FormatCSV, Delimiter: '\t', Encoding: skills.EncodingUTF8}},
		{"semicolon", "survey.csv", "id;name;have:Coaching;want:Coaching\na;José;4;1\nb;Bo;1;4\n", skills.ReadInfo{Format: skills.FormatCSV, Delimiter: ';', Encoding: skills.EncodingUTF8}},
		{"UTF-16LE", "survey.txt", "\xff\xfei\x00d\x00\t\x00n\x00a\x00m\x00e\x00\t\x00h\x00a\x00v\x00e\x00:\x00C\x00o\x00a\x00c\x00h\x00i\x00n\x00g\x00\t\x00w\x00a\x00n\x00t\x00:\x00C\x00o\x00a\x00c\x00h\x00i\x00n\x00g\x00\n\x00a\x00\t\x00J\x00o\x00s\x00\xe9\x00\t\x004\x00\t\x001\x00\n\x00b\x00\t\x00B\x00o\x00\t\x001\x00\t\x004\x00\n\x00", skills.ReadInfo{Format: skills.FormatCSV, Delimiter: '\t', Encoding: skills.EncodingUTF16LE}},
		{"Windows-1252", "survey.csv", "id,name,have:Coaching,want:Coaching\r\na,Jos\xe9,4,1\r\nb,Bo,1,4\r\n", skills.ReadInfo{Format: skills.FormatCSV, Delimiter: ',', Encoding: skills.EncodingWindows1252}},
		{"xlsx", "survey.xlsx", xl.String(), skills.ReadInfo{Format: skills.FormatXLSX, Sheet: "Sheet1"}},
		{"xlsx by content", "survey.csv", xl.String(), skills.ReadInfo{Format: skills.FormatXLSX, Sheet: "Sheet1"}},
		{"json", "survey.json", `{"skills":[{"name":"Coaching"}],"people":[{"id":"a","name":"José","have":{"Coaching":4},"want":{"Coaching":1}},{"id":"b","name":"Bo","have":{"Coaching":1},"want":{"Coaching":4}}]}`, skills.ReadInfo{Format: skills.FormatJSON}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.content)
			r, err := readRosterFile(path)
			require.NoError(t, err)
			require.Len(t, r.People, 2)
			assert.Equal(t, "José", r.People[0].Name)
			assert.Equal(t, []uint8{4}, r.People[0].Have)
			assert.Equal(t, []uint8{4}, r.People[1].Want)
			info := r.ReadInfo
			info.Columns = nil // how each column was read: TestValidatePrintsTheMapping
			assert.Equal(t, tt.info, info)

			code, out, errOut := runCLI(t, "validate", path)
			assert.Equal(t, exitOK, code, errOut)
			assert.Contains(t, out, "valid roster")
		})
	}
}

func TestReadRosterWarnsOfWindows1252(t *testing.T) {
	path := writeFile(t, "survey.csv", "id,name,grade,have:Coaching,want:Coaching\r\na,Ann,2,4,1\r\nb,N\xfa\xf1ez,2,1,4\r\n")
	code, _, errOut := runCLI(t, "pairs", path)
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, errOut, "peermatch: warning: survey.csv:3: the file is not valid UTF-8 from line 3: it was read as Windows-1252")
}

func TestReadRosterXLSXErrorNamesCell(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"id", "have:Coaching"}))
	require.NoError(t, f.SetSheetRow("Sheet1", "A2", &[]any{"a", 9}))
	var xl bytes.Buffer
	_, err := f.WriteTo(&xl)
	require.NoError(t, err)
	path := writeFile(t, "survey.xlsx", xl.String())
	code, _, errOut := runCLI(t, "validate", path)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "survey.xlsx:Sheet1!B2: have:Coaching: bad value: level 9 outside 0..5")
}

// --sheet picks a worksheet of an .xlsx roster, names the sheets when it
// is missing, and is refused for a CSV rather than ignored.
func TestSheetFlag(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	_, err := f.NewSheet("Answers")
	require.NoError(t, err)
	for i, row := range [][]any{{"id", "name", "have:Coaching", "want:Coaching"}, {"a", "Ann", 4, 1}, {"b", "Bo", 1, 4}} {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Answers", cell, &row))
	}
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"note"}))
	var xl bytes.Buffer
	_, err = f.WriteTo(&xl)
	require.NoError(t, err)
	path := writeFile(t, "survey.xlsx", xl.String())

	code, out, errOut := runCLI(t, "validate", path, "--sheet", "Answers")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, `valid roster (XLSX, sheet "Answers")`)
	code, out, errOut = runCLI(t, "--sheet=Answers", "pairs", path)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "a Ann: no eligible partner")
	code, _, errOut = runCLI(t, "validate", path, "--sheet", "Nope")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "Answers")
	csv := writeFile(t, "survey.csv", "id,name\na,Ann\n")
	code, _, errOut = runCLI(t, "validate", csv, "--sheet", "Answers")
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, errOut, "applies to .xlsx")
	code, _, _ = runCLI(t, "validate", csv, "--sheet")
	assert.Equal(t, exitUsage, code)
}
