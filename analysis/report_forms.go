package analysis

import (
	"github.com/csatkit/csat"
)

// formFigures sets what the report draws from the forms: the counts of
// forms, answers and blanks, the breakdowns by customer group, the
// response rate, and the sample-size rule with its cautions on the
// findings (competitor comparison, main areas of dissatisfaction). The
// rule and its cautions apply to every report, with forms or without.
func (rep *Report) formFigures(in Input, headlines []Headline) error {
	if in.Sent != nil && in.Forms == nil {
		return errorf(csat.ErrMissing, "report: forms sent are given but no returned forms")
	}
	ms, err := in.MinSample.resolve()
	if err != nil {
		return err
	}
	rep.MinSample = &ms
	rep.Cautions = append(rep.Cautions, rep.cautions(ms)...)
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
	rep.Cautions = append(rep.Cautions, groupCautions(in.Forms, rep.Groups, ms)...)
	if in.Sent != nil {
		r, err := ResponseRate(in.Forms, in.Sent)
		if err != nil {
			return err
		}
		rep.Response = &r
		rep.Cautions = append(rep.Cautions, responseCautions(&r)...)
	}
	return nil
}

// cautions warns of every competitor comparison and every main area of
// dissatisfaction resting on fewer answers than the small sample, with
// their numbers (the answers to an item are the forms that answered it).
func (rep *Report) cautions(ms MinSample) []Caution {
	answers := map[[2]string]uint64{}
	for _, sf := range rep.Sources {
		answers[[2]string{sf.Source, ""}] = sf.Overall.Answers
		for _, f := range sf.Items {
			answers[[2]string{sf.Source, f.Item}] = f.Answers
		}
	}
	var out []Caution
	for _, c := range rep.Competitor {
		ours, theirs := answers[[2]string{csat.SourceSurvey, c.Item}], answers[[2]string{csat.SourceCompetitor, c.Item}]
		if ours >= ms.Small && theirs >= ms.Small {
			continue
		}
		out = append(out, Caution{Kind: CautionCompetitor, Subject: c.Item, N: []uint64{ours, theirs}, Limit: ms.Small,
			Significant: c.Rate.Significant || c.Degree.Significant})
	}
	for _, p := range rep.Pareto {
		n := answers[[2]string{csat.SourceSurvey, p.Item}]
		if n >= ms.Small {
			continue
		}
		out = append(out, Caution{Kind: CautionDissatisfaction, Subject: p.Item, N: []uint64{p.Count, n}, Limit: ms.Small})
	}
	return out
}
