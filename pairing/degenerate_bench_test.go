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
				if _, err := Pairs(context.Background(), r, Options{Scale: Scale{DenseLimit: n}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// degenerateRoster returns the degenerate roster called name of n people
// (0: its default size), everyone in one department and one grade:
//   - identical (100,000): everyone the same, nobody can teach anyone;
//   - one-department (20,000): random levels 0–5 in 3 skills, scores full
//     of ties;
//   - everyone-eligible (20,000): 12 skills, in each of which a person has
//     5 and wants 0 or has 0 and wants 4 (skill 0 had by the even people,
//     skill 1 by the odd ones, the others at random), so that about 94% of
//     the pairs teach both ways;
//   - nobody-eligible (100,000): random haves, no wants;
//   - one-department-200 (20,000): skills.Synthetic with 200 skills, one
//     department and one grade (an organisation-shaped survey in which
//     neither department nor grade prunes the search).
func degenerateRoster(tb testing.TB, name string, n int) *skills.Roster {
	one := func(n, k int, level func(i, s int) uint8) *skills.Roster {
		var sk []skills.Skill
		for s := 0; s < k; s++ {
			sk = append(sk, skills.Skill{Name: fmt.Sprintf("S%d", s)})
		}
		cat, err := skills.NewCatalog(sk...)
		if err != nil {
			tb.Fatal(err)
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
			tb.Fatal(err)
		}
		return r
	}
	size := func(d int) int {
		if n > 0 {
			return n
		}
		return d
	}
	rng := rand.New(rand.NewPCG(1, 1))
	switch name {
	case "identical":
		return one(size(100000), 2, func(i, s int) uint8 { return uint8(3 + s%2) })
	case "one-department":
		return one(size(20000), 3, func(i, s int) uint8 { return uint8(rng.IntN(6)) })
	case "everyone-eligible":
		const k = 12
		return one(size(20000), k, func(i, s int) uint8 {
			// skill s/2 is taught by i when bit s/2 of a random mask is set
			// (skill 0 by even people, skill 1 by odd ones, so that everyone
			// has one of each)
			sk := s / 2
			has := sk == 0 && i%2 == 0 || sk == 1 && i%2 == 1 || sk > 1 && (uint64(i)*0x9e3779b97f4a7c15>>(sk+20))&1 == 1
			switch {
			case s%2 == 0 && has:
				return 5
			case s%2 == 1 && !has:
				return 4
			}
			return 0
		})
	case "one-department-200":
		r := skills.Synthetic(size(20000), 200, 1, skills.SyntheticOptions{Departments: 1, Grades: 1})
		for i := range r.People {
			r.People[i].Capacity = 1
		}
		return r
	case "nobody-eligible":
		return one(size(100000), 3, func(i, s int) uint8 {
			if s%2 == 1 {
				return 0
			}
			return uint8(rng.IntN(6))
		})
	}
	tb.Fatalf("no degenerate roster %q", name)
	return nil
}

// BenchmarkDegenerate times Optimal on the degenerate rosters of
// degenerateRoster: go test -run - -bench Degenerate -benchtime 1x
// -timeout 1h ./pairing (one-department-20000 takes about 110 s; see
// SECURITY.md)
func BenchmarkDegenerate(b *testing.B) {
	for _, tc := range []struct {
		name string
		n    int
	}{
		{"identical", 100000},
		{"one-department", 20000},
		{"everyone-eligible", 20000},
		{"one-department-200", 20000},
		{"nobody-eligible", 100000},
	} {
		b.Run(fmt.Sprintf("%s-%d", tc.name, tc.n), func(b *testing.B) {
			r := degenerateRoster(b, tc.name, tc.n)
			for b.Loop() {
				if _, err := Pairs(context.Background(), r, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
