package htmlreport

import (
	"fmt"
	"regexp"
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
		for _, it := range sf.Items {
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
	Tested      bool
	Rows        []groupRow
	Pairs       []pairRow
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
		SmallNote: fmt.Sprintf(l.t("small_note"), small) + " " + fmt.Sprintf(l.t("suppressed"), suppress) + "（—）"}
	if l == langEN {
		s.SmallNote = fmt.Sprintf(l.t("small_note"), small) + " " + strings.ToUpper(l.t("suppressed")[:1]) + fmt.Sprintf(l.t("suppressed"), suppress)[1:] + " (—)."
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
	l := b.l
	t := groupTable{Figure: l.shortFigure(bd.Figure), Tested: bd.Test != ""}
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
			row.Cell = figCell(*g.Score)
			label := bd.Dimension + " " + g.Value + " · " + t.Figure
			s.Derivs = append(s.Derivs, deriv{label, g.Score.Explain()})
			if g.Interval != nil {
				row.Cell.Interval = g.Interval.String()
				t.HasInterval = true
				if t.Level == "" {
					t.Level = levelLabel(g.Interval)
				}
				s.Derivs = append(s.Derivs, deriv{label + " · " + levelLabel(g.Interval) + " " + l.t("interval_of"), g.Interval.Explain()})
			}
			if g.Sample == analysis.SampleSmall {
				row.Small = true
				row.Flag = l.t("small_sample")
			}
		}
		t.Rows = append(t.Rows, row)
	}
	for _, pr := range bd.Pairs {
		label := bd.Dimension + " " + pr.A + " – " + pr.B + " · " + t.Figure
		s.Derivs = append(s.Derivs, deriv{label, pr.Comparison.Explain() + "; " + l.t("adjusted_p") + " = " + pValue(pr.Adjusted)})
		if !pr.Significant {
			continue
		}
		d := signed(pr.Comparison.Difference)
		d.Title = pr.Comparison.Explain()
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
			point := obj{"value": resultNum(*g.Score), "label": obj{"formatter": label}}
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
	c := b.chart(fmt.Sprintf("groups-%d", k+1), "groups", l.t("sec_groups")+" · "+dim, height, obj{
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
	l, r := b.l, b.r
	if r.Response == nil {
		return
	}
	s := &responseSec{head: b.head("response", l.t("sec_response"), l.t("response_lead")), Dimension: r.Response.Dimension}
	row := func(sr analysis.StratumResponse) responseRow {
		s.Derivs = append(s.Derivs, deriv{sr.Stratum, sr.Rate.Explain()})
		return responseRow{Stratum: sr.Stratum, Sent: fmt.Sprint(sr.Sent), Returned: fmt.Sprint(sr.Returned), Rate: figCell(sr.Rate), Under: sr.UnderMinimum}
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
	switch s {
	case "":
		return l.t("in_control")
	case "above":
		return l.t("sig_above")
	case "below":
		return l.t("sig_below")
	case "run_above":
		return l.t("sig_run_above")
	case "run_below":
		return l.t("sig_run_below")
	}
	return s
}

// limitNum is a control limit (a fraction) in percent, for the chart.
func limitNum(d decimal.Decimal) numStr { return pctNum(d) }

// limitLabel prints a control limit as a percentage, 2 places.
func limitLabel(d decimal.Decimal) string {
	return d.Shift(2).Round(2).String() + "%"
}

func (b *builder) control() {
	l, r := b.l, b.r
	cc := r.Control
	if cc == nil || len(cc.Periods) == 0 {
		return
	}
	s := &controlSec{head: b.head("control", l.t("sec_control"), l.t("control_lead")), Center: figCell(cc.Center), RateName: l.shortFigure("rate")}
	if cc.Laney {
		s.Laney = fmt.Sprintf(l.t("control_laney"), cc.SigmaZ.Round(3).String())
	}
	s.Derivs = append(s.Derivs, deriv{l.t("centre"), cc.Center.Explain()})
	var periods []string
	var rates, upper, lower arr
	lo, hi := cc.Center.Value(), cc.Center.Value()
	for _, p := range cc.Periods {
		row := controlRow{Period: p.Period, N: fmt.Sprint(p.N), Satisfied: fmt.Sprint(p.Satisfied), Rate: figCell(p.Rate),
			Lower: limitLabel(p.Lower), Upper: limitLabel(p.Upper), Signal: l.signalName(p.Signal), Out: p.Signal != ""}
		s.Rows = append(s.Rows, row)
		s.Derivs = append(s.Derivs, deriv{p.Period, p.Rate.Explain()})
		periods = append(periods, p.Period)
		point := any(resultNum(p.Rate))
		if row.Out {
			s.Out = append(s.Out, p.Period+"（"+row.Signal+"）")
			if l == langEN {
				s.Out[len(s.Out)-1] = p.Period + " (" + row.Signal + ")"
			}
			point = obj{"value": resultNum(p.Rate), "symbolSize": 13, "itemStyle": obj{"color": colTarget, "borderColor": "#ffffff", "borderWidth": 1.5},
				"label": obj{"color": colTarget, "formatter": "{c}% !"}}
		}
		rates = append(rates, point)
		upper = append(upper, limitNum(p.Upper))
		lower = append(lower, limitNum(p.Lower))
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
	s.Chart = b.chart("control", "control", l.t("sec_control"), 300, obj{
		"legend":  legend(rateName, ucl, lcl),
		"grid":    obj{"left": 8, "right": 24, "top": 40, "bottom": 8, "containLabel": true},
		"xAxis":   categoryAxis(periods, obj{"boundaryGap": true}),
		"yAxis":   valueAxis(obj{"min": numStr(axLo.String()), "max": numStr(axHi.String()), "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
		"tooltip": obj{"trigger": "axis"},
		"series": arr{
			obj{"name": rateName, "type": "line", "data": rates, "symbol": "circle", "symbolSize": 8, "z": 3,
				"itemStyle": obj{"color": colRate}, "lineStyle": obj{"color": colRate, "width": 2.5},
				"label": obj{"show": true, "position": "top", "formatter": "{c}%", "color": colRate, "fontWeight": "bold"},
				"markLine": obj{"silent": true, "symbol": "none", "data": arr{obj{"yAxis": resultNum(cc.Center)}},
					"lineStyle": obj{"color": colLine, "width": 1.5},
					"label":     obj{"formatter": "p̄ " + cc.Center.String(), "position": "insideStartTop", "color": colLine}}},
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
