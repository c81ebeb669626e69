package htmlreport

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// complaintsSec is 投诉处理: the complaint figures of the period.
type complaintsSec struct {
	head
	Cards    []card
	Times    []timeRow
	Effects  []effectRow
	OpenRows []openRow
	Chart    chartSpec
	// Fallback is the chart's data as a table, shown without JavaScript.
	Fallback *fallback
}

type timeRow struct {
	Name, N     string
	Median, P90 cell
}

type effectRow struct {
	Name  string
	Value cell
}

type openRow struct{ ID, Customer, Age string }

// hours prints a duration in whole hours, or days and hours.
func (l lang) age(d time.Duration) string {
	h := int64(d / time.Hour)
	days, rest := h/24, h%24
	if l == langZH {
		if days == 0 {
			return fmt.Sprintf("%d小时", rest)
		}
		return fmt.Sprintf("%d天%d小时", days, rest)
	}
	if days == 0 {
		return fmt.Sprintf("%d h", rest)
	}
	return fmt.Sprintf("%d d %d h", days, rest)
}

func (b *builder) complaints() {
	f := b.f
	l, cf := b.l, b.r.Complaints
	if cf == nil {
		return
	}
	s := &complaintsSec{head: b.head("complaints", b.l.t("sec_complaints"), "")}
	hoursCell := func(r csat.Result) cell {
		c := f.cell(r)
		c.Value += " " + l.t("hours")
		return c
	}
	s.Cards = append(s.Cards,
		card{Label: l.t("complaints_total"), Value: fmt.Sprint(cf.Total)},
		card{Label: l.t("within_limit"), Value: f.num(cf.WithinLimit), Title: f.explain(cf.WithinLimit), Accent: true})
	if cf.Response.N > 0 {
		c := hoursCell(cf.Response.MedianHours)
		s.Cards = append(s.Cards, card{Label: l.t("median_response"), Value: c.Value, Title: c.Title})
	}
	if cf.Resolution.N > 0 {
		c := hoursCell(cf.Resolution.MedianHours)
		s.Cards = append(s.Cards, card{Label: l.t("median_resolve"), Value: c.Value, Title: c.Title})
	}
	s.Cards = append(s.Cards, card{Label: l.t("open"), Value: fmt.Sprint(len(cf.Open))})
	s.Derivs = append(s.Derivs, deriv{l.t("within_limit"), f.explain(cf.WithinLimit)})
	for _, t := range []struct {
		name string
		st   analysis.DurationStats
	}{{l.t("response_time"), cf.Response}, {l.t("resolution_time"), cf.Resolution}} {
		if t.st.N == 0 {
			continue
		}
		name := t.name
		s.Times = append(s.Times, timeRow{Name: name, N: fmt.Sprint(t.st.N), Median: hoursCell(t.st.MedianHours), P90: hoursCell(t.st.P90Hours)})
		s.Derivs = append(s.Derivs, deriv{name + " · P50", f.explain(t.st.MedianHours)}, deriv{name + " · P90", f.explain(t.st.P90Hours)})
	}
	var names []string
	var data arr
	fb := &fallback{Head: []string{l.t("outcomes"), l.t("cases"), l.t("share")}}
	s.Fallback = fb
	colours := []string{"#8e1b1b", "#c0392b", "#e07b53", "#9cc3da", "#4a8fc0", "#1f4e79"}
	for _, o := range cf.Outcomes {
		s.Derivs = append(s.Derivs, deriv{l.outcome(o.Outcome), f.explain(o.Share)})
		names = append(names, l.outcome(o.Outcome))
		fb.Rows = append(fb.Rows, []string{l.outcome(o.Outcome), fmt.Sprint(o.Count), f.num(o.Share)})
		colour := colUs
		if int(o.Outcome)-1 < len(colours) && o.Outcome.Valid() {
			colour = colours[int(o.Outcome)-1]
		}
		data = append(data, obj{"value": numStr(fmt.Sprint(o.Count)), "itemStyle": obj{"color": colour},
			"label": obj{"formatter": fmt.Sprint(o.Count) + " · " + f.num(o.Share)}})
	}
	s.Chart = b.chart("outcomes", "outcomes", l.t("aria_outcomes"), 40+30*len(names), obj{
		"grid":    obj{"left": 8, "right": 40, "top": 8, "bottom": 8, "containLabel": true},
		"xAxis":   valueAxis(obj{"minInterval": 1, "boundaryGap": arr{"0%", "20%"}}),
		"yAxis":   categoryAxis(names, obj{"inverse": true}),
		"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
		"series": arr{obj{"name": l.t("outcomes"), "type": "bar", "data": data, "barWidth": "56%",
			"label": obj{"show": true, "position": "right", "color": colInk}}},
	})
	for _, e := range []struct {
		name string
		r    csat.Result
	}{{l.t("est_dissatisfied"), cf.Dissatisfied}, {l.t("voice_elsewhere"), cf.VoiceElsewhere}, {l.t("silent"), cf.Silent},
		{l.t("expected_lost"), cf.ExpectedLost}, {l.t("expected_returns"), cf.ExpectedReturns}, {l.t("word_of_mouth"), cf.WordOfMouth}} {
		s.Effects = append(s.Effects, effectRow{Name: e.name, Value: f.cell(e.r)})
		s.Derivs = append(s.Derivs, deriv{e.name, f.explain(e.r)})
	}
	s.Effects = append([]effectRow{{Name: l.t("complainants"), Value: cell{Value: fmt.Sprint(cf.Complainants)}}}, s.Effects...)
	for _, o := range cf.Open {
		s.OpenRows = append(s.OpenRows, openRow{ID: o.ID, Customer: o.Customer, Age: l.age(o.Age)})
	}
	b.p.Complaints = s
}

// customersSec is 客户满意度得分: the company view over the customers'
// scores.
type customersSec struct {
	head
	Cards   []card
	Bands   []bandRow
	Ranking []rankRow
	Chart   *chartSpec
}

type bandRow struct {
	Band, Range, Count string
	Share              cell
}

type rankRow struct {
	Rank, ID, Status, Band, Drags, Complaints string
	Score                                     cell
	Counted                                   bool
	Low                                       bool // below the satisfied bands
}

func (b *builder) customers() {
	f := b.f
	l, r := b.l, b.r
	if r.Company == nil && len(r.Customers) == 0 {
		return
	}
	s := &customersSec{head: b.head("customers", b.l.t("sec_customers"), b.l.t("customers_lead"))}
	if co := r.Company; co != nil {
		s.Cards = append(s.Cards,
			card{Label: l.t("company_mean"), Value: f.num(co.Mean), Title: f.explain(co.Mean), Accent: true},
			card{Label: l.t("customers_n"), Value: fmt.Sprint(co.Customers), Sub: fmt.Sprint(co.Counted) + " " + l.t("counted")},
			card{Label: l.t("lost_policy"), Value: fmt.Sprint(co.LostAffected), Sub: l.lostPolicy(co.Lost)})
		s.Derivs = append(s.Derivs, deriv{l.t("company_mean"), f.explain(co.Mean)})
		var names []string
		var data arr
		var sat, dis int
		for _, bc := range co.Distribution {
			if bc.Level.Satisfied {
				sat++
			} else {
				dis++
			}
		}
		satCol, disCol := ramp(blues, sat), ramp(reds, dis)
		si, di := sat, 0
		for _, bc := range co.Distribution {
			rng := ""
			if bc.Level.Band != nil {
				rng = bc.Level.Band.Low.String() + "–" + bc.Level.Band.High.String()
			}
			s.Bands = append(s.Bands, bandRow{Band: l.level(bc.Level), Range: rng, Count: fmt.Sprint(bc.Count), Share: f.cell(bc.Share)})
			s.Derivs = append(s.Derivs, deriv{l.level(bc.Level), f.explain(bc.Share)})
			names = append(names, l.level(bc.Level)+"\n"+rng)
			// Scale order is best first: satisfied colours darkest first,
			// then dissatisfied lightest first.
			var colour string
			if bc.Level.Satisfied {
				si--
				colour = satCol[max(si, 0)]
			} else {
				colour = disCol[min(di, len(disCol)-1)]
				di++
			}
			data = append(data, obj{"value": numStr(fmt.Sprint(bc.Count)), "itemStyle": obj{"color": colour}})
		}
		if len(names) > 0 {
			c := b.chart("bands", "bands", l.t("aria_bands"), 240, obj{
				"grid":  obj{"left": 8, "right": 8, "top": 24, "bottom": 8, "containLabel": true},
				"xAxis": categoryAxis(names, obj{"axisLabel": obj{"interval": 0, "color": colInk, "lineHeight": 16}}),
				"yAxis": valueAxis(obj{"minInterval": 1, "name": l.t("customers_n"),
					"nameTextStyle": obj{"color": colMuted, "align": "left"}}),
				"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
				"series": arr{obj{"name": l.t("customers_n"), "type": "bar", "data": data, "barWidth": "50%",
					"label": obj{"show": true, "position": "top", "color": colInk}}},
			})
			s.Chart = &c
		}
		for i, rc := range co.Ranking {
			row := rankRow{Rank: fmt.Sprint(i + 1), ID: rc.ID, Status: l.status(rc.Status), Band: l.level(rc.Band),
				Score: f.cell(rc.Score), Counted: rc.Counted, Low: !rc.Band.Satisfied}
			var drags []string
			for j, d := range rc.Drags {
				if j == 3 {
					drags = append(drags, "…")
					break
				}
				drags = append(drags, d.Item+" "+f.num(d.Combined))
			}
			row.Drags = strings.Join(drags, l.sep())
			var adj []string
			for _, a := range b.adjustments(rc.ID, rc.Complaints) {
				adj = append(adj, signedDec(a.Delta)+" "+l.outcome(a.Outcome))
			}
			row.Complaints = strings.Join(adj, l.sep())
			s.Ranking = append(s.Ranking, row)
		}
	}
	for _, c := range r.Customers {
		s.Derivs = append(s.Derivs, deriv{c.ID, f.customerExplain(c)})
	}
	b.p.Customers = s
}

// adjustments returns every complaint adjustment of a customer, with
// either sign, from the report's customer scores; without them, those the
// ranking lists (the negative ones).
func (b *builder) adjustments(id string, ranked []csat.Adjustment) []csat.Adjustment {
	for _, c := range b.r.Customers {
		if c.ID == id {
			return c.Adjustments
		}
	}
	return ranked
}

// signedDec prints a decimal with its sign written out: +2, −1, 0.
func signedDec(d decimal.Decimal) string {
	s := d.String()
	switch {
	case d.IsPositive():
		return "+" + s
	case d.IsNegative():
		return "−" + s[1:]
	}
	return s
}

// sep separates the entries of a list in a table cell.
func (l lang) sep() string { return [2]string{"；", "; "}[l] }

// segmentsSec is 客户分级: the customers' classes by value.
type segmentsSec struct {
	head
	Classes []classRow
	Rows    []segmentRow
	Chart   chartSpec
}

type classRow struct {
	Class, Count, Tone string
	Value, Share       cell
}

type segmentRow struct {
	Rank, ID, Class, Tone string
	Value, ShareBefore    cell
}

// classColours colour the classes A, B, C, … in order.
var classColours = []string{"#1f4e79", "#5b8db8", "#a9c4de", "#d5e2ee"}

func (b *builder) segments() {
	f := b.f
	l, r := b.l, b.r
	if len(r.Segments) == 0 {
		return
	}
	s := &segmentsSec{head: b.head("segments", b.l.t("sec_segments"), "")}
	if _, isABC := abcClasses(r.Segments); isABC {
		s.Lead = l.t("segments_lead")
	}
	colourOf, toneOf := map[string]string{}, map[string]string{}
	for i, c := range r.Classes {
		toneOf[c.Class] = fmt.Sprint("tone", min(i, len(classColours)-1))
		s.Classes = append(s.Classes, classRow{Class: c.Class, Count: fmt.Sprint(c.Count), Tone: toneOf[c.Class], Value: f.cell(c.Value), Share: f.cell(c.Share)})
		s.Derivs = append(s.Derivs, deriv{c.Class + " · " + l.t("value"), f.explain(c.Value)}, deriv{c.Class + " · " + l.t("value_share"), f.explain(c.Share)})
		colourOf[c.Class] = classColours[min(i, len(classColours)-1)]
	}
	// The cumulative share of positive value, exact, for the line.
	total := new(big.Rat)
	for _, a := range r.Segments {
		if v := a.Value.Rat(); v.Sign() > 0 {
			total.Add(total, v)
		}
	}
	var names []string
	var values, cum arr
	run := new(big.Rat)
	for _, a := range r.Segments {
		s.Rows = append(s.Rows, segmentRow{Rank: fmt.Sprint(a.Rank), ID: a.ID, Class: a.Class, Tone: toneOf[a.Class], Value: f.cell(a.Value), ShareBefore: f.cell(a.ShareBefore)})
		s.Derivs = append(s.Derivs, deriv{a.ID, f.explain(a.Value) + l.sep() + f.explain(a.ShareBefore)})
		names = append(names, a.ID)
		colour, ok := colourOf[a.Class]
		if !ok {
			colour = colUs
		}
		values = append(values, obj{"value": f.chartNum(a.Value), "itemStyle": obj{"color": colour}})
		if v := a.Value.Rat(); v.Sign() > 0 {
			run.Add(run, v)
		}
		cum = append(cum, f.ratPct(ratParts(run, total)))
	}
	series := arr{obj{"name": l.t("value"), "type": "bar", "data": values, "barWidth": "56%", "itemStyle": obj{"color": classColours[0]},
		"label": obj{"show": len(names) <= 20, "position": "top", "color": colInk, "fontSize": 10}}}
	yAxes := arr{valueAxis(obj{"name": l.t("value"), "nameGap": 24, "nameTextStyle": obj{"color": colMuted, "align": "left"}})}
	legendNames := []string{l.t("value")}
	if total.Sign() > 0 {
		series = append(series, obj{"name": l.t("cumulative"), "type": "line", "yAxisIndex": 1, "data": cum,
			"symbol": "circle", "symbolSize": 6, "itemStyle": obj{"color": colLine}, "lineStyle": obj{"color": colLine, "width": 2},
			"markLine": obj{"silent": true, "symbol": "none", "data": arr{obj{"yAxis": 80}, obj{"yAxis": 95}},
				"lineStyle": obj{"type": "dashed", "color": colMuted}, "label": obj{"formatter": "{c}%", "color": colMuted, "position": "insideEndTop"}}})
		yAxes = append(yAxes, valueAxis(obj{"name": l.t("cumulative"), "nameGap": 24, "min": 0, "max": 100, "interval": 20,
			"nameTextStyle": obj{"color": colMuted, "align": "right"},
			"axisLabel":     obj{"formatter": "{value}%", "color": colMuted}, "splitLine": obj{"show": false}}))
		legendNames = append(legendNames, l.t("cumulative"))
	}
	s.Chart = b.chart("segments", "segments", l.t("aria_segments"), 300, obj{
		"legend": legend(legendNames...),
		"grid":   obj{"left": 8, "right": 8, "top": 66, "bottom": 8, "containLabel": true},
		"xAxis": categoryAxis(names, obj{"axisLabel": obj{"interval": 0, "rotate": 30, "color": colInk, "fontSize": 11,
			"show": len(names) <= 30}}),
		"yAxis":   yAxes,
		"tooltip": obj{"trigger": "axis"},
		"series":  series,
	})
	b.p.Segments = s
}

// ratParts returns the numerator and denominator of a/b (0/1 when b is
// zero).
func ratParts(a, b *big.Rat) (*big.Int, *big.Int) {
	if b.Sign() == 0 {
		return new(big.Int), big.NewInt(1)
	}
	q := new(big.Rat).Quo(a, b)
	return q.Num(), q.Denom()
}

// abcClasses reports the classes of the segments and whether they are
// the ABC segmenter's.
func abcClasses(as []csat.Assignment) ([]string, bool) {
	var cs []string
	abc := true
	for _, a := range as {
		switch a.Class {
		case csat.ClassA, csat.ClassB, csat.ClassC:
		default:
			abc = false
		}
		cs = append(cs, a.Class)
	}
	return cs, abc
}

// loyaltySec is 顾客忠诚度: the loyalty metrics.
type loyaltySec struct {
	head
	Rows []effectRow
}

func (b *builder) loyalty() {
	f := b.f
	if len(b.r.Loyalty) == 0 {
		return
	}
	s := &loyaltySec{head: b.head("loyalty", b.l.t("sec_loyalty"), "")}
	for _, m := range b.r.Loyalty {
		s.Rows = append(s.Rows, effectRow{Name: m.Label(), Value: f.cell(m)})
		s.Derivs = append(s.Derivs, deriv{m.Label(), f.derivation(m)})
	}
	b.p.Loyalty = s
}
