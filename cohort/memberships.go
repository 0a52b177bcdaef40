package cohort

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
