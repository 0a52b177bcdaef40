package pairengine

import (
	"cmp"
	"slices"
	"sort"

	"github.com/peermatch/peermatch/matching"
)

// Duals is a certificate laid out for the row scans of a pricing round.
// With s_i = y_i − C/2, the slack of a pair {i, j} of score q in two
// different top-level blossoms is s_i + s_j − q; it can be negative only
// when q > s_i + s_j, and every pair of i scoring above θ_i (the score of
// i's worst candidate) is already in the graph or i's reserve, so that a
// row scan of i only needs the people j with s_j < θ_i − s_i: a prefix of
// the people sorted by s. Inside one top-level blossom the same holds with
// s' = s + z_top/2. Read-only once built: the workers of a round share it.
type Duals struct {
	Cert   *Certificate
	Top    []int     // top-level blossom of each person, or −1
	S, S2  []float64 // s = y − C/2, and s' = s plus half the top-level blossom dual
	Theta  []float64 // θ as floats, read per scanned pair
	Order  []int     // the people sorted by s (stable)
	Groups map[int][]int
	// At[i]: the position of i in Order; AtG[i]: in Groups[Top[i]]
	At, AtG []int
}

// NewDuals lays out the certificate res of a graph solved with premium C
// for the people act among n, whose candidate lists end at θ (theta,
// indexed by person): O(n + m log m + b log d) for m people and b
// blossoms nested d deep.
func NewDuals(res *matching.Result, act []int, n int, C float64, theta []int64) *Duals {
	d := &Duals{Cert: NewCertificate(res), Top: TopBlossoms(res, act, n),
		S: make([]float64, n), S2: make([]float64, n), Theta: make([]float64, n),
		Groups: make(map[int][]int), At: make([]int, n), AtG: make([]int, n)}
	for _, i := range act {
		d.S[i] = res.VertexDual[i] - C/2
		d.S2[i] = d.S[i]
		if d.Top[i] >= 0 {
			d.S2[i] += res.Blossoms[d.Top[i]].Dual / 2
		}
		d.Theta[i] = float64(theta[i])
	}
	d.Order = slices.Clone(act)
	slices.SortStableFunc(d.Order, func(a, b int) int { return cmp.Compare(d.S[a], d.S[b]) })
	for _, i := range act {
		if d.Top[i] >= 0 {
			d.Groups[d.Top[i]] = append(d.Groups[d.Top[i]], i)
		}
	}
	for _, g := range d.Groups {
		slices.SortStableFunc(g, func(x, y int) int { return cmp.Compare(d.S2[x], d.S2[y]) })
	}
	for x, i := range d.Order {
		d.At[i] = x
	}
	for _, g := range d.Groups {
		for x, i := range g {
			d.AtG[i] = x
		}
	}
	return d
}

// Prefix returns how many people of list (sorted by sv, S or S2) have a
// sum with i below θ_i: the people a row scan of i must meet.
// O(log len(list)).
func (d *Duals) Prefix(i int, list []int, sv []float64) int {
	return sort.Search(len(list), func(x int) bool { return sv[list[x]] >= d.Theta[i]-sv[i] })
}

// Slack returns the slack of the pair {i, j} of quantised score q outside
// the graph: s_i + s_j − q, exactly, unless both are in one top-level
// blossom, where the blossom duals count too (C: the premium the graph was
// solved with). O(1), or O(log d) inside a blossom nested d deep.
func (d *Duals) Slack(i, j int, q int64, C float64) float64 {
	// No blossom holds both unless they share the top one.
	if d.Top[i] >= 0 && d.Top[i] == d.Top[j] {
		return d.Cert.Slack(i, j, float64(q)+C)
	}
	return d.S[i] + d.S[j] - float64(q)
}
