package matching

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// hugeSym is a mat.Symmetric that claims any size and reads as zero: a
// lazily computed matrix, or a hostile one.
type hugeSym struct{ n int }

func (h hugeSym) Dims() (int, int)    { return h.n, h.n }
func (h hugeSym) At(i, j int) float64 { return 0 }
func (h hugeSym) T() mat.Matrix       { return h }
func (h hugeSym) SymmetricDim() int   { return h.n }

// denseEdges lists the finite pairs of w for Verify.
func denseEdges(w mat.Symmetric) []Edge {
	var es []Edge
	n := w.SymmetricDim()
	for i := range n {
		for j := i + 1; j < n; j++ {
			if x := w.At(i, j); !math.IsInf(x, -1) {
				es = append(es, Edge{U: i, V: j, W: x})
			}
		}
	}
	return es
}

func TestSymmetric(t *testing.T) {
	ctx := context.Background()
	w := mat.NewSymDense(4, []float64{
		0, 1, 3, 0,
		1, 0, 0, 2,
		3, 0, 0, 5,
		0, 2, 5, 0,
	})
	r, err := Symmetric(ctx, w, Options{})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 0, 3, 2}, r.Mate) // 1 + 5 beats 3 + 2
	assert.Equal(t, 6.0, r.Total)
	assert.Equal(t, r.Total, r.DualObjective)
	require.NoError(t, Verify(4, denseEdges(w), r, Options{}))
	for i := range 4 {
		for j := i + 1; j < 4; j++ {
			assert.GreaterOrEqual(t, r.Slack(i, j, w.At(i, j)), 0.0)
		}
	}

	// The star of MaxCardinality: the heavy edge alone, or both light ones.
	inf := math.Inf(-1)
	star := mat.NewSymDense(4, []float64{
		inf, 10, inf, 1,
		10, inf, 1, inf,
		inf, 1, inf, inf,
		1, inf, inf, inf,
	})
	r, err = Symmetric(ctx, star, Options{})
	require.NoError(t, err)
	assert.Equal(t, 10.0, r.Total)
	r, err = Symmetric(ctx, star, Options{MaxCardinality: true})
	require.NoError(t, err)
	assert.Equal(t, []int{3, 2, 1, 0}, r.Mate)
	assert.Equal(t, 2.0, r.Total)
	require.NoError(t, Verify(4, denseEdges(star), r, Options{MaxCardinality: true}))

	r, err = Symmetric(ctx, mat.NewSymDense(1, nil), Options{})
	require.NoError(t, err)
	assert.Equal(t, []int{-1}, r.Mate)
}

func TestSymmetricErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Symmetric(ctx, nil, Options{})
	require.ErrorIs(t, err, ErrInvalidInput)

	// Issue 20 item 1 through a gonum matrix.
	for _, maxcard := range []bool{false, true} {
		w := mat.NewSymDense(2, []float64{0, 1e308, 1e308, 0})
		_, err = Symmetric(ctx, w, Options{MaxCardinality: maxcard})
		require.ErrorIs(t, err, ErrInvalidWeight)
		assert.Contains(t, err.Error(), "w[0][1]")
	}
	_, err = Symmetric(ctx, mat.NewSymDense(2, []float64{0, math.NaN(), math.NaN(), 0}), Options{})
	require.ErrorIs(t, err, ErrInvalidWeight)

	// Item 2: sizes beyond MaxEdges pairs are rejected before the matrix
	// is copied.
	for _, n := range []int{-1, maxDenseDim + 1, 1 << 26, math.MaxInt} {
		var err error
		bytes := allocatedBy(func() { _, err = Symmetric(ctx, hugeSym{n}, Options{}) })
		require.ErrorIs(t, err, ErrInvalidInput, "n = %d", n)
		assert.Contains(t, err.Error(), "MaxEdges", "n = %d", n)
		assert.Less(t, bytes, uint64(1<<20), "n = %d", n)
	}
	assert.LessOrEqual(t, maxDenseDim*(maxDenseDim-1)/2, MaxEdges)
	assert.Greater(t, (maxDenseDim+1)*maxDenseDim/2, MaxEdges)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Symmetric(cancelled, hugeSym{100}, Options{})
	require.ErrorIs(t, err, context.Canceled)
}
