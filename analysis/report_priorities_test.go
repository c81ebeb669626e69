package analysis

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/importance"
	"github.com/google/go-cmp/cmp"
)

// exampleInput is the worked example's report input: its forms, the
// given importance, a corrective action for 价格 (none for 交货期), the
// complaints, the statuses and the benchmarks.
func exampleInput(t testing.TB) Input {
	t.Helper()
	st, tab, _ := exampleStats(t)
	in := Input{Period: "2026", Table: tab, Forms: st, Importance: givenImportance(exampleImportance), Benchmarks: exampleBenchmarks,
		Actions: []Action{{Item: "价格", Kind: Corrective, Cause: "价格调整滞后", Action: "季度调价机制", Owner: "销售部",
			Due: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), Status: InProgress}}}
	in.Complaints, in.Status = exampleChurnInput()
	return in
}

// exampleChurnInput returns the worked example's complaints (C01 … C12:
// 0 0 1 0 0 1 2 3 1 2 4 2) and statuses (C07 at risk, C08–C12 lost; the
// others active, C01 … C05 by the map, C06 by default).
func exampleChurnInput() ([]csat.Complaint, map[string]csat.Status) {
	var cs []csat.Complaint
	for i, n := range exampleComplaints {
		for k := range n {
			cs = append(cs, csat.Complaint{ID: "K" + twoDigits(i+1) + "-" + twoDigits(k+1), Customer: "C" + twoDigits(i+1),
				Received: time.Date(2026, 3, 1+k, 9, 0, 0, 0, time.UTC), Resolved: time.Date(2026, 3, 2+k, 9, 0, 0, 0, time.UTC), Outcome: csat.HandledSatisfied})
		}
	}
	status := map[string]csat.Status{"C07": csat.AtRisk}
	for i := 1; i <= 5; i++ {
		status["C"+twoDigits(i)] = csat.Active
		status["C"+twoDigits(i+7)] = csat.Lost
	}
	return cs, status
}

// TestReportPriorities: the report of the worked example has the
// importance set, the quadrant, the caution for 交货期 (the first item to
// fix, without a corrective action; 价格 has one) and the benchmark gaps,
// and reads back to the same bytes.
func TestReportPriorities(t *testing.T) {
	rep, err := Build(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Importance == nil || rep.Quadrant == nil || len(rep.Benchmarks) != 4 {
		t.Fatalf("importance %v, quadrant %v, %d benchmarks", rep.Importance, rep.Quadrant, len(rep.Benchmarks))
	}
	if diff := cmp.Diff([]string{"交货期", "价格"}, rep.Quadrant.FixFirst); diff != "" {
		t.Errorf("fix first (-want +got):\n%s", diff)
	}
	got := cautionsOf(rep.Cautions, CautionNoAction)
	if diff := cmp.Diff([]Caution{{Kind: CautionNoAction, Subject: "交货期", N: []uint64{1}}}, got); diff != "" {
		t.Errorf("no-action cautions (-want +got):\n%s", diff)
	}
	if s := got[0].String(); s != "fix first: 交货期 (no. 1 of the fix-first list) has no corrective action: plan one, with an owner" {
		t.Errorf("caution %q", s)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"importance":{"method":"given"`, `"quadrant":{"method":"given","source":"survey","importance":{"rule":"mean"`,
		`"zone":"fix"`, `"fix_first":["交货期","价格"]`, `"benchmarks":[{"figure":"degree 满意度","item":"","kind":"industry_average"`, `"standing":"level"`, `"kind":"no_action"`} {
		if !strings.Contains(string(js), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	js2, err := json.Marshal(back)
	if err != nil || string(js2) != string(js) {
		t.Fatalf("round trip differs: %v", err)
	}
}

// TestReportPrioritiesErrors: what Build refuses in the new parts.
func TestReportPrioritiesErrors(t *testing.T) {
	failing := importanceFunc(func() error { return errorf(csat.ErrTooFew, "2 forms") })
	tests := []struct {
		name string
		edit func(*Input)
		want errCheck
	}{
		{"importance-without-forms", func(in *Input) { in.Forms = nil }, errCheck{csat.ErrMissing, "csat: report: an importance method is given but no returned forms: missing value"}},
		{"quadrant-without-importance", func(in *Input) { in.Importance, in.Quadrant = nil, &QuadrantOptions{} },
			errCheck{csat.ErrMissing, "csat: report: quadrant options are given but no importance method: missing value"}},
		{"importance-fails", func(in *Input) { in.Importance = failing }, errCheck{csat.ErrTooFew, "csat: report: importance: 2 forms: too few observations"}},
		{"quadrant-fails", func(in *Input) { in.Quadrant = &QuadrantOptions{Cut: 7} }, errCheck{csat.ErrInvalid, "csat: quadrant: cut rule 7: invalid argument"}},
		{"benchmark", func(in *Input) { in.Benchmarks = []Benchmark{{Figure: "nps", Kind: WorldLeader}} }, errCheck{csat.ErrInvalid, `csat: benchmark: no headline figure "nps": invalid argument`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := exampleInput(t)
			tt.edit(&in)
			_, err := Build(in)
			checkErr(t, err, tt.want)
		})
	}
}

// importanceFunc is an importance method that fails with its error.
type importanceFunc func() error

func (f importanceFunc) Importance(importance.Input) (importance.Set, error) {
	return importance.Set{}, f()
}

// TestHostilePriorities: a report whose importance, quadrant, cautions
// or benchmarks contradict themselves or the rest of the report is
// refused on decode, naming the part.
func TestHostilePriorities(t *testing.T) {
	rep, err := Build(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(rep)
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
	swapped := func(path ...any) string {
		return edit(t, w, func(m map[string]any) {
			vs := jsonAt(m, path...).([]any)
			vs[0], vs[1] = vs[1], vs[0]
		})
	}
	noCautions := edit(t, w, func(m map[string]any) {
		var keep []any
		for _, c := range m["cautions"].([]any) {
			if c.(map[string]any)["kind"] != "no_action" {
				keep = append(keep, c)
			}
		}
		m["cautions"] = keep
	})
	rows := []reportRow{
		{"importance/rank", set(json.Number("2"), "importance", "items", 0, "rank"), []error{csat.ErrCorrupt}, `importance: "品质": rank 2 of the most important item`},
		{"importance/first", swapped("importance", "items"), []error{csat.ErrCorrupt}, `importance: "交货期": rank 2 of the most important item`},
		{"importance/tie-order", edit(t, w, func(m map[string]any) {
			vs := jsonAt(m, "importance", "items").([]any)
			vs[4], vs[5] = vs[5], vs[4]
		}), []error{csat.ErrCorrupt}, `importance: "包装": items not ordered most important first, ties by item, each once`},
		{"importance/tie-rank", set(json.Number("6"), "importance", "items", 5, "rank"), []error{csat.ErrCorrupt}, `importance: "技术支持": rank 6 after rank 5 does not follow the values`},
		{"quadrant/without-importance", set(nil, "importance"), []error{csat.ErrCorrupt, csat.ErrMissing}, "quadrant: no importance set"},
		{"quadrant/zone", set("strength", "quadrant", "items", 1, "zone"), []error{csat.ErrCorrupt}, "quadrant: cuts, zones, gaps or the fix-first list do not follow from the items"},
		{"quadrant/zone-unknown", set("repair", "quadrant", "items", 1, "zone"), []error{csat.ErrInvalid}, `unknown zone "repair"`},
		{"quadrant/fix-order", swapped("quadrant", "fix_first"), []error{csat.ErrCorrupt}, "do not follow from the items"},
		{"quadrant/gap", set(jsonAt(mustMap(t, w), "quadrant", "items", 2, "gap"), "quadrant", "items", 1, "gap"), []error{csat.ErrCorrupt}, "do not follow from the items"},
		{"quadrant/cut", set(jsonAt(mustMap(t, w), "quadrant", "items", 0, "importance"), "quadrant", "importance", "value"), []error{csat.ErrCorrupt}, "do not follow from the items"},
		{"quadrant/cut-rule", set("median", "quadrant", "performance", "rule"), []error{csat.ErrCorrupt}, "do not follow from the items"},
		{"quadrant/method", set("shapley", "quadrant", "method"), []error{csat.ErrCorrupt}, `quadrant: method "shapley" or 6 items, the importance set has "given" and 6`},
		{"quadrant/importance", set(jsonAt(mustMap(t, w), "quadrant", "items", 0, "importance"), "quadrant", "items", 1, "importance"), []error{csat.ErrCorrupt}, `quadrant: item 1 "交货期" is not the importance set's "交货期"`},
		{"quadrant/performance", set(jsonAt(mustMap(t, w), "quadrant", "items", 0, "performance"), "quadrant", "items", 1, "performance"), []error{csat.ErrCorrupt}, `quadrant: "交货期": performance: degree 满意度`},
		{"quadrant/source", set("self", "quadrant", "source"), []error{csat.ErrCorrupt}, `quadrant: "品质" has no answers by "self"`},
		{"cautions/no-action-dropped", noCautions, []error{csat.ErrCorrupt}, "cautions: the fix-first items without a corrective action are not those cautioned"},
		{"cautions/no-action-rank", edit(t, w, func(m map[string]any) {
			for _, c := range m["cautions"].([]any) {
				if c.(map[string]any)["kind"] == "no_action" {
					c.(map[string]any)["n"] = []any{json.Number("2")}
				}
			}
		}), []error{csat.ErrCorrupt}, "cautions: the fix-first items without a corrective action are not those cautioned"},
		{"benchmarks/standing", set("above", "benchmarks", 1, "standing"), []error{csat.ErrCorrupt}, `benchmarks[1]: industry_leader of "overall": ours, theirs, the gap or the standing`},
		{"benchmarks/gap", set(jsonAt(mustMap(t, w), "benchmarks", 0, "gap"), "benchmarks", 1, "gap"), []error{csat.ErrCorrupt}, "benchmarks[1]"},
		{"benchmarks/ours", set(jsonAt(mustMap(t, w), "benchmarks", 2, "ours"), "benchmarks", 1, "ours"), []error{csat.ErrCorrupt}, "benchmarks[1]"},
		{"benchmarks/order", swapped("benchmarks"), []error{csat.ErrCorrupt}, "benchmarks[1]: not ordered by figure, item and kind, each once"},
		{"benchmarks/figure", set("nps", "benchmarks", 0, "figure"), []error{csat.ErrCorrupt}, `benchmarks[0]: no survey figure "nps"`},
		{"benchmarks/item", set("颜色", "benchmarks", 0, "item"), []error{csat.ErrCorrupt, csat.ErrUnknownItem}, "benchmarks[0]"},
		{"benchmarks/kind", set("rival", "benchmarks", 0, "kind"), []error{csat.ErrInvalid}, `unknown benchmark kind "rival"`},
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
}

// mustMap decodes js into a generic map, numbers exact.
func mustMap(t *testing.T, js string) map[string]any {
	t.Helper()
	var m map[string]any
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}
