package sheet

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"golang.org/x/text/unicode/norm"
)

// colImportanceOf is a wide-layout column of the stated importance of
// one item (重要度:品质); it is no alias, but a header's form.
const colImportanceOf = "importance_of"

// importancePrefixes are the headers' prefixes before the colon of a
// wide-layout importance column, normalised.
var importancePrefixes = map[string]bool{"重要度": true, "importance": true, "重要性": true}

// importanceOf returns the item of an importance column's header
// (重要度:品质, importance：品质), "" for any other header.
func importanceOf(h string) string {
	i := strings.IndexAny(h, ":：")
	if i < 0 || !importancePrefixes[normHeader(h[:i])] {
		return ""
	}
	_, n := utf8.DecodeRuneInString(h[i:])
	return strings.TrimSpace(h[i+n:])
}

// classify returns the canonical column of an answers file's header:
// Options.Skip and Options.Segments first, then the aliases (编号 and id
// name the form), then importance columns.
func (c *config) classify(h string) string {
	n := normHeader(h)
	switch {
	case c.skip[n]:
		return colSkip
	case c.segments[n]:
		return colSegment
	}
	col := aliases[n]
	if col == colID {
		return colForm
	}
	if col == "" && importanceOf(h) != "" {
		return colImportanceOf
	}
	return col
}

// answerCols is the header of an answers file mapped.
type answerCols struct {
	*columns                // meta columns by canonical name
	items      []itemColumn // wide: the item columns, in column order
	importance []itemColumn // wide: the importance columns, with their item's name
	segments   []itemColumn // segment columns, named by their dimension (the header)
	segField   map[string]int
	seen       map[string]bool // headers of items and segments
	byName     map[string]int  // item name → field
	pos        metaPos         // the meta columns' fields, once mapped
	loose      []itemColumn    // long: the columns only a form may fill

	// What the rows' values mean, remembered by their symbols (see
	// rowSource.symbol): the source of the source column's values, the
	// period of the period column's, and in the long layout the level
	// of the level column's and the item of the item column's.
	sources  symCache[string]
	periods  symCache[*periodAcc]
	levels   symCache[int]
	itemRefs symCache[*itemRef]
}

// metaPos is the field of each meta column of an answers file (-1 when
// the header lacks it), resolved once for the rows.
type metaPos struct {
	period, form, source, respondent, customer, item, level, count, overall, importance int
}

// resolve sets the fields of the meta columns, and the columns that a
// long row without a form id must leave empty: the segments, the
// overall question, the stated importance.
func (ac *answerCols) resolve() {
	pos := func(c string) int {
		if i, ok := ac.idx[c]; ok {
			return i
		}
		return -1
	}
	ac.pos = metaPos{
		period: pos(colPeriod), form: pos(colForm), source: pos(colSource), respondent: pos(colRespondent), customer: pos(colCustomer),
		item: pos(colItem), level: pos(colLevel), count: pos(colCount), overall: pos(colOverall), importance: pos(colImportance),
	}
	ac.loose = append([]itemColumn(nil), ac.segments...)
	for _, c := range []string{colOverall, colImportance} {
		if ac.has(c) {
			ac.loose = append(ac.loose, itemColumn{col: ac.idx[c], name: ac.headers[ac.idx[c]]})
		}
	}
}

// at returns field i of rec, "" for a column the header lacks (-1).
func at(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return rec[i]
}

// A symCache remembers a value for each symbol of a column (see
// rowSource.symbol); a negative symbol is never remembered.
type symCache[T any] struct {
	vals []T
	set  []bool
}

func (c *symCache[T]) get(sym int32) (T, bool) {
	if sym >= 0 && int(sym) < len(c.set) && c.set[sym] {
		return c.vals[sym], true
	}
	var zero T
	return zero, false
}

func (c *symCache[T]) put(sym int32, v T) {
	if sym < 0 {
		return
	}
	for int(sym) >= len(c.set) {
		var zero T
		c.vals, c.set = append(c.vals, zero), append(c.set, false)
	}
	c.vals[sym], c.set[sym] = v, true
}

// itemColumn is an item column of the wide layout (or a column about an
// item or a dimension).
type itemColumn struct {
	col    int
	name   string
	held   bool // a level was read in it (item columns)
	filled bool // a value was seen in it, in any row (item columns)
	named  bool // named by Options.Items: it may be blank in every row
}

func newAnswerCols(header []string) *answerCols {
	return &answerCols{columns: &columns{idx: map[string]int{}, headers: header}, segField: map[string]int{}, seen: map[string]bool{}, byName: map[string]int{}}
}

// answerHeader maps the header of an answers file of the layout: a bad
// header fails the read.
func (r *run) answerHeader(header []string, layout Layout) (*answerCols, error) {
	var ac *answerCols
	var err error
	if layout == LayoutLong {
		ac, err = r.longColumns(header)
	} else {
		ac, err = r.wideColumns(header)
	}
	if err == nil {
		err = r.checkSegments(ac)
	}
	if err != nil {
		r.failed = true
		r.sum.Errors = []error{err}
		return nil, err
	}
	ac.resolve()
	r.src.setWidth(len(header))
	return ac, nil
}

// meta maps column i to canonical column c; twice is an error.
func (ac *answerCols) meta(r *run, i int, c string) error {
	if _, dup := ac.idx[c]; dup {
		return r.fieldError(i, columnError("twice", ac.headers[i], nil, fmt.Errorf("column %s given twice: %w", quote(ac.headers[i]), csat.ErrDuplicate)))
	}
	ac.idx[c] = i
	return nil
}

// segment adds column i as a segment column.
func (ac *answerCols) segment(r *run, i int, h string) error {
	if ac.seen[h] {
		return r.fieldError(i, columnError("twice", h, nil, fmt.Errorf("column %s given twice: %w", quote(h), csat.ErrDuplicate)))
	}
	ac.seen[h] = true
	ac.segField[h] = i
	ac.segments = append(ac.segments, itemColumn{col: i, name: h})
	return nil
}

// item adds column i as item name.
func (ac *answerCols) item(r *run, i int, h, name string, named bool) error {
	if ac.seen[h] {
		return r.fieldError(i, columnError("twice", h, nil, fmt.Errorf("column %s given twice: %w", quote(h), csat.ErrDuplicate)))
	}
	ac.seen[h] = true
	if j, dup := ac.byName[name]; dup {
		return r.fieldError(i, fmt.Errorf("columns %s and %s are both item %s: %w", quote(ac.headers[j]), quote(h), quote(name), csat.ErrDuplicate))
	}
	ac.byName[name] = i
	ac.items = append(ac.items, itemColumn{col: i, name: name, named: named})
	return nil
}

// longOptional are the optional columns of the long layout.
var longOptional = []string{colSource, colCount, colPeriod, colForm, colRespondent, colCustomer, colOverall, colImportance}

// longColumns maps a long header.
func (r *run) longColumns(header []string) (*answerCols, error) {
	ac := newAnswerCols(header)
	allowed := map[string]bool{colItem: true, colLevel: true}
	for _, c := range longOptional {
		allowed[c] = true
	}
	for i, h := range header {
		if h == "" {
			continue
		}
		var err error
		switch c := r.c.classify(h); {
		case c == colNote || c == colSkip:
			r.sum.Ignored = append(r.sum.Ignored, h)
		case c == colSegment:
			err = ac.segment(r, i, h)
		case allowed[c]:
			err = ac.meta(r, i, c)
		default:
			err = r.fieldError(i, columnError("unknown", h, append([]string{colItem, colLevel}, longOptional...), fmt.Errorf("unknown column %s (want %s, segment columns such as 地区; else %s): %w", quote(h), want([]string{colItem, colLevel}, longOptional), skipHint, csat.ErrInvalid)))
		}
		if err != nil {
			return nil, err
		}
	}
	for _, c := range []string{colItem, colLevel} {
		if !ac.has(c) {
			return nil, r.fieldError(-1, columnError("missing", c, headersOf(c), fmt.Errorf("no column %q: %w", c, csat.ErrMissing)))
		}
	}
	if !ac.has(colForm) {
		for _, c := range []string{colOverall, colImportance} {
			if ac.has(c) {
				return nil, r.colError(ac.columns, c, fmt.Errorf("column %s belongs to forms, but there is no form column (表单, 表单编号, …): %w", quote(header[ac.idx[c]]), csat.ErrMissing))
			}
		}
		if len(ac.segments) > 0 {
			s := ac.segments[0]
			return nil, r.fieldError(s.col, fmt.Errorf("segment column %s gives forms' attributes, but there is no form column (表单, 表单编号, …): %w", quote(s.name), csat.ErrMissing))
		}
	}
	return ac, nil
}

// wideMeta are the meta columns of the wide layout.
var wideMeta = map[string]bool{colPeriod: true, colForm: true, colRespondent: true, colCustomer: true, colSource: true, colOverall: true}

// wideColumns maps a wide header: meta columns by name, items and
// importance columns in column order, and ignored columns.
func (r *run) wideColumns(header []string) (*answerCols, error) {
	ac := newAnswerCols(header)
	for i, h := range header {
		if h == "" {
			continue
		}
		var err error
		if name, mapped := r.c.Items[h]; mapped {
			err = ac.item(r, i, h, name, true)
		} else {
			err = r.wideColumn(ac, i, h)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, h := range slices.Sorted(maps.Keys(r.c.Items)) {
		if !ac.seen[h] {
			return nil, r.fieldError(-1, fmt.Errorf("no column %s (a header of Options.Items): %w", quote(h), csat.ErrMissing))
		}
	}
	if len(ac.items) == 0 {
		return nil, r.fieldError(-1, columnError("no-items", "", nil, fmt.Errorf("no item columns (a wide file has one column per item; a long one item and level columns): %w", csat.ErrMissing)))
	}
	for _, it := range ac.items {
		r.noteItem(it.name)
	}
	return ac, r.importanceItems(ac)
}

// wideColumn maps column i of a wide header, not named by Options.Items.
func (r *run) wideColumn(ac *answerCols, i int, h string) error {
	switch c := r.c.classify(h); {
	case c == colNote || c == colSkip:
		r.sum.Ignored = append(r.sum.Ignored, h)
	case c == colSegment:
		return ac.segment(r, i, h)
	case c == colImportanceOf:
		ac.importance = append(ac.importance, itemColumn{col: i, name: importanceOf(h)})
	case wideMeta[c]:
		return ac.meta(r, i, c)
	case r.c.Items != nil:
		r.sum.Ignored = append(r.sum.Ignored, h)
	case c == colItem || c == colLevel || c == colCount || c == colImportance:
		return r.fieldError(i, columnError("long-only", h, nil, fmt.Errorf("column %s belongs to the long layout (item and level columns), not the wide one: %w", quote(h), csat.ErrInvalid)))
	default:
		return ac.item(r, i, h, h, false)
	}
	return nil
}

// importanceItems names the items of the importance columns (through
// Options.Items, when it maps the name), each an item column.
func (r *run) importanceItems(ac *answerCols) error {
	seen := map[string]int{}
	for k, ic := range ac.importance {
		name := ic.name
		if n, ok := r.c.Items[name]; ok {
			name = n
		}
		if _, ok := ac.byName[name]; !ok {
			return r.fieldError(ic.col, columnError("unknown-item", ac.headers[ic.col], []string{name}, fmt.Errorf("importance column %s: no item column %s: %w", quote(ac.headers[ic.col]), quote(name), csat.ErrUnknownItem)))
		}
		if j, dup := seen[name]; dup {
			return r.fieldError(ic.col, fmt.Errorf("columns %s and %s both give the importance of %s: %w", quote(ac.headers[j]), quote(ac.headers[ic.col]), quote(name), csat.ErrDuplicate))
		}
		seen[name] = ic.col
		ac.importance[k].name = name
	}
	return nil
}

// checkSegments checks that every header of Options.Segments is in the
// file, or a dimension of Options.Attributes (a segment of the customers'
// attributes file only).
func (r *run) checkSegments(ac *answerCols) error {
	have := map[string]bool{}
	for _, h := range ac.headers {
		have[normHeader(h)] = true
	}
	for _, attrs := range r.c.Attributes {
		for dim := range attrs {
			have[normHeader(dim)] = true
		}
	}
	for _, s := range r.c.Segments {
		if !have[normHeader(norm.NFC.String(s))] {
			return r.fieldError(-1, fmt.Errorf("no column %s (a header of Options.Segments): %w", quote(s), csat.ErrMissing))
		}
	}
	return nil
}
