package form

import (
	"strconv"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
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
// forms, under the deletion given. Errors wrap csat.ErrUnknownItem (a
// variable not on the source's forms, or group statistics) or
// csat.ErrInvalid (no variables, a variable twice, an unknown deletion).
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
	case Pairwise:
	case Listwise:
		return Matrix{}, errs.New(csat.ErrInvalid, "matrix: listwise deletion is not yet kept")
	default:
		return Matrix{}, errs.New(csat.ErrInvalid, "matrix: unknown deletion "+d.String())
	}
	m := Matrix{Vars: append([]string(nil), vars...), Deletion: d, M: make([][]Moments, len(vars))}
	for i := range vars {
		m.M[i] = make([]Moments, len(vars))
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
