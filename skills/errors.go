package skills

import "errors"

// ErrInvalidRoster is wrapped by every error that reports a problem with a
// roster or its input file.
var ErrInvalidRoster = errors.New("invalid roster")
