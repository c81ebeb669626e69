package htmlreport

import (
	"fmt"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// cautions words the report's cautions (analysis.Caution) in the
// report's language, one line per kind of caution: those of the
// competitor comparisons, of the main areas of dissatisfaction and of
// the fix-first items without a corrective action are gathered into one
// line each, with every item's numbers.
func (l lang) cautions(cs []analysis.Caution) []string {
	var out []string
	var comp, diss, noAction []string
	var compLimit, dissLimit uint64
	for _, c := range cs {
		switch c.Kind {
		case analysis.CautionCompetitor:
			s := fmt.Sprintf(l.pick("%s（检查 %d / 竞争对手 %d 答项", "%s (survey %d / competitor %d answers"), l.item(c.Subject), at(c.N, 0), at(c.N, 1))
			if c.Significant {
				s += l.pick("，差异显著", ", a significant difference")
			}
			comp, compLimit = append(comp, s+l.pick("）", ")")), c.Limit
		case analysis.CautionDissatisfaction:
			diss = append(diss, fmt.Sprintf(l.pick("%s（不满意 %d / %d 答项）", "%s (%d dissatisfied of %d answers)"), l.item(c.Subject), at(c.N, 0), at(c.N, 1)))
			dissLimit = c.Limit
		case analysis.CautionNoAction:
			noAction = append(noAction, fmt.Sprintf(l.pick("%s（第 %d 位）", "%s (no. %d)"), c.Subject, at(c.N, 0)))
		default:
			out = append(out, l.caution(c))
		}
	}
	sep := l.pick("；", "; ")
	lines := []string{}
	if len(comp) > 0 {
		lines = append(lines, fmt.Sprintf(l.pick("样本偏少（少于 %d 答项）的竞争对手比较：%s。", "Small samples (fewer than %d answers) in the competitor comparison: %s."), compLimit, strings.Join(comp, sep)))
	}
	if len(diss) > 0 {
		lines = append(lines, fmt.Sprintf(l.pick("样本偏少（少于 %d 答项）的主要不满意项目：%s。", "Small samples (fewer than %d answers) among the main areas of dissatisfaction: %s."), dissLimit, strings.Join(diss, sep)))
	}
	if len(noAction) > 0 {
		lines = append(lines, fmt.Sprintf(l.pick("优先改进（修补区）的项目尚无纠正措施：%s；请制定措施并指定责任部门。",
			"Fix-first items without a corrective action: %s; plan one for each, with an owner."), strings.Join(noAction, sep)))
	}
	return append(lines, out...)
}

// caution words one caution of the groups, the response rate or the
// churn figures.
func (l lang) caution(c analysis.Caution) string {
	values := make([]string, len(c.Values))
	for i, v := range c.Values {
		values[i] = fmt.Sprintf(l.pick("%s（%d 份答卷）", "%s (%d forms)"), v, at(c.N, i))
	}
	list := strings.Join(values, l.pick("、", ", "))
	v0 := ""
	if len(c.Values) > 0 {
		v0 = c.Values[0]
	}
	switch c.Kind {
	case analysis.CautionGroupSmall:
		return fmt.Sprintf(l.pick("%s：样本偏少（少于 %d 份答卷）：%s。", "%s: small samples (fewer than %d forms): %s."), c.Subject, c.Limit, list)
	case analysis.CautionGroupSuppressed:
		return fmt.Sprintf(l.pick("%s：少于 %d 份答卷（或少于 2 个答项），不显示：%s。", "%s: fewer than %d forms (or 2 answers), not shown: %s."), c.Subject, c.Limit, list)
	case analysis.CautionUnplanned:
		return fmt.Sprintf(l.pick("回收率：%s %s 未发放问卷却回收 %d 份答卷，不计入回收率。", "Response rate: %s %s was sent no forms but returned %d; outside the rates."), c.Subject, v0, at(c.N, 0))
	case analysis.CautionNoStratum:
		return fmt.Sprintf(l.pick("回收率：%d 份答卷没有%s，不计入回收率。", "Response rate: %d forms have no %s; outside the rates."), at(c.N, 0), c.Subject)
	case analysis.CautionEmptyForms:
		return fmt.Sprintf(l.pick("%d 份答卷所有项目均未作答，不计入任何指标、分组和回收率。", "%d forms answered no item: outside every figure, group and rate."), at(c.N, 0))
	case analysis.CautionNoValue:
		return fmt.Sprintf(l.pick("%d 份答卷没有%s，不计入按%s的分组比较。", "%d answered forms have no %s: outside its breakdown."), at(c.N, 0), c.Subject, c.Subject)
	case analysis.CautionUnderMinimum:
		return fmt.Sprintf(l.pick("回收率：%s %s 回收 %d 份答卷，少于计划的最少 %d 份。", "Response rate: %s %s returned %d forms, fewer than the plan's minimum of %d."), c.Subject, v0, at(c.N, 0), c.Limit)
	case analysis.CautionNoCorrelation:
		return fmt.Sprintf(l.pick("未计算满意度与投诉次数的 Spearman ρ：被调查客户 %d 位（至少需要 %d 位），满意度有 %d 种取值，投诉次数有 %d 种取值（各至少需要 2 种）。",
			"No Spearman ρ of degree and complaints: %d surveyed customers (at least %d needed), %d distinct degrees, %d distinct complaint counts (at least 2 of each needed)."),
			at(c.N, 0), c.Limit, at(c.N, 1), at(c.N, 2))
	case analysis.CautionChurnSmall:
		statuses := make([]string, len(c.Values))
		for i, v := range c.Values {
			statuses[i] = fmt.Sprintf(l.pick("%s（%d 位客户）", "%s (%d customers)"), l.statusText(v), at(c.N, i))
		}
		return fmt.Sprintf(l.pick("流失分析：客户少于 %d 位，未检验正常客户与流失客户的差异：%s。", "Churn: fewer than %d customers, active not tested against lost: %s."),
			c.Limit, strings.Join(statuses, l.pick("、", ", ")))
	}
	return c.String()
}

// statusText names a status given by its name ("active", "lost"), as
// the churn cautions give it; another text is kept.
func (l lang) statusText(v string) string {
	var s csat.Status
	if err := s.UnmarshalText([]byte(v)); err != nil {
		return v
	}
	return l.status(s)
}

// pick returns zh or en by the language.
func (l lang) pick(zh, en string) string {
	if l == langEN {
		return en
	}
	return zh
}

// at returns n[i], 0 when n is shorter.
func at(n []uint64, i int) uint64 {
	if i < len(n) {
		return n[i]
	}
	return 0
}

// Cautions words a report's cautions in the language lang ("zh", the
// default, or "en"), as the report's warnings box does: one line for the
// competitor comparisons, one for the main areas of dissatisfaction, one
// for the fix-first items without a corrective action, one per group,
// response or churn caution. Text outputs (the csat command) use it
// so that they speak the report's language. An unknown language is an
// error wrapping csat.ErrInvalid.
func Cautions(cs []analysis.Caution, language string) ([]string, error) {
	l, err := parseLang(language)
	if err != nil {
		return nil, err
	}
	return l.cautions(cs), nil
}
