package pairengine

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNeedCut: NeedCut(A, l) is exactly the largest b0 (up to LaneMax)
// such that NeedBelow(A, b, l) holds for every 0 < b ≤ b0 (0 when none,
// −1 when l ≤ 1), and NeedBelow with any A' ≤ A holds there too.
func TestNeedCut(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for it := 0; it < 5000; it++ {
		A := rng.Int64N(400)
		l := rng.Int64N(200000) - 10
		if it%3 == 0 {
			l = rng.Int64N(3000)
		}
		c := NeedCut(A, l)
		want := int64(-1)
		if l > 1 {
			want = 0 // b = 0 scores 0 < l
		}
		for b := int64(1); b <= LaneMax && NeedBelow(A, b, l); b++ {
			want = b
		}
		if want == LaneMax || c == LaneMax {
			require.Equal(t, want, c, "A=%d l=%d", A, l)
			continue
		}
		require.Equal(t, want, c, "A=%d l=%d", A, l)
		for b := int64(1); b <= c; b += 1 + b/7 {
			a := rng.Int64N(A + 1)
			require.True(t, NeedBelow(a, b, l), "A'=%d ≤ A=%d b=%d l=%d", a, A, b, l)
		}
	}
}
