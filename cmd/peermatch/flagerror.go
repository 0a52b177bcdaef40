package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// flagValueError matches the flag package's message for a value its flag
// refused: invalid value "VALUE" for flag -NAME: WHY.
var flagValueError = regexp.MustCompile(`(?s)^invalid value ("(?:[^"\\]|\\.)*") for flag (-\S+): (.*)$`)

// maxEchoRunes is how much of a refused flag value a usage error echoes:
// enough to recognise it, not a screenful (a never-pair list of a
// thousand ids).
const maxEchoRunes = 48

// undefinedFlag is the flag package's message for an unknown flag.
const undefinedFlag = "flag provided but not defined: "

// shortEcho returns s when it has at most maxEchoRunes characters, and
// otherwise its first maxEchoRunes characters, "…" and its length, so that
// an argument pasted by mistake (a whole file) is not echoed a screenful
// long. O(len(s)).
func shortEcho(s string) string {
	if r := []rune(s); len(r) > maxEchoRunes {
		return fmt.Sprintf("%s… (%d bytes)", string(r[:maxEchoRunes]), len(s))
	}
	return s
}

// flagErrorText returns the message of a flag parsing error, with a long
// refused value, or a long unknown flag, shortened to its first
// maxEchoRunes characters and its length. O(len(msg)).
func flagErrorText(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, undefinedFlag); ok {
		return undefinedFlag + shortEcho(name)
	}
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
