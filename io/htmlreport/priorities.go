package htmlreport

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/importance"
	"github.com/shopspring/decimal"
)

// This file renders what to fix first (issue 20): the items' importance
// ([analysis.Report].Importance) as a key-driver bar chart and table,
// their importance–performance quadrant (Quadrant, 四分图) as a scatter
// with its cut lines and zones and the fix-first list, and the survey's
// figures against the benchmarks (Benchmarks). Every use of those fields
// is here; the churn section is in churn.go.

// methodName names an importance method ([importance.Set].Method); a
// user's own method keeps its name.
func (l lang) methodName(m string) string { return l.named("method_", m, m) }

// importanceCol is the head of the importance values' column.
func (l lang) importanceCol(m string) string { return l.named("imp_", m, l.t("importance")) }

// importanceBasis words what an importance set rests on: the method,
// what it explains, the forms and the deletion.
func (l lang) importanceBasis(set *importance.Set) string {
	parts := []string{l.t("method") + l.t("colon") + l.methodName(set.Method)}
	switch set.Target {
	case "overall":
		parts = append(parts, l.t("target_overall"))
	case "item_rest":
		parts = append(parts, l.t("target_item_rest"))
	}
	switch {
	case set.Deletion == "listwise":
		parts = append(parts, fmt.Sprintf(l.t("basis_listwise"), set.Forms))
	case set.Deletion == "pairwise":
		parts = append(parts, fmt.Sprintf(l.t("basis_pairwise"), set.Forms))
	case set.Method == "stated":
		parts = append(parts, fmt.Sprintf(l.t("basis_stated"), set.Forms))
	case set.Forms > 0:
		parts = append(parts, fmt.Sprintf(l.t("basis_forms"), set.Forms))
	}
	return strings.Join(parts, l.pick("，", ", ")) + l.pick("。", ".")
}

// r2Text prints R² as a number to 3 places (R² = 0.690, R² = 0.683):
// the share of the overall question's variance the items explain; its
// derivation tells whether it is rounded.
func r2Text(r csat.Result) string {
	return "R² = " + r.Round(3).StringFixed(3)
}

// importanceSec is 重要度: the items' importance by one method, as a bar
// chart and a table.
type importanceSec struct {
	head
	Chart       chartSpec
	Basis       string // the method, the target, the forms and the deletion
	R2          string // the R² sentence, "" without R²
	ValueCol    string
	HasInterval bool
	Level       string
	Rows        []importanceRow
}

type importanceRow struct {
	Rank, Item string
	Value      cell
}

func (b *builder) importance() {
	f := b.f
	l, set := b.l, b.r.Importance
	if set == nil || len(set.Items) == 0 {
		return
	}
	s := &importanceSec{head: b.head("importance", l.t("sec_importance"), l.t("importance_lead")),
		Basis: l.importanceBasis(set), ValueCol: l.importanceCol(set.Method)}
	if set.R2 != nil {
		switch set.Method {
		case "shapley":
			s.R2 = fmt.Sprintf(l.t("r2_decomposed"), r2Text(*set.R2))
		case "relative_weights":
			s.R2 = fmt.Sprintf(l.t("r2_weights"), r2Text(*set.R2))
		default:
			s.R2 = fmt.Sprintf(l.t("r2_model"), r2Text(*set.R2))
		}
		s.Derivs = append(s.Derivs, deriv{"R²", f.explain(*set.R2)})
	}
	names := make([]string, 0, len(set.Items))
	data := make(arr, 0, len(set.Items))
	fraction := true
	for _, it := range set.Items {
		c := f.cell(it.Value)
		s.Derivs = append(s.Derivs, deriv{it.Item, f.explain(it.Value)})
		if it.Interval != nil {
			c.Interval = f.interval(it.Interval)
			s.HasInterval = true
			if s.Level == "" {
				s.Level = levelLabel(it.Interval)
			}
			s.Derivs = append(s.Derivs, deriv{it.Item + " · " + levelLabel(it.Interval) + " " + l.t("interval_of"), l.intervalExplain(it.Interval)})
		}
		s.Rows = append(s.Rows, importanceRow{Rank: fmt.Sprint(it.Rank), Item: it.Item, Value: c})
		names = append(names, it.Item)
		data = append(data, f.chartNum(it.Value))
		fraction = fraction && it.Value.Kind() == csat.Fraction
	}
	label := "{c}"
	axisLabel := obj{"color": colMuted}
	if fraction {
		label = "{c}%"
		axisLabel["formatter"] = "{value}%"
	}
	s.Chart = b.chart("importance", "importance", fmt.Sprintf(l.t("aria_importance"), l.methodName(set.Method)), 40+30*len(names), obj{
		"grid":    obj{"left": 8, "right": 56, "top": 8, "bottom": 8, "containLabel": true},
		"xAxis":   valueAxis(obj{"axisLabel": axisLabel}),
		"yAxis":   categoryAxis(names, obj{"inverse": true, "axisLabel": obj{"color": colInk, "width": 140, "overflow": "truncate"}}),
		"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
		"series": arr{obj{"name": s.ValueCol, "type": "bar", "data": data, "barWidth": "56%", "itemStyle": obj{"color": colUs},
			"label": obj{"show": true, "position": "right", "formatter": label, "color": colInk, "fontSize": 11}}},
	})
	b.p.Importance = s
}

// A zoneStyle is how the page shows a zone: its word, its mark (which
// does not rely on colour), its chart symbol, its colour and its pale
// shade, and its class in the tables.
type zoneStyle struct {
	Name, Note, Mark, Symbol, Colour, Shade, Class string
}

// zoneStyle returns the style of a zone.
func (l lang) zoneStyle(z analysis.Zone) zoneStyle {
	switch z {
	case analysis.ZoneFix:
		return zoneStyle{l.t("zone_fix"), l.t("zone_fix_note"), "▲", "triangle", colTarget, "#fbe3e0", "zone-fix"}
	case analysis.ZoneStrength:
		return zoneStyle{l.t("zone_strength"), l.t("zone_strength_note"), "●", "circle", "#1e7b4a", "#e2f3e9", "zone-strength"}
	case analysis.ZoneOpportunity:
		return zoneStyle{l.t("zone_opportunity"), l.t("zone_opp_note"), "◆", "diamond", "#8a5a00", "#fff4d6", "zone-opportunity"}
	case analysis.ZoneMaintain:
		return zoneStyle{l.t("zone_maintain"), l.t("zone_maint_note"), "■", "rect", colDegree, "#e8eff7", "zone-maintain"}
	}
	return zoneStyle{Name: z.String(), Mark: "·", Symbol: "circle", Colour: colMuted, Shade: colGrid}
}

// zones are the zones in the order of the legend and the notes.
var zones = []analysis.Zone{analysis.ZoneFix, analysis.ZoneStrength, analysis.ZoneOpportunity, analysis.ZoneMaintain}

// cutRule names a cut line's rule.
func (l lang) cutRule(c analysis.CutRule) string { return l.named("cut_", c.String(), c.String()) }

// gapCell is a gap's cell signed, in percentage points for fractions
// (the unit given by the column head).
func (f fmtr) gapCell(r csat.Result) cell {
	return cell{Value: f.signedNum(r), Title: f.explain(r)}
}

// gapWithUnit prints a gap with its unit: 18.3 个百分点 for fractions
// (no plus sign: the sentence says which way), at the places otherwise.
func (f fmtr) gapWithUnit(r csat.Result, short bool) string {
	if r.Kind() != csat.Fraction {
		return f.num(r)
	}
	s := strings.Replace(f.signedNum(r), "+", "", 1)
	if short {
		return s + f.l.t("pp_short")
	}
	return s + f.l.t("pp")
}

// quadrantSec is 四分图: the items by importance and performance, in four
// zones, with the items to fix first.
type quadrantSec struct {
	head
	Chart     chartSpec
	Fix       []fixRow
	Cuts      []string
	Numbered  bool // the chart labels items by number
	ImpCol    string
	PerfCol   string
	GapCol    string
	Rows      []quadrantRow
	ZoneNotes []zoneStyle
}

type fixRow struct {
	Item, Gap string
	NoAction  bool
}

type quadrantRow struct {
	No, Item                string
	Importance, Performance cell
	Zone                    zoneStyle
	Gap                     cell
}

// maxNamedPoints is how many items the quadrant labels by name; more are
// labelled by their number in the table.
const maxNamedPoints = 12

func (b *builder) quadrant() {
	f := b.f
	l, q := b.l, b.r.Quadrant
	if q == nil || len(q.Items) == 0 {
		return
	}
	// The items in the report's order ([Options.Order]), in the table and
	// the chart alike; the fix-first list keeps its own order.
	sorted := *q
	sorted.Items = slices.Clone(q.Items)
	sortBy(b, sorted.Items, func(it analysis.QuadrantItem) string { return it.Item })
	q = &sorted
	method := l.methodName(q.Method)
	perfName := l.shortFigure("degree")
	if p := q.Items[0].Performance.Label(); !strings.HasPrefix(p, "degree") {
		perfName = l.shortFigure(p)
	}
	s := &quadrantSec{head: b.head("quadrant", l.t("sec_quadrant"), fmt.Sprintf(l.t("quadrant_lead"), method, perfName)),
		Numbered: len(q.Items) > maxNamedPoints, ImpCol: l.t("importance") + l.pick("（", " (") + method + l.pick("）", ")"),
		PerfCol: l.t("performance") + l.pick("（", " (") + perfName + l.pick("）", ")"), GapCol: l.t("gap")}
	if q.Items[0].Gap.Kind() == csat.Fraction {
		s.GapCol = l.t("gap_pp")
	}
	for _, c := range []struct {
		name string
		cut  analysis.Cut
	}{{l.t("cut_importance"), q.Importance}, {l.t("cut_performance"), q.Performance}} {
		s.Cuts = append(s.Cuts, c.name+l.t("colon")+l.cutRule(c.cut.Rule)+" "+f.num(c.cut.Value))
		s.Derivs = append(s.Derivs, deriv{c.name, f.explain(c.cut.Value)})
	}
	gaps := map[string]csat.Result{}
	present := map[analysis.Zone]bool{}
	for i, it := range q.Items {
		zs := l.zoneStyle(it.Zone)
		present[it.Zone] = true
		gaps[it.Item] = it.Gap
		s.Rows = append(s.Rows, quadrantRow{No: fmt.Sprint(i + 1), Item: it.Item, Importance: f.cell(it.Importance),
			Performance: f.cell(it.Performance), Zone: zs, Gap: f.gapCell(it.Gap)})
		s.Derivs = append(s.Derivs, deriv{it.Item + " · " + l.t("gap"), f.explain(it.Gap)})
	}
	for _, z := range zones {
		if present[z] {
			s.ZoneNotes = append(s.ZoneNotes, l.zoneStyle(z))
		}
	}
	for _, item := range q.FixFirst {
		fr := fixRow{Item: item, NoAction: !slices.ContainsFunc(b.r.Actions, func(a analysis.Action) bool {
			return a.Item == item && a.Kind == analysis.Corrective
		})}
		if g, ok := gaps[item]; ok {
			fr.Gap = fmt.Sprintf(l.t("fix_gap"), f.gapWithUnit(g, false))
		}
		s.Fix = append(s.Fix, fr)
	}
	s.Chart = b.quadrantChart(q, s.Numbered)
	b.p.Quadrant = s
}

// chartValue is a result in the chart's units: a fraction in percent,
// points as they are.
func chartValue(r csat.Result) decimal.Decimal {
	if r.Kind() == csat.Fraction {
		return r.Value().Shift(2)
	}
	return r.Value()
}

// chartNum prints a value in the chart's units, 2 places.
func chartNum(d decimal.Decimal) numStr { return numStr(d.Round(2).String()) }

// niceRange returns an axis's bounds around vs (at least one value), in
// steps of 1, 2 or 5 times a power of ten, about four steps across, with
// a margin of at least a quarter step on each side; inside [0, 100] when
// percent. Display only: the zones are decided by the report.
func niceRange(vs []decimal.Decimal, percent bool) (lo, hi decimal.Decimal) {
	least, most := vs[0], vs[0]
	for _, v := range vs[1:] {
		least, most = decimal.Min(least, v), decimal.Max(most, v)
	}
	span := most.Sub(least)
	if span.IsZero() {
		span = decimal.Max(most.Abs(), decimal.NewFromInt(1)).Shift(-1)
	}
	raw := span.DivRound(decimal.NewFromInt(4), 12)
	p := decimal.NewFromInt(1)
	for p.LessThanOrEqual(raw) {
		p = p.Shift(1)
	}
	for p.GreaterThan(raw) {
		p = p.Shift(-1)
	}
	step := p
	for _, m := range []int64{1, 2, 5, 10} {
		if step = p.Mul(decimal.NewFromInt(m)); step.GreaterThanOrEqual(raw) {
			break
		}
	}
	quarter := step.DivRound(decimal.NewFromInt(4), 12)
	lo = least.DivRound(step, 12).Floor().Mul(step)
	if least.Sub(lo).LessThan(quarter) {
		lo = lo.Sub(step)
	}
	hi = most.DivRound(step, 12).Ceil().Mul(step)
	if hi.Sub(most).LessThan(quarter) {
		hi = hi.Add(step)
	}
	if percent {
		lo, hi = decimal.Max(lo, decimal.Zero), decimal.Min(hi, decimal.NewFromInt(100))
	}
	return lo, hi
}

// quadrantChart returns the scatter of the quadrant: a series per zone
// (its own colour and symbol, so the zone does not rest on colour), the
// four zones shaded and named, the two cut lines drawn and labelled with
// their rule and value, each item labelled by name (labels pushed apart
// where they would overlap) or, when many, by its number.
func (b *builder) quadrantChart(q *analysis.QuadrantReport, numbered bool) chartSpec {
	l := b.l
	xs := []decimal.Decimal{chartValue(q.Performance.Value)}
	ys := []decimal.Decimal{chartValue(q.Importance.Value)}
	for _, it := range q.Items {
		xs = append(xs, chartValue(it.Performance))
		ys = append(ys, chartValue(it.Importance))
	}
	xPct, yPct := q.Performance.Value.Kind() == csat.Fraction, q.Importance.Value.Kind() == csat.Fraction
	xLo, xHi := niceRange(xs, xPct)
	yLo, yHi := niceRange(ys, yPct)
	cx, cy := chartNum(chartValue(q.Performance.Value)), chartNum(chartValue(q.Importance.Value))
	areas := l.zoneAreas(chartNum(xLo), chartNum(xHi), chartNum(yLo), chartNum(yHi), cx, cy)
	cutLabel := func(c analysis.Cut, pos string) obj {
		return obj{"formatter": l.cutRule(c.Rule) + " " + b.f.num(c.Value), "position": pos, "color": colMuted, "fontSize": 10}
	}
	var series arr
	var legendNames []string
	for _, z := range zones {
		zs := l.zoneStyle(z)
		var data arr
		for i, it := range q.Items {
			if it.Zone != z {
				continue
			}
			p := obj{"name": it.Item, "value": arr{chartNum(chartValue(it.Performance)), chartNum(chartValue(it.Importance))}}
			if numbered {
				p["label"] = obj{"formatter": fmt.Sprint(i + 1)}
			}
			data = append(data, p)
		}
		if len(data) == 0 {
			continue
		}
		legendNames = append(legendNames, zs.Name)
		o := obj{"name": zs.Name, "type": "scatter", "data": data, "symbol": zs.Symbol, "symbolSize": 11,
			"itemStyle":   obj{"color": zs.Colour, "borderColor": "#ffffff", "borderWidth": 1},
			"label":       obj{"show": true, "position": "right", "formatter": "{b}", "color": colInk, "fontSize": 11, "width": 96, "overflow": "truncate"},
			"labelLayout": obj{"moveOverlap": "shiftY"},
			"labelLine":   obj{"show": true, "lineStyle": obj{"color": colMuted, "width": 0.8}},
			"emphasis":    obj{"disabled": true}}
		if len(series) == 0 {
			o["markArea"] = obj{"silent": true, "data": areas}
			o["markLine"] = obj{"silent": true, "symbol": "none", "lineStyle": obj{"color": colLine, "type": "dashed", "width": 1.2},
				"data": arr{obj{"xAxis": cx, "label": cutLabel(q.Performance, "end")}, obj{"yAxis": cy, "label": cutLabel(q.Importance, "insideEndTop")}}}
		}
		series = append(series, o)
	}
	lg := legend(legendNames...)
	lg["selectedMode"] = false
	xFmt, yFmt := "{value}", "{value}"
	if xPct {
		xFmt = "{value}%"
	}
	if yPct {
		yFmt = "{value}%"
	}
	return b.chart("quadrant", "quadrant", l.t("aria_quadrant"), 420, obj{
		"legend": lg,
		"grid":   obj{"left": 12, "right": 28, "top": 58, "bottom": 30, "containLabel": true},
		"xAxis": valueAxis(obj{"min": chartNum(xLo), "max": chartNum(xHi), "name": l.t("performance"), "nameLocation": "middle", "nameGap": 24,
			"axisLabel": obj{"formatter": xFmt, "color": colMuted}}),
		"yAxis": valueAxis(obj{"min": chartNum(yLo), "max": chartNum(yHi), "name": l.t("importance"), "nameLocation": "end", "nameGap": 12,
			"nameTextStyle": obj{"color": colMuted, "align": "left"}, "axisLabel": obj{"formatter": yFmt, "color": colMuted}}),
		"tooltip": obj{"trigger": "item"},
		"series":  series,
	})
}

// zoneAreas returns the four zones as the chart shades them, each named
// in its outer corner: performance across from xLo to xHi, importance
// up from yLo to yHi, cut at cx and cy.
func (l lang) zoneAreas(xLo, xHi, yLo, yHi, cx, cy numStr) arr {
	corner := map[analysis.Zone][2]obj{
		analysis.ZoneFix:         {obj{"xAxis": xLo, "yAxis": cy}, obj{"xAxis": cx, "yAxis": yHi}},
		analysis.ZoneStrength:    {obj{"xAxis": cx, "yAxis": cy}, obj{"xAxis": xHi, "yAxis": yHi}},
		analysis.ZoneOpportunity: {obj{"xAxis": xLo, "yAxis": yLo}, obj{"xAxis": cx, "yAxis": cy}},
		analysis.ZoneMaintain:    {obj{"xAxis": cx, "yAxis": yLo}, obj{"xAxis": xHi, "yAxis": cy}},
	}
	position := map[analysis.Zone]string{analysis.ZoneFix: "insideTopLeft", analysis.ZoneStrength: "insideTopRight",
		analysis.ZoneOpportunity: "insideBottomLeft", analysis.ZoneMaintain: "insideBottomRight"}
	var areas arr
	for _, z := range zones {
		zs := l.zoneStyle(z)
		c := corner[z]
		first := obj{"name": zs.Name, "itemStyle": obj{"color": zs.Shade, "opacity": 0.6},
			"label": obj{"position": position[z], "color": zs.Colour, "fontWeight": "bold", "fontSize": 11}}
		for k, v := range c[0] {
			first[k] = v
		}
		areas = append(areas, arr{first, c[1]})
	}
	return areas
}

// benchSec is 标杆对比: the survey's figures against the benchmarks, a
// group of rows per figure and item.
type benchSec struct {
	head
	Chart  *chartSpec
	GapCol string
	Groups []benchGroup
}

type benchGroup struct {
	Name string
	Ours cell
	Rows []benchRow
}

type benchRow struct {
	Kind        string
	Theirs, Gap cell
	Standing    string
	Mark, Class string
}

// benchmarkKind names whom a benchmark is of.
func (l lang) benchmarkKind(k analysis.BenchmarkKind) string {
	return l.named("", k.String(), k.String())
}

// standing names where we stand, with a mark and a class.
func (l lang) standing(s analysis.Standing) (name, mark, class string) {
	switch s {
	case analysis.Above:
		return l.t("above"), "▲", "good"
	case analysis.Level:
		return l.t("level"), "=", ""
	case analysis.Below:
		return l.t("below"), "▼", "bad"
	}
	return s.String(), "", ""
}

// benchSymbols are the dot chart's symbols: ours, then each kind.
var benchSymbols = map[analysis.BenchmarkKind][2]string{
	analysis.IndustryAverage: {"diamond", "#7d8796"},
	analysis.IndustryLeader:  {"triangle", "#c27c0e"},
	analysis.WorldLeader:     {"rect", colTarget},
}

func (b *builder) benchmarks() {
	f := b.f
	l, gs := b.l, slices.Clone(b.r.Benchmarks)
	if len(gs) == 0 {
		return
	}
	// By figure in the report's order, then by item ([Options.Order]).
	figs := map[string]int{}
	for _, g := range gs {
		if _, ok := figs[g.Figure]; !ok {
			figs[g.Figure] = len(figs)
		}
	}
	slices.SortStableFunc(gs, func(x, y analysis.BenchmarkGap) int {
		return cmp.Or(cmp.Compare(figs[x.Figure], figs[y.Figure]), cmp.Compare(b.rank(x.Item), b.rank(y.Item)))
	})
	s := &benchSec{head: b.head("benchmarks", l.t("sec_benchmarks"), l.t("benchmarks_lead")), GapCol: l.t("gap")}
	fractions := true
	for _, g := range gs {
		fractions = fractions && g.Gap.Kind() == csat.Fraction
	}
	if fractions {
		s.GapCol = l.t("gap_pp")
	}
	for _, g := range gs {
		name := l.figureName(g.Figure) + " · " + l.item(g.Item)
		if len(s.Groups) == 0 || s.Groups[len(s.Groups)-1].Name != name {
			s.Groups = append(s.Groups, benchGroup{Name: name, Ours: f.cell(g.Ours)})
			s.Derivs = append(s.Derivs, deriv{name + " · " + l.t("us"), f.explain(g.Ours)})
		}
		st, mark, class := l.standing(g.Standing)
		gap := f.gapCell(g.Gap)
		if !fractions && g.Gap.Kind() == csat.Fraction {
			gap.Value += l.t("pp_short")
		}
		grp := &s.Groups[len(s.Groups)-1]
		grp.Rows = append(grp.Rows, benchRow{Kind: l.benchmarkKind(g.Kind), Theirs: f.cell(g.Theirs), Gap: gap, Standing: st, Mark: mark, Class: class})
		s.Derivs = append(s.Derivs, deriv{name + " · " + l.benchmarkKind(g.Kind) + " · " + l.t("gap"), f.explain(g.Gap)})
	}
	s.Chart = b.benchChart(gs)
	b.p.Benchmarks = s
}

// benchChart returns the dot chart of the benchmarks of fraction figures:
// a row per figure and item, our figure and each benchmark a symbol of
// its own (nil when no figure is a fraction).
func (b *builder) benchChart(gs []analysis.BenchmarkGap) *chartSpec {
	f := b.f
	l := b.l
	var names []string
	ours := map[string]numStr{}
	theirs := map[analysis.BenchmarkKind]map[string]numStr{}
	var vs []decimal.Decimal
	for _, g := range gs {
		if g.Ours.Kind() != csat.Fraction || g.Theirs.Kind() != csat.Fraction {
			continue
		}
		name := l.shortFigure(g.Figure) + " · " + l.item(g.Item)
		if !slices.Contains(names, name) {
			names = append(names, name)
			ours[name] = f.chartNum(g.Ours)
			vs = append(vs, chartValue(g.Ours))
		}
		if theirs[g.Kind] == nil {
			theirs[g.Kind] = map[string]numStr{}
		}
		theirs[g.Kind][name] = f.chartNum(g.Theirs)
		vs = append(vs, chartValue(g.Theirs))
	}
	if len(names) == 0 {
		return nil
	}
	column := func(m map[string]numStr) arr {
		data := make(arr, len(names))
		for i, n := range names {
			if v, ok := m[n]; ok {
				data[i] = v
			} else {
				data[i] = "-"
			}
		}
		return data
	}
	series := arr{obj{"name": l.t("us"), "type": "scatter", "data": column(ours), "symbol": "circle", "symbolSize": 13, "z": 3,
		"itemStyle": obj{"color": colUs, "borderColor": "#ffffff", "borderWidth": 1},
		"label":     obj{"show": true, "position": "top", "formatter": "{c}%", "color": colUs, "fontWeight": "bold", "fontSize": 10}}}
	legendNames := []string{l.t("us")}
	for _, k := range []analysis.BenchmarkKind{analysis.IndustryAverage, analysis.IndustryLeader, analysis.WorldLeader} {
		m, ok := theirs[k]
		if !ok {
			continue
		}
		sym := benchSymbols[k]
		legendNames = append(legendNames, l.benchmarkKind(k))
		series = append(series, obj{"name": l.benchmarkKind(k), "type": "scatter", "data": column(m), "symbol": sym[0], "symbolSize": 11,
			"z": 4, "itemStyle": obj{"color": sym[1], "borderColor": "#ffffff", "borderWidth": 1}})
	}
	lo, hi := niceRange(vs, true)
	lg := legend(legendNames...)
	lg["selectedMode"] = false
	c := b.chart("benchmarks", "benchmarks", l.t("aria_benchmarks"), 70+40*len(names), obj{
		"legend":  lg,
		"grid":    obj{"left": 8, "right": 24, "top": 34, "bottom": 8, "containLabel": true},
		"xAxis":   valueAxis(obj{"min": chartNum(lo), "max": chartNum(hi), "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
		"yAxis":   categoryAxis(names, obj{"inverse": true, "splitLine": obj{"show": true, "lineStyle": obj{"color": colGrid, "type": "dotted"}}}),
		"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
		"series":  series,
	})
	return &c
}
