package pairing

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// hugeDims is a mat.Matrix and mat.Symmetric that claims any size and
// reads as zero: a lazily computed matrix, or a hostile one.
type hugeDims struct{ r, c int }

func (h hugeDims) Dims() (int, int)    { return h.r, h.c }
func (h hugeDims) At(i, j int) float64 { return 0 }
func (h hugeDims) T() mat.Matrix       { return hugeDims{h.c, h.r} }
func (h hugeDims) SymmetricDim() int   { return h.r }

// Issue 20 item 1 through the public API: MatchEdges with a weight near
// the float64 limit used to run until the context deadline.
func TestMatchEdgesHugeWeight(t *testing.T) {
	for _, maxcard := range []bool{false, true} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		start := time.Now()
		_, err := MatchEdges(ctx, 2, []Edge{{0, 1, 1e308}}, MatchOptions{MaxCardinality: maxcard})
		cancel()
		require.ErrorIs(t, err, ErrInvalidWeight)
		assert.Contains(t, err.Error(), "edge 0")
		assert.Less(t, time.Since(start), time.Second)
	}
	// Item 4: the same path shape within the limit gets the heavy middle
	// edge and a finite bound.
	m, err := MatchEdges(context.Background(), 4, []Edge{{0, 1, 4e14}, {1, 2, 1e15}, {2, 3, 4e14}}, MatchOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1e15, m.Total)
	assert.Equal(t, 1e15, m.DualObjective)

	w := mat.NewSymDense(2, []float64{0, 1e308, 1e308, 0})
	_, err = Match(context.Background(), w, MatchOptions{MaxCardinality: true})
	require.ErrorIs(t, err, ErrInvalidWeight)
}

// Item 2 through the public API: sizes beyond the solvers' limits are
// errors before anything is copied or allocated.
func TestSolveSizeLimits(t *testing.T) {
	_, err := MatchEdges(context.Background(), 1<<26, nil, MatchOptions{})
	require.ErrorIs(t, err, ErrInvalidWeight)
	assert.Contains(t, err.Error(), "MaxVertices")

	for _, n := range []int{14143, 1 << 26, math.MaxInt} {
		_, err = Match(context.Background(), hugeDims{n, n}, MatchOptions{})
		require.ErrorIs(t, err, ErrInvalidWeight, "n = %d", n)
	}
	for _, d := range [][2]int{{0, 1 << 31}, {0, math.MaxInt}, {math.MaxInt, math.MaxInt}, {1 << 20, 1 << 20}} {
		_, err = Assign(context.Background(), hugeDims{d[0], d[1]})
		require.ErrorIs(t, err, ErrInvalidWeight, "%v", d)
	}
	a, err := Assign(context.Background(), mat.NewDense(1, 2, []float64{1e15, -1e15}))
	require.NoError(t, err)
	assert.Equal(t, 1e15, a.Total)
	_, err = Assign(context.Background(), mat.NewDense(1, 2, []float64{1, 1e308}))
	require.ErrorIs(t, err, ErrInvalidWeight)
}
