package assign

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzSolve decodes a small matrix from the fuzzer's bytes (each cell one
// float64, with a few byte values mapped to -Inf and tiny integers so that
// forbidden cells and ties are common) and checks that Solve either returns
// a result that Verify accepts and that brute force agrees with, or a clean
// sentinel error.
func FuzzSolve(f *testing.F) {
	f.Add(uint8(2), uint8(3), []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add(uint8(3), uint8(2), []byte{0xff, 0, 0xff, 0, 0xff, 0})
	f.Add(uint8(4), uint8(4), []byte("forbidden cells and ties 0123456789"))
	// Issue 20: benefits at the float64 extremes and at ±MaxBenefit.
	f.Add(uint8(1), uint8(2), append([]byte{0xfe}, binary.LittleEndian.AppendUint64(nil, math.Float64bits(1e308))...))
	f.Add(uint8(2), uint8(2), append(append([]byte{0xfe}, binary.LittleEndian.AppendUint64(nil, math.Float64bits(MaxBenefit))...),
		append([]byte{0xfe}, binary.LittleEndian.AppendUint64(nil, math.Float64bits(-MaxBenefit))...)...))
	f.Fuzz(func(t *testing.T, r, c uint8, data []byte) {
		rows, cols := int(r%7), int(c%7)
		b := make([]float64, rows*cols)
		for k := range b {
			if len(data) == 0 {
				break
			}
			switch tag := data[0]; {
			case tag == 0xff:
				b[k] = math.Inf(-1)
				data = data[1:]
			case tag == 0xfe && len(data) >= 9:
				b[k] = math.Float64frombits(binary.LittleEndian.Uint64(data[1:9]))
				data = data[9:]
			default:
				b[k] = float64(int(tag%16) - 4)
				data = data[1:]
			}
		}
		res, err := Solve(context.Background(), rows, cols, b)
		if err != nil {
			require.True(t, errors.Is(err, ErrInfeasible) || errors.Is(err, ErrInvalidBenefit), "%v", err)
			if errors.Is(err, ErrInfeasible) {
				_, ok := bruteForce(rows, cols, b)
				require.False(t, ok, "Solve says infeasible but brute force found an assignment: %v", b)
			}
			return
		}
		require.NoError(t, Verify(rows, cols, b, res), "%d×%d %v", rows, cols, b)
		want, ok := bruteForce(rows, cols, b)
		if rows > 0 && cols > 0 {
			require.True(t, ok)
			scale := 1.0
			for _, v := range b {
				if !math.IsInf(v, 0) {
					scale = math.Max(scale, math.Abs(v))
				}
			}
			require.InDelta(t, want, res.Total, 1e-9*scale*float64(rows+cols))
		}
	})
}
