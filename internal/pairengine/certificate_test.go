package pairengine

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/peermatch/peermatch/matching"
	"github.com/stretchr/testify/require"
)

// TestCertificateSlack: the binary-lifting slack equals matching's own on
// random graphs with nested blossoms.
func TestCertificateSlack(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	nested := 0
	for it := 0; it < 200; it++ {
		n := 4 + rng.IntN(60)
		var es []matching.Edge
		for u := 0; u < n; u++ {
			for v := u + 1; v < n; v++ {
				if rng.IntN(4) == 0 {
					es = append(es, matching.Edge{U: u, V: v, W: float64(1 + rng.IntN(20))})
				}
			}
		}
		res, err := matching.Sparse(context.Background(), n, es, matching.Options{})
		require.NoError(t, err)
		for _, b := range res.Blossoms {
			if b.Parent >= 0 {
				nested++
			}
		}
		c := NewCertificate(&res)
		for u := 0; u < n; u++ {
			for v := 0; v < n; v++ {
				if u != v {
					require.InDelta(t, res.Slack(u, v, 7), c.Slack(u, v, 7), 1e-9)
				}
			}
		}
	}
	require.Positive(t, nested, "some blossoms must nest")
}
