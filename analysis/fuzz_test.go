package analysis

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/errs"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// FuzzComplaints builds complaint records from bytes (ids, customers,
// hour offsets, outcomes) and analyses them: never a panic; an accepted
// set gives figures within their ranges.
func FuzzComplaints(f *testing.F) {
	f.Add([]byte{1, 'x', 0, 1, 12, 6, 2, 'y', 10, 4, 49, 4})
	f.Add([]byte{0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var cs []csat.Complaint
		for i := 0; i+6 <= len(data) && i < 600; i += 6 {
			d := data[i : i+6]
			c := csat.Complaint{ID: string(rune('a' + d[0]%30)), Customer: string(rune('a' + d[1]%5)),
				Received: base.Add(time.Duration(d[2]) * time.Hour), Outcome: csat.Outcome(d[5] % 8)}
			if d[3] != 0 {
				c.FirstResponse = c.Received.Add(time.Duration(int8(d[3])) * time.Hour)
			}
			if d[4] != 0 {
				c.Resolved = c.Received.Add(time.Duration(int8(d[4])) * time.Hour)
			}
			cs = append(cs, c)
		}
		fig, err := Complaints(cs, &ComplaintOptions{AsOf: base.Add(400 * time.Hour)})
		if err != nil {
			return
		}
		if v := fig.WithinLimit.Value(); v.IsNegative() || v.GreaterThan(decimal.NewFromInt(1)) {
			t.Fatalf("within-limit share %s", v)
		}
		if l := fig.ExpectedLost.Value(); l.IsNegative() || l.GreaterThan(decimal.NewFromInt(int64(len(cs)))) {
			t.Fatalf("expected loss %s of %d", l, len(cs))
		}
		total := 0
		for _, o := range fig.Outcomes {
			total += o.Count
		}
		if total != len(cs) {
			t.Fatalf("outcome mix counts %d of %d", total, len(cs))
		}
	})
}

// FuzzReportJSON decodes arbitrary bytes as a Report, seeded with real
// reports (one with every part, on one item, and a one-item survey): never a
// panic; an accepted input re-encodes to JSON that decodes to an equal
// report and encodes to the same bytes again.
func FuzzReportJSON(f *testing.F) {
	tab := csat.NewTable(csat.FivePoint())
	for l, n := range []uint64{10, 5, 6, 3, 1} {
		_ = tab.AddN("all", csat.SourceSurvey, l, n)
	}
	rep, err := Build(Input{Period: "p", Table: tab})
	if err != nil {
		f.Fatal(err)
	}
	full, err := Build(compactInput(f))
	if err != nil {
		f.Fatal(err)
	}
	withForms, err := Build(compactFormInput(f))
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range []Report{rep, full, withForms} {
		js, err := json.Marshal(r)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(js)
	}
	f.Add([]byte(`{"period":"p","scale":"s","levels":[{"key":"a","label":"","label_zh":"","points":"1","satisfied":true,"band":null}],"sources":null,"dissatisfied":null,"pareto":null,"gaps":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Report
		if err := r.UnmarshalJSON(data); err != nil {
			if !errors.Is(err, csat.ErrCorrupt) && !errs.Own(err) {
				t.Fatalf("error %v is not csat's", err)
			}
			return
		}
		js, err := json.Marshal(r)
		if err != nil {
			return // a decoded enum that cannot be encoded is refused on the way out
		}
		var back Report
		if err := back.UnmarshalJSON(js); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if diff := cmp.Diff(r, back); diff != "" {
			t.Fatalf("re-decoded report differs (-first +second):\n%s", diff)
		}
		js2, err := json.Marshal(back)
		if err != nil || string(js2) != string(js) {
			t.Fatalf("unstable: %v", err)
		}
	})
}

// compactInput is the worked report's input on one item of every source:
// every part of a report, in a seed small enough to fuzz quickly.
func compactInput(t testing.TB) Input {
	in := reportInput(t)
	tab := csat.NewTable(csat.FivePoint())
	for l, n := range []uint64{3, 1, 0, 1, 1} {
		_ = tab.AddN("delivery 交货期", csat.SourceSurvey, l, n)
	}
	_ = tab.AddN("delivery 交货期", csat.SourceSelf, 1, 2)
	_ = tab.AddN("delivery 交货期", csat.SourceCompetitor, 0, 2)
	in.Table = tab
	in.Values = values(3, 50, 8)
	return in
}

// compactFormInput is a report with every form part (form counts,
// breakdowns with tests and letters, a suppressed value, the response
// rate, the control chart) on few forms, for the fuzz seed.
func compactFormInput(t testing.TB) Input {
	st, _ := form.New(csat.FivePoint(), nil)
	for i, c := range []struct{ region, q, d string }{{"华东", "很满意", "满意"}, {"华东", "满意", ""}, {"华东", "很满意", "很满意"},
		{"华南", "不满意", "满意"}, {"华南", "基本满意", "很不满意"}, {"华南", "不满意", "不满意"}, {"华北", "满意", "满意"}} {
		if err := st.Add(form.Form{ID: strconv.Itoa(i), Attrs: map[string]string{"地区": c.region},
			Answers: map[string]string{"品质": c.q, "交货": c.d}}); err != nil {
			t.Fatal(err)
		}
	}
	tab, _ := st.Table()
	hist := csat.NewTable(csat.FivePoint())
	_ = hist.AddN("品质", csat.SourceSurvey, 0, 4)
	_ = hist.AddN("品质", csat.SourceSurvey, 4, 2)
	return Input{Period: "p", Table: tab, Forms: st, MinSample: MinSample{Small: 3, Suppress: 2},
		History: []csat.Period{{Name: "h", Table: hist}}, Sent: &Sent{Dimension: "地区", Forms: map[string]uint64{"华东": 5, "华南": 3}, Minimum: 4}}
}
