package main

import (
	"fmt"
	"regexp"
	"strconv"
)

// flagValueError matches the flag package's message for a value its flag
// refused: invalid value "VALUE" for flag -NAME: WHY.
var flagValueError = regexp.MustCompile(`(?s)^invalid value ("(?:[^"\\]|\\.)*") for flag (-\S+): (.*)$`)

// maxEchoRunes is how much of a refused flag value a usage error echoes:
// enough to recognise it, not a screenful (a never-pair list of a
// thousand ids).
const maxEchoRunes = 48

// flagErrorText returns the message of a flag parsing error, with a long
// refused value shortened to its first maxEchoRunes characters and its
// length. O(len(msg)).
func flagErrorText(err error) string {
	msg := err.Error()
	m := flagValueError.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	v, uerr := strconv.Unquote(m[1])
	r := []rune(v)
	if uerr != nil || len(r) <= maxEchoRunes {
		return msg
	}
	return fmt.Sprintf("invalid value %s (%d bytes) for flag %s: %s", strconv.Quote(string(r[:maxEchoRunes])+"…"), len(v), m[2], m[3])
}
