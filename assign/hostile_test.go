package assign

import (
	"context"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allocatedBy returns the bytes f allocates on the heap.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Issue 20 items 2 and 3: with 0 rows the cell count did not bound the
// column count, so "0 2147483648" allocated gigabytes of result and
// "0 9223372036854775807" panicked in makeslice. Each dimension is now
// bounded by MaxDim before anything is allocated.
func TestHostileSizes(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"0 2147483648\n", "MaxDim"},
		{"0 9223372036854775807\n", "MaxDim"},
		{"9223372036854775807 0\n", "MaxDim"},
		{"10000001 0\n", "MaxDim"},
		{"0 10000001\n", "MaxDim"},
		{"10000000 14\n", "MaxCells"},
		{"9223372036854775807 9223372036854775807\n", "MaxDim"},
		{"-1 0\n", "negative"},
	} {
		var err error
		bytes := allocatedBy(func() { _, _, _, err = ReadInstance(strings.NewReader(tc.in)) })
		require.ErrorIs(t, err, ErrSize, "%q", tc.in)
		var pe *ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, 1, pe.Line, "%q", tc.in)
		assert.Contains(t, err.Error(), tc.want, "%q", tc.in)
		assert.Less(t, bytes, uint64(1<<20), "%q", tc.in)
	}
	for _, size := range [][2]int{{0, 1 << 31}, {0, math.MaxInt}, {math.MaxInt, 0}, {MaxDim + 1, 0}, {1, MaxDim + 1}} {
		var err error
		bytes := allocatedBy(func() { _, err = Solve(context.Background(), size[0], size[1], nil) })
		require.ErrorIs(t, err, ErrSize, "%v", size)
		assert.Contains(t, err.Error(), "MaxDim", "%v", size)
		assert.Less(t, bytes, uint64(1<<20), "%v", size)
	}
	// At the limit an empty problem is solved.
	res, err := Solve(context.Background(), 0, MaxDim, nil)
	require.NoError(t, err)
	assert.Len(t, res.ColRow, MaxDim)
	assert.Empty(t, res.RowCol)
}

// Benefits beyond MaxBenefit, including the float64 extremes of issue 20,
// are errors that name the cell, in Solve and in ReadInstance.
func TestHugeBenefits(t *testing.T) {
	for _, b := range []float64{1e308, -1e308, math.MaxFloat64, 1.7e308} {
		_, err := Solve(context.Background(), 1, 2, []float64{1, b})
		require.ErrorIs(t, err, ErrInvalidBenefit)
		assert.Contains(t, err.Error(), "cell (0,1)")
	}
	_, _, _, err := ReadInstance(strings.NewReader("1 2\n1 1e308\n"))
	require.ErrorIs(t, err, ErrInvalidBenefit)
	assert.Contains(t, err.Error(), "line 2, value 1")
	res, err := Solve(context.Background(), 2, 2, []float64{MaxBenefit, -MaxBenefit, -MaxBenefit, MaxBenefit})
	require.NoError(t, err)
	assert.Equal(t, 2*MaxBenefit, res.Total)
}
