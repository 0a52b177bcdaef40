package matching

// Edge is an undirected edge {U, V} of weight W between vertices 0..n-1.
type Edge struct {
	U, V int
	W    float64
}

// Options configures a solve. The zero value asks for a maximum-weight
// matching of any size.
type Options struct {
	// MaxCardinality asks for the heaviest among the matchings of largest
	// size.
	MaxCardinality bool
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
// Blossom duals are ≥ 0, and DualObjective = Σ VertexDual + Σ Dual·(Size−1)/2
// equals Total at optimality (exactly, for integer weights). Without
// MaxCardinality every VertexDual is ≥ 0. With MaxCardinality, see the doc
// of the solving functions for how the certificate reads.
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
	// DualObjective is the value of the dual solution.
	DualObjective float64
}
