package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
)

// groups is a survey tool's wide export: 表单编号, 提交时间 (skipped by
// name), 客户, 地区, 行业, 规模, four items and 总体满意度, five periods.
const groups = "../../testdata/groups"

// TestScoreGroups reads the export with no flag and checks the form view
// against figures computed independently from the CSV with Python:
//
//	import csv; from fractions import Fraction as F
//	pts = {'很满意':10,'满意':8,'基本满意':6,'不满意':4,'很不满意':2}
//	rows = [r for r in csv.DictReader(open('answers.csv')) if r['期间']=='2026H1']
//	items = ['品质','交货','服务','价格']
//	len(rows)                                              # 120 forms
//	sum(1 for r in rows for i in items if r[i])            # 448 answers
//	sum(1 for r in rows for i in items if not r[i])        # 32 blanks
//	per region xs = [pts[r[i]] for r in rows if r['地区']==reg for i in items if r[i]]
//	华东: 246 answers, degree F(sum(xs), 10*len(xs)) = 977/1230, rate 115/123
//	华南: 202 answers, degree 348/505, rate 157/202
//	scipy.stats.ttest_ind(华东/10, 华南/10, equal_var=False).pvalue = 2.0169e-07
//
// and the rate by size (satisfied of answers 大 64/68, 中 188/213, 小
// 135/167), statsmodels' proportions_ztest per pair and
// multipletests(method='holm'):
//
//	大–中 p 0.167072, 大–小 0.010378, 中–小 0.044247 → Holm 0.167072, 0.031134, 0.088493
//	letters: 大 a, 中 ab, 小 b (only 大–小 differ after Holm)
func TestScoreGroups(t *testing.T) {
	code, out, errs := runCLI(t, "score", "-json", groups)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "474 答卷数, 1792 答项数") || !strings.Contains(errs, "跳过的列: 提交时间") {
		t.Errorf("summary on stderr: %q", errs)
	}
	var rep analysis.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Forms == nil || len(rep.Forms.Sources) != 1 {
		t.Fatalf("form counts: %+v", rep.Forms)
	}
	s := rep.Forms.Sources[0]
	if s.Source != csat.SourceSurvey || s.Forms != 120 || s.Answers != 448 || s.Blanks != 32 {
		t.Errorf("forms %d answers %d blanks %d, want 120 448 32", s.Forms, s.Answers, s.Blanks)
	}
	checkRegions(t, rep)
	checkSizes(t, rep)
	if rep.Response == nil || rep.Response.Overall.Rate.Rat().RatString() != "12/17" {
		t.Errorf("response: %+v (want 120/170 = 12/17)", rep.Response)
	}
	if rep.Control == nil || len(rep.Control.Periods) != 5 {
		t.Errorf("control chart: %+v", rep.Control)
	}
}

func checkRegions(t *testing.T, rep analysis.Report) {
	t.Helper()
	want := map[string][2]string{"华东": {"977/1230", "115/123"}, "华南": {"348/505", "157/202"}}
	seen := 0
	for _, bd := range rep.Groups {
		if bd.Dimension != "地区" {
			continue
		}
		k := 0
		if strings.HasPrefix(bd.Figure, "rate") {
			k = 1
		}
		for _, v := range bd.Values {
			if got := v.Score.Rat().RatString(); got != want[v.Value][k] {
				t.Errorf("%s %s = %s, want %s", bd.Figure, v.Value, got, want[v.Value][k])
			}
			seen++
		}
		if k == 0 {
			p := bd.Pairs[0].Comparison.PValue
			if p.Sub(mustDec("0.00000020169")).Abs().GreaterThan(mustDec("0.0000000001")) {
				t.Errorf("Welch p = %s, want 2.0169e-07 (scipy)", p)
			}
		}
	}
	if seen != 4 {
		t.Errorf("%d region figures, want 4", seen)
	}
}

// TestScoreGroupsText: the text shows forms and answers apart, letters,
// the small sample, the response rate and the control chart.
func TestScoreGroupsText(t *testing.T) {
	code, out, errs := runCLI(t, "score", groups)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{"答卷与答项", "分组比较 · 地区 · 满意度", "样本偏少", "回收率 · 地区", "满意率控制图"} {
		if !strings.Contains(out, w) {
			t.Errorf("score output lacks %q", w)
		}
	}
	if !containsRow(out, "华东", "66", "≈79.43%", "[77.02%,", "81.84%]", "a") {
		t.Errorf("华东 row missing:\n%s", out)
	}
}

func mustDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestSentFile checks the sent file's errors, each naming line and field.
func TestSentFile(t *testing.T) {
	good := "地区,发放,最少回收\n华东,90,30\n华南,80,30\n"
	s, err := parseSent("sent.csv", []byte(good), sheet.EncodingAuto)
	if err != nil || s.Dimension != "地区" || s.Forms["华南"] != 80 || s.Minimum != 30 {
		t.Fatalf("%+v %v", s, err)
	}
	bad := []struct{ name, text, want string }{
		{"no sent column", "地区,数量\n华东,1\n", "unknown column"},
		{"twice", "地区,发放\n华东,1\n华东,2\n", "given twice (first on line 2)"},
		{"negative", "地区,发放\n华东,-1\n", "not a whole number"},
		{"fraction", "地区,发放\n华东,1.5\n", "not a whole number"},
		{"minimums differ", "地区,发放,minimum\n华东,1,2\n华南,1,3\n", "differs"},
		{"empty stratum", "地区,发放\n,4\n", "no stratum"},
		{"no rows", "地区,发放\n", "no stratum"},
		{"no dimension", ",发放\n华东,4\n", "no dimension"},
	}
	for _, c := range bad {
		_, err := parseSent("sent.csv", []byte(c.text), sheet.EncodingAuto)
		var pe *csat.ParseError
		if err == nil || !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want a ParseError containing %q", c.name, err, c.want)
		}
	}
	// -sent without forms is a usage error naming the flag.
	dir := dataDir(t)
	writeFile(t, filepath.Join(dir, "sent.csv"), good)
	if code, _, errs := runCLI(t, "score", dir); code != exitUsage || !strings.Contains(errs, "-sent") {
		t.Errorf("sent without forms: exit %d, %s", code, errs)
	}
}

func checkSizes(t *testing.T, rep analysis.Report) {
	t.Helper()
	raw := map[string]string{"大–中": "0.167072", "大–小": "0.010378", "中–小": "0.044247"}
	holm := map[string]string{"大–中": "0.167072", "大–小": "0.031134", "中–小": "0.088493"}
	letters := map[string]string{"大": "a", "中": "ab", "小": "b"}
	rates := map[string]string{"大": "16/17", "中": "188/213", "小": "135/167"} // 64/68, 188/213, 135/167
	for _, bd := range rep.Groups {
		if bd.Dimension != "规模" || !strings.HasPrefix(bd.Figure, "rate") {
			continue
		}
		for _, v := range bd.Values {
			if got := v.Score.Rat().RatString(); got != rates[v.Value] {
				t.Errorf("规模 %s rate %s, want %s", v.Value, got, rates[v.Value])
			}
			if v.Letters != letters[v.Value] {
				t.Errorf("规模 %s letters %q, want %q", v.Value, v.Letters, letters[v.Value])
			}
		}
		if len(bd.Pairs) != 3 {
			t.Fatalf("%d pairs, want 3", len(bd.Pairs))
		}
		for _, p := range bd.Pairs {
			k := p.A + "–" + p.B
			if p.Comparison.PValue.Sub(mustDec(raw[k])).Abs().GreaterThan(mustDec("0.000001")) ||
				p.Adjusted.Sub(mustDec(holm[k])).Abs().GreaterThan(mustDec("0.000001")) {
				t.Errorf("%s p %s Holm %s, want %s, %s", k, p.Comparison.PValue, p.Adjusted, raw[k], holm[k])
			}
		}
		return
	}
	t.Error("no rate breakdown by 规模")
}

// A self-assessment on no form beside survey forms leaves the forms the
// survey: the report counts them and breaks the survey down by region,
// as csatbeam.FormReports does. A survey answer on no form does not:
// no form counts, and a note says how many answers are on no form (1).
func TestLooseSelfAssessmentKeepsTheForms(t *testing.T) {
	dir := t.TempDir()
	const head = "期间,表单编号,来源,项目,评价,地区\n"
	const forms = "2026H1,F1,检查,品质,很满意,华东\n2026H1,F1,检查,交付,满意,华东\n2026H1,F2,检查,品质,满意,华南\n2026H1,F2,检查,交付,基本满意,华南\n"
	self := filepath.Join(dir, "self.csv")
	writeFile(t, self, head+forms+"2026H1,,自评,品质,满意,\n2026H1,,自评,交付,很满意,\n")
	code, out, errs := runCLI(t, "score", "-json", self)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep analysis.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Forms == nil || len(rep.Forms.Sources) != 1 || rep.Forms.Sources[0].Forms != 2 || rep.Forms.Sources[0].Answers != 4 {
		t.Errorf("forms %+v, want the 2 survey forms and their 4 answers", rep.Forms)
	}
	if strings.Contains(errs+out, "不属于任何答卷") || strings.Contains(errs+out, "on no form") {
		t.Errorf("a note on answers on no form: %s", errs)
	}

	loose := filepath.Join(dir, "loose.csv")
	writeFile(t, loose, head+forms+"2026H1,,检查,品质,满意,\n")
	code, out, errs = runCLI(t, "score", "-json", loose)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rep = analysis.Report{}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Forms != nil {
		t.Errorf("forms counted with a survey answer on no form: %+v", rep.Forms)
	}
	if !strings.Contains(errs+out, "1 个答项不属于任何答卷") {
		t.Errorf("no note of the answer on no form: %s %s", errs, out)
	}
}
