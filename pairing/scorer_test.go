package pairing

import (
	"fmt"
	"sync"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// A Scorer answers as the one-off functions do, for every pair, and from
// several goroutines at once.
func TestScorerMatchesFunctions(t *testing.T) {
	r := syn(70, 12, 3)
	for _, opt := range []Options{{}, {Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.2}, HardRules: HardRules{MaxGradeGap: GradeGap(-1)}}, {Scale: Scale{DenseLimit: 10}}} {
		s, err := NewScorer(r, opt)
		require.NoError(t, err)
		require.Equal(t, len(r.People), s.Len())
		var wg sync.WaitGroup
		for w := 0; w < 3; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < s.Len(); i += 3 {
					sug, err := s.Suggest(s.ID(i), 4)
					require.NoError(t, err)
					for _, x := range sug {
						j, err := s.Index(x.B)
						require.NoError(t, err)
						require.Equal(t, RuleNone, s.Rule(i, j))
					}
				}
			}(w)
		}
		wg.Wait()
		for i := 0; i < s.Len(); i += 5 {
			a := s.ID(i)
			want, err := suggestOnce(r, a, 4, opt)
			require.NoError(t, err)
			got, err := s.Suggest(a, 4)
			require.NoError(t, err)
			require.Equal(t, want, got)
			for j := 0; j < s.Len(); j += 3 {
				b := s.ID(j)
				e, err := explainOnce(r, a, b, opt)
				require.NoError(t, err)
				got, err := s.Explain(a, b)
				require.NoError(t, err)
				require.Equal(t, e, got)
				require.Equal(t, e, s.ExplainIndex(i, j))
				w, ok := s.Weight(i, j)
				require.Equal(t, e.Weight, w)
				require.Equal(t, e.Eligible, ok)
				require.Equal(t, e.Score, s.Score(i, j))
				require.Equal(t, e.TeachAB, s.Teach(i, j))
			}
		}
	}
	_, err := NewScorer(r, Options{MinTeachLevel: 9})
	require.ErrorIs(t, err, ErrInvalidOptions)
	s, err := NewScorer(r, Options{})
	require.NoError(t, err)
	_, err = s.Explain("nobody", s.ID(0))
	require.ErrorIs(t, err, ErrUnknownPerson)
}

// BenchmarkScorerExplainAll explains every pair of 1,500 people × 200
// skills through the public API, the Scorer prepared once:
// go test -run - -bench ScorerExplainAll -benchtime 1x ./pairing
func BenchmarkScorerExplainAll(b *testing.B) {
	r := syn(1500, 200, 1)
	for b.Loop() {
		s, err := NewScorer(r, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for i := 0; i < s.Len(); i++ {
			for j := i + 1; j < s.Len(); j++ {
				if s.ExplainIndex(i, j).Eligible {
					n++
				}
			}
		}
		b.ReportMetric(float64(n), "eligible")
	}
}

// ExampleScorer prepares the demo roster once and asks about one pair and
// one person.
func ExampleScorer() {
	s, err := NewScorer(skills.Demo(), Options{})
	if err != nil {
		panic(err)
	}
	e, err := s.Explain("c02", "e02")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s + %s: eligible %v, score %.1f\n", e.A, e.B, e.Eligible, e.Score)
	for _, sv := range e.ATeachesB {
		fmt.Printf("  %s teaches %s %s\n", e.A, e.B, sv.Skill)
	}
	sug, err := s.Suggest("c02", 2)
	if err != nil {
		panic(err)
	}
	for _, x := range sug {
		fmt.Printf("suggested for c02: %s (score %.1f)\n", x.B, x.Score)
	}
	// Output:
	// c02 + e02: eligible true, score 85.7
	//   c02 teaches e02 Coaching
	// suggested for c02: e01 (score 59.8)
	// suggested for c02: e02 (score 85.7)
}

// TestSuggestSparseMatchesDense checks that Suggest above DenseLimit (the
// threshold search) gives what the dense path gives, ties by id included:
// the search stopped at partners scoring exactly the k-th best (Mutual Min
// put p294 before p062 at the same score), and with AllowNoExchange the
// zero-score partners it happened to meet came before smaller ids.
func TestSuggestSparseMatchesDense(t *testing.T) {
	r := skills.Synthetic(300, 8, 9, skills.SyntheticOptions{})
	h := &History{Rounds: []Round{{Round: 1, Groups: [][]string{{r.People[0].ID, r.People[5].ID}}, Unmatched: []string{r.People[7].ID, r.People[1].ID}}}}
	for oi, o := range []Options{
		{},
		{Mutual: Sum, SoftCriteria: SoftCriteria{SameLocation: 0.3, DepartmentDiversity: -0.1}},
		{HardRules: HardRules{AllowNoExchange: true}},
		{EarlierRounds: EarlierRounds{History: h, Repeats: PenaliseRepeats}},
		{Mutual: OneWay, HardRules: HardRules{MaxGradeGap: GradeGap(-1), NoPeerRule: true}},
		{Mutual: Min},
	} {
		dense, err := NewScorer(r, o)
		require.NoError(t, err)
		o.DenseLimit = 1
		sparse, err := NewScorer(r, o)
		require.NoError(t, err)
		for _, x := range []int{0, 1, 2, 7, 8} {
			id := r.People[x].ID
			for _, k := range []int{1, 5, 50, 1000} {
				a, err := dense.Suggest(id, k)
				require.NoError(t, err)
				b, err := sparse.Suggest(id, k)
				require.NoError(t, err)
				require.Equal(t, a, b, "options %d, %s, k %d", oi, id, k)
			}
		}
	}
}
