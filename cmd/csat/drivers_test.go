package main

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// drivers is a survey tool's wide export with the overall question
// (总体满意度) and each item's stated importance (重要度:品质 …), 50
// customers' status (customers.csv: 客户,状态 alone), their complaints
// and benchmarks; testdata/drivers/gen.py made it (seeded).
const drivers = "../../testdata/drivers"

// rat parses an exact fraction.
func rat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad fraction %q", s)
	}
	return r
}

// nearF checks a decimal against a float reference within tol.
func nearF(t *testing.T, what string, got decimal.Decimal, want, tol float64) {
	t.Helper()
	g, _ := got.Float64()
	if d := g - want; d > tol || d < -tol {
		t.Errorf("%s = %s, want %v ± %v", what, got, want, tol)
	}
}

// TestScoreDrivers reads the export with no flag and checks what to fix
// first against the figures testdata/drivers/expected.py computes from
// the CSV files independently (Python fractions with its own Gaussian
// elimination; scipy.stats.spearmanr and ttest_ind(equal_var=False));
// its output is testdata/drivers/expected.txt:
//
//	forms 150 complete 102 (listwise: every item and 总体满意度 answered)
//	R2 136952495802447/189003090701656 = 0.724604530508…
//	shapley 品质 0.223734196883 交货 0.205979724138 服务 0.099738698852
//	        价格 0.109971796933 技术支持 0.080433887286 包装 0.004746226416 (12 places, from the exact fractions)
//	cuts 45650831934149/378006181403312 (= R²/6), 166581449/241765650 (mean degree)
//	zones 品质 strength, 交货 fix, 服务 maintain, 价格 opportunity, 技术支持 opportunity, 包装 maintain; fix first [交货]
//	customers 50, presumed 3, outside customers 2, outside complaints 2
//	spearman -0.7446324612350346 p 5.665753445940429e-10
//	status 正常 36 807233/1101600, 风险 7 299/504, 流失 7 78691/142800
//	welch t 6.518601685272438 df 9.671963571492748 p 7.854331623535847e-05
//	overall degree 974/1415, rate 680/849; 品质 degree 107/141
func TestScoreDrivers(t *testing.T) {
	code, out, errs := runCLI(t, "score", "-json", drivers)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep analysis.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	checkDriversImportance(t, rep)
	checkDriversQuadrant(t, rep)
	checkDriversChurn(t, rep)
	checkDriversBenchmarks(t, rep)

	// the text output names the item to fix first, in the language
	code, out, errs = runCLI(t, "score", drivers)
	if code != exitOK || !strings.Contains(out, "优先改进: 交货") || !strings.Contains(out, "流失客户的平均满意度 ≈55.11%，保留客户 ≈73.28%") {
		t.Errorf("exit %d, text:\n%s\n%s", code, out, errs)
	}
}

// checkDriversImportance checks the Shapley shares of the drivers
// export against expected.txt: R², the shares and their ranks, their sum.
func checkDriversImportance(t *testing.T, rep analysis.Report) {
	t.Helper()
	imp := rep.Importance
	if imp == nil || imp.Method != "shapley" || imp.Deletion != "listwise" || imp.Forms != 102 || imp.R2 == nil {
		t.Fatalf("importance %+v, want shapley over 102 complete forms", imp)
	}
	if imp.R2.Rat().Cmp(rat(t, "136952495802447/189003090701656")) != 0 {
		t.Errorf("R² = %s, want 136952495802447/189003090701656", imp.R2.Rat().RatString())
	}
	shares := map[string]string{"品质": "0.223734196883", "交货": "0.205979724138", "服务": "0.099738698852", "价格": "0.109971796933", "技术支持": "0.080433887286", "包装": "0.004746226416"}
	order := []string{"品质", "交货", "价格", "服务", "技术支持", "包装"}
	sum := new(big.Rat)
	for i, it := range imp.Items {
		if it.Item != order[i] || it.Rank != i+1 {
			t.Errorf("rank %d: %s (rank %d), want %s", i+1, it.Item, it.Rank, order[i])
		}
		if got := it.Value.Round(12).String(); got != shares[it.Item] {
			t.Errorf("share of %s = %s, want %s", it.Item, got, shares[it.Item])
		}
		sum.Add(sum, it.Value.Rat())
	}
	if sum.Cmp(imp.R2.Rat()) != 0 {
		t.Errorf("the shares sum to %s, not R² %s", sum.RatString(), imp.R2.Rat().RatString())
	}
}

// checkDriversQuadrant checks the quadrant of the drivers export
// against expected.txt: the cuts, the zones and the fix-first list.
func checkDriversQuadrant(t *testing.T, rep analysis.Report) {
	t.Helper()
	q := rep.Quadrant
	if q == nil {
		t.Fatal("no quadrant")
	}
	if q.Importance.Value.Rat().Cmp(rat(t, "45650831934149/378006181403312")) != 0 || q.Performance.Value.Rat().Cmp(rat(t, "166581449/241765650")) != 0 {
		t.Errorf("cuts %s, %s", q.Importance.Value.Rat().RatString(), q.Performance.Value.Rat().RatString())
	}
	zones := map[string]string{"品质": "strength", "交货": "fix", "服务": "maintain", "价格": "opportunity", "技术支持": "opportunity", "包装": "maintain"}
	for _, it := range q.Items {
		if it.Zone.String() != zones[it.Item] {
			t.Errorf("%s in zone %s, want %s", it.Item, it.Zone, zones[it.Item])
		}
	}
	if strings.Join(q.FixFirst, ",") != "交货" {
		t.Errorf("fix first %v, want [交货]", q.FixFirst)
	}
}

// checkDriversChurn checks the churn figures of the drivers export
// against expected.txt: the customers, the status means, Spearman's ρ
// and the Welch test.
func checkDriversChurn(t *testing.T, rep analysis.Report) {
	t.Helper()
	c := rep.Churn
	if c == nil || len(c.Customers) != 50 || c.Presumed != 3 || c.OutsideCustomers != 2 || c.OutsideComplaints != 2 {
		t.Fatalf("churn %+v", c)
	}
	means := map[csat.Status][2]string{csat.Active: {"36", "807233/1101600"}, csat.AtRisk: {"7", "299/504"}, csat.Lost: {"7", "78691/142800"}}
	for _, s := range c.Statuses {
		w := means[s.Status]
		if s.Mean == nil || s.Mean.Rat().Cmp(rat(t, w[1])) != 0 || u(s.Customers) != w[0] {
			t.Errorf("status %s: %d customers, mean %v; want %s, %s", s.Status, s.Customers, s.Mean, w[0], w[1])
		}
	}
	if c.Spearman == nil || c.Test == nil {
		t.Fatalf("spearman %v, test %v", c.Spearman, c.Test)
	}
	nearF(t, "ρ", c.Spearman.Rho.Value(), -0.7446324612350346, 1e-12)
	nearF(t, "ρ's p", c.Spearman.PValue, 5.665753445940429e-10, 1e-15)
	nearF(t, "Welch t", c.Test.Statistic, 6.518601685272438, 1e-9)
	nearF(t, "Welch df", c.Test.DF, 9.671963571492748, 1e-9)
	nearF(t, "Welch p", c.Test.PValue, 7.854331623535847e-05, 1e-12)
}

// checkDriversBenchmarks checks the benchmark gaps of the drivers
// export, exact (expected.txt's figure less the benchmark), and their
// standing.
func checkDriversBenchmarks(t *testing.T, rep analysis.Report) {
	t.Helper()
	gaps := map[string]string{ // figure|item|kind → ours − theirs, exact
		"degree||industry_average": "974/1415 - 3/4", "degree||industry_leader": "974/1415 - 17/20", "degree||world_leader": "974/1415 - 9/10",
		"rate||industry_average": "680/849 - 4/5", "rate||industry_leader": "680/849 - 9/10", "rate||world_leader": "680/849 - 19/20",
		"degree|品质|industry_average": "107/141 - 39/50", "degree|品质|industry_leader": "107/141 - 22/25",
	}
	if len(rep.Benchmarks) != len(gaps) {
		t.Errorf("%d benchmark gaps, want %d", len(rep.Benchmarks), len(gaps))
	}
	for _, g := range rep.Benchmarks {
		fig, _, _ := strings.Cut(g.Figure, " ")
		w, ok := gaps[fig+"|"+g.Item+"|"+g.Kind.String()]
		if !ok {
			t.Errorf("unexpected benchmark %s %s %s", g.Figure, g.Item, g.Kind)
			continue
		}
		a, b, _ := strings.Cut(w, " - ")
		want := new(big.Rat).Sub(rat(t, a), rat(t, b))
		if g.Gap.Rat().Cmp(want) != 0 {
			t.Errorf("%s %s %s: gap %s, want %s", g.Figure, g.Item, g.Kind, g.Gap.Rat().RatString(), want.RatString())
		}
		if (want.Sign() > 0) != (g.Standing == analysis.Above) || (want.Sign() < 0) != (g.Standing == analysis.Below) {
			t.Errorf("%s %s %s: standing %s with gap %s", g.Figure, g.Item, g.Kind, g.Standing, want.RatString())
		}
	}
}

// -importance stated ranks by the mean stated importance (很重要 5 …
// 不重要 1), exact: expected.py's 价格 605/136, 品质 612/139, 交货 143/34,
// 服务 503/132, 技术支持 447/140, 包装 45/17. Bad flag values are usage
// errors naming the flag.
func TestScoreDriversStated(t *testing.T) {
	code, out, errs := runCLI(t, "score", "-json", "-importance", "stated", drivers)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep analysis.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"价格", "605/136"}, {"品质", "612/139"}, {"交货", "143/34"}, {"服务", "503/132"}, {"技术支持", "447/140"}, {"包装", "45/17"}}
	if rep.Importance == nil || rep.Importance.Method != "stated" || len(rep.Importance.Items) != len(want) {
		t.Fatalf("importance %+v", rep.Importance)
	}
	for i, it := range rep.Importance.Items {
		if it.Item != want[i][0] || it.Value.Rat().Cmp(rat(t, want[i][1])) != 0 || it.Interval == nil {
			t.Errorf("%d: %s %s (interval %v), want %s %s", i+1, it.Item, it.Value.Rat().RatString(), it.Interval, want[i][0], want[i][1])
		}
	}
	for _, args := range [][]string{{"-importance", "random_forest"}, {"-deletion", "some"}} {
		if code, _, errs := runCLI(t, append(append([]string{"score"}, args...), drivers)...); code != exitUsage || !strings.Contains(errs, args[0]) {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
	code, out, _ = runCLI(t, "score", "-json", "-importance", "none", drivers)
	if code != exitOK || strings.Contains(out, `"quadrant"`) {
		t.Errorf("-importance none: exit %d, quadrant in the output", code)
	}
}
