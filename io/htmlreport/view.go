package htmlreport

import (
	"html/template"
	"math/big"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// page is everything the template prints: words, text and the charts'
// options, all computed here, so that the template only lays them out.
type page struct {
	L         map[string]string
	Title     string
	Subtitle  string
	Org       string
	Meta      []pair
	Running   string // the running head of printed pages
	Cards     []card
	Findings  []string
	Warnings  []string
	Open      bool // derivations open (printed)
	FontStack template.CSS

	Overall    *overallSec
	Items      *itemsSec
	Likert     *likertSec
	Groups     *groupsSec
	Response   *responseSec
	Importance *importanceSec
	Quadrant   *quadrantSec
	Pareto     *paretoSec
	Competitor *competitorSec
	Benchmarks *benchSec
	Trend      *trendSec
	Control    *controlSec
	Complaints *complaintsSec
	Churn      *churnSec
	Customers  *customersSec
	Segments   *segmentsSec
	Loyalty    *loyaltySec

	Charts []chartSpec

	CSS         template.CSS
	JS          template.JS
	ECharts     template.JS
	LicenceNote template.JS
	Licence     string
}

// A pair is a label and a value.
type pair struct{ Label, Value string }

// A cell is a printed figure with its one-line derivation (shown on
// hover) and, when it has one, its interval.
type cell struct {
	Value, Title, Interval string
	Class                  string // "good", "bad" or ""
}

// A card is a headline figure.
type card struct {
	Label, Value, Title, Sub string
	Chip                     string // a target's verdict
	ChipClass                string // "good" or "bad"
	Accent                   bool   // the blended overall figures
}

// A deriv is one derivation of a section's list (计算过程).
type deriv struct{ Label, Text string }

// head is what every section has: its number, anchor id, title and the
// derivations of its figures.
type head struct {
	Num        int
	ID         string
	Title      string
	Lead       string
	Derivs     []deriv
	DerivTitle string
	Open       bool
}

// figCell returns the cell of a result.
func figCell(r csat.Result) cell { return cell{Value: r.String(), Title: r.Explain()} }

// figure returns a figure's cell with its interval.
func figure(f analysis.Figure) cell {
	c := figCell(f.Score)
	if f.Interval != nil {
		c.Interval = f.Interval.String()
	}
	return c
}

// signed returns a difference's cell with its sign written out
// (+4.8%, −3%), for columns of changes.
func signed(r csat.Result) cell {
	c := figCell(r)
	approx := strings.HasPrefix(c.Value, "≈")
	v := strings.TrimPrefix(c.Value, "≈")
	switch {
	case r.Value().IsPositive():
		v = "+" + v
	case strings.HasPrefix(v, "-"):
		v = "−" + v[1:]
	}
	if approx {
		v = "≈" + v
	}
	c.Value = v
	return c
}

// pctNum returns a fraction as a JSON number of percent, 2 places
// (0.784 → 78.4).
func pctNum(d decimal.Decimal) numStr { return numStr(d.Shift(2).Round(2).String()) }

// resultNum returns a result as a chart number: a fraction in percent,
// points as they are, 2 places.
func resultNum(r csat.Result) numStr {
	if r.Kind() == csat.Fraction {
		return pctNum(r.Value())
	}
	return numStr(r.Value().Round(2).String())
}

// ratPct returns k/n in percent, to [csat.DisplayPlaces] places without
// trailing zeros, as a chart number (0 when n is zero). It rounds half
// away from zero (big.Rat.FloatString), as the library does.
func ratPct(k, n *big.Int) numStr {
	if n.Sign() == 0 {
		return "0"
	}
	r := new(big.Rat).SetFrac(new(big.Int).Mul(k, big.NewInt(100)), n)
	s := r.FloatString(csat.DisplayPlaces)
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return numStr(s)
}

// countPct is ratPct of two counts.
func countPct(k, n uint64) numStr {
	return ratPct(new(big.Int).SetUint64(k), new(big.Int).SetUint64(n))
}

// pctLabel prints a percentage of answers (20%, 33.3%).
func pctLabel(n numStr) string { return string(n) + "%" }

// countLabel prints k/n as a percentage to [csat.DisplayPlaces] places,
// marked ≈ when rounded (60%, ≈33.33%), as the library prints figures.
func countLabel(k, n uint64) string {
	s := pctLabel(countPct(k, n))
	if n == 0 {
		return s
	}
	exact := new(big.Rat).SetFrac(new(big.Int).Mul(new(big.Int).SetUint64(k), big.NewInt(10000)), new(big.Int).SetUint64(n))
	if !exact.IsInt() {
		s = "≈" + s
	}
	return s
}

// levelLabel prints a percentage of an interval's confidence level
// (0.95 → 95%).
func levelLabel(iv *csat.Interval) string {
	if iv == nil {
		return ""
	}
	return iv.Level.Shift(2).Round(2).String() + "%"
}

// scaleName names a scale.
func (l lang) scaleName(name string) string {
	switch name {
	case "five-point":
		return [2]string{"五级评分（10/8/6/4/2分）", "five levels (10/8/6/4/2 points)"}[l]
	case "pvc-bands":
		return [2]string{"五档百分制（0–100）", "five bands (0–100)"}[l]
	}
	return name
}
