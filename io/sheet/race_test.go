//go:build race

package sheet

// raceEnabled is true under the race detector, which makes the large
// streaming tests too slow to be worth running.
const raceEnabled = true
