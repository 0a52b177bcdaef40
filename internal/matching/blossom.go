package matching

import (
	"context"
)

// solver is the state of Edmonds' primal-dual blossom algorithm in the
// O(n³) formulation of Galil (1986), following the structure of Joris van
// Rantwijk's mwmatching.py (the algorithm NetworkX uses).
//
// Vertices are 0..n-1; blossoms are numbered n..2n-1. Edge k joins
// endpoint[2k] and endpoint[2k+1]; an "endpoint" p names the vertex
// endpoint[p], and p^1 is the other end of the same edge.
//
// Duals are doubled: dual[v] = 2·y_v for a vertex and dual[b] = z_b for a
// blossom, so that an edge between different top-level blossoms has
// 2·slack = dual[i] + dual[j] − 2w. With integer weights every quantity stays
// integral, hence exact in float64.
type solver struct {
	ctx     context.Context
	n       int
	nedge   int
	maxcard bool

	endpoint []int32   // 2*nedge
	weight   []float64 // nedge
	adjStart []int32   // n+1: CSR over the remote endpoints of each vertex
	adj      []int32   // 2*nedge

	mate             []int32 // n: remote endpoint of the matched edge, or -1
	label            []int8  // 2n: 0 free, 1 S, 2 T (5 = S marked in scanBlossom)
	labelend         []int32 // 2n
	inblossom        []int32 // n: top-level blossom containing the vertex
	blossomparent    []int32 // 2n
	blossomchilds    [][]int32
	blossombase      []int32 // 2n
	blossomendps     [][]int32
	bestedge         []int32 // 2n
	blossombestedges [][]int32
	hasBestEdges     []bool // 2n: blossombestedges[b] is meaningful
	unused           []int32
	dual             []float64 // 2n
	allowedge        []bool    // nedge
	queue            []int32

	bestedgeto []int32 // 2n scratch for addBlossom, all -1 between uses

	rootOf     []int32   // n: root vertex of the tree holding the vertex, or -1
	members    [][]int32 // by root: vertices labeled in its tree (may hold stale entries)
	gen        int32
	inD        []int32 // n: stamp for dissolve
	rstamp     []int32 // n
	tstamp     []int32 // n
	bstamp     []int32 // n (blossoms, offset by n)
	dissolved  []int32
	recomputeV []int32
	recomputeT []int32
	leafBuf    []int32
	stackBuf   []int32
	touchedBuf []int32

	steps int
	err   error

	// debug, when set (by tests), is called before every dual step.
	debug func(*solver)
}

// checkEvery is how many unit steps pass between two context checks.
const checkEvery = 1 << 14

// tick counts k unit steps and reports whether the context was cancelled.
func (s *solver) tick(k int) bool {
	s.steps += k
	if s.steps >= checkEvery {
		s.steps = 0
		if err := s.ctx.Err(); err != nil {
			s.err = err
			return true
		}
	}
	return s.err != nil
}

func (s *solver) slack(k int32) float64 {
	return s.dual[s.endpoint[2*k]] + s.dual[s.endpoint[2*k+1]] - 2*s.weight[k]
}

// leaves appends the vertices of blossom b to buf.
func (s *solver) leaves(b int32, buf []int32) []int32 {
	n := int32(s.n)
	if b < n {
		return append(buf, b)
	}
	stack := append(s.stackBuf[:0], b)
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range s.blossomchilds[t] {
			if c < n {
				buf = append(buf, c)
			} else {
				stack = append(stack, c)
			}
		}
	}
	s.stackBuf = stack
	return buf
}

func (s *solver) assignLabel(w int32, t int8, p int32) {
	root := w
	if p != -1 {
		root = s.rootOf[s.endpoint[p]]
	}
	for {
		b := s.inblossom[w]
		s.label[w], s.label[b] = t, t
		s.labelend[w], s.labelend[b] = p, p
		s.bestedge[w], s.bestedge[b] = -1, -1
		mem := s.members[root]
		start := len(mem)
		mem = s.leaves(b, mem)
		s.members[root] = mem
		for _, x := range mem[start:] {
			s.rootOf[x] = root
		}
		if t == 1 {
			s.queue = append(s.queue, mem[start:]...)
			return
		}
		base := s.blossombase[b]
		mb := s.mate[base]
		w, t, p = s.endpoint[mb], 1, mb^1
	}
}

// scanBlossom traces back from v and w to find a new blossom or an
// augmenting path; it returns the base of the new blossom or -1.
func (s *solver) scanBlossom(v, w int32) int32 {
	var path []int32
	path = s.stackBuf[:0]
	base := int32(-1)
	for v != -1 || w != -1 {
		b := s.inblossom[v]
		if s.label[b]&4 != 0 {
			base = s.blossombase[b]
			break
		}
		path = append(path, b)
		s.label[b] = 5
		if s.labelend[b] == -1 {
			v = -1
		} else {
			v = s.endpoint[s.labelend[b]]
			b = s.inblossom[v]
			v = s.endpoint[s.labelend[b]]
		}
		if w != -1 {
			v, w = w, v
		}
	}
	for _, b := range path {
		s.label[b] = 1
	}
	s.stackBuf = path
	return base
}

func (s *solver) addBlossom(base int32, k int32) {
	v, w := s.endpoint[2*k], s.endpoint[2*k+1]
	bb := s.inblossom[base]
	bv := s.inblossom[v]
	bw := s.inblossom[w]
	b := s.unused[len(s.unused)-1]
	s.unused = s.unused[:len(s.unused)-1]
	s.blossombase[b] = base
	s.blossomparent[b] = -1
	s.blossomparent[bb] = b
	path := s.blossomchilds[b][:0]
	endps := s.blossomendps[b][:0]
	for bv != bb {
		s.blossomparent[bv] = b
		path = append(path, bv)
		endps = append(endps, s.labelend[bv])
		v = s.endpoint[s.labelend[bv]]
		bv = s.inblossom[v]
	}
	path = append(path, bb)
	reverse(path)
	reverse(endps)
	endps = append(endps, 2*k)
	for bw != bb {
		s.blossomparent[bw] = b
		path = append(path, bw)
		endps = append(endps, s.labelend[bw]^1)
		w = s.endpoint[s.labelend[bw]]
		bw = s.inblossom[w]
	}
	s.blossomchilds[b] = path
	s.blossomendps[b] = endps
	s.label[b] = 1
	s.labelend[b] = s.labelend[bb]
	s.dual[b] = 0
	leaves := s.leaves(b, s.leafBuf[:0])
	for _, lv := range leaves {
		if s.label[s.inblossom[lv]] == 2 {
			s.queue = append(s.queue, lv)
		}
		s.inblossom[lv] = b
	}
	s.leafBuf = leaves
	// Compute the least-slack edges from the new blossom to each
	// neighbouring S-blossom.
	bestedgeto := s.bestedgeto
	touched := s.touchedBuf[:0]
	consider := func(k int32) {
		i, j := s.endpoint[2*k], s.endpoint[2*k+1]
		if s.inblossom[j] == b {
			i, j = j, i
		}
		_ = i
		bj := s.inblossom[j]
		if bj != b && s.label[bj] == 1 {
			if bestedgeto[bj] == -1 {
				bestedgeto[bj] = k
				touched = append(touched, bj)
			} else if s.slack(k) < s.slack(bestedgeto[bj]) {
				bestedgeto[bj] = k
			}
		}
	}
	for _, c := range path {
		if !s.hasBestEdges[c] {
			lv := s.leaves(c, s.leafBuf[:0])
			for _, x := range lv {
				for _, p := range s.adj[s.adjStart[x]:s.adjStart[x+1]] {
					consider(p / 2)
				}
				s.tick(int(s.adjStart[x+1] - s.adjStart[x]))
			}
			s.leafBuf = lv
		} else {
			for _, kk := range s.blossombestedges[c] {
				consider(kk)
			}
		}
		s.hasBestEdges[c] = false
		s.blossombestedges[c] = s.blossombestedges[c][:0]
		s.bestedge[c] = -1
	}
	list := s.blossombestedges[b][:0]
	for _, bj := range touched {
		list = append(list, bestedgeto[bj])
		bestedgeto[bj] = -1
	}
	s.touchedBuf = touched
	s.blossombestedges[b] = list
	s.hasBestEdges[b] = true
	s.bestedge[b] = -1
	for _, kk := range list {
		if s.bestedge[b] == -1 || s.slack(kk) < s.slack(s.bestedge[b]) {
			s.bestedge[b] = kk
		}
	}
}

func reverse(a []int32) {
	for i, j := 0, len(a)-1; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
}

func (s *solver) expandBlossom(b int32, endstage bool) {
	n := int32(s.n)
	for _, c := range s.blossomchilds[b] {
		s.blossomparent[c] = -1
		if c < n {
			s.inblossom[c] = c
		} else if endstage && s.dual[c] == 0 {
			s.expandBlossom(c, endstage)
		} else {
			lv := s.leaves(c, s.leafBuf[:0])
			for _, x := range lv {
				s.inblossom[x] = c
			}
			s.leafBuf = lv
		}
	}
	if !endstage && s.label[b] == 2 {
		childs := s.blossomchilds[b]
		endps := s.blossomendps[b]
		nc := len(childs)
		entrychild := s.inblossom[s.endpoint[s.labelend[b]^1]]
		j := indexOf(childs, entrychild)
		var jstep int
		var endptrick int32
		if j&1 != 0 {
			j -= nc
			jstep = 1
			endptrick = 0
		} else {
			jstep = -1
			endptrick = 1
		}
		at := func(a []int32, i int) int32 {
			if i < 0 {
				i += len(a)
			}
			return a[i]
		}
		p := s.labelend[b]
		for j != 0 {
			s.label[s.endpoint[p^1]] = 0
			s.label[s.endpoint[at(endps, j-int(endptrick))^endptrick^1]] = 0
			s.assignLabel(s.endpoint[p^1], 2, p)
			s.allowedge[at(endps, j-int(endptrick))/2] = true
			j += jstep
			p = at(endps, j-int(endptrick)) ^ endptrick
			s.allowedge[p/2] = true
			j += jstep
		}
		bv := at(childs, j)
		s.label[s.endpoint[p^1]] = 2
		s.label[bv] = 2
		s.labelend[s.endpoint[p^1]] = p
		s.labelend[bv] = p
		s.bestedge[bv] = -1
		j += jstep
		for at(childs, j) != entrychild {
			bv = at(childs, j)
			if s.label[bv] == 1 {
				j += jstep
				continue
			}
			lv := s.leaves(bv, s.leafBuf[:0])
			s.leafBuf = lv
			var v int32 = -1
			for _, x := range lv {
				if s.label[x] != 0 {
					v = x
					break
				}
			}
			if v != -1 {
				s.label[v] = 0
				s.label[s.endpoint[s.mate[s.blossombase[bv]]]] = 0
				s.assignLabel(v, 2, s.labelend[v])
			}
			j += jstep
		}
		// Children left unlabeled leave the tree.
		for _, c := range childs {
			if s.label[c] == 0 {
				lv := s.leaves(c, s.leafBuf[:0])
				for _, x := range lv {
					s.rootOf[x] = -1
				}
				s.leafBuf = lv
			}
		}
	}
	s.label[b] = -1
	s.labelend[b] = -1
	s.blossomchilds[b] = s.blossomchilds[b][:0]
	s.blossomendps[b] = s.blossomendps[b][:0]
	s.blossombase[b] = -1
	s.blossombestedges[b] = s.blossombestedges[b][:0]
	s.hasBestEdges[b] = false
	s.bestedge[b] = -1
	s.unused = append(s.unused, b)
}

func indexOf(a []int32, x int32) int {
	for i, y := range a {
		if y == x {
			return i
		}
	}
	return -1
}

// augmentBlossom swaps matched and unmatched edges along an even-length
// path inside blossom b from vertex v to the base, making v the new base.
func (s *solver) augmentBlossom(b, v int32) {
	n := int32(s.n)
	t := v
	for s.blossomparent[t] != b {
		t = s.blossomparent[t]
	}
	if t >= n {
		s.augmentBlossom(t, v)
	}
	childs := s.blossomchilds[b]
	endps := s.blossomendps[b]
	nc := len(childs)
	i := indexOf(childs, t)
	j := i
	var jstep int
	var endptrick int32
	if i&1 != 0 {
		j -= nc
		jstep = 1
		endptrick = 0
	} else {
		jstep = -1
		endptrick = 1
	}
	at := func(a []int32, i int) int32 {
		if i < 0 {
			i += len(a)
		}
		return a[i]
	}
	for j != 0 {
		j += jstep
		t = at(childs, j)
		p := at(endps, j-int(endptrick)) ^ endptrick
		if t >= n {
			s.augmentBlossom(t, s.endpoint[p])
		}
		j += jstep
		t = at(childs, j)
		if t >= n {
			s.augmentBlossom(t, s.endpoint[p^1])
		}
		s.mate[s.endpoint[p]] = p ^ 1
		s.mate[s.endpoint[p^1]] = p
	}
	rotate(childs, i)
	rotate(endps, i)
	s.blossombase[b] = s.blossombase[childs[0]]
}

// rotate rotates a left by i positions in place.
func rotate(a []int32, i int) {
	if i == 0 {
		return
	}
	reverse(a[:i])
	reverse(a[i:])
	reverse(a)
}

func (s *solver) augmentMatching(k int32) {
	v, w := s.endpoint[2*k], s.endpoint[2*k+1]
	n := int32(s.n)
	for side := 0; side < 2; side++ {
		var sv, p int32
		if side == 0 {
			sv, p = v, 2*k+1
		} else {
			sv, p = w, 2*k
		}
		for {
			bs := s.inblossom[sv]
			if bs >= n {
				s.augmentBlossom(bs, sv)
			}
			s.mate[sv] = p
			if s.labelend[bs] == -1 {
				break
			}
			t := s.endpoint[s.labelend[bs]]
			bt := s.inblossom[t]
			sv = s.endpoint[s.labelend[bt]]
			j := s.endpoint[s.labelend[bt]^1]
			if bt >= n {
				s.augmentBlossom(bt, j)
			}
			s.mate[j] = s.labelend[bt]
			p = s.labelend[bt] ^ 1
		}
	}
}

// flipToRoot makes v the free vertex of its tree: it swaps matched and
// unmatched edges along the even alternating path from v to the root, so
// that the root becomes matched and v unmatched.
func (s *solver) flipToRoot(sv int32) {
	n := int32(s.n)
	p := int32(-1)
	for {
		bs := s.inblossom[sv]
		if bs >= n {
			s.augmentBlossom(bs, sv)
		}
		s.mate[sv] = p
		if s.labelend[bs] == -1 {
			return
		}
		t := s.endpoint[s.labelend[bs]]
		bt := s.inblossom[t]
		sv = s.endpoint[s.labelend[bt]]
		j := s.endpoint[s.labelend[bt]^1]
		if bt >= n {
			s.augmentBlossom(bt, j)
		}
		s.mate[j] = s.labelend[bt]
		p = s.labelend[bt] ^ 1
	}
}

// dissolve removes the alternating trees with the given roots: their
// vertices become unlabeled, and every piece of bookkeeping that refers to
// them (allowed edges, least-slack edges, marks inside T-blossoms) is
// recomputed, so that the other trees carry on unchanged.
func (s *solver) dissolve(r1, r2 int32) {
	n := int32(s.n)
	s.gen++
	gen := s.gen
	d := s.dissolved[:0]
	for _, r := range [2]int32{r1, r2} {
		if r < 0 {
			continue
		}
		for _, x := range s.members[r] {
			if s.rootOf[x] == r {
				s.rootOf[x] = -1
				d = append(d, x)
			}
		}
		s.members[r] = s.members[r][:0]
	}
	// Expand the S-blossoms of the dissolved trees whose dual is zero.
	for _, x := range d {
		if b := s.inblossom[x]; b >= n && s.label[b] == 1 && s.dual[b] == 0 {
			s.expandBlossom(b, true)
		}
	}
	for _, x := range d {
		s.inD[x] = gen
		s.label[x] = 0
		s.labelend[x] = -1
		s.bestedge[x] = -1
		for b := s.blossomparent[x]; b != -1 && s.bstamp[b-n] != gen; b = s.blossomparent[b] {
			s.bstamp[b-n] = gen
			s.label[b] = 0
			s.labelend[b] = -1
			s.bestedge[b] = -1
			s.hasBestEdges[b] = false
			s.blossombestedges[b] = s.blossombestedges[b][:0]
		}
	}
	touchesD := func(k int32) bool {
		return s.inD[s.endpoint[2*k]] == gen || s.inD[s.endpoint[2*k+1]] == gen
	}
	rv := s.recomputeV[:0]
	rt := s.recomputeT[:0]
	for _, x := range d {
		lo, hi := s.adjStart[x], s.adjStart[x+1]
		s.tick(int(hi - lo))
		for _, p := range s.adj[lo:hi] {
			s.allowedge[p/2] = false
			y := s.endpoint[p]
			if s.inD[y] == gen {
				continue
			}
			ty := s.inblossom[y]
			if s.label[ty] == 1 {
				if s.bestedge[ty] != -1 && touchesD(s.bestedge[ty]) {
					if ty < n {
						if s.tstamp[ty] != gen {
							s.tstamp[ty] = gen
							rt = append(rt, ty)
						}
					} else if s.bstamp[ty-n] != gen {
						s.bstamp[ty-n] = gen
						rt = append(rt, ty)
					}
				}
			} else if s.rstamp[y] != gen {
				if be := s.bestedge[y]; be != -1 && touchesD(be) {
					s.rstamp[y] = gen
					rv = append(rv, y)
				} else if s.label[y] == 2 && s.labelend[y] != -1 && s.inD[s.endpoint[s.labelend[y]]] == gen {
					s.rstamp[y] = gen
					rv = append(rv, y)
				}
			}
		}
	}
	for _, y := range rv {
		if s.label[y] == 2 && s.labelend[y] != -1 && s.inD[s.endpoint[s.labelend[y]]] == gen {
			s.label[y] = 0
			s.labelend[y] = -1
		}
		s.recomputeVertex(y)
	}
	for _, x := range d {
		s.recomputeVertex(x)
	}
	for _, t := range rt {
		s.recomputeTop(t)
	}
	s.dissolved = d
	s.recomputeV = rv
	s.recomputeT = rt
}

// recomputeVertex recomputes the least-slack edge from an S-vertex to y,
// for a vertex y outside every S-blossom and not the entry of a T-blossom;
// tight edges from S-vertices queue those S-vertices for a rescan.
func (s *solver) recomputeVertex(y int32) {
	top := s.inblossom[y]
	if s.label[top] == 1 || s.label[y] != 0 {
		s.bestedge[y] = -1
		return
	}
	best := int32(-1)
	bestSlack := 0.0
	lo, hi := s.adjStart[y], s.adjStart[y+1]
	s.tick(int(hi - lo))
	for _, p := range s.adj[lo:hi] {
		z := s.endpoint[p]
		tz := s.inblossom[z]
		if tz == top || s.label[tz] != 1 {
			continue
		}
		k := p / 2
		sl := s.slack(k)
		if sl <= 0 {
			s.queue = append(s.queue, z)
		}
		if best == -1 || sl < bestSlack {
			best, bestSlack = k, sl
		}
	}
	s.bestedge[y] = best
}

// recomputeTop recomputes the least-slack edge from the S-blossom (or
// S-vertex) t to another S-blossom.
func (s *solver) recomputeTop(t int32) {
	if s.label[t] != 1 || (t >= int32(s.n) && s.blossombase[t] < 0) {
		return
	}
	best := int32(-1)
	bestSlack := 0.0
	lv := s.leaves(t, s.leafBuf[:0])
	for _, x := range lv {
		lo, hi := s.adjStart[x], s.adjStart[x+1]
		s.tick(int(hi - lo))
		for _, p := range s.adj[lo:hi] {
			tz := s.inblossom[s.endpoint[p]]
			if tz == t || s.label[tz] != 1 {
				continue
			}
			k := p / 2
			if sl := s.slack(k); best == -1 || sl < bestSlack {
				best, bestSlack = k, sl
			}
		}
	}
	s.leafBuf = lv
	s.bestedge[t] = best
	if t >= int32(s.n) {
		s.hasBestEdges[t] = false
		s.blossombestedges[t] = s.blossombestedges[t][:0]
	}
}

// jumpStart sets each vertex dual to half its heaviest incident weight,
// then lowers the duals of free vertices in turn as far as feasibility
// allows and matches each along the edge that becomes tight when its other
// end is free. It runs in O(n + m) time.
func (s *solver) jumpStart() {
	n := s.n
	for v := range n {
		d := 0.0
		for _, p := range s.adj[s.adjStart[v]:s.adjStart[v+1]] {
			d = max(d, s.weight[p/2])
		}
		s.dual[v] = d
	}
	for v := range n {
		if s.mate[v] != -1 {
			continue
		}
		need := 0.0
		partner := int32(-1)
		for _, p := range s.adj[s.adjStart[v]:s.adjStart[v+1]] {
			u := s.endpoint[p]
			r := 2*s.weight[p/2] - s.dual[u]
			if r > need || (r == need && r > 0 && partner == -1) {
				if r > need {
					partner = -1
				}
				need = r
			}
			if r == need && need > 0 && s.mate[u] == -1 && partner == -1 {
				partner = p
			}
		}
		s.dual[v] = need
		if partner != -1 {
			u := s.endpoint[partner]
			s.mate[v] = partner
			s.mate[u] = partner ^ 1
		}
	}
	s.tick(n + 2*s.nedge)
}

// run executes the primal-dual algorithm until the matching is optimal.
//
// Unlike mwmatching.py it does not restart from scratch after each
// augmentation: only the two alternating trees joined by the augmenting
// path are dissolved, and the rest of the forest is kept. Without
// MaxCardinality the free vertices may start with different duals (after
// the jump start); when an S-vertex's dual reaches zero, the path from it
// to its root is flipped so that it becomes the free vertex, and its tree
// is dissolved.
func (s *solver) run() error {
	n := s.n
	if n == 0 {
		return nil
	}
	if !s.maxcard {
		s.jumpStart()
	}
	for v := range n {
		if s.mate[v] == -1 && (s.maxcard || s.dual[v] > 0) && s.label[s.inblossom[v]] == 0 {
			s.assignLabel(int32(v), 1, -1)
		}
	}
	if s.tick(n) {
		return s.err
	}
	for {
		for len(s.queue) > 0 {
			v := s.queue[len(s.queue)-1]
			s.queue = s.queue[:len(s.queue)-1]
			if s.label[s.inblossom[v]] != 1 {
				continue
			}
			if s.scan(v) {
				return s.err
			}
		}
		if s.tick(2 * n) {
			return s.err
		}
		if s.debug != nil {
			s.debug(s)
		}
		if done := s.dualStep(); done {
			return s.err
		}
	}
}

// scan looks at the edges of the S-vertex v: it grows trees, forms
// blossoms, augments, and records least-slack edges. It reports whether
// the solve was cancelled.
func (s *solver) scan(v int32) bool {
	lo, hi := s.adjStart[v], s.adjStart[v+1]
	if s.tick(int(hi-lo) + 1) {
		return true
	}
	for _, p := range s.adj[lo:hi] {
		if s.label[s.inblossom[v]] != 1 {
			// v's tree was dissolved by an augmentation.
			return false
		}
		k := p / 2
		w := s.endpoint[p]
		if s.inblossom[v] == s.inblossom[w] {
			continue
		}
		var kslack float64
		if !s.allowedge[k] {
			kslack = s.slack(k)
			if kslack <= 0 {
				s.allowedge[k] = true
			}
		}
		bw := s.inblossom[w]
		if s.allowedge[k] {
			if s.label[bw] == 0 {
				if s.mate[s.blossombase[bw]] == -1 {
					// w lies in a free blossom that is no tree's root (its dual
					// reached zero): augment into it.
					r := s.rootOf[v]
					s.augmentMatching(k)
					s.dissolve(r, -1)
					return false
				}
				s.assignLabel(w, 2, p^1)
			} else if s.label[bw] == 1 {
				base := s.scanBlossom(v, w)
				if base >= 0 {
					s.addBlossom(base, k)
				} else {
					r1, r2 := s.rootOf[v], s.rootOf[w]
					s.augmentMatching(k)
					s.dissolve(r1, r2)
					return false
				}
			} else if s.label[w] == 0 {
				s.label[w] = 2
				s.labelend[w] = p ^ 1
			}
		} else if s.label[bw] == 1 {
			b := s.inblossom[v]
			if s.bestedge[b] == -1 || kslack < s.slack(s.bestedge[b]) {
				s.bestedge[b] = k
			}
		} else if s.label[w] == 0 {
			if s.bestedge[w] == -1 || kslack < s.slack(s.bestedge[w]) {
				s.bestedge[w] = k
			}
		}
	}
	return false
}

// dualStep changes the duals by the largest amount that keeps them feasible
// and acts on the constraint that became tight. It reports whether the
// algorithm has finished.
func (s *solver) dualStep() bool {
	n := s.n
	deltatype := -1
	var delta float64
	var deltaedge, deltablossom int32 = -1, -1
	if !s.maxcard {
		for v := range n {
			if s.label[s.inblossom[v]] == 1 && (deltatype == -1 || s.dual[v] < delta) {
				delta = s.dual[v]
				deltatype = 1
			}
		}
	}
	for v := range n {
		if s.label[s.inblossom[v]] == 0 && s.bestedge[v] != -1 {
			d := s.slack(s.bestedge[v])
			if deltatype == -1 || d < delta {
				delta = d
				deltatype = 2
				deltaedge = s.bestedge[v]
			}
		}
	}
	for b := range 2 * n {
		if s.blossomparent[b] == -1 && s.label[b] == 1 && s.bestedge[b] != -1 {
			d := s.slack(s.bestedge[b]) / 2
			if deltatype == -1 || d < delta {
				delta = d
				deltatype = 3
				deltaedge = s.bestedge[b]
			}
		}
	}
	for b := n; b < 2*n; b++ {
		if s.blossombase[b] >= 0 && s.blossomparent[b] == -1 && s.label[b] == 2 &&
			(deltatype == -1 || s.dual[b] < delta) {
			delta = s.dual[b]
			deltatype = 4
			deltablossom = int32(b)
		}
	}
	if deltatype == -1 {
		if !s.maxcard {
			return true
		}
		// Max-cardinality optimum reached: a final update makes the duals
		// verifiable.
		deltatype = 1
		delta = s.dual[0]
		for v := 1; v < n; v++ {
			delta = min(delta, s.dual[v])
		}
		delta = max(0, delta)
	}
	delta = max(delta, 0)
	for v := range n {
		switch s.label[s.inblossom[v]] {
		case 1:
			s.dual[v] -= delta
		case 2:
			s.dual[v] += delta
		}
	}
	for b := n; b < 2*n; b++ {
		if s.blossombase[b] >= 0 && s.blossomparent[b] == -1 {
			switch s.label[b] {
			case 1:
				s.dual[b] += delta
			case 2:
				s.dual[b] -= delta
			}
		}
	}
	switch deltatype {
	case 1:
		if s.maxcard {
			return true
		}
		// Every S-vertex whose dual reached zero becomes free and its tree
		// leaves the forest.
		for v := range n {
			if s.label[s.inblossom[v]] == 1 && s.dual[v] <= 0 {
				s.dual[v] = 0
				r := s.rootOf[v]
				s.flipToRoot(int32(v))
				s.dissolve(r, -1)
			}
		}
	case 2:
		s.allowedge[deltaedge] = true
		i, j := s.endpoint[2*deltaedge], s.endpoint[2*deltaedge+1]
		if s.label[s.inblossom[i]] != 1 {
			i = j
		}
		s.queue = append(s.queue, i)
	case 3:
		s.allowedge[deltaedge] = true
		s.queue = append(s.queue, s.endpoint[2*deltaedge])
	case 4:
		s.expandBlossom(deltablossom, false)
	}
	return false
}
