package pairing

// traceHook, when set (tests), receives progress lines of the sparse solve.
var traceHook func(format string, args ...any)

// tracef sends one progress line to traceHook, if set.
func tracef(format string, args ...any) {
	if traceHook != nil {
		traceHook(format, args...)
	}
}
