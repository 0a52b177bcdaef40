package pairing

import (
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/require"
)

func TestRowScorerMatchesScore(t *testing.T) {
	r := skills.Synthetic(150, 25, 8, skills.SyntheticOptions{})
	for _, opt := range []Options{{}, {Mutual: Sum, SameLocation: 0.2}, {MaxGradeGap: GradeGap(-1), Mutual: Min}} {
		p, err := newProblem(r, opt)
		require.NoError(t, err)
		rs := newRowScorer(p)
		for i := 0; i < p.n; i += 7 {
			q := rs.row(i)
			for j := 0; j < p.n; j++ {
				d := p.ppl[i].Grade - p.ppl[j].Grade
				if j == i || (p.set.maxGap >= 0 && (d > p.set.maxGap || -d > p.set.maxGap)) {
					require.Equal(t, int64(-1), q[j])
					continue
				}
				require.Equal(t, p.qscore(i, j), q[j], "%d %d", i, j)
			}
		}
	}
}
