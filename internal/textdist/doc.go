// Package textdist measures how far apart two short strings are, for the
// "did you mean" suggestions of the readers and the command line.
package textdist
