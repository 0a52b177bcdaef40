package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/peermatch/peermatch/assign"
)

func init() {
	register(&command{
		name:    "assign",
		args:    "FILE [--json]",
		summary: "solve a rectangular assignment instance (researchers' format)",
		help: fmt.Sprintf(`Reads an assignment instance (first line "r c", then r lines of c benefits;
"-inf" marks a forbidden cell) and prints the maximum-benefit assignment: its
total, each row's column and the solve time (parsing excluded).

limits: at most %d rows, %d columns and %d cells
(checked on the header line before anything is read), benefits finite with
magnitude at most %g ("-inf" forbids a cell); an instance beyond them is an
error naming the line, the value and the limit.

flags:
  --json   one JSON object on one line: total, solve_seconds, assignment (column of each row, -1 if none)

examples:
  peermatch assign benefits.txt
  peermatch assign benefits.txt --json`, assign.MaxDim, assign.MaxDim, assign.MaxCells, float64(assign.MaxBenefit)),
		run: runAssign,
	})
}

// assignOutput is the JSON object printed by `peermatch assign --json`.
type assignOutput struct {
	Rows         int     `json:"rows"`
	Cols         int     `json:"cols"`
	Total        float64 `json:"total"`
	SolveSeconds float64 `json:"solve_seconds"`
	Assignment   []int   `json:"assignment"`
}

func runAssign(ctx context.Context, e *env, args []string) error {
	c := commands["assign"]
	fs := newFlags(c)
	asJSON := fs.Bool("json", false, "write JSON")
	path, err := fileArg(c, fs, args)
	if err != nil {
		return err
	}
	f, err := openInput(path, "an assignment instance")
	if err != nil {
		return err
	}
	rows, cols, benefit, err := assign.ReadInstance(bufio.NewReader(f))
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// The solvers allocate their working arrays once; a less eager garbage
	// collector keeps it from rescanning the instance while they run.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	stop := startProgress(e, "assigning")
	start := time.Now()
	res, err := assign.Solve(ctx, rows, cols, benefit)
	solve := time.Since(start).Seconds()
	stop()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !finite(res.Total) {
		// Unreachable with benefits within assign.MaxBenefit; kept so that
		// no output, --json least of all, ever carries an infinite number.
		return fmt.Errorf("%s: total %g: not finite", path, res.Total)
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(assignOutput{Rows: rows, Cols: cols, Total: res.Total, SolveSeconds: solve, Assignment: res.RowCol})
	}
	fmt.Fprintf(e.stdout, "rows %d, columns %d\ntotal %g\nsolve %.4f s\n\nrow column\n", rows, cols, res.Total, solve)
	for r, col := range res.RowCol {
		if col >= 0 {
			fmt.Fprintf(e.stdout, "%d %d\n", r, col)
		}
	}
	return nil
}
