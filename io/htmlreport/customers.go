package htmlreport

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// complaintsSec is 投诉处理: the complaint figures of the period.
type complaintsSec struct {
	head
	Cards    []card
	Times    []timeRow
	Effects  []effectRow
	OpenRows []openRow
	Chart    chartSpec
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
	l, cf := b.l, b.r.Complaints
	if cf == nil {
		return
	}
	s := &complaintsSec{head: b.head("complaints", b.l.t("sec_complaints"), "")}
	hoursCell := func(r csat.Result) cell {
		c := figCell(r)
		c.Value += " " + l.t("hours")
		return c
	}
	s.Cards = append(s.Cards,
		card{Label: l.t("complaints_total"), Value: fmt.Sprint(cf.Total)},
		card{Label: l.t("within_limit"), Value: cf.WithinLimit.String(), Title: cf.WithinLimit.Explain(), Accent: true})
	if cf.Response.N > 0 {
		c := hoursCell(cf.Response.MedianHours)
		s.Cards = append(s.Cards, card{Label: l.t("median_response"), Value: c.Value, Title: c.Title})
	}
	if cf.Resolution.N > 0 {
		c := hoursCell(cf.Resolution.MedianHours)
		s.Cards = append(s.Cards, card{Label: l.t("median_resolve"), Value: c.Value, Title: c.Title})
	}
	s.Cards = append(s.Cards, card{Label: l.t("open"), Value: fmt.Sprint(len(cf.Open))})
	s.Derivs = append(s.Derivs, deriv{l.t("within_limit"), cf.WithinLimit.Explain()})
	for _, t := range []struct {
		name string
		st   analysis.DurationStats
	}{{l.t("response_time"), cf.Response}, {l.t("resolution_time"), cf.Resolution}} {
		if t.st.N == 0 {
			continue
		}
		name := t.name
		s.Times = append(s.Times, timeRow{Name: name, N: fmt.Sprint(t.st.N), Median: hoursCell(t.st.MedianHours), P90: hoursCell(t.st.P90Hours)})
		s.Derivs = append(s.Derivs, deriv{name + " · P50", t.st.MedianHours.Explain()}, deriv{name + " · P90", t.st.P90Hours.Explain()})
	}
	var names []string
	var data arr
	colours := []string{"#8e1b1b", "#c0392b", "#e07b53", "#9cc3da", "#4a8fc0", "#1f4e79"}
	for _, o := range cf.Outcomes {
		s.Derivs = append(s.Derivs, deriv{l.outcome(o.Outcome), o.Share.Explain()})
		names = append(names, l.outcome(o.Outcome))
		colour := colUs
		if int(o.Outcome)-1 < len(colours) && o.Outcome.Valid() {
			colour = colours[int(o.Outcome)-1]
		}
		data = append(data, obj{"value": numStr(fmt.Sprint(o.Count)), "itemStyle": obj{"color": colour},
			"label": obj{"formatter": fmt.Sprint(o.Count) + " · " + o.Share.String()}})
	}
	s.Chart = b.chart("outcomes", "outcomes", l.t("outcomes"), 40+30*len(names), obj{
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
		s.Effects = append(s.Effects, effectRow{Name: e.name, Value: figCell(e.r)})
		s.Derivs = append(s.Derivs, deriv{e.name, e.r.Explain()})
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
	l, r := b.l, b.r
	if r.Company == nil && len(r.Customers) == 0 {
		return
	}
	s := &customersSec{head: b.head("customers", b.l.t("sec_customers"), b.l.t("customers_lead"))}
	if co := r.Company; co != nil {
		s.Cards = append(s.Cards,
			card{Label: l.t("company_mean"), Value: co.Mean.String(), Title: co.Mean.Explain(), Accent: true},
			card{Label: l.t("customers_n"), Value: fmt.Sprint(co.Customers), Sub: fmt.Sprint(co.Counted) + " " + l.t("counted")},
			card{Label: l.t("lost_policy"), Value: fmt.Sprint(co.LostAffected), Sub: l.lostPolicy(co.Lost)})
		s.Derivs = append(s.Derivs, deriv{l.t("company_mean"), co.Mean.Explain()})
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
			s.Bands = append(s.Bands, bandRow{Band: l.level(bc.Level), Range: rng, Count: fmt.Sprint(bc.Count), Share: figCell(bc.Share)})
			s.Derivs = append(s.Derivs, deriv{l.level(bc.Level), bc.Share.Explain()})
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
			c := b.chart("bands", "bands", l.t("distribution"), 240, obj{
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
				Score: figCell(rc.Score), Counted: rc.Counted, Low: !rc.Band.Satisfied}
			var drags []string
			for j, d := range rc.Drags {
				if j == 3 {
					drags = append(drags, "…")
					break
				}
				drags = append(drags, d.Item+" "+d.Combined.String())
			}
			row.Drags = strings.Join(drags, l.sep())
			var adj []string
			for _, a := range rc.Complaints {
				adj = append(adj, strings.Replace(a.Delta.String(), "-", "−", 1)+" "+l.outcome(a.Outcome))
			}
			row.Complaints = strings.Join(adj, l.sep())
			s.Ranking = append(s.Ranking, row)
		}
	}
	for _, c := range r.Customers {
		s.Derivs = append(s.Derivs, deriv{c.ID, strings.TrimSuffix(c.Explain(), "\n")})
	}
	b.p.Customers = s
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
		s.Classes = append(s.Classes, classRow{Class: c.Class, Count: fmt.Sprint(c.Count), Tone: toneOf[c.Class], Value: figCell(c.Value), Share: figCell(c.Share)})
		s.Derivs = append(s.Derivs, deriv{c.Class + " · " + l.t("value"), c.Value.Explain()}, deriv{c.Class + " · " + l.t("value_share"), c.Share.Explain()})
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
		s.Rows = append(s.Rows, segmentRow{Rank: fmt.Sprint(a.Rank), ID: a.ID, Class: a.Class, Tone: toneOf[a.Class], Value: figCell(a.Value), ShareBefore: figCell(a.ShareBefore)})
		s.Derivs = append(s.Derivs, deriv{a.ID, a.Value.Explain() + l.sep() + a.ShareBefore.Explain()})
		names = append(names, a.ID)
		colour, ok := colourOf[a.Class]
		if !ok {
			colour = colUs
		}
		values = append(values, obj{"value": resultNum(a.Value), "itemStyle": obj{"color": colour}})
		if v := a.Value.Rat(); v.Sign() > 0 {
			run.Add(run, v)
		}
		cum = append(cum, ratPct(ratParts(run, total)))
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
	s.Chart = b.chart("segments", "segments", l.t("sec_segments"), 300, obj{
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
	if len(b.r.Loyalty) == 0 {
		return
	}
	s := &loyaltySec{head: b.head("loyalty", b.l.t("sec_loyalty"), "")}
	for _, m := range b.r.Loyalty {
		s.Rows = append(s.Rows, effectRow{Name: m.Label(), Value: figCell(m)})
		s.Derivs = append(s.Derivs, deriv{m.Label(), strings.TrimSuffix(m.Derivation(), "\n")})
	}
	b.p.Loyalty = s
}
