package htmlreport_test

import (
	"bytes"
	"testing"

	"github.com/csatkit/csat/io/htmlreport"
)

// BenchmarkRender renders the full report (every section, ten charts)
// into a buffer kept from run to run: the time and memory of Render
// itself, the chart library's megabyte included.
func BenchmarkRender(b *testing.B) {
	rep := full(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := htmlreport.Render(&buf, rep, htmlreport.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
