package htmlreport

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// This file renders satisfaction against complaints and churn
// ([analysis.Report].Churn, METHOD.md §12 相关性): the customers and
// mean degree per status as a chart and a table, Welch's test of the
// active customers against the lost ("customers we lost rated us X,
// those we kept Y"), Spearman's ρ of the degree with the complaint count,
// and every customer in a folded table.

// churnSec is 满意度与投诉、流失.
type churnSec struct {
	head
	Chart     chartSpec
	Headline  string // customers we lost rated us X, those we kept Y
	Test      string // Welch's test, or why there is none
	Spearman  string // Spearman's ρ, or why there is none
	Notes     []string
	Statuses  []statusRow
	ListTitle string
	Customers []churnRow
}

type statusRow struct {
	Status, Customers string
	Mean              cell
	Flag              string
	Small, Untested   bool
}

type churnRow struct {
	ID, Answers, Complaints, Status string
	Degree                          cell
	Lost                            bool
}

// statusColour colours a status's bar.
func statusColour(s csat.Status) string {
	switch s {
	case csat.AtRisk:
		return "#c27c0e"
	case csat.Lost:
		return colTarget
	}
	return colUs
}

// fixed3 prints a value to 3 places with a true minus sign (ρ =
// −0.800); its derivation tells whether it is rounded.
func fixed3(v decimal.Decimal, _ bool) string {
	rounded := v.Round(3)
	s := rounded.StringFixed(3)
	if rounded.IsNegative() {
		s = "−" + s[1:]
	}
	return s
}

func (b *builder) churn() {
	f := b.f
	l, cf := b.l, b.r.Churn
	if cf == nil {
		return
	}
	s := &churnSec{head: b.head("churn", l.t("sec_churn"), l.t("churn_lead"))}
	var active, lost *csat.Result
	var names []string
	var data arr
	for _, sf := range cf.Statuses {
		row := statusRow{Status: l.status(sf.Status), Customers: fmt.Sprint(sf.Customers), Mean: cell{Value: l.t("none")}}
		switch sf.Sample {
		case analysis.SampleSmall:
			row.Small, row.Flag = true, l.t("small_sample")
		case analysis.SampleSuppressed:
			row.Untested, row.Flag = true, l.t("not_tested")
		}
		point := any("-")
		if sf.Mean != nil {
			row.Mean = f.cell(*sf.Mean)
			s.Derivs = append(s.Derivs, deriv{l.status(sf.Status) + " · " + l.t("mean_degree"), f.explain(*sf.Mean)})
			point = obj{"value": f.chartNum(*sf.Mean), "itemStyle": obj{"color": statusColour(sf.Status)},
				"label": obj{"formatter": "{c}%  (" + fmt.Sprintf(l.t("customers_unit"), sf.Customers) + ")"}}
			switch sf.Status {
			case csat.Active:
				active = sf.Mean
			case csat.Lost:
				lost = sf.Mean
			}
		}
		s.Statuses = append(s.Statuses, row)
		names = append(names, l.status(sf.Status))
		data = append(data, point)
	}
	if t := cf.Test; t != nil {
		active, lost = &t.Ours, &t.Theirs
		s.Test = fmt.Sprintf(l.t("welch_line"), t.Statistic.StringFixed(3), t.DF.StringFixed(2), pEq(t.PValue), l.verdict(t.Significant), t.Alpha)
		s.Derivs = append(s.Derivs, deriv{"Welch t", l.comparisonExplain(*t)})
	} else {
		s.Test = l.t("welch_none")
	}
	if active != nil && lost != nil {
		s.Headline = fmt.Sprintf(l.t("churn_headline"), b.f.num(*lost), b.f.num(*active))
		if cf.Test != nil {
			s.Headline += fmt.Sprintf(l.t("churn_gap"), f.gapWithUnit(cf.Test.Difference, false))
		}
		s.Headline += l.pick("。", ".")
	}
	if sp := cf.Spearman; sp != nil {
		s.Spearman = fmt.Sprintf(l.t("spearman_line"), fixed3(sp.Rho.Value(), sp.Rho.Exact()), sp.N, sp.T.StringFixed(3), sp.DF,
			pEq(sp.PValue), l.verdict(sp.Significant), sp.Alpha)
		s.Derivs = append(s.Derivs, deriv{"Spearman ρ²", f.explain(sp.RhoSquared)}, deriv{"Spearman ρ", f.explain(sp.Rho)})
	} else {
		s.Spearman = l.t("spearman_none")
	}
	for _, n := range []struct {
		key string
		n   uint64
	}{{"presumed", cf.Presumed}, {"outside_customers", cf.OutsideCustomers}, {"outside_complaints", cf.OutsideComplaints}} {
		if n.n > 0 {
			s.Notes = append(s.Notes, fmt.Sprintf(l.churnNote(n.key), n.n))
		}
	}
	for _, c := range cf.Customers {
		s.Customers = append(s.Customers, churnRow{ID: c.Customer, Answers: fmt.Sprint(c.Answers), Complaints: fmt.Sprint(c.Complaints),
			Status: l.status(c.Status), Degree: f.cell(c.Degree), Lost: c.Status == csat.Lost})
		s.Derivs = append(s.Derivs, deriv{c.Customer, f.explain(c.Degree)})
	}
	s.ListTitle = fmt.Sprintf(l.t("customer_list"), len(cf.Customers))
	s.Chart = b.chart("churn", "churn", l.t("aria_churn"), 60+40*len(names), obj{
		"grid":    obj{"left": 8, "right": 110, "top": 8, "bottom": 8, "containLabel": true},
		"xAxis":   valueAxis(obj{"min": 0, "max": 100, "interval": 25, "axisLabel": obj{"formatter": "{value}%", "color": colMuted}}),
		"yAxis":   categoryAxis(names, obj{"inverse": true}),
		"tooltip": obj{"trigger": "axis", "axisPointer": obj{"type": "shadow"}},
		"series": arr{obj{"name": l.t("mean_degree"), "type": "bar", "data": data, "barWidth": "52%",
			"label": obj{"show": true, "position": "right", "color": colInk, "fontSize": 11}}},
	})
	b.p.Churn = s
}

// churnNote returns the wording of a count outside the churn figures.
func (l lang) churnNote(key string) string {
	switch key {
	case "presumed":
		return l.t("presumed")
	case "outside_customers":
		return l.t("outside_customers")
	}
	return l.t("outside_complaints")
}
