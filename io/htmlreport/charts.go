package htmlreport

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// obj and arr build a chart's option, which marshals to JSON with its
// keys sorted, so the page is the same bytes every time.
type (
	obj = map[string]any
	arr = []any
)

// numStr is a chart number: exact decimal text that marshals as a JSON
// number (never a binary float computed in Go).
type numStr = json.Number

// A chartSpec is one chart of the page: the element it draws into, its
// kind (which tells the page's script the few formatters JSON cannot
// carry), its name for screen readers, its height in CSS pixels and its
// ECharts option.
type chartSpec struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Label  string `json:"-"`
	Height int    `json:"height"`
	Option obj    `json:"option"`
}

// The report's colours.
const (
	colInk      = "#1d2433"
	colMuted    = "#5b6577"
	colGrid     = "#e6e9ef"
	colUs       = "#1f4e79"
	colThem     = "#a7b1bd"
	colDegree   = "#1f4e79"
	colRate     = "#1f7a6f" // 5.2:1 on white (WCAG AA); #2a9d8f was 3.3:1
	colTarget   = "#c0392b"
	colVital    = "#b03a2e"
	colNonVital = "#e3a59e"
	colLine     = "#1d2433"
)

// Diverging ramps for levels: satisfied levels in blues, dissatisfied in
// reds, the first colour nearest the middle (ColorBrewer RdBu, its
// middle red #d6604d darkened to #c44536 and the next to #8f1d2c: a
// share printed on the bar reads at 4.5:1 or more, WCAG AA, in white or
// in ink, whichever the page's script picks; on #d6604d neither did).
var (
	blues = []string{"#92c5de", "#4393c3", "#2166ac", "#053061"}
	reds  = []string{"#f4a582", "#c44536", "#8f1d2c", "#67001f"}
)

// ramp returns n colours of a ramp, nearest the middle first; a ramp
// shorter than n repeats its last colour.
func ramp(colours []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = colours[min(i, len(colours)-1)]
	}
	return out
}

// axisStyle is the quiet look of every axis.
func valueAxis(extra obj) obj {
	a := obj{
		"type":      "value",
		"axisLine":  obj{"show": false},
		"axisTick":  obj{"show": false},
		"splitLine": obj{"lineStyle": obj{"color": colGrid}},
		"axisLabel": obj{"color": colMuted},
		"nameTextStyle": obj{
			"color": colMuted,
		},
	}
	for k, v := range extra {
		a[k] = v
	}
	return a
}

// categoryAxis is an axis of names.
func categoryAxis(names []string, extra obj) obj {
	data := make(arr, len(names))
	for i, n := range names {
		data[i] = n
	}
	a := obj{
		"type":      "category",
		"data":      data,
		"axisTick":  obj{"show": false},
		"axisLine":  obj{"lineStyle": obj{"color": "#b8c0cc"}},
		"axisLabel": obj{"color": colInk},
	}
	for k, v := range extra {
		a[k] = v
	}
	return a
}

// legend is the legend at the top of a chart.
func legend(names ...string) obj {
	data := make(arr, len(names))
	for i, n := range names {
		data[i] = n
	}
	return obj{"top": 0, "left": "center", "data": data, "itemWidth": 14, "itemHeight": 10,
		"textStyle": obj{"color": colInk}}
}

// testedTrend adds to the trend chart's option o the figures its
// targets are tested on, when those are the blend of self-assessment
// and survey ([analysis.AgainstOverall]; METHOD.md §3 and the target
// table): the trend's lines are the survey's, one point per period, and
// the blend exists for the report's period only, so each blended figure
// is a point of its own at that period, in the colour of its survey
// line, named in the legend (整体满意度, "Overall degree") and labelled
// with its value, and the figure's target lines move from the survey's
// line to it. Targets tested on the survey's figures (no
// self-assessment) leave o as it is, as does a trend without the
// report's period. The axis widens to take the blended points.
func (b *builder) testedTrend(o obj) obj {
	l, r := b.l, b.r
	series, _ := o["series"].(arr)
	xAxis, _ := o["xAxis"].(obj)
	periods, _ := xAxis["data"].(arr)
	at := slices.Index(periods, any(r.Period))
	if at < 0 {
		return o
	}
	lg, _ := o["legend"].(obj)
	for _, tg := range r.Targets {
		if tg.Against != analysis.AgainstOverall || tg.Current.Kind() != csat.Fraction {
			continue
		}
		name := l.shortFigure(targetLabel(r, tg))
		k := slices.IndexFunc(series, func(x any) bool { sr, _ := x.(obj); return sr["name"] == name })
		if k < 0 {
			continue
		}
		survey, _ := series[k].(obj)
		colour, _ := survey["itemStyle"].(obj)["color"].(string)
		data := make(arr, len(periods))
		for i := range data {
			data[i] = "-"
		}
		data[at] = b.f.chartNum(tg.Current)
		blended := l.compose(l.t("overall"), name)
		if slices.ContainsFunc(series, func(x any) bool { sr, _ := x.(obj); return sr["name"] == blended }) {
			continue // drawn already
		}
		point := obj{"name": blended, "type": "line", "data": data, "symbol": "diamond", "symbolSize": 13,
			"itemStyle": obj{"color": colour, "borderColor": "#ffffff", "borderWidth": 1},
			"label":     obj{"show": true, "position": "right", "distance": 8, "formatter": "{c}%", "color": colour, "fontWeight": "bold"}}
		if m, ok := survey["markLine"]; ok {
			point["markLine"] = m
			delete(survey, "markLine")
		}
		series = append(series, point)
		if lg != nil {
			lg["data"] = append(lg["data"].(arr), blended)
		}
		widen(o, tg.Current.Value().Shift(2))
	}
	o["series"] = series
	return o
}

// widen stretches the value axis of o (a single axis whose min and max
// are chart numbers) to take v, in percent, to the next 10 within
// 0…100.
func widen(o obj, v decimal.Decimal) {
	y, ok := o["yAxis"].(obj)
	if !ok {
		return
	}
	ten := decimal.NewFromInt(10)
	if lo, err := decimal.NewFromString(fmt.Sprint(y["min"])); err == nil && v.LessThan(lo) {
		y["min"] = numStr(decimal.Max(decimal.Zero, v.Sub(decimal.NewFromInt(5)).Shift(-1).Floor().Mul(ten)).String())
	}
	if hi, err := decimal.NewFromString(fmt.Sprint(y["max"])); err == nil && v.GreaterThan(hi) {
		y["max"] = numStr(decimal.Min(decimal.NewFromInt(100), v.Add(decimal.NewFromInt(5)).Shift(-1).Ceil().Mul(ten)).String())
	}
}
