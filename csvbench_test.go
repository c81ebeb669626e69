package csat

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"testing"
)

// surveyCSV generates n rows item,source,level with Chinese labels, as a
// survey tool exports them.
func surveyCSV(n int) []byte {
	items := []string{"功能", "外观", "包装", "交货期", "服务质量", "可靠性", "售后服务"}
	sources := []string{SourceSurvey, SourceSurvey, SourceSurvey, SourceSelf, SourceCompetitor}
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

// BenchmarkReadTableCSV reads a 1M-row survey, beside a plain
// encoding/csv loop (ReuseRecord) that only reads the fields.
func BenchmarkReadTableCSV(b *testing.B) {
	data := surveyCSV(1_000_000)
	b.Run("csat/rows=1M", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ReadTableCSV(bytes.NewReader(data), FivePoint(), nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("encoding-csv-loop/rows=1M", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r := csv.NewReader(bytes.NewReader(data))
			r.ReuseRecord = true
			n := 0
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				n += len(rec[0])
			}
			if n == 0 {
				b.Fatal(strconv.Itoa(n))
			}
		}
		b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
	})
}
