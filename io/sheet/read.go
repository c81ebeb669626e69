package sheet

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/csatkit/csat"
	"golang.org/x/text/unicode/norm"
)

// excelErrors are the error values a spreadsheet shows for a failed
// formula; exported to CSV they arrive as text, and are never data.
var excelErrors = map[string]bool{"#N/A": true, "#REF!": true, "#VALUE!": true, "#DIV/0!": true, "#NAME?": true,
	"#NULL!": true, "#NUM!": true, "#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true, "#FIELD!": true, "#BLOCKED!": true}

// clean checks and normalises the fields of a row in place: a control
// character (other than line feed and tab) or a spreadsheet's error
// value is an error naming the field; every field is put in Unicode
// normal form C, so that "é" typed as one character or as e + ◌́ is one
// name.
func (r *run) clean(rec []string) error {
	for i, f := range rec {
		if j := strings.IndexFunc(f, badControl); j >= 0 {
			return r.fieldError(i, valueError("control", f, nil, fmt.Errorf("%s has the control character %U: %w", quote(f), []rune(f[j:])[0], csat.ErrInvalid)))
		}
		if excelErrors[strings.ToUpper(f)] {
			return r.fieldError(i, valueError("excel-error", f, nil, fmt.Errorf("the spreadsheet's error value %s (a formula that failed), not data: %w", f, csat.ErrInvalid)))
		}
		if !norm.NFC.IsNormalString(f) {
			rec[i] = norm.NFC.String(f)
		}
	}
	return nil
}

// run is one read of a file: its rows, its summary and its errors.
type run struct {
	c    *config
	name string
	src  rowSource
	sum  *Summary
	xlsx bool
	// headers is the header row, once read (for the errors' Header).
	headers []string
	// failed is set when the read could not go through the file (a bad
	// header, a fatal error): no data is returned then, even with
	// CollectAll.
	failed bool
	// items are the items met, for Summary.Items.
	items map[string]bool
}

// noteItem adds item to Summary.Items the first time it is met.
func (r *run) noteItem(item string) {
	if r.items[item] {
		return
	}
	if r.items == nil {
		r.items = make(map[string]bool)
	}
	r.items[item] = true
	r.sum.Items = append(r.sum.Items, item)
}

// start opens the file (path, or r when r is not nil) for a read.
func start(path string, r io.Reader, opts *Options) (*run, error) {
	c, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	sum := &Summary{File: path}
	var src rowSource
	if r != nil {
		src, err = openReader(r, path, c, sum)
	} else {
		src, err = open(path, c, sum)
	}
	if err != nil {
		return nil, err
	}
	return &run{c: c, name: path, src: src, sum: sum, xlsx: sum.Format == FormatXLSX}, nil
}

// rows calls row for each data row after the header. A row error (a
// *csat.ParseError from the source or from row) rejects the row: the read
// stops there, or with CollectAll goes on; row must then have changed
// nothing. The error returned is the first row error, a *RejectedError
// with CollectAll, or a fatal error (joined with the rejected rows).
func (r *run) rows(row func(rec []string) error) error {
	var errs []error
	for {
		rec, err := r.src.next()
		switch {
		case err == nil:
			if !r.src.cleaned() {
				err = r.clean(rec)
			}
		case errors.Is(err, io.EOF):
			r.sum.Blank = r.src.blank()
			return r.rejected(errs)
		case isFatal(err):
			return r.fatal(errs, err)
		default:
			r.withHeader(err)
		}
		r.sum.Rows++
		if err == nil {
			err = row(rec)
		}
		if err == nil {
			r.sum.Accepted++
			continue
		}
		r.sum.Rejected++
		if !r.c.CollectAll {
			r.sum.Errors = []error{err}
			r.sum.Blank = r.src.blank()
			return err
		}
		if len(errs) < r.c.maxErrors {
			errs = append(errs, err)
		}
	}
}

// isFatal reports whether err stops a read even with CollectAll.
func isFatal(err error) bool {
	var fe *fatalError
	return errors.As(err, &fe)
}

// fatal ends a read on a fatal error, joined with the rows rejected
// before it.
func (r *run) fatal(errs []error, err error) error {
	var fe *fatalError
	errors.As(err, &fe)
	r.failed = true
	r.sum.Blank = r.src.blank()
	rej := r.rejected(errs)
	r.sum.Errors = append(r.sum.Errors, fe.err)
	if rej != nil {
		return errors.Join(rej, fe.err)
	}
	return fe.err
}

// rejected returns the error of the rows rejected with CollectAll, nil
// if none was.
func (r *run) rejected(errs []error) error {
	r.sum.Errors = errs
	if r.sum.Rejected == 0 {
		return nil
	}
	return &RejectedError{File: r.name, Rows: r.sum.Rows, Rejected: r.sum.Rejected, Errs: errs}
}

// finish closes the source; the first error wins. It reports whether
// the data read is to be returned: without error, or with CollectAll
// after rejected rows only.
func (r *run) finish(err error) (bool, error) {
	if cerr := r.src.close(); cerr != nil && err == nil {
		r.failed = true
		err = fmt.Errorf("csat: %s: %w", r.name, cerr)
	}
	return err == nil || r.c.CollectAll && !r.failed, err
}

// fieldError returns a *csat.ParseError about field i (0-based) of the
// current row: with the field's header once the header is read, and in a
// spreadsheet its sheet and cell.
func (r *run) fieldError(i int, err error) error { return r.parseError(i, err) }

// parseError is fieldError's *csat.ParseError.
func (r *run) parseError(i int, err error) *csat.ParseError {
	pe := &csat.ParseError{File: r.name, Line: r.src.line(0), Err: err, Sheet: r.src.sheetName()}
	if i < 0 {
		return pe
	}
	pe.Line, pe.Field = r.src.line(i), i+1
	if i < len(r.headers) {
		pe.Header = r.headers[i]
	}
	if pe.Sheet != "" {
		pe.Cell = cellName(i+1, pe.Line)
	}
	return pe
}

// withHeader sets the Header of a source's row error (a CSV syntax error)
// about a field of a known column.
func (r *run) withHeader(err error) {
	var pe *csat.ParseError
	if errors.As(err, &pe) && pe.Header == "" && pe.Field > 0 && pe.Field <= len(r.headers) {
		pe.Header = r.headers[pe.Field-1]
	}
}

// colError returns a *csat.ParseError about column c of the current row.
func (r *run) colError(cs *columns, c string, err error) error {
	return r.fieldError(cs.field(c)-1, err)
}
