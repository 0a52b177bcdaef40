// Package plural writes counted nouns in English for the messages
// peermatch prints: one definition of "1 mentor" / "3 mentors" for every
// package.
package plural

import "strconv"

// Word returns one when n is 1 and many otherwise: Word(n, "member",
// "members"). O(1).
func Word(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count returns n followed by its noun: "1 other", "0 others", "3 others"
// for Count(n, "other", "others"). O(1).
func Count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Word(n, one, many)
}
