package htmlreport

import (
	"regexp"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// This file holds the texts the report takes from the analysis and root
// packages that those write in English (or in the method's bilingual
// notation) only: one function per kind of text, so that each switches
// to the packages' own Chinese and English versions in one place. Until
// then each is worded here: in English as the package writes it, in
// Chinese by its known phrases.

// zhPhrases are the English phrases of the analysis package's texts
// with their Chinese, longest first where one contains another.
var zhPhrases = []struct{ en, zh string }{
	{"two-proportion z-test (pooled)", "合并双比例 z 检验"},
	{"Welch's t-test", "Welch t 检验"},
	{"not significant at α = ", "不显著，α = "},
	{"significant at α = ", "显著，α = "},
	{"; warning: ", "；注意："},
	{"pooled rate ", "合并满意率 "},
	{" vs ", " 对 "},
	{"competitor answers share no item with the survey", "竞争对手的答项与检查没有共同项目"},
	{"competitor forms", "份竞争对手答卷"},
	{"fewer than", "少于"},
	{"renormalised", "权重重新归一"},
	{"missing", "缺失"},
	{"no answers", "无答项"},
	{"answers", "答项"},
	{"forms", "份答卷"},
}

// zhPatterns are the analysis package's sentences with numbers and
// names in them, with their Chinese.
var zhPatterns = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`(\d+) competitor forms, fewer than the plan's minimum of (\d+)`), "竞争对手答卷 $1 份，少于计划的最少 $2 份"},
	{regexp.MustCompile(`^(survey|self|competitor) (.+): no interval for (.+) with (\d+) answer\(s\)$`), "$1 $2：仅 $4 个答项，$3 无置信区间"},
	{regexp.MustCompile(`^overall: `), "全部项目："},
}

// zhText words an English text of the analysis package in Chinese by
// its known sentences and phrases.
func zhText(s string) string {
	for _, p := range zhPatterns {
		s = p.re.ReplaceAllString(s, p.zh)
	}
	for _, p := range zhPhrases {
		s = strings.ReplaceAll(s, p.en, p.zh)
	}
	return strings.NewReplacer("survey ", "检查 ", "self ", "自评 ", "competitor ", "竞争对手 ",
		"degree 满意度", "满意度", "rate 满意率", "满意率").Replace(s)
}

// inLang returns s, an English text of the analysis package, in l.
func (l lang) inLang(s string) string {
	if l == langEN {
		return s
	}
	return zhText(s)
}

// reportWarnings are [analysis.Report].Warnings in the report's
// language.
func (l lang) reportWarnings(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = l.inLang(w)
	}
	return out
}

// comparisonExplain is [analysis.Comparison].Explain in the report's
// language.
func (l lang) comparisonExplain(c analysis.Comparison) string { return l.inLang(c.Explain()) }

// comparisonWarning is one of [analysis.Comparison].Warnings in the
// report's language.
func (l lang) comparisonWarning(w string) string { return l.inLang(w) }

// intervalExplain is [csat.Interval].Explain in the report's language:
// its method and level named in it, the formula and bounds as they are.
func (l lang) intervalExplain(iv *csat.Interval) string {
	s := iv.Explain()
	if l == langEN {
		return s
	}
	head, rest, ok := strings.Cut(s, " interval")
	if !ok {
		return zhText(s)
	}
	head = strings.Replace(head, "adjusted Wald", "调整 Wald", 1)
	rest = strings.NewReplacer("t with ", "t 分布，自由度 ", " df, ", "，", "centre ", "中心 ").Replace(rest)
	return head + " 置信区间" + rest
}

// customerExplain is [csat.CustomerScore].Explain in the report's
// language: the final score's derivation, then the band.
func (f fmtr) customerExplain(c csat.CustomerScore) string {
	return f.derivation(c.Final) + "\n" + f.l.t("band") + f.l.t("colon") + f.l.level(c.BandLevel)
}

// targetGap is a target's current figure less its target, labelled in
// both languages (false when the two are not of one kind).
func targetGap(t analysis.TargetFigure) (csat.Result, bool) {
	g, err := csat.Difference("gap to target", t.Current, t.Target.Target)
	if err != nil {
		return csat.Result{}, false
	}
	return labelled(g, "与目标差距", "gap to target"), true
}

// labelled returns r with its label in Chinese and English ([csat.Result.In]),
// for a result the analysis package labels in English only.
func labelled(r csat.Result, zh, en string) csat.Result {
	return r.In("zh", zh, nil).In("en", en, nil)
}

// overallResult is a blended overall figure ([analysis.Report].Overall)
// labelled in both languages: 整体满意度, overall degree.
func overallResult(o csat.Result) csat.Result {
	if !strings.HasPrefix(o.Label(), "overall ") {
		return o
	}
	parts := o.Parts()
	for i, pt := range parts {
		src, fig, ok := strings.Cut(pt.Label(), ": ")
		if !ok {
			continue
		}
		parts[i] = labelled(pt, langZH.source(src)+langZH.shortFigure(fig),
			strings.ToLower(langEN.source(src))+" "+strings.ToLower(langEN.shortFigure(fig)))
	}
	if len(parts) > 0 {
		o = o.WithParts(parts...)
	}
	return labelled(o, langZH.compose(langZH.t("overall"), langZH.shortFigure(o.Label())),
		langEN.compose(langEN.t("overall"), langEN.shortFigure(o.Label())))
}

// gapResult is a self-assessment gap ([analysis.Gap]) of a figure
// ("degree", "rate") labelled in both languages: 满意度差距, degree gap.
func gapResult(r csat.Result, figure string) csat.Result {
	return labelled(r, langZH.shortFigure(figure)+"差距", strings.ToLower(langEN.shortFigure(figure))+" gap")
}
