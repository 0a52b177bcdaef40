// Package pairing forms complementary buddy pairs from a skills.Roster.
//
// This package is not implemented yet: it holds only this overview.
package pairing
