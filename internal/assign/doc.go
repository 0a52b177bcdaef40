// Package assign solves the rectangular linear assignment problem
// (maximum-benefit) with shortest augmenting paths, as described by
// Jonker and Volgenant and refined by Crouse (2016).
//
// It is internal to peermatch: library users call pairing.Assign.
package assign
