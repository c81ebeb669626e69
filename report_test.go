package csat

import (
	"encoding/json"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestBuildReport(t *testing.T) {
	tab := surveyTable(t)
	_ = tab.AddN("delivery 交货期", SourceSelf, 1, 5)
	for _, row := range perItem {
		_ = tab.AddN(row.item, SourceCompetitor, 1, 2) // 2 competitor forms: warned
	}
	prev := NewTable(FivePoint())
	_ = prev.AddN("all", SourceSurvey, 1, 20)
	cs, err := PVCCustomerScorer().Score(pvcCustomer())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := BuildReport(ReportInput{
		Period: "2026H2", Table: tab,
		History:       []Period{{Name: "2026H1", Table: prev}},
		DegreeHistory: []decimal.Decimal{dec("0.70"), dec("0.80")},
		Customers:     []CustomerScore{cs},
		Complaints:    sampleComplaints(), ComplaintOptions: &ComplaintOptions{AsOf: periodEnd},
		Actions: []Action{{Item: "delivery 交货期", Kind: Corrective, Action: "second supplier", Owner: "production", Status: Planned,
			Due: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, s := range rep.Sources {
		srcs = append(srcs, s.Source)
	}
	if diff := cmp.Diff([]string{"survey", "self", "competitor"}, srcs); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if !rep.Sources[0].Overall.Degree.Value().Equal(dec("0.76")) || rep.Overall == nil || len(rep.Pareto) != 4 || rep.Trend == nil ||
		rep.Company == nil || rep.Complaints == nil || len(rep.Competitor) != 6 || len(rep.Warnings) == 0 {
		t.Fatalf("report incomplete: %+v", rep.Warnings)
	}
	// Target: (0.75 + 0.8)/2 = 0.775 against the overall degree
	// 0.4×0.8 + 0.6×0.76 = 0.776 → met.
	if !rep.Targets.Degree.Value().Equal(dec("0.775")) || !*rep.Targets.DegreeMet || rep.Targets.Against != "overall" {
		t.Errorf("target %s met %t against %s", rep.Targets.Degree.Value(), *rep.Targets.DegreeMet, rep.Targets.Against)
	}
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
	want := []string{"actions", "company", "competitor", "complaints", "customers", "dissatisfied", "gaps", "overall", "pareto", "period", "scale", "sources", "targets", "trend", "warnings"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("report JSON fields (-want +got):\n%s", diff)
	}
	// Deterministic: the same input encodes to the same bytes.
	rep2, _ := BuildReport(ReportInput{Period: "2026H2", Table: tab.Clone(), History: []Period{{Name: "2026H1", Table: prev}},
		DegreeHistory: []decimal.Decimal{dec("0.70"), dec("0.80")}, Customers: []CustomerScore{cs},
		Complaints: slices.Clone(sampleComplaints()), ComplaintOptions: &ComplaintOptions{AsOf: periodEnd},
		Actions: []Action{{Item: "delivery 交货期", Kind: Corrective, Action: "second supplier", Owner: "production", Status: Planned,
			Due: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}}})
	js2, _ := json.Marshal(rep2)
	if string(js) != string(js2) {
		t.Error("report JSON is not deterministic")
	}
	var src struct {
		Sources []struct {
			Overall struct {
				Degree struct {
					Value, Display, Explain string
				}
				RateInterval struct{ Low, High, Method string } `json:"rate_interval"`
			}
		}
	}
	if err := json.Unmarshal(js, &src); err != nil {
		t.Fatal(err)
	}
	d := src.Sources[0].Overall.Degree
	if d.Value != "0.76" || d.Display != "76%" || d.Explain != "degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%" ||
		src.Sources[0].Overall.RateInterval.Method != "Wilson" {
		t.Errorf("report JSON degree %+v", src.Sources[0].Overall)
	}
}

func TestBuildReportErrors(t *testing.T) {
	_, err := BuildReport(ReportInput{Period: "x"})
	checkErr(t, err, errCheck{Is: ErrMissing})
	_, err = BuildReport(ReportInput{Period: "x", Table: NewTable(FivePoint())})
	checkErr(t, err, errCheck{Is: ErrEmpty})
	_, err = BuildReport(ReportInput{Period: "x", Table: surveyTable(t), Actions: []Action{{Item: "a"}}})
	checkErr(t, err, errCheck{Is: ErrMissing, Msg: `csat: action for "a": no action text: missing value`})
}
