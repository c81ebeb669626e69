package csi

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fixed is a generator that returns given values in turn.
type fixed struct {
	v    []uint64
	used int
}

func (f *fixed) Uint64() uint64 { f.used++; return f.v[f.used-1] }

// TestDrawRejects: Lemire's bounded draw rejects x whose low product falls
// below 2⁶⁴ mod n, and takes the next. For n = 3, 2⁶⁴ mod 3 = 1 (2² ≡ 1),
// so x = 0 (x·3 = 0: high 0, low 0 < 1) is rejected; x = 2⁶³ (x·3 =
// 2⁶⁴ + 2⁶³: high 1, low 2⁶³) is taken: 1, after two values. x = 2⁶⁴ − 1
// gives high ⌊(2⁶⁴ − 1)·3 / 2⁶⁴⌋ = 2.
func TestDrawRejects(t *testing.T) {
	g := &fixed{v: []uint64{0, 1 << 63}}
	if got := draw(g, 3); got != 1 || g.used != 2 {
		t.Errorf("draw = %d after %d values, want 1 after 2", got, g.used)
	}
	g = &fixed{v: []uint64{1<<64 - 1}}
	if got := draw(g, 3); got != 2 || g.used != 1 {
		t.Errorf("draw = %d after %d values, want 2 after 1", got, g.used)
	}
}

// TestBootstrapExplain: the bootstrap's explanation gives the resamples,
// the seed, the redraws and each interval, in either language.
func TestBootstrapExplain(t *testing.T) {
	d, err := NewData(ECSI(), tenPoint(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range mobiForms(t) {
		if err := d.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	b, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: 20, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	en, zh := b.Explain(), b.ExplainIn("zh")
	iv := b.PathIntervals[0]
	line := "  Image → Expectation " + iv.Estimate.StringFixed(4) + " [" + iv.Lower.StringFixed(4) + ", " + iv.Upper.StringFixed(4) + "] SE " + iv.SE.StringFixed(4)
	for _, want := range []string{"Bootstrap: 20 resamples (seed 3, 0 redrawn), 95% percentile intervals:", line, "Expectation = 0.5049 × Image"} {
		if !strings.Contains(en, want) {
			t.Errorf("explanation lacks %q:\n%s", want, en)
		}
	}
	if !strings.Contains(zh, "自助法：20 次重抽样（种子 3，重抽 0 次），95% 百分位区间：") || !strings.Contains(zh, line) {
		t.Errorf("Chinese explanation:\n%s", zh)
	}
	if len(b.IndexIntervals) != 7 || !strings.Contains(en, "  Satisfaction "+b.IndexIntervals[4].Estimate.StringFixed(4)) {
		t.Errorf("index intervals missing:\n%s", en)
	}
}

// TestEstimatesJSON: estimates and bootstrapped estimates encode in
// snake_case and decode to the same values.
func TestEstimatesJSON(t *testing.T) {
	d, err := NewData(ECSI(), tenPoint(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range mobiForms(t) {
		if err := d.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	b, err := Bootstrap(context.Background(), d, nil, &BootOptions{Resamples: 5, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"scheme":"path"`, `"missing":"mean replacement"`, `"path_intervals":[`, `"htmt_limit":"0.85"`, `"index_weight":`, `"rho_c":`, `"ipma":{"target":"Loyalty"`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	var back Bootstrapped
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b, &back, cmp.AllowUnexported(Model{})); diff != "" {
		t.Errorf("round trip:\n%s", diff)
	}
}
