package sheet

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// messyCSV draws a CSV file of the answers' columns whose rows repeat
// and go wrong: unknown and empty values, counts past 2⁶⁴ and counts
// that overflow a tally when they repeat, form ids in runs and back
// again, values a form only may hold, control characters, a
// spreadsheet's error values, bad quotes, ragged rows.
func messyCSV(t *rapid.T) string {
	cols := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"期间", "表单", "来源", "数量", "地区", "总体满意度", "重要度", "填表人", "客户", "备注"}), 0, 5, func(s string) string { return s }).Draw(t, "columns")
	wide := rapid.IntRange(0, 3).Draw(t, "wide") == 0
	if wide {
		cols = append(cols, "功能", "外观")
	} else {
		cols = append(cols, "项目", "等级")
	}
	cols = rapid.Permutation(cols).Draw(t, "order")
	values := map[string][]string{
		"期间": {"2026H1", "2026H1", "2025H2", ""}, "表单": {"F1", "F1", "F2", "F3", ""}, "来源": {"", "检查", "自评", "Self", "渠道"},
		"数量": {"1", "2", "", "x", "18446744073709551615", "99999999999999999999"}, "地区": {"", "华东", "华南"},
		"总体满意度": {"", "满意", "很满意", "meh"}, "重要度": {"", "很重要", "一般", "?"}, "填表人": {"", "张", "李"}, "客户": {"", "C1", "C2"},
		"备注": {"", "ok", "a\x01b"}, "项目": {"功能", "外观", "", "#N/A", "交货期"}, "等级": {"满意", "很满意", "", "meh", "satisfied"},
		"功能": {"满意", "", "不满意", "meh"}, "外观": {"很满意", "", "基本满意"},
	}
	var b strings.Builder
	b.WriteString(strings.Join(cols, ",") + "\n")
	var rows []string
	for range rapid.IntRange(0, 40).Draw(t, "rows") {
		if len(rows) > 0 && rapid.IntRange(0, 2).Draw(t, "repeat") == 0 {
			rows = append(rows, rapid.SampledFrom(rows).Draw(t, "again"))
			continue
		}
		vals := make([]string, len(cols))
		for i, c := range cols {
			vals[i] = rapid.SampledFrom(values[c]).Draw(t, c)
		}
		row := strings.Join(vals, ",")
		switch rapid.IntRange(0, 12).Draw(t, "damage") {
		case 0:
			row += `,"x`
		case 1:
			row = `a"b,` + row
		case 2:
			row += ",extra"
		case 3:
			row = `"` + strings.Replace(row, ",", `",`, 1)
		}
		rows = append(rows, row)
	}
	for _, r := range rows {
		b.WriteString(r + "\n")
	}
	return b.String()
}

// readOutcome is all a read gives, errors as text.
type readOutcome struct {
	Periods []string
	Tables  []string
	Forms   []string
	Summary string
	Err     string
}

func readAll(in string, opts *Options) readOutcome {
	ss, sum, err := ReadSurveyFrom(strings.NewReader(in), "m.csv", opts)
	var out readOutcome
	for _, s := range ss {
		out.Periods = append(out.Periods, s.Name)
		tb, _ := s.Table.MarshalJSON()
		out.Tables = append(out.Tables, string(tb))
		fb, _ := s.Forms.MarshalJSON()
		out.Forms = append(out.Forms, string(fb))
	}
	errs := sum.Errors
	sum.Errors = nil
	out.Summary = fmt.Sprintf("%+v %q", sum, errs)
	if err != nil {
		out.Err = err.Error()
	}
	return out
}

// TestFastRowsChangeNothing: interning values, remembering rows and
// what the reader made of them (fastRows) gives what reading every row
// afresh gives, on messy files that repeat rows.
func TestFastRowsChangeNothing(t *testing.T) {
	defer func() { fastRows = true }()
	rapid.Check(t, func(t *rapid.T) {
		in := messyCSV(t)
		opts := &Options{CollectAll: rapid.Bool().Draw(t, "collect all"), MaxErrors: 1000}
		if rapid.IntRange(0, 4).Draw(t, "items") == 0 {
			opts.Items = map[string]string{"功能": "Function", "外观": "外观"}
		}
		fastRows = false
		want := readAll(in, opts)
		fastRows = true
		if diff := cmp.Diff(want, readAll(in, opts)); diff != "" {
			t.Fatalf("%q: (-afresh +fast):\n%s", in, diff)
		}
	})
}

// TestFastRowsManyRows: a file of more distinct rows than the memo and a
// column keep (a respondent per row), and of repeated rows past them,
// reads as afresh.
func TestFastRowsManyRows(t *testing.T) {
	defer func() { fastRows = true }()
	var b strings.Builder
	b.WriteString("项目,来源,等级,填表人,数量\n")
	levels := []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
	for i := range 12000 {
		fmt.Fprintf(&b, "item%d,survey,%s,R%d,%d\n", i%50, levels[i%5], i%7000, 1+i%3)
	}
	for i := range 3000 {
		fmt.Fprintf(&b, "item%d,self,%s,R1,1\n", i%7, levels[i%5])
	}
	fastRows = false
	want := readAll(b.String(), nil)
	fastRows = true
	if diff := cmp.Diff(want, readAll(b.String(), nil)); diff != "" {
		t.Fatalf("(-afresh +fast):\n%s", diff)
	}
	if want.Err != "" || !strings.Contains(want.Summary, "Rows:15000 Accepted:15000") {
		t.Fatalf("summary %s, error %s", want.Summary, want.Err)
	}
}
