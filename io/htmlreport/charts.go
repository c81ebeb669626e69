package htmlreport

import (
	"encoding/json"
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
	colRate     = "#2a9d8f"
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
