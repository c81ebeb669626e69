package htmlreport

import (
	"fmt"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// compose joins a qualifier and a figure's name: 整体满意度, "Overall
// degree".
func (l lang) compose(qualifier, name string) string {
	if l == langZH {
		return qualifier + name
	}
	return qualifier + " " + strings.ToLower(name)
}

// targetFor returns the target of headline figure i (the index into
// each [analysis.ItemFigures].Figures) compared against the blend
// ([analysis.AgainstOverall]) or the survey ([analysis.AgainstSurvey]),
// if any.
func targetFor(r analysis.Report, against analysis.Against, i int) *analysis.TargetFigure {
	for k := range r.Targets {
		if t := &r.Targets[k]; t.Figure == i && t.Against == against {
			return t
		}
	}
	return nil
}

// targetLabel returns the label of the headline figure a target is for:
// the survey's figure of its index, else (an index the report has no
// figure for) the label of the target's current figure.
func targetLabel(r analysis.Report, t analysis.TargetFigure) string {
	if sv := surveyFigures(r); sv != nil && t.Figure >= 0 && t.Figure < len(sv.Overall.Figures) {
		return sv.Overall.Figures[t.Figure].Score.Label()
	}
	return t.Current.Label()
}

// metChip returns a target's verdict as a chip.
func (f fmtr) metChip(t *analysis.TargetFigure) (string, string) {
	l := f.l
	if t.Met {
		return l.t("target") + " " + f.num(t.Target.Target) + " ✓ " + l.t("met_yes"), "good"
	}
	return l.t("target") + " " + f.num(t.Target.Target) + " ✗ " + l.t("met_no"), "bad"
}

// cards sets the headline cards: the blended overall figures when the
// report has them, then the survey's, with intervals and targets.
func (b *builder) cards() {
	f := b.f
	l, sv := b.l, surveyFigures(b.r)
	k := min(2, len(sv.Overall.Figures))
	for i := range min(k, len(b.r.Overall)) {
		o := overallResult(b.r.Overall[i])
		c := card{Label: l.compose(l.t("overall"), l.shortFigure(o.Label())), Value: f.num(o), Title: f.explain(o), Accent: true}
		var parts []string
		for _, pt := range o.Parts() {
			src, _, _ := strings.Cut(pt.Label(), ":")
			parts = append(parts, l.source(src)+" "+f.num(pt))
		}
		c.Sub = strings.Join(parts, " · ")
		if t := targetFor(b.r, analysis.AgainstOverall, i); t != nil {
			c.Chip, c.ChipClass = f.metChip(t)
		}
		b.p.Cards = append(b.p.Cards, c)
	}
	for i := range k {
		fg := sv.Overall.Figures[i]
		c := card{Label: l.compose(l.t("survey"), l.shortFigure(fg.Score.Label())), Value: f.num(fg.Score), Title: f.explain(fg.Score)}
		if fg.Interval != nil {
			// The interval wraps as a whole: a no-break space after its comma.
			c.Sub = levelLabel(fg.Interval) + " " + l.t("ci_short") + " " + strings.ReplaceAll(f.interval(fg.Interval), ", ", ",\u00a0")
		}
		if t := targetFor(b.r, analysis.AgainstSurvey, i); t != nil {
			c.Chip, c.ChipClass = f.metChip(t)
		}
		b.p.Cards = append(b.p.Cards, c)
	}
}

// overallSec is 整体满意度: the survey's overall figures with their
// intervals, the self-assessment's, and their blend.
type overallSec struct {
	head
	HasSelf, HasBlend bool
	Level             string
	Rows              []overallRow
}

type overallRow struct {
	Name                  string
	Survey, Self, Overall cell
	Formula               string
}

func (b *builder) overall() {
	f, l, sv := b.f, b.l, surveyFigures(b.r)
	s := &overallSec{head: b.head("overall", b.l.t("sec_overall"), ""), HasBlend: len(b.r.Overall) > 0}
	if s.HasBlend {
		s.Lead = l.t("overall_lead")
	}
	self := sourceFigures(b.r, csat.SourceSelf)
	s.HasSelf = self != nil
	for i, fg := range sv.Overall.Figures {
		name := l.figureName(fg.Score.Label())
		row := overallRow{Name: name, Survey: f.figure(fg)}
		if s.Level == "" {
			s.Level = levelLabel(fg.Interval)
		}
		s.Derivs = append(s.Derivs, f.figureDerivs(l.t("survey")+" · "+name, fg)...)
		if self != nil && i < len(self.Overall.Figures) {
			row.Self = f.figure(self.Overall.Figures[i])
			s.Derivs = append(s.Derivs, f.figureDerivs(l.t("self")+" · "+name, self.Overall.Figures[i])...)
		}
		if i < len(b.r.Overall) {
			o := overallResult(b.r.Overall[i])
			row.Overall, row.Formula = f.cell(o), l.formulaIn(o)
			s.Derivs = append(s.Derivs, deriv{l.compose(l.t("overall"), l.shortFigure(o.Label())), f.derivation(o)})
		}
		s.Rows = append(s.Rows, row)
	}
	b.p.Overall = s
}

// figureDerivs returns the derivations of a figure and its interval.
func (f fmtr) figureDerivs(label string, fg analysis.Figure) []deriv {
	d := []deriv{{label, f.explain(fg.Score)}}
	if fg.Interval != nil {
		d = append(d, deriv{label + " · " + levelLabel(fg.Interval) + " " + f.l.t("interval_of"), f.l.intervalExplain(fg.Interval)})
	}
	return d
}

// itemsSec is 各项目满意度: every item's figures per source, and the gaps
// between self-assessment and survey.
type itemsSec struct {
	head
	Cols   []itemCol
	Level  string
	Groups []itemGroup
	Gaps   []gapRow
	// GapNames are the column names of the gaps table (degree, rate).
	GapDegree, GapRate string
	// Forms are the forms, answers and blanks per source and item (nil
	// when the report does not count forms).
	Forms *formTable
	// Blends are the items' figures blended from self-assessment and
	// survey; BlendNote names the weights.
	Blends    []blendRow
	BlendNote string
}

type itemCol struct {
	Name        string
	HasInterval bool
}

type itemGroup struct {
	Item    string
	Overall bool
	Rows    []itemRow
}

type itemRow struct {
	Source, Answers, Dissatisfied string
	Cells                         []cell
}

type gapRow struct {
	Item                                string
	SelfDegree, SurveyDegree, DegreeGap cell
	SelfRate, SurveyRate, RateGap       cell
	DegreeBlind, RateBlind              bool
}

func (b *builder) items() {
	f, l, sv := b.f, b.l, surveyFigures(b.r)
	s := &itemsSec{head: b.head("items", b.l.t("sec_items"), b.l.t("interval_note"))}
	for _, fg := range sv.Overall.Figures {
		s.Cols = append(s.Cols, itemCol{Name: l.shortFigure(fg.Score.Label())})
	}
	var names []string
	for _, sf := range b.r.Sources {
		for _, it := range sf.Items {
			if !slices.Contains(names, it.Item) {
				names = append(names, it.Item)
			}
		}
	}
	sortBy(b, names, func(n string) string { return n })
	type key struct{ item, source string }
	dis := make(map[key]analysis.DissatisfiedCell)
	disTotal := make(map[string][2]uint64)
	for _, d := range b.r.Dissatisfied {
		dis[key{d.Item, d.Source}] = d
		t := disTotal[d.Source]
		disTotal[d.Source] = [2]uint64{t[0] + d.Count, t[1] + d.N}
	}
	add := func(g *itemGroup, sf analysis.SourceFigures, it analysis.ItemFigures) {
		row := itemRow{Source: l.source(sf.Source), Answers: fmt.Sprint(it.Answers)}
		if it.Item == "" {
			if t, ok := disTotal[sf.Source]; ok {
				row.Dissatisfied = fmt.Sprint(t[0]) + " (" + f.countLabel(t[0], t[1]) + ")"
			}
		} else if d, ok := dis[key{it.Item, sf.Source}]; ok {
			row.Dissatisfied = fmt.Sprint(d.Count) + " (" + f.num(d.Share) + ")"
		}
		for i, fg := range it.Figures {
			row.Cells = append(row.Cells, f.figure(fg))
			if fg.Interval != nil && i < len(s.Cols) {
				s.Cols[i].HasInterval = true
				if s.Level == "" {
					s.Level = levelLabel(fg.Interval)
				}
			}
			name := l.shortFigure(fg.Score.Label())
			s.Derivs = append(s.Derivs, f.figureDerivs(l.item(it.Item)+" · "+l.source(sf.Source)+" · "+name, fg)...)
		}
		for len(row.Cells) < len(s.Cols) {
			row.Cells = append(row.Cells, cell{Value: l.t("none")})
		}
		g.Rows = append(g.Rows, row)
	}
	all := itemGroup{Item: l.item(""), Overall: true}
	for _, sf := range b.r.Sources {
		add(&all, sf, sf.Overall)
	}
	s.Groups = append(s.Groups, all)
	for _, name := range names {
		g := itemGroup{Item: name}
		for _, sf := range b.r.Sources {
			for _, it := range sf.Items {
				if it.Item == name {
					add(&g, sf, it)
				}
			}
		}
		s.Groups = append(s.Groups, g)
	}
	b.itemBlends(s, names)
	gaps := slices.Clone(b.r.Gaps)
	sortBy(b, gaps, func(g analysis.Gap) string { return g.Item })
	for _, g := range gaps {
		g.DegreeGap, g.RateGap = gapResult(g.DegreeGap, "degree"), gapResult(g.RateGap, "rate")
		s.Gaps = append(s.Gaps, gapRow{Item: g.Item,
			SelfDegree: f.cell(g.SelfDegree), SurveyDegree: f.cell(g.SurveyDegree), DegreeGap: f.signed(g.DegreeGap),
			SelfRate: f.cell(g.SelfRate), SurveyRate: f.cell(g.SurveyRate), RateGap: f.signed(g.RateGap),
			DegreeBlind: g.DegreeGap.Value().IsPositive(), RateBlind: g.RateGap.Value().IsPositive()})
		s.Derivs = append(s.Derivs,
			deriv{g.Item + " · " + l.t("gap") + " · " + l.shortFigure("degree"), f.explain(g.DegreeGap)},
			deriv{g.Item + " · " + l.t("gap") + " · " + l.shortFigure("rate"), f.explain(g.RateGap)})
	}
	s.GapDegree, s.GapRate = l.shortFigure("degree"), l.shortFigure("rate")
	s.Forms = b.formCounts()
	b.p.Items = s
}

// blendRow is an item's figures blended from self-assessment and survey
// (自评 40% + 检查 60%), one per headline figure.
type blendRow struct {
	Item  string
	Cells []blendCells
}

type blendCells struct{ Self, Survey, Blend cell }

// itemFigures returns a source's figures of an item (nil without).
func itemFigures(sf *analysis.SourceFigures, item string) *analysis.ItemFigures {
	if sf == nil {
		return nil
	}
	for i := range sf.Items {
		if sf.Items[i].Item == item {
			return &sf.Items[i]
		}
	}
	return nil
}

// itemBlends adds the per-item blend: for each item both sources have,
// each headline figure weighted as the report's overall blend weighs
// them ([blendWeights]), exact, with its derivation.
func (b *builder) itemBlends(s *itemsSec, names []string) {
	f, l := b.f, b.l
	ws, wv, ok := blendWeights(b.r)
	self, survey := sourceFigures(b.r, csat.SourceSelf), surveyFigures(b.r)
	if !ok || self == nil {
		return
	}
	s.BlendNote = fmt.Sprintf(l.t("item_blend_note"), ws.Shift(2).String(), wv.Shift(2).String())
	for _, name := range names {
		si, vi := itemFigures(self, name), itemFigures(survey, name)
		if si == nil || vi == nil {
			continue
		}
		row := blendRow{Item: name}
		for i := range min(len(si.Figures), len(vi.Figures), len(s.Cols)) {
			sr, vr := si.Figures[i].Score, vi.Figures[i].Score
			fig := s.Cols[i].Name
			sr = sr.In("zh", "自评", nil).In("en", "self-assessment", nil)
			vr = vr.In("zh", "检查", nil).In("en", "survey", nil)
			bl, err := csat.WeightedMean("blend "+name+" "+fig, []decimal.Decimal{ws, wv}, []csat.Result{sr, vr})
			if err != nil {
				row.Cells = append(row.Cells, blendCells{Self: f.cell(si.Figures[i].Score), Survey: f.cell(vi.Figures[i].Score), Blend: cell{Value: l.t("none")}})
				continue
			}
			bl = bl.In("zh", name+"加权"+fig, nil).In("en", name+" blended "+strings.ToLower(fig), nil)
			row.Cells = append(row.Cells, blendCells{Self: f.cell(si.Figures[i].Score), Survey: f.cell(vi.Figures[i].Score), Blend: f.cell(bl)})
			s.Derivs = append(s.Derivs, deriv{name + " · " + l.t("blend") + " · " + fig, f.explain(bl)})
		}
		s.Blends = append(s.Blends, row)
	}
}

// likertSec is 各项目满意程度分布: each survey item's answers per level, as
// a diverging stacked bar chart and a table of counts.
type likertSec struct {
	head
	Chart  chartSpec
	Levels []string // worst first
	Rows   []likertRow
}

type likertRow struct {
	Item    string
	Overall bool
	Counts  []string // "3 (60%)", worst level first
	N       string
}

// likert builds the distribution of answers from the report's levels and
// the survey's counts per level, after checking that the counts are the
// report's: one per level, adding up to the answers. A report without
// levels or counts (not built by [analysis.Build]) has no distribution.
func (b *builder) likert() error {
	l, sv, levels := b.l, surveyFigures(b.r), b.r.Levels
	items := slices.Clone(sv.Items)
	sortBy(b, items, func(it analysis.ItemFigures) string { return it.Item })
	figs := append([]analysis.ItemFigures{sv.Overall}, items...)
	if len(levels) == 0 && !slices.ContainsFunc(figs, func(f analysis.ItemFigures) bool { return len(f.Counts) > 0 }) {
		return nil
	}
	if err := l.checkCounts(figs, levels); err != nil {
		return err
	}
	dis, sat := likertSides(levels)
	order := make([]int, 0, len(levels)) // legend and table order: worst first
	for i := len(dis) - 1; i >= 0; i-- {
		order = append(order, dis[i])
	}
	order = append(order, sat...)

	s := &likertSec{head: b.head("likert", b.l.t("sec_likert"), b.l.t("likert_lead"))}
	names := b.f.likertRows(s, figs, levels, order)
	for _, li := range order {
		s.Levels = append(s.Levels, l.level(levels[li]))
	}
	series := b.f.likertSeries(figs, levels, dis, sat)
	s.Chart = b.chart("likert", "likert", l.t("aria_likert"), 90+44*len(figs), obj{
		"legend": legend(s.Levels...),
		"grid":   obj{"left": 8, "right": 16, "top": 34, "bottom": 30, "containLabel": true},
		"xAxis":  valueAxis(obj{"max": 100, "name": l.t("likert_axis"), "nameLocation": "middle", "nameGap": 26}),
		"yAxis": categoryAxis(names, obj{"inverse": true, "axisLine": obj{"show": false, "onZero": false},
			"axisLabel": obj{"color": colInk, "fontSize": 12}}),
		"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
		"series":  series,
	})
	b.p.Likert = s
	return nil
}

// checkCounts checks that each figure has a count per level, adding up to
// its answers.
func (l lang) checkCounts(figs []analysis.ItemFigures, levels []csat.Level) error {
	for _, f := range figs {
		if len(f.Counts) != len(levels) {
			return fmt.Errorf("htmlreport: the survey's %q has %d counts for the report's %d levels: %w", l.item(f.Item), len(f.Counts), len(levels), csat.ErrInvalid)
		}
		var sum uint64
		for _, c := range f.Counts {
			if sum+c < sum {
				return fmt.Errorf("htmlreport: the survey's counts for %q overflow: %w", l.item(f.Item), csat.ErrInvalid)
			}
			sum += c
		}
		if sum != f.Answers {
			return fmt.Errorf("htmlreport: the survey's counts for %q add up to %d, not its %d answers: %w", l.item(f.Item), sum, f.Answers, csat.ErrInvalid)
		}
	}
	return nil
}

// likertSides returns the indexes of the dissatisfied and the satisfied
// levels, each by points nearest zero first: the chart stacks each side
// outwards from zero.
func likertSides(levels []csat.Level) (dis, sat []int) {
	for i, lv := range levels {
		if lv.Satisfied {
			sat = append(sat, i)
		} else {
			dis = append(dis, i)
		}
	}
	byPoints := func(a, c int) int { return levels[a].Points.Cmp(levels[c].Points) }
	slices.SortStableFunc(sat, byPoints)                                      // nearest zero first
	slices.SortStableFunc(dis, func(a, c int) int { return -byPoints(a, c) }) // nearest zero first
	return dis, sat
}

// likertRows adds the table row and derivation of each figure, its
// counts in the given level order, and returns the figures' names.
func (fm fmtr) likertRows(s *likertSec, figs []analysis.ItemFigures, levels []csat.Level, order []int) []string {
	l := fm.l
	names := make([]string, len(figs))
	for i, f := range figs {
		names[i] = l.item(f.Item)
		lr := likertRow{Item: names[i], Overall: f.Item == "", N: fmt.Sprint(f.Answers)}
		var parts []string
		for _, li := range order {
			lr.Counts = append(lr.Counts, fmt.Sprint(f.Counts[li])+" ("+fm.countLabel(f.Counts[li], f.Answers)+")")
			parts = append(parts, l.level(levels[li])+" "+fmt.Sprint(f.Counts[li])+"/"+fmt.Sprint(f.Answers)+" = "+countDeriv(f.Counts[li], f.Answers))
		}
		s.Derivs = append(s.Derivs, deriv{names[i], strings.Join(parts, "; ")})
		s.Rows = append(s.Rows, lr)
	}
	return names
}

// likertSeries returns the chart's bars, one series per level: the
// satisfied ones rightwards in blues, the dissatisfied ones leftwards in
// reds, the first carrying the zero line.
func (fm fmtr) likertSeries(figs []analysis.ItemFigures, levels []csat.Level, dis, sat []int) arr {
	l := fm.l
	satCol, disCol := ramp(blues, len(sat)), ramp(reds, len(dis))
	var series arr
	addSeries := func(li int, colour string, sign string) {
		data := make(arr, len(figs))
		for i, f := range figs {
			data[i] = numStr(sign + string(fm.countPct(f.Counts[li], f.Answers)))
			if data[i] == numStr("-0") {
				data[i] = numStr("0")
			}
		}
		labelColour := "#ffffff"
		if colour == blues[0] || colour == reds[0] {
			labelColour = colInk
		}
		series = append(series, obj{
			"name": l.level(levels[li]), "type": "bar", "stack": "answers", "data": data,
			"barWidth": "58%", "itemStyle": obj{"color": colour, "borderColor": "#ffffff", "borderWidth": 1},
			"label":    obj{"show": true, "color": labelColour, "fontSize": 11},
			"emphasis": obj{"disabled": true},
		})
	}
	for i, li := range sat {
		addSeries(li, satCol[i], "")
	}
	for i, li := range dis {
		addSeries(li, disCol[i], "-")
	}
	if len(series) > 0 {
		first := series[0].(obj)
		first["markLine"] = obj{"silent": true, "symbol": "none", "label": obj{"show": false},
			"lineStyle": obj{"color": colLine, "type": "solid", "width": 1.5}, "data": arr{obj{"xAxis": 0}}}
	}
	return series
}
