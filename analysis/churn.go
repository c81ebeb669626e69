package analysis

import (
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/exact"
	"github.com/csatkit/csat/internal/mathx"
	"github.com/csatkit/csat/internal/stats"
	"github.com/shopspring/decimal"
)

// ChurnOptions configures [Churn]. The zero value (or nil) means the
// defaults.
type ChurnOptions struct {
	// Source is the source whose answers give each customer's degree;
	// "" means [csat.SourceSurvey].
	Source string
	// Alpha is the significance level of the tests (zero: 0.05).
	Alpha decimal.Decimal
	// MinSample is the sample-size rule (zero fields: 30 and 5), applied
	// to customers: a status with fewer customers than Suppress is not
	// tested, and no rank correlation is computed on fewer.
	MinSample MinSample
}

// A ChurnCustomer is one surveyed customer: its answers pooled over
// every item and form, its degree, its complaints and its status.
type ChurnCustomer struct {
	Customer string `json:"customer"`
	Answers  uint64 `json:"answers"`
	// Counts are the answers per level, in the order of the scale's
	// levels.
	Counts []uint64 `json:"counts"`
	// Degree is the satisfaction degree of the customer's answers.
	Degree csat.Result `json:"degree"`
	// Complaints is the number of the period's complaints by the
	// customer.
	Complaints uint64 `json:"complaints"`
	// Status is the customer's standing (正常, 风险, 流失).
	Status csat.Status `json:"status"`
}

// A StatusFigure is the mean degree of the surveyed customers of one
// status, each customer counting once.
type StatusFigure struct {
	Status    csat.Status `json:"status"`
	Customers uint64      `json:"customers"`
	// Mean is the exact mean of the customers' degrees; absent without
	// customers.
	Mean *csat.Result `json:"mean,omitempty"`
	// Sample flags the status by the sample-size rule on its customers:
	// suppressed (fewer than MinSample.Suppress) means shown but not
	// tested.
	Sample SampleFlag `json:"sample"`
}

// A RankCorrelation is Spearman's rank correlation of two per-customer
// figures (the degree and the complaint count), ties given their average
// rank, with its two-sided test against ρ = 0.
type RankCorrelation struct {
	// N is the number of customers.
	N uint64 `json:"n"`
	// RhoSquared is ρ², exact: the squared Pearson correlation of the
	// ranks.
	RhoSquared csat.Result `json:"rho_squared"`
	// Rho is ρ = ±√ρ², with the sign of the ranks' covariance: exact
	// when ρ² is the square of a fraction, otherwise rounded once to
	// [csat.Precision] places and marked inexact.
	Rho csat.Result `json:"rho"`
	// T is ρ√((n − 2)/(1 − ρ²)) to Precision places (zero when ρ² is
	// 1), DF = n − 2.
	T  decimal.Decimal `json:"t"`
	DF uint64          `json:"df"`
	// PValue is the two-sided p-value from Student's t with DF degrees
	// of freedom, I_{1−ρ²}(DF/2, 1/2), to Precision places.
	PValue decimal.Decimal `json:"p_value"`
	Alpha  decimal.Decimal `json:"alpha"`
	// Significant is PValue < Alpha.
	Significant bool `json:"significant"`
}

// ChurnFigures relate satisfaction to complaints and to churn, customer
// by customer (METHOD.md §12, 相关性): Spearman's ρ of the degree with the
// complaint count, the mean degree per status, and Welch's t test of the
// active customers against the lost — "the customers we lost rated us
// Lost's mean, those we kept Active's".
type ChurnFigures struct {
	Source string `json:"source"`
	// Customers are the surveyed customers, by id in byte order.
	Customers []ChurnCustomer `json:"customers"`
	// Presumed counts the surveyed customers without a status, counted
	// active.
	Presumed uint64 `json:"presumed,omitempty"`
	// OutsideCustomers counts the customers with a status or with forms
	// but no answers of the source; OutsideComplaints the complaints of
	// customers without answers (or without a customer id): outside the
	// figures.
	OutsideCustomers  uint64 `json:"outside_customers,omitempty"`
	OutsideComplaints uint64 `json:"outside_complaints,omitempty"`
	// Spearman is the rank correlation of degree and complaints; absent
	// with fewer customers than the suppression limit, or when every
	// customer has the same degree or the same number of complaints
	// (a caution says which).
	Spearman *RankCorrelation `json:"spearman,omitempty"`
	// Statuses are the figures of active, at-risk and lost customers, in
	// that order, always all three.
	Statuses []StatusFigure `json:"statuses"`
	// Test is Welch's t test of the active customers' degrees against
	// the lost customers' (Ours active, Theirs lost); absent when either
	// status is suppressed (a caution says so).
	Test *Comparison `json:"test,omitempty"`
}

// churnStatuses are the statuses of [ChurnFigures].Statuses, in order.
var churnStatuses = [...]csat.Status{csat.Active, csat.AtRisk, csat.Lost}

// churnFigures computes the figures of the customers cs (their degrees,
// complaints and statuses set), sorting them by id.
func churnFigures(source string, cs []ChurnCustomer, alpha decimal.Decimal, ms MinSample) (ChurnFigures, error) {
	slices.SortFunc(cs, func(a, b ChurnCustomer) int { return strings.Compare(a.Customer, b.Customer) })
	c := ChurnFigures{Source: source, Customers: cs, Statuses: make([]StatusFigure, 0, len(churnStatuses))}
	for i := 1; i < len(cs); i++ {
		if cs[i].Customer == cs[i-1].Customer {
			return ChurnFigures{}, errorf(csat.ErrDuplicate, "churn: customer %s given twice", quoteShort(cs[i].Customer))
		}
	}
	samples := map[csat.Status]stats.Sample{}
	for _, st := range churnStatuses {
		sum, sumSq := new(big.Rat), new(big.Rat)
		var n uint64
		for _, cu := range cs {
			if cu.Status == st {
				d := cu.Degree.Rat()
				sum.Add(sum, d)
				sumSq.Add(sumSq, exact.Mul(d, d))
				n++
			}
		}
		sf := StatusFigure{Status: st, Customers: n, Sample: ms.flag(n, n)}
		if n > 0 {
			m, err := csat.FromRat("mean degree ("+st.String()+")", csat.Fraction, exact.Quo(sum, exact.Uint(n)))
			if err != nil {
				return ChurnFigures{}, errorf(err, "churn: %s", st)
			}
			m = m.WithFormula(func() string {
				return "Σ degree of " + strconv.FormatUint(n, 10) + " customers / " + strconv.FormatUint(n, 10)
			}).In("zh", "平均满意度（"+statusZh[st]+"）", func() string {
				return strconv.FormatUint(n, 10) + " 位客户的满意度之和 / " + strconv.FormatUint(n, 10)
			}).In("en", "mean degree ("+st.String()+")", nil)
			sf.Mean = &m
		}
		samples[st] = stats.Sample{N: n, Sum: sum, SumSq: sumSq}
		c.Statuses = append(c.Statuses, sf)
	}
	if c.Statuses[0].Sample != SampleSuppressed && c.Statuses[2].Sample != SampleSuppressed {
		t, err := welchOfCustomers(*c.Statuses[0].Mean, *c.Statuses[2].Mean, samples[csat.Active], samples[csat.Lost], alpha)
		if err != nil {
			return ChurnFigures{}, err
		}
		c.Test = &t
	}
	var err error
	c.Spearman, err = spearman(cs, alpha, max(ms.Suppress, 3))
	return c, err
}

// statusZh are the customer statuses in Chinese.
var statusZh = map[csat.Status]string{csat.Active: "正常", csat.AtRisk: "风险", csat.Lost: "流失"}

// welchOfCustomers is Welch's t test of the customers' degrees of two
// statuses (sample a against b, their means ma and mb), as [Comparison].
func welchOfCustomers(ma, mb csat.Result, a, b stats.Sample, alpha decimal.Decimal) (Comparison, error) {
	diff, err := csat.Difference("difference", ma, mb)
	if err != nil {
		return Comparison{}, err
	}
	c := Comparison{Test: testWelch, Ours: ma, Theirs: mb, Difference: diff, Alpha: alpha}
	se2 := func(s stats.Sample) *big.Rat { // s²/n = (Σx² − (Σx)²/n) / ((n − 1) n)
		n := exact.Uint(s.N)
		return exact.Quo(exact.Sub(s.SumSq, exact.Quo(exact.Mul(s.Sum, s.Sum), n)), exact.Mul(n, exact.Uint(s.N-1)))
	}
	v := exact.Add(se2(a), se2(b))
	if v.Sign() == 0 { // both statuses alike within: t undefined
		c.PValue = one
		if diff.Rat().Sign() != 0 {
			c.PValue = decimal.Zero
		}
	} else {
		if c.Statistic, c.DF, c.PValue, err = stats.Welch(a, b, csat.Precision); err != nil {
			return Comparison{}, errorf(csat.ErrInvalid, "churn: welch test: %v", err)
		}
		c.SE = sqrtOf(v)
	}
	c.Significant = c.PValue.LessThan(alpha)
	c.formula = "t = " + c.Statistic.Round(csat.DisplayPlaces+1).String() + ", df = " + c.DF.Round(csat.DisplayPlaces).String()
	return c, nil
}

// sqrtOf returns √r (r ≥ 0) rounded once to Precision places: r is
// written to 2·(Precision + guard) places first, so that step moves the
// root by far less than the last place.
func sqrtOf(r *big.Rat) decimal.Decimal {
	const wp = csat.Precision + 12
	d, _ := exact.Decimal(r, 2*wp+2)
	return mathx.Sqrt(d, wp).Round(csat.Precision)
}

// ratSqrt returns √r exactly when r ≥ 0 is the square of a fraction.
func ratSqrt(r *big.Rat) (*big.Rat, bool) {
	if r.Sign() < 0 {
		return nil, false
	}
	num, den := new(big.Int).Sqrt(r.Num()), new(big.Int).Sqrt(r.Denom())
	if new(big.Int).Mul(num, num).Cmp(r.Num()) != 0 || new(big.Int).Mul(den, den).Cmp(r.Denom()) != 0 {
		return nil, false
	}
	return new(big.Rat).SetFrac(num, den), true
}

// averageRanks returns the ranks 1…n of the values, ties given the mean
// of the ranks they span. The values are read once as sort keys, so that
// comparing them allocates nothing.
func averageRanks(vals []*big.Rat) []*big.Rat {
	order := make([]int, len(vals))
	keys := make([]exact.Key, len(vals))
	var ks exact.Keys
	for i := range order {
		order[i], keys[i] = i, ks.OfRat(vals[i])
	}
	var c exact.Comparer
	slices.SortStableFunc(order, func(i, j int) int { return c.Cmp(keys[i], keys[j]) })
	ranks := make([]*big.Rat, len(vals))
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && c.Cmp(keys[order[j+1]], keys[order[i]]) == 0 {
			j++
		}
		r := big.NewRat(int64(i+j+2), 2) // ranks i+1 … j+1, averaged
		for k := i; k <= j; k++ {
			ranks[order[k]] = r
		}
		i = j + 1
	}
	return ranks
}

// spearman is Spearman's ρ of the customers' degrees and complaint
// counts, with its t test; nil on fewer than limit customers or when
// either has a single value.
func spearman(cs []ChurnCustomer, alpha decimal.Decimal, limit uint64) (*RankCorrelation, error) {
	n := uint64(len(cs))
	if n < limit {
		return nil, nil
	}
	x, y := make([]*big.Rat, n), make([]*big.Rat, n)
	for i, c := range cs {
		x[i], y[i] = c.Degree.Rat(), exact.Uint(c.Complaints)
	}
	rx, ry := averageRanks(x), averageRanks(y)
	mean := new(big.Rat).SetFrac(new(big.Int).SetUint64(n+1), big.NewInt(2)) // the mean rank, (n + 1) / 2
	sxy, sxx, syy := new(big.Rat), new(big.Rat), new(big.Rat)
	for i := range rx {
		dx, dy := exact.Sub(rx[i], mean), exact.Sub(ry[i], mean)
		sxy.Add(sxy, exact.Mul(dx, dy))
		sxx.Add(sxx, exact.Mul(dx, dx))
		syy.Add(syy, exact.Mul(dy, dy))
	}
	if sxx.Sign() == 0 || syy.Sign() == 0 {
		return nil, nil
	}
	rho2 := exact.Quo(exact.Mul(sxy, sxy), exact.Mul(sxx, syy))
	rc := &RankCorrelation{N: n, DF: n - 2, Alpha: alpha}
	var err error
	if rc.RhoSquared, err = csat.FromRat("Spearman ρ²", csat.Points, rho2); err != nil {
		return nil, err
	}
	if r, ok := ratSqrt(rho2); ok {
		if sxy.Sign() < 0 {
			r.Neg(r)
		}
		rc.Rho, err = csat.FromRat("Spearman ρ", csat.Points, r)
	} else {
		v := sqrtOf(rho2)
		if sxy.Sign() < 0 {
			v = v.Neg()
		}
		rc.Rho, err = csat.Approx("Spearman ρ", csat.Points, v)
		rc.Rho = rc.Rho.WithFormula(func() string { return "±√ρ²" })
	}
	if err != nil {
		return nil, err
	}
	rest := exact.Sub(exact.Int(1), rho2) // 1 − ρ²
	if rest.Sign() == 0 {
		rc.PValue = decimal.Zero // a perfect rank correlation: t is infinite
	} else {
		t2 := exact.Quo(exact.Mul(rho2, exact.Uint(n-2)), rest)
		rc.T = sqrtOf(t2)
		if sxy.Sign() < 0 {
			rc.T = rc.T.Neg()
		}
		const wp = csat.Precision + 12
		xd, _ := exact.Decimal(rest, wp) // df/(df + t²) = 1 − ρ²
		rc.PValue = mathx.BetaInc(decimal.NewFromUint64(n-2).Mul(decimal.New(5, -1)), decimal.New(5, -1), xd, wp).Round(csat.Precision)
	}
	rc.Significant = rc.PValue.LessThan(alpha)
	return rc, nil
}

// Summary words the figures in English: "customers we lost rated us X
// (n), those we kept Y (m)", with the test and the rank correlation.
func (c ChurnFigures) Summary() string {
	mean := func(st csat.Status) string {
		for _, f := range c.Statuses {
			if f.Status == st && f.Mean != nil {
				return f.Mean.String() + " (" + strconv.FormatUint(f.Customers, 10) + " customers)"
			}
		}
		return "— (no customers)"
	}
	s := "customers we lost rated us " + mean(csat.Lost) + ", those we kept " + mean(csat.Active)
	if c.Test != nil {
		s += "; " + c.Test.Explain()
	} else {
		s += "; too few customers to test the difference"
	}
	if c.Spearman != nil {
		s += "; Spearman ρ of degree and complaints " + c.Spearman.Rho.Round(4).String() + " over " + strconv.FormatUint(c.Spearman.N, 10) +
			" customers, p = " + c.Spearman.PValue.Round(4).String()
	}
	return s
}

// churnCautions cautions the parts of c that could not be computed: no
// rank correlation (with the customers, distinct degrees and distinct
// complaint counts; limit the least number of customers), and the
// statuses too small to test.
func churnCautions(c ChurnFigures, ms MinSample) []Caution {
	var out []Caution
	if c.Spearman == nil {
		degrees, complaints := map[string]bool{}, map[uint64]bool{}
		for _, cu := range c.Customers {
			degrees[cu.Degree.Rat().RatString()] = true
			complaints[cu.Complaints] = true
		}
		out = append(out, Caution{Kind: CautionNoCorrelation, N: []uint64{uint64(len(c.Customers)), uint64(len(degrees)), uint64(len(complaints))},
			Limit: max(ms.Suppress, 3)})
	}
	small := Caution{Kind: CautionChurnSmall, Limit: ms.Suppress}
	for _, sf := range c.Statuses {
		if sf.Status != csat.AtRisk && sf.Sample == SampleSuppressed {
			small.Values, small.N = append(small.Values, sf.Status.String()), append(small.N, sf.Customers)
		}
	}
	if len(small.Values) > 0 {
		out = append(out, small)
	}
	return out
}

// Churn relates satisfaction to complaints and to churn customer by
// customer (METHOD.md §12, 相关性): every customer named on the source's
// forms of st (form.Form's Customer), its answers pooled over every item
// and form into its satisfaction degree ([csat.Degree]); its number of
// complaints (csat.Complaint's Customer); its status by the map status,
// a customer without one counting as active (and counted in Presumed).
// From them:
//
//   - Spearman's ρ of degree and complaint count: the Pearson correlation
//     of their ranks, ties given their average rank; ρ² exact, ρ its
//     signed square root (rounded once to [csat.Precision] places unless
//     exact), and the two-sided p-value from Student's t,
//     t = ρ√((n − 2)/(1 − ρ²)) with n − 2 degrees of freedom,
//     p = I_{1−ρ²}((n − 2)/2, 1/2); none with fewer customers than the
//     suppression limit (at least 3), or when every customer has the
//     same degree or the same number of complaints;
//   - the mean degree of the active (正常), at-risk (风险) and lost (流失)
//     customers, each customer counting once, flagged by the sample-size
//     rule on the customers;
//   - Welch's t test of the active customers' degrees against the lost
//     customers' (exact sums, t, df and p as [CompareDegrees] gives them),
//     unless either has fewer customers than the suppression limit.
//
// Complaints of customers without survey answers (or without a customer
// id) are counted in OutsideComplaints, customers with a status or forms
// but no survey answers in OutsideCustomers: outside the figures, never
// dropped silently.
//
// A nil st, or no customer named on the source's forms, is
// [csat.ErrEmpty]; an unknown status, an invalid alpha or sample rule
// [csat.ErrInvalid] or [csat.ErrOutOfRange].
func Churn(st *form.Stats, complaints []csat.Complaint, status map[string]csat.Status, opts *ChurnOptions) (ChurnFigures, error) {
	var o ChurnOptions
	if opts != nil {
		o = *opts
	}
	if o.Source == "" {
		o.Source = csat.SourceSurvey
	}
	alpha, err := alphaOr(o.Alpha)
	if err != nil {
		return ChurnFigures{}, err
	}
	ms, err := o.MinSample.resolve()
	if err != nil {
		return ChurnFigures{}, err
	}
	if st == nil || st.Scale() == nil || len(st.Customers(o.Source)) == 0 {
		return ChurnFigures{}, errorf(csat.ErrEmpty, "churn: no forms of %s name their customers", quoteShort(o.Source))
	}
	for _, id := range slices.Sorted(maps.Keys(status)) {
		if _, err := status[id].MarshalText(); err != nil {
			return ChurnFigures{}, errorf(csat.ErrInvalid, "churn: customer %s: status %d", quoteShort(id), status[id])
		}
	}
	var cs []ChurnCustomer
	var presumed, outside uint64
	answered := map[string]bool{}
	for _, id := range st.Customers(o.Source) {
		tl := st.CustomerTally(id, o.Source)
		n, err := tl.N()
		if err != nil {
			return ChurnFigures{}, errorf(err, "churn: customer %s", quoteShort(id))
		}
		if n == 0 {
			outside++
			continue
		}
		d, err := csat.Degree{}.Score(tl)
		if err != nil {
			return ChurnFigures{}, errorf(err, "churn: customer %s", quoteShort(id))
		}
		s, ok := status[id]
		if !ok {
			presumed++
		}
		answered[id] = true
		cs = append(cs, ChurnCustomer{Customer: id, Answers: n, Counts: tl.Counts(), Degree: d, Status: s})
	}
	for id := range status {
		if !answered[id] && st.CustomerForms(id, o.Source) == 0 {
			outside++ // a status without forms (customers with forms but no answers are counted above)
		}
	}
	counts := map[string]uint64{}
	var outsideComplaints uint64
	for _, c := range complaints {
		if answered[c.Customer] {
			counts[c.Customer]++
		} else {
			outsideComplaints++
		}
	}
	for i := range cs {
		cs[i].Complaints = counts[cs[i].Customer]
	}
	if len(cs) == 0 {
		return ChurnFigures{}, errorf(csat.ErrEmpty, "churn: no customer named on the forms of %s answered an item", quoteShort(o.Source))
	}
	c, err := churnFigures(o.Source, cs, alpha, ms)
	if err != nil {
		return ChurnFigures{}, err
	}
	c.Presumed, c.OutsideCustomers, c.OutsideComplaints = presumed, outside, outsideComplaints
	return c, nil
}
