package htmlreport_test

import (
	"testing"
	"time"
)

// took starts timing a phase of a browser check; the func it returns
// logs how long the phase took (seen with go test -v), so that a slow
// phase shows.
func took(t *testing.T, phase string) func() {
	t.Helper()
	start := time.Now()
	return func() {
		t.Helper()
		t.Logf("%s: %v", phase, time.Since(start).Round(time.Millisecond))
	}
}
