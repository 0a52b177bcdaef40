package textdist

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"kitten", "sitting", 3},
		{"valdate", "validate", 1}, {"pairs", "pair", 1}, {"flaw", "lawn", 2},
		{strings.Repeat("x", MaxLen+1), "x", MaxLen + 1},
	} {
		assert.Equal(t, tc.want, Levenshtein(tc.a, tc.b), "%q %q", tc.a, tc.b)
	}
}
