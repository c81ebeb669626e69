//go:build race

package exact

// raceEnabled is true under the race detector, whose sync.Pool drops
// values at random: math/big then allocates its scratch space anew.
const raceEnabled = true
