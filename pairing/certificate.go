package pairing

import (
	"math/bits"

	"github.com/peermatch/peermatch/internal/matching"
)

// certificate answers slack queries on a matching's dual certificate in
// O(log d) time for blossoms nested d deep (matching.Result.Slack walks the
// chains, O(d)): the blossom forest gets depths, binary-lifting ancestor
// tables and, for every blossom, the sum of its dual and its ancestors'.
// Building it takes O(b log d) time and memory for b blossoms.
type certificate struct {
	res   *matching.Result
	depth []int32
	up    [][]int32 // up[k][b]: the 2^k-th ancestor of b, or −1
	cum   []float64 // z_b + z_parent + … + z_top
}

func newCertificate(res *matching.Result) *certificate {
	bl := res.Blossoms
	nb := len(bl)
	c := &certificate{res: res, depth: make([]int32, nb), cum: make([]float64, nb)}
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
func (c *certificate) shared(u, v int) float64 {
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

// slack is res.Slack(u, v, w).
func (c *certificate) slack(u, v int, w float64) float64 {
	return c.res.VertexDual[u] + c.res.VertexDual[v] - w + c.shared(u, v)
}
