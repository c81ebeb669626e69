package htmlreport

import (
	"fmt"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// findings writes the key findings (要点): a few sentences a manager
// reads first, each from figures shown in the sections below.
func (b *builder) findings() {
	f, r := b.f, b.r
	b.headlineFinding()
	b.targetFindings()
	if len(r.Pareto) > 0 {
		b.paretoFinding()
	}
	b.priorityFindings()
	if len(r.Gaps) > 0 && r.Gaps[0].DegreeGap.Value().IsPositive() {
		g := r.Gaps[0]
		b.addFinding("自评与顾客评价差距最大的项目：%s（自评 %s，检查 %s）。", "Largest gap between self-assessment and survey: %s (self %s, survey %s).",
			g.Item, f.num(g.SelfDegree), f.num(g.SurveyDegree))
	}
	if len(r.Competitor) > 0 {
		b.competitorFindings()
	}
	b.benchmarkFinding()
	b.groupFindings()
	b.responseFinding()
	if r.Trend != nil && len(r.Trend.Points) > 1 {
		last := r.Trend.Points[len(r.Trend.Points)-1]
		if last.VsPrevious != nil {
			d := last.VsPrevious.Degree
			b.addFinding("检查满意度比上期（%s）变化 %s，%s%s。", "Survey degree changed by %s against %s, %s%s.",
				append(changeArgs(f, last.VsPrevious.Against, d), b.periodsN(last.VsPrevious.Against, last.Period))...)
		}
	}
	b.controlFinding()
	if cf := r.Complaints; cf != nil {
		b.addFinding("投诉 %d 起，限时内处理率 %s，未结 %d 起。", "%d complaints, %s resolved within the limit, %d open.",
			cf.Total, f.num(cf.WithinLimit), len(cf.Open))
	}
	b.churnFindings()
	if co := r.Company; co != nil {
		b.addFinding("客户平均得分 %s（%d 位客户）。", "Customers' mean score %s (%d customers).", f.num(co.Mean), co.Customers)
	}
}

// addFinding adds a finding, formatted from the Chinese or the English
// format as the report's language asks.
func (b *builder) addFinding(zh, en string, args ...any) {
	// A figure prints at the report's places, never marked ≈.
	for i, a := range args {
		if r, ok := a.(csat.Result); ok {
			args[i] = b.f.num(r)
		}
	}
	b.p.Findings = append(b.p.Findings, fmt.Sprintf([2]string{zh, en}[b.l], args...))
}

// headlineFinding adds the period's overall figures, beside the survey's.
func (b *builder) headlineFinding() {
	l, r := b.l, b.r
	sv := surveyFigures(r)
	var figs []string
	for i, f := range sv.Overall.Figures {
		name := l.shortFigure(f.Score.Label())
		if i < len(r.Overall) {
			figs = append(figs, fmt.Sprintf([2]string{"整体%s %s（检查 %s）", "overall %s %s (survey %s)"}[l], lower(l, name), b.f.num(r.Overall[i]), b.f.num(f.Score)))
		} else {
			figs = append(figs, fmt.Sprintf([2]string{"%s %s", "%s %s"}[l], lower(l, name), b.f.num(f.Score)))
		}
	}
	b.addFinding("本期（%s）%s。", "In %s: %s.", r.Period, strings.Join(figs, l.sep()))
}

// targetFindings adds the yearly targets met and those missed.
func (b *builder) targetFindings() {
	f := b.f
	l, r := b.l, b.r
	var met, missed []string
	for _, t := range r.Targets {
		s := lower(l, l.shortFigure(targetLabel(r, t))) + " " + f.num(t.Current) + " / " + f.num(t.Target.Target)
		if gap, ok := targetGap(t); ok {
			s += l.pick("（", " (") + f.pp(gap) + l.pick("）", ")")
		}
		if t.Met {
			met = append(met, s)
		} else {
			missed = append(missed, s)
		}
	}
	if len(met) > 0 {
		b.addFinding("达到年度目标：%s。", "Targets met: %s.", strings.Join(met, l.sep()))
	}
	if len(missed) > 0 {
		b.addFinding("未达到年度目标：%s。", "Targets missed: %s.", strings.Join(missed, l.sep()))
	}
}

// competitorFindings adds the items whose degree or rate is significantly
// better or worse than the competitor's, or that there are none.
func (b *builder) competitorFindings() {
	l, r := b.l, b.r
	var better, worse []string
	for _, c := range r.Competitor {
		for _, cmp := range []struct {
			name string
			c    analysis.Comparison
		}{{l.shortFigure("degree"), c.Degree}, {l.shortFigure("rate"), c.Rate}} {
			if !cmp.c.Significant {
				continue
			}
			s := l.item(c.Item) + " " + lower(l, cmp.name) + b.competitorN(c.Item)
			if cmp.c.Difference.Value().IsPositive() {
				better = append(better, s)
			} else {
				worse = append(worse, s)
			}
		}
	}
	switch {
	case len(better) == 0 && len(worse) == 0:
		b.addFinding("与竞争对手相比无显著差异%s。", "No significant difference from the competitor%s.", b.competitorN(""))
	default:
		if len(better) > 0 {
			b.addFinding("显著优于竞争对手：%s。", "Significantly better than the competitor: %s.", strings.Join(better, l.sep()))
		}
		if len(worse) > 0 {
			b.addFinding("显著低于竞争对手：%s。", "Significantly worse than the competitor: %s.", strings.Join(worse, l.sep()))
		}
	}
}

// changeArgs orders the arguments of the trend finding for the language.
func changeArgs(f fmtr, against string, c analysis.Comparison) []any {
	l := f.l
	if l == langZH {
		return []any{against, f.pp(c.Difference), l.verdict(c.Significant)}
	}
	return []any{f.pp(c.Difference), against, l.verdict(c.Significant)}
}

// lower lowercases an English figure name inside a sentence.
func lower(l lang, s string) string {
	if l == langEN {
		return strings.ToLower(s)
	}
	return s
}

// maxDrivers is how many of the most important items the findings name.
const maxDrivers = 3

// priorityFindings names the most important items (key drivers) and the
// items to fix first (修补区) with their gaps.
func (b *builder) priorityFindings() {
	f := b.f
	l, r := b.l, b.r
	if set := r.Importance; set != nil && len(set.Items) > 0 {
		var top []string
		for _, it := range set.Items[:min(maxDrivers, len(set.Items))] {
			top = append(top, it.Item+" "+f.num(it.Value))
		}
		b.addFinding("最重要的项目（%s）：%s。", "Most important items (%s): %s.", l.methodName(set.Method), strings.Join(top, l.sep()))
	}
	q := r.Quadrant
	if q == nil {
		return
	}
	if len(q.FixFirst) == 0 {
		b.addFinding("四分图的修补区没有项目。", "No item falls in the quadrant's fix-first zone.")
		return
	}
	var fix []string
	for _, item := range q.FixFirst {
		s := item
		for _, it := range q.Items {
			if it.Item == item {
				s += fmt.Sprintf(l.pick("（低于表现分界线 %s）", " (%s below the performance cut)"), f.gapWithUnit(it.Gap, false))
			}
		}
		fix = append(fix, s)
	}
	b.addFinding("优先改进（修补区：重要度高、表现低）：%s。", "Fix first (high importance, low performance): %s.", strings.Join(fix, l.sep()))
}

// benchmarkFinding counts where the survey stands against the
// benchmarks.
func (b *builder) benchmarkFinding() {
	gs := b.r.Benchmarks
	if len(gs) == 0 {
		return
	}
	var n [4]int
	for _, g := range gs {
		if g.Standing <= analysis.Below {
			n[g.Standing]++
		}
	}
	b.addFinding("与标杆比较：高于 %d 项，持平 %d 项，低于 %d 项。", "Against the benchmarks: above %d, level with %d, below %d.",
		n[analysis.Above], n[analysis.Level], n[analysis.Below])
}

// churnFindings gives the lost and the kept customers' mean degree with
// Welch's verdict, and Spearman's ρ of degree and complaints.
func (b *builder) churnFindings() {
	f := b.f
	l, cf := b.l, b.r.Churn
	if cf == nil {
		return
	}
	if t := cf.Test; t != nil {
		b.addFinding("流失客户的平均满意度 %s，保留客户 %s（Welch t 检验 p %s，%s）。", "Customers we lost rated us %s, those we kept %s (Welch's t-test p %s, %s).",
			f.num(t.Theirs), f.num(t.Ours), pIs(t.PValue), l.verdict(t.Significant))
	}
	if sp := cf.Spearman; sp != nil {
		b.addFinding("满意度与投诉次数的 Spearman ρ = %s（%d 位客户，p %s，%s）。", "Spearman's ρ of degree and complaints = %s (%d customers, p %s, %s).",
			fixed3(sp.Rho.Value(), sp.Rho.Exact()), sp.N, pIs(sp.PValue), l.verdict(sp.Significant))
	}
}
