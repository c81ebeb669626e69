//go:build unix

package sheet

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user + system) of the process so far:
// under a shared machine's load it varies less than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
