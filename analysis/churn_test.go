package analysis

import (
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// exampleCustomers returns the worked example's customers as the churn
// figures read them: each one's answers pooled (its one form), its
// complaints and status.
func exampleCustomers(t testing.TB) []ChurnCustomer {
	t.Helper()
	var out []ChurnCustomer
	for i, row := range examplePoints {
		tl := csat.NewTally(csat.FivePoint())
		for _, p := range row {
			if err := tl.Add(5 - p/2); err != nil {
				t.Fatal(err)
			}
		}
		d, err := csat.Degree{}.Score(tl)
		if err != nil {
			t.Fatal(err)
		}
		st := csat.Active
		switch {
		case i == 6:
			st = csat.AtRisk
		case i > 6:
			st = csat.Lost
		}
		out = append(out, ChurnCustomer{Customer: "C" + twoDigits(i+1), Answers: 6, Counts: tl.Counts(), Degree: d,
			Complaints: uint64(exampleComplaints[i]), Status: st})
	}
	return out
}

// TestChurnWorkedExample: the churn figures of the worked example
// against an independent computation (python3, mpmath at 50 digits,
// matching scipy.stats.spearmanr and scipy.stats.ttest_ind(equal_var=
// False) to their float precision; the script is /tmp/ana/ref_mp.py of
// the session that wrote this test, its output below):
//
//	ranks of the degrees and complaints, average ranks for ties:
//	  rho2 12100/18961
//	  rho -0.7988441626517226566381404  (scipy: -0.7988441626517226)
//	  t -4.199513439935211448849341      (ρ√((n−2)/(1−ρ²)), n = 12)
//	  p 0.001830108869660701491414278    (scipy: 0.0018301088696607022)
//	per-customer degrees, active (6) against lost (5):
//	  means 53/60 52/75 diff 19/100
//	  welch t 7.879264086687963058614341 df 24649/3206 = 7.688396756082345601996257
//	  p 0.00006063834084501239961814915 (scipy: 6.063834084501196e-05)
//	  se 0.02411392712690078362967742
func TestChurnWorkedExample(t *testing.T) {
	ms := MinSample{Small: 30, Suppress: 5}
	c, err := churnFigures(csat.SourceSurvey, exampleCustomers(t), decimal.RequireFromString("0.05"), ms)
	if err != nil {
		t.Fatal(err)
	}
	rc := c.Spearman
	if rc == nil {
		t.Fatal("no rank correlation")
	}
	check := func(name, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	check("ρ²", rc.RhoSquared.Rat().RatString(), "12100/18961")
	check("ρ", rc.Rho.Value().String(), "-0.79884416265172265664")
	check("ρ exact", strconv.FormatBool(rc.Rho.Exact()), "false")
	check("t", rc.T.String(), "-4.19951343993521144885")
	check("df", strconv.FormatUint(rc.DF, 10), "10")
	check("p", rc.PValue.String(), "0.00183010886966070149")
	check("significant", strconv.FormatBool(rc.Significant), "true")
	means := []string{"53/60", "23/30", "52/75"}
	counts := []uint64{6, 1, 5}
	flags := []SampleFlag{SampleSmall, SampleSuppressed, SampleSmall}
	for i, sf := range c.Statuses {
		if sf.Status != churnStatuses[i] || sf.Customers != counts[i] || sf.Mean.Rat().RatString() != means[i] || sf.Sample != flags[i] {
			t.Errorf("status %d: %s %d %s %s", i, sf.Status, sf.Customers, sf.Mean.Rat().RatString(), sf.Sample)
		}
	}
	w := c.Test
	if w == nil {
		t.Fatal("no Welch test")
	}
	check("difference", w.Difference.Rat().RatString(), "19/100")
	check("welch t", w.Statistic.String(), "7.87926408668796305861")
	check("welch df", w.DF.String(), "7.688396756082345602")
	check("welch p", w.PValue.String(), "0.0000606383408450124")
	check("welch se", w.SE.String(), "0.02411392712690078363")
	check("summary", c.Summary(), "customers we lost rated us ≈69.33% (5 customers), those we kept ≈88.33% (6 customers); "+
		"Welch's t-test: ≈88.33% vs ≈69.33%, t = 7.879, df = 7.69, p = 0.0001, significant at α = 0.05; "+
		"Spearman ρ of degree and complaints -0.7988 over 12 customers, p = 0.0018")
}

// TestChurnSmallSamples: a status under the suppression limit is shown
// but not tested; fewer customers than the limit, or a single degree or
// complaint count, give no rank correlation.
func TestChurnSmallSamples(t *testing.T) {
	cs := exampleCustomers(t)
	ms := MinSample{Small: 30, Suppress: 6}
	c, err := churnFigures(csat.SourceSurvey, cs, decimal.RequireFromString("0.05"), ms)
	if err != nil {
		t.Fatal(err)
	}
	if c.Test != nil || c.Statuses[2].Sample != SampleSuppressed || c.Statuses[2].Mean == nil {
		t.Errorf("lost (5 of at least 6): test %v, flag %s", c.Test, c.Statuses[2].Sample)
	}
	if c.Spearman == nil {
		t.Error("12 customers and a limit of 6: no rank correlation")
	}
	c, err = churnFigures(csat.SourceSurvey, cs[:4], decimal.RequireFromString("0.05"), MinSample{Small: 30, Suppress: 5})
	if err != nil || c.Spearman != nil || c.Statuses[2].Mean != nil || c.Statuses[2].Customers != 0 {
		t.Errorf("4 customers: %v %+v", err, c)
	}
	same := exampleCustomers(t)
	for i := range same {
		same[i].Complaints = 1
	}
	if c, err = churnFigures(csat.SourceSurvey, same, decimal.RequireFromString("0.05"), MinSample{Small: 30, Suppress: 5}); err != nil || c.Spearman != nil {
		t.Errorf("one complaint count: %v %v", err, c.Spearman)
	}
	twice := append(exampleCustomers(t), exampleCustomers(t)[0])
	_, err = churnFigures(csat.SourceSurvey, twice, decimal.RequireFromString("0.05"), ms)
	checkErr(t, err, errCheck{csat.ErrDuplicate, `csat: churn: customer "C01" given twice: duplicate`})
}

// TestSpearmanProperties: on random customers, ρ² is exactly the square
// of the Pearson correlation of the average ranks (checked against a
// float computation to 1e-12), ρ has the sign of their covariance, a
// perfect monotone relation gives ρ = ±1 exactly with p = 0, and the
// p-value is in [0, 1].
func TestSpearmanProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(3, 15).Draw(t, "n")
		cs := make([]ChurnCustomer, n)
		xs, ys := make([]float64, n), make([]float64, n)
		for i := range cs {
			k := rapid.IntRange(0, 10).Draw(t, "points")
			d, _ := csat.FromRat("degree", csat.Fraction, big.NewRat(int64(k), 10))
			y := rapid.IntRange(0, 4).Draw(t, "complaints")
			cs[i] = ChurnCustomer{Customer: "c" + strconv.Itoa(i), Degree: d, Complaints: uint64(y)}
			xs[i], ys[i] = float64(k), float64(y)
		}
		rc, err := spearman(cs, decimal.RequireFromString("0.05"), 3)
		if err != nil {
			t.Fatal(err)
		}
		rx, ry := floatRanks(xs), floatRanks(ys)
		r, ok := pearson(rx, ry)
		if !ok {
			if rc != nil {
				t.Fatalf("constant ranks, but ρ = %s", rc.Rho)
			}
			return
		}
		got, _ := rc.RhoSquared.Rat().Float64()
		if math.Abs(got-r*r) > 1e-12 {
			t.Fatalf("ρ² %v, floats give %v", got, r*r)
		}
		rho, _ := rc.Rho.Value().Float64()
		if math.Abs(rho-r) > 1e-12 {
			t.Fatalf("ρ %v, floats give %v", rho, r)
		}
		if rc.PValue.IsNegative() || rc.PValue.GreaterThan(one) {
			t.Fatalf("p = %s", rc.PValue)
		}
		if math.Abs(math.Abs(r)-1) < 1e-15 && (!rc.Rho.Exact() || !rc.PValue.IsZero()) {
			t.Fatalf("perfect correlation: ρ %s exact %t, p %s", rc.Rho, rc.Rho.Exact(), rc.PValue)
		}
	})
}

func floatRanks(v []float64) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		less, eq := 0, 0
		for j := range v {
			switch {
			case v[j] < v[i]:
				less++
			case v[j] == v[i]:
				eq++
			}
		}
		out[i] = float64(less) + float64(eq+1)/2
	}
	return out
}

func pearson(x, y []float64) (float64, bool) {
	var mx, my float64
	for i := range x {
		mx, my = mx+x[i], my+y[i]
	}
	mx, my = mx/float64(len(x)), my/float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}
