package csat

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// ReportInput is what a period's [Report] is built from. Only Period and
// Table are required; every other part is computed when given.
type ReportInput struct {
	Period string
	// Table is the period's survey: sources [SourceSurvey], optionally
	// [SourceSelf] and [SourceCompetitor].
	Table *Table
	// Level is the confidence level of the intervals (zero: 0.95); Alpha
	// the significance level of the tests (zero: 0.05).
	Level, Alpha decimal.Decimal
	// Blend combines self-assessment and survey; nil means [SelfSurvey].
	Blend *Blend
	// MinCompetitorForms is the plan's minimum (zero: 10).
	MinCompetitorForms uint64
	// History holds earlier periods, oldest first; with it the report
	// has a trend over History + this period, against the period at
	// Baseline (an index into that series).
	History  []Period
	Baseline int
	// DegreeHistory and RateHistory are past yearly figures for the
	// average-advanced targets (fractions, like the degree and rate).
	DegreeHistory, RateHistory []decimal.Decimal
	TargetMethod               TargetMethod
	// Customers are per-customer scores; Company configures their view.
	Customers []CustomerScore
	Company   *CompanyOptions
	// Complaints of the period, with their options.
	Complaints       []Complaint
	ComplaintOptions *ComplaintOptions
	// Actions are the corrective and preventive actions to list.
	Actions []Action
}

// ItemFigures are the degree and rate of one item (or of all items, Item
// "") for one source, with their confidence intervals.
type ItemFigures struct {
	Item           string    `json:"item"`
	Answers        uint64    `json:"answers"`
	Degree         Result    `json:"degree"`
	Rate           Result    `json:"rate"`
	DegreeInterval *Interval `json:"degree_interval,omitempty"`
	RateInterval   Interval  `json:"rate_interval"`
}

// SourceFigures are the figures of one source: overall, then per item.
type SourceFigures struct {
	Source  string        `json:"source"`
	Overall ItemFigures   `json:"overall"`
	Items   []ItemFigures `json:"items"`
}

// TargetFigures are the year's targets and whether the period meets them
// (decided on exact values).
type TargetFigures struct {
	Degree    *Result `json:"degree,omitempty"`
	DegreeMet *bool   `json:"degree_met,omitempty"`
	Rate      *Result `json:"rate,omitempty"`
	RateMet   *bool   `json:"rate_met,omitempty"`
	// Against says which figures were compared: "overall" (the blend) or
	// "survey".
	Against string `json:"against"`
}

// A Report gathers everything a quality manager reads after a survey
// (客户满意度检查分析报告, METHOD.md §10). It is plain data: it marshals to
// JSON with stable field names (snake case, documented by the field
// tags), numbers as exact decimal strings, every figure with its
// explanation, so a CLI or a web page can render it without computing
// anything.
type Report struct {
	Period       string             `json:"period"`
	Scale        string             `json:"scale"`
	Sources      []SourceFigures    `json:"sources"`
	Overall      *OverallFigures    `json:"overall,omitempty"`
	Dissatisfied []DissatisfiedCell `json:"dissatisfied"`
	Pareto       []ParetoEntry      `json:"pareto"`
	Gaps         []Gap              `json:"gaps"`
	Competitor   []ItemComparison   `json:"competitor,omitempty"`
	Trend        *TrendReport       `json:"trend,omitempty"`
	Targets      *TargetFigures     `json:"targets,omitempty"`
	Company      *Company           `json:"company,omitempty"`
	Customers    []CustomerScore    `json:"customers,omitempty"`
	Complaints   *ComplaintFigures  `json:"complaints,omitempty"`
	Actions      []Action           `json:"actions,omitempty"`
	// Warnings list what weakens the report (too few competitor forms, a
	// figure that could not be computed); never hidden.
	Warnings []string `json:"warnings,omitempty"`
}

// OverallFigures are the blended self-assessment and survey figures.
type OverallFigures struct {
	Degree Result `json:"degree"`
	Rate   Result `json:"rate"`
}

// BuildReport computes the report of a period. A missing table or period
// name is [ErrMissing]; a table without survey answers [ErrEmpty]; errors
// of the parts given (customers, complaints, actions, trend) are returned
// as they are.
func BuildReport(in ReportInput) (Report, error) {
	if in.Table == nil || in.Period == "" {
		return Report{}, errorf(ErrMissing, "report: period name and table are required")
	}
	rep := Report{Period: in.Period, Scale: in.Table.scale.Name()}
	for _, src := range sourceOrder(in.Table.Sources()) {
		sf, warn, err := sourceFigures(in.Table, src, in.Level)
		if err != nil {
			return Report{}, err
		}
		rep.Warnings = append(rep.Warnings, warn...)
		rep.Sources = append(rep.Sources, sf)
	}
	survey, err := in.Table.Total(SourceSurvey)
	if err != nil {
		return Report{}, err
	}
	sd, err := Degree{}.Score(survey)
	if err != nil {
		return Report{}, &prefixed{prefix: "report: survey", err: err}
	}
	sr, _ := Rate{}.Score(survey)
	curDegree, curRate, against := sd, sr, "survey"
	self, err := in.Table.Total(SourceSelf)
	if err != nil {
		return Report{}, err
	}
	if n, _ := self.N(); n > 0 {
		b := in.Blend
		if b == nil {
			b = SelfSurvey()
		}
		selfD, _ := Degree{}.Score(self)
		selfR, _ := Rate{}.Score(self)
		od, err := b.Combine(map[string]Result{SourceSelf: selfD, SourceSurvey: sd})
		if err != nil {
			return Report{}, err
		}
		or, err := b.Combine(map[string]Result{SourceSelf: selfR, SourceSurvey: sr})
		if err != nil {
			return Report{}, err
		}
		rep.Overall = &OverallFigures{Degree: od.WithLabel("overall degree 整体满意度"), Rate: or.WithLabel("overall rate 整体满意率")}
		curDegree, curRate, against = od, or, "overall"
	}
	rep.Dissatisfied = Dissatisfied(in.Table)
	rep.Pareto = Pareto(in.Table, SourceSurvey)
	rep.Gaps = Gaps(in.Table)
	copts := &CompareOptions{Alpha: in.Alpha, MinCompetitorForms: in.MinCompetitorForms}
	if slices.Contains(in.Table.Sources(), SourceCompetitor) {
		cs, err := CompareCompetitor(in.Table, copts)
		switch {
		case errors.Is(err, ErrEmpty):
			rep.Warnings = append(rep.Warnings, "competitor answers share no item with the survey")
		case err != nil:
			return Report{}, err
		default:
			rep.Competitor = cs
			for _, c := range cs {
				for _, w := range c.Rate.Warnings {
					rep.Warnings = append(rep.Warnings, itemName(c.Item)+": "+w)
				}
			}
		}
	}
	if len(in.History) > 0 {
		series := append(slices.Clone(in.History), Period{Name: in.Period, Table: in.Table})
		tr, err := Trend(series, SourceSurvey, in.Baseline, copts)
		if err != nil {
			return Report{}, err
		}
		rep.Trend = &tr
	}
	if len(in.DegreeHistory) > 0 || len(in.RateHistory) > 0 {
		tf := &TargetFigures{Against: against}
		if tf.Degree, tf.DegreeMet, err = attainment(in.DegreeHistory, in.TargetMethod, curDegree); err != nil {
			return Report{}, err
		}
		if tf.Rate, tf.RateMet, err = attainment(in.RateHistory, in.TargetMethod, curRate); err != nil {
			return Report{}, err
		}
		rep.Targets = tf
	}
	if len(in.Customers) > 0 {
		co, err := CompanyView(in.Customers, in.Company)
		if err != nil {
			return Report{}, err
		}
		rep.Company = &co
		rep.Customers = slices.Clone(in.Customers)
		slices.SortFunc(rep.Customers, func(a, b CustomerScore) int { return strings.Compare(a.ID, b.ID) })
	}
	if len(in.Complaints) > 0 {
		cf, err := AnalyzeComplaints(in.Complaints, in.ComplaintOptions)
		if err != nil {
			return Report{}, err
		}
		rep.Complaints = &cf
	}
	for _, a := range in.Actions {
		if err := a.Validate(); err != nil {
			return Report{}, err
		}
	}
	rep.Actions = slices.Clone(in.Actions)
	slices.SortStableFunc(rep.Actions, func(a, b Action) int {
		return cmp.Or(a.Due.Compare(b.Due), strings.Compare(a.Item, b.Item))
	})
	return rep, nil
}

// attainment returns the target of a history of fractions and whether
// current meets it (exactly); nothing for an empty history.
func attainment(history []decimal.Decimal, method TargetMethod, current Result) (*Result, *bool, error) {
	if len(history) == 0 {
		return nil, nil, nil
	}
	tg, err := Target(history, method, Fraction)
	if err != nil {
		return nil, nil, err
	}
	met := current.Rat().Cmp(tg.Rat()) >= 0
	return &tg, &met, nil
}

// sourceOrder puts survey, self-assessment and competitor first, then any
// other sources in byte order.
func sourceOrder(srcs []string) []string {
	rank := func(s string) int {
		switch s {
		case SourceSurvey:
			return 0
		case SourceSelf:
			return 1
		case SourceCompetitor:
			return 2
		}
		return 3
	}
	out := slices.Clone(srcs)
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b)) })
	return out
}

func itemName(item string) string {
	if item == "" {
		return "overall"
	}
	return item
}

func sourceFigures(t *Table, src string, level decimal.Decimal) (SourceFigures, []string, error) {
	sf := SourceFigures{Source: src}
	var warns []string
	figures := func(item string, tl Tally) (ItemFigures, error) {
		n, err := tl.N()
		if err != nil {
			return ItemFigures{}, err
		}
		f := ItemFigures{Item: item, Answers: n}
		if f.Degree, err = (Degree{}).Score(tl); err != nil {
			return f, err
		}
		f.Rate, _ = Rate{}.Score(tl)
		if f.RateInterval, err = RateInterval(tl, level); err != nil {
			return f, err
		}
		di, err := DegreeInterval(tl, level)
		switch {
		case errors.Is(err, ErrTooFew):
			warns = append(warns, src+" "+itemName(item)+": no degree interval with "+decimal.NewFromUint64(n).String()+" answer")
		case err != nil:
			return f, err
		default:
			f.DegreeInterval = &di
		}
		return f, nil
	}
	total, err := t.Total(src)
	if err != nil {
		return sf, nil, err
	}
	if sf.Overall, err = figures("", total); err != nil {
		return sf, nil, err
	}
	for _, it := range t.Items() {
		tl := t.tally(Cell{it, src})
		if n, _ := tl.N(); n == 0 {
			continue
		}
		f, err := figures(it, tl)
		if err != nil {
			return sf, nil, err
		}
		sf.Items = append(sf.Items, f)
	}
	return sf, warns, nil
}
