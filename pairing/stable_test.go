package pairing

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func allActive(n int) []bool {
	a := make([]bool, n)
	for i := range a {
		a[i] = true
	}
	return a
}

// blockingIn counts blocking pairs of mate under complete or partial lists.
func blockingIn(lists [][]int, mate []int) int {
	rank := func(i, j int) int {
		for r, x := range lists[i] {
			if x == j {
				return r
			}
		}
		return len(lists[i]) + 1
	}
	prefers := func(i, j int) bool { return mate[i] < 0 || rank(i, j) < rank(i, mate[i]) }
	c := 0
	for i, l := range lists {
		for _, j := range l {
			if j > i && mate[i] != j && prefers(i, j) && prefers(j, i) {
				c++
			}
		}
	}
	return c
}

func TestIrvingKnownInstances(t *testing.T) {
	// Irving's classic instance without a stable matching: 0, 1, 2 each
	// prefer the next in a cycle, and everyone ranks 3 last.
	none := [][]int{{1, 2, 3}, {2, 0, 3}, {0, 1, 3}, {0, 1, 2}}
	_, ok, err := irving(context.Background(), newRoommates(none), allActive(4))
	require.NoError(t, err)
	assert.False(t, ok)
	// Gusfield–Irving 6-person instance with stable matchings.
	six := [][]int{
		{3, 5, 1, 4, 2},
		{5, 2, 4, 0, 3},
		{3, 4, 0, 5, 1},
		{1, 5, 4, 0, 2},
		{3, 1, 2, 5, 0},
		{4, 0, 1, 2, 3},
	}
	mate, ok, err := irving(context.Background(), newRoommates(six), allActive(6))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Zero(t, blockingIn(six, mate))
	for i, j := range mate {
		require.GreaterOrEqual(t, j, 0)
		require.Equal(t, i, mate[j])
	}
}

// TestIrvingRandom: on random complete and incomplete lists, a reported
// stable matching has no blocking pair.
func TestIrvingRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	stable, unstable := 0, 0
	for it := 0; it < 2000; it++ {
		n := 2 + rng.IntN(9)
		lists := make([][]int, n)
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if rng.IntN(4) != 0 {
					lists[i] = append(lists[i], j)
					lists[j] = append(lists[j], i)
				}
			}
		}
		for _, l := range lists {
			rng.Shuffle(len(l), func(a, b int) { l[a], l[b] = l[b], l[a] })
		}
		keep := make([][]int, n)
		for i := range lists {
			keep[i] = append([]int(nil), lists[i]...)
		}
		mate, ok, err := irving(context.Background(), newRoommates(lists), allActive(n))
		require.NoError(t, err)
		if !ok {
			unstable++
			require.False(t, anyStable(keep), "iteration %d: Irving says none, brute force found one", it)
			continue
		}
		stable++
		require.Zero(t, blockingIn(keep, mate), "iteration %d", it)
	}
	assert.Positive(t, unstable, "some random instances have no stable matching")
	assert.Positive(t, stable)
}

func FuzzReadHistory(f *testing.F) {
	f.Add([]byte("round,a,b\n1,x,y\n2,x,\n"))
	f.Add([]byte(`{"pairs":[{"a":"x","b":"y"}],"unmatched":[{"id":"z"}]}`))
	f.Add([]byte(`[{"round":3,"pairs":[{"a":"x","b":"y","c":"z"}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadHistory(bytes.NewReader(data))
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidHistory)
			return
		}
		for _, r := range h.Rounds {
			for _, g := range r.Groups {
				require.GreaterOrEqual(t, len(g), 2)
			}
		}
	})
}

// anyStable reports whether some matching of the acceptable pairs has no
// blocking pair, by enumeration.
func anyStable(lists [][]int) bool {
	n := len(lists)
	mate := make([]int, n)
	for i := range mate {
		mate[i] = -1
	}
	var rec func(i int) bool
	rec = func(i int) bool {
		for i < n && mate[i] >= 0 {
			i++
		}
		if i == n {
			return blockingIn(lists, mate) == 0
		}
		if rec(i + 1) { // i stays single
			return true
		}
		for _, j := range lists[i] {
			if j > i && mate[j] < 0 {
				mate[i], mate[j] = j, i
				if rec(i + 1) {
					return true
				}
				mate[i], mate[j] = -1, -1
			}
		}
		return false
	}
	return rec(0)
}
