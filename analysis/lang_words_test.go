package analysis

import (
	"slices"
	"testing"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// The warnings the analysis writes, in each language, word for word.
func TestWarningIn(t *testing.T) {
	for _, c := range []struct{ w, zh, en string }{
		{"2 competitor forms, fewer than the plan's minimum of 10", "竞争对手答卷 2 份，少于计划的最少 10 份", "2 competitor forms, fewer than the plan's minimum of 10"},
		{"overall: 2 competitor forms, fewer than the plan's minimum of 10", "整体：竞争对手答卷 2 份，少于计划的最少 10 份", "overall: 2 competitor forms, fewer than the plan's minimum of 10"},
		{"交货期: welch test: theirs: 1 answers (at least 2 needed): too few observations", "交货期：Welch t 检验：对方只有 1 个答项（至少需要 2 个）",
			"交货期: welch test: theirs: 1 answers (at least 2 needed): too few observations"},
		{"survey 交货期: no interval for degree 满意度 with 1 answer(s)", "检查 交货期：只有 1 个答项，满意度没有置信区间", "survey 交货期: no interval for degree with 1 answer(s)"},
		{"self overall: no interval for top-2 box with 1 answer(s)", "自评 整体：只有 1 个答项，top-2 box没有置信区间", "self overall: no interval for top-2 box with 1 answer(s)"},
		{"competitor answers share no item with the survey", "竞争对手的答卷与检查没有共同的项目", "competitor answers share no item with the survey"},
		{"a user's own warning", "a user's own warning", "a user's own warning"},
	} {
		if got := WarningIn(c.w, "zh"); got != c.zh {
			t.Errorf("WarningIn(%q, zh) = %q, want %q", c.w, got, c.zh)
		}
		if got := WarningIn(c.w, "en-GB"); got != c.en {
			t.Errorf("WarningIn(%q, en) = %q, want %q", c.w, got, c.en)
		}
		if got := WarningIn(c.w, ""); got != c.w {
			t.Errorf("WarningIn(%q, \"\") = %q, want it unchanged", c.w, got)
		}
	}
	// The worked report: 2 competitor forms per item, fewer than 10.
	_, rep := built(t)
	zh := rep.WarningsIn("zh")
	if !slices.Contains(zh, "delivery 交货期：竞争对手答卷 2 份，少于计划的最少 10 份") || len(zh) != len(rep.Warnings) {
		t.Errorf("WarningsIn(zh) = %q", zh)
	}
	if en := rep.WarningsIn("en"); !slices.Equal(en, rep.Warnings) {
		t.Errorf("WarningsIn(en) = %q, want %q", en, rep.Warnings)
	}
}

// A rate comparison of METHOD.md §2's survey (21/25 = 84%) with 20/25:
// pooled 41/50 = 82%, z = 0.04/√(0.82·0.18·2/25) = 0.368, p =
// 2(1 − Φ(0.3681)) = 0.7128 (computed apart with erf).
func TestComparisonIn(t *testing.T) {
	c, err := CompareRates(csat.Proportion{K: 21, N: 25}, csat.Proportion{K: 20, N: 25}, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	c.Warnings = []string{"2 competitor forms, fewer than the plan's minimum of 10"}
	if got, want := c.ExplainIn("zh"), "两比例 z 检验（合并比例）：84% 对 80%，合并满意率 82%，z = 0.368，p = 0.7128，在 α = 0.05 下差异不显著；注意：竞争对手答卷 2 份，少于计划的最少 10 份"; got != want {
		t.Errorf("ExplainIn(zh) = %q\n want %q", got, want)
	}
	if got, want := c.ExplainIn("en"), "two-proportion z-test (pooled): 84% vs 80%, pooled rate 82%, z = 0.368, p = 0.7128, not significant at α = 0.05; warning: 2 competitor forms, fewer than the plan's minimum of 10"; got != want {
		t.Errorf("ExplainIn(en) = %q\n want %q", got, want)
	}
	if got := c.VerdictIn("zh"); got != "在 α = 0.05 下差异不显著" {
		t.Errorf("VerdictIn(zh) = %q", got)
	}
	if got := c.WarningsIn("zh"); !slices.Equal(got, []string{"竞争对手答卷 2 份，少于计划的最少 10 份"}) {
		t.Errorf("WarningsIn(zh) = %q", got)
	}
	for _, x := range []struct {
		r      csat.Result
		zh, en string
	}{
		{c.Difference, "差异 = 84% − 80% = 4%", "difference = 84% − 80% = 4%"},
		{*c.Pooled, "合并满意率 = （21/25 与 20/25 合并计数） = 82%", "pooled rate = (21/25 + 20/25 counts pooled) = 82%"},
		{c.Ours, "满意率 = 21/25 = 84%", "rate = 21/25 = 84%"},
	} {
		if got := x.r.ExplainIn("zh"); got != x.zh {
			t.Errorf("ExplainIn(zh) = %q, want %q", got, x.zh)
		}
		if got := x.r.ExplainIn("en"); got != x.en {
			t.Errorf("ExplainIn(en) = %q, want %q", got, x.en)
		}
	}
	sig := c
	sig.Significant = true
	if got := sig.VerdictIn("zh-CN"); got != "在 α = 0.05 下差异显著" {
		t.Errorf("VerdictIn(zh) = %q", got)
	}
}

// The worked example of doc.go: 交货期 is the first to fix, 70% against
// the cut 143/180 = 79.44%, importance 4.4 against 24/6 = 4.
func TestQuadrantExplainIn(t *testing.T) {
	rep, err := Build(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	q := rep.Quadrant
	if got, want := q.ExplainIn("交货期", "zh"), "交货期：重要度 4.4 ≥ 分界 4（高），满意度 70% < 分界 ≈79.44%（低）：修补区，低于满意度分界 ≈9.44 个百分点；优先改进第 1 位"; got != want {
		t.Errorf("ExplainIn(zh) = %q\n want %q", got, want)
	}
	if got, want := q.ExplainIn("交货期", "en"), "交货期: importance 4.4 ≥ cut 4 (high), performance 70% < cut ≈79.44% (low): fix, ≈9.44 pp below the performance line; no. 1 to fix"; got != want {
		t.Errorf("ExplainIn(en) = %q\n want %q", got, want)
	}
	if got := q.ExplainIn("交货期", ""); got != q.Explain("交货期") {
		t.Errorf("ExplainIn(\"\") = %q, want Explain", got)
	}
	if got := q.ExplainIn("none", "zh"); got != "" {
		t.Errorf("ExplainIn of an unknown item = %q", got)
	}
	if got, want := q.Performance.Value.ExplainIn("zh"), "满意度分界（均值） = "; len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("performance cut in Chinese = %q, want it to begin %q", got, want)
	}
}

// METHOD.md §10: the history 70%, 80% gives the mean 75%, the advanced
// mean 80% and the target (75% + 80%) / 2 = 77.5%; the self-assessment
// 198/250 = 79.2% lies 3.2 points above the survey's 76%.
func TestTargetAndGapsIn(t *testing.T) {
	tr, err := Target([]decimal.Decimal{dec("0.7"), dec("0.8")}, AverageAdvanced, csat.Fraction)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tr.Target.DerivationIn("zh"), "目标（平均先进指标） = (75% + 80%) / 2 = 77.5%\n  平均值 = (0.7 + 0.8) / 2 = 75%\n  先进值平均 = (0.8) / 1 = 80%\n"; got != want {
		t.Errorf("DerivationIn(zh) = %q\n want %q", got, want)
	}
	if got, want := tr.Target.ExplainIn("en"), "target (average-advanced) = (75% + 80%) / 2 = 77.5%"; got != want {
		t.Errorf("ExplainIn(en) = %q, want %q", got, want)
	}
	flat, err := Target([]decimal.Decimal{dec("0.8"), dec("0.8")}, AverageAdvanced, csat.Fraction)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := flat.Target.ExplainIn("zh"), "目标（平均先进指标） = 80%（没有高于平均值 80% 的值：目标即平均值） = 80%"; got != want {
		t.Errorf("ExplainIn(zh) = %q, want %q", got, want)
	}
	tab := csat.NewTable(csat.FivePoint())
	for level, n := range []uint64{10, 5, 6, 3, 1} {
		_ = tab.AddN("all items", csat.SourceSurvey, level, n)
	}
	for level, n := range []uint64{6, 13, 5, 1, 0} {
		_ = tab.AddN("all items", csat.SourceSelf, level, n)
	}
	gaps, err := Gaps(tab)
	if err != nil || len(gaps) == 0 {
		t.Fatal(gaps, err)
	}
	if got, want := gaps[0].DegreeGap.ExplainIn("zh"), "满意度差距（自评 − 检查） = 79.2% − 76% = 3.2%"; got != want {
		t.Errorf("ExplainIn(zh) = %q, want %q", got, want)
	}
	if got, want := gaps[0].RateGap.ExplainIn("en"), "rate gap (self − survey) = 96% − 84% = 12%"; got != want {
		t.Errorf("ExplainIn(en) = %q, want %q", got, want)
	}
}

// The interval of METHOD.md §2's rate, 21/25, in each language.
func TestIntervalExplainIn(t *testing.T) {
	iv, err := csat.Wilson(csat.Proportion{K: 21, N: 25}, csat.Confidence{})
	if err != nil {
		t.Fatal(err)
	}
	bi := iv.Explain() // "Wilson 95% interval = centre …% ± …% (z 1.96, n 25) = […]"
	zh := IntervalExplainIn(iv, "zh")
	head, rest := "95% Wilson 置信区间 = 中心 ", "（z 1.96，n 25）= "+iv.String()
	if len(zh) < len(head) || zh[:len(head)] != head || zh[len(zh)-len(rest):] != rest {
		t.Errorf("IntervalExplainIn(zh) = %q (of %q)", zh, bi)
	}
	if got := IntervalExplainIn(iv, "en"); got != bi {
		t.Errorf("IntervalExplainIn(en) = %q, want %q", got, bi)
	}
	d, err := csat.DegreeInterval(tallyOf(t, 10, 5, 6, 3, 1), csat.Confidence{})
	if err != nil {
		t.Fatal(err)
	}
	zh = IntervalExplainIn(d, "zh")
	head, rest = "95% t 置信区间 = 76% ± ", "（t 分布，自由度 24，s/√n）= "+d.String()
	if len(zh) < len(head) || zh[:len(head)] != head || zh[len(zh)-len(rest):] != rest {
		t.Errorf("IntervalExplainIn(zh) = %q (of %q)", zh, d.Explain())
	}
}
