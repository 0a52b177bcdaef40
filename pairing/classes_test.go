package pairing

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// alikeRoster returns n people drawn from a few profiles, so that rule
// classes hold many people, with managers, never-pair lists and a history.
func alikeRoster(t testing.TB, rng *rand.Rand, n int) (*skills.Roster, map[string][]string, *History) {
	profiles := make([]skills.Person, 2+rng.IntN(4))
	for x := range profiles {
		profiles[x] = person("", rng.IntN(3), float64(rng.IntN(3)*3), make([]uint8, 3), make([]uint8, 3))
		for s := 0; s < 3; s++ {
			profiles[x].Have[s] = uint8(rng.IntN(6))
			profiles[x].Want[s] = uint8(rng.IntN(6))
		}
		profiles[x].Department = []string{"", "a", "b"}[rng.IntN(3)]
	}
	ppl := make([]skills.Person, n)
	for i := range ppl {
		pr := profiles[rng.IntN(len(profiles))]
		ppl[i] = pr
		ppl[i].ID = fmt.Sprintf("p%03d", i)
		ppl[i].Have, ppl[i].Want = append([]uint8(nil), pr.Have...), append([]uint8(nil), pr.Want...)
		if i > 0 && rng.IntN(3) == 0 {
			ppl[i].Manager = fmt.Sprintf("p%03d", rng.IntN(i))
		}
	}
	never := map[string][]string{}
	for x := 0; x < n/4; x++ {
		a, b := rng.IntN(n), rng.IntN(n)
		never[ppl[a].ID] = append(never[ppl[a].ID], ppl[b].ID)
	}
	h := &History{Rounds: []Round{{Round: 1}}}
	for x := 0; x < n/4; x++ {
		h.Rounds[0].Groups = append(h.Rounds[0].Groups, []string{ppl[rng.IntN(n)].ID, ppl[rng.IntN(n)].ID})
	}
	return roster(t, 3, ppl...), never, h
}

// Counting the rules class by class gives, for every person, the counts
// of checking every pair, with every pair-specific rule in play.
func TestFirstRulesMatchPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for it := 0; it < 300; it++ {
		r, never, h := alikeRoster(t, rng, 4+rng.IntN(40))
		opt := Options{
			HardRules: HardRules{
				Never:               never,
				ManagerChain:        it%2 == 0,
				DifferentDepartment: it%3 == 0,
				MaxGradeGap:         GradeGap(rng.IntN(3) - 1),
				AllowNoExchange:     it%5 == 0,
			},
			EarlierRounds: EarlierRounds{History: h},
			Mutual:        Mutual(it % 4),
		}
		if it%4 == 0 {
			opt.Pinned = [][2]string{}
		}
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		if it%7 == 0 {
			p.active[rng.IntN(p.n)] = false // as a pin does
		}
		count := p.activeCounts()
		for u := 0; u < p.n; u++ {
			for _, gapOnly := range []bool{false, true} {
				for _, barren := range []bool{false, true} {
					var want [numRules]int
					wantEligible := 0
					for j := 0; j < p.n; j++ {
						if j == u || !p.active[j] || (gapOnly && !p.set.gap.allows(p.Grade[u], p.Grade[j])) {
							continue
						}
						rl := p.eligible(u, j)
						if rl == RuleNone && barren {
							rl = RuleNothingToExchange
						}
						if rl == RuleNone {
							wantEligible++
						} else {
							want[rl]++
						}
					}
					got, gotEligible := p.firstRules(u, gapOnly, barren, count)
					require.Equal(t, want, got, "it %d person %d gap %v barren %v", it, u, gapOnly, barren)
					require.Equal(t, wantEligible, gotEligible, "it %d person %d", it, u)
				}
			}
		}
	}
}
