package csat

import "strings"

// The languages of an explanation. Explain, Derivation and Formula print
// the method's bilingual notation (English words with the method's
// Chinese terms, "degree 满意度 = 190/250 = 76%"), the way METHOD.md writes
// its worked examples; ExplainIn, DerivationIn and FormulaIn print it in
// one language only, for a report in that language.
type lang uint8

const (
	langBi lang = iota // the bilingual notation
	langZh             // Chinese
	langEn             // English
)

// parseLang reads a language tag: "zh" (also "zh-CN", "zh-Hans") is
// Chinese, "en" (also "en-US", "en-GB") English; anything else, "" too,
// is the bilingual notation.
func parseLang(s string) lang {
	s = strings.ToLower(s)
	switch {
	case s == "zh" || strings.HasPrefix(s, "zh-"):
		return langZh
	case s == "en" || strings.HasPrefix(s, "en-"):
		return langEn
	}
	return langBi
}

// pick returns the text of l: bi for the bilingual notation, zh or en.
func (l lang) pick(bi, zh, en string) string {
	switch l {
	case langZh:
		return zh
	case langEn:
		return en
	}
	return bi
}

// altText is a label and a formula given for one language by [Result.In].
type altText struct {
	label    string
	hasLabel bool
	formula  formula // nil: the result's own formula
}

// altTexts are the texts given for Chinese ([0]) and English ([1]).
type altTexts [2]altText

// In returns a copy of r whose explanation in lang ("zh" or "en", see
// [Result.ExplainIn]) prints label as its label and, unless formula is
// nil, formula() as its formula, the way [Result.WithFormula] prints it.
// A user's scorer calls it once per language to explain its results in
// both:
//
//	r = r.In("zh", "前两项占比", f).In("en", "top-2 box", f)
//
// Without it, an explanation in a language prints the label and formula
// the library wrote for that language, or else those given by
// [Result.WithLabel] and [Result.WithFormula]. Another lang returns r
// unchanged. formula must be safe for concurrent use and print the same
// text every time.
func (r Result) In(lang, label string, formula func() string) Result {
	l := parseLang(lang)
	if l == langBi {
		return r
	}
	var a altTexts
	if r.alt != nil {
		a = *r.alt
	}
	t := altText{label: label, hasLabel: true}
	if formula != nil {
		t.formula = funcFormula(formula)
	}
	a[l-langZh] = t
	r.alt = &a
	return r
}

// labels returns a copy of r labelled zh in Chinese and en in English
// (a label the library composes with data: a visit's item and level, a
// complaint and its outcome).
func (r Result) labels(zh, en string) Result {
	var a altTexts
	if r.alt != nil {
		a = *r.alt
	}
	a[0].label, a[0].hasLabel = zh, true
	a[1].label, a[1].hasLabel = en, true
	r.alt = &a
	return r
}

// levelIn returns the level's label in l: its Chinese label for langZh,
// its English label for langEn, else the other one or its key.
func levelIn(lv Level, l lang) string {
	first, second := lv.Label, lv.LabelZH
	if l == langZh {
		first, second = second, first
	}
	switch {
	case first != "":
		return first
	case second != "":
		return second
	}
	return lv.Key
}

// withText sets the label and formula text of l (a decoded result's).
func (r *Result) withText(l lang, label, formula string) {
	var a altTexts
	if r.alt != nil {
		a = *r.alt
	}
	t := altText{label: label, hasLabel: true}
	if formula != "" {
		t.formula = textFormula(formula)
	}
	a[l-langZh] = t
	r.alt = &a
}

// labelIn returns the label of r in l: the one given by [Result.In],
// else the library's own label in l (localLabel), else the label as
// given.
func (r Result) labelIn(l lang) string {
	if l == langBi {
		return r.label
	}
	if r.alt != nil && r.alt[l-langZh].hasLabel {
		return r.alt[l-langZh].label
	}
	return localLabel(r.label, l)
}

// localLabel returns the library's label s in l (langZh or langEn): from
// builtinLabels, or for the labels the library composes with a name
// ("survey: degree 满意度" of a blend's part, "loyalty index C01", "class A
// value"), the name kept and the rest in l. Any other label is returned
// as it is. It runs only when an explanation is printed.
func localLabel(s string, l lang) string {
	i := int(l - langZh)
	if t, ok := builtinLabels[s]; ok {
		return t[i]
	}
	for _, p := range labelPrefixes {
		if rest, ok := strings.CutPrefix(s, p.bi); ok && rest != "" {
			if t, ok := builtinLabels[rest]; ok && p.ofLabel {
				rest = t[i]
			} else if p.ofLabel {
				continue
			}
			return p.text[i] + rest
		}
	}

	if rest, ok := strings.CutPrefix(s, "class "); ok {
		for _, c := range [...]struct{ suffix, zh string }{{" value share", " 类价值占比"}, {" value", " 类价值"}} {
			if class, ok := strings.CutSuffix(rest, c.suffix); ok && class != "" {
				return l.pick(s, class+c.zh, s)
			}
		}
	}
	// A part of a blend or of a weight tree: "name: label".
	if name, rest, ok := strings.Cut(s, ": "); ok && name != "" {
		if t, ok := builtinLabels[rest]; ok {
			return localLabel(name, l) + l.pick("", "：", ": ") + t[i]
		}
	}
	return s
}

// labelPrefixes are the library's labels made of a text and a name
// ("loyalty index C01"), or of a text and a label of builtinLabels
// (ofLabel: "overall degree 满意度"): the text in each language.
var labelPrefixes = [...]struct {
	bi      string
	text    [2]string
	ofLabel bool
}{
	{"loyalty index ", [2]string{"忠诚度指数 ", "loyalty index "}, false},
	{"share before ", [2]string{"之前累计价值占比 ", "share before "}, false},
	{"overall ", [2]string{"整体", "overall "}, true},
}

// formulaIn returns the formula of r in l.
func (r Result) formulaIn(l lang) string {
	if l != langBi && r.alt != nil && r.alt[l-langZh].formula != nil {
		return r.alt[l-langZh].formula.text(&r, l)
	}
	if r.formula == nil {
		return ""
	}
	return r.formula.text(&r, l)
}

// builtinLabels are the library's labels in Chinese and English, by their
// bilingual form (the Chinese terms of METHOD.md). Item names, sources
// and measures a user names are data and print as they are, except the
// method's own source names.
var builtinLabels = map[string][2]string{
	"degree 满意度":           {"满意度", "degree"},
	"rate 满意率":             {"满意率", "rate"},
	"rate":                 {"满意率", "rate"},
	"mean points":          {"平均分", "mean points"},
	"blend":                {"加权合成", "blend"},
	"questionnaire 问卷":     {"问卷", "questionnaire"},
	"visit 走访":             {"走访", "visit"},
	"preliminary 初步得分":     {"初步得分", "preliminary score"},
	"final 最终得分":           {"最终得分", "final score"},
	"questionnaire":        {"问卷", "questionnaire"},
	"visit":                {"走访", "visit"},
	"survey":               {"检查", "survey"},
	"self":                 {"自评", "self-assessment"},
	"competitor":           {"竞争对手", "competitor"},
	"NPS":                  {"净推荐值 NPS", "NPS"},
	"adjusted NPS":         {"调整后的净推荐值 NPS", "adjusted NPS"},
	"repeat-purchase rate": {"重复购买率", "repeat-purchase rate"},
	"share of wallet":      {"钱包份额", "share of wallet"},
	"loyalty index":        {"忠诚度指数", "loyalty index"},
	"CLV":                  {"顾客终身价值 CLV", "CLV"},
	// The labels of package analysis's results.
	"difference":                       {"差异", "difference"},
	"pooled rate":                      {"合并满意率", "pooled rate"},
	"gap":                              {"差距", "gap"},
	"degree gap":                       {"满意度差距（自评 − 检查）", "degree gap (self − survey)"},
	"rate gap":                         {"满意率差距（自评 − 检查）", "rate gap (self − survey)"},
	"dissatisfied share":               {"不满意占比", "dissatisfied share"},
	"share":                            {"占比", "share"},
	"cumulative":                       {"累计占比", "cumulative share"},
	"mean":                             {"平均值", "mean"},
	"advanced mean":                    {"先进值平均", "advanced mean"},
	"target 平均先进指标":                    {"目标（平均先进指标）", "target (average-advanced)"},
	"target 平均先进指标 (variant)":          {"目标（平均先进指标，变体）", "target (average-advanced, variant)"},
	"company mean":                     {"公司平均", "company mean"},
	"response rate RR1":                {"回收率 RR1", "response rate RR1"},
	"centre line p̄":                   {"中心线 p̄", "centre line p̄"},
	"degree slope per period":          {"满意度每期斜率", "degree slope per period"},
	"rate slope per period":            {"满意率每期斜率", "rate slope per period"},
	"industry average 行业平均":            {"行业平均", "industry average"},
	"industry leader 行业领先":             {"行业领先", "industry leader"},
	"world leader 世界领先":                {"世界领先", "world leader"},
	"gap to industry average 行业平均":     {"与行业平均的差距", "gap to industry average"},
	"gap to industry leader 行业领先":      {"与行业领先的差距", "gap to industry leader"},
	"gap to world leader 世界领先":         {"与世界领先的差距", "gap to world leader"},
	"dissatisfied customers (iceberg)": {"不满意客户估计（冰山）", "dissatisfied customers (iceberg)"},
	"voice it elsewhere":               {"在别处抱怨", "voice it elsewhere"},
	"say nothing":                      {"不出声", "say nothing"},
	"expected customers lost to delay": {"因拖延预计流失的客户", "expected customers lost to delay"},
	"expected returning complainants":  {"预计回头的投诉客户", "expected returning complainants"},
	"word-of-mouth reach":              {"口碑传播人数", "word-of-mouth reach"},
	"Spearman ρ":                       {"Spearman ρ", "Spearman ρ"},
	"Spearman ρ²":                      {"Spearman ρ²", "Spearman ρ²"},
}

// ExplainIn is [Result.Explain] in the language lang: "zh" (also
// "zh-CN") prints it in Chinese only, "en" (also "en-US") in English
// only, with the figures and the method's symbols (Σ, ×, √, %) as they
// are; any other lang, "" too, prints the bilingual notation of
// [Result.Explain]. Texts given by a user ([Result.WithLabel],
// [Result.WithFormula]) print as given unless [Result.In] gave them in
// lang.
func (r Result) ExplainIn(lang string) string { return r.explain(parseLang(lang)) }

// DerivationIn is [Result.Derivation] in the language lang, as
// [Result.ExplainIn] prints it.
func (r Result) DerivationIn(lang string) string {
	var b strings.Builder
	r.derive(&b, 0, parseLang(lang))
	return b.String()
}
