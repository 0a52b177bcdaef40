package pairengine

import "slices"

// Visitor is how a search hands its pairs to TopK: run calls visit(j, q)
// for every partner j, of quantised score q, whose score may exceed
// limit(), re-reading limit() as it goes (it only rises).
type Visitor func(limit func() int64, visit func(j int, q int64))

// TopK keeps the k best of the partners that run visits (by quantised
// score, highest first, then by index, lowest first) and returns them
// best first with theta, the k-th best score when k were kept (0
// otherwise): every partner run skipped scores at most theta. limit()
// is −1 until k are kept, then the k-th best score: a partner with an
// equal score may still win on its index. O(V log k) for V visits.
func TopK(k int, run Visitor) (js []int32, qs []int64, theta int64) {
	type item struct {
		j int32
		q int64
	}
	worse := func(x, y item) bool { // x ranks below y
		if x.q != y.q {
			return x.q < y.q
		}
		return x.j > y.j
	}
	// grown by append: most rows of a roster in which few can pair find
	// nothing, and k items for each of 100,000 rows would be 160 MB
	var heap []item
	// min-heap by rank: heap[0] is the worst kept.
	up := func(x int) {
		for x > 0 {
			par := (x - 1) / 2
			if !worse(heap[x], heap[par]) {
				return
			}
			heap[x], heap[par] = heap[par], heap[x]
			x = par
		}
	}
	down := func(x int) {
		for {
			c := 2*x + 1
			if c >= len(heap) {
				return
			}
			if c+1 < len(heap) && worse(heap[c+1], heap[c]) {
				c++
			}
			if !worse(heap[c], heap[x]) {
				return
			}
			heap[c], heap[x] = heap[x], heap[c]
			x = c
		}
	}
	limit := func() int64 {
		if len(heap) < k {
			return -1
		}
		return heap[0].q
	}
	run(limit, func(j int, q int64) {
		it := item{int32(j), q}
		if len(heap) < k {
			heap = append(heap, it)
			up(len(heap) - 1)
		} else if worse(heap[0], it) {
			heap[0] = it
			down(0)
		}
	})
	if len(heap) == k {
		theta = heap[0].q
	}
	slices.SortFunc(heap, func(x, y item) int {
		if worse(x, y) {
			return 1
		}
		if worse(y, x) {
			return -1
		}
		return 0
	})
	js = make([]int32, len(heap))
	qs = make([]int64, len(heap))
	for x, it := range heap {
		js[x], qs[x] = it.j, it.q
	}
	return js, qs, theta
}
