package csat

import (
	"math/big"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestCLVReference: 1000/1.1 + 800/1.21 + 640/1.331; over 1331:
// 1000×1210 + 800×1100 + 640×1000 = 1210000 + 880000 + 640000 = 2730000,
// so 2730000/1331 = 2051.0894064613…
func TestCLVReference(t *testing.T) {
	r, err := CLVConstant(dec("1000"), dec("0.8"), dec("0.1"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if r.Rat().Cmp(big.NewRat(2730000, 1331)) != 0 || r.Round(2).String() != "2051.09" || r.Exact() {
		t.Errorf("CLV %s (%s/%s)", r.Value(), r.Num(), r.Den())
	}
	if want := "CLV = 1000/1.1 + 800/1.1^2 + 640/1.1^3 = 2730000/1331 = ≈2051.09"; r.Explain() != want {
		t.Errorf("Explain\n got: %s\nwant: %s", r.Explain(), want)
	}
	z, err := CLVConstant(dec("1000"), dec("0.8"), dec("0.1"), 0)
	if err != nil || !z.Value().IsZero() {
		t.Errorf("n=0: %s %v", z.Value(), err)
	}
	neg, err := CLV([]decimal.Decimal{dec("-100"), dec("50")}, dec("0"))
	if err != nil || !neg.Value().Equal(dec("-50")) {
		t.Errorf("negative CLV %s %v", neg.Value(), err)
	}
}

func TestCLVErrors(t *testing.T) {
	cases := []struct {
		name string
		run  func() error
		want errCheck
	}{
		{"discount -1", func() error { _, err := CLVConstant(dec("1"), dec("0.5"), dec("-1"), 3); return err }, errCheck{ErrOutOfRange, `csat: clv: discount rate -1 must be above -1: value out of range`}},
		{"retention", func() error { _, err := CLVConstant(dec("1"), dec("1.2"), dec("0.1"), 3); return err }, errCheck{ErrOutOfRange, `csat: clv: retention 1.2 outside 0..1: value out of range`}},
		{"negative retention", func() error { _, err := CLVConstant(dec("1"), dec("-0.1"), dec("0.1"), 3); return err }, errCheck{ErrOutOfRange, ""}},
		{"negative n", func() error { _, err := CLVConstant(dec("1"), dec("0.5"), dec("0.1"), -1); return err }, errCheck{ErrNegative, `csat: clv: -1 periods: negative value`}},
		{"huge n", func() error { _, err := CLVConstant(dec("1"), dec("0.5"), dec("0.1"), 10001); return err }, errCheck{ErrOutOfRange, ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkErr(t, c.run(), c.want) })
	}
}

func TestCLVMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := decimal.NewFromInt(int64(rapid.IntRange(1, 10000).Draw(t, "m")))
		r := decimal.New(int64(rapid.IntRange(0, 99).Draw(t, "r")), -2)
		d := decimal.New(int64(rapid.IntRange(0, 50).Draw(t, "d")), -2)
		n := rapid.IntRange(1, 20).Draw(t, "n")
		base, _ := CLVConstant(m, r, d, n)
		more, _ := CLVConstant(m.Add(decimal.NewFromInt(1)), r, d, n)
		keep, _ := CLVConstant(m, r.Add(decimal.New(1, -2)), d, n)
		disc, _ := CLVConstant(m, r, d.Add(decimal.New(1, -2)), n)
		if more.Rat().Cmp(base.Rat()) <= 0 || keep.Rat().Cmp(base.Rat()) < 0 || disc.Rat().Cmp(base.Rat()) >= 0 {
			t.Fatalf("base %s, margin+ %s, retention+ %s, discount+ %s", base.Value(), more.Value(), keep.Value(), disc.Value())
		}
	})
}

func values(vs ...int64) []CustomerValue {
	out := make([]CustomerValue, len(vs))
	for i, v := range vs {
		out[i] = CustomerValue{ID: string(rune('a' + i)), Value: mustGiven("", Points, decimal.NewFromInt(v))}
	}
	return out
}

func TestABCReference(t *testing.T) {
	as, err := ABC{}.Segment(values(3, 50, 8, 20, 5, 10, 4))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, a.Value.String()+a.Class)
	}
	want := []string{"50A", "20A", "10A", "8B", "5B", "4B", "3C"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ABC mismatch (-want +got):\n%s", diff)
	}
	var sums []string
	summary, err := Summarize(as)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range summary {
		sums = append(sums, s.Class+" "+s.Value.String()+" "+s.Share.String())
	}
	// A 80/100, B 17/100, C 3/100.
	if diff := cmp.Diff([]string{"A 80 80%", "B 17 17%", "C 3 3%"}, sums); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
	// Non-positive values are C; ties by id.
	as, _ = ABC{}.Segment([]CustomerValue{{"z", pts("10")}, {"y", pts("10")}, {"x", pts("0")}, {"w", pts("-5")}})
	got = nil
	for _, a := range as {
		got = append(got, a.ID+a.Class)
	}
	if diff := cmp.Diff([]string{"yA", "zA", "xC", "wC"}, got); diff != "" {
		t.Errorf("ties and non-positive (-want +got):\n%s", diff)
	}
}

func TestABCErrors(t *testing.T) {
	cases := []struct {
		name string
		abc  ABC
		in   []CustomerValue
		want errCheck
	}{
		{"empty", ABC{}, nil, errCheck{ErrEmpty, `csat: segment: no customers: no data`}},
		{"duplicate", ABC{}, []CustomerValue{{"a", pts("1")}, {"b", pts("2")}, {"a", pts("3")}}, errCheck{ErrDuplicate, `csat: customer "a": segment: customer given twice: duplicate`}},
		{"empty id", ABC{}, []CustomerValue{{"", pts("1")}}, errCheck{ErrInvalid, ""}},
		{"thresholds", ABC{A: dec("0.9"), B: dec("0.8")}, values(1), errCheck{ErrInvalid, `csat: abc: thresholds A 0.9, B 0.8 need 0 < A ≤ B ≤ 1: invalid argument`}},
		{"threshold above 1", ABC{B: dec("1.5")}, values(1), errCheck{ErrInvalid, ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.abc.Segment(c.in)
			checkErr(t, err, c.want)
		})
	}
}

func classOf(as []Assignment) map[string]string {
	m := map[string]string{}
	for _, a := range as {
		m[a.ID] = a.Class
	}
	return m
}

func TestABCProperties(t *testing.T) {
	gen := func(t *rapid.T) []CustomerValue {
		vs := rapid.SliceOfN(rapid.IntRange(-20, 100), 1, 40).Draw(t, "values")
		out := make([]CustomerValue, len(vs))
		for i, v := range vs {
			out[i] = CustomerValue{ID: "c" + decimal.NewFromInt(int64(i)).String(), Value: mustGiven("", Points, decimal.NewFromInt(int64(v)))}
		}
		return out
	}
	t.Run("order independent", rapid.MakeCheck(func(t *rapid.T) {
		vs := gen(t)
		a, _ := ABC{}.Segment(vs)
		b, _ := ABC{}.Segment(rapid.Permutation(vs).Draw(t, "perm"))
		if !cmp.Equal(classOf(a), classOf(b)) {
			t.Fatal("input order changed the classes")
		}
	}))
	t.Run("a rise never demotes", rapid.MakeCheck(func(t *rapid.T) {
		vs := gen(t)
		k := rapid.IntRange(0, len(vs)-1).Draw(t, "who")
		before, _ := ABC{}.Segment(vs)
		up := append([]CustomerValue(nil), vs...)
		up[k].Value = mustGiven("", Points, up[k].Value.Value().Add(decimal.NewFromInt(int64(rapid.IntRange(1, 100).Draw(t, "rise")))))
		after, _ := ABC{}.Segment(up)
		if classOf(after)[vs[k].ID] > classOf(before)[vs[k].ID] { // "A" < "B" < "C"
			t.Fatalf("%s demoted from %s to %s", vs[k].ID, classOf(before)[vs[k].ID], classOf(after)[vs[k].ID])
		}
	}))
	t.Run("shares sum to 100% and A's per-customer share is at least B's", rapid.MakeCheck(func(t *rapid.T) {
		vs := gen(t)
		as, _ := ABC{}.Segment(vs)
		sum := new(big.Rat)
		per := map[string]*big.Rat{}
		total := decimal.Zero
		for _, v := range vs {
			total = total.Add(v.Value.Value())
		}
		summary, err := Summarize(as)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range summary {
			sum.Add(sum, s.Share.Rat())
			per[s.Class] = new(big.Rat).Quo(s.Value.Rat(), big.NewRat(int64(s.Count), 1))
		}
		if total.IsPositive() && sum.Cmp(big.NewRat(1, 1)) != 0 {
			t.Fatalf("shares sum to %s", sum)
		}
		if per["A"] != nil && per["B"] != nil && per["A"].Cmp(per["B"]) < 0 {
			t.Fatalf("A per customer %s < B per customer %s", per["A"], per["B"])
		}
	}))
}

// pts is a points result for tests.
func pts(v string) Result { return mustGiven("", Points, dec(v)) }

// ABC decides on exact shares: a customer whose share before is 10⁻²⁵
// below 80% is A, exactly 80% is B (METHOD.md §8: A while the share
// before is below 80%).
func TestABCExactThresholds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.New(1, -rapid.Int32Range(21, 30).Draw(t, "k"))
		edge := rapid.SampledFrom([]string{"80", "95"}).Draw(t, "edge")
		side := rapid.IntRange(-1, 1).Draw(t, "side")
		// First customer holds `before` of a total of 100, so the second's
		// share before is before/100.
		before := dec(edge).Add(d.Mul(decimal.NewFromInt(int64(side))))
		rest := dec("100").Sub(before)
		second := rest.Div(dec("2")) // exact: halves of a terminating decimal
		as, err := ABC{}.Segment([]CustomerValue{{"first", pts(before.String())}, {"second", pts(second.String())}, {"third", pts(second.String())}})
		if err != nil {
			t.Fatal(err)
		}
		if rest.Cmp(before) > 0 {
			return // the order changed: not this edge
		}
		var got string
		for _, a := range as {
			if a.ID == "second" {
				got = a.Class
			}
		}
		want := map[string]map[bool]string{"80": {true: "A", false: "B"}, "95": {true: "B", false: "C"}}[edge][side < 0]
		if got != want {
			t.Fatalf("share before %s%%: class %s, want %s", before, got, want)
		}
	})
}

// The integer Horner sum equals the plain sum of fractions Σ mₜ/bᵗ, and
// the closed form of CLVConstant equals CLV of the explicit margins.
func TestCLVExactForms(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		d := decimal.New(rapid.Int64Range(-99, 300).Draw(t, "d"), -2)
		var ms []decimal.Decimal
		naive := new(big.Rat)
		b := decimal.NewFromInt(1).Add(d).Rat()
		f := big.NewRat(1, 1)
		for range n {
			m := decimal.New(rapid.Int64Range(-1e6, 1e6).Draw(t, "m"), -rapid.Int32Range(0, 4).Draw(t, "e"))
			ms = append(ms, m)
			f.Mul(f, b)
			naive.Add(naive, new(big.Rat).Quo(m.Rat(), f))
		}
		got, err := CLV(ms, d)
		if err != nil || got.Rat().Cmp(naive) != 0 {
			t.Fatalf("CLV = %s (%v), want %s", got.Rat(), err, naive)
		}
		m := decimal.New(rapid.Int64Range(0, 1e5).Draw(t, "cm"), -2)
		r := decimal.New(rapid.Int64Range(0, 100).Draw(t, "r"), -2)
		var explicit []decimal.Decimal
		cf := m
		for range n {
			explicit = append(explicit, cf)
			cf = cf.Mul(r)
		}
		c1, err1 := CLVConstant(m, r, d, n)
		c2, err2 := CLV(explicit, d)
		if err1 != nil || err2 != nil || c1.Rat().Cmp(c2.Rat()) != 0 {
			t.Fatalf("CLVConstant %s (%v) vs CLV %s (%v)", c1.Rat(), err1, c2.Rat(), err2)
		}
	})
	// r = b: each term is m/b, so n of them.
	c, err := CLVConstant(dec("100"), dec("1"), dec("0"), 5)
	if err != nil || !c.Value().Equal(dec("500")) {
		t.Errorf("r = b: %s (%v), want 500", c.Value(), err)
	}
	_, err = CLV(make([]decimal.Decimal, MaxPeriods+1), dec("0.1"))
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	_, err = CLVConstant(dec("1"), dec("0.5"), dec("0.1"), MaxPeriods+1)
	checkErr(t, err, errCheck{Is: ErrOutOfRange})
	if _, err := CLVConstant(dec("1000"), dec("0.8"), dec("0.1"), MaxPeriods); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

// BenchmarkCLV prices the documented limits: 10,000 periods.
func BenchmarkCLV(b *testing.B) {
	ms := make([]decimal.Decimal, MaxPeriods)
	for i := range ms {
		ms[i] = decimal.New(int64(1000+i), -2)
	}
	b.Run("margins=10000", func(b *testing.B) {
		for b.Loop() {
			if _, err := CLV(ms, dec("0.1")); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("constant/periods=10000", func(b *testing.B) {
		for b.Loop() {
			if _, err := CLVConstant(dec("1000"), dec("0.8"), dec("0.1"), MaxPeriods); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Rank is the position by value, 1 the most valuable, ties by id.
func TestAssignmentRank(t *testing.T) {
	as, err := ABC{}.Segment(values(5, 50, 20, 20))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, a.ID+strconv.Itoa(a.Rank))
	}
	// b 50 first, c and d 20 (c before d by id), a 5 last.
	if diff := cmp.Diff([]string{"b1", "c2", "d3", "a4"}, got); diff != "" {
		t.Errorf("ranks (-want +got):\n%s", diff)
	}
}
