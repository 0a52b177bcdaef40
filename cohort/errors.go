package cohort

import "errors"

// ErrSizes is wrapped by the error Form returns when the group sizes cannot
// partition the people to be grouped. The message says which sizes or head
// counts would work.
var ErrSizes = errors.New("group sizes cannot partition the roster")

// ErrInfeasible is wrapped by the error Form returns when the hard rules
// (keep-together, keep-apart, no manager with a direct report, grade band)
// cannot all be met.
var ErrInfeasible = errors.New("hard rules cannot be met")

// ErrUnknownID is wrapped by the error Form returns when a keep-together or
// keep-apart list names an id that is not in the roster.
var ErrUnknownID = errors.New("unknown person id")

// ErrInvalidOptions is wrapped by the error Form returns for invalid
// options, such as a minimum size above the maximum or a NaN weight (the
// same name as pairing's and schedule's).
var ErrInvalidOptions = errors.New("invalid options")

// ErrOptions is the former name of ErrInvalidOptions.
//
// Deprecated: use ErrInvalidOptions.
var ErrOptions = ErrInvalidOptions

// ErrFormat is wrapped by the error ReadJSON returns for input that is not a
// groups document.
var ErrFormat = errors.New("invalid groups document")
