package form

import (
	"slices"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
	"github.com/shopspring/decimal"
)

// Deletion says which forms the co-moments of a [Matrix] rest on when
// some forms leave a variable blank.
type Deletion uint8

const (
	// Listwise uses only the forms that answered every variable of the
	// matrix (complete cases): every entry rests on the same forms, so
	// the matrix is a proper covariance matrix (the zero value).
	Listwise Deletion = iota
	// Pairwise uses, for each pair of variables, the forms that
	// answered both: more forms per entry, but entries rest on
	// different forms.
	Pairwise
)

// String returns "listwise" or "pairwise".
func (d Deletion) String() string {
	switch d {
	case Listwise:
		return "listwise"
	case Pairwise:
		return "pairwise"
	}
	return "deletion(" + strconv.Itoa(int(d)) + ")"
}

// A Matrix holds the co-moments of every pair of a list of variables
// (items, or [Overall]) on one source's forms: M[i][j] are the
// co-moments of Vars[i] (x) and Vars[j] (y), so M[j][i] is M[i][j] with
// x and y swapped, and M[i][i] are the moments of Vars[i] alone. Under
// [Listwise] deletion every entry has the same N: the number of complete
// forms.
type Matrix struct {
	Vars     []string
	Deletion Deletion
	M        [][]Moments
}

// Matrix returns the co-moments of every pair of vars on the source's
// forms, under the deletion given.
//
// Under [Pairwise] deletion they are those of [Stats.Moments]. Under
// [Listwise] deletion they rest on the forms that answered every one of
// vars: Stats keep, per answer pattern (the set of variables a form
// answered), the number of its forms and the sums of its points and of
// their products, exactly, so that the sums of the patterns holding all
// of vars are the complete forms' co-moments, whatever vars are asked
// for and however the forms were sharded and merged. When the source's
// forms show more than [MaxPatterns] patterns, listwise co-moments of k
// variables are exact only when every pattern not kept has fewer than k
// variables; otherwise Matrix returns an error wrapping
// [csat.ErrOverflow] that gives the forms not kept (use Pairwise then).
//
// Other errors wrap csat.ErrUnknownItem (a variable not on the source's
// forms, or group statistics), csat.ErrEmpty (no form answered all of
// vars, under Listwise) or csat.ErrInvalid (no variables, a variable
// twice, an unknown deletion).
func (s *Stats) Matrix(source string, vars []string, d Deletion) (Matrix, error) {
	if len(vars) == 0 {
		return Matrix{}, errs.New(csat.ErrInvalid, "matrix: no variables")
	}
	seen := make(map[string]bool, len(vars))
	for _, v := range vars {
		if seen[v] {
			return Matrix{}, errs.New(csat.ErrInvalid, "matrix: variable "+errs.QuoteShort(v)+" twice")
		}
		seen[v] = true
	}
	switch d {
	case Pairwise, Listwise:
	default:
		return Matrix{}, errs.New(csat.ErrInvalid, "matrix: unknown deletion "+d.String())
	}
	m := Matrix{Vars: append([]string(nil), vars...), Deletion: d, M: make([][]Moments, len(vars))}
	for i := range vars {
		m.M[i] = make([]Moments, len(vars))
	}
	if d == Listwise {
		if err := s.listwise(source, &m); err != nil {
			return Matrix{}, err
		}
		return m, nil
	}
	for i, x := range vars {
		for j := i; j < len(vars); j++ {
			mo, err := s.Moments(source, x, vars[j])
			if err != nil {
				return Matrix{}, err
			}
			m.M[i][j] = mo
			m.M[j][i] = Moments{N: mo.N, SumX: mo.SumY, SumY: mo.SumX, SumXX: mo.SumYY, SumYY: mo.SumXX, SumXY: mo.SumXY}
		}
	}
	return m, nil
}

// listwise fills m with the co-moments of m.Vars over the forms that
// answered all of them: the sums of the answer patterns that hold every
// variable.
func (s *Stats) listwise(source string, m *Matrix) error {
	vars := m.Vars
	for _, v := range vars {
		if _, err := s.Moments(source, v, v); err != nil {
			return err
		}
	}
	pt := s.parts[source]
	if pt.unkept > 0 && len(vars) <= pt.unkeptVars {
		return errs.New(csat.ErrOverflow, "matrix: listwise: the answer patterns of "+strconv.FormatUint(pt.unkept, 10)+" forms of source "+errs.QuoteShort(source)+
			" were not kept (more than "+strconv.Itoa(maxPatterns)+" patterns; those not kept have up to "+strconv.Itoa(pt.unkeptVars)+
			" variables, so listwise co-moments need more than "+strconv.Itoa(pt.unkeptVars)+"); use form.Pairwise")
	}
	ip, k := s.ip, len(vars)
	var n uint64
	x := make([]uint64, k*ip.wx)
	xy := make([]uint64, k*k*ip.wxy) // [i][j], i ≤ j
	at := make([]int, k)
	for _, p := range pt.patterns {
		if !p.holds(vars, at) {
			continue
		}
		n += p.n
		pk := len(p.vars)
		for i, a := range at {
			addWords(x[i*ip.wx:(i+1)*ip.wx], p.sums[a*ip.wx:])
			for j := i; j < k; j++ {
				lo, hi := min(a, at[j]), max(a, at[j])
				addWords(xy[(i*k+j)*ip.wxy:(i*k+j+1)*ip.wxy], p.sums[pk*ip.wx+tri(lo, hi, pk)*ip.wxy:])
			}
		}
	}
	if n == 0 {
		return errs.New(csat.ErrEmpty, "matrix: listwise: no form of source "+errs.QuoteShort(source)+" answered all of "+varList(vars))
	}
	sum := func(i int) decimal.Decimal { return ip.sumDecimal(x[i*ip.wx:(i+1)*ip.wx], 1) }
	prod := func(i, j int) decimal.Decimal { return ip.sumDecimal(xy[(i*k+j)*ip.wxy:(i*k+j+1)*ip.wxy], 2) }
	for i := range k {
		for j := i; j < k; j++ {
			mo := Moments{N: n, SumX: sum(i), SumY: sum(j), SumXX: prod(i, i), SumYY: prod(j, j), SumXY: prod(i, j)}
			m.M[i][j] = mo
			m.M[j][i] = Moments{N: n, SumX: mo.SumY, SumY: mo.SumX, SumXX: mo.SumYY, SumYY: mo.SumXX, SumXY: mo.SumXY}
		}
	}
	return nil
}

// holds reports whether p's variables include all of vars, setting
// at[i] to the index of vars[i] among p's.
func (p *pattern) holds(vars []string, at []int) bool {
	for i, v := range vars {
		a, ok := slices.BinarySearch(p.vars, v)
		if !ok {
			return false
		}
		at[i] = a
	}
	return true
}

// varList names the variables in a message: items quoted, the overall
// question as such.
func varList(vars []string) string {
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = varName(v)
	}
	return strings.Join(out, ", ")
}
