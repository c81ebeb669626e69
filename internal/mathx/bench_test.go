package mathx

import (
	"os"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// The benchmarks of the quantiles bypass the cache (tQuantile,
// normQuantile). With CSAT_QUANT_IMPL=old they run the old implementation
// (old_test.go) under the same names, for benchstat:
//
//	for i in 1 2 3 4 5 6; do
//	  CSAT_QUANT_IMPL=old go test -run '^$' -bench Quantile -benchmem -count 1 ./internal/mathx >> old.txt
//	  go test -run '^$' -bench Quantile -benchmem -count 1 ./internal/mathx >> new.txt
//	done; benchstat old.txt new.txt

var useOld = os.Getenv("CSAT_QUANT_IMPL") == "old"

// benchDFs are the degrees of freedom of the benchmarks: small, large,
// 2⁶⁴ − 1, and Welch's 24649/3206 as a decimal.
var benchDFs = []struct{ name, df string }{
	{"4", "4"}, {"30", "30"}, {"99", "99"}, {"1000", "1000"}, {"1e6", "1000000"},
	{"1e12", "1000000000000"}, {"2^64-1", "18446744073709551615"},
	{"24649÷3206", "7.688396756082345601996257018091079226450405489707"},
}

func BenchmarkTQuantile(b *testing.B) {
	p := d("0.975")
	for _, c := range benchDFs {
		df := d(c.df)
		b.Run("df="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if useOld {
					oldTQuantile(p, df, 28)
				} else {
					tQuantile(p, df, 28)
				}
			}
		})
	}
}

func BenchmarkTQuantileP(b *testing.B) {
	df := d("10")
	for _, ps := range []string{"0.500001", "0.9", "0.995", "0.9995"} {
		p := d(ps)
		b.Run("p="+ps, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if useOld {
					oldTQuantile(p, df, 28)
				} else {
					tQuantile(p, df, 28)
				}
			}
		})
	}
}

func BenchmarkNormQuantile(b *testing.B) {
	for _, ps := range []string{"0.975", "0.995", "0.9995", "0.999999"} {
		p := d(ps)
		for _, pl := range []int32{24, 28} {
			b.Run("p="+ps+"/places="+strconv.Itoa(int(pl)), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if useOld {
						oldNormQuantile(p, pl)
					} else {
						normQuantile(p, pl)
					}
				}
			})
		}
	}
}

// BenchmarkTQuantileCached is the cost of a repeated call (the cache).
func BenchmarkTQuantileCached(b *testing.B) {
	p, df := d("0.975"), d("30")
	b.ReportAllocs()
	for b.Loop() {
		if useOld {
			oldTQuantile(p, df, 28)
		} else {
			TQuantile(p, df, 28)
		}
	}
}

// BenchmarkTCDF is the p-value of a Welch comparison (analysis): 28
// places, a df with 28 decimals, another in each call (so that the cache
// of LnGamma does not answer but for ln Γ(½)).
func BenchmarkTCDF(b *testing.B) {
	t, df := d("2.1234567890123456789"), d("17.6883967560823456019962570181")
	b.ReportAllocs()
	i := int64(0)
	for b.Loop() {
		i++
		dfi := df.Add(decimal.New(i, -28))
		if useOld {
			oldTCDF(t, dfi, 28)
		} else {
			TCDF(t, dfi, 28)
		}
	}
}

// BenchmarkBetaInc is the p-value of Welch's test (internal/stats): 32
// places, a = df/2 with 32 decimals, another in each call.
func BenchmarkBetaInc(b *testing.B) {
	a, x := d("8.84419837804117280099812850904554"), d("0.87654321098765432109876543210987")
	b.ReportAllocs()
	i := int64(0)
	for b.Loop() {
		i++
		ai := a.Add(decimal.New(i, -32))
		if useOld {
			oldBetaInc(ai, half, x, 32)
		} else {
			BetaInc(ai, half, x, 32)
		}
	}
}
