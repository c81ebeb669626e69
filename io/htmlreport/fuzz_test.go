package htmlreport_test

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/importance"
	"github.com/csatkit/csat/io/htmlreport"
)

// FuzzItemName renders a survey whose item and organisation names are
// arbitrary text, with the item's importance and quadrant: whatever
// analysis.Build accepts renders, markup in the name never reaches the
// page as markup, and the charts (the distribution, the key drivers,
// the quadrant) carry the name exactly.
func FuzzItemName(f *testing.F) {
	for _, s := range []string{"功能", "<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "</script>", "a&b", "{{.L.title}}", "\u2028\u2029", "*/", "]]>", "--><!--", `">&`, `a">b`} {
		f.Add(s)
	}
	// renderOne renders a survey of one item, also naming the
	// organisation; it returns the page up to the chart data and the
	// page.
	renderOne := func(t *testing.T, name string) (string, string) {
		tab := csat.NewTable(csat.FivePoint())
		for lvl, n := range []uint64{3, 1, 0, 1, 0} {
			if n == 0 {
				continue
			}
			if err := tab.AddN(name, csat.SourceSurvey, lvl, n); err != nil {
				t.Skip(err) // not a valid item name
			}
		}
		rep, err := analysis.Build(analysis.Input{Period: "P", Table: tab,
			Headlines: []analysis.Headline{{Scorer: scoreOnly{csat.Degree{}}}, {Scorer: csat.Rate{}}}})
		if err != nil {
			t.Skip(err)
		}
		rep.Importance, rep.Quadrant = oneItemQuadrant(t, rep, name)
		var buf bytes.Buffer
		if err := htmlreport.Render(&buf, rep, htmlreport.Options{Organisation: name}); err != nil {
			t.Fatal(err)
		}
		p := buf.String()
		data := strings.Index(p, `<script type="application/json"`)
		if data < 0 {
			t.Fatal("no chart data")
		}
		return p[:data], p
	}
	f.Fuzz(func(t *testing.T, name string) {
		head, page := renderOne(t, name)
		// A name that could open a tag (it holds <) occurs no more often
		// than on the page of a harmless name: it is never written raw,
		// only escaped. Its escaped form is taken out first, so that
		// markup ending beside it (`class="item">` then `&#34;…`) is not
		// mistaken for the raw name.
		base, _ := renderOne(t, "q")
		escaped := template.HTMLEscapeString(name)
		raw := func(page string) int { return strings.Count(strings.ReplaceAll(page, escaped, "\x00"), name) }
		if strings.Contains(name, "<") && raw(head) > raw(base) {
			t.Errorf("the name %q is on the page unescaped", name)
		}
		// The chart data is JSON with every <, > and & escaped, so it
		// cannot end its <script> element.
		if m := chartsRE.FindStringSubmatch(page); m == nil || strings.ContainsAny(m[1], "<>&") {
			t.Errorf("the chart data holds <, > or & unescaped")
		}
		var rows, bars []any
		var point any
		for _, c := range charts(t, page) {
			switch c.ID {
			case "chart-likert":
				rows = c.Option["yAxis"].(map[string]any)["data"].([]any)
			case "chart-importance":
				bars = c.Option["yAxis"].(map[string]any)["data"].([]any)
			case "chart-quadrant":
				point = c.Option["series"].([]any)[0].(map[string]any)["data"].([]any)[0].(map[string]any)["name"]
			}
		}
		if !slices.Contains(rows, any(name)) {
			t.Errorf("the distribution chart's rows %q lack the item %q", rows, name)
		}
		if !slices.Contains(bars, any(name)) || point != any(name) {
			t.Errorf("the key drivers %q or the quadrant's point %q lack the item %q", bars, point, name)
		}
	})
}

// oneItemQuadrant returns the importance (a share of R² of 1/2) and the
// quadrant of a report's only item, cut at its own values: on both
// lines, a strength.
func oneItemQuadrant(t *testing.T, rep analysis.Report, name string) (*importance.Set, *analysis.QuadrantReport) {
	t.Helper()
	share := rat(t, "Shapley share", 1, 2)
	perf := rep.Sources[0].Items[0].Figures[0].Score
	gap, err := csat.Difference("gap", perf, perf)
	if err != nil {
		t.Fatal(err)
	}
	set := &importance.Set{Method: "shapley", Source: csat.SourceSurvey, Target: "overall", Deletion: "listwise", Forms: 5, R2: &share,
		Items: []importance.Item{{Item: name, Value: share, Rank: 1}}}
	q := &analysis.QuadrantReport{Method: "shapley", Source: csat.SourceSurvey, Importance: analysis.Cut{Rule: analysis.CutMean, Value: share},
		Performance: analysis.Cut{Rule: analysis.CutMean, Value: perf},
		Items:       []analysis.QuadrantItem{{Item: name, Importance: share, Performance: perf, Zone: analysis.ZoneStrength, Gap: gap}}}
	return set, q
}
