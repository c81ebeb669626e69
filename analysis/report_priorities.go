package analysis

import (
	"maps"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/importance"
)

// priorities sets what to fix first: the items' importance by the
// method given and their importance–performance quadrant, a caution for
// every fix-first item without a corrective action, and the survey's
// figures against the benchmarks.
func (rep *Report) priorities(in Input) error {
	if in.Quadrant != nil && in.Importance == nil {
		return errorf(csat.ErrMissing, "report: quadrant options are given but no importance method")
	}
	if in.Importance != nil {
		if in.Forms == nil {
			return errorf(csat.ErrMissing, "report: an importance method is given but no returned forms")
		}
		set, err := in.Importance.Importance(importance.Input{Stats: in.Forms, Source: csat.SourceSurvey, Confidence: in.Confidence})
		if err != nil {
			return errorf(err, "report: importance")
		}
		if err := importanceOrder(&set); err != nil {
			return errorf(csat.ErrInvalid, "report: importance %s: %s", quoteShort(set.Method), err)
		}
		q, err := Quadrant(set, in.Table, in.Quadrant)
		if err != nil {
			return err
		}
		rep.Importance, rep.Quadrant = &set, &q
		rep.Cautions = append(rep.Cautions, actionCautions(q.FixFirst, rep.Actions)...)
	}
	if len(in.Benchmarks) > 0 {
		i := slices.IndexFunc(rep.Sources, func(sf SourceFigures) bool { return sf.Source == csat.SourceSurvey })
		if i < 0 {
			return errorf(csat.ErrEmpty, "report: benchmarks but no survey figures")
		}
		bs, err := Benchmarks(rep.Sources[i], in.Benchmarks)
		if err != nil {
			return err
		}
		rep.Benchmarks = bs
	}
	return nil
}

// actionCautions cautions every fix-first item without a corrective
// action among actions (of any status), with its place in the list.
func actionCautions(fixFirst []string, actions []Action) []Caution {
	var out []Caution
	for i, item := range fixFirst {
		if !slices.ContainsFunc(actions, func(a Action) bool { return a.Item == item && a.Kind == Corrective }) {
			out = append(out, Caution{Kind: CautionNoAction, Subject: item, N: []uint64{uint64(i + 1)}})
		}
	}
	return out
}

// churn relates the surveyed customers' degrees to their complaints and
// statuses, when the survey's forms name their customers and
// complaints, customer scores or statuses are given; statuses given
// without such forms are [csat.ErrMissing].
func (rep *Report) churn(in Input) error {
	named := in.Forms != nil && len(in.Forms.Customers(csat.SourceSurvey)) > 0
	if !named {
		if len(in.Status) > 0 {
			return errorf(csat.ErrMissing, "report: customer statuses are given but no survey forms name their customers")
		}
		return nil
	}
	if len(in.Complaints) == 0 && len(in.Customers) == 0 && len(in.Status) == 0 {
		return nil
	}
	status := maps.Clone(in.Status)
	if status == nil {
		status = map[string]csat.Status{}
	}
	for _, cs := range in.Customers {
		if s, ok := status[cs.ID]; ok && s != cs.Status {
			return errorf(csat.ErrInvalid, "report: customer %s is %s by the statuses but %s by its score", quoteShort(cs.ID), s, cs.Status)
		}
		status[cs.ID] = cs.Status
	}
	c, err := Churn(in.Forms, in.Complaints, status, &ChurnOptions{Alpha: in.Alpha, MinSample: *rep.MinSample})
	if err != nil {
		return err
	}
	rep.Churn = &c
	rep.Cautions = append(rep.Cautions, churnCautions(c, *rep.MinSample)...)
	return nil
}
