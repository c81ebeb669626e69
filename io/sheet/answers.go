package sheet

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"slices"

	"github.com/csatkit/csat/internal/iox"

	"github.com/csatkit/csat"
)

// ReadAnswers reads survey answers from the CSV or XLSX file at path, in
// the long or the wide layout (see the package doc), into one
// [csat.Period] per period, sorted by name. Rows are streamed and counted
// into tallies as they come: memory grows with the number of periods,
// items and sources, not of rows.
//
// A bad row is a [*csat.ParseError] naming the file, the line (the
// spreadsheet's row) and the field, wrapping the reason ([csat.ErrUnknownLevel],
// [csat.ErrMissing], [csat.ErrInvalid], [csat.ErrSyntax], …). Without
// [Options.CollectAll] the first one stops the read and is returned with
// no periods. With CollectAll the periods of the accepted rows are
// returned together with a [*RejectedError] listing the bad rows (nil
// when there were none). A bad header, a file that cannot be read or an
// overlong line stops the read in both modes, and no periods are
// returned. The [Summary] is returned in every case.
func ReadAnswers(path string, opts *Options) ([]csat.Period, Summary, error) {
	return readAnswers(path, nil, opts)
}

// ReadAnswersFrom is [ReadAnswers] for a reader; name stands for the file
// in messages and, with [FormatAuto], tells the format by its extension
// (else the content does: a zip archive is XLSX). An XLSX workbook is read
// into memory whole (a zip archive needs random access); CSV is streamed.
func ReadAnswersFrom(r io.Reader, name string, opts *Options) ([]csat.Period, Summary, error) {
	if iox.IsNil(r) {
		return nil, Summary{File: name}, fmt.Errorf("csat: %s: nil reader: %w", name, csat.ErrInvalid)
	}
	return readAnswers(name, r, opts)
}

func readAnswers(name string, in io.Reader, opts *Options) ([]csat.Period, Summary, error) {
	r, err := start(name, in, opts)
	if err != nil {
		return nil, Summary{File: name, Errors: []error{err}}, err
	}
	acc := newAccumulator(r.c.scale)
	err = r.answers(acc)
	keep, err := r.finish(err)
	if !keep {
		return nil, *r.sum, err
	}
	periods, rerr := acc.result(name)
	if rerr != nil {
		r.sum.Errors = append(r.sum.Errors, rerr)
		return nil, *r.sum, errors.Join(err, rerr) // err: the rows rejected with CollectAll
	}
	return periods, *r.sum, err
}

// answers reads the header, picks the layout and reads the rows.
func (r *run) answers(acc *accumulator) error {
	header, err := r.header()
	if err != nil {
		return err
	}
	layout := r.c.Layout
	if layout == LayoutAuto {
		layout = LayoutWide
		var item, level bool
		for _, h := range header {
			switch aliases[normHeader(h)] {
			case colItem:
				item = true
			case colLevel:
				level = true
			}
		}
		if item && level {
			layout = LayoutLong
		}
	}
	r.sum.Layout = layout
	if layout == LayoutLong {
		return r.long(header, acc)
	}
	return r.wide(header, acc)
}

// long reads rows of the long layout.
func (r *run) long(header []string, acc *accumulator) error {
	cs, err := r.mapColumns(header, []string{colItem, colLevel}, []string{colSource, colCount, colPeriod, colForm, colRespondent, colCustomer})
	if err != nil {
		return err
	}
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		period, err := r.period(cs, rec)
		if err != nil {
			return err
		}
		item := cs.get(rec, colItem)
		if item == "" {
			return r.colError(cs, colItem, fmt.Errorf("empty item: %w", csat.ErrMissing))
		}
		if r.c.Items != nil {
			name, ok := r.c.Items[item]
			if !ok {
				return r.colError(cs, colItem, fmt.Errorf("item %s is not one of Options.Items: %w", quote(item), csat.ErrUnknownItem))
			}
			item = name
		}
		source := r.c.source
		if s := cs.get(rec, colSource); s != "" {
			source = sourceName(s)
		}
		lvl, err := acc.level(cs.get(rec, colLevel))
		if err != nil {
			return r.colError(cs, colLevel, err)
		}
		n := uint64(1)
		if cs.has(colCount) {
			if n, err = parseCount(cs.get(rec, colCount)); err != nil {
				return r.colError(cs, colCount, err)
			}
		}
		p, err := acc.period(period, r.src.line(0))
		if err != nil {
			return r.colError(cs, colPeriod, err)
		}
		t := p.tally(item, source, acc.scale)
		if err := t.AddN(lvl, n); err != nil {
			c := colCount
			if !cs.has(colCount) {
				c = colLevel
			}
			return r.colError(cs, c, &csat.CellError{Item: item, Source: source, Err: err})
		}
		r.sum.Answers = addSat(r.sum.Answers, n)
		return nil
	})
}

// period returns the period of a row: its period column, which must not
// be empty, or the default period of a file without one.
func (r *run) period(cs *columns, rec []string) (string, error) {
	if !cs.has(colPeriod) {
		return r.c.period, nil
	}
	period := cs.get(rec, colPeriod)
	if period == "" {
		return "", r.colError(cs, colPeriod, fmt.Errorf("empty period: %w", csat.ErrMissing))
	}
	return period, nil
}

// wideMeta are the meta columns of the wide layout: every other column is
// an item.
var wideMeta = map[string]bool{colPeriod: true, colForm: true, colRespondent: true, colCustomer: true, colSource: true, colNote: true}

// wide reads rows of the wide layout.
func (r *run) wide(header []string, acc *accumulator) error {
	cs, items, err := r.wideColumns(header)
	if err != nil {
		r.failed = true
		r.sum.Errors = []error{err}
		return err
	}
	r.src.setWidth(len(header))
	type answer struct {
		item, level int // index into items, level index
	}
	var row []answer
	forms := formSet{}
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		period, err := r.period(cs, rec)
		if err != nil {
			return err
		}
		form := cs.get(rec, colForm)
		if l := forms.line(period, form); l > 0 {
			return r.colError(cs, colForm, fmt.Errorf("form %s of period %s given twice (first on line %d): %w", quote(form), quote(period), l, csat.ErrDuplicate))
		}
		source := r.c.source
		if s := cs.get(rec, colSource); s != "" {
			source = sourceName(s)
		}
		row = row[:0]
		empty := 0
		for k, it := range items {
			v := rec[it.col]
			if v == "" {
				empty++
				continue
			}
			lvl, err := acc.level(v)
			if err != nil {
				return r.fieldError(it.col, &csat.Error{Part: "item", Name: it.name, Err: err})
			}
			row = append(row, answer{k, lvl})
		}
		if len(row) > 0 {
			p, err := acc.period(period, r.src.line(0))
			if err != nil {
				return r.colError(cs, colPeriod, err)
			}
			for _, a := range row { // check first, so that a bad row counts nothing
				it := items[a.item]
				t := p.peek(it.name, source)
				if t != nil && t.Count(a.level) == math.MaxUint64 {
					return r.fieldError(it.col, &csat.CellError{Item: it.name, Source: source, Err: fmt.Errorf("count of level %d does not fit in 64 bits: %w", a.level, csat.ErrOverflow)})
				}
			}
			for _, a := range row {
				_ = p.tally(items[a.item].name, source, acc.scale).Add(a.level) // checked above
			}
		}
		r.sum.Answers = addSat(r.sum.Answers, uint64(len(row)))
		forms.add(period, form, r.src.line(0))
		r.sum.Unanswered = addSat(r.sum.Unanswered, uint64(empty))
		return nil
	})
}

// formSet remembers the form ids of the wide layout seen so far, by a
// 128-bit FNV-1a fingerprint of (period, id) with the line: about 55 bytes
// a form (55 MB for a million forms), the one part of a read whose memory
// grows with the rows; a file without a form column costs nothing. Two
// ids share a fingerprint with a chance below 10⁻²⁴ among 10⁷ forms.
type formSet map[[16]byte]int

func formKey(period, id string) [16]byte {
	h := fnv.New128a()
	_, _ = h.Write([]byte(period))
	_, _ = h.Write([]byte{0})
	_, _ = h.Write([]byte(id))
	var k [16]byte
	h.Sum(k[:0])
	return k
}

// line returns the line of form id of period, 0 if not seen or id is
// empty.
func (f formSet) line(period, id string) int {
	if id == "" {
		return 0
	}
	return f[formKey(period, id)]
}

// add records form id of period, read on line.
func (f formSet) add(period, id string, line int) {
	if id != "" {
		f[formKey(period, id)] = max(line, 1)
	}
}

// itemColumn is an item column of the wide layout.
type itemColumn struct {
	col  int
	name string
}

// wideColumns maps a wide header: meta columns by name, items in column
// order, and ignored columns.
func (r *run) wideColumns(header []string) (*columns, []itemColumn, error) {
	cs := &columns{idx: map[string]int{}, headers: header}
	var items []itemColumn
	byName := map[string]int{}
	seen := map[string]bool{}
	for i, h := range header {
		if h == "" {
			continue
		}
		c := aliases[normHeader(h)]
		if _, mapped := r.c.Items[h]; !mapped && wideMeta[c] {
			if c == colNote {
				r.sum.Ignored = append(r.sum.Ignored, h)
				continue
			}
			if _, dup := cs.idx[c]; dup {
				return nil, nil, r.fieldError(i, fmt.Errorf("column %s given twice: %w", quote(h), csat.ErrDuplicate))
			}
			cs.idx[c] = i
			continue
		}
		if seen[h] {
			return nil, nil, r.fieldError(i, fmt.Errorf("column %s given twice: %w", quote(h), csat.ErrDuplicate))
		}
		seen[h] = true
		name := h
		if r.c.Items != nil {
			n, ok := r.c.Items[h]
			if !ok {
				r.sum.Ignored = append(r.sum.Ignored, h)
				continue
			}
			name = n
		} else if c == colItem || c == colLevel || c == colCount {
			return nil, nil, r.fieldError(i, fmt.Errorf("column %s belongs to the long layout (item and level columns), not the wide one: %w", quote(h), csat.ErrInvalid))
		}
		if j, dup := byName[name]; dup {
			return nil, nil, r.fieldError(i, fmt.Errorf("columns %s and %s are both item %s: %w", quote(header[j]), quote(h), quote(name), csat.ErrDuplicate))
		}
		byName[name] = i
		items = append(items, itemColumn{col: i, name: name})
	}
	for _, h := range slices.Sorted(maps.Keys(r.c.Items)) {
		if !seen[h] {
			return nil, nil, r.fieldError(-1, fmt.Errorf("no column %s (a header of Options.Items): %w", quote(h), csat.ErrMissing))
		}
	}
	if len(items) == 0 {
		return nil, nil, r.fieldError(-1, fmt.Errorf("no item columns (a wide file has one column per item; a long one item and level columns): %w", csat.ErrMissing))
	}
	return cs, items, nil
}

// addSat returns a+b, or the largest uint64 if that overflows.
func addSat(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

// An accumulator counts answers into tallies per period, item and
// source.
type accumulator struct {
	scale   *csat.Scale
	levels  map[string]int
	periods map[string]*periodAcc
}

type cellKey struct{ item, source string }

type periodAcc struct {
	cells map[cellKey]*csat.Tally
	line  int // where the period first appears
}

func newAccumulator(s *csat.Scale) *accumulator {
	a := &accumulator{scale: s, levels: map[string]int{}, periods: map[string]*periodAcc{}}
	ls := s.Levels()
	for i := len(ls) - 1; i >= 0; i-- { // the first level wins a shared name, as in Scale.Index
		a.levels[ls[i].Key] = i
		if ls[i].Label != "" {
			a.levels[ls[i].Label] = i
		}
		if ls[i].LabelZH != "" {
			a.levels[ls[i].LabelZH] = i
		}
	}
	return a
}

// level returns the index of the level named by key or label.
func (a *accumulator) level(name string) (int, error) {
	if i, ok := a.levels[name]; ok {
		return i, nil
	}
	if name == "" {
		return 0, fmt.Errorf("empty level: %w", csat.ErrMissing)
	}
	if _, err := a.scale.Index(name); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("scale %q has no level %s: %w", a.scale.Name(), quote(name), csat.ErrUnknownLevel)
}

// period returns the accumulator of a period, made on first use; more
// than csat.MaxPeriods periods is an error.
func (a *accumulator) period(name string, line int) (*periodAcc, error) {
	if p, ok := a.periods[name]; ok {
		return p, nil
	}
	if len(a.periods) >= csat.MaxPeriods {
		return nil, fmt.Errorf("period %s is one more than %d periods: %w", quote(name), csat.MaxPeriods, csat.ErrOutOfRange)
	}
	p := &periodAcc{cells: map[cellKey]*csat.Tally{}, line: line}
	a.periods[name] = p
	return p, nil
}

// peek returns the tally of a cell, nil if it has none yet.
func (p *periodAcc) peek(item, source string) *csat.Tally {
	return p.cells[cellKey{item, source}]
}

// tally returns the tally of a cell, made on first use.
func (p *periodAcc) tally(item, source string, s *csat.Scale) *csat.Tally {
	k := cellKey{item, source}
	t, ok := p.cells[k]
	if !ok {
		nt := csat.NewTally(s)
		t = &nt
		p.cells[k] = t
	}
	return t
}

// result returns the periods in the order of their meaning
// ([SortPeriods]), each with its table.
func (a *accumulator) result(file string) ([]csat.Period, error) {
	out := make([]csat.Period, 0, len(a.periods))
	names := slices.Sorted(maps.Keys(a.periods))
	if bad, err := orderPeriods(names); err != nil {
		return nil, &csat.ParseError{File: file, Line: a.periods[bad].line, Err: err}
	}
	for _, name := range names {
		p := a.periods[name]
		t := csat.NewTable(a.scale)
		keys := slices.SortedFunc(maps.Keys(p.cells), func(x, y cellKey) int {
			return cmp.Or(cmp.Compare(x.item, y.item), cmp.Compare(x.source, y.source))
		})
		for _, k := range keys {
			if err := t.AddTally(k.item, k.source, *p.cells[k]); err != nil {
				return nil, &csat.Error{Part: "period", Name: name, Err: err}
			}
		}
		out = append(out, csat.Period{Name: name, Table: t})
	}
	return out, nil
}
