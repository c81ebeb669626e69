package sheet

import (
	"bytes"
	"testing"

	"github.com/csatkit/csat"
)

// surveyCSV generates n rows item,source,level with Chinese labels, as
// csat's BenchmarkReadTableCSV and the benchmark harness (bench/run) do.
func surveyCSV(n int) []byte {
	items := []string{"功能", "外观", "包装", "交货期", "服务质量", "可靠性", "售后服务"}
	sources := []string{csat.SourceSurvey, csat.SourceSurvey, csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor}
	levels := []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
	var b bytes.Buffer
	b.WriteString("item,source,level\n")
	x := uint32(7)
	for range n {
		x = x*1664525 + 1013904223
		b.WriteString(items[(x>>8)%7])
		b.WriteByte(',')
		b.WriteString(sources[(x>>16)%5])
		b.WriteByte(',')
		b.WriteString(levels[(x>>24)%5])
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkReadAnswers reads a 1M-row long survey with ReadAnswers, the
// reader of csat score, beside csat.ReadTableCSV on the same bytes
// (BenchmarkReadTableCSV in the root reads the same rows). Besides the
// wall time it reports the process's CPU time per read (cpu-ns/op, on
// Unix), which a shared machine's load disturbs less.
func BenchmarkReadAnswers(b *testing.B) {
	data := surveyCSV(1_000_000)
	read := map[string]func() error{
		"long/rows=1M": func() error {
			_, _, err := ReadAnswersFrom(bytes.NewReader(data), "b.csv", nil)
			return err
		},
		"ReadTableCSV/rows=1M": func() error {
			_, err := csat.ReadTableCSV(bytes.NewReader(data), csat.FivePoint(), nil)
			return err
		},
	}
	for _, name := range []string{"long/rows=1M", "ReadTableCSV/rows=1M"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if err := read[name](); err != nil {
					b.Fatal(err)
				}
			}
			if cpu > 0 {
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			}
			b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
