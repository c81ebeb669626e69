package analysis

import (
	"errors"
	"math/big"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"pgregory.net/rapid"
)

// oldComplaints are n open complaints received in 1901, a week apart: on
// 2149-12-31 each is about 91,000 days past the limit (issue 18 point 4:
// such ages cost 0.35 s each when 0.9^d was exact).
func oldComplaints(n int) []csat.Complaint {
	cs := make([]csat.Complaint, n)
	for i := range cs {
		cs[i] = csat.Complaint{ID: "c" + string(rune('A'+i%26)) + string(rune('a'+i/26)), Customer: "k",
			Received: time.Date(1901, 1, 1+7*i, 0, 0, 0, 0, time.UTC), Outcome: csat.NotHandled}
	}
	return cs
}

var lateAsOf = time.Date(2149, 12, 31, 0, 0, 0, 0, time.UTC)

// TestHostileComplaints is the catalogue's table for complaint times
// (issue 18 point 4): times outside [1900, 2150) are errors naming the
// complaint and the time; ages inside are computed in bounded memory.
func TestHostileComplaints(t *testing.T) {
	at := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		cs   []csat.Complaint
		asOf time.Time
		want string
	}{
		{"p4/received-1746", []csat.Complaint{{ID: "x1", Customer: "k", Received: at(1746), Outcome: csat.NotHandled}}, at(2026), `complaint "x1": received 1746-03-01`},
		{"p4/received-year-0026", []csat.Complaint{{ID: "x2", Customer: "k", Received: at(26), Outcome: csat.NotHandled}}, at(2026), `complaint "x2": received 0026-03-01`},
		{"p4/resolved-9999", []csat.Complaint{{ID: "x3", Customer: "k", Received: at(2026), Resolved: at(9999), Outcome: csat.HandledSatisfied}}, at(2026), `complaint "x3": resolved 9999-03-01`},
		{"p4/first-response-0001", []csat.Complaint{{ID: "x4", Customer: "k", Received: at(2026), FirstResponse: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC), Outcome: csat.NotHandled}}, at(2026), `complaint "x4": first response 0001-01-02`},
		{"p4/as-of-2150", []csat.Complaint{{ID: "x5", Customer: "k", Received: at(2026), Outcome: csat.NotHandled}}, at(2150), "period's end (AsOf) 2150-03-01"},
		{"p4/as-of-1899", []csat.Complaint{{ID: "x6", Customer: "k", Received: at(1900), Outcome: csat.NotHandled}}, time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), "period's end (AsOf) 1899-12-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Complaints(tc.cs, &ComplaintOptions{AsOf: tc.asOf})
			if !errors.Is(err, csat.ErrOutOfRange) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrOutOfRange naming %q", err, tc.want)
			}
		})
	}
	t.Run("p4/forty-complaints-250-years-old/bounded-memory", func(t *testing.T) {
		cs := oldComplaints(40)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f, err := Complaints(cs, &ComplaintOptions{AsOf: lateAsOf})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		// Exact powers allocated hundreds of MB here; fixed point a few.
		if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
			t.Errorf("allocated %d bytes, want under 16 MiB", got)
		}
		// Each complainant is lost: 1 − 0.9^d rounds to 1 at any display.
		if got := f.ExpectedLost.Round(2).StringFixed(2); got != "40.00" {
			t.Errorf("expected lost = %s, want 40.00", got)
		}
	})
}

// TestFixedPow checks the fixed-point power against the exact one: within
// (n + 2·log₂ n + 1)·10⁻⁶⁰ and never above it (products are truncated).
func TestFixedPow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		num := rapid.Int64Range(0, 1000).Draw(t, "num")
		x := big.NewRat(num, 1000)
		n := rapid.Int64Range(1, 3000).Draw(t, "n")
		e := big.NewInt(n)
		exactPow := new(big.Rat).SetFrac(new(big.Int).Exp(x.Num(), e, nil), new(big.Int).Exp(x.Denom(), e, nil))
		got := fixedPow(x, n)
		diff := new(big.Rat).Sub(exactPow, got)
		bound := new(big.Rat).SetFrac(big.NewInt(n+2*int64(big.NewInt(n).BitLen())+1), new(big.Int).Exp(big.NewInt(10), big.NewInt(lossPlaces), nil))
		if diff.Sign() < 0 || diff.Cmp(bound) > 0 {
			t.Fatalf("%s^%d: fixed %s, exact − fixed = %s, bound %s", x.RatString(), n, got.FloatString(70), diff.FloatString(70), bound.FloatString(70))
		}
	})
}

// TestLossShareSwitch: at the switch from exact to fixed point the loss
// changes by less than 10⁻⁵⁰ (both sides computed independently).
func TestLossShareSwitch(t *testing.T) {
	r := complaintRules{loss: dec("0.001")}
	for _, d := range []int64{exactLossDays, exactLossDays + 1} {
		keep := big.NewRat(999, 1000)
		e := big.NewInt(d)
		want := new(big.Rat).Sub(big.NewRat(1, 1), new(big.Rat).SetFrac(new(big.Int).Exp(keep.Num(), e, nil), new(big.Int).Exp(keep.Denom(), e, nil)))
		diff := new(big.Rat).Sub(lossShare(r, d), want)
		if diff.Abs(diff).FloatString(50) != "0."+strings.Repeat("0", 50) {
			t.Errorf("d=%d: loss share off by %s", d, diff.FloatString(70))
		}
	}
}

// BenchmarkComplaintsOld: 40 open complaints about 91,000 days past the
// limit (issue 18 point 4: 13.6 s with exact powers).
func BenchmarkComplaintsOld(b *testing.B) {
	cs := oldComplaints(40)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Complaints(cs, &ComplaintOptions{AsOf: lateAsOf}); err != nil {
			b.Fatal(err)
		}
	}
}
