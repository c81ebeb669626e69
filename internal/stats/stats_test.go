package stats

import (
	"math/big"
	"testing"
)

func TestVariance(t *testing.T) {
	// values 1, 1, 0, 0.5: mean 0.625, s² = (2.25 − 4·0.390625)/3 = 0.229166…
	xs := []*big.Rat{big.NewRat(1, 1), big.NewRat(1, 2), big.NewRat(0, 1)}
	got := Variance([]uint64{2, 1, 1}, xs, 4)
	if want := big.NewRat(11, 48); got.Cmp(want) != 0 {
		t.Errorf("got %s, want %s", got, want)
	}
}
