package pairing

import (
	"context"
	"fmt"
	"slices"
)

// roommates is the table of Irving's stable-roommates algorithm.
type roommates struct {
	list  [][]int // preference lists, best first
	alive [][]bool
	cnt   []int
	rank  map[uint64]int // i<<32|j → position of j in list[i]
}

func (t *roommates) pos(i, j int) int {
	r, ok := t.rank[uint64(i)<<32|uint64(j)]
	if !ok {
		return -1
	}
	return r
}

// remove deletes j from i's list and i from j's.
func (t *roommates) remove(i, j int) {
	if r := t.pos(i, j); r >= 0 && t.alive[i][r] {
		t.alive[i][r] = false
		t.cnt[i]--
	}
	if r := t.pos(j, i); r >= 0 && t.alive[j][r] {
		t.alive[j][r] = false
		t.cnt[j]--
	}
}

func (t *roommates) first(i int) int {
	for r, j := range t.list[i] {
		if t.alive[i][r] {
			return j
		}
	}
	return -1
}

func (t *roommates) second(i int) int {
	seen := false
	for r, j := range t.list[i] {
		if t.alive[i][r] {
			if seen {
				return j
			}
			seen = true
		}
	}
	return -1
}

func (t *roommates) last(i int) int {
	for r := len(t.list[i]) - 1; r >= 0; r-- {
		if t.alive[i][r] {
			return t.list[i][r]
		}
	}
	return -1
}

// cutAfter deletes from i's list every entry after j (symmetrically).
func (t *roommates) cutAfter(i, j int) {
	r := t.pos(i, j)
	for x := len(t.list[i]) - 1; x > r; x-- {
		if t.alive[i][x] {
			t.remove(i, t.list[i][x])
		}
	}
}

// stable is the Stable strategy. Up to DenseLimit people it runs
// Irving's algorithm (1985) on complete preference lists: every eligible
// partner, ordered by quantised score, then id (for one person the order
// of greedyBefore, the preference Metrics.BlockingPairs counts with). With
// L the total length of the lists it runs in O(L) amortised list
// operations plus O(L) for every rotation search, O(L·m) in the worst
// case. Above DenseLimit it returns the greedy matching over every
// eligible pair (greedyMatch), which is stable because scores are
// symmetric.
func (p *problem) stable(ctx context.Context) ([]int, []string, error) {
	if m := len(p.activeList()); m > p.set.denseLimit {
		mate, err := p.greedyMatch(ctx)
		if err != nil {
			return nil, nil, err
		}
		return mate, []string{fmt.Sprintf("stable: %d people is above DenseLimit (%d), so this is the greedy matching over every eligible pair (best pair first), which is stable since a pair scores the same for both: no two people prefer each other to their partners", m, p.set.denseLimit)}, nil
	}
	es, err := p.graph(ctx)
	if err != nil {
		return nil, nil, err
	}
	lists := make([][]int, p.n)
	score := make(map[uint64]int64, len(es))
	for _, e := range es {
		lists[e.U] = append(lists[e.U], e.V)
		lists[e.V] = append(lists[e.V], e.U)
		score[pairKey(e.U, e.V)] = e.Q
	}
	for i, l := range lists {
		slices.SortFunc(l, func(a, b int) int {
			qa, qb := score[pairKey(i, a)], score[pairKey(i, b)]
			if qa != qb {
				if qa > qb {
					return -1
				}
				return 1
			}
			return a - b
		})
	}
	mate, solvable, err := irving(ctx, newRoommates(lists), p.active)
	if err != nil {
		return nil, nil, err
	}
	if solvable {
		return mate, []string{"stable: Irving's stable matching over every eligible pair (no two people prefer each other to their partners)"}, nil
	}
	// Unreachable in principle: the lists follow one order of all pairs
	// (greedyBefore), under which the greedy matching is stable. Kept so
	// that a failure is reported, not hidden.
	p.noStable = true
	if mate, err = p.greedyMatch(ctx); err != nil {
		return nil, nil, err
	}
	return mate, []string{fmt.Sprintf("stable: Irving's algorithm found no stable matching for these preferences (an odd party); fell back to greedy on the same %d pairs", len(es))}, nil
}

// irving runs Irving's stable-roommates algorithm on the table t (lists
// with ranks, symmetric) for the people with active[i], and returns the
// stable matching and true, or false when none exists.
func irving(ctx context.Context, t *roommates, active []bool) ([]int, bool, error) {
	n := len(t.list)
	// Phase 1: proposals.
	holds := make([]int, n) // holds[j]: the proposer j holds
	for i := range holds {
		holds[i] = -1
	}
	var free []int
	for i := n - 1; i >= 0; i-- {
		if active[i] {
			free = append(free, i)
		}
	}
	steps := 0
	for len(free) > 0 {
		steps++
		if steps%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
		}
		i := free[len(free)-1]
		free = free[:len(free)-1]
		j := t.first(i)
		if j < 0 {
			continue // i is unmatched in every stable matching
		}
		if h := holds[j]; h >= 0 {
			t.remove(j, h)
			free = append(free, h)
		}
		holds[j] = i
		t.cutAfter(j, i)
	}
	// Phase 2: eliminate rotations.
	solvable := true
	for x := 0; x < n && solvable; x++ {
		for t.cnt[x] > 1 && solvable {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
			var ps []int
			at := map[int]int{}
			cur := x
			for {
				if k, ok := at[cur]; ok {
					ps = ps[k:]
					break
				}
				at[cur] = len(ps)
				ps = append(ps, cur)
				y := t.second(cur)
				if y < 0 { // cannot happen in a stable table; stay safe
					solvable = false
					break
				}
				cur = t.last(y)
			}
			if !solvable {
				break
			}
			// eliminate: second(p_k) keeps p_k as its last choice
			ys := make([]int, len(ps))
			for k, pk := range ps {
				ys[k] = t.second(pk)
			}
			for k, pk := range ps {
				t.cutAfter(ys[k], pk)
			}
			for _, pk := range ps {
				if t.cnt[pk] == 0 {
					solvable = false
				}
			}
		}
	}
	mate := make([]int, n)
	for i := range mate {
		mate[i] = -1
	}
	if !solvable {
		return mate, false, nil
	}
	for i := 0; i < n; i++ {
		if !active[i] || t.cnt[i] != 1 {
			continue
		}
		j := t.first(i)
		if t.cnt[j] == 1 && t.first(j) == i {
			mate[i] = j
		}
	}
	return mate, true, nil
}

// newRoommates builds the table of the given preference lists (best first;
// j on i's list iff i on j's).
func newRoommates(lists [][]int) *roommates {
	t := &roommates{list: lists, alive: make([][]bool, len(lists)), cnt: make([]int, len(lists)), rank: make(map[uint64]int)}
	for i, l := range lists {
		t.alive[i] = make([]bool, len(l))
		for r, j := range l {
			t.alive[i][r] = true
			t.rank[uint64(i)<<32|uint64(j)] = r
		}
		t.cnt[i] = len(l)
	}
	return t
}
