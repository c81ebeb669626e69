package csat

// TRANSITION (issue 9): unexported result builders kept only while the
// built-ins move to the public constructors. This file must be deleted
// before the issue closes.

import (
	"math/big"

	"github.com/shopspring/decimal"
)

func newResult(label string, kind Kind, num, den decimal.Decimal, formula func() string, parts []Result) Result {
	r := quotient(label, kind, num, den)
	r.formula, r.parts = formula, parts
	return r
}

func ratResult(label string, kind Kind, q *big.Rat, formula func() string, parts []Result) Result {
	r, _ := FromRat(label, kind, q)
	r.formula, r.parts = formula, parts
	return r
}

func given(label string, kind Kind, v decimal.Decimal) Result {
	return Result{label: label, kind: kind, value: v, num: v, den: one}
}
