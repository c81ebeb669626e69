package csat

import (
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func frac(v string) Result { return mustGiven("", Fraction, dec(v)) }

func TestSelfSurveyBlend(t *testing.T) {
	// METHOD.md §3: 0.4×0.82 + 0.6×0.76 = 0.328 + 0.456 = 0.784;
	// 0.4×0.90 + 0.6×0.84 = 0.36 + 0.504 = 0.864.
	d, err := SelfSurvey().Combine(map[string]Result{SourceSelf: frac("0.82"), SourceSurvey: frac("0.76")})
	if err != nil {
		t.Fatal(err)
	}
	r, err := SelfSurvey().Combine(map[string]Result{SourceSelf: frac("0.90"), SourceSurvey: frac("0.84")})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{d.Value().String(), d.Explain(), r.Value().String(), r.String()}
	want := []string{"0.784", "blend = 0.4×82% + 0.6×76% = 78.4%", "0.864", "86.4%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blend mismatch (-want +got):\n%s", diff)
	}
	// Missing self-assessment: renormalised, the survey alone.
	only, err := SelfSurvey().Combine(map[string]Result{SourceSurvey: frac("0.76")})
	if err != nil || !only.Value().Equal(dec("0.76")) {
		t.Fatalf("survey alone = %v, %v", only.Value(), err)
	}
	if want := "blend = (0.6×76%) / 0.6 [renormalised: self missing] = 76%"; only.Explain() != want {
		t.Errorf("Explain\n got: %s\nwant: %s", only.Explain(), want)
	}
}

func TestBlendErrors(t *testing.T) {
	w := func(name, v string) Weight { return Weight{name, dec(v)} }
	strict, _ := NewBlend([]Weight{w("a", "0.5"), w("b", "0.5")}, RequireAll)
	zero, _ := NewBlend([]Weight{w("a", "0"), w("b", "1")}, Renormalize)
	cases := []struct {
		name string
		run  func() error
		want errCheck
	}{
		{"sum", func() error { _, err := NewBlend([]Weight{w("a", "0.4"), w("b", "0.5")}, 0); return err }, errCheck{ErrWeightsMismatch, `csat: blend: weights sum to 0.9, not 1: weights do not add up`}},
		{"negative", func() error { _, err := NewBlend([]Weight{w("a", "-0.5"), w("b", "1.5")}, 0); return err }, errCheck{ErrNegative, `csat: blend: source "a" has negative weight -0.5: negative value`}},
		{"duplicate", func() error { _, err := NewBlend([]Weight{w("a", "0.5"), w("a", "0.5")}, 0); return err }, errCheck{ErrDuplicate, `csat: blend: source "a" given twice: duplicate`}},
		{"empty name", func() error { _, err := NewBlend([]Weight{w("", "1")}, 0); return err }, errCheck{ErrInvalid, `csat: blend: empty source name: invalid argument`}},
		{"no weights", func() error { _, err := NewBlend(nil, 0); return err }, errCheck{ErrEmpty, `csat: blend: no weights: no data`}},
		{"policy", func() error { _, err := NewBlend([]Weight{w("a", "1")}, 7); return err }, errCheck{ErrInvalid, `csat: blend: unknown missing-source policy 7: invalid argument`}},
		{"unknown source", func() error {
			_, err := SelfSurvey().Combine(map[string]Result{"boss": frac("1"), SourceSurvey: frac("1")})
			return err
		}, errCheck{ErrUnknownItem, `csat: blend: source "boss" not known: unknown item`}},
		{"none present", func() error { _, err := SelfSurvey().Combine(nil); return err }, errCheck{ErrMissing, `csat: blend: none of the sources self, survey given: missing value`}},
		{"require all", func() error { _, err := strict.Combine(map[string]Result{"a": frac("1")}); return err }, errCheck{ErrMissing, `csat: blend: source "b" missing: missing value`}},
		{"zero weight present", func() error { _, err := zero.Combine(map[string]Result{"a": frac("1")}); return err }, errCheck{ErrInvalid, `csat: blend: the weights sum to 0: invalid argument`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkErr(t, c.run(), c.want) })
	}
}

// TestBlendProperties: a blend lies between its smallest and largest
// source, exactly.
func TestBlendProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 6).Draw(t, "sources")
		parts := rapid.SliceOfN(rapid.IntRange(0, 1000), k, k).Draw(t, "parts")
		total := 0
		for _, p := range parts {
			total += p
		}
		if total == 0 {
			t.Skip("all-zero weights")
		}
		// Weights parts/total rounded to 6 places, the last absorbing the rest,
		// so that they sum to exactly 1.
		ws := make([]Weight, k)
		sum := decimal.Zero
		for i := range ws {
			ws[i].Name = string(rune('a' + i))
			if i < k-1 {
				ws[i].Weight = decimal.NewFromInt(int64(parts[i])).DivRound(decimal.NewFromInt(int64(total)), 6)
				sum = sum.Add(ws[i].Weight)
			} else {
				ws[i].Weight = decimal.NewFromInt(1).Sub(sum)
			}
		}
		if ws[k-1].Weight.IsNegative() {
			t.Skip("rounding overshoot")
		}
		b, err := NewBlend(ws, Renormalize)
		if err != nil {
			t.Fatal(err)
		}
		scores := map[string]Result{}
		lo, hi := new(big.Rat).SetInt64(2), new(big.Rat)
		for _, w := range ws {
			if rapid.Bool().Draw(t, "drop") && len(scores) > 0 {
				continue
			}
			v := rapid.IntRange(0, 3000).Draw(t, "v")
			r := must2(Quotient("", Fraction, decimal.NewFromInt(int64(v)), decimal.NewFromInt(3000)))
			scores[w.Name] = r
			if r.Rat().Cmp(lo) < 0 {
				lo = r.Rat()
			}
			if r.Rat().Cmp(hi) > 0 {
				hi = r.Rat()
			}
		}
		got, err := b.Combine(scores)
		if err != nil {
			return // only zero-weight sources present: reported, not hidden
		}
		if got.Rat().Cmp(lo) < 0 || got.Rat().Cmp(hi) > 0 {
			t.Fatalf("blend %s outside [%s, %s]", got.Rat(), lo, hi)
		}
	})
}

func TestBlendRejectsWrongShares(t *testing.T) {
	survey := frac("0.76")
	// A self-assessed 82 % given as 82: Given refuses it…
	_, err := Given("self", Fraction, dec("82"))
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	// …and a fraction 82/1 built otherwise is refused by the blend, which
	// would print 0.4×8200% + 0.6×76% = 3325.6% otherwise.
	self, err := Quotient("self", Fraction, dec("82"), dec("1"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = SelfSurvey().Combine(map[string]Result{SourceSelf: self, SourceSurvey: survey})
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	// A self-assessment given as points (82) blended with a degree
	// (a fraction) is a kind mismatch.
	_, err = SelfSurvey().Combine(map[string]Result{SourceSelf: mustGiven("self", Points, dec("82")), SourceSurvey: survey})
	checkErr(t, err, errCheck{Is: ErrKindMismatch})
	// The same with EqualWeights.
	_, err = EqualWeights{}.Combine(map[string]Result{"a": self, "b": survey})
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
}

func TestBlendRequireAllSucceeds(t *testing.T) {
	b, err := NewBlend([]Weight{{"self", dec("0.4")}, {"survey", dec("0.6")}}, RequireAll)
	if err != nil {
		t.Fatal(err)
	}
	// 0.4 × 90% + 0.6 × 84% = 36% + 50.4% = 86.4% (METHOD.md §3).
	r, err := b.Combine(map[string]Result{"self": frac("0.9"), "survey": frac("0.84")})
	if err != nil || !r.Value().Equal(dec("0.864")) {
		t.Errorf("RequireAll blend = %v, %v; want 0.864", r.Value(), err)
	}
}
