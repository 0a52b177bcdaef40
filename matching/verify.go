package matching

import (
	"errors"
	"fmt"
	"math"
)

// ErrNotOptimal is wrapped by the errors Verify returns when a result is not
// a valid matching or its certificate does not prove optimality.
var ErrNotOptimal = errors.New("matching: result not proven optimal")

// Verify checks that r is an optimal solution for the graph on n vertices
// with the given edges: Mate is a matching using those edges (parallel edges
// count with their heaviest weight; -Inf edges do not exist), Total is its
// weight, and the certificate of r proves optimality: blossoms are a
// laminar family of odd sets with positive duals, every edge has
// non-negative slack, matched edges have zero slack, blossoms are full,
// every vertex dual is ≥ SingleDual (which must be 0 without
// opt.MaxCardinality), unmatched vertices have dual SingleDual, and
// DualObjective equals Total. With opt.MaxCardinality it also checks,
// with an independent search for augmenting paths, that the matching has
// maximum size.
//
// Comparisons are exact when every weight is an integer of magnitude below
// 2^40, and otherwise use a tolerance of 1e-9·(n+1)·max|w|.
//
// Verify returns nil or an error wrapping ErrNotOptimal (or ErrInvalidInput
// for malformed input). It runs in O(n·d + m·d) time, d the blossom
// nesting depth, plus O(n·(n² + m)) with opt.MaxCardinality.
func Verify(n int, edges []Edge, r Result, opt Options) error {
	if n < 0 {
		return fmt.Errorf("%w: n = %d", ErrInvalidInput, n)
	}
	if len(r.Mate) != n || len(r.VertexDual) != n || len(r.Leaf) != n {
		return fmt.Errorf("%w: result sized for %d/%d/%d vertices, want %d", ErrNotOptimal, len(r.Mate), len(r.VertexDual), len(r.Leaf), n)
	}
	integral := true
	maxAbs := 0.0
	for k, e := range edges {
		if e.U < 0 || e.U >= n || e.V < 0 || e.V >= n || e.U == e.V {
			return fmt.Errorf("%w: edge %d {%d, %d}", ErrInvalidInput, k, e.U, e.V)
		}
		if math.IsNaN(e.W) || math.IsInf(e.W, 1) {
			return fmt.Errorf("%w: edge %d weight %v", ErrInvalidWeight, k, e.W)
		}
		if math.IsInf(e.W, -1) {
			continue
		}
		maxAbs = max(maxAbs, math.Abs(e.W))
		if e.W != math.Trunc(e.W) || math.Abs(e.W) >= 1<<40 {
			integral = false
		}
	}
	tol := 0.0
	if !integral {
		tol = 1e-9 * float64(n+1) * max(maxAbs, 1)
	}
	delta := r.SingleDual
	if !opt.MaxCardinality && delta != 0 {
		return fmt.Errorf("%w: SingleDual = %v without MaxCardinality", ErrNotOptimal, delta)
	}
	// Blossom structure.
	nb := len(r.Blossoms)
	for i, b := range r.Blossoms {
		if b.Parent < -1 || b.Parent >= nb || b.Parent == i {
			return fmt.Errorf("%w: blossom %d has parent %d", ErrNotOptimal, i, b.Parent)
		}
		if !(b.Dual > 0) || math.IsInf(b.Dual, 0) {
			return fmt.Errorf("%w: blossom %d has dual %v", ErrNotOptimal, i, b.Dual)
		}
		if b.Size < 3 || b.Size%2 == 0 {
			return fmt.Errorf("%w: blossom %d has size %d", ErrNotOptimal, i, b.Size)
		}
	}
	for i := range r.Blossoms {
		d, b := 0, i
		for b >= 0 {
			if d > nb {
				return fmt.Errorf("%w: blossom %d lies on a parent cycle", ErrNotOptimal, i)
			}
			d++
			b = r.Blossoms[b].Parent
		}
	}
	size := make([]int, nb)
	for v := range n {
		if r.Leaf[v] < -1 || r.Leaf[v] >= nb {
			return fmt.Errorf("%w: vertex %d has leaf blossom %d", ErrNotOptimal, v, r.Leaf[v])
		}
		for b := r.Leaf[v]; b >= 0; b = r.Blossoms[b].Parent {
			size[b]++
		}
	}
	for i, b := range r.Blossoms {
		if size[i] != b.Size {
			return fmt.Errorf("%w: blossom %d holds %d vertices, Size says %d", ErrNotOptimal, i, size[i], b.Size)
		}
	}
	// Matching validity and total.
	best := make(map[[2]int]float64, len(edges))
	for _, e := range edges {
		if math.IsInf(e.W, -1) {
			continue
		}
		key := [2]int{min(e.U, e.V), max(e.U, e.V)}
		if w, ok := best[key]; !ok || e.W > w {
			best[key] = e.W
		}
	}
	total := 0.0
	matched := 0
	inner := make([]int, nb)
	for v, u := range r.Mate {
		if u == -1 {
			if !near(r.VertexDual[v], delta, tol) {
				return fmt.Errorf("%w: unmatched vertex %d has dual %v, want %v", ErrNotOptimal, v, r.VertexDual[v], delta)
			}
			continue
		}
		if u < 0 || u >= n || u == v || r.Mate[u] != v {
			return fmt.Errorf("%w: Mate[%d] = %d is not symmetric", ErrNotOptimal, v, u)
		}
		if v > u {
			continue
		}
		w, ok := best[[2]int{v, u}]
		if !ok {
			return fmt.Errorf("%w: matched pair {%d, %d} is not an edge", ErrNotOptimal, v, u)
		}
		total += w
		matched++
		if s := r.Slack(v, u, w); !near(s, 0, tol) {
			return fmt.Errorf("%w: matched edge {%d, %d} has slack %v", ErrNotOptimal, v, u, s)
		}
		for b := r.commonBlossom(v, u); b >= 0; b = r.Blossoms[b].Parent {
			inner[b]++
		}
	}
	if !near(total, r.Total, tol) {
		return fmt.Errorf("%w: Total = %v, matched edges weigh %v", ErrNotOptimal, r.Total, total)
	}
	for i, b := range r.Blossoms {
		if inner[i] != (b.Size-1)/2 {
			return fmt.Errorf("%w: blossom %d of size %d holds %d matched edges", ErrNotOptimal, i, b.Size, inner[i])
		}
	}
	// Dual feasibility.
	for v, y := range r.VertexDual {
		if math.IsNaN(y) || math.IsInf(y, 0) || y < delta-tol {
			return fmt.Errorf("%w: vertex %d has dual %v < %v", ErrNotOptimal, v, y, delta)
		}
	}
	for k, e := range edges {
		if math.IsInf(e.W, -1) {
			continue
		}
		if s := r.Slack(e.U, e.V, e.W); s < -tol {
			return fmt.Errorf("%w: edge %d {%d, %d} has slack %v", ErrNotOptimal, k, e.U, e.V, s)
		}
	}
	obj := -float64(n-2*matched) * delta
	for _, y := range r.VertexDual {
		obj += y
	}
	for _, b := range r.Blossoms {
		obj += b.Dual * float64((b.Size-1)/2)
	}
	if !near(obj, r.DualObjective, tol) || !near(obj, total, tol) {
		return fmt.Errorf("%w: dual objective %v (reported %v) ≠ total %v", ErrNotOptimal, obj, r.DualObjective, total)
	}
	if opt.MaxCardinality {
		if v := augmentingFrom(n, best, r.Mate); v >= 0 {
			return fmt.Errorf("%w: an augmenting path starts at vertex %d, the matching is not of maximum size", ErrNotOptimal, v)
		}
	}
	return nil
}

func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol
}

// commonBlossom returns the smallest blossom of r containing u and v, or -1.
func (r *Result) commonBlossom(u, v int) int {
	a, b := r.Leaf[u], r.Leaf[v]
	da, db := r.depth(a), r.depth(b)
	for da > db {
		a = r.Blossoms[a].Parent
		da--
	}
	for db > da {
		b = r.Blossoms[b].Parent
		db--
	}
	for a != b {
		a = r.Blossoms[a].Parent
		b = r.Blossoms[b].Parent
	}
	return a
}

// augmentingFrom returns an unmatched vertex from which an augmenting path
// exists, or -1 when the matching has maximum size (Berge). It is the
// textbook Edmonds cardinality search with blossom contraction, independent
// of the weighted solver, and runs in O(n·(n² + m)) time.
func augmentingFrom(n int, best map[[2]int]float64, mate []int) int {
	adj := make([][]int, n)
	for key := range best {
		adj[key[0]] = append(adj[key[0]], key[1])
		adj[key[1]] = append(adj[key[1]], key[0])
	}
	parent := make([]int, n)
	base := make([]int, n)
	used := make([]bool, n)
	inBlossom := make([]bool, n)
	queue := make([]int, 0, n)
	lca := func(a, b int) int {
		seen := make([]bool, n)
		for {
			a = base[a]
			seen[a] = true
			if mate[a] == -1 {
				break
			}
			a = parent[mate[a]]
		}
		for {
			b = base[b]
			if seen[b] {
				return b
			}
			b = parent[mate[b]]
		}
	}
	markPath := func(v, b, child int) {
		for base[v] != b {
			inBlossom[base[v]] = true
			inBlossom[base[mate[v]]] = true
			parent[v] = child
			child = mate[v]
			v = parent[mate[v]]
		}
	}
	for root := range n {
		if mate[root] != -1 {
			continue
		}
		for i := range n {
			parent[i] = -1
			base[i] = i
			used[i] = false
		}
		used[root] = true
		queue = append(queue[:0], root)
		for qh := 0; qh < len(queue); qh++ {
			v := queue[qh]
			for _, to := range adj[v] {
				if base[v] == base[to] || mate[v] == to {
					continue
				}
				if to == root || (mate[to] != -1 && parent[mate[to]] != -1) {
					cur := lca(v, to)
					for i := range inBlossom {
						inBlossom[i] = false
					}
					markPath(v, cur, to)
					markPath(to, cur, v)
					for i := range n {
						if inBlossom[base[i]] {
							base[i] = cur
							if !used[i] {
								used[i] = true
								queue = append(queue, i)
							}
						}
					}
				} else if parent[to] == -1 {
					parent[to] = v
					if mate[to] == -1 {
						return root
					}
					used[mate[to]] = true
					queue = append(queue, mate[to])
				}
			}
		}
	}
	return -1
}
