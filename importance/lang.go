package importance

import (
	"strconv"
	"strings"
)

// methodZh are the built-in methods in Chinese.
var methodZh = map[string]string{
	"stated": "陈述重要度", "correlation": "相关系数", "shapley": "Shapley 分解（LMG）", "relative_weights": "相对权重（Johnson）",
}

// sourceZh are the method's source names in Chinese.
var sourceZh = map[string]string{"survey": "检查", "self": "自评", "competitor": "竞争对手"}

// isZh reports whether lang asks for Chinese ("zh", "zh-CN" …).
func isZh(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "zh" || strings.HasPrefix(lang, "zh-")
}

// ExplainIn is [Set.Explain] in the language lang: "zh" prints it in
// Chinese (each value by [csat.Result.ExplainIn]), "en" in English only,
// any other lang as [Set.Explain].
func (s Set) ExplainIn(lang string) string {
	if !isZh(lang) {
		if strings.HasPrefix(strings.ToLower(lang), "en") {
			return s.explainEn(lang)
		}
		return s.Explain()
	}
	var b strings.Builder
	m := s.Method
	if t, ok := methodZh[s.Method]; ok {
		m = t
	}
	src := s.Source
	if t, ok := sourceZh[src]; ok {
		src = t
	}
	b.WriteString(m + "：" + strconv.Itoa(len(s.Items)) + " 个项目的重要度，来源：" + src)
	switch s.Target {
	case TargetOverall:
		b.WriteString("，对总体满意度")
	case TargetItemRest:
		b.WriteString("，对每份答卷其余项目的均值（没有回答总体满意度）")
	case "":
	default:
		b.WriteString("，对 " + s.Target)
	}
	forms := strconv.FormatUint(s.Forms, 10)
	switch s.Deletion {
	case "listwise":
		b.WriteString("，依据 " + forms + " 份完整答卷（仅用各项均已作答的答卷）")
	case "pairwise":
		b.WriteString("，每对项目至少依据 " + forms + " 份答卷（逐对使用已作答的答卷）")
	case "":
		if s.Method == "stated" {
			b.WriteString("，每个项目至少 " + forms + " 个陈述重要度")
		}
	default:
		b.WriteString("，" + forms + " 份答卷（" + s.Deletion + "）")
	}
	b.WriteString("\n")
	s.writeValues(&b, lang)
	if len(s.Subsets) > 0 {
		b.WriteString(strconv.Itoa(len(s.Subsets)) + " 个项目子集的 R²：\n")
		for _, sub := range s.Subsets {
			b.WriteString("  R²{" + strings.Join(sub.Items, ", ") + "} = " + sub.R2.String() + "\n")
		}
	}
	return b.String()
}

// explainEn is [Set.Explain] with the values in English only.
func (s Set) explainEn(lang string) string {
	head, _, _ := strings.Cut(s.Explain(), "\n")
	var b strings.Builder
	b.WriteString(head + "\n")
	s.writeValues(&b, lang)
	if len(s.Subsets) > 0 {
		b.WriteString("R² of the " + strconv.Itoa(len(s.Subsets)) + " subsets of the items:\n")
		for _, sub := range s.Subsets {
			b.WriteString("  R²{" + strings.Join(sub.Items, ", ") + "} = " + sub.R2.String() + "\n")
		}
	}
	return b.String()
}

// writeValues writes R² and each item's value in lang, one line each.
func (s Set) writeValues(b *strings.Builder, lang string) {
	zh := isZh(lang)
	if s.R2 != nil {
		b.WriteString(s.R2.ExplainIn(lang) + "\n")
	}
	for _, it := range s.Items {
		sep := ": "
		if zh {
			sep = "："
		}
		b.WriteString(strconv.Itoa(it.Rank) + ". " + it.Item + sep + it.Value.ExplainIn(lang))
		if it.Interval != nil {
			if zh {
				b.WriteString("；" + intervalZh(it.Interval.Explain()))
			} else {
				b.WriteString("; " + it.Interval.Explain())
			}
		}
		b.WriteString("\n")
	}
}

// intervalZh words an interval's explanation without formula ("t 95%
// interval = [3.1, 4.2]") in Chinese: "95% t 置信区间 = [3.1, 4.2]".
func intervalZh(s string) string {
	head, rest, ok := strings.Cut(s, " interval = ")
	if !ok {
		return s
	}
	i := strings.LastIndexByte(head, ' ')
	if i < 0 {
		return s
	}
	return head[i+1:] + " " + head[:i] + " 置信区间 = " + rest
}
