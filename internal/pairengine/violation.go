package pairengine

import (
	"cmp"
	"slices"
)

// Violation is a pair met by pricing, outside the graph, with its slack
// under the certificate (negative: the certificate does not cover it).
type Violation struct {
	E     Edge
	Slack float64
}

// MostViolated orders violations by slack, most negative first, then by
// pair: deterministic whatever order the workers found them in. O(1).
func MostViolated(a, b Violation) int {
	if c := cmp.Compare(a.Slack, b.Slack); c != 0 {
		return c
	}
	return ByPair(a.E, b.E)
}

// NearShare: a pair outside the graph whose slack is below NearShare of
// its score is added with the violators (after them, in the per-person
// quota): the next solve would likely make it violate, and adding it at
// once saves pricing rounds (docs/performance-log.md).
const NearShare = 0.05

// SlackMargin: scores are integers, so a negative slack is at most −1; a
// slack below this margin is a violation whatever the float rounding.
const SlackMargin = -0.25

// Quota keeps, of the pairs the workers found (each pair once), those
// among the k most violated of at least one of their two people, most
// violated first: the next solve fixes most of the others through the
// duals, and the graph grows by at most k pairs per person a round. It
// calls dropped, when set, for every pair left out, and counts the
// violators (slack below SlackMargin). O(V log V) for V pairs found.
func Quota(found [][]Violation, k int, dropped func(Edge)) (kept []Edge, nviol int) {
	var all []Violation
	for w := range found {
		all = append(all, found[w]...)
	}
	slices.SortFunc(all, MostViolated)
	count := make(map[int]int)
	seen := make(map[uint64]struct{})
	for _, v := range all {
		e := v.E
		key := PairKey(e.U, e.V)
		if _, dup := seen[key]; dup {
			continue
		}
		seen[key] = struct{}{}
		if v.Slack < SlackMargin {
			nviol++
		}
		if count[e.U] < k || count[e.V] < k {
			count[e.U]++
			count[e.V]++
			kept = append(kept, e)
		} else if dropped != nil {
			dropped(e)
		}
	}
	return kept, nviol
}
