package matching

import (
	"context"
	"encoding/binary"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

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

// Issue 20 item 1: a weight near the top of the float64 range overflowed
// when doubled, and the maximum-cardinality solve never ended.
func TestHugeWeightIsRejected(t *testing.T) {
	for _, maxcard := range []bool{false, true} {
		for _, w := range []float64{1e308, 5e307, math.MaxFloat64, -1e308, MaxWeight * (1 + 1e-15)} {
			opt := Options{MaxCardinality: maxcard}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, err := Sparse(ctx, 2, []Edge{{0, 1, w}}, opt)
			cancel()
			require.ErrorIs(t, err, ErrInvalidWeight, "weight %g maxcard %v", w, maxcard)
			assert.Contains(t, err.Error(), "edge 0")
			assert.Contains(t, err.Error(), "MaxWeight")

			d := []float64{0, w, w, 0}
			_, err = Dense(context.Background(), 2, d, opt)
			require.ErrorIs(t, err, ErrInvalidWeight, "weight %g maxcard %v", w, maxcard)
			assert.Contains(t, err.Error(), "w[0][1]")
		}
	}
	_, _, err := ReadInstance(strings.NewReader("2 1\n0 1 1e308\n"))
	require.ErrorIs(t, err, ErrInvalidWeight)
	assert.Contains(t, err.Error(), "line 2")
	for _, in := range []string{"2 1\n0 1 1e400\n", "2 1\n0 1 -1e400\n"} {
		_, _, err = ReadInstance(strings.NewReader(in))
		require.ErrorIs(t, err, ErrInvalidWeight, "%q", in)
		assert.Contains(t, err.Error(), "line 2")
	}
}

// Weights at ±MaxWeight are valid and solved exactly, with a finite
// certificate, with and without MaxCardinality.
func TestMaxWeightIsSolved(t *testing.T) {
	edges := []Edge{{0, 1, MaxWeight}, {1, 2, -MaxWeight}, {2, 3, MaxWeight}, {3, 4, -MaxWeight}, {4, 0, 1}}
	for _, maxcard := range []bool{false, true} {
		opt := Options{MaxCardinality: maxcard}
		r, err := Sparse(context.Background(), 5, edges, opt)
		require.NoError(t, err)
		require.NoError(t, Verify(5, edges, r, opt))
		assert.Equal(t, 2*MaxWeight, r.Total)
		assert.False(t, math.IsInf(r.DualObjective, 0) || math.IsNaN(r.DualObjective))
	}
}

// Issue 20 item 4: on a path whose middle edge is heavier than the two
// outer ones together, doubled weights overflowed and the solver returned
// the outer pair with "dual bound +Inf". Such weights are now an error;
// the same shape within MaxWeight gets the right answer and a finite
// bound.
func TestPathNearFloatLimit(t *testing.T) {
	_, err := Sparse(context.Background(), 4, []Edge{{0, 1, 8e307}, {1, 2, 1.7e308}, {2, 3, 8e307}}, Options{})
	require.ErrorIs(t, err, ErrInvalidWeight)
	assert.Contains(t, err.Error(), "edge 0")

	edges := []Edge{{0, 1, 0.4 * MaxWeight}, {1, 2, MaxWeight}, {2, 3, 0.4 * MaxWeight}}
	for _, maxcard := range []bool{false, true} {
		opt := Options{MaxCardinality: maxcard}
		r, err := Sparse(context.Background(), 4, edges, opt)
		require.NoError(t, err)
		require.NoError(t, Verify(4, edges, r, opt))
		want := MaxWeight
		if maxcard {
			want = 0.8 * MaxWeight
		}
		assert.Equal(t, want, r.Total)
		assert.Equal(t, r.Total, r.DualObjective)
	}
}

// Issue 20 item 2: a header asking for 2^26 vertices made the solver
// allocate gigabytes before the first edge. Headers and sizes beyond the
// limits are rejected before anything is allocated.
func TestSizeLimits(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"67108864 0\n", "MaxVertices"},
		{"10000001 0\n", "MaxVertices"},
		{"-1 0\n", "MaxVertices"},
		{"2 100000001\n", "MaxEdges"},
		{"2 9223372036854775807\n", "MaxEdges"},
		{"9223372036854775807 0\n", "MaxVertices"},
	} {
		var err error
		bytes := allocatedBy(func() { _, _, err = ReadInstance(strings.NewReader(tc.in)) })
		require.ErrorIs(t, err, ErrInvalidInput, "%q", tc.in)
		assert.Contains(t, err.Error(), "line 1", "%q", tc.in)
		assert.Contains(t, err.Error(), tc.want, "%q", tc.in)
		assert.Less(t, bytes, uint64(1<<20), "%q", tc.in)
	}
	for _, n := range []int{MaxVertices + 1, 1 << 26, math.MaxInt} {
		var err error
		bytes := allocatedBy(func() { _, err = Sparse(context.Background(), n, nil, Options{}) })
		require.ErrorIs(t, err, ErrInvalidInput)
		assert.Contains(t, err.Error(), "MaxVertices")
		assert.Less(t, bytes, uint64(1<<20))
		_, err = Dense(context.Background(), n, nil, Options{})
		require.ErrorIs(t, err, ErrInvalidInput)
	}
	n, edges, err := ReadInstance(strings.NewReader("10000000 0\n"))
	require.NoError(t, err)
	assert.Equal(t, MaxVertices, n)
	assert.Empty(t, edges)
}

// FuzzSparseWeights feeds Sparse arbitrary float64 weights (any bit
// pattern: NaN, ±Inf, subnormals, values beyond MaxWeight) on up to 8
// vertices. Sparse must return ErrInvalidWeight exactly when a weight is
// invalid, and otherwise a verified optimum with finite Total and
// DualObjective that agrees with brute force. Each edge is 10 bytes:
// u, v, then the weight's bits (little-endian); the first byte sets n and
// the second MaxCardinality.
func FuzzSparseWeights(f *testing.F) {
	enc := func(n int, maxcard bool, edges ...Edge) []byte {
		b := []byte{byte(n), 0}
		if maxcard {
			b[1] = 1
		}
		for _, e := range edges {
			b = append(b, byte(e.U), byte(e.V))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(e.W))
		}
		return b
	}
	f.Add(enc(2, true, Edge{0, 1, 1e308}))                                                      // issue 20 item 1
	f.Add(enc(4, false, Edge{0, 1, 8e307}, Edge{1, 2, 1.7e308}, Edge{2, 3, 8e307}))             // item 4
	f.Add(enc(4, true, Edge{0, 1, 4e14}, Edge{1, 2, 1e15}, Edge{2, 3, 4e14}))                   // item 4, valid
	f.Add(enc(5, true, Edge{0, 1, 1e15}, Edge{1, 2, -1e15}, Edge{2, 3, 1e-300}, Edge{3, 4, 7})) // mixed scales
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		n := 1 + int(data[0])%8
		opt := Options{MaxCardinality: data[1]&1 != 0}
		var edges []Edge
		valid := true
		for d := data[2:]; len(d) >= 10 && len(edges) < 16; d = d[10:] {
			u, v := int(d[0])%n, int(d[1])%n
			if u == v {
				continue
			}
			w := math.Float64frombits(binary.LittleEndian.Uint64(d[2:10]))
			if checkWeight(w) != "" {
				valid = false
			}
			edges = append(edges, Edge{U: u, V: v, W: w})
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		r, err := Sparse(ctx, n, edges, opt)
		if !valid {
			require.ErrorIs(t, err, ErrInvalidWeight)
			return
		}
		require.NoError(t, err)
		require.False(t, math.IsInf(r.Total, 0) || math.IsNaN(r.Total), "total %v", r.Total)
		require.False(t, math.IsInf(r.DualObjective, 0) || math.IsNaN(r.DualObjective), "dual %v", r.DualObjective)
		require.NoError(t, Verify(n, edges, r, opt), "n=%d edges=%v", n, edges)
		want, _ := bruteForce(n, denseOf(n, edges), opt.MaxCardinality)
		scale := 1.0
		for _, e := range edges {
			if !math.IsInf(e.W, -1) {
				scale = max(scale, math.Abs(e.W))
			}
		}
		require.InDelta(t, want, r.Total, 1e-9*scale*float64(n+1), "n=%d edges=%v", n, edges)
	})
}

// FuzzDenseWeights is FuzzSparseWeights for Dense: the bytes fill the
// upper triangle of an n×n matrix with arbitrary float64 weights.
func FuzzDenseWeights(f *testing.F) {
	f.Add(uint8(2), true, binary.LittleEndian.AppendUint64(nil, math.Float64bits(1e308)))
	f.Add(uint8(3), false, binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, math.Float64bits(1.7e308)), math.Float64bits(8e307)))
	f.Add(uint8(4), true, binary.LittleEndian.AppendUint64(nil, math.Float64bits(-1e15)))
	f.Fuzz(func(t *testing.T, size uint8, maxcard bool, data []byte) {
		n := 1 + int(size)%7
		opt := Options{MaxCardinality: maxcard}
		w := make([]float64, n*n)
		var edges []Edge
		valid := true
		for i := range n {
			w[i*n+i] = math.Inf(-1)
			for j := i + 1; j < n; j++ {
				x := math.Inf(-1)
				if len(data) >= 8 {
					x = math.Float64frombits(binary.LittleEndian.Uint64(data))
					data = data[8:]
				}
				if checkWeight(x) != "" {
					valid = false
				}
				w[i*n+j], w[j*n+i] = x, x
				edges = append(edges, Edge{U: i, V: j, W: x})
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		r, err := Dense(ctx, n, w, opt)
		if !valid {
			require.ErrorIs(t, err, ErrInvalidWeight)
			return
		}
		require.NoError(t, err)
		require.False(t, math.IsInf(r.Total, 0) || math.IsNaN(r.Total), "total %v", r.Total)
		require.False(t, math.IsInf(r.DualObjective, 0) || math.IsNaN(r.DualObjective), "dual %v", r.DualObjective)
		require.NoError(t, Verify(n, edges, r, opt), "n=%d edges=%v", n, edges)
	})
}
