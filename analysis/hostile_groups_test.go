package analysis

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/csatkit/csat"
)

// TestHostileFormParts: a report's form parts that contradict themselves
// or the rest of the report are refused on decode, naming the part.
func TestHostileFormParts(t *testing.T) {
	js, err := json.Marshal(workedReport(t))
	if err != nil {
		t.Fatal(err)
	}
	w := string(js)
	set := func(v any, path ...any) string {
		return edit(t, w, func(m map[string]any) {
			parent := jsonAt(m, path[:len(path)-1]...)
			switch k := path[len(path)-1].(type) {
			case string:
				if v == nil {
					delete(parent.(map[string]any), k)
				} else {
					parent.(map[string]any)[k] = v
				}
			case int:
				parent.([]any)[k] = v
			}
		})
	}
	swap := edit(t, w, func(m map[string]any) {
		vs := jsonAt(m, "groups", 2, "values").([]any)
		vs[1], vs[2] = vs[2], vs[1]
	})
	rows := []reportRow{
		{"flag/unknown", set("big", "groups", 0, "values", 0, "sample"), []error{csat.ErrInvalid}, "unknown sample flag \"big\""},
		{"flag/wrong", set("ok", "groups", 0, "values", 0, "sample"), []error{csat.ErrCorrupt}, "groups[0] (\"地区\", \"degree 满意度\"): \"华东\": sample flag ok does not follow the rule"},
		{"letters/suppressed", set("c", "groups", 3, "values", 3, "letters"), []error{csat.ErrCorrupt}, "\"微\": a suppressed value has a figure, an interval or letters"},
		{"letters/contradict", set("a", "groups", 3, "values", 1, "letters"), []error{csat.ErrCorrupt}, "letters of \"中\" and \"小\" contradict their test"},
		{"letters/no-a", set("b", "groups", 0, "values", 0, "letters"), []error{csat.ErrCorrupt}, "the best value has no letter a"},
		{"letters/too-long", set("a"+strings.Repeat("b", 5000), "groups", 0, "values", 0, "letters"), []error{csat.ErrCorrupt}, "letters: more than the limit of 4096 bytes"},
		{"holm/below-raw", set("0.01", "groups", 3, "pairs", 0, "adjusted"), []error{csat.ErrCorrupt}, "adjusted p-value 0.01 or verdict is not Holm's"},
		{"holm/verdict", set(true, "groups", 3, "pairs", 0, "significant"), []error{csat.ErrCorrupt}, "verdict is not Holm's"},
		{"pairs/dropped", edit(t, w, func(m map[string]any) { obj(m, "groups", 3)["pairs"] = jsonAt(m, "groups", 3, "pairs").([]any)[:2] }), []error{csat.ErrCorrupt}, "pairs are not every two values not suppressed"},
		{"values/order", swap, []error{csat.ErrCorrupt}, "values not ordered best first"},
		{"forms/answers", set(json.Number("33"), "forms", "sources", 0, "items", 0, "answers"), []error{csat.ErrCorrupt}, "forms: \"survey\" \"交货\": 33 answers, the source's item has 34"},
		{"forms/blanks", set(json.Number("4"), "forms", "sources", 0, "blanks"), []error{csat.ErrCorrupt}, "forms: \"survey\": 71 answers and 4 blanks, the items add up to 71 and 3"},
		{"forms/too-many", set(json.Number("36"), "forms", "sources", 0, "forms"), []error{csat.ErrCorrupt}, "34 answers and 3 blanks on 36 forms"},
		{"min-sample/missing", set(nil, "min_sample"), []error{csat.ErrCorrupt, csat.ErrMissing}, "min_sample: none"},
		{"min-sample/inverted", set(map[string]any{"small": json.Number("3"), "suppress": json.Number("5")}, "min_sample"), []error{csat.ErrCorrupt}, "min_sample: suppress 5, small 3"},
		{"response/returned", set(json.Number("41"), "response", "strata", 0, "returned"), []error{csat.ErrCorrupt}, "response: stratum \"华东\": 41 returned of 40 sent"},
		{"response/minimum", set(false, "response", "strata", 1, "under_minimum"), []error{csat.ErrCorrupt}, "under minimum false"},
		{"response/overall", set(json.Number("71"), "response", "overall", "sent"), []error{csat.ErrCorrupt}, "response: overall 37 of 71"},
		{"control/limit", set("0.4", "control", "periods", 0, "lower"), []error{csat.ErrCorrupt}, "control: period \"2025H1\": limits [0.4, 1]"},
		{"control/signal", set("above", "control", "periods", 2, "signal"), []error{csat.ErrCorrupt}, "signal \"above\" is not the p-chart's"},
		{"control/laney", set(false, "control", "laney"), []error{csat.ErrCorrupt}, "Laney false is not the p-chart of the counts"},
		{"control/one-period", edit(t, w, func(m map[string]any) {
			obj(m, "control")["periods"] = jsonAt(m, "control", "periods").([]any)[:1]
			delete(m, "trend")
		}), []error{csat.ErrCorrupt}, "control: no source or fewer than 2 periods"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			if row.data == w {
				t.Fatal("the input was not altered")
			}
			var r Report
			err := r.UnmarshalJSON([]byte(row.data))
			if err == nil {
				t.Fatal("decoded without error")
			}
			for _, is := range row.is {
				if !errors.Is(err, is) {
					t.Errorf("error %q does not wrap %v", err, is)
				}
			}
			if !strings.Contains(err.Error(), row.msg) {
				t.Errorf("error %q does not say %q", err, row.msg)
			}
		})
	}
	var r Report
	if err := r.UnmarshalJSON([]byte(edit(t, w, func(map[string]any) {}))); err != nil {
		t.Errorf("the worked report, unedited: %v", err)
	}
}
