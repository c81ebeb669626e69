package analysis

import (
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
)

// surveyFigures returns the survey's figures of the worked example's
// report (degree and rate, overall and per item).
func surveyFigures(t *testing.T) SourceFigures {
	t.Helper()
	_, tab, _ := exampleStats(t)
	rep, err := Build(Input{Period: "2026", Table: tab})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Sources[0]
}

// TestBenchmarksWorkedExample: the worked example's benchmarks (given in
// any order) against its figures: degree 143/180 overall, 交货期 70%,
// rate 67/72 overall; gaps by hand.
func TestBenchmarksWorkedExample(t *testing.T) {
	gaps, err := Benchmarks(surveyFigures(t), exampleBenchmarks)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Figure, Item, Kind, Ours, Theirs, Gap, Standing string }
	var got []row
	for _, g := range gaps {
		got = append(got, row{g.Figure, g.Item, g.Kind.String(), g.Ours.Rat().RatString(), g.Theirs.Rat().RatString(), g.Gap.Rat().RatString(), g.Standing.String()})
	}
	want := []row{
		// 143/180 − 39/50 = 13/900 (+1.44 pp); 143/180 − 17/20 = −1/18 (−5.56 pp)
		{"degree 满意度", "", "industry_average", "143/180", "39/50", "13/900", "above"},
		{"degree 满意度", "", "industry_leader", "143/180", "17/20", "-1/18", "below"},
		{"degree 满意度", "交货期", "industry_average", "7/10", "7/10", "0", "level"},
		// 67/72 − 19/20 = −7/360 (−1.94 pp)
		{"rate 满意率", "", "world_leader", "67/72", "19/20", "-7/360", "below"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gaps (-want +got):\n%s", diff)
	}
	if s := gaps[1].Gap.Explain(); s != "gap to industry leader 行业领先 = ≈79.44% − 85% = ≈-5.56%" {
		t.Errorf("explain %q", s)
	}
	none, err := Benchmarks(surveyFigures(t), nil)
	if err != nil || len(none) != 0 {
		t.Errorf("no benchmarks: %v %v", none, err)
	}
}

// TestBenchmarksErrors: every refusal, with its sentinel and message.
func TestBenchmarksErrors(t *testing.T) {
	sf := surveyFigures(t)
	twoDegrees := sf
	twoDegrees.Overall.Figures = append(twoDegrees.Overall.Figures, Figure{Score: mustGiven("degree (other)", csat.Fraction, dec("0.5"))})
	b := func(figure, item string, kind BenchmarkKind, v string) Benchmark {
		return Benchmark{Figure: figure, Item: item, Kind: kind, Value: dec(v)}
	}
	tests := []struct {
		name string
		sf   SourceFigures
		bs   []Benchmark
		want errCheck
	}{
		{"figure", sf, []Benchmark{b("nps", "", IndustryAverage, "0.5")}, errCheck{csat.ErrInvalid, `csat: benchmark: no headline figure "nps" (the report's: "degree 满意度", "rate 满意率"): invalid argument`}},
		{"empty-figure", sf, []Benchmark{b("", "", IndustryAverage, "0.5")}, errCheck{csat.ErrInvalid, `csat: benchmark: no headline figure "" (the report's: "degree 满意度", "rate 满意率"): invalid argument`}},
		{"ambiguous", twoDegrees, []Benchmark{b("degree", "", IndustryAverage, "0.5")}, errCheck{csat.ErrInvalid, `csat: benchmark: figure "degree" names several headline figures: invalid argument`}},
		{"item", sf, []Benchmark{b("degree", "颜色", IndustryAverage, "0.5")}, errCheck{csat.ErrUnknownItem, `csat: benchmark: no figure of item "颜色": unknown item`}},
		{"kind", sf, []Benchmark{b("degree", "", 0, "0.5")}, errCheck{csat.ErrInvalid, "csat: benchmark 0: kind 0: invalid argument"}},
		{"twice", sf, []Benchmark{b("degree", "", WorldLeader, "0.9"), b("degree 满意度", "", WorldLeader, "0.95")},
			errCheck{csat.ErrDuplicate, `csat: benchmark: world_leader "degree 满意度" of "overall" given twice: duplicate`}},
		{"percent", sf, []Benchmark{b("rate", "", IndustryLeader, "85")}, errCheck{csat.ErrOutOfRange, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Benchmarks(tt.sf, tt.bs)
			checkErr(t, err, tt.want)
		})
	}
	// the exact label picks one figure even when its first word is shared
	if gs, err := Benchmarks(twoDegrees, []Benchmark{b("degree 满意度", "", IndustryAverage, "0.5")}); err != nil || gs[0].Figure != "degree 满意度" {
		t.Errorf("exact label: %v %v", gs, err)
	}
}

// TestBenchmarkText: the enums marshal by name and refuse anything else.
func TestBenchmarkText(t *testing.T) {
	for k := IndustryAverage; k <= WorldLeader; k++ {
		b, err := k.MarshalText()
		var back BenchmarkKind
		if err != nil || back.UnmarshalText(b) != nil || back != k {
			t.Errorf("kind %d: %s %v", k, b, err)
		}
	}
	for s := Above; s <= Below; s++ {
		b, err := s.MarshalText()
		var back Standing
		if err != nil || back.UnmarshalText(b) != nil || back != s {
			t.Errorf("standing %d: %s %v", s, b, err)
		}
	}
	var s Standing
	checkErr(t, s.UnmarshalText([]byte("ahead")), errCheck{csat.ErrInvalid, `csat: unknown standing "ahead" (want above, level, below): invalid argument`})
}
