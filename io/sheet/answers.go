package sheet

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"slices"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/iox"
	"github.com/csatkit/csat/internal/textx"
)

// ReadAnswers reads survey answers from the CSV or XLSX file at path, in
// the long or the wide layout (see the package doc), into one
// [csat.Period] per period, in the order of their meaning: the tables of
// [ReadSurvey], without the forms (its Summary's Forms and Loose are 0)
// and without the periods that have no answer (blank forms only). Rows are streamed and counted
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
	ss, sum, err := readSurvey(name, in, opts)
	sum.Forms, sum.Loose = 0, 0 // the answers only, as before forms were kept
	if ss == nil {
		return nil, sum, err
	}
	ps := make([]csat.Period, 0, len(ss))
	for _, s := range ss {
		if len(s.Table.Cells()) > 0 { // a period of blank forms only has no answers
			ps = append(ps, csat.Period{Name: s.Name, Table: s.Table})
		}
	}
	return ps, sum, err
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

// period returns the period of a row: its period column, which must not
// be empty, or the default period of a file without one.
func (r *run) period(ac *answerCols, rec []string) (string, error) {
	if ac.pos.period < 0 {
		return r.c.period, nil
	}
	period := rec[ac.pos.period]
	if period == "" {
		return "", r.colError(ac.columns, colPeriod, valueError("empty", "", nil, fmt.Errorf("empty period: %w", csat.ErrMissing)))
	}
	return period, nil
}

// rowMeta is what a row says of its form.
type rowMeta struct{ period, id, source, respondent, customer string }

func (r *run) rowMeta(ac *answerCols, rec []string) (rowMeta, error) {
	period, err := r.period(ac, rec)
	if err != nil {
		return rowMeta{}, err
	}
	m := rowMeta{period: period, id: at(rec, ac.pos.form), source: r.c.source, respondent: at(rec, ac.pos.respondent), customer: at(rec, ac.pos.customer)}
	if s := at(rec, ac.pos.source); s != "" {
		m.source = r.sourceName(ac, s)
	}
	return m, nil
}

// sourceName is textx.SourceName of the row's source s, remembered by its
// symbol.
func (r *run) sourceName(ac *answerCols, s string) string {
	sym := r.src.symbol(ac.pos.source)
	if name, ok := ac.sources.get(sym); ok {
		return name
	}
	name := textx.SourceName(s)
	ac.sources.put(sym, name)
	return name
}

// attrs sets attrs to the row's segment values and its customer's joined
// attributes (Options.Attributes); the two disagreeing on a dimension is
// an error naming the segment's field.
func (r *run) attrs(ac *answerCols, rec []string, customer string, attrs map[string]string) error {
	clear(attrs)
	for _, s := range ac.segments {
		if v := rec[s.col]; v != "" {
			attrs[s.name] = v
		}
	}
	joined := r.c.Attributes[customer]
	if customer == "" || len(joined) == 0 {
		return nil
	}
	for _, dim := range slices.Sorted(maps.Keys(joined)) {
		v := joined[dim]
		if v == "" {
			continue
		}
		if old, ok := attrs[dim]; ok && old != v {
			return r.fieldError(ac.segField[dim], fmt.Errorf("customer %s: %s is %s here but %s in the customers' attributes (Options.Attributes): %w", quote(customer), quote(dim), quote(old), quote(v), csat.ErrInvalid))
		}
		attrs[dim] = v
	}
	return nil
}

// overall returns the row's answer to the overall question, checked.
func (r *run) overall(ac *answerCols, rec []string, acc *accumulator) (string, error) {
	v := at(rec, ac.pos.overall)
	if v == "" {
		return "", nil
	}
	if _, err := acc.level(v); err != nil {
		return "", r.colError(ac.columns, colOverall, fmt.Errorf("overall question %s: %w", quote(ac.headers[ac.idx[colOverall]]), err))
	}
	return v, nil
}

// importance checks a stated importance of item.
func (r *run) importance(col int, item, v string, acc *accumulator) error {
	if _, err := acc.imp.index(v); err != nil {
		return r.fieldError(col, fmt.Errorf("importance of %s: %w", quote(item), err))
	}
	return nil
}

// answer is an answered item of a wide row.
type answer struct {
	item, level int // index into the item columns, level index
}

// wideState is what the wide layout keeps from row to row: the form's
// maps, reused (form.Stats keeps none of them), and the form ids seen.
type wideState struct {
	f     form.Form
	row   []answer
	forms formSet
}

// wide reads rows of the wide layout: each is a form.
func (r *run) wide(header []string, acc *accumulator) error {
	ac, err := r.answerHeader(header, LayoutWide)
	if err != nil {
		return err
	}
	w := &wideState{f: form.Form{Answers: map[string]string{}, Attrs: map[string]string{}, Importance: map[string]string{}}, forms: formSet{}}
	headerLine := r.src.line(0)
	err = r.rows(func(rec []string) error {
		for k, it := range ac.items {
			if rec[it.col] != "" {
				ac.items[k].filled = true
			}
		}
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		m, err := r.rowMeta(ac, rec)
		if err != nil {
			return err
		}
		if err := r.wideSource(ac, rec); err != nil {
			return err
		}
		if l := w.forms.line(m.period, m.id); l > 0 {
			return r.colError(ac.columns, colForm, fmt.Errorf("form %s of period %s given twice (first on line %d): %w", quote(m.id), quote(m.period), l, csat.ErrDuplicate))
		}
		blanks, err := r.wideForm(ac, rec, acc, m, w)
		if err != nil {
			return err
		}
		if err := r.wideCount(ac, acc, m, w); err != nil {
			return err
		}
		for _, a := range w.row {
			ac.items[a.item].held = true
		}
		r.sum.Answers = addSat(r.sum.Answers, uint64(len(w.row)))
		r.sum.Unanswered = addSat(r.sum.Unanswered, blanks)
		r.sum.Forms = addSat(r.sum.Forms, 1)
		w.forms.add(m.period, m.id, r.src.line(0))
		return nil
	})
	if err != nil && (!r.c.CollectAll || r.failed) {
		return err
	}
	return r.emptyItems(ac, headerLine, err)
}

// emptyItems fails the read when an item column not named by
// Options.Items held no value in any row (a survey tool's column whose
// cells are all empty, which would count as blanks only); rej is the
// error of the rows rejected with CollectAll, joined to it.
func (r *run) emptyItems(ac *answerCols, line int, rej error) error {
	if r.sum.Rows == 0 {
		return rej
	}
	var errs []error
	for _, it := range ac.items {
		if it.filled || it.named {
			continue
		}
		pe := r.parseError(it.col, columnError("empty", ac.headers[it.col], nil, fmt.Errorf("column %s (field %d) holds no level in any row: %s: %w",
			quote(ac.headers[it.col]), it.col+1, skipHint, csat.ErrInvalid)))
		pe.Line = line
		if pe.Sheet != "" {
			pe.Cell = cellName(it.col+1, line)
		}
		errs = append(errs, pe)
	}
	if len(errs) == 0 {
		return rej
	}
	r.failed = true
	r.sum.Errors = append(r.sum.Errors, errs...)
	if rej == nil && len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(append([]error{rej}, errs...)...)
}

// skipHint tells how to keep a column that is not an item out of the
// items, in Go and on the command line.
const skipHint = "skip it (Options.Skip; csat --skip) or make it a segment (Options.Segments; csat --segments)"

// wideSource checks the source column of a wide row: a value that is
// not a known source (survey/检查, self/自评, competitor/竞争对手) is most
// likely a survey tool's channel column (问卷星's 来源: 微信, 手机提交).
func (r *run) wideSource(ac *answerCols, rec []string) error {
	s := at(rec, ac.pos.source)
	switch textx.SourceName(s) {
	case "", csat.SourceSurvey, csat.SourceSelf, csat.SourceCompetitor:
		return nil
	}
	return r.colError(ac.columns, colSource, valueError("source", s, []string{"survey", "检查", "self", "自评", "competitor", "竞争对手"}, fmt.Errorf("source %s is not survey/检查, self/自评 or competitor/竞争对手: a survey tool's channel column? skip it (Options.Skip; csat --skip %s): %w",
		quote(s), ac.headers[ac.idx[colSource]], csat.ErrInvalid)))
}

// wideForm fills w's form and answers from a wide row, checking every
// level; it returns the number of blanks.
func (r *run) wideForm(ac *answerCols, rec []string, acc *accumulator, m rowMeta, w *wideState) (uint64, error) {
	f := &w.f
	clear(f.Answers)
	clear(f.Importance)
	f.ID, f.Respondent, f.Customer, f.Source, f.Period = m.id, m.respondent, m.customer, m.source, m.period
	w.row = w.row[:0]
	var blanks uint64
	for k, it := range ac.items {
		v := rec[it.col]
		f.Answers[it.name] = v
		if v == "" {
			blanks++
			continue
		}
		lvl, err := acc.level(v)
		if err != nil {
			return 0, r.itemError(ac, it, v, err)
		}
		w.row = append(w.row, answer{k, lvl})
	}
	var err error
	if f.Overall, err = r.overall(ac, rec, acc); err != nil {
		return 0, err
	}
	for _, ic := range ac.importance {
		if v := rec[ic.col]; v != "" {
			if err := r.importance(ic.col, ic.name, v, acc); err != nil {
				return 0, err
			}
			f.Importance[ic.name] = v
		}
	}
	return blanks, r.attrs(ac, rec, m.customer, f.Attrs)
}

// itemError is the error of a level v that is not one in item column
// it: a column that has held no level yet is perhaps not an item at all
// (a meta column of a survey tool's export), and the error says so.
func (r *run) itemError(ac *answerCols, it itemColumn, v string, err error) error {
	if it.held || !errors.Is(err, csat.ErrUnknownLevel) {
		return r.fieldError(it.col, &csat.Error{Part: "item", Name: it.name, Err: err})
	}
	return r.fieldError(it.col, columnError("not-items", ac.headers[it.col], nil, &ValueError{Kind: "level", Value: v, Scale: r.c.scale, Err: fmt.Errorf("column %s (field %d) holds no levels of scale %q: its first value %s is none; if it holds no item's answers, %s; else fix the value: %w",
		quote(ac.headers[it.col]), it.col+1, r.c.scale.Name(), quote(v), skipHint, csat.ErrUnknownLevel)}))
}

// wideCount counts the form of a wide row and its answers; when it
// fails it has counted nothing.
func (r *run) wideCount(ac *answerCols, acc *accumulator, m rowMeta, w *wideState) error {
	p, err := r.periodOf(ac, m.period, r.src.line(0), acc)
	if err != nil {
		return r.colError(ac.columns, colPeriod, err)
	}
	for _, a := range w.row { // check first, so that a bad row counts nothing
		it := ac.items[a.item]
		t := p.peek(it.name, m.source)
		if t != nil && t.Count(a.level) == math.MaxUint64 {
			return r.fieldError(it.col, &csat.CellError{Item: it.name, Source: m.source, Err: fmt.Errorf("count of level %d does not fit in 64 bits: %w", a.level, csat.ErrOverflow)})
		}
	}
	if err := acc.addForm(p, w.f); err != nil {
		return r.fieldError(-1, err)
	}
	for _, a := range w.row {
		_ = p.tally(ac.items[a.item].name, m.source, acc.scale).Add(a.level) // checked above
	}
	return nil
}

// formSet remembers the form ids seen so far, by a 128-bit FNV-1a
// fingerprint of (period, id) with the line where the form starts: about 55 bytes
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
