package matching

// Edge is an undirected edge {U, V} of weight W between vertices 0..n-1.
type Edge struct {
	// U and V are the end vertices, distinct and in [0, n).
	U, V int
	// W is the weight: finite with magnitude at most MaxWeight, or
	// math.Inf(-1) for an edge that may not be used.
	W float64
}

// Options configures a solve. The zero value asks for a maximum-weight
// matching of any size.
type Options struct {
	// MaxCardinality asks for the heaviest among the matchings of largest
	// size.
	MaxCardinality bool
	// Start, when not nil, warm-starts the solve (see Start). A Start
	// combined with MaxCardinality, or one that is not feasible for the
	// graph (sizes, a negative dual, an uncovered edge, a pair that is not
	// a tight edge), makes the solve return an error wrapping
	// ErrInvalidInput; checking it takes O(n + m) time.
	Start *Start
}

// Blossom is one blossom of the optimal dual solution: an odd set of
// vertices with a non-negative dual variable.
type Blossom struct {
	// Parent is the index in Result.Blossoms of the smallest blossom that
	// strictly contains this one, or -1 for a top-level blossom.
	Parent int
	// Dual is the blossom's dual variable z_B ≥ 0.
	Dual float64
	// Size is the number of vertices in the blossom (odd, ≥ 3).
	Size int
}

// Result is a matching with its certificate.
//
// The certificate is a feasible solution of the dual of the matching linear
// program: for every edge {u, v} of weight w,
//
//	VertexDual[u] + VertexDual[v] + Σ{ Blossoms[b].Dual : b contains u and v } ≥ w,
//
// Blossom duals are > 0, every matched edge has zero slack, every blossom
// with a positive dual contains (Size−1)/2 matched edges, every VertexDual is
// ≥ SingleDual and every unmatched vertex has VertexDual = SingleDual.
//
// Without MaxCardinality, SingleDual = 0: the duals are feasible for the
// matching LP and DualObjective = Σ VertexDual + Σ Dual·(Size−1)/2 equals
// Total, which proves the matching has maximum weight (exactly, for integer
// weights).
//
// With MaxCardinality, SingleDual = δ may be negative. Shifting every vertex
// dual by −δ gives a feasible certificate with all unmatched vertices at
// zero for the weights w − 2δ: the matching M maximises w(M') − 2δ·|M'|
// over all matchings M'. Hence among the matchings of the same size as M it
// has maximum weight; that M has maximum size is guaranteed by the
// algorithm (and checked by Verify with an independent cardinality bound
// when possible), not by these duals. DualObjective is then
// Σ VertexDual − (n − 2|M|)·δ + Σ Dual·(Size−1)/2 = Total.
type Result struct {
	// Mate[v] is the vertex matched to v, or -1 when v is unmatched.
	Mate []int
	// Total is the sum of the weights of the matched edges.
	Total float64
	// VertexDual is the dual variable y_v of each vertex.
	VertexDual []float64
	// Blossoms lists the blossoms with a positive dual.
	Blossoms []Blossom
	// Leaf[v] is the index in Blossoms of the smallest blossom with a
	// positive dual that contains v, or -1.
	Leaf []int
	// DualObjective is the value of the dual solution,
	// Σ VertexDual − (n − 2·|M|)·SingleDual + Σ Dual·(Size−1)/2, which
	// equals Total at optimality.
	DualObjective float64
	// SingleDual is δ, the common dual of the unmatched vertices: 0 without
	// MaxCardinality; with MaxCardinality, the minimum of VertexDual (it
	// may be negative). Every VertexDual is ≥ SingleDual and every
	// unmatched vertex has VertexDual = SingleDual.
	SingleDual float64
}
