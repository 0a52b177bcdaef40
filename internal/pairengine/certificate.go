package pairengine

import (
	"math/bits"

	"github.com/peermatch/peermatch/matching"
)

// Certificate answers slack queries on a matching's dual certificate in
// O(log d) time for blossoms nested d deep (matching.Result.Slack walks the
// chains, O(d)): the blossom forest gets depths, binary-lifting ancestor
// tables and, for every blossom, the sum of its dual and its ancestors'.
// Building it takes O(b log d) time and memory for b blossoms.
type Certificate struct {
	res   *matching.Result
	depth []int32
	up    [][]int32 // up[k][b]: the 2^k-th ancestor of b, or −1
	cum   []float64 // z_b + z_parent + … + z_top
}

// NewCertificate builds the slack queries of res: O(b log d) time and
// memory for b blossoms nested d deep; res is read, not kept.
func NewCertificate(res *matching.Result) *Certificate {
	bl := res.Blossoms
	nb := len(bl)
	c := &Certificate{res: res, depth: make([]int32, nb), cum: make([]float64, nb)}
	for b := range c.depth {
		c.depth[b] = -1
	}
	var stack []int
	maxD := int32(0)
	for b := range bl {
		for x := b; x >= 0 && c.depth[x] < 0; x = bl[x].Parent {
			stack = append(stack, x)
		}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if par := bl[x].Parent; par >= 0 {
				c.depth[x], c.cum[x] = c.depth[par]+1, c.cum[par]+bl[x].Dual
			} else {
				c.depth[x], c.cum[x] = 0, bl[x].Dual
			}
			maxD = max(maxD, c.depth[x])
		}
	}
	levels := bits.Len32(uint32(maxD)) + 1
	c.up = make([][]int32, levels)
	c.up[0] = make([]int32, nb)
	for b := range bl {
		c.up[0][b] = int32(bl[b].Parent)
	}
	for k := 1; k < levels; k++ {
		prev, cur := c.up[k-1], make([]int32, nb)
		for b := range cur {
			if m := prev[b]; m >= 0 {
				cur[b] = prev[m]
			} else {
				cur[b] = -1
			}
		}
		c.up[k] = cur
	}
	return c
}

// shared returns Σ z_B over the blossoms containing both u and v.
func (c *Certificate) shared(u, v int) float64 {
	a, b := int32(c.res.Leaf[u]), int32(c.res.Leaf[v])
	if a < 0 || b < 0 {
		return 0
	}
	if c.depth[a] < c.depth[b] {
		a, b = b, a
	}
	for k, d := 0, c.depth[a]-c.depth[b]; d > 0; k, d = k+1, d>>1 {
		if d&1 != 0 {
			a = c.up[k][a]
		}
	}
	if a != b {
		for k := len(c.up) - 1; k >= 0; k-- {
			if x, y := c.up[k][a], c.up[k][b]; x != y {
				a, b = x, y
			}
		}
		a, b = c.up[0][a], c.up[0][b]
		if a != b || a < 0 {
			return 0 // different trees
		}
	}
	return c.cum[a]
}

// Slack is res.Slack(u, v, w): y_u + y_v − w + Σ z_B over the blossoms
// containing both, in O(log d).
func (c *Certificate) Slack(u, v int, w float64) float64 {
	return c.res.VertexDual[u] + c.res.VertexDual[v] - w + c.shared(u, v)
}

// TopBlossoms returns, for every person of act, the index in res.Blossoms
// of the top-level blossom containing them, or −1 (n entries; those of
// people outside act are 0). O(n + b) time (the blossoms are listed parents
// first).
func TopBlossoms(res *matching.Result, act []int, n int) []int {
	tb := make([]int, len(res.Blossoms))
	for b, bl := range res.Blossoms {
		tb[b] = b
		if bl.Parent >= 0 {
			tb[b] = tb[bl.Parent]
		}
	}
	top := make([]int, n)
	for _, i := range act {
		top[i] = -1
		if b := res.Leaf[i]; b >= 0 {
			top[i] = tb[b]
		}
	}
	return top
}

// KeptBlossoms reports, for every person, whether they were in a
// top-level blossom of prev whose members form one top-level blossom of
// res too (stable): the pairs inside it are priced by the blossom scans
// of every round, and no pair of it lost the blossom duals. O(n + b).
func KeptBlossoms(prev, res *matching.Result, act []int, n int) []bool {
	pt, ct := TopBlossoms(prev, act, n), TopBlossoms(res, act, n)
	to := make(map[int]int)      // previous top → current top of its members (−2: split)
	size := make(map[[2]int]int) // members per previous top, per current top
	for _, i := range act {
		if pt[i] < 0 {
			continue
		}
		if c, ok := to[pt[i]]; !ok {
			to[pt[i]] = ct[i]
		} else if c != ct[i] {
			to[pt[i]] = -2
		}
		size[[2]int{0, pt[i]}]++
		if ct[i] >= 0 {
			size[[2]int{1, ct[i]}]++
		}
	}
	kept := make([]bool, n)
	for _, i := range act {
		if pt[i] >= 0 {
			c := to[pt[i]]
			kept[i] = c >= 0 && size[[2]int{0, pt[i]}] == size[[2]int{1, c}]
		}
	}
	return kept
}
