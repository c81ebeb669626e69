package csat_test

import (
	"fmt"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// Confidence intervals: Wilson for a rate, t for a degree.
func ExampleWilson() {
	iv, err := csat.Wilson(csat.Proportion{K: 6, N: 32}, csat.Confidence{}) // 95%
	if err != nil {
		panic(err)
	}
	fmt.Println(iv.Low.StringFixed(5), iv.High.StringFixed(5))
	fmt.Println(iv.Explain())
	t := csat.NewTally(csat.FivePoint())
	_ = t.AddCodes([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4})
	di, _ := csat.DegreeInterval(t, csat.Confidence{Z: decimal.RequireFromString("1.96")})
	fmt.Println(di.Explain())
	fmt.Println(di.Quantile.StringFixed(4), di.DF, di.Variance.StringFixed(6))
	// Output:
	// 0.08890 0.35309
	// Wilson 95% interval = centre 22.1% ± 13.21% (z 1.96, n 32) = [8.89%, 35.31%]
	// t ≈95% interval = 76% ± 2.064×4.9% (t with 24 df, s/√n) = [65.89%, 86.11%]
	// 2.0639 24 0.002400
}
