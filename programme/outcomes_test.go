package programme

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWilson(t *testing.T) {
	// Known 95% Wilson intervals (e.g. R's binom.confint, method "wilson").
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		{5, 10, 0.2365931, 0.7634069},
		{0, 10, 0, 0.2775328},
		{10, 10, 0.7224672, 1},
		{1, 1, 0.2065493, 1},
	}
	// Newcombe (1998), Statistics in Medicine 17:857–872, Table II, method 3
	// (score interval without continuity correction), to four decimals.
	newcombe := []struct {
		k, n   int
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
	}
	for _, tt := range newcombe {
		lo, hi := Wilson(tt.k, tt.n, WilsonZ)
		assert.InDelta(t, tt.lo, lo, 5e-5, "%d/%d low", tt.k, tt.n)
		assert.InDelta(t, tt.hi, hi, 5e-5, "%d/%d high", tt.k, tt.n)
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.k, tt.n, WilsonZ)
		assert.InDelta(t, tt.lo, lo, 1e-6, "%d/%d low", tt.k, tt.n)
		assert.InDelta(t, tt.hi, hi, 1e-6, "%d/%d high", tt.k, tt.n)
	}
	lo, hi := Wilson(0, 0, WilsonZ)
	assert.True(t, math.IsNaN(lo) && math.IsNaN(hi))
	lo, _ = Wilson(3, 2, WilsonZ)
	assert.True(t, math.IsNaN(lo))
}

func TestReadOutcomes(t *testing.T) {
	in := "ID,Left_On,Promoted\nana,,2027-06-01\nben,2027-03-01,\n\ncy,,\n"
	got, err := ReadOutcomes(strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, HRRecord{ID: "ana", PromotedOn: day("2027-06-01"), Line: 2}, got[0])
	assert.Equal(t, HRRecord{ID: "ben", LeftOn: day("2027-03-01"), Line: 3}, got[1])

	_, err = ReadOutcomes(strings.NewReader("id,left_on,salary\nana,03/01/2027,\nana,,\n,,\n"), ReadOptions{Name: "hr.csv"})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidOutcomes)
	pes := skills.ParseErrors(err)
	require.Len(t, pes, 1, "the header fails first: %v", err)
	assert.Equal(t, "hr.csv:1:3: salary: unknown column \"salary\": the columns are id, left_on, promoted_on, grade, department", pes[0].Error())

	_, err = ReadOutcomes(strings.NewReader("id,left_on\nana,03/01/2027\nana,\n ,2027-01-01\n"), ReadOptions{Name: "hr.csv"})
	pes = skills.ParseErrors(err)
	require.Len(t, pes, 3, "%v", err)
	assert.Contains(t, pes[0].Error(), "hr.csv:2:2: left_on: bad value: date \"03/01/2027\" is ambiguous")
	assert.Contains(t, pes[1].Error(), "hr.csv:3:1: id: bad value: id \"ana\" already on line 2")
	assert.Contains(t, pes[2].Error(), "hr.csv:4:1: id: bad value: empty id")
}

func FuzzReadOutcomes(f *testing.F) {
	f.Add("id,left_on,promoted_on\nana,,2027-06-01\n")
	f.Add("id,left\n\"a,2027/01/01 10:00\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ReadOutcomes(strings.NewReader(in), ReadOptions{MaxFieldBytes: 1 << 10})
		if err != nil {
			require.Nil(t, got)
			require.ErrorIs(t, err, ErrInvalidOutcomes)
			return
		}
		ids := map[string]bool{}
		for _, h := range got {
			require.NotEmpty(t, h.ID)
			require.False(t, ids[h.ID])
			ids[h.ID] = true
		}
	})
}

func TestOutcomes(t *testing.T) {
	p := smallProgramme(t)
	p.Rounds[0].Pairs[2].Mentor = "eve" // eve mentors fay
	var hr []HRRecord
	hr = append(hr,
		HRRecord{ID: "ana", PromotedOn: day("2027-06-01")},
		HRRecord{ID: "ben", LeftOn: day("2027-03-01")},
		HRRecord{ID: "cy"}, HRRecord{ID: "dee"}, HRRecord{ID: "eve"}, HRRecord{ID: "fay", LeftOn: day("2028-06-01")},
	)
	// 20 non-participants, half of whom left within the year.
	for i := 0; i < 20; i++ {
		h := HRRecord{ID: fmt.Sprintf("np%02d", i), Grade: "2", Department: "Sales"}
		if i%2 == 0 {
			h.LeftOn = day("2027-05-01")
		}
		hr = append(hr, h)
	}
	hr = append(hr, HRRecord{ID: "gone", LeftOn: day("2026-06-01")})
	rep, err := Outcomes(p, hr, day("2028-02-01"), OutcomeOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Before)
	rows := map[string]OutcomeRow{}
	for _, r := range rep.Rows {
		rows[string(r.Role)+"/"+r.By+"/"+r.Value] = r
	}
	partners := rows["partner/all/"]
	assert.Equal(t, 4, partners.Retention.N)
	assert.Equal(t, 3, partners.Retention.Count)
	assert.True(t, partners.Retention.TooFew, "4 people are too few to report")
	assert.True(t, math.IsNaN(partners.Retention.Rate))
	assert.Equal(t, 1, partners.Promotion.Count)
	assert.Equal(t, 1, rows["mentor/all/"].Retention.N)
	assert.Equal(t, 1, rows["mentee/all/"].Retention.Count, "fay left after her year")
	np := rows["non_participant/all/"]
	assert.Equal(t, 20, np.Retention.N)
	assert.False(t, np.Retention.TooFew)
	assert.InDelta(t, 0.5, np.Retention.Rate, 1e-12)
	lo, hi := Wilson(10, 20, WilsonZ)
	assert.Equal(t, lo, np.Retention.Low)
	assert.Equal(t, hi, np.Retention.High)
	assert.Equal(t, 20, rows["non_participant/department/Sales"].Retention.N)
	assert.Equal(t, RoleMentee, rep.Rows[0].Role, "rows by role order")

	// Too early: nobody's year has ended.
	rep, err = Outcomes(p, hr, day("2027-06-01"), OutcomeOptions{})
	require.NoError(t, err)
	assert.Empty(t, rep.Rows)
	assert.Equal(t, 26, rep.NotYet)
}

// TestOutcomesHugeMonths checks that a window of a huge number of months
// has not ended for anyone, instead of overflowing into a window already
// over that counted everyone.
func TestOutcomesHugeMonths(t *testing.T) {
	p := smallProgramme(t)
	hr := []HRRecord{{ID: "ana"}, {ID: "ben", LeftOn: day("2027-03-01")}, {ID: "np1"}}
	for _, m := range []int{math.MaxInt, math.MaxInt / 2, 1 << 40, farMonths} {
		rep, err := Outcomes(p, hr, day("2028-02-01"), OutcomeOptions{Months: m})
		require.NoError(t, err)
		assert.Equal(t, 3, rep.NotYet, "months %d", m)
		assert.Empty(t, rep.Rows, "months %d", m)
	}
}

// TestOutcomesNegativeNamed checks that a negative option is an error
// naming it and its value.
func TestOutcomesNegativeNamed(t *testing.T) {
	p := smallProgramme(t)
	_, err := Outcomes(p, nil, day("2028-02-01"), OutcomeOptions{Months: -2})
	require.ErrorIs(t, err, ErrInvalidOptions)
	assert.Contains(t, err.Error(), "Months -2 is negative")
	_, err = Outcomes(p, nil, day("2028-02-01"), OutcomeOptions{MinGroup: -3})
	require.ErrorIs(t, err, ErrInvalidOptions)
	assert.Contains(t, err.Error(), "MinGroup -3 is negative")
}

// TestWilsonHostileZ checks Wilson's z outside the usual: a negative z
// gives the interval of −z (it gave lo > hi), an infinite or huge one
// [0, 1] (it gave NaN), NaN gives NaN.
func TestWilsonHostileZ(t *testing.T) {
	lo, hi := Wilson(3, 10, WilsonZ)
	nlo, nhi := Wilson(3, 10, -WilsonZ)
	assert.Equal(t, lo, nlo)
	assert.Equal(t, hi, nhi)
	for _, z := range []float64{math.Inf(1), math.Inf(-1), 1e200, -1e300} {
		lo, hi := Wilson(3, 10, z)
		assert.Equal(t, 0.0, lo, "z %v", z)
		assert.Equal(t, 1.0, hi, "z %v", z)
	}
	lo, hi = Wilson(3, 10, math.NaN())
	assert.True(t, math.IsNaN(lo) && math.IsNaN(hi))
	for _, z := range []float64{0, 1e-300, 5e-324, 1, 1e150} {
		lo, hi := Wilson(3, 10, z)
		assert.LessOrEqual(t, lo, hi, "z %v", z)
		assert.True(t, lo >= 0 && hi <= 1, "z %v: %v %v", z, lo, hi)
	}
}
