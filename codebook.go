package csat

import "math/bits"

// A Code maps one byte code of a [CodeBook] to an answer: an item, as
// rated by a source, at a level (the level's index in the table's scale).
type Code struct {
	Code   byte
	Item   string
	Source string
	Level  int
}

// A CodeBook maps each byte code to a cell and a level of a [Table], so
// that a stream of mixed item × level codes — what a survey system or a
// columnar file holds, one byte per answer — is counted in one pass
// without splitting it by item ([Table.AddCoded]). Up to 256 codes cover,
// for example, 51 items × 5 levels. A CodeBook is immutable and safe for
// concurrent use; it belongs to the scale it was built for.
type CodeBook struct {
	scale *Scale
	used  [256]bool
	code  [256]Code
	cells []Cell   // distinct cells, in order of first code
	of    [][]byte // the codes of each cell
}

// NewCodeBook validates codes for tables of scale s: every code given
// once ([ErrDuplicate]), non-empty UTF-8 item and source names
// ([ErrInvalid]), a level of the scale ([ErrUnknownLevel]).
func NewCodeBook(s *Scale, codes []Code) (*CodeBook, error) {
	if s == nil {
		return nil, errorf(ErrInvalid, "code book: no scale")
	}
	if len(codes) == 0 {
		return nil, errorf(ErrEmpty, "code book: no codes")
	}
	cb := &CodeBook{scale: s}
	at := map[Cell]int{}
	for _, c := range codes {
		switch {
		case cb.used[c.Code]:
			return nil, errorf(ErrDuplicate, "code book: code %d given twice", c.Code)
		case c.Level < 0 || c.Level >= s.Len():
			return nil, errorf(ErrUnknownLevel, "code book: code %d: scale %q has no level %d", c.Code, s.name, c.Level)
		case !validName(c.Item) || !validName(c.Source):
			return nil, errorf(ErrInvalid, "code book: code %d: item %s and source %s must be non-empty UTF-8", c.Code, quoteShort(c.Item), quoteShort(c.Source))
		}
		cell := Cell{c.Item, c.Source}
		i, ok := at[cell]
		if !ok {
			i = len(cb.cells)
			at[cell] = i
			cb.cells = append(cb.cells, cell)
		}
		if i == len(cb.of) {
			cb.of = append(cb.of, nil)
		}
		cb.of[i] = append(cb.of[i], c.Code)
		cb.used[c.Code], cb.code[c.Code] = true, c
	}
	return cb, nil
}

// Code returns the answer that code b stands for, and whether the book
// has it.
func (cb *CodeBook) Code(b byte) (Code, bool) {
	if cb == nil || !cb.used[b] {
		return Code{}, false
	}
	return cb.code[b], true
}

// AddCoded counts a stream of byte codes by the code book cb, one answer
// per byte, into the cells and levels the codes stand for. It runs in one
// pass at about the speed of a plain counting loop. It is atomic: a byte
// the book does not have ([ErrUnknownLevel], naming its offset and value),
// a book of another scale ([ErrScaleMismatch]) or a count that would
// overflow ([ErrOverflow], a [*CellError]) counts nothing.
func (t *Table) AddCoded(cb *CodeBook, codes []byte) error {
	if t == nil || t.scale == nil {
		return errorf(ErrInvalid, "table without scale (use NewTable)")
	}
	if cb == nil {
		return errorf(ErrInvalid, "no code book (use NewCodeBook)")
	}
	if !t.scale.Equal(cb.scale) {
		return errorf(ErrScaleMismatch, "code book of scale %q for a table of scale %q", cb.scale.name, t.scale.name)
	}
	h := histogram(codes)
	for v, n := range h {
		if n != 0 && !cb.used[v] {
			for off, x := range codes {
				if !cb.used[x] {
					return errorf(ErrUnknownLevel, "code %d at offset %d is not in the code book", x, off)
				}
			}
		}
	}
	// Check every cell for overflow, then add: nothing changes on error.
	for i, cell := range cb.cells {
		tl := t.cells.get(cell)
		if tl == nil {
			continue
		}
		a := cb.perLevel(i, &h)
		for l := range t.scale.Len() {
			if _, carry := bits.Add64(tl.counts[l], a[l], 0); carry != 0 {
				return &CellError{Item: cell.Item, Source: cell.Source, Err: errorf(ErrOverflow, "level %d count %d + %d", l, tl.counts[l], a[l])}
			}
		}
	}
	for i, cell := range cb.cells {
		a := cb.perLevel(i, &h)
		if a == ([MaxLevels]uint64{}) {
			continue
		}
		tl := t.cells.get(cell)
		if tl == nil {
			t.cells.put(cell, NewTally(t.scale))
			tl = t.cells.get(cell)
		}
		for l := range t.scale.Len() {
			tl.counts[l] += a[l]
		}
	}
	return nil
}

// perLevel returns the counts by level of cell i in the histogram h. No
// sum overflows: the counts add up to at most the input length.
func (cb *CodeBook) perLevel(i int, h *[256]uint64) (a [MaxLevels]uint64) {
	for _, code := range cb.of[i] {
		a[cb.code[code].Level] += h[code]
	}
	return a
}
