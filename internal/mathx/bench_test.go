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

var _ = decimal.Zero
