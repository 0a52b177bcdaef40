package pairing

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/peermatch/peermatch/skills"
)

// fewSkills is the few-skill, tie-heavy roster of the command line's
// default synthetic survey: n people, 12 skills, 10% at capacity 2.
func fewSkills(n int) *skills.Roster {
	return skills.Synthetic(n, 12, 1, skills.SyntheticOptions{})
}

// TestCapacityFewSkillsTrace logs the phases of Optimal under capacities
// on fewSkills(PEERMATCH_CAP_FEW):
// PEERMATCH_CAP_FEW=10000 go test -run CapacityFewSkillsTrace -v ./pairing
func TestCapacityFewSkillsTrace(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PEERMATCH_CAP_FEW"))
	if n == 0 {
		t.Skip("set PEERMATCH_CAP_FEW to a roster size")
	}
	r := fewSkills(n)
	start := time.Now()
	tune := tuning{trace: func(f string, a ...any) { t.Logf("%8.2fs "+f, append([]any{time.Since(start).Seconds()}, a...)...) }}
	res, err := pairsTuned(context.Background(), r, Options{}, tune)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%.2fs: %d links, %d matched, total %.5f; %v", time.Since(start).Seconds(), res.Metrics.Links, res.Metrics.Matched, res.Metrics.Total, res.Notes)
}

// BenchmarkCapacityFewSkills times Optimal under capacities on the
// few-skill synthetic rosters (12 skills, 10% at capacity 2):
// go test -run - -bench CapacityFewSkills -benchtime 1x ./pairing
func BenchmarkCapacityFewSkills(b *testing.B) {
	for _, n := range []int{2000, 4000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := fewSkills(n)
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
