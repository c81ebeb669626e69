package csi

import (
	"strings"
	"testing"
	"unicode"
)

// TestExplain: the explanation substitutes the figures that make each
// result, and speaks one language.
func TestExplain(t *testing.T) {
	st := statsOf(t, tenPoint(t), mobiForms(t))
	e, err := Estimate(ECSI(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	en := e.Explain()
	for _, want := range []string{
		"PLS path model on 250 of 250 forms (mean replacement), path weighting, converged in 6 iterations.",
		"Expectation = 0.5049 × Image; R² = 0.2549",
		"Satisfaction = 0.1787 × Image + 0.0625 × Expectation + 0.5120 × Quality + 0.1948 × Value; R² = 0.6811",
		"(x̄ − 1)/9 × 100",
		// CUSCO's mean by awk over testdata/mobi.csv: 1767/250 = 7.068;
		// (7.068 − 1)/9 × 100 = 67.42.
		"Complaints = 1.0000 × (7.0680 − 1)/9 × 100 = 67.42",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("explanation lacks %q:\n%s", want, en)
		}
	}
	zh := e.ExplainIn("zh")
	if !strings.Contains(zh, "迭代 6 次收敛") {
		t.Errorf("Chinese explanation:\n%s", zh)
	}
	for _, r := range en {
		if unicode.Is(unicode.Han, r) {
			t.Fatalf("English explanation has %q", r)
		}
	}
}
