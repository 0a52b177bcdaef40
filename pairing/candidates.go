package pairing

import (
	"context"
	"sync"

	"github.com/peermatch/peermatch/internal/pairengine"
)

// candidates holds for every active person the best partners found, best
// first (cand, for the candidate graph), the next best (more, a reserve
// that pricing checks from the stored scores), and theta, an upper bound
// on the quantised score of every eligible pair {i, j} with j in neither
// cand[i] nor more[i]. complete[i] reports that the search found fewer
// partners than it looked for, so cand[i] and more[i] hold every eligible
// partner of i.
type candidates struct {
	cand      [][]int32
	score     [][]int64
	more      [][]int32
	moreScore [][]int64
	theta     []int64
	complete  []bool
	settled   []bool // see problem.settled
}

// settled returns, for every person, whether pricing never scans their
// row: they are nobody's eligible partner (barrenSet), or their lists are
// complete, so that every eligible pair with them is in the candidate
// graph or the reserve. Computed once per candidate set, O(n).
func (p *problem) settled(c *candidates) []bool {
	if c.settled != nil {
		return c.settled
	}
	s := make([]bool, p.n)
	barren := p.barrenSet()
	for i := range s {
		s[i] = c.complete[i] || barren != nil && barren[i]
	}
	c.settled = s
	return s
}

// scanTopK is topK by scoring i against everyone with rs (exact scores
// only where the bound of rs exceeds the current k-th best); rejections by
// rules other than the grade gap are counted in rej. A barren i (see
// barrenSet) is not scanned: rejectBarren counts the same rejections.
// Plain Harmonic rows on packed columns check the rules lazily (see
// harmonicTopK).
func scanTopK(p *problem, rs *rowScorer, i, k int, rej *[numRules]int64) ([]int32, []int64, int64) {
	if p.barren != nil && p.barren[i] {
		p.rejectBarren(i, rej, nil) // no eligible pair: no scan
		return nil, nil, 0
	}
	rs.prepare(i)
	if rs.Packed() && p.plain && p.set.Mutual == Harmonic {
		return rs.harmonicTopK(k, rej)
	}
	return pairengine.TopK(k, func(limit func() int64, visit func(j int, q int64)) {
		rs.Each(limit, func(j int) {
			if rs.Out(j) {
				return
			}
			v := rs.Score(j)
			if v < limit() {
				return // an equal score may still win on the index
			}
			if r := p.eligibleQ(i, j, v); r != RuleNone {
				rej[r]++
				return
			}
			visit(j, v)
		})
	})
}

// buildCandidates computes top-k candidate lists for every active person,
// and a reserve of the next extra best partners, in parallel. With an
// index it uses threshold searches: with L lists per person and V people
// visited per search it takes O(n·V·(log L + w)) time; V is far below n
// when haves and wants are sparse and the top scores stand out, and n in
// the worst case. With ix == nil it streams every row with the rowScorer:
// O(n²·w̄/4) word operations with sequential memory access, plus O(w) for
// each pair whose bound beats the current (k+extra)-th best; with plain
// Harmonic scores a row first scores a sample of about 2(k+extra) people,
// O(n/4 + (k+extra)·(w + log(k+extra))), so that the current (k+extra)-th
// best starts near its final value.
func (p *problem) buildCandidates(ctx context.Context, ix *pairengine.Index, k, extra int) (*candidates, error) {
	c := &candidates{cand: make([][]int32, p.n), score: make([][]int64, p.n), theta: make([]int64, p.n),
		more: make([][]int32, p.n), moreScore: make([][]int64, p.n), complete: make([]bool, p.n)}
	workers := pairengine.Workers(p.n)
	if ix == nil {
		p.Columns() // built once, before the workers share them
		p.Columns4()
		if p.barrenSet() != nil && p.barrenRej == nil {
			p.barrenRej = make([]*[numRules]int64, p.n)
		}
	}
	// A search that finds fewer than k+extra partners has met every
	// eligible one: row scans visit everyone within the grade gap, the
	// threshold search everyone who shares a skill either way, which
	// holds every eligible partner when a pair needs an exchange and the
	// score is the plain mutual score.
	exhaustive := ix == nil || (p.plain && !p.set.AllowNoExchange)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var next int
	const chunk = 64
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var s *pairengine.Searcher
			var rs *rowScorer
			if ix != nil {
				s = p.newSearcher(ix)
			} else {
				rs = newRowScorer(p)
			}
			var rej [numRules]int64
			for {
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= p.n {
					break
				}
				for i := lo; i < min(lo+chunk, p.n); i++ {
					var js []int32
					var qs []int64
					switch {
					case !p.active[i]:
						continue
					case s == nil && p.barren != nil && p.barren[i]:
						// no eligible pair, no scan: the rule counts are
						// left to a goroutine (below)
						c.complete[i] = exhaustive
						continue
					case s != nil:
						js, qs, c.theta[i] = s.TopK(i, k+extra)
					default:
						js, qs, c.theta[i] = scanTopK(p, rs, i, k+extra, &rej)
					}
					c.complete[i] = len(js) < k+extra && exhaustive
					h := min(k, len(js))
					c.cand[i], c.score[i] = js[:h:h], qs[:h:h]
					if len(js) > h {
						c.more[i], c.moreScore[i] = js[h:], qs[h:]
					}
				}
			}
			if s != nil {
				copy(rej[:], s.Rej)
			}
			mu.Lock()
			for r := range rej {
				p.rejected[r] += rej[r]
			}
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if ix == nil && p.barren != nil {
		p.countBarren(ctx)
	}
	return c, nil
}

// countBarren counts the rejections of the barren rows (rejectBarren) on
// one goroutine while the caller goes on: the solves that follow the
// candidate search run on one core, and these counts are read only by the
// metrics and the reasons, which call joinBarren first. O(b·n) time for b
// barren people.
func (p *problem) countBarren(ctx context.Context) {
	p.joinBarren()
	var rej [numRules]int64
	done := make(chan struct{})
	var count []int32 // active people per rule class, when classes are few
	if p.classes().few() {
		count = p.activeCounts()
	}
	go func() {
		defer close(done)
		for i, b := range p.barren {
			if i%64 == 0 && ctx.Err() != nil {
				return
			}
			if b && p.active[i] {
				p.rejectBarren(i, &rej, count)
			}
		}
	}()
	p.barrenWait = func() {
		<-done
		for r := range rej {
			p.rejected[r] += rej[r]
		}
	}
}
