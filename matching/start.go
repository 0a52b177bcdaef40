package matching

import (
	"fmt"
	"math"
)

// Start is a warm start for a solve without MaxCardinality: a feasible
// dual solution with a matching it supports. Every Dual is ≥ 0, every edge
// {u, v} of weight w has Dual[u] + Dual[v] ≥ w, and every matched pair
// (Mate[u] = v, Mate[v] = u) is joined by an edge with Dual[u] + Dual[v] =
// w. Solving from a start that is close to optimal — the certificate of a
// previous solve on fewer edges, see NewStart — repeats only the work near
// what changed. The result is optimal like that of a cold solve; it may be
// a different optimal matching when several exist.
type Start struct {
	// Dual is the dual of each vertex.
	Dual []float64
	// Mate is the vertex matched to each vertex, or -1.
	Mate []int
}

// NewStart returns a warm start for solving the edges on n vertices from
// prev, the result of a solve of (usually) a subset of them: blossoms are
// dissolved by adding half of each blossom's dual to its vertices, so that
// every edge keeps its slack or gains; each edge that the duals no longer
// cover raises the dual of one end (a free end when there is one) by the
// deficit; pairs of prev whose edge is missing or no longer tight are
// unmatched. Vertices beyond prev start free with dual 0. prev must come
// from a solve without MaxCardinality. O(n + m + b·d) time for b blossoms
// nested d deep.
func NewStart(prev *Result, n int, edges []Edge) *Start {
	st := &Start{Dual: make([]float64, n), Mate: make([]int, n)}
	for v := range st.Mate {
		st.Mate[v] = -1
	}
	m := min(n, len(prev.VertexDual))
	for v := 0; v < m; v++ {
		y := prev.VertexDual[v]
		for b := prev.Leaf[v]; b >= 0; b = prev.Blossoms[b].Parent {
			y += prev.Blossoms[b].Dual / 2
		}
		st.Dual[v] = max(y, 0)
		if u := prev.Mate[v]; u >= 0 && u < n {
			st.Mate[v] = u
		}
	}
	tight := make([]bool, n) // v's pair in st.Mate has a tight edge
	for _, e := range edges {
		if !keepWeight(e.W, false) {
			continue
		}
		if st.Dual[e.U]+st.Dual[e.V] < e.W {
			// raise a free end if there is one: no pair breaks
			x, o := e.U, e.V
			if st.Mate[e.V] < 0 && st.Mate[e.U] >= 0 {
				x, o = e.V, e.U
			}
			st.Dual[x] = e.W - st.Dual[o]
			for st.Dual[x]+st.Dual[o] < e.W { // float rounding
				st.Dual[x] = math.Nextafter(st.Dual[x], math.Inf(1))
			}
		}
	}
	for _, e := range edges {
		if keepWeight(e.W, false) && st.Mate[e.U] == e.V && st.Dual[e.U]+st.Dual[e.V] == e.W {
			tight[e.U], tight[e.V] = true, true
		}
	}
	for v := range st.Mate {
		if u := st.Mate[v]; u >= 0 && (!tight[v] || !tight[u] || st.Mate[u] != v) {
			st.Mate[v] = -1
		}
	}
	return st
}

// check reports why st is not a valid start for the edges on n vertices.
func (st *Start) check(n int, endpoint []int32, weight []float64) error {
	if len(st.Dual) != n || len(st.Mate) != n {
		return fmt.Errorf("%w: start for %d and %d vertices, want %d", ErrInvalidInput, len(st.Dual), len(st.Mate), n)
	}
	for v, y := range st.Dual {
		if !(y >= 0) || math.IsInf(y, 1) {
			return fmt.Errorf("%w: start dual of vertex %d is %v", ErrInvalidInput, v, y)
		}
		if u := st.Mate[v]; u != -1 && (u < 0 || u >= n || u == v || st.Mate[u] != v) {
			return fmt.Errorf("%w: start mate of vertex %d is %d", ErrInvalidInput, v, u)
		}
	}
	tight := make([]bool, n)
	for k, w := range weight { // doubled weights
		u, v := endpoint[2*k], endpoint[2*k+1]
		sum := 2 * (st.Dual[u] + st.Dual[v])
		if sum < w {
			return fmt.Errorf("%w: start duals %v + %v do not cover edge {%d, %d} of weight %v", ErrInvalidInput, st.Dual[u], st.Dual[v], u, v, w/2)
		}
		if sum == w && st.Mate[u] == int(v) {
			tight[u], tight[v] = true, true
		}
	}
	for v, u := range st.Mate {
		if u >= 0 && !tight[v] {
			return fmt.Errorf("%w: start pair {%d, %d} is not a tight edge", ErrInvalidInput, v, u)
		}
	}
	return nil
}

// applyStart sets the solver's duals and matching from st (checked), then
// lowers the duals of the free vertices as the jump start does.
func (s *solver) applyStart(st *Start) {
	for v := range s.n {
		s.dual[v] = 4 * st.Dual[v]
	}
	for v := range s.n {
		u := int32(st.Mate[v])
		if u < 0 || s.mate[v] != -1 {
			continue
		}
		for i := s.adjStart[v]; i < s.adjStart[v+1]; i++ {
			p := s.adj[i]
			if s.endpoint[p] == u && s.dual[v]+s.dual[u] == 2*s.weight[p/2] {
				s.mate[v] = p
				s.mate[u] = p ^ 1
				break
			}
		}
	}
	s.tick(s.n + 2*s.nedge)
	s.lowerFree()
}
