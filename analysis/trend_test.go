package analysis

import (
	"testing"

	"github.com/csatkit/csat"
)

func TestTrend(t *testing.T) {
	p1 := surveyTable(t) // 76% / 84%
	p2 := csat.NewTable(csat.FivePoint())
	_ = p2.AddN("all", csat.SourceSurvey, 0, 15) // 15×10 + 10×8 = 230/250 = 92%, rate 100%
	_ = p2.AddN("all", csat.SourceSurvey, 1, 10)
	p3 := csat.NewTable(csat.FivePoint())
	_ = p3.AddN("all", csat.SourceSurvey, 1, 25) // 80%, 100%
	rep, err := Trend([]csat.Period{{Name: "2025H1", Table: p1}, {Name: "2025H2", Table: p2}, {Name: "2026H1", Table: p3}}, csat.SourceSurvey, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Degree slope: x 0,1,2, y .76 .92 .80, x̄ 1, ȳ .8267; Σ(x−x̄)(y−ȳ) = (−1)(.76) + (1)(.80) + 0 − 0 = 0.04, Σ(x−x̄)² = 2 → 0.02.
	// Rate slope: y .84 1 1 → (−.84 + 1)/2 = 0.08.
	if !rep.DegreeSlope.Value().Equal(dec("0.02")) || !rep.RateSlope.Value().Equal(dec("0.08")) {
		t.Errorf("slopes %s %s", rep.DegreeSlope.Value(), rep.RateSlope.Value())
	}
	if rep.Points[0].VsPrevious != nil || rep.Points[0].VsBaseline != nil || rep.Points[2].VsBaseline.Against != "2025H1" || rep.Points[2].VsPrevious.Against != "2025H2" {
		t.Error("changes wired wrongly")
	}
	if !rep.Points[1].VsPrevious.Degree.Difference.Value().Equal(dec("0.16")) {
		t.Errorf("change %s", rep.Points[1].VsPrevious.Degree.Difference.Value())
	}
	_, err = Trend([]csat.Period{{Name: "a", Table: p1}}, csat.SourceSurvey, 0, nil)
	checkErr(t, err, errCheck{Is: csat.ErrTooFew})
	_, err = Trend([]csat.Period{{Name: "a", Table: p1}, {Name: "a", Table: p2}}, csat.SourceSurvey, 0, nil)
	checkErr(t, err, errCheck{Is: csat.ErrDuplicate})
	_, err = Trend([]csat.Period{{Name: "a", Table: p1}, {Name: "b", Table: p2}}, csat.SourceSurvey, 2, nil)
	checkErr(t, err, errCheck{Is: csat.ErrOutOfRange})
	_, err = Trend([]csat.Period{{Name: "a", Table: p1}, {Name: "b", Table: p2}}, csat.SourceSelf, 0, nil)
	checkErr(t, err, errCheck{Is: csat.ErrEmpty})
}
