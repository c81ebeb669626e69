package htmlreport

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// This file prints the report's figures: in tables, cards, chart labels
// and sentences at [Options.Places] decimal places (one by default),
// trailing zeros kept (76.0%), never marked "≈"; differences of
// fractions in percentage points (+2.6 个百分点, +2.6 pp). Derivations
// and hover titles print as the library explains them, in the report's
// language ([csat.Result.ExplainIn]): only there does "≈" mark a figure
// rounded from its exact value.

// defaultPlaces is the number of decimal places when [Options.Places] is
// zero; maxPlaces the most allowed.
const (
	defaultPlaces = 1
	maxPlaces     = 4
)

// fmtr prints figures in a language at a number of places.
type fmtr struct {
	l      lang
	places int32
}

// code is the language's tag for [csat.Result.ExplainIn].
func (f fmtr) code() string { return f.l.code() }

// dec prints v at the places, trailing zeros kept.
func (f fmtr) dec(v decimal.Decimal) string { return v.Round(f.places).StringFixed(f.places) }

// value returns r's value at the places: a fraction in percent (the
// rounding from r's exact numerator and denominator, half away from
// zero), else as it is.
func (f fmtr) value(r csat.Result) decimal.Decimal {
	if r.Kind() == csat.Fraction {
		return r.Round(f.places + 2).Shift(2)
	}
	return r.Round(f.places)
}

// num prints r at the places, a fraction as a percentage (76.0%, 81.05).
func (f fmtr) num(r csat.Result) string {
	s := f.value(r).StringFixed(f.places)
	if r.Kind() == csat.Fraction {
		s += "%"
	}
	return s
}

// explain is r's one-line derivation in the report's language.
func (f fmtr) explain(r csat.Result) string { return r.ExplainIn(f.code()) }

// derivation is r's full derivation in the report's language, without
// its last line break.
func (f fmtr) derivation(r csat.Result) string {
	return strings.TrimSuffix(r.DerivationIn(f.code()), "\n")
}

// cell is r's table cell: its value, its derivation on hover.
func (f fmtr) cell(r csat.Result) cell { return cell{Value: f.num(r), Title: f.explain(r)} }

// figure is a figure's cell with its interval.
func (f fmtr) figure(fg analysis.Figure) cell {
	c := f.cell(fg.Score)
	if fg.Interval != nil {
		c.Interval = f.interval(fg.Interval)
	}
	return c
}

// interval prints an interval's bounds at the places, as percentages
// for a fraction's: "[70.2%, 81.3%]".
func (f fmtr) interval(iv *csat.Interval) string {
	if iv == nil {
		return ""
	}
	b := func(d decimal.Decimal) string {
		if iv.Estimate.Kind() == csat.Fraction {
			return d.Shift(2).Round(f.places).StringFixed(f.places) + "%"
		}
		return f.dec(d)
	}
	return "[" + b(iv.Low) + ", " + b(iv.High) + "]"
}

// signedNum prints r signed (+2.6, −1.0, 0.0), a fraction in percentage
// points without the unit.
func (f fmtr) signedNum(r csat.Result) string {
	v := f.value(r)
	s := v.StringFixed(f.places)
	switch {
	case v.IsPositive():
		s = "+" + s
	case v.IsNegative():
		s = "−" + s[1:]
	}
	return s
}

// pp prints a difference signed, a difference of fractions in percentage
// points with its unit: +2.6 个百分点, +2.6 pp; −1.25 for points.
func (f fmtr) pp(r csat.Result) string {
	s := f.signedNum(r)
	if r.Kind() == csat.Fraction {
		s += f.l.t("pp_short")
	}
	return s
}

// signed is a difference's cell: signed, in percentage points for
// fractions, its derivation on hover.
func (f fmtr) signed(r csat.Result) cell { return cell{Value: f.pp(r), Title: f.explain(r)} }

// chartNum is r as a chart number at the places: a fraction in percent.
func (f fmtr) chartNum(r csat.Result) numStr { return numStr(f.value(r).String()) }

// pctNum is a fraction as a chart number in percent at the places.
func (f fmtr) pctNum(d decimal.Decimal) numStr { return numStr(d.Shift(2).Round(f.places).String()) }

// ratPct returns k/n in percent at the places as a chart number (0
// when n is zero), rounded half away from zero.
func (f fmtr) ratPct(k, n *big.Int) numStr {
	if n.Sign() == 0 {
		return "0"
	}
	r := new(big.Rat).SetFrac(new(big.Int).Mul(k, big.NewInt(100)), n)
	return numStr(exactRound(r, f.places))
}

// countPct is ratPct of two counts.
func (f fmtr) countPct(k, n uint64) numStr {
	return f.ratPct(new(big.Int).SetUint64(k), new(big.Int).SetUint64(n))
}

// countLabel prints k/n as a percentage at the places, trailing zeros
// kept (60.0%, 33.3%), for tables.
func (f fmtr) countLabel(k, n uint64) string {
	if n == 0 {
		return f.dec(decimal.Zero) + "%"
	}
	r := new(big.Rat).SetFrac(new(big.Int).Mul(new(big.Int).SetUint64(k), big.NewInt(100)), new(big.Int).SetUint64(n))
	return exactRound(r, f.places) + "%"
}

// countDeriv prints k/n as a percentage for a derivation: to
// [csat.DisplayPlaces] places, trailing zeros dropped, marked ≈ when
// rounded (60%, ≈33.33%), as the library prints figures.
func countDeriv(k, n uint64) string {
	if n == 0 {
		return "0%"
	}
	r := new(big.Rat).SetFrac(new(big.Int).Mul(new(big.Int).SetUint64(k), big.NewInt(100)), new(big.Int).SetUint64(n))
	s := strings.TrimSuffix(strings.TrimRight(exactRound(r, csat.DisplayPlaces), "0"), ".")
	shown, _ := new(big.Rat).SetString(s)
	if shown == nil || shown.Cmp(r) != 0 {
		s = "≈" + s
	}
	return s + "%"
}

// exactRound prints r rounded half away from zero to places places.
func exactRound(r *big.Rat, places int32) string {
	// FloatString rounds half away from zero.
	return r.FloatString(int(places))
}

// levelLabel prints an interval's confidence level as a percentage
// (0.95 → 95%).
func levelLabel(iv *csat.Interval) string {
	if iv == nil {
		return ""
	}
	return iv.Level.Shift(2).Round(2).String() + "%"
}

// checkPlaces reads [Options.Places].
func checkPlaces(p int) (int32, error) {
	switch {
	case p == 0:
		return defaultPlaces, nil
	case p >= 1 && p <= maxPlaces:
		return int32(p), nil //nolint:gosec // G115: between 1 and 4
	}
	return 0, fmt.Errorf("htmlreport: %d decimal places: want 1 to %d: %w", p, maxPlaces, csat.ErrInvalid)
}
