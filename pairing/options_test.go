package pairing

import (
	"math"
	"testing"

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
