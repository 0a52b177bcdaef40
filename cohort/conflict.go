package cohort

// This file holds the rule that two people may not share a group: a
// manager and a direct report (Person.Manager), or two people of one
// keep-apart list (Options.Apart). Keep-apart lists are held by
// membership (memberships), so that a list naming everyone costs linear
// memory and the checks of a group of m members stay O(m²) at worst,
// however long the lists.

import "slices"

// addManagerLink records that a and b (a manager and a direct report) may
// not share a group, once. O(deg a).
func (in *instance) addManagerLink(a, b int) {
	if a == b || slices.Contains(in.managerLinks[a], int32(b)) {
		return
	}
	in.managerLinks[a] = append(in.managerLinks[a], int32(b))
	in.managerLinks[b] = append(in.managerLinks[b], int32(a))
}

// eachConflict calls f for every member j of ms (a group's or a unit's
// members, in their order) with whom i may not share a group, each once:
// i's manager links first, then the members on a keep-apart list with i.
// O(deg i + m·(lists of i + lists of j)).
func (in *instance) eachConflict(i int32, ms []int32, f func(j int32)) {
	for _, j := range ms {
		if j != i && slices.Contains(in.managerLinks[i], j) {
			f(j)
		}
	}
	if len(in.apart[i]) == 0 {
		return
	}
	for _, j := range ms {
		if j != i && !slices.Contains(in.managerLinks[i], j) && in.apart.together(i, j) {
			f(j)
		}
	}
}

// largestApart returns the largest number of people on one keep-apart
// list among the people marked in (each needs a group of their own).
// O(n + entries).
func (in *instance) largestApart(marked []bool) int {
	count := map[int32]int{}
	most := 0
	for i, ls := range in.apart {
		if !marked[i] {
			continue
		}
		for _, l := range ls {
			count[l]++
			most = max(most, count[l])
		}
	}
	return most
}
