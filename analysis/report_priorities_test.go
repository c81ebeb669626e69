package analysis

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
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
	if rep.Churn == nil || rep.Churn.Test == nil || rep.Churn.Spearman == nil || rep.Churn.Presumed != 1 || len(rep.Churn.Customers) != 12 {
		t.Fatalf("churn %+v", rep.Churn)
	}
	if c := cautionsOf(rep.Cautions, CautionNoCorrelation, CautionChurnSmall); len(c) != 0 {
		t.Errorf("churn cautions %v", c)
	}
	if s := got[0].String(); s != "fix first: 交货期 (no. 1 of the fix-first list) has no corrective action: plan one, with an owner" {
		t.Errorf("caution %q", s)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"importance":{"method":"given"`, `"quadrant":{"method":"given","source":"survey","importance":{"rule":"mean"`,
		`"zone":"fix"`, `"fix_first":["交货期","价格"]`, `"benchmarks":[{"figure":"degree 满意度","item":"","kind":"industry_average"`, `"standing":"level"`, `"kind":"no_action"`,
		`"churn":{"source":"survey","customers":[{"customer":"C01","answers":6,"counts":[4,2,0,0,0]`, `"presumed":1`, `"rho_squared":{"label":"Spearman ρ²"`,
		`"statuses":[{"status":"active","customers":6`, `"test":{"test":"Welch's t-test"`} {
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
		{"importance-unranked", func(in *Input) {
			in.Importance = setMethod{Method: "mine", Items: []importance.Item{{Item: "品质", Value: pts("1")}}}
		}, errCheck{csat.ErrInvalid, `csat: report: importance "mine": "品质": rank 0 of the most important item: invalid argument`}},
		{"quadrant-fails", func(in *Input) { in.Quadrant = &QuadrantOptions{Cut: 7} }, errCheck{csat.ErrInvalid, "csat: quadrant: cut rule 7: invalid argument"}},
		{"status-conflict", func(in *Input) { in.Customers = []csat.CustomerScore{{ID: "C08", Status: csat.Active}} },
			errCheck{csat.ErrInvalid, `csat: report: customer "C08" is lost by the statuses but active by its score: invalid argument`}},
		{"status-without-customers", func(in *Input) {
			st, _ := form.New(csat.FivePoint(), nil)
			for _, f := range exampleForms() {
				f.Customer = ""
				_ = st.Add(f)
			}
			in.Forms = st
		}, errCheck{csat.ErrMissing, "csat: report: customer statuses are given but no survey forms name their customers: missing value"}},
		{"benchmark", func(in *Input) { in.Benchmarks = []Benchmark{{Figure: "nps", Kind: WorldLeader}} }, errCheck{csat.ErrInvalid, `csat: benchmark: no headline figure "nps" (the report's: "degree 满意度", "rate 满意率"): invalid argument`}},
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

// setMethod is an importance method that returns itself.
type setMethod importance.Set

func (s setMethod) Importance(importance.Input) (importance.Set, error) {
	return importance.Set(s), nil
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
	rows := append(hostileImportanceRows(t, w), hostileBenchmarkRows(t, w)...)
	rows = append(rows, hostileChurnRows(t, w)...)
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

// jsonEdits returns two ways to alter the report JSON w: set puts v at
// path (a nil v deletes the key), swapped swaps the first two elements
// of the array at path.
func jsonEdits(t *testing.T, w string) (set func(v any, path ...any) string, swapped func(path ...any) string) {
	set = func(v any, path ...any) string {
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
	swapped = func(path ...any) string {
		return edit(t, w, func(m map[string]any) {
			vs := jsonAt(m, path...).([]any)
			vs[0], vs[1] = vs[1], vs[0]
		})
	}
	return set, swapped
}

// hostileImportanceRows alter the worked example's report w in its
// importance, its quadrant and the cautions on the fix-first items.
func hostileImportanceRows(t *testing.T, w string) []reportRow {
	set, swapped := jsonEdits(t, w)
	noCautions := edit(t, w, func(m map[string]any) {
		var keep []any
		for _, c := range m["cautions"].([]any) {
			if c.(map[string]any)["kind"] != "no_action" {
				keep = append(keep, c)
			}
		}
		m["cautions"] = keep
	})
	return []reportRow{
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
	}
}

// hostileBenchmarkRows alter the worked example's report w in its
// benchmark gaps.
func hostileBenchmarkRows(t *testing.T, w string) []reportRow {
	set, swapped := jsonEdits(t, w)
	return []reportRow{
		{"benchmarks/standing", set("above", "benchmarks", 1, "standing"), []error{csat.ErrCorrupt}, `benchmarks[1]: industry_leader of "overall": ours, theirs, the gap or the standing`},
		{"benchmarks/gap", set(jsonAt(mustMap(t, w), "benchmarks", 0, "gap"), "benchmarks", 1, "gap"), []error{csat.ErrCorrupt}, "benchmarks[1]"},
		{"benchmarks/ours", set(jsonAt(mustMap(t, w), "benchmarks", 2, "ours"), "benchmarks", 1, "ours"), []error{csat.ErrCorrupt}, "benchmarks[1]"},
		{"benchmarks/order", swapped("benchmarks"), []error{csat.ErrCorrupt}, "benchmarks[1]: not ordered by figure, item and kind, each once"},
		{"benchmarks/figure", set("nps", "benchmarks", 0, "figure"), []error{csat.ErrCorrupt}, `benchmarks[0]: no survey figure "nps"`},
		{"benchmarks/item", set("颜色", "benchmarks", 0, "item"), []error{csat.ErrCorrupt, csat.ErrUnknownItem}, "benchmarks[0]"},
		{"benchmarks/kind", set("rival", "benchmarks", 0, "kind"), []error{csat.ErrInvalid}, `unknown benchmark kind "rival"`},
	}
}

// hostileChurnRows alter the worked example's report w in its churn
// figures and the cautions on them.
func hostileChurnRows(t *testing.T, w string) []reportRow {
	set, swapped := jsonEdits(t, w)
	return []reportRow{
		{"churn/degree", set(jsonAt(mustMap(t, w), "churn", "customers", 1, "degree"), "churn", "customers", 0, "degree"), []error{csat.ErrCorrupt}, `report: "survey" "C01": figures[0]: degree 满意度`},
		{"churn/counts", set([]any{json.Number("5"), json.Number("1"), json.Number("0"), json.Number("0"), json.Number("0")}, "churn", "customers", 0, "counts"), []error{csat.ErrCorrupt}, `report: "survey" "C01": figures[0]: degree 满意度`},
		{"churn/status", set("lost", "churn", "customers", 0, "status"), []error{csat.ErrCorrupt}, "churn: the rank correlation, the status figures or the test do not follow from the customers"},
		{"churn/complaints", set(json.Number("5"), "churn", "customers", 0, "complaints"), []error{csat.ErrCorrupt}, "do not follow from the customers"},
		{"churn/p", set("0.5", "churn", "spearman", "p_value"), []error{csat.ErrCorrupt}, "do not follow from the customers"},
		{"churn/rho", set(jsonAt(mustMap(t, w), "churn", "spearman", "rho_squared"), "churn", "spearman", "rho"), []error{csat.ErrCorrupt}, "do not follow from the customers"},
		{"churn/mean", set(jsonAt(mustMap(t, w), "churn", "statuses", 0, "mean"), "churn", "statuses", 2, "mean"), []error{csat.ErrCorrupt}, "do not follow from the customers"},
		{"churn/flag", set("ok", "churn", "statuses", 0, "sample"), []error{csat.ErrCorrupt}, "do not follow from the customers"},
		{"churn/test-dropped", set(nil, "churn", "test"), []error{csat.ErrCorrupt}, "do not follow from the customers"},
		{"churn/order", swapped("churn", "customers"), []error{csat.ErrCorrupt}, `churn: customer "C01": customers empty, repeated or not sorted`},
		{"churn/presumed", set(json.Number("7"), "churn", "presumed"), []error{csat.ErrCorrupt}, "churn: 7 customers presumed active, 6 are active"},
		{"churn/extra-customer", edit(t, w, func(m map[string]any) {
			cs := jsonAt(m, "churn", "customers").([]any)
			extra := map[string]any{}
			for k, v := range cs[11].(map[string]any) {
				extra[k] = v
			}
			extra["customer"] = "C13"
			obj(m, "churn")["customers"] = append(cs, extra)
		}), []error{csat.ErrCorrupt}, `churn: customer "C13": the customers' answers exceed the answers of "survey"`},
		{"churn/status-unknown", set("gone", "churn", "customers", 0, "status"), []error{csat.ErrInvalid}, `unknown status "gone"`},
		{"cautions/churn-injected", edit(t, w, func(m map[string]any) {
			m["cautions"] = append(m["cautions"].([]any), map[string]any{"kind": "churn_small", "subject": "", "values": []any{"lost"}, "n": []any{json.Number("5")}, "limit": json.Number("5")})
		}), []error{csat.ErrCorrupt}, "cautions: the churn cautions do not follow from the churn figures"},
		{"cautions/churn-without-churn", edit(t, w, func(m map[string]any) {
			delete(m, "churn")
			m["cautions"] = append(m["cautions"].([]any), map[string]any{"kind": "no_correlation", "subject": "", "n": []any{json.Number("1"), json.Number("1"), json.Number("1")}, "limit": json.Number("5")})
		}), []error{csat.ErrCorrupt}, "cautions: churn cautions without churn figures"},
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

// TestReportChurnCautions: a status under the suppression limit, and
// complaints that do not vary, are cautioned, and the report reads back.
func TestReportChurnCautions(t *testing.T) {
	in := exampleInput(t)
	in.MinSample = MinSample{Small: 30, Suppress: 6}
	in.Complaints = nil // every customer 0 complaints: nothing to rank
	rep, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []Caution{
		{Kind: CautionNoCorrelation, N: []uint64{12, 9, 1}, Limit: 6},
		{Kind: CautionChurnSmall, Values: []string{"lost"}, N: []uint64{5}, Limit: 6},
	}
	got := cautionsOf(rep.Cautions, CautionNoCorrelation, CautionChurnSmall)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("churn cautions (-want +got):\n%s", diff)
	}
	for i, s := range []string{
		"no Spearman ρ of degree and complaints: 12 surveyed customers (at least 6 needed), 9 distinct degrees, 1 distinct complaint counts (at least 2 of each needed)",
		"churn: fewer than 6 customers, active not tested against lost: lost (5 customers)",
	} {
		if got[i].String() != s {
			t.Errorf("caution %d: %q", i, got[i])
		}
	}
	if rep.Churn.Test != nil || rep.Churn.Spearman != nil || !strings.HasSuffix(rep.Churn.Summary(), "too few customers to test the difference") {
		t.Errorf("churn %+v", rep.Churn)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if js2, _ := json.Marshal(back); string(js2) != string(js) {
		t.Error("round trip differs")
	}
}

// TestReportBuiltinImportance: a report with each built-in importance
// method (stated, Pearson's r, Shapley, relative weights) on random
// forms with the overall question and stated importance reads back to
// the same bytes: the decoder accepts every set and quadrant Build
// makes.
func TestReportBuiltinImportance(t *testing.T) {
	levels := []string{"很满意", "满意", "基本满意", "不满意", "很不满意"}
	ratings := []string{"很重要", "重要", "一般", "不太重要", "不重要"}
	items := []string{"品质", "交货", "价格", "服务"}
	// Pairwise: form.Stats keeps no listwise co-moments yet (form.Matrix).
	methods := []importance.Method{importance.Stated{}, importance.WithDeletion(importance.Correlation{}, form.Pairwise),
		importance.WithDeletion(importance.Shapley{}, form.Pairwise), importance.WithDeletion(importance.RelativeWeights{}, form.Pairwise)}
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 20))
		st, err := form.New(csat.FivePoint(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 40 {
			f := form.Form{ID: strconv.Itoa(i), Customer: "C" + strconv.Itoa(i%9), Answers: map[string]string{}, Importance: map[string]string{},
				Overall: levels[rng.IntN(5)]}
			for _, it := range items {
				f.Answers[it] = levels[rng.IntN(5)]
				f.Importance[it] = ratings[rng.IntN(5)]
			}
			if err := st.Add(f); err != nil {
				t.Fatal(err)
			}
		}
		tab, err := st.Table()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range methods {
			rep, err := Build(Input{Period: "p", Table: tab, Forms: st, Importance: m, Quadrant: &QuadrantOptions{Cut: CutMedian},
				Status: map[string]csat.Status{"C1": csat.Lost, "C2": csat.AtRisk}})
			if err != nil {
				t.Fatalf("seed %d, %T: %v", seed, m, err)
			}
			js, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			var back Report
			if err := json.Unmarshal(js, &back); err != nil {
				t.Fatalf("seed %d, %T: a built report is refused: %v", seed, m, err)
			}
			if js2, _ := json.Marshal(back); string(js2) != string(js) {
				t.Fatalf("seed %d, %T: round trip differs", seed, m)
			}
		}
	}
}
