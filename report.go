package csat

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// ReportInput is what a period's [Report] is built from. Only Period and
// Table are required; every other part is computed when given. Every
// step runs through the package's interfaces, so a user's own [Scorer],
// [WeightingScheme], [LoyaltyMetric] or [Segmenter] goes wherever a
// built-in goes.
type ReportInput struct {
	Period string
	// Table is the period's survey: sources [SourceSurvey], optionally
	// [SourceSelf] and [SourceCompetitor].
	Table *Table
	// Scorers compute the headline figures, per source, per item and
	// overall, in this order; nil means the method's: [Degree] and
	// [Rate]. A scorer that is an [IntervalScorer] gets an interval
	// beside each figure.
	Scorers []Scorer
	// Confidence of the intervals (zero: 95%); Alpha the significance
	// level of the tests (zero: 0.05).
	Confidence Confidence
	Alpha      decimal.Decimal
	// Blend combines each headline figure of the self-assessment and the
	// survey (sources [SourceSelf] and [SourceSurvey]); nil means
	// [SelfSurvey].
	Blend WeightingScheme
	// MinCompetitorForms is the plan's minimum (zero: 10).
	MinCompetitorForms uint64
	// History holds earlier periods, oldest first; with it the report
	// has a trend over History + this period, against the period at
	// Baseline (an index into that series).
	History  []Period
	Baseline int
	// TargetHistories are past yearly values of the headline figures,
	// one list per scorer in the order of Scorers (with the defaults:
	// degree, then rate; fractions like the figures); each non-empty
	// list gives an average-advanced target ([Target]) and whether the
	// period meets it. More lists than scorers is [ErrInvalid].
	TargetHistories [][]decimal.Decimal
	TargetMethod    TargetMethod
	// Customers are per-customer scores; Company configures their view.
	Customers []CustomerScore
	Company   *CompanyOptions
	// Complaints of the period, with their options.
	Complaints       []Complaint
	ComplaintOptions *ComplaintOptions
	// Actions are the corrective and preventive actions to list.
	Actions []Action
	// Loyalty metrics, each computed over LoyaltyData, in order.
	Loyalty     []LoyaltyMetric
	LoyaltyData LoyaltyData
	// Values are the customers' values to segment (CLVs); Segmenter
	// grades them, nil meaning [ABC].
	Values    []CustomerValue
	Segmenter Segmenter
}

// A Figure is one headline figure of one item and source: the score and,
// when its scorer is an [IntervalScorer], the interval around it.
type Figure struct {
	Score    Result    `json:"score"`
	Interval *Interval `json:"interval,omitempty"`
}

// ItemFigures are the headline figures of one item (or of all items, Item
// ""), one per scorer, for one source.
type ItemFigures struct {
	Item    string `json:"item"`
	Answers uint64 `json:"answers"`
	// Counts are the answers per level, in the order of [Report].Levels
	// (what a Likert chart draws); they add up to Answers.
	Counts  []uint64 `json:"counts"`
	Figures []Figure `json:"figures"`
}

// SourceFigures are the figures of one source: overall, then per item.
type SourceFigures struct {
	Source  string        `json:"source"`
	Overall ItemFigures   `json:"overall"`
	Items   []ItemFigures `json:"items"`
}

// A TargetFigure is a year's target for one headline figure beside the
// period's figure, and whether the figure meets it (decided on exact
// values).
type TargetFigure struct {
	// Against says which figure was compared: "overall" (the blend) or
	// "survey".
	Against string `json:"against"`
	// Figure is the index of the headline figure (of its scorer in
	// [ReportInput].Scorers; with the defaults 0 is the degree, 1 the
	// rate).
	Figure  int          `json:"figure"`
	Current Result       `json:"current"`
	Target  TargetResult `json:"target"`
	Met     bool         `json:"met"`
}

// A Report gathers everything a quality manager reads after a survey
// (客户满意度检查分析报告, METHOD.md §10). It is plain data: it marshals to
// JSON with stable field names (snake case, documented by the field
// tags), numbers as exact decimal strings, every figure with its
// explanation, so a CLI or a web page can render it without computing
// anything; and it reads back ([Report.UnmarshalJSON]) to an equal value.
type Report struct {
	Period string `json:"period"`
	Scale  string `json:"scale"`
	// Levels are the levels of the scale, in order: what the counts of
	// [ItemFigures] refer to.
	Levels  []Level         `json:"levels"`
	Sources []SourceFigures `json:"sources"`
	// Overall holds the blend of self-assessment and survey of each
	// headline figure (整体满意度), when the table has both.
	Overall      []Result           `json:"overall,omitempty"`
	Dissatisfied []DissatisfiedCell `json:"dissatisfied"`
	Pareto       []ParetoEntry      `json:"pareto"`
	Gaps         []Gap              `json:"gaps"`
	Competitor   []ItemComparison   `json:"competitor,omitempty"`
	Trend        *TrendReport       `json:"trend,omitempty"`
	Targets      []TargetFigure     `json:"targets,omitempty"`
	Company      *Company           `json:"company,omitempty"`
	Customers    []CustomerScore    `json:"customers,omitempty"`
	Complaints   *ComplaintFigures  `json:"complaints,omitempty"`
	Actions      []Action           `json:"actions,omitempty"`
	Loyalty      []Result           `json:"loyalty,omitempty"`
	Segments     []Assignment       `json:"segments,omitempty"`
	Classes      []ClassSummary     `json:"classes,omitempty"`
	// Warnings list what weakens the report (too few competitor forms, a
	// figure that could not be computed); never hidden.
	Warnings []string `json:"warnings,omitempty"`
}

// report is Report without its methods, for decoding.
type report Report

// UnmarshalJSON decodes what json.Marshal makes of a Report, strictly:
// unknown fields anywhere, and values inconsistent with their own
// explanations, are errors wrapping [ErrCorrupt]. The decoded report
// equals the encoded one and marshals to the same bytes.
func (r *Report) UnmarshalJSON(data []byte) error {
	var v report
	if err := decodeStrict(data, &v); err != nil {
		return jsonError("report", err)
	}
	for _, sf := range v.Sources {
		for _, f := range append([]ItemFigures{sf.Overall}, sf.Items...) {
			if len(f.Counts) != len(v.Levels) {
				return errorf(ErrCorrupt, "report: %s %s: %d counts for %d levels", sf.Source, itemName(f.Item), len(f.Counts), len(v.Levels))
			}
			var sum uint64
			for _, c := range f.Counts {
				if sum+c < sum {
					return errorf(ErrCorrupt, "report: %s %s: counts overflow", sf.Source, itemName(f.Item))
				}
				sum += c
			}
			if sum != f.Answers {
				return errorf(ErrCorrupt, "report: %s %s: counts add up to %d, not %d answers", sf.Source, itemName(f.Item), sum, f.Answers)
			}
		}
	}
	for _, tf := range v.Targets {
		if len(v.Sources) == 0 || tf.Figure < 0 || tf.Figure >= len(v.Sources[0].Overall.Figures) {
			return errorf(ErrCorrupt, "report: target of headline figure %d", tf.Figure)
		}
	}
	*r = Report(v)
	return nil
}

// BuildReport computes the report of a period. A missing table or period
// name is [ErrMissing]; a table without survey answers [ErrEmpty]; errors
// of the parts given (customers, complaints, actions, trend, metrics,
// segmenter) are returned as they are.
func BuildReport(in ReportInput) (Report, error) {
	if in.Table == nil || in.Table.scale == nil || in.Period == "" {
		return Report{}, errorf(ErrMissing, "report: period name and table are required")
	}
	scorers := in.Scorers
	if scorers == nil {
		scorers = []Scorer{Degree{}, Rate{}}
	}
	for i, s := range scorers {
		if s == nil {
			return Report{}, errorf(ErrInvalid, "report: scorer %d is nil", i)
		}
	}
	if len(in.TargetHistories) > len(scorers) {
		return Report{}, errorf(ErrInvalid, "report: %d target histories for %d headline figures", len(in.TargetHistories), len(scorers))
	}
	blend := in.Blend
	if blend == nil {
		blend = SelfSurvey()
	}
	rep := Report{Period: in.Period, Scale: in.Table.scale.Name(), Levels: in.Table.scale.Levels()}
	for _, src := range sourceOrder(in.Table.Sources()) {
		sf, warn, err := sourceFigures(in.Table, src, scorers, in.Confidence)
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
	self, err := in.Table.Total(SourceSelf)
	if err != nil {
		return Report{}, err
	}
	hasSelf := !self.total().IsZero()
	current := make([]Result, len(scorers))
	against := "survey"
	for i, s := range scorers {
		sv, err := s.Score(survey)
		if err != nil {
			return Report{}, wrapf(err, "report: survey")
		}
		current[i] = sv
		if !hasSelf {
			continue
		}
		sl, err := s.Score(self)
		if err != nil {
			return Report{}, wrapf(err, "report: self-assessment")
		}
		ov, err := blend.Combine(map[string]Result{SourceSelf: sl, SourceSurvey: sv})
		if err != nil {
			return Report{}, err
		}
		ov = ov.WithLabel("overall " + sv.Label())
		rep.Overall = append(rep.Overall, ov)
		current[i], against = ov, "overall"
	}
	if rep.Dissatisfied, err = Dissatisfied(in.Table); err != nil {
		return Report{}, err
	}
	if rep.Pareto, err = Pareto(in.Table, SourceSurvey); err != nil {
		return Report{}, err
	}
	if rep.Gaps, err = Gaps(in.Table); err != nil {
		return Report{}, err
	}
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
	for i, h := range in.TargetHistories {
		if len(h) == 0 {
			continue
		}
		tg, err := Target(h, in.TargetMethod, current[i].Kind())
		if err != nil {
			return Report{}, err
		}
		rep.Targets = append(rep.Targets, TargetFigure{Against: against, Figure: i, Current: current[i], Target: tg,
			Met: current[i].Cmp(tg.Target) >= 0})
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
	for i, m := range in.Loyalty {
		if m == nil {
			return Report{}, errorf(ErrInvalid, "report: loyalty metric %d is nil", i)
		}
		r, err := m.Loyalty(in.LoyaltyData)
		if err != nil {
			return Report{}, wrapf(err, "report: loyalty metric %d", i+1)
		}
		rep.Loyalty = append(rep.Loyalty, r)
	}
	if len(in.Values) > 0 {
		seg := in.Segmenter
		if seg == nil {
			seg = ABC{}
		}
		if rep.Segments, err = seg.Segment(in.Values); err != nil {
			return Report{}, err
		}
		if rep.Classes, err = Summarize(rep.Segments); err != nil {
			return Report{}, err
		}
	}
	return rep, nil
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

func sourceFigures(t *Table, src string, scorers []Scorer, c Confidence) (SourceFigures, []string, error) {
	sf := SourceFigures{Source: src}
	var warns []string
	figures := func(item string, tl Tally) (ItemFigures, error) {
		n, err := tl.N()
		if err != nil {
			return ItemFigures{}, &CellError{Item: itemName(item), Source: src, Err: err}
		}
		f := ItemFigures{Item: item, Answers: n, Counts: tl.Counts()}
		for _, s := range scorers {
			var fig Figure
			if fig.Score, err = s.Score(tl); err != nil {
				return f, &CellError{Item: itemName(item), Source: src, Err: err}
			}
			if is, ok := s.(IntervalScorer); ok {
				iv, err := is.Interval(tl, c)
				switch {
				case errors.Is(err, ErrTooFew):
					warns = append(warns, src+" "+itemName(item)+": no interval for "+fig.Score.Label()+" with "+decimal.NewFromUint64(n).String()+" answer(s)")
				case err != nil:
					return f, &CellError{Item: itemName(item), Source: src, Err: err}
				default:
					fig.Interval = &iv
				}
			}
			f.Figures = append(f.Figures, fig)
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
		if tl.total().IsZero() {
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
