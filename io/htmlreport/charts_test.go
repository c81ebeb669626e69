package htmlreport_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/csatkit/csat/io/htmlreport"
)

// TestTestedTrend checks the trend chart plots the figures the targets
// are tested on. With a self-assessment the targets are tested on the
// blend (METHOD.md §3: 0.4 × 82% + 0.6 × 76% = 78.4% for the degree,
// 0.4 × 90% + 0.6 × 84% = 86.4% for the rate): each is a point of its own
// at the report's period 2026H1, named 整体满意度 / "Overall degree",
// carrying the target line, which leaves the survey's line. A survey
// without self-assessment tests its targets on the survey's figures:
// the chart keeps its two lines, the targets on them.
func TestTestedTrend(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		names []string
	}{
		{"zh", []string{"满意度", "满意率", "整体满意度", "整体满意率"}},
		{"en", []string{"Degree", "Rate", "Overall degree", "Overall rate"}},
	} {
		o, err := htmlreport.TrendOption(full(t), tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		s := trendSeries(t, o)
		if names := s.names(); !slices.Equal(names, tc.names) {
			t.Fatalf("%s: series %q, want %q", tc.lang, names, tc.names)
		}
		periods := fmt.Sprint(o["xAxis"].(map[string]any)["data"])
		if periods != "[2025H1 2025H2 2026H1]" {
			t.Fatalf("%s: periods %s", tc.lang, periods)
		}
		for i, want := range []string{"[- - 78.4]", "[- - 86.4]"} {
			b := s[2+i]
			if got := fmt.Sprint(b.Data); got != want || b.MarkLine == nil || s[i].MarkLine != nil {
				t.Errorf("%s: %s plots %s (target line %v), %s's target line %v; want %s with the target line, the survey's without",
					tc.lang, b.Name, got, b.MarkLine != nil, s[i].Name, s[i].MarkLine != nil, want)
			}
		}
		legend := fmt.Sprint(o["legend"].(map[string]any)["data"])
		if legend != fmt.Sprint(tc.names) {
			t.Errorf("%s: legend %s, want %v", tc.lang, legend, tc.names)
		}
	}
	in := fullInput(t)
	in.Table = surveyOnly(t)
	o, err := htmlreport.TrendOption(build(t, in), "zh")
	if err != nil {
		t.Fatal(err)
	}
	s := trendSeries(t, o)
	if names := s.names(); !slices.Equal(names, []string{"满意度", "满意率"}) || s[0].MarkLine == nil || s[1].MarkLine == nil {
		t.Errorf("survey only: series %q, target lines %v %v; want the survey's two lines with their targets", names, s[0].MarkLine != nil, s[1].MarkLine != nil)
	}
}

type seriesList []struct {
	Name     string `json:"name"`
	Data     []any  `json:"data"`
	MarkLine any    `json:"markLine"`
}

func (s seriesList) names() []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.Name
	}
	return out
}

// trendSeries returns the series of a trend option, through JSON as the
// page gets them.
func trendSeries(t *testing.T, o map[string]any) seriesList {
	t.Helper()
	b, err := json.Marshal(o["series"])
	if err != nil {
		t.Fatal(err)
	}
	var s seriesList
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}
