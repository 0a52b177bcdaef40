package schedule

import (
	"context"
	"fmt"
	"strings"
)

// validateGroups checks ids, members, topics and prerequisites.
func validateGroups(groups []Group, pairs []Pair) error {
	ids := map[string]bool{}
	for gi, g := range groups {
		if g.ID == "" {
			return fmt.Errorf("%w: group %d has no ID", ErrInvalidInput, gi)
		}
		if ids[g.ID] {
			return fmt.Errorf("%w: duplicate group ID %q", ErrInvalidInput, g.ID)
		}
		ids[g.ID] = true
		if len(g.Members) == 0 {
			return fmt.Errorf("%w: group %q has no members", ErrInvalidInput, g.ID)
		}
		mem := map[string]bool{}
		for mi, m := range g.Members {
			if m.ID == "" {
				return fmt.Errorf("%w: group %q: member %d has no ID", ErrInvalidInput, g.ID, mi)
			}
			if mem[m.ID] {
				return fmt.Errorf("%w: group %q: duplicate member %q", ErrInvalidInput, g.ID, m.ID)
			}
			mem[m.ID] = true
		}
		if len(g.Topics) > 64 {
			return fmt.Errorf("%w: group %q has %d topics; at most 64 are supported", ErrInvalidInput, g.ID, len(g.Topics))
		}
		top := map[string]bool{}
		for ti, t := range g.Topics {
			k := strings.ToLower(t.Skill)
			if k == "" {
				return fmt.Errorf("%w: group %q: topic %d has no Skill", ErrInvalidInput, g.ID, ti)
			}
			if top[k] {
				return fmt.Errorf("%w: group %q: duplicate topic %q", ErrInvalidInput, g.ID, t.Skill)
			}
			top[k] = true
			if t.Owner != "" && !mem[t.Owner] {
				return fmt.Errorf("%w: group %q: owner %q of topic %q is not a member", ErrInvalidInput, g.ID, t.Owner, t.Skill)
			}
			if t.Reflection != "" && !mem[t.Reflection] {
				return fmt.Errorf("%w: group %q: Reflection facilitator %q of topic %q is not a member", ErrInvalidInput, g.ID, t.Reflection, t.Skill)
			}
			if t.Reflection != "" && t.Reflection == t.Owner {
				return fmt.Errorf("%w: group %q: topic %q has %q facilitating both its Exploration and its Reflection; a module needs two different members", ErrInvalidInput, g.ID, t.Skill, t.Owner)
			}
		}
		for _, t := range g.Topics {
			for _, r := range t.Requires {
				if !top[strings.ToLower(r)] {
					return fmt.Errorf("%w: group %q: topic %q requires unknown topic %q", ErrInvalidInput, g.ID, t.Skill, r)
				}
			}
		}
		if _, err := topoOrder(g); err != nil {
			return err
		}
	}
	// A pair is its two people in either order: B+A repeats A+B (its
	// check-ins would be planned twice). Two different pairs can still
	// share an ID when ids hold '+' ("x+" with "y", "x" with "+y").
	partners := map[[2]string]int{}
	for pi, p := range pairs {
		if p.A.ID == "" || p.B.ID == "" || p.A.ID == p.B.ID {
			return fmt.Errorf("%w: pair %d needs two different member IDs (got %q, %q)", ErrInvalidInput, pi, p.A.ID, p.B.ID)
		}
		key := [2]string{min(p.A.ID, p.B.ID), max(p.A.ID, p.B.ID)}
		if prev, ok := partners[key]; ok {
			return fmt.Errorf("%w: duplicate pair %q: pair %d has the same two people (%q and %q)", ErrInvalidInput, p.ID(), prev, p.A.ID, p.B.ID)
		}
		partners[key] = pi
		if ids[p.ID()] {
			return fmt.Errorf("%w: pair %d (%q and %q) has the ID %q of another pair or group: rename an id holding '+'", ErrInvalidInput, pi, p.A.ID, p.B.ID, p.ID())
		}
		ids[p.ID()] = true
	}
	return nil
}

// prereqs returns, for each topic index, the indexes of its prerequisites.
func prereqs(g Group) [][]int {
	idx := map[string]int{}
	for i, t := range g.Topics {
		idx[strings.ToLower(t.Skill)] = i
	}
	out := make([][]int, len(g.Topics))
	for i, t := range g.Topics {
		for _, r := range t.Requires {
			if j, ok := idx[strings.ToLower(r)]; ok {
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

// topoOrder returns the topics' indexes in a prerequisite-respecting order,
// preferring input order (Kahn's algorithm, smallest index first), or an
// ErrCycle error naming a cycle. It takes O(T² + E) time.
func topoOrder(g Group) ([]int, error) {
	pre := prereqs(g)
	n := len(g.Topics)
	done := make([]bool, n)
	order := make([]int, 0, n)
	for len(order) < n {
		next := -1
		for i := 0; i < n && next < 0; i++ {
			if done[i] {
				continue
			}
			ok := true
			for _, j := range pre[i] {
				if !done[j] {
					ok = false
					break
				}
			}
			if ok {
				next = i
			}
		}
		if next < 0 {
			return nil, fmt.Errorf("%w: group %q: %s", ErrCycle, g.ID, describeCycle(g, pre, done))
		}
		done[next] = true
		order = append(order, next)
	}
	return order, nil
}

// describeCycle finds a cycle among the topics not yet done and names it
// "a → b → a" (a requires b, which requires a).
func describeCycle(g Group, pre [][]int, done []bool) string {
	start := 0
	for done[start] {
		start++
	}
	// Walk unfinished prerequisites until a topic repeats.
	pos := map[int]int{}
	var path []int
	for v := start; ; {
		if p, ok := pos[v]; ok {
			names := make([]string, 0, len(path)-p+1)
			for _, u := range path[p:] {
				names = append(names, g.Topics[u].Skill)
			}
			names = append(names, g.Topics[v].Skill)
			return "topics " + strings.Join(names, " → ") + " (each requires the next)"
		}
		pos[v] = len(path)
		path = append(path, v)
		for _, u := range pre[v] {
			if !done[u] {
				v = u
				break
			}
		}
	}
}

// assignOwners fills empty owners with the member who owns the fewest
// topics (ties by member order) and checks that owner counts differ by at
// most one, which the rotation rules need. It takes O(T·M) time.
func assignOwners(g Group) (Group, error) {
	count := make(map[string]int, len(g.Members))
	for _, t := range g.Topics {
		if t.Owner != "" {
			count[t.Owner]++
		}
	}
	topics := append([]Topic(nil), g.Topics...)
	for i := range topics {
		if topics[i].Owner != "" {
			continue
		}
		best := g.Members[0].ID
		for _, m := range g.Members[1:] {
			if count[m.ID] < count[best] {
				best = m.ID
			}
		}
		topics[i].Owner = best
		count[best]++
	}
	g.Topics = topics
	lo, hi := g.Members[0].ID, g.Members[0].ID
	for _, m := range g.Members {
		if count[m.ID] < count[lo] {
			lo = m.ID
		}
		if count[m.ID] > count[hi] {
			hi = m.ID
		}
	}
	if count[hi]-count[lo] > 1 {
		return g, fmt.Errorf("%w: group %q: topic owners break \"lead counts differ by at most one\": %q owns %d topics but %q owns %d; give %q's topics other owners or leave Owner empty",
			ErrRotation, g.ID, hi, count[hi], lo, count[lo], hi)
	}
	return g, nil
}

// maxOrderSteps bounds the topic-order search, so that adversarial
// prerequisites cannot make Build run for hours.
const maxOrderSteps = 1 << 21

// mentoringOrder orders the topics of a PeerMentoring group so that
// prerequisites come first, nobody leads two sessions in a row, and at every
// point lead counts differ by at most one. It prefers input order
// (depth-first search in topic order with memoised dead ends: O(2^T·M)
// states in the worst case, capped at maxOrderSteps; O(T²) when the input
// order already works).
func mentoringOrder(ctx context.Context, g Group) ([]int, error) {
	n := len(g.Topics)
	pre := prereqs(g)
	midx := map[string]int{}
	for i, m := range g.Members {
		midx[m.ID] = i
	}
	owner := make([]int, n)
	for i, t := range g.Topics {
		owner[i] = midx[t.Owner]
	}
	count := make([]int, len(g.Members))
	dead := map[[2]uint64]bool{}
	order := make([]int, 0, n)
	var used uint64
	steps := 0
	var dfs func(last int) bool
	dfs = func(last int) bool {
		if len(order) == n {
			return true
		}
		key := [2]uint64{used, uint64(last + 1)}
		if dead[key] {
			return false
		}
		steps++
		if steps > maxOrderSteps || (steps%1024 == 0 && ctx.Err() != nil) {
			return false
		}
		lo := count[0]
		for _, c := range count {
			lo = min(lo, c)
		}
		for i := 0; i < n; i++ {
			if used&(1<<i) != 0 || owner[i] == last || count[owner[i]] != lo {
				continue
			}
			ok := true
			for _, j := range pre[i] {
				if used&(1<<j) == 0 {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			used |= 1 << i
			count[owner[i]]++
			order = append(order, i)
			if dfs(owner[i]) {
				return true
			}
			order = order[:len(order)-1]
			count[owner[i]]--
			used &^= 1 << i
		}
		dead[key] = true
		return false
	}
	if dfs(-1) {
		return order, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if steps > maxOrderSteps {
		return nil, fmt.Errorf("%w: group %q: gave up after %d search steps looking for an order of its %d topics that honours the prerequisites and the rotation; simplify owners or prerequisites",
			ErrRotation, g.ID, maxOrderSteps, n)
	}
	return nil, fmt.Errorf("%w: group %q: no order of its %d topics honours the prerequisites with each owner leading their topic, nobody leading twice in a row, and everyone leading before anyone leads again; change topic owners or prerequisites",
		ErrRotation, g.ID, n)
}

// learningFacilitators returns 2·T facilitator member ids for the
// Exploration/Reflection sessions of a PeerLearning group, in session
// order: each pick is a member with the fewest leads so far who did not
// lead the previous session, ties broken by least recent lead and then
// member order. It takes O(T·M) time.
func learningFacilitators(g Group) ([]string, error) {
	if given, ok := givenFacilitators(g); ok {
		return given, nil
	}
	if len(g.Members) < 2 && len(g.Topics) > 0 {
		return nil, fmt.Errorf("%w: group %q: a PeerLearning module needs two different facilitators, but the group has %d member", ErrRotation, g.ID, len(g.Members))
	}
	m := len(g.Members)
	count := make([]int, m)
	lastUsed := make([]int, m)
	for i := range lastUsed {
		lastUsed[i] = -1
	}
	prev := -1
	out := make([]string, 0, 2*len(g.Topics))
	for s := 0; s < 2*len(g.Topics); s++ {
		best := -1
		for i := 0; i < m; i++ {
			if i == prev {
				continue
			}
			if best < 0 || count[i] < count[best] || (count[i] == count[best] && lastUsed[i] < lastUsed[best]) {
				best = i
			}
		}
		count[best]++
		lastUsed[best] = s
		prev = best
		out = append(out, g.Members[best].ID)
	}
	return out, nil
}

// givenFacilitators returns the facilitators of g's modules in topic
// order when every topic names both (Owner for the Exploration, Reflection
// for the Reflection), as the groups that formed them decided.
func givenFacilitators(g Group) ([]string, bool) {
	if len(g.Topics) == 0 {
		return nil, false
	}
	order, err := topoOrder(g)
	if err != nil {
		return nil, false
	}
	out := make([]string, 0, 2*len(g.Topics))
	for _, ti := range order {
		t := g.Topics[ti]
		if t.Owner == "" || t.Reflection == "" {
			return nil, false
		}
		out = append(out, t.Owner, t.Reflection)
	}
	return out, true
}
