package htmlreport

import (
	"html/template"
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
	// SignOff is the sign-off block: 编制 / 审核 / 批准 with names.
	SignOff []signRow

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

// A signRow is one line of the sign-off block: the role and the name
// given ("" for a blank line).
type signRow struct{ Role, Name string }

// signOff returns the sign-off block's rows.
func (l lang) signOff(s SignOff) []signRow {
	return []signRow{{l.t("prepared_by"), s.Prepared}, {l.t("reviewed_by"), s.Reviewed}, {l.t("approved_by"), s.Approved}}
}

// A fallback is a chart's data as a small table, shown when the page's
// script does not run (<noscript>): a head and rows of text, the first
// cell of each row its name.
type fallback struct {
	Head []string
	Rows [][]string
}
