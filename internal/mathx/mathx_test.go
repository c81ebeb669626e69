package mathx

import (
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Published values (Abramowitz & Stegun; NIST DLMF; any normal table):
// √2 = 1.41421356237309504880…, e = 2.71828182845904523536…,
// z(0.975) = 1.95996398454005423552,
// z(0.95) = 1.64485362695147271, z(0.995) = 2.57582930354890076.
func TestPublishedValues(t *testing.T) {
	cases := []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"sqrt 2", Sqrt(d("2"), 20), d("1.41421356237309504880")},
		{"sqrt 0.25", Sqrt(d("0.25"), 20), d("0.5")},
		{"e", Exp(d("1"), 20), d("2.71828182845904523536")},
		{"e^-2", Exp(d("-2"), 20), d("0.13533528323661269189")},
		{"e^10", Exp(d("10"), 10), d("22026.4657948067")},
		{"phi(0)", NormPDF(d("0"), 20), d("0.39894228040143267794")},
		{"Phi(0)", NormCDF(d("0"), 20), d("0.5")},
		{"Phi(1.96)", NormCDF(d("1.96"), 17), d("0.97500210485177957")}, // (1 + erf(1.96/√2))/2 by the erf series in Python decimal, 50 digits: 0.9750021048517795658…
		{"Phi(-1)", NormCDF(d("-1"), 15), d("0.158655253931457")},
		{"Phi(5)", NormCDF(d("5"), 15), d("0.999999713348428")},
		{"z 0.975", NormQuantile(d("0.975"), 20), d("1.95996398454005423552")},
		{"z 0.95", NormQuantile(d("0.95"), 17), d("1.64485362695147271")},
		{"z 0.995", NormQuantile(d("0.995"), 17), d("2.57582930354890076")},
		{"z 0.025", NormQuantile(d("0.025"), 20), d("-1.95996398454005423552")},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
}
