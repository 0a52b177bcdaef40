package pairing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// graph returns the eligible pairs a heuristic strategy chooses from, with
// their quantised scores: every eligible pair up to DenseLimit people, the
// candidate graph above.
func (p *problem) graph(ctx context.Context) ([]pairengine.Edge, error) {
	act := p.activeList()
	if len(act) <= p.set.denseLimit {
		act, q, err := p.dense(ctx)
		if err != nil {
			return nil, err
		}
		m := len(act)
		var es []pairengine.Edge
		for x := 0; x < m; x++ {
			for y := x + 1; y < m; y++ {
				if v := q[x*m+y]; v >= 0 {
					es = append(es, pairengine.Edge{U: act[x], V: act[y], Q: v})
				}
			}
		}
		return es, nil
	}
	if p.cand == nil {
		c, err := p.buildCandidates(ctx, p.searchIndex(), p.set.k, 0)
		if err != nil {
			return nil, err
		}
		p.cand = c
	}
	seen := make(map[uint64]struct{})
	var es []pairengine.Edge
	for _, i := range act {
		for x, j := range p.cand.cand[i] {
			key := pairKey(i, int(j))
			if _, ok := seen[key]; !ok {
				seen[key] = struct{}{}
				es = append(es, pairengine.Edge{U: min(i, int(j)), V: max(i, int(j)), Q: p.cand.score[i][x]})
			}
		}
	}
	slices.SortFunc(es, pairengine.ByPair)
	return es, nil
}

// greedy is the Greedy strategy: the greedy matching over every eligible
// pair (greedyMatch), which is stable.
func (p *problem) greedy(ctx context.Context) ([]int, []string, error) {
	mate, err := p.greedyMatch(ctx)
	if err != nil {
		return nil, nil, err
	}
	return mate, []string{"greedy: heaviest eligible pair first, ties by id, over every eligible pair (the result is stable)"}, nil
}

// fillFree pairs the free active people with the first free eligible person
// in id order. It takes O(f·m) time for f free people.
func (p *problem) fillFree(ctx context.Context, mate []int) error {
	var free []int
	for _, i := range p.activeList() {
		if mate[i] < 0 {
			free = append(free, i)
		}
	}
	for x, i := range free {
		if err := ctx.Err(); err != nil {
			return err
		}
		if mate[i] >= 0 {
			continue
		}
		for _, j := range free[x+1:] {
			if mate[j] < 0 && p.eligible(i, j) == RuleNone {
				mate[i], mate[j] = j, i
				break
			}
		}
	}
	return nil
}

// random is the Random strategy: people in a seeded random order, each
// paired with the first free eligible person after them. O(m²) eligibility
// tests in the worst case, O(m) when most pairs are eligible.
func (p *problem) random(ctx context.Context) ([]int, []string, error) {
	act := p.activeList()
	rng := rand.New(rand.NewPCG(p.set.Seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(act), func(a, b int) { act[a], act[b] = act[b], act[a] })
	mate := p.noMate()
	for x, i := range act {
		if x%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		if mate[i] >= 0 {
			continue
		}
		for _, j := range act[x+1:] {
			if mate[j] >= 0 {
				continue
			}
			if r := p.eligible(i, j); r != RuleNone {
				p.rejected[r]++
				continue
			}
			mate[i], mate[j] = j, i
			break
		}
	}
	return mate, []string{fmt.Sprintf("random: seed %d", p.set.Seed)}, nil
}
