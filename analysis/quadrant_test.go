package analysis

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/importance"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// exampleStats returns the worked example's form statistics, its table
// and its importance set.
func exampleStats(t testing.TB) (*form.Stats, *csat.Table, importance.Set) {
	t.Helper()
	st, err := form.New(csat.FivePoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range exampleForms() {
		if err := st.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	tab, err := st.Table()
	if err != nil {
		t.Fatal(err)
	}
	set, err := givenImportance(exampleImportance).Importance(importance.Input{Stats: st, Source: csat.SourceSurvey})
	if err != nil {
		t.Fatal(err)
	}
	return st, tab, set
}

// zonesOf returns the items' zones by name.
func zonesOf(q QuadrantReport) map[string]string {
	out := map[string]string{}
	for _, it := range q.Items {
		out[it.Item] = it.Zone.String()
	}
	return out
}

// TestQuadrantCutRules: the cut lines of each rule on the worked example
// (importance 4.6, 4.4, 4.0, 3.8, 3.6, 3.6; degrees 102, 84, 90, 96, 94,
// 106 of 120), computed by hand, and the zones they give. An item on a
// line counts as high.
func TestQuadrantCutRules(t *testing.T) {
	_, tab, set := exampleStats(t)
	p := func(s string) *decimal.Decimal { d := dec(s); return &d }
	tests := []struct {
		name      string
		opts      *QuadrantOptions
		imp, perf string // exact cut values, as fractions
		rules     [2]CutRule
		zones     map[string]string
		fix       []string
	}{
		{name: "mean", opts: nil, imp: "4", perf: "143/180", rules: [2]CutRule{CutMean, CutMean},
			zones: map[string]string{"品质": "strength", "交货期": "fix", "价格": "fix", "服务": "maintain", "技术支持": "opportunity", "包装": "maintain"},
			fix:   []string{"交货期", "价格"}},
		// sorted 3.6 3.6 3.8 4.0 4.4 4.6: (3.8 + 4)/2; degrees 84 90 94 96 102 106: (94 + 96)/240.
		{name: "median", opts: &QuadrantOptions{Cut: CutMedian}, imp: "39/10", perf: "19/24", rules: [2]CutRule{CutMedian, CutMedian},
			zones: map[string]string{"品质": "strength", "交货期": "fix", "价格": "fix", "服务": "maintain", "技术支持": "opportunity", "包装": "maintain"},
			fix:   []string{"交货期", "价格"}},
		// 交货期 on the importance line, 服务 on the performance line: both high.
		{name: "given", opts: &QuadrantOptions{ImportanceCut: p("4.4"), PerformanceCut: p("0.8")}, imp: "22/5", perf: "4/5", rules: [2]CutRule{CutGiven, CutGiven},
			zones: map[string]string{"品质": "strength", "交货期": "fix", "价格": "opportunity", "服务": "maintain", "技术支持": "opportunity", "包装": "maintain"},
			fix:   []string{"交货期"}},
		{name: "given-rule", opts: &QuadrantOptions{Cut: CutGiven, ImportanceCut: p("3"), PerformanceCut: p("0.9")}, imp: "3", perf: "9/10", rules: [2]CutRule{CutGiven, CutGiven},
			zones: map[string]string{"品质": "fix", "交货期": "fix", "价格": "fix", "服务": "fix", "技术支持": "fix", "包装": "fix"},
			// gaps 0.9 − degree: 交货期 .2, 价格 .15, 技术支持 7/60, 服务 .1, 品质 .05, 包装 1/60
			fix: []string{"交货期", "价格", "技术支持", "服务", "品质", "包装"}},
		{name: "median-and-given", opts: &QuadrantOptions{Cut: CutMedian, PerformanceCut: p("0.75")}, imp: "39/10", perf: "3/4", rules: [2]CutRule{CutMedian, CutGiven},
			zones: map[string]string{"品质": "strength", "交货期": "fix", "价格": "strength", "服务": "maintain", "技术支持": "maintain", "包装": "maintain"},
			fix:   []string{"交货期"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Quadrant(set, tab, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := [2]string{tt.imp, tt.perf}
			for i, c := range []Cut{q.Importance, q.Performance} {
				w, _ := new(big.Rat).SetString(want[i])
				if c.Value.Rat().Cmp(w) != 0 || c.Rule != tt.rules[i] {
					t.Errorf("cut %d: %s %s, want %s %s", i, c.Rule, c.Value.Rat().RatString(), tt.rules[i], want[i])
				}
			}
			if diff := cmp.Diff(tt.zones, zonesOf(q)); diff != "" {
				t.Errorf("zones (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.fix, q.FixFirst); diff != "" {
				t.Errorf("fix first (-want +got):\n%s", diff)
			}
		})
	}
}

// TestQuadrantFixFirstTies: equal gaps are ordered by the higher
// importance, then by item.
func TestQuadrantFixFirstTies(t *testing.T) {
	tab := csat.NewTable(csat.FivePoint())
	add := func(item string, counts ...uint64) {
		for l, n := range counts {
			if err := tab.AddN(item, csat.SourceSurvey, l, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	// degrees: a, b, c 60%; d, e 100%: mean 76%; a, b, c fall 16 pp short.
	for _, it := range []string{"a", "b", "c"} {
		add(it, 0, 0, 1)
	}
	add("d", 1)
	add("e", 1)
	set := importance.Set{Method: "given", Items: []importance.Item{
		{Item: "b", Value: pts("5"), Rank: 1}, {Item: "a", Value: pts("4"), Rank: 2}, {Item: "c", Value: pts("4"), Rank: 2},
		{Item: "d", Value: pts("1"), Rank: 4}, {Item: "e", Value: pts("1"), Rank: 4},
	}}
	q, err := Quadrant(set, tab, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"b", "a", "c"}, q.FixFirst); diff != "" {
		t.Errorf("fix first (-want +got):\n%s", diff)
	}
	if got := q.Explain("c"); got != "c: importance 4 ≥ cut 3 (high), performance 60% < cut 76% (low): fix (修补区), 16 pp below the performance line; no. 3 to fix" {
		t.Errorf("Explain(c) = %q", got)
	}
	if got := q.Explain("d"); got != "d: importance 1 < cut 3 (low), performance 100% ≥ cut 76% (high): maintain (维持区), 24 pp above the performance line" {
		t.Errorf("Explain(d) = %q", got)
	}
	if got := q.Explain("none"); got != "" {
		t.Errorf("Explain(none) = %q", got)
	}
}

// TestQuadrantErrors: every refusal, with its sentinel and message.
func TestQuadrantErrors(t *testing.T) {
	_, tab, set := exampleStats(t)
	with := func(items ...importance.Item) importance.Set { return importance.Set{Method: "m", Items: items} }
	item := func(name, v string) importance.Item { return importance.Item{Item: name, Value: pts(v)} }
	frac := importance.Item{Item: "价格", Value: mustGiven("", csat.Fraction, dec("0.5"))}
	p := func(s string) *decimal.Decimal { d := dec(s); return &d }
	failing := scorerFunc(func(csat.Tally) (csat.Result, error) { return csat.Result{}, errorf(csat.ErrInvalid, "no score") })
	tests := []struct {
		name string
		set  importance.Set
		tab  *csat.Table
		opts *QuadrantOptions
		want errCheck
	}{
		{"no-table", set, nil, nil, errCheck{csat.ErrEmpty, "csat: quadrant: no table or no items: no data"}},
		{"no-items", with(), tab, nil, errCheck{csat.ErrEmpty, "csat: quadrant: no table or no items: no data"}},
		{"unnamed", with(item("", "1")), tab, nil, errCheck{csat.ErrInvalid, "csat: quadrant: an item without a name: invalid argument"}},
		{"twice", with(item("品质", "1"), item("品质", "2")), tab, nil, errCheck{csat.ErrDuplicate, `csat: quadrant: item "品质" given twice: duplicate`}},
		{"unknown", with(item("颜色", "1")), tab, nil, errCheck{csat.ErrUnknownItem, `csat: quadrant: item "颜色" has no answers by "survey": unknown item`}},
		{"other-source", set, tab, &QuadrantOptions{Source: csat.SourceSelf}, errCheck{csat.ErrUnknownItem, `csat: quadrant: item "品质" has no answers by "self": unknown item`}},
		{"kinds", with(item("品质", "1"), frac), tab, nil, errCheck{csat.ErrKindMismatch, `csat: quadrant: importance of "价格" is fraction but of "品质" points: kind mismatch`}},
		{"given-without", set, tab, &QuadrantOptions{Cut: CutGiven, ImportanceCut: p("1")}, errCheck{csat.ErrInvalid, "csat: quadrant: cut rule given without both cut values: invalid argument"}},
		{"rule", set, tab, &QuadrantOptions{Cut: 9}, errCheck{csat.ErrInvalid, "csat: quadrant: cut rule 9: invalid argument"}},
		{"fraction-cut", set, tab, &QuadrantOptions{PerformanceCut: p("80")}, errCheck{csat.ErrOutOfRange, ""}},
		{"scorer", set, tab, &QuadrantOptions{Performance: failing}, errCheck{csat.ErrInvalid, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Quadrant(tt.set, tt.tab, tt.opts)
			checkErr(t, err, tt.want)
		})
	}
}

// TestQuadrantProperties: on random items (importance 1–5 in tenths,
// answers on the five-point scale), whatever the order of the set:
// the report is the same; each zone is decided by the exact values
// against the cuts, the mean cut being the mean of the values (checked
// against a float computation); each gap is the performance cut − the
// performance; the fix-first list is the 修补区 items in order of gap,
// then importance, then item.
func TestQuadrantProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "items")
		tab := csat.NewTable(csat.FivePoint())
		var items []importance.Item
		for i := range n {
			name := "item" + strconv.Itoa(i)
			for l := range 5 {
				if err := tab.AddN(name, csat.SourceSurvey, l, uint64(rapid.IntRange(0, 3).Draw(t, "count"))); err != nil {
					t.Fatal(err)
				}
			}
			if err := tab.AddN(name, csat.SourceSurvey, rapid.IntRange(0, 4).Draw(t, "level"), 1); err != nil {
				t.Fatal(err)
			}
			v := decimal.New(int64(rapid.IntRange(10, 50).Draw(t, "importance")), -1)
			items = append(items, importance.Item{Item: name, Value: pts(v.String())})
		}
		rule := rapid.SampledFrom([]CutRule{CutMean, CutMedian}).Draw(t, "rule")
		q, err := Quadrant(importance.Set{Method: "m", Items: items}, tab, &QuadrantOptions{Cut: rule})
		if err != nil {
			t.Fatal(err)
		}
		perm := rapid.Permutation(items).Draw(t, "order")
		q2, err := Quadrant(importance.Set{Method: "m", Items: perm}, tab, &QuadrantOptions{Cut: rule})
		if err != nil {
			t.Fatal(err)
		}
		if !sameJSON(q, q2) {
			t.Fatal("the report depends on the order of the set")
		}
		var sumI, sumP float64
		for _, it := range q.Items {
			fi, _ := it.Importance.Rat().Float64()
			fp, _ := it.Performance.Rat().Float64()
			sumI, sumP = sumI+fi, sumP+fp
		}
		ci, _ := q.Importance.Value.Rat().Float64()
		cp, _ := q.Performance.Value.Rat().Float64()
		if rule == CutMean && (abs(ci-sumI/float64(n)) > 1e-12 || abs(cp-sumP/float64(n)) > 1e-12) {
			t.Fatalf("mean cuts %v %v, floats give %v %v", ci, cp, sumI/float64(n), sumP/float64(n))
		}
		checkQuadrantZones(t, q)
		js, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		var back QuadrantReport
		if err := json.Unmarshal(js, &back); err != nil || !sameJSON(back, q) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// checkQuadrantZones checks that each item of q is in the zone its
// exact values give against the cuts, that its gap is the performance
// cut − its performance, that the items come most important first, and
// that the fix-first list is the 修补区 items in order of gap, then
// importance, then item.
func checkQuadrantZones(t *rapid.T, q QuadrantReport) {
	var fix []QuadrantItem
	for i, it := range q.Items {
		high, good := it.Importance.Cmp(q.Importance.Value) >= 0, it.Performance.Cmp(q.Performance.Value) >= 0
		want := map[[2]bool]Zone{{true, false}: ZoneFix, {true, true}: ZoneStrength, {false, false}: ZoneOpportunity, {false, true}: ZoneMaintain}[[2]bool{high, good}]
		if it.Zone != want {
			t.Fatalf("%s in %s, want %s", it.Item, it.Zone, want)
		}
		if new(big.Rat).Add(it.Gap.Rat(), it.Performance.Rat()).Cmp(q.Performance.Value.Rat()) != 0 {
			t.Fatalf("%s: gap %s is not cut − performance", it.Item, it.Gap.Rat())
		}
		if i > 0 && q.Items[i-1].Importance.Cmp(it.Importance) < 0 {
			t.Fatal("items not most important first")
		}
		if it.Zone == ZoneFix {
			fix = append(fix, it)
		}
	}
	slices.SortFunc(fix, func(a, b QuadrantItem) int {
		if c := b.Gap.Cmp(a.Gap); c != 0 {
			return c
		}
		if c := b.Importance.Cmp(a.Importance); c != 0 {
			return c
		}
		if a.Item < b.Item {
			return -1
		}
		return 1
	})
	if len(fix) != len(q.FixFirst) {
		t.Fatalf("fix first %v, %d items in 修补区", q.FixFirst, len(fix))
	}
	for i, it := range fix {
		if q.FixFirst[i] != it.Item {
			t.Fatalf("fix first %v, want %s at %d", q.FixFirst, it.Item, i)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestZoneText: the enums of the quadrant marshal by name and refuse
// anything else.
func TestZoneText(t *testing.T) {
	for z := ZoneFix; z <= ZoneMaintain; z++ {
		b, err := z.MarshalText()
		var back Zone
		if err != nil || back.UnmarshalText(b) != nil || back != z {
			t.Errorf("zone %d: %s %v", z, b, err)
		}
	}
	for c := CutMean; c <= CutGiven; c++ {
		b, err := c.MarshalText()
		var back CutRule
		if err != nil || back.UnmarshalText(b) != nil || back != c {
			t.Errorf("cut %d: %s %v", c, b, err)
		}
	}
	var z Zone
	checkErr(t, z.UnmarshalText([]byte("修补区")), errCheck{csat.ErrInvalid, `csat: unknown zone "修补区" (want fix, strength, opportunity, maintain): invalid argument`})
	if _, err := Zone(0).MarshalText(); err == nil {
		t.Error("the zero zone marshals")
	}
	if Zone(9).String() != "Zone(9)" || CutRule(0).String() != "CutRule(0)" {
		t.Error("String of a value without a name")
	}
}
