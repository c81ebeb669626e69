package csat

import (
	"math/big"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func npsTally(t testing.TB, counts ...uint64) Tally {
	t.Helper()
	tl := NewTally(NPSScale())
	for i, c := range counts {
		if err := tl.AddN(i, c); err != nil {
			t.Fatal(err)
		}
	}
	return tl
}

// npsOf puts promoters at 10, passives at 8, detractors at 0.
func npsOf(t testing.TB, p, pas, d uint64) Tally {
	t.Helper()
	tl := NewTally(NPSScale())
	_ = tl.AddN(10, p)
	_ = tl.AddN(8, pas)
	_ = tl.AddN(0, d)
	return tl
}

// TestNPSReference checks the reference values.
//
// One answer at each of 0…10: promoters 2 (9, 10), detractors 7 (0–6), n
// 11 → (2 − 7)/11 × 100 = −500/11 = −45.4545…
//
// 100 promoters, 30 passives, 80 detractors, n 210: NPS = 20/210 × 100 =
// 9.5238…; p = 0.476190, d = 0.380952, var = (0.857143 − 0.009070)/210 =
// 0.0040384, se = 0.063549, z = 1.959964, half-width 0.124553 →
// [−2.93, 21.98]. Adjusted: P 100.75, D 80.75, n 213: estimate 20/213 =
// 9.3897…; var = (0.852113 − 0.008817)/213 = 0.0039591, se = 0.062922,
// half-width 0.123325 → [−2.94, 21.72].
func TestNPSReference(t *testing.T) {
	var each []uint64
	for range 11 {
		each = append(each, 1)
	}
	r, err := NPS{}.Compute(npsTally(t, each...))
	if err != nil {
		t.Fatal(err)
	}
	if r.Score.Round(4).String() != "-45.4545" || r.Score.Round(2).String() != "-45.45" {
		t.Errorf("NPS = %s, want -45.4545…", r.Score.Value())
	}
	if r.Promoters != 2 || r.Passives != 2 || r.Detractors != 7 {
		t.Errorf("counts %d/%d/%d", r.Promoters, r.Passives, r.Detractors)
	}
	r, err = NPS{}.Compute(npsOf(t, 100, 30, 80))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{r.Score.Round(2).String(), r.Wald.Low.Round(2).String(), r.Wald.High.Round(2).String(),
		r.AdjustedWald.Estimate.Round(2).String(), r.AdjustedWald.Low.Round(2).String(), r.AdjustedWald.High.Round(2).String(),
		r.Wald.Explain(), r.Score.Explain()}
	want := []string{"9.52", "-2.93", "21.98", "9.39", "-2.94", "21.72",
		"Wald 95% interval = ≈9.52 ± 1.96×6.35 = [-2.93, 21.98]", "NPS = (100 − 80) / 210 × 100 = ≈9.52"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NPS mismatch (-want +got):\n%s", diff)
	}
}

func TestNPSProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		counts := rapid.SliceOfN(rapid.Uint64Range(0, 50), 11, 11).Draw(t, "counts")
		tl := NewTally(NPSScale())
		var answers []int
		for i, c := range counts {
			for range c {
				answers = append(answers, i)
			}
		}
		if len(answers) == 0 {
			t.Skip("no answers")
		}
		for _, a := range rapid.Permutation(answers).Draw(t, "order") {
			_ = tl.Add(a)
		}
		r, err := NPS{}.Compute(tl)
		if err != nil {
			t.Fatal(err)
		}
		direct := NewTally(NPSScale())
		for i, c := range counts {
			_ = direct.AddN(i, c)
		}
		dr, _ := NPS{}.Compute(direct)
		v := r.Score.Value()
		if v.LessThan(decimal.NewFromInt(-100)) || v.GreaterThan(decimal.NewFromInt(100)) || !v.Equal(dr.Score.Value()) {
			t.Fatalf("NPS %s (direct %s)", v, dr.Score.Value())
		}
		if !r.Wald.Contains(r.Score.Round(Precision)) || !r.AdjustedWald.Contains(r.AdjustedWald.Estimate.Round(Precision)) {
			t.Fatalf("interval %s does not contain %s", r.Wald, v)
		}
		k := rapid.Uint64Range(2, 20).Draw(t, "k")
		big := NewTally(NPSScale())
		for i, c := range counts {
			_ = big.AddN(i, c*k)
		}
		rb, _ := NPS{}.Compute(big)
		if !rb.Score.Value().Equal(v) || rb.Wald.Width().GreaterThan(r.Wald.Width()) {
			t.Fatalf("n×%d: NPS %s→%s, width %s→%s", k, v, rb.Score.Value(), r.Wald.Width(), rb.Wald.Width())
		}
	})
}

func TestNPSErrors(t *testing.T) {
	_, err := NPS{}.Compute(NewTally(NPSScale()))
	checkErr(t, err, errCheck{Is: ErrEmpty, Msg: `csat: nps of no answers: no data`})
	pvc := NewTally(PVCBands())
	_ = pvc.Add(0)
	_, err = NPS{}.Compute(pvc)
	checkErr(t, err, errCheck{Is: ErrScaleMismatch})
	// A 1–10 scale (no 0) and a 0–10 scale of halves are not NPS scales:
	// accepted silently before, they are a scale mismatch now.
	for _, sc := range []struct {
		name  string
		lo    int64
		fm    string
		scale func(int64) decimal.Decimal
	}{{"1-10", 1, "10", decimal.NewFromInt}, {"0-5 in halves", 0, "5", func(i int64) decimal.Decimal { return decimal.New(i*5, -1) }}} {
		var levels []Level
		for i := sc.lo; i <= 10; i++ {
			levels = append(levels, Level{Key: strconv.FormatInt(i, 10), Points: sc.scale(i)})
		}
		s, err := NewScale(sc.name, dec(sc.fm), levels)
		if err != nil {
			t.Fatal(err)
		}
		tl := NewTally(s)
		_ = tl.Add(0)
		_, err = NPS{}.Compute(tl)
		checkErr(t, err, errCheck{Is: ErrScaleMismatch})
	}
	_, err = NPS{Confidence: Confidence{Level: dec("1")}}.Compute(npsOf(t, 1, 1, 1))
	checkErr(t, err, errCheck{Is: ErrOutOfRange, Msg: `csat: nps: confidence level 1 outside (0, 1): value out of range`})
	_, err = NPS{Confidence: Confidence{Level: dec("0.95"), Z: dec("1.96")}}.Compute(npsOf(t, 1, 1, 1))
	checkErr(t, err, errCheck{Is: ErrInvalid})
	_, err = NPS{}.FromCounts(NPSCounts{Promoters: ^uint64(0), Detractors: 1})
	checkErr(t, err, errCheck{Is: ErrOverflow})
	_, err = NPS{}.Loyalty(LoyaltyData{})
	checkErr(t, err, errCheck{Is: ErrScaleMismatch})
}

func TestPurchaseMetrics(t *testing.T) {
	ps := []Purchase{
		{Customer: "a", Amount: dec("100")}, {Customer: "a", Amount: dec("50")}, {Customer: "a", Amount: dec("50"), Competitor: true},
		{Customer: "b", Amount: dec("200")}, {Customer: "c", Amount: dec("300"), Competitor: true},
	}
	// Buying from us: a (twice), b (once) → 1/2. Ours 350 of 700 → 50%; a alone 150/200 = 75%.
	rr, err := RepeatRate{}.Loyalty(LoyaltyData{Purchases: ps})
	if err != nil || !rr.Value().Equal(dec("0.5")) {
		t.Errorf("repeat rate %v %v", rr.Value(), err)
	}
	sw, err := ShareOfWallet{}.Loyalty(LoyaltyData{Purchases: ps})
	if err != nil || !sw.Value().Equal(dec("0.5")) {
		t.Errorf("share of wallet %v %v", sw.Value(), err)
	}
	swa, err := ShareOfWallet{Customer: "a"}.Loyalty(LoyaltyData{Purchases: ps})
	if err != nil || !swa.Value().Equal(dec("0.75")) {
		t.Errorf("share of wallet of a %v %v", swa.Value(), err)
	}
	cases := []struct {
		name string
		m    LoyaltyMetric
		ps   []Purchase
		want error
	}{
		{"repeat empty", RepeatRate{}, nil, ErrEmpty},
		{"repeat only competitor", RepeatRate{}, []Purchase{{Customer: "a", Amount: dec("1"), Competitor: true}}, ErrEmpty},
		{"wallet empty", ShareOfWallet{}, nil, ErrEmpty},
		{"negative", ShareOfWallet{}, []Purchase{{Customer: "a", Amount: dec("-1")}}, ErrNegative},
		{"no customer", RepeatRate{}, []Purchase{{Amount: dec("1")}}, ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.m.Loyalty(LoyaltyData{Purchases: c.ps})
			checkErr(t, err, errCheck{Is: c.want})
		})
	}
}

func boundedSeven() []Measure {
	ms := SevenMeasures()
	for i := range ms {
		ms[i].Low, ms[i].High = dec("0"), dec("10")
	}
	return ms
}

func TestLoyaltyIndex(t *testing.T) {
	li, err := NewLoyaltyIndex(boundedSeven(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Higher-is-loyal at 8, 6, 7, 9 → 80, 60, 70, 90; lower-is-loyal at 2,
	// 3, 4 → (10−2)×10 = 80, 70, 60. Mean (80+60+70+80+70+60+90)/7 = 510/7.
	r, err := li.Score(map[string]decimal.Decimal{
		"repeat_purchases": dec("8"), "share_of_wallet": dec("6"), "brand_attention": dec("7"), "choice_time": dec("2"),
		"price_sensitivity": dec("3"), "competitor_attitude": dec("4"), "incident_tolerance": dec("9"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Rat().Cmp(big.NewRat(510, 7)) != 0 {
		t.Errorf("index %s, want 510/7", r.Value())
	}
	// A weight tree over the measures applies; a bad tree fails as in the core.
	tree := Node{Name: "loyalty", Weight: dec("100"), Children: []Node{
		{Name: "behaviour", Weight: dec("60"), Children: []Node{
			{Name: "repeat_purchases", Weight: dec("30")}, {Name: "share_of_wallet", Weight: dec("30")}}},
		{Name: "attitude", Weight: dec("40"), Children: []Node{
			{Name: "brand_attention", Weight: dec("10")}, {Name: "choice_time", Weight: dec("5")}, {Name: "price_sensitivity", Weight: dec("10")},
			{Name: "competitor_attitude", Weight: dec("5")}, {Name: "incident_tolerance", Weight: dec("15")}}},
	}}
	_, err = NewTree(tree, nil)
	checkErr(t, err, errCheck{Is: ErrWeightsMismatch, Msg: `csat: weights: node "attitude" declares 40 but its children sum to 45: weights do not add up`})
	tree.Children[1].Children[4].Weight = dec("10")
	wli, err := NewLoyaltyIndex(boundedSeven(), &LoyaltyIndexOptions{Scheme: MustTree(tree, nil)})
	if err != nil {
		t.Fatal(err)
	}
	wr, _ := wli.Score(map[string]decimal.Decimal{
		"repeat_purchases": dec("8"), "share_of_wallet": dec("6"), "brand_attention": dec("7"), "choice_time": dec("2"),
		"price_sensitivity": dec("3"), "competitor_attitude": dec("4"), "incident_tolerance": dec("9"),
	})
	// (30×80 + 30×60 + 10×70 + 5×80 + 10×70 + 5×60 + 10×90)/100 = (2400+1800+700+400+700+300+900)/100 = 72.
	if !wr.Value().Equal(dec("72")) {
		t.Errorf("weighted index %s, want 72", wr.Value())
	}
}

func TestLoyaltyIndexExtremes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := SevenMeasures()
		pop := rapid.Bool().Draw(t, "population")
		for i := range ms {
			lo := rapid.IntRange(-100, 100).Draw(t, "lo")
			ms[i].Low, ms[i].High = decimal.NewFromInt(int64(lo)), decimal.NewFromInt(int64(lo+rapid.IntRange(1, 100).Draw(t, "span")))
		}
		opts := &LoyaltyIndexOptions{}
		if pop {
			opts.Bounds = PopulationRange
		}
		li, err := NewLoyaltyIndex(ms, opts)
		if err != nil {
			t.Fatal(err)
		}
		best, worst := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
		for _, m := range ms {
			if m.Direction == HigherIsLoyal {
				best[m.Name], worst[m.Name] = m.High, m.Low
			} else {
				best[m.Name], worst[m.Name] = m.Low, m.High
			}
		}
		rs, err := li.ScoreAll(map[string]map[string]decimal.Decimal{"best": best, "worst": worst})
		if err != nil {
			t.Fatal(err)
		}
		if !rs["best"].Value().Equal(decimal.NewFromInt(100)) || !rs["worst"].Value().IsZero() {
			t.Fatalf("best %s worst %s", rs["best"].Value(), rs["worst"].Value())
		}
	})
}

func TestLoyaltyIndexErrors(t *testing.T) {
	li, _ := NewLoyaltyIndex(boundedSeven(), nil)
	full := func() map[string]decimal.Decimal {
		m := map[string]decimal.Decimal{}
		for _, ms := range SevenMeasures() {
			m[ms.Name] = dec("5")
		}
		return m
	}
	m1 := full()
	delete(m1, "choice_time")
	m2 := full()
	m2["loyalty"] = dec("1")
	m3 := full()
	m3["choice_time"] = dec("11")
	cases := []struct {
		name string
		run  func() error
		want errCheck
	}{
		{"missing", func() error { _, err := li.Score(m1); return err }, errCheck{ErrMissing, `csat: loyalty index: no value for measure "choice_time": missing value`}},
		{"unknown", func() error { _, err := li.Score(m2); return err }, errCheck{ErrUnknownItem, `csat: loyalty index: measure "loyalty" not known: unknown item`}},
		{"out of bounds", func() error { _, err := li.Score(m3); return err }, errCheck{ErrOutOfRange, `csat: loyalty index: measure "choice_time" value 11 outside [0, 10]: value out of range`}},
		{"no bounds", func() error { _, err := NewLoyaltyIndex(SevenMeasures(), nil); return err }, errCheck{ErrInvalid, ""}},
		{"no measures", func() error { _, err := NewLoyaltyIndex(nil, nil); return err }, errCheck{ErrEmpty, ""}},
		{"duplicate", func() error { _, err := NewLoyaltyIndex(append(boundedSeven(), boundedSeven()[0]), nil); return err }, errCheck{ErrDuplicate, ""}},
		{"no direction", func() error { _, err := NewLoyaltyIndex([]Measure{{Name: "x", High: dec("1")}}, nil); return err }, errCheck{ErrInvalid, ""}},
		{"tree leaves", func() error {
			_, err := NewLoyaltyIndex(boundedSeven(), &LoyaltyIndexOptions{Scheme: PVCTree()})
			return err
		}, errCheck{ErrUnknownItem, ""}},
		{"population needs ScoreAll", func() error {
			p, _ := NewLoyaltyIndex(SevenMeasures(), &LoyaltyIndexOptions{Bounds: PopulationRange})
			_, err := p.Score(full())
			return err
		}, errCheck{ErrInvalid, ""}},
		{"population missing", func() error {
			p, _ := NewLoyaltyIndex(SevenMeasures(), &LoyaltyIndexOptions{Bounds: PopulationRange})
			_, err := p.ScoreAll(map[string]map[string]decimal.Decimal{"a": full(), "b": m1})
			return err
		}, errCheck{ErrMissing, `csat: loyalty index: customer "b" has no value for "choice_time": missing value`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkErr(t, c.run(), c.want) })
	}
}

// Mutation-testing finds: a repeat rate whose numerator and denominator
// differ in a way a swapped or off-by-one mutant would change, and the
// promoter share (Rate) on NPSScale.
func TestLoyaltyMutantsKilled(t *testing.T) {
	// Buying from us: a 3 times, b twice, c, d, e once → 2 of 5 = 40%;
	// counting competitor purchases too would make f a customer (2 of 6).
	ps := []Purchase{
		{Customer: "a", Amount: dec("1")}, {Customer: "a", Amount: dec("1")}, {Customer: "a", Amount: dec("1")},
		{Customer: "b", Amount: dec("1")}, {Customer: "b", Amount: dec("1")},
		{Customer: "c", Amount: dec("1")}, {Customer: "d", Amount: dec("1")}, {Customer: "e", Amount: dec("1")},
		{Customer: "f", Amount: dec("1"), Competitor: true}, {Customer: "f", Amount: dec("1"), Competitor: true},
	}
	rr, err := RepeatRate{}.Loyalty(LoyaltyData{Purchases: ps})
	if err != nil || rr.Num().String() != "2" || rr.Den().String() != "5" {
		t.Errorf("repeat rate %s/%s (%v), want 2/5", rr.Num(), rr.Den(), err)
	}
	// On NPSScale 9 and 10 count as satisfied: the rate is the promoter
	// share, 100 of 210.
	r, err := Rate{}.Score(npsOf(t, 100, 30, 80))
	if err != nil || r.Num().String() != "100" || r.Den().String() != "210" {
		t.Errorf("promoter share %s/%s (%v), want 100/210", r.Num(), r.Den(), err)
	}
}
