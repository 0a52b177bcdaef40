package programme

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckAnswersStatus: an answer dated on or after a member's leave, or
// during a pause, is refused whether or not Repair has dissolved the pair
// yet, and says who left when.
func TestCheckAnswersStatus(t *testing.T) {
	tests := []struct {
		name     string
		events   []StatusEvent
		dissolve string // the day Repair dissolved ana–ben, "" for not yet
		date     string
		person   string
		want     string // "" for accepted
	}{
		{"before the leave", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-01-31", "ana", ""},
		{"leave day, before repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-02-01", "ana", "ben left the programme on 2027-02-01"},
		{"after the leave, before repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-03-01", "ana", "ben left the programme on 2027-02-01"},
		{"the leaver answers", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "", "2027-03-01", "ben", "ben left the programme on 2027-02-01"},
		{"after the leave, after repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "2027-02-01", "2027-03-01", "ana", "ben left the programme on 2027-02-01"},
		{"after the leave, later repair", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}}, "2027-02-10", "2027-02-05", "ben", "ben left the programme on 2027-02-01"},
		{"during a pause", []StatusEvent{{Person: "ana", Date: day("2027-02-01"), Status: Paused, Until: day("2027-03-01")}}, "", "2027-02-15", "ben", "ana was paused from 2027-02-01 until 2027-03-01"},
		{"after a pause", []StatusEvent{{Person: "ana", Date: day("2027-02-01"), Status: Paused, Until: day("2027-03-01")}}, "", "2027-03-01", "ben", ""},
		{"open pause", []StatusEvent{{Person: "ana", Date: day("2027-02-01"), Status: Paused}}, "", "2027-04-01", "ana", "ana was paused from 2027-02-01, with no end date"},
		{"back after leaving", []StatusEvent{{Person: "ben", Date: day("2027-02-01"), Status: Left}, {Person: "ben", Date: day("2027-02-08"), Status: Active}}, "", "2027-02-09", "ana", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := smallProgramme(t)
			p.Events = tt.events
			if tt.dissolve != "" {
				p.Rounds[0].Pairs[0].Dissolved, p.Rounds[0].Pairs[0].Reason = day(tt.dissolve), DissolvedLeft
			}
			partner := map[string]string{"ana": "ben", "ben": "ana"}[tt.person]
			got, err := CheckAnswers(p, []CheckIn{{Date: day(tt.date), Person: tt.person, Partner: partner, Met: true, Line: 2}})
			if tt.want == "" {
				require.NoError(t, err)
				assert.Len(t, got, 1)
				return
			}
			require.ErrorIs(t, err, ErrNotPartner)
			pes := skills.ParseErrors(err)
			require.Len(t, pes, 1, err.Error())
			assert.Equal(t, 2, pes[0].Line)
			assert.Equal(t, tt.person, pes[0].ID)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestCheckAnswersStoredStayIdempotent: answers already recorded import
// again as nothing new even when the programme has changed since (a pair
// dissolved after they were recorded), while a changed answer for that
// date is named as conflicting with the recorded one, not with a line of
// this file.
func TestCheckAnswersStoredStayIdempotent(t *testing.T) {
	p := smallProgramme(t)
	rec := CheckIn{Date: day("2027-03-01"), Person: "ana", Partner: "ben", Met: true, Equitable: 5, Line: 4}
	p.CheckIns = []CheckIn{rec}
	p.Rounds[0].Pairs[0].Dissolved, p.Rounds[0].Pairs[0].Reason = day("2027-02-15"), DissolvedRepair
	again := rec
	again.Line = 2
	got, err := CheckAnswers(p, []CheckIn{again})
	require.NoError(t, err)
	assert.Empty(t, got)

	p.Rounds[0].Pairs[0].Dissolved = time.Time{}
	changed := rec
	changed.Met, changed.Line = false, 6
	_, err = CheckAnswers(p, []CheckIn{{Date: day("2027-02-01"), Person: "cy", Partner: "dee", Met: true, Line: 4}, changed})
	require.ErrorIs(t, err, ErrDuplicate)
	pes := skills.ParseErrors(err)
	require.Len(t, pes, 1, err.Error())
	assert.Equal(t, 6, pes[0].Line)
	assert.Contains(t, err.Error(), "differs from the answer already recorded for that date")
	assert.NotContains(t, err.Error(), "line 4")
}

// TestCheckAnswersSelf: a person cannot answer about themselves, by id or
// by e-mail.
func TestCheckAnswersSelf(t *testing.T) {
	p := smallProgramme(t)
	for _, partner := range []string{"ana", "ANA@example.org"} {
		_, err := CheckAnswers(p, []CheckIn{{Date: day("2027-01-22"), Person: "ana", Partner: partner, Line: 3}})
		require.ErrorIs(t, err, ErrNotPartner, partner)
		assert.Contains(t, err.Error(), `"ana" answered about themselves`)
		assert.Equal(t, 3, skills.ParseErrors(err)[0].Line)
	}
}

// TestReadCheckInsNotAfter: with the day of the import set, an answer
// dated after it is refused at its date cell; on that day it is accepted.
func TestReadCheckInsNotAfter(t *testing.T) {
	in := "date,person,partner,met\n2027-02-01,c02,e02,yes\n9999-12-31,c02,e02,yes\n2099-01-22 10:00,e02,c02,yes\n"
	_, err := ReadCheckIns(strings.NewReader(in), ReadOptions{Name: "f.csv"})
	require.NoError(t, err, "no day given, no check")
	got, err := ReadCheckIns(strings.NewReader(in), ReadOptions{Name: "f.csv", NotAfter: day("2027-02-01")})
	require.ErrorIs(t, err, ErrOutsideProgramme)
	require.Len(t, got, 1)
	pes := skills.ParseErrors(err)
	require.Len(t, pes, 2, err.Error())
	for i, line := range []int{3, 4} {
		assert.Equal(t, line, pes[i].Line)
		assert.Equal(t, 1, pes[i].Column)
		assert.Equal(t, "date", pes[i].ColumnName)
		assert.Equal(t, "f.csv", pes[i].File)
	}
	assert.Contains(t, pes[0].Error(), "9999-12-31 is after the day of the import, 2027-02-01")
}

// TestReadCheckInsWide: a row of more fields than MaxColumns stops reading
// with one problem naming its line, its count and the limit, without
// splitting it; commas inside quotes are not separators; a header written
// many times is one problem.
func TestReadCheckInsWide(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		line     int
		want     string
	}{
		{"wide header", "date,person,partner,met" + strings.Repeat(",a", 2000) + "\n2027-01-20,c02,e02,yes\n", 0, 1, "a row of 2004 fields, the limit is 1000 columns"},
		{"at the limit", "date,person,partner,met,comments\n2027-01-20,c02,e02,yes,x\n", 5, 0, ""},
		{"one over", "date,person,partner,met,comments\n2027-01-20,c02,e02,yes,x\n", 4, 1, "a row of 5 fields, the limit is 4 columns"},
		{"wide data row", "date,person,partner,met\n2027-01-20,c02,e02,yes\n\"x\ny\"" + strings.Repeat(",", 10) + "\n", 8, 3, "a row of 11 fields, the limit is 8 columns"},
		{"quoted commas", "date,person,partner,met,comments\n2027-01-20,c02,e02,yes,\"" + strings.Repeat(",", 50) + "\"\n", 5, 0, ""},
		{"cut by the byte limit", "date,person,partner,met" + strings.Repeat(",a", 100), 10, 1, "a row of more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := ReadOptions{Name: "wide.csv", MaxColumns: tt.max}
			if strings.HasPrefix(tt.name, "cut") {
				opt.MaxBytes = 100
			}
			got, err := ReadCheckIns(strings.NewReader(tt.in), opt)
			if tt.want == "" {
				require.NoError(t, err)
				require.Len(t, got, 1)
				return
			}
			require.ErrorIs(t, err, ErrTooLarge)
			pes := skills.ParseErrors(err)
			require.Len(t, pes, 1, err.Error())
			assert.Equal(t, tt.line, pes[0].Line)
			assert.Contains(t, err.Error(), "wide.csv:")
			assert.Contains(t, err.Error(), tt.want)
		})
	}

	_, err := ReadCheckIns(strings.NewReader("date,person,partner,met,a,A, a ,b,date\n"), ReadOptions{Name: "dup.csv"})
	require.ErrorIs(t, err, ErrUnknownColumn)
	pes := skills.ParseErrors(err)
	require.Len(t, pes, 4, err.Error())
	assert.Contains(t, pes[0].Error(), `:1:5: a: unknown column "a"`)
	assert.Contains(t, pes[1].Error(), `:1:6: A: unknown column: header "A" appears 3 times (columns 5, 6, 7)`)
	assert.Contains(t, pes[2].Error(), `:1:8: b: unknown column "b"`)
	assert.Contains(t, pes[3].Error(), `:1:9: date: unknown column: header "date" appears 2 times (columns 1, 9)`)

	_, err = ReadCheckIns(strings.NewReader("Timestamp,date,person,partner,met,timestamp\n2027-01-20,2027-01-20,c02,e02,yes,x\n"), ReadOptions{Ignore: []string{"timestamp"}})
	assert.NoError(t, err, "an ignored header may repeat")
}

// TestReadCheckInsWideMemory: a header of a million fields is refused in
// memory far below the input's size times the fields' bookkeeping.
func TestReadCheckInsWideMemory(t *testing.T) {
	in := "date,person,partner,met" + strings.Repeat(",a", 1_000_000) + "\n2027-01-20,c02,e02,yes\n"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ReadCheckIns(strings.NewReader(in), ReadOptions{})
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "a row of 1000004 fields, the limit is 1000 columns")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated")
}

// TestReadCheckInsUTF16: UTF-16 with a byte order mark reads as UTF-8;
// without one it is refused with a hint instead of unknown columns.
func TestReadCheckInsUTF16(t *testing.T) {
	text := "date,person,partner,met\n2027-01-20,c02,e02,yes\n"
	le, be := []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
	var noBOM []byte
	for _, r := range text {
		le = append(le, byte(r), 0)
		be = append(be, 0, byte(r))
		noBOM = append(noBOM, byte(r), 0)
	}
	for _, in := range [][]byte{le, be} {
		got, err := ReadCheckIns(bytes.NewReader(in), ReadOptions{})
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.Equal(t, CheckIn{Date: day("2027-01-20"), Person: "c02", Partner: "e02", Met: true, Line: 2}, got[0])
	}
	_, err := ReadCheckIns(bytes.NewReader(noBOM), ReadOptions{Name: "u16.csv"})
	require.ErrorIs(t, err, ErrFormat)
	assert.Contains(t, err.Error(), "u16.csv:1: ")
	assert.Contains(t, err.Error(), "save it as CSV UTF-8")
	assert.NotContains(t, err.Error(), "unknown column")
}
