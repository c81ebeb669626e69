package analysis

import (
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// The analysis in one language. Explain, Verdict, Summary and the
// warnings are written in English (with the method's Chinese terms where
// METHOD.md gives them); the …In methods below print them in the
// language of a report: "zh" (also "zh-CN") Chinese, "en" (also "en-US")
// English, anything else as the English text. The warnings are stored
// as the English text, which names a warning and its figures: WarningIn
// reads it back, so a report decoded from JSON prints its warnings in
// both languages as the report it was encoded from.
//
// A Chinese text keeps, in Latin letters, only the method's one-letter
// symbols (t, z, n, p, r, s, k, R of R², h of hours, d of days …), the
// indices jk of Λ²jk, and the names that Chinese writes in Latin letters
// too: Wilson, Wald, Welch, Spearman, Johnson, Shapley, LMG, NPS, CLV,
// RR1 — and what the data names (items, sources, periods, customers, a
// user's own scorer or method). "df", "pp", "cut", "cov" … are worded in
// Chinese (自由度, 个百分点, 分界, 协方差). An English text has no Chinese
// but the data's. TestReportLangsWorked and TestReportLangsProperty hold
// every report to this.

// isZh reports whether lang asks for Chinese.
func isZh(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "zh" || strings.HasPrefix(lang, "zh-")
}

// localised returns r with its label in Chinese zh and in English en
// (the formula as it is).
func localised(r csat.Result, zh, en string) csat.Result {
	return r.In("zh", zh, nil).In("en", en, nil)
}

// sourceZh are the method's source names in Chinese.
var sourceZh = map[string]string{
	csat.SourceSurvey: "检查", csat.SourceSelf: "自评", csat.SourceCompetitor: "竞争对手",
}

// sourceIn returns the source name src in Chinese when zh, else as it is.
func sourceIn(src string, zh bool) string {
	if t, ok := sourceZh[src]; ok && zh {
		return t
	}
	return src
}

// labelZh are the library's bilingual labels a warning quotes, in
// Chinese.
var labelZh = map[string]string{"degree 满意度": "满意度", "rate 满意率": "满意率", "mean points": "平均分"}

// labelEn are the library's bilingual labels a warning quotes, in
// English.
var labelEn = map[string]string{"degree 满意度": "degree", "rate 满意率": "rate"}

// The warnings the analysis writes, by their English text.
var (
	warnFewCompetitor = regexp.MustCompile(`^([0-9]+) competitor forms, fewer than the plan's minimum of ([0-9]+)$`)
	warnWelch         = regexp.MustCompile(`^welch test: (ours|theirs): ([0-9]+) answers \(at least 2 needed\): too few observations$`)
	warnNoInterval    = regexp.MustCompile(`^(\S+) (.*): no interval for (.*) with ([0-9]+) answer\(s\)$`)
)

// warnNoShared is the warning of a report whose competitor answers share
// no item with the survey.
const warnNoShared = "competitor answers share no item with the survey"

// WarningIn returns the warning w, as [Report.Warnings] and
// [Comparison.Warnings] hold it, in the language lang: "zh" prints it in
// Chinese, any other lang returns w. A warning the analysis did not
// write is returned as it is.
func WarningIn(w, lang string) string {
	if !isZh(lang) {
		if !strings.HasPrefix(strings.ToLower(lang), "en") {
			return w
		}
		// English only: the figure's label without its Chinese term.
		for bi, en := range labelEn {
			w = strings.Replace(w, " for "+bi+" with ", " for "+en+" with ", 1)
		}
		return w
	}
	if t, ok := warningZh(w); ok {
		return t
	}
	// "item: warning", the item of a competitor comparison.
	for i := 0; ; {
		j := strings.Index(w[i:], ": ")
		if j < 0 {
			return w
		}
		i += j
		if t, ok := warningZh(w[i+2:]); ok {
			item := w[:i]
			if item == "overall" {
				item = "整体"
			}
			return item + "：" + t
		}
		i += 2
	}
}

// warningZh returns the warning w in Chinese, and whether it is one the
// analysis writes.
func warningZh(w string) (string, bool) {
	if w == warnNoShared {
		return "竞争对手的答卷与检查没有共同的项目", true
	}
	if m := warnFewCompetitor.FindStringSubmatch(w); m != nil {
		return "竞争对手答卷 " + m[1] + " 份，少于计划的最少 " + m[2] + " 份", true
	}
	if m := warnWelch.FindStringSubmatch(w); m != nil {
		side := "我方"
		if m[1] == "theirs" {
			side = "对方"
		}
		return "Welch t 检验：" + side + "只有 " + m[2] + " 个答项（至少需要 2 个）", true
	}
	if m := warnNoInterval.FindStringSubmatch(w); m != nil {
		item, label := m[2], m[3]
		if item == "overall" {
			item = "整体"
		}
		if t, ok := labelZh[label]; ok {
			label = t
		}
		return sourceIn(m[1], true) + " " + item + "：只有 " + m[4] + " 个答项，" + label + "没有置信区间", true
	}
	return "", false
}

// warningsIn returns ws in the language lang.
func warningsIn(ws []string, lang string) []string {
	if ws == nil {
		return nil
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = WarningIn(w, lang)
	}
	return out
}

// WarningsIn returns the report's warnings in the language lang ("zh" or
// "en"), as [WarningIn] prints each.
func (r Report) WarningsIn(lang string) []string { return warningsIn(r.Warnings, lang) }

// WarningsIn returns the comparison's warnings in the language lang, as
// [WarningIn] prints each.
func (c Comparison) WarningsIn(lang string) []string { return warningsIn(c.Warnings, lang) }

// formulaZh words a comparison's formula in Chinese.
var formulaZh = strings.NewReplacer("pooled rate ", "合并满意率 ", ", z = ", "，z = ", ", df = ", "，自由度 = ")

// testZh are the comparisons' tests in Chinese.
var testZh = map[string]string{testZ: "两比例 z 检验（合并比例）", testWelch: "Welch t 检验"}

// VerdictIn is [Comparison.Verdict] in the language lang: "zh" prints
// "在 α = 0.05 下差异显著" or "在 α = 0.05 下差异不显著".
func (c Comparison) VerdictIn(lang string) string {
	if !isZh(lang) {
		return c.Verdict()
	}
	if c.Significant {
		return "在 α = " + c.Alpha.String() + " 下差异显著"
	}
	return "在 α = " + c.Alpha.String() + " 下差异不显著"
}

// ExplainIn is [Comparison.Explain] in the language lang.
func (c Comparison) ExplainIn(lang string) string {
	if !isZh(lang) {
		return c.Explain()
	}
	test := c.Test
	if t, ok := testZh[test]; ok {
		test = t
	}
	s := test + "：" + c.Ours.String() + " 对 " + c.Theirs.String()
	if c.formula != "" {
		s += "，" + formulaZh.Replace(c.formula)
	}
	s += "，p = " + c.PValue.Round(4).String() + "，" + c.VerdictIn(lang)
	for _, w := range c.Warnings {
		s += "；注意：" + WarningIn(w, lang)
	}
	return s
}

// ExplainIn is [QuadrantReport.Explain] in the language lang: "zh"
// prints "交货期：重要度 0.42 ≥ 分界 0.3（高），满意度 56% < 分界 76%（低）：
// 修补区，低于满意度分界 20 个百分点；优先改进第 1 位".
func (q QuadrantReport) ExplainIn(item, lang string) string {
	if !isZh(lang) {
		s := q.Explain(item)
		if strings.HasPrefix(strings.ToLower(lang), "en") {
			// English only: without the zone's Chinese name.
			for _, z := range zoneChinese {
				s = strings.Replace(s, " ("+z+")", "", 1)
			}
		}
		return s
	}
	i := slices.IndexFunc(q.Items, func(it QuadrantItem) bool { return it.Item == item })
	if i < 0 {
		return ""
	}
	it := q.Items[i]
	side := func(v, cut csat.Result) string {
		if v.Cmp(cut) >= 0 {
			return v.String() + " ≥ 分界 " + cut.String() + "（高）"
		}
		return v.String() + " < 分界 " + cut.String() + "（低）"
	}
	s := item + "：重要度 " + side(it.Importance, q.Importance.Value) + "，满意度 " + side(it.Performance, q.Performance.Value) + "："
	if it.Zone >= ZoneFix && it.Zone <= ZoneMaintain {
		s += zoneChinese[it.Zone]
	} else {
		s += it.Zone.String()
	}
	switch sign := it.Gap.Rat().Sign(); {
	case sign > 0:
		s += "，低于满意度分界 " + distanceZh(it.Gap)
	case sign < 0:
		neg, _ := csat.FromRat("", it.Gap.Kind(), new(big.Rat).Neg(it.Gap.Rat()))
		s += "，高于满意度分界 " + distanceZh(neg)
	default:
		s += "，正在满意度分界上"
	}
	if k := slices.Index(q.FixFirst, item); k >= 0 {
		s += "；优先改进第 " + strconv.Itoa(k+1) + " 位"
	}
	return s
}

// distanceZh prints a difference in Chinese: of fractions in percentage
// points ("≈9.44 个百分点"), of points as it is.
func distanceZh(d csat.Result) string {
	if d.Kind() == csat.Fraction {
		return strings.TrimSuffix(d.String(), "%") + " 个百分点"
	}
	return d.String()
}

// SummaryIn is [ChurnFigures.Summary] in the language lang.
func (c ChurnFigures) SummaryIn(lang string) string {
	if !isZh(lang) {
		return c.Summary()
	}
	mean := func(st csat.Status) string {
		for _, f := range c.Statuses {
			if f.Status == st && f.Mean != nil {
				return f.Mean.String() + "（" + strconv.FormatUint(f.Customers, 10) + " 位客户）"
			}
		}
		return "—（没有客户）"
	}
	s := "流失客户对我们的评价为 " + mean(csat.Lost) + "，保持的客户为 " + mean(csat.Active)
	if c.Test != nil {
		s += "；" + c.Test.ExplainIn(lang)
	} else {
		s += "；客户太少，无法检验差异"
	}
	if c.Spearman != nil {
		s += "；满意度与投诉数的 Spearman ρ 为 " + c.Spearman.Rho.Round(4).String() + "（" + strconv.FormatUint(c.Spearman.N, 10) +
			" 位客户），p = " + c.Spearman.PValue.Round(4).String()
	}
	return s
}

// The interval explanations of package csat ([csat.Interval.Explain]).
var (
	ivHead   = regexp.MustCompile(`^(.+?) (≈?[0-9.]+%) interval = `)
	ivWilson = regexp.MustCompile(`^centre (\S+) ± (\S+) \(z (\S+), n (\S+)\) = (.*)$`)
	ivT      = regexp.MustCompile(`^(\S+) ± (\S+) \(t with (\S+) df, s/√n\) = (.*)$`)
)

// IntervalExplainIn returns [csat.Interval.Explain] of iv in the language
// lang: "zh" prints "95% Wilson 置信区间 = 中心 28.11% ± 13.21%（z 1.96，
// n 32）= [14.9%, 41.32%]", "95% t 置信区间 = 76% ± 2.064×4.2%（t 分布，
// 自由度 24，s/√n）= […]"; any other lang the explanation as it is.
func IntervalExplainIn(iv csat.Interval, lang string) string {
	s := iv.Explain()
	if !isZh(lang) {
		return s
	}
	h := ivHead.FindStringSubmatch(s)
	if h == nil {
		return s
	}
	method := h[1]
	if method == "adjusted Wald" {
		method = "调整 Wald"
	}
	rest := s[len(h[0]):]
	head := h[2] + " " + method + " 置信区间 = "
	if m := ivWilson.FindStringSubmatch(rest); m != nil {
		return head + "中心 " + m[1] + " ± " + m[2] + "（z " + m[3] + "，n " + m[4] + "）= " + m[5]
	}
	if m := ivT.FindStringSubmatch(rest); m != nil {
		return head + m[1] + " ± " + m[2] + "（t 分布，自由度 " + m[3] + "，s/√n）= " + m[4]
	}
	return head + rest
}

// zhLabel returns the Chinese label the library gives label (by way of
// a result's explanation), or label.
func zhLabel(label string) string {
	r, err := csat.Given(label, csat.Points, decimal.Zero)
	if err != nil {
		return label
	}
	return strings.TrimSuffix(r.ExplainIn("zh"), " = 0")
}

// firstOf returns the first of ss that is not empty.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
