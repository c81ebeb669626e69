package htmlreport

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// vitalShare is the cumulative share up to which items are the main
// areas of dissatisfaction (the Pareto rule, METHOD.md §10).
var vitalShare = big.NewRat(4, 5)

// paretoSec is 不满意分析与纠正预防措施: the Pareto of dissatisfied answers
// and the actions.
type paretoSec struct {
	head
	Chart   *chartSpec
	None    bool
	Rows    []paretoRow
	Actions []actionRow
}

type paretoRow struct {
	Item, Count       string
	Share, Cumulative cell
	Vital             bool
}

type actionRow struct {
	Item, Kind, Cause, Action, Owner, Due, Status string
	// Needed marks a row the report adds: an item to fix first (四分图
	// 修补区) without a corrective action, for someone to plan.
	Needed bool
}

// vitalItems marks the Pareto's main areas: each item whose cumulative
// share before it is below 80%, decided on exact values.
func vitalItems(ps []analysis.ParetoEntry) []bool {
	v := make([]bool, len(ps))
	before := new(big.Rat)
	for i, e := range ps {
		v[i] = before.Cmp(vitalShare) < 0
		before = e.Cumulative.Rat()
	}
	return v
}

func (b *builder) pareto() {
	f := b.f
	l, r := b.l, b.r
	needed := b.neededActions()
	if len(r.Pareto) == 0 && len(r.Actions) == 0 && len(needed) == 0 {
		return
	}
	s := &paretoSec{head: b.head("pareto", b.l.t("sec_pareto"), b.l.t("pareto_lead")), None: len(r.Pareto) == 0}
	vital := vitalItems(r.Pareto)
	var names []string
	var counts, cum arr
	for i, e := range r.Pareto {
		s.Rows = append(s.Rows, paretoRow{Item: e.Item, Count: fmt.Sprint(e.Count), Share: f.cell(e.Share), Cumulative: f.cell(e.Cumulative), Vital: vital[i]})
		s.Derivs = append(s.Derivs, deriv{e.Item + " · " + l.t("share"), f.explain(e.Share)}, deriv{e.Item + " · " + l.t("cumulative"), f.explain(e.Cumulative)})
		names = append(names, e.Item)
		colour := colNonVital
		if vital[i] {
			colour = colVital
		}
		counts = append(counts, obj{"value": numStr(fmt.Sprint(e.Count)), "itemStyle": obj{"color": colour}})
		cum = append(cum, f.chartNum(e.Cumulative))
	}
	if len(r.Pareto) > 0 {
		c := b.chart("pareto", "pareto", l.t("aria_pareto"), 300, obj{
			"legend": legend(l.t("dissatisfied"), l.t("cumulative")),
			"grid":   obj{"left": 8, "right": 8, "top": 74, "bottom": 8, "containLabel": true},
			"xAxis":  categoryAxis(names, obj{"axisLabel": obj{"interval": 0, "color": colInk}}),
			"yAxis": arr{
				valueAxis(obj{"name": l.t("dissatisfied"), "nameGap": 26, "minInterval": 1, "boundaryGap": arr{"0%", "25%"},
					"nameTextStyle": obj{"color": colMuted, "align": "left"}}),
				valueAxis(obj{"name": l.t("cumulative"), "nameGap": 26, "min": 0, "max": 100, "interval": 20,
					"nameTextStyle": obj{"color": colMuted, "align": "right"},
					"axisLabel":     obj{"formatter": "{value}%", "color": colMuted}, "splitLine": obj{"show": false}}),
			},
			"tooltip": obj{"trigger": "axis"},
			"series": arr{
				obj{"name": l.t("dissatisfied"), "type": "bar", "data": counts, "barWidth": "52%",
					"itemStyle": obj{"color": colVital}, "label": obj{"show": true, "position": "insideTop", "color": "#ffffff", "fontWeight": "bold"}},
				obj{"name": l.t("cumulative"), "type": "line", "yAxisIndex": 1, "data": cum, "symbol": "circle", "symbolSize": 7,
					"itemStyle": obj{"color": colLine}, "lineStyle": obj{"color": colLine, "width": 2},
					"label": obj{"show": true, "position": "top", "formatter": "{c}%", "color": colInk},
					"markLine": obj{"silent": true, "symbol": "none", "data": arr{obj{"yAxis": 80}},
						"lineStyle": obj{"type": "dashed", "color": colMuted},
						"label":     obj{"formatter": "80%", "color": colMuted, "position": "insideEndTop"}}},
			},
		})
		s.Chart = &c
	}
	for _, a := range r.Actions {
		s.Actions = append(s.Actions, actionRow{Item: a.Item, Kind: l.actionKind(a.Kind), Cause: a.Cause, Action: a.Action,
			Owner: a.Owner, Due: a.Due.Format("2006-01-02"), Status: l.actionStatus(a.Status)})
	}
	s.Actions = append(s.Actions, needed...)
	b.p.Pareto = s
}

// neededActions are the rows the actions table gets for the items to
// fix first (the quadrant's 修补区, in its order) that have no corrective
// action: what to plan, with no owner invented.
func (b *builder) neededActions() []actionRow {
	l, r := b.l, b.r
	if r.Quadrant == nil {
		return nil
	}
	var out []actionRow
	for i, item := range r.Quadrant.FixFirst {
		if slices.ContainsFunc(r.Actions, func(a analysis.Action) bool { return a.Item == item && a.Kind == analysis.Corrective }) {
			continue
		}
		out = append(out, actionRow{Item: item, Kind: l.actionKind(analysis.Corrective), Cause: fmt.Sprintf(l.t("fix_cause"), i+1),
			Action: l.t("to_plan"), Owner: "—", Due: "—", Status: l.t("no_action"), Needed: true})
	}
	return out
}

// competitorSec is 与竞争对手比较: each item's degree and rate against the
// competitor's, with the tests.
type competitorSec struct {
	head
	Alpha    string
	Chart    chartSpec
	Degree   string
	Rate     string
	Rows     []competitorRow
	Warnings []string
}

type competitorRow struct {
	Item         string
	Overall      bool
	Degree, Rate comparisonCells
}

type comparisonCells struct {
	Ours, Theirs, Difference cell
	P, Verdict               string
	Significant              bool
}

// pValue prints a p-value to 3 places ("<0.001" below).
func pValue(p decimal.Decimal) string {
	if p.LessThan(decimal.New(1, -3)) {
		return "<0.001"
	}
	return p.Round(3).StringFixed(3)
}

func (f fmtr) comparison(c analysis.Comparison) comparisonCells {
	l := f.l
	cc := comparisonCells{Ours: f.cell(c.Ours), Theirs: f.cell(c.Theirs), Difference: f.signed(c.Difference),
		P: pValue(c.PValue), Verdict: l.verdict(c.Significant), Significant: c.Significant}
	cc.Difference.Title = l.comparisonExplain(c)
	if c.Significant {
		if c.Difference.Value().IsPositive() {
			cc.Difference.Class = "good"
		} else {
			cc.Difference.Class = "bad"
		}
	}
	return cc
}

func (b *builder) competitor() {
	f := b.f
	l, r := b.l, b.r
	if len(r.Competitor) == 0 {
		return
	}
	s := &competitorSec{head: b.head("competitor", b.l.t("sec_competitor"), b.l.t("competitor_lead")),
		Degree: l.shortFigure("degree"), Rate: l.shortFigure("rate"), Alpha: r.Competitor[0].Rate.Alpha.String()}
	var names []string
	var usD, themD, usR, themR arr
	seen := map[string]bool{}
	comps := slices.Clone(r.Competitor)
	sortBy(b, comps, func(c analysis.ItemComparison) string { return c.Item })
	for _, c := range comps {
		row := competitorRow{Item: l.item(c.Item), Overall: c.Item == "", Degree: f.comparison(c.Degree), Rate: f.comparison(c.Rate)}
		s.Rows = append(s.Rows, row)
		s.Derivs = append(s.Derivs,
			deriv{row.Item + " · " + s.Degree, l.comparisonExplain(c.Degree)},
			deriv{row.Item + " · " + s.Rate, l.comparisonExplain(c.Rate)})
		for _, w := range append(append([]string(nil), c.Degree.Warnings...), c.Rate.Warnings...) {
			w = row.Item + l.t("colon") + l.comparisonWarning(w)
			if !seen[w] {
				seen[w] = true
				s.Warnings = append(s.Warnings, w)
			}
		}
		names = append(names, row.Item)
		usD = append(usD, f.sigPoint(c.Degree.Ours, c.Degree.Significant))
		themD = append(themD, f.chartNum(c.Degree.Theirs))
		usR = append(usR, f.sigPoint(c.Rate.Ours, c.Rate.Significant))
		themR = append(themR, f.chartNum(c.Rate.Theirs))
	}
	bar := func(name, colour string, data arr, axis int) obj {
		return obj{"name": name, "type": "bar", "data": data, "xAxisIndex": axis, "yAxisIndex": axis,
			"barGap": "10%", "barCategoryGap": "30%", "itemStyle": obj{"color": colour},
			"label": obj{"show": true, "position": "right", "formatter": "{c}%", "fontSize": 10, "color": colInk}}
	}
	height := 96 + 46*len(names)
	s.Chart = b.chart("competitor", "competitor", l.t("aria_competitor"), height, obj{
		"legend": legend(l.t("us"), l.t("competitor")),
		"title": arr{
			obj{"text": s.Degree, "left": "28%", "top": 26, "textStyle": obj{"fontSize": 13, "fontWeight": "bold", "color": colInk}},
			obj{"text": s.Rate, "left": "70%", "top": 26, "textStyle": obj{"fontSize": 13, "fontWeight": "bold", "color": colInk}},
		},
		"grid": arr{
			obj{"left": 8, "width": "44%", "top": 52, "bottom": 24, "containLabel": true},
			obj{"right": 46, "width": "38%", "top": 52, "bottom": 24, "containLabel": true},
		},
		"xAxis": arr{
			valueAxis(obj{"gridIndex": 0, "min": 0, "max": 100, "interval": 25, "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
			valueAxis(obj{"gridIndex": 1, "min": 0, "max": 100, "interval": 25, "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
		},
		"yAxis": arr{
			categoryAxis(names, obj{"gridIndex": 0, "inverse": true}),
			categoryAxis(names, obj{"gridIndex": 1, "inverse": true, "axisLabel": obj{"show": false}}),
		},
		"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
		"series": arr{
			bar(l.t("us"), colUs, usD, 0), bar(l.t("competitor"), colThem, themD, 0),
			bar(l.t("us"), colUs, usR, 1), bar(l.t("competitor"), colThem, themR, 1),
		},
	})
	b.p.Competitor = s
}

// sigPoint is a bar's value, outlined when its difference is significant.
func (f fmtr) sigPoint(r csat.Result, significant bool) any {
	if !significant {
		return f.chartNum(r)
	}
	return obj{"value": f.chartNum(r), "itemStyle": obj{"borderColor": colTarget, "borderWidth": 2},
		"label": obj{"formatter": "{c}% *", "fontWeight": "bold"}}
}

// trendSec is 趋势与目标: the survey's figures per period with their
// changes, and the yearly targets.
type trendSec struct {
	head
	Chart    *chartSpec
	Degree   string
	Rate     string
	Baseline string
	Points   []trendRow
	SlopeFig []cell
	Targets  []targetRow
}

type trendRow struct {
	Period               string
	Baseline             bool
	Degree, Rate         cell
	PrevDegree, PrevRate changeCell
	BaseDegree, BaseRate changeCell
}

type changeCell struct {
	cell
	Verdict     string
	Significant bool
	Present     bool
}

type targetRow struct {
	Name, Against                       string
	Mean, AdvancedMean, Target, Current cell
	Gap                                 cell // current − target, in percentage points for fractions
	Met                                 bool
	MetText                             string
}

func (f fmtr) change(c analysis.Comparison) changeCell {
	l := f.l
	cc := changeCell{cell: f.signed(c.Difference), Verdict: l.verdict(c.Significant), Significant: c.Significant, Present: true}
	cc.Title = l.comparisonExplain(c)
	if c.Significant {
		cc.Class = "bad"
		if c.Difference.Value().IsPositive() {
			cc.Class = "good"
		}
	}
	return cc
}

// trend builds the trend and targets section: the target table, then,
// with a trend, its points, slopes and chart.
func (b *builder) trend() {
	f := b.f
	l, r := b.l, b.r
	if r.Trend == nil && len(r.Targets) == 0 {
		return
	}
	s := &trendSec{head: b.head("trend", b.l.t("sec_trend"), ""), Degree: l.shortFigure("degree"), Rate: l.shortFigure("rate")}
	b.targetRows(s)
	if r.Trend == nil {
		b.p.Trend = s
		return
	}
	s.Lead = l.t("trend_lead")
	tr := r.Trend
	s.Baseline = tr.Baseline
	ser := b.trendPoints(s)
	s.SlopeFig = []cell{f.cell(tr.DegreeSlope), f.cell(tr.RateSlope)}
	s.Derivs = append(s.Derivs, deriv{l.t("slope") + " · " + s.Degree, f.explain(tr.DegreeSlope)}, deriv{l.t("slope") + " · " + s.Rate, f.explain(tr.RateSlope)})
	b.targetMarks(s, ser)
	c := b.chart("trend", "trend", l.t("aria_trend"), 300, b.testedTrend(ser.spec(s)))
	s.Chart = &c
	b.p.Trend = s
}

// targetRows adds the table of yearly targets, with their derivations.
func (b *builder) targetRows(s *trendSec) {
	f := b.f
	l, r := b.l, b.r
	for _, tg := range r.Targets {
		row := targetRow{Name: l.figureName(targetLabel(r, tg)), Against: l.t("against_" + tg.Against.String()),
			Mean: f.cell(tg.Target.Mean), Target: f.cell(tg.Target.Target), Current: f.cell(overallResult(tg.Current)), Met: tg.Met}
		if _, ok := words["against_"+tg.Against.String()]; !ok {
			row.Against = tg.Against.String()
		}
		if tg.Target.AdvancedMean != nil {
			row.AdvancedMean = f.cell(*tg.Target.AdvancedMean)
		} else {
			row.AdvancedMean = cell{Value: l.t("none")}
		}
		row.MetText = l.t("met_no")
		if tg.Met {
			row.MetText = l.t("met_yes")
		}
		row.Gap = cell{Value: l.t("none")}
		if gap, ok := targetGap(tg); ok {
			row.Gap = f.signed(gap)
			s.Derivs = append(s.Derivs, deriv{l.t("target_gap") + " · " + row.Name, f.explain(gap)})
		}
		s.Targets = append(s.Targets, row)
		s.Derivs = append(s.Derivs, deriv{l.t("target") + " · " + row.Name, f.derivation(tg.Target.Target)})
	}
}

// trendSeries is what the trend chart draws: the periods, the degree and
// rate per period, target lines by series name, and the range of the
// values in percent.
type trendSeries struct {
	periods      []string
	degree, rate arr
	marks        map[string]arr
	lo, hi       decimal.Decimal
}

// see widens the range to take v, in percent.
func (ser *trendSeries) see(v decimal.Decimal) {
	ser.lo, ser.hi = decimal.Min(ser.lo, v), decimal.Max(ser.hi, v)
}

// trendPoints adds a row per period of the trend, with the derivations of
// its figures and changes, and returns the series to draw.
func (b *builder) trendPoints(s *trendSec) *trendSeries {
	f := b.f
	l, tr := b.l, b.r.Trend
	ser := &trendSeries{marks: map[string]arr{}, lo: decimal.NewFromInt(100), hi: decimal.Zero}
	for _, pt := range tr.Points {
		row := trendRow{Period: pt.Period, Baseline: pt.Period == tr.Baseline, Degree: f.cell(pt.Degree), Rate: f.cell(pt.Rate)}
		if pt.VsPrevious != nil {
			row.PrevDegree, row.PrevRate = f.change(pt.VsPrevious.Degree), f.change(pt.VsPrevious.Rate)
			s.Derivs = append(s.Derivs,
				deriv{pt.Period + " " + l.t("vs_previous") + " · " + s.Degree, l.comparisonExplain(pt.VsPrevious.Degree)},
				deriv{pt.Period + " " + l.t("vs_previous") + " · " + s.Rate, l.comparisonExplain(pt.VsPrevious.Rate)})
		}
		if pt.VsBaseline != nil {
			row.BaseDegree, row.BaseRate = f.change(pt.VsBaseline.Degree), f.change(pt.VsBaseline.Rate)
			s.Derivs = append(s.Derivs,
				deriv{pt.Period + " " + l.t("vs_baseline") + " · " + s.Degree, l.comparisonExplain(pt.VsBaseline.Degree)},
				deriv{pt.Period + " " + l.t("vs_baseline") + " · " + s.Rate, l.comparisonExplain(pt.VsBaseline.Rate)})
		}
		s.Derivs = append(s.Derivs, deriv{pt.Period + " · " + s.Degree, f.explain(pt.Degree)}, deriv{pt.Period + " · " + s.Rate, f.explain(pt.Rate)})
		s.Points = append(s.Points, row)
		ser.periods = append(ser.periods, pt.Period)
		ser.degree = append(ser.degree, f.chartNum(pt.Degree))
		ser.rate = append(ser.rate, f.chartNum(pt.Rate))
		ser.see(pt.Degree.Value().Shift(2))
		ser.see(pt.Rate.Value().Shift(2))
	}
	return ser
}

// targetMarks adds the target lines to the series of their figure.
func (b *builder) targetMarks(s *trendSec, ser *trendSeries) {
	f := b.f
	l, r := b.l, b.r
	for _, tg := range r.Targets {
		if tg.Target.Target.Kind() != csat.Fraction {
			continue
		}
		// The trend draws the survey's degree and rate: the target goes
		// on the line of its headline figure's kind.
		name := l.shortFigure(targetLabel(r, tg))
		if name != s.Degree && name != s.Rate {
			continue
		}
		v := tg.Target.Target.Value().Shift(2)
		ser.see(v)
		ser.marks[name] = append(ser.marks[name], obj{"yAxis": f.pctNum(tg.Target.Target.Value()),
			"label": obj{"formatter": l.t("target") + " " + b.f.num(tg.Target.Target), "position": "insideStartTop"}})
	}
}

// spec returns the trend chart's options: a line each for the degree and
// the rate, on an axis spanning the values with a margin, in steps of 10
// points.
func (ser *trendSeries) spec(s *trendSec) obj {
	lo := decimal.Max(decimal.Zero, ser.lo.Sub(decimal.NewFromInt(5)).Shift(-1).Floor().Shift(1))
	hi := decimal.Min(decimal.NewFromInt(100), ser.hi.Add(decimal.NewFromInt(5)).Shift(-1).Ceil().Shift(1))
	return obj{
		"legend":  legend(s.Degree, s.Rate),
		"grid":    obj{"left": 8, "right": 24, "top": 40, "bottom": 8, "containLabel": true},
		"xAxis":   categoryAxis(ser.periods, obj{"boundaryGap": true}),
		"yAxis":   valueAxis(obj{"min": numStr(lo.String()), "max": numStr(hi.String()), "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
		"tooltip": obj{"trigger": "axis"},
		"series":  arr{ser.line(s.Degree, colDegree, ser.degree), ser.line(s.Rate, colRate, ser.rate)},
	}
}

// line returns the series of one figure, with its target lines.
func (ser *trendSeries) line(name, colour string, data arr) obj {
	o := obj{"name": name, "type": "line", "data": data, "symbol": "circle", "symbolSize": 8,
		"itemStyle": obj{"color": colour}, "lineStyle": obj{"color": colour, "width": 2.5},
		"label": obj{"show": true, "position": "top", "formatter": "{c}%", "color": colour, "fontWeight": "bold"}}
	if m, ok := ser.marks[name]; ok {
		o["markLine"] = obj{"silent": true, "symbol": "none", "data": m,
			"lineStyle": obj{"type": "dashed", "color": colour, "width": 1.5}, "label": obj{"color": colour}}
	}
	return o
}
