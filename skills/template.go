package skills

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// TemplateColumn is one column of a blank survey: its header and what a
// respondent writes in it.
type TemplateColumn struct {
	Name        string
	Description string
}

var fixedDescriptions = map[string]string{
	"id":          "required: a short unique id for the person (staff number or e-mail)",
	"name":        "the person's name, as it should appear in introductions",
	"email":       "one e-mail address",
	"grade":       "whole number, higher is more senior; peers are paired within a small band",
	"years":       "years of experience, a number of 0 or more",
	"department":  "department or team; often pairs are made across departments",
	"manager":     "the line manager's id, e-mail or name; nobody is paired with their manager",
	"location":    "site or city",
	"capacity":    "how many partners the person takes; blank means 1",
	"focus":       "the issue or concern the person brings, in a few words",
	"unavailable": "dates away, YYYY-MM-DD or FROM..TO, separated by spaces",
	"lead":        "up to 3 skills of this survey the person would prefer to lead, separated by |",
}

// TemplateColumns returns the columns of a blank survey for the given
// skills: the fixed columns of the CSV format, then have:Skill and
// want:Skill for each skill in the order given, each with a one-line
// description. Skill names are trimmed; an empty name, a name given twice
// (names compare case-insensitively) or one with a control character is
// an error wrapping ErrBadValue. It takes O(k) time for k skills.
func TemplateColumns(skillNames []string) ([]TemplateColumn, error) {
	if len(skillNames) == 0 {
		return nil, fmt.Errorf("%w: a survey template needs at least one skill", ErrBadValue)
	}
	cat := &Catalog{}
	for _, s := range skillNames {
		name := strings.TrimSpace(s)
		if name == "" {
			return nil, fmt.Errorf("%w: empty skill name", ErrBadValue)
		}
		if strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return nil, fmt.Errorf("%w: skill name %q holds a control character", ErrBadValue, name)
		}
		if _, dup := cat.Index(name); dup {
			return nil, fmt.Errorf("%w: skill %q is given twice (names compare case-insensitively)", ErrBadValue, name)
		}
		if err := cat.Add(Skill{Name: name}); err != nil {
			return nil, err
		}
	}
	cols := make([]TemplateColumn, 0, len(fixedColumns)+2*cat.Len())
	for _, c := range fixedColumns {
		cols = append(cols, TemplateColumn{c, fixedDescriptions[c]})
	}
	for _, s := range cat.Names() {
		cols = append(cols, TemplateColumn{"have:" + s, fmt.Sprintf("the person's level in %s: 0 (none) to 5 (expert), or a word such as Beginner or Expert; from 3 they can teach it; blank means 0", s)})
	}
	for _, s := range cat.Names() {
		cols = append(cols, TemplateColumn{"want:" + s, fmt.Sprintf("how much the person wants to learn %s: 0 (not at all) to 5 (a strong need); blank means 0", s)})
	}
	return cols, nil
}

// WriteTemplate writes a blank survey for the given skills (see
// TemplateColumns) in format FormatCSV or FormatXLSX:
//
//   - CSV: the header row only, comma-separated UTF-8, so that every row a
//     facilitator adds is a person (TemplateColumns gives the
//     descriptions, to show beside it);
//   - .xlsx: a sheet "Survey" with the header row, a note on each header
//     cell with its description, have and want cells limited to whole
//     numbers 0..5 or blank in the first 1,000 rows, the header row frozen;
//     and a sheet "Columns" listing each column and its description.
//     ReadXLSX reads the first sheet, so the listing is never read as
//     people.
//
// Once rows are added, Read reads either back without a mapping. It takes
// O(k) time for k skills.
func WriteTemplate(w io.Writer, skillNames []string, format string) error {
	cols, err := TemplateColumns(skillNames)
	if err != nil {
		return err
	}
	switch format {
	case FormatCSV:
		cw := csv.NewWriter(w)
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = c.Name
		}
		_ = cw.Write(rec)
		cw.Flush()
		return cw.Error()
	case FormatXLSX:
		return writeTemplateXLSX(w, cols)
	}
	return fmt.Errorf("%w: template format %q: use %q or %q", ErrBadValue, format, FormatCSV, FormatXLSX)
}

// templateRows is how many rows of an .xlsx template have their levels
// checked by the spreadsheet.
const templateRows = 1000

func writeTemplateXLSX(w io.Writer, cols []TemplateColumn) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, help = "Survey", "Columns"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, c := range cols {
		cell, err := excelize.CoordinatesToCellName(i+1, 1)
		if err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cell, c.Name); err != nil {
			return err
		}
		if err := f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "peermatch", Paragraph: []excelize.RichTextRun{{Text: c.Description}}}); err != nil {
			return err
		}
		if strings.HasPrefix(c.Name, "have:") || strings.HasPrefix(c.Name, "want:") {
			col, err := excelize.ColumnNumberToName(i + 1)
			if err != nil {
				return err
			}
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, templateRows+1)
			if err := dv.SetRange(0, MaxLevel, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Level 0 to 5", "Type a whole number from 0 (none) to 5 (expert), or leave the cell blank.")
			if err := f.AddDataValidation(sheet, dv); err != nil {
				return err
			}
		}
		for j, v := range []string{c.Name, c.Description} {
			hc, err := excelize.CoordinatesToCellName(j+1, i+2)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(help, hc, v); err != nil {
				return err
			}
		}
	}
	last, err := excelize.CoordinatesToCellName(len(cols), 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.SetSheetRow(help, "A1", &[]string{"column", "what to write"}); err != nil {
		return err
	}
	if err := f.SetCellStyle(help, "A1", "B1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(help, "A", "A", 28); err != nil {
		return err
	}
	if err := f.SetColWidth(help, "B", "B", 90); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}
