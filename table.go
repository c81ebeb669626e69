package csat

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A Cell names one tally of a survey [Table]: an item (功能, 外观, …) as
// rated by one source ([SourceSelf], [SourceSurvey], [SourceCompetitor],
// or any other name).
type Cell struct {
	Item   string
	Source string
}

func compareCells(a, b Cell) int {
	return cmp.Or(cmp.Compare(a.Item, b.Item), cmp.Compare(a.Source, b.Source))
}

// A Table holds a whole survey as tallies keyed by item and source, all of
// one [Scale]. Like a [Tally] it is a mergeable accumulator: each shard
// fills its own table, tables are encoded, shipped and merged, and the
// result is the same whatever the sharding. Its mutating methods are
// atomic (on error nothing changes); a Table is not safe for concurrent
// mutation.
type Table struct {
	scale   *Scale
	cells   cellSet
	scratch []int32 // reused by Merge
}

// cellSet holds a table's tallies in a slice, in insertion order, with an
// index by cell: a cell is looked up once per update and merges walk the
// slice.
//
// last is the position of the cell last updated or added, a hint that
// spares the map's hash of two strings when answers come cell after cell:
// an update first tries that cell, then the next one in insertion order
// (a survey read row by row visits its cells in the order they were first
// seen, so only a row's first cell goes through the map). A hint is
// checked against cells before use, so it is never wrong, even in a copy
// of the set or after the set is replaced; only the mutating paths write
// it, so concurrent readers of a Table stay read-only.
type cellSet struct {
	index   map[Cell]int32
	cells   []Cell
	tallies []Tally
	last    int32
}

// hot returns the tally of the cell last updated if it is the cell of
// item and source, nil otherwise. It is small enough to be inlined in
// lookup.
func (s *cellSet) hot(item, source string) *Tally {
	if i := int(s.last); i < len(s.cells) && s.cells[i].is(item, source) {
		return &s.tallies[i]
	}
	return nil
}

// next returns the tally of the cell after the last updated one if it is
// the cell of item and source, and makes it the last; nil otherwise.
func (s *cellSet) next(item, source string) *Tally {
	if i := int(s.last) + 1; i < len(s.cells) && s.cells[i].is(item, source) {
		s.last = int32(i) //nolint:gosec // i < len(s.cells) < 2³¹
		return &s.tallies[i]
	}
	return nil
}

// is reports whether c is the cell of item and source. Strings of the
// same length at the same address are equal: the usual case, where the
// caller passes the same strings again, costs no byte comparison.
func (c *Cell) is(item, source string) bool {
	return sameString(c.Item, item) && sameString(c.Source, source)
}

// sameString reports whether a == b, comparing addresses before bytes.
func sameString(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b) //nolint:gosec // reads no memory: compares two addresses
}

// get returns the tally of c, nil when c has none. The pointer is valid
// until the next put.
func (s *cellSet) get(c Cell) *Tally {
	if i, ok := s.index[c]; ok {
		return &s.tallies[i]
	}
	return nil
}

// put adds the new cell c with tally tl.
func (s *cellSet) put(c Cell, tl Tally) {
	if s.index == nil {
		s.index = map[Cell]int32{}
	}
	i := int32(len(s.cells)) //nolint:gosec // a table has far fewer than 2³¹ cells (each is a map entry)
	s.index[c] = i
	s.last = i
	s.cells = append(s.cells, c)
	s.tallies = append(s.tallies, tl)
}

func (s *cellSet) len() int { return len(s.cells) }

// NewTable returns an empty survey table of scale s.
func NewTable(s *Scale) *Table { return &Table{scale: s} }

// Scale returns the table's scale.
func (t *Table) Scale() *Scale {
	if t == nil {
		return nil
	}
	return t.scale
}

// lookup returns the tally of an existing cell (updated in place, no
// allocation), or a new tally of the table's scale after checking the
// names, with fresh true: the caller inserts it only when its update
// succeeded, so a failed update leaves the table unchanged.
func (t *Table) lookup(item, source string) (tl *Tally, fresh bool, err error) {
	if t == nil || t.scale == nil {
		return nil, false, errorf(ErrInvalid, "table without scale (use NewTable)")
	}
	if tl := t.cells.hot(item, source); tl != nil {
		return tl, false, nil
	}
	if tl := t.cells.next(item, source); tl != nil {
		return tl, false, nil
	}
	if i, ok := t.cells.index[Cell{item, source}]; ok {
		t.cells.last = i
		return &t.cells.tallies[i], false, nil
	}
	if !validName(item) {
		return nil, false, errorf(ErrInvalid, "table: item name %s must be non-empty UTF-8 without control characters", quoteShort(item))
	}
	if !validName(source) {
		return nil, false, errorf(ErrInvalid, "table: source name %s must be non-empty UTF-8 without control characters", quoteShort(source))
	}
	nt := NewTally(t.scale)
	return &nt, true, nil
}

// insert adds the fresh tally tl of a new cell after a successful update.
func (t *Table) insert(item, source string, tl *Tally, fresh bool, err error) error {
	if err != nil || !fresh {
		return err
	}
	t.cells.put(Cell{item, source}, *tl)
	return nil
}

// Add counts one answer at level index i for item as rated by source. On
// an existing cell it updates the tally in place and does not allocate.
func (t *Table) Add(item, source string, i int) error {
	tl, fresh, err := t.lookup(item, source)
	if err != nil {
		return err
	}
	return t.insert(item, source, tl, fresh, tl.Add(i))
}

// AddN counts n answers at level index i for item as rated by source.
func (t *Table) AddN(item, source string, i int, n uint64) error {
	tl, fresh, err := t.lookup(item, source)
	if err != nil {
		return err
	}
	return t.insert(item, source, tl, fresh, tl.AddN(i, n))
}

// AddKey counts one answer at the level whose key or label is level.
func (t *Table) AddKey(item, source, level string) error {
	tl, fresh, err := t.lookup(item, source)
	if err != nil {
		return err
	}
	return t.insert(item, source, tl, fresh, tl.AddKey(level))
}

// AddCodes counts byte-coded answers (see [Tally.AddCodes]).
func (t *Table) AddCodes(item, source string, codes []byte) error {
	tl, fresh, err := t.lookup(item, source)
	if err != nil {
		return err
	}
	return t.insert(item, source, tl, fresh, tl.AddCodes(codes))
}

// AddTally merges u into the tally of item and source.
func (t *Table) AddTally(item, source string, u Tally) error {
	tl, fresh, err := t.lookup(item, source)
	if err != nil {
		return err
	}
	return t.insert(item, source, tl, fresh, tl.Merge(u))
}

// Tally returns the tally of item as rated by source. A cell where
// nothing was counted, of an item and a source the table knows (each has
// answers in some cell), is an empty tally of the table's scale; an item
// or a source the table has never seen is an error wrapping
// [ErrUnknownItem] (a [*CellError]), so that a misspelt name is told
// apart from an empty cell.
func (t *Table) Tally(item, source string) (Tally, error) {
	if t == nil || t.scale == nil {
		return Tally{}, errorf(ErrInvalid, "table without scale (use NewTable)")
	}
	if tl := t.cells.get(Cell{item, source}); tl != nil {
		return *tl, nil
	}
	knownItem, knownSource := false, false
	for _, c := range t.cells.cells {
		knownItem = knownItem || c.Item == item
		knownSource = knownSource || c.Source == source
	}
	switch {
	case !knownItem:
		return Tally{}, &CellError{Item: item, Source: source, Err: errorf(ErrUnknownItem, "no item %q in the table", item)}
	case !knownSource:
		return Tally{}, &CellError{Item: item, Source: source, Err: errorf(ErrUnknownItem, "no source %q in the table", source)}
	}
	return NewTally(t.scale), nil
}

// Cells returns the table's cells in order of item, then source (byte
// order).
func (t *Table) Cells() []Cell {
	if t == nil {
		return nil
	}
	out := make([]Cell, 0, t.cells.len())
	out = append(out, t.cells.cells...)
	slices.SortFunc(out, compareCells)
	return out
}

// Items returns the items that have a tally, sorted.
func (t *Table) Items() []string {
	if t == nil {
		return nil
	}
	var out []string
	for _, c := range t.Cells() {
		if len(out) == 0 || out[len(out)-1] != c.Item {
			out = append(out, c.Item)
		}
	}
	return out
}

// Sources returns the sources that have a tally, sorted.
func (t *Table) Sources() []string {
	if t == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, c := range t.cells.cells {
		if !seen[c.Source] {
			seen[c.Source] = true
			out = append(out, c.Source)
		}
	}
	slices.Sort(out)
	return out
}

// Total returns the tally of every item of source merged: the answers of
// one source over the whole form, which the method's overall degree and
// rate are computed from. An overflow is [ErrOverflow].
func (t *Table) Total(source string) (Tally, error) {
	if t == nil || t.scale == nil {
		return Tally{}, errorf(ErrInvalid, "table without scale (use NewTable)")
	}
	sum := NewTally(t.scale)
	for i, c := range t.cells.cells {
		// Counts only grow, so an overflow does not depend on the order.
		if c.Source == source {
			if err := sum.Merge(t.cells.tallies[i]); err != nil {
				return Tally{}, err
			}
		}
	}
	return sum, nil
}

// Merge adds every tally of u to t. The scales must be equal
// ([ErrScaleMismatch]); on overflow ([ErrOverflow], a [*CellError] naming
// the cell) t is unchanged. Merging a nil or empty table is a no-op.
// Merging is exact, associative and commutative. Like a zero [Tally], a
// zero Table (no scale yet) takes u's scale and a copy of its cells, so
// that a zero value is a ready accumulator (a Beam combiner's, say);
// merging into a nil *Table is [ErrInvalid].
func (t *Table) Merge(u *Table) error {
	if t == nil {
		return errorf(ErrInvalid, "merge into a nil table")
	}
	if t.scale == nil {
		if u != nil && u.scale != nil {
			*t = *u.Clone()
		}
		return nil
	}
	if u == nil || u.cells.len() == 0 {
		return nil
	}
	if !t.scale.Equal(u.scale) {
		return errorf(ErrScaleMismatch, "merge: table of scale %q with table of scale %q", t.scale.name, u.scale.name)
	}
	// First pass: find each of u's cells in t (one lookup per cell, kept
	// in a reused scratch slice) and check it for overflow, allocating
	// nothing; the error names the first overflowing cell in cell order.
	where := t.scratch[:0]
	var bad Cell
	found := false
	for k, c := range u.cells.cells {
		var j int32
		ok := false
		if k < t.cells.len() && t.cells.cells[k] == c {
			j, ok = int32(k), true // shards filled alike keep their cells in the same order
		} else {
			j, ok = t.cells.index[c]
		}
		if !ok {
			j = -1
		} else if !t.cells.tallies[j].canMerge(&u.cells.tallies[k]) && (!found || compareCells(c, bad) < 0) {
			bad, found = c, true
		}
		where = append(where, j)
	}
	t.scratch = where
	if found {
		sum := *t.cells.get(bad)
		return &CellError{Item: bad.Item, Source: bad.Source, Err: sum.Merge(*u.cells.get(bad))}
	}
	// Second pass: add in place; only new cells allocate.
	for k, j := range where {
		if j >= 0 {
			t.cells.tallies[j].addCounts(&u.cells.tallies[k])
		} else {
			t.cells.put(u.cells.cells[k], u.cells.tallies[k])
		}
	}
	return nil
}

// Clone returns an independent copy of t.
func (t *Table) Clone() *Table {
	if t == nil {
		return nil
	}
	c := &Table{scale: t.scale}
	for i, cell := range t.cells.cells {
		c.cells.put(cell, t.cells.tallies[i])
	}
	return c
}

// Equal reports whether t and u have equal scales and equal tallies in
// every cell (an absent cell equals an empty tally).
func (t *Table) Equal(u *Table) bool {
	if t == nil || u == nil {
		return t == u
	}
	if !t.scale.Equal(u.scale) {
		return false
	}
	for i, c := range t.cells.cells {
		if !u.tally(c).Equal(t.cells.tallies[i]) {
			return false
		}
	}
	for i, c := range u.cells.cells {
		if !t.tally(c).Equal(u.cells.tallies[i]) {
			return false
		}
	}
	return true
}

// tally returns the tally of cell c, empty if nothing was counted there.
func (t *Table) tally(c Cell) Tally {
	if tl := t.cells.get(c); tl != nil {
		return *tl
	}
	return NewTally(t.scale)
}

// validName reports whether name can name an item or a source: non-empty
// UTF-8 without control characters but line feed and tab (an escape
// sequence in a name would reach a terminal raw).
func validName(name string) bool {
	return name != "" && utf8.ValidString(name) && strings.IndexFunc(name, badControl) < 0
}

// badControl reports whether r is a control character a name may not
// hold: any but line feed and tab.
func badControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }
