package htmlreport

import (
	"testing"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// TestAnalysisTexts checks that the analysis package's warnings reach
// the report in its language (analysis.WarningIn words them), and that a
// blend's formula is printed in the report's language without its label
// and value.
func TestAnalysisTexts(t *testing.T) {
	ws := []string{"交货期: 8 competitor forms, fewer than the plan's minimum of 10"}
	if got := langEN.reportWarnings(ws)[0]; got != ws[0] {
		t.Errorf("en warning %q, want it unchanged", got)
	}
	if got := langZH.reportWarnings(ws)[0]; got == ws[0] || hasLatinWord(got) {
		t.Errorf("zh warning %q is not in Chinese", got)
	}
	self, _ := csat.Quotient("self: degree 满意度", csat.Fraction, decimal.NewFromInt(82), decimal.NewFromInt(100))
	survey, _ := csat.Quotient("survey: degree 满意度", csat.Fraction, decimal.NewFromInt(76), decimal.NewFromInt(100))
	b, err := csat.WeightedMean("overall degree 满意度", []decimal.Decimal{decimal.RequireFromString("0.4"), decimal.RequireFromString("0.6")}, []csat.Result{self, survey})
	if err != nil {
		t.Fatal(err)
	}
	// 0.4 × 82% + 0.6 × 76% = 32.8% + 45.6% = 78.4%
	for _, l := range []lang{langZH, langEN} {
		if got, want := l.formulaIn(b), "0.4×82% + 0.6×76%"; got != want {
			t.Errorf("%v: formula %q, want %q", l, got, want)
		}
	}
}

// hasLatinWord reports a run of two or more Latin letters.
func hasLatinWord(s string) bool {
	run := 0
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			run++
			if run >= 2 {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}
