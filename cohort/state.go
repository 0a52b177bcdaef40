package cohort

import (
	"math"
	"slices"
)

// value is a partition's standing in the search: broken hard rules first
// (fewer is better), then the objective. Hard rules are thus never traded for
// score, whatever the weights.
type value struct {
	hard int
	obj  float64
}

// better reports whether v is better than w (by more than rounding).
func (v value) better(w value) bool {
	return v.hard < w.hard || (v.hard == w.hard && v.obj > w.obj+1e-12)
}

// groupEval is the evaluation of one group.
type groupEval struct {
	teachNum, teachDen int     // want levels covered by another member, all want levels
	roles              int     // members who can teach something another member wants
	size               int     // members
	deptExcess         int     // members above MaxPerDepartment
	isolated           int     // members alone with their value of a NoIsolatedTags key
	repeats            int     // Σ c² over pairs together c times before
	hard               int     // broken hard rules
	score              float64 // quality minus soft penalties
}

func (e *groupEval) teachability() float64 {
	if e.teachDen == 0 {
		return 1
	}
	return float64(e.teachNum) / float64(e.teachDen)
}

func (e *groupEval) roleShare() float64 {
	if e.size == 0 {
		return 0
	}
	return float64(e.roles) / float64(e.size)
}

// state is a partition of the placed people into groups, with per-group
// counts of holders and wanters of each skill so that a move is evaluated by
// rescoring only the two groups it touches.
type state struct {
	in      *instance
	groupOf []int32   // person → group, -1 when not placed
	members [][]int32 // group → people
	stratOf []int32   // group → stratum
	holders []int32   // group·k + skill → members holding the skill
	wanters []int32   // group·k + skill → members wanting the skill
	eval    []groupEval
	hard    int     // Σ eval.hard
	sum     float64 // Σ eval.score
	tree    []float64
	leaves  int
}

func newState(in *instance, groups int) *state {
	st := &state{in: in, groupOf: make([]int32, in.n), members: make([][]int32, groups), stratOf: make([]int32, groups),
		holders: make([]int32, groups*in.k), wanters: make([]int32, groups*in.k), eval: make([]groupEval, groups)}
	for i := range st.groupOf {
		st.groupOf[i] = -1
	}
	st.leaves = 1
	for st.leaves < groups {
		st.leaves *= 2
	}
	st.tree = make([]float64, 2*st.leaves)
	for i := range st.tree {
		st.tree[i] = math.Inf(1)
	}
	return st
}

// add puts person i into group g without rescoring.
func (st *state) add(i int32, g int32) {
	st.groupOf[i] = g
	st.members[g] = append(st.members[g], i)
	k := st.in.k
	for _, h := range st.in.holds[i] {
		st.holders[int(g)*k+int(h.skill)]++
	}
	for _, w := range st.in.wants[i] {
		st.wanters[int(g)*k+int(w.skill)]++
	}
}

// remove takes person i out of its group without rescoring.
func (st *state) remove(i int32) {
	g := st.groupOf[i]
	ms := st.members[g]
	for x, j := range ms {
		if j == i {
			ms[x] = ms[len(ms)-1]
			st.members[g] = ms[:len(ms)-1]
			break
		}
	}
	st.groupOf[i] = -1
	k := st.in.k
	for _, h := range st.in.holds[i] {
		st.holders[int(g)*k+int(h.skill)]--
	}
	for _, w := range st.in.wants[i] {
		st.wanters[int(g)*k+int(w.skill)]--
	}
}

// evaluate scores group g from its counts. It takes O(Σ sparse skills of the
// members + m² + m·h) time for m members and h history entries each (h
// becomes log d, d the people who shared an earlier group with a member,
// when the history's pairs are counted, see newPairCounts).
func (st *state) evaluate(g int32) groupEval {
	in, set := st.in, &st.in.set
	k := in.k
	ms := st.members[g]
	hold := st.holders[int(g)*k : int(g+1)*k]
	want := st.wanters[int(g)*k : int(g+1)*k]
	e := groupEval{size: len(ms)}
	for _, i := range ms {
		for _, w := range in.wants[i] {
			e.teachDen += int(w.level)
			own := int32(0)
			if w.held {
				own = 1
			}
			if hold[w.skill]-own > 0 {
				e.teachNum += int(w.level)
			}
		}
		for _, h := range in.holds[i] {
			own := int32(0)
			if h.wanted {
				own = 1
			}
			if want[h.skill]-own > 0 {
				e.roles++
				break
			}
		}
		for _, j := range in.managerLinks[i] {
			if j > i && st.groupOf[j] == g {
				e.hard++
			}
		}
		if len(in.apart[i]) > 0 { // each pair once: not if linked above
			for _, j := range ms {
				if j > i && !slices.Contains(in.managerLinks[i], j) && in.apart.together(i, j) {
					e.hard++
				}
			}
		}
		if len(in.history[i]) > 0 { // c earlier groups together cost c²
			for _, j := range ms {
				if j > i {
					var c int
					if in.historyPairs != nil {
						c = in.historyPairs.shared(i, j)
					} else {
						c = in.history.shared(i, j)
					}
					e.repeats += c * c
				}
			}
		}
	}
	if set.MaxPerDepartment > 0 {
		for x, i := range ms {
			d := in.dept[i]
			if d < 0 {
				continue
			}
			first, c := true, 0
			for y, j := range ms {
				if in.dept[j] == d {
					if y < x {
						first = false
						break
					}
					c++
				}
			}
			if first && c > set.MaxPerDepartment {
				e.deptExcess += c - set.MaxPerDepartment
			}
		}
	}
	for _, col := range in.tags {
		for _, i := range ms {
			v := col[i]
			if v < 0 {
				continue
			}
			c := 0
			for _, j := range ms {
				if col[j] == v {
					c++
				}
			}
			if c == 1 {
				e.isolated++
			}
		}
	}
	if set.GradeBand && len(ms) > 0 {
		lo, hi := in.gradeSpan(ms)
		if hi-lo > set.gap {
			e.hard += hi - lo - set.gap
		}
	}
	// The explicit float64 conversions forbid fused multiply-adds, so that
	// scores are bit-identical on every architecture.
	q := (float64(set.wTeach*e.teachability()) + float64(set.wRole*e.roleShare())) / (set.wTeach + set.wRole)
	e.score = q - float64(set.wDept*float64(e.deptExcess)) - float64(set.wIso*float64(e.isolated)) - float64(set.wRep*float64(e.repeats))
	return e
}

// rescore re-evaluates group g and updates the totals and the min tree.
func (st *state) rescore(g int32) {
	old := st.eval[g]
	e := st.evaluate(g)
	st.eval[g] = e
	st.hard += e.hard - old.hard
	st.sum += e.score - old.score
	x := st.leaves + int(g)
	st.tree[x] = e.score
	for x > 1 {
		x /= 2
		st.tree[x] = math.Min(st.tree[2*x], st.tree[2*x+1])
	}
}

// rescoreAll evaluates every group from scratch and rebuilds the totals.
func (st *state) rescoreAll() {
	st.hard, st.sum = 0, 0
	for g := range st.eval {
		st.eval[g] = st.evaluate(int32(g))
		st.hard += st.eval[g].hard
		st.sum += st.eval[g].score
		st.tree[st.leaves+g] = st.eval[g].score
	}
	for x := st.leaves - 1; x >= 1; x-- {
		st.tree[x] = math.Min(st.tree[2*x], st.tree[2*x+1])
	}
}

// objective returns (1 − β)·mean + β·min of the group scores.
func (st *state) objective() float64 {
	g := len(st.eval)
	if g == 0 {
		return 0
	}
	b := st.in.set.beta
	return float64((1-b)*st.sum/float64(g)) + float64(b*st.tree[1])
}

// exactObjective is objective with the sum recomputed in group order, free
// of the rounding drift of incremental updates.
func (st *state) value() value { return value{st.hard, st.objective()} }

func (st *state) exactObjective() float64 {
	sum := 0.0
	for g := range st.eval {
		sum += st.eval[g].score
	}
	st.sum = sum
	return st.objective()
}

// moveUnit moves every member of unit u to group to.
func (st *state) moveUnit(u int32, to int32) {
	for _, i := range st.in.units[u] {
		st.remove(i)
		st.add(i, to)
	}
}
