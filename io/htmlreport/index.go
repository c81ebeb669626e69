package htmlreport

import (
	"bytes"
	_ "embed" // the index report's template
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/csi"
	"github.com/shopspring/decimal"
)

// This file renders the report of the satisfaction index model
// (顾客满意度指数测评报告, package csi): the estimates of a PLS path
// model as one page, its path diagram and importance–performance map
// drawn as inline SVG here (no script), in the style of [Render]'s page.

// IndexReport is what [RenderIndex] renders: a path model's estimates
// and, optionally, their bootstrap intervals.
type IndexReport struct {
	// Estimates are the model's estimates (required).
	Estimates *csi.Estimates
	// Bootstrap, when not nil, gives the intervals of the path
	// coefficients, outer weights and indices; its estimates must be
	// Estimates (the same pointer, or the same figures: those of
	// [csi.Data.Estimate] on the forms counted in Estimates).
	Bootstrap *csi.Bootstrapped
	// Period is the survey's period, printed in the title block when
	// not "".
	Period string
}

//go:embed index.tmpl
var indexTemplate string

// indexTmpl is the parsed template of the index report; it is safe for
// concurrent use.
var indexTmpl = template.Must(template.New("index").Option("missingkey=error").Parse(indexTemplate))

// RenderIndex writes the report of a satisfaction index model
// (顾客满意度指数测评报告) as one self-contained HTML page, in the style of
// [Render]'s: the same style sheet, readable on a phone, printed on A4,
// without script or external resource. The page has:
//
//   - a title block: the title (by default 顾客满意度指数测评报告 or
//     "Customer Satisfaction Index Report"), organisation, period,
//     date, the forms used of the forms counted, the scale, the
//     treatment of blanks and the indicators blank on more than 5 % of
//     the forms, the inner weighting scheme and the iterations;
//   - a card per construct with its index (0–100) and, bootstrapped, its
//     interval, the construct named Satisfaction first; and the
//     bootstrap's resamples, seed, level and redrawn resamples;
//   - the structural model: the path diagram as inline SVG (each
//     construct a box, in columns by its longest path from an exogenous
//     construct, each path an arrow labelled with its coefficient, R²
//     inside each endogenous box; on a narrow screen the columns become
//     rows), and as its text the paths with coefficient, interval and
//     standard error, and each construct's index, interval and R²;
//   - the measurement model: each indicator's outer weight (with its
//     interval), loading, index weight, mean and blanks;
//   - reliability (Cronbach's α, composite reliability ρc, average
//     variance extracted) with the values under 0.7, 0.7 and 0.5 marked
//     by a word, and the HTMT of every pair with those over
//     [csi.Estimates].HTMTLimit marked;
//   - the importance–performance map of the IPMA target: a scatter of
//     each construct's importance (its unstandardised total effect on
//     the target) against its performance (its index), dashed lines at
//     the means, the four zones named as [Render]'s quadrant names them
//     (▲ 修补区, ● 优势区, ◆ 机会区, ■ 维持区), each point labelled, and
//     the same in a table;
//   - the sign-off block (编制 / 审核 / 批准) as [Render] prints it.
//
// Every word is in the language of opts.Lang; in Chinese the constructs
// of the predefined models ([csi.ECSI], [csi.ACSI]: Image, Expectation,
// Quality, Value, Satisfaction, Complaints, Loyalty) are named in
// Chinese (企业形象, 顾客期望, …), other constructs and every indicator
// as the model names them. Every name is escaped.
//
// Figures print at opts.Places decimal places; when it is zero, the
// indices and means at one and every other figure (coefficients, R²,
// weights, loadings, reliabilities, HTMT, importances) at three. Options
// other than Lang, Title, Organisation, Generated, SignOff and Places
// are ignored. The page depends only on r and opts (RenderIndex never
// reads the clock) and is written only when it is built whole.
//
// Errors wrap [csat.ErrInvalid]: a bad language or number of places (as
// for [Render]), no estimates, estimates that do not hang together
// (a path or indicator of an unknown construct, a cycle), or a
// bootstrap whose estimates are not the report's.
func RenderIndex(w io.Writer, r IndexReport, opts Options) error {
	l, err := parseLang(opts.Lang)
	if err != nil {
		return err
	}
	f, err := indexPlaces(l, opts.Places)
	if err != nil {
		return err
	}
	cols, err := checkIndex(r)
	if err != nil {
		return err
	}
	p := buildIndex(r, opts, f, cols)
	var buf bytes.Buffer
	if err := indexTmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// ixFmt prints the index report's figures: indices and means (on the
// scale) at idx places, the figures of about one at one places.
type ixFmt struct {
	l        lang
	idx, one int32
}

// indexPlaces reads [Options].Places for the index report.
func indexPlaces(l lang, p int) (ixFmt, error) {
	if p == 0 {
		return ixFmt{l: l, idx: 1, one: 3}, nil
	}
	n, err := checkPlaces(p)
	return ixFmt{l: l, idx: n, one: n}, err
}

// num prints d at p places, trailing zeros kept, a minus as "−".
func num(d decimal.Decimal, p int32) string {
	s := d.Round(p).StringFixed(p)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		s = "−" + rest
	}
	return s
}

func (f ixFmt) index(d decimal.Decimal) string { return num(d, f.idx) }
func (f ixFmt) unit(d decimal.Decimal) string  { return num(d, f.one) }

// interval prints an interval's bounds at p places: "[0.414, 0.621]".
func interval(iv csi.Interval, p int32) string {
	return "[" + num(iv.Lower, p) + ", " + num(iv.Upper, p) + "]"
}

// share prints k of n as a percentage at the index places.
func (f ixFmt) share(k, n uint64) string {
	return fmtr{l: f.l, places: f.idx}.countLabel(k, n)
}

// checkIndex checks that the report's estimates hang together and
// returns each construct's column in the path diagram.
func checkIndex(r IndexReport) (map[string]int, error) {
	e := r.Estimates
	if e == nil {
		return nil, fmt.Errorf("htmlreport: the index report has no estimates: %w", csat.ErrInvalid)
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("htmlreport: index estimates: "+format+": %w", append(a, csat.ErrInvalid)...)
	}
	if len(e.Constructs) == 0 {
		return nil, bad("no construct")
	}
	known := map[string]bool{}
	for _, c := range e.Constructs {
		if known[c.Name] {
			return nil, bad("construct %q twice", c.Name)
		}
		known[c.Name] = true
	}
	for _, p := range e.Paths {
		if !known[p.From] || !known[p.To] || p.From == p.To {
			return nil, bad("path %q → %q between unknown constructs", p.From, p.To)
		}
	}
	for _, in := range e.Indicators {
		if !known[in.Construct] {
			return nil, bad("indicator %q of unknown construct %q", in.Name, in.Construct)
		}
	}
	cols, ok := columns(e)
	if !ok {
		return nil, bad("the paths have a cycle")
	}
	if r.Bootstrap != nil {
		if err := sameEstimates(e, r.Bootstrap); err != nil {
			return nil, err
		}
	}
	return cols, nil
}

// columns returns each construct's column: the length of its longest
// path from an exogenous construct; false when the paths have a cycle.
func columns(e *csi.Estimates) (map[string]int, bool) {
	col := make(map[string]int, len(e.Constructs))
	for round := 0; round <= len(e.Constructs); round++ {
		changed := false
		for _, p := range e.Paths {
			if col[p.To] < col[p.From]+1 {
				col[p.To] = col[p.From] + 1
				changed = true
			}
		}
		if !changed {
			return col, true
		}
	}
	return nil, false
}

// sameEstimates checks that a bootstrap's estimates are e's: the same
// forms, options and figures (what its intervals are intervals of),
// and an interval per figure.
func sameEstimates(e *csi.Estimates, b *csi.Bootstrapped) error {
	differ := func(what string) error {
		return fmt.Errorf("htmlreport: the bootstrap's estimates are not the report's: %s: %w", what, csat.ErrInvalid)
	}
	be := b.Estimates
	switch {
	case be == nil:
		return differ("no estimates")
	case len(b.PathIntervals) != len(e.Paths) || len(b.WeightIntervals) != len(e.Indicators) || len(b.IndexIntervals) != len(e.Constructs):
		return differ("not an interval per figure")
	case be == e:
		return nil
	case be.Forms != e.Forms || be.Used != e.Used || be.Scheme != e.Scheme || be.Missing != e.Missing:
		return differ("other forms or options")
	case len(be.Paths) != len(e.Paths) || len(be.Indicators) != len(e.Indicators) || len(be.Constructs) != len(e.Constructs):
		return differ("another model")
	}
	for i, p := range e.Paths {
		if q := be.Paths[i]; q.From != p.From || q.To != p.To || !q.Coefficient.Equal(p.Coefficient) {
			return differ("path " + p.From + " → " + p.To)
		}
	}
	for i, in := range e.Indicators {
		if q := be.Indicators[i]; q.Name != in.Name || !q.Weight.Equal(in.Weight) {
			return differ("indicator " + in.Name)
		}
	}
	for i, c := range e.Constructs {
		if q := be.Constructs[i]; q.Name != c.Name || !q.Index.Equal(c.Index) {
			return differ("construct " + c.Name)
		}
	}
	return nil
}

// indexWords are the index report's own words in Chinese and English;
// the template reads them, with [words], by key ({{.L.key}}).
var indexWords = map[string][2]string{
	"title_index":      {"顾客满意度指数测评报告", "Customer Satisfaction Index Report"},
	"forms_used":       {"用于估计的答卷", "Forms used"},
	"forms_used_val":   {"%d 份（共 %d 份）", "%d of %d"},
	"scale_range":      {"量表", "Scale"},
	"scale_val":        {"%s–%s 分（指数 0–100）", "%s–%s points (index 0–100)"},
	"missing":          {"缺失值处理", "Blanks"},
	"missing_mean":     {"均值替代", "mean replacement"},
	"missing_casewise": {"整卷剔除", "casewise deletion"},
	"blank_over":       {"未答超过 5% 的指标", "Indicators blank on more than 5% of forms"},
	"blank_item":       {"%s（%s）", "%s (%s)"},
	"none":             {"无", "none"},
	"scheme":           {"内部权重方案", "Inner weighting"},
	"scheme_path":      {"路径加权", "path weighting"},
	"scheme_centroid":  {"形心加权", "centroid"},
	"scheme_factorial": {"因子加权", "factorial"},
	"iterations":       {"迭代次数", "Iterations"},
	"cards":            {"各构念指数", "Indices"},
	"boot_line":        {"区间为自助法百分位区间：%d 次重抽样，随机种子 %d，置信水平 %s；因无法估计而重抽 %d 次。", "Intervals are bootstrap percentile intervals: %d resamples, seed %d, level %s; %d resamples redrawn as not estimable."},
	"sec_paths":        {"结构模型", "Structural model"},
	"paths_lead":       {"箭头上为标准化路径系数，内生构念框内为 R²（其原因所解释的方差比例）；构念按距外生构念的最长路径分列。", "Each arrow carries its standardised path coefficient, each endogenous construct's box its R² (the share of its variance its causes explain); the constructs stand in columns by their longest path from an exogenous construct."},
	"aria_paths":       {"路径图：%d 个构念、%d 条路径；系数与 R² 见下表", "Path diagram: %d constructs and %d paths; the coefficients and R² are in the tables below"},
	"from":             {"原因构念", "From"},
	"to":               {"结果构念", "To"},
	"coef":             {"路径系数", "Coefficient"},
	"se":               {"标准误", "SE"},
	"construct":        {"构念", "Construct"},
	"index":            {"指数", "Index"},
	"r2":               {"R²", "R²"},
	"sec_measure":      {"测量模型", "Measurement model"},
	"measure_lead":     {"外部权重与载荷为标准化值；指数权重为指标在其构念指数中的权重（每个构念合计为 1）；均值为量表分；未答为未回答该指标的答卷数。", "Outer weights and loadings are standardised; the index weight is the indicator's weight in its construct's index (summing to one per construct); the mean is on the scale; blank counts the forms that left the indicator blank."},
	"indicator":        {"指标", "Indicator"},
	"weight":           {"外部权重", "Outer weight"},
	"loading":          {"载荷", "Loading"},
	"index_weight":     {"指数权重", "Index weight"},
	"mean":             {"均值", "Mean"},
	"blank":            {"未答", "Blank"},
	"sec_rel":          {"信度与区分效度", "Reliability and discriminant validity"},
	"rel_lead":         {"克朗巴赫 α 与组合信度 ρc 应不低于 0.7，平均提取方差应不低于 0.5，低于者标为“偏低”；单一指标的构念三者均为 1。", "Cronbach's α and the composite reliability ρc should be at least 0.7 and the average variance extracted at least 0.5; values below are marked “low”. A construct of a single indicator has 1 for all three."},
	"alpha":            {"克朗巴赫 α", "Cronbach's α"},
	"rhoc":             {"组合信度 ρc", "Composite reliability ρc"},
	"ave":              {"平均提取方差", "AVE"},
	"low":              {"偏低", "low"},
	"single":           {"单一指标", "single indicator"},
	"htmt":             {"异质–单质比", "Heterotrait–monotrait ratio (HTMT)"},
	"htmt_lead":        {"两个构念的异质–单质比高于 %s 时，二者可能区分不足，标为“偏高”。", "Two constructs whose HTMT exceeds %s may not be distinct; they are marked “high”."},
	"pair_with":        {"比较构念", "Compared with"},
	"ratio":            {"比值", "HTMT"},
	"high":             {"偏高", "high"},
	"sec_ipma":         {"重要度–表现分析", "Importance–performance map"},
	"ipma_lead":        {"目标构念：%[1]s。横轴为重要度：构念指数提高 1 分时%[1]s指数提高的分数（非标准化总效应）；纵轴为表现：构念指数（0–100）。虚线为两者的均值，落在线上的计为高。", "Target: %[1]s. Importance (across) is the points %[1]s's index gains when the construct's index gains one (the unstandardised total effect); performance (up) is the construct's index (0–100). The dashed lines are the means; a construct on a line counts as high."},
	"ipma_none":        {"没有构念对%s有效应。", "No construct has an effect on %s."},
	"aria_ipma":        {"散点图：各构念对%s的重要度（横轴）与表现（纵轴），两条均值虚线分出四个区域", "Scatter chart: each construct's importance for %s (across) and performance (up), the two dashed mean lines making four zones"},
	"ipma_x":           {"重要度（对%s的总效应）", "Importance (total effect on %s)"},
	"ipma_y":           {"表现（指数）", "Performance (index)"},
	"mean_line":        {"均值 %s", "mean %s"},
	"footer_pls":       {"路径模型以偏最小二乘法由精确的协方差估计，在 128 位二进制浮点中迭代至收敛；各数值保留 10 位小数，仅在显示时再四舍五入。", "The path model is estimated by partial least squares from exact co-moments, iterated to convergence in 128-bit binary floating point; every figure is kept to 10 places and rounded again only for display."},
}

// ix returns the index report's word for key in language l.
func (l lang) ix(key string) string {
	if w, ok := indexWords[key]; ok {
		return w[l]
	}
	return l.t(key)
}

// constructNames are the Chinese names of the predefined models'
// constructs ([csi.ECSI], [csi.ACSI]).
var constructNames = map[string]string{
	"Image": "企业形象", "Expectation": "顾客期望", "Quality": "感知质量", "Value": "感知价值",
	"Satisfaction": "顾客满意", "Complaints": "顾客抱怨", "Loyalty": "顾客忠诚",
}

// construct names a construct in the report's language.
func (l lang) construct(name string) string {
	if zh, ok := constructNames[name]; ok && l == langZH {
		return zh
	}
	return name
}

// indexPage is everything the index template prints.
type indexPage struct {
	L         map[string]string
	Title     string
	Org       string
	Meta      []pair
	Running   string
	FontStack template.CSS
	CSS       template.CSS
	Cards     []card
	BootLine  string

	Paths       pathsSec
	Measure     measureSec
	Reliability relSec
	IPMA        ipmaSec

	SignOff []signRow
}

// buildIndex computes the index report's page.
func buildIndex(r IndexReport, opts Options, f ixFmt, cols map[string]int) *indexPage {
	l := f.l
	p := &indexPage{
		L:         l.labels(),
		Title:     opts.Title,
		Org:       opts.Organisation,
		FontStack: template.CSS(l.fontStack()), //nolint:gosec // G203: a constant of this package
		CSS:       template.CSS(pageCSS),       //nolint:gosec // G203: the package's own embedded style sheet
		SignOff:   l.signOff(opts.SignOff),
	}
	for k, w := range indexWords {
		p.L[k] = w[l]
	}
	if p.Title == "" {
		p.Title = l.ix("title_index")
	}
	p.Running = p.Title
	if r.Period != "" {
		p.Running += " · " + r.Period
	}
	if p.Org != "" {
		p.Running = p.Org + " · " + p.Running
	}
	p.Meta = indexMeta(r, opts, f)
	p.Cards = indexCards(r, f)
	if b := r.Bootstrap; b != nil {
		p.BootLine = fmt.Sprintf(l.ix("boot_line"), b.Resamples, b.Seed, levelText(b.Level), b.Redrawn)
	}
	p.Paths = pathsSection(r, f, cols)
	p.Measure = measureSection(r, f)
	p.Reliability = relSection(r.Estimates, f)
	p.IPMA = ipmaSection(r.Estimates, f)
	return p
}

// levelText prints a confidence level as a percentage (0.95 → 95%).
func levelText(d decimal.Decimal) string { return d.Shift(2).Round(2).String() + "%" }

// indexMeta is the title block's list: period, date, forms, scale,
// blanks, scheme, iterations.
func indexMeta(r IndexReport, opts Options, f ixFmt) []pair {
	l, e := f.l, r.Estimates
	var m []pair
	if r.Period != "" {
		m = append(m, pair{l.t("period"), r.Period})
	}
	if !opts.Generated.IsZero() {
		m = append(m, pair{l.t("generated"), opts.Generated.Format("2006-01-02")})
	}
	m = append(m, pair{l.ix("forms_used"), fmt.Sprintf(l.ix("forms_used_val"), e.Used, e.Forms)},
		pair{l.ix("scale_range"), fmt.Sprintf(l.ix("scale_val"), e.Min.String(), e.Max.String())})
	missing := l.ix("missing_mean")
	if e.Missing == csi.Casewise {
		missing = l.ix("missing_casewise")
	}
	m = append(m, pair{l.ix("missing"), missing})
	var over []string
	for _, in := range e.Indicators {
		if in.Missing*20 > e.Forms {
			over = append(over, fmt.Sprintf(l.ix("blank_item"), in.Name, f.share(in.Missing, e.Forms)))
		}
	}
	blanks := l.ix("none")
	if len(over) > 0 {
		blanks = strings.Join(over, l.pick("、", ", "))
	}
	scheme := map[csi.Scheme]string{csi.PathWeighting: "scheme_path", csi.Centroid: "scheme_centroid", csi.Factorial: "scheme_factorial"}[e.Scheme]
	name := e.Scheme.String()
	if scheme != "" {
		name = l.ix(scheme)
	}
	return append(m, pair{l.ix("blank_over"), blanks}, pair{l.ix("scheme"), name},
		pair{l.ix("iterations"), strconv.Itoa(e.Iterations)})
}

// indexCards are a card per construct: its index and interval, the
// construct named Satisfaction first.
func indexCards(r IndexReport, f ixFmt) []card {
	l, e := f.l, r.Estimates
	var first, rest []card
	for i, c := range e.Constructs {
		cd := card{Label: l.construct(c.Name), Value: f.index(c.Index)}
		if b := r.Bootstrap; b != nil {
			// The interval wraps as a whole: a no-break space after its comma.
			cd.Sub = levelText(b.Level) + " " + l.t("ci_short") + " " + strings.ReplaceAll(interval(b.IndexIntervals[i], f.idx), ", ", ",\u00a0")
		}
		if c.Name == "Satisfaction" && first == nil {
			cd.Accent = true
			first = append(first, cd)
			continue
		}
		rest = append(rest, cd)
	}
	return append(first, rest...)
}

// pathsSec is the structural model: the diagram in two layouts and its
// text, the paths and the constructs.
type pathsSec struct {
	Lead, Level  string
	Wide, Narrow diagram
	// Tall says the model has more columns than read well across a page
	// (maxAcross): the top-to-bottom drawing is shown everywhere, in
	// print too.
	Tall               bool
	HasBoot            bool
	Paths              []pathRow
	Constructs         []constructRow
	ConstructsHaveBoot bool
}

type pathRow struct{ From, To, Coef, Interval, SE string }

type constructRow struct{ Name, Index, Interval, R2 string }

// pathsSection builds the structural model's section.
func pathsSection(r IndexReport, f ixFmt, cols map[string]int) pathsSec {
	l, e, b := f.l, r.Estimates, r.Bootstrap
	s := pathsSec{Lead: l.ix("paths_lead"), HasBoot: b != nil}
	if b != nil {
		s.Level = levelText(b.Level) + " " + l.t("ci_short")
	}
	for i, p := range e.Paths {
		row := pathRow{From: l.construct(p.From), To: l.construct(p.To), Coef: f.unit(p.Coefficient)}
		if b != nil {
			row.Interval, row.SE = interval(b.PathIntervals[i], f.one), f.unit(b.PathIntervals[i].SE)
		}
		s.Paths = append(s.Paths, row)
	}
	for i, c := range e.Constructs {
		row := constructRow{Name: l.construct(c.Name), Index: f.index(c.Index), R2: "—"}
		if c.Endogenous {
			row.R2 = f.unit(c.R2)
		}
		if b != nil {
			row.Interval = interval(b.IndexIntervals[i], f.idx)
		}
		s.Constructs = append(s.Constructs, row)
	}
	label := fmt.Sprintf(l.ix("aria_paths"), len(e.Constructs), len(e.Paths))
	s.Wide = layoutDiagram(e, f, cols, wideGeom, label)
	s.Narrow = layoutDiagram(e, f, cols, narrowGeom, label)
	s.Tall = len(columnsUsed(cols)) > maxAcross
	return s
}

// maxAcross is the most columns of constructs the left-to-right drawing
// shows: ECSI's chain of seven across an A4 page prints its names at
// some 6 points, too small to read.
const maxAcross = 4

// measureSec is the measurement model: a row per indicator.
type measureSec struct {
	Lead, Level string
	HasBoot     bool
	Rows        []measureRow
}

type measureRow struct {
	Name, Construct, Weight, Interval, Loading, IndexWeight, Mean, Blank string
}

// measureSection builds the measurement model's section.
func measureSection(r IndexReport, f ixFmt) measureSec {
	l, e, b := f.l, r.Estimates, r.Bootstrap
	s := measureSec{Lead: l.ix("measure_lead"), HasBoot: b != nil}
	if b != nil {
		s.Level = levelText(b.Level) + " " + l.t("ci_short")
	}
	for i, in := range e.Indicators {
		row := measureRow{Name: in.Name, Construct: l.construct(in.Construct), Weight: f.unit(in.Weight),
			Loading: f.unit(in.Loading), IndexWeight: f.unit(in.IndexWeight), Mean: f.index(in.Mean),
			Blank: strconv.FormatUint(in.Missing, 10)}
		if in.Missing > 0 {
			row.Blank += l.pick("（", " (") + f.share(in.Missing, e.Forms) + l.pick("）", ")")
		}
		if b != nil {
			row.Interval = interval(b.WeightIntervals[i], f.one)
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

// relSec is reliability and discriminant validity.
type relSec struct {
	Lead, HTMTLead string
	Rows           []relRow
	HTMT           []htmtRow
}

// A mark is a printed figure and, when it misses its threshold, the
// word that says so.
type mark struct{ Value, Word string }

type relRow struct {
	Name             string
	Alpha, RhoC, AVE mark
	Single           bool
}

type htmtRow struct {
	A, B string
	HTMT mark
}

// relSection builds the reliability section.
func relSection(e *csi.Estimates, f ixFmt) relSec {
	l := f.l
	s := relSec{Lead: l.ix("rel_lead"), HTMTLead: fmt.Sprintf(l.ix("htmt_lead"), f.unit(e.HTMTLimit))}
	weak := func(c csi.ConstructEstimate, flag string, v decimal.Decimal) mark {
		m := mark{Value: f.unit(v)}
		for _, w := range c.Weak {
			if w == flag {
				m.Word = l.ix("low")
			}
		}
		return m
	}
	inds := map[string]int{}
	for _, in := range e.Indicators {
		inds[in.Construct]++
	}
	for _, c := range e.Constructs {
		s.Rows = append(s.Rows, relRow{Name: l.construct(c.Name), Alpha: weak(c, "alpha", c.Alpha),
			RhoC: weak(c, "rhoC", c.RhoC), AVE: weak(c, "AVE", c.AVE), Single: inds[c.Name] == 1})
	}
	for _, h := range e.HTMT {
		row := htmtRow{A: l.construct(h.A), B: l.construct(h.B), HTMT: mark{Value: f.unit(h.Value)}}
		if h.Undefined {
			row.HTMT.Value = "—" // a construct's indicators uncorrelated: no ratio
		}
		if h.Over {
			row.HTMT.Word = l.ix("high")
		}
		s.HTMT = append(s.HTMT, row)
	}
	return s
}

// The path diagram is laid out on two axes: along the columns (u, one
// column per length of the longest path from an exogenous construct)
// and across them (v, the constructs of one column side by side). The
// wide layout runs the columns from left to right, for print and wide
// screens; the narrow one from top to bottom, for phones. A path to the
// next column is a straight arrow; a path that skips columns arcs
// around the boxes between, on the side where it crosses the fewest
// arcs, arcs nested inside another kept inside it. Coordinates are
// whole SVG units.

// A geom is the sizes of one layout.
type geom struct {
	vertical bool   // columns run down the page
	class    string // the SVG's class
	marker   string // the id of its arrowhead
	boxU     int    // a box's extent along u (0: from its text)
	boxV     int    // across (0: from its text)
	gapU     int    // between columns (0: from the labels)
	gapV     int    // between boxes of a column
	base     int    // an arc's clearance over the boxes it passes
	step     int    // between nested arcs (0: from the labels)
}

var (
	wideGeom   = geom{class: "wide", marker: "arrow-wide", boxV: 48, gapV: 22, base: 16, step: 26}
	narrowGeom = geom{vertical: true, class: "narrow", marker: "arrow-narrow", boxU: 46, gapU: 40, gapV: 22, base: 12}
)

// Font sizes of the diagram: names, R² and coefficients.
const (
	fontName  = 12
	fontSmall = 11
)

// textWidth estimates the width of s at a font size: about half an em
// for a narrow character, an em for a wide one (Han, full-width).
func textWidth(s string, size int) int {
	w := 0
	for _, r := range s {
		switch {
		case wide(r):
			w += size * 10
		case strings.ContainsRune("mwMW", r):
			w += size * 9
		case strings.ContainsRune("iljI.,: ", r):
			w += size * 3
		default:
			w += size * 6
		}
	}
	return (w + 9) / 10
}

// wideRanges are the ranges of wide characters: Hangul Jamo, CJK and
// Yi, Hangul, compatibility ideographs and forms, full-width forms.
var wideRanges = [][2]rune{{0x1100, 0x115f}, {0x2e80, 0xa4cf}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe30, 0xfe4f}, {0xff00, 0xff60}, {0xffe0, 0xffe6}}

// wide reports whether r is a wide character.
func wide(r rune) bool {
	for _, w := range wideRanges {
		if r >= w[0] && r <= w[1] {
			return true
		}
	}
	return false
}

// diagram is a path diagram as the template draws it.
type diagram struct {
	Class, Marker, ViewBox, Label string
	Boxes                         []diagramBox
	Arrows                        []diagramArrow
}

// svgText is a text of a drawing: its place, anchor and, when it would
// not fit, the length it is squeezed to (0: as it is).
type svgText struct {
	X, Y   int
	Anchor string
	Fit    int
	Text   string
}

type diagramBox struct {
	X, Y, W, H int
	Endogenous bool
	Name       svgText
	R2         *svgText
}

type diagramArrow struct {
	D        string
	Label    svgText
	Negative bool
}

// rect is a box on the (u, v) axes.
type rect struct{ u0, v0, u1, v1 int }

func (r rect) cv() int { return (r.v0 + r.v1) / 2 }

// canvas collects a drawing's extent on the (u, v) axes and maps them
// to x and y.
type canvas struct {
	g                      geom
	minU, minV, maxU, maxV int
}

func (c *canvas) xy(u, v int) (int, int) {
	if c.g.vertical {
		return v, u
	}
	return u, v
}

// cover widens the extent to take the rectangle (u0, v0)–(u1, v1).
func (c *canvas) cover(u0, v0, u1, v1 int) {
	c.minU, c.maxU = min(c.minU, u0, u1), max(c.maxU, u0, u1)
	c.minV, c.maxV = min(c.minV, v0, v1), max(c.maxV, v0, v1)
}

// text places a label (at the small font size) at (u, v) with an
// anchor and covers its extent.
func (c *canvas) text(u, v int, anchor, s string) svgText {
	const size = fontSmall
	x, y := c.xy(u, v)
	w := textWidth(s, size)
	x0 := map[string]int{"start": x, "middle": x - w/2, "end": x - w}[anchor]
	if c.g.vertical {
		c.cover(y-size, x0, y+size/3, x0+w)
	} else {
		c.cover(x0, y-size, x0+w, y+size/3)
	}
	return svgText{X: x, Y: y, Anchor: anchor, Text: s}
}

// arc is a path that skips columns: from column a to column b, on a
// side (0: towards lower v, above or left; 1: higher v), at a rank
// (1 innermost).
type arc struct {
	path, a, b, side, rank int
	// outer says on which sides both its boxes are the outermost of
	// their columns, so that it leaves and enters them clear of the
	// boxes beside them.
	outer [2]bool
}

// crosses reports whether two arcs on one side would cross.
func (x arc) crosses(y arc) bool {
	return x.a < y.a && y.a < x.b && x.b < y.b || y.a < x.a && x.a < y.b && y.b < x.b
}

// placeArcs gives each arc a side, where its boxes are outermost and
// it crosses the fewest arcs placed before it (the shorter first), and
// a rank above the arcs nested inside it.
func placeArcs(arcs []arc) {
	for i := range arcs {
		for j := i; j > 0 && arcs[j].b-arcs[j].a < arcs[j-1].b-arcs[j-1].a; j-- {
			arcs[j], arcs[j-1] = arcs[j-1], arcs[j]
		}
	}
	for i := range arcs {
		var cross, count [2]int
		for side, ok := range arcs[i].outer {
			if !ok {
				cross[side] += 1000
			}
		}
		for _, y := range arcs[:i] {
			count[y.side]++
			if arcs[i].crosses(y) {
				cross[y.side]++
			}
		}
		if cross[1] < cross[0] || cross[1] == cross[0] && count[1] < count[0] {
			arcs[i].side = 1
		}
		arcs[i].rank = 1
		for _, y := range arcs[:i] {
			if y.side == arcs[i].side && arcs[i].a <= y.a && y.b <= arcs[i].b {
				arcs[i].rank = max(arcs[i].rank, y.rank+1)
			}
		}
	}
}

// layoutDiagram lays out the path diagram of e in a geometry.
func layoutDiagram(e *csi.Estimates, f ixFmt, cols map[string]int, g geom, label string) diagram {
	l := f.l
	names := make([]string, len(e.Constructs))
	nameW, labelW := 0, 0
	for i, c := range e.Constructs {
		names[i] = l.construct(c.Name)
		nameW = max(nameW, textWidth(names[i], fontName), textWidth("R² = "+f.unit(c.R2), fontSmall))
	}
	for _, p := range e.Paths {
		labelW = max(labelW, textWidth(f.unit(p.Coefficient), fontSmall))
	}
	if g.vertical {
		g.boxV = min(max(nameW+16, 96), 220)
		g.step = labelW + 12
	} else {
		g.boxU = min(max(nameW+14, 80), 200)
		g.gapU = max(40, labelW+10)
		if len(e.Constructs) > len(columnsUsed(cols)) {
			// Columns of more than one box: room for slanting arrows
			// and their labels side by side.
			g.gapU = 2*labelW + 24
		}
	}
	boxes := boxRects(e, cols, g)
	c := &canvas{g: g, minU: boxes[0].u0, minV: boxes[0].v0, maxU: boxes[0].u1, maxV: boxes[0].v1}
	d := diagram{Class: g.class, Marker: g.marker, Label: label}
	index := map[string]int{}
	for i, ce := range e.Constructs {
		index[ce.Name] = i
		d.Boxes = append(d.Boxes, c.box(boxes[i], names[i], ce, f))
	}
	// The arrows in the model's order of paths; the arcs are placed
	// together, the shorter first.
	d.Arrows = make([]diagramArrow, len(e.Paths))
	var arcs []arc
	for i, p := range e.Paths {
		from, to := boxes[index[p.From]], boxes[index[p.To]]
		if cols[p.To]-cols[p.From] > 1 {
			arcs = append(arcs, arc{path: i, a: cols[p.From], b: cols[p.To],
				outer: [2]bool{outermost(boxes, from, -1) && outermost(boxes, to, -1), outermost(boxes, from, 1) && outermost(boxes, to, 1)}})
			continue
		}
		d.Arrows[i] = c.straight(from, to, f.unit(p.Coefficient), p.Coefficient.IsNegative())
	}
	placeArcs(arcs)
	ports := arcPorts(e, arcs, index, boxes)
	for k, a := range arcs {
		p := e.Paths[a.path]
		d.Arrows[a.path] = c.curve(a, boxes, e, cols, ports[k], f.unit(p.Coefficient), p.Coefficient.IsNegative())
	}
	const margin = 6
	x0, y0 := c.xy(c.minU-margin, c.minV-margin)
	x1, y1 := c.xy(c.maxU+margin, c.maxV+margin)
	d.ViewBox = fmt.Sprintf("%d %d %d %d", x0, y0, x1-x0, y1-y0)
	return d
}

// columnsUsed returns the set of columns that have a construct.
func columnsUsed(cols map[string]int) map[int]bool {
	used := map[int]bool{}
	for _, c := range cols {
		used[c] = true
	}
	return used
}

// boxRects places each construct's box: its column along u, the
// constructs of a column side by side across, centred on v = 0.
func boxRects(e *csi.Estimates, cols map[string]int, g geom) []rect {
	per := map[int]int{}
	for _, c := range e.Constructs {
		per[cols[c.Name]]++
	}
	seen := map[int]int{}
	out := make([]rect, len(e.Constructs))
	for i, c := range e.Constructs {
		col := cols[c.Name]
		n, k := per[col], seen[col]
		seen[col]++
		u0 := col * (g.boxU + g.gapU)
		v0 := k*(g.boxV+g.gapV) - (n*(g.boxV+g.gapV)-g.gapV)/2
		out[i] = rect{u0, v0, u0 + g.boxU, v0 + g.boxV}
	}
	return out
}

// outermost reports whether no box of r's column lies beyond it in the
// direction dir across (−1 towards lower v, +1 higher).
func outermost(boxes []rect, r rect, dir int) bool {
	for _, b := range boxes {
		if b.u0 == r.u0 && (dir < 0 && b.v0 < r.v0 || dir > 0 && b.v0 > r.v0) {
			return false
		}
	}
	return true
}

// box draws a construct's box: its name and, endogenous, its R².
func (c *canvas) box(r rect, name string, ce csi.ConstructEstimate, f ixFmt) diagramBox {
	c.cover(r.u0, r.v0, r.u1, r.v1)
	x0, y0 := c.xy(r.u0, r.v0)
	x1, y1 := c.xy(r.u1, r.v1)
	b := diagramBox{X: x0, Y: y0, W: x1 - x0, H: y1 - y0, Endogenous: ce.Endogenous}
	cx, cy := (x0+x1)/2, (y0+y1)/2
	b.Name = svgText{X: cx, Y: cy + fontName/3, Anchor: "middle", Text: name}
	if ce.Endogenous {
		b.Name.Y = cy - 3
		b.R2 = &svgText{X: cx, Y: cy + fontSmall + 3, Anchor: "middle", Text: "R² = " + f.unit(ce.R2)}
	}
	if w := textWidth(name, fontName); w > b.W-10 {
		b.Name.Fit = b.W - 10
	}
	return b
}

// straight draws an arrow between boxes of neighbouring columns, from
// the middle of the source's side facing the target to the middle of
// the target's side facing the source, its label beside it.
func (c *canvas) straight(from, to rect, text string, negative bool) diagramArrow {
	u0, v0, u1, v1 := from.u1, from.cv(), to.u0, to.cv()
	x0, y0 := c.xy(u0, v0)
	x1, y1 := c.xy(u1, v1)
	// The label at the middle of a line across, a third of the way along
	// a slanting one: two lines that cross in the middle keep their
	// labels apart.
	mu, mv := (u0+u1)/2, v0
	if v0 != v1 {
		mu, mv = u0+(u1-u0)/3, v0+(v1-v0)/3
	}
	var t svgText
	if c.g.vertical {
		t = c.text(mu+fontSmall/3, mv+6, "start", text)
	} else {
		t = c.text(mu, mv-5, "middle", text)
	}
	return diagramArrow{D: fmt.Sprintf("M%d,%d L%d,%d", x0, y0, x1, y1), Label: t, Negative: negative}
}

// arcPorts returns where each arc leaves and enters its boxes, along
// their borders on its side: at each box the arcs coming in first, the
// shorter nearer the box's start, then those going out, the longer
// nearer the start, so that nested arcs do not cross.
func arcPorts(e *csi.Estimates, arcs []arc, index map[string]int, boxes []rect) [][2]int {
	type end struct{ k, key int }
	at := map[[2]int][]end{} // box, side → ends
	for k, a := range arcs {
		p := e.Paths[a.path]
		span := a.b - a.a
		at[[2]int{index[p.To], a.side}] = append(at[[2]int{index[p.To], a.side}], end{k, span - 1000})
		at[[2]int{index[p.From], a.side}] = append(at[[2]int{index[p.From], a.side}], end{k, 1000 - span})
	}
	out := make([][2]int, len(arcs))
	for bs, ends := range at {
		for i := range ends {
			for j := i; j > 0 && (ends[j].key < ends[j-1].key || ends[j].key == ends[j-1].key && ends[j].k < ends[j-1].k); j-- {
				ends[j], ends[j-1] = ends[j-1], ends[j]
			}
		}
		r := boxes[bs[0]]
		for i, en := range ends {
			u := r.u0 + (r.u1-r.u0)*(i+1)/(len(ends)+1)
			if en.key < 0 {
				out[en.k][1] = u
			} else {
				out[en.k][0] = u
			}
		}
	}
	return out
}

// curve draws an arc: a cubic from its port on the source box to its
// port on the target box, clear of every box of the columns it spans
// by its clearance and its rank's steps, its label at its apex.
func (c *canvas) curve(a arc, boxes []rect, e *csi.Estimates, cols map[string]int, port [2]int, text string, negative bool) diagramArrow {
	g := c.g
	p := e.Paths[a.path]
	var from, to rect
	edge := 0 // the outermost border of the boxes spanned, on the arc's side
	first := true
	for i, ce := range e.Constructs {
		if ce.Name == p.From {
			from = boxes[i]
		}
		if ce.Name == p.To {
			to = boxes[i]
		}
		if col := cols[ce.Name]; col >= a.a && col <= a.b {
			b := boxes[i].v0
			if a.side == 1 {
				b = boxes[i].v1
			}
			if first || a.side == 0 && b < edge || a.side == 1 && b > edge {
				edge, first = b, false
			}
		}
	}
	v0, v1 := from.v0, to.v0
	out := -(g.base + (a.rank-1)*g.step)
	if a.side == 1 {
		v0, v1, out = from.v1, to.v1, -out
	}
	apex := edge + out
	// A cubic with both control points at cv passes its middle at
	// (v0 + v1)/8 + 3cv/4.
	cv := (8*apex - v0 - v1) / 6
	u0, u1 := port[0], port[1]
	x0, y0 := c.xy(u0, v0)
	x1, y1 := c.xy(u0, cv)
	x2, y2 := c.xy(u1, cv)
	x3, y3 := c.xy(u1, v1)
	mu := (u0 + u1) / 2
	var t svgText
	switch {
	case g.vertical && a.side == 0:
		t = c.text(mu+fontSmall/3, apex-4, "end", text)
	case g.vertical:
		t = c.text(mu+fontSmall/3, apex+4, "start", text)
	case a.side == 0:
		t = c.text(mu, apex-4, "middle", text)
	default:
		t = c.text(mu, apex+fontSmall+2, "middle", text)
	}
	c.cover(mu, apex, mu, apex)
	return diagramArrow{D: fmt.Sprintf("M%d,%d C%d,%d %d,%d %d,%d", x0, y0, x1, y1, x2, y2, x3, y3), Label: t, Negative: negative}
}

// ipmaSec is the importance–performance map of the target construct:
// the scatter and its table.
type ipmaSec struct {
	Lead, None, XCol string
	Chart            *ipmaChart
	Rows             []ipmaRow
	Zones            []zoneStyle
}

type ipmaRow struct {
	Name, Importance, Performance string
	Zone                          zoneStyle
}

// ipmaChart is the scatter as the template draws it.
type ipmaChart struct {
	ViewBox, Label string
	Zones          []ipmaZone
	Grid           []ipmaLine
	Means          []ipmaLine
	Ticks          []svgText
	Titles         []svgText
	YTitle         svgText
	Points         []ipmaPoint
	Frame          ipmaZone
}

type ipmaZone struct {
	X, Y, W, H int
	Fill       string
	Name       svgText
	Colour     string
}

type ipmaLine struct {
	X1, Y1, X2, Y2 int
	Label          svgText
}

type ipmaPoint struct {
	D, Colour string
	Label     svgText
}

// The scatter's frame: the viewBox is 0 0 ipmaW ipmaH; the plot spans
// plotL–plotR across and plotT–plotB down.
const (
	ipmaW, ipmaH = 420, 330
	plotL, plotR = 50, 406
	plotT, plotB = 12, 276
)

// ipmaSection builds the importance–performance map's section.
func ipmaSection(e *csi.Estimates, f ixFmt) ipmaSec {
	l := f.l
	target := l.construct(e.IPMA.Target)
	s := ipmaSec{Lead: fmt.Sprintf(l.ix("ipma_lead"), target), XCol: fmt.Sprintf(l.ix("ipma_x"), target)}
	pts := e.IPMA.Points
	if len(pts) == 0 {
		s.None = fmt.Sprintf(l.ix("ipma_none"), target)
		return s
	}
	n := decimal.NewFromInt(int64(len(pts)))
	var sumI, sumP decimal.Decimal
	for _, p := range pts {
		sumI, sumP = sumI.Add(p.Importance), sumP.Add(p.Performance)
	}
	meanI, meanP := sumI.DivRound(n, csi.Places), sumP.DivRound(n, csi.Places)
	present := map[analysis.Zone]bool{}
	for _, p := range pts {
		z := ipmaZoneOf(p, meanI, meanP)
		present[z] = true
		s.Rows = append(s.Rows, ipmaRow{Name: l.construct(p.Construct), Importance: f.unit(p.Importance),
			Performance: f.index(p.Performance), Zone: l.zoneStyle(z)})
	}
	for _, z := range zones {
		if present[z] {
			s.Zones = append(s.Zones, l.zoneStyle(z))
		}
	}
	s.Chart = ipmaScatter(e, f, meanI, meanP)
	return s
}

// ipmaZoneOf is a point's zone: importance and performance high when at
// their means or above.
func ipmaZoneOf(p csi.IPMAPoint, meanI, meanP decimal.Decimal) analysis.Zone {
	hiI, hiP := p.Importance.GreaterThanOrEqual(meanI), p.Performance.GreaterThanOrEqual(meanP)
	switch {
	case hiI && !hiP:
		return analysis.ZoneFix
	case hiI:
		return analysis.ZoneStrength
	case !hiP:
		return analysis.ZoneOpportunity
	}
	return analysis.ZoneMaintain
}

// axisRange returns an axis's bounds around vs in steps of 1, 2 or 5
// times a power of ten, about four steps across, and the step; within
// 0–100 when percent.
func axisRange(vs []decimal.Decimal, percent bool) (lo, hi, step decimal.Decimal) {
	lo, hi = niceRange(vs, percent)
	raw := hi.Sub(lo).DivRound(decimal.NewFromInt(5), 12)
	p := decimal.NewFromInt(1)
	for p.LessThanOrEqual(raw) {
		p = p.Shift(1)
	}
	for p.GreaterThan(raw) {
		p = p.Shift(-1)
	}
	for _, m := range []int64{1, 2, 5, 10} {
		if step = p.Mul(decimal.NewFromInt(m)); step.GreaterThanOrEqual(raw) {
			break
		}
	}
	lo = lo.DivRound(step, 12).Floor().Mul(step)
	hi = hi.DivRound(step, 12).Ceil().Mul(step)
	return lo, hi, step
}

// scale maps v in lo–hi to a0–a1.
func scale(v, lo, hi decimal.Decimal, a0, a1 int) int {
	span := hi.Sub(lo)
	if span.IsZero() {
		return (a0 + a1) / 2
	}
	return a0 + int(v.Sub(lo).Mul(decimal.NewFromInt(int64(a1-a0))).DivRound(span, 0).IntPart())
}

// ipmaScatter draws the map: the four zones shaded and named, the grid
// and its ticks, the dashed means, each point in its zone's colour and
// symbol with its name beside it.
func ipmaScatter(e *csi.Estimates, f ixFmt, meanI, meanP decimal.Decimal) *ipmaChart {
	l := f.l
	target := l.construct(e.IPMA.Target)
	is, ps := []decimal.Decimal{meanI}, []decimal.Decimal{meanP}
	for _, p := range e.IPMA.Points {
		is, ps = append(is, p.Importance), append(ps, p.Performance)
	}
	xlo, xhi, xstep := axisRange(is, false)
	ylo, yhi, ystep := axisRange(ps, true)
	x := func(v decimal.Decimal) int { return scale(v, xlo, xhi, plotL, plotR) }
	y := func(v decimal.Decimal) int { return scale(v, ylo, yhi, plotB, plotT) }
	c := &ipmaChart{ViewBox: fmt.Sprintf("0 0 %d %d", ipmaW, ipmaH), Label: fmt.Sprintf(l.ix("aria_ipma"), target),
		Frame: ipmaZone{X: plotL, Y: plotT, W: plotR - plotL, H: plotB - plotT}}
	mx, my := x(meanI), y(meanP)
	for _, z := range []struct {
		zone                   analysis.Zone
		x0, y0, x1, y1, tx, ty int
		anchor                 string
	}{
		{analysis.ZoneMaintain, plotL, plotT, mx, my, plotL + 6, plotT + 14, "start"},
		{analysis.ZoneStrength, mx, plotT, plotR, my, plotR - 6, plotT + 14, "end"},
		{analysis.ZoneOpportunity, plotL, my, mx, plotB, plotL + 6, plotB - 6, "start"},
		{analysis.ZoneFix, mx, my, plotR, plotB, plotR - 6, plotB - 6, "end"},
	} {
		zs := l.zoneStyle(z.zone)
		c.Zones = append(c.Zones, ipmaZone{X: z.x0, Y: z.y0, W: z.x1 - z.x0, H: z.y1 - z.y0, Fill: zs.Shade, Colour: zs.Colour,
			Name: svgText{X: z.tx, Y: z.ty, Anchor: z.anchor, Text: zs.Mark + " " + zs.Name}})
	}
	for v := xlo; v.LessThanOrEqual(xhi); v = v.Add(xstep) {
		c.Grid = append(c.Grid, ipmaLine{X1: x(v), Y1: plotT, X2: x(v), Y2: plotB,
			Label: svgText{X: x(v), Y: plotB + 15, Anchor: "middle", Text: strings.Replace(v.String(), "-", "−", 1)}})
	}
	for v := ylo; v.LessThanOrEqual(yhi); v = v.Add(ystep) {
		c.Grid = append(c.Grid, ipmaLine{X1: plotL, Y1: y(v), X2: plotR, Y2: y(v),
			Label: svgText{X: plotL - 6, Y: y(v) + 4, Anchor: "end", Text: strings.Replace(v.String(), "-", "−", 1)}})
	}
	c.Means = []ipmaLine{
		{X1: mx, Y1: plotT, X2: mx, Y2: plotB, Label: svgText{X: mx + 4, Y: plotT + 30, Anchor: "start", Text: fmt.Sprintf(l.ix("mean_line"), f.unit(meanI))}},
		{X1: plotL, Y1: my, X2: plotR, Y2: my, Label: svgText{X: plotL + 6, Y: my - 5, Anchor: "start", Text: fmt.Sprintf(l.ix("mean_line"), f.index(meanP))}},
	}
	c.Titles = []svgText{{X: (plotL + plotR) / 2, Y: ipmaH - 14, Anchor: "middle", Text: fmt.Sprintf(l.ix("ipma_x"), target)}}
	c.YTitle = svgText{X: 14, Y: (plotT + plotB) / 2, Anchor: "middle", Text: l.ix("ipma_y")}
	c.Points = ipmaPoints(e, l, x, y, meanI, meanP)
	return c
}

// ipmaPoints draws the points: each in its zone's symbol and colour,
// its name to its right (to its left near the right edge), names that
// would overlap pushed apart downwards.
func ipmaPoints(e *csi.Estimates, l lang, x, y func(decimal.Decimal) int, meanI, meanP decimal.Decimal) []ipmaPoint {
	type placed struct{ x0, y0, x1, y1 int }
	var taken []placed
	out := make([]ipmaPoint, len(e.IPMA.Points))
	order := make([]int, len(e.IPMA.Points))
	for i := range order {
		order[i] = i
		for j := i; j > 0 && y(e.IPMA.Points[order[j]].Performance) < y(e.IPMA.Points[order[j-1]].Performance); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for _, i := range order {
		p := e.IPMA.Points[i]
		px, py := x(p.Importance), y(p.Performance)
		zs := l.zoneStyle(ipmaZoneOf(p, meanI, meanP))
		name := l.construct(p.Construct)
		w := textWidth(name, fontSmall)
		t := svgText{X: px + 8, Y: py + 4, Anchor: "start", Text: name}
		r := placed{px + 8, py - 8, px + 8 + w, py + 5}
		if r.x1 > plotR {
			t.X, t.Anchor = px-8, "end"
			r.x0, r.x1 = px-8-w, px-8
		}
		for moved := 0; moved < len(taken)+1; moved++ {
			hit := false
			for _, o := range taken {
				if r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1 {
					d := o.y1 - r.y0 + 1
					r.y0, r.y1, t.Y, hit = r.y0+d, r.y1+d, t.Y+d, true
				}
			}
			if !hit {
				break
			}
		}
		taken = append(taken, r)
		out[i] = ipmaPoint{D: symbol(zs.Symbol, px, py), Colour: zs.Colour, Label: t}
	}
	return out
}

// symbol is the path of a zone's symbol centred at (x, y).
func symbol(kind string, x, y int) string {
	switch kind {
	case "triangle":
		return fmt.Sprintf("M%d,%d L%d,%d L%d,%d Z", x, y-7, x+6, y+4, x-6, y+4)
	case "diamond":
		return fmt.Sprintf("M%d,%d L%d,%d L%d,%d L%d,%d Z", x, y-7, x+6, y, x, y+7, x-6, y)
	case "rect":
		return fmt.Sprintf("M%d,%d h10 v10 h-10 Z", x-5, y-5)
	}
	return fmt.Sprintf("M%d,%d a5,5 0 1,0 10,0 a5,5 0 1,0 -10,0 Z", x-5, y)
}
