package analysis

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"pgregory.net/rapid"
)

// TestSmallSampleCautions is the report: 5 answers per item, a
// competitor, each item's dissatisfaction resting on one answer. Every
// competitor comparison and every main area of dissatisfaction says its
// n, with forms or without (the default rule, 30), and the rule can be
// set.
func TestSmallSampleCautions(t *testing.T) {
	tab := csat.NewTable(csat.FivePoint())
	for _, it := range []string{"品质", "交货", "价格", "服务", "包装"} {
		for l, n := range []uint64{2, 1, 1, 1, 0} {
			_ = tab.AddN(it, csat.SourceSurvey, l, n)
		}
		for l, n := range []uint64{6, 4, 2, 0, 0} {
			_ = tab.AddN(it, csat.SourceCompetitor, l, n)
		}
	}
	plain, err := Build(Input{Period: "p", Table: tab})
	if err != nil {
		t.Fatal(err)
	}
	if plain.MinSample == nil || *plain.MinSample != (MinSample{Small: DefaultSmallSample, Suppress: DefaultSuppressBelow}) ||
		strings.Count(cautionText(plain), "small sample: ") != 11 {
		t.Errorf("a table alone: warnings %q, min sample %v", cautionText(plain), plain.MinSample)
	}
	few, err := Build(Input{Period: "p", Table: tab, MinSample: MinSample{Small: 5, Suppress: 2}})
	if err != nil {
		t.Fatal(err)
	}
	// With a small sample of 5, only the Pareto entries (1 dissatisfied
	// answer each, the cautions count answers of the item) and nothing
	// of 5 or more answers is cautioned.
	if strings.Contains(cautionText(few), "competitor comparison") {
		t.Errorf("rule 5: comparisons of 5 and 12 answers cautioned: %q", cautionText(few))
	}
	rep, err := Build(Input{Period: "p", Table: tab, MinSample: MinSample{Small: 30}})
	if err != nil {
		t.Fatal(err)
	}
	joined := cautionText(rep)
	for _, w := range []string{
		"small sample: competitor comparison of overall (a significant difference) rests on 25 survey and 60 competitor answers, fewer than 30",
		"small sample: competitor comparison of 品质 (no significant difference) rests on 5 survey and 12 competitor answers, fewer than 30",
		"small sample: dissatisfaction with 交货 rests on 1 dissatisfied of 5 survey answers, fewer than 30",
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings lack %q:\n%s", w, joined)
		}
	}
	if n := strings.Count(joined, "small sample: "); n != 11 { // overall + 5 items compared, 5 Pareto entries
		t.Errorf("%d cautions, want 11:\n%s", n, joined)
	}
	js, _ := json.Marshal(rep)
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Errorf("the cautioned report does not read back: %v", err)
	}
}

// TestBuildFormErrors: what the form parts refuse, by sentinel.
func TestBuildFormErrors(t *testing.T) {
	st := workedStats(t)
	tab, _ := st.Table()
	other := csat.NewTable(csat.FivePoint())
	_ = other.AddN("品质", csat.SourceSurvey, 0, 3)
	sent := func(m map[string]uint64) *Sent { return &Sent{Dimension: "地区", Forms: m} }
	for _, c := range []struct {
		name string
		in   Input
		is   error
		msg  string
	}{
		{"sent-without-forms", Input{Period: "p", Table: tab, Sent: sent(map[string]uint64{"华东": 40})}, csat.ErrMissing, "no returned forms"},
		{"min-sample-inverted", Input{Period: "p", Table: tab, Forms: st, MinSample: MinSample{Small: 3}}, csat.ErrInvalid, "suppress below 5 forms is above the small sample of 3"},
		{"forms-not-the-table", Input{Period: "p", Table: other, Forms: st}, csat.ErrInvalid, "the forms' answers of"},
		{"returned-above-sent", Input{Period: "p", Table: tab, Forms: st, Sent: sent(map[string]uint64{"华东": 20, "华南": 30})}, csat.ErrInvalid, "stratum \"华东\": 21 forms returned of 20 sent"},
		{"nothing-sent", Input{Period: "p", Table: tab, Forms: st, Sent: sent(map[string]uint64{"华东": 0})}, csat.ErrInvalid, "stratum \"华东\": no forms sent"},
		{"no-strata", Input{Period: "p", Table: tab, Forms: st, Sent: sent(nil)}, csat.ErrEmpty, "no strata"},
		{"zero-stats", Input{Period: "p", Table: tab, Forms: &form.Stats{}}, csat.ErrScaleMismatch, "the forms' scale is not the table's"},
		{"no-dimension", Input{Period: "p", Table: tab, Forms: st, Sent: &Sent{Forms: map[string]uint64{"华东": 40}}}, csat.ErrMissing, "response rate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Build(c.in)
			if !errors.Is(err, c.is) || err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %v, want %v saying %q", err, c.is, c.msg)
			}
		})
	}
	if _, err := Breakdowns(nil, []csat.Scorer{csat.Rate{}}, nil); !errors.Is(err, csat.ErrEmpty) {
		t.Errorf("nil stats: %v", err)
	}
	if _, err := Breakdowns(st, []csat.Scorer{nil}, nil); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("nil scorer: %v", err)
	}
}

// TestBreakdownsOtherScorer: a scorer without a test gets figures, best
// first, without pairs or letters.
func TestBreakdownsOtherScorer(t *testing.T) {
	bs, err := Breakdowns(workedStats(t), []csat.Scorer{csat.Mean{}}, &BreakdownOptions{MinSample: MinSample{Small: 12, Suppress: 10}})
	if err != nil {
		t.Fatal(err)
	}
	b := bs[1] // 规模
	var got []string
	for _, v := range b.Values {
		got = append(got, v.Value+":"+v.Sample.String()+":"+v.Letters)
	}
	// 大 12 forms ok, 中 12 ok, 小 10 small, 微 2 suppressed; means 2020/230 > 150/23 > 108/19.
	if strings.Join(got, " ") != "大:ok: 中:ok: 小:small: 微:suppressed:" || b.Test != "" || len(b.Pairs) != 0 {
		t.Errorf("values %v, test %q, %d pairs", got, b.Test, len(b.Pairs))
	}
}

// TestBreakdownsShardsMerge: the forms split into shards, each counted
// on its own and merged in any order, give the same breakdowns, bit for
// bit (their JSON): rate (z tests, Holm, letters) and mean points every
// time, the degree (Welch, t intervals: some 0.3 s a breakdown) one draw
// in ten.
func TestBreakdownsShardsMerge(t *testing.T) {
	forms := workedFormList()
	want := map[bool]string{}
	for _, deg := range []bool{false, true} {
		whole, err := Breakdowns(workedStats(t), shardScorers(deg), nil)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(whole)
		want[deg] = string(js)
	}
	rapid.Check(t, func(t *rapid.T) {
		deg := rapid.IntRange(0, 9).Draw(t, "degree") == 0
		k := rapid.IntRange(1, 6).Draw(t, "shards")
		shards := make([]*form.Stats, k)
		for i := range shards {
			shards[i], _ = form.New(csat.FivePoint(), nil)
		}
		perm := rapid.Permutation(forms).Draw(t, "forms")
		for _, f := range perm {
			if err := shards[rapid.IntRange(0, k-1).Draw(t, "shard")].Add(f); err != nil {
				t.Fatal(err)
			}
		}
		order := rapid.Permutation(shards).Draw(t, "order")
		merged := &form.Stats{}
		for _, s := range order {
			if err := merged.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		got, err := Breakdowns(merged, shardScorers(deg), nil)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(got)
		if string(js) != want[deg] {
			t.Fatalf("merged shards give other breakdowns")
		}
	})
}

func shardScorers(degree bool) []csat.Scorer {
	if degree {
		return []csat.Scorer{csat.Degree{}, csat.Rate{}, csat.Mean{}}
	}
	return []csat.Scorer{csat.Rate{}, csat.Mean{}}
}

// cautionText words a report's cautions in English, one a line.
func cautionText(r Report) string {
	lines := make([]string, len(r.Cautions))
	for i, c := range r.Cautions {
		lines[i] = c.String()
	}
	return strings.Join(lines, "\n")
}

// TestBlankFormsAndMissingValues: a form whose every item is blank is
// returned but is no respondent of a group (the sample-size rule counts
// answered forms, and so does the response rate), a form without a value
// of a dimension is outside its breakdown, and both are cautioned; a
// sent file whose dimension no form has is an error naming it.
func TestBlankFormsAndMissingValues(t *testing.T) {
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	add := func(id, region, q string) {
		t.Helper()
		if err := st.Add(form.Form{ID: id, Attrs: map[string]string{"地区": region}, Answers: map[string]string{"品质": q, "交货": q}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		add(fmt.Sprint("B", i), "华东", "") // four blank forms
	}
	add("E1", "华东", "很满意") // one answered form of 华东
	for i := range 6 {
		add(fmt.Sprint("S", i), "华南", "满意")
	}
	add("N1", "", "满意") // no region
	tab, err := st.Table()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Build(Input{Period: "p", Table: tab, Forms: st,
		Sent: &Sent{Dimension: "地区", Forms: map[string]uint64{"华东": 10, "华南": 10}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range rep.Groups[0].Values {
		if v.Value == "华东" && (v.Forms != 1 || v.Sample != SampleSuppressed) {
			t.Errorf("华东: %d forms, %s; want 1 answered form, suppressed (4 blank forms do not count)", v.Forms, v.Sample)
		}
	}
	if got := rep.Response.Strata[0]; got.Stratum != "华东" || got.Returned != 1 {
		t.Errorf("华东 returned %d, want 1 (blank forms are no interviews)", got.Returned)
	}
	text := cautionText(rep)
	for _, w := range []string{"forms: 4 survey forms answered no item", "地区: 1 answered survey forms have no value"} {
		if !strings.Contains(text, w) {
			t.Errorf("cautions lack %q:\n%s", w, text)
		}
	}
	_, err = Build(Input{Period: "p", Table: tab, Forms: st, Sent: &Sent{Dimension: "区域", Forms: map[string]uint64{"华东": 10}}})
	if !errors.Is(err, csat.ErrInvalid) || !strings.Contains(err.Error(), `no form has a value of "区域" (the forms' dimensions: 地区)`) {
		t.Errorf("sent of a dimension no form has: %v", err)
	}
}
