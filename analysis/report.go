package analysis

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
	"github.com/csatkit/csat/internal/enum"
	"github.com/shopspring/decimal"
)

// Input is what a period's [Report] is built from. Only Period and Table
// are required; every other part is computed when given. Every step runs
// through csat's interfaces, so a user's own [csat.Scorer],
// [csat.WeightingScheme], [csat.LoyaltyMetric] or [csat.Segmenter] goes
// wherever a built-in goes.
type Input struct {
	Period string
	// Table is the period's survey: sources [csat.SourceSurvey],
	// optionally [csat.SourceSelf] and [csat.SourceCompetitor].
	Table *csat.Table
	// Headlines are the headline figures, computed per source, per item
	// and overall, in this order, each with the history its target is
	// set from; nil means the method's: [csat.Degree] and [csat.Rate],
	// without targets.
	Headlines []Headline
	// Confidence of the intervals (zero: 95%); Alpha the significance
	// level of the tests (zero: 0.05).
	Confidence csat.Confidence
	Alpha      decimal.Decimal
	// Blend combines each headline figure of the self-assessment and the
	// survey (sources [csat.SourceSelf] and [csat.SourceSurvey]); nil
	// means [csat.SelfSurvey].
	Blend csat.WeightingScheme
	// MinCompetitorForms is the plan's minimum (zero: 10).
	MinCompetitorForms uint64
	// History holds earlier periods, oldest first; with it the report
	// has a trend over History + this period, against the period at
	// Baseline (an index into that series), and the control chart of the
	// survey's rate over the same periods.
	History  []csat.Period
	Baseline int
	// TargetMethod is the reading of the targets of the headlines.
	TargetMethod TargetMethod
	// Customers are per-customer scores; Company configures their view.
	Customers []csat.CustomerScore
	Company   *CompanyOptions
	// Complaints of the period, with their options.
	Complaints       []csat.Complaint
	ComplaintOptions *ComplaintOptions
	// Actions are the corrective and preventive actions to list.
	Actions []Action
	// Loyalty metrics, each computed over LoyaltyData, in order.
	Loyalty     []csat.LoyaltyMetric
	LoyaltyData csat.LoyaltyData
	// Values are the customers' values to segment (CLVs); Segmenter
	// grades them, nil meaning [csat.ABC].
	Values    []csat.CustomerValue
	Segmenter csat.Segmenter
	// Forms are the period's returned forms (package form): with them
	// the report counts forms, answers and blanks and breaks the survey
	// down by every dimension of the forms' attributes ([Breakdowns]).
	// Their answers must be the Table's, source by source (Table may be
	// Forms.Table()): a difference is [csat.ErrInvalid], a scale other
	// than the Table's [csat.ErrScaleMismatch].
	Forms *form.Stats
	// MinSample is the sample-size rule of the breakdowns (zero fields:
	// 30 forms for a small sample, 5 to suppress). Every report applies
	// it: the breakdowns flag and suppress by it, and every competitor
	// comparison and main area of dissatisfaction resting on fewer
	// answers than the small sample is cautioned in the warnings.
	MinSample MinSample
	// Sent is the fieldwork per stratum, for the response rate
	// ([ResponseRate]); it needs Forms ([csat.ErrMissing] without).
	Sent *Sent
	// Importance is the method that gives the items their importance
	// (package importance: stated, correlation, Shapley, relative
	// weights, or a user's own), read from Forms' survey forms
	// ([csat.ErrMissing] without Forms); nil means none. With it the
	// report has the items' importance and their importance–performance
	// quadrant ([Quadrant], configured by Quadrant; nil means the
	// method's defaults), whose fix-first items without a corrective
	// action in Actions are cautioned ([CautionNoAction]).
	Importance importance.Method
	Quadrant   *QuadrantOptions
	// Status is each customer's standing (正常, 风险, 流失) by customer id,
	// for churn; a customer of Customers not in it has its score's
	// Status (the two must agree, else [csat.ErrInvalid]). When Forms'
	// survey forms name their customers and Complaints, Customers or
	// Status are given, the report relates each surveyed customer's
	// degree to its complaints and its status ([Churn]); a surveyed
	// customer without a status counts as active.
	Status map[string]csat.Status
	// Benchmarks are outside figures (industry average, industry
	// leader, world leader) to compare the survey's headline figures
	// with ([Benchmarks]).
	Benchmarks []Benchmark
}

// A Headline is one headline figure of a report: the scorer that
// computes it and the figure's past yearly values (fractions like the
// figures, 0.82 for 82%). A non-empty TargetHistory gives the figure an
// average-advanced target ([Target]) and says whether the period meets
// it. A scorer that is a [csat.IntervalScorer] gets an interval beside
// each figure.
type Headline struct {
	Scorer        csat.Scorer
	TargetHistory []decimal.Decimal
}

// A Figure is one headline figure of one item and source: the score and,
// when its scorer is an [csat.IntervalScorer], the interval around it.
type Figure struct {
	Score    csat.Result    `json:"score"`
	Interval *csat.Interval `json:"interval,omitempty"`
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
	// Against says which figure was compared: the blend of
	// self-assessment and survey, or the survey's.
	Against Against `json:"against"`
	// Figure is the index of the headline figure (of its headline in
	// [Input].Headlines; with the defaults 0 is the degree, 1 the rate).
	Figure  int          `json:"figure"`
	Current csat.Result  `json:"current"`
	Target  TargetResult `json:"target"`
	Met     bool         `json:"met"`
}

// Against says which figure a target is compared with.
type Against uint8

// The figures a target is compared with. The zero Against is not one.
const (
	// AgainstOverall is the blend of self-assessment and survey
	// (整体满意度), when the table has both.
	AgainstOverall Against = iota + 1
	// AgainstSurvey is the survey's figure, when the table has no
	// self-assessment.
	AgainstSurvey
)

var againstNames = [...]string{AgainstOverall: "overall", AgainstSurvey: "survey"}

// String returns "overall" or "survey".
func (a Against) String() string { return againstEnum.String(a) }

// MarshalText encodes the figure by its name; the zero or an unknown
// value is an error wrapping [csat.ErrInvalid].
func (a Against) MarshalText() ([]byte, error) { return againstEnum.MarshalText(a) }

// UnmarshalText decodes "overall" or "survey"; any other text is an
// error wrapping [csat.ErrInvalid].
func (a *Against) UnmarshalText(text []byte) error { return againstEnum.UnmarshalText(text, a) }

// The names of the enums of this file (the one mechanism: internal/enum).
var againstEnum = enum.New[Against]("Against", "target comparison", csat.ErrInvalid, errorf, againstNames[:]...)

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
	Levels  []csat.Level    `json:"levels"`
	Sources []SourceFigures `json:"sources"`
	// Overall holds the blend of self-assessment and survey of each
	// headline figure (整体满意度), when the table has both.
	Overall      []csat.Result        `json:"overall,omitempty"`
	Dissatisfied []DissatisfiedCell   `json:"dissatisfied"`
	Pareto       []ParetoEntry        `json:"pareto"`
	Gaps         []Gap                `json:"gaps"`
	Competitor   []ItemComparison     `json:"competitor,omitempty"`
	Trend        *TrendReport         `json:"trend,omitempty"`
	Targets      []TargetFigure       `json:"targets,omitempty"`
	Company      *CompanyFigures      `json:"company,omitempty"`
	Customers    []csat.CustomerScore `json:"customers,omitempty"`
	Complaints   *ComplaintFigures    `json:"complaints,omitempty"`
	Actions      []Action             `json:"actions,omitempty"`
	Loyalty      []csat.Result        `json:"loyalty,omitempty"`
	Segments     []csat.Assignment    `json:"segments,omitempty"`
	Classes      []csat.ClassSummary  `json:"classes,omitempty"`
	// Forms counts the returned forms, answers and blanks (with
	// Input.Forms).
	Forms *FormCounts `json:"forms,omitempty"`
	// Groups break the survey's headline figures down by customer group
	// (with Input.Forms), one Breakdown per dimension and figure.
	Groups []Breakdown `json:"groups,omitempty"`
	// MinSample is the sample-size rule the report applied (with Groups).
	MinSample *MinSample `json:"min_sample,omitempty"`
	// Response is the response rate (with Input.Sent).
	Response *Response `json:"response,omitempty"`
	// Control is the p-chart of the survey's rate over the trend's
	// periods (with Input.History).
	Control *ControlChart `json:"control,omitempty"`
	// Importance is the items' importance (with Input.Importance), and
	// Quadrant their importance–performance quadrant (四分图) with the
	// items to fix first.
	Importance *importance.Set `json:"importance,omitempty"`
	Quadrant   *QuadrantReport `json:"quadrant,omitempty"`
	// Churn relates each surveyed customer's degree to its complaints
	// and status (with Input.Forms naming customers, and complaints or
	// statuses).
	Churn *ChurnFigures `json:"churn,omitempty"`
	// Benchmarks are the survey's figures against the benchmarks given
	// (with Input.Benchmarks).
	Benchmarks []BenchmarkGap `json:"benchmarks,omitempty"`
	// Cautions say which figures rest on a small sample and where the
	// fieldwork fell short of the plan (METHOD.md §12), as data for each
	// output to word in its language; each is also shown beside its
	// figure.
	Cautions []Caution `json:"cautions,omitempty"`
	// Warnings list what weakens the report (too few competitor forms, a
	// figure that could not be computed); never hidden.
	Warnings []string `json:"warnings,omitempty"`
}

// report is Report without its methods, for decoding.
type report Report

// UnmarshalJSON decodes what json.Marshal makes of a Report, strictly:
// unknown, repeated or case-folded keys anywhere, trailing data, invalid
// UTF-8, values inconsistent with their own explanations, and parts that
// contradict the parts they follow from (levels that make no scale,
// counts that do not add up, figures, dissatisfied cells, Pareto shares,
// gaps or targets that are not those of the counts; form counts that do
// not add up, breakdowns whose flags, order, Holm-adjusted p-values or
// letters do not follow, response rates that are not returned / sent, a
// control chart that is not the p-chart of its counts) are errors wrapping
// [csat.ErrCorrupt] naming the field. The decoded report equals the
// encoded one and marshals to the same bytes.
func (r *Report) UnmarshalJSON(data []byte) error {
	var v report
	if err := decodeStrict("report", data, &v); err != nil {
		return jsonError("report", err)
	}
	if err := v.check(); err != nil {
		return err
	}
	*r = Report(v)
	return nil
}

// Build computes the report of a period, step by step as a quality
// manager reads it: the headline figures, the analysis of
// dissatisfaction, competitor and trend, the targets, the customers
// (company view, complaints, actions) and their loyalty and segments;
// with forms, the counts of forms, answers and blanks, the breakdowns by
// customer group and the response rate; with history, the control chart;
// always, the small-sample cautions. A
// missing table or period name is [csat.ErrMissing]; a nil scorer
// [csat.ErrInvalid]; a table without survey answers [csat.ErrEmpty];
// errors of the parts given (customers, complaints, actions, trend,
// metrics, segmenter, forms, forms sent) are returned as they are.
func Build(in Input) (Report, error) {
	if in.Table == nil || in.Table.Scale() == nil || in.Period == "" {
		return Report{}, errorf(csat.ErrMissing, "report: period name and table are required")
	}
	headlines := in.Headlines
	if headlines == nil {
		headlines = []Headline{{Scorer: csat.Degree{}}, {Scorer: csat.Rate{}}}
	}
	for i, h := range headlines {
		if h.Scorer == nil {
			return Report{}, errorf(csat.ErrInvalid, "report: scorer %d is nil", i)
		}
	}
	rep := Report{Period: in.Period, Scale: in.Table.Scale().Name(), Levels: in.Table.Scale().Levels()}
	current, against, err := rep.headlineFigures(in, headlines)
	if err != nil {
		return Report{}, err
	}
	if err := rep.analyse(in); err != nil {
		return Report{}, err
	}
	if err := rep.formFigures(in, headlines); err != nil {
		return Report{}, err
	}
	if err := rep.targets(in.TargetMethod, headlines, current, against); err != nil {
		return Report{}, err
	}
	if err := rep.customers(in); err != nil {
		return Report{}, err
	}
	if err := rep.priorities(in); err != nil {
		return Report{}, err
	}
	if err := rep.loyalty(in); err != nil {
		return Report{}, err
	}
	return rep, nil
}

// headlineFigures sets the figures of every source, overall and per item,
// and the blend of self-assessment and survey; it returns the period's
// figure of each headline, and which figure that is (the blend when the
// table has a self-assessment, else the survey's).
func (rep *Report) headlineFigures(in Input, headlines []Headline) ([]csat.Result, Against, error) {
	scorers := make([]csat.Scorer, len(headlines))
	for i, h := range headlines {
		scorers[i] = h.Scorer
	}
	for _, src := range sourceOrder(in.Table.Sources()) {
		sf, warn, err := sourceFigures(in.Table, src, scorers, in.Confidence)
		if err != nil {
			return nil, 0, err
		}
		rep.Warnings = append(rep.Warnings, warn...)
		rep.Sources = append(rep.Sources, sf)
	}
	survey, err := in.Table.Total(csat.SourceSurvey)
	if err != nil {
		return nil, 0, err
	}
	self, err := in.Table.Total(csat.SourceSelf)
	if err != nil {
		return nil, 0, err
	}
	blend := in.Blend
	if blend == nil {
		blend = csat.SelfSurvey()
	}
	hasSelf := !empty(self)
	current := make([]csat.Result, len(scorers))
	for i, s := range scorers {
		sv, err := s.Score(survey)
		if err != nil {
			return nil, 0, errorf(err, "report: survey")
		}
		current[i] = sv
		if !hasSelf {
			continue
		}
		sl, err := s.Score(self)
		if err != nil {
			return nil, 0, errorf(err, "report: self-assessment")
		}
		ov, err := blend.Combine(map[string]csat.Result{csat.SourceSelf: sl, csat.SourceSurvey: sv})
		if err != nil {
			return nil, 0, err
		}
		ov = ov.WithLabel("overall " + sv.Label())
		rep.Overall = append(rep.Overall, ov)
		current[i] = ov
	}
	if hasSelf {
		return current, AgainstOverall, nil
	}
	return current, AgainstSurvey, nil
}

// analyse sets the analysis of the survey: the dissatisfied answers and
// their Pareto ordering, the self-assessment gaps, the comparison with
// the competitor and the trend over the history.
func (rep *Report) analyse(in Input) error {
	var err error
	if rep.Dissatisfied, err = Dissatisfied(in.Table); err != nil {
		return err
	}
	if rep.Pareto, err = Pareto(in.Table, csat.SourceSurvey); err != nil {
		return err
	}
	if rep.Gaps, err = Gaps(in.Table); err != nil {
		return err
	}
	copts := &CompareOptions{Alpha: in.Alpha, MinCompetitorForms: in.MinCompetitorForms}
	if slices.Contains(in.Table.Sources(), csat.SourceCompetitor) {
		cs, err := CompareCompetitor(in.Table, copts)
		switch {
		case errors.Is(err, csat.ErrEmpty):
			rep.Warnings = append(rep.Warnings, "competitor answers share no item with the survey")
		case err != nil:
			return err
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
		series := append(slices.Clone(in.History), csat.Period{Name: in.Period, Table: in.Table})
		tr, err := Trend(series, csat.SourceSurvey, in.Baseline, copts)
		if err != nil {
			return err
		}
		rep.Trend = &tr
		cc, err := ControlChartOf(series, csat.SourceSurvey)
		if err != nil {
			return err
		}
		rep.Control = &cc
	}
	return nil
}

// targets sets the target of each headline with a history, against the
// period's figure.
func (rep *Report) targets(method TargetMethod, headlines []Headline, current []csat.Result, against Against) error {
	for i, h := range headlines {
		if len(h.TargetHistory) == 0 {
			continue
		}
		tg, err := Target(h.TargetHistory, method, current[i].Kind())
		if err != nil {
			return err
		}
		rep.Targets = append(rep.Targets, TargetFigure{Against: against, Figure: i, Current: current[i], Target: tg,
			Met: current[i].Cmp(tg.Target) >= 0})
	}
	return nil
}

// customers sets the company view and the customers' scores, the
// complaint figures and the actions.
func (rep *Report) customers(in Input) error {
	if len(in.Customers) > 0 {
		co, err := Company(in.Customers, in.Company)
		if err != nil {
			return err
		}
		rep.Company = &co
		rep.Customers = slices.Clone(in.Customers)
		slices.SortFunc(rep.Customers, func(a, b csat.CustomerScore) int { return strings.Compare(a.ID, b.ID) })
	}
	if len(in.Complaints) > 0 {
		cf, err := Complaints(in.Complaints, in.ComplaintOptions)
		if err != nil {
			return err
		}
		rep.Complaints = &cf
	}
	for _, a := range in.Actions {
		if err := a.Validate(); err != nil {
			return err
		}
	}
	rep.Actions = slices.Clone(in.Actions)
	slices.SortStableFunc(rep.Actions, func(a, b Action) int {
		return cmp.Or(a.Due.Compare(b.Due), strings.Compare(a.Item, b.Item))
	})
	return nil
}

// loyalty sets the loyalty metrics and the customers' segments.
func (rep *Report) loyalty(in Input) error {
	for i, m := range in.Loyalty {
		if m == nil {
			return errorf(csat.ErrInvalid, "report: loyalty metric %d is nil", i)
		}
		r, err := m.Loyalty(in.LoyaltyData)
		if err != nil {
			return errorf(err, "report: loyalty metric %d", i+1)
		}
		rep.Loyalty = append(rep.Loyalty, r)
	}
	if len(in.Values) == 0 {
		return nil
	}
	seg := in.Segmenter
	if seg == nil {
		seg = csat.ABC{}
	}
	var err error
	if rep.Segments, err = seg.Segment(in.Values); err != nil {
		return err
	}
	rep.Classes, err = csat.Summarize(rep.Segments)
	return err
}

// sourceOrder puts survey, self-assessment and competitor first, then any
// other sources in byte order.
func sourceOrder(srcs []string) []string {
	rank := func(s string) int {
		switch s {
		case csat.SourceSurvey:
			return 0
		case csat.SourceSelf:
			return 1
		case csat.SourceCompetitor:
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

func sourceFigures(t *csat.Table, src string, scorers []csat.Scorer, c csat.Confidence) (SourceFigures, []string, error) {
	sf := SourceFigures{Source: src}
	var warns []string
	figures := func(item string, tl csat.Tally) (ItemFigures, error) {
		n, err := tl.N()
		if err != nil {
			return ItemFigures{}, &csat.CellError{Item: itemName(item), Source: src, Err: err}
		}
		f := ItemFigures{Item: item, Answers: n, Counts: tl.Counts()}
		for _, s := range scorers {
			var fig Figure
			if fig.Score, err = s.Score(tl); err != nil {
				return f, &csat.CellError{Item: itemName(item), Source: src, Err: err}
			}
			if is, ok := s.(csat.IntervalScorer); ok {
				iv, err := is.Interval(tl, c)
				switch {
				case errors.Is(err, csat.ErrTooFew):
					warns = append(warns, src+" "+itemName(item)+": no interval for "+fig.Score.Label()+" with "+decimal.NewFromUint64(n).String()+" answer(s)")
				case err != nil:
					return f, &csat.CellError{Item: itemName(item), Source: src, Err: err}
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
		tl := cell(t, it, src)
		if empty(tl) {
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
