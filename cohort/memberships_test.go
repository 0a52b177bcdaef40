package cohort

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// TestFormLongApartList: a keep-apart list is held by membership, so a
// list naming most of a large roster neither builds its L² pairs nor
// makes Form retry with one more group at a time. A list too long for
// the groups the sizes allow is an error at once; a list longer than the
// fewest groups gets a group per member from the start; in the formats
// that set people aside, its members beyond the groups are set aside
// with the reason.
func TestFormLongApartList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := skills.Synthetic(1000, 12, 3, skills.SyntheticOptions{})
	ids := make([]string, len(r.People))
	for i := range r.People {
		ids[i] = r.People[i].ID
	}

	_, err := Form(ctx, r, Options{Apart: [][]string{ids}})
	require.ErrorIs(t, err, ErrInfeasible)
	require.EqualError(t, err, "hard rules cannot be met: a keep-apart list names 1000 people, who need a group each, but 1000 people make at most 166 groups of at least 6")

	// 130 people kept apart: more than the 100 groups of 10, so at least
	// 130 groups (more when the search meets the rules only with more)
	opt := Options{Apart: [][]string{ids[:130]}, Iterations: 10000}
	res, err := Form(ctx, r, opt)
	require.NoError(t, err)
	checkResult(t, r, opt, res)
	require.GreaterOrEqual(t, len(res.Groups), 130)

	// set aside, with the reason, in a format that may leave people out
	opt = Options{Apart: [][]string{ids[:700]}, GradeBand: true, Iterations: 10000}
	res, err = Form(ctx, r, opt)
	require.NoError(t, err)
	checkResult(t, r, opt, res)
	require.NotEmpty(t, res.Unplaced)
	apart := map[string]bool{}
	for _, id := range ids[:700] {
		apart[id] = true
	}
	for _, g := range res.Groups {
		n := 0
		for _, m := range g.Members {
			if apart[m] {
				n++
			}
		}
		require.LessOrEqual(t, n, 1, "group %d", g.ID)
	}
}

// TestMemberships checks shared and together against counting the lists
// by hand, on random lists with repeats.
func TestMemberships(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for inst := 0; inst < 200; inst++ {
		n := 1 + rng.IntN(12)
		lists := make([][]int, rng.IntN(8))
		for l := range lists {
			for x := rng.IntN(2 * n); x > 0; x-- {
				lists[l] = append(lists[l], rng.IntN(n))
			}
		}
		m := newMemberships(n, lists)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if i == j {
					continue
				}
				want := 0
				for _, l := range lists {
					if slices.Contains(l, i) && slices.Contains(l, j) {
						want++
					}
				}
				require.Equal(t, want, m.shared(int32(i), int32(j)))
				require.Equal(t, want > 0, m.together(int32(i), int32(j)))
			}
		}
	}
}

// TestFormLargeHistoryGroup: an earlier group naming everyone is held by
// membership (it was n² pair counts, and every group's score read each
// member's n−1 earlier partners); every pair of a group then counts as
// together once before.
func TestFormLargeHistoryGroup(t *testing.T) {
	t.Parallel()
	r := skills.Synthetic(1000, 12, 3, skills.SyntheticOptions{})
	ids := make([]string, len(r.People))
	for i := range r.People {
		ids[i] = r.People[i].ID
	}
	opt := Options{History: [][]string{ids}, Iterations: 10000}
	res, err := Form(context.Background(), r, opt)
	require.NoError(t, err)
	checkResult(t, r, opt, res)
	for _, g := range res.Groups {
		n := len(g.Members)
		require.Equal(t, n*(n-1)/2, g.Metrics.Repeats, "group %d: every pair was together once", g.ID)
	}
}

// TestPairCounts checks newPairCounts against memberships.shared on every
// pair of random lists (repeats inside a list counting once), that a
// programme's history of small groups is counted by pair, and that one
// huge list is left to the merge.
func TestPairCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for it := 0; it < 300; it++ {
		n := 1 + rng.IntN(30)
		lists := make([][]int, rng.IntN(40))
		for g := range lists {
			for x := 0; x < rng.IntN(12); x++ {
				lists[g] = append(lists[g], rng.IntN(n))
			}
		}
		m := newMemberships(n, lists)
		pc := newPairCounts(n, lists)
		require.NotNil(t, pc)
		for i := int32(0); i < int32(n); i++ {
			for j := int32(0); j < int32(n); j++ {
				if i != j {
					require.Equal(t, m.shared(i, j), pc.shared(i, j), "it %d: %d, %d", it, i, j)
				}
			}
		}
	}
	// 48 rounds of groups of 8 among 200 people: counted by pair
	var rounds [][]int
	for rd := 0; rd < 48; rd++ {
		perm := rng.Perm(200)
		for g := 0; g+8 <= 200; g += 8 {
			rounds = append(rounds, perm[g:g+8])
		}
	}
	require.NotNil(t, newPairCounts(200, rounds))
	// one list of 5,000 people relates 25 million pairs: left to the merge
	all := make([]int, 5000)
	for i := range all {
		all[i] = i
	}
	require.Nil(t, newPairCounts(5000, [][]int{all}))
}
