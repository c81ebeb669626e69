package plan

import (
	"math/big"
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/shopspring/decimal"
)

// A SampleSize is the result of Cochran's formula.
type SampleSize struct {
	// Z is the normal quantile used.
	Z decimal.Decimal `json:"z"`
	// N0 is Cochran's n₀ = z²·p(1−p)/e² (exact for the z used).
	N0 csat.Result `json:"n0"`
	// Corrected is n₀ / (1 + (n₀ − 1)/N) with the finite-population
	// correction (equal to N0 without a population), exact.
	Corrected csat.Result `json:"corrected"`
	// N is Corrected rounded up to a whole form.
	N int `json:"n"`
}

// SampleSizeOptions configures [Cochran]. Zero values mean 95%
// confidence, p = 0.5, margin 5%, no population (infinite), and the table
// value of z to two places.
type SampleSizeOptions struct {
	Level, P, Margin decimal.Decimal
	// Population is N for the finite-population correction; 0 means none.
	Population int
	// ExactZ uses the normal quantile to [csat.Precision] places instead
	// of the two-place table value (1.96 for 95%) that survey practice and
	// the method's reference (n₀ = 384.16) use.
	ExactZ bool
}

// Cochran returns the number of forms needed (METHOD.md §9, beyond the
// sources): n₀ = z²·p(1−p)/e², then with N customers n = n₀ / (1 + (n₀ −
// 1)/N), rounded up. With N 2000, e 5%, p 0.5, 95%: n₀ =
// 1.96²×0.25/0.0025 = 384.16, n = 384.16/1.19158 = 322.3954… → 323. Our
// rounding: z is the table value to two places unless ExactZ (n₀ is then
// 384.1459, n still 323); only the final n is rounded, always up. nil
// options are the zero options.
func Cochran(opts *SampleSizeOptions) (SampleSize, error) {
	var o SampleSizeOptions
	if opts != nil {
		o = *opts
	}
	z, err := o.check()
	if err != nil {
		return SampleSize{}, err
	}
	n0 := exact.Quo(exact.Mul(exact.Mul(z.Rat(), z.Rat()), exact.Mul(o.P.Rat(), exact.Sub(exact.Int(1), o.P.Rat()))),
		exact.Mul(o.Margin.Rat(), o.Margin.Rat()))
	pp, e := o.P, o.Margin
	ss := SampleSize{Z: z}
	n0res, err := csat.FromRat("n₀", csat.Points, n0)
	if err != nil {
		return SampleSize{}, err
	}
	ss.N0 = n0res.WithFormula(func() string {
		return z.String() + "² × " + pp.String() + " × (1 − " + pp.String() + ") / " + e.String() + "²"
	}).In("zh", "n₀（未经有限总体校正的样本量）", nil).In("en", "n₀ (sample size before the finite-population correction)", nil)
	corr := n0
	if o.Population > 0 {
		N := exact.Int(int64(o.Population))
		corr = exact.Quo(n0, exact.Add(exact.Int(1), exact.Quo(exact.Sub(n0, exact.Int(1)), N)))
	}
	n0r := ss.N0
	pop := o.Population
	corrRes, err := csat.FromRat("n", csat.Points, corr)
	if err != nil {
		return SampleSize{}, err
	}
	ss.Corrected = corrRes.WithFormula(func() string {
		if pop == 0 {
			return n0r.String() + " (no finite-population correction)"
		}
		return n0r.String() + " / (1 + (" + n0r.String() + " − 1) / " + strconv.Itoa(pop) + ")"
	}).In("zh", "n（样本量）", func() string {
		if pop == 0 {
			return n0r.String() + "（不做有限总体校正）"
		}
		return n0r.String() + " / (1 + (" + n0r.String() + " − 1) / " + strconv.Itoa(pop) + ")"
	}).In("en", "n (sample size)", nil).WithParts(ss.N0)
	c := new(big.Int).Quo(corr.Num(), corr.Denom())
	if new(big.Rat).SetInt(c).Cmp(corr) < 0 {
		c.Add(c, big.NewInt(1))
	}
	if !c.IsInt64() || c.Int64() > 1<<40 {
		return SampleSize{}, errorf(csat.ErrOverflow, "sample size: %s forms", c)
	}
	ss.N = int(c.Int64())
	if o.Population > 0 && ss.N > o.Population {
		ss.N = o.Population
	}
	return ss, nil
}

// check fills in the defaults of o, checks it and returns the z to use,
// rounded as the options say.
func (o *SampleSizeOptions) check() (decimal.Decimal, error) {
	one := decimal.NewFromInt(1)
	if o.P.IsZero() {
		o.P = decimal.New(5, -1)
	}
	if o.Margin.IsZero() {
		o.Margin = decimal.New(5, -2)
	}
	if !o.P.IsPositive() || !o.P.LessThan(one) {
		return decimal.Zero, errorf(csat.ErrOutOfRange, "sample size: p %s outside (0, 1)", o.P)
	}
	if !o.Margin.IsPositive() || !o.Margin.LessThan(one) {
		return decimal.Zero, errorf(csat.ErrOutOfRange, "sample size: margin %s outside (0, 1)", o.Margin)
	}
	if o.Population < 0 {
		return decimal.Zero, errorf(csat.ErrNegative, "sample size: population %d", o.Population)
	}
	z, err := zFor(o.Level)
	if err != nil {
		return decimal.Zero, err
	}
	if o.ExactZ {
		return z.Round(csat.Precision), nil
	}
	return z.Round(2), nil
}

// zFor returns the two-sided normal quantile z(1 − (1 − level)/2), and an
// error wrapping [csat.ErrOutOfRange] unless 0 < level < 1. A zero level
// means 0.95. (csat computes confidence intervals' z the same way.)
func zFor(level decimal.Decimal) (decimal.Decimal, error) {
	if level.IsZero() {
		level = decimal.RequireFromString("0.95")
	}
	if !level.IsPositive() || !level.LessThan(decimal.NewFromInt(1)) {
		return decimal.Zero, errorf(csat.ErrOutOfRange, "confidence level %s outside (0, 1)", level)
	}
	return mathx.TwoSidedZ(level, csat.Precision+4), nil
}
