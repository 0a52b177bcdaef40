package plural

import (
	"fmt"
	"testing"
)

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n          int
		word, text string
	}{
		{0, "mentors", "0 mentors"},
		{1, "mentor", "1 mentor"},
		{2, "mentors", "2 mentors"},
		{-1, "mentors", "-1 mentors"},
	} {
		if got := Word(tc.n, "mentor", "mentors"); got != tc.word {
			t.Errorf("Word(%d) = %q, want %q", tc.n, got, tc.word)
		}
		if got := Count(tc.n, "mentor", "mentors"); got != tc.text {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.text)
		}
	}
}

func ExampleCount() {
	fmt.Println(Count(1, "mentee", "mentees"), "and", Count(3, "mentor", "mentors"))
	// Output: 1 mentee and 3 mentors
}
