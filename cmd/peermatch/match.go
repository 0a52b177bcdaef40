package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"runtime/debug"
	"time"

	"github.com/peermatch/peermatch/matching"
)

func init() {
	register(&command{
		name:    "match",
		args:    "FILE [--maxcard] [--json]",
		summary: "solve a maximum-weight matching instance (researchers' format)",
		help: fmt.Sprintf(`Reads a graph in the matching instance format (first line "n m", then m
lines "u v w": 0-based vertices and a weight) and prints the maximum-weight
matching: its total, its pairs and the solve time (parsing excluded).

limits: at most %d vertices and %d edges
(checked on the header line before anything is read), weights finite with
magnitude at most %g ("-inf" forbids an edge); an instance beyond them is an
error naming the line, the value and the limit.

flags:
  --maxcard   the heaviest among the matchings of largest size
  --json      one JSON object on one line: total, solve_seconds, pairs, mate, dual_objective

examples:
  peermatch match graph.txt
  peermatch match graph.txt --maxcard --json`, matching.MaxVertices, matching.MaxEdges, float64(matching.MaxWeight)),
		run: runMatch,
	})
}

// matchOutput is the JSON object printed by `peermatch match --json`.
type matchOutput struct {
	N             int     `json:"n"`
	M             int     `json:"m"`
	MaxCard       bool    `json:"maxcard"`
	Total         float64 `json:"total"`
	Pairs         int     `json:"pairs"`
	DualObjective float64 `json:"dual_objective"`
	SolveSeconds  float64 `json:"solve_seconds"`
	Mate          []int   `json:"mate"`
}

func runMatch(ctx context.Context, e *env, args []string) error {
	c := commands["match"]
	fs := newFlags(c)
	maxcard := fs.Bool("maxcard", false, "maximum cardinality first")
	asJSON := fs.Bool("json", false, "write JSON")
	path, err := fileArg(c, fs, args)
	if err != nil {
		return err
	}
	f, err := openInput(path, "a matching instance")
	if err != nil {
		return err
	}
	n, edges, err := matching.ReadInstance(bufio.NewReader(f))
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// The solvers allocate their working arrays once; a less eager garbage
	// collector keeps it from rescanning the instance while they run.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	stop := startProgress(e, "matching")
	start := time.Now()
	res, err := matching.Sparse(ctx, n, edges, matching.Options{MaxCardinality: *maxcard})
	solve := time.Since(start).Seconds()
	stop()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !finite(res.Total) || !finite(res.DualObjective) {
		// Unreachable with weights within matching.MaxWeight; kept so that
		// no output, --json least of all, ever carries an infinite number.
		return fmt.Errorf("%s: total %g, dual bound %g: not finite", path, res.Total, res.DualObjective)
	}
	pairs := 0
	for v, u := range res.Mate {
		if u > v {
			pairs++
		}
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(matchOutput{N: n, M: len(edges), MaxCard: *maxcard, Total: res.Total,
			Pairs: pairs, DualObjective: res.DualObjective, SolveSeconds: solve, Mate: res.Mate})
	}
	fmt.Fprintf(e.stdout, "vertices %d, edges %d\ntotal %g (dual bound %g)\npairs %d\nsolve %.4f s\n\n", n, len(edges), res.Total, res.DualObjective, pairs, solve)
	for v, u := range res.Mate {
		if u > v {
			fmt.Fprintf(e.stdout, "%d %d\n", v, u)
		}
	}
	return nil
}

// finite reports whether x is neither infinite nor NaN.
func finite(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) }
