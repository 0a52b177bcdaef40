package pairing

import (
	"context"
	"errors"
	"fmt"

	"github.com/peermatch/peermatch/assign"
	"github.com/peermatch/peermatch/matching"
	"gonum.org/v1/gonum/mat"
)

// Edge is an undirected edge {U, V} of weight W between vertices 0..n−1,
// for MatchEdges.
type Edge struct {
	U, V int
	W    float64
}

// MatchOptions configures Match and MatchEdges. The zero value asks for a
// maximum-weight matching of any size.
type MatchOptions struct {
	// MaxCardinality asks for the heaviest among the matchings of largest
	// size.
	MaxCardinality bool
}

// Blossom is one blossom of a dual certificate: an odd set of Size ≥ 3
// vertices with dual variable Dual > 0. Parent is the index in
// Matching.Blossoms of the smallest blossom strictly containing it, or −1.
// It is the solver's own type, so that a Matching shares the solver's
// certificate instead of copying it.
type Blossom = matching.Blossom

// Matching is a maximum-weight matching with a dual certificate of its
// optimality.
//
// The certificate is a solution of the dual of the matching linear program:
// for every edge {u, v} of weight w,
//
//	VertexDual[u] + VertexDual[v] + Σ{Blossoms[b].Dual : b contains u and v} ≥ w,
//
// with equality on matched edges, and DualObjective = Total. Without
// MaxCardinality, SingleDual is 0, every VertexDual is ≥ 0 and every
// unmatched vertex has dual 0, which proves that no matching is heavier.
// With MaxCardinality, SingleDual = δ is the common dual of the unmatched
// vertices (possibly negative) and the certificate proves that the
// matching is heaviest among those of its size; its size is maximum by
// construction. Slack evaluates the left side minus w for any pair.
type Matching struct {
	// Mate[v] is the vertex matched to v, or −1.
	Mate []int
	// Total is the sum of the weights of the matched edges.
	Total float64
	// VertexDual is the dual y_v of every vertex.
	VertexDual []float64
	// Blossoms lists the blossoms with a positive dual.
	Blossoms []Blossom
	// Leaf[v] is the index in Blossoms of the smallest blossom containing v,
	// or −1.
	Leaf []int
	// DualObjective is Σ VertexDual − (n − 2·|M|)·SingleDual +
	// Σ Dual·(Size−1)/2; it equals Total at optimality.
	DualObjective float64
	// SingleDual is the dual of the unmatched vertices (0 without
	// MaxCardinality).
	SingleDual float64
}

// Slack returns VertexDual[u] + VertexDual[v] + Σ{z_B : B ∋ u, v} − w, the
// reduced cost of a pair {u, v} of weight w. It is ≥ 0 for every edge of the
// solved graph; a pair with negative slack could improve the matching.
// Slack runs in O(d) time for blossoms nested d deep.
func (m *Matching) Slack(u, v int, w float64) float64 {
	return m.internal().Slack(u, v, w)
}

func (m *Matching) internal() *matching.Result {
	return &matching.Result{Mate: m.Mate, Total: m.Total, VertexDual: m.VertexDual, Blossoms: m.Blossoms, Leaf: m.Leaf, DualObjective: m.DualObjective, SingleDual: m.SingleDual}
}

func fromInternal(r matching.Result) Matching {
	return Matching{Mate: r.Mate, Total: r.Total, VertexDual: r.VertexDual, Blossoms: r.Blossoms, Leaf: r.Leaf, DualObjective: r.DualObjective, SingleDual: r.SingleDual}
}

// matchErr maps the errors of package matching to this package's
// sentinels, keeping the message.
func matchErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, matching.ErrInvalidWeight), errors.Is(err, matching.ErrInvalidInput):
		return fmt.Errorf("%w: %w", ErrInvalidWeight, err)
	}
	return err
}

// Match returns a maximum-weight matching of the complete graph whose edge
// {i, j} weighs w.At(i, j), with its dual certificate. The diagonal is
// ignored and math.Inf(−1) forbids an edge. Without opt.MaxCardinality,
// edges of weight ≤ 0 are never used. A NaN or +Inf weight, a finite one of
// magnitude above 1e15, or a matrix whose n·(n−1)/2 pairs exceed the
// solver's limit of 100,000,000 edges (n > 14,142; checked before the
// matrix is copied) gives an error wrapping ErrInvalidWeight. Match stops
// and returns ctx.Err() when ctx is cancelled.
//
// Match uses Edmonds' blossom algorithm and runs in O(n³) time and O(n²)
// memory for an n×n matrix.
func Match(ctx context.Context, w mat.Symmetric, opt MatchOptions) (Matching, error) {
	if w == nil {
		return Matching{}, fmt.Errorf("%w: nil matrix", ErrInvalidWeight)
	}
	n := w.SymmetricDim()
	if n < 0 || n > 1<<20 || n*(n-1)/2 > matching.MaxEdges {
		return Matching{}, fmt.Errorf("%w: %d×%d matrix: more than %d pairs (the solver's limit of edges)", ErrInvalidWeight, n, n, matching.MaxEdges)
	}
	data := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			x := w.At(i, j)
			data[i*n+j], data[j*n+i] = x, x
		}
	}
	r, err := matching.Dense(ctx, n, data, matching.Options{MaxCardinality: opt.MaxCardinality})
	if err != nil {
		return Matching{}, matchErr(err)
	}
	return fromInternal(r), nil
}

// MatchEdges returns a maximum-weight matching of the graph on n vertices
// with the given edges, with its dual certificate. Parallel edges are
// allowed (the heaviest counts); math.Inf(−1) edges are ignored. A vertex
// out of range, a self-loop, or a NaN or +Inf weight or a finite one of
// magnitude above 1e15 gives an error wrapping ErrInvalidWeight that names
// the edge; so do n above 10,000,000 and more than 100,000,000 usable
// edges, checked before the solver allocates. MatchEdges stops and returns
// ctx.Err() when ctx is cancelled.
//
// MatchEdges uses Edmonds' blossom algorithm: O(n·m) time per phase,
// O(n²·m) in the worst case, and O(n + m) memory for m edges.
func MatchEdges(ctx context.Context, n int, edges []Edge, opt MatchOptions) (Matching, error) {
	es := make([]matching.Edge, len(edges))
	for i, e := range edges {
		es[i] = matching.Edge{U: e.U, V: e.V, W: e.W}
	}
	r, err := matching.Sparse(ctx, n, es, matching.Options{MaxCardinality: opt.MaxCardinality})
	if err != nil {
		return Matching{}, matchErr(err)
	}
	return fromInternal(r), nil
}

// Assignment is a maximum-benefit assignment with a dual certificate:
// RowDual[i] + ColDual[j] ≥ benefit(i, j) for every allowed cell, with
// equality on assigned cells, and Σ RowDual + Σ ColDual = Total.
type Assignment struct {
	// RowCol is the column assigned to each row, or −1.
	RowCol []int
	// ColRow is the row assigned to each column, or −1.
	ColRow []int
	// Total is the sum of the benefits of the assigned cells.
	Total float64
	// RowDual and ColDual are the dual potentials. When rows < cols the
	// column duals are ≥ 0 and 0 on unassigned columns (symmetrically when
	// rows > cols).
	RowDual, ColDual []float64
}

// Assign returns a maximum-benefit assignment of the rectangular matrix
// benefit: when it has no more rows than columns every row receives a
// distinct column, otherwise every column receives a distinct row. A cell of
// math.Inf(−1) is forbidden. When no full assignment avoids the forbidden
// cells the error wraps ErrInfeasible and says which row or column cannot be
// served; a NaN, +Inf or too large benefit (magnitude above 1e15), or a
// matrix with more than 10,000,000 rows or columns or more than 2^27 cells
// (checked before the matrix is copied), gives an error wrapping
// ErrInvalidWeight. Assign stops and returns ctx.Err() when ctx is
// cancelled.
//
// Assign uses shortest augmenting paths (Jonker–Volgenant, as refined by
// Crouse) in O(r²c) time and O(rc) memory for r ≤ c (symmetrically
// otherwise).
func Assign(ctx context.Context, benefit mat.Matrix) (Assignment, error) {
	if benefit == nil {
		return Assignment{}, fmt.Errorf("%w: nil matrix", ErrInvalidWeight)
	}
	r, c := benefit.Dims()
	if err := assign.CheckSize(r, c); err != nil {
		return Assignment{}, fmt.Errorf("%w: %w", ErrInvalidWeight, err)
	}
	data := make([]float64, r*c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			data[i*c+j] = benefit.At(i, j)
		}
	}
	return assignFlat(ctx, r, c, data)
}

func assignFlat(ctx context.Context, r, c int, data []float64) (Assignment, error) {
	res, err := assign.Solve(ctx, r, c, data)
	switch {
	case err == nil:
	case errors.Is(err, assign.ErrInfeasible):
		return Assignment{}, fmt.Errorf("%w: %w", ErrInfeasible, err)
	case errors.Is(err, assign.ErrInvalidBenefit), errors.Is(err, assign.ErrSize):
		return Assignment{}, fmt.Errorf("%w: %w", ErrInvalidWeight, err)
	default:
		return Assignment{}, err
	}
	return Assignment{RowCol: res.RowCol, ColRow: res.ColRow, Total: res.Total, RowDual: res.RowDual, ColDual: res.ColDual}, nil
}
