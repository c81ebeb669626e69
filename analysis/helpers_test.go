package analysis

// Test helpers copied from package csat's tests (the fixtures the moved
// tests were written against).

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// pvcLeaves are the questionnaire scores of METHOD.md §5's worked example.
var pvcLeaves = map[string]string{
	"品质": "92", "包装": "85", "使用性": "88", "接待": "80", "程序": "75",
	"价格和付款": "60", "运输": "70", "问题处理": "65", "技术支持和服务": "90",
}

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// sampleComplaints: a period of five complaints, worked by hand in
// TestComplaintFigures.
func sampleComplaints() []csat.Complaint {
	return []csat.Complaint{
		{ID: "A", Customer: "X", Received: at("2026-06-01 09:00"), FirstResponse: at("2026-06-01 10:00"), Resolved: at("2026-06-01 21:00"), Outcome: csat.HandledVerySatisfied},
		{ID: "B", Customer: "Y", Received: at("2026-06-02 09:00"), FirstResponse: at("2026-06-02 13:00"), Resolved: at("2026-06-04 10:00"), Outcome: csat.HandledBasicallySatisfied},
		{ID: "C", Customer: "X", Received: at("2026-06-10 08:00"), FirstResponse: at("2026-06-10 09:30"), Resolved: at("2026-06-11 08:00"), Outcome: csat.HandledSatisfied},
		{ID: "D", Customer: "Z", Received: at("2026-06-25 00:00"), Outcome: csat.NotHandled},
		{ID: "E", Customer: "W", Received: at("2026-06-20 00:00"), FirstResponse: at("2026-06-21 00:00"), Resolved: at("2026-06-24 12:00"), Outcome: csat.HandledDissatisfied},
	}
}

var periodEnd = at("2026-06-30 00:00")

func pvcCustomer() csat.Customer {
	q := map[string]decimal.Decimal{}
	for k, v := range pvcLeaves {
		q[k] = dec(v)
	}
	return csat.Customer{
		ID:            "PVC-001",
		Questionnaire: q,
		Visit: map[string]csat.VisitNote{
			"品质": {Level: "很满意"}, "包装": {Level: "比较不满意"}, "价格和付款": {Level: "比较满意"},
		},
		Complaints: []csat.Complaint{
			{ID: "C1", Outcome: csat.HandledBasicallySatisfied},
			{ID: "C2", Outcome: csat.HandledVerySatisfied},
			{ID: "C3", Outcome: csat.NotHandled},
		},
	}
}

// nearEdge draws a score within 10⁻²¹…10⁻³⁰ of a band edge of the PVC
// scale (or exactly on it), inside 0–100.
func nearEdge(t *rapid.T) decimal.Decimal {
	edge := rapid.SampledFrom([]int64{20, 40, 60, 70, 90, 100}).Draw(t, "edge")
	k := rapid.Int32Range(21, 30).Draw(t, "k")
	d := decimal.New(1, -k)
	switch rapid.IntRange(-1, 1).Draw(t, "side") {
	case -1:
		return decimal.NewFromInt(edge).Sub(d)
	case 1:
		if edge < 100 {
			return decimal.NewFromInt(edge).Add(d)
		}
	}
	return decimal.NewFromInt(edge)
}

// pvcBandOf is the band of METHOD.md §1.2 by our reading, computed here
// independently: lower edges inclusive, the top band includes 100, below
// 20 is still 不满意.
func pvcBandOf(v decimal.Decimal) string {
	switch {
	case v.GreaterThanOrEqual(dec("90")):
		return "很满意"
	case v.GreaterThanOrEqual(dec("70")):
		return "满意"
	case v.GreaterThanOrEqual(dec("60")):
		return "比较满意"
	case v.GreaterThanOrEqual(dec("40")):
		return "比较不满意"
	}
	return "不满意"
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// tallyOf returns a five-point tally with the given counts, very satisfied first.
func tallyOf(t testing.TB, counts ...uint64) csat.Tally {
	t.Helper()
	tl := csat.NewTally(csat.FivePoint())
	for i, c := range counts {
		if err := tl.AddN(i, c); err != nil {
			t.Fatal(err)
		}
	}
	return tl
}

// errCheck is a row of an error-path table: the error must match Is and its
// message must be exactly Msg.
type errCheck struct {
	Is  error
	Msg string
}

func checkErr(t *testing.T, err error, want errCheck) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", want.Is)
	}
	if !errors.Is(err, want.Is) {
		t.Errorf("error %q does not match %v", err, want.Is)
	}
	if want.Msg != "" {
		if diff := cmp.Diff(want.Msg, err.Error()); diff != "" {
			t.Errorf("error message mismatch (-want +got):\n%s", diff)
		}
	}
	if !strings.HasPrefix(err.Error(), "csat: ") {
		t.Errorf("error %q lacks the csat: prefix", err)
	}
}

func exactInt(n int) *big.Rat { return big.NewRat(int64(n), 1) }

// mustGiven is Given for literals in tests: it panics on error.
func mustGiven(label string, k csat.Kind, v decimal.Decimal) csat.Result {
	r, err := csat.Given(label, k, v)
	if err != nil {
		panic(err)
	}
	return r
}

// npsOf puts promoters at 10, passives at 8, detractors at 0.
func npsOf(t testing.TB, p, pas, d uint64) csat.Tally {
	t.Helper()
	tl := csat.NewTally(csat.NPSScale())
	_ = tl.AddN(10, p)
	_ = tl.AddN(8, pas)
	_ = tl.AddN(0, d)
	return tl
}

func values(vs ...int64) []csat.CustomerValue {
	out := make([]csat.CustomerValue, len(vs))
	for i, v := range vs {
		out[i] = csat.CustomerValue{ID: string(rune('a' + i)), Value: mustGiven("", csat.Points, decimal.NewFromInt(v))}
	}
	return out
}

// pts is a points result for tests.
func pts(v string) csat.Result { return mustGiven("", csat.Points, dec(v)) }

type answer struct {
	item, source string
	level        int
}

func genSurvey(t *rapid.T) []answer {
	items := []string{"功能", "外观", "包装", "交货期", "服务质量"}
	sources := []string{csat.SourceSelf, csat.SourceSurvey, csat.SourceCompetitor}
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) answer {
		return answer{
			item:   rapid.SampledFrom(items).Draw(t, "item"),
			source: rapid.SampledFrom(sources).Draw(t, "source"),
			level:  rapid.IntRange(0, 4).Draw(t, "level"),
		}
	}), 0, 300).Draw(t, "answers")
}

// perItem is the per-item table of METHOD.md §2, with degree and rate
// worked by hand: function (3×10+1×8+1×4)=42/50, appearance
// (30+8+6)=44/50, packaging (20+8+6+2)=36/50, delivery (24+4)=28/50,
// service (20+16+4)=40/50.
var perItem = []struct {
	item         string
	counts       []uint64
	degree, rate string
}{
	{"function 功能", []uint64{3, 1, 0, 1, 0}, "0.84", "0.8"},
	{"appearance 外观", []uint64{3, 1, 1, 0, 0}, "0.88", "1"},
	{"packaging 包装", []uint64{2, 1, 1, 0, 1}, "0.72", "0.8"},
	{"delivery 交货期", []uint64{0, 0, 4, 1, 0}, "0.56", "0.8"},
	{"service 服务质量", []uint64{2, 2, 0, 1, 0}, "0.8", "0.8"},
}
