package assign

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// hugeDims is a mat.Matrix that claims any size and reads as zero: a
// lazily computed matrix, or a hostile one.
type hugeDims struct{ r, c int }

func (h hugeDims) Dims() (int, int)    { return h.r, h.c }
func (h hugeDims) At(i, j int) float64 { return 0 }
func (h hugeDims) T() mat.Matrix       { return hugeDims{h.c, h.r} }

func TestMatrix(t *testing.T) {
	ctx := context.Background()
	b := []float64{1, 5, 2, 4, 6, math.Inf(-1)}
	res, err := Matrix(ctx, mat.NewDense(2, 3, b))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 0}, res.RowCol)
	assert.Equal(t, []int{1, 0, -1}, res.ColRow)
	assert.Equal(t, 9.0, res.Total)
	require.NoError(t, Verify(2, 3, b, res))

	// More rows than columns: every column gets a row; a transposed view
	// gives the transposed assignment.
	res, err = Matrix(ctx, mat.NewDense(2, 3, b).T())
	require.NoError(t, err)
	assert.Equal(t, []int{1, 0, -1}, res.RowCol)
	assert.Equal(t, 9.0, res.Total)

	res, err = Matrix(ctx, mat.NewDense(1, 2, []float64{MaxBenefit, -MaxBenefit}))
	require.NoError(t, err)
	assert.Equal(t, MaxBenefit, res.Total)
}

func TestMatrixErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Matrix(ctx, nil)
	require.ErrorIs(t, err, ErrSize)

	_, err = Matrix(ctx, mat.NewDense(2, 2, []float64{1, math.Inf(-1), 2, math.Inf(-1)}))
	require.ErrorIs(t, err, ErrInfeasible)
	_, err = Matrix(ctx, mat.NewDense(1, 1, []float64{math.Inf(1)}))
	require.ErrorIs(t, err, ErrInvalidBenefit)
	_, err = Matrix(ctx, mat.NewDense(1, 2, []float64{1, 1e308}))
	require.ErrorIs(t, err, ErrInvalidBenefit)
	assert.Contains(t, err.Error(), "cell (0,1)")

	// Sizes beyond the limits are rejected before the matrix is copied.
	for _, d := range [][2]int{{0, 1 << 31}, {0, math.MaxInt}, {math.MaxInt, math.MaxInt}, {1 << 20, 1 << 20}} {
		var err error
		bytes := allocatedBy(func() { _, err = Matrix(ctx, hugeDims{d[0], d[1]}) })
		require.ErrorIs(t, err, ErrSize, "%v", d)
		assert.Less(t, bytes, uint64(1<<20), "%v", d)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Matrix(cancelled, hugeDims{3, 3})
	require.ErrorIs(t, err, context.Canceled)
}
