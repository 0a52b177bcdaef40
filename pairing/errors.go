package pairing

import (
	"context"
	"errors"
	"fmt"

	"github.com/peermatch/peermatch/assign"
	"github.com/peermatch/peermatch/matching"
)

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
	// ErrInvalidWeight is wrapped by the errors of Pairs and Mentor when
	// the exact solver (package matching or assign) rejects the weights
	// built from the roster and options, or their number; the error keeps
	// the solver's message and sentinel.
	ErrInvalidWeight = errors.New("pairing: invalid weight")
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

// solverErr wraps the errors of packages matching and assign about the
// input in ErrInvalidWeight, keeping the solver's message and sentinel, so
// that callers of this package test one sentinel; cancellation and other
// errors pass through.
func solverErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, matching.ErrInvalidWeight), errors.Is(err, matching.ErrInvalidInput),
		errors.Is(err, assign.ErrInvalidBenefit), errors.Is(err, assign.ErrSize):
		return fmt.Errorf("%w: %w", ErrInvalidWeight, err)
	}
	return err
}
