package pairing

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zeros is an endless reader of zero bytes, like /dev/zero; it counts what
// was read.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

// TestReadHistoryLimit: issue 20's `--history /dev/zero` reached 4.4 GB; now
// reading stops one byte past MaxHistoryBytes with an error naming it.
func TestReadHistoryLimit(t *testing.T) {
	z := &zeros{}
	_, err := ReadHistory(z)
	require.ErrorIs(t, err, ErrInvalidHistory)
	assert.Contains(t, err.Error(), "limit of 67108864 bytes (64 MiB)")
	assert.Contains(t, err.Error(), "at byte 67108865")
	assert.LessOrEqual(t, z.n, int64(MaxHistoryBytes+64<<10), "read far past the limit")

	// At the limit exactly, the input is read.
	row := "round,a,b\n"
	in := row + strings.Repeat("1,x,y\n", (100-len(row))/6)
	h, err := readHistory(strings.NewReader(in), int64(len(in)))
	require.NoError(t, err)
	assert.Len(t, h.Rounds, 1)
	_, err = readHistory(strings.NewReader(in+"2,x,y\n"), int64(len(in)))
	require.ErrorIs(t, err, ErrInvalidHistory)
	assert.Contains(t, err.Error(), "limit of 100 bytes: reading stopped at byte 101")
}

// FuzzReadHistoryLimit reads fuzzer-made histories under a small size limit:
// an input beyond it is an error that names the limit, anything else is
// read as ReadHistory reads it, and nothing panics.
func FuzzReadHistoryLimit(f *testing.F) {
	f.Add([]byte("round,a,b\n1,x,y\n2,x,\n"), uint16(64))
	f.Add([]byte(`{"pairs":[{"a":"x","b":"y"}],"unmatched":[{"id":"z"}]}`), uint16(16))
	f.Add([]byte(`[{"round":3,"pairs":[{"a":"x","b":"y","c":"z"}]}]`), uint16(1000))
	f.Add(make([]byte, 300), uint16(256)) // /dev/zero, shortened
	f.Add([]byte("round,a,b\n1,a\x1b[2J,b\n"), uint16(100))
	f.Fuzz(func(t *testing.T, data []byte, limit uint16) {
		h, err := readHistory(bytes.NewReader(data), int64(limit))
		if len(data) > int(limit) {
			require.ErrorIs(t, err, ErrInvalidHistory)
			require.Contains(t, err.Error(), "longer than the limit")
			return
		}
		h2, err2 := ReadHistory(io.MultiReader(bytes.NewReader(data)))
		require.Equal(t, err == nil, err2 == nil)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidHistory)
			return
		}
		require.Equal(t, h2, h)
	})
}
