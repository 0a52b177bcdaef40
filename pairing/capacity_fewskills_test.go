package pairing

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/skills"
)

// fewSkills is the few-skill, tie-heavy roster of the command line's
// default synthetic survey: n people, 12 skills, 10% at capacity 2.
func fewSkills(n int) *skills.Roster {
	return skills.Synthetic(n, 12, 1, skills.SyntheticOptions{})
}

// TestCapacityFewSkillsTrace logs the phases of Optimal under capacities
// on fewSkills(PEERMATCH_CAP_FEW):
// PEERMATCH_CAP_FEW=10000 go test -run CapacityFewSkillsTrace -v ./pairing
// With PEERMATCH_DEGEN set, on that degenerate roster of the size instead
// (see degenerateRoster), every tenth person at capacity 2.
func TestCapacityFewSkillsTrace(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PEERMATCH_CAP_FEW"))
	if n == 0 {
		t.Skip("set PEERMATCH_CAP_FEW to a roster size")
	}
	r := fewSkills(n)
	if name := os.Getenv("PEERMATCH_DEGEN"); name != "" {
		r = degenerateRoster(t, name, n)
		for i := range r.People {
			if i%10 == 0 {
				r.People[i].Capacity = 2
			}
		}
	}
	start := time.Now()
	tune := tuning{trace: func(f string, a ...any) { t.Logf("%8.2fs "+f, append([]any{time.Since(start).Seconds()}, a...)...) }}
	res, err := pairsTuned(context.Background(), r, Options{}, tune)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%.2fs: %d links, %d matched, total %.5f; %v", time.Since(start).Seconds(), res.Metrics.Links, res.Metrics.Matched, res.Metrics.Total, res.Notes)
}

// BenchmarkCapacityFewSkills times Optimal under capacities on the
// few-skill synthetic rosters (12 skills, 10% at capacity 2):
// go test -run - -bench CapacityFewSkills -benchtime 1x ./pairing
func BenchmarkCapacityFewSkills(b *testing.B) {
	for _, n := range []int{2000, 4000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := fewSkills(n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := Pairs(context.Background(), r, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.ReportMetric(float64(res.Metrics.Links), "links")
					b.ReportMetric(float64(res.Metrics.Matched), "matched")
					b.Logf("%v", res.Notes)
				}
			}
		})
	}
}

// TestCapacityFewSkillsPricing checks that pricing under capacities stays
// short on a few-skill roster where some people have no eligible partner:
// left in the graph, joined to the dummy vertex alone, they dragged every
// dual down and pricing added nearly every eligible pair (21 rounds and
// 327,390 pairs at 2,000 people). The answer equals the complete-graph
// solve's.
func TestCapacityFewSkillsPricing(t *testing.T) {
	n := 1500
	if testing.Short() || raceOn {
		n = 600
	}
	r := fewSkills(n)
	sparse := mustCap(t, r, Options{})
	require.Len(t, sparse.Notes, 1)
	var cand, added, rounds int
	_, err := fmt.Sscanf(sparse.Notes[0][strings.Index(sparse.Notes[0], "candidate graph of"):],
		"candidate graph of %d pairs (top 20 per person), %d pairs added in %d pricing rounds", &cand, &added, &rounds)
	require.NoError(t, err, sparse.Notes[0])
	require.LessOrEqual(t, rounds, 6, sparse.Notes[0])
	require.Less(t, added, cand, sparse.Notes[0])
	require.Contains(t, sparse.Notes[0], "upper bounds")
	require.Positive(t, sparse.Metrics.Unmatched)
	dense := mustCap(t, r, Options{Scale: Scale{DenseLimit: n}})
	require.Equal(t, checkCapResult(t, r, Options{Scale: Scale{DenseLimit: n}}, dense), checkCapResult(t, r, Options{}, sparse))
}

// TestLoadLineShort: with many people taking more than one buddy, the
// text's load line counts them and lists only those below capacity, at
// most shownLoads.
func TestLoadLineShort(t *testing.T) {
	res := &Result{}
	for i := 0; i < 40; i++ {
		load := 2
		if i%2 == 0 {
			load = 1
		}
		res.Loads = append(res.Loads, Load{ID: fmt.Sprintf("p%02d", i), Load: load, Capacity: 2})
	}
	var b strings.Builder
	writeLoads(&b, res)
	line := b.String()
	assert.Contains(t, line, "40 people take more than one buddy, 20 of them have fewer than they take: p00 1/2, p02 1/2")
	assert.NotContains(t, line, "p01 2/2")
	assert.NotContains(t, line, "more (--json", "exactly shownLoads below capacity are all listed")
	res.Loads = append(res.Loads, Load{ID: "p40", Load: 0, Capacity: 2})
	b.Reset()
	writeLoads(&b, res)
	assert.Contains(t, b.String(), "and 1 more (--json lists every load)")
}
