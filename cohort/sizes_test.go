package cohort

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSizeOptions: zero sizes mean the defaults; negative sizes are errors
// that name the value, for MinSize and MaxSize alike.
func TestSizeOptions(t *testing.T) {
	for _, tc := range []struct {
		min, max         int
		wantMin, wantMax int
		err              string
	}{
		{0, 0, DefaultMinSize, DefaultMaxSize, ""},
		{3, 0, 3, DefaultMaxSize, ""},
		{12, 0, 12, 12, ""},
		{0, 8, DefaultMinSize, 8, ""},
		{-1, 5, 0, 0, "minimum group size -1 is below 1"},
		{2, -1, 0, 0, "maximum group size -1 is below 1"},
		{0, 4, 0, 0, "minimum group size 6 is above the maximum 4"},
	} {
		s, err := Options{MinSize: tc.min, MaxSize: tc.max}.resolve()
		if tc.err != "" {
			require.ErrorIs(t, err, ErrInvalidOptions, "%d..%d", tc.min, tc.max)
			assert.Contains(t, err.Error(), tc.err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, [2]int{tc.wantMin, tc.wantMax}, [2]int{s.MinSize, s.MaxSize}, "%d..%d", tc.min, tc.max)
	}
}
