package pairing

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// TestTrace logs the phases of one Optimal solve of PEERMATCH_TRACE synthetic
// people × 200 skills (skipped when unset):
// PEERMATCH_TRACE=30000 go test -run TestTrace -v ./pairing
// (PEERMATCH_TRACE_K sets CandidateK, PEERMATCH_TRACE_RESERVE the reserve
// per candidate, PMLOW the low-side partners;
// PEERMATCH_TRACE_COLD=1 solves every round from scratch,
// PEERMATCH_TRACE_WARM=1 every round after the first from the last
// certificate, and
// PEERMATCH_TRACE_LOWSCORE=1 ranks low-side partners by score alone, to
// measure what warm starts and the reduced-score ranking buy).
func TestTrace(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PEERMATCH_TRACE"))
	if n == 0 {
		t.Skip()
	}
	start := time.Now()
	tune := tuning{
		trace:      func(f string, a ...any) { t.Logf("%8.2fs "+f, append([]any{time.Since(start).Seconds()}, a...)...) },
		coldRounds: os.Getenv("PEERMATCH_TRACE_COLD") != "",
		warmRounds: os.Getenv("PEERMATCH_TRACE_WARM") != "",
		lowByScore: os.Getenv("PEERMATCH_TRACE_LOWSCORE") != "",
	}
	if v, err := strconv.Atoi(os.Getenv("PMLOW")); err == nil {
		tune.lowSideK = v
		if v == 0 {
			tune.lowSideK = -1
		}
	}
	if v, err := strconv.Atoi(os.Getenv("PEERMATCH_TRACE_RESERVE")); err == nil && v > 0 {
		tune.reserveMul = v
	}
	r := syn(n, 200, 1)
	start = time.Now()
	k, _ := strconv.Atoi(os.Getenv("PEERMATCH_TRACE_K"))
	res, err := pairsTuned(context.Background(), r, Options{Strategy: Optimal, Scale: Scale{CandidateK: k}}, tune)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("total %v pairs %d notes %v", time.Since(start), res.Metrics.Pairs, res.Notes)
}

// BenchmarkCandidates times the candidate search of Optimal alone (with
// the problem's setup): go test -run - -bench Candidates ./pairing, or
// -bench Candidates/n=100000 -benchtime 1x for the largest.
func BenchmarkCandidates(b *testing.B) {
	for _, n := range []int{10000, 30000, 100000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := syn(n, 200, 1)
			for i := 0; i < b.N; i++ {
				p, err := newProblem(r, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := p.buildCandidates(context.Background(), p.searchIndex(), p.set.k, p.tune.reserve(p.set.k)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
