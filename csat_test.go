package csat

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestPredefinedScales(t *testing.T) {
	type row struct {
		Key, Label, ZH string
		Points         string
		Satisfied      bool
		Band           string
	}
	dump := func(s *Scale) []row {
		var out []row
		for _, l := range s.Levels() {
			b := ""
			if l.Band != nil {
				b = l.Band.String()
			}
			out = append(out, row{l.Key, l.Label, l.LabelZH, l.Points.String(), l.Satisfied, b})
		}
		return out
	}
	// METHOD.md §1.1
	wantFive := []row{
		{"very_satisfied", "very satisfied", "很满意", "10", true, ""},
		{"satisfied", "satisfied", "满意", "8", true, ""},
		{"basically_satisfied", "basically satisfied", "基本满意", "6", true, ""},
		{"dissatisfied", "dissatisfied", "不满意", "4", false, ""},
		{"very_dissatisfied", "very dissatisfied", "很不满意", "2", false, ""},
	}
	if diff := cmp.Diff(wantFive, dump(FivePoint())); diff != "" {
		t.Errorf("FivePoint mismatch (-want +got):\n%s", diff)
	}
	// METHOD.md §1.2
	wantPVC := []row{
		{"very_satisfied", "very satisfied", "很满意", "95", true, "[90,100)"},
		{"satisfied", "satisfied", "满意", "80", true, "[70,90)"},
		{"fairly_satisfied", "fairly satisfied", "比较满意", "65", true, "[60,70)"},
		{"fairly_dissatisfied", "fairly dissatisfied", "比较不满意", "50", false, "[40,60)"},
		{"dissatisfied", "dissatisfied", "不满意", "30", false, "[20,40)"},
	}
	if diff := cmp.Diff(wantPVC, dump(PVCBands())); diff != "" {
		t.Errorf("PVCBands mismatch (-want +got):\n%s", diff)
	}
	if !FivePoint().FullMarks().Equal(dec("10")) || !PVCBands().FullMarks().Equal(dec("100")) {
		t.Error("full marks must be 10 and 100")
	}
	// Levels returns copies: changing them leaves the scale alone.
	ls := PVCBands().Levels()
	ls[0].Band.Low = dec("0")
	ls[0].Points = dec("1")
	if l, _ := PVCBands().Level(0); !l.Band.Low.Equal(dec("90")) || !l.Points.Equal(dec("95")) {
		t.Error("Levels() leaked a reference to the scale's bands")
	}
}

func TestBandEdges(t *testing.T) {
	// Our reading (METHOD.md §1.2): lower edge inclusive, top band includes
	// 100, below 20 is still 不满意; decisions use the exact value.
	cases := []struct{ score, want string }{
		{"100", keyVerySatisfied}, {"90", keyVerySatisfied}, {"89.999", keySatisfied},
		{"70", keySatisfied}, {"69.996", keyFairlySatisfied}, {"60", keyFairlySatisfied},
		{"59.99", keyFairlyDissatisfied}, {"40", keyFairlyDissatisfied}, {"39.9", keyDissatisfied},
		{"20", keyDissatisfied}, {"19.99", keyDissatisfied}, {"0", keyDissatisfied},
	}
	s := PVCBands()
	for _, c := range cases {
		i, err := s.IndexOfScore(dec(c.score))
		if err != nil {
			t.Fatalf("IndexOfScore(%s): %v", c.score, err)
		}
		if l, _ := s.Level(i); l.Key != c.want {
			t.Errorf("IndexOfScore(%s) = %s, want %s", c.score, l.Key, c.want)
		}
		if !s.InBand(i, dec(c.score)) {
			t.Errorf("InBand(%d, %s) = false", i, c.score)
		}
	}
	for _, bad := range []string{"-0.01", "100.01"} {
		_, err := s.IndexOfScore(dec(bad))
		checkErr(t, err, errCheck{Is: ErrOutOfRange})
	}
	_, err := FivePoint().IndexOfScore(dec("5"))
	checkErr(t, err, errCheck{Is: ErrInvalid, Msg: `csat: scale "five-point" has no bands: invalid argument`})
}

func TestLookup(t *testing.T) {
	s := FivePoint()
	for _, name := range []string{"basically_satisfied", "basically satisfied", "基本满意"} {
		i, err := s.Index(name)
		if err != nil || i != 2 {
			t.Errorf("Index(%q) = %d, %v; want 2", name, i, err)
		}
	}
	if i, err := s.IndexOfPoints(dec("6.0")); err != nil || i != 2 {
		t.Errorf("IndexOfPoints(6.0) = %d, %v; want 2", i, err)
	}
	_, err := s.Index("很好")
	checkErr(t, err, errCheck{Is: ErrUnknownLevel, Msg: `csat: scale "five-point": no level "很好": unknown level`})
	_, err = s.Index("")
	checkErr(t, err, errCheck{Is: ErrUnknownLevel})
	_, err = s.IndexOfPoints(dec("7"))
	checkErr(t, err, errCheck{Is: ErrUnknownLevel, Msg: `csat: scale "five-point": no level worth 7 points: unknown level`})
	_, err = s.Level(5)
	checkErr(t, err, errCheck{Is: ErrUnknownLevel, Msg: `csat: scale "five-point": level index 5 (scale has 5 levels): unknown level`})
	_, err = s.Level(-1)
	checkErr(t, err, errCheck{Is: ErrUnknownLevel})
}

func TestNewScaleErrors(t *testing.T) {
	p := func(s string) decimal.Decimal { return dec(s) }
	lv := func(key, pts string) Level { return Level{Key: key, Points: p(pts)} }
	bl := func(key, pts string, lo, hi int64) Level {
		return Level{Key: key, Points: p(pts), Band: band(lo, hi)}
	}
	many := make([]Level, MaxLevels+1)
	for i := range many {
		many[i] = Level{Key: strings.Repeat("k", i+1), Points: decimal.NewFromInt(int64(i))}
	}
	cases := []struct {
		name   string
		scale  string
		full   string
		levels []Level
		msg    string
	}{
		{"no name", "", "10", []Level{lv("a", "1")}, `csat: scale "": name must be non-empty UTF-8: invalid scale`},
		{"zero full marks", "s", "0", []Level{lv("a", "1")}, `csat: scale "s": full marks 0 must be positive: invalid scale`},
		{"no levels", "s", "10", nil, `csat: scale "s": no levels: invalid scale`},
		{"too many levels", "s", "100", many, `csat: scale "s": 17 levels, at most 16 allowed: invalid scale`},
		{"empty key", "s", "10", []Level{lv("", "1")}, `csat: scale "s": level 0: key must be non-empty UTF-8: invalid scale`},
		{"duplicate key", "s", "10", []Level{lv("a", "1"), lv("a", "2")}, `csat: scale "s": level "a": name "a" is already used by level "a": invalid scale`},
		{"label clashes with key", "s", "10", []Level{lv("a", "1"), {Key: "b", Label: "a", Points: p("2")}}, `csat: scale "s": level "b": name "a" is already used by level "a": invalid scale`},
		{"negative points", "s", "10", []Level{lv("a", "-1")}, `csat: scale "s": level "a": negative points -1: invalid scale`},
		{"points above full", "s", "10", []Level{lv("a", "11")}, `csat: scale "s": level "a": points 11 above full marks 10: invalid scale`},
		{"duplicate points", "s", "10", []Level{lv("a", "1"), lv("b", "1.0")}, `csat: scale "s": level "b": points 1 already used by level "a": invalid scale`},
		{"some bands", "s", "100", []Level{bl("a", "95", 90, 100), lv("b", "50")}, `csat: scale "s": 1 of 2 levels have a band: all or none must: invalid scale`},
		{"overlap", "s", "100", []Level{bl("a", "95", 80, 100), bl("b", "50", 0, 90)}, `csat: scale "s": bands of "b" [0,90) and "a" [80,100) overlap: invalid scale`},
		{"gap", "s", "100", []Level{bl("a", "95", 90, 100), bl("b", "50", 0, 80)}, `csat: scale "s": gap between bands of "b" [0,80) and "a" [90,100): invalid scale`},
		{"top short", "s", "100", []Level{bl("a", "85", 80, 90), bl("b", "50", 0, 80)}, `csat: scale "s": top band [80,90) of "a" does not end at the full marks 100: invalid scale`},
		{"empty band", "s", "100", []Level{bl("a", "95", 90, 90), bl("b", "50", 0, 90)}, `csat: scale "s": level "a": band [90,90) is empty or negative: invalid scale`},
		{"points outside band", "s", "100", []Level{bl("a", "85", 90, 100), bl("b", "50", 0, 90)}, `csat: scale "s": level "a": points 85 outside its band [90,100): invalid scale`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := NewScale(c.scale, p(c.full), c.levels)
			if s != nil {
				t.Errorf("got a scale with an error")
			}
			checkErr(t, err, errCheck{Is: ErrInvalidScale, Msg: c.msg})
		})
	}
}

func TestCustomScales(t *testing.T) {
	// NPS-style 0–10 scale and a 7-point scale build and score.
	var nps []Level
	for i := 0; i <= 10; i++ {
		nps = append(nps, Level{Key: decimal.NewFromInt(int64(i)).String(), Points: decimal.NewFromInt(int64(i)), Satisfied: i >= 9})
	}
	s, err := NewScale("nps", dec("10"), nps)
	if err != nil {
		t.Fatal(err)
	}
	tl := NewTally(s)
	for i := 0; i <= 10; i++ {
		if err := tl.Add(i); err != nil {
			t.Fatal(err)
		}
	}
	// Σ 0..10 = 55 over 11 answers × 10 = 55/110 = 50%.
	d, err := Degree{}.Score(tl)
	if err != nil || !d.Value().Equal(dec("0.5")) {
		t.Errorf("degree = %v, %v; want 0.5", d.Value(), err)
	}
	if s.Equal(FivePoint()) || !s.Equal(s) {
		t.Error("Scale.Equal is wrong")
	}
	again, _ := NewScale("nps", dec("10"), nps)
	if !s.Equal(again) || s.Fingerprint() != again.Fingerprint() {
		t.Error("equal definitions must give equal scales and fingerprints")
	}
}

// TestScaleProperties checks that a valid random scale round-trips its
// levels and that every lookup finds the level it came from.
func TestScaleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, MaxLevels).Draw(t, "n")
		pts := rapid.SliceOfNDistinct(rapid.IntRange(0, 1000), n, n, rapid.ID[int]).Draw(t, "points")
		var levels []Level
		for i, p := range pts {
			levels = append(levels, Level{Key: "k" + decimal.NewFromInt(int64(i)).String(), Label: "L" + decimal.NewFromInt(int64(i)).String(), Points: decimal.NewFromInt(int64(p))})
		}
		s, err := NewScale("random", decimal.NewFromInt(1000), levels)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range levels {
			if j, err := s.Index(l.Key); err != nil || j != i {
				t.Fatalf("Index(%q) = %d, %v", l.Key, j, err)
			}
			if j, err := s.Index(l.Label); err != nil || j != i {
				t.Fatalf("Index(%q) = %d, %v", l.Label, j, err)
			}
			if j, err := s.IndexOfPoints(l.Points); err != nil || j != i {
				t.Fatalf("IndexOfPoints(%s) = %d, %v", l.Points, j, err)
			}
		}
	})
}

func TestLevelName(t *testing.T) {
	got := []string{
		Level{Key: "k", Label: "very satisfied", LabelZH: "很满意"}.Name(),
		Level{Key: "k", LabelZH: "很满意"}.Name(),
		Level{Key: "k", Label: "x"}.Name(),
		Level{Key: "k"}.Name(),
	}
	want := []string{"很满意 (very satisfied)", "很满意", "x", "k"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Name mismatch (-want +got):\n%s", diff)
	}
}

// TestZeroValues: zero values of the built types report an error instead
// of panicking.
func TestZeroValues(t *testing.T) {
	_, err := (&Tree{}).Combine(nil)
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = (&CustomerScorer{}).Score(Customer{})
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = (&CustomerScorer{}).Visit(nil)
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = (&LoyaltyIndex{}).Score(nil)
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = (&LoyaltyIndex{}).ScoreAll(map[string]map[string]decimal.Decimal{"a": {}})
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = (*Blend)(nil).Combine(nil)
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = (&Blend{}).Combine(nil)
	checkErr(t, err, errCheck{Is: ErrMissing})
	var tab Table
	checkErr(t, tab.Add("a", "b", 0), errCheck{Is: ErrInvalid})
	if (*Table)(nil).Equal(NewTable(FivePoint())) {
		t.Error("nil table equals a table")
	}
	if _, err := (Degree{}).Score(Tally{}); !errors.Is(err, ErrEmpty) {
		t.Error("zero tally must be empty")
	}
}
