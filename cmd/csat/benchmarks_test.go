package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/sheet"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestBenchmarksFile(t *testing.T) {
	good := "指标,项目,行业平均,行业领先,世界领先\n满意度,,85%,92.5％,0.95\n满意率,品质,0.80,,90%\nRate,交货,,0.7,\n"
	got, err := parseBenchmarks("benchmarks.csv", []byte(good), sheet.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	d := decimal.RequireFromString
	want := []analysis.Benchmark{
		{Figure: "degree", Kind: analysis.IndustryAverage, Value: d("0.85")},
		{Figure: "degree", Kind: analysis.IndustryLeader, Value: d("0.925")},
		{Figure: "degree", Kind: analysis.WorldLeader, Value: d("0.95")},
		{Figure: "rate", Item: "品质", Kind: analysis.IndustryAverage, Value: d("0.80")},
		{Figure: "rate", Item: "品质", Kind: analysis.WorldLeader, Value: d("0.90")},
		{Figure: "rate", Item: "交货", Kind: analysis.IndustryLeader, Value: d("0.7")},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("benchmarks (-want +got):\n%s", diff)
	}
	// English headers, no item column
	got, err = parseBenchmarks("b.csv", []byte("figure,world_leader\ndegree,1\n"), sheet.EncodingAuto)
	if err != nil || len(got) != 1 || got[0].Item != "" || got[0].Kind != analysis.WorldLeader || !got[0].Value.Equal(decimal.NewFromInt(1)) {
		t.Errorf("english headers: %+v %v", got, err)
	}
	bad := []struct {
		name, text, want string
		err              error
	}{
		{"unknown column", "指标,行业平均,备注\n满意度,80%,x\n", "unknown column", csat.ErrInvalid},
		{"no figure column", "项目,行业平均\n品质,80%\n", "no figure", csat.ErrMissing},
		{"no kind column", "指标,项目\n满意度,\n", "no benchmark column", csat.ErrMissing},
		{"twice", "指标,行业平均\n满意度,80%\n满意度,81%\n", "given twice (first on line 2)", csat.ErrDuplicate},
		{"above 100%", "指标,行业平均\n满意度,101%\n", "not a share", csat.ErrOutOfRange},
		{"points, not a share", "指标,行业平均\n满意度,85\n", "write 85% or 0.85", csat.ErrOutOfRange},
		{"negative", "指标,行业平均\n满意度,-0.1\n", "not a share", csat.ErrOutOfRange},
		{"not a number", "指标,行业平均\n满意度,高\n", "not a number", csat.ErrInvalid},
		{"no figure", "指标,行业平均\n,80%\n", "no figure", csat.ErrMissing},
		{"unknown figure", "指标,行业平均\n好评率,80%\n", "figure \"好评率\": the report's are 满意度 (degree) and 满意率 (rate)", csat.ErrInvalid},
		{"no rows", "指标,行业平均\n", "no benchmark", csat.ErrEmpty},
		{"only empty cells", "指标,行业平均\n满意度,\n", "no benchmark", csat.ErrEmpty},
		{"column twice", "指标,行业平均,industry_average\n满意度,1,1\n", "twice", csat.ErrDuplicate},
		{"short row", "指标,行业平均\n满意度\n", "fields", csat.ErrSyntax},
	}
	for _, c := range bad {
		_, err := parseBenchmarks("benchmarks.csv", []byte(c.text), sheet.EncodingAuto)
		var pe *csat.ParseError
		if err == nil || !errors.As(err, &pe) || !errors.Is(err, c.err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want a ParseError wrapping %v containing %q", c.name, err, c.err, c.want)
		}
	}
}

// A data directory's files are found by name in any case (Excel on
// Windows saves ANSWERS.CSV as it likes); two files of one name in
// different cases are a usage error naming both.
func TestDataDirAnyCase(t *testing.T) {
	dir := dataDir(t)
	if err := os.Rename(filepath.Join(dir, "answers.csv"), filepath.Join(dir, "ANSWERS.CSV")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "Benchmarks.CSV"), "指标,行业平均\n满意度,70%\n")
	code, out, errs := runCLI(t, "score", "-json", dir)
	if code != exitOK || !strings.Contains(errs, "ANSWERS.CSV") || !strings.Contains(out, `"benchmarks"`) {
		t.Fatalf("exit %d, stderr %s; want ANSWERS.CSV read and the benchmarks of Benchmarks.CSV", code, errs)
	}
	writeFile(t, filepath.Join(dir, "answers.csv"), "item,source,level\n品质,survey,满意\n")
	if code, _, errs := runCLI(t, "score", dir); code != exitUsage || !strings.Contains(errs, "keep one") {
		t.Errorf("ANSWERS.CSV and answers.csv: exit %d, %s", code, errs)
	}
}
