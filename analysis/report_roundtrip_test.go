package analysis

import (
	"encoding/json"
	"testing"

	"math/rand/v2"

	"github.com/csatkit/csat"
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
