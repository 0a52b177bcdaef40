package pairing

import (
	"math"
	"sync"
)

// ruleClasses groups people whose rule attributes are equal — grade,
// years, department, have and want levels — so that every rule except the
// pair-specific ones (never-pair lists, line management, repeats) and the
// exchange rule give a person the same answer for every member of a class.
// Counting the rules a person's pairs break class by class, and correcting
// the few pairs a pair-specific rule touches, makes the reasons and the
// rule counts of a roster of many alike people near-linear instead of
// quadratic (100,000 identical survey rows, for instance).
type ruleClasses struct {
	of    []int32 // person → class
	rep   []int32 // class → one member
	grade []int   // class → grade
	// pair-specific partners per person: never-pair lists, repeats and
	// direct reports (managers are p.mgr)
	never, repeats, reports [][]int32
	// memo holds firstRules' class-level counts, which depend on u only
	// through its class and whether it is active (see classCounts)
	mu   sync.Mutex
	memo map[classKey]classVal
}

// classKey is what the class-level part of firstRules depends on.
type classKey struct {
	count                 *int32 // the count slice (activeCounts) used
	class                 int32
	self, gapOnly, barren bool
}

// classVal is the class-level part of firstRules.
type classVal struct {
	counts   [numRules]int
	eligible int
}

// classes returns the rule classes, made once in O(n·k + h) time for n people, k skills and h
// never-pair and history entries.
func (p *problem) classes() *ruleClasses {
	p.classOnce.Do(func() { p.rc = p.makeClasses() })
	return p.rc
}

func (p *problem) makeClasses() *ruleClasses {
	rc := &ruleClasses{of: make([]int32, p.n), never: make([][]int32, p.n), repeats: make([][]int32, p.n), reports: make([][]int32, p.n)}
	ids := make(map[string]int32)
	key := make([]byte, 0, 20+2*p.k)
	for c := 0; c < p.n; c++ {
		key = p.appendClassAttrs(key[:0], c)
		id, ok := ids[string(key)]
		if !ok {
			id = int32(len(rc.rep))
			ids[string(key)] = id
			rc.rep = append(rc.rep, int32(c))
			rc.grade = append(rc.grade, p.Grade[c])
		}
		rc.of[c] = id
		if m := p.mgr[c]; m >= 0 {
			rc.reports[m] = append(rc.reports[m], int32(c))
		}
	}
	for k := range p.never {
		i, j := int32(k>>32), int32(k&math.MaxUint32)
		rc.never[i] = append(rc.never[i], j)
		rc.never[j] = append(rc.never[j], i)
	}
	if p.set.Repeats == ExcludeRepeats {
		for k := range p.repeat {
			i, j := int32(k>>32), int32(k&math.MaxUint32)
			rc.repeats[i] = append(rc.repeats[i], j)
			rc.repeats[j] = append(rc.repeats[j], i)
		}
	}
	return rc
}

// few reports whether the classes are few enough (at most half the
// people) for counting by class to pay.
func (rc *ruleClasses) few() bool { return 2*len(rc.rep) <= len(rc.of) }

// activeCounts returns the number of active people of each class. O(n).
func (p *problem) activeCounts() []int32 {
	rc := p.classes()
	count := make([]int32, len(rc.rep))
	for c, id := range rc.of {
		if p.active[c] {
			count[id]++
		}
	}
	return count
}

// firstRules counts, over the active people j ≠ u (only those within u's
// grade gap when gapOnly), the first rule each pair {u, j} breaks, the
// exchange rule included (every pair that passes the others breaks it
// when barren, as for a person nobody can be paired with), and returns the
// counts and how many pairs are eligible. count is activeCounts(). It takes O(C + E) rule tests for
// C classes and E pair-specific partners of u (O(depth + reports) more
// with ManagerChain).
func (p *problem) firstRules(u int, gapOnly, barren bool, count []int32) ([numRules]int, int) {
	rc := p.classes()
	result := func(j int) Rule { // the class-level answer for j's class
		r := p.classRule(u, j)
		if r == RuleNone && (barren || (!p.set.AllowNoExchange && p.mutual(u, j) <= 0)) {
			r = RuleNothingToExchange
		}
		return r
	}
	cv := p.classCounts(u, gapOnly, barren, count, result)
	counts, eligible := cv.counts, cv.eligible
	add := func(r Rule, n int) {
		if r == RuleNone {
			eligible += n
		} else {
			counts[r] += n
		}
	}
	// the pairs a pair-specific rule may touch: replace the class answer
	// by the pair's own
	seen := map[int32]bool{}
	fix := func(j int32) {
		if int(j) == u || seen[j] || !p.active[j] || (gapOnly && !p.set.gap.allows(p.Grade[u], p.Grade[j])) {
			return
		}
		seen[j] = true
		r1 := p.rule(u, int(j))
		if r1 == RuleNone && (barren || (!p.set.AllowNoExchange && p.mutual(u, int(j)) <= 0)) {
			r1 = RuleNothingToExchange
		}
		if r0 := result(int(j)); r0 != r1 {
			add(r0, -1)
			add(r1, 1)
		}
	}
	for _, j := range rc.never[u] {
		fix(j)
	}
	for _, j := range rc.repeats[u] {
		fix(j)
	}
	if p.set.ManagerChain {
		for steps, m := 0, p.mgr[u]; m >= 0 && steps <= p.n; steps, m = steps+1, p.mgr[m] {
			fix(m)
		}
		visited := map[int32]bool{int32(u): true}
		stack := append([]int32(nil), rc.reports[u]...)
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if visited[j] {
				continue
			}
			visited[j] = true
			stack = append(stack, rc.reports[j]...)
			fix(j)
		}
	} else {
		if m := p.mgr[u]; m >= 0 {
			fix(m)
		}
		for _, j := range rc.reports[u] {
			fix(j)
		}
	}
	return counts, eligible
}

// classCounts returns the class-level part of firstRules: the first rule
// of u with every active person outside u, class by class (result gives
// the class answer). It depends on u only through its class and whether u
// is active, so it is computed once per such key and count slice and
// shared by the callers, which may run in parallel: O(C) rule tests per
// key for C classes, instead of per person (100,000 people with no wants
// in 4,536 classes: 7.7 s → see BenchmarkDegenerate).
func (p *problem) classCounts(u int, gapOnly, barren bool, count []int32, result func(j int) Rule) classVal {
	rc := p.classes()
	if len(count) == 0 {
		return classVal{}
	}
	key := classKey{count: &count[0], class: rc.of[u], self: p.active[u], gapOnly: gapOnly, barren: barren}
	rc.mu.Lock()
	v, ok := rc.memo[key]
	rc.mu.Unlock()
	if ok {
		return v
	}
	for c, rep := range rc.rep {
		n := int(count[c])
		if int(key.class) == c && key.self {
			n--
		}
		if n <= 0 || (gapOnly && !p.set.gap.allows(p.Grade[u], rc.grade[c])) {
			continue
		}
		if r := result(int(rep)); r == RuleNone {
			v.eligible += n
		} else {
			v.counts[r] += n
		}
	}
	rc.mu.Lock()
	if rc.memo == nil {
		rc.memo = make(map[classKey]classVal)
	}
	rc.memo[key] = v
	rc.mu.Unlock()
	return v
}
