package csi

import (
	"context"
	"testing"
)

// BenchmarkEstimateECSI: the ECSI model on mobi from form.Stats (250
// forms, 24 indicators), co-moments to estimates.
func BenchmarkEstimateECSI(b *testing.B) {
	st := statsOf(b, tenPoint(b), mobiForms(b))
	m := ECSI()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Estimate(m, st, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBootstrapECSI: 100 resamples of mobi on one worker; the
// resamples/s metric is per CPU.
func BenchmarkBootstrapECSI(b *testing.B) {
	d, err := NewData(ECSI(), tenPoint(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range mobiForms(b) {
		if err := d.Add(f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: 100, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100*float64(b.N)/b.Elapsed().Seconds(), "resamples/s")
}
