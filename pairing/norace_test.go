//go:build !race

package pairing

// raceOn reports that the race detector is on (see race_test.go).
const raceOn = false
