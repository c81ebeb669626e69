package csat

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
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
	b.Run("legacy/rows=1M", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := legacyReadTableCSV(bytes.NewReader(data), FivePoint()); err != nil {
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
				if errors.Is(err, io.EOF) {
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

// legacyReadTableCSV is ReadTableCSV as it was before issue 11 (commit
// 1d41b60: encoding/csv, a level lookup by loop, Table.AddN per row), kept
// here to measure the speed-up side by side.
func legacyReadTableCSV(r io.Reader, s *Scale) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errorf(ErrEmpty, "csv: no header row")
	}
	if err != nil {
		return nil, &ParseError{Line: 1, Field: 1, Err: err}
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch h {
		case "item", "source", "level", "count":
		default:
			return nil, &ParseError{Line: 1, Field: i + 1, Err: errorf(ErrInvalid, "unknown column %q (want item, source, level, count)", h)}
		}
		if _, dup := col[h]; dup {
			return nil, &ParseError{Line: 1, Field: i + 1, Err: errorf(ErrDuplicate, "column %q given twice", h)}
		}
		col[h] = i
	}
	for _, need := range []string{"item", "source", "level"} {
		if _, ok := col[need]; !ok {
			return nil, &ParseError{Line: 1, Field: 1, Err: errorf(ErrMissing, "no column %q", need)}
		}
	}
	t := NewTable(s)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ParseError{Line: pe.Line, Field: pe.Column, Err: err}
			}
			return nil, &ParseError{Line: line, Field: 1, Err: err}
		}
		at := func(name string) string { return strings.TrimSpace(rec[col[name]]) }
		fail := func(name string, err error) (*Table, error) {
			return nil, &ParseError{Line: line, Field: col[name] + 1, Err: err}
		}
		lvl, err := s.Index(at("level"))
		if err != nil {
			return fail("level", err)
		}
		n := uint64(1)
		if c, ok := col["count"]; ok {
			if n, err = strconv.ParseUint(strings.TrimSpace(rec[c]), 10, 64); err != nil {
				return fail("count", errorf(ErrInvalid, "count %q is not a non-negative integer", rec[c]))
			}
		}
		if err := t.AddN(at("item"), at("source"), lvl, n); err != nil {
			if errors.Is(err, ErrInvalid) && at("item") == "" {
				return fail("item", err)
			} else if errors.Is(err, ErrInvalid) {
				return fail("source", err)
			}
			return fail("count", err)
		}
	}
}
