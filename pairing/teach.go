package pairing

import (
	"fmt"

	"github.com/peermatch/peermatch/skills"
	"gonum.org/v1/gonum/mat"
)

// TeachMatrix returns the n×n matrix T with T[i][j] = how much person i
// (in roster order) can teach person j:
//
//	T = H · (W ∘ (1 − H))ᵀ,
//
// H and W being the have and want matrices of r scaled to [0, 1] and ∘ the
// element-wise product. It is for small rosters and analysis: it takes
// O(n²·k) time and O(n²) memory for n people and k skills (Pairs never
// builds it; it scores pairs sparsely). It returns an error wrapping
// ErrEmptyRoster for a nil roster and nil, nil for an empty one.
func TeachMatrix(r *skills.Roster) (*mat.Dense, error) {
	if r == nil || r.Catalog == nil {
		return nil, fmt.Errorf("%w: nil roster or catalog", ErrEmptyRoster)
	}
	h, w := r.Have(), r.Want()
	if h == nil || w == nil {
		return nil, nil
	}
	n, k := h.Dims()
	need := mat.NewDense(n, k, nil)
	need.Apply(func(i, j int, v float64) float64 { return w.At(i, j) * (1 - v) }, h)
	var t mat.Dense
	t.Mul(h, need.T())
	return &t, nil
}
