package csat

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestConstructors(t *testing.T) {
	// Each value is checked against an independent computation written
	// here: 190/250 = 0.76; 1/3 rounds half away from zero at 20 places;
	// 0.4×0.82 + 0.6×0.76 = 0.328 + 0.456 = 0.784 (METHOD.md §3).
	q, err := Quotient("degree", Fraction, dec("190"), dec("250"))
	if err != nil || q.Value().String() != "0.76" || !q.Exact() || q.Explain() != "degree = 190/250 = 76%" {
		t.Errorf("Quotient 190/250 = %s exact %t %q (%v)", q.Value(), q.Exact(), q.Explain(), err)
	}
	checkRationals(t)
	self, survey := mustGiven("self", Fraction, dec("0.82")), mustGiven("survey", Fraction, dec("0.76"))
	checkCombinations(t, self, survey)
	a, err := Approx("√2", Points, dec("1.41421356237309504880168872"))
	if err != nil || a.Exact() || a.Value().String() != "1.4142135623730950488" || a.String() != "≈1.41" {
		t.Errorf("Approx = %s exact %t %s", a.Value(), a.Exact(), a)
	}
	f := q.WithFormula(func() string { return "(10×10 + …) / (25×10)" }).WithParts(self).WithLabel("x")
	if f.Explain() != "x = (10×10 + …) / (25×10) = 76%" || len(f.Parts()) != 1 || q.Label() != "degree" {
		t.Errorf("With*: %q, %d parts; original label %q", f.Explain(), len(f.Parts()), q.Label())
	}
	if q.Cmp(self) >= 0 || self.Cmp(q) <= 0 || q.Cmp(q) != 0 {
		t.Error("Cmp")
	}
}

// checkRationals checks quotients and rationals that are not exact
// decimals: −1/−3 = 1/3 ≈ 33.33%, and 2730000/1331.
func checkRationals(t *testing.T) {
	t.Helper()
	third, err := Quotient("third", Fraction, dec("-1"), dec("-3"))
	if err != nil || third.Exact() || third.Value().String() != "0.33333333333333333333" ||
		third.Num().String() != "1" || third.Den().String() != "3" || third.String() != "≈33.33%" {
		t.Errorf("Quotient -1/-3 = %s/%s %s exact %t (%v)", third.Num(), third.Den(), third.Value(), third.Exact(), err)
	}
	r, err := FromRat("clv", Points, big.NewRat(2730000, 1331))
	if err != nil || r.Num().String() != "2730000" || r.Den().String() != "1331" || r.Exact() {
		t.Errorf("FromRat 2730000/1331 = %s/%s exact %t", r.Num(), r.Den(), r.Exact())
	}
}

// checkCombinations checks the results made of others: weighted means,
// sums and differences of self 82% and survey 76%.
func checkCombinations(t *testing.T, self, survey Result) {
	t.Helper()
	wm, err := WeightedMean("blend", []decimal.Decimal{dec("0.4"), dec("0.6")}, []Result{self, survey})
	if err != nil || wm.Value().String() != "0.784" || wm.Explain() != "blend = 0.4×82% + 0.6×76% = 78.4%" || len(wm.Parts()) != 2 {
		t.Errorf("WeightedMean = %s %q (%v)", wm.Value(), wm.Explain(), err)
	}
	// Weights 1 and 2 over 1/3: (1×76% + 2×82%) / 3 = 240%/3 = 80%.
	wm, err = WeightedMean("w", []decimal.Decimal{dec("1"), dec("2")}, []Result{survey, self})
	if err != nil || wm.Value().String() != "0.8" || wm.Explain() != "w = (1×76% + 2×82%) / 3 = 80%" {
		t.Errorf("WeightedMean 1,2 = %s %q (%v)", wm.Value(), wm.Explain(), err)
	}
	s, err := Sum("total", mustGiven("a", Points, dec("80.42")), mustGiven("b", Points, dec("-1")), mustGiven("c", Points, dec("2")))
	if err != nil || s.Value().String() != "81.42" || s.Explain() != "total = 80.42 + -1 + 2 = 81.42" {
		t.Errorf("Sum = %s %q (%v)", s.Value(), s.Explain(), err)
	}
	d, err := Difference("gap", self, survey)
	if err != nil || d.Value().String() != "0.06" || d.Explain() != "gap = 82% − 76% = 6%" {
		t.Errorf("Difference = %s %q (%v)", d.Value(), d.Explain(), err)
	}
}

func TestConstructorErrors(t *testing.T) {
	pts, fr := mustGiven("p", Points, dec("1")), mustGiven("f", Fraction, dec("0.5"))
	cases := []struct {
		name string
		err  func() error
		is   error
	}{
		{"fraction above 1", func() error { _, err := Given("self", Fraction, dec("82")); return err }, ErrOutOfRange},
		{"negative fraction", func() error { _, err := Given("self", Fraction, dec("-0.1")); return err }, ErrOutOfRange},
		{"unknown kind", func() error { _, err := Given("x", Kind(7), dec("1")); return err }, ErrInvalid},
		{"zero den", func() error { _, err := Quotient("x", Points, dec("1"), dec("0")); return err }, ErrInvalid},
		{"nil rat", func() error { _, err := FromRat("x", Points, nil); return err }, ErrInvalid},
		{"sum kinds", func() error { _, err := Sum("s", pts, fr); return err }, ErrKindMismatch},
		{"sum empty", func() error { _, err := Sum("s"); return err }, ErrEmpty},
		{"difference kinds", func() error { _, err := Difference("d", pts, fr); return err }, ErrKindMismatch},
		{"weights count", func() error {
			_, err := WeightedMean("w", []decimal.Decimal{dec("1")}, []Result{pts, pts})
			return err
		}, ErrInvalid},
		{"negative weight", func() error {
			_, err := WeightedMean("w", []decimal.Decimal{dec("-1"), dec("2")}, []Result{pts, pts})
			return err
		}, ErrNegative},
		{"zero weights", func() error {
			_, err := WeightedMean("w", []decimal.Decimal{dec("0")}, []Result{pts})
			return err
		}, ErrInvalid},
		{"weighted kinds", func() error {
			_, err := WeightedMean("w", []decimal.Decimal{dec("1"), dec("1")}, []Result{pts, fr})
			return err
		}, ErrKindMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkErr(t, c.err(), errCheck{Is: c.is}) })
	}
}

func TestKindText(t *testing.T) {
	for _, k := range []Kind{Points, Fraction} {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got Kind
		if err := got.UnmarshalText(b); err != nil || got != k || string(b) != k.String() {
			t.Errorf("%v: %q → %v (%v)", k, b, got, err)
		}
	}
	var k Kind
	checkErr(t, k.UnmarshalText([]byte("percent")), errCheck{Is: ErrInvalid})
	_, err := Kind(9).MarshalText()
	checkErr(t, err, errCheck{Is: ErrInvalid})
}

// genResult draws a result built with the public constructors, nested up
// to depth levels.
func genResult(depth int) *rapid.Generator[Result] {
	return rapid.Custom(func(t *rapid.T) Result {
		kind := Kind(rapid.IntRange(0, 1).Draw(t, "kind"))
		label := rapid.SampledFrom([]string{"", "degree 满意度", "x", `q"uote`}).Draw(t, "label")
		num := decimal.New(rapid.Int64Range(0, 1e6).Draw(t, "num"), -rapid.Int32Range(0, 4).Draw(t, "numexp"))
		den := decimal.New(rapid.Int64Range(1, 1e6).Draw(t, "den"), -rapid.Int32Range(0, 4).Draw(t, "denexp"))
		if kind == Fraction && num.GreaterThan(den) {
			num, den = den, num
			if den.IsZero() {
				den = one
			}
		}
		var r Result
		var err error
		switch op := rapid.IntRange(0, 6).Draw(t, "op"); {
		case op == 0:
			r, err = Given(label, kind, num.DivRound(den, 3).Mod(one))
		case op == 1:
			r, err = Quotient(label, kind, num, den)
		case op == 2:
			r, err = FromRat(label, kind, new(big.Rat).Quo(num.Rat(), den.Rat()))
		case op == 3:
			r, err = Approx(label, kind, num.DivRound(den, 30))
		case depth > 0 && op == 4:
			a, b := genResult(depth-1).Draw(t, "a"), genResult(depth-1).Draw(t, "b")
			r, err = Sum(label, a, b.WithLabel("b"))
		case depth > 0 && op == 5:
			a, b := genResult(depth-1).Draw(t, "a"), genResult(depth-1).Draw(t, "b")
			r, err = WeightedMean(label, []decimal.Decimal{dec("0.4"), dec("0.6")}, []Result{a, b})
		case depth > 0:
			a, b := genResult(depth-1).Draw(t, "a"), genResult(depth-1).Draw(t, "b")
			r, err = Difference(label, a, b)
		default:
			r, err = Quotient(label, kind, num, den)
		}
		if errors.Is(err, ErrKindMismatch) {
			return mustGiven(label, Points, num)
		}
		if err != nil {
			t.Fatalf("constructor: %v", err)
		}
		if rapid.Bool().Draw(t, "formula") {
			text := rapid.SampledFrom([]string{"(1 + 2) / 3", "√x", "a × b"}).Draw(t, "text")
			r = r.WithFormula(func() string { return text })
		}
		return r
	})
}

func TestResultJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genResult(2).Draw(t, "r")
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var got Result
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		b2, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(b2) {
			t.Fatalf("re-encoded differently:\n%s\n%s", b, b2)
		}
		if !got.Equal(r) || got.Derivation() != r.Derivation() {
			t.Fatalf("decoded result differs:\n%s\n%s", r.Derivation(), got.Derivation())
		}
	})
}

func TestResultJSONRejects(t *testing.T) {
	good, err := json.Marshal(mustGiven("x", Fraction, dec("0.76")))
	if err != nil {
		t.Fatal(err)
	}
	third, err := json.Marshal(must2(Quotient("t", Fraction, dec("1"), dec("3"))))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"unknown field":  strings.Replace(string(good), `"label"`, `"lable"`, 1),
		"value mismatch": strings.Replace(string(good), `"value":"0.76"`, `"value":"0.77"`, 1),
		"zero den":       strings.Replace(string(good), `"den":"1"`, `"den":"0"`, 1),
		"kind":           strings.Replace(string(good), `"kind":"fraction"`, `"kind":"percent"`, 1),
		"display":        strings.Replace(string(good), `"display":"76%"`, `"display":"77%"`, 1),
		"not canonical":  strings.Replace(string(good), `"value":"0.76"`, `"value":"0.760"`, 1),
		"exact flag":     strings.Replace(string(third), `"exact":false`, `"exact":true`, 1),
		"rounded value":  strings.Replace(string(third), `"value":"0.33333333333333333333"`, `"value":"0.33333333333333333334"`, 1),
		"trailing":       string(good) + "{}",
	}
	for name, data := range cases {
		var r Result
		if data == string(good) || data == string(third) {
			t.Fatalf("%s: the test input was not altered", name)
		}
		if err := json.Unmarshal([]byte(data), &r); err == nil {
			t.Errorf("%s: %s decoded without error", name, data)
		} else if name != "trailing" && !errors.Is(err, ErrCorrupt) && name != "kind" {
			t.Errorf("%s: %v is not ErrCorrupt", name, err)
		}
	}
	if diff := cmp.Diff(mustGiven("x", Fraction, dec("0.76")), func() Result {
		var r Result
		if err := json.Unmarshal(good, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}()); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
}

func must2(r Result, err error) Result {
	if err != nil {
		panic(err)
	}
	return r
}

// quotient rounds exactly as decimal's DivRound at Precision places (half
// away from zero) and flags inexactness by the remainder.
func TestQuotientRounding(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := decimal.New(rapid.Int64().Draw(t, "num"), rapid.Int32Range(-30, 10).Draw(t, "ne"))
		den := decimal.New(rapid.Int64().Filter(func(v int64) bool { return v != 0 }).Draw(t, "den"), rapid.Int32Range(-30, 10).Draw(t, "de"))
		if den.IsNegative() {
			num, den = num.Neg(), den.Neg()
		}
		r := quotient("", Points, num, den)
		if den.Equal(one) { // num/1 is num, exact at any number of places
			if !r.Value().Equal(num) || !r.Exact() {
				t.Fatalf("%s/1 = %s (exact %t), want %s exactly", num, r.Value(), r.Exact(), num)
			}
			return
		}
		want := num.DivRound(den, Precision)
		if !r.Value().Equal(want) {
			t.Fatalf("%s/%s = %s, DivRound gives %s", num, den, r.Value(), want)
		}
		if exactly := want.Mul(den).Equal(num); exactly != r.Exact() {
			t.Fatalf("%s/%s exact %t, want %t", num, den, r.Exact(), exactly)
		}
	})
}

func TestResultFormatting(t *testing.T) {
	third := must2(Quotient("x", Fraction, dec("2"), dec("3"))).WithFormula(nil)
	got := []string{
		third.String(), third.Value().String(), third.Round(4).String(), third.Explain(),
		mustGiven("", Points, dec("81.05")).String(), mustGiven("", Points, dec("80")).Format(0),
		Result{}.String(), Result{}.Den().String(),
	}
	want := []string{"≈66.67%", "0.66666666666666666667", "0.6667", "x = ≈66.67%", "81.05", "80", "0", "1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("formatting mismatch (-want +got):\n%s", diff)
	}
	if third.Exact() {
		t.Error("2/3 is not exact in decimals")
	}
	js, err := third.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	wantJS := `{"label":"x","kind":"fraction","value":"0.66666666666666666667","num":"2","den":"3","exact":false,"display":"≈66.67%","explain":"x = ≈66.67%"}`
	if diff := cmp.Diff(wantJS, string(js)); diff != "" {
		t.Errorf("JSON mismatch (-want +got):\n%s", diff)
	}
}

// Result JSON is refused before parsing when a number is longer than
// resultNumberLen or written with an exponent, and when its formula ends
// in a number or fraction that is not the value.
func TestResultJSONLimits(t *testing.T) {
	long := "1" + strings.Repeat("0", resultNumberLen-1) // exactly the limit
	js := func(value, num, den string) string {
		return `{"kind":"points","value":"` + value + `","num":"` + num + `","den":"` + den + `","exact":true,"display":"1","explain":"1"}`
	}
	// 10^(limit−1) and 10^limit, made, not parsed: parsing a number of
	// 2¹⁸ digits takes a second under -race (math/big's scan is
	// quadratic), and the test parses enough of them in Result's code.
	tenToLong, tenToOver := decimal.New(1, resultNumberLen-1), decimal.New(1, resultNumberLen)
	var r Result
	if err := r.UnmarshalJSON([]byte(js("1", long, long))); err != nil || !r.Num().Equal(tenToLong) || !r.Den().Equal(tenToLong) {
		t.Fatalf("num and den of %d characters: %v", len(long), err)
	}
	// MarshalJSON writes what UnmarshalJSON reads, and no more.
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("marshalling num and den of %d characters: %v", len(long), err)
	}
	over := Result{kind: Points, num: tenToOver, den: tenToOver, value: one}
	if _, err := over.MarshalJSON(); !errors.Is(err, ErrOutOfRange) || !strings.Contains(err.Error(), "num of 262145 characters, longer than JSON's limit of 262144") {
		t.Errorf("marshalling a num of %d characters: %v", len(long)+1, err)
	}
	for _, c := range []struct{ name, data, msg string }{
		{"value", js(long+"0", "1", "1"), "value of 262145 characters, longer than the limit of 262144"},
		{"num", js("1", long+"0", long), "num of 262145 characters"},
		{"den", js("1", long, long+"0"), "den of 262145 characters"},
	} {
		err := r.UnmarshalJSON([]byte(c.data))
		if !errors.Is(err, ErrOutOfRange) || !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	for _, s := range []string{"1e0", "1E0", "+1", "1.0", "01"} {
		if err := r.UnmarshalJSON([]byte(js("1", s, "1"))); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "not canonical") {
			t.Errorf("num %s: %v", s, err)
		}
	}
	q := must2(Quotient("q", Fraction, dec("190"), dec("250")))
	formula := func(f string) error {
		b, err := json.Marshal(q.WithFormula(func() string { return f }))
		if err != nil {
			t.Fatal(err)
		}
		var r Result
		return r.UnmarshalJSON(b)
	}
	for _, ok := range []string{"190/250", "19/25", "0.76", "(10 + 9) / 25 = 19/25", "999/250 = 190/250", "Σ over 3 periods",
		"190/250 = about three quarters", "-190/250 % x", "2 × 0.38",
		"0.77", "76", "-0.76", "mean over n = 25"} { // a bare number ending is not checked: a user's formula may end in one
		if err := formula(ok); err != nil {
			t.Errorf("formula %q: %v", ok, err)
		}
	}
	for _, bad := range []string{"999/250", "190/250 = 999/250", "1/0", "77/100", "-19/25"} {
		if err := formula(bad); !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrOutOfRange) || !strings.Contains(err.Error(), "not the value 190/250") {
			t.Errorf("formula %q: %v", bad, err)
		}
	}
	atLimit := strings.Repeat("1", 2*resultNumberLen-1) + "/1" // 2·2¹⁸+1 characters: checked, not the value
	if err := formula(atLimit); !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrOutOfRange) {
		t.Errorf("a formula ending in %d digits: %v", len(atLimit), err)
	}
	if err := formula(atLimit + "0"); !errors.Is(err, ErrOutOfRange) || !strings.Contains(err.Error(), "formula ends in a number of 524290 characters, longer than the limit of 524289") {
		t.Errorf("a formula ending in %d digits: %v", len(atLimit)+1, err)
	}
}

// TestResultJSONLongExact: exact results csat makes itself round-trip
// through JSON (a review found a CLV over 1,000 periods, 4,355 digits,
// refused when the limit was 4,096), up to MaxPeriods periods.
func TestResultJSONLongExact(t *testing.T) {
	for _, n := range []int{1000, MaxPeriods} {
		r, err := CLVConstant(dec("100"), dec("0.9"), dec("0.12345"), n)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%d periods: %v", n, err)
		}
		var back Result
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(r) {
			t.Fatalf("%d periods (%d-digit num): %v", n, len(r.Num().String()), err)
		}
	}
}
