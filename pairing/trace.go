package pairing

// traceHook, when set (tests), receives progress lines of the sparse solve.
var traceHook func(format string, args ...any)

func tracef(format string, args ...any) {
	if traceHook != nil {
		traceHook(format, args...)
	}
}
