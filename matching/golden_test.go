package matching

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGoldenNetworkX compares totals with those NetworkX's
// max_weight_matching found on the same 200 instances (n = 50..300, random
// graphs of several densities with integer and float weights, and
// roster-shaped "people" graphs). testdata/gen_golden.sh regenerates the
// files.
func TestGoldenNetworkX(t *testing.T) {
	f, err := os.Open("testdata/golden.txt.gz")
	require.NoError(t, err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	require.NoError(t, err)
	in := bufio.NewReader(gz)
	tf, err := os.ReadFile("testdata/golden_totals.txt")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(tf)), "\n")
	require.Len(t, lines, 200)
	ctx := context.Background()
	maxcards := 0
	for _, line := range lines {
		fields := strings.Fields(line)
		require.Len(t, fields, 4, line)
		n, edges := readOneInstance(t, in)
		integral := true
		for _, e := range edges {
			integral = integral && e.W == math.Trunc(e.W)
		}
		for mode, s := range fields[2:] {
			if s == "-" {
				continue
			}
			want, err := strconv.ParseFloat(s, 64)
			require.NoError(t, err)
			opt := Options{MaxCardinality: mode == 1}
			if opt.MaxCardinality {
				maxcards++
			}
			r, err := Sparse(ctx, n, edges, opt)
			require.NoError(t, err)
			if integral {
				require.Equal(t, want, r.Total, "%s maxcard=%v", fields[1], opt.MaxCardinality)
			} else {
				require.InDelta(t, want, r.Total, 1e-9*math.Max(1, math.Abs(want)), "%s maxcard=%v", fields[1], opt.MaxCardinality)
			}
			require.NoError(t, Verify(n, edges, r, opt), fields[1])
		}
	}
	require.GreaterOrEqual(t, maxcards, 100)
}

// readOneInstance reads the next instance of a concatenation: a header
// "n m" and m edge lines.
func readOneInstance(t *testing.T, in *bufio.Reader) (int, []Edge) {
	t.Helper()
	header, err := in.ReadString('\n')
	require.NoError(t, err)
	var n, m int
	_, err = fmt.Sscan(header, &n, &m)
	require.NoError(t, err)
	var b strings.Builder
	b.WriteString(header)
	for range m {
		line, err := in.ReadString('\n')
		require.NoError(t, err)
		b.WriteString(line)
	}
	n2, edges, err := ReadInstance(strings.NewReader(b.String()))
	require.NoError(t, err)
	require.Equal(t, n, n2)
	return n, edges
}
