package importance

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// refRank is rank as it was first written, on big.Rat.
func refRank(items []Item, keys []*big.Rat) {
	type keyed struct {
		it  Item
		key *big.Rat
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		ks[i] = keyed{it: it, key: it.Value.Rat()}
		if keys != nil {
			ks[i].key = keys[i]
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := b.key.Cmp(a.key); c != 0 {
			return c
		}
		return strings.Compare(a.it.Item, b.it.Item)
	})
	for i := range ks {
		items[i] = ks[i].it
		if i > 0 && ks[i].key.Cmp(ks[i-1].key) == 0 {
			items[i].Rank = items[i-1].Rank
		} else {
			items[i].Rank = i + 1
		}
	}
}

// TestRankAsReference: ranking on keys read once gives the order and the
// shared ranks of ranking on big.Rat, for values that tie, fractions
// beyond 64 bits and values one part in 10^30 apart.
func TestRankAsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-e]{1,3}`), 0, 12, rapid.ID[string]).Draw(t, "items")
		items := make([]Item, len(names))
		rats := make([]*big.Rat, len(names))
		e := new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)
		for i, name := range names {
			n := big.NewInt(rapid.Int64Range(-5, 5).Draw(t, "n"))
			d := big.NewInt(rapid.Int64Range(1, 3).Draw(t, "d"))
			if rapid.Bool().Draw(t, "big") {
				n.Mul(n, e).Add(n, big.NewInt(rapid.Int64Range(-1, 1).Draw(t, "step")))
				d.Mul(d, e)
			}
			v, err := csat.Quotient(name, csat.Points, decimal.NewFromBigInt(n, 0), decimal.NewFromBigInt(d, 0))
			if err != nil {
				t.Fatal(err)
			}
			items[i], rats[i] = Item{Item: name, Value: v}, v.Rat()
		}
		var keys []*big.Rat
		if rapid.Bool().Draw(t, "keys") {
			keys = rats
		}
		got, want := slices.Clone(items), slices.Clone(items)
		rank(got, keys)
		refRank(want, keys)
		for i := range got {
			if got[i].Item != want[i].Item || got[i].Rank != want[i].Rank {
				t.Fatalf("position %d: %s rank %d, want %s rank %d", i+1, got[i].Item, got[i].Rank, want[i].Item, want[i].Rank)
			}
		}
	})
}
