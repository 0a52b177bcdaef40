package pairing

// traceHook, when set (tests), receives progress lines of the sparse solve.
var traceHook func(format string, args ...any)

// tracef sends one progress line to traceHook, if set.
func tracef(format string, args ...any) {
	if traceHook != nil {
		traceHook(format, args...)
	}
}

// Switches for measuring what a part of the sparse solve buys, set by
// TestTrace from the environment; they keep their values in normal use.
var (
	// coldRounds makes every pricing round solve from scratch
	// (PEERMATCH_TRACE_COLD=1).
	coldRounds bool
	// warmRounds starts every round from the previous certificate, also
	// after a pricing round with more violators than people
	// (PEERMATCH_TRACE_WARM=1).
	warmRounds bool
	// lowByScore ranks the low-side partners by score alone instead of
	// q_ij − s_j (PEERMATCH_TRACE_LOWSCORE=1).
	lowByScore bool
	// reserveMul sets the reserve of the candidate search to
	// reserveMul·CandidateK (PEERMATCH_TRACE_RESERVE=N; 4 otherwise).
	reserveMul = 4
)
