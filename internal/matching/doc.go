// Package matching computes maximum-weight matchings on general
// (non-bipartite) graphs with Edmonds' blossom algorithm, and returns with
// each matching the optimal dual solution as a certificate of optimality.
//
// It is internal to peermatch: library users call pairing.Match and
// pairing.MatchEdges, which wrap it.
package matching
