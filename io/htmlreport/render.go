package htmlreport

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// Options configure [Render]. The zero value is a Chinese report titled
// 客户满意度检查分析报告, without organisation or date, its derivations
// folded.
type Options struct {
	// Lang is the language of the report's words: "zh" (also "" and
	// "zh-CN") or "en" (also "en-US", "en-GB"). Any other value is an
	// error wrapping [csat.ErrInvalid]. Every word of the page, every
	// derivation ([csat.Result.ExplainIn]), warning and finding is in
	// that language.
	Lang string
	// Title is the report's title; "" means 客户满意度检查分析报告 in
	// Chinese and "Customer Satisfaction Analysis Report" in English.
	Title string
	// Organisation is the company or unit named in the title block; ""
	// leaves it out.
	Organisation string
	// Generated is the date printed in the title block as the report's
	// date (编制日期 / Date); the zero time leaves it out. Render never
	// reads the clock, so the same report and options give the same
	// bytes.
	Generated time.Time
	// SignOff names the people who prepare, review and approve the
	// report, printed in the sign-off block at its end (编制 / 审核 /
	// 批准) beside blank lines for their signatures and dates; a name ""
	// leaves a blank line for it.
	SignOff SignOff
	// Places is the number of decimal places of the figures in tables,
	// cards, charts and findings: 0 means 1, 1 to 4 are allowed, any
	// other is an error wrapping [csat.ErrInvalid]. Trailing zeros are
	// kept (76.0%); differences of fractions print in percentage points.
	// Derivations print as the library explains them.
	Places int
	// Order is the order of the items wherever the report lists them
	// (tables and charts, except the Pareto's and the importance's own
	// rankings): "" or "questionnaire", the questionnaire's ([Options].Items,
	// then the report's); "score", by the survey's first headline figure
	// (the degree), lowest first. Any other is an error wrapping
	// [csat.ErrInvalid].
	Order string
	// Items are the items in questionnaire order, as the answers were
	// read; items the report has that Items lacks follow in the report's
	// order. nil leaves the report's order (that of its table).
	Items []string
	// ExpandDerivations prints every section's derivations (计算过程)
	// open; by default they are folded, shown on a click and left out of
	// print.
	ExpandDerivations bool
}

// SignOff are the names of the sign-off block: the people who prepare
// (编制), review (审核) and approve (批准) the report.
type SignOff struct {
	Prepared, Reviewed, Approved string
}

// tmpl is the parsed page template; it is safe for concurrent use.
var tmpl = template.Must(template.New("report").Option("missingkey=error").Parse(pageTemplate))

// Render writes r as one self-contained HTML page (客户满意度检查分析报告):
// a title block, headline cards, key findings and warnings, then one
// section per part of the report that is present — overall satisfaction
// and its 40/60 blend, the figures per item and source with their
// intervals, the distribution of each item's answers over the scale's
// levels, the breakdowns by customer group with their letters and
// sample flags, the response rate, the items' importance (key drivers)
// and their importance–performance quadrant with the items to fix
// first, the Pareto of dissatisfaction with the actions, the competitor
// comparison, the benchmarks, the trend with the targets, the control
// chart of the rate, complaints, satisfaction against complaints and
// churn, customer scores, ABC classes and loyalty, and at the end the
// sign-off block (编制 / 审核 / 批准). A part the report lacks (the distribution
// too, when the report has neither levels nor counts) is left out, not
// shown empty. Every figure shows its derivation on hover, in the
// report's language, and each section lists them all (计算过程).
//
// The page needs no network: its style, its script and the chart library
// (Apache ECharts 6.1.0, whose licence it carries) are inlined, and it
// uses the system's fonts. Charts render as SVG, without animation, and
// the page prints on A4, one section per page. Every text from the
// report (item names, customer ids, causes) is escaped.
//
// Render writes nothing when it fails: the page is built in memory
// first. A report without a period or without survey figures is an
// error wrapping [csat.ErrMissing]; a bad option (language, places,
// order), or survey counts that
// do not match the report's levels and answers ([analysis.ItemFigures].Counts,
// one per level of [analysis.Report].Levels, adding up to Answers), one
// wrapping [csat.ErrInvalid]. The output depends only on r and opts: a
// report read back from JSON renders the same bytes.
func Render(w io.Writer, r analysis.Report, opts Options) error {
	l, err := parseLang(opts.Lang)
	if err != nil {
		return err
	}
	if r.Period == "" {
		return fmt.Errorf("htmlreport: the report has no period: %w", csat.ErrMissing)
	}
	if surveyFigures(r) == nil {
		return fmt.Errorf("htmlreport: the report has no survey figures: %w", csat.ErrMissing)
	}
	places, err := checkPlaces(opts.Places)
	if err != nil {
		return err
	}
	ranks, err := itemRanks(r, opts)
	if err != nil {
		return err
	}
	p, err := build(r, opts, fmtr{l: l, places: places}, ranks)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	_, err = w.Write(withECharts(buf.Bytes()))
	return err
}

// echartsMark is what the template writes in place of the chart library
// (page.ECharts): a NUL, which the template writes escaped wherever it
// writes data, never raw.
const echartsMark = "\x00csat:echarts\x00"

// withECharts returns the page with the chart library in place of its
// mark, the last one (what follows the library is constant). The
// library, a megabyte, is copied once: printed by the template it was
// copied through fmt's and the page's growing buffers.
func withECharts(page []byte) []byte {
	i := bytes.LastIndex(page, []byte(echartsMark))
	if i < 0 { // not a page of the template
		return page
	}
	out := make([]byte, 0, len(page)-len(echartsMark)+len(echartsJS))
	out = append(out, page[:i]...)
	out = append(out, echartsJS...)
	return append(out, page[i+len(echartsMark):]...)
}

// surveyFigures returns the report's survey figures (nil without).
func surveyFigures(r analysis.Report) *analysis.SourceFigures {
	for i := range r.Sources {
		if r.Sources[i].Source == csat.SourceSurvey && len(r.Sources[i].Overall.Figures) > 0 {
			return &r.Sources[i]
		}
	}
	return nil
}

// sourceFigures returns the figures of a source (nil without).
func sourceFigures(r analysis.Report, src string) *analysis.SourceFigures {
	for i := range r.Sources {
		if r.Sources[i].Source == src {
			return &r.Sources[i]
		}
	}
	return nil
}

// build computes the page of r.
func build(r analysis.Report, opts Options, f fmtr, ranks map[string]int) (*page, error) {
	l := f.l
	p := &page{
		L:         l.labels(),
		Title:     opts.Title,
		Org:       opts.Organisation,
		Open:      opts.ExpandDerivations,
		FontStack: template.CSS(l.fontStack()), //nolint:gosec // G203: a constant of this package
		CSS:       template.CSS(pageCSS),       //nolint:gosec // G203: the package's own embedded style sheet
		JS:        template.JS(pageJS),         //nolint:gosec // G203: the package's own embedded script
		ECharts:   template.JS(echartsMark),    //nolint:gosec // G203: replaced by the pinned chart library (withECharts), checked by TestEChartsPinned
		Licence:   echartsNotice + "\n" + echartsLicense + "\n" + echartsLicenseD3,
		Warnings:  append(l.cautions(r.Cautions), l.reportWarnings(r.Warnings)...),
	}
	//nolint:gosec // G203: the licence texts are constants of this package without "*/" (TestLicenceComment)
	p.LicenceNote = template.JS("/*! Apache ECharts " + echartsVersion + "\n" + echartsNotice + "\n" + echartsLicense + "\n" + echartsLicenseD3 + "*/")
	if p.Title == "" {
		p.Title = l.t("title")
		p.Subtitle = l.t("subtitle")
	}
	p.Running = p.Title + " · " + r.Period
	if p.Org != "" {
		p.Running = p.Org + " · " + p.Running
	}
	p.Meta = append(p.Meta, pair{l.t("period"), r.Period}, pair{l.t("scale"), l.scaleName(r.Scale)})
	for _, sf := range r.Sources {
		p.Meta = append(p.Meta, l.sourceMeta(r, sf))
	}
	if !opts.Generated.IsZero() {
		p.Meta = append(p.Meta, pair{l.t("generated"), opts.Generated.Format("2006-01-02")})
	}
	p.SignOff = l.signOff(opts.SignOff)
	b := &builder{r: r, l: l, f: f, p: p, ranks: ranks}
	b.cards()
	b.overall()
	b.items()
	if err := b.likert(); err != nil {
		return nil, err
	}
	b.groups()
	b.response()
	b.importance()
	b.quadrant()
	b.pareto()
	b.competitor()
	b.benchmarks()
	b.trend()
	b.control()
	b.complaints()
	b.churn()
	b.customers()
	b.segments()
	b.loyalty()
	b.findings()
	return p, nil
}

// builder fills a page section by section, numbering the sections
// present.
type builder struct {
	r     analysis.Report
	l     lang
	f     fmtr
	ranks map[string]int // the items' places (Options.Order)
	p     *page
	n     int
}

// head starts the next section, with its anchor id, title and lead
// ("" for none).
func (b *builder) head(id, title, lead string) head {
	b.n++
	return head{Num: b.n, ID: id, Title: title, Lead: lead, DerivTitle: b.l.t("derivations"), Open: b.p.Open}
}

// chart adds a chart's option to the page and returns it; label names
// the chart for screen readers.
func (b *builder) chart(id, kind, label string, height int, option obj) chartSpec {
	option["animation"] = false
	option["textStyle"] = obj{"fontFamily": b.l.fontStack(), "color": colInk}
	c := chartSpec{ID: "chart-" + id, Kind: kind, Label: label, Height: height, Option: option}
	b.p.Charts = append(b.p.Charts, c)
	return c
}
