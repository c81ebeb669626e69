//go:build unix

package csatbeam

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the process has used,
// for BenchmarkPipeline's cpu-ms/op: the machine may be shared, and the
// wall time then depends on the other jobs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
