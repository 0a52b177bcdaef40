package matching

import "math"

// Balance moves the duals of r, a result for edges on n vertices without
// MaxCardinality, to another optimal certificate of the same matching:
// for every matched pair {u, v} with neither end in a blossom, y_u is set
// to the middle of the range [lo_u, w_uv − lo_v] that keeps every other
// edge at u and v covered (lo_u = max(0, max w_ux − y_x over the other
// edges {u, x})), rounded down to an integer when that stays in range,
// and y_v to w_uv − y_u; sweeps passes are made over the pairs. Matched
// edges stay tight, every edge stays covered and DualObjective is
// unchanged. The solver's duals are extreme points — one end of a pair
// often holds almost all of its weight — and a column-generation caller
// that prices edges outside the graph against centred duals finds only
// the edges that the graph cannot cover by any re-split of its pairs.
// With integer weights the duals stay exact. O(sweeps·(n + m)) time.
func Balance(r *Result, n int, edges []Edge, sweeps int) {
	start := make([]int32, n+1)
	for _, e := range edges {
		if keepWeight(e.W, false) {
			start[e.U+1]++
			start[e.V+1]++
		}
	}
	for v := 0; v < n; v++ {
		start[v+1] += start[v]
	}
	to := make([]int32, start[n])
	w := make([]float64, start[n])
	fill := append([]int32(nil), start[:n]...)
	for _, e := range edges {
		if keepWeight(e.W, false) {
			to[fill[e.U]], w[fill[e.U]] = int32(e.V), e.W
			fill[e.U]++
			to[fill[e.V]], w[fill[e.V]] = int32(e.U), e.W
			fill[e.V]++
		}
	}
	y := r.VertexDual
	// lo returns the least dual of u that covers its edges other than
	// those to its mate m, and the heaviest edge to m.
	lo := func(u, m int) (float64, float64) {
		l, wm := 0.0, math.Inf(-1)
		for x := start[u]; x < start[u+1]; x++ {
			if int(to[x]) == m {
				wm = max(wm, w[x])
				continue
			}
			l = max(l, w[x]-y[to[x]])
		}
		return l, wm
	}
	for range sweeps {
		for u := 0; u < n; u++ {
			v := r.Mate[u]
			if v < u || r.Leaf[u] >= 0 || r.Leaf[v] >= 0 {
				continue
			}
			lu, wuv := lo(u, v)
			lv, _ := lo(v, u)
			if y[u]+y[v] != wuv {
				continue // not the tight edge (rounding): leave the pair
			}
			// also cover the parallel edges to the mate
			hi := wuv - lv
			if lu > hi {
				continue
			}
			mid := lu + (hi-lu)/2
			if f := math.Floor(mid); f >= lu {
				mid = f
			}
			if mid+(wuv-mid) == wuv && wuv-mid >= lv {
				y[u], y[v] = mid, wuv-mid
			}
		}
	}
}
