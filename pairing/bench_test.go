package pairing

import (
	"context"
	"fmt"
	"testing"
)

func benchmarkPairs(b *testing.B, n, k int, s Strategy) {
	r := syn(n, k, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Pairs(context.Background(), r, Options{Strategy: s})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(res.Metrics.Pairs), "pairs")
			b.Logf("%v", res.Notes)
		}
	}
}

// BenchmarkOptimal times Optimal on synthetic rosters of n people and 200
// skills: go test -run - -bench 'Optimal/' -benchtime 1x ./pairing
func BenchmarkOptimal(b *testing.B) {
	for _, n := range []int{1000, 3000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchmarkPairs(b, n, 200, Optimal) })
	}
}

// BenchmarkStrategies times every strategy on 1,000 people × 200 skills.
func BenchmarkStrategies(b *testing.B) {
	for _, s := range Strategies {
		b.Run(s.Name(), func(b *testing.B) { benchmarkPairs(b, 1000, 200, s) })
	}
}

// BenchmarkLarge100k is Optimal on 100,000 people × 200 skills (target:
// 2 minutes and 8 GiB; PEERMATCH_TRACE=100000 with TestTrace logs the
// phases): go test -run - -bench Large100k -benchtime 1x -timeout 1h ./pairing
func BenchmarkLarge100k(b *testing.B) { benchmarkPairs(b, 100000, 200, Optimal) }
