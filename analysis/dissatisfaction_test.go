package analysis

import (
	"math/big"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func surveyTable(t testing.TB) *csat.Table {
	tab := csat.NewTable(csat.FivePoint())
	for _, row := range perItem {
		for lvl, c := range row.counts {
			_ = tab.AddN(row.item, csat.SourceSurvey, lvl, c)
		}
	}
	return tab
}

func TestParetoAndGaps(t *testing.T) {
	tab := surveyTable(t)
	// Self-assessment: staff see no problem with delivery.
	_ = tab.AddN("delivery 交货期", csat.SourceSelf, 1, 5)
	_ = tab.AddN("function 功能", csat.SourceSelf, 0, 4)
	_ = tab.AddN("function 功能", csat.SourceSelf, 3, 1)
	// Dissatisfied answers: function 1, packaging 1, delivery 1, service 1 → 4 in all, 25% each.
	p, err := Pareto(tab, csat.SourceSurvey)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range p {
		got = append(got, e.Item+" "+e.Share.String()+" "+e.Cumulative.String())
	}
	want := []string{"delivery 交货期 25% 25%", "function 功能 25% 50%", "packaging 包装 25% 75%", "service 服务质量 25% 100%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Pareto mismatch (-want +got):\n%s", diff)
	}
	gaps, err := Gaps(tab)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, g := range gaps {
		got = append(got, g.Item+" "+g.DegreeGap.String()+" "+g.RateGap.String())
	}
	// delivery: self 80% vs 56% → +24%, rate 100% vs 80% → +20%;
	// function: self (40+4)/50 = 88% vs 84% → +4%, rate 80% vs 80% → 0%.
	want = []string{"delivery 交货期 24% 20%", "function 功能 4% 0%"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gaps mismatch (-want +got):\n%s", diff)
	}
	if p, err := Pareto(csat.NewTable(csat.FivePoint()), csat.SourceSurvey); err != nil || len(p) != 0 {
		t.Error("Pareto of no dissatisfaction must be empty")
	}
}

func TestParetoProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tab := csat.NewTable(csat.FivePoint())
		for _, a := range genSurvey(t) {
			_ = tab.Add(a.item, a.source, a.level)
		}
		p, err := Pareto(tab, csat.SourceSurvey)
		if err != nil {
			t.Fatal(err)
		}
		if len(p) == 0 {
			return
		}
		if last := p[len(p)-1].Cumulative.Rat(); last.Cmp(big.NewRat(1, 1)) != 0 {
			t.Fatalf("cumulative ends at %s", last)
		}
		for i := 1; i < len(p); i++ {
			if p[i].Count > p[i-1].Count || p[i].Cumulative.Rat().Cmp(p[i-1].Cumulative.Rat()) <= 0 {
				t.Fatal("Pareto not ordered")
			}
		}
	})
}
