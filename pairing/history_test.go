package pairing

import (
	"bytes"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/peermatch/peermatch/skills"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zeros is an endless reader of zero bytes, like /dev/zero; it counts what
// was read.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

// TestReadHistoryLimit: issue 20's `--history /dev/zero` reached 4.4 GB; now
// reading stops one byte past MaxHistoryBytes with an error naming it.
func TestReadHistoryLimit(t *testing.T) {
	z := &zeros{}
	_, err := ReadHistory(z)
	require.ErrorIs(t, err, ErrInvalidHistory)
	assert.Contains(t, err.Error(), "limit of 67108864 bytes (64 MiB)")
	assert.Contains(t, err.Error(), "at byte 67108865")
	assert.LessOrEqual(t, z.n, int64(MaxHistoryBytes+64<<10), "read far past the limit")

	// At the limit exactly, the input is read.
	row := "round,a,b\n"
	in := row + strings.Repeat("1,x,y\n", (100-len(row))/6)
	h, err := readHistory(strings.NewReader(in), int64(len(in)))
	require.NoError(t, err)
	assert.Len(t, h.Rounds, 1)
	_, err = readHistory(strings.NewReader(in+"2,x,y\n"), int64(len(in)))
	require.ErrorIs(t, err, ErrInvalidHistory)
	assert.Contains(t, err.Error(), "limit of 100 bytes: reading stopped at byte 101")
}

// FuzzReadHistoryLimit reads fuzzer-made histories under a small size limit:
// an input beyond it is an error that names the limit, anything else is
// read as ReadHistory reads it, and nothing panics.
func FuzzReadHistoryLimit(f *testing.F) {
	f.Add([]byte("round,a,b\n1,x,y\n2,x,\n"), uint16(64))
	f.Add([]byte(`{"pairs":[{"a":"x","b":"y"}],"unmatched":[{"id":"z"}]}`), uint16(16))
	f.Add([]byte(`[{"round":3,"pairs":[{"a":"x","b":"y","c":"z"}]}]`), uint16(1000))
	f.Add(make([]byte, 300), uint16(256)) // /dev/zero, shortened
	f.Add([]byte("round,a,b\n1,a\x1b[2J,b\n"), uint16(100))
	f.Fuzz(func(t *testing.T, data []byte, limit uint16) {
		h, err := readHistory(bytes.NewReader(data), int64(limit))
		if len(data) > int(limit) {
			require.ErrorIs(t, err, ErrInvalidHistory)
			require.Contains(t, err.Error(), "longer than the limit")
			return
		}
		h2, err2 := ReadHistory(io.MultiReader(bytes.NewReader(data)))
		require.Equal(t, err == nil, err2 == nil)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidHistory)
			return
		}
		require.Equal(t, h2, h)
	})
}

// TestHistoryExtremeRounds checks round numbers at the ends of int and
// below 0: a repeat's age is last − round + 1 without overflow (round
// math.MinInt under a last round math.MaxInt is ancient, its penalty
// decayed to nothing, not doubled as an age of 0 made it), the last round
// of a history numbered below 0 is its largest number (its unmatched get
// the bonus), and Add after round math.MaxInt does not wrap to the oldest.
func TestHistoryExtremeRounds(t *testing.T) {
	r := skills.Synthetic(30, 6, 2, skills.SyntheticOptions{})
	free, err := NewScorer(r, Options{EarlierRounds: EarlierRounds{Repeats: AllowRepeats}})
	require.NoError(t, err)
	var pairs [][2]int
	for i := 0; i < free.Len() && len(pairs) < 2; i++ {
		for j := i + 1; j < free.Len() && len(pairs) < 2; j++ {
			if w, ok := free.Weight(i, j); ok && w > 0 && (len(pairs) == 0 || pairs[0][0] != i && pairs[0][1] != j && pairs[0][1] != i) {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	}
	require.Len(t, pairs, 2)
	group := func(x int) []string { return []string{free.ID(pairs[x][0]), free.ID(pairs[x][1])} }
	weight := func(s *Scorer, x int) float64 {
		w, _ := s.Weight(pairs[x][0], pairs[x][1])
		return w
	}
	base0, base1 := weight(free, 0), weight(free, 1)

	h := &History{Rounds: []Round{
		{Round: math.MinInt, Groups: [][]string{group(0)}},
		{Round: math.MaxInt, Groups: [][]string{group(1)}},
	}}
	s, err := NewScorer(r, Options{EarlierRounds: EarlierRounds{History: h, Repeats: PenaliseRepeats}})
	require.NoError(t, err)
	assert.InDelta(t, base0, weight(s, 0), 1e-9, "an ancient repeat costs nothing")
	assert.InDelta(t, math.Max(base1-1, 0), weight(s, 1), 1e-9, "the last round's repeat costs RepeatPenalty")

	// rounds −2 and −1: −1 is the last
	neg := &History{Rounds: []Round{
		{Round: -2, Groups: [][]string{group(0)}},
		{Round: -1, Unmatched: []string{free.ID(pairs[1][0])}},
	}}
	s, err = NewScorer(r, Options{EarlierRounds: EarlierRounds{History: neg, Repeats: PenaliseRepeats, RepeatPenalty: 0.01}})
	require.NoError(t, err)
	assert.InDelta(t, math.Max(base0-0.005, 0), weight(s, 0), 1e-9, "a repeat one round before the last costs half")
	assert.InDelta(t, base1+0.25, weight(s, 1), 1e-9, "the unmatched of round −1 get the bonus")

	h.Add(&Result{})
	assert.Equal(t, math.MaxInt, h.Rounds[2].Round)
	neg.Add(&Result{})
	assert.Equal(t, 0, neg.Rounds[2].Round)
	empty := &History{}
	empty.Add(&Result{})
	assert.Equal(t, 1, empty.Rounds[0].Round)
}

// TestReadHistoryRepeatedMember checks that a pair or trio naming one
// person twice is an error naming the person and the place, not a group
// kept and then ignored.
func TestReadHistoryRepeatedMember(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"round,a,b\n1,x,y\n1,x,x\n", `line 3: "x" is named twice`},
		{"round,a,b,c\n1,x,y,x\n", `line 2: "x" is named twice`},
		{`{"pairs":[{"a":"x","b":"y"},{"a":"z","b":"z"}]}`, `round 1, pair 2: "z" is named twice`},
		{`{"pairs":[{"a":"x","b":"y","c":"y"}]}`, `round 1, pair 1: "y" is named twice`},
	} {
		_, err := ReadHistory(strings.NewReader(c.in))
		require.ErrorIs(t, err, ErrInvalidHistory, c.in)
		assert.Contains(t, err.Error(), c.want)
	}
	h, err := ReadHistory(strings.NewReader("round,a,b,c\n1,x,y,z\n1,x,w\n"))
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"x", "y", "z"}, {"x", "w"}}, h.Rounds[0].Groups)
}
