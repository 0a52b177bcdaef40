package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHarness(t *testing.T) {
	png := filepath.Join(t.TempDir(), "chart.png")
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-sizes", "12,30", "-seeds", "2", "-skills", "8", "-png", png}, &out))
	text := out.String()
	assert.Contains(t, text, "means over 2 seeds; 8 skills")
	assert.Contains(t, text, "chart written to "+png)
	lines := strings.Split(text, "\n")
	rows := 0
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) >= 11 && (f[0] == "12" || f[0] == "30") {
			rows++
			if f[2] == "optimal" {
				assert.Equal(t, "1.000", f[5], "optimal is its own reference: %s", l)
			}
		}
	}
	assert.Equal(t, 2*4*6, rows, "sizes × shapes × strategies:\n%s", text)

	data, err := os.ReadFile(png)
	require.NoError(t, err)
	require.Greater(t, len(data), 1000)
	assert.Equal(t, "\x89PNG\r\n\x1a\n", string(data[:8]))
}

// TestMeasure checks the averaged metrics against what the strategies
// guarantee on every population.
func TestMeasure(t *testing.T) {
	cfg, err := parse([]string{"-sizes", "10,24", "-seeds", "3", "-skills", "6", "-strategies", "greedy,maxmin,random,stable"})
	require.NoError(t, err)
	require.Equal(t, "optimal", cfg.strategies[0].Name(), "optimal is added as the reference")
	cells, err := measure(context.Background(), cfg)
	require.NoError(t, err)
	require.Len(t, cells, 2*4*5)
	byKey := map[[3]string]cell{}
	for _, c := range cells {
		byKey[[3]string{itoa(c.size), c.shape, c.strategy}] = c
	}
	for _, c := range cells {
		opt := byKey[[3]string{itoa(c.size), c.shape, "optimal"}]
		// Optimal forms the most pairs possible; MaxMin as many.
		assert.LessOrEqual(t, c.pairs, opt.pairs, "%+v", c)
		if c.strategy == "maxmin" {
			assert.Equal(t, opt.pairs, c.pairs)
		}
		// A stable matching has no blocking pair.
		if c.strategy == "stable" && c.noStable == 0 {
			assert.Zero(t, c.blocking, "%+v", c)
		}
		assert.GreaterOrEqual(t, c.coverage, 0.0)
		assert.LessOrEqual(t, c.coverage, 1.0)
		assert.GreaterOrEqual(t, c.equity, 0.0)
		assert.LessOrEqual(t, c.equity, 1.0)
	}
	// Same flags, same numbers (times aside).
	again, err := measure(context.Background(), cfg)
	require.NoError(t, err)
	for i := range cells {
		a, b := cells[i], again[i]
		a.elapsed, b.elapsed = 0, 0
		// pairing's Metrics sums WantCoverage and Equity in map order before
		// rounding them to 3 decimals, so they may differ by 0.001 between
		// runs (reported to the pairing owner); every other number is exact.
		assert.InDelta(t, a.coverage, b.coverage, 0.0011)
		assert.InDelta(t, a.equity, b.equity, 0.0011)
		a.coverage, b.coverage, a.equity, b.equity = 0, 0, 0, 0
		assert.Equal(t, a, b)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-sizes", "1"}, {"-sizes", "ten"}, {"-seeds", "0"}, {"-skills", "0"},
		{"-shapes", "round"}, {"-strategies", "best"}, {"-bogus"}, {"extra"},
	} {
		assert.Error(t, run(context.Background(), args, &bytes.Buffer{}), "%v", args)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, run(ctx, []string{"-sizes", "30", "-seeds", "1"}, &bytes.Buffer{}), context.Canceled)
}
