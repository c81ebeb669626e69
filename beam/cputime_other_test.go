//go:build !unix

package csatbeam

import "time"

// cpuTime is not measured here: BenchmarkPipeline's cpu-ms/op is 0.
func cpuTime() time.Duration { return 0 }
