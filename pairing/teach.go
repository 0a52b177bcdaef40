package pairing

import (
	"fmt"
	"math"

	"github.com/peermatch/peermatch/skills"
	"gonum.org/v1/gonum/mat"
)

// TeachMatrix returns the n×n matrix T with T[i][j] = how much person i
// (in roster order) can teach person j, the teaching score of every
// ordered pair:
//
//	T[i][j] = Σ_s want_j[s] · Advantage(have_i[s], have_j[s]) / MaxLevel²,
//
// levels running 0..MaxLevel, where skills.Advantage is have_i − have_j
// when i's level is above j's and at least minTeach (0 means
// skills.TeachLevel), and 0 otherwise: a skill
// counts only when i can really teach it to j, and the more levels i is
// ahead, and the more j wants it, the more it counts (at most 1 a skill:
// an expert teaching a beginner who wants it at level 5). In gonum terms,
// with H and W the have and want matrices of r (scaled to [0, 1]),
//
//	T = Σ_{l=0}^{MaxLevel−1} A_l · B_lᵀ / MaxLevel,
//
// A_l[i][s] = Advantage(MaxLevel·H[i][s], l) (levels ahead of a learner at
// level l) and B_l = W ∘ [MaxLevel·H = l] (the wants of the people at
// level l). It is for small rosters and analysis: it takes
// O(n²·k) time and O(n·k + n²) memory for n people and k skills (Pairs
// never builds it; it scores pairs sparsely, with the same values). It
// returns an error wrapping ErrEmptyRoster for a nil roster, one wrapping
// ErrInvalidOptions for minTeach outside 0..MaxLevel, and nil, nil for an
// empty roster.
func TeachMatrix(r *skills.Roster, minTeach int) (*mat.Dense, error) {
	if r == nil || r.Catalog == nil {
		return nil, fmt.Errorf("%w: nil roster or catalog", ErrEmptyRoster)
	}
	if minTeach < 0 || minTeach > skills.MaxLevel {
		return nil, fmt.Errorf("%w: minTeach %d outside 1..%d", ErrInvalidOptions, minTeach, skills.MaxLevel)
	}
	if minTeach == 0 {
		minTeach = skills.TeachLevel
	}
	h, w := r.Have(), r.Want()
	if h == nil || w == nil {
		return nil, nil
	}
	n, k := h.Dims()
	t := mat.NewDense(n, n, nil)
	a := mat.NewDense(n, k, nil)
	b := mat.NewDense(n, k, nil)
	var ab mat.Dense
	for l := 0; l < skills.MaxLevel; l++ {
		a.Apply(func(i, s int, v float64) float64 {
			return float64(skills.Advantage(level(v), uint8(l), minTeach))
		}, h)
		b.Apply(func(j, s int, v float64) float64 {
			if level(h.At(j, s)) == uint8(l) {
				return v
			}
			return 0
		}, w)
		ab.Mul(a, b.T())
		t.Add(t, &ab)
	}
	t.Scale(1.0/skills.MaxLevel, t)
	return t, nil
}

// level turns a level scaled to [0, 1] back into 0..MaxLevel.
func level(v float64) uint8 { return uint8(math.Round(v * skills.MaxLevel)) }
