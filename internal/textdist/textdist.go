package textdist

// MaxLen is the longest string Levenshtein compares in full: a longer a is
// reported as len(a) away, so that a hostile header or flag costs O(MaxLen·len(b))
// at most.
const MaxLen = 64

// Levenshtein returns the number of single-byte insertions, deletions and
// substitutions that turn a into b, or len(a) when a is longer than
// MaxLen. It takes O(min(len(a), MaxLen)·len(b)) time and O(len(b)) space.
func Levenshtein(a, b string) int {
	if len(a) > MaxLen {
		return len(a)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
