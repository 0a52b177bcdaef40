package cohort

import "slices"

// memberships holds lists of people (keep-apart lists, earlier groups) by
// membership: for every person, the numbers of the lists naming them,
// ascending, each once. A list of L people costs L entries, not the L²
// pairs it relates, and whether two people share a list is a merge of
// their two short lists.
type memberships [][]int32

// newMemberships returns the memberships of n people in lists (people by
// index; a person named twice in one list counts once). O(n + L) for L
// entries.
func newMemberships(n int, lists [][]int) memberships {
	m := make(memberships, n)
	for l, ms := range lists {
		for _, i := range ms {
			if ls := m[i]; len(ls) == 0 || ls[len(ls)-1] != int32(l) {
				m[i] = append(m[i], int32(l))
			}
		}
	}
	return pack(m)
}

// shared returns the number of lists naming both i and j (i ≠ j).
// O(lists of i + lists of j).
func (m memberships) shared(i, j int32) int {
	a, b := m[i], m[j]
	c := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] == b[0]:
			c++
			a, b = a[1:], b[1:]
		case a[0] < b[0]:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return c
}

// together reports whether some list names both i and j (i ≠ j).
// O(lists of i + lists of j).
func (m memberships) together(i, j int32) bool {
	a, b := m[i], m[j]
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] == b[0]:
			return true
		case a[0] < b[0]:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return false
}

// pairCounts holds, for every person, the people who share a list with
// them, ascending, and how many lists they share: shared(i, j) is then a
// binary search, O(log d) for d such people, where memberships.shared
// merges the two membership lists, O(h) for h lists each, which makes
// Form's time grow with every earlier round of a long programme.
type pairCounts struct {
	other [][]int32
	count [][]int32
}

// pairBudget is how many ordered pairs per listed id newPairCounts may
// hold (plus a fixed allowance): lists of up to 33 people fit, so that
// memory stays linear in the ids listed, and a history of huge lists is
// left to memberships.shared.
const pairBudget = 32

// newPairCounts returns the pair counts of n people in lists (a person
// named twice in one list counts once, as in newMemberships), or nil when
// the lists relate more than pairBudget·L + 2²⁰ ordered pairs for L ids.
// O(L + P log P) time and O(L + P) memory for P ordered pairs.
func newPairCounts(n int, lists [][]int) *pairCounts {
	ids := 0
	for _, ms := range lists {
		ids += len(ms)
	}
	budget := pairBudget*ids + 1<<20
	uniq := make([][]int, len(lists))
	deg := make([]int, n)
	pairs := 0
	for g, ms := range lists {
		u := slices.Clone(ms)
		slices.Sort(u)
		u = slices.Compact(u)
		pairs += len(u) * (len(u) - 1)
		if pairs > budget {
			return nil
		}
		uniq[g] = u
		for _, i := range u {
			deg[i] += len(u) - 1
		}
	}
	pc := &pairCounts{other: make([][]int32, n), count: make([][]int32, n)}
	raw := make([][]int32, n)
	for i := range raw {
		raw[i] = make([]int32, 0, deg[i])
	}
	for _, u := range uniq {
		for _, i := range u {
			for _, j := range u {
				if i != j {
					raw[i] = append(raw[i], int32(j))
				}
			}
		}
	}
	for i, r := range raw {
		slices.Sort(r)
		for x := 0; x < len(r); {
			y := x
			for y < len(r) && r[y] == r[x] {
				y++
			}
			pc.other[i] = append(pc.other[i], r[x])
			pc.count[i] = append(pc.count[i], int32(y-x))
			x = y
		}
		raw[i] = nil
	}
	return pc
}

// shared returns the number of lists naming both i and j (i ≠ j).
// O(log d) for the d people who share a list with i.
func (pc *pairCounts) shared(i, j int32) int {
	x, ok := slices.BinarySearch(pc.other[i], j)
	if !ok {
		return 0
	}
	return int(pc.count[i][x])
}
