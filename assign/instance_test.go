package assign

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadInstance(t *testing.T) {
	rows, cols, b, err := ReadInstance(strings.NewReader("2 3\n1 2.5 -inf\r\n-4\t5e2  6\n\n"))
	require.NoError(t, err)
	assert.Equal(t, 2, rows)
	assert.Equal(t, 3, cols)
	assert.Equal(t, []float64{1, 2.5, math.Inf(-1), -4, 500, 6}, b)

	rows, cols, b, err = ReadInstance(strings.NewReader("0 0\n"))
	require.NoError(t, err)
	assert.Zero(t, rows)
	assert.Zero(t, cols)
	assert.Empty(t, b)
}

func TestReadInstanceErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		err       error
		line, col int
	}{
		{"empty", "", ErrFormat, 1, -1},
		{"header fields", "2\n", ErrFormat, 1, -1},
		{"header text", "a b\n", ErrFormat, 1, -1},
		{"negative", "-1 2\n", ErrSize, 1, -1},
		{"hostile header", "100000000 100000000\n", ErrSize, 1, -1},
		{"big header no data", "1000 100000\n1 2\n", ErrFormat, 2, -1},
		{"short row", "2 2\n1 2\n3\n", ErrFormat, 3, -1},
		{"long row", "1 2\n1 2 3\n", ErrFormat, 2, 2},
		{"missing rows", "3 1\n1\n", ErrFormat, 3, -1},
		{"bad number", "2 2\n1 2\n3 x\n", ErrFormat, 3, 1},
		{"nan", "1 2\n1 nan\n", ErrInvalidBenefit, 2, 1},
		{"+inf", "1 2\ninf 1\n", ErrInvalidBenefit, 2, 0},
		{"overflow", "1 1\n1e400\n", ErrInvalidBenefit, 2, 0},
		{"too large", "1 1\n-1e16\n", ErrInvalidBenefit, 2, 0},
		{"trailing", "1 1\n1\n2\n", ErrFormat, 3, -1},
		{"long token", "1 1\n" + strings.Repeat("1", 100) + "\n", ErrFormat, 2, 0},
		{"long line", "1 1\n" + strings.Repeat(" ", 10000) + "1\n", ErrFormat, 2, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := ReadInstance(strings.NewReader(tt.in))
			require.ErrorIs(t, err, tt.err)
			var pe *ParseError
			require.True(t, errors.As(err, &pe), "%v", err)
			assert.Equal(t, tt.line, pe.Line, "%v", err)
			assert.Equal(t, tt.col, pe.Column, "%v", err)
		})
	}
}

func TestInstanceRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 50; trial++ {
		rows, cols := rnd.IntN(6), rnd.IntN(6)
		b := randomInstance(rnd, rows, cols, genSpec{lo: -1000, hi: 1000, forbidden: 0.2})
		var buf bytes.Buffer
		require.NoError(t, WriteInstance(&buf, rows, cols, b))
		r2, c2, b2, err := ReadInstance(&buf)
		require.NoError(t, err)
		assert.Equal(t, rows, r2)
		assert.Equal(t, cols, c2)
		if rows*cols > 0 {
			assert.Equal(t, b, b2)
		}
	}
	require.ErrorIs(t, WriteInstance(&bytes.Buffer{}, 1, 1, []float64{math.NaN()}), ErrInvalidBenefit)
	require.ErrorIs(t, WriteInstance(&bytes.Buffer{}, 1, 2, []float64{1}), ErrSize)
}

// FuzzReadInstance reads arbitrary text as an assignment instance: reading
// ends in a ParseError or in an instance that round-trips through
// WriteInstance and that Solve accepts (small ones are solved and
// verified).
func FuzzReadInstance(f *testing.F) {
	f.Add("2 3\n1 2.5 -inf\n-4 5 6\n")
	f.Add("1 1\n-inf\n")
	f.Add("0 0\n")
	f.Add("3 0\n\n\n\n")
	// Issue 20: hostile headers and benefits at the float64 extremes.
	f.Add("0 2147483648\n")
	f.Add("0 9223372036854775807\n")
	f.Add("67108864 0\n")
	f.Add("1 2\n1e308 -1.7e308\n")
	f.Add("2 2\n1e15 -1e15\n-inf 1e15\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, cols, b, err := ReadInstance(strings.NewReader(in))
		if err != nil {
			var pe *ParseError
			require.True(t, errors.As(err, &pe), "%v", err)
			return
		}
		require.Len(t, b, rows*cols)
		var buf bytes.Buffer
		require.NoError(t, WriteInstance(&buf, rows, cols, b))
		r2, c2, b2, err := ReadInstance(&buf)
		require.NoError(t, err)
		require.Equal(t, rows, r2)
		require.Equal(t, cols, c2)
		require.Equal(t, len(b), len(b2))
		for k := range b {
			require.Equal(t, math.Float64bits(b[k]), math.Float64bits(b2[k]))
		}
		if rows > 64 || cols > 64 {
			return
		}
		res, err := Solve(context.Background(), rows, cols, b)
		if err != nil {
			require.ErrorIs(t, err, ErrInfeasible)
			return
		}
		require.NoError(t, Verify(rows, cols, b, res))
		require.False(t, math.IsInf(res.Total, 0) || math.IsNaN(res.Total), "total %v", res.Total)
	})
}
