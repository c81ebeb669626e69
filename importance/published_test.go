package importance

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// Johnson's relative weights on R's mtcars, mpg ~ cyl + disp + hp + gear:
// the rwa package's published example. The 25-place figures are an
// independent computation in Python's mpmath at 60 digits (mp.eigsy of the
// correlation matrix built from exact co-moments):
//
//	E, Q = mp.eigsy(Rxx); L = Q*diag(sqrt(E))*Q.T; beta = lu_solve(L, rxy)
//	w_j = Σ_k L[j,k]² beta[k]²
func TestRelativeWeightsMtcars(t *testing.T) {
	h, rows := readCSV(t, "mtcars.csv")
	m := matrixOf(h, rows, "mpg", "cyl", "disp", "hp", "gear")
	set, err := RelativeWeights{}.Importance(Input{Matrix: &m})
	if err != nil {
		t.Fatal(err)
	}
	if got := set.R2.Round(7).String(); got != "0.7791896" {
		t.Errorf("R² = %s, want 0.7791896 (rwa)", got)
	}
	if got := set.R2.Round(25).String(); got != "0.7791896389830558546494667" {
		t.Errorf("R² = %s, want 0.7791896389830558546494667 (mpmath)", got)
	}
	want := map[string][2]string{
		"cyl":  {"0.2284797", "0.22847972592821647429"},
		"disp": {"0.2221469", "0.22214687054000089408"},
		"hp":   {"0.2321744", "0.23217443929944737215"},
		"gear": {"0.0963886", "0.09638860321539111413"},
	}
	sum := decimal.Zero
	for _, it := range set.Items {
		w := want[it.Item]
		if it.Value.Round(7).String() != w[0] {
			t.Errorf("%s: weight %s, want %s (rwa)", it.Item, it.Value.Round(7), w[0])
		}
		if it.Value.Value().String() != w[1] {
			t.Errorf("%s: weight %s, want %s (mpmath, 20 places)", it.Item, it.Value.Value(), w[1])
		}
		if it.Value.Exact() {
			t.Errorf("%s: weight marked exact", it.Item)
		}
		sum = sum.Add(it.Value.Value())
	}
	if d := sum.Sub(set.R2.Value()).Abs(); d.GreaterThan(decimal.New(4, -20)) {
		t.Errorf("weights sum to %s, R² %s: off by %s", sum, set.R2.Value(), d)
	}
	order := []string{"hp", "cyl", "disp", "gear"}
	for i, it := range set.Items {
		if it.Item != order[i] || it.Rank != i+1 {
			t.Errorf("rank %d: %s (rank %d), want %s", i+1, it.Item, it.Rank, order[i])
		}
	}
}

// General dominance (= LMG, = Shapley) on R's attitude data, rating on all
// six: the published figures to three places, and the exact shares of an
// independent computation with Python's fractions (the script is
// testdata/lmg_exact.py: Gaussian elimination per subset, Shapley weights
// summed in Fractions) to 20 places, and R² as a fraction.
func TestShapleyAttitude(t *testing.T) {
	h, rows := readCSV(t, "attitude.csv")
	m := matrixOf(h, rows, "rating", "complaints", "privileges", "learning", "raises", "critical", "advance")
	set, err := Shapley{}.Importance(Input{Matrix: &m})
	if err != nil {
		t.Fatal(err)
	}
	if got := set.R2.Round(3).String(); got != "0.733" {
		t.Errorf("R² = %s, want 0.733", got)
	}
	if n, d := set.R2.Num().String(), set.R2.Den().String(); n != "94097661040857138202899587" || d != "128443086423705383546159647" {
		t.Errorf("R² = %s/%s, want 94097661040857138202899587/128443086423705383546159647", n, d)
	}
	want := []struct{ item, three, exact string }{
		{"complaints", "0.371", "0.37081619431932846794"},
		{"learning", "0.156", "0.15576599016914131462"},
		{"raises", "0.120", "0.12034507940362695055"},
		{"privileges", "0.051", "0.05090379297154429840"},
		{"advance", "0.028", "0.02818221312164710215"},
		{"critical", "0.007", "0.00658872254586087634"},
	}
	sum := new(big.Rat)
	for i, it := range set.Items {
		w := want[i]
		if it.Item != w.item || it.Rank != i+1 {
			t.Errorf("rank %d: %s (rank %d), want %s", i+1, it.Item, it.Rank, w.item)
		}
		if got := it.Value.Round(3).StringFixed(3); got != w.three {
			t.Errorf("%s: share %s, want %s", it.Item, got, w.three)
		}
		if got := it.Value.Round(20).StringFixed(20); got != w.exact {
			t.Errorf("%s: share %s, want %s", it.Item, got, w.exact)
		}
		sum.Add(sum, it.Value.Rat())
	}
	if sum.Cmp(set.R2.Rat()) != 0 {
		t.Errorf("shares sum to %s, R² is %s", sum.RatString(), set.R2.Rat().RatString())
	}
	if len(set.Subsets) != 64 {
		t.Errorf("%d subsets, want 64", len(set.Subsets))
	}
}
