package pairing

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// orthogonalVectorsRoster returns the roster that reduces an Orthogonal
// Vectors instance (reds and blues: m vectors each of d bits, every red
// with the same number w of ones, w ≤ 8) to an exact optimum, everyone in
// one department and one grade (docs/design-pairing.md, "Why
// one-department rosters are quadratic"):
//
//   - red r (years 0) has the skills of its ones at level 3 and Y at 5,
//     and wants X at 1;
//   - blue b (years 10) has X at 5 and wants, at level 1, the skills of
//     its zeros, and Z at 5;
//   - m−1 fillers F (years 10) have X at 5 and want Y at 5: each pairs
//     with any red;
//   - m−1 fillers G (years 0) have Z at 5 and want X at 5: each pairs
//     with any blue.
//
// A red teaches a blue 3 levels in each skill of w − r·b, so they can pair
// unless r·b = w, and their score grows with w − r·b; every other pair
// between the four kinds has nothing to exchange one way or the other.
// Fillers pair at a higher score than any red–blue pair, so the optimum
// pairs m−1 reds and m−1 blues with fillers and the red and blue left
// over with each other: its total is fixed plus the best red–blue score,
// which reaches the score of w − r·b = w exactly when some pair is
// orthogonal.
func orthogonalVectorsRoster(t testing.TB, reds, blues [][]bool) *skills.Roster {
	d := len(reds[0])
	var sk []skills.Skill
	for s := 0; s < d; s++ {
		sk = append(sk, skills.Skill{Name: fmt.Sprintf("V%d", s)})
	}
	sk = append(sk, skills.Skill{Name: "X"}, skills.Skill{Name: "Y"}, skills.Skill{Name: "Z"})
	cat, err := skills.NewCatalog(sk...)
	require.NoError(t, err)
	X, Y, Z := d, d+1, d+2
	var ppl []skills.Person
	add := func(id string, years float64, set func(have, want []uint8)) {
		p := skills.Person{ID: id, Grade: 1, Years: years, Department: "One",
			Have: make([]uint8, d+3), Want: make([]uint8, d+3)}
		set(p.Have, p.Want)
		ppl = append(ppl, p)
	}
	for x, v := range reds {
		add(fmt.Sprintf("r%03d", x), 0, func(have, want []uint8) {
			for s, one := range v {
				if one {
					have[s] = 3
				}
			}
			have[Y], want[X] = 5, 1
		})
	}
	for x, v := range blues {
		add(fmt.Sprintf("b%03d", x), 10, func(have, want []uint8) {
			for s, one := range v {
				if !one {
					want[s] = 1
				}
			}
			have[X], want[Z] = 5, 5
		})
	}
	for x := 0; x+1 < len(reds); x++ {
		add(fmt.Sprintf("f%03d", x), 10, func(have, want []uint8) { have[X], want[Y] = 5, 5 })
		add(fmt.Sprintf("g%03d", x), 0, func(have, want []uint8) { have[Z], want[X] = 5, 5 })
	}
	r, err := skills.New(cat, ppl)
	require.NoError(t, err)
	return r
}

// TestOrthogonalVectorsReduction checks the reduction behind the claim
// that no algorithm finds the exact optimum of every one-department
// roster in near-linear time (docs/design-pairing.md): on random
// Orthogonal Vectors instances, brute-forced, the optimum's total equals
// the fixed part plus the best red–blue score, that score orders the pairs
// by w − r·b, and so the optimum tells whether an orthogonal pair exists,
// also when every pair is eligible (AllowNoExchange, NoPeerRule).
// Any algorithm computing exact optima therefore decides Orthogonal
// Vectors in dimension d with 4m−2 people and d+3 skills, which takes
// m^(2−o(1)) time for d = c·log m under the Orthogonal Vectors
// hypothesis (implied by SETH).
func TestOrthogonalVectorsReduction(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(20, 7))
	instances, withOrthogonal := 300, 0
	for inst := 0; inst < instances; inst++ {
		m, d := 2+rng.IntN(7), 3+rng.IntN(6)
		w := 1 + rng.IntN(min(d-1, 4))
		vec := func(ones int) []bool {
			v := make([]bool, d)
			for _, s := range rng.Perm(d)[:ones] {
				v[s] = true
			}
			return v
		}
		reds, blues := make([][]bool, m), make([][]bool, m)
		for x := range reds {
			reds[x], blues[x] = vec(w), vec(1+rng.IntN(d-1))
		}
		r := orthogonalVectorsRoster(t, reds, blues)
		// every other instance with every pair eligible: with
		// AllowNoExchange and no peer rule, the pairs with nothing to
		// exchange are eligible at score 0 and the optimum is the same
		opt := Options{}
		if inst%2 == 1 {
			opt.AllowNoExchange, opt.NoPeerRule = true, true
		}
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		id := func(s string) int {
			i, err := p.index(s)
			require.NoError(t, err)
			return i
		}
		if opt.AllowNoExchange {
			for i := 0; i < len(r.People); i++ {
				for j := i + 1; j < len(r.People); j++ {
					require.Equal(t, RuleNone, p.eligible(i, j), "every pair is eligible")
				}
			}
		}
		// score by overlap: one value per w − r·b, increasing; 0 (not
		// eligible) when the red teaches nothing
		byGain := map[int]int64{}
		best, orthogonal := int64(0), false
		for x, u := range reds {
			for y, v := range blues {
				ip := 0
				for s := range u {
					if u[s] && v[s] {
						ip++
					}
				}
				i, j := id(fmt.Sprintf("r%03d", x)), id(fmt.Sprintf("b%03d", y))
				q := int64(0)
				if p.eligible(i, j) == RuleNone {
					q = p.qscore(i, j)
				} else {
					require.False(t, opt.AllowNoExchange, "every pair is eligible")
				}
				if prev, ok := byGain[w-ip]; ok {
					require.Equal(t, prev, q, "one score per overlap")
				}
				byGain[w-ip] = q
				best = max(best, q)
				orthogonal = orthogonal || ip == 0
			}
		}
		require.Zero(t, byGain[0], "a red that teaches nothing cannot pair")
		for g := 1; g <= w; g++ {
			if q, ok := byGain[g]; ok {
				for h := 1; h < g; h++ {
					if lower, ok := byGain[h]; ok {
						require.Less(t, lower, q, "score increases with w − r·b")
					}
				}
			}
		}
		fixed := int64(0)
		if m > 1 {
			fixed = int64(m-1) * (p.qscore(id("r000"), id("f000")) + p.qscore(id("b000"), id("g000")))
			require.Greater(t, p.qscore(id("r000"), id("f000")), best, "fillers outscore every red–blue pair")
		}
		res := mustPairs(t, r, opt)
		_, total := value(t, r, opt, res)
		require.Equal(t, fixed+best, total, "instance %d: m=%d d=%d w=%d", inst, m, d, w)
		// the decision read off the optimum: an orthogonal pair exists
		// exactly when the best red–blue score is that of w − r·b = w
		full := total-fixed == byGainOr(t, r, opt, w)
		require.Equal(t, orthogonal, full, "instance %d", inst)
		if orthogonal {
			withOrthogonal++
		}
	}
	require.Greater(t, withOrthogonal, instances/10)
	require.Less(t, withOrthogonal, instances*9/10)
}

// byGainOr returns the quantised score of a red who teaches a blue in w
// skills (r·b = 0) under the reduction's roster for w: computed on a
// one-red, one-blue roster, so that the decision does not depend on the
// instance's own pairs.
func byGainOr(t *testing.T, _ *skills.Roster, opt Options, w int) int64 {
	t.Helper()
	red, blue := make([]bool, w+1), make([]bool, w+1)
	for s := 0; s < w; s++ {
		red[s] = true
	}
	blue[w] = true
	r := orthogonalVectorsRoster(t, [][]bool{red}, [][]bool{blue})
	p, err := newProblem(r, opt)
	require.NoError(t, err)
	i, err := p.index("r000")
	require.NoError(t, err)
	j, err := p.index("b000")
	require.NoError(t, err)
	require.Equal(t, RuleNone, p.eligible(i, j))
	return p.qscore(i, j)
}
