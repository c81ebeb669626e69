package analysis

import (
	"testing"
	"time"

	"github.com/csatkit/csat"
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
	f, err := Complaints(sampleComplaints(), &ComplaintOptions{AsOf: periodEnd})
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
	lin, err := Complaints(sampleComplaints(), &ComplaintOptions{AsOf: periodEnd, Loss: LossLinear})
	if err != nil || !lin.ExpectedLost.Value().Equal(dec("0.8")) {
		t.Errorf("linear loss %v, %v; want 0.8", lin.ExpectedLost.Value(), err)
	}
	// Order of input never matters.
	rev := sampleComplaints()
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	g, _ := Complaints(rev, &ComplaintOptions{AsOf: periodEnd})
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
		var cs []csat.Complaint
		start := at("2026-01-01 00:00")
		for i := range n {
			rec := start.Add(time.Duration(rapid.IntRange(0, 1000).Draw(t, "rec")) * time.Hour)
			c := csat.Complaint{ID: string(rune('a' + i)), Customer: string(rune('a' + rapid.IntRange(0, 5).Draw(t, "cust"))), Received: rec, Outcome: csat.NotHandled}
			if rapid.Bool().Draw(t, "resolved") {
				c.Resolved = rec.Add(time.Duration(rapid.IntRange(0, 400).Draw(t, "took")) * time.Hour)
				c.Outcome = csat.Outcome(rapid.IntRange(2, 6).Draw(t, "outcome"))
			}
			cs = append(cs, c)
		}
		end := at("2026-03-01 00:00")
		fig := func(cs []csat.Complaint, r decimal.Decimal) ComplaintFigures {
			f, err := Complaints(cs, &ComplaintOptions{AsOf: end, LossPerDay: decimal.NewNullDecimal(r), Loss: model})
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
		slower := append([]csat.Complaint(nil), cs...)
		if !slower[k].Open() {
			slower[k].Resolved = slower[k].Resolved.Add(time.Duration(rapid.IntRange(0, 200).Draw(t, "extra")) * time.Hour)
			if slower[k].Resolved.After(end) {
				slower[k].Resolved = end
			}
		}
		if fig(slower, rate).ExpectedLost.Rat().Cmp(base.ExpectedLost.Rat()) < 0 {
			t.Fatal("a later resolution lowered the loss")
		}
		plus := append(append([]csat.Complaint(nil), cs...), csat.Complaint{ID: "new", Customer: "brand-new", Received: end, Outcome: csat.NotHandled})
		if fig(plus, rate).Dissatisfied.Rat().Cmp(base.Dissatisfied.Rat()) <= 0 {
			t.Fatal("a new complainant did not raise the iceberg estimate")
		}
		if l := base.ExpectedLost.Rat(); l.Sign() < 0 || l.Cmp(exactInt(n)) > 0 {
			t.Fatalf("expected loss %s outside 0..%d", l, n)
		}
	})
}

func TestComplaintErrors(t *testing.T) {
	one := func(change func(*csat.Complaint)) []csat.Complaint {
		cs := sampleComplaints()
		change(&cs[0])
		return cs
	}
	nd := decimal.NewNullDecimal
	cases := []struct {
		name string
		cs   []csat.Complaint
		opts ComplaintOptions
		want errCheck
	}{
		{"none", nil, ComplaintOptions{AsOf: periodEnd}, errCheck{csat.ErrEmpty, `csat: complaints: none given: no data`}},
		{"resolved before received", one(func(c *csat.Complaint) { c.Resolved = at("2026-05-31 09:00"); c.FirstResponse = time.Time{} }), ComplaintOptions{AsOf: periodEnd},
			errCheck{csat.ErrBadTimes, `csat: complaint "A": resolution 2026-05-31T09:00:00Z is before 2026-06-01T09:00:00Z: complaint times out of order`}},
		{"negative response time", one(func(c *csat.Complaint) { c.FirstResponse = at("2026-06-01 08:00") }), ComplaintOptions{AsOf: periodEnd},
			errCheck{csat.ErrBadTimes, `csat: complaint "A": first response 2026-06-01T08:00:00Z is before 2026-06-01T09:00:00Z: complaint times out of order`}},
		{"unknown outcome", one(func(c *csat.Complaint) { c.Outcome = 7 }), ComplaintOptions{AsOf: periodEnd},
			errCheck{csat.ErrUnknownOutcome, `csat: complaint "A": outcome 7: unknown complaint outcome`}},
		{"duplicate id", append(sampleComplaints(), sampleComplaints()[1]), ComplaintOptions{AsOf: periodEnd},
			errCheck{csat.ErrDuplicate, `csat: complaint id "B" given twice: duplicate`}},
		{"empty id", one(func(c *csat.Complaint) { c.ID = "" }), ComplaintOptions{AsOf: periodEnd}, errCheck{csat.ErrMissing, ""}},
		{"no customer", one(func(c *csat.Complaint) { c.Customer = "" }), ComplaintOptions{AsOf: periodEnd}, errCheck{csat.ErrMissing, `csat: complaint "A": no customer: missing value`}},
		{"no received", one(func(c *csat.Complaint) { c.Received = time.Time{} }), ComplaintOptions{AsOf: periodEnd}, errCheck{csat.ErrMissing, `csat: complaint "A": no received time: missing value`}},
		{"handled without resolution", one(func(c *csat.Complaint) { c.Resolved = time.Time{} }), ComplaintOptions{AsOf: periodEnd},
			errCheck{csat.ErrMissing, `csat: complaint "A": outcome handled_very_satisfied but no resolution time: missing value`}},
		{"resolved but not handled", one(func(c *csat.Complaint) { c.Outcome = csat.NotHandled }), ComplaintOptions{AsOf: periodEnd},
			errCheck{csat.ErrInvalid, `csat: complaint "A": resolved but outcome is not_handled: invalid argument`}},
		{"open without AsOf", sampleComplaints(), ComplaintOptions{}, errCheck{csat.ErrMissing, `csat: complaint "D" is open: ComplaintOptions.AsOf is required: missing value`}},
		{"after period", sampleComplaints(), ComplaintOptions{AsOf: at("2026-06-24 00:00")}, errCheck{csat.ErrBadTimes, ""}},
		{"negative limit", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, Limit: -time.Hour}, errCheck{csat.ErrNegative, ""}},
		{"shares", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, FormalShare: nd(dec("0.1"))},
			errCheck{csat.ErrWeightsMismatch, `csat: complaints: formal, voice and silent shares sum to 1.05, not 1: weights do not add up`}},
		{"rate above 1", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, LossPerDay: nd(dec("1.5"))},
			errCheck{csat.ErrOutOfRange, `csat: complaints: loss per day 1.5 outside 0..1: value out of range`}},
		{"zero formal", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, FormalShare: nd(dec("0")), VoiceShare: nd(dec("0.4"))}, errCheck{csat.ErrInvalid, ""}},
		{"negative mouth", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, WordOfMouth: nd(dec("-1"))}, errCheck{csat.ErrNegative, ""}},
		{"loss model", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, Loss: 5}, errCheck{csat.ErrInvalid, ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Complaints(c.cs, &c.opts)
			checkErr(t, err, c.want)
		})
	}
}
