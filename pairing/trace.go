package pairing

import "github.com/peermatch/peermatch/internal/matching"

// traceHook, when set (tests), receives progress lines of the sparse solve.
var traceHook func(format string, args ...any)

func tracef(format string, args ...any) {
	if traceHook != nil {
		traceHook(format, args...)
	}
}

// dumpHook, when set (tests), receives the graph of every solve.
var dumpHook func(round, n int, es []matching.Edge)
