package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/sheet"
	"github.com/csatkit/csat/plan"
	"github.com/shopspring/decimal"
)

// The sample data directory of the repository (testdata/sample). Its
// figures, computed by hand from answers.csv (and checked with a short
// Python script when the file was written):
//
//	2026H1 survey     10 5 6 3 1 → degree (100+40+36+12+2)/250 = 190/250 = 76%, rate 21/25 = 84%
//	2026H1 self       20 20 5 5 0 → degree (200+160+30+20)/500 = 410/500 = 82%, rate 45/50 = 90%
//	blend             0.4×82% + 0.6×76% = 78.4%;  0.4×90% + 0.6×84% = 86.4%
//	2026H1 competitor 14 21 14 7 4 → degree 428/600, rate 49/60
//	2025H2 survey     7 7 5 5 1 → degree 178/250 = 71.2%, rate 19/25 = 76%
const sample = "../../testdata/sample"

// runCLI runs the command line and returns its exit code and outputs.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(&env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestScoreSample(t *testing.T) {
	code, out, errs := runCLI(t, "score", "-lang", "en", sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"period 2026H1",
		"overall (40% self-assessment + 60% survey): degree 78.4%, rate 86.4%",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The survey's all-items row: 25 answers, 76%, 84%.
	if !containsRow(out, "survey", "all items", "25", "76%", "84%") {
		t.Errorf("no survey overall row 25 76%% 84%%:\n%s", out)
	}
	if !containsRow(out, "self-assessment", "all items", "50", "82%", "90%") {
		t.Errorf("no self row 50 82%% 90%%:\n%s", out)
	}
	// Nothing dropped unseen: the summary of rows read goes to stderr.
	if !strings.Contains(errs, "answers.csv: 97 rows, 97 accepted, 0 rejected") {
		t.Errorf("no summary of rows on stderr: %q", errs)
	}
}

// containsRow reports whether a line of out holds the fields in order.
func containsRow(out string, fields ...string) bool {
	fields = strings.Fields(strings.Join(fields, " "))
	for _, line := range strings.Split(out, "\n") {
		got := strings.Fields(line)
		i := 0
		for _, g := range got {
			if i < len(fields) && g == fields[i] {
				i++
			}
		}
		if i == len(fields) {
			return true
		}
	}
	return false
}

func TestScoreJSON(t *testing.T) {
	code, out, errs := runCLI(t, "score", "-json", sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep analysis.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report JSON: %v", err)
	}
	frac := func(num, den int64) decimal.Decimal {
		return decimal.NewFromInt(num).DivRound(decimal.NewFromInt(den), 20)
	}
	if rep.Period != "2026H1" || len(rep.Overall) != 2 {
		t.Fatalf("period %q, %d overall figures", rep.Period, len(rep.Overall))
	}
	for i, want := range []decimal.Decimal{frac(784, 1000), frac(864, 1000)} {
		if !rep.Overall[i].Value().Equal(want) {
			t.Errorf("overall %d = %s, want %s", i, rep.Overall[i].Value(), want)
		}
	}
	for _, sf := range rep.Sources {
		if sf.Source != csat.SourceSurvey {
			continue
		}
		if d, r := sf.Overall.Figures[0].Score, sf.Overall.Figures[1].Score; d.Cmp(mustGiven(t, "0.76")) != 0 || r.Cmp(mustGiven(t, "0.84")) != 0 {
			t.Errorf("survey %s %s, want 76%% 84%%", d, r)
		}
	}
	if rep.Trend == nil || len(rep.Trend.Points) != 2 || rep.Trend.Points[0].Degree.Cmp(mustGiven(t, "0.712")) != 0 {
		t.Errorf("trend over 2025H2 (71.2%%) and 2026H1: %+v", rep.Trend)
	}
	// -period picks an earlier period: 2025H2 with no history.
	code, out, errs = runCLI(t, "score", "-json", "-period", "2025H2", "-lang", "en", sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rep = analysis.Report{}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Period != "2025H2" || rep.Trend != nil {
		t.Errorf("period 2025H2: %v %q trend %v", err, rep.Period, rep.Trend)
	}
	// The sample's complaints all came in 2026: none is in 2025H2, and
	// the command says so rather than dropping them unseen.
	if rep.Complaints != nil || !strings.Contains(errs, "4 of 4 complaints were received outside period 2025H2 (2025-07-01 to 2026-01-01)") {
		t.Errorf("complaints of 2025H2: %v; stderr %q", rep.Complaints, errs)
	}
}

func mustGiven(t *testing.T, s string) csat.Result {
	t.Helper()
	r, err := csat.Given("", csat.Fraction, decimal.RequireFromString(s))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestExplain(t *testing.T) {
	code, out, errs := runCLI(t, "explain", sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"(10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%",
		"(10 + 5 + 6) / 25 = 21/25 = 84%",
		"0.4×82% + 0.6×76% = 78.4%",
		"0.4×90% + 0.6×84% = 86.4%",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q", want)
		}
	}
}

func TestTarget(t *testing.T) {
	// METHOD.md §10: 82 85 78 88 90 80 → mean 503/6; above it 85 88 90
	// (263/3); target (503/6 + 263/3)/2 = 1029/12 = 85.75.
	code, out, errs := runCLI(t, "target", "-json", "82", "85", "78", "88", "90", "80")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r analysis.TargetResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Target.Value().Equal(decimal.RequireFromString("85.75")) {
		t.Errorf("target %s, want 85.75", r.Target.Value())
	}
	if code, _, _ := runCLI(t, "target", "80%", "85"); code != exitUsage {
		t.Errorf("mixed percentages and scores: exit %d, want %d", code, exitUsage)
	}
}

func TestPlan(t *testing.T) {
	// Cochran: n₀ = 1.96²·0.25/0.05² = 384.16; with N = 500,
	// 384.16 / (1 + 383.16/500) = 384.16/1.76632 ≈ 217.49 → 218.
	code, out, errs := runCLI(t, "plan", "-json", "-population", "500")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var p struct {
		SampleSize plan.SampleSize `json:"sample_size"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	if !p.SampleSize.N0.Value().Equal(decimal.RequireFromString("384.16")) || p.SampleSize.N != 218 {
		t.Errorf("n0 %s n %d, want 384.16 and 218", p.SampleSize.N0.Value(), p.SampleSize.N)
	}
	// A seeded draw is reproducible and draws n distinct ids.
	dir := t.TempDir()
	ids := filepath.Join(dir, "ids.txt")
	var b strings.Builder
	for i := range 40 {
		b.WriteString("C" + string(rune('A'+i%26)) + string(rune('a'+i/26)) + "\n")
	}
	if err := os.WriteFile(ids, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	_, a, _ := runCLI(t, "plan", "-n", "10", "-customers", ids, "-seed", "7")
	_, c, _ := runCLI(t, "plan", "-n", "10", "-customers", ids, "-seed", "7")
	if a != c || strings.Count(a, "\nC") != 10 {
		t.Errorf("draws differ or not 10 ids:\n%s\n%s", a, c)
	}
}

func TestSegment(t *testing.T) {
	// METHOD.md §8: values 50, 20, 10, 8, 5, 4, 3 → A A A B B B C.
	code, out, errs := runCLI(t, "segment", "-json", sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var s struct {
		Segments []csat.Assignment `json:"segments"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	var classes []string
	for _, a := range s.Segments {
		classes = append(classes, a.Class)
	}
	if got := strings.Join(classes, " "); got != "A A A B B B C" {
		t.Errorf("classes %s, want A A A B B B C", got)
	}
}

func TestReportFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.html")
	code, _, errs := runCLI(t, "report", "-lang", "en", "-o", out, sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"76%", "84%", "78.4%", "86.4%", "2026H1"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// A bad row of the answers is an error the library's sentinels match,
// naming its line and field.
func TestLoadParseError(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "answers.csv")
	if err := os.WriteFile(bad, []byte("item,source,level\n功能,survey,很满意\n功能,survey,great\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := (&inputFlags{lang: "zh"}).load(&env{stderr: &bytes.Buffer{}}, bad, "answers", nil)
	var pe *csat.ParseError
	if !errors.Is(err, csat.ErrUnknownLevel) || !errors.As(err, &pe) || pe.Line != 3 || pe.Field != 3 {
		t.Errorf("load: %v, want a ParseError line 3 field 3 wrapping ErrUnknownLevel", err)
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands() {
		code, out, errs := runCLI(t, c.name, "-h")
		if c.name == "version" {
			continue
		}
		if code != exitOK || !strings.Contains(out+errs, "Example:") || !strings.Contains(out+errs, "csat "+c.name) {
			t.Errorf("%s -h: exit %d, no usage with an example: %q", c.name, code, errs)
		}
	}
}

func TestCustomers(t *testing.T) {
	code, out, errs := runCLI(t, "customers", "-json", sample)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Customers []csat.CustomerScore    `json:"customers"`
		Company   analysis.CompanyFigures `json:"company"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	// C01 is the PVC write-up's worked customer (METHOD.md §5):
	// questionnaire 81.05, visit 80, preliminary 0.6×80 + 0.4×81.05 =
	// 80.42, complaints −1 +2 −5 → 76.42.
	// The others (customers.csv): C02 all 90; C03 visited, nothing
	// mentioned → 80; C04 all 70; C05 all 60 and a complaint handled with
	// the customer dissatisfied (−5) → 55; C06 lost, counted at the lowest
	// band's point 30; C07 all 85. Company mean (76.42 + 90 + 80 + 70 +
	// 55 + 30 + 85) / 7 = 486.42/7.
	want := map[string]string{"C01": "76.42", "C02": "90", "C03": "80", "C04": "70", "C05": "55", "C06": "50", "C07": "85"}
	for _, cs := range v.Customers {
		if w, ok := want[cs.ID]; !ok || !cs.Final.Value().Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s final %s, want %s", cs.ID, cs.Final.Value(), w)
		}
		delete(want, cs.ID)
	}
	if len(want) != 0 {
		t.Errorf("customers missing: %v", want)
	}
	if got := v.Company.Mean.Rat(); got.Cmp(big.NewRat(48642, 700)) != 0 {
		t.Errorf("company mean %s, want 486.42/7", got.RatString())
	}
}

// Errors in the command's own small files name the field where the
// column stands in the header, in whatever order the columns come.
func TestSmallFileFields(t *testing.T) {
	dir := t.TempDir()
	last := filepath.Join(dir, "last.csv")
	if err := os.WriteFile(last, []byte("last,customer\n2026-01-05,C01\n2026-13-01,C02\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := readLast(last, sheet.EncodingAuto)
	var pe *csat.ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || pe.Field != 1 || !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("bad date: %v, want line 3 field 1 ErrInvalid", err)
	}
	targets := filepath.Join(dir, "targets.csv")
	if err := os.WriteFile(targets, []byte("rate,year,degree\n80%,2024,75%\n82%,2025,x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = readTargets(targets, sheet.EncodingAuto)
	if !errors.As(err, &pe) || pe.Line != 3 || pe.Field != 3 || !errors.Is(err, csat.ErrInvalid) {
		t.Errorf("bad degree: %v, want line 3 field 3 ErrInvalid", err)
	}
}
