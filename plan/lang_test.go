package plan

import "testing"

// Cochran's sample size (1.96² × 0.5 × 0.5 / 0.05² = 384.16, corrected
// for 2000 customers to 384.16 / (1 + 383.16/2000) ≈ 322.4) in each
// language, word for word.
func TestSampleSizeIn(t *testing.T) {
	ss, err := Cochran(&SampleSizeOptions{Population: 2000})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, n0, n string }{
		{"zh", "n₀（未经有限总体校正的样本量） = 1.96² × 0.5 × (1 − 0.5) / 0.05² = 384.16",
			"n（样本量） = 384.16 / (1 + (384.16 − 1) / 2000) = ≈322.4\n  n₀（未经有限总体校正的样本量） = 1.96² × 0.5 × (1 − 0.5) / 0.05² = 384.16\n"},
		{"en", "n₀ (sample size before the finite-population correction) = 1.96² × 0.5 × (1 − 0.5) / 0.05² = 384.16",
			"n (sample size) = 384.16 / (1 + (384.16 − 1) / 2000) = ≈322.4\n  n₀ (sample size before the finite-population correction) = 1.96² × 0.5 × (1 − 0.5) / 0.05² = 384.16\n"},
	} {
		if got := ss.N0.ExplainIn(c.lang); got != c.n0 {
			t.Errorf("N0.ExplainIn(%s) = %q\n want %q", c.lang, got, c.n0)
		}
		if got := ss.Corrected.DerivationIn(c.lang); got != c.n {
			t.Errorf("Corrected.DerivationIn(%s) = %q\n want %q", c.lang, got, c.n)
		}
	}
	all, err := Cochran(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := all.Corrected.ExplainIn("zh"), "n（样本量） = 384.16（不做有限总体校正） = 384.16"; got != want {
		t.Errorf("ExplainIn(zh) = %q, want %q", got, want)
	}
}
