package sheet

import (
	"errors"
	"fmt"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
)

// pendingForm is the form being read in the long layout: only the
// current one is held, its rows being consecutive.
type pendingForm struct {
	line  int // where it starts
	p     *periodAcc
	f     form.Form
	segs  []string       // the file's segment values, per segment column
	items map[string]int // item → line
}

// longState is what the long layout keeps from row to row.
type longState struct {
	forms formSet
	cur   *pendingForm
	attrs map[string]string // the attributes of a form starting
}

// longAnswer is a row of the long layout, parsed.
type longAnswer struct {
	rowMeta
	item    string
	text    string // the level as written; "" for a blank
	level   int    // -1 for a blank
	n       uint64
	imp     string // stated importance
	overall string
}

// long reads rows of the long layout: rows sharing a form id are one
// form, the others answers on no form.
func (r *run) long(header []string, acc *accumulator) error {
	ac, err := r.answerHeader(header, LayoutLong)
	if err != nil {
		return err
	}
	st := &longState{forms: formSet{}}
	err = r.rows(func(rec []string) error { return r.longRow(ac, header, rec, acc, st) })
	if ferr := r.flush(acc, st); ferr != nil {
		r.failed = true
		r.sum.Errors = append(r.sum.Errors, ferr)
		return errors.Join(err, ferr)
	}
	return err
}

// longRow reads one row of the long layout; when it fails it has changed
// nothing.
func (r *run) longRow(ac *answerCols, header, rec []string, acc *accumulator, st *longState) error {
	plan := r.src.plan()
	if plan != nil && plan.long != nil {
		return r.longPlanned(ac, plan.long)
	}
	if err := r.checkUnnamed(header, rec); err != nil {
		return err
	}
	a, it, err := r.longAnswer(ac, rec, acc)
	if err != nil {
		return err
	}
	line := r.src.line(0)
	p, err := r.periodOf(ac, a.period, line, acc)
	if err != nil {
		return r.colError(ac.columns, colPeriod, err)
	}
	var starts bool
	if a.id != "" {
		if starts, err = r.longForm(ac, rec, &a, st); err != nil {
			return err
		}
	}
	var t *csat.Tally
	if a.level >= 0 {
		if !it.noted {
			r.noteItem(a.item)
			it.noted = true
		}
		t = it.tally(p, a.source, acc.scale)
		if err := r.longAdd(ac, t, &a); err != nil {
			return err
		}
	}
	if a.id == "" {
		r.sum.Loose = addSat(r.sum.Loose, a.n)
		if plan != nil {
			// The same text gives the same row: this one again.
			plan.long = &longPlan{t: t, a: a}
		}
		return nil
	}
	if a.level < 0 {
		r.sum.Unanswered = addSat(r.sum.Unanswered, 1)
	}
	if starts {
		if err := r.flush(acc, st); err != nil {
			return err
		}
		st.cur = r.startForm(ac, rec, &a, st, p, line)
	}
	cur := st.cur
	cur.f.Answers[a.item] = a.text
	if a.imp != "" {
		cur.f.Importance[a.item] = a.imp
	}
	cur.items[a.item] = line
	return nil
}

// longAdd counts the answers of row a into t.
func (r *run) longAdd(ac *answerCols, t *csat.Tally, a *longAnswer) error {
	if err := t.AddN(a.level, a.n); err != nil {
		c := colCount
		if ac.pos.count < 0 || a.id != "" {
			c = colLevel
		}
		return r.colError(ac.columns, c, &csat.CellError{Item: a.item, Source: a.source, Err: err})
	}
	r.sum.Answers = addSat(r.sum.Answers, a.n)
	return nil
}

// A longPlan is a long row without a form id read before, with its
// tally: a row of the same text counts its answers there, all else
// being as it was (its period, item, level and source, checked).
type longPlan struct {
	t *csat.Tally
	a longAnswer
}

// longPlanned reads a long row as planned.
func (r *run) longPlanned(ac *answerCols, pl *longPlan) error {
	if err := r.longAdd(ac, pl.t, &pl.a); err != nil {
		return err
	}
	r.sum.Loose = addSat(r.sum.Loose, pl.a.n)
	return nil
}

// periodOf returns the accumulator of the row's period, remembered by
// its symbol (a file without a period column has one period).
func (r *run) periodOf(ac *answerCols, name string, line int, acc *accumulator) (*periodAcc, error) {
	sym := int32(0)
	if ac.pos.period >= 0 {
		sym = r.src.symbol(ac.pos.period)
	}
	if p, ok := ac.periods.get(sym); ok {
		return p, nil
	}
	p, err := acc.period(name, line)
	if err == nil {
		ac.periods.put(sym, p)
	}
	return p, err
}

// An itemRef is what a value of the item column stands for: the item
// (renamed by Options.Items), whether Summary.Items has it, and its
// tallies met so far.
type itemRef struct {
	name  string
	noted bool
	cells []cellRef
}

type cellRef struct {
	p      *periodAcc
	source string
	t      *csat.Tally
}

// maxCellRefs bounds the tallies an itemRef keeps (the periods × the
// sources of its item): past them, the period's map finds them.
const maxCellRefs = 64

// tally returns the item's tally of source in period p, made on first
// use.
func (it *itemRef) tally(p *periodAcc, source string, s *csat.Scale) *csat.Tally {
	for _, c := range it.cells {
		if c.p == p && c.source == source {
			return c.t
		}
	}
	t := p.tally(it.name, source, s)
	if len(it.cells) < maxCellRefs {
		it.cells = append(it.cells, cellRef{p, source, t})
	}
	return t
}

// longAnswer parses and checks a row of the long layout; it returns its
// item's itemRef too.
func (r *run) longAnswer(ac *answerCols, rec []string, acc *accumulator) (longAnswer, *itemRef, error) {
	m, err := r.rowMeta(ac, rec)
	if err != nil {
		return longAnswer{}, nil, err
	}
	a := longAnswer{rowMeta: m, level: -1, n: 1}
	it, err := r.longItem(ac, rec)
	if err != nil {
		return a, nil, err
	}
	a.item = it.name
	a.text = rec[ac.pos.level]
	if a.text != "" || a.id == "" { // on a form, an empty level is a blank
		if a.level, err = r.longLevel(ac, a.text, acc); err != nil {
			if errors.Is(err, csat.ErrUnknownLevel) {
				err = &csat.Error{Part: "item", Name: a.item, Err: err}
			}
			return a, nil, r.colError(ac.columns, colLevel, err)
		}
	}
	if a.n, err = r.longCount(ac, rec, a.id != ""); err != nil {
		return a, nil, err
	}
	a.imp, a.overall = at(rec, ac.pos.importance), at(rec, ac.pos.overall)
	if a.id == "" {
		return a, it, r.looseRow(ac, rec)
	}
	if a.imp != "" {
		if err := r.importance(ac.pos.importance, a.item, a.imp, acc); err != nil {
			return a, nil, err
		}
	}
	if _, err := r.overall(ac, rec, acc); err != nil {
		return a, nil, err
	}
	return a, it, nil
}

// longLevel returns the index of the row's level v, remembered by its
// symbol.
func (r *run) longLevel(ac *answerCols, v string, acc *accumulator) (int, error) {
	sym := r.src.symbol(ac.pos.level)
	if l, ok := ac.levels.get(sym); ok {
		return l, nil
	}
	l, err := acc.level(v)
	if err == nil {
		ac.levels.put(sym, l)
	}
	return l, err
}

// longItem returns the item of a long row, renamed by Options.Items,
// remembered by its symbol.
func (r *run) longItem(ac *answerCols, rec []string) (*itemRef, error) {
	sym := r.src.symbol(ac.pos.item)
	if it, ok := ac.itemRefs.get(sym); ok {
		return it, nil
	}
	item := rec[ac.pos.item]
	if item == "" {
		return nil, r.colError(ac.columns, colItem, valueError("empty", "", nil, fmt.Errorf("empty item: %w", csat.ErrMissing)))
	}
	if r.c.Items != nil {
		name, ok := r.c.Items[item]
		if !ok {
			return nil, r.colError(ac.columns, colItem, fmt.Errorf("item %s is not one of Options.Items: %w", quote(item), csat.ErrUnknownItem))
		}
		item = name
	}
	it := &itemRef{name: item}
	ac.itemRefs.put(sym, it)
	return it, nil
}

// longCount returns the count of a long row: a non-negative integer, or
// on a form's row 1 (or empty).
func (r *run) longCount(ac *answerCols, rec []string, onForm bool) (uint64, error) {
	if ac.pos.count < 0 {
		return 1, nil
	}
	v := rec[ac.pos.count]
	if onForm {
		if v == "" || v == "1" {
			return 1, nil
		}
		return 0, r.colError(ac.columns, colCount, fmt.Errorf("count %s on a form's row: a form gives an item one answer (want 1 or empty): %w", quote(v), csat.ErrInvalid))
	}
	n, err := parseCount(v)
	if err != nil {
		return 0, r.colError(ac.columns, colCount, err)
	}
	return n, nil
}

// looseRow checks that a row without a form id gives nothing that only a
// form can hold: a segment value, an overall answer, a stated importance.
func (r *run) looseRow(ac *answerCols, rec []string) error {
	for _, c := range ac.loose {
		if v := rec[c.col]; v != "" {
			return r.fieldError(c.col, fmt.Errorf("%s %s on a row without a form id: only a form holds it: %w", quote(c.name), quote(v), csat.ErrMissing))
		}
	}
	return nil
}

// longForm checks a form's row against the form being read. The next row
// of the same form must agree with its first one, and give another item;
// a row that starts a form must not name one read before in the period,
// and its segment values must agree with the customer's attributes. It
// reports whether the row starts a form.
func (r *run) longForm(ac *answerCols, rec []string, a *longAnswer, st *longState) (bool, error) {
	cur := st.cur
	if cur == nil || cur.f.Period != a.period || cur.f.ID != a.id {
		if l := st.forms.line(a.period, a.id); l > 0 {
			return false, r.colError(ac.columns, colForm, fmt.Errorf("form %s of period %s starts on line %d and comes back after another form (a form's rows must be consecutive): %w", quote(a.id), quote(a.period), l, csat.ErrDuplicate))
		}
		if st.attrs == nil {
			st.attrs = map[string]string{}
		}
		return true, r.attrs(ac, rec, a.customer, st.attrs)
	}
	if l, dup := cur.items[a.item]; dup {
		return false, r.colError(ac.columns, colItem, fmt.Errorf("item %s given twice on form %s (first on line %d): %w", quote(a.item), quote(a.id), l, csat.ErrDuplicate))
	}
	for _, c := range []struct {
		col       string
		got, want string
	}{
		{colSource, a.source, cur.f.Source},
		{colRespondent, a.respondent, cur.f.Respondent},
		{colCustomer, a.customer, cur.f.Customer},
		{colOverall, a.overall, cur.f.Overall},
	} {
		if c.got != c.want {
			return false, r.colError(ac.columns, c.col, r.disagree(ac.headers[ac.idx[c.col]], c.got, c.want, a.id, cur.line))
		}
	}
	for k, s := range ac.segments {
		if v := rec[s.col]; v != cur.segs[k] {
			return false, r.fieldError(s.col, r.disagree(s.name, v, cur.segs[k], a.id, cur.line))
		}
	}
	return false, nil
}

func (r *run) disagree(column, got, want, id string, line int) error {
	return fmt.Errorf("%s is %s here but %s on line %d, where form %s starts (the rows of a form must agree): %w", quote(column), quote(got), quote(want), line, quote(id), csat.ErrInvalid)
}

// startForm starts the form of row a, read on line.
func (r *run) startForm(ac *answerCols, rec []string, a *longAnswer, st *longState, p *periodAcc, line int) *pendingForm {
	cur := &pendingForm{line: line, p: p, items: map[string]int{}, f: form.Form{
		ID: a.id, Respondent: a.respondent, Customer: a.customer, Source: a.source, Period: a.period, Overall: a.overall,
		Attrs: st.attrs, Answers: map[string]string{}, Importance: map[string]string{},
	}}
	st.attrs = nil
	cur.segs = make([]string, len(ac.segments))
	for k, s := range ac.segments {
		cur.segs[k] = rec[s.col]
	}
	st.forms.add(a.period, a.id, line)
	return cur
}

// flush counts the form being read, if any, into its period's
// statistics.
func (r *run) flush(acc *accumulator, st *longState) error {
	cur := st.cur
	if cur == nil {
		return nil
	}
	st.cur = nil
	// The form's levels and names were checked row by row: only a count
	// past 2^64 can fail here.
	if err := acc.addForm(cur.p, cur.f); err != nil {
		return &csat.ParseError{File: r.name, Line: cur.line, Err: err}
	}
	r.sum.Forms = addSat(r.sum.Forms, 1)
	return nil
}
