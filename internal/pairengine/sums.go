package pairengine

import "context"

// PriceSums prices a certificate that gives every person one value s[i]
// and no blossom a pair must share: the pair {i, j} of quantised score q
// outside the graph (has) violates it when its slack s_i + s_j − 2q is
// negative (the capacity solve's model, whose copies of a person share
// s = σ − L/2 and whose pair edges weigh 2q). It returns such eligible
// pairs, at most spec.K per person, most violated first (see Quota).
// Absent people (absent[i]: no vertex in the model) are neither priced
// nor met. The reserve pairs are checked from their stored scores. A pair
// outside both people's lists has q ≤ min(θ_i, θ_j), so it can violate
// only if s_i < θ_i or s_j < θ_j; each such person i, unless spec.Skip
// marks them, scans the people within the grade window with
// s_j < 2θ_i − s_i on a Row, scoring where its bound passes.
// O(R + Σ_i n·w_i/4 + T·w) for R reserve pairs and T pairs scored, in
// parallel; deterministic.
func PriceSums(ctx context.Context, s []float64, absent []bool, has func(i, j int) bool, spec RoundSpec, judge RoundJudge) ([]Edge, error) {
	act := spec.Act
	ps := &sumPricer{s: s, absent: absent, has: has, spec: spec, judge: judge, th: make([]float64, spec.Scores.N)}
	for _, i := range act {
		ps.th[i] = float64(spec.Theta[i])
	}
	workers := Workers(len(act))
	found := make([][]Violation, workers)
	spec.Scores.Columns() // built once, before the workers share them
	spec.Scores.Columns4()
	err := Rows(ctx, workers, 0, len(act), func(w int) func(x int) {
		row := &sumRow{ps: ps, found: &found[w]}
		return func(x int) { row.person(act[x]) }
	})
	if err != nil {
		return nil, err
	}
	kept, _ := Quota(found, spec.K, nil)
	return kept, nil
}

// sumPricer is one pass of PriceSums.
type sumPricer struct {
	s, th  []float64 // s and θ (as floats) by person
	absent []bool
	has    func(i, j int) bool
	spec   RoundSpec
	judge  RoundJudge
}

// sumRow prices the rows of one worker of PriceSums.
type sumRow struct {
	ps    *sumPricer
	found *[]Violation
	rj    RowJudge
}

// person prices i's reserve and, when a pair outside i's lists may
// violate, i's row.
func (r *sumRow) person(i int) {
	ps := r.ps
	if ps.absent[i] {
		return
	}
	js, qs := ps.judge.Reserve(i)
	for y, j := range js {
		r.consider(i, int(j), qs[y])
	}
	if ps.spec.Skip[i] || ps.s[i] >= ps.th[i] {
		return
	}
	r.scan(i)
}

// scan checks the pairs of i within its grade window whose s_j stays
// below 2θ_i − s_i and whose row bound passes s_i + s_j.
func (r *sumRow) scan(i int) {
	ps, s := r.ps, r.ps.s
	if r.rj == nil {
		r.rj = ps.judge.NewRow()
	}
	row := r.rj.Start(i)
	lim := 2*ps.th[i] - s[i]
	lo, hi := row.Span()
	order := ps.spec.Scores.SOrder
	for t := lo; t < hi; t++ {
		j := int(order[t])
		if s[j] >= lim || r.rj.Out(j) || ps.spec.Skip[j] || ps.absent[j] {
			continue
		}
		if 2*float64(row.Bound(j)) <= s[i]+s[j] {
			continue
		}
		r.consider(i, j, r.rj.Score(j))
	}
}

// consider records {i, j} of score q when it violates the certificate,
// is outside the graph and is eligible.
func (r *sumRow) consider(i, j int, q int64) {
	ps := r.ps
	if ps.absent[j] {
		return
	}
	sl := ps.s[i] + ps.s[j] - 2*float64(q)
	if sl >= 0 {
		return
	}
	if ps.has(i, j) {
		return
	}
	if !ps.judge.Eligible(i, j, q) {
		return
	}
	*r.found = append(*r.found, Violation{E: Edge{U: min(i, j), V: max(i, j), Q: q}, Slack: sl})
}
