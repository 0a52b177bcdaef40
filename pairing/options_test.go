package pairing

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

// Options are validated in a fixed order: with several bad fields, the
// error names the same one on every call.
func TestOptionsValidatedInOrder(t *testing.T) {
	opt := Options{SoftCriteria: SoftCriteria{SharedTag: math.NaN()}, EarlierRounds: EarlierRounds{UnmatchedBonus: math.Inf(1), RepeatDecay: math.NaN()}}
	_, err := opt.resolve()
	require.ErrorIs(t, err, ErrInvalidOptions)
	first := err.Error()
	require.Contains(t, first, "SharedTag")
	for range 50 {
		_, err := opt.resolve()
		require.Equal(t, first, err.Error())
	}
	for _, bad := range []Options{{MinTeachLevel: 6}, {MinTeachLevel: -1}, {HardRules: HardRules{SimilarGrade: GradeGap(-1)}}, {HardRules: HardRules{SimilarYears: -2}}, {HardRules: HardRules{SimilarKnowledge: math.Inf(1)}}} {
		_, err := bad.resolve()
		require.ErrorIs(t, err, ErrInvalidOptions, "%+v", bad)
	}
}

// TestOptionsErrorOrder: with several invalid numbers, the error always
// names the first in the fixed order of validation — soft weights, the
// rules' thresholds, then the earlier rounds' numbers.
func TestOptionsErrorOrder(t *testing.T) {
	nan := nanF()
	for _, tc := range []struct {
		opt  Options
		want string
	}{
		{Options{SoftCriteria: SoftCriteria{SharedTag: nan}, HardRules: HardRules{MinYearsGap: nan}}, "SharedTag"},
		{Options{HardRules: HardRules{SimilarKnowledge: nan, MinKnowledgeDistance: nan}}, "MinKnowledgeDistance"},
		{Options{HardRules: HardRules{SimilarYears: nan}, EarlierRounds: EarlierRounds{RepeatPenalty: nan}}, "SimilarYears"},
		{Options{EarlierRounds: EarlierRounds{RepeatDecay: nan, UnmatchedBonus: nan}}, "RepeatDecay"},
	} {
		for range 20 {
			_, err := tc.opt.resolve()
			require.ErrorIs(t, err, ErrInvalidOptions)
			require.Contains(t, err.Error(), ": "+tc.want+" is ")
		}
	}
}

// TestHugeCandidateK checks that a CandidateK near math.MaxInt keeps
// every partner instead of overflowing the candidate search's list
// length (k plus its reserve) into a negative size, for every strategy,
// with and without capacities, above DenseLimit.
func TestHugeCandidateK(t *testing.T) {
	r := skills.Synthetic(40, 6, 3, skills.SyntheticOptions{})
	for _, k := range []int{math.MaxInt, math.MaxInt / 5, math.MaxInt/5 + 1} {
		for _, st := range Strategies {
			for _, ignore := range []bool{false, true} {
				opt := Options{Strategy: st, IgnoreCapacity: ignore, Scale: Scale{CandidateK: k, DenseLimit: 1}}
				got, err := Pairs(context.Background(), r, opt)
				require.NoError(t, err, "%s k %d", st.Name(), k)
				opt.CandidateK = len(r.People)
				want, err := Pairs(context.Background(), r, opt)
				require.NoError(t, err)
				require.Equal(t, want, got, "%s k %d: the same as keeping everyone", st.Name(), k)
			}
		}
	}
}

// TestNegativeOptionNamed checks that a negative threshold or size is an
// error naming the field and its value, not a list of fields.
func TestNegativeOptionNamed(t *testing.T) {
	r := skills.Synthetic(10, 3, 1, skills.SyntheticOptions{})
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{HardRules: HardRules{SimilarGrade: GradeGap(-2)}}, "SimilarGrade -2 is negative"},
		{Options{HardRules: HardRules{SimilarYears: -1.5}}, "SimilarYears -1.5 is negative"},
		{Options{HardRules: HardRules{SimilarKnowledge: -0.5}}, "SimilarKnowledge -0.5 is negative"},
		{Options{Scale: Scale{CandidateK: -3}}, "CandidateK -3 is negative"},
		{Options{Scale: Scale{DenseLimit: -4}}, "DenseLimit -4 is negative"},
		{Options{TopSkills: -5}, "TopSkills -5 is negative"},
	} {
		_, err := Pairs(context.Background(), r, c.opt)
		require.ErrorIs(t, err, ErrInvalidOptions)
		require.Contains(t, err.Error(), c.want)
	}
}

// TestDenseLimitBounded: a DenseLimit above MaxDenseLimit is refused before
// anything is built (math.MaxInt on 30,000 people allocated two 30,000²
// tables, about 14 GB, before the matching solver refused the instance),
// and Evaluate, which scores a pairing against every pair whatever the
// option says, still takes rosters above the bound.
func TestDenseLimitBounded(t *testing.T) {
	r := skills.Synthetic(10, 3, 1, skills.SyntheticOptions{})
	for _, dl := range []int{MaxDenseLimit + 1, math.MaxInt} {
		_, err := Pairs(context.Background(), r, Options{Scale: Scale{DenseLimit: dl}})
		require.ErrorIs(t, err, ErrInvalidOptions)
		require.ErrorContains(t, err, fmt.Sprintf("DenseLimit %d is above MaxDenseLimit (8000)", dl))
		_, err = NewScorer(r, Options{Scale: Scale{DenseLimit: dl}})
		require.ErrorIs(t, err, ErrInvalidOptions)
	}
	_, err := Pairs(context.Background(), r, Options{Scale: Scale{DenseLimit: MaxDenseLimit}})
	require.NoError(t, err)

	big := skills.Synthetic(MaxDenseLimit+50, 4, 2, skills.SyntheticOptions{})
	res, err := Pairs(context.Background(), big, Options{IgnoreCapacity: true})
	require.NoError(t, err)
	var pairs [][]string
	for _, pr := range res.Pairs {
		pairs = append(pairs, []string{pr.A, pr.B})
	}
	ev, err := Evaluate(context.Background(), big, pairs, Options{IgnoreCapacity: true})
	require.NoError(t, err)
	require.Empty(t, ev.Problems)
	require.Equal(t, res.Metrics.Pairs, ev.Result.Metrics.Pairs)
	require.InDelta(t, res.Metrics.Total, ev.Result.Metrics.Total, 1e-6)
}
