package programme

import (
	"sort"

	"github.com/peermatch/peermatch/pairing"
)

// historyOf returns the pair rounds of rounds as a pairing.History: every
// pair a round ever had (dissolved ones too) is a repeat, and the people
// left without a partner (Round.Unmatched, plus extra for the last round)
// are the last round's unmatched, whom pairing favours. Group rounds are
// left out: sharing a group is not having been a pair.
func historyOf(rounds []Round, extra []string) *pairing.History {
	h := &pairing.History{}
	for _, r := range rounds {
		if r.Kind == KindGroups {
			continue
		}
		hr := pairing.Round{Round: r.Number}
		for _, p := range r.Pairs {
			hr.Groups = append(hr.Groups, []string{p.A, p.B})
		}
		for _, u := range r.Unmatched {
			hr.Unmatched = append(hr.Unmatched, u.ID)
		}
		h.Rounds = append(h.Rounds, hr)
	}
	if n := len(h.Rounds); n > 0 && len(extra) > 0 {
		seen := map[string]bool{}
		for _, id := range h.Rounds[n-1].Unmatched {
			seen[id] = true
		}
		for _, id := range extra {
			if !seen[id] {
				seen[id] = true
				h.Rounds[n-1].Unmatched = append(h.Rounds[n-1].Unmatched, id)
			}
		}
		sort.Strings(h.Rounds[n-1].Unmatched)
	}
	return h
}

// failedPairs returns every pair of rounds dissolved as failed, plus extra,
// merged into a copy of never (a pairing.Options.Never map).
func withNever(never map[string][]string, pairs [][2]string) map[string][]string {
	out := make(map[string][]string, len(never)+len(pairs))
	for k, v := range never {
		out[k] = append([]string(nil), v...)
	}
	for _, p := range pairs {
		out[p[0]] = append(out[p[0]], p[1])
	}
	return out
}

func failedPairs(rounds []Round) [][2]string {
	var out [][2]string
	for _, r := range rounds {
		for _, p := range r.Pairs {
			if p.Reason == DissolvedFailed {
				a, b := order2(p.A, p.B)
				out = append(out, [2]string{a, b})
			}
		}
	}
	return out
}
