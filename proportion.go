package csat

import "github.com/shopspring/decimal"

// A Proportion is k of n: satisfied answers of all answers, promoters of
// respondents, forms returned of forms sent. [Wilson] and
// [github.com/csatkit/csat/analysis.CompareRates] take one; [SatisfiedOf]
// reads the satisfied proportion of a tally.
type Proportion struct {
	K, N uint64
}

// Validate reports n = 0 ([ErrEmpty]) and k > n ([ErrOutOfRange]).
func (p Proportion) Validate() error {
	switch {
	case p.N == 0:
		return errorf(ErrEmpty, "proportion %d of 0", p.K)
	case p.K > p.N:
		return errorf(ErrOutOfRange, "proportion %d of %d", p.K, p.N)
	}
	return nil
}

// Result returns k/n as an exact [Fraction] labelled label, printed
// "k/n"; errors as for [Proportion.Validate].
func (p Proportion) Result(label string) (Result, error) {
	if err := p.Validate(); err != nil {
		return Result{}, err
	}
	return Quotient(label, Fraction, decimal.NewFromUint64(p.K), decimal.NewFromUint64(p.N))
}

// String returns "k/n".
func (p Proportion) String() string {
	return decimal.NewFromUint64(p.K).String() + "/" + decimal.NewFromUint64(p.N).String()
}

// SatisfiedOf returns the proportion of t's answers at a level that
// counts as satisfied (the satisfaction rate's k of n). A tally of more
// than 2⁶⁴ − 1 answers (possible after merges) is [ErrOverflow]; an empty
// one [ErrEmpty].
func SatisfiedOf(t Tally) (Proportion, error) {
	if t.scale == nil {
		return Proportion{}, errorf(ErrEmpty, "tally without scale")
	}
	n, err := t.N()
	if err != nil {
		return Proportion{}, err
	}
	var k uint64
	for i, l := range t.scale.levels {
		if l.Satisfied {
			k += t.counts[i] // ≤ n, which fits
		}
	}
	p := Proportion{K: k, N: n}
	return p, p.Validate()
}
