package main

import (
	"fmt"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
)

// benchmarkColumns are the accepted headers of a benchmarks file: the
// figure, the item (optional) and one column per kind of benchmark.
var benchmarkColumns = map[string]string{
	"figure": "figure", "指标": "figure",
	"item": "item", "项目": "item",
	"industry_average": "industry_average", "行业平均": "industry_average", "行业一般": "industry_average",
	"industry_leader": "industry_leader", "行业领先": "industry_leader",
	"world_leader": "world_leader", "世界领先": "world_leader",
}

// benchmarkKinds are the kind columns, in the order of the report.
var benchmarkKinds = []struct {
	col  string
	kind analysis.BenchmarkKind
}{{"industry_average", analysis.IndustryAverage}, {"industry_leader", analysis.IndustryLeader}, {"world_leader", analysis.WorldLeader}}

// figureNames are the names of the report's headline figures in a
// benchmarks file.
var figureNames = map[string]string{"满意度": "degree", "degree": "degree", "满意率": "rate", "rate": "rate"}

// readBenchmarks reads a benchmarks file:
//
//	指标,项目,行业平均,行业领先,世界领先
//	满意度,,85%,92%,95%
//	满意率,品质,0.80,0.90,
//
// the figure (指标: 满意度/degree, 满意率/rate), the item (项目, empty
// for the overall figure; the column may be left out) and the
// benchmarks of each kind (行业平均 industry_average, 行业领先
// industry_leader, 世界领先 world_leader; at least one column), as a
// percentage (85%) or a fraction (0.85); an empty cell is no benchmark.
// A row given twice, a value that is neither, or a percentage above
// 100% are errors naming the line and field.
func readBenchmarks(path string, enc sheet.Encoding) ([]analysis.Benchmark, error) {
	b, err := readSmall(path)
	if err != nil {
		return nil, err
	}
	return parseBenchmarks(path, b, enc)
}

// parseBenchmarks is readBenchmarks for the bytes of a file named name.
func parseBenchmarks(name string, b []byte, enc sheet.Encoding) ([]analysis.Benchmark, error) {
	recs, lines, err := smallRecords(name, b, enc)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, &csat.ParseError{File: name, Line: 1, Err: fmt.Errorf("no header: %w", csat.ErrMissing)}
	}
	head := recs[0]
	cols := map[string]int{}
	for i, h := range head {
		c, ok := benchmarkColumns[strings.ToLower(h)]
		if !ok {
			return nil, &csat.ParseError{File: name, Line: lines[0], Field: i + 1, Err: fmt.Errorf("unknown column %s (want 指标/figure, 项目/item, 行业平均/industry_average, 行业领先/industry_leader, 世界领先/world_leader): %w", quoteShort(h), csat.ErrInvalid)}
		}
		if _, dup := cols[c]; dup {
			return nil, &csat.ParseError{File: name, Line: lines[0], Field: i + 1, Err: fmt.Errorf("column %q twice: %w", c, csat.ErrDuplicate)}
		}
		cols[c] = i
	}
	if _, ok := cols["figure"]; !ok {
		return nil, &csat.ParseError{File: name, Line: lines[0], Err: fmt.Errorf("no figure (指标) column: %w", csat.ErrMissing)}
	}
	kinds := 0
	for _, k := range benchmarkKinds {
		if _, ok := cols[k.col]; ok {
			kinds++
		}
	}
	if kinds == 0 {
		return nil, &csat.ParseError{File: name, Line: lines[0], Err: fmt.Errorf("no benchmark column (行业平均, 行业领先 or 世界领先): %w", csat.ErrMissing)}
	}
	var out []analysis.Benchmark
	first := map[[2]string]int{}
	for k, rec := range recs[1:] {
		line := lines[k+1]
		if len(rec) != len(head) {
			return nil, &csat.ParseError{File: name, Line: line, Err: fmt.Errorf("%d fields, header has %d: %w", len(rec), len(head), csat.ErrSyntax)}
		}
		fig := rec[cols["figure"]]
		if err := checkName("figure", fig); fig == "" || err != nil {
			if err == nil {
				err = fmt.Errorf("no figure (满意度 or 满意率): %w", csat.ErrMissing)
			}
			return nil, &csat.ParseError{File: name, Line: line, Field: cols["figure"] + 1, Err: err}
		}
		n, ok := figureNames[strings.ToLower(fig)]
		if !ok {
			return nil, &csat.ParseError{File: name, Line: line, Field: cols["figure"] + 1, Err: fmt.Errorf("figure %s: the report's are 满意度 (degree) and 满意率 (rate): %w", quoteShort(fig), csat.ErrInvalid)}
		}
		fig = n
		item := ""
		if c, ok := cols["item"]; ok {
			item = rec[c]
			if err := checkName("item", item); err != nil {
				return nil, &csat.ParseError{File: name, Line: line, Field: c + 1, Err: err}
			}
		}
		key := [2]string{fig, item}
		if l, dup := first[key]; dup {
			return nil, &csat.ParseError{File: name, Line: line, Err: fmt.Errorf("%s %s given twice (first on line %d): %w", quoteShort(fig), quoteShort(item), l, csat.ErrDuplicate)}
		}
		first[key] = line
		for _, bk := range benchmarkKinds {
			c, ok := cols[bk.col]
			if !ok || rec[c] == "" {
				continue
			}
			v, err := parseShare(bk.col, rec[c])
			if err != nil {
				return nil, &csat.ParseError{File: name, Line: line, Field: c + 1, Err: err}
			}
			out = append(out, analysis.Benchmark{Figure: fig, Item: item, Kind: bk.kind, Value: v})
		}
	}
	if len(out) == 0 {
		return nil, &csat.ParseError{File: name, Line: lines[0], Err: fmt.Errorf("no benchmark: %w", csat.ErrEmpty)}
	}
	return out, nil
}

// parseShare parses a share written as a percentage (85%, 85.5％) or a
// fraction (0.85), within 0–1.
func parseShare(what, s string) (decimal.Decimal, error) {
	pct := strings.HasSuffix(s, "%") || strings.HasSuffix(s, "％")
	num := strings.TrimSuffix(strings.TrimSuffix(s, "%"), "％")
	d, err := parseNumber(what, strings.TrimSpace(num))
	if err != nil {
		return decimal.Decimal{}, err
	}
	if pct {
		d = d.Shift(-2)
	}
	if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1)) {
		return decimal.Decimal{}, fmt.Errorf("%s %s is not a share from 0 to 100%% (write 85%% or 0.85): %w", what, quoteShort(s), csat.ErrOutOfRange)
	}
	return d, nil
}
