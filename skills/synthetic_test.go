package skills

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSyntheticReproducible(t *testing.T) {
	a := Synthetic(500, 30, 42, SyntheticOptions{})
	b := Synthetic(500, 30, 42, SyntheticOptions{})
	require.Equal(t, a.Catalog.Skills(), b.Catalog.Skills())
	require.Equal(t, a.People, b.People)
	c := Synthetic(500, 30, 43, SyntheticOptions{})
	require.NotEqual(t, a.People, c.People)
	require.NoError(t, a.Validate())
}

func TestSyntheticEmpty(t *testing.T) {
	for _, nk := range [][2]int{{0, 10}, {10, 0}, {-3, 5}, {5, -1}, {0, 0}} {
		r := Synthetic(nk[0], nk[1], 1, SyntheticOptions{})
		require.Equal(t, 0, r.Len())
		require.NoError(t, r.Validate())
	}
	r := Synthetic(1, 1, 1, SyntheticOptions{})
	require.Equal(t, 1, r.Len())
	require.NoError(t, r.Validate())
}

func TestSyntheticShape(t *testing.T) {
	const n, k = 4000, 60
	r := Synthetic(n, k, 7, SyntheticOptions{})
	require.NoError(t, r.Validate())
	s := r.Summary()
	require.Len(t, s.Departments, n/40)
	// Grade pyramid: counts strictly decrease from grade 1 to grade 6.
	require.Len(t, s.Grades, 6)
	for i := 1; i < len(s.Grades); i++ {
		require.Equal(t, i+1, s.Grades[i].Value)
		require.Less(t, s.Grades[i].Count, s.Grades[i-1].Count)
	}
	var wants, wantsOnLow, lowTeach, lowWant, managed int
	yearsByGrade := make([]float64, 7)
	countByGrade := make([]int, 7)
	for i := range r.People {
		p := &r.People[i]
		yearsByGrade[p.Grade] += p.Years
		countByGrade[p.Grade]++
		m, maxHave := 0, uint8(0)
		for j := 0; j < k; j++ {
			maxHave = max(maxHave, p.Have[j])
			if p.Want[j] > 0 {
				m++
				if p.Have[j] <= 2 {
					wantsOnLow++
				}
			}
		}
		wants += m
		require.LessOrEqual(t, m, 6)
		if m <= 1 {
			lowWant++
		}
		if maxHave <= 1 {
			lowTeach++
		}
		if p.Manager != "" {
			managed++
			boss := r.Person(p.Manager)
			require.NotNil(t, boss)
			require.Equal(t, p.Department, boss.Department)
			require.Greater(t, boss.Grade, p.Grade)
		}
	}
	mean := float64(wants) / n
	require.InDelta(t, 3.8, mean, 0.4, "mean wants per person")
	require.Greater(t, float64(wantsOnLow)/float64(wants), 0.8, "wants mostly on skills with have ≤ 2")
	require.Greater(t, lowTeach, n/100)
	require.Greater(t, lowWant, n/100)
	require.Greater(t, managed, n*9/10)
	for g := 2; g <= 6; g++ {
		require.Greater(t, yearsByGrade[g]/float64(countByGrade[g]), yearsByGrade[g-1]/float64(countByGrade[g-1]))
	}
	// Department profiles: members of a department resemble each other more
	// than people of different departments (mean cosine similarity of have).
	cos := func(a, b []uint8) float64 {
		var ab, aa, bb float64
		for j := range a {
			ab += float64(a[j]) * float64(b[j])
			aa += float64(a[j]) * float64(a[j])
			bb += float64(b[j]) * float64(b[j])
		}
		if aa == 0 || bb == 0 {
			return 0
		}
		return ab / math.Sqrt(aa*bb)
	}
	var within, across float64
	var nw, na int
	for i := 0; i < 600; i++ {
		for j := i + 1; j < 600; j++ {
			c := cos(r.People[i].Have, r.People[j].Have)
			if r.People[i].Department == r.People[j].Department {
				within += c
				nw++
			} else {
				across += c
				na++
			}
		}
	}
	require.Greater(t, nw, 0)
	require.Greater(t, within/float64(nw), across/float64(na)+0.1)
}

func TestSyntheticOptions(t *testing.T) {
	r := Synthetic(300, 20, 5, SyntheticOptions{Departments: 3, Grades: 3, WantMin: 1, WantMax: 1,
		LowSkillFraction: -1, LowWantFraction: -1, ExtraCapacityFraction: -1, Locations: []string{"Here"}, Focuses: []string{"growth"}})
	s := r.Summary()
	require.Len(t, s.Departments, 3)
	require.Len(t, s.Grades, 3)
	for _, p := range r.People {
		require.Equal(t, 1, p.Capacity)
		require.Equal(t, "Here", p.Location)
		require.Contains(t, []string{"", "growth"}, p.Focus)
		m := 0
		for _, w := range p.Want {
			if w > 0 {
				m++
			}
		}
		require.Equal(t, 1, m)
	}
}
