package assign_test

import (
	"context"
	"fmt"
	"math"

	"github.com/peermatch/peermatch/assign"
	"gonum.org/v1/gonum/mat"
)

// Three mentors (rows) and four mentees (columns); mentor 1 may not take
// mentee 0. Every mentor receives a distinct mentee, maximising the total.
func ExampleSolve() {
	forbidden := math.Inf(-1)
	benefit := []float64{
		7, 3, 1, 2,
		forbidden, 6, 5, 1,
		8, 2, 4, 3,
	}
	res, err := assign.Solve(context.Background(), 3, 4, benefit)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("mentee of each mentor:", res.RowCol)
	fmt.Println("mentor of each mentee:", res.ColRow)
	fmt.Println("total:", res.Total)
	fmt.Println("certified:", assign.Verify(3, 4, benefit, res) == nil)
	// Output:
	// mentee of each mentor: [0 1 2]
	// mentor of each mentee: [0 1 2 -1]
	// total: 17
	// certified: true
}

// A row whose every cell is forbidden makes the problem infeasible.
func ExampleSolve_infeasible() {
	forbidden := math.Inf(-1)
	_, err := assign.Solve(context.Background(), 2, 2, []float64{1, 2, forbidden, forbidden})
	fmt.Println(err)
	// Output:
	// assign: infeasible: row 1 cannot be assigned: every cell is forbidden
}

// A gonum matrix of benefits: two mentors, three mentees, mentor 1 may not
// take mentee 2.
func ExampleMatrix() {
	benefit := mat.NewDense(2, 3, []float64{
		1, 5, 2,
		4, 6, math.Inf(-1),
	})
	res, err := assign.Matrix(context.Background(), benefit)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("mentee of each mentor:", res.RowCol, "total:", res.Total)
	fmt.Println("certified:", assign.Verify(2, 3, benefit.RawMatrix().Data, res) == nil)
	// Output:
	// mentee of each mentor: [1 0] total: 9
	// certified: true
}
