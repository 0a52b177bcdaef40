package pairing

import (
	"strings"
	"testing"

	"github.com/peermatch/peermatch/skills"
)

// TestLargePremiumWarmStart: rosters of one department and one or two
// grades, solved on small candidate lists, leave linked people exposed
// under the small premium, so the large premium's pass runs from the
// small one's raised certificate (premiumRaised); every result equals
// the optimum of the complete graph.
func TestLargePremiumWarmStart(t *testing.T) {
	t.Parallel()
	fallbacks := 0
	tune := tuning{trace: func(format string, _ ...any) {
		if strings.HasPrefix(format, "the small premium") {
			fallbacks++
		}
	}}
	for seed := uint64(1); seed <= 8; seed++ {
		n := 300 + int(seed)*100
		r := skills.Synthetic(n, 40+int(seed)*10, seed, skills.SyntheticOptions{Departments: 1, Grades: 1 + int(seed%2), ExtraCapacityFraction: -1})
		dc, dq := value(t, r, Options{}, mustPairs(t, r, Options{Scale: Scale{DenseLimit: n}}))
		for _, ck := range []int{1, 3, 20} {
			sparse := mustPairsTuned(t, r, Options{Scale: Scale{DenseLimit: 2, CandidateK: ck}}, tune)
			sc, sq := value(t, r, Options{}, sparse)
			if dc != sc || dq != sq {
				t.Fatalf("seed %d n %d CandidateK %d: %d pairs, %d total; the complete graph %d, %d", seed, n, ck, sc, sq, dc, dq)
			}
		}
	}
	t.Logf("%d of 24 solves needed the large premium", fallbacks)
	if fallbacks == 0 {
		t.Fatal("no solve needed the large premium: the test no longer tests it")
	}
}
