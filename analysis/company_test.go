package analysis

import (
	"slices"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// companyScores: A is the worked example (76.42); B had a visit where
// nothing was mentioned (80); C returned a questionnaire of all 50s (50)
// and was lost.
func companyScores(t *testing.T) []csat.CustomerScore {
	t.Helper()
	a := pvcCustomer()
	a.ID = "A"
	b := csat.Customer{ID: "B", Visit: map[string]csat.VisitNote{}}
	q := map[string]decimal.Decimal{}
	for _, it := range csat.PVCTree().Leaves() {
		q[it] = dec("50")
	}
	c := csat.Customer{ID: "C", Questionnaire: q, Status: csat.Lost}
	var out []csat.CustomerScore
	for _, cu := range []csat.Customer{a, b, c} {
		s, err := csat.PVCCustomerScorer().Score(cu)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestCompany, by hand:
//   - lowest band (default): C counts at 30: (76.42 + 80 + 30) / 3 = 186.42/3 = 62.14
//   - excluded: (76.42 + 80) / 2 = 78.21
//   - at score 0: 156.42 / 3 = 52.14
//   - weights A 3, B 1, C 1: (229.26 + 80 + 30) / 5 = 67.852
func TestCompany(t *testing.T) {
	scores := companyScores(t)
	cases := []struct {
		name    string
		opts    *CompanyOptions
		mean    string
		counted int
	}{
		{"lowest band", nil, "62.14", 3},
		{"exclude", &CompanyOptions{Lost: LostPolicy{Mode: LostExclude}}, "78.21", 2},
		{"at score", &CompanyOptions{Lost: LostPolicy{Mode: LostAtScore, Score: dec("0")}}, "52.14", 3},
		{"weighted", &CompanyOptions{Weights: map[string]decimal.Decimal{"A": dec("3"), "B": dec("1"), "C": dec("1")}}, "67.852", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := Company(scores, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !v.Mean.Value().Equal(dec(c.mean)) || v.Counted != c.counted || v.LostAffected != 1 || v.Customers != 3 {
				t.Errorf("mean %s counted %d affected %d", v.Mean.Value(), v.Counted, v.LostAffected)
			}
		})
	}
	v, err := Company(scores, nil)
	if err != nil {
		t.Fatal(err)
	}
	var dist []int
	for _, b := range v.Distribution {
		dist = append(dist, b.Count)
	}
	if diff := cmp.Diff([]int{0, 2, 0, 0, 1}, dist); diff != "" {
		t.Errorf("distribution mismatch (-want +got):\n%s", diff)
	}
	var order []string
	for _, r := range v.Ranking {
		order = append(order, r.ID)
	}
	if diff := cmp.Diff([]string{"C", "A", "B"}, order); diff != "" {
		t.Errorf("ranking mismatch (-want +got):\n%s", diff)
	}
	// A's items below its preliminary 80.42, blended 0.6 visit + 0.4
	// questionnaire: 价格和付款 39+24 = 63, 包装 30+34 = 64, 问题处理
	// 48+26 = 74, 运输 48+28 = 76, 程序 48+30 = 78, 接待 48+32 = 80.
	var drags []string
	for _, d := range v.Ranking[1].Drags {
		drags = append(drags, d.Item+" "+d.Combined.String())
	}
	want := []string{"价格和付款 63", "包装 64", "问题处理 74", "运输 76", "程序 78", "接待 80"}
	if diff := cmp.Diff(want, drags); diff != "" {
		t.Errorf("drags mismatch (-want +got):\n%s", diff)
	}
	if len(v.Ranking[1].Complaints) != 2 {
		t.Errorf("A's lowering complaints: %v", v.Ranking[1].Complaints)
	}
}

func TestCompanyErrors(t *testing.T) {
	scores := companyScores(t)
	cases := []struct {
		name   string
		scores []csat.CustomerScore
		opts   *CompanyOptions
		want   errCheck
	}{
		{"empty", nil, nil, errCheck{csat.ErrEmpty, `csat: company: no customer scores: no data`}},
		{"duplicate", append(scores, scores[0]), nil, errCheck{csat.ErrDuplicate, `csat: company: customer "A" given twice: duplicate`}},
		{"missing weight", scores, &CompanyOptions{Weights: map[string]decimal.Decimal{"A": dec("1")}}, errCheck{csat.ErrMissing, `csat: company: no weight for customer "B": missing value`}},
		{"unknown weight", scores, &CompanyOptions{Weights: map[string]decimal.Decimal{"Q": dec("1")}}, errCheck{csat.ErrUnknownItem, `csat: company: weight for unknown customer "Q": unknown item`}},
		{"negative weight", scores, &CompanyOptions{Weights: map[string]decimal.Decimal{"A": dec("-1"), "B": dec("1"), "C": dec("1")}}, errCheck{csat.ErrNegative, ""}},
		{"zero weights", scores, &CompanyOptions{Weights: map[string]decimal.Decimal{"A": dec("0"), "B": dec("0"), "C": dec("0")}}, errCheck{csat.ErrInvalid, ""}},
		{"all excluded", scores[2:], &CompanyOptions{Lost: LostPolicy{Mode: LostExclude}}, errCheck{csat.ErrEmpty, ""}},
		{"lost score", scores, &CompanyOptions{Lost: LostPolicy{Mode: LostAtScore, Score: dec("101")}}, errCheck{csat.ErrOutOfRange, ""}},
		{"lost mode", scores, &CompanyOptions{Lost: LostPolicy{Mode: 9}}, errCheck{csat.ErrInvalid, ""}},
		{"unbanded", scores, &CompanyOptions{Scale: csat.FivePoint()}, errCheck{csat.ErrInvalid, ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Company(c.scores, c.opts)
			checkErr(t, err, c.want)
		})
	}
}

// TestCompanyOrder: the view does not depend on the order of customers.
func TestCompanyOrder(t *testing.T) {
	scores := companyScores(t)
	base, _ := Company(scores, nil)
	rapid.Check(t, func(rt *rapid.T) {
		perm := rapid.Permutation(scores).Draw(rt, "perm")
		v, err := Company(perm, nil)
		if err != nil {
			rt.Fatal(err)
		}
		if v.Mean.Explain() != base.Mean.Explain() || len(v.Ranking) != len(base.Ranking) {
			rt.Fatal("order changed the view")
		}
		for i := range v.Ranking {
			if v.Ranking[i].ID != base.Ranking[i].ID {
				rt.Fatal("order changed the ranking")
			}
		}
	})
}

// The company view ranks customers and picks the items that pulled one
// down on exact values: scores 10⁻²⁵ apart are ranked in order, and an
// item 10⁻²⁵ below the preliminary score is a drag.
func TestCompanyExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := nearEdge(t)
		d := decimal.New(1, -rapid.Int32Range(21, 30).Draw(t, "k"))
		s := csat.PVCCustomerScorer()
		lowQ, highQ := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
		for _, it := range s.Items() {
			lowQ[it], highQ[it] = v.Sub(d), v.Sub(d)
		}
		highQ[s.Items()[0]] = v.Sub(d).Add(d.Mul(dec("100"))) // one item higher: the others drag
		if highQ[s.Items()[0]].GreaterThan(dec("100")) {
			highQ[s.Items()[0]] = v.Sub(d)
		}
		low, err := s.Score(csat.Customer{ID: "b-low", Questionnaire: lowQ})
		if err != nil {
			t.Fatal(err)
		}
		high, err := s.Score(csat.Customer{ID: "a-high", Questionnaire: highQ})
		if err != nil {
			t.Fatal(err)
		}
		view, err := Company([]csat.CustomerScore{high, low}, nil)
		if err != nil {
			t.Fatal(err)
		}
		first, second := view.Ranking[0], view.Ranking[1]
		if c := high.Final.Cmp(low.Final); (c > 0 && first.ID != "b-low") || (c == 0 && first.ID != "a-high") {
			t.Fatalf("ranking %s (%s) before %s (%s)", first.ID, first.Score.Rat(), second.ID, second.Score.Rat())
		}
		for _, r := range view.Ranking {
			if r.Band.LabelZH != pvcBandOf(r.Score.Value().Round(40)) && r.Score.Exact() {
				t.Fatalf("%s: band %s for %s", r.ID, r.Band.LabelZH, r.Score.Rat())
			}
			cs := map[string]csat.CustomerScore{"a-high": high, "b-low": low}[r.ID]
			for _, it := range cs.Items {
				below := it.Combined.Rat().Cmp(cs.Preliminary.Rat()) < 0
				if below != slices.ContainsFunc(r.Drags, func(x csat.ItemScore) bool { return x.Item == it.Item }) {
					t.Fatalf("%s: item %s (%s vs preliminary %s) drag %t", r.ID, it.Item, it.Combined.Rat(), cs.Preliminary.Rat(), !below)
				}
			}
		}
	})
}

func TestLostModeNames(t *testing.T) {
	got := []string{LostLowestBand.String(), LostExclude.String(), LostAtScore.String(), LostMode(9).String()}
	if diff := cmp.Diff([]string{"lowest_band", "exclude", "at_score", "LostMode(9)"}, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}
