package analysis

import (
	"encoding/json"
	"testing"

	"math/rand/v2"
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
)

// TestReportJSONAcceptsEveryBuiltReport: the strict decoder and the
// report's consistency checks (reportcheck.go) never refuse a report that
// Build made, on any built-in scale, with any counts, items and sources
// (a check that did would lose good data, the mirror of issue 18's
// concern); the decoded report re-encodes to the same bytes. Building a
// report takes a fraction of a second, so the cases are 18 seeded draws
// (6 a scale) rather than a hundred rapid ones.
func TestReportJSONAcceptsEveryBuiltReport(t *testing.T) {
	scales := []*csat.Scale{csat.FivePoint(), csat.PVCBands(), csat.NPSScale()}
	allItems := []string{"功能", "外观", "包装", "交货期", "price"}
	allSources := []string{csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor}
	decoded := 0
	for seed := range uint64(18) {
		rng := rand.New(rand.NewPCG(seed, 18))
		s := scales[seed%3]
		tab := csat.NewTable(s)
		items := allItems[:1+rng.IntN(len(allItems))]
		sources := allSources[:1+rng.IntN(3)] // the survey always
		for _, it := range items {
			for _, src := range sources {
				for lvl := range s.Levels() {
					if n := rng.Uint64N(41); n > 0 && rng.IntN(3) > 0 {
						if err := tab.AddN(it, src, lvl, n); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
		rep, err := Build(Input{Period: "2026H1", Table: tab})
		if err != nil {
			t.Logf("seed %d: %v", seed, err)
			continue // e.g. no answers at all: nothing to encode
		}
		js, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("seed %d (%s): a built report is refused: %v", seed, s.Name(), err)
		}
		js2, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if string(js2) != string(js) {
			t.Fatalf("seed %d: the decoded report re-encodes differently", seed)
		}
		decoded++
	}
	if decoded < 12 {
		t.Errorf("only %d of 18 draws built a report", decoded)
	}
}

// TestReportJSONAcceptsEveryBuiltFormReport: the same for reports with
// forms: random forms with blanks, two dimensions (values with few forms
// suppressed or flagged, ties), a random sample-size rule, a history
// (control chart) and the forms sent per stratum. 6 seeded draws (a
// report with breakdowns of the degree takes about a second).
func TestReportJSONAcceptsEveryBuiltFormReport(t *testing.T) {
	items := []string{"功能", "外观", "交货期"}
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 19))
		s := []*csat.Scale{csat.FivePoint(), csat.PVCBands()}[seed%2]
		st, _ := form.New(s, nil)
		nf := 5 + rng.IntN(60)
		for i := range nf {
			f := form.Form{ID: strconv.Itoa(i), Attrs: map[string]string{"地区": []string{"华东", "华南", "华北"}[rng.IntN(3)]},
				Answers: map[string]string{}}
			if rng.IntN(4) > 0 {
				f.Attrs["规模"] = []string{"大", "中", "小", "微"}[rng.IntN(4)]
			}
			for _, it := range items {
				if rng.IntN(8) == 0 {
					f.Answers[it] = ""
					continue
				}
				l, _ := s.Level(rng.IntN(min(s.Len(), 2+int(seed%3))))
				f.Answers[it] = l.Key
			}
			if rng.IntN(5) == 0 {
				f.Source = csat.SourceCompetitor
			}
			if rng.IntN(10) == 0 { // the overall question alone: a form without answers
				l, _ := s.Level(0)
				f.Answers, f.Overall = nil, l.Key
			}
			if err := st.Add(f); err != nil {
				t.Fatal(err)
			}
		}
		tab, _ := st.Table()
		hist := csat.NewTable(s)
		_ = hist.AddN("功能", csat.SourceSurvey, 0, 1+rng.Uint64N(30))
		_ = hist.AddN("功能", csat.SourceSurvey, s.Len()-1, 1+rng.Uint64N(30))
		sup := 1 + rng.Uint64N(6)
		in := Input{Period: "2026H1", Table: tab, Forms: st, MinSample: MinSample{Small: sup + rng.Uint64N(20), Suppress: sup},
			History: []csat.Period{{Name: "2025H2", Table: hist}},
			Sent:    &Sent{Dimension: "地区", Forms: map[string]uint64{"华东": 30, "华南": 30, "西南": 5}, Minimum: 10}}
		rep, err := Build(in)
		if err != nil {
			t.Logf("seed %d: %v", seed, err)
			continue
		}
		js, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("seed %d: a built report is refused: %v", seed, err)
		}
		if js2, _ := json.Marshal(back); string(js2) != string(js) {
			t.Fatalf("seed %d: the decoded report re-encodes differently", seed)
		}
		if rep.Forms == nil || len(rep.Groups) == 0 || rep.Response == nil || rep.Control == nil {
			t.Errorf("seed %d: form parts missing", seed)
		}
	}
}
