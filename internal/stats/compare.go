package stats

// Comparisons between groups (issue 19): two-proportion z test, Welch's
// t test from sufficient statistics, Holm's adjustment, the compact
// letter display and AAPOR response rate RR1. Everything is exact
// (big.Rat) up to the one irrational step, which internal/mathx computes
// to places + guard digits before the single rounding to places.
//
// Errors are plain fmt.Errorf values with no "csat: " prefix: the caller
// wraps them (internal/errs) with what it was comparing.

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"

	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/shopspring/decimal"
)

// guard is the number of working digits carried beyond the places asked
// for before the final rounding.
const guard = 12

var (
	one = decimal.NewFromInt(1)
	two = decimal.NewFromInt(2)
)

// sqrtRat returns √r (r ≥ 0) to places decimal places: r is first written
// to 2·places + 2 places, so that the error of that step, at most
// 10^−(2·places+2), moves the root by at most 10^−(places+1).
func sqrtRat(r *big.Rat, places int32) decimal.Decimal {
	d, _ := exact.Decimal(r, 2*places+2)
	return mathx.Sqrt(d, places)
}

// TwoProportionZ is the pooled two-proportion z test of H0: π1 = π2 for
// x1 successes out of n1 and x2 out of n2:
//
//	p̂ = (x1 + x2) / (n1 + n2)
//	z = (x1/n1 − x2/n2) / √(p̂ (1 − p̂) (1/n1 + 1/n2))
//	p = 2 (1 − Φ(|z|)) = 2 Φ(−|z|)  (two-sided)
//
// z² is exact (a rational); z is its square root to places + guard
// digits, and both results are rounded half away from zero to places.
// The error is non-nil, and z and p are zero, when n1 or n2 is 0, when
// x1 > n1 or x2 > n2, or when p̂ is 0 or 1 (no variance: every answer
// alike, so there is nothing to test).
func TwoProportionZ(x1, n1, x2, n2 uint64, places int32) (z, p decimal.Decimal, err error) {
	switch {
	case n1 == 0 || n2 == 0:
		return decimal.Zero, decimal.Zero, fmt.Errorf("two-proportion z: a sample is empty (n1 = %d, n2 = %d)", n1, n2)
	case x1 > n1 || x2 > n2:
		return decimal.Zero, decimal.Zero, fmt.Errorf("two-proportion z: more successes than answers (%d/%d, %d/%d)", x1, n1, x2, n2)
	}
	N1, N2 := exact.Uint(n1), exact.Uint(n2)
	pooled := exact.Quo(exact.Add(exact.Uint(x1), exact.Uint(x2)), exact.Add(N1, N2))
	q := exact.Sub(big.NewRat(1, 1), pooled)
	if pooled.Sign() == 0 || q.Sign() == 0 {
		return decimal.Zero, decimal.Zero, fmt.Errorf("two-proportion z: pooled proportion %s has no variance", pooled.RatString())
	}
	diff := exact.Sub(exact.Quo(exact.Uint(x1), N1), exact.Quo(exact.Uint(x2), N2))
	inv := exact.Add(exact.Quo(big.NewRat(1, 1), N1), exact.Quo(big.NewRat(1, 1), N2))
	z2 := exact.Quo(exact.Mul(diff, diff), exact.Mul(exact.Mul(pooled, q), inv))
	wp := places + guard
	abs := sqrtRat(z2, wp)
	p = two.Mul(mathx.NormCDF(abs.Neg(), wp)).Round(places)
	if diff.Sign() < 0 {
		abs = abs.Neg()
	}
	return abs.Round(places), p, nil
}

// Sample is the sufficient statistics of one sample for Welch's test: the
// number of values N, their sum Sum = Σx and the sum of their squares
// SumSq = Σx², all exact.
type Sample struct {
	N          uint64
	Sum, SumSq *big.Rat
}

// meanVar returns the sample's mean and its squared standard error
// s²/n = (Σx² − (Σx)²/n) / ((n − 1) n), exactly.
func (s Sample) meanVar() (mean, se2 *big.Rat, err error) {
	if s.N < 2 {
		return nil, nil, fmt.Errorf("welch: a sample has %d values, fewer than 2", s.N)
	}
	if s.Sum == nil || s.SumSq == nil {
		return nil, nil, fmt.Errorf("welch: a sample's sums are missing")
	}
	n := exact.Uint(s.N)
	mean = exact.Quo(s.Sum, n)
	ss := exact.Sub(s.SumSq, exact.Mul(mean, s.Sum))
	if ss.Sign() < 0 {
		return nil, nil, fmt.Errorf("welch: Σx² = %s is less than (Σx)²/n: not the sums of one sample", s.SumSq.RatString())
	}
	return mean, exact.Quo(ss, exact.Mul(n, exact.Uint(s.N-1))), nil
}

// Welch is Welch's unequal-variance t test of H0: μ1 = μ2 from the
// sufficient statistics of two samples, with vᵢ = sᵢ²/nᵢ and
// sᵢ² = (Σx² − (Σx)²/n) / (n − 1):
//
//	t  = (x̄1 − x̄2) / √(v1 + v2)
//	df = (v1 + v2)² / (v1²/(n1 − 1) + v2²/(n2 − 1))   (Welch–Satterthwaite)
//	p  = 2 P(T_df > |t|) = I_{df/(df+t²)}(df/2, 1/2)   (two-sided)
//
// t², df and df/(df + t²) are exact rationals; df need not be an integer
// (mathx.BetaInc, which mathx.TCDF uses, takes any df > 0). The two-sided
// p is the regularized incomplete beta function itself, rather than
// 2(1 − TCDF), so that no digits cancel. t is the square root of t² to
// places + guard digits; t, df and p are rounded half away from zero to
// places. The error is non-nil, and the results zero, when a sample has
// fewer than 2 values or inconsistent sums, or when both variances are
// zero (t undefined).
func Welch(a, b Sample, places int32) (t, df, p decimal.Decimal, err error) {
	m1, v1, err := a.meanVar()
	if err != nil {
		return decimal.Zero, decimal.Zero, decimal.Zero, err
	}
	m2, v2, err := b.meanVar()
	if err != nil {
		return decimal.Zero, decimal.Zero, decimal.Zero, err
	}
	v := exact.Add(v1, v2)
	if v.Sign() == 0 {
		return decimal.Zero, decimal.Zero, decimal.Zero, fmt.Errorf("welch: both samples have zero variance")
	}
	diff := exact.Sub(m1, m2)
	t2 := exact.Quo(exact.Mul(diff, diff), v)
	den := exact.Add(
		exact.Quo(exact.Mul(v1, v1), exact.Uint(a.N-1)),
		exact.Quo(exact.Mul(v2, v2), exact.Uint(b.N-1)))
	dfr := exact.Quo(exact.Mul(v, v), den)
	x := exact.Quo(dfr, exact.Add(dfr, t2))
	wp := places + guard
	dfd, _ := exact.Decimal(dfr, wp)
	xd, _ := exact.Decimal(x, wp)
	p = mathx.BetaInc(dfd.Mul(decimal.New(5, -1)), decimal.New(5, -1), xd, wp).Round(places)
	abs := sqrtRat(t2, wp)
	if diff.Sign() < 0 {
		abs = abs.Neg()
	}
	return abs.Round(places), dfd.Round(places), p, nil
}

// Holm returns the Holm–Bonferroni adjusted p-values of the m p-values
// ps, in the order given. With p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted ascending (ties in
// the order of their index),
//
//	p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) p₍ⱼ₎)
//
// (step-down, so the adjusted values are monotone in the p-values, and
// never above 1). It is exact: each value is a product of a p-value and
// an integer. Tied p-values get the same adjusted value. The inputs are
// p-values, in [0, 1]; Holm does not check it.
func Holm(ps []decimal.Decimal) []decimal.Decimal {
	m := len(ps)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ps[order[a]].LessThan(ps[order[b]]) })
	out := make([]decimal.Decimal, m)
	run := decimal.Zero
	for j, i := range order {
		v := ps[i].Mul(decimal.NewFromInt(int64(m - j)))
		if v.GreaterThan(one) {
			v = one
		}
		if v.GreaterThan(run) {
			run = v
		}
		out[i] = run
	}
	return out
}

// CompactLetters returns the compact letter display of k groups: a string
// of letters per group such that two groups that differ share no letter
// and two groups that do not differ share at least one. differ(i, j)
// tells whether groups i < j differ; it is called once per pair, with
// i < j, and must be deterministic.
//
// The letters are found by Piepho's insert-and-absorb algorithm (Piepho
// 2004, J. Comput. Graph. Stat. 13:456–466): start with one letter held
// by every group; for each pair (i, j) that differs, in the order
// (0,1), (0,2), …, (1,2), …, replace every letter held by both by two
// letters, one without i and one without j; then drop every letter whose
// groups are a subset of another letter's (absorb). The letters left are
// the maximal sets of groups no two of which differ, whatever the order
// of the pairs. They are named in the order of the groups as given: the
// letter sets are sorted by their groups' indices (lowest first, then the
// next, …), so group 0 holds "a", and a caller that sorts the groups by
// mean reads the letters in that order. Letters are a–z, then A–Z, then
// "{53}", "{54}", … (the 1-based letter number in braces).
func CompactLetters(k int, differ func(i, j int) bool) []string {
	if k <= 0 {
		return []string{}
	}
	all := make([]bool, k)
	for i := range all {
		all[i] = true
	}
	cols := [][]bool{all}
	for i := range k {
		for j := i + 1; j < k; j++ {
			if differ(i, j) {
				cols = absorb(insertPair(cols, i, j))
			}
		}
	}
	sort.SliceStable(cols, func(a, b int) bool { return colLess(cols[a], cols[b]) })
	out := make([]string, k)
	for c, col := range cols {
		name := letterName(c)
		for g, in := range col {
			if in {
				out[g] += name
			}
		}
	}
	return out
}

// insertPair splits every column holding both i and j into one without i
// and one without j.
func insertPair(cols [][]bool, i, j int) [][]bool {
	out := make([][]bool, 0, len(cols)+1)
	for _, c := range cols {
		if !c[i] || !c[j] {
			out = append(out, c)
			continue
		}
		noI := append([]bool(nil), c...)
		noI[i] = false
		noJ := append([]bool(nil), c...)
		noJ[j] = false
		out = append(out, noI, noJ)
	}
	return out
}

// absorb drops every column that is a subset of another one (of an equal
// column, the later one).
func absorb(cols [][]bool) [][]bool {
	out := make([][]bool, 0, len(cols))
	for a, c := range cols {
		keep := true
		for b, d := range cols {
			if a != b && subset(c, d) && (!subset(d, c) || b < a) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, c)
		}
	}
	return out
}

func subset(c, d []bool) bool {
	for g, in := range c {
		if in && !d[g] {
			return false
		}
	}
	return true
}

// colLess orders letter columns by their groups' indices: the column
// whose first differing group index is lower comes first.
func colLess(c, d []bool) bool {
	for g := range c {
		if c[g] != d[g] {
			return c[g]
		}
	}
	return false
}

const letterNames = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// letterName names the c-th letter column (0-based).
func letterName(c int) string {
	if c < len(letterNames) {
		return letterNames[c : c+1]
	}
	return "{" + strconv.Itoa(c+1) + "}"
}

// A Rate is an exact fraction Num/Den with its value rounded to places.
// Defined is false, and Value zero, when Den is 0.
type Rate struct {
	Num, Den *big.Int
	Value    decimal.Decimal
	Defined  bool
}

func newRate(num, den *big.Int, places int32) Rate {
	r := Rate{Num: num, Den: den}
	if den.Sign() == 0 {
		return r
	}
	r.Defined = true
	r.Value, _ = exact.Decimal(new(big.Rat).SetFrac(num, den), places)
	return r
}

// Exact returns the rate as a rational, or nil when it is undefined.
func (r Rate) Exact() *big.Rat {
	if !r.Defined {
		return nil
	}
	return new(big.Rat).SetFrac(r.Num, r.Den)
}

// ResponseRates returns AAPOR's response rate RR1 per stratum and overall:
//
//	RR1 = I / ((I + P) + (R + NC + O) + (UH + UO))
//
// where the denominator, every unit surveyed whatever its outcome, is the
// number of forms sent, and I the complete forms returned:
// complete[s] / sent[s] per stratum s and Σcomplete / Σsent overall (a
// ratio of sums, not a mean of rates), exact, with the value rounded half
// away from zero to places. A stratum with nothing sent has no rate
// (Defined false). The error is non-nil when the slices differ in length
// or a stratum has more complete forms than forms sent.
func ResponseRates(complete, sent []uint64, places int32) (strata []Rate, overall Rate, err error) {
	if len(complete) != len(sent) {
		return nil, Rate{}, fmt.Errorf("response rate: %d strata of complete forms, %d of forms sent", len(complete), len(sent))
	}
	strata = make([]Rate, len(sent))
	sumI, sumN := new(big.Int), new(big.Int)
	for s := range sent {
		if complete[s] > sent[s] {
			return nil, Rate{}, fmt.Errorf("response rate: stratum %d has %d complete forms of %d sent", s, complete[s], sent[s])
		}
		i, n := new(big.Int).SetUint64(complete[s]), new(big.Int).SetUint64(sent[s])
		strata[s] = newRate(i, n, places)
		sumI.Add(sumI, i)
		sumN.Add(sumN, n)
	}
	return strata, newRate(sumI, sumN, places), nil
}
