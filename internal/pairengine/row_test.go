package pairengine

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// randomScores returns the scores of n random people with kf features,
// grades 1..4 and up to maxWant needs each; ScanOrder has run.
func randomScores(rng *rand.Rand, n, kf, maxWant int) *Scores {
	const L = skills.MaxLevel
	sc := &Scores{N: n, KF: kf, FSkill: make([]int32, kf), FLevel: make([]uint8, kf),
		TV: make([][]uint8, n), WantS: make([][]int32, n), WantC: make([][]uint8, n),
		NeedC: make([]int32, n), Grade: make([]int, n), CSROff: make([]int32, n+1)}
	for f := range kf {
		sc.FSkill[f], sc.FLevel[f] = int32(f), uint8(rng.IntN(L))
	}
	for i := range n {
		sc.Grade[i] = 1 + rng.IntN(4)
		sc.TV[i] = make([]uint8, kf)
		for f := range kf {
			if rng.IntN(3) == 0 { // at most L·(L − level): a lane never overflows
				sc.TV[i][f] = uint8(rng.IntN(L*(L-int(sc.FLevel[f])) + 1))
			}
		}
		for _, f := range rng.Perm(kf)[:rng.IntN(maxWant+1)] {
			sc.WantS[i] = append(sc.WantS[i], int32(f))
		}
		slices.Sort(sc.WantS[i])
		for _, f := range sc.WantS[i] {
			w := uint8(1 + rng.IntN(L))
			sc.WantC[i] = append(sc.WantC[i], w)
			sc.NeedC[i] += int32(w) * int32(L-sc.FLevel[f])
		}
		sc.CSRS = append(sc.CSRS, sc.WantS[i]...)
		sc.CSRC = append(sc.CSRC, sc.WantC[i]...)
		sc.CSROff[i+1] = int32(len(sc.CSRS))
	}
	sc.ScanOrder()
	return sc
}

// gap1 is a grade window of one grade either way.
func gap1(grades []int, g int) (lo, hi int) {
	lo, _ = slices.BinarySearch(grades, g-1)
	hi, _ = slices.BinarySearch(grades, g+2)
	return lo, hi
}

// TestRow: a Row's teaching both ways is TeachInt's, Each visits exactly
// the people of the window whose bound reaches the limit, in scan order,
// and HarmonicTopK keeps the k best partners of plain Harmonic scores
// that pass the rule, as a scan of every pair does.
func TestRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, maxWant := range []int{3, WantSlots + 3} {
		sc := randomScores(rng, 150, 24, maxWant)
		active := make([]bool, sc.N)
		for i := range active {
			active[i] = rng.IntN(10) > 0
		}
		slope := 2 * TeachScale(1) * Quantum // plain Harmonic: q < 2b
		// TeachInt(i → j) ≤ NeedC[j]·MaxLevel, since every teaching value
		// of randomScores is at most MaxLevel·(MaxLevel − level)
		best := int64(skills.MaxLevel)
		r := NewRow(sc, gap1, slope)
		// rule 1: nothing to exchange (score 0), or j ≡ 4 (mod 5)
		rule := func(j int, q int64) int {
			if q == 0 || j%5 == 4 {
				return 1
			}
			return 0
		}
		for i := 0; i < sc.N; i++ {
			r.Prepare(i, 1, active)
			lo, hi := r.Span()
			var window []int
			for pos := lo; pos < hi; pos++ {
				j := int(sc.SOrder[pos])
				window = append(window, j)
				require.Equal(t, sc.TeachInt(j, i), r.Taught(j), "%d → %d", j, i)
				require.Equal(t, sc.TeachInt(i, j), r.TeachTo(j, pos), "%d → %d", i, j)
			}
			lim := int64(rng.IntN(20000))
			var got, want []int
			r.Each(func() int64 { return lim }, func(j int) { got = append(got, j) })
			for _, j := range window {
				if r.Bound(j) >= lim {
					want = append(want, j)
				}
			}
			require.Equal(t, want, got, "row %d", i)
			if !r.Packed() {
				continue
			}
			k := 1 + rng.IntN(6)
			rej := make([]int64, 2)
			// least 1 (odd rows) skips the pairs of score 0, which rule
			// rejects anyway: the same partners either way
			js, qs, _ := r.HarmonicTopK(k, best, int64(i%2), rule, rej)
			type cand struct {
				j int
				q int64
			}
			var all []cand
			for _, j := range window {
				a, b := sc.TeachInt(i, j), sc.TeachInt(j, i)
				if j == i || !active[j] || a == 0 || b == 0 || j%5 == 4 {
					continue
				}
				all = append(all, cand{j, Harmonic(a, b)})
			}
			slices.SortFunc(all, func(x, y cand) int {
				if x.q != y.q {
					return int(y.q - x.q)
				}
				return x.j - y.j
			})
			all = all[:min(k, len(all))]
			require.Len(t, js, len(all), "row %d", i)
			for x, c := range all {
				require.Equal(t, c.j, int(js[x]), "row %d #%d", i, x)
				require.Equal(t, c.q, qs[x], "row %d #%d", i, x)
			}
		}
	}
}

// TestWorkers: one worker per rowsPerWorker rows, at least one, at most
// one per processor.
func TestWorkers(t *testing.T) {
	require.Equal(t, 1, Workers(0))
	require.Equal(t, 1, Workers(rowsPerWorker-1))
	require.Equal(t, runtime.GOMAXPROCS(0), Workers(1<<30))
}
