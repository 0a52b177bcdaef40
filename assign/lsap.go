package assign

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/peermatch/peermatch/internal/plural"
)

// errHall reports that an augmentation found no path: the rows labelled in
// s.sr can only reach the columns in s.sc, one fewer than their number.
var errHall = errors.New("no augmenting path")

// solver holds the state of the shortest augmenting path algorithm on an
// nr×nc cost matrix with nr <= nc (minimisation; +Inf is forbidden).
type solver struct {
	nr, nc  int
	cost    []float64
	u, v    []float64 // row and column potentials: u[i]+v[j] <= cost(i,j)
	spc     []float64 // shortest path cost to each column
	path    []int     // predecessor row of each column on the shortest path
	col4row []int
	row4col []int
	sr      []bool // rows labelled in the current augmentation
	sc      []bool // columns labelled in the current augmentation
}

func newSolver(nr, nc int, cost []float64) *solver {
	s := &solver{
		nr: nr, nc: nc, cost: cost,
		u:       make([]float64, nr),
		v:       make([]float64, nc),
		spc:     make([]float64, nc),
		path:    make([]int, nc),
		col4row: make([]int, nr),
		row4col: make([]int, nc),
		sr:      make([]bool, nr),
		sc:      make([]bool, nc),
	}
	for i := range s.col4row {
		s.col4row[i] = -1
	}
	for j := range s.row4col {
		s.row4col[j] = -1
	}
	return s
}

// run assigns every row, one shortest augmenting path per row. It performs
// no allocation.
func (s *solver) run(ctx context.Context) error {
	for cur := 0; cur < s.nr; cur++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		sink, minVal := s.augmentingPath(cur)
		if sink < 0 {
			return errHall
		}
		// Update the potentials.
		s.u[cur] += minVal
		for i, lab := range s.sr {
			if lab && i != cur {
				s.u[i] += minVal - s.spc[s.col4row[i]]
			}
		}
		for j, lab := range s.sc {
			if lab {
				s.v[j] -= minVal - s.spc[j]
			}
		}
		// Augment along the path back from the sink.
		for j := sink; ; {
			i := s.path[j]
			s.row4col[j] = i
			j, s.col4row[i] = s.col4row[i], j
			if i == cur {
				break
			}
		}
	}
	return nil
}

// augmentingPath runs Dijkstra on reduced costs from the free row start and
// returns the first free column reached (or -1 if none can be reached) and
// the length of the shortest path to it.
func (s *solver) augmentingPath(start int) (sink int, minVal float64) {
	nc := s.nc
	clear(s.sr)
	clear(s.sc)
	spc := s.spc[:nc]
	path := s.path[:nc]
	row4col := s.row4col[:nc]
	v := s.v[:nc]
	for j := range spc {
		spc[j] = math.Inf(1)
	}
	sc := s.sc[:nc]
	i := start
	sink = -1
	for sink == -1 {
		s.sr[i] = true
		crow := s.cost[i*nc : (i+1)*nc : (i+1)*nc]
		base := minVal - s.u[i]
		index := -1
		lowest := math.Inf(1)
		for j, done := range sc {
			if done {
				continue
			}
			r := base + crow[j] - v[j]
			c := spc[j]
			if r < c {
				path[j] = i
				spc[j] = r
				c = r
			}
			if c < lowest || (c == lowest && row4col[j] == -1) {
				lowest = c
				index = j
			}
		}
		minVal = lowest
		if math.IsInf(minVal, 1) || index < 0 {
			return -1, minVal
		}
		j := index
		if row4col[j] == -1 {
			sink = j
		} else {
			i = row4col[j]
		}
		sc[j] = true
	}
	return sink, minVal
}

// hallWitness describes the set of rows (of the possibly transposed problem)
// labelled by the failed augmentation, which together reach fewer columns
// than their number.
func (s *solver) hallWitness(side, other string) string {
	var rows []int
	for i, lab := range s.sr {
		if lab {
			rows = append(rows, i)
		}
	}
	ncols := 0
	for _, lab := range s.sc {
		if lab {
			ncols++
		}
	}
	var b strings.Builder
	const show = 10
	for k, i := range rows {
		if k == show {
			fmt.Fprintf(&b, " … (%d more)", len(rows)-show)
			break
		}
		if k > 0 {
			b.WriteString(" ")
		}
		fmt.Fprint(&b, i)
	}
	return fmt.Sprintf("the %s [%s] can use only %s between them", plural.Count(len(rows), side, side+"s"), b.String(), plural.Count(ncols, other, other+"s"))
}
