package analysis

import (
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func reportInput(t testing.TB) Input {
	tab := surveyTable(t)
	_ = tab.AddN("delivery 交货期", csat.SourceSelf, 1, 5)
	for _, row := range perItem {
		_ = tab.AddN(row.item, csat.SourceCompetitor, 1, 2) // 2 competitor forms: warned
	}
	prev := csat.NewTable(csat.FivePoint())
	_ = prev.AddN("all", csat.SourceSurvey, 1, 20)
	cs, err := csat.PVCCustomerScorer().Score(pvcCustomer())
	if err != nil {
		t.Fatal(err)
	}
	return Input{
		Period: "2026H2", Table: tab,
		History:    []csat.Period{{Name: "2026H1", Table: prev}},
		Headlines:  []Headline{{Scorer: csat.Degree{}, TargetHistory: []decimal.Decimal{dec("0.70"), dec("0.80")}}, {Scorer: csat.Rate{}}},
		Customers:  []csat.CustomerScore{cs},
		Complaints: sampleComplaints(), ComplaintOptions: &ComplaintOptions{AsOf: periodEnd},
		Actions: []Action{{Item: "delivery 交货期", Kind: Corrective, Action: "second supplier", Owner: "production", Status: Planned,
			Due: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}},
		Loyalty:     []csat.LoyaltyMetric{csat.NPS{}},
		LoyaltyData: csat.LoyaltyData{Recommend: npsOf(t, 100, 30, 80)},
		Values:      values(3, 50, 8, 20, 5, 10, 4),
	}
}

// built returns the worked input and its report.
func built(t testing.TB) (Input, Report) {
	t.Helper()
	in := reportInput(t)
	rep, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return in, rep
}

// TestBuild builds the worked report once and checks it step by step.
func TestBuild(t *testing.T) {
	in, rep := built(t)
	for _, step := range []struct {
		name  string
		check func(*testing.T, Input, Report)
	}{
		{"figures", checkFigures}, {"targets", checkTargets}, {"loyalty", checkLoyalty},
		{"json", checkJSON}, {"json corrupt", checkJSONCorrupt}, {"json round trip", checkJSONRoundTrip},
	} {
		t.Run(step.name, func(t *testing.T) { step.check(t, in, rep) })
	}
}

// The headline figures of every source, and every part given.
func checkFigures(t *testing.T, _ Input, rep Report) {
	var srcs []string
	for _, s := range rep.Sources {
		srcs = append(srcs, s.Source)
	}
	if diff := cmp.Diff([]string{"survey", "self", "competitor"}, srcs); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	ov := rep.Sources[0].Overall
	if len(ov.Figures) != 2 || !ov.Figures[0].Score.Value().Equal(dec("0.76")) || !ov.Figures[1].Score.Value().Equal(dec("0.84")) ||
		ov.Figures[1].Interval == nil || ov.Figures[1].Interval.Method != "Wilson" || len(rep.Overall) != 2 || len(rep.Pareto) != 4 ||
		rep.Trend == nil || rep.Company == nil || rep.Complaints == nil || len(rep.Competitor) != 6 || len(rep.Warnings) == 0 {
		t.Fatalf("report incomplete: %+v", rep.Warnings)
	}
}

func checkTargets(t *testing.T, _ Input, rep Report) {
	// Target: (0.75 + 0.8)/2 = 0.775 against the overall degree
	// 0.4×0.8 + 0.6×0.76 = 0.776 → met; the current figure is beside it.
	if len(rep.Targets) != 1 || !rep.Targets[0].Target.Target.Value().Equal(dec("0.775")) || !rep.Targets[0].Met ||
		rep.Targets[0].Against != AgainstOverall || rep.Targets[0].Figure != 0 || !rep.Targets[0].Current.Value().Equal(dec("0.776")) {
		t.Errorf("targets %+v", rep.Targets)
	}
}

func checkLoyalty(t *testing.T, _ Input, rep Report) {
	// Loyalty: NPS (100 − 80)/210 × 100 ≈ 9.52; segments A A A B B B C.
	if len(rep.Loyalty) != 1 || rep.Loyalty[0].String() != "≈9.52" || len(rep.Segments) != 7 || len(rep.Classes) != 3 {
		t.Errorf("loyalty %v, %d segments, %d classes", rep.Loyalty, len(rep.Segments), len(rep.Classes))
	}
}

// The report's JSON fields, and the counts per level of the table.
func checkJSON(t *testing.T, in Input, rep Report) {
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(js, &top); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := []string{"actions", "cautions", "classes", "company", "competitor", "complaints", "control", "customers", "dissatisfied", "gaps", "levels", "loyalty",
		"min_sample", "overall", "pareto", "period", "scale", "segments", "sources", "targets", "trend", "warnings"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("report JSON fields (-want +got):\n%s", diff)
	}
	// The counts per level are the table's: they add up to the answers,
	// and a report whose counts do not is corrupt.
	for _, sf := range rep.Sources {
		tl, err := in.Table.Total(sf.Source)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tl.Counts(), sf.Overall.Counts); diff != "" || len(rep.Levels) != in.Table.Scale().Len() {
			t.Errorf("%s counts (-table +report):\n%s; %d levels", sf.Source, diff, len(rep.Levels))
		}
	}
}

// A report whose counts do not add up, or with a target of no headline
// figure, is corrupt.
func checkJSONCorrupt(t *testing.T, _ Input, rep Report) {
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ from, to string }{
		{`"counts":[10,5,6,3,1]`, `"counts":[10,5,6,3,2]`},
		{`"counts":[10,5,6,3,1]`, `"counts":[10,5,6,3]`},
		{`"counts":[10,5,6,3,1]`, `"counts":[18446744073709551615,5,6,3,1]`},
		{`"figure":0`, `"figure":2`},
	} {
		if !strings.Contains(string(js), bad.from) {
			t.Fatalf("report JSON lacks %s", bad.from)
		}
		var r Report
		if err := json.Unmarshal([]byte(strings.Replace(string(js), bad.from, bad.to, 1)), &r); !errors.Is(err, csat.ErrCorrupt) {
			t.Errorf("counts %s: %v, want ErrCorrupt", bad.to, err)
		}
	}
}

// The report's JSON is deterministic, reads back to an equal report and
// carries each figure's explanation.
func checkJSONRoundTrip(t *testing.T, in Input, rep Report) {
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	// Deterministic: the same input encodes to the same bytes.
	in2 := reportInput(t)
	in2.Table = in.Table.Clone()
	in2.Complaints = slices.Clone(in.Complaints)
	rep2, _ := Build(in2)
	js2, _ := json.Marshal(rep2)
	if string(js) != string(js2) {
		t.Error("report JSON is not deterministic")
	}
	// It reads back to an equal report.
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, back); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
	var src struct {
		Sources []struct {
			Overall struct {
				Figures []struct {
					Score    struct{ Value, Display, Explain string }
					Interval struct{ Method string }
				}
			}
		}
	}
	if err := json.Unmarshal(js, &src); err != nil {
		t.Fatal(err)
	}
	d := src.Sources[0].Overall.Figures[0].Score
	if d.Value != "0.76" || d.Display != "76%" || d.Explain != "degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%" ||
		src.Sources[0].Overall.Figures[0].Interval.Method != "t" {
		t.Errorf("report JSON degree %+v", src.Sources[0].Overall)
	}
}

func TestBuildErrors(t *testing.T) {
	_, err := Build(Input{Period: "x"})
	checkErr(t, err, errCheck{Is: csat.ErrMissing})
	_, err = Build(Input{Period: "x", Table: csat.NewTable(csat.FivePoint())})
	checkErr(t, err, errCheck{Is: csat.ErrEmpty})
	_, err = Build(Input{Period: "x", Table: surveyTable(t), Actions: []Action{{Item: "a"}}})
	checkErr(t, err, errCheck{Is: csat.ErrMissing, Msg: `csat: action for "a": no action text: missing value`})
	_, err = Build(Input{Period: "x", Table: surveyTable(t), Headlines: []Headline{{}}})
	checkErr(t, err, errCheck{Is: csat.ErrInvalid, Msg: "csat: report: scorer 0 is nil: invalid argument"})
	_, err = Build(Input{Period: "x", Table: surveyTable(t), Headlines: []Headline{{Scorer: csat.Degree{}}, {TargetHistory: []decimal.Decimal{dec("0.8")}}}})
	checkErr(t, err, errCheck{Is: csat.ErrInvalid, Msg: "csat: report: scorer 1 is nil: invalid argument"})
}

// Report JSON that is not what Marshal writes is refused: an unknown
// field at the top or deep inside, a tampered value.
func TestReportJSONRejects(t *testing.T) {
	rep, err := Build(Input{Period: "p", Table: surveyTable(t)})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"top-level typo":  replaceOnce(string(js), `"period"`, `"peroid"`),
		"nested typo":     replaceOnce(string(js), `"answers"`, `"answer"`),
		"tampered value":  replaceOnce(string(js), `"value":"0.76"`, `"value":"0.77"`),
		"tampered kind":   replaceOnce(string(js), `"kind":"fraction"`, `"kind":"points"`),
		"trailing object": string(js) + "{}",
	} {
		if bad == string(js) {
			t.Fatalf("%s: input not altered", name)
		}
		var r Report
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

// genReportInput draws a report input: a survey of random counts over a
// few items, maybe a self-assessment, a competitor, a previous period,
// targets, customers, complaints, actions, loyalty data and values.
func genReportInput(t *rapid.T) Input {
	tab := csat.NewTable(csat.FivePoint())
	items := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"功能", "外观", "包装", "交货期", "服务质量", "price"}), 1, 4, rapid.ID[string]).Draw(t, "items")
	sources := []string{csat.SourceSurvey}
	if rapid.Bool().Draw(t, "self") {
		sources = append(sources, csat.SourceSelf)
	}
	if rapid.Bool().Draw(t, "competitor") {
		sources = append(sources, csat.SourceCompetitor)
	}
	for _, it := range items {
		for _, src := range sources {
			for l := range 5 {
				if err := tab.AddN(it, src, l, rapid.Uint64Range(0, 12).Draw(t, "n")); err != nil {
					t.Fatal(err)
				}
			}
			if tl, _ := tab.Tally(it, src); empty(tl) {
				_ = tab.Add(it, src, rapid.IntRange(0, 4).Draw(t, "one"))
			}
		}
	}
	in := Input{Period: "P" + strconv.Itoa(rapid.IntRange(1, 9).Draw(t, "period")), Table: tab}
	if rapid.Bool().Draw(t, "history") {
		prev := csat.NewTable(csat.FivePoint())
		for l := range 5 {
			_ = prev.AddN(items[0], csat.SourceSurvey, l, rapid.Uint64Range(1, 9).Draw(t, "prev"))
		}
		in.History = []csat.Period{{Name: "P0", Table: prev}}
	}
	if rapid.Bool().Draw(t, "targets") {
		h := rapid.SliceOfN(rapid.IntRange(0, 100), 1, 6).Draw(t, "hist")
		var hs []decimal.Decimal
		for _, v := range h {
			hs = append(hs, decimal.New(int64(v), -2))
		}
		in.Headlines = []Headline{{Scorer: csat.Degree{}, TargetHistory: hs}, {Scorer: csat.Rate{}, TargetHistory: hs}}
		in.TargetMethod = TargetMethod(rapid.IntRange(0, 1).Draw(t, "method"))
	}
	if rapid.Bool().Draw(t, "customers") {
		c := pvcCustomer()
		c.ID = "c" + strconv.Itoa(rapid.IntRange(0, 99).Draw(t, "cid"))
		c.Status = csat.Status(rapid.IntRange(0, 2).Draw(t, "status"))
		cs, err := csat.PVCCustomerScorer().Score(c)
		if err != nil {
			t.Fatal(err)
		}
		in.Customers = []csat.CustomerScore{cs}
	}
	if rapid.Bool().Draw(t, "complaints") {
		in.Complaints, in.ComplaintOptions = sampleComplaints(), &ComplaintOptions{AsOf: periodEnd}
	}
	if rapid.Bool().Draw(t, "actions") {
		in.Actions = []Action{{Item: items[0], Kind: ActionKind(rapid.IntRange(1, 2).Draw(t, "kind")), Action: "fix", Owner: "qa",
			Status: ActionStatus(rapid.IntRange(1, 4).Draw(t, "st")), Due: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}}
	}
	if rapid.Bool().Draw(t, "loyalty") {
		nps := csat.NewTally(csat.NPSScale())
		for l := range 11 {
			_ = nps.AddN(l, rapid.Uint64Range(0, 20).Draw(t, "nps"))
		}
		_ = nps.Add(10)
		in.Loyalty = []csat.LoyaltyMetric{csat.NPS{}, csat.RepeatRate{}}
		in.LoyaltyData = csat.LoyaltyData{Recommend: nps, Purchases: []csat.Purchase{{Customer: "a", Amount: dec("1")}, {Customer: "a", Amount: dec("2")}, {Customer: "b", Amount: dec("3")}}}
	}
	if rapid.Bool().Draw(t, "values") {
		vs := rapid.SliceOfN(rapid.IntRange(-5, 100), 1, 8).Draw(t, "values")
		for i, v := range vs {
			in.Values = append(in.Values, csat.CustomerValue{ID: "v" + strconv.Itoa(i), Value: pts(strconv.Itoa(v))})
		}
	}
	return in
}

// Any report built from random inputs marshals to JSON, unmarshals, and
// marshals to the same bytes; the values are equal.
func TestReportJSONRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("long property (about 15 s): run without -short")
	}
	rapid.Check(t, func(t *rapid.T) {
		rep, err := Build(genReportInput(t))
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		js, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("unmarshal: %v\n%s", err, js)
		}
		js2, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if string(js) != string(js2) {
			t.Fatalf("re-encoded differently")
		}
		if diff := cmp.Diff(rep, back); diff != "" {
			t.Fatalf("decoded report differs (-want +got):\n%s", diff)
		}
	})
}

// A target is met on exact values: a degree of 76% against a target
// 10⁻²⁵ above it is not met, against one 10⁻²⁵ below it is.
func TestReportTargetExact(t *testing.T) {
	tab := surveyTable(t)
	degree := scorerFunc(csat.Degree{}.Score) // no interval: fast
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.New(1, -rapid.Int32Range(21, 30).Draw(t, "k"))
		side := rapid.IntRange(-1, 1).Draw(t, "side")
		x := dec("0.76").Add(d.Mul(decimal.NewFromInt(int64(side))))
		rep, err := Build(Input{Period: "p", Table: tab, Headlines: []Headline{{Scorer: degree, TargetHistory: []decimal.Decimal{x, x}}}})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rep.Targets[0].Met, side <= 0; got != want {
			t.Fatalf("degree 0.76 against target %s: met %t, want %t", x, got, want)
		}
	})
}

// scorerFunc is a Scorer made of a function (an IntervalScorer's method
// value loses its Interval).
type scorerFunc func(csat.Tally) (csat.Result, error)

func (f scorerFunc) Score(t csat.Tally) (csat.Result, error) { return f(t) }
