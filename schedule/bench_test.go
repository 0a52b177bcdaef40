package schedule

import (
	"fmt"
	"io"
	"testing"
)

// benchInput has n groups of 8 members (one topic each) drawn from a pool
// of 4n people, so members share groups, plus n pairs.
func benchInput(n int) ([]Group, Options) {
	var groups []Group
	pool := 4 * n
	for g := 0; g < n; g++ {
		var ids []string
		for k := 0; k < 8; k++ {
			ids = append(ids, fmt.Sprintf("p%d", (g*3+k*5)%pool))
		}
		groups = append(groups, mentoringGroup(fmt.Sprintf("g%d", g), uniq(ids)...))
	}
	o := Options{Start: date(2026, 1, 13), Location: "Europe/Paris", Holidays: []string{"FR"},
		Blackouts: []DateRange{{From: date(2026, 12, 19), To: date(2027, 1, 3)}}}
	for i := 0; i < n; i++ {
		o.Pairs = append(o.Pairs, Pair{A: Member{ID: fmt.Sprintf("p%d", i)}, B: Member{ID: fmt.Sprintf("q%d", i)}})
	}
	return groups, o
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1, 10, 50} {
		groups, o := benchInput(n)
		b.Run(fmt.Sprintf("groups=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(groups, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1, 10, 50} {
		groups, o := benchInput(n)
		p, err := Build(groups, o)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("groups=%d", n), func(b *testing.B) {
			for b.Loop() {
				if v := p.Check(); len(v) > 0 {
					b.Fatal(v)
				}
			}
		})
	}
}

func BenchmarkWriteICS(b *testing.B) {
	for _, n := range []int{1, 10} {
		groups, o := benchInput(n)
		p, err := Build(groups, o)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("groups=%d", n), func(b *testing.B) {
			for b.Loop() {
				if err := WriteICS(io.Discard, p, Selection{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
