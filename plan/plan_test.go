package plan

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/csatkit/csat"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestCochran: n₀ = 1.96² × 0.5 × 0.5 / 0.05² = 3.8416 × 0.25 / 0.0025 =
// 384.16; n = 384.16 / (1 + 383.16/2000) = 384.16 / 1.19158 = 322.3954… →
// 323 (rounded up). With the exact z 1.959963984540054…: n₀ =
// 384.14588206…, n = 322.386… → 323.
func TestCochran(t *testing.T) {
	ss, err := Cochran(&SampleSizeOptions{Population: 2000})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{ss.Z.String(), ss.N0.Value().String(), ss.Corrected.Round(3).String(), fmt.Sprint(ss.N), ss.N0.Explain()}
	want := []string{"1.96", "384.16", "322.395", "323", "n₀ = 1.96² × 0.5 × (1 − 0.5) / 0.05² = 384.16"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Cochran mismatch (-want +got):\n%s", diff)
	}
	ex, _ := Cochran(&SampleSizeOptions{Population: 2000, ExactZ: true})
	if ex.N0.Round(4).String() != "384.1459" || ex.N != 323 {
		t.Errorf("exact z: n₀ %s n %d", ex.N0.Value(), ex.N)
	}
	inf, _ := Cochran(nil)
	small, _ := Cochran(&SampleSizeOptions{Population: 50})
	if inf.N != 385 || small.N > 50 {
		t.Errorf("no population: %d (want 385); N 50: %d", inf.N, small.N)
	}
	for _, o := range []SampleSizeOptions{{P: dec("1")}, {Margin: dec("-0.1")}, {Level: dec("2")}, {Population: -1}} {
		if _, err := Cochran(&o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

func TestAllocate(t *testing.T) {
	strata := []Stratum{{"large", 1000, dec("0.1")}, {"medium", 600, dec("0.2")}, {"small", 400, dec("0.3")}}
	// Proportional: 161.5, 96.9, 64.6 → floors 161, 96, 64 (321), the two
	// largest remainders (.9 medium, .6 small) get one more.
	p, err := Allocate(strata, 323, Proportional)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"large": 161, "medium": 97, "small": 65}, p); diff != "" {
		t.Errorf("proportional (-want +got):\n%s", diff)
	}
	// Neyman: weights 100, 120, 120 of 340 → 95, 114, 114.
	n, err := Allocate(strata, 323, Neyman)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"large": 95, "medium": 114, "small": 114}, n); diff != "" {
		t.Errorf("Neyman (-want +got):\n%s", diff)
	}
	// Neyman would give the tiny, spread-out stratum more than it has.
	c, _ := Allocate([]Stratum{{"a", 1000, dec("0.1")}, {"b", 5, dec("5")}}, 100, Neyman)
	if c["b"] != 5 || c["a"] != 95 {
		t.Errorf("capped Neyman %v", c)
	}
	_, err = Allocate(strata, 2001, Proportional)
	checkErr(t, err, errCheck{Is: csat.ErrOutOfRange})
	_, err = Allocate(append(strata, strata[0]), 10, Proportional)
	checkErr(t, err, errCheck{Is: csat.ErrInvalid})
}

func TestAllocateProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(1, 8).Draw(t, "strata")
		var strata []Stratum
		total := 0
		for i := range k {
			pop := rapid.IntRange(0, 500).Draw(t, "pop")
			strata = append(strata, Stratum{Name: fmt.Sprint("s", i), Population: pop, StdDev: decimal.New(int64(rapid.IntRange(0, 100).Draw(t, "sd")), -2)})
			total += pop
		}
		n := rapid.IntRange(0, total).Draw(t, "n")
		for _, m := range []Allocation{Proportional, Neyman} {
			a, err := Allocate(strata, n, m)
			if err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, s := range strata {
				if a[s.Name] < 0 || a[s.Name] > s.Population {
					t.Fatalf("method %d: stratum %s gets %d of %d", m, s.Name, a[s.Name], s.Population)
				}
				sum += a[s.Name]
			}
			if sum != n {
				t.Fatalf("method %d: allocation sums to %d, not %d", m, sum, n)
			}
		}
	})
}

func TestDraw(t *testing.T) {
	var ids []string
	for i := range 50 {
		ids = append(ids, fmt.Sprintf("C%03d", i))
	}
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 50).Draw(rt, "n")
		seed := rapid.Uint64().Draw(rt, "seed")
		a, err := Draw(ids, n, seed)
		if err != nil {
			rt.Fatal(err)
		}
		b, _ := Draw(rapid.Permutation(ids).Draw(rt, "perm"), n, seed)
		slices.Sort(b)
		if len(a) != n || !slices.Equal(a, b) {
			rt.Fatalf("draw not reproducible: %v vs %v", a, b)
		}
		if len(slices.Compact(slices.Clone(a))) != n {
			rt.Fatal("repeats in the draw")
		}
	})
	a, _ := Draw(ids, 5, 1)
	b, _ := Draw(ids, 5, 2)
	if slices.Equal(a, b) {
		t.Error("different seeds gave the same draw (possible but unlikely; check the hashing)")
	}
	_, err := Draw(ids, 51, 1)
	checkErr(t, err, errCheck{Is: csat.ErrOutOfRange})
	_, err = Draw([]string{"a", "a"}, 1, 1)
	checkErr(t, err, errCheck{Is: csat.ErrInvalid})
}

func TestPlanCheck(t *testing.T) {
	p := Plan{Period: "2026H2", Dimension: "region", Strata: []Stratum{{Name: "east", Population: 800}, {Name: "west", Population: 400}},
		KeyCustomers: []string{"K1", "K2"}, Respondents: []string{"K1", "A", "B"}, Method: Telephone,
		PlannedForms: 90, PlannedCompetitorForms: 8}
	err := p.Check(nil)
	for _, want := range []error{ErrTooFewForms, ErrTooFewCompetitorForms, ErrKeyCustomerMissing} {
		if !errors.Is(err, want) {
			t.Errorf("violation %v not reported in %v", want, err)
		}
	}
	var msgs []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		`csat: plan "2026H2": 90 forms planned, at least 100 needed: too few survey forms planned`,
		`csat: plan "2026H2": 8 competitor forms planned, at least 10 needed: too few competitor forms planned`,
		`csat: plan "2026H2": key customer "K2" is not a respondent: key customer not surveyed`,
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	p.PlannedForms, p.PlannedCompetitorForms, p.Respondents = 120, 12, append(p.Respondents, "K2")
	if err := p.Check(nil); err != nil {
		t.Errorf("valid plan: %v", err)
	}
	p.Method = 0
	checkErr(t, p.Check(&Rules{MinForms: 50}), errCheck{Is: csat.ErrInvalid})
}

// Huge stratum populations used to wrap to a negative total ("10 forms
// from a population of -2"); their sum is ErrOverflow now.
func TestAllocateOverflow(t *testing.T) {
	_, err := Allocate([]Stratum{{Name: "a", Population: math.MaxInt}, {Name: "b", Population: math.MaxInt}}, 10, Proportional)
	checkErr(t, err, errCheck{Is: csat.ErrOverflow})
}
