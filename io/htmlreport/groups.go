package htmlreport

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// This file renders what the report knows of the returned forms: the
// counts of forms, answers and blanks ([analysis.Report].Forms), the
// breakdowns by customer group (Groups, under MinSample), the response
// rate (Response) and the control chart of the rate (Control). Every
// use of those fields is here.

// sampleRule returns the report's sample-size rule: fewer forms than
// small flag a figure as a small sample, fewer than suppress hide it.
// A report without a rule (or with a zero part) has the defaults of
// [analysis.MinSample]: 30 and 5.
func sampleRule(r analysis.Report) (small, suppress uint64) {
	small, suppress = analysis.DefaultSmallSample, analysis.DefaultSuppressBelow
	if ms := r.MinSample; ms != nil {
		if ms.Small > 0 {
			small = ms.Small
		}
		if ms.Suppress > 0 {
			suppress = ms.Suppress
		}
	}
	return small, suppress
}

// sourceForms returns the form counts of a source (nil without).
func sourceForms(r analysis.Report, src string) *analysis.SourceForms {
	if r.Forms == nil {
		return nil
	}
	for i := range r.Forms.Sources {
		if r.Forms.Sources[i].Source == src {
			return &r.Forms.Sources[i]
		}
	}
	return nil
}

// sourceMeta is the title block's count of a source: its forms and
// answers when the report counts forms (检查: 5 份答卷 · 25 答项), else its
// answers.
func (l lang) sourceMeta(r analysis.Report, sf analysis.SourceFigures) pair {
	v := fmt.Sprint(sf.Overall.Answers) + " " + l.t("answers_of")
	if fc := sourceForms(r, sf.Source); fc != nil {
		v = fmt.Sprint(fc.Forms) + " " + l.t("forms_of") + " · " + v
	}
	return pair{l.source(sf.Source), v}
}

// formTable is 答卷与答项: per source its forms, answers and blanks, and
// per item its answers and blanks.
type formTable struct {
	Groups []formGroup
}

type formGroup struct {
	Source string
	Rows   []formRow
}

type formRow struct {
	Item, Forms, Answers, Blanks string
	Overall                      bool
}

// formCounts returns the table of forms, answers and blanks (nil when
// the report does not count forms).
func (b *builder) formCounts() *formTable {
	l, r := b.l, b.r
	if r.Forms == nil || len(r.Forms.Sources) == 0 {
		return nil
	}
	t := &formTable{}
	for _, sf := range r.Forms.Sources {
		g := formGroup{Source: l.source(sf.Source)}
		g.Rows = append(g.Rows, formRow{Item: l.item(""), Forms: fmt.Sprint(sf.Forms), Answers: fmt.Sprint(sf.Answers), Blanks: fmt.Sprint(sf.Blanks), Overall: true})
		items := slices.Clone(sf.Items)
		sortBy(b, items, func(it analysis.ItemForms) string { return it.Item })
		for _, it := range items {
			g.Rows = append(g.Rows, formRow{Item: l.item(it.Item), Forms: l.t("none"), Answers: fmt.Sprint(it.Answers), Blanks: fmt.Sprint(it.Blanks)})
		}
		t.Groups = append(t.Groups, g)
	}
	return t
}

// surveyN is the n the findings give for the survey: its forms when the
// report counts them (forms true), else its answers.
func surveyN(r analysis.Report) (n uint64, forms bool) {
	if fc := sourceForms(r, csat.SourceSurvey); fc != nil {
		return fc.Forms, true
	}
	if sv := surveyFigures(r); sv != nil {
		return sv.Overall.Answers, false
	}
	return 0, false
}

// count prints n forms or answers (5 份答卷, 25 answers).
func (l lang) count(n uint64, forms bool) string {
	if forms {
		return fmt.Sprint(n) + " " + l.t("forms_of")
	}
	return fmt.Sprint(n) + " " + l.t("answers_of")
}

// caution returns ", small sample" ("，样本偏少") when n is under the
// report's small-sample rule, else "".
func (b *builder) caution(n uint64) string {
	if small, _ := sampleRule(b.r); n < small {
		return [2]string{"，", ", "}[b.l] + b.l.t("small_sample")
	}
	return ""
}

// groupsSec is 分组比较: the survey's figures per value of each
// dimension, with the tests between values and their letters.
type groupsSec struct {
	head
	Dims        []groupDim
	LettersNote string
	SmallNote   string
}

type groupDim struct {
	Name   string
	Chart  *chartSpec
	Tables []groupTable
}

type groupTable struct {
	Figure      string
	Level       string // the intervals' confidence level
	HasInterval bool
	// NoTest says why the table has no tests ("" when it has).
	NoTest string
	Rows   []groupRow
	Pairs  []pairRow
}

type groupRow struct {
	Value, Forms, Answers, Letters string
	Cell                           cell
	Small, Suppressed              bool
	Flag                           string
}

type pairRow struct {
	A, B, Forms string
	Difference  cell
	P, Adjusted string
}

// plainLetters matches letters a chart label can print as they are
// (ECharts reads braces in a label as a template).
var plainLetters = regexp.MustCompile(`^[a-zA-Z]{1,8}$`)

// groups builds the section by customer group from the report's
// breakdowns, one table per breakdown and one chart per dimension.
func (b *builder) groups() {
	l, r := b.l, b.r
	if len(r.Groups) == 0 {
		return
	}
	small, suppress := sampleRule(r)
	s := &groupsSec{head: b.head("groups", l.t("sec_groups"), l.t("groups_lead")),
		SmallNote: fmt.Sprintf(l.t("small_note"), small) + " " + fmt.Sprintf(l.t("suppressed"), suppress) + "（—）。" + l.t("pale_note")}
	if l == langEN {
		s.SmallNote = fmt.Sprintf(l.t("small_note"), small) + " " + strings.ToUpper(l.t("suppressed")[:1]) + fmt.Sprintf(l.t("suppressed"), suppress)[1:] + " (—). " + l.t("pale_note")
	}
	alpha := ""
	index := map[string]int{}
	for _, bd := range r.Groups {
		k, ok := index[bd.Dimension]
		if !ok {
			k = len(s.Dims)
			index[bd.Dimension] = k
			s.Dims = append(s.Dims, groupDim{Name: bd.Dimension})
		}
		s.Dims[k].Tables = append(s.Dims[k].Tables, b.groupTable(s, bd, suppress))
		if alpha == "" && bd.Test != "" {
			alpha = bd.Alpha.String()
		}
	}
	if alpha == "" {
		alpha = "0.05"
	}
	s.LettersNote = fmt.Sprintf(l.t("letters_note"), alpha)
	for k := range s.Dims {
		s.Dims[k].Chart = b.groupChart(k, r.Groups, s.Dims[k].Name)
	}
	b.p.Groups = s
}

// groupTable returns the table of one breakdown, adding the derivations
// of its figures and tests to the section.
func (b *builder) groupTable(s *groupsSec, bd analysis.Breakdown, suppress uint64) groupTable {
	f := b.f
	l := b.l
	t := groupTable{Figure: l.shortFigure(bd.Figure)}
	shown := 0
	forms := map[string]uint64{}
	for _, g := range bd.Values {
		forms[g.Value] = g.Forms
		row := groupRow{Value: g.Value, Forms: fmt.Sprint(g.Forms), Answers: fmt.Sprint(g.Answers), Letters: g.Letters}
		switch {
		case g.Score == nil || g.Sample == analysis.SampleSuppressed:
			row.Suppressed = true
			row.Cell = cell{Value: l.t("none"), Title: fmt.Sprintf(l.t("suppressed"), suppress)}
			row.Flag = fmt.Sprintf(l.t("suppressed"), suppress)
			row.Letters = ""
		default:
			shown++
			row.Cell = f.cell(*g.Score)
			label := bd.Dimension + " " + g.Value + " · " + t.Figure
			s.Derivs = append(s.Derivs, deriv{label, f.explain(*g.Score)})
			if g.Interval != nil {
				row.Cell.Interval = f.interval(g.Interval)
				t.HasInterval = true
				if t.Level == "" {
					t.Level = levelLabel(g.Interval)
				}
				s.Derivs = append(s.Derivs, deriv{label + " · " + levelLabel(g.Interval) + " " + l.t("interval_of"), l.intervalExplain(g.Interval)})
			}
			if g.Sample == analysis.SampleSmall {
				row.Small = true
				row.Flag = l.t("small_sample")
			}
		}
		t.Rows = append(t.Rows, row)
	}
	switch {
	case shown < 2:
		t.NoTest = l.t("too_few_groups")
	case bd.Test == "" && len(bd.Pairs) == 0:
		t.NoTest = l.t("untested")
	}
	for _, pr := range bd.Pairs {
		label := bd.Dimension + " " + pr.A + " – " + pr.B + " · " + t.Figure
		s.Derivs = append(s.Derivs, deriv{label, l.pairDeriv(pr)})
		if !pr.Significant {
			continue
		}
		d := f.signed(pr.Comparison.Difference)
		d.Title = l.pairDeriv(pr)
		t.Pairs = append(t.Pairs, pairRow{A: pr.A, B: pr.B, Difference: d, P: pValue(pr.Comparison.PValue), Adjusted: pValue(pr.Adjusted),
			Forms: fmt.Sprint(forms[pr.A]) + " / " + fmt.Sprint(forms[pr.B])})
	}
	return t
}

// groupChart returns the bar chart of a dimension: a bar per value that
// is shown, one series per figure that is a fraction, each bar labelled
// with its letters; bars of a small sample are pale. It returns nil when
// the dimension has nothing to draw.
func (b *builder) groupChart(k int, bds []analysis.Breakdown, dim string) *chartSpec {
	f := b.f
	l := b.l
	var names []string
	seen := map[string]bool{}
	var figs []analysis.Breakdown
	for _, bd := range bds {
		if bd.Dimension != dim {
			continue
		}
		fraction := false
		for _, g := range bd.Values {
			if g.Score != nil && g.Sample != analysis.SampleSuppressed {
				fraction = g.Score.Kind() == csat.Fraction
				if !seen[g.Value] {
					seen[g.Value] = true
					names = append(names, g.Value)
				}
			}
		}
		if fraction {
			figs = append(figs, bd)
		}
	}
	if len(names) == 0 || len(figs) == 0 {
		return nil
	}
	var series arr
	var legendNames []string
	for i, bd := range figs {
		name := l.shortFigure(bd.Figure)
		legendNames = append(legendNames, name)
		colour := [...]string{colDegree, colRate, colThem}[min(i, 2)]
		data := make(arr, len(names))
		for j := range data {
			data[j] = "-"
		}
		for _, g := range bd.Values {
			j := indexOf(names, g.Value)
			if j < 0 || g.Score == nil || g.Sample == analysis.SampleSuppressed || g.Score.Kind() != csat.Fraction {
				continue
			}
			label := "{c}%"
			if plainLetters.MatchString(g.Letters) {
				label += "  " + g.Letters
			}
			point := obj{"value": f.chartNum(*g.Score), "label": obj{"formatter": label}}
			if g.Sample == analysis.SampleSmall {
				point["itemStyle"] = obj{"opacity": 0.45}
			}
			data[j] = point
		}
		series = append(series, obj{"name": name, "type": "bar", "data": data, "barGap": "10%", "barCategoryGap": "28%",
			"itemStyle": obj{"color": colour},
			"label":     obj{"show": true, "position": "right", "fontSize": 10, "color": colInk}})
	}
	height := 64 + len(names)*(10+20*len(figs))
	c := b.chart(fmt.Sprintf("groups-%d", k+1), "groups", fmt.Sprintf(l.t("aria_groups"), dim), height, obj{
		"legend":  legend(legendNames...),
		"grid":    obj{"left": 8, "right": 56, "top": 30, "bottom": 8, "containLabel": true},
		"xAxis":   valueAxis(obj{"min": 0, "max": 100, "interval": 25, "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
		"yAxis":   categoryAxis(names, obj{"inverse": true}),
		"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
		"series":  series,
	})
	return &c
}

func indexOf(names []string, s string) int {
	for i, n := range names {
		if n == s {
			return i
		}
	}
	return -1
}

// responseSec is 回收率: forms sent and returned per stratum.
type responseSec struct {
	head
	Dimension string
	Rows      []responseRow
	Total     responseRow
}

type responseRow struct {
	Stratum, Sent, Returned string
	Rate                    cell
	Under                   bool
}

func (b *builder) response() {
	f := b.f
	l, r := b.l, b.r
	if r.Response == nil {
		return
	}
	s := &responseSec{head: b.head("response", l.t("sec_response"), l.t("response_lead")), Dimension: r.Response.Dimension}
	row := func(sr analysis.StratumResponse) responseRow {
		s.Derivs = append(s.Derivs, deriv{sr.Stratum, f.explain(sr.Rate)})
		return responseRow{Stratum: sr.Stratum, Sent: fmt.Sprint(sr.Sent), Returned: fmt.Sprint(sr.Returned), Rate: f.cell(sr.Rate), Under: sr.UnderMinimum}
	}
	for _, sr := range r.Response.Strata {
		s.Rows = append(s.Rows, row(sr))
	}
	o := r.Response.Overall
	o.Stratum = l.t("total")
	s.Total = row(o)
	b.p.Response = s
}

// controlSec is the p-chart of the survey's rate over the periods.
type controlSec struct {
	head
	Chart    chartSpec
	Center   cell
	RateName string
	Laney    string
	Rows     []controlRow
	Out      []string // the out-of-control periods, named with their signals
}

type controlRow struct {
	Period, N, Satisfied string
	Rate                 cell
	Lower, Upper         string
	Signal               string
	Out                  bool
}

// signalName names a period's signal.
func (l lang) signalName(s string) string {
	if s == "" {
		return l.t("in_control")
	}
	return l.named("sig_", s, s)
}

// limitNum is a control limit (a fraction) in percent, for the chart.
func (f fmtr) limitNum(d decimal.Decimal) numStr {
	// The step lines are drawn, not labelled: to 2 places whatever the
	// places of the figures.
	return numStr(d.Shift(2).Round(2).String())
}

// limitLabel prints a control limit as a percentage at the places.
func (f fmtr) limitLabel(d decimal.Decimal) string {
	return d.Shift(2).Round(f.places).StringFixed(f.places) + "%"
}

func (b *builder) control() {
	f := b.f
	l, r := b.l, b.r
	cc := r.Control
	if cc == nil || len(cc.Periods) == 0 {
		return
	}
	s := &controlSec{head: b.head("control", l.t("sec_control"), l.t("control_lead")), Center: f.cell(cc.Center), RateName: l.shortFigure("rate")}
	if cc.Laney {
		s.Laney = fmt.Sprintf(l.t("control_laney"), cc.SigmaZ.Round(3).String())
	}
	s.Derivs = append(s.Derivs, deriv{l.t("centre"), f.explain(cc.Center)})
	var periods []string
	var rates, upper, lower arr
	lo, hi := cc.Center.Value(), cc.Center.Value()
	for _, p := range cc.Periods {
		row := controlRow{Period: p.Period, N: fmt.Sprint(p.N), Satisfied: fmt.Sprint(p.Satisfied), Rate: f.cell(p.Rate),
			Lower: f.limitLabel(p.Lower), Upper: f.limitLabel(p.Upper), Signal: l.signalName(p.Signal), Out: p.Signal != ""}
		s.Rows = append(s.Rows, row)
		s.Derivs = append(s.Derivs, deriv{p.Period, f.explain(p.Rate)})
		periods = append(periods, p.Period)
		point := any(f.chartNum(p.Rate))
		if row.Out {
			s.Out = append(s.Out, p.Period+"（"+row.Signal+"）")
			if l == langEN {
				s.Out[len(s.Out)-1] = p.Period + " (" + row.Signal + ")"
			}
			point = obj{"value": f.chartNum(p.Rate), "symbolSize": 13, "itemStyle": obj{"color": colTarget, "borderColor": "#ffffff", "borderWidth": 1.5},
				"label": obj{"color": colTarget, "formatter": "{c}% !"}}
		}
		rates = append(rates, point)
		upper = append(upper, f.limitNum(p.Upper))
		lower = append(lower, f.limitNum(p.Lower))
		for _, v := range []decimal.Decimal{p.Rate.Value(), p.Lower, p.Upper} {
			lo, hi = decimal.Min(lo, v), decimal.Max(hi, v)
		}
	}
	// The axis spans the points and limits with a margin, in steps of 5
	// points, within 0–100%.
	axLo := decimal.Max(decimal.Zero, stepOf5(lo.Shift(2).Sub(decimal.NewFromInt(2)), false))
	axHi := decimal.Min(decimal.NewFromInt(100), stepOf5(hi.Shift(2).Add(decimal.NewFromInt(2)), true))
	rateName, ucl, lcl := l.shortFigure("rate"), l.t("ucl"), l.t("lcl")
	limit := func(name string, data arr) obj {
		return obj{"name": name, "type": "line", "step": "middle", "data": data, "symbol": "none",
			"itemStyle": obj{"color": colTarget}, "lineStyle": obj{"color": colTarget, "width": 1.5, "type": "dashed"}}
	}
	s.Chart = b.chart("control", "control", l.t("aria_control"), 300, obj{
		"legend":  legend(rateName, ucl, lcl),
		"grid":    obj{"left": 16, "right": 36, "top": 40, "bottom": 8, "containLabel": true},
		"xAxis":   categoryAxis(periods, obj{"boundaryGap": false}),
		"yAxis":   valueAxis(obj{"min": numStr(axLo.String()), "max": numStr(axHi.String()), "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
		"tooltip": obj{"trigger": "axis"},
		"series": arr{
			obj{"name": rateName, "type": "line", "data": rates, "symbol": "circle", "symbolSize": 8, "z": 3,
				"itemStyle": obj{"color": colRate}, "lineStyle": obj{"color": colRate, "width": 2.5},
				"label": obj{"show": true, "position": "top", "formatter": "{c}%", "color": colRate, "fontWeight": "bold"},
				"markLine": obj{"silent": true, "symbol": "none", "data": arr{obj{"yAxis": f.chartNum(cc.Center)}},
					"lineStyle": obj{"color": colLine, "width": 1.5},
					"label":     obj{"formatter": l.t("centre") + " " + cc.Center.String(), "position": "insideEndBottom", "color": colLine}}},
			limit(ucl, upper), limit(lcl, lower),
		},
	})
	b.p.Control = s
}

// stepOf5 rounds v down (or up) to a multiple of 5: twice v to a
// multiple of 10, halved, so exact without a division.
func stepOf5(v decimal.Decimal, up bool) decimal.Decimal {
	two := v.Mul(decimal.NewFromInt(2)).Shift(-1)
	if up {
		two = two.Ceil()
	} else {
		two = two.Floor()
	}
	return two.Shift(1).Mul(decimal.New(5, -1))
}

// paretoFinding names the main areas of dissatisfaction with their
// share, their dissatisfied answers against the survey's forms (its
// answers when the report does not count forms), and a small-sample
// caution.
func (b *builder) paretoFinding() {
	l, r := b.l, b.r
	vital := vitalItems(r.Pareto)
	var items []string
	var count uint64
	last := r.Pareto[0].Cumulative
	for i, e := range r.Pareto {
		if vital[i] {
			items = append(items, e.Item)
			count += e.Count
			last = e.Cumulative
		}
	}
	n, forms := surveyN(r)
	small := n
	if !forms {
		small = maxItemAnswers(r)
	}
	b.addFinding("主要不满意项目：%s（占不满意答项的 %s；不满意答项 %d / %s%s）。",
		"Main areas of dissatisfaction: %s (%s of dissatisfied answers; %d dissatisfied answers / %s%s).",
		strings.Join(items, l.sep()), last, count, l.count(n, forms), b.caution(small))
}

// maxItemAnswers is the most answers of one survey item: the survey has
// at least as many forms.
func maxItemAnswers(r analysis.Report) uint64 {
	var n uint64
	if sv := surveyFigures(r); sv != nil {
		for _, it := range sv.Items {
			n = max(n, it.Answers)
		}
		if len(sv.Items) == 0 {
			n = sv.Overall.Answers
		}
	}
	return n
}

// itemAnswers returns the answers of an item ("" for all) of a source.
func itemAnswers(r analysis.Report, src, item string) (uint64, bool) {
	sf := sourceFigures(r, src)
	if sf == nil {
		return 0, false
	}
	if item == "" {
		return sf.Overall.Answers, true
	}
	for _, it := range sf.Items {
		if it.Item == item {
			return it.Answers, true
		}
	}
	return 0, false
}

// competitorN returns the n of a comparison with the competitor: the
// survey's and the competitor's answers of the item, with a
// small-sample caution (" (5 vs 12 answers, small sample)").
func (b *builder) competitorN(item string) string {
	l, r := b.l, b.r
	ours, ok1 := itemAnswers(r, csat.SourceSurvey, item)
	theirs, ok2 := itemAnswers(r, csat.SourceCompetitor, item)
	if !ok1 || !ok2 {
		return ""
	}
	if l == langZH {
		return fmt.Sprintf("（检查 %d / 竞争对手 %d 答项%s）", ours, theirs, b.caution(min(ours, theirs)))
	}
	return fmt.Sprintf(" (%d vs %d answers%s)", ours, theirs, b.caution(min(ours, theirs)))
}

// maxGroupFindings is how many significant differences between groups
// the findings name; the rest are counted.
const maxGroupFindings = 4

// groupFindings names the significant differences between customer
// groups, each with both groups' forms and a small-sample caution, or
// says there are none.
func (b *builder) groupFindings() {
	l, r := b.l, b.r
	tested, shown, more := false, 0, 0
	for _, bd := range r.Groups {
		values := map[string]analysis.GroupFigure{}
		for _, g := range bd.Values {
			values[g.Value] = g
		}
		tested = tested || len(bd.Pairs) > 0
		for _, pr := range bd.Pairs {
			if !pr.Significant {
				continue
			}
			if shown == maxGroupFindings {
				more++
				continue
			}
			shown++
			a, c := values[pr.A], values[pr.B]
			sa, sb := pr.Comparison.Ours, pr.Comparison.Theirs
			if a.Score != nil && c.Score != nil {
				sa, sb = *a.Score, *c.Score
			}
			name := l.shortFigure(bd.Figure)
			args := []any{bd.Dimension, name, pr.A, sa, pr.B, sb, a.Forms, c.Forms, b.caution(min(a.Forms, c.Forms)), pIs(pr.Adjusted)}
			if l == langEN {
				args[0], args[1] = name, bd.Dimension
			}
			b.addFinding("%s %s差异显著：%s %s 对 %s %s（%d / %d 份答卷%s；Holm 校正 p %s）。",
				"%s differs by %s: %s %s vs %s %s (%d vs %d forms%s; Holm-adjusted p %s).", args...)
		}
	}
	switch {
	case more > 0:
		b.addFinding("另有 %d 组差异显著，见“分组比较”。", "%d more significant differences between groups: see “By customer group”.", more)
	case tested && shown == 0:
		b.addFinding("各客户分组之间无显著差异。", "No significant difference between customer groups.")
	}
}

// responseFinding gives the overall response rate and the strata under
// the plan's minimum.
func (b *builder) responseFinding() {
	l, rs := b.l, b.r.Response
	if rs == nil {
		return
	}
	var under []string
	for _, s := range rs.Strata {
		if s.UnderMinimum {
			under = append(under, s.Stratum)
		}
	}
	b.addFinding("回收率 %s（回收 %d / 发出 %d 份答卷）。", "Response rate %s (%d of %d forms returned).", rs.Overall.Rate, rs.Overall.Returned, rs.Overall.Sent)
	if len(under) > 0 {
		b.addFinding("回收低于计划最少数的层（%s）：%s。", "Strata under the plan's minimum (%s): %s.", rs.Dimension, strings.Join(under, l.sep()))
	}
}

// controlFinding names the periods out of control on the p-chart.
func (b *builder) controlFinding() {
	l, cc := b.l, b.r.Control
	if cc == nil {
		return
	}
	var out []string
	for _, p := range cc.Periods {
		if p.Signal != "" {
			out = append(out, fmt.Sprintf([2]string{"%s（%s，%d 答项）", "%s (%s, %d answers)"}[l], p.Period, l.signalName(p.Signal), p.N))
		}
	}
	if len(out) > 0 {
		b.addFinding("满意率控制图失控期：%s。", "Rate out of control in: %s.", strings.Join(out, l.sep()))
	}
}

// periodsN returns the answers of two periods of the control chart, as
// the n of the trend's comparison (" (25 / 25 answers)"), or "" when
// the report has no control chart with both.
func (b *builder) periodsN(prev, cur string) string {
	cc := b.r.Control
	if cc == nil {
		return ""
	}
	var np, nc uint64
	var okp, okc bool
	for _, p := range cc.Periods {
		switch p.Period {
		case prev:
			np, okp = p.N, true
		case cur:
			nc, okc = p.N, true
		}
	}
	if !okp || !okc {
		return ""
	}
	if b.l == langZH {
		return fmt.Sprintf("（%d / %d 答项%s）", np, nc, b.caution(min(np, nc)))
	}
	return fmt.Sprintf(" (%d and %d answers%s)", np, nc, b.caution(min(np, nc)))
}

// pIs prints a p-value after its name: "= 0.008", "< 0.001".
func pIs(p decimal.Decimal) string {
	v := pValue(p)
	if strings.HasPrefix(v, "<") {
		return "< " + v[1:]
	}
	return "= " + v
}

// pairDeriv words the test of two groups in the report's language: the
// two figures, the statistic, the raw and the Holm-adjusted p-value, and
// the verdict on the adjusted one (the letters' verdict).
func (l lang) pairDeriv(pr analysis.GroupPair) string {
	c := pr.Comparison
	stat := "z = " + c.Statistic.StringFixed(3)
	if c.DF.IsPositive() {
		stat = "t = " + c.Statistic.StringFixed(3) + ", df = " + c.DF.StringFixed(2)
	}
	verdict := l.t("not_significant")
	if pr.Significant {
		verdict = l.t("significant")
	}
	return fmt.Sprintf(l.pick("%s %s 对 %s %s：%s，p %s，%s %s，%s（α = %s）", "%s %s vs %s %s: %s, p %s, %s %s, %s (α = %s)"),
		pr.A, c.Ours, pr.B, c.Theirs, stat, pEq(c.PValue), l.t("adjusted_p"), pEq(pr.Adjusted), verdict, c.Alpha)
}

// pEq prints "= 0.044" or "< 0.001" for a p-value.
func pEq(p decimal.Decimal) string {
	if s := pValue(p); strings.HasPrefix(s, "<") {
		return "< " + s[1:]
	}
	return "= " + pValue(p)
}
