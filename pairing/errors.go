package pairing

import "errors"

var (
	// ErrInvalidOptions is wrapped by errors that report a bad Options or
	// MentorOptions value (a NaN weight, a pin naming an unknown person, …).
	ErrInvalidOptions = errors.New("pairing: invalid options")
	// ErrUnknownPerson is wrapped by errors about an id that is not in the
	// roster.
	ErrUnknownPerson = errors.New("pairing: unknown person")
	// ErrPinBreaksRule is wrapped by the error returned when a pinned pair
	// breaks a hard eligibility rule; the message names the rule.
	ErrPinBreaksRule = errors.New("pairing: pinned pair breaks a rule")
	// ErrInvalidWeight is wrapped by errors about a NaN or +Inf weight or
	// benefit, or a weight matrix of the wrong shape, given to Match,
	// MatchEdges or Assign.
	ErrInvalidWeight = errors.New("pairing: invalid weight")
	// ErrInfeasible is wrapped by the error of Assign when no assignment
	// covers every row (or every column, when there are more rows than
	// columns) without a forbidden cell.
	ErrInfeasible = errors.New("pairing: infeasible assignment")
	// ErrInvalidHistory is wrapped by the errors of ReadHistory.
	ErrInvalidHistory = errors.New("pairing: invalid history")
	// ErrInvalidStrategy is wrapped by the error of Pairs when a
	// Strategy's Match returns a pair that breaks a rule, a person twice, a
	// pinned person or a number out of range.
	ErrInvalidStrategy = errors.New("pairing: strategy returned invalid pairs")
	// ErrEmptyRoster is wrapped by errors about a roster that is nil or has
	// no skill catalog.
	ErrEmptyRoster = errors.New("pairing: empty roster")
)
