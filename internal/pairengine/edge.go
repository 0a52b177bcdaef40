package pairengine

// Edge is an eligible pair {U, V} (U < V, canonical person indices) with
// its quantised score Q.
type Edge struct {
	U, V int
	Q    int64
}

// ByPair orders edges by U, then V (a total order on distinct pairs, for
// slices.SortFunc). O(1).
func ByPair(a, b Edge) int {
	if a.U != b.U {
		return a.U - b.U
	}
	return a.V - b.V
}

// PairKey is the key of the unordered pair {i, j} in edge sets: equal for
// {i, j} and {j, i}, distinct for distinct pairs of non-negative int32
// indices. O(1).
func PairKey(i, j int) uint64 {
	if i > j {
		i, j = j, i
	}
	return uint64(i)<<32 | uint64(j)
}
