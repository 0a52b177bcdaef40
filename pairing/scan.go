package pairing

import (
	"github.com/peermatch/peermatch/skills"
)

// columns returns the have levels skill by skill: cols[s][j] is the have
// level of person j (canonical order) in skill s. O(n·k) time and bytes.
func (p *problem) columns() [][]uint8 {
	if p.hcol != nil {
		return p.hcol
	}
	cols := make([][]uint8, p.k)
	for s := range cols {
		cols[s] = make([]uint8, p.n)
	}
	for j := 0; j < p.n; j++ {
		for s, h := range p.have[j] {
			cols[s][j] = h
		}
	}
	p.hcol = cols
	return cols
}

// rowScorer computes the scores of one person against everyone, streaming
// over the skill columns of what that person needs and over the sparse
// needs of the others: O(n·(w_i + w̄)) time per row with sequential memory
// access, w̄ being the mean number of needed skills.
type rowScorer struct {
	p    *problem
	cols [][]uint8
	a, b []float64
	q    []int64
}

func newRowScorer(p *problem) *rowScorer {
	return &rowScorer{p: p, cols: p.columns(), a: make([]float64, p.n), b: make([]float64, p.n), q: make([]int64, p.n)}
}

// row fills and returns q: q[j] is the quantised score of {i, j} for every
// active j ≠ i within the grade gap, and −1 otherwise. Other rules are not
// checked.
func (rs *rowScorer) row(i int) []int64 {
	p := rs.p
	b, q := rs.b, rs.q
	clear(b)
	for x, s := range p.wantS[i] { // b[j] = MaxLevel·teach(j → i)
		u := p.wantU[i][x]
		for j, h := range rs.cols[s] {
			b[j] += u * float64(h)
		}
	}
	hi := p.have[i]
	gi, gap := p.grade[i], p.set.maxGap
	off, cs, cu, grade, active := p.csrOff, p.csrS, p.csrU, p.grade, p.active
	a := rs.a // a[j] = MaxLevel·teach(i → j), or −1 when j is out
	for j := 0; j < p.n; j++ {
		if j == i || !active[j] {
			a[j] = -1
			continue
		}
		if gap >= 0 {
			if d := grade[j] - gi; d > gap || -d > gap {
				a[j] = -1
				continue
			}
		}
		t := 0.0
		for x := off[j]; x < off[j+1]; x++ {
			if h := hi[cs[x]]; h != 0 {
				t += cu[x] * float64(h)
			}
		}
		a[j] = t
	}
	const L = skills.MaxLevel
	if p.plain && p.set.Mutual == Harmonic { // the common case, inlined
		for j, t := range a {
			switch {
			case t < 0:
				q[j] = -1
			case t == 0 || b[j] == 0:
				q[j] = 0
			default:
				x, y := t/L, b[j]/L
				q[j] = quantise(2 * x * y / (x + y))
			}
		}
		return q
	}
	for j, t := range a {
		if t < 0 {
			q[j] = -1
			continue
		}
		m := p.set.Mutual.combine(t/L, b[j]/L)
		switch {
		case m <= 0:
			q[j] = 0
		case p.plain:
			q[j] = quantise(m)
		default:
			q[j] = quantise(p.adjust(i, j, m))
		}
	}
	return q
}
