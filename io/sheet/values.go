package sheet

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/csatkit/csat/internal/iox"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// ReadValues reads customer values (customer, value: a CLV or any exact
// figure to segment by; see the package doc) from the CSV or XLSX file at
// path, sorted by customer id. Each value is a [csat.Result] of kind
// [csat.Points] labelled "value", exact as written. A bad row is a
// [*csat.ParseError] wrapping [csat.ErrInvalid] (not a number),
// [csat.ErrOutOfRange] (beyond csat's input limits), [csat.ErrDuplicate]
// (a customer given twice) or [csat.ErrMissing]. Other errors are as for
// [ReadAnswers]. A file with no rows gives no values and no error.
func ReadValues(path string, opts *Options) ([]csat.CustomerValue, Summary, error) {
	return readValues(path, nil, opts)
}

// ReadValuesFrom is [ReadValues] for a reader, named as for
// [ReadAnswersFrom].
func ReadValuesFrom(r io.Reader, name string, opts *Options) ([]csat.CustomerValue, Summary, error) {
	if iox.IsNil(r) {
		return nil, Summary{File: name}, fmt.Errorf("csat: %s: nil reader: %w", name, csat.ErrInvalid)
	}
	return readValues(name, r, opts)
}

func readValues(name string, in io.Reader, opts *Options) ([]csat.CustomerValue, Summary, error) {
	r, err := start(name, in, opts)
	if err != nil {
		return nil, Summary{File: name, Errors: []error{err}}, err
	}
	values := map[string]csat.Result{}
	err = r.values(values)
	keep, err := r.finish(err)
	if !keep {
		return nil, *r.sum, err
	}
	out := make([]csat.CustomerValue, 0, len(values))
	for _, id := range slices.Sorted(maps.Keys(values)) {
		out = append(out, csat.CustomerValue{ID: id, Value: values[id]})
	}
	return out, *r.sum, err
}

func (r *run) values(values map[string]csat.Result) error {
	header, err := r.header()
	if err != nil {
		return err
	}
	cs, err := r.mapColumns(header, []string{colCustomer, colValue}, nil)
	if err != nil {
		return err
	}
	lines := map[string]int{}
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		id := cs.get(rec, colCustomer)
		if id == "" {
			return r.colError(cs, colCustomer, valueError("empty", "", nil, fmt.Errorf("empty customer id: %w", csat.ErrMissing)))
		}
		if l, dup := lines[id]; dup {
			return r.colError(cs, colCustomer, fmt.Errorf("customer %s given twice (first on line %d): %w", quote(id), l, csat.ErrDuplicate))
		}
		d, err := parseDecimal("value", cs.get(rec, colValue), r.xlsx)
		if err != nil {
			return r.colError(cs, colValue, err)
		}
		v, err := csat.Given("value", csat.Points, d)
		if err != nil {
			return r.colError(cs, colValue, err)
		}
		values[id] = v
		lines[id] = r.src.line(0)
		return nil
	})
}

// ReadPurchases reads purchase margins (customer, period, margin; see the
// package doc) from the CSV or XLSX file at path, for computing each
// customer's CLV with [csat.CLV]. It returns, per customer, one margin per
// period of the file, in the order of their meaning ([SortPeriods]): the sum of the customer's
// margins in that period, 0 where it has none, so that the t-th margin of
// every customer is of the same period. Margins may be negative. More
// than [csat.MaxPeriods] periods is an error wrapping
// [csat.ErrOutOfRange]; other errors are as for [ReadValues].
func ReadPurchases(path string, opts *Options) (map[string][]decimal.Decimal, Summary, error) {
	return readPurchases(path, nil, opts)
}

// ReadPurchasesFrom is [ReadPurchases] for a reader, named as for
// [ReadAnswersFrom].
func ReadPurchasesFrom(r io.Reader, name string, opts *Options) (map[string][]decimal.Decimal, Summary, error) {
	if iox.IsNil(r) {
		return nil, Summary{File: name}, fmt.Errorf("csat: %s: nil reader: %w", name, csat.ErrInvalid)
	}
	return readPurchases(name, r, opts)
}

func readPurchases(name string, in io.Reader, opts *Options) (map[string][]decimal.Decimal, Summary, error) {
	r, err := start(name, in, opts)
	if err != nil {
		return nil, Summary{File: name, Errors: []error{err}}, err
	}
	sums := map[string]map[string]decimal.Decimal{} // customer → period → margin
	periods := map[string]int{}                     // period → its first line
	err = r.purchases(sums, periods)
	keep, err := r.finish(err)
	if !keep {
		return nil, *r.sum, err
	}
	order := slices.Sorted(maps.Keys(periods))
	if bad, oerr := orderPeriods(order); oerr != nil {
		perr := &csat.ParseError{File: name, Line: periods[bad], Err: oerr}
		r.sum.Errors = append(r.sum.Errors, perr)
		return nil, *r.sum, errors.Join(err, perr) // err: the rows rejected with CollectAll
	}
	out := make(map[string][]decimal.Decimal, len(sums))
	for id, m := range sums {
		ms := make([]decimal.Decimal, len(order))
		for i, p := range order {
			ms[i] = m[p] // the zero Decimal is 0
		}
		out[id] = ms
	}
	return out, *r.sum, err
}

func (r *run) purchases(sums map[string]map[string]decimal.Decimal, periods map[string]int) error {
	header, err := r.header()
	if err != nil {
		return err
	}
	cs, err := r.mapColumns(header, []string{colCustomer, colPeriod, colMargin}, nil)
	if err != nil {
		return err
	}
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		id := cs.get(rec, colCustomer)
		if id == "" {
			return r.colError(cs, colCustomer, valueError("empty", "", nil, fmt.Errorf("empty customer id: %w", csat.ErrMissing)))
		}
		p := cs.get(rec, colPeriod)
		if p == "" {
			return r.colError(cs, colPeriod, valueError("empty", "", nil, fmt.Errorf("empty period: %w", csat.ErrMissing)))
		}
		if _, seen := periods[p]; !seen && len(periods) >= csat.MaxPeriods {
			return r.colError(cs, colPeriod, fmt.Errorf("period %s is one more than %d periods: %w", quote(p), csat.MaxPeriods, csat.ErrOutOfRange))
		}
		m, err := parseDecimal("margin", cs.get(rec, colMargin), r.xlsx)
		if err != nil {
			return r.colError(cs, colMargin, err)
		}
		if _, seen := periods[p]; !seen {
			periods[p] = r.src.line(0)
		}
		if sums[id] == nil {
			sums[id] = map[string]decimal.Decimal{}
		}
		sums[id][p] = sums[id][p].Add(m)
		return nil
	})
}
