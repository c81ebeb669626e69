package main

import (
	"io"
	"testing"
	"time"
)

// BenchmarkCommand runs the command in process on the sample data
// directory (97 rows), as `csat score testdata/sample` and `csat report`
// do, without the process start. Issue 22's target for `csat score
// testdata/sample`: ≤ 0.1 s.
//
//	go test -run '^$' -bench Command -benchmem -count 6 ./cmd/csat
func BenchmarkCommand(b *testing.B) {
	day := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"score-sample", []string{"score", "../../testdata/sample"}},
		{"report-sample", []string{"report", "../../testdata/sample", "-o", "-"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e := &env{stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return day }}
				if code := run(e, tc.args); code != 0 {
					b.Fatalf("csat %v: exit %d", tc.args, code)
				}
			}
		})
	}
}
