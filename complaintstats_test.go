package csat

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestComplaintFigures, by hand:
//   - resolution times A 12 h, B 49 h, C 24 h, E 108 h; within 24 h: A, C → 2/5 = 40%
//   - response times sorted 1, 1.5, 4, 24 h: median = 2nd (⌈0.5×4⌉) = 1.5 h, p90 = 4th (⌈3.6⌉) = 24 h
//   - resolution sorted 12, 24, 49, 108 h: median 24 h, p90 108 h
//   - D open, age 06-25 → 06-30 = 120 h
//   - complainants X, Y, Z, W = 4 → 4/0.05 = 80 dissatisfied, 80×0.35 = 28 voice, 80×0.6 = 48 silent
//   - completed days past 24 h: B 25 h → 1, D 96 h → 4, E 84 h → 3;
//     compound 0.1 + (1 − 0.9⁴ = 0.3439) + (1 − 0.9³ = 0.271) = 0.7149; linear 0.1 + 0.4 + 0.3 = 0.8
//   - returns 0.95×2 (A, C) + 0.6×2 (B, E) = 3.1; word of mouth 5×2 (A, C satisfied quickly) = 10
func TestComplaintFigures(t *testing.T) {
	f, err := AnalyzeComplaints(sampleComplaints(), &ComplaintOptions{AsOf: periodEnd})
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Total, Complainants                             int
		Within                                          string
		RespMed, RespP90, ResMed, ResP90                time.Duration
		RespN, ResN                                     int
		Outcomes                                        []int
		Open                                            []OpenComplaint
		Diss, Voice, Silent, Lost, Returns, WordOfMouth string
	}
	got := summary{Total: f.Total, Complainants: f.Complainants, Within: f.WithinLimit.Value().String(),
		RespMed: f.Response.Median, RespP90: f.Response.P90, ResMed: f.Resolution.Median, ResP90: f.Resolution.P90,
		RespN: f.Response.N, ResN: f.Resolution.N, Open: f.Open,
		Diss: f.Dissatisfied.Value().String(), Voice: f.VoiceElsewhere.Value().String(), Silent: f.Silent.Value().String(),
		Lost: f.ExpectedLost.Value().String(), Returns: f.ExpectedReturns.Value().String(), WordOfMouth: f.WordOfMouth.Value().String()}
	for _, oc := range f.Outcomes {
		got.Outcomes = append(got.Outcomes, oc.Count)
	}
	want := summary{Total: 5, Complainants: 4, Within: "0.4",
		RespMed: 90 * time.Minute, RespP90: 24 * time.Hour, ResMed: 24 * time.Hour, ResP90: 108 * time.Hour,
		RespN: 4, ResN: 4, Outcomes: []int{1, 1, 0, 1, 1, 1},
		Open: []OpenComplaint{{ID: "D", Customer: "Z", Age: 120 * time.Hour}},
		Diss: "80", Voice: "28", Silent: "48", Lost: "0.7149", Returns: "3.1", WordOfMouth: "10"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("figures mismatch (-want +got):\n%s", diff)
	}
	if got, want := f.ExpectedLost.Explain(), "expected customers lost to delay = Σ 1 − (1 − 0.1)^d over B: 1d, D: 4d, E: 3d = ≈0.71"; got != want {
		t.Errorf("Explain\n got: %s\nwant: %s", got, want)
	}
	if got, want := f.Response.MedianHours.Value().String(), "1.5"; got != want {
		t.Errorf("median response hours %s, want %s", got, want)
	}
	lin, err := AnalyzeComplaints(sampleComplaints(), &ComplaintOptions{AsOf: periodEnd, Loss: LossLinear})
	if err != nil || !lin.ExpectedLost.Value().Equal(dec("0.8")) {
		t.Errorf("linear loss %v, %v; want 0.8", lin.ExpectedLost.Value(), err)
	}
	// Order of input never matters.
	rev := sampleComplaints()
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	g, _ := AnalyzeComplaints(rev, &ComplaintOptions{AsOf: periodEnd})
	if g.ExpectedLost.Explain() != f.ExpectedLost.Explain() || !cmp.Equal(g.Open, f.Open) {
		t.Error("input order changed the figures")
	}
}

// TestComplaintMonotone: the iceberg grows with complainants; the loss
// grows with delay and with the daily rate, under both models.
func TestComplaintMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		model := LossModel(rapid.IntRange(0, 1).Draw(t, "model"))
		rate := decimal.New(int64(rapid.IntRange(0, 100).Draw(t, "rate")), -2)
		more := rate.Add(decimal.New(int64(rapid.IntRange(0, 100-int(rate.Shift(2).IntPart())).Draw(t, "more")), -2))
		n := rapid.IntRange(1, 12).Draw(t, "n")
		var cs []Complaint
		start := at("2026-01-01 00:00")
		for i := range n {
			rec := start.Add(time.Duration(rapid.IntRange(0, 1000).Draw(t, "rec")) * time.Hour)
			c := Complaint{ID: string(rune('a' + i)), Customer: string(rune('a' + rapid.IntRange(0, 5).Draw(t, "cust"))), Received: rec, Outcome: NotHandled}
			if rapid.Bool().Draw(t, "resolved") {
				c.Resolved = rec.Add(time.Duration(rapid.IntRange(0, 400).Draw(t, "took")) * time.Hour)
				c.Outcome = Outcome(rapid.IntRange(2, 6).Draw(t, "outcome"))
			}
			cs = append(cs, c)
		}
		end := at("2026-03-01 00:00")
		fig := func(cs []Complaint, r decimal.Decimal) ComplaintFigures {
			f, err := AnalyzeComplaints(cs, &ComplaintOptions{AsOf: end, LossPerDay: decimal.NewNullDecimal(r), Loss: model})
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		base := fig(cs, rate)
		if fig(cs, more).ExpectedLost.Rat().Cmp(base.ExpectedLost.Rat()) < 0 {
			t.Fatal("a higher daily rate lowered the loss")
		}
		k := rapid.IntRange(0, n-1).Draw(t, "delay")
		slower := append([]Complaint(nil), cs...)
		if !slower[k].Open() {
			slower[k].Resolved = slower[k].Resolved.Add(time.Duration(rapid.IntRange(0, 200).Draw(t, "extra")) * time.Hour)
			if slower[k].Resolved.After(end) {
				slower[k].Resolved = end
			}
		}
		if fig(slower, rate).ExpectedLost.Rat().Cmp(base.ExpectedLost.Rat()) < 0 {
			t.Fatal("a later resolution lowered the loss")
		}
		plus := append(append([]Complaint(nil), cs...), Complaint{ID: "new", Customer: "brand-new", Received: end, Outcome: NotHandled})
		if fig(plus, rate).Dissatisfied.Rat().Cmp(base.Dissatisfied.Rat()) <= 0 {
			t.Fatal("a new complainant did not raise the iceberg estimate")
		}
		if l := base.ExpectedLost.Rat(); l.Sign() < 0 || l.Cmp(exactInt(n)) > 0 {
			t.Fatalf("expected loss %s outside 0..%d", l, n)
		}
	})
}
