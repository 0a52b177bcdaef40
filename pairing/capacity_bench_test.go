package pairing

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkCapacity times Optimal under capacities on synthetic rosters of
// n people and 200 skills with 20% of people at capacity 2–3 (above
// DenseLimit: the small-premium solve of a priced candidate graph):
// go test -run - -bench 'Capacity/' -benchtime 1x ./pairing
func BenchmarkCapacity(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := capSynthetic(n, 200, 1, 0.2)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := Pairs(context.Background(), r, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.ReportMetric(float64(res.Metrics.Links), "links")
					b.ReportMetric(float64(res.Metrics.Matched), "matched")
					b.Logf("%v", res.Notes)
				}
			}
		})
	}
}
