package skills

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestWriteTemplateReadsBack(t *testing.T) {
	skills := []string{"Coaching", " Delegation "}
	var csvBuf bytes.Buffer
	require.NoError(t, WriteTemplate(&csvBuf, skills, FormatCSV))
	header := strings.TrimRight(csvBuf.String(), "\n")
	assert.Equal(t, "id,name,email,grade,years,department,manager,location,capacity,focus,unavailable,lead,have:Coaching,have:Delegation,want:Coaching,want:Delegation", header)

	// A blank template has no people yet; with one row filled in it reads
	// back without a mapping.
	_, err := ReadCSV(bytes.NewReader(csvBuf.Bytes()))
	assert.ErrorIs(t, err, ErrNoPeople)
	filled := header + "\nana,Ana,ana@example.org,3,,Sales,,,,,,Coaching,4,,,5\n"
	r, err := Read(strings.NewReader(filled), ReadOptions{NoAutoMapping: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"Coaching", "Delegation"}, r.Catalog.Names())
	assert.Equal(t, []uint8{4, 0}, r.People[0].Have)
	assert.Equal(t, []uint8{0, 5}, r.People[0].Want)

	var xb bytes.Buffer
	require.NoError(t, WriteTemplate(&xb, skills, FormatXLSX))
	f, err := excelize.OpenReader(bytes.NewReader(xb.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, []string{"Survey", "Columns"}, f.GetSheetList())
	comments, err := f.GetComments("Survey")
	require.NoError(t, err)
	assert.Len(t, comments, 16)
	desc, err := f.GetCellValue("Columns", "B2")
	require.NoError(t, err)
	assert.Contains(t, desc, "required")
	require.NoError(t, f.SetSheetRow("Survey", "A2", &[]any{"ana", "Ana", "ana@example.org", 3, nil, "Sales", nil, nil, nil, nil, nil, "Coaching", 4, nil, nil, 5}))
	var out bytes.Buffer
	_, err = f.WriteTo(&out)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	rx, err := Read(bytes.NewReader(out.Bytes()), ReadOptions{Name: "survey.xlsx"})
	require.NoError(t, err)
	assert.Equal(t, r.People, rx.People)
	assert.Equal(t, "Survey", rx.ReadInfo.Sheet)
}

func TestWriteTemplateErrors(t *testing.T) {
	for _, tt := range []struct {
		skills []string
		format string
		text   string
	}{
		{nil, FormatCSV, "at least one skill"},
		{[]string{"A", " "}, FormatCSV, "empty skill name"},
		{[]string{"Coaching", "coaching"}, FormatCSV, `skill "coaching" is given twice`},
		{[]string{"A\x1b[2J"}, FormatCSV, "control character"},
		{[]string{"A"}, "json", `template format "json"`},
	} {
		err := WriteTemplate(&bytes.Buffer{}, tt.skills, tt.format)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrBadValue)
		assert.Contains(t, err.Error(), tt.text)
	}
}
