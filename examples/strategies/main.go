// Command strategies is the researchers' harness: it runs every pairing
// strategy on reproducible synthetic populations of several sizes and shapes,
// several seeds each, and prints a table of the quality metrics and run times
// (means over the seeds). With -png it also draws the chart of each
// strategy's total score relative to the optimum against the population size.
//
// Usage:
//
//	go run ./examples/strategies [-sizes 100,300,1000] [-seeds 3] [-skills 40]
//	    [-shapes pyramid,flat,needy,siloed] [-strategies optimal,maxmin,stable,greedy,random,neediest]
//	    [-png chart.png]
//
// Shapes (skills.SyntheticOptions):
//
//	pyramid  the defaults: six grades, each about 0.55 times the one below
//	flat     as many people in every grade (GradeRatio 1)
//	needy    everyone wants 6–12 skills and 20% have little to teach
//	siloed   two departments with little noise: colleagues resemble each other
//
// neediest is a strategy of the harness's own (neediest.go): it shows how a
// researcher runs a strategy of theirs next to the library's, with the same
// checks and metrics.
//
// The same flags give the same populations and the same pairs on every
// machine; only the times vary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/peermatch/peermatch/pairing"
	"github.com/peermatch/peermatch/skills"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "strategies:", err)
		os.Exit(1)
	}
}

// shapes are the population shapes the harness knows, by name.
var shapes = map[string]skills.SyntheticOptions{
	"pyramid": {},
	"flat":    {GradeRatio: 1},
	"needy":   {WantMin: 6, WantMax: 12, LowSkillFraction: 0.2},
	"siloed":  {Departments: 2, Noise: 0.3},
}

// config is the parsed command line.
type config struct {
	sizes      []int
	seeds      int
	skills     int
	shapes     []string
	strategies []pairing.Strategy
	png        string
}

// cell is the mean, over the seeds, of one strategy's metrics on one size and
// shape.
type cell struct {
	size     int
	shape    string
	strategy string
	pairs    float64
	total    float64
	relative float64 // total / the optimal strategy's total on the same population
	relN     int     // seeds whose optimal total is positive (the others have no ratio)
	min      float64
	equity   float64
	coverage float64
	blocking float64
	noStable int // seeds on which no stable matching exists
	elapsed  time.Duration
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	cfg, err := parse(args)
	if err != nil {
		return err
	}
	cells, err := measure(ctx, cfg)
	if err != nil {
		return err
	}
	if err := writeTable(stdout, cfg, cells); err != nil {
		return err
	}
	if cfg.png != "" {
		if err := chart(cfg, cells); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nchart written to %s\n", cfg.png)
	}
	return nil
}

func parse(args []string) (config, error) {
	fs := flag.NewFlagSet("strategies", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sizes := fs.String("sizes", "100,300,1000", "population sizes, comma-separated")
	seeds := fs.Int("seeds", 3, "populations (seeds 1..N) per size and shape")
	k := fs.Int("skills", 40, "skills per population")
	shapeList := fs.String("shapes", "pyramid,flat,needy,siloed", "population shapes, comma-separated")
	strategyList := fs.String("strategies", "optimal,maxmin,stable,greedy,random,neediest", "strategies, comma-separated")
	png := fs.String("png", "", "write a chart to this file (.png, .svg or .pdf)")
	cfg := config{}
	if err := fs.Parse(args); err != nil {
		return cfg, fmt.Errorf("%w\nusage: strategies [-sizes 100,300,1000] [-seeds 3] [-skills 40] [-shapes …] [-strategies …] [-png FILE]", err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 2 {
			return cfg, fmt.Errorf("-sizes: %q is not a population size ≥ 2", s)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if *seeds < 1 || *k < 1 {
		return cfg, errors.New("-seeds and -skills must be at least 1")
	}
	cfg.seeds, cfg.skills, cfg.png = *seeds, *k, *png
	for _, s := range strings.Split(*shapeList, ",") {
		s = strings.TrimSpace(s)
		if _, ok := shapes[s]; !ok {
			return cfg, fmt.Errorf("-shapes: unknown shape %q (want pyramid, flat, needy or siloed)", s)
		}
		cfg.shapes = append(cfg.shapes, s)
	}
	hasOptimal := false
	for _, s := range strings.Split(*strategyList, ",") {
		st, err := strategyByName(strings.TrimSpace(s))
		if err != nil {
			return cfg, fmt.Errorf("-strategies: %w", err)
		}
		hasOptimal = hasOptimal || st == pairing.Optimal
		cfg.strategies = append(cfg.strategies, st)
	}
	if !hasOptimal { // the reference of the relative totals
		cfg.strategies = append([]pairing.Strategy{pairing.Optimal}, cfg.strategies...)
	}
	return cfg, nil
}

// measure runs every strategy on every population and averages over seeds.
func measure(ctx context.Context, cfg config) ([]cell, error) {
	var cells []cell
	for _, n := range cfg.sizes {
		for _, shape := range cfg.shapes {
			row := make([]cell, len(cfg.strategies))
			for seed := uint64(1); seed <= uint64(cfg.seeds); seed++ {
				r := skills.Synthetic(n, cfg.skills, seed, shapes[shape])
				results := make([]*pairing.Result, len(cfg.strategies))
				optimal := 0.0
				for i, st := range cfg.strategies {
					t0 := time.Now()
					res, err := pairing.Pairs(ctx, r, pairing.Options{Strategy: st, Seed: seed, IgnoreCapacity: true}) // like with like: maxmin and stable pair everyone once
					if err != nil {
						return nil, fmt.Errorf("%s on %d people (%s, seed %d): %w", st.Name(), n, shape, seed, err)
					}
					row[i].elapsed += time.Since(t0)
					results[i] = res
					if st == pairing.Optimal {
						optimal = res.Metrics.Total
					}
				}
				for i, res := range results {
					m, c := res.Metrics, &row[i]
					c.pairs += float64(m.Pairs)
					c.total += m.Total
					if optimal > 0 {
						c.relative += m.Total / optimal
						c.relN++
					} else if m.Total == 0 {
						c.relative++ // nothing to pair: every strategy is optimal
						c.relN++
					}
					c.min += m.Min
					c.equity += m.Equity
					c.coverage += m.WantCoverage
					c.blocking += float64(m.BlockingPairs)
					if res.NoStableMatching {
						c.noStable++
					}
				}
			}
			k := float64(cfg.seeds)
			for i, st := range cfg.strategies {
				c := &row[i]
				c.size, c.shape, c.strategy = n, shape, st.Name()
				c.pairs /= k
				c.total /= k
				if c.relN > 0 {
					c.relative /= float64(c.relN)
				}
				c.min /= k
				c.equity /= k
				c.coverage /= k
				c.blocking /= k
				c.elapsed /= time.Duration(cfg.seeds)
			}
			cells = append(cells, row...)
		}
	}
	return cells, nil
}

func writeTable(w io.Writer, cfg config, cells []cell) error {
	fmt.Fprintf(w, "means over %d seeds; %d skills; total/opt is the total relative to the optimal strategy's on the same population\n\n", cfg.seeds, cfg.skills)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "people\tshape\tstrategy\tpairs\ttotal\ttotal/opt\tmin\tequity\twant cov\tblocking\ttime ms\t")
	for _, c := range cells {
		blocking := fmt.Sprintf("%.1f", c.blocking)
		if c.noStable > 0 {
			blocking += fmt.Sprintf(" (%d unstable)", c.noStable)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.1f\t%.3f\t%.3f\t%.1f\t%.3f\t%.1f%%\t%s\t%.1f\t\n",
			c.size, c.shape, c.strategy, c.pairs, c.total, c.relative, c.min, c.equity, 100*c.coverage, blocking,
			float64(c.elapsed.Microseconds())/1000)
	}
	return tw.Flush()
}

// chart draws, for every strategy, the mean over shapes of total/opt
// against the population size.
func chart(cfg config, cells []cell) error {
	p := plot.New()
	p.Title.Text = "Pairing strategies: total score relative to optimal"
	p.X.Label.Text = "people"
	p.Y.Label.Text = "total / optimal total"
	p.Y.Min, p.Y.Max = 0, 1.05 // the legend sits below the lines, bottom left
	p.Legend.Left = true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(10), vg.Points(10)
	p.Add(plotter.NewGrid())
	var lines []any
	for _, st := range cfg.strategies {
		pts := make(plotter.XYs, len(cfg.sizes))
		for i, n := range cfg.sizes {
			sum, k := 0.0, 0
			for _, c := range cells {
				if c.size == n && c.strategy == st.Name() {
					sum += c.relative
					k++
				}
			}
			pts[i].X, pts[i].Y = float64(n), sum/float64(k)
		}
		lines = append(lines, st.Name(), pts)
	}
	if err := plotutil.AddLinePoints(p, lines...); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	if err := p.Save(7*vg.Inch, 4.5*vg.Inch, cfg.png); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	return nil
}
