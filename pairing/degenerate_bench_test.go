package pairing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/peermatch/peermatch/skills"
)

// BenchmarkCapacityComplete times Optimal under capacities solving the
// complete eligibility graph (DenseLimit = n), the fallback when the
// upper bounds cannot prove the fast solve's answer:
// go test -run - -bench CapacityComplete -benchtime 1x ./pairing
func BenchmarkCapacityComplete(b *testing.B) {
	for _, n := range []int{3000, 5000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := capSynthetic(n, 200, 1, 0.2)
			for b.Loop() {
				if _, err := Pairs(context.Background(), r, Options{DenseLimit: n}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDegenerate times Optimal on degenerate rosters: 100,000
// identical people (nobody can teach anyone), and 20,000 people of one
// department and one grade with random levels in 3 skills (scores full of
// ties): go test -run - -bench Degenerate -benchtime 1x -timeout 1h ./pairing
func BenchmarkDegenerate(b *testing.B) {
	one := func(n, k int, level func(i, s int) uint8) *skills.Roster {
		var sk []skills.Skill
		for s := 0; s < k; s++ {
			sk = append(sk, skills.Skill{Name: fmt.Sprintf("S%d", s)})
		}
		cat, err := skills.NewCatalog(sk...)
		if err != nil {
			b.Fatal(err)
		}
		ppl := make([]skills.Person, n)
		for i := range ppl {
			ppl[i] = skills.Person{ID: fmt.Sprintf("p%06d", i), Grade: 3, Years: float64(i % 21), Department: "Ops", Have: make([]uint8, k), Want: make([]uint8, k)}
			for s := 0; s < k; s++ {
				ppl[i].Have[s], ppl[i].Want[s] = level(i, 2*s), level(i, 2*s+1)
			}
		}
		r, err := skills.New(cat, ppl)
		if err != nil {
			b.Fatal(err)
		}
		return r
	}
	rng := rand.New(rand.NewPCG(1, 1))
	rosters := []struct {
		name string
		r    *skills.Roster
	}{
		{"identical-100000", one(100000, 2, func(i, s int) uint8 { return uint8(3 + s%2) })},
		{"one-department-20000", one(20000, 3, func(i, s int) uint8 { return uint8(rng.IntN(6)) })},
	}
	for _, tc := range rosters {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Pairs(context.Background(), tc.r, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
