package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestProgrammeDateRange: every --date (and --start, --until) must fall in
// the years 1900–9998. 0001-01-01 is Go's zero time, which the programme
// reads as "no date": accepted, it printed "starting ," and exported
// "formed":"".
func TestProgrammeDateRange(t *testing.T) {
	survey := writeFile(t, "four.csv", fourSurvey)
	for _, args := range [][]string{
		{"init", survey, "--date", "0001-01-01"},
		{"init", survey, "--date", "1000-01-01"},
		{"init", survey, "--date", "1500-06-01"},
		{"init", survey, "--date", "9999-01-01"},
		{"init", survey, "--date", "2027-01-04", "--start", "0001-01-01"},
	} {
		db := filepath.Join(t.TempDir(), "z.db")
		code, out, errOut := runCLI(t, append(args, "--db", db)...)
		assert.Equal(t, 2, code, "%v: %s%s", args, out, errOut)
		assert.Contains(t, errOut, "the year must be from 1900 to 9998", args)
		assert.NoFileExists(t, db)
	}
	db, _ := newFour(t)
	for _, args := range [][]string{
		{"leave", "a", "--date", "0001-01-01"},
		{"pause", "a", "--date", "2027-02-01", "--until", "0001-01-01"},
		{"round", "--date", "1500-01-01"},
		{"repair", "--date", "0001-01-01"},
	} {
		code, out, errOut := runCLI(t, append(args, "--db", db)...)
		assert.Equal(t, 2, code, "%v: %s%s", args, out, errOut)
		assert.Contains(t, errOut, "the year must be from 1900 to 9998", args)
	}
	assert.Empty(t, loadDB(t, db).Programme.Events)
	assert.Len(t, loadDB(t, db).Programme.Rounds, 1)
}
