package matching

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDenseErrors(t *testing.T) {
	ctx := context.Background()
	inf := math.Inf(1)
	tests := []struct {
		name string
		n    int
		w    []float64
		want error
		msg  string
	}{
		{"size", 2, []float64{0, 1, 1}, ErrInvalidInput, "len(w)"},
		{"negative n", -1, nil, ErrInvalidInput, "n = -1"},
		{"nan", 2, []float64{0, math.NaN(), math.NaN(), 0}, ErrInvalidWeight, "w[0][1]"},
		{"inf", 3, []float64{0, 1, 2, 1, 0, inf, 2, inf, 0}, ErrInvalidWeight, "w[1][2]"},
		{"asymmetric", 2, []float64{0, 1, 2, 0}, ErrInvalidInput, "asymmetric"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Dense(ctx, tc.n, tc.w, Options{})
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestSparseErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		edges []Edge
		want  error
		msg   string
	}{
		{"range", []Edge{{0, 1, 1}, {0, 3, 1}}, ErrInvalidInput, "edge 1"},
		{"negative vertex", []Edge{{-1, 1, 1}}, ErrInvalidInput, "edge 0"},
		{"loop", []Edge{{0, 1, 1}, {1, 2, 1}, {2, 2, 1}}, ErrInvalidInput, "edge 2"},
		{"nan", []Edge{{0, 1, math.NaN()}}, ErrInvalidWeight, "edge 0"},
		{"inf", []Edge{{0, 1, 1}, {0, 1, math.Inf(1)}}, ErrInvalidWeight, "edge 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Sparse(ctx, 3, tc.edges, Options{})
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestSmallCases(t *testing.T) {
	ctx := context.Background()
	ninf := math.Inf(-1)
	tests := []struct {
		name    string
		n       int
		edges   []Edge
		maxcard bool
		total   float64
		mate    []int
	}{
		{"empty", 0, nil, false, 0, []int{}},
		{"single", 1, nil, false, 0, []int{-1}},
		{"edge", 2, []Edge{{0, 1, 5}}, false, 5, []int{1, 0}},
		{"forbidden", 2, []Edge{{0, 1, ninf}}, false, 0, []int{-1, -1}},
		{"negative", 2, []Edge{{0, 1, -3}}, false, 0, []int{-1, -1}},
		{"negative maxcard", 2, []Edge{{0, 1, -3}}, true, -3, []int{1, 0}},
		{"path", 4, []Edge{{0, 1, 2}, {1, 2, 3}, {2, 3, 2}}, false, 4, []int{1, 0, 3, 2}},
		{"path heavy middle", 4, []Edge{{0, 1, 2}, {1, 2, 5}, {2, 3, 2}}, false, 5, []int{-1, 2, 1, -1}},
		{"path heavy middle maxcard", 4, []Edge{{0, 1, 2}, {1, 2, 5}, {2, 3, 2}}, true, 4, []int{1, 0, 3, 2}},
		{"triangle", 3, []Edge{{0, 1, 1}, {1, 2, 2}, {0, 2, 3}}, false, 3, []int{2, -1, 0}},
		{"parallel", 2, []Edge{{0, 1, 1}, {1, 0, 7}, {0, 1, 2}}, false, 7, []int{1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{MaxCardinality: tc.maxcard}
			r, err := Sparse(ctx, tc.n, tc.edges, opt)
			require.NoError(t, err)
			assert.Equal(t, tc.total, r.Total)
			assert.Equal(t, tc.mate, r.Mate)
			require.NoError(t, Verify(tc.n, tc.edges, r, opt))
		})
	}
}

func TestVerifyRejects(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 7))
	n := 10
	w, edges := randomInstance(rng, n, genInt, 1)
	r, err := Dense(ctx, n, w, Options{})
	require.NoError(t, err)
	require.NoError(t, Verify(n, edges, r, Options{}))
	clone := func() Result {
		c := r
		c.Mate = append([]int(nil), r.Mate...)
		c.VertexDual = append([]float64(nil), r.VertexDual...)
		c.Leaf = append([]int(nil), r.Leaf...)
		c.Blossoms = append([]Blossom(nil), r.Blossoms...)
		return c
	}
	u := 0
	v := r.Mate[u]
	require.NotEqual(t, -1, v)
	mutations := map[string]func(*Result){
		"total":      func(c *Result) { c.Total++ },
		"objective":  func(c *Result) { c.DualObjective++ },
		"unmatch":    func(c *Result) { c.Mate[u], c.Mate[v] = -1, -1 },
		"asymmetric": func(c *Result) { c.Mate[u] = -1 },
		"dual down":  func(c *Result) { c.VertexDual[u] -= 1; c.VertexDual[v] += 1; c.VertexDual[(u+1)%n] -= 1000 },
		"dual up":    func(c *Result) { c.VertexDual[u] += 1 },
		"leaf":       func(c *Result) { c.Leaf[u] = 99 },
		"single":     func(c *Result) { c.SingleDual = 1 },
	}
	for name, mut := range mutations {
		t.Run(name, func(t *testing.T) {
			c := clone()
			mut(&c)
			require.ErrorIs(t, Verify(n, edges, c, Options{}), ErrNotOptimal)
		})
	}
	// A maximum-weight matching that is not of maximum size is rejected in
	// MaxCardinality mode.
	path := []Edge{{0, 1, 2}, {1, 2, 5}, {2, 3, 2}}
	r, err = Sparse(ctx, 4, path, Options{})
	require.NoError(t, err)
	require.ErrorIs(t, Verify(4, path, r, Options{MaxCardinality: true}), ErrNotOptimal)
}

func TestSlack(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		n := 2 + rng.IntN(30)
		w, edges := randomInstance(rng, n, genTies, 0.5)
		r, err := Dense(ctx, n, w, Options{})
		require.NoError(t, err)
		for _, e := range edges {
			if !math.IsInf(e.W, -1) {
				require.GreaterOrEqual(t, r.Slack(e.U, e.V, e.W), 0.0)
				require.Equal(t, r.Slack(e.U, e.V, e.W), r.Slack(e.V, e.U, e.W))
			}
		}
		for v, u := range r.Mate {
			if u >= 0 {
				require.Equal(t, 0.0, r.Slack(v, u, w[v*n+u]))
			}
		}
		// Pricing: a pruned edge heavier than the slack allows has negative
		// slack.
		require.Less(t, r.Slack(0, 1, r.VertexDual[0]+r.VertexDual[1]+1000), 0.0)
	}
}

func TestContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Dense(ctx, 3, make([]float64, 9), Options{})
	require.ErrorIs(t, err, context.Canceled)

	n := 3000
	if raceEnabled || testing.Short() {
		n = 600
	}
	w := completeInt(n, 5)
	for _, wait := range []time.Duration{30 * time.Millisecond, 400 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		var stopped time.Time
		go func() {
			_, err := Dense(ctx, n, w, Options{})
			stopped = time.Now()
			done <- err
		}()
		time.Sleep(wait)
		at := time.Now()
		cancel()
		err = <-done
		if err == nil {
			continue // solved before cancellation
		}
		require.ErrorIs(t, err, context.Canceled)
		limit := 100 * time.Millisecond
		if raceEnabled {
			limit = time.Second // the race detector slows everything ~10×
		}
		assert.Less(t, stopped.Sub(at), limit, "cancelled after %v", wait)
	}
}

func TestInstanceRoundTrip(t *testing.T) {
	edges := []Edge{{0, 1, 1.5}, {2, 1, -3}, {0, 2, math.Inf(-1)}, {3, 0, 0.1}}
	var buf bytes.Buffer
	require.NoError(t, WriteInstance(&buf, 4, edges))
	n, got, err := ReadInstance(&buf)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	assert.Equal(t, edges, got)
}

func TestReadInstanceErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
		msg      string
	}{
		{"empty", "", ErrFormat, "empty"},
		{"header", "3\n", ErrFormat, "line 1"},
		{"header text", "a b\n", ErrFormat, "line 1"},
		{"huge n", "999999999999 1\n", ErrInvalidInput, "line 1"},
		{"huge m", "3 999999999999\n", ErrInvalidInput, "line 1"},
		{"hostile m", "3 100000000\n0 1 1\n", ErrFormat, "found 1 edges"},
		{"fields", "3 1\n0 1\n", ErrFormat, "line 2"},
		{"vertex", "3 2\n0 1 1\n\n0 x 1\n", ErrFormat, "line 4"},
		{"weight", "3 1\n0 1 abc\n", ErrFormat, "line 2"},
		{"range", "3 1\n0 3 1\n", ErrInvalidInput, "line 2"},
		{"loop", "3 1\n1 1 1\n", ErrInvalidInput, "line 2"},
		{"nan", "3 1\n0 1 NaN\n", ErrInvalidWeight, "line 2"},
		{"inf", "3 1\n0 1 +inf\n", ErrInvalidWeight, "line 2"},
		{"trailing", "3 1\n0 1 1\n1 2 1\n", ErrFormat, "line 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadInstance(strings.NewReader(tc.in))
			require.Error(t, err)
			require.True(t, errors.Is(err, tc.want), "%v", err)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}
