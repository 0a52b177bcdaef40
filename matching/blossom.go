package matching

import (
	"context"
)

// solver is the state of Edmonds' primal-dual blossom algorithm, following
// the structure of Joris van Rantwijk's mwmatching.py (Galil 1986; the
// algorithm NetworkX uses) with a persistent alternating forest, implicit
// dual updates and an event heap (see the package documentation).
//
// Vertices are 0..n-1; blossoms are numbered n..2n-1. Edge k joins
// endpoint[2k] and endpoint[2k+1]; an "endpoint" p names the vertex
// endpoint[p], and p^1 is the other end of the same edge.
//
// The solver works on doubled weights W = 2w (weight[k]) with duals in the
// mwmatching convention for W: an edge between different top-level
// blossoms has 2·slack_W = dual[i] + dual[j] − 2W. Hence y_v = dual[v]/4 and
// z_B = dual[B]/2 in the caller's units. With integer weights every stored
// dual stays an integer (all roots start with even duals, so the slack of
// an edge between two S-vertices is even), hence exact in float64.
//
// While the top-level blossom of a vertex is labeled, dual[v] is stored
// relative to the global offset delta (see act), and so is the dual of a
// labeled top-level blossom; every dual change is an increase of delta.
type solver struct {
	ctx     context.Context
	n       int
	nedge   int
	maxcard bool
	start   *Start // warm start, or nil

	endpoint []int32   // 2*nedge
	weight   []float64 // nedge
	adjStart []int32   // n+1: CSR over the remote endpoints of each vertex
	adj      []int32   // 2*nedge: remote endpoint p
	adjTo    []int32   // 2*nedge: endpoint[adj[i]], the neighbour
	adjW     []float64 // 2*nedge: weight[adj[i]/2]

	mate             []int32 // n: remote endpoint of the matched edge, or -1
	label            []int8  // 2n: 0 free, 1 S, 2 T (5 = S marked in scanBlossom)
	labelend         []int32 // 2n
	inblossom        []int32 // n: top-level blossom containing the vertex
	blossomparent    []int32 // 2n
	blossomchilds    [][]int32
	blossombase      []int32 // 2n
	blossomendps     [][]int32
	bestedge         []int32       // 2n
	blossombestedges [][]bestEntry // 2n: candidate heap of an S-blossom (see addBlossom)
	hasBestEdges     []bool        // 2n: blossombestedges[b] is meaningful
	unused           []int32
	dual             []float64 // 2n
	allowedge        []uint64  // nedge bits: the edge is known to be tight (see allowed)
	queue            []int32
	edgeQueue        []int32 // endpoints p whose edge is to be scanned from endpoint[p^1]

	bestTo    []bestEntry // 2n scratch for addBlossom, all k = -1 between uses
	bestToKey []float64   // 2n scratch for addBlossom: part + dual[far] of bestTo

	rootOf     []int32   // n: root vertex of the tree holding the vertex, or -1
	members    [][]int32 // by root: vertices labeled in its tree (may hold stale entries)
	gen        int32
	inD        []int32 // n: stamp for dissolve
	rstamp     []int32 // n
	bstamp     []int32 // n (blossoms, offset by n)
	dissolved  []int32
	recomputeV []int32
	cstamp     []int32 // n (blossoms, offset by n)
	zeroBuf    []int32
	delta      float64 // global dual offset: the sum of all dual changes
	heap       []event
	heapLimit  int
	bestkey    []float64 // 2n: key queued with bestedge
	bsize      []int32   // 2n: number of vertices of a blossom (1 for a vertex)
	leafBuf    []int32
	expandBuf  []int32 // expandBlossom: the vertices of the blossom, child by child
	expandOff  []int32 // expandBlossom: where each child's vertices start in expandBuf
	stackBuf   []int32
	touchedBuf []int32

	steps int
	err   error

	// debug, when set (by tests), is called before every dual step.
	debug func(*solver)
	// nBlossom and nExpand count the blossoms formed and the T-blossoms
	// expanded, for tests.
	nBlossom, nExpand int
}

// bestEntry is a candidate least-slack edge k from a vertex (the near end)
// of an S-blossom to the vertex far outside it. part is dual[near] −
// 2·weight[k] in stored form, which stays constant while the blossom is
// labeled S, so part + dual[far] ranks the edges to S-blossoms by slack
// without touching the edge arrays.
type bestEntry struct {
	k, far int32
	part   float64
	key    float64 // part + dual[far] when queued in a heap
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

// allowed reports whether edge k is marked tight. The marks are a bitset
// so that they stay in cache.
func (s *solver) allowed(k int32) bool {
	return s.allowedge[k>>6]&(1<<(k&63)) != 0
}

// allow marks edge k as tight.
func (s *solver) allow(k int32) {
	s.allowedge[k>>6] |= 1 << (k & 63)
}

// slack returns twice the slack of edge k (ignoring blossom duals), from
// the actual duals of its ends.
func (s *solver) slack(k int32) float64 {
	return s.act(s.endpoint[2*k]) + s.act(s.endpoint[2*k+1]) - 2*s.weight[k]
}

// act returns the actual (doubled) dual of vertex v. The stored value
// dual[v] is relative to the global dual offset delta while v's top-level
// blossom is labeled: actual = dual[v] − delta for S, dual[v] + delta for T.
func (s *solver) act(v int32) float64 {
	switch s.label[s.inblossom[v]] {
	case 1:
		return s.dual[v] - s.delta
	case 2:
		return s.dual[v] + s.delta
	}
	return s.dual[v]
}

// rebase converts the duals of the top-level blossom b (with the given
// leaves) from actual values to the stored form for label t.
func (s *solver) rebase(b int32, leaves []int32, t int8) {
	d := s.delta
	switch t {
	case 1:
		for _, x := range leaves {
			s.dual[x] += d
		}
		if b >= int32(s.n) {
			s.dual[b] -= d
		}
	case 2:
		for _, x := range leaves {
			s.dual[x] -= d
		}
		if b >= int32(s.n) {
			s.dual[b] += d
		}
	}
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
		s.rebase(b, mem[start:], t)
		if t == 1 {
			s.queue = append(s.queue, mem[start:]...)
			if !s.maxcard {
				for _, x := range mem[start:] {
					s.push(mkEvent(s.dual[x], 1, x, 0))
				}
			}
			return
		}
		if b >= int32(s.n) {
			s.push(mkEvent(s.dual[b], 4, b, 0))
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
	s.nBlossom++
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
	lbb := s.labelend[bb]
	// The largest S-blossom child keeps its number for the new blossom and
	// moves to b instead, so that its vertices need not be relabeled:
	// growing a large blossom by a few vertices costs O(children), not
	// O(vertices).
	big := int32(-1)
	for _, c := range path {
		if c >= int32(s.n) && s.label[c] == 1 && (big == -1 || s.bsize[c] > s.bsize[big]) {
			big = c
		}
	}
	size := int32(0)
	for _, c := range path {
		size += s.bsize[c]
	}
	if big != -1 {
		s.swapBlossom(b, big)
		b, big = big, b
		path = s.blossomchilds[b]
	}
	s.bsize[b] = size
	s.label[b] = 1
	s.labelend[b] = lbb
	s.dual[b] = -s.delta // actual 0
	for _, c := range path {
		if c == big {
			// Its vertices are S-vertices and already in b.
			continue
		}
		leaves := s.leaves(c, s.leafBuf[:0])
		if s.label[c] == 2 {
			// T-vertices become S-vertices.
			for _, lv := range leaves {
				s.dual[lv] += 2 * s.delta
				s.queue = append(s.queue, lv)
				if !s.maxcard {
					s.push(mkEvent(s.dual[lv], 1, lv, 0))
				}
			}
		}
		for _, lv := range leaves {
			s.inblossom[lv] = b
		}
		s.leafBuf = leaves
	}
	// The children stop being top-level: freeze their duals.
	for _, c := range path {
		if c >= int32(s.n) {
			switch s.label[c] {
			case 1:
				s.dual[c] += s.delta
			case 2:
				s.dual[c] -= s.delta
			}
		}
	}
	// Collect the least-slack edges from the new blossom to each
	// neighbouring S-blossom. Keys are compared in stored form (every
	// S-vertex dual is offset by the same delta). The largest candidate
	// heap of a child becomes the new blossom's heap as it is (its stale
	// entries are dropped when they reach the top); the candidates of the
	// other children, one per neighbouring S-blossom, are pushed into it.
	heapChild := int32(-1)
	for _, c := range path {
		if s.hasBestEdges[c] && (heapChild == -1 || len(s.blossombestedges[c]) > len(s.blossombestedges[heapChild])) {
			heapChild = c
		}
	}
	bestTo, bestToKey := s.bestTo, s.bestToKey
	touched := s.touchedBuf[:0]
	for _, c := range path {
		if c == heapChild {
			continue
		}
		if !s.hasBestEdges[c] {
			lv := s.leaves(c, s.leafBuf[:0])
			for _, x := range lv {
				lo, hi := s.adjStart[x], s.adjStart[x+1]
				dx := s.dual[x]
				for i := lo; i < hi; i++ {
					far := s.adjTo[i]
					bj := s.inblossom[far]
					if bj == b || s.label[bj] != 1 {
						continue
					}
					part := dx - 2*s.adjW[i]
					key := part + s.dual[far]
					if bestTo[bj].k == -1 {
						touched = append(touched, bj)
					} else if key >= bestToKey[bj] {
						continue
					}
					bestTo[bj] = bestEntry{k: s.adj[i] / 2, far: far, part: part}
					bestToKey[bj] = key
				}
				s.tick(int(hi - lo))
			}
			s.leafBuf = lv
		} else {
			for _, e := range s.blossombestedges[c] {
				bj := s.inblossom[e.far]
				if bj == b || s.label[bj] != 1 {
					continue
				}
				key := e.part + s.dual[e.far]
				if bestTo[bj].k == -1 {
					touched = append(touched, bj)
				} else if key >= bestToKey[bj] {
					continue
				}
				bestTo[bj] = e
				bestToKey[bj] = key
			}
			s.tick(len(s.blossombestedges[c]))
		}
		s.hasBestEdges[c] = false
		s.blossombestedges[c] = s.blossombestedges[c][:0]
		s.bestedge[c] = -1
	}
	var h []bestEntry
	if heapChild != -1 {
		h = s.blossombestedges[heapChild]
		s.blossombestedges[heapChild] = s.blossombestedges[b][:0]
		s.hasBestEdges[heapChild] = false
		s.bestedge[heapChild] = -1
	} else {
		// Reuse the largest buffer of a child.
		big := b
		for _, c := range path {
			if cap(s.blossombestedges[c]) > cap(s.blossombestedges[big]) {
				big = c
			}
		}
		s.blossombestedges[b], s.blossombestedges[big] = s.blossombestedges[big], s.blossombestedges[b]
		h = s.blossombestedges[b][:0]
	}
	for _, bj := range touched {
		e := bestTo[bj]
		e.key = bestToKey[bj]
		h = heapPushBest(h, e)
		bestTo[bj].k = -1
	}
	s.touchedBuf = touched
	s.blossombestedges[b] = h
	s.hasBestEdges[b] = true
	s.bestFromHeap(b)
}

// bestFromHeap drops the stale entries at the top of the candidate heap of
// the top-level S-blossom b and makes the least-slack remaining one b's
// least-slack edge, with its event.
//
// An entry is stale when its far end has left the S-blossoms (it is in b
// or unlabeled or T) or its dual changed (its tree was dissolved and it was
// labeled again). Dropping it loses nothing: whenever the far end becomes
// an S-vertex again, it is scanned while b is an S-blossom, and the edge is
// then tracked from its side. An edge to an S-blossom that was not one when
// b's candidates were collected is likewise tracked from the other side.
// The cost is O(log h) for each dropped entry, h the size of the heap.
func (s *solver) bestFromHeap(b int32) {
	h := s.blossombestedges[b]
	for len(h) > 0 {
		e := h[0]
		if bj := s.inblossom[e.far]; bj != b && s.label[bj] == 1 && e.part+s.dual[e.far] == e.key {
			break
		}
		h = heapPopBest(h)
	}
	s.blossombestedges[b] = h
	s.bestedge[b] = -1
	if len(h) > 0 {
		s.bestedge[b] = h[0].k
		s.pushEdge(3, b, h[0].k)
	}
}

func (e bestEntry) less(f bestEntry) bool {
	if e.key != f.key {
		return e.key < f.key
	}
	return e.k < f.k
}

// heapPushBest adds e to the binary min-heap h of candidates.
func heapPushBest(h []bestEntry, e bestEntry) []bestEntry {
	h = append(h, e)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].less(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

// heapPopBest removes the least entry of the binary min-heap h.
func heapPopBest(h []bestEntry) []bestEntry {
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	i := 0
	for {
		c := 2*i + 1
		if c >= len(h) {
			break
		}
		if c+1 < len(h) && h[c+1].less(h[c]) {
			c++
		}
		if !h[c].less(h[i]) {
			break
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
	return h
}

// swapBlossom exchanges the numbers of the new top-level blossom b and its
// child c: afterwards c is the new blossom and b holds what c held, as a
// child of c. It runs in O(number of children of both).
func (s *solver) swapBlossom(b, c int32) {
	s.label[b], s.label[c] = s.label[c], s.label[b]
	s.labelend[b], s.labelend[c] = s.labelend[c], s.labelend[b]
	s.blossomchilds[b], s.blossomchilds[c] = s.blossomchilds[c], s.blossomchilds[b]
	s.blossomendps[b], s.blossomendps[c] = s.blossomendps[c], s.blossomendps[b]
	s.blossombase[b], s.blossombase[c] = s.blossombase[c], s.blossombase[b]
	s.bestedge[b], s.bestedge[c] = s.bestedge[c], s.bestedge[b]
	s.bestkey[b], s.bestkey[c] = s.bestkey[c], s.bestkey[b]
	s.blossombestedges[b], s.blossombestedges[c] = s.blossombestedges[c], s.blossombestedges[b]
	s.hasBestEdges[b], s.hasBestEdges[c] = s.hasBestEdges[c], s.hasBestEdges[b]
	s.dual[b], s.dual[c] = s.dual[c], s.dual[b]
	s.bsize[b], s.bsize[c] = s.bsize[c], s.bsize[b]
	s.blossomparent[c] = -1
	s.blossomparent[b] = c
	for i, x := range s.blossomchilds[c] {
		if x == c {
			s.blossomchilds[c][i] = b
		} else {
			s.blossomparent[x] = c
		}
	}
	for _, x := range s.blossomchilds[b] {
		s.blossomparent[x] = b
	}
}

func reverse(a []int32) {
	for i, j := 0, len(a)-1; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
}

func (s *solver) expandBlossom(b int32, endstage bool) {
	n := int32(s.n)
	if endstage {
		for _, c := range s.blossomchilds[b] {
			s.blossomparent[c] = -1
			if c < n {
				s.inblossom[c] = c
			} else if s.dual[c] == 0 {
				s.expandBlossom(c, endstage)
			} else {
				lv := s.leaves(c, s.leafBuf[:0])
				for _, x := range lv {
					s.inblossom[x] = c
				}
				s.leafBuf = lv
			}
		}
		s.freeBlossom(b)
		return
	}
	// The vertices of b are listed once, child by child, each child's in
	// the order leaves gives them: child i holds lv[off[i]:off[i+1]].
	// The children keep their structure throughout, so the lists stay
	// valid and no child's subtree is walked again.
	childs := s.blossomchilds[b]
	lv := s.expandBuf[:0]
	off := s.expandOff[:0]
	for _, c := range childs {
		off = append(off, int32(len(lv)))
		lv = s.leaves(c, lv)
	}
	off = append(off, int32(len(lv)))
	s.expandBuf, s.expandOff = lv, off
	sub := func(i int) []int32 {
		return lv[off[i]:off[i+1]]
	}
	if s.label[b] == 2 {
		// The duals of b's leaves from the stored form for label 2 to
		// actual values (the inverse of rebase), fused with the loop below.
		s.nExpand++
		s.dual[b] -= s.delta
		d := s.delta
		for i, c := range childs {
			s.blossomparent[c] = -1
			for _, x := range sub(i) {
				s.dual[x] += d
				s.inblossom[x] = c
			}
		}
	} else {
		for i, c := range childs {
			s.blossomparent[c] = -1
			for _, x := range sub(i) {
				s.inblossom[x] = c
			}
		}
	}
	if s.label[b] == 2 {
		endps := s.blossomendps[b]
		nc := len(childs)
		idx := func(i int) int {
			if i < 0 {
				i += nc
			}
			return i
		}
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
			s.allow(at(endps, j-int(endptrick)) / 2)
			j += jstep
			p = at(endps, j-int(endptrick)) ^ endptrick
			s.allow(p / 2)
			j += jstep
		}
		bv := at(childs, j)
		s.label[s.endpoint[p^1]] = 2
		s.label[bv] = 2
		s.labelend[s.endpoint[p^1]] = p
		s.labelend[bv] = p
		s.bestedge[bv] = -1
		s.rebase(bv, sub(idx(j)), 2)
		if bv >= n {
			s.push(mkEvent(s.dual[bv], 4, bv, 0))
		}
		j += jstep
		for at(childs, j) != entrychild {
			bv = at(childs, j)
			if s.label[bv] == 1 {
				j += jstep
				continue
			}
			var v int32 = -1
			for _, x := range sub(idx(j)) {
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
		for i, c := range childs {
			if s.label[c] == 0 {
				for _, x := range sub(i) {
					s.rootOf[x] = -1
					s.recomputeVertex(x)
				}
			}
		}
	}
	s.freeBlossom(b)
}

// freeBlossom clears the expanded blossom b and returns its number to the
// pool.
func (s *solver) freeBlossom(b int32) {
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
	// Materialize the duals of the dissolved trees and note their
	// S-blossoms whose dual is zero.
	zero := s.zeroBuf[:0]
	for _, x := range d {
		top := s.inblossom[x]
		switch s.label[top] {
		case 1:
			s.dual[x] -= s.delta
		case 2:
			s.dual[x] += s.delta
		}
		if top >= n && s.cstamp[top-n] != gen {
			s.cstamp[top-n] = gen
			switch s.label[top] {
			case 1:
				s.dual[top] += s.delta
				if s.dual[top] == 0 {
					zero = append(zero, top)
				}
			case 2:
				s.dual[top] -= s.delta
			}
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
	// Expand the S-blossoms of the dissolved trees whose dual is zero.
	for _, b := range zero {
		s.expandBlossom(b, true)
	}
	s.zeroBuf = zero
	rv := s.recomputeV[:0]
	for _, x := range d {
		lo, hi := s.adjStart[x], s.adjStart[x+1]
		s.tick(int(hi - lo))
		best, bestP, bestI := int32(-1), int32(-1), int32(-1)
		bestSlack := 0.0
		ax := s.act(x)
		for i := lo; i < hi; i++ {
			p := s.adj[i]
			k := p / 2
			s.allowedge[k>>6] &^= 1 << (k & 63)
			// A dissolved y needs no test: it and its blossoms are
			// unlabeled by now, so neither case below applies.
			y := s.adjTo[i]
			ty := s.inblossom[y]
			if s.label[ty] == 1 {
				if sl := ax + (s.dual[y] - s.delta) - 2*s.adjW[i]; best == -1 || sl < bestSlack {
					best, bestP, bestI, bestSlack = k, p, i, sl
				}
				// A least-slack edge of ty into the dissolved trees is
				// left in place: its event fires no later than the true
				// one and then triggers a recomputation (see dualStep).
			} else if ty != y && s.label[y] == 2 && s.rstamp[y] != gen && s.labelend[y] != -1 && s.inD[s.endpoint[s.labelend[y]]] == gen {
				// y was reached inside a T-blossom from a dissolved vertex.
				// (A top-level T-vertex was reached from its own tree,
				// which would then be dissolved too.)
				s.rstamp[y] = gen
				rv = append(rv, y)
			}
		}
		s.bestedge[x] = best
		if best != -1 {
			s.pushEdgeKey(2, x, best, s.dual[x]+s.dual[s.adjTo[bestI]]-2*s.adjW[bestI])
			if bestSlack <= 0 {
				s.edgeQueue = append(s.edgeQueue, bestP^1)
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
	s.dissolved = d
	s.recomputeV = rv
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
	best, bestP, bestI := int32(-1), int32(-1), int32(-1)
	bestSlack := 0.0
	lo, hi := s.adjStart[y], s.adjStart[y+1]
	s.tick(int(hi - lo))
	ay := s.act(y)
	for i := lo; i < hi; i++ {
		z := s.adjTo[i]
		tz := s.inblossom[z]
		if tz == top || s.label[tz] != 1 {
			continue
		}
		if sl := (s.dual[z] - s.delta) + ay - 2*s.adjW[i]; best == -1 || sl < bestSlack {
			p := s.adj[i]
			best, bestP, bestI, bestSlack = p/2, p, i, sl
		}
	}
	s.bestedge[y] = best
	if best != -1 {
		s.pushEdgeKey(2, y, best, s.dual[s.adjTo[bestI]]+s.dual[y]-2*s.adjW[bestI])
		if bestSlack <= 0 {
			s.edgeQueue = append(s.edgeQueue, bestP^1)
		}
	}
}

// recomputeTop recomputes the least-slack edge from the S-blossom (or
// S-vertex) t to another S-blossom: from t's candidate heap when it has
// one (see bestFromHeap), otherwise by scanning the edges of its vertices.
func (s *solver) recomputeTop(t int32) {
	if s.label[t] != 1 || (t >= int32(s.n) && s.blossombase[t] < 0) {
		return
	}
	if t >= int32(s.n) && s.hasBestEdges[t] {
		s.bestFromHeap(t)
		return
	}
	best := int32(-1)
	bestSlack := 0.0
	lv := s.leaves(t, s.leafBuf[:0])
	for _, x := range lv {
		lo, hi := s.adjStart[x], s.adjStart[x+1]
		s.tick(int(hi - lo))
		ax := s.dual[x] - s.delta
		for i := lo; i < hi; i++ {
			z := s.adjTo[i]
			tz := s.inblossom[z]
			if tz == t || s.label[tz] != 1 {
				continue
			}
			if sl := ax + (s.dual[z] - s.delta) - 2*s.adjW[i]; best == -1 || sl < bestSlack {
				best, bestSlack = s.adj[i]/2, sl
			}
		}
	}
	s.leafBuf = lv
	s.bestedge[t] = best
	if best != -1 {
		s.pushEdge(3, t, best)
	}
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
	s.lowerFree()
}

// lowerFree lowers the dual of each free vertex in turn to the least
// feasible value (not below zero) and matches it along an edge that is
// then tight to a free vertex, if any. O(n + m) time.
func (s *solver) lowerFree() {
	n := s.n
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
		if s.tick(int(s.adjStart[v+1]-s.adjStart[v]) + 1) {
			return
		}
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
	if s.start != nil {
		s.applyStart(s.start)
		if s.err != nil {
			return s.err
		}
	} else if !s.maxcard {
		s.jumpStart()
		if s.err != nil {
			return s.err
		}
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
		for len(s.queue) > 0 || len(s.edgeQueue) > 0 {
			if len(s.edgeQueue) > 0 {
				p := s.edgeQueue[len(s.edgeQueue)-1]
				s.edgeQueue = s.edgeQueue[:len(s.edgeQueue)-1]
				if v := s.endpoint[p^1]; s.label[s.inblossom[v]] == 1 {
					s.scanEdge(v, p, s.endpoint[p], s.weight[p/2])
				} else {
					// The tree of v was dissolved before this edge was
					// scanned: the other end loses its least-slack edge.
					w := s.endpoint[p]
					switch bw := s.inblossom[w]; s.label[bw] {
					case 0:
						s.recomputeVertex(w)
					case 1:
						s.recomputeTop(bw)
					}
				}
				continue
			}
			v := s.queue[len(s.queue)-1]
			s.queue = s.queue[:len(s.queue)-1]
			if s.label[s.inblossom[v]] != 1 {
				continue
			}
			if s.scan(v) {
				return s.err
			}
		}
		if s.tick(1) {
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

// scan looks at the edges of the S-vertex v. It reports whether the solve
// was cancelled.
func (s *solver) scan(v int32) bool {
	lo, hi := s.adjStart[v], s.adjStart[v+1]
	if s.tick(int(hi-lo) + 1) {
		return true
	}
	for i := lo; i < hi; i++ {
		if s.scanEdge(v, s.adj[i], s.adjTo[i], s.adjW[i]) {
			// v's tree was dissolved by an augmentation.
			return false
		}
	}
	return false
}

// scanEdge looks at the edge from the S-vertex v to endpoint p: it grows
// the tree, forms a blossom, augments, or records the edge as a least-slack
// candidate. w = endpoint[p] and ww = weight[p/2] are passed by the caller.
// It reports whether v's tree was dissolved.
func (s *solver) scanEdge(v, p, w int32, ww float64) bool {
	k := p / 2
	bv, bw := s.inblossom[v], s.inblossom[w]
	if bv == bw {
		return false
	}
	var kslack float64
	if !s.allowed(k) {
		kslack = s.act(v) + s.act(w) - 2*ww
		if kslack <= 0 {
			s.allow(k)
		}
	}
	if s.allowed(k) {
		if s.label[bw] == 0 {
			if s.mate[s.blossombase[bw]] == -1 {
				// w lies in a free blossom that is no tree's root (its dual
				// reached zero): augment into it.
				r := s.rootOf[v]
				s.augmentMatching(k)
				s.dissolve(r, -1)
				// The newly matched blossom stays unlabeled; its vertices'
				// least-slack edges may lead into the dissolved tree.
				lv := s.leaves(bw, s.leafBuf[:0])
				s.leafBuf = lv
				for _, x := range lv {
					s.recomputeVertex(x)
				}
				return true
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
				return true
			}
		} else if s.label[w] == 0 {
			s.label[w] = 2
			s.labelend[w] = p ^ 1
		}
	} else if s.label[bw] == 1 {
		// A dirty least-slack entry (an end of its edge left the forest
		// since it was chosen) is recomputed before comparing.
		if be := s.bestedge[bv]; be == -1 {
			s.bestedge[bv] = k
			s.pushEdgeKey(3, bv, k, (s.dual[v]+s.dual[w]-2*ww)/2)
		} else if s.dirty(bv) {
			s.recomputeTop(bv)
		} else if key := (s.dual[v] + s.dual[w] - 2*ww) / 2; key < s.bestkey[bv] {
			s.bestedge[bv] = k
			s.pushEdgeKey(3, bv, k, key)
		}
	} else if s.label[w] == 0 {
		if s.label[bw] == 0 {
			key := s.dual[v] + s.dual[w] - 2*ww
			if be := s.bestedge[w]; be == -1 || key < s.bestkey[w] {
				// A dirty entry (its S-end left the forest) is kept when
				// its key is not larger: bestkey[w] stays a lower bound
				// of the keys of the edges from S-vertices to w, and its
				// event fires first and then recomputes w.
				s.bestedge[w] = k
				s.pushEdgeKey(2, w, k, key)
			}
		} else if be := s.bestedge[w]; be == -1 || kslack < s.slack(be) {
			s.bestedge[w] = k
		}
	}
	return false
}

// dualStep advances the global dual offset to the next event (a vertex
// dual reaching zero, an edge becoming tight, a T-blossom dual reaching
// zero) and acts on it. It reports whether the algorithm has finished.
func (s *solver) dualStep() bool {
	n := int32(s.n)
	for len(s.heap) > 0 {
		if s.tick(1) {
			return true
		}
		e := s.pop()
		var key float64
		switch e.typ() {
		case 1:
			if s.label[s.inblossom[e.a()]] != 1 {
				continue
			}
			key = s.dual[e.a()]
		case 2:
			y, k := e.a(), e.b
			if s.label[s.inblossom[y]] != 0 || s.bestedge[y] != k {
				continue
			}
			o := s.endpoint[2*k]
			if o == y {
				o = s.endpoint[2*k+1]
			}
			if s.label[s.inblossom[o]] != 1 {
				// The S-end was dissolved: find y's real least-slack edge.
				s.recomputeVertex(y)
				continue
			}
			key = s.dual[o] + s.dual[y] - 2*s.weight[k]
		case 3:
			b, k := e.a(), e.b
			if s.blossomparent[b] != -1 || s.label[b] != 1 || s.bestedge[b] != k || (b >= n && s.blossombase[b] < 0) {
				continue
			}
			bi, bj := s.inblossom[s.endpoint[2*k]], s.inblossom[s.endpoint[2*k+1]]
			if bi == bj || s.label[bi] != 1 || s.label[bj] != 1 {
				// The other end was dissolved: find b's real least-slack edge.
				s.recomputeTop(b)
				continue
			}
			key = (s.dual[s.endpoint[2*k]] + s.dual[s.endpoint[2*k+1]] - 2*s.weight[k]) / 2
		case 4:
			b := e.a()
			if s.blossombase[b] < 0 || s.blossomparent[b] != -1 || s.label[b] != 2 {
				continue
			}
			key = s.dual[b]
		}
		if key != e.key {
			// Labels changed since the event was queued: recompute.
			switch e.typ() {
			case 2:
				s.recomputeVertex(e.a())
			case 3:
				s.recomputeTop(e.a())
			default:
				e.key = key
				s.push(e)
			}
			continue
		}
		if key > s.delta {
			s.delta = key
		}
		switch e.typ() {
		case 1:
			v := e.a()
			r := s.rootOf[v]
			s.flipToRoot(v)
			s.dissolve(r, -1)
		case 2, 3:
			k := e.b
			s.allow(k)
			p := 2*k + 1 // scan from endpoint[2k] to endpoint[2k+1]
			if s.label[s.inblossom[s.endpoint[2*k]]] != 1 {
				p = 2 * k
			}
			s.edgeQueue = append(s.edgeQueue, p)
		case 4:
			s.expandBlossom(e.a(), false)
		}
		return false
	}
	if s.maxcard {
		// Max-cardinality optimum reached: a final update makes the duals
		// verifiable.
		d := s.act(0)
		for v := int32(1); v < n; v++ {
			d = min(d, s.act(v))
		}
		s.delta += max(0, d)
	}
	return true
}

// finalize converts every stored dual to its actual value.
func (s *solver) finalize() {
	n := int32(s.n)
	for v := range n {
		s.dual[v] = s.act(v)
	}
	for b := n; b < 2*n; b++ {
		if s.blossombase[b] >= 0 && s.blossomparent[b] == -1 {
			switch s.label[b] {
			case 1:
				s.dual[b] += s.delta
			case 2:
				s.dual[b] -= s.delta
			}
		}
	}
	for i := range s.label {
		s.label[i] = 0
	}
	s.delta = 0
}

// event is a future change of the dual offset at which something happens:
// typ 1, S-vertex a reaches dual zero; typ 2, the least-slack edge b from
// an S-vertex to the unlabeled vertex a becomes tight; typ 3, the
// least-slack edge b between the S-blossom a and another S-blossom becomes
// tight; typ 4, the dual of T-blossom a reaches zero. typ and a share one
// word (a < 2n ≤ 2^29), so an event takes 16 bytes.
type event struct {
	key float64
	ta  uint32 // typ<<29 | a
	b   int32
}

func mkEvent(key float64, typ int8, a, b int32) event {
	return event{key: key, ta: uint32(typ)<<29 | uint32(a), b: b}
}

func (e event) typ() int8 { return int8(e.ta >> 29) }

func (e event) a() int32 { return int32(e.ta & (1<<29 - 1)) }

// less orders events by key, then type, then a, then b.
func (e event) less(f event) bool {
	if e.key != f.key {
		return e.key < f.key
	}
	if e.ta != f.ta {
		return e.ta < f.ta
	}
	return e.b < f.b
}

// pushEdge queues the event of type typ for edge k tracked at a, keyed
// from the stored duals.
func (s *solver) pushEdge(typ int8, a, k int32) {
	s.pushEdgeKey(typ, a, k, s.edgeKey(typ, k))
}

// pushEdgeKey is pushEdge with the key edgeKey(typ, k) already computed.
func (s *solver) pushEdgeKey(typ int8, a, k int32, key float64) {
	s.bestkey[a] = key
	s.push(mkEvent(key, typ, a, k))
}

// edgeKey returns the dual offset at which edge k becomes tight, from the
// stored duals (valid while the labels of its ends do not change).
func (s *solver) edgeKey(typ int8, k int32) float64 {
	key := s.dual[s.endpoint[2*k]] + s.dual[s.endpoint[2*k+1]] - 2*s.weight[k]
	if typ == 3 {
		key /= 2
	}
	return key
}

// dirty reports whether the least-slack entry of the top-level S-blossom
// (or S-vertex) a no longer has the key it was queued with: an end of its
// edge left the forest since. (An unlabeled vertex keeps a dirty entry as a
// lower bound instead; see scanEdge.)
func (s *solver) dirty(a int32) bool {
	k := s.bestedge[a]
	bi, bj := s.inblossom[s.endpoint[2*k]], s.inblossom[s.endpoint[2*k+1]]
	if bi == bj || s.label[bi] != 1 || s.label[bj] != 1 {
		return true
	}
	return s.edgeKey(3, k) != s.bestkey[a]
}

// push adds an event to the 4-ary min-heap of events. When the heap has
// grown well beyond the live state it first drops the superseded entries.
func (s *solver) push(e event) {
	if len(s.heap) >= s.heapLimit {
		s.compactHeap()
	}
	h := append(s.heap, e)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !h[i].less(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	s.heap = h
}

func (s *solver) pop() event {
	h := s.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	s.siftDown(h, 0)
	s.heap = h
	return top
}

func (s *solver) siftDown(h []event, i int) {
	for {
		c := 4*i + 1
		if c >= len(h) {
			return
		}
		end := min(c+4, len(h))
		for j := c + 1; j < end; j++ {
			if h[j].less(h[c]) {
				c = j
			}
		}
		if !h[c].less(h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// compactHeap removes the events that can no longer fire (superseded
// least-slack entries, relabeled vertices and blossoms) and restores the
// heap order. It runs in O(size of the heap).
func (s *solver) compactHeap() {
	h := s.heap[:0]
	for _, e := range s.heap {
		keep := false
		switch e.typ() {
		case 1:
			keep = s.label[s.inblossom[e.a()]] == 1 && s.dual[e.a()] == e.key
		case 2, 3:
			keep = s.bestedge[e.a()] == e.b && s.bestkey[e.a()] == e.key
		case 4:
			keep = s.blossombase[e.a()] >= 0 && s.blossomparent[e.a()] == -1 && s.label[e.a()] == 2 && s.dual[e.a()] == e.key
		}
		if keep {
			h = append(h, e)
		}
	}
	for i := (len(h) - 2) / 4; i >= 0; i-- {
		s.siftDown(h, i)
	}
	s.heap = h
	s.heapLimit = max(2*len(h), 4*s.n+1024)
	s.tick(len(h))
}
