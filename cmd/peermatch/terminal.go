package main

import (
	"os"
	"strings"

	"github.com/peermatch/peermatch/internal/termsafe"
)

// isTerminal reports whether f is a character device (a terminal), so that
// progress is written only to people and never into pipes or files.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}

// safeMessage makes an error message or warning safe to print: each line
// passes through termsafe.Text, keeping the line breaks and the tabs that
// start a line (the layout of an error listing several problems). Library
// errors quote values with %q, so a line break in a message is layout, not
// data; an escape sequence anywhere shows as \x1b. Every message that may
// echo input is printed through it, in run and readRoster.
func safeMessage(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		rest := strings.TrimLeft(l, "\t")
		lines[i] = l[:len(l)-len(rest)] + termsafe.Text(rest)
	}
	return strings.Join(lines, "\n")
}
