package cohort

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/peermatch/peermatch/skills"
)

// BenchmarkForm measures Form with the default options on synthetic
// rosters of 12 skills.
func BenchmarkForm(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		r := skills.Synthetic(n, 12, 1, skills.SyntheticOptions{})
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			var res *Result
			for b.Loop() {
				var err error
				res, err = Form(context.Background(), r, Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(res.Metrics.Objective, "objective")
			b.ReportMetric(float64(res.Metrics.Iterations), "iterations")
		})
	}
}

// BenchmarkQuality compares Form with default options against the best of
// 20 long runs (one restart of 5× the default iterations each, seeds
// 1..20) on synthetic rosters, and reports the ratio of the objectives
// (percent) as "pct_of_best", and the same ratio for the snake-draft start
// alone as "snake_pct_of_best". Run it with -benchtime 1x; it takes a while.
func BenchmarkQuality(b *testing.B) {
	for _, c := range []struct {
		n   int
		opt Options
	}{{100, Options{}}, {200, Options{MinSize: 4, MaxSize: 6, MaxPerDepartment: 2, NoIsolatedTags: []string{"language"}}}, {200, PeerMentoringTeam()}} {
		r := skills.Synthetic(c.n, 12, 7, skills.SyntheticOptions{})
		b.Run(fmt.Sprintf("n=%d/min=%d/max=%d", c.n, c.opt.MinSize, c.opt.MaxSize), func(b *testing.B) {
			var got float64
			for b.Loop() {
				res, err := Form(context.Background(), r, c.opt)
				if err != nil {
					b.Fatal(err)
				}
				got = res.Metrics.Objective
			}
			b.StopTimer()
			best := math.Inf(-1)
			for seed := uint64(1); seed <= 20; seed++ {
				o := c.opt
				o.Seed, o.Restarts = seed, 1
				o.Iterations = 5 * (DefaultIterationsPerPerson*c.n + DefaultIterationsBase*min(c.n, 100)/100)
				o.Restarts = 1
				res, err := Form(context.Background(), r, o)
				if err != nil {
					b.Fatal(err)
				}
				best = max(best, res.Metrics.Objective)
			}
			// The snake draft alone (one iteration), as a baseline.
			o := c.opt
			o.Iterations, o.Restarts = 1, 1
			snake, err := Form(context.Background(), r, o)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(got, "objective")
			b.ReportMetric(best, "best_long")
			b.ReportMetric(100*got/best, "pct_of_best")
			b.ReportMetric(100*snake.Metrics.Objective/best, "snake_pct_of_best")
		})
	}
}

// BenchmarkFormPeerLearning measures the Peer Learning Group format (shared
// focus, grade band, people left unplaced) on synthetic rosters of 12 skills.
func BenchmarkFormPeerLearning(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		r := skills.Synthetic(n, 12, 1, skills.SyntheticOptions{})
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			var res *Result
			for b.Loop() {
				var err error
				res, err = Form(context.Background(), r, PeerLearningGroup())
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(res.Metrics.Objective, "objective")
			b.ReportMetric(float64(res.Metrics.Unplaced), "unplaced")
		})
	}
}
