package matching

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// ErrInvalidInput is wrapped by the errors returned for malformed input:
// wrong sizes, vertices out of range, self-loops, asymmetric matrices.
var ErrInvalidInput = errors.New("matching: invalid input")

// ErrInvalidWeight is wrapped by the errors returned for a NaN or +Inf
// weight, or a finite weight of magnitude above MaxWeight.
var ErrInvalidWeight = errors.New("matching: invalid weight")

// MaxVertices is the largest number of vertices that Dense, Sparse and
// ReadInstance accept. The solver keeps about 250 bytes of state per
// vertex, so a graph at the limit needs about 2.5 GB before its first
// edge.
const MaxVertices = 10_000_000

// MaxEdges is the largest number of usable edges (finite weight, and
// positive unless Options.MaxCardinality is set) that Dense and Sparse
// accept, and the largest edge count ReadInstance accepts in a header.
// The solver keeps about 70 bytes per usable edge.
const MaxEdges = 100_000_000

// MaxWeight is the largest magnitude a finite weight may have. With at
// most MaxVertices vertices every dual, slack and total then stays finite
// (the solver doubles weights and scales vertex duals by four), far from
// overflow, and integer weights keep exact duals as long as sums stay
// below 2^53. It is the same bound as assign.MaxBenefit.
const MaxWeight = 1e15

// checkWeight returns a description of what is wrong with weight x, or ""
// when x is a valid weight: finite with |x| ≤ MaxWeight, or math.Inf(-1).
func checkWeight(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "+Inf"
	case math.IsInf(x, -1):
		return ""
	case math.Abs(x) > MaxWeight:
		return fmt.Sprintf("magnitude of %g exceeds MaxWeight = %g", x, float64(MaxWeight))
	}
	return ""
}

// checkVertices returns an error wrapping ErrInvalidInput when n is not in
// [0, MaxVertices].
func checkVertices(n int) error {
	if n < 0 || n > MaxVertices {
		return fmt.Errorf("%w: n = %d out of range [0, %d] (MaxVertices)", ErrInvalidInput, n, MaxVertices)
	}
	return nil
}

// Dense returns a maximum-weight matching of the complete graph on n
// vertices whose edge {i, j} weighs w[i*n+j], with its optimality
// certificate.
//
// w is a row-major n×n symmetric matrix; its diagonal is ignored and
// math.Inf(-1) marks a forbidden edge. A NaN or +Inf entry, or a finite
// one of magnitude above MaxWeight, gives an error wrapping
// ErrInvalidWeight; n outside [0, MaxVertices], len(w) ≠ n·n, an
// asymmetric matrix or more than MaxEdges usable edges gives an error
// wrapping ErrInvalidInput; both are checked before the solver allocates.
// Without opt.MaxCardinality, edges of weight ≤ 0 are never used (they
// cannot increase the total).
//
// Dense cancels promptly when ctx is cancelled and then returns ctx.Err().
//
// Dense runs in O(n³·log n) time in the worst case and O(n²) memory (the
// solver itself needs O(n + m) beyond the input, m the number of usable
// edges); typical random and roster-shaped instances take far less.
func Dense(ctx context.Context, n int, w []float64, opt Options) (Result, error) {
	if err := checkVertices(n); err != nil {
		return Result{}, err
	}
	if len(w) != n*n {
		return Result{}, fmt.Errorf("%w: len(w) = %d, want n*n = %d", ErrInvalidInput, len(w), n*n)
	}
	cnt := 0
	for i := range n {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
		}
		row := w[i*n : i*n+n]
		for j := i + 1; j < n; j++ {
			x := row[j]
			if msg := checkWeight(x); msg != "" {
				return Result{}, fmt.Errorf("%w: w[%d][%d] = %v: %s", ErrInvalidWeight, i, j, x, msg)
			}
			y := w[j*n+i]
			if msg := checkWeight(y); msg != "" {
				return Result{}, fmt.Errorf("%w: w[%d][%d] = %v: %s", ErrInvalidWeight, j, i, y, msg)
			}
			if x != y {
				return Result{}, fmt.Errorf("%w: asymmetric weights w[%d][%d] = %v, w[%d][%d] = %v", ErrInvalidInput, i, j, x, j, i, y)
			}
			if keepWeight(x, opt.MaxCardinality) {
				cnt++
			}
		}
	}
	if cnt > MaxEdges {
		return Result{}, fmt.Errorf("%w: %d usable edges exceed MaxEdges = %d", ErrInvalidInput, cnt, MaxEdges)
	}
	endpoint := make([]int32, 0, 2*cnt)
	weight := make([]float64, 0, cnt)
	for i := range n {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
		}
		row := w[i*n : i*n+n]
		for j := i + 1; j < n; j++ {
			if x := row[j]; keepWeight(x, opt.MaxCardinality) {
				endpoint = append(endpoint, int32(i), int32(j))
				weight = append(weight, 2*x)
			}
		}
	}
	return solve(ctx, n, endpoint, weight, opt)
}

// Sparse returns a maximum-weight matching of the graph on n vertices with
// the given edges, with its optimality certificate.
//
// Parallel edges are allowed (the heaviest counts) and math.Inf(-1) edges
// are ignored. n outside [0, MaxVertices], more than MaxEdges usable
// edges, a vertex out of range or a self-loop gives an error wrapping
// ErrInvalidInput, a NaN or +Inf weight or a finite one of magnitude above
// MaxWeight one wrapping ErrInvalidWeight; the errors about an edge name
// its index. All of this is checked before the solver allocates. Without
// opt.MaxCardinality, edges of weight ≤ 0 are never used.
//
// Sparse cancels promptly when ctx is cancelled and then returns ctx.Err().
//
// Sparse runs in O(n·(m + n²)·log n) time in the worst case: at most n/2
// augmentations and n zero-dual events, each of which may regrow trees with
// O(m) edge scans and heap operations and O(n) blossom operations of
// O(n·log n) amortized time each (a blossom operation pushes at most one
// least-slack candidate per neighbouring S-blossom into a heap; candidates
// it drops were paid for by the edge scans that created them). Memory is
// O(n + m): at any time at most one candidate per edge and side is kept.
func Sparse(ctx context.Context, n int, edges []Edge, opt Options) (Result, error) {
	if err := checkVertices(n); err != nil {
		return Result{}, err
	}
	cnt := 0
	for k, e := range edges {
		if e.U < 0 || e.U >= n || e.V < 0 || e.V >= n {
			return Result{}, fmt.Errorf("%w: edge %d {%d, %d}: vertex out of range [0, %d)", ErrInvalidInput, k, e.U, e.V, n)
		}
		if e.U == e.V {
			return Result{}, fmt.Errorf("%w: edge %d {%d, %d}: self-loop", ErrInvalidInput, k, e.U, e.V)
		}
		if msg := checkWeight(e.W); msg != "" {
			return Result{}, fmt.Errorf("%w: edge %d {%d, %d}: weight %v: %s", ErrInvalidWeight, k, e.U, e.V, e.W, msg)
		}
		if keepWeight(e.W, opt.MaxCardinality) {
			cnt++
		}
	}
	if cnt > MaxEdges {
		return Result{}, fmt.Errorf("%w: %d usable edges exceed MaxEdges = %d", ErrInvalidInput, cnt, MaxEdges)
	}
	endpoint := make([]int32, 0, 2*cnt)
	weight := make([]float64, 0, cnt)
	for _, e := range edges {
		if keepWeight(e.W, opt.MaxCardinality) {
			endpoint = append(endpoint, int32(e.U), int32(e.V))
			weight = append(weight, 2*e.W)
		}
	}
	return solve(ctx, n, endpoint, weight, opt)
}

// keepWeight reports whether an edge of weight x can matter.
func keepWeight(x float64, maxcard bool) bool {
	if math.IsInf(x, -1) {
		return false
	}
	return maxcard || x > 0
}

// solve runs the blossom algorithm on the edges {endpoint[2k],
// endpoint[2k+1]} of doubled weight weight[k] (see newSolverEdges).
func solve(ctx context.Context, n int, endpoint []int32, weight []float64, opt Options) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if opt.Start != nil {
		if opt.MaxCardinality {
			return Result{}, fmt.Errorf("%w: a warm start needs MaxCardinality off", ErrInvalidInput)
		}
		if err := opt.Start.check(n, endpoint, weight); err != nil {
			return Result{}, err
		}
	}
	s := newSolverEdges(ctx, n, endpoint, weight, opt.MaxCardinality)
	s.start = opt.Start
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if err := s.run(); err != nil {
		return Result{}, err
	}
	s.finalize()
	return s.result(), nil
}

// newSolver returns a solver for the edges {us[k], vs[k]} of weight ws[k].
func newSolver(ctx context.Context, n int, us, vs []int32, ws []float64, maxcard bool) *solver {
	endpoint := make([]int32, 2*len(ws))
	weight := make([]float64, len(ws))
	for k := range ws {
		endpoint[2*k], endpoint[2*k+1] = us[k], vs[k]
		weight[k] = 2 * ws[k]
	}
	return newSolverEdges(ctx, n, endpoint, weight, maxcard)
}

// newSolverEdges returns a solver for the edges {endpoint[2k],
// endpoint[2k+1]} of weight weight[k]/2; it keeps both slices. Weights are
// doubled inside the solver (dual = 4·y_v for vertices and 2·z_B for
// blossoms), so that with integer weights every dual stays an integer even
// after the jump start.
func newSolverEdges(ctx context.Context, n int, endpoint []int32, weight []float64, maxcard bool) *solver {
	m := len(weight)
	s := &solver{ctx: ctx, n: n, nedge: m, maxcard: maxcard}
	s.endpoint = endpoint
	s.weight = weight
	s.adjStart = make([]int32, n+1)
	maxw := 0.0
	for k := range m {
		if k&(1<<16-1) == 0 && ctx.Err() != nil {
			return s
		}
		s.adjStart[endpoint[2*k]+1]++
		s.adjStart[endpoint[2*k+1]+1]++
		maxw = max(maxw, weight[k])
	}
	for v := range n {
		s.adjStart[v+1] += s.adjStart[v]
	}
	s.adj = make([]int32, 2*m)
	s.adjTo = make([]int32, 2*m)
	s.adjW = make([]float64, 2*m)
	fill := make([]int32, n)
	copy(fill, s.adjStart[:n])
	for k := range m {
		if k&(1<<16-1) == 0 && ctx.Err() != nil {
			return s
		}
		i, j := endpoint[2*k], endpoint[2*k+1]
		w := weight[k]
		a := fill[i]
		s.adj[a], s.adjTo[a], s.adjW[a] = int32(2*k+1), j, w
		fill[i]++
		a = fill[j]
		s.adj[a], s.adjTo[a], s.adjW[a] = int32(2*k), i, w
		fill[j]++
	}
	s.mate = make([]int32, n)
	s.label = make([]int8, 2*n)
	s.labelend = make([]int32, 2*n)
	s.inblossom = make([]int32, n)
	s.blossomparent = make([]int32, 2*n)
	s.blossomchilds = make([][]int32, 2*n)
	s.blossombase = make([]int32, 2*n)
	s.blossomendps = make([][]int32, 2*n)
	s.bestedge = make([]int32, 2*n)
	s.blossombestedges = make([][]bestEntry, 2*n)
	s.hasBestEdges = make([]bool, 2*n)
	s.unused = make([]int32, 0, n)
	s.heap = make([]event, 0, 4*n+1024)
	s.dual = make([]float64, 2*n)
	s.allowedge = make([]uint64, (m+63)/64)
	s.bestTo = make([]bestEntry, 2*n)
	s.bestToKey = make([]float64, 2*n)
	s.rootOf = make([]int32, n)
	s.members = make([][]int32, n)
	s.inD = make([]int32, n)
	s.rstamp = make([]int32, n)
	s.cstamp = make([]int32, n)
	s.bestkey = make([]float64, 2*n)
	s.bsize = make([]int32, 2*n)
	s.bstamp = make([]int32, n)
	for v := range n {
		s.mate[v] = -1
		s.inblossom[v] = int32(v)
		s.blossombase[v] = int32(v)
		s.blossombase[n+v] = -1
		s.dual[v] = maxw
		s.rootOf[v] = -1
		s.bsize[v] = 1
		s.unused = append(s.unused, int32(n+v))
	}
	for i := range 2 * n {
		s.labelend[i] = -1
		s.blossomparent[i] = -1
		s.bestedge[i] = -1
		s.bestTo[i].k = -1
	}
	return s
}

// result converts the final solver state to a Result.
func (s *solver) result() Result {
	n := s.n
	r := Result{
		Mate:       make([]int, n),
		VertexDual: make([]float64, n),
		Leaf:       make([]int, n),
	}
	matched := 0
	for v := range n {
		r.Leaf[v] = -1
		r.VertexDual[v] = s.dual[v] / 4
		if p := s.mate[v]; p >= 0 {
			u := int(s.endpoint[p])
			r.Mate[v] = u
			if v < u {
				r.Total += s.weight[p/2] / 2
				matched++
			}
		} else {
			r.Mate[v] = -1
		}
	}
	if s.maxcard && n > 0 {
		d := r.VertexDual[0]
		for _, y := range r.VertexDual[1:] {
			d = min(d, y)
		}
		r.SingleDual = d
	}
	// Export the blossoms with positive dual, parents before children.
	var visit func(b int32, parent int) int
	visit = func(b int32, parent int) int {
		if int(b) < n {
			r.Leaf[b] = parent
			return 1
		}
		idx := parent
		if s.dual[b] > 0 {
			idx = len(r.Blossoms)
			r.Blossoms = append(r.Blossoms, Blossom{Parent: parent, Dual: s.dual[b] / 2})
		}
		size := 0
		for _, c := range s.blossomchilds[b] {
			size += visit(c, idx)
		}
		if idx != parent {
			r.Blossoms[idx].Size = size
		}
		return size
	}
	for b := n; b < 2*n; b++ {
		if s.blossombase[b] >= 0 && s.blossomparent[b] == -1 {
			visit(int32(b), -1)
		}
	}
	obj := 0.0
	for _, y := range r.VertexDual {
		obj += y
	}
	obj -= float64(n-2*matched) * r.SingleDual
	for _, b := range r.Blossoms {
		obj += b.Dual * float64((b.Size-1)/2)
	}
	r.DualObjective = obj
	return r
}

// Slack returns y_u + y_v + Σ{z_B : B contains u and v} − w, the reduced
// cost of an edge {u, v} of weight w under the certificate r. It is ≥ 0 for
// every edge of the solved graph; an edge outside the solved graph with
// negative slack could improve the matching. u and v must be vertices of r.
//
// Slack runs in O(d) time, where d is the nesting depth of the blossoms
// containing u or v.
func (r *Result) Slack(u, v int, w float64) float64 {
	s := r.VertexDual[u] + r.VertexDual[v] - w
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
	for a >= 0 {
		s += r.Blossoms[a].Dual
		a = r.Blossoms[a].Parent
	}
	return s
}

// depth returns the number of blossoms on the chain from b to the top.
func (r *Result) depth(b int) int {
	d := 0
	for b >= 0 {
		d++
		b = r.Blossoms[b].Parent
	}
	return d
}
