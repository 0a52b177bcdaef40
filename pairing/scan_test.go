package pairing

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/peermatch/peermatch/internal/pairengine"
	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

func TestRowScorerMatchesScore(t *testing.T) {
	r := skills.Synthetic(150, 25, 8, skills.SyntheticOptions{})
	for _, opt := range []Options{{}, {Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.2}}, {HardRules: HardRules{MaxGradeGap: GradeGap(-1)}, Mutual: Min},
		{SoftCriteria: SoftCriteria{SharedFocus: 0.3, DepartmentDiversity: -0.1}}, {Mutual: OneWay}} {
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		rs := newRowScorer(p)
		for i := 0; i < p.n; i += 7 {
			q := rs.row(i)
			for j := 0; j < p.n; j++ {
				d := p.ppl[i].Grade - p.ppl[j].Grade
				if j == i || (p.set.gap.max >= 0 && (d > p.set.gap.max || -d > p.set.gap.max)) {
					require.Equal(t, int64(-1), q[j])
					continue
				}
				require.Equal(t, p.qscore(i, j), q[j], "%d %d", i, j)
				require.GreaterOrEqual(t, rs.Bound(j), q[j], "bound %d %d", i, j)
			}
		}
	}
}

// TestScanTopKMatchesSort: the word-at-a-time filtered scan keeps exactly
// the k best eligible partners that sorting every score gives, packed or
// not (a person needing 300 skills overflows the 16-bit lanes).
func TestScanTopKMatchesSort(t *testing.T) {
	wide := skills.Synthetic(120, 300, 4, skills.SyntheticOptions{})
	for s := range wide.People[5].Want {
		wide.People[5].Want[s], wide.People[5].Have[s] = 5, 0
	}
	for _, tc := range []struct {
		r   *skills.Roster
		opt Options
	}{
		{skills.Synthetic(300, 40, 9, skills.SyntheticOptions{}), Options{}},
		{skills.Synthetic(300, 40, 9, skills.SyntheticOptions{}), Options{Mutual: Min, HardRules: HardRules{MaxGradeGap: GradeGap(2)}}},
		{skills.Synthetic(300, 40, 9, skills.SyntheticOptions{}), Options{Mutual: OneWay, SoftCriteria: SoftCriteria{SharedFocus: 0.3}}},
		{skills.Synthetic(300, 40, 9, skills.SyntheticOptions{}), Options{SoftCriteria: SoftCriteria{SameLocation: 0.2}, HardRules: HardRules{AllowNoExchange: true}}},
		{skills.Synthetic(300, 40, 9, skills.SyntheticOptions{}), Options{HardRules: HardRules{AllowNoExchange: true, MaxGradeGap: GradeGap(0)}}},
		{randomRoster(t, 60, 3, 11), Options{}},
		{randomRoster(t, 60, 3, 12), Options{HardRules: HardRules{AllowNoExchange: true}}},
		{wide, Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1)}}},
		// most of every row's best pairs break a rule: the lazy rule
		// checks of harmonicTopK must scan such rows again
		{skills.Synthetic(300, 40, 9, skills.SyntheticOptions{}), Options{HardRules: HardRules{MinKnowledgeDistance: 0.9, MinYearsGap: 100}}},
		{skills.Synthetic(300, 40, 9, skills.SyntheticOptions{Departments: 2}), Options{HardRules: HardRules{DifferentDepartment: true}}},
	} {
		p, err := newProblem(tc.r, tc.opt)
		require.NoError(t, err)
		rs, ref := newRowScorer(p), newRowScorer(p)
		packed, rescans := 0, 0
		for i := 0; i < p.n; i++ {
			for _, k := range []int{1, 7, 40} {
				var rej [numRules]int64
				js, qs, theta := scanTopK(p, rs, i, k, &rej)
				packed += map[bool]int{true: 1}[rs.Packed()]
				type c struct {
					j int
					q int64
				}
				var all, scored []c
				for j, q := range ref.row(i) {
					if q >= 0 {
						scored = append(scored, c{j, q})
					}
					if q >= 0 && p.eligible(i, j) == RuleNone {
						all = append(all, c{j, q})
					}
				}
				byScore := func(a, b c) int {
					if a.q != b.q {
						return cmp.Compare(b.q, a.q)
					}
					return a.j - b.j
				}
				slices.SortFunc(all, byScore)
				slices.SortFunc(scored, byScore)
				if len(scored) >= k+pairengine.LazySlack && rs.Packed() {
					ok := 0
					for _, x := range scored[:k+pairengine.LazySlack] {
						if p.eligible(i, x.j) == RuleNone {
							ok++
						}
					}
					if ok < k {
						rescans++ // harmonicTopK's eager scan
					}
				}
				want := all[:min(k, len(all))]
				require.Len(t, js, len(want), "i=%d k=%d", i, k)
				for x := range want {
					require.Equal(t, want[x].j, int(js[x]), "i=%d k=%d", i, k)
					require.Equal(t, want[x].q, qs[x])
				}
				if len(all) > k {
					require.GreaterOrEqual(t, theta, all[k].q)
				}
			}
		}
		if tc.r == wide {
			require.Less(t, packed, 3*p.n, "person 5 must use the unpacked path")
		}
		if tc.opt.MinYearsGap == 100 {
			require.Positive(t, rescans, "no row took the eager scan")
		}
	}
}

// TestSimilar: the word-at-a-time peer-rule distance agrees with the
// plain definition, thresholds included.
func TestSimilar(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for it := 0; it < 300; it++ {
		k := 1 + rng.IntN(150)
		n := 6
		var ppl []skills.Person
		for i := 0; i < n; i++ {
			h, w := make([]uint8, k), make([]uint8, k)
			for s := range h {
				h[s] = uint8(rng.IntN(6))
				if it%3 == 0 && i > 0 { // near copies of person 0
					h[s] = ppl[0].Have[s]
					if rng.IntN(10) == 0 {
						h[s] = uint8(rng.IntN(6))
					}
				}
			}
			ppl = append(ppl, person(fmt.Sprintf("p%d", i), 1, 1, h, w))
		}
		r := roster(t, k, ppl...)
		for _, md := range []float64{0.01, 0.05, 0.1, 0.3} {
			p, err := newProblem(r, Options{HardRules: HardRules{MinKnowledgeDistance: md}})
			require.NoError(t, err)
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					d := 0
					for s := 0; s < k; s++ {
						x := int(p.have[i][s]) - int(p.have[j][s])
						d += max(x, -x)
					}
					want := float64(d)/float64(skills.MaxLevel*k) < md
					require.Equal(t, want, p.closer(i, j, md, false), "k=%d d=%d md=%v", k, d, md)
				}
			}
		}
	}
}

// TestHarmonicFrom: the division-free early exit never hides a score that
// reaches the limit, and the packed harmonic agrees with qscore.
func TestHarmonicFrom(t *testing.T) {
	// up to 6 needs (packed) and 6 to 12 (some read from the CSR copy)
	testHarmonicFrom(t, skills.Synthetic(200, 30, 3, skills.SyntheticOptions{}), false)
	testHarmonicFrom(t, skills.Synthetic(200, 30, 3, skills.SyntheticOptions{WantMin: 6, WantMax: 12}), true)
}

func testHarmonicFrom(t *testing.T, r *skills.Roster, someLong bool) {
	p, err := newProblem(r, Options{HardRules: HardRules{MaxGradeGap: GradeGap(-1)}})
	require.NoError(t, err)
	rs := newRowScorer(p)
	rng := rand.New(rand.NewPCG(1, 2))
	long := 0
	for _, l := range p.WLong {
		if l {
			long++
		}
	}
	require.Equal(t, someLong, long > 0, "people with more than %d needs", pairengine.WantSlots)
	for i := 0; i < p.n; i += 3 {
		rs.prepare(i)
		require.True(t, rs.Packed())
		for j := 0; j < p.n; j++ {
			if j == i {
				continue
			}
			v := int64(0)
			if a, b := rs.TeachTo(j, int(p.SPos[j])), rs.Taught(j); a > 0 && b > 0 {
				v = pairengine.Harmonic(a, b)
			}
			require.Equal(t, p.qscore(i, j), v, "%d %d", i, j)
			for _, l := range []int64{-1, 0, 1, v - 1, v, v + 1, v + 2, int64(rng.IntN(200000))} {
				got := pairengine.HarmonicAbove(rs.TeachTo(j, int(p.SPos[j])), rs.Taught(j), l)
				if v >= l {
					require.Equal(t, v, got, "%d %d l=%d", i, j, l)
				} else {
					require.Less(t, got, l, "%d %d l=%d", i, j, l)
				}
			}
		}
	}
}

// TestBarrenSet: a barren person has no positive mutual score with anyone
// (so no eligible pair), people who need nothing or teach nothing needed
// are barren, and rejectBarren counts what eligible says over the row.
func TestBarrenSet(t *testing.T) {
	r := skills.Synthetic(200, 30, 5, skills.SyntheticOptions{})
	for s := range r.People[3].Want {
		r.People[3].Want[s] = 0 // needs nothing
		r.People[4].Have[s] = 0 // teaches nothing
	}
	for _, opt := range []Options{{}, {Mutual: Min, HardRules: HardRules{MaxGradeGap: GradeGap(-1)}}} {
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		p.ScanOrder()
		barren := p.barrenSet()
		require.True(t, barren[p.pos[3]] && barren[p.pos[4]])
		for i := 0; i < p.n; i++ {
			if !barren[i] {
				continue
			}
			var got, want [numRules]int64
			p.rejectBarren(i, &got, nil)
			lo, hi := p.gapRange(i)
			for t := lo; t < hi; t++ {
				if j := int(p.SOrder[t]); j != i && p.active[j] {
					want[p.eligible(i, j)]++
				}
			}
			require.Equal(t, want, got, "%d", i)
			for j := 0; j < p.n; j++ {
				require.LessOrEqual(t, p.mutual(i, j), 0.0, "%d %d", i, j)
			}
		}
	}
	for _, opt := range []Options{{HardRules: HardRules{AllowNoExchange: true}}, {Mutual: Sum}, {Mutual: OneWay}} {
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		require.Nil(t, p.barrenSet())
	}
}
