// Package schedule plans a year of sessions for learning groups and
// check-ins for buddy pairs, and exports them as calendar files.
//
// This package is not implemented yet: it holds only this overview.
package schedule
