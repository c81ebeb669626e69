package csi

import (
	"errors"
	"strconv"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/shopspring/decimal"
)

// tenPoint is the 1–10 scale of the ECSI data.
func tenPoint(t testing.TB) *csat.Scale {
	t.Helper()
	s, err := NumericScale(1, 10)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestNumericScale: levels 10 … 1 worth their number, satisfied from 6
// up; bad ranges refused.
func TestNumericScale(t *testing.T) {
	s := tenPoint(t)
	if s.Len() != 10 || s.Name() != "1-10" || !s.FullMarks().Equal(decimal.NewFromInt(10)) {
		t.Fatalf("scale %s: %d levels, full marks %s", s.Name(), s.Len(), s.FullMarks())
	}
	for i, l := range s.Levels() {
		p := 10 - i
		if l.Key != strconv.Itoa(p) || !l.Points.Equal(decimal.NewFromInt(int64(p))) || l.Satisfied != (p >= 6) {
			t.Errorf("level %d: %+v", i, l)
		}
	}
	if z, err := NumericScale(0, 10); err != nil || z.Len() != 11 {
		t.Errorf("0–10: %v", err)
	}
	for _, r := range [][2]int{{-1, 5}, {5, 5}, {10, 1}, {0, 200}} {
		if _, err := NumericScale(r[0], r[1]); !errors.Is(err, csat.ErrInvalidScale) {
			t.Errorf("%v: %v", r, err)
		}
	}
}

// mobiForms reads testdata/mobi.csv as forms; a NaN cell is a blank.
func mobiForms(t testing.TB) []form.Form {
	t.Helper()
	names, rows := refReadCSV(t, "testdata/mobi.csv")
	return rowsForms(names, rows)
}

func rowsForms(names []string, rows [][]float64) []form.Form {
	out := make([]form.Form, len(rows))
	for r, row := range rows {
		f := form.Form{ID: "F" + strconv.Itoa(r+1), Answers: map[string]string{}}
		for c, v := range row {
			if v != v {
				f.Answers[names[c]] = ""
				continue
			}
			f.Answers[names[c]] = strconv.Itoa(int(v))
		}
		out[r] = f
	}
	return out
}

func statsOf(t testing.TB, s *csat.Scale, forms []form.Form) *form.Stats {
	t.Helper()
	st, err := form.New(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range forms {
		if err := st.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// TestECSIPublished checks the path coefficients and the outer weights of
// CUEX1–3 against SmartPLS's published estimates on the mobi data (issue
// 24), to 1e-5; R² of Satisfaction against the same model in R (base R,
// the covariance iteration written out in docs/plan-issue24.md's session).
func TestECSIPublished(t *testing.T) {
	st := statsOf(t, tenPoint(t), mobiForms(t))
	e, err := Estimate(ECSI(), st, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		from, to string
		v        string
	}{
		{"Image", "Expectation", "0.504914"}, {"Image", "Satisfaction", "0.178740"}, {"Image", "Loyalty", "0.195755"},
		{"Expectation", "Quality", "0.556749"}, {"Expectation", "Value", "0.049988"}, {"Expectation", "Satisfaction", "0.062523"},
		{"Quality", "Value", "0.558304"}, {"Quality", "Satisfaction", "0.512024"}, {"Value", "Satisfaction", "0.194765"},
		{"Satisfaction", "Complaints", "0.528066"}, {"Satisfaction", "Loyalty", "0.485478"}, {"Complaints", "Loyalty", "0.066926"},
	}
	tol := decimal.New(1, -5)
	for _, w := range want {
		got, ok := e.Path(w.from, w.to)
		if !ok || got.Sub(decimal.RequireFromString(w.v)).Abs().GreaterThan(tol) {
			t.Errorf("%s → %s = %s, want %s", w.from, w.to, got, w.v)
		}
	}
	for i, v := range []string{"0.521181", "0.473680", "0.445634"} {
		ind, _ := e.Indicator("CUEX" + strconv.Itoa(i+1))
		if ind.Weight.Sub(decimal.RequireFromString(v)).Abs().GreaterThan(tol) {
			t.Errorf("weight of %s = %s, want %s", ind.Name, ind.Weight, v)
		}
	}
	sat, _ := e.Construct("Satisfaction")
	if sat.R2.Sub(decimal.RequireFromString("0.681078")).Abs().GreaterThan(tol) {
		t.Errorf("R² of Satisfaction = %s, want 0.681078", sat.R2)
	}
	t.Logf("%d iterations; indices:", e.Iterations)
	for _, c := range e.Constructs {
		t.Logf("  %s %s R2 %s α %s ρc %s AVE %s", c.Name, c.Index, c.R2, c.Alpha, c.RhoC, c.AVE)
	}
}

// TestECSIZones: the loyalty map of mobi cut at its means, computed by
// hand from the six points (importance, performance) printed in
// docs/method.md: importance mean (0.6432 + 0.3413 + 0.5052 + 0.1092 +
// 0.7897 + 0.0579)/6 = 0.4078, performance mean (73.53 + 72.47 + 74.98 +
// 62.35 + 72.45 + 67.42)/6 = 70.53: Image, Quality and Satisfaction are
// strengths, Expectation maintained (low importance, high performance),
// Value and Complaints opportunities.
func TestECSIZones(t *testing.T) {
	e, err := Estimate(ECSI(), statsOf(t, tenPoint(t), mobiForms(t)), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Image": "strength", "Expectation": "maintain", "Quality": "strength", "Value": "opportunity", "Satisfaction": "strength", "Complaints": "opportunity"}
	if len(e.IPMA.Points) != len(want) {
		t.Fatalf("%d points", len(e.IPMA.Points))
	}
	for _, p := range e.IPMA.Points {
		if p.Zone != want[p.Construct] {
			t.Errorf("%s in %q, want %q", p.Construct, p.Zone, want[p.Construct])
		}
	}
	if e.IPMA.MeanImportance.StringFixed(4) != "0.4078" || e.IPMA.MeanPerformance.StringFixed(2) != "70.53" {
		t.Errorf("means %s, %s", e.IPMA.MeanImportance, e.IPMA.MeanPerformance)
	}
}

// TestSeminrRecorded compares the package's reliability, cross-loadings
// and HTMT directly with seminr's recorded output for its four-construct
// mobi model (testdata/README.md), to 1e-6.
func TestSeminrRecorded(t *testing.T) {
	e, err := Estimate(modelOf(t, refSeminr4()), statsOf(t, tenPoint(t), mobiForms(t)), nil)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-6
	rn, cn, v := refReadTable(t, "testdata/seminr-reliability.csv")
	for r, name := range rn {
		c, ok := e.Construct(name)
		if !ok {
			t.Fatalf("no construct %s", name)
		}
		for k, col := range cn {
			switch col {
			case "alpha":
				near(t, name+" α", c.Alpha, v[r][k], tol)
			case "rhoC":
				near(t, name+" ρc", c.RhoC, v[r][k], tol)
			case "AVE":
				near(t, name+" AVE", c.AVE, v[r][k], tol)
			}
		}
	}
	rn, cn, v = refReadTable(t, "testdata/seminr-cross_loadings.csv")
	for r, ind := range rn {
		ie, ok := e.Indicator(ind)
		if !ok {
			t.Fatalf("no indicator %s", ind)
		}
		for k, con := range cn {
			for j, c := range e.Constructs {
				if c.Name == con {
					near(t, "cross-loading "+ind+"/"+con, ie.Cross[j], v[r][k], tol)
				}
			}
		}
	}
	rn, cn, v = refReadTable(t, "testdata/seminr-htmt.csv")
	n := 0
	for _, h := range e.HTMT {
		for r := range rn {
			for k := range cn {
				if (rn[r] == h.A && cn[k] == h.B) || (rn[r] == h.B && cn[k] == h.A) {
					if v[r][k] == v[r][k] { // the fixture's upper triangle; NaN below
						near(t, "HTMT "+h.A+"/"+h.B, h.Value, v[r][k], tol)
						n++
					}
				}
			}
		}
	}
	if n != 6 {
		t.Errorf("%d HTMT pairs compared, want 6", n)
	}
}

// TestManyBlanks: 250 forms, 5 % is 12.5 blanks: 13 are too many, 12 not.
func TestManyBlanks(t *testing.T) {
	forms := mobiForms(t)
	for i := range 13 {
		forms[i*7].Answers["CUEX2"] = ""
	}
	for i := range 12 {
		forms[i*11].Answers["PERQ3"] = ""
	}
	e, err := Estimate(ECSI(), statsOf(t, tenPoint(t), forms), nil)
	if err != nil {
		t.Fatal(err)
	}
	mb := e.ManyBlanks()
	if len(mb) != 1 || mb[0].Name != "CUEX2" || mb[0].Missing != 13 {
		t.Errorf("ManyBlanks = %+v, want CUEX2 with 13", mb)
	}
	if q, _ := e.Indicator("PERQ3"); q.Missing != 12 {
		t.Errorf("PERQ3 blank on %d forms, want 12", q.Missing)
	}
}

// TestEnumsText: the scheme and the missing-value treatment marshal to
// their names and back; an unknown name is an error.
func TestEnumsText(t *testing.T) {
	for _, s := range []Scheme{PathWeighting, Centroid, Factorial} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Scheme
		if err := back.UnmarshalText(b); err != nil || back != s || string(b) != s.String() {
			t.Errorf("%v → %q → %v, %v", s, b, back, err)
		}
	}
	for _, m := range []Missing{MeanReplacement, Casewise} {
		b, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Missing
		if err := back.UnmarshalText(b); err != nil || back != m || string(b) != m.String() {
			t.Errorf("%v → %q → %v, %v", m, b, back, err)
		}
	}
	if b, _ := Centroid.MarshalText(); string(b) != "centroid" {
		t.Errorf("Centroid marshals to %q", b)
	}
	if b, _ := Casewise.MarshalText(); string(b) != "casewise deletion" {
		t.Errorf("Casewise marshals to %q", b)
	}
	var s Scheme
	if err := s.UnmarshalText([]byte("mode_b")); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("unknown scheme: %v", err)
	}
	if _, err := Scheme(7).MarshalText(); !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("Scheme(7): %v", err)
	}
}
