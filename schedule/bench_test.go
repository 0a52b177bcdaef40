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

// programmeInput is a programme of n people (n a multiple of 10): groups
// of 10, each member owning one topic, and every person in one buddy pair,
// with names and e-mail addresses, in a zone with daylight saving time.
func programmeInput(n int) ([]Group, Options) {
	var groups []Group
	for g := 0; g < n/10; g++ {
		var ids []string
		for k := 0; k < 10; k++ {
			ids = append(ids, fmt.Sprintf("p%05d", g*10+k))
		}
		groups = append(groups, mentoringGroup(fmt.Sprintf("G%d", g+1), ids...))
	}
	o := Options{Start: date(2027, 1, 11), Location: "Europe/Paris", Holidays: []string{"FR"}}
	for i := 0; i+1 < n; i += 2 {
		// Partners from different groups, as pairs and groups are formed
		// independently.
		a, b := i, (i+n/2+1)%n
		if a == b {
			continue
		}
		o.Pairs = append(o.Pairs, Pair{A: members(fmt.Sprintf("p%05d", a))[0], B: members(fmt.Sprintf("p%05d", b))[0]})
	}
	return groups, o
}

// BenchmarkCalendars writes every calendar of a programme (one file per
// group and per person, as the command line's --ics does) to io.Discard.
func BenchmarkCalendars(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		groups, o := programmeInput(n)
		p, err := Build(groups, o)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("people=%d", n), func(b *testing.B) {
			for b.Loop() {
				files, err := p.Calendars()
				if err != nil {
					b.Fatal(err)
				}
				x, err := NewICSWriter(p)
				if err != nil {
					b.Fatal(err)
				}
				for _, f := range files {
					if err := x.Write(io.Discard, f.Selection); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
