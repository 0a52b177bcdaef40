//go:build race

package pairing

// raceOn reports that the race detector is on: the heaviest tests then
// run on fewer or smaller rosters, so that CI stays within its time.
const raceOn = true
