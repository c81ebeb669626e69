package csat

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func pvcCustomer() Customer {
	q := map[string]decimal.Decimal{}
	for k, v := range pvcLeaves {
		q[k] = dec(v)
	}
	return Customer{
		ID:            "PVC-001",
		Questionnaire: q,
		Visit: map[string]VisitNote{
			"品质": {Level: "很满意"}, "包装": {Level: "比较不满意"}, "价格和付款": {Level: "比较满意"},
		},
		Complaints: []Complaint{
			{ID: "C1", Outcome: HandledBasicallySatisfied},
			{ID: "C2", Outcome: HandledVerySatisfied},
			{ID: "C3", Outcome: NotHandled},
		},
	}
}

// TestPVCCustomerWorkedExample checks METHOD.md §5's example. By hand:
// questionnaire 8105/100 = 81.05 (see TestPVCTreeWorkedExample); visit
// 30×95 + 10×50 + 10×80 + 5×80 + 5×80 + 10×65 + 8×80 + 12×80 + 10×80
// = 2850 + 500 + 800 + 400 + 400 + 650 + 640 + 960 + 800 = 8000, /100 =
// 80; preliminary 0.6×80 + 0.4×81.05 = 48 + 32.42 = 80.42; final 80.42 −
// 1 + 2 − 5 = 76.42, in [70, 90): 满意.
func TestPVCCustomerWorkedExample(t *testing.T) {
	cs, err := PVCCustomerScorer().Score(pvcCustomer())
	if err != nil {
		t.Fatal(err)
	}
	got := []string{cs.Questionnaire.Value().StringFixed(2), cs.Visit.Value().StringFixed(2),
		cs.Preliminary.Value().StringFixed(2), cs.Final.Value().StringFixed(2), cs.BandLevel.LabelZH}
	want := []string{"81.05", "80.00", "80.42", "76.42", "满意"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("worked example mismatch (-want +got):\n%s", diff)
	}
	if !cs.Final.Value().Equal(dec("76.42")) || cs.Clamped || !cs.Final.Exact() {
		t.Errorf("final %s clamped %t", cs.Final.Value(), cs.Clamped)
	}
	if got, want := cs.Final.Explain(), "final 最终得分 = 80.42 − 1 + 2 − 5 = 76.42"; got != want {
		t.Errorf("Explain\n got: %s\nwant: %s", got, want)
	}
	if got, want := cs.Preliminary.Explain(), "preliminary 初步得分 = 0.6×80 + 0.4×81.05 = 80.42"; got != want {
		t.Errorf("Explain\n got: %s\nwant: %s", got, want)
	}
	wantAdj := []Adjustment{{"C1", HandledBasicallySatisfied, dec("-1")}, {"C2", HandledVerySatisfied, dec("2")}, {"C3", NotHandled, dec("-5")}}
	if diff := cmp.Diff(wantAdj, cs.Adjustments); diff != "" {
		t.Errorf("adjustments mismatch (-want +got):\n%s", diff)
	}
}

func TestPreliminaryMissingParts(t *testing.T) {
	c := pvcCustomer()
	c.Complaints = nil
	noQ, noV := c, c
	noQ.Questionnaire = nil
	noV.Visit = nil
	a, err := PVCCustomerScorer().Score(noQ)
	if err != nil || !a.Final.Value().Equal(dec("80")) || a.Questionnaire != nil {
		t.Errorf("visit alone: %v %v", a.Final.Value(), err)
	}
	b, err := PVCCustomerScorer().Score(noV)
	if err != nil || !b.Final.Value().Equal(dec("81.05")) || b.Visit != nil {
		t.Errorf("questionnaire alone: %v %v", b.Final.Value(), err)
	}
	// A visit where nothing was mentioned: every item at 80.
	c.Visit = map[string]VisitNote{}
	c.Questionnaire = nil
	v, err := PVCCustomerScorer().Score(c)
	if err != nil || !v.Final.Value().Equal(dec("80")) {
		t.Errorf("empty visit: %v %v", v.Final.Value(), err)
	}
}

func TestClamping(t *testing.T) {
	c := pvcCustomer()
	c.Complaints = nil
	for i := range 20 {
		c.Complaints = append(c.Complaints, Complaint{ID: string(rune('a' + i)), Outcome: NotHandled})
	}
	cs, err := PVCCustomerScorer().Score(c)
	if err != nil {
		t.Fatal(err)
	}
	// 80.42 − 20×5 = −19.58 → 0, band 不满意.
	if !cs.Final.Value().IsZero() || !cs.Clamped || cs.BandLevel.Key != keyDissatisfied {
		t.Errorf("final %s clamped %t band %s", cs.Final.Value(), cs.Clamped, cs.BandLevel.Key)
	}
	if want := "= -19.58, clamped to 0..100 = 0"; !strings.Contains(cs.Final.Explain(), want) {
		t.Errorf("Explain %q lacks %q", cs.Final.Explain(), want)
	}
	c.Complaints = nil
	for i := range 12 {
		c.Complaints = append(c.Complaints, Complaint{ID: string(rune('a' + i)), Outcome: HandledVerySatisfied})
	}
	cs, _ = PVCCustomerScorer().Score(c)
	if !cs.Final.Value().Equal(dec("100")) || !cs.Clamped || cs.BandLevel.Key != keyVerySatisfied {
		t.Errorf("final %s clamped %t", cs.Final.Value(), cs.Clamped)
	}
}

func TestCustomerErrors(t *testing.T) {
	base := pvcCustomer
	cases := []struct {
		name   string
		change func(*Customer)
		want   errCheck
	}{
		{"nothing", func(c *Customer) { c.Questionnaire, c.Visit = nil, nil }, errCheck{ErrMissing, `csat: customer "PVC-001": neither questionnaire nor visit: missing value`}},
		{"score above 100", func(c *Customer) { c.Questionnaire["品质"] = dec("101") }, errCheck{ErrOutOfRange, `csat: customer "PVC-001": questionnaire: item "品质" score 101 outside 0..100: value out of range`}},
		{"negative score", func(c *Customer) { c.Questionnaire["运输"] = dec("-0.5") }, errCheck{ErrOutOfRange, `csat: customer "PVC-001": questionnaire: item "运输" score -0.5 outside 0..100: value out of range`}},
		{"missing item", func(c *Customer) { delete(c.Questionnaire, "程序") }, errCheck{ErrMissing, `csat: customer "PVC-001": questionnaire: no score for item "程序": missing value`}},
		{"unknown item", func(c *Customer) { c.Questionnaire["颜色"] = dec("1") }, errCheck{ErrUnknownItem, `csat: customer "PVC-001": item "颜色": customer: not an item of the scorer: unknown item`}},
		{"unknown visit item", func(c *Customer) { c.Visit["颜色"] = VisitNote{Level: "满意"} }, errCheck{ErrUnknownItem, `csat: customer "PVC-001": item "颜色": customer: not an item of the scorer: unknown item`}},
		{"unknown level", func(c *Customer) { c.Visit["品质"] = VisitNote{Level: "很好"} }, errCheck{ErrUnknownLevel, `csat: customer "PVC-001": item "品质": visit: scale "pvc-bands": no level "很好": unknown level`}},
		{"out of band", func(c *Customer) {
			c.Visit["品质"] = VisitNote{Level: "很满意", Estimate: decimal.NewNullDecimal(dec("89.5"))}
		}, errCheck{ErrOutOfBand, `csat: customer "PVC-001": visit: item "品质": estimate 89.5 outside band 很满意 (very satisfied) [90,100]: estimate outside its band`}},
		{"out of lowest band", func(c *Customer) {
			c.Visit["包装"] = VisitNote{Level: "不满意", Estimate: decimal.NewNullDecimal(dec("40"))}
		}, errCheck{ErrOutOfBand, `csat: customer "PVC-001": visit: item "包装": estimate 40 outside band 不满意 (dissatisfied) [0,40): estimate outside its band`}},
		{"duplicate complaint", func(c *Customer) { c.Complaints = append(c.Complaints, Complaint{ID: "C1", Outcome: NotHandled}) }, errCheck{ErrDuplicate, `csat: customer "PVC-001": complaint id "C1" given twice: duplicate`}},
		{"unknown outcome", func(c *Customer) { c.Complaints[0].Outcome = 0 }, errCheck{ErrUnknownOutcome, `csat: customer "PVC-001": complaint "C1": outcome 0: unknown complaint outcome`}},
		{"bad status", func(c *Customer) { c.Status = 9 }, errCheck{ErrInvalid, `csat: customer "PVC-001": status 9: invalid argument`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.change(&in)
			_, err := PVCCustomerScorer().Score(in)
			checkErr(t, err, c.want)
		})
	}
}

func TestCustomerScorerOptions(t *testing.T) {
	bad := []struct {
		name string
		opts CustomerOptions
		want error
	}{
		{"unbanded", CustomerOptions{Scale: FivePoint()}, ErrInvalid},
		{"no items", CustomerOptions{Scheme: EqualWeights{}}, ErrInvalid},
		{"dup items", CustomerOptions{Scheme: EqualWeights{}, Items: []string{"a", "a"}}, ErrDuplicate},
		{"blend names", CustomerOptions{Preliminary: SelfSurvey()}, ErrInvalid},
		{"unmentioned", CustomerOptions{Unmentioned: decimal.NewNullDecimal(dec("101"))}, ErrInvalid},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewCustomerScorer(&c.opts)
			checkErr(t, err, errCheck{Is: c.want})
		})
	}
	// Equal weights over three items; unmentioned at 75; custom adjustments.
	adj, err := NewAdjustments(map[Outcome]decimal.Decimal{NotHandled: dec("-10"), HandledDissatisfied: dec("-6"),
		HandledNotVerySatisfied: dec("-4"), HandledBasicallySatisfied: dec("-2"), HandledSatisfied: dec("0"), HandledVerySatisfied: dec("1")})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewCustomerScorer(&CustomerOptions{Scheme: EqualWeights{}, Items: []string{"a", "b", "c"},
		Unmentioned: decimal.NewNullDecimal(dec("75")), Adjustments: adj})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.Score(Customer{ID: "x", Visit: map[string]VisitNote{"a": {Level: "很满意", Estimate: decimal.NewNullDecimal(dec("99"))}},
		Complaints: []Complaint{{ID: "1", Outcome: NotHandled}}})
	if err != nil {
		t.Fatal(err)
	}
	// (99 + 75 + 75) / 3 = 83, − 10 = 73.
	if !cs.Final.Value().Equal(dec("73")) {
		t.Errorf("final %s, want 73", cs.Final.Value())
	}
	_, err = NewAdjustments(map[Outcome]decimal.Decimal{NotHandled: dec("1")})
	checkErr(t, err, errCheck{Is: ErrMissing})
	_, err = NewAdjustments(map[Outcome]decimal.Decimal{9: dec("1")})
	checkErr(t, err, errCheck{Is: ErrUnknownOutcome})
}

// genCustomer draws a valid PVC customer.
func genCustomer(t *rapid.T) Customer {
	c := Customer{ID: "c"}
	items := PVCTree().Leaves()
	if rapid.Bool().Draw(t, "hasQ") {
		c.Questionnaire = map[string]decimal.Decimal{}
		for _, it := range items {
			c.Questionnaire[it] = decimal.New(int64(rapid.IntRange(0, 10000).Draw(t, "q")), -2)
		}
	}
	if c.Questionnaire == nil || rapid.Bool().Draw(t, "hasV") {
		c.Visit = map[string]VisitNote{}
		for _, it := range items {
			if rapid.Bool().Draw(t, "mentioned") {
				lvl := rapid.IntRange(0, 4).Draw(t, "level")
				l, _ := PVCBands().Level(lvl)
				n := VisitNote{Level: l.Key}
				if rapid.Bool().Draw(t, "estimate") {
					lo, hi := l.Band.Low.IntPart()*100, l.Band.High.IntPart()*100-1
					if lvl == 0 {
						hi++
					}
					if lvl == 4 {
						lo = 0
					}
					n.Estimate = decimal.NewNullDecimal(decimal.New(rapid.Int64Range(lo, hi).Draw(t, "est"), -2))
				}
				c.Visit[it] = n
			}
		}
	}
	for i := range rapid.IntRange(0, 8).Draw(t, "complaints") {
		c.Complaints = append(c.Complaints, Complaint{ID: "k" + string(rune('a'+i)), Outcome: Outcome(rapid.IntRange(1, 6).Draw(t, "outcome"))})
	}
	return c
}

func TestCustomerProperties(t *testing.T) {
	s := PVCCustomerScorer()
	t.Run("final in 0..100 with its band", rapid.MakeCheck(func(t *rapid.T) {
		cs, err := s.Score(genCustomer(t))
		if err != nil {
			t.Fatal(err)
		}
		v := cs.Final.Value()
		if v.IsNegative() || v.GreaterThan(dec("100")) || !PVCBands().InBand(cs.Band, v) {
			t.Fatalf("final %s band %d", v, cs.Band)
		}
	}))
	t.Run("complaint order changes the explanation, never the score", rapid.MakeCheck(func(t *rapid.T) {
		c := genCustomer(t)
		a, _ := s.Score(c)
		c.Complaints = rapid.Permutation(c.Complaints).Draw(t, "perm")
		b, _ := s.Score(c)
		if a.Final.Cmp(b.Final) != 0 || a.Band != b.Band {
			t.Fatalf("%s vs %s", a.Final.Explain(), b.Final.Explain())
		}
		for i, adj := range b.Adjustments { // reported in input order
			if adj.Complaint != c.Complaints[i].ID {
				t.Fatalf("adjustment %d is of %s, complaint %d is %s", i, adj.Complaint, i, c.Complaints[i].ID)
			}
		}
	}))
	t.Run("very satisfied never lowers, unhandled never raises", rapid.MakeCheck(func(t *rapid.T) {
		c := genCustomer(t)
		base, _ := s.Score(c)
		good, bad := c, c
		good.Complaints = append(slices.Clone(c.Complaints), Complaint{ID: "new", Outcome: HandledVerySatisfied})
		bad.Complaints = append(slices.Clone(c.Complaints), Complaint{ID: "new", Outcome: NotHandled})
		g, _ := s.Score(good)
		b, _ := s.Score(bad)
		if g.Final.Value().LessThan(base.Final.Value()) || b.Final.Value().GreaterThan(base.Final.Value()) {
			t.Fatalf("base %s, +very satisfied %s, +unhandled %s", base.Final.Value(), g.Final.Value(), b.Final.Value())
		}
	}))
	t.Run("preliminary between visit and questionnaire", rapid.MakeCheck(func(t *rapid.T) {
		cs, _ := s.Score(genCustomer(t))
		if cs.Visit == nil || cs.Questionnaire == nil {
			return
		}
		lo, hi := decimal.Min(cs.Visit.Value(), cs.Questionnaire.Value()), decimal.Max(cs.Visit.Value(), cs.Questionnaire.Value())
		if p := cs.Preliminary.Value(); p.LessThan(lo) || p.GreaterThan(hi) {
			t.Fatalf("preliminary %s outside [%s, %s]", p, lo, hi)
		}
	}))
	t.Run("estimates: inside accepted, outside rejected", rapid.MakeCheck(propEstimateBands(s)))
	t.Run("representative point in its band", rapid.MakeCheck(propRepresentativePoint))
}

// propEstimateBands: s accepts a visit estimate exactly when it lies in
// its level's band, by an independent reading of the PVC bands.
func propEstimateBands(s *CustomerScorer) func(*rapid.T) {
	return func(t *rapid.T) {
		lvl := rapid.IntRange(0, 4).Draw(t, "level")
		est := decimal.New(rapid.Int64Range(-500, 10500).Draw(t, "est"), -2)
		// Independent reading of METHOD.md §1.2: [90,100], [70,90), [60,70), [40,60), [0,40).
		edges := [][2]int64{{9000, 10000}, {7000, 8999}, {6000, 6999}, {4000, 5999}, {0, 3999}}
		cents := est.Shift(2).IntPart()
		inside := cents >= edges[lvl][0] && cents <= edges[lvl][1]
		l, _ := PVCBands().Level(lvl)
		_, err := s.Visit(map[string]VisitNote{"品质": {Level: l.LabelZH, Estimate: decimal.NewNullDecimal(est)}})
		if inside != (err == nil) {
			t.Fatalf("level %s estimate %s: inside %t, error %v", l.Key, est, inside, err)
		}
		if err != nil && !errors.Is(err, ErrOutOfBand) {
			t.Fatalf("wrong error %v", err)
		}
	}
}

// propRepresentativePoint: on a random banded scale, each level's points
// fall in its own band.
func propRepresentativePoint(t *rapid.T) {
	// A random banded scale: cut points 0 < c1 < … < 100, points inside.
	k := rapid.IntRange(1, 6).Draw(t, "bands")
	cuts := rapid.SliceOfNDistinct(rapid.IntRange(1, 99), k-1, k-1, rapid.ID[int]).Draw(t, "cuts")
	slices.Sort(cuts)
	edges := append(append([]int{0}, cuts...), 100)
	var levels []Level
	for i := range k {
		lo, hi := edges[i], edges[i+1]
		p := rapid.IntRange(lo, hi-1).Draw(t, "p")
		levels = append(levels, Level{Key: string(rune('a' + i)), Points: decimal.NewFromInt(int64(p)), Band: band(int64(lo), int64(hi))})
	}
	sc, err := NewScale("random bands", dec("100"), levels)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range sc.Levels() {
		if j, err := sc.IndexOfScore(l.Points); err != nil || j != i {
			t.Fatalf("point %s of band %s falls in %d", l.Points, l.Band, j)
		}
	}
}

func TestCustomerExplain(t *testing.T) {
	cs, err := PVCCustomerScorer().Score(pvcCustomer())
	if err != nil {
		t.Fatal(err)
	}
	ex := cs.Explain()
	for _, want := range []string{"final 最终得分 = 80.42 − 1 + 2 − 5 = 76.42\n", "  preliminary 初步得分 = 0.6×80 + 0.4×81.05 = 80.42\n",
		"      产品质量 = (30×95 + 10×50 + 10×80) / 50 = 83\n", "band: 满意 (satisfied)\n"} {
		if !strings.Contains(ex, want) {
			t.Errorf("Explain lacks %q:\n%s", want, ex)
		}
	}
	got := []string{Active.String(), AtRisk.String(), Lost.String(), Status(7).String()}
	if diff := cmp.Diff([]string{"active", "at_risk", "lost", "Status(7)"}, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

// nearEdge draws a score within 10⁻²¹…10⁻³⁰ of a band edge of the PVC
// scale (or exactly on it), inside 0–100.
func nearEdge(t *rapid.T) decimal.Decimal {
	edge := rapid.SampledFrom([]int64{20, 40, 60, 70, 90, 100}).Draw(t, "edge")
	k := rapid.Int32Range(21, 30).Draw(t, "k")
	d := decimal.New(1, -k)
	switch rapid.IntRange(-1, 1).Draw(t, "side") {
	case -1:
		return decimal.NewFromInt(edge).Sub(d)
	case 1:
		if edge < 100 {
			return decimal.NewFromInt(edge).Add(d)
		}
	}
	return decimal.NewFromInt(edge)
}

// pvcBandOf is the band of METHOD.md §1.2 by our reading, computed here
// independently: lower edges inclusive, the top band includes 100, below
// 20 is still 不满意.
func pvcBandOf(v decimal.Decimal) string {
	switch {
	case v.GreaterThanOrEqual(dec("90")):
		return "很满意"
	case v.GreaterThanOrEqual(dec("70")):
		return "满意"
	case v.GreaterThanOrEqual(dec("60")):
		return "比较满意"
	case v.GreaterThanOrEqual(dec("40")):
		return "比较不满意"
	}
	return "不满意"
}

// The band of a customer is decided on the exact final score, even within
// 10⁻²⁵ of an edge (70 − 10⁻²⁵ prints as 70.00 but is 比较满意). Rounded
// to Precision places, as before, such scores fell in the band above.
func TestCustomerBandExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := nearEdge(t)
		q := map[string]decimal.Decimal{}
		for _, it := range PVCCustomerScorer().Items() {
			q[it] = v
		}
		cs, err := PVCCustomerScorer().Score(Customer{ID: "x", Questionnaire: q})
		if err != nil {
			t.Fatal(err)
		}
		if cs.Final.Rat().Cmp(v.Rat()) != 0 {
			t.Fatalf("final %s, want %s", cs.Final.Rat(), v)
		}
		if got, want := cs.BandLevel.LabelZH, pvcBandOf(v); got != want {
			t.Fatalf("score %s: band %s, want %s", v, got, want)
		}
	})
}
