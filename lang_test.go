package csat

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
)

func TestExplainIn(t *testing.T) {
	r, err := Quotient("top-2 box 前两项", Fraction, decimal.NewFromInt(4), decimal.NewFromInt(12))
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithFormula(func() string { return "(3 + 1) / 12" }).
		In("zh", "前两项占比", func() string { return "(3 + 1) / 12 份答卷" }).
		In("en", "top-2 box", nil)
	for _, c := range []struct{ lang, want string }{
		{"", "top-2 box 前两项 = (3 + 1) / 12 = ≈33.33%"},
		{"fr", "top-2 box 前两项 = (3 + 1) / 12 = ≈33.33%"},
		{"zh", "前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%"},
		{"zh-CN", "前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%"},
		{"en", "top-2 box = (3 + 1) / 12 = ≈33.33%"},
	} {
		if got := r.ExplainIn(c.lang); got != c.want {
			t.Errorf("ExplainIn(%q) = %q, want %q", c.lang, got, c.want)
		}
	}
	s, err := Sum("total 合计", r, r)
	if err != nil {
		t.Fatal(err)
	}
	s = s.In("zh", "合计", nil)
	if got, want := s.DerivationIn("zh"), "合计 = ≈33.33% + ≈33.33% = ≈66.67%\n  前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%\n  前两项占比 = (3 + 1) / 12 份答卷 = ≈33.33%\n"; got != want {
		t.Errorf("DerivationIn(zh) = %q, want %q", got, want)
	}
	// The texts in each language survive JSON.
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"", "zh", "en"} {
		if back.DerivationIn(l) != s.DerivationIn(l) {
			t.Errorf("decoded DerivationIn(%q) = %q, want %q", l, back.DerivationIn(l), s.DerivationIn(l))
		}
	}
	if !back.Equal(s) {
		t.Error("decoded result differs")
	}
	if s.Equal(s.In("en", "sum", nil)) {
		t.Error("Equal ignores the English label")
	}
}
