package matching

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrFormat is wrapped by the errors ReadInstance returns for malformed
// text.
var ErrFormat = errors.New("matching: bad instance format")

// ReadInstance reads a matching instance in the text format of the
// benchmarks: a first line "n m", then m lines "u v w" with 0-based vertices and a
// float weight ("-inf" allowed; finite weights of magnitude at most
// MaxWeight, as Sparse requires). Blank lines are skipped. Errors wrap
// ErrFormat, ErrInvalidInput or ErrInvalidWeight and name the line.
//
// The header is checked against MaxVertices and MaxEdges before anything
// is allocated, and memory grows with the lines actually read, not with
// the header: a hostile header cannot make ReadInstance (or the Sparse
// solve of what it returns) allocate unbounded memory.
// ReadInstance runs in O(m) time.
func ReadInstance(r io.Reader) (n int, edges []Edge, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	next := func() ([]string, bool) {
		for sc.Scan() {
			line++
			f := strings.Fields(sc.Text())
			if len(f) > 0 {
				return f, true
			}
		}
		return nil, false
	}
	f, ok := next()
	if !ok {
		if err := sc.Err(); err != nil {
			return 0, nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line+1, err)
		}
		return 0, nil, fmt.Errorf("%w: empty input, want header \"n m\"", ErrFormat)
	}
	if len(f) != 2 {
		return 0, nil, fmt.Errorf("%w: line %d: header has %d fields, want \"n m\"", ErrFormat, line, len(f))
	}
	n, err1 := strconv.Atoi(f[0])
	m, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil {
		return 0, nil, fmt.Errorf("%w: line %d: header %q is not two integers", ErrFormat, line, strings.Join(f, " "))
	}
	if n < 0 || n > MaxVertices {
		return 0, nil, fmt.Errorf("%w: line %d: n = %d out of range [0, %d] (MaxVertices)", ErrInvalidInput, line, n, MaxVertices)
	}
	if m < 0 || m > MaxEdges {
		return 0, nil, fmt.Errorf("%w: line %d: m = %d out of range [0, %d] (MaxEdges)", ErrInvalidInput, line, m, MaxEdges)
	}
	edges = make([]Edge, 0, min(m, 1<<16))
	for k := range m {
		f, ok := next()
		if !ok {
			if err := sc.Err(); err != nil {
				return 0, nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line+1, err)
			}
			return 0, nil, fmt.Errorf("%w: line %d: found %d edges, header says %d", ErrFormat, line, k, m)
		}
		if len(f) != 3 {
			return 0, nil, fmt.Errorf("%w: line %d: %d fields, want \"u v w\"", ErrFormat, line, len(f))
		}
		u, err1 := strconv.Atoi(f[0])
		v, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			return 0, nil, fmt.Errorf("%w: line %d: vertices %q %q are not integers", ErrFormat, line, f[0], f[1])
		}
		w, err := strconv.ParseFloat(f[2], 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, nil, fmt.Errorf("%w: line %d: weight %q is not a number", ErrFormat, line, f[2])
		}
		if err != nil {
			// Beyond the float64 range ParseFloat gives ±Inf or 0: reject
			// rather than read "-1e400" as a forbidden edge.
			return 0, nil, fmt.Errorf("%w: line %d: weight %q out of the float64 range", ErrInvalidWeight, line, f[2])
		}
		if u < 0 || u >= n || v < 0 || v >= n {
			return 0, nil, fmt.Errorf("%w: line %d: edge {%d, %d}: vertex out of range [0, %d)", ErrInvalidInput, line, u, v, n)
		}
		if u == v {
			return 0, nil, fmt.Errorf("%w: line %d: self-loop {%d, %d}", ErrInvalidInput, line, u, v)
		}
		if msg := checkWeight(w); msg != "" {
			return 0, nil, fmt.Errorf("%w: line %d: weight %q: %s", ErrInvalidWeight, line, f[2], msg)
		}
		edges = append(edges, Edge{U: u, V: v, W: w})
	}
	if f, ok := next(); ok {
		return 0, nil, fmt.Errorf("%w: line %d: unexpected %q after %d edges", ErrFormat, line, strings.Join(f, " "), m)
	}
	if err := sc.Err(); err != nil {
		return 0, nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line+1, err)
	}
	return n, edges, nil
}

// WriteInstance writes a matching instance in the text format read by
// ReadInstance. Weights are written in the shortest form that reads back
// to the same float64 ("-Inf" for a forbidden edge). It does not check the
// edges and returns only the writer's error. It runs in O(m) time.
func WriteInstance(w io.Writer, n int, edges []Edge) error {
	bw := bufio.NewWriter(w)
	buf := make([]byte, 0, 64)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, int64(len(edges)), 10)
	buf = append(buf, '\n')
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	for _, e := range edges {
		buf = strconv.AppendInt(buf[:0], int64(e.U), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(e.V), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendFloat(buf, e.W, 'g', -1, 64)
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}
