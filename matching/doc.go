// Package matching computes maximum-weight matchings on general
// (non-bipartite) graphs with Edmonds' blossom algorithm, and returns with
// each matching the optimal dual solution as a certificate of optimality.
//
// It is the exact solver behind pairing's Optimal and MaxMin strategies
// and is meant for any weighted graph: pairing people, players or
// machines, or as the matching step of a larger algorithm. Every Result
// carries its proof: the duals of the matching linear program, which
// Verify checks independently of the solver and Result.Slack uses to price
// edges left out of the graph.
//
// # Entry points
//
// Sparse solves an edge list (parallel edges allowed, the heaviest
// counts), Dense a complete graph given by a row-major symmetric weight
// matrix, and Symmetric a complete graph given by a gonum mat.Symmetric.
// All return a Result with the matching (Mate, Total) and its certificate
// (VertexDual, Blossoms, Leaf, SingleDual, DualObjective); Verify checks a
// Result independently, and Result.Slack prices an edge against the
// certificate (negative slack: the edge could improve the matching).
// Options.MaxCardinality asks for the heaviest among the largest matchings
// instead of the heaviest of any size. ReadInstance and WriteInstance
// handle the benchmark text format ("n m", then "u v w").
//
// # Limits
//
// Dense, Sparse and ReadInstance accept at most MaxVertices (10,000,000)
// vertices and MaxEdges (100,000,000) usable edges (ReadInstance: edge
// lines), and finite weights of magnitude at most MaxWeight (1e15); -Inf
// marks a forbidden edge. Symmetric accepts at most 14,142 vertices, whose
// pairs fit in MaxEdges, because it copies the whole matrix. Sizes are checked before anything is allocated
// (the solver keeps about 250 bytes per vertex and 70 per edge), and the
// weight bound keeps every doubled weight, dual and total finite, so that
// no input makes the solver overflow, loop or return an infinite bound.
// Violations are errors wrapping ErrInvalidInput or ErrInvalidWeight that
// name the limit, the value and the edge (or, for ReadInstance, the line).
//
// # Algorithm
//
// The solver is the primal-dual blossom algorithm with the structure of
// Galil (1986) as implemented in Joris van Rantwijk's mwmatching.py (the
// code behind NetworkX), reworked for speed:
//
//   - a jump start sets each vertex dual to half its heaviest incident
//     weight, lowers the duals of free vertices as far as feasibility allows
//     and greedily matches along the edges that become tight;
//   - the alternating forest persists across augmentations: only the two
//     trees joined by an augmenting path are dissolved, and the bookkeeping
//     that refers to them is repaired or, lazily, recomputed when its queued
//     event fires;
//   - dual changes are implicit: labeled vertices and blossoms store their
//     duals relative to a global offset, and a heap of events (a vertex dual
//     reaching zero, an edge becoming tight, a T-blossom dual reaching zero)
//     gives each dual step in O(log n) instead of O(n);
//   - since free vertices start with different duals, a vertex whose dual
//     reaches zero becomes the free vertex of its tree (the path to the
//     root is flipped) and leaves the forest.
//   - a least-slack entry whose edge went stale is kept as a lower bound
//     (an unlabeled vertex) or replaced from a heap of candidates (an
//     S-blossom) instead of rescanning edges; a new blossom adopts the
//     number of its largest S-blossom child and the largest candidate heap
//     of its children, so that growing a large blossom does not revisit
//     its vertices or its candidates;
//   - the adjacency is stored in CSR form with each neighbour and weight
//     inline, so that edge scans read memory sequentially.
//
// Weights are doubled internally, so with integer weights every dual is a
// multiple of 1/4 and all arithmetic is exact.
//
// # Warm starts
//
// Options.Start replaces the jump start with a given feasible dual
// solution and a matching on tight edges (free vertices' duals are then
// lowered as in the jump start). NewStart builds one from the result of a
// previous solve on fewer edges — column generation, as pairing's pricing
// rounds do — by dissolving blossoms into the vertex duals and raising one
// end of each edge left uncovered, so that only the region around the new
// edges is solved again. A start far from the optimum (many new edges) can
// be slower than a cold solve.
//
// # Certificate
//
// Without Options.MaxCardinality the duals are a feasible solution of the
// dual of the matching linear program (every vertex dual ≥ 0, every blossom
// dual > 0, every edge slack ≥ 0) that satisfies complementary slackness
// with the matching (matched edges tight, unmatched vertices at dual 0,
// positive blossoms full), so DualObjective = Total proves optimality.
//
// With Options.MaxCardinality (the heaviest among the matchings of largest
// size, computed natively as in mwmatching.py with the "vertex dual reaches
// zero" stop disabled and no jump start) vertex duals may be negative. All
// unmatched vertices share the smallest vertex dual δ = Result.SingleDual.
// Then y'_v = y_v − δ ≥ 0 with the same blossom duals is a certificate of
// the first kind for the weights w − 2δ, so the matching M maximises
// w(M') − 2δ·|M'| over all matchings M'; in particular no matching of the
// same size is heavier. That M has maximum size is not implied by the duals
// (when δ < 0 a larger matching would score lower); Verify checks it
// separately with an augmenting-path search.
package matching
