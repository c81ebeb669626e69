package analysis

import (
	"cmp"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genSortRat draws a rational from a small pool (so that values tie):
// small fractions, fractions beyond 64 bits, and values one part in
// 10^30 apart.
func genSortRat(t *rapid.T, label string) *big.Rat {
	n := rapid.Int64Range(-40, 40).Draw(t, label+" n")
	d := rapid.Int64Range(1, 7).Draw(t, label+" d")
	q := big.NewRat(n, d)
	if rapid.Bool().Draw(t, label+" big") {
		e := new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)
		num := new(big.Int).Mul(big.NewInt(n), e)
		num.Add(num, big.NewInt(rapid.Int64Range(-1, 1).Draw(t, label+" step")))
		q.SetFrac(num, new(big.Int).Mul(big.NewInt(d), e))
	}
	return q
}

// TestAverageRanksAsReference: the ranks of values read once as sort
// keys are those of sorting by big.Rat, ties averaged.
func TestAverageRanksAsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vals := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) *big.Rat { return genSortRat(t, "v") }), 0, 30).Draw(t, "vals")
		got := averageRanks(vals)
		// Reference: the rank of v is 1 + #{u < v} + (#{u = v} − 1)/2.
		for i, v := range vals {
			below, equal := 0, 0
			for _, u := range vals {
				switch u.Cmp(v) {
				case -1:
					below++
				case 0:
					equal++
				}
			}
			want := big.NewRat(int64(2*below+equal+1), 2)
			if got[i].Cmp(want) != 0 {
				t.Fatalf("rank of %s: %s, want %s", v.RatString(), got[i].RatString(), want.RatString())
			}
		}
	})
}

// TestSortRankingAsReference: the ranking sorted on keys is the stable
// sort on big.Rat, worst first, ties by id (ids may repeat).
func TestSortRankingAsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 30).Draw(t, "n")
		rs := make([]RankedCustomer, n)
		for i := range rs {
			q := genSortRat(t, "score")
			num, den := decimal.NewFromBigInt(q.Num(), 0), decimal.NewFromBigInt(q.Denom(), 0)
			s, err := csat.Quotient("score", csat.Points, num, den)
			if err != nil {
				t.Fatal(err)
			}
			rs[i] = RankedCustomer{ID: rapid.SampledFrom([]string{"a", "b", "c", "d"}).Draw(t, "id"), Score: s, Counted: i%2 == 0}
		}
		want := slices.Clone(rs)
		slices.SortStableFunc(want, func(a, b RankedCustomer) int {
			return cmp.Or(a.Score.Rat().Cmp(b.Score.Rat()), strings.Compare(a.ID, b.ID))
		})
		sortRanking(rs)
		for i := range rs {
			if rs[i].ID != want[i].ID || !rs[i].Score.Equal(want[i].Score) || rs[i].Counted != want[i].Counted {
				t.Fatalf("position %d: %s %s, want %s %s", i+1, rs[i].ID, rs[i].Score.Rat().RatString(), want[i].ID, want[i].Score.Rat().RatString())
			}
		}
	})
}
