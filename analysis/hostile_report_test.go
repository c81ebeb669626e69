package analysis

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/csatkit/csat"
)

// reportJSON returns the JSON of a report of one item, "all", with the
// worked example's counts (10, 5, 6, 3, 1).
func reportJSON(t *testing.T) string {
	t.Helper()
	tab := csat.NewTable(csat.FivePoint())
	for l, n := range []uint64{10, 5, 6, 3, 1} {
		_ = tab.AddN("all", csat.SourceSurvey, l, n)
	}
	rep, err := Build(Input{Period: "p", Table: tab})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

// edit decodes js, lets change edit the generic value and encodes it
// again; the values left alone stay as they were (numbers exact).
func edit(t *testing.T, js string, change func(m map[string]any)) string {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(js))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	change(m)
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(m); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonAt returns the object or array at path in m (keys and indexes).
func jsonAt(m any, path ...any) any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			m = m.(map[string]any)[p]
		case int:
			m = m.([]any)[p]
		}
	}
	return m
}

func obj(m any, path ...any) map[string]any { return jsonAt(m, path...).(map[string]any) }

// TestHostileReport is the catalogue of hostile inputs to the Report
// decoder (issue 18, point 7 and the Report part of point 3): each is
// refused with an error naming the key or the part of the report.
func TestHostileReport(t *testing.T) {
	js := reportJSON(t)
	_, full := built(t)
	fullJS, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	fj := string(fullJS)
	for _, must := range []string{`"period":"p"`, `"scale":"five-point"`, `"answers":25`, `"counts":[10,5,6,3,1]`, `"item":"all"`} {
		if !strings.Contains(js, must) {
			t.Fatalf("the report JSON lacks %s", must)
		}
	}
	rows := append(reportKeyRows(js, fj), reportContentRows(t, js, fj)...)
	rows = append(rows, reportReviewRows(t, fj)...)
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			if row.data == js || row.data == fj {
				t.Fatal("the input was not altered")
			}
			var r Report
			err := r.UnmarshalJSON([]byte(row.data)) // json.Unmarshal would refuse trailing data itself
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
			if strings.Count(err.Error(), "csat: ") != 1 {
				t.Errorf("error %q does not say csat: once", err)
			}
		})
	}
	// The reports edited above decode when left unedited.
	for _, data := range []string{js, fj, edit(t, js, func(map[string]any) {})} {
		var r Report
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			t.Errorf("a valid report: %v", err)
		}
	}
}

// A reportRow is a hostile Report JSON, the sentinels its error wraps
// and a substring naming the key or part.
type reportRow struct {
	name, data string
	is         []error
	msg        string
}

// reportKeyRows alter the JSON's keys and strings: trailing data,
// repeated and case-folded keys, strings for numbers, invalid UTF-8,
// numbers too long to parse.
func reportKeyRows(js, fj string) []reportRow {
	huge := "1" + strings.Repeat("0", 999999)
	return []reportRow{
		{"p7/trailing-bracket", js + "]", []error{csat.ErrCorrupt}, "report JSON: trailing data after the JSON value"},
		{"p7/trailing-brace", js + "\n}", []error{csat.ErrCorrupt}, "trailing data after the JSON value"},
		{"p7/duplicate-key/period", strings.Replace(js, `"period":"p"`, `"period":"p","period":"q"`, 1), []error{csat.ErrCorrupt, csat.ErrDuplicate}, "key period: given twice"},
		{"p7/duplicate-key/scale", strings.Replace(js, `"scale":"five-point"`, `"scale":"five-point","scale":"x"`, 1), []error{csat.ErrCorrupt, csat.ErrDuplicate}, "key scale: given twice"},
		{"p7/duplicate-key/item", strings.Replace(js, `"item":"all"`, `"item":"all","item":"x"`, 1), []error{csat.ErrCorrupt, csat.ErrDuplicate}, "key sources[0].items[0].item: given twice"},
		{"p7/duplicate-key/result", strings.Replace(js, `"num":"190"`, `"num":"190","num":"999"`, 1), []error{csat.ErrCorrupt, csat.ErrDuplicate}, "report JSON: key sources[0].overall.figures[0].score: result JSON: key num: given twice"},
		{"p7/duplicate-key/comparison", strings.Replace(fj, `"test":`, `"test":"x","test":`, 1), []error{csat.ErrCorrupt, csat.ErrDuplicate}, "report JSON: key competitor[0].rate: comparison JSON: key test: given twice"},
		{"p7/unknown-enum/kind", strings.Replace(js, `"kind":"fraction"`, `"kind":"percent"`, 1), []error{csat.ErrInvalid},
			`report JSON: key sources[0].overall.figures[0].score: result JSON: key kind: `},
		{"p7/case-folded-key/result", strings.Replace(js, `"display"`, `"Display"`, 1), []error{csat.ErrCorrupt},
			`report JSON: key sources[0].overall.figures[0].score: result JSON: key Display: matches the field "display" only in another case`},
		{"p7/case-folded-key/period", strings.Replace(js, `"period"`, `"Period"`, 1), []error{csat.ErrCorrupt}, `key Period: matches the field "period" only in another case`},
		{"p7/case-folded-key/answers", strings.Replace(js, `"answers"`, `"Answers"`, 1), []error{csat.ErrCorrupt}, `key sources[0].overall.Answers: matches the field "answers"`},
		{"p7/string-for-number/answers", strings.Replace(js, `"answers":25`, `"answers":"25"`, 1), []error{csat.ErrCorrupt}, `key sources[0].overall.answers: string "25" where a number is expected`},
		{"p7/string-for-number/count", strings.Replace(js, `"counts":[10,`, `"counts":["10",`, 1), []error{csat.ErrCorrupt}, `key sources[0].overall.counts[0]: string "10" where a number is expected`},
		{"p7/invalid-utf8/period", strings.Replace(js, `"period":"p"`, "\"period\":\"p\xff\"", 1), []error{csat.ErrCorrupt}, "key period: invalid UTF-8 at byte 12"},
		{"p7/lone-surrogate/item", strings.Replace(js, `"item":"all"`, `"item":"all\udfff"`, 1), []error{csat.ErrCorrupt}, "key sources[0].items[0].item: lone surrogate escape"},
		{"p3/answers-10^999999", strings.Replace(js, `"answers":25`, `"answers":`+huge, 1), []error{csat.ErrCorrupt, csat.ErrOutOfRange}, "key sources[0].overall.answers: number of 1000000 characters, longer than the limit of 128"},
	}
}

// reportContentRows alter what the report says: levels that make no
// scale, counts that contradict the figures, and parts that do not follow
// from the counts.
func reportContentRows(t *testing.T, js, fj string) []reportRow {
	allCounts := func(c ...any) func(m map[string]any) {
		return func(m map[string]any) {
			obj(m, "sources", 0, "overall")["counts"] = c
			obj(m, "sources", 0, "items", 0)["counts"] = c
		}
	}
	return []reportRow{
		{"p7/levels/17", edit(t, js, func(m map[string]any) {
			levels := m["levels"].([]any)
			for i := range 12 {
				l := map[string]any{}
				for k, v := range levels[0].(map[string]any) {
					l[k] = v
				}
				l["key"], l["label"], l["label_zh"], l["points"] = "k"+strconv.Itoa(i), "", "", "0.0"+strconv.Itoa(i+10)
				levels = append(levels, l)
			}
			m["levels"] = levels
		}), []error{csat.ErrCorrupt, csat.ErrInvalidScale}, "report: levels: scale \"five-point\": 17 levels, at most 16 allowed"},
		{"p7/levels/negative-points", edit(t, js, func(m map[string]any) { obj(m, "levels", 4)["points"] = "-2" }),
			[]error{csat.ErrCorrupt, csat.ErrInvalidScale}, "report: levels: scale \"five-point\": level \"very_dissatisfied\""},
		{"p7/levels/duplicate-key", edit(t, js, func(m map[string]any) { obj(m, "levels", 1)["key"] = "very_satisfied" }),
			[]error{csat.ErrCorrupt, csat.ErrInvalidScale}, "report: levels: scale \"five-point\""},
		{"p7/levels/none", edit(t, js, func(m map[string]any) { m["levels"] = []any{} }),
			[]error{csat.ErrCorrupt, csat.ErrInvalidScale}, "no levels"},
		{"p7/counts/contradict-rate", edit(t, js, allCounts(10, 6, 4, 4, 1)), // the same points and answers, 20 satisfied not 21
			[]error{csat.ErrCorrupt}, `report: "survey" "overall": figures[1]: rate 满意率 = (10 + 5 + 6) / 25 = 21/25 = 84%, but the counts give rate 满意率 = (10 + 6 + 4) / 25 = 20/25 = 80%`},
		{"p7/counts/contradict-degree", edit(t, js, allCounts(11, 5, 5, 3, 1)),
			[]error{csat.ErrCorrupt}, `report: "survey" "overall": figures[0]: degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76% is not the points earned 194`},
		{"p7/counts/answers", strings.Replace(js, `"answers":25`, `"answers":26`, 1), []error{csat.ErrCorrupt}, `report: "survey" "overall": counts add up to 25, not 26 answers`},
		{"p7/counts/six-for-five-levels", strings.Replace(js, `"counts":[10,5,6,3,1]`, `"counts":[10,5,6,3,1,0]`, 1), []error{csat.ErrCorrupt}, `"survey" "overall": 6 counts for 5 levels`},
		{"p7/counts/negative", strings.Replace(js, `"counts":[10,`, `"counts":[-10,`, 1), []error{csat.ErrCorrupt}, "key sources.overall.counts: number -10 value for a uint64"},
		{"p7/counts/items-vs-overall", edit(t, fj, func(m map[string]any) {
			items := obj(m, "sources", 0)["items"].([]any)
			obj(m, "sources", 0)["items"] = items[1:]
		}), []error{csat.ErrCorrupt}, `report: "survey" overall: count 10 of level "very_satisfied", but the items' counts add up to 7`},
		{"p7/sources/duplicate", edit(t, js, func(m map[string]any) { m["sources"] = append(m["sources"].([]any), jsonAt(m, "sources", 0)) }),
			[]error{csat.ErrCorrupt, csat.ErrDuplicate}, `report: sources: "survey" given twice`},
		{"p7/dissatisfied/count", edit(t, js, func(m map[string]any) { obj(m, "dissatisfied", 0)["count"] = json.Number("3") }),
			[]error{csat.ErrCorrupt}, `report: dissatisfied: "all"/"survey": 3 of 25 (16%), but its counts give 4 of 25`},
		{"p7/dissatisfied/dropped", edit(t, js, func(m map[string]any) { m["dissatisfied"] = []any{} }),
			[]error{csat.ErrCorrupt}, "report: dissatisfied: 0 cells, the sources have 1"},
		{"p7/pareto/dropped", edit(t, js, func(m map[string]any) { m["pareto"] = []any{} }),
			[]error{csat.ErrCorrupt}, "report: pareto: 0 entries for 1 items with dissatisfied answers"},
		{"p7/pareto/share", edit(t, fj, func(m map[string]any) { obj(m, "pareto", 0)["share"] = jsonAt(m, "pareto", 1, "cumulative") }),
			[]error{csat.ErrCorrupt}, "report: pareto[0]: \"delivery 交货期\": share 50%"},
		{"p7/gaps/degree-gap", edit(t, fj, func(m map[string]any) { obj(m, "gaps", 0)["degree_gap"] = jsonAt(m, "gaps", 0, "rate_gap") }),
			[]error{csat.ErrCorrupt}, "report: gaps: \"delivery 交货期\": a gap is not self − survey"},
		{"p7/targets/met", edit(t, fj, func(m map[string]any) { obj(m, "targets", 0)["met"] = !obj(m, "targets", 0)["met"].(bool) }),
			[]error{csat.ErrCorrupt}, "report: targets[0]: met is"},
		{"p7/targets/figure", strings.Replace(fj, `"figure":0`, `"figure":2`, 1), []error{csat.ErrCorrupt}, "report: targets[0]: target of headline figure 2"},
	}
}

// reportReviewRows are the cases a review of the decoder found accepted:
// reports Build never makes, which could not be marshalled again.
func reportReviewRows(t *testing.T, fj string) []reportRow {
	return []reportRow{
		{"p7/period-empty", edit(t, fj, func(m map[string]any) { m["period"] = "" }),
			[]error{csat.ErrCorrupt, csat.ErrMissing}, "period: none"},
		{"p7/targets-against-null", edit(t, fj, func(m map[string]any) { obj(m, "targets", 0)["against"] = nil }),
			[]error{csat.ErrCorrupt}, "targets[0]: against"},
		{"p7/targets-against-missing", edit(t, fj, func(m map[string]any) { delete(obj(m, "targets", 0), "against") }),
			[]error{csat.ErrCorrupt}, "targets[0]: against"},
		{"p7/actions-empty-object", edit(t, fj, func(m map[string]any) { m["actions"] = []any{map[string]any{}} }),
			[]error{csat.ErrCorrupt}, "actions[0]"},
		{"p7/dissatisfied-cell-twice", edit(t, fj, func(m map[string]any) {
			d := m["dissatisfied"].([]any)
			if len(d) < 2 {
				t.Fatal("the full report has fewer than 2 dissatisfied cells")
			}
			d[len(d)-1] = d[0]
		}), []error{csat.ErrCorrupt, csat.ErrDuplicate}, "given twice"},
	}
}
