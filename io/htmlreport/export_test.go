package htmlreport

import (
	"fmt"

	"github.com/csatkit/csat/analysis"
)

// TrendOption returns the option of r's trend chart, in the language
// given ("zh" or "en"), with the figures its targets are tested on
// (testedTrend), for the tests of package htmlreport_test; nil without
// a trend.
func TrendOption(r analysis.Report, lang string) (map[string]any, error) {
	l, err := parseLang(lang)
	if err != nil {
		return nil, err
	}
	b := &builder{r: r, l: l, f: fmtr{l: l, places: 1}, p: &page{}}
	b.trend()
	for _, c := range b.p.Charts {
		if c.Kind == "trend" {
			return b.testedTrend(c.Option), nil
		}
	}
	return nil, fmt.Errorf("no trend chart")
}

// EChartsJS is the embedded chart library, for the tests of package
// htmlreport_test.
var EChartsJS = echartsJS
