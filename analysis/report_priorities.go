package analysis

import (
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
