package csat

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat/internal/exact"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// refSegment is ABC.Segment as it was written first: the customers sorted
// by comparing big.Rat values, the shares summed in big.Rat. Segment must
// return exactly what it returns.
func refSegment(s ABC, values []CustomerValue) ([]Assignment, error) {
	ta, tb, err := s.thresholds()
	if err != nil {
		return nil, err
	}
	if err := CheckIDs(values); err != nil {
		return nil, err
	}
	vs := slices.Clone(values)
	slices.SortFunc(vs, func(x, y CustomerValue) int {
		return cmp.Or(y.Value.Rat().Cmp(x.Value.Rat()), strings.Compare(x.ID, y.ID))
	})
	total := new(big.Rat)
	for _, v := range vs {
		if v.Value.kind != vs[0].Value.kind {
			return nil, &Error{Part: "customer", Name: v.ID, Err: errorf(ErrKindMismatch, "abc: value of kind %s among values of kind %s", v.Value.kind, vs[0].Value.kind)}
		}
		if q := v.Value.Rat(); q.Sign() > 0 {
			total.Add(total, q)
		}
	}
	out := make([]Assignment, len(vs))
	before := new(big.Rat)
	for i, v := range vs {
		a := Assignment{ID: v.ID, Value: v.Value, Rank: i + 1, Class: ClassC}
		if total.Sign() > 0 {
			share := exact.Quo(before, total)
			if a.ShareBefore, err = FromRat("share before "+v.ID, Fraction, share); err != nil {
				return nil, err
			}
			bn, tn := decimalOf(before), decimalOf(total)
			a.ShareBefore = a.ShareBefore.WithFormula(func() string { return bn + " / " + tn })
		}
		if q := v.Value.Rat(); q.Sign() > 0 {
			share := a.ShareBefore.Rat()
			switch {
			case share.Cmp(ta.Rat()) < 0:
				a.Class = ClassA
			case share.Cmp(tb.Rat()) < 0:
				a.Class = ClassB
			}
			before.Add(before, q)
		}
		out[i] = a
	}
	return out, nil
}

// refSummarize is Summarize as it was written first, in big.Rat.
func refSummarize(as []Assignment) ([]ClassSummary, error) {
	var out []ClassSummary
	sums := map[string]*big.Rat{}
	total := new(big.Rat)
	for _, a := range as {
		if a.Value.kind != as[0].Value.kind {
			return nil, &Error{Part: "customer", Name: a.ID, Err: errorf(ErrKindMismatch, "summarize: value of kind %s among values of kind %s", a.Value.kind, as[0].Value.kind)}
		}
		total.Add(total, a.Value.Rat())
		if sums[a.Class] == nil {
			sums[a.Class] = new(big.Rat)
			out = append(out, ClassSummary{Class: a.Class})
		}
		sums[a.Class].Add(sums[a.Class], a.Value.Rat())
		out[slices.IndexFunc(out, func(c ClassSummary) bool { return c.Class == a.Class })].Count++
	}
	slices.SortStableFunc(out, func(x, y ClassSummary) int { return strings.Compare(x.Class, y.Class) })
	for i := range out {
		sum := sums[out[i].Class]
		v, err := FromRat("class "+out[i].Class+" value", as[0].Value.kind, sum)
		if err != nil {
			return nil, err
		}
		out[i].Value = v
		if total.Sign() > 0 {
			sh, err := FromRat("class "+out[i].Class+" value share", Fraction, exact.Quo(sum, total))
			if err != nil {
				return nil, err
			}
			sn, tn := decimalOf(sum), decimalOf(total)
			out[i].Share = sh.WithFormula(func() string { return sn + " / " + tn })
		}
	}
	return out, nil
}

// genCustomers draws 1 to 40 customers with distinct ids whose values
// come from a small pool (so that many tie) of decimals, rounded
// quotients, huge fractions and values a unit of the 40th digit apart;
// now and then one value is a fraction among points, or all are shares,
// or small integers.
func genCustomers(t *rapid.T) []CustomerValue {
	ids := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-c0-9é]{1,4}`), 1, 40, rapid.ID[string]).Draw(t, "ids")
	var pool []Result
	for range rapid.IntRange(1, 6).Draw(t, "pool") {
		var near *Result
		if len(pool) > 0 {
			near = &pool[len(pool)-1]
		}
		pool = append(pool, genExactResult(t, "pooled", near))
	}
	mode := rapid.IntRange(0, 9).Draw(t, "mode")
	shares := mode == 0
	vs := make([]CustomerValue, len(ids))
	for i, id := range ids {
		vs[i].ID = id
		switch {
		case mode == 1: // small integers: shares often fall on a threshold
			vs[i].Value = mustGiven("", Points, decimal.NewFromInt(rapid.Int64Range(-2, 20).Draw(t, "small")))
		case shares:
			n := rapid.Int64Range(1, 1e4).Draw(t, "n")
			vs[i].Value, _ = Quotient("", Fraction, decimal.NewFromInt(rapid.Int64Range(0, n).Draw(t, "k")), decimal.NewFromInt(n))
		case rapid.Bool().Draw(t, "pooled"):
			vs[i].Value = rapid.SampledFrom(pool).Draw(t, "value")
		default:
			vs[i].Value = genExactResult(t, "value", &pool[0])
		}
	}
	if !shares && rapid.IntRange(0, 19).Draw(t, "odd kind") == 0 {
		vs[rapid.IntRange(0, len(vs)-1).Draw(t, "odd one")].Value = mustGiven("", Fraction, dec("0.5"))
	}
	return vs
}

// genABC draws thresholds: the defaults, a pair in percent (A ≤ B), or
// now and then a pair Segment refuses.
func genABC(t *rapid.T) ABC {
	switch rapid.IntRange(0, 9).Draw(t, "thresholds") {
	case 0:
		return ABC{}
	case 1:
		return ABC{A: dec("0.9"), B: dec("0.5")}
	}
	a := rapid.Int64Range(1, 100).Draw(t, "A")
	return ABC{A: decimal.New(a, -2), B: decimal.New(rapid.Int64Range(a, 100).Draw(t, "B"), -2)}
}

// TestSegmentAsReference: Segment and Summarize return what the big.Rat
// reference returns, byte for byte in JSON and in every language's
// derivation, errors included, and leave their input as it was. Half the
// time the thresholds are set on a customer's share, exactly.
func TestSegmentAsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vs, s := genCustomers(t), genABC(t)
		if rapid.Bool().Draw(t, "threshold on a share") {
			if as, err := refSegment(ABC{}, vs); err == nil {
				on := as[rapid.IntRange(0, len(as)-1).Draw(t, "on")].ShareBefore
				if on.Exact() && on.Value().IsPositive() {
					s = ABC{A: on.Value(), B: on.Value()}
				}
			}
		}
		in := slices.Clone(vs)
		got, err := s.Segment(vs)
		want, werr := refSegment(s, vs)
		if !slices.EqualFunc(in, vs, func(x, y CustomerValue) bool { return x.ID == y.ID && x.Value.Equal(y.Value) }) {
			t.Fatal("Segment changed its input")
		}
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("error %v, want %v", err, werr)
		}
		if err != nil {
			return
		}
		sameJSON(t, "assignments", got, want)
		for i := range got {
			g, w := got[i].ShareBefore, want[i].ShareBefore
			if g.value.Exponent() != w.value.Exponent() || g.num.Exponent() != w.num.Exponent() || g.Den().Exponent() != w.Den().Exponent() {
				t.Fatalf("share before %s: exponents %d %d %d, want %d %d %d", got[i].ID,
					g.value.Exponent(), g.num.Exponent(), g.Den().Exponent(), w.value.Exponent(), w.num.Exponent(), w.Den().Exponent())
			}
			for _, l := range []string{"zh", "en", ""} {
				if gd, wd := g.DerivationIn(l), w.DerivationIn(l); gd != wd {
					t.Fatalf("share before %s in %q: %q, want %q", got[i].ID, l, gd, wd)
				}
			}
		}
		gs, err := Summarize(got)
		ws, werr := refSummarize(want)
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("summary error %v, want %v", err, werr)
		}
		sameJSON(t, "summary", gs, ws)
	})
}

// sameJSON fails t unless got and want encode to the same JSON.
func sameJSON(t *rapid.T, what string, got, want any) {
	gj, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	wj, err := json.Marshal(want)
	if err != nil {
		t.Fatalf("%s (reference): %v", what, err)
	}
	if !bytes.Equal(gj, wj) {
		t.Fatalf("%s differ:\n got %s\nwant %s", what, gj, wj)
	}
}

// TestSummarizeAsReference: Summarize of assignments given by a user's
// segmenter (any classes, any order, mixed kinds) is what the reference
// returns.
func TestSummarizeAsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vs := genCustomers(t)
		as := make([]Assignment, len(vs))
		for i, v := range vs {
			as[i] = Assignment{ID: v.ID, Value: v.Value, Class: rapid.SampledFrom([]string{"gold", "silver", "", "铜"}).Draw(t, "class")}
		}
		got, err := Summarize(as)
		want, werr := refSummarize(as)
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("error %v, want %v", err, werr)
		}
		sameJSON(t, "summary", got, want)
	})
}
