package htmlreport

import (
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// This file holds the texts the report takes from the analysis and root
// packages in the report's language: one function per kind of text.

// code is the language tag of l for the packages' language versions.
func (l lang) code() string { return [2]string{"zh", "en"}[l] }

// formulaIn is r's formula in the report's language: its explanation
// in that language without label and value.
func (l lang) formulaIn(r csat.Result) string {
	s := r.In(l.code(), "", nil).ExplainIn(l.code())
	s, _ = strings.CutSuffix(s, r.String())
	s, _ = strings.CutSuffix(s, " = ")
	return s
}

// reportWarnings are [analysis.Report].Warnings in the report's
// language.
func (l lang) reportWarnings(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = analysis.WarningIn(w, l.code())
	}
	return out
}

// comparisonExplain is [analysis.Comparison].Explain in the report's
// language.
func (l lang) comparisonExplain(c analysis.Comparison) string { return c.ExplainIn(l.code()) }

// comparisonWarning is one of [analysis.Comparison].Warnings in the
// report's language.
func (l lang) comparisonWarning(w string) string { return analysis.WarningIn(w, l.code()) }

// intervalExplain is [csat.Interval].Explain in the report's language.
func (l lang) intervalExplain(iv *csat.Interval) string {
	return analysis.IntervalExplainIn(*iv, l.code())
}

// customerExplain is [csat.CustomerScore].Explain in the report's
// language: the final score's derivation, then the band.
func (f fmtr) customerExplain(c csat.CustomerScore) string {
	return f.derivation(c.Final) + "\n" + f.l.t("band") + f.l.t("colon") + f.l.level(c.BandLevel)
}

// targetGap is a target's current figure less its target, labelled in
// both languages (false when the two are not of one kind).
func targetGap(t analysis.TargetFigure) (csat.Result, bool) {
	g, err := csat.Difference("gap to target", t.Current, t.Target.Target)
	if err != nil {
		return csat.Result{}, false
	}
	return labelled(g, "与目标差距", "gap to target"), true
}

// labelled returns r with its label in Chinese and English ([csat.Result.In]),
// for a result the analysis package labels in English only.
func labelled(r csat.Result, zh, en string) csat.Result {
	return r.In("zh", zh, nil).In("en", en, nil)
}

// overallResult is a blended overall figure ([analysis.Report].Overall)
// labelled in both languages: 整体满意度, overall degree.
func overallResult(o csat.Result) csat.Result {
	if !strings.HasPrefix(o.Label(), "overall ") {
		return o
	}
	parts := o.Parts()
	for i, pt := range parts {
		src, fig, ok := strings.Cut(pt.Label(), ": ")
		if !ok {
			continue
		}
		parts[i] = labelled(pt, langZH.source(src)+langZH.shortFigure(fig),
			strings.ToLower(langEN.source(src))+" "+strings.ToLower(langEN.shortFigure(fig)))
	}
	if len(parts) > 0 {
		o = o.WithParts(parts...)
	}
	return labelled(o, langZH.compose(langZH.t("overall"), langZH.shortFigure(o.Label())),
		langEN.compose(langEN.t("overall"), langEN.shortFigure(o.Label())))
}

// gapResult is a self-assessment gap ([analysis.Gap]) of a figure
// ("degree", "rate") labelled in both languages: 满意度差距, degree gap.
func gapResult(r csat.Result, figure string) csat.Result {
	return labelled(r, langZH.shortFigure(figure)+"差距", strings.ToLower(langEN.shortFigure(figure))+" gap")
}
