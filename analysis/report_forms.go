package analysis

import (
	"strconv"

	"github.com/csatkit/csat"
)

// formFigures sets what the report draws from the forms: the counts of
// forms, answers and blanks, the breakdowns by customer group, the
// response rate, and the sample-size rule with its cautions on the
// findings (competitor comparison, main areas of dissatisfaction). The
// rule applies when the report has forms or a MinSample; a report of a
// table alone, without a MinSample, is as before.
func (rep *Report) formFigures(in Input, headlines []Headline) error {
	if in.Sent != nil && in.Forms == nil {
		return errorf(csat.ErrMissing, "report: forms sent are given but no returned forms")
	}
	if !in.formView() {
		return nil
	}
	ms, err := in.MinSample.resolve()
	if err != nil {
		return err
	}
	rep.MinSample = &ms
	rep.Warnings = append(rep.Warnings, rep.cautions(ms)...)
	if in.Forms == nil {
		return nil
	}
	if !in.Forms.Scale().Equal(in.Table.Scale()) {
		return errorf(csat.ErrScaleMismatch, "report: the forms' scale is not the table's")
	}
	if err := sameAnswers(in.Forms, in.Table); err != nil {
		return err
	}
	rep.Forms = formCounts(in.Forms)
	scorers := make([]csat.Scorer, len(headlines))
	for i, h := range headlines {
		scorers[i] = h.Scorer
	}
	if rep.Groups, err = Breakdowns(in.Forms, scorers, &BreakdownOptions{Alpha: in.Alpha, Confidence: in.Confidence, MinSample: ms}); err != nil {
		return err
	}
	rep.Warnings = append(rep.Warnings, groupWarnings(rep.Groups, ms)...)
	if in.Sent != nil {
		r, err := ResponseRate(in.Forms, in.Sent)
		if err != nil {
			return err
		}
		rep.Response = &r
		rep.Warnings = append(rep.Warnings, responseWarnings(&r)...)
	}
	return nil
}

// cautions warns of every competitor comparison and every main area of
// dissatisfaction resting on fewer answers than the small sample, with
// their numbers (the answers to an item are the forms that answered it).
func (rep *Report) cautions(ms MinSample) []string {
	answers := map[[2]string]uint64{}
	for _, sf := range rep.Sources {
		answers[[2]string{sf.Source, ""}] = sf.Overall.Answers
		for _, f := range sf.Items {
			answers[[2]string{sf.Source, f.Item}] = f.Answers
		}
	}
	small := strconv.FormatUint(ms.Small, 10)
	var out []string
	for _, c := range rep.Competitor {
		ours, theirs := answers[[2]string{csat.SourceSurvey, c.Item}], answers[[2]string{csat.SourceCompetitor, c.Item}]
		if ours >= ms.Small && theirs >= ms.Small {
			continue
		}
		verdict := "no significant difference"
		if c.Rate.Significant || c.Degree.Significant {
			verdict = "a significant difference"
		}
		out = append(out, "small sample: competitor comparison of "+itemName(c.Item)+" ("+verdict+") rests on "+
			strconv.FormatUint(ours, 10)+" survey and "+strconv.FormatUint(theirs, 10)+" competitor answers, fewer than "+small)
	}
	for _, p := range rep.Pareto {
		n := answers[[2]string{csat.SourceSurvey, p.Item}]
		if n >= ms.Small {
			continue
		}
		out = append(out, "small sample: dissatisfaction with "+p.Item+" rests on "+strconv.FormatUint(p.Count, 10)+
			" dissatisfied of "+strconv.FormatUint(n, 10)+" survey answers, fewer than "+small)
	}
	return out
}

// formView reports whether the report applies the sample-size rule and
// draws the control chart: with forms or a MinSample.
func (in *Input) formView() bool { return in.Forms != nil || in.MinSample != (MinSample{}) }
