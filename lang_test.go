package csat

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestExplainIn(t *testing.T) {
	r, err := Quotient("top-2 box 前两项", Fraction, decimal.NewFromInt(4), decimal.NewFromInt(12))
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithFormula(func() string { return "(3 + 1) / 12" }).
		In("zh", "前两项占比", func() string { return "(3 + 1) / 12 份答卷" }).
		In("en", "top-2 box", nil)
	for _, c := range []struct{ lang, want string }{
		{"", "top-2 box 前两项 = (3 + 1) / 12 = ≈33.33%"},
		{"fr", "top-2 box 前两项 = (3 + 1) / 12 = ≈33.33%"},
		{"zh", "前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%"},
		{"zh-CN", "前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%"},
		{"en", "top-2 box = (3 + 1) / 12 = ≈33.33%"},
	} {
		if got := r.ExplainIn(c.lang); got != c.want {
			t.Errorf("ExplainIn(%q) = %q, want %q", c.lang, got, c.want)
		}
	}
	s, err := Sum("total 合计", r, r)
	if err != nil {
		t.Fatal(err)
	}
	s = s.In("zh", "合计", nil)
	if got, want := s.DerivationIn("zh"), "合计 = ≈33.33% + ≈33.33% = ≈66.67%\n  前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%\n  前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%\n"; got != want {
		t.Errorf("DerivationIn(zh) = %q, want %q", got, want)
	}
	// The texts in each language survive JSON.
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"", "zh", "en"} {
		if back.DerivationIn(l) != s.DerivationIn(l) {
			t.Errorf("decoded DerivationIn(%q) = %q, want %q", l, back.DerivationIn(l), s.DerivationIn(l))
		}
	}
	if !back.Equal(s) {
		t.Error("decoded result differs")
	}
	if s.Equal(s.In("en", "sum", nil)) {
		t.Error("Equal ignores the English label")
	}
}

// workedTally is METHOD.md §2's worked example: 10, 5, 6, 3, 1 answers
// from very satisfied to very dissatisfied.
func workedTally(t *testing.T) Tally {
	t.Helper()
	tl := NewTally(FivePoint())
	for level, n := range []uint64{10, 5, 6, 3, 1} {
		if err := tl.AddN(level, n); err != nil {
			t.Fatal(err)
		}
	}
	return tl
}

// checkIn checks r's explanation in Chinese and English against texts
// written by hand, and that both survive JSON.
func checkIn(t *testing.T, r Result, zh, en string) {
	t.Helper()
	if got := r.ExplainIn("zh"); got != zh {
		t.Errorf("ExplainIn(zh) = %q\n want %q", got, zh)
	}
	if got := r.ExplainIn("en"); got != en {
		t.Errorf("ExplainIn(en) = %q\n want %q", got, en)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"", "zh", "en"} {
		if got, want := back.DerivationIn(l), r.DerivationIn(l); got != want {
			t.Errorf("decoded DerivationIn(%q) = %q, want %q", l, got, want)
		}
	}
}

func TestExplainInWorkedExamples(t *testing.T) {
	tl := workedTally(t)
	d, err := Degree{}.Score(tl)
	if err != nil {
		t.Fatal(err)
	}
	// The bilingual notation is unchanged (METHOD.md §2).
	if got, want := d.Explain(), "degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%"; got != want {
		t.Errorf("Explain = %q, want %q", got, want)
	}
	checkIn(t, d, "满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%",
		"degree = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%")
	r, err := Rate{}.Score(tl)
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, r, "满意率 = (10 + 5 + 6) / 25 = 21/25 = 84%", "rate = (10 + 5 + 6) / 25 = 21/25 = 84%")
	m, err := Mean{}.Score(tl)
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, m, "平均分 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / 25 = 190/25 = 7.6", "mean points = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / 25 = 190/25 = 7.6")

	// §3: the blend with the self-assessment missing, renormalised.
	b, err := NewBlend([]Weight{{Name: SourceSelf, Weight: decimal.RequireFromString("0.4")}, {Name: SourceSurvey, Weight: decimal.RequireFromString("0.6")}}, Renormalize)
	if err != nil {
		t.Fatal(err)
	}
	bl, err := b.Combine(map[string]Result{SourceSurvey: d})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := bl.Explain(), "blend = (0.6×76%) / 0.6 [renormalised: self missing] = 76%"; got != want {
		t.Errorf("Explain = %q, want %q", got, want)
	}
	checkIn(t, bl, "加权合成 = (0.6×76%) / 0.6（按现有部分重新归一：缺少 自评） = 76%",
		"blend = (0.6×76%) / 0.6 [renormalised: self missing] = 76%")
	checkIn(t, bl.Parts()[0], "检查：满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%",
		"survey: degree = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%")

	// §8: CLV of m = 1000, r = 0.8, d = 0.1, n = 3.
	clv, err := CLVConstant(decimal.NewFromInt(1000), decimal.RequireFromString("0.8"), decimal.RequireFromString("0.1"), 3)
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, clv, "顾客终身价值 CLV = 1000/1.1 + 800/1.1^2 + 640/1.1^3 = 2730000/1331 = ≈2051.09",
		"CLV = 1000/1.1 + 800/1.1^2 + 640/1.1^3 = 2730000/1331 = ≈2051.09")
	none, err := CLV(nil, decimal.RequireFromString("0.1"))
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, none, "顾客终身价值 CLV = 没有期间 = 0", "CLV = no periods = 0")
}

// The PVC write-up's worked customer (METHOD.md §5) in each language.
func TestExplainInCustomer(t *testing.T) {
	n := decimal.NewFromInt
	cs, err := PVCCustomerScorer().Score(Customer{
		ID: "PVC-001",
		Questionnaire: map[string]decimal.Decimal{
			"品质": n(92), "包装": n(85), "使用性": n(88), "接待": n(80), "程序": n(75),
			"价格和付款": n(60), "运输": n(70), "问题处理": n(65), "技术支持和服务": n(90),
		},
		Visit: map[string]VisitNote{
			"品质": {Level: "很满意"}, "包装": {Level: "比较不满意"}, "价格和付款": {Level: "比较满意"},
		},
		Complaints: []Complaint{
			{ID: "C1", Outcome: HandledBasicallySatisfied},
			{ID: "C2", Outcome: HandledVerySatisfied},
			{ID: "C3", Outcome: NotHandled},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, cs.Final, "最终得分 = 80.42 − 1 + 2 − 5 = 76.42", "final score = 80.42 − 1 + 2 − 5 = 76.42")
	checkIn(t, cs.Preliminary, "初步得分 = 0.6×80 + 0.4×81.05 = 80.42", "preliminary score = 0.6×80 + 0.4×81.05 = 80.42")
	parts := cs.Final.Parts()
	checkIn(t, parts[1], "投诉 C1：处理，客户基本满意 = -1", "complaint C1: handled, customer basically satisfied = -1")
	checkIn(t, parts[3], "投诉 C3：投诉未处理 = -5", "complaint C3: not handled = -5")
	zh, en := cs.Final.DerivationIn("zh"), cs.Final.DerivationIn("en")
	for _, want := range []string{"\n        品质（很满意，代表分） = 95\n", "\n        运输（未提及，按 满意） = 80\n", "\n    走访 = ", "\n    问卷 = "} {
		if !strings.Contains(zh, want) {
			t.Errorf("DerivationIn(zh) has no %q:\n%s", want, zh)
		}
	}
	for _, want := range []string{"\n        品质 (very satisfied, representative point) = 95\n", "\n        运输 (not mentioned, satisfied) = 80\n", "\n    visit = ", "\n    questionnaire = "} {
		if !strings.Contains(en, want) {
			t.Errorf("DerivationIn(en) has no %q:\n%s", want, en)
		}
	}
	// A score below 0 is clamped, and says so in each language.
	low, err := PVCCustomerScorer().Score(Customer{ID: "X",
		Questionnaire: map[string]decimal.Decimal{"品质": n(0), "包装": n(0), "使用性": n(0), "接待": n(0), "程序": n(0),
			"价格和付款": n(0), "运输": n(0), "问题处理": n(0), "技术支持和服务": n(0)},
		Complaints: []Complaint{{ID: "C1", Outcome: NotHandled}}})
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, low.Final, "最终得分 = 0 − 5 = -5，限定在 0..100 内 = 0", "final score = 0 − 5 = -5, clamped to 0..100 = 0")
}

// zhLatin are the Latin words a Chinese explanation of this package may
// hold besides single-letter symbols (n, t, z …): names written in Latin
// letters in Chinese too (see analysis/lang_test.go for the full list).
var zhLatin = map[string]bool{"NPS": true, "CLV": true}

// Property: the scores of any tally, blended with a source possibly
// missing, read in Chinese without English words and in English without
// Chinese, and the bilingual notation is the one Explain prints.
func TestExplainInProperty(t *testing.T) {
	latin := regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
	rapid.Check(t, func(rt *rapid.T) {
		tl := NewTally(FivePoint())
		for level := range 5 {
			if err := tl.AddN(level, rapid.Uint64Range(0, 50).Draw(rt, "n")); err != nil {
				rt.Fatal(err)
			}
		}
		if n, _ := tl.N(); n == 0 {
			rt.Skip("empty")
		}
		var rs []Result
		for _, s := range []Scorer{Degree{}, Rate{}, Mean{}} {
			r, err := s.Score(tl)
			if err != nil {
				rt.Fatal(err)
			}
			rs = append(rs, r)
		}
		b, err := NewBlend([]Weight{{Name: SourceSelf, Weight: decimal.RequireFromString("0.4")}, {Name: SourceSurvey, Weight: decimal.RequireFromString("0.6")}}, Renormalize)
		if err != nil {
			rt.Fatal(err)
		}
		in := map[string]Result{SourceSurvey: rs[0]}
		if rapid.Bool().Draw(rt, "self") {
			in[SourceSelf] = rs[0]
		}
		bl, err := b.Combine(in)
		if err != nil {
			rt.Fatal(err)
		}
		rs = append(rs, bl)
		for _, r := range rs {
			if r.ExplainIn("") != r.Explain() || r.DerivationIn("fr") != r.Derivation() {
				rt.Errorf("the bilingual notation differs: %q", r.ExplainIn(""))
			}
			for _, w := range latin.FindAllString(r.DerivationIn("zh"), -1) {
				if len(w) > 1 && !zhLatin[w] {
					rt.Errorf("Chinese %q has %q", r.DerivationIn("zh"), w)
				}
			}
			for _, c := range r.DerivationIn("en") {
				if unicode.Is(unicode.Han, c) {
					rt.Errorf("English %q has %q", r.DerivationIn("en"), c)
				}
			}
		}
	})
}

// METHOD.md §8: values 50, 20, 10, 8, 5, 4, 3 (total 100) grade A A A B
// B B C; the fourth customer has 80% of the value before it, class A holds
// 80 of 100.
func TestExplainInSegments(t *testing.T) {
	var vs []CustomerValue
	for i, v := range []int64{50, 20, 10, 8, 5, 4, 3} {
		r, err := Given("CLV", Points, decimal.NewFromInt(v))
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, CustomerValue{ID: "c" + strconv.Itoa(i+1), Value: r})
	}
	as, err := ABC{}.Segment(vs)
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, as[3].ShareBefore, "之前累计价值占比 c4 = 80 / 100 = 80%", "share before c4 = 80 / 100 = 80%")
	sums, err := Summarize(as)
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, sums[0].Share, "A 类价值占比 = 80 / 100 = 80%", "class A value share = 80 / 100 = 80%")
	checkIn(t, sums[0].Value, "A 类价值 = 80", "class A value = 80")
	checkIn(t, as[0].Value, "顾客终身价值 CLV = 50", "CLV = 50")
}

// METHOD.md §7: 100 promoters, 30 passives, 80 detractors give NPS
// (100 − 80) / 210 × 100 ≈ 9.52; two customers of three buying twice give
// a repeat-purchase rate of 2/3.
func TestExplainInLoyalty(t *testing.T) {
	r, err := NPS{}.FromCounts(NPSCounts{Promoters: 100, Passives: 30, Detractors: 80})
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, r.Score, "净推荐值 NPS = (100 − 80) / 210 × 100 = ≈9.52", "NPS = (100 − 80) / 210 × 100 = ≈9.52")
	rr, err := RepeatRate{}.Loyalty(LoyaltyData{Purchases: []Purchase{
		{Customer: "a", Amount: decimal.NewFromInt(1)}, {Customer: "a", Amount: decimal.NewFromInt(1)},
		{Customer: "b", Amount: decimal.NewFromInt(1)}, {Customer: "b", Amount: decimal.NewFromInt(1)},
		{Customer: "c", Amount: decimal.NewFromInt(1)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	checkIn(t, rr, "重复购买率 = 2 位购买两次及以上的客户 / 3 位客户 = ≈66.67%", "repeat-purchase rate = 2 customers buying twice or more / 3 customers = ≈66.67%")
}
