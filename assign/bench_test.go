package assign

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
)

// benchInstance is a dense rows×cols instance with a fixed seed: integer
// benefits 1–1000 or float benefits in [0,1), as shared/bench/gen_instance.py
// writes them.
func benchInstance(rows, cols int, integer bool) []float64 {
	rnd := rand.New(rand.NewPCG(2016, uint64(rows*cols)))
	b := make([]float64, rows*cols)
	for k := range b {
		if integer {
			b[k] = float64(1 + rnd.IntN(1000))
		} else {
			b[k] = rnd.Float64()
		}
	}
	return b
}

func BenchmarkSolve(b *testing.B) {
	cases := []struct {
		rows, cols int
		integer    bool
	}{
		{100, 100, true},
		{500, 500, true},
		{1000, 1000, true},
		{500, 2000, true},
		{2000, 500, true},
		{1000, 1000, false},
		{2000, 2000, true},
		{2000, 2000, false},
		{4000, 4000, false},
	}
	for _, bc := range cases {
		kind := "float"
		if bc.integer {
			kind = "int"
		}
		b.Run(fmt.Sprintf("%dx%d-%s", bc.rows, bc.cols, kind), func(b *testing.B) {
			inst := benchInstance(bc.rows, bc.cols, bc.integer)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Solve(context.Background(), bc.rows, bc.cols, inst); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolveFile times Solve on the instance file named by the
// ASSIGN_INSTANCE environment variable (read outside the timer), for side by
// side comparison with shared/bench/peer_scipy.py on the same file.
func BenchmarkSolveFile(b *testing.B) {
	path := os.Getenv("ASSIGN_INSTANCE")
	if path == "" {
		b.Skip("set ASSIGN_INSTANCE to an instance file")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	rows, cols, inst, err := ReadInstance(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var total float64
	b.ResetTimer()
	for b.Loop() {
		res, err := Solve(context.Background(), rows, cols, inst)
		if err != nil {
			b.Fatal(err)
		}
		total = res.Total
	}
	b.ReportMetric(total, "total")
	b.Logf("%d×%d total %.12g", rows, cols, total)
}
