package exact

import (
	"math/big"
	"testing"
)

func TestDecimal(t *testing.T) {
	cases := []struct {
		num, den int64
		places   int32
		want     string
		exact    bool
	}{
		{190, 250, 20, "0.76", true},
		{2, 3, 4, "0.6667", false},   // 0.66666… rounds up
		{-2, 3, 4, "-0.6667", false}, // half away from zero, symmetric
		{1, 8, 2, "0.13", false},     // 0.125 → 0.13 (四舍五入)
		{1, 8, 3, "0.125", true},
		{7, 1, 0, "7", true},
	}
	for _, c := range cases {
		d, ok := Decimal(big.NewRat(c.num, c.den), c.places)
		if d.String() != c.want || ok != c.exact {
			t.Errorf("Decimal(%d/%d, %d) = %s, %t; want %s, %t", c.num, c.den, c.places, d, ok, c.want, c.exact)
		}
	}
}
