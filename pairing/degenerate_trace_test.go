package pairing

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/peermatch/peermatch/matching"
)

// TestDegenerateTrace logs the phases of one Optimal solve of a degenerate
// roster (skipped when PEERMATCH_DEGEN is unset): PEERMATCH_DEGEN names
// the roster (see degenerateRosters) and PEERMATCH_DEGEN_N its size, e.g.
// PEERMATCH_DEGEN=one-department PEERMATCH_DEGEN_N=20000 go test -run DegenerateTrace -v ./pairing
// (PEERMATCH_TRACE_K, PMLOW, PEERMATCH_TRACE_COLD, PEERMATCH_TRACE_WARM and
// PEERMATCH_TRACE_SEARCH (1: threshold search on the index, 2: row scans)
// as for TestTrace)
func TestDegenerateTrace(t *testing.T) {
	name := os.Getenv("PEERMATCH_DEGEN")
	if name == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("PEERMATCH_DEGEN_N"))
	r := degenerateRoster(t, name, n)
	start := time.Now()
	tune := tuning{trace: func(f string, a ...any) { t.Logf("%8.2fs "+f, append([]any{time.Since(start).Seconds()}, a...)...) },
		coldRounds: os.Getenv("PEERMATCH_TRACE_COLD") != "",
		search:     envInt("PEERMATCH_TRACE_SEARCH"),
		warmRounds: os.Getenv("PEERMATCH_TRACE_WARM") != ""}
	if v, err := strconv.Atoi(os.Getenv("PMLOW")); err == nil {
		tune.lowSideK = v
		if v == 0 {
			tune.lowSideK = -1
		}
	}
	k, _ := strconv.Atoi(os.Getenv("PEERMATCH_TRACE_K"))
	res, err := pairsTuned(context.Background(), r, Options{Strategy: Optimal, Scale: Scale{CandidateK: k}}, tune)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("total %v pairs %d total %.5f notes %v", time.Since(start), res.Metrics.Pairs, res.Metrics.Total, res.Notes)
}

// TestDegenerateCandidates logs how the candidate lists of a degenerate
// roster (PEERMATCH_DEGEN, PEERMATCH_DEGEN_N as for TestDegenerateTrace)
// spread over the people: how many lists name each person, and how many
// rows have θ at their best score (ties across the list's end). On
// one-department (20,000) the lists concentrate on a few hundred people
// who can teach everyone: the median person is in no list, the busiest in
// about 4,500.
func TestDegenerateCandidates(t *testing.T) {
	name := os.Getenv("PEERMATCH_DEGEN")
	if name == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("PEERMATCH_DEGEN_N"))
	p, err := newProblem(degenerateRoster(t, name, n), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.buildCandidates(context.Background(), p.searchIndex(), p.set.k, p.tune.reserve(p.set.k))
	if err != nil {
		t.Fatal(err)
	}
	indeg := make([]int, p.n)
	tops := map[int64]bool{}
	tied := 0
	for i := 0; i < p.n; i++ {
		for _, j := range c.cand[i] {
			indeg[j]++
		}
		if len(c.cand[i]) > 0 {
			tops[c.score[i][0]] = true
			if c.theta[i] >= c.score[i][0] {
				tied++
			}
		}
	}
	slices.Sort(indeg)
	t.Logf("lists naming a person: median %d, p90 %d, p99 %d, max %d", indeg[p.n/2], indeg[p.n*9/10], indeg[p.n*99/100], indeg[p.n-1])
	t.Logf("%d distinct best scores; %d rows with θ at their best score", len(tops), tied)
}

// TestDegenerateInstance writes the complete eligibility graph of a
// degenerate roster (PEERMATCH_DEGEN, PEERMATCH_DEGEN_N as for
// TestDegenerateTrace) to the matching instance file
// PEERMATCH_DEGEN_DUMP, with the weights Optimal's dense path solves
// (quantised score plus the cardinality premium), so that peer solvers can
// be timed on it (skipped when PEERMATCH_DEGEN_DUMP is unset):
// PEERMATCH_DEGEN=one-department PEERMATCH_DEGEN_N=5000
// PEERMATCH_DEGEN_DUMP=/tmp/od5000.txt go test -run DegenerateInstance ./pairing
func TestDegenerateInstance(t *testing.T) {
	out := os.Getenv("PEERMATCH_DEGEN_DUMP")
	if out == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("PEERMATCH_DEGEN_N"))
	p, err := newProblem(degenerateRoster(t, os.Getenv("PEERMATCH_DEGEN"), n), Options{})
	if err != nil {
		t.Fatal(err)
	}
	act, q, err := p.dense(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := len(act)
	C := p.bigC(m)
	var es []matching.Edge
	for x := 0; x < m; x++ {
		for y := x + 1; y < m; y++ {
			if q[x*m+y] >= 0 {
				es = append(es, matching.Edge{U: x, V: y, W: float64(q[x*m+y]) + C})
			}
		}
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := matching.WriteInstance(f, m, es); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d vertices, %d edges", m, len(es))
}

// envInt returns the integer value of the environment variable name, 0
// when it is unset or not a number.
func envInt(name string) int {
	v, _ := strconv.Atoi(os.Getenv(name))
	return v
}
