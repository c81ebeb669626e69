package sheet

import (
	"fmt"
	"io"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/iox"
)

// ReadAttributes reads customers' attributes from the CSV or XLSX file at
// path: a customer column (customer, 客户) and segment columns, each an
// attribute whose dimension is its header as written, one row per
// customer. The segment columns are those recognised in an answers file
// (地区, 区域, region, 行业, industry, 规模, 客户规模, size, ABC, ABC分类,
// 客户等级, class) and the headers of [Options.Segments]; every other
// column (客户名称, 联系电话, notes, …) is skipped and listed in
// [Summary.Ignored], so that no personal data becomes a breakdown. It
// returns customer id → dimension → value, for [Options.Attributes] to
// join to the forms of an answers file; an empty cell is no value (left
// out of the customer's map). A header of Options.Segments that the file
// lacks is no error here.
//
// Errors are as for [ReadAnswers]: a customer given twice is an error
// wrapping [csat.ErrDuplicate] naming the first line, an empty customer id
// wraps [csat.ErrMissing], two columns with one header
// [csat.ErrDuplicate].
func ReadAttributes(path string, opts *Options) (map[string]map[string]string, Summary, error) {
	return readAttributes(path, nil, opts)
}

// ReadAttributesFrom is [ReadAttributes] for a reader, named as for
// [ReadAnswersFrom].
func ReadAttributesFrom(r io.Reader, name string, opts *Options) (map[string]map[string]string, Summary, error) {
	if iox.IsNil(r) {
		return nil, Summary{File: name}, fmt.Errorf("csat: %s: nil reader: %w", name, csat.ErrInvalid)
	}
	return readAttributes(name, r, opts)
}

func readAttributes(name string, in io.Reader, opts *Options) (map[string]map[string]string, Summary, error) {
	r, err := start(name, in, opts)
	if err != nil {
		return nil, Summary{File: name, Errors: []error{err}}, err
	}
	out := map[string]map[string]string{}
	err = r.attributes(out)
	keep, err := r.finish(err)
	if !keep {
		return nil, *r.sum, err
	}
	return out, *r.sum, err
}

// attributes reads the header and the rows of a customers' attributes
// file into out.
func (r *run) attributes(out map[string]map[string]string) error {
	header, err := r.header()
	if err != nil {
		return err
	}
	ac, err := r.attributeColumns(header)
	if err != nil {
		r.failed = true
		r.sum.Errors = []error{err}
		return err
	}
	r.src.setWidth(len(header))
	lines := map[string]int{}
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		id := ac.get(rec, colCustomer)
		if id == "" {
			return r.colError(ac.columns, colCustomer, valueError("empty", "", nil, fmt.Errorf("empty customer id: %w", csat.ErrMissing)))
		}
		if l, dup := lines[id]; dup {
			return r.colError(ac.columns, colCustomer, fmt.Errorf("customer %s given twice (first on line %d): %w", quote(id), l, csat.ErrDuplicate))
		}
		attrs := map[string]string{}
		for _, s := range ac.segments {
			if v := rec[s.col]; v != "" {
				attrs[s.name] = v
			}
		}
		lines[id] = r.src.line(0)
		out[id] = attrs
		return nil
	})
}

// attributeColumns maps the header of an attributes file: the customer
// column, the segment columns (recognised or of Options.Segments), and
// every other column skipped.
func (r *run) attributeColumns(header []string) (*answerCols, error) {
	ac := newAnswerCols(header)
	for i, h := range header {
		if h == "" {
			continue
		}
		var err error
		switch c := r.c.classify(h); c {
		case colCustomer:
			err = ac.meta(r, i, c)
		case colSegment:
			err = ac.segment(r, i, h)
		default: // notes, skipped columns, and any other: 客户名称, 联系电话, …
			r.sum.Ignored = append(r.sum.Ignored, h)
		}
		if err != nil {
			return nil, err
		}
	}
	if !ac.has(colCustomer) {
		return nil, r.fieldError(-1, fmt.Errorf("no column %q (客户): %w", colCustomer, csat.ErrMissing))
	}
	return ac, nil
}
