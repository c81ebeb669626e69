package main

import (
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
)

// importanceMethod returns the importance method of the -importance and
// -deletion flags for the survey forms st (nil: none), and a note when
// the choice needs telling.
//
// auto picks, on the survey's forms: with the overall question
// answered, the exact Shapley decomposition of R² (relative weights
// beyond importance.MaxShapleyItems items); otherwise, with every item's
// importance stated, the stated importance; otherwise the item–rest
// correlation; none with fewer than two items. A derived method reads
// the forms complete on every item and the overall question (listwise)
// unless -deletion pairwise; when no form is complete, auto reads each
// pair's forms instead and says so.
func (f *inputFlags) importanceMethod(st *form.Stats, l language) (importance.Method, string, error) {
	var del form.Deletion
	switch strings.ToLower(f.deletion) {
	case "listwise", "":
	case "pairwise":
		del = form.Pairwise
	default:
		return nil, "", usagef("-deletion %s: want listwise or pairwise", quoteShort(f.deletion))
	}
	name := strings.ToLower(f.importance)
	var m importance.Method
	switch name {
	case "none":
		return nil, "", nil
	case "stated":
		m = importance.Stated{}
	case "correlation":
		m = importance.Correlation{}
	case "shapley":
		m = importance.Shapley{}
	case "weights", "relative_weights":
		m = importance.RelativeWeights{}
	case "auto", "":
	default:
		return nil, "", usagef("-importance %s: want auto, stated, correlation, shapley, weights or none", quoteShort(f.importance))
	}
	if st == nil {
		if m != nil {
			return nil, "", usagef("-importance %s: importance needs the answers' forms (a form id column, 表单编号)", name)
		}
		return nil, "", nil
	}
	items := surveyItems(st)
	if m == nil {
		switch {
		case len(items) < 2:
			return nil, "", nil
		case answered(st.OverallTally(csat.SourceSurvey)) && len(items) <= importance.MaxShapleyItems:
			m = importance.Shapley{}
		case answered(st.OverallTally(csat.SourceSurvey)):
			m = importance.RelativeWeights{}
		case allStated(st, items):
			m = importance.Stated{}
		default:
			m = importance.Correlation{}
		}
		if _, stated := m.(importance.Stated); !stated && del == form.Listwise && !anyComplete(st, items) {
			return importance.WithDeletion(m, form.Pairwise), l.t("pairwise fallback"), nil
		}
	}
	if del == form.Pairwise {
		m = importance.WithDeletion(m, form.Pairwise)
	}
	return m, "", nil
}

// surveyItems returns the items answered on the survey's forms, sorted.
func surveyItems(st *form.Stats) []string {
	var out []string
	for _, it := range st.Items() {
		if answered(st.Tally(it, csat.SourceSurvey)) {
			out = append(out, it)
		}
	}
	return out
}

// allStated reports whether every item has a stated importance.
func allStated(st *form.Stats, items []string) bool {
	for _, it := range items {
		if !answered(st.Importance(it, csat.SourceSurvey)) {
			return false
		}
	}
	return true
}

// anyComplete reports whether some survey form answered every item and,
// when asked, the overall question.
func anyComplete(st *form.Stats, items []string) bool {
	vars := items
	if answered(st.OverallTally(csat.SourceSurvey)) {
		vars = append([]string{form.Overall}, items...)
	}
	m, err := st.Matrix(csat.SourceSurvey, vars, form.Listwise)
	return err == nil && len(m.M) > 0 && m.M[0][0].N > 0
}

// answered reports whether a tally holds an answer.
func answered(t csat.Tally) bool {
	n, err := t.N()
	return err != nil || n > 0 // an overflowing count holds answers
}
