package sheet

import (
	"bytes"
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/google/go-cmp/cmp"
)

// The figures of testdata/forms_wide.csv (30 forms of a survey tool's
// export: 表单编号, 提交时间, 客户, 地区, 行业, 规模, four items and the
// overall question), computed independently with Python's fractions
// (points 10 8 6 4 2, full marks 10; 很满意, 满意 and 基本满意 satisfied):
//
//	import csv; from fractions import Fraction as F
//	pts = {"很满意": 10, "满意": 8, "基本满意": 6, "不满意": 4, "很不满意": 2}
//	rows = list(csv.DictReader(open("forms_wide.csv")))
//	items = ["品质", "交货", "服务", "价格"]
//	def stat(rs):
//	    n = s = sat = 0; bl = {i: 0 for i in items}
//	    for r in rs:
//	        for i in items:
//	            v = r[i]
//	            if v == "": bl[i] += 1; continue
//	            n += 1; s += pts[v]; sat += v in ("很满意", "满意", "基本满意")
//	    return len(rs), n, F(s, 10*n), F(sat, n), bl
//
//	all      30 forms, 112 answers, degree 107/140, rate 6/7, blanks 品质 1 交货 1 服务 2 价格 4
//	地区 华东 14 forms,  51 answers, degree 38/51,   rate 44/51
//	地区 华南 16 forms,  61 answers, degree 238/305, rate 52/61
//	规模 中   10 forms,  37 answers, degree 138/185, rate 32/37
//	规模 大   10 forms,  39 answers, degree 53/65,   rate 12/13
//	规模 小   10 forms,  36 answers, degree 131/180, rate 7/9
//	overall question: 29 answers, degree 112/145
type groupFigures struct {
	dim, value           string
	forms, answers       uint64
	degreeNum, degreeDen int64
	rateNum, rateDen     int64
}

var formsWideFigures = []groupFigures{
	{"", "", 30, 112, 107, 140, 6, 7},
	{"地区", "华东", 14, 51, 38, 51, 44, 51},
	{"地区", "华南", 16, 61, 238, 305, 52, 61},
	{"规模", "中", 10, 37, 138, 185, 32, 37},
	{"规模", "大", 10, 39, 53, 65, 12, 13},
	{"规模", "小", 10, 36, 131, 180, 7, 9},
}

// TestReadSurveyExport reads a survey tool's wide export, CSV and its
// XLSX twin, with no option: the form id column 表单编号 is recognised,
// 提交时间 skipped, 地区/行业/规模 are segments, 总体满意度 the overall
// question.
func TestReadSurveyExport(t *testing.T) {
	src := readTD(t, "forms_wide.csv")
	var first *form.Stats
	for _, c := range []struct {
		name string
		b    []byte
	}{{"forms_wide.csv", src}, {"forms_wide.xlsx", xlsxOf(t, src)}} {
		t.Run(c.name, func(t *testing.T) {
			ss, sum, err := ReadSurveyFrom(bytes.NewReader(c.b), c.name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(ss) != 1 || ss[0].Name != DefaultPeriod {
				t.Fatalf("surveys %v, want one of period %q", ss, DefaultPeriod)
			}
			want := Summary{Layout: LayoutWide, Rows: 30, Accepted: 30, Forms: 30, Answers: 112, Unanswered: 8, Ignored: []string{"提交时间"}}
			got := sum
			got.File, got.Format, got.Encoding, got.Sheet = "", 0, 0, ""
			if diff := cmp.Diff(want, got, ignoreItems); diff != "" {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
			st := ss[0].Forms
			checkFormsWide(t, st)
			tb, err := st.Table()
			if err != nil || !tb.Equal(ss[0].Table) {
				t.Errorf("the form statistics' table differs from the survey's (%v)", err)
			}
			if first == nil {
				first = st
			} else if !st.Equal(first) {
				t.Error("the workbook's form statistics differ from the CSV's")
			}
		})
	}
}

func checkFormsWide(t *testing.T, st *form.Stats) {
	t.Helper()
	if diff := cmp.Diff([]string{"地区", "行业", "规模"}, st.Dimensions()); diff != "" {
		t.Errorf("dimensions (-want +got):\n%s", diff)
	}
	for item, want := range map[string]uint64{"品质": 1, "交货": 1, "服务": 2, "价格": 4} {
		if got := st.Blanks(item, csat.SourceSurvey); got != want {
			t.Errorf("blanks of %s: %d, want %d", item, got, want)
		}
	}
	for _, g := range formsWideFigures {
		gs := st
		if g.dim != "" {
			if gs = st.Group(g.dim, g.value); gs == nil {
				t.Fatalf("no group %s %s", g.dim, g.value)
			}
		}
		tb, err := gs.Table()
		if err != nil {
			t.Fatal(err)
		}
		total, err := tb.Total(csat.SourceSurvey)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := total.N()
		degree, err1 := csat.Degree{}.Score(total)
		rate, err2 := csat.Rate{}.Score(total)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if gs.Forms(csat.SourceSurvey) != g.forms || n != g.answers ||
			degree.Rat().Cmp(big.NewRat(g.degreeNum, g.degreeDen)) != 0 || rate.Rat().Cmp(big.NewRat(g.rateNum, g.rateDen)) != 0 {
			t.Errorf("%s %s: %d forms, %d answers, degree %s, rate %s; want %d, %d, %d/%d, %d/%d", g.dim, g.value,
				gs.Forms(csat.SourceSurvey), n, degree.Rat(), rate.Rat(), g.forms, g.answers, g.degreeNum, g.degreeDen, g.rateNum, g.rateDen)
		}
	}
	ov := st.OverallTally(csat.SourceSurvey)
	degree, err := csat.Degree{}.Score(ov)
	if n, _ := ov.N(); err != nil || n != 29 || degree.Rat().Cmp(big.NewRat(112, 145)) != 0 {
		t.Errorf("overall question: %d answers, degree %s (%v); want 29, 112/145", n, degree.Rat(), err)
	}
}

// TestReadSurveyJoin joins the customers' attributes file to the export:
// the ABC class comes from it, and the file's own segments agree.
func TestReadSurveyJoin(t *testing.T) {
	attrs, sum, err := ReadAttributes(td("customers_attrs.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Only the segment columns are attributes: the name and the phone
	// number (personal data) are skipped, as the note is.
	if len(attrs) != 15 || sum.Rows != 15 || !cmp.Equal(sum.Ignored, []string{"客户名称", "联系电话", "备注"}) {
		t.Fatalf("%d customers, summary %+v; want 15, 客户名称 联系电话 备注 ignored", len(attrs), sum)
	}
	if diff := cmp.Diff(map[string]string{"地区": "华南", "行业": "管材", "规模": "中", "ABC分类": "A"}, attrs["C01"]); diff != "" {
		t.Errorf("C01 (-want +got):\n%s", diff)
	}
	ss, _, err := ReadSurvey(td("forms_wide.csv"), &Options{Attributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	st := ss[0].Forms
	if diff := cmp.Diff([]string{"ABC分类", "地区", "行业", "规模"}, st.Dimensions()); diff != "" {
		t.Errorf("dimensions (-want +got):\n%s", diff)
	}
	// C01, C02, C09, C10, C11 are class A: forms F030 F015, F028 F013,
	// F029 F014, F027 F012, F025 F010.
	if g := st.Group("ABC分类", "A"); g == nil || g.Forms(csat.SourceSurvey) != 10 {
		t.Errorf("class A: %v, want 10 forms", g)
	}
	// A conflict between the file and the join is an error naming both.
	attrs["C08"]["地区"] = "华北"
	_, _, err = ReadSurvey(td("forms_wide.csv"), &Options{Attributes: attrs})
	checkParseError(t, err, td("forms_wide.csv"), 2, 4, csat.ErrInvalid)
	if err == nil || !strings.Contains(err.Error(), `customer "C08": "地区" is "华东" here but "华北"`) {
		t.Errorf("error %v does not name the customer and both values", err)
	}
}

// TestReadSurveyLong reads forms from the long layout: consecutive rows
// sharing a form id, blanks as empty levels, rows without a form id as
// loose answers.
func TestReadSurveyLong(t *testing.T) {
	src := "期间,表单,客户,地区,项目,等级,数量,总体满意度\n" +
		"2026H1,F1,C1,华东,品质,很满意,1,满意\n" +
		"2026H1,F1,C1,华东,交货,,,满意\n" + // a blank
		"2026H1,F2,C2,华南,品质,不满意,,\n" +
		"2026H1,,,,品质,满意,3,\n" + // loose: 3 answers on no form
		"2026H1,F3,C3,,交货,满意,1,\n"
	ss, sum, err := ReadSurveyFrom(strings.NewReader(src), "l.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{File: "l.csv", Format: FormatCSV, Encoding: EncodingUTF8, Layout: LayoutLong, Rows: 5, Accepted: 5, Forms: 3, Answers: 6, Unanswered: 1, Loose: 3}
	if diff := cmp.Diff(want, sum, ignoreItems); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	st := ss[0].Forms
	if st.Forms(csat.SourceSurvey) != 3 || st.Blanks("交货", csat.SourceSurvey) != 1 {
		t.Errorf("%d forms, %d blanks of 交货; want 3, 1", st.Forms(csat.SourceSurvey), st.Blanks("交货", csat.SourceSurvey))
	}
	if g := st.Group("地区", "华东"); g == nil || g.Forms(csat.SourceSurvey) != 1 || g.Blanks("交货", csat.SourceSurvey) != 1 {
		t.Errorf("华东: %v, want F1 with its blank", g)
	}
	if n, _ := st.OverallTally(csat.SourceSurvey).N(); n != 1 {
		t.Errorf("overall answers %d, want F1's 1", n)
	}
	tl, err := ss[0].Table.Tally("品质", csat.SourceSurvey)
	if err != nil || !equalCounts(tl.Counts(), []uint64{1, 3, 0, 1, 0}) {
		t.Errorf("品质 in the table: %v %v; want the forms' and the loose answers", tl.Counts(), err)
	}
	// ReadAnswers gives the same tables and counts no forms.
	ps, asum, err := ReadAnswersFrom(strings.NewReader(src), "l.csv", nil)
	want.Forms, want.Loose = 0, 0
	if err != nil || !ps[0].Table.Equal(ss[0].Table) || !cmp.Equal(want, asum, ignoreItems) {
		t.Errorf("ReadAnswers: %v, %+v", err, asum)
	}
}

// surveyCases are malformed survey inputs about forms, read with
// ReadSurveyFrom.
var surveyCases = []readCase{
	{"wide unknown column holds no levels", "表单编号,填写时间,品质\nF1,2026-03-01 10:00,满意\n", nil, csat.ErrUnknownLevel, 2, 2},
	{"wide unknown level after levels", "表单编号,品质\nF1,满意\nF2,极好\n", nil, csat.ErrUnknownLevel, 3, 2},
	{"wide form id 编号 twice", "编号,品质\nF1,满意\nF1,满意\n", nil, csat.ErrDuplicate, 3, 1},
	{"wide overall not a level", "form_id,品质,总体满意度\nF1,满意,好\n", nil, csat.ErrUnknownLevel, 2, 3},
	{"wide importance not on its scale", "问卷编号,品质,重要度:品质\nF1,满意,满意\n", nil, csat.ErrUnknownLevel, 2, 3},
	{"wide importance of no item", "答卷编号,品质,importance：交货\nF1,满意,重要\n", nil, csat.ErrUnknownItem, 1, 3},
	{"wide importance twice", "表单,品质,重要度:品质,重要性:品质\nF1,满意,重要,重要\n", nil, csat.ErrDuplicate, 1, 4},
	{"wide segment twice", "表单,地区,地区,品质\nF1,华东,华东,满意\n", nil, csat.ErrDuplicate, 1, 3},
	{"wide Options.Segments missing", "表单,品质\nF1,满意\n", &Options{Segments: []string{"渠道"}}, csat.ErrMissing, 1, 0},
	{"long form comes back", "表单,项目,等级\nF1,品质,满意\nF2,品质,满意\nF1,交货,满意\n", nil, csat.ErrDuplicate, 4, 1},
	{"long form count 2", "表单,项目,等级,数量\nF1,品质,满意,2\n", nil, csat.ErrInvalid, 2, 4},
	{"long form count 0", "表单,项目,等级,数量\nF1,品质,满意,0\n", nil, csat.ErrInvalid, 2, 4},
	{"long item twice on a form", "表单,项目,等级\nF1,品质,满意\nF1,品质,很满意\n", nil, csat.ErrDuplicate, 3, 2},
	{"long segment disagrees", "表单,地区,项目,等级\nF1,华东,品质,满意\nF1,华南,交货,满意\n", nil, csat.ErrInvalid, 3, 2},
	{"long source disagrees", "表单,来源,项目,等级\nF1,检查,品质,满意\nF1,自评,交货,满意\n", nil, csat.ErrInvalid, 3, 2},
	{"long overall disagrees", "表单,项目,等级,总体满意度\nF1,品质,满意,满意\nF1,交货,满意,\n", nil, csat.ErrInvalid, 3, 4},
	{"long segment on a loose row", "表单,地区,项目,等级\n,华东,品质,满意\n", nil, csat.ErrMissing, 2, 2},
	{"long segment without form column", "地区,项目,等级\n华东,品质,满意\n", nil, csat.ErrMissing, 1, 1},
	{"long importance not on its scale", "表单,项目,等级,重要度\nF1,品质,满意,极重要\n", nil, csat.ErrUnknownLevel, 2, 4},
	{"long unknown column", "表单,项目,等级,填写时间\nF1,品质,满意,2026-03-01\n", nil, csat.ErrInvalid, 1, 4},
	{"long empty level without form", "表单,项目,等级\n,品质,\n", nil, csat.ErrMissing, 2, 3},
	{"wide all-blank column", "表单编号,品质,微信\nF1,满意,\nF2,很满意,\n", nil, csat.ErrInvalid, 1, 3},
	{"wide all-blank column after a blank line", "\n表单编号,微信,品质\nF1,,满意\n", nil, csat.ErrInvalid, 2, 2},
	{"wide all-blank column, collecting", "表单编号,品质,微信\nF1,满意,\nF2,满意,\n", &Options{CollectAll: true}, csat.ErrInvalid, 1, 3},
	{"wide source is a channel", "序号,来源,来源详情,来自IP,品质\n1,微信,直接访问,1.2.3.4,满意\n", nil, csat.ErrInvalid, 2, 2},
	{"wide source 手机提交", "来源,品质\nsurvey,满意\n手机提交,满意\n", nil, csat.ErrInvalid, 3, 1},
	{"join conflict", "表单,客户,规模,品质\nF1,C1,大,满意\n", &Options{Attributes: map[string]map[string]string{"C1": {"规模": "小"}}}, csat.ErrInvalid, 2, 3},
}

func TestReadSurveyErrors(t *testing.T) {
	for _, tt := range surveyCases {
		t.Run(tt.name, func(t *testing.T) {
			ss, sum, err := ReadSurveyFrom(strings.NewReader(tt.src), "bad.csv", tt.opts)
			checkParseError(t, err, "bad.csv", tt.line, tt.field, tt.want)
			if ss != nil || len(sum.Errors) != 1 {
				t.Errorf("surveys %v, summary errors %v; want none, the error", ss, sum.Errors)
			}
		})
	}
}

// TestReadSurveyEmptyColumn covers an item column blank in every row:
// an error at the end of the read, unless Options.Items names it; a file
// without data rows has no such error.
func TestReadSurveyEmptyColumn(t *testing.T) {
	src := "表单编号,品质,交货\nF1,满意,\nF2,很满意,\n"
	ss, sum, err := ReadSurveyFrom(strings.NewReader(src), "e.csv", &Options{Items: map[string]string{"品质": "品质", "交货": "交货"}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unanswered != 2 || ss[0].Forms.Blanks("交货", csat.SourceSurvey) != 2 {
		t.Errorf("named all-blank item: %d blanks, %d of 交货; want 2, 2", sum.Unanswered, ss[0].Forms.Blanks("交货", csat.SourceSurvey))
	}
	if _, _, err := ReadSurveyFrom(strings.NewReader("表单编号,品质,交货\n"), "e.csv", nil); err != nil {
		t.Errorf("header only: %v", err)
	}
	// Both the unnamed all-blank columns are reported; ReadAnswers too.
	ps, sum, err := ReadAnswersFrom(strings.NewReader("微信,品质,QQ\n,满意,\n"), "e.csv", nil)
	checkParseError(t, err, "e.csv", 1, 1, csat.ErrInvalid)
	if ps != nil || len(sum.Errors) != 2 || !strings.Contains(err.Error(), `column "QQ" (field 3)`) {
		t.Errorf("two blank columns: %v, %v, summary errors %v", ps, err, sum.Errors)
	}
	// With CollectAll, rejected rows and the column error come together,
	// and no data.
	ss, sum, err = ReadSurveyFrom(strings.NewReader("表单编号,品质,微信\nF1,满意,\nF2,极好,\n"), "e.csv", &Options{CollectAll: true})
	var rej *RejectedError
	if ss != nil || !errors.As(err, &rej) || !errors.Is(err, csat.ErrUnknownLevel) || !errors.Is(err, csat.ErrInvalid) || len(sum.Errors) != 2 || sum.Rejected != 1 {
		t.Errorf("collecting: %v, %v, %+v", ss, err, sum)
	}
}

// TestReadSurveySources: the wide layout takes the known sources in any
// case; the long layout any name.
func TestReadSurveySources(t *testing.T) {
	ss, _, err := ReadSurveyFrom(strings.NewReader("来源,品质\nSurvey,满意\n自评,满意\nCOMPETITOR,满意\n检查,很满意\n"), "s.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{csat.SourceCompetitor, csat.SourceSelf, csat.SourceSurvey}, slices.Sorted(slices.Values(ss[0].Table.Sources()))); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	ps, _, err := ReadAnswersFrom(strings.NewReader("项目,来源,等级\n品质,微信,满意\n"), "l.csv", nil)
	if err != nil || !slices.Equal(ps[0].Table.Sources(), []string{"微信"}) {
		t.Errorf("long layout source 微信: %v, %v", ps, err)
	}
	// 问卷星's export: 序号, 来源详情 and 来自IP skipped, 来源 skipped by Options.Skip.
	src := "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,品质\n1,2026-03-01 10:00,100秒,微信,直接访问,1.2.3.4(上海),满意\n"
	ss, sum, err := ReadSurveyFrom(strings.NewReader(src), "wjx.csv", &Options{Skip: []string{"来源"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}, sum.Ignored); diff != "" || sum.Answers != 1 {
		t.Errorf("ignored (-want +got):\n%s; %d answers", diff, sum.Answers)
	}
	if !slices.Equal(ss[0].Table.Sources(), []string{csat.SourceSurvey}) {
		t.Errorf("sources %v, want survey", ss[0].Table.Sources())
	}
}

// TestReadSurveyMessages pins the messages that tell a user what to do.
func TestReadSurveyMessages(t *testing.T) {
	for _, c := range []struct{ src, says string }{
		{"表单编号,填写时间,品质\nF1,2026-03-01 10:00,满意\n",
			`bad.csv line 2, field 2: column "填写时间" (field 2) holds no levels of scale "five-point": its first value "2026-03-01 10:00" is none; if it holds no item's answers, skip it (Options.Skip; csat --skip) or make it a segment (Options.Segments; csat --segments)`},
		{"表单,项目,等级\nF1,品质,满意\nF2,品质,满意\nF1,交货,满意\n",
			`form "F1" of period "current" starts on line 2 and comes back after another form`},
		{"表单,地区,项目,等级\nF1,华东,品质,满意\nF1,华南,交货,满意\n",
			`"地区" is "华南" here but "华东" on line 2, where form "F1" starts`},
		{"表单编号,品质,交货,服务,价格,总体满意度,微信\nF1,满意,满意,满意,满意,满意,\n",
			`bad.csv line 1, field 7: column "微信" (field 7) holds no level in any row: skip it (Options.Skip; csat --skip) or make it a segment (Options.Segments; csat --segments)`},
		{"提交答卷时间,来源,品质\n2026-03-01,微信,满意\n",
			`bad.csv line 2, field 2: source "微信" is not survey/检查, self/自评 or competitor/竞争对手: a survey tool's channel column? skip it (Options.Skip; csat --skip 来源)`},
		{"表单,项目,等级,填写时间\nF1,品质,满意,2026-03-01\n",
			`else skip it (Options.Skip; csat --skip) or make it a segment (Options.Segments; csat --segments)`},
	} {
		_, _, err := ReadSurveyFrom(strings.NewReader(c.src), "bad.csv", nil)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("error %v does not say %q", err, c.says)
		}
	}
}

// TestReadSurveyOptions covers Options.Segments, Skip and Importance and
// the columns of the wide layout.
func TestReadSurveyOptions(t *testing.T) {
	src := "问卷编号,开始时间,IP,渠道,备用,品质,交货,重要度：品质,Importance: 交货,填表人,客户等级\n" +
		"Q1,9:00,10.0.0.1,网站,x,很满意,,很重要,一般,张三,A\n" +
		"Q2,9:05,10.0.0.2,电话,y,满意,不满意,,重要,李四,B\n"
	ss, sum, err := ReadSurveyFrom(strings.NewReader(src), "o.csv", &Options{Segments: []string{"渠道"}, Skip: []string{"备用"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"开始时间", "IP", "备用"}, sum.Ignored); diff != "" {
		t.Errorf("ignored (-want +got):\n%s", diff)
	}
	st := ss[0].Forms
	if diff := cmp.Diff([]string{"客户等级", "渠道"}, st.Dimensions()); diff != "" {
		t.Errorf("dimensions (-want +got):\n%s", diff)
	}
	if got := st.Importance("品质", csat.SourceSurvey).Counts(); !equalCounts(got, []uint64{1, 0, 0, 0, 0}) {
		t.Errorf("importance of 品质 %v, want one 很重要", got)
	}
	if got := st.Importance("交货", csat.SourceSurvey).Counts(); !equalCounts(got, []uint64{0, 1, 1, 0, 0}) {
		t.Errorf("importance of 交货 %v, want 重要 and 一般", got)
	}
	if sum.Forms != 2 || sum.Answers != 3 || sum.Unanswered != 1 {
		t.Errorf("summary %+v, want 2 forms, 3 answers, 1 blank", sum)
	}
	for _, o := range []*Options{
		{Segments: []string{" 渠道"}},
		{Skip: []string{""}},
		{Segments: []string{"渠道"}, Skip: []string{"渠道"}},
		{Items: map[string]string{"Q1": "品质"}, Skip: []string{"Q1"}},
		{Attributes: map[string]map[string]string{"C1": {"": "x"}}},
		{Attributes: map[string]map[string]string{"C1": {"地区": " x"}}},
		{Attributes: map[string]map[string]string{"C\x01": {"地区": "x"}}},
	} {
		if _, _, err := ReadSurveyFrom(strings.NewReader(src), "o.csv", o); !errors.Is(err, csat.ErrInvalid) {
			t.Errorf("options %+v: error %v, want ErrInvalid", o, err)
		}
	}
	// No forms: the statistics are empty, not nil.
	ss, _, err = ReadSurveyFrom(strings.NewReader("项目,等级\n品质,满意\n"), "n.csv", nil)
	if err != nil || ss[0].Forms == nil || ss[0].Forms.Scale() != csat.FivePoint() || len(ss[0].Forms.Sources()) != 0 {
		t.Errorf("no forms: %v, %v; want empty statistics of the scale", ss, err)
	}
}

// TestReadAttributesErrors covers the customers' attributes file.
func TestReadAttributesErrors(t *testing.T) {
	for _, tt := range []readCase{
		{"customer twice", "客户,地区\nC1,华东\nC1,华南\n", nil, csat.ErrDuplicate, 3, 1},
		{"empty customer", "客户,地区\n,华东\n", nil, csat.ErrMissing, 2, 1},
		{"no customer column", "地区,行业\n华东,管材\n", nil, csat.ErrMissing, 1, 0},
		{"header twice", "客户,地区,地区\nC1,华东,华东\n", nil, csat.ErrDuplicate, 1, 3},
		{"value without header", "客户,地区,\nC1,华东,x\n", nil, csat.ErrInvalid, 2, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, _, err := ReadAttributesFrom(strings.NewReader(tt.src), "bad.csv", tt.opts)
			checkParseError(t, err, "bad.csv", tt.line, tt.field, tt.want)
			if m != nil {
				t.Errorf("attributes %v returned with the error", m)
			}
		})
	}
	m, sum, err := ReadAttributesFrom(strings.NewReader("客户,地区,提交时间\nC1,,2026\nC2,华南,\nC1,华东,\n"), "a.csv", &Options{CollectAll: true})
	if !errors.Is(err, csat.ErrDuplicate) || !cmp.Equal(m, map[string]map[string]string{"C1": {}, "C2": {"地区": "华南"}}) || sum.Accepted != 2 {
		t.Errorf("CollectAll: %v, %v, %+v", m, err, sum)
	}
	// Options.Segments makes a column an attribute; the answers file
	// read with the same options need not have that column.
	opts := &Options{Segments: []string{"渠道"}}
	m, sum, err = ReadAttributesFrom(strings.NewReader("客户,客户名称,渠道,区域,联系电话\nC1,甲公司,经销,华东,13800000001\n"), "a.csv", opts)
	if err != nil || !cmp.Equal(m, map[string]map[string]string{"C1": {"渠道": "经销", "区域": "华东"}}) || !cmp.Equal(sum.Ignored, []string{"客户名称", "联系电话"}) {
		t.Errorf("Segments: %v, %v, ignored %v", m, err, sum.Ignored)
	}
	opts.Attributes = m
	ss, _, err := ReadSurveyFrom(strings.NewReader("表单,客户,品质\nF1,C1,满意\n"), "s.csv", opts)
	if err != nil || !cmp.Equal(ss[0].Forms.Dimensions(), []string{"区域", "渠道"}) {
		t.Errorf("joined segment of the attributes file only: %v", err)
	}
	if _, _, err := ReadSurveyFrom(strings.NewReader("表单,客户,品质\nF1,C1,满意\n"), "s.csv", &Options{Segments: []string{"渠道"}}); !errors.Is(err, csat.ErrMissing) {
		t.Errorf("segment in no file: %v, want ErrMissing", err)
	}
	if _, _, err := ReadAttributesFrom(nil, "nil.csv", nil); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("nil reader: %v", err)
	}
}
