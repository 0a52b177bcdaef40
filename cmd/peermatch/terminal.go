package main

import "os"

// isTerminal reports whether f is a character device (a terminal), so that
// progress is written only to people and never into pipes or files.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}
