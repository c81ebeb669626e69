package csat

import (
	"bytes"
	"errors"
	"io"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/csatkit/csat/internal/iox"
)

// DefaultMaxField is the default bound on the length of one CSV field
// ([CSVOptions.MaxField]): 4 KiB, far more than any item, source or level
// name needs.
const DefaultMaxField = 4096

// CSVOptions configures [ReadTableCSV]. The zero value (or nil) means the
// defaults.
type CSVOptions struct {
	// MaxField bounds the length in bytes of one field; zero means
	// [DefaultMaxField]. A longer field is an error wrapping
	// [ErrOutOfRange], and the reader stops reading a record that grows
	// past 4 × MaxField (plus one buffer), so a hostile file cannot make
	// it hold more than that in memory.
	MaxField int
}

// ReadTableCSV reads survey answers into a new [Table] of scale s. The
// first row is a header naming the columns item, source and level, and
// optionally count (in any order; other columns are an error, so nothing
// is silently ignored; a UTF-8 byte-order mark is skipped). Each
// following row counts count answers (default 1) at the level named by
// key, English or Chinese label of s, for the item as rated by the source:
//
//	item,source,level,count
//	功能,survey,很满意,3
//	功能,self,satisfied,1
//
// Fields are trimmed of surrounding spaces. The input is streamed: memory
// does not grow with the number of rows. The first bad row stops the read
// with a [*ParseError] naming its line and field (and, for a CSV syntax
// error such as a stray quote or a row with the wrong number of fields,
// the byte column; those wrap [ErrSyntax]); an empty input (no header) is
// [ErrEmpty]. Bad input is quoted in messages by at most a short, escaped
// prefix.
func ReadTableCSV(r io.Reader, s *Scale, opts *CSVOptions) (*Table, error) {
	if s == nil {
		return nil, errorf(ErrInvalid, "csv: no scale")
	}
	if iox.IsNil(r) {
		return nil, errorf(ErrInvalid, "csv: nil reader")
	}
	max := DefaultMaxField
	if opts != nil && opts.MaxField > 0 {
		max = opts.MaxField
	}
	rr := newRecordReader(r, 4*max)
	header, _, err := rr.read()
	if errors.Is(err, io.EOF) {
		return nil, errorf(ErrEmpty, "csv: no header row")
	}
	if err != nil {
		return nil, csvError(err, 1)
	}
	col := [4]int{-1, -1, -1, -1} // item, source, level, count
	names := [4]string{"item", "source", "level", "count"}
	for i, hb := range header {
		h := strings.TrimSpace(string(hb))
		k := slices.Index(names[:], h)
		switch {
		case k < 0:
			return nil, &ParseError{Line: 1, Field: i + 1, Err: errorf(ErrInvalid, "unknown column %s (want item, source, level, count)", quoteShort(h))}
		case col[k] >= 0:
			return nil, &ParseError{Line: 1, Field: i + 1, Err: errorf(ErrDuplicate, "column %q given twice", h)}
		}
		col[k] = i
	}
	for k, need := range names[:3] {
		if col[k] < 0 {
			return nil, &ParseError{Line: 1, Err: errorf(ErrMissing, "no column %q", need)}
		}
	}
	t := NewTable(s)
	levels := s.lookup()
	cells := cellCache{t: t}
	for {
		rec, line, err := rr.read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, csvError(err, line)
		}
		for i, f := range rec {
			if len(f) > max {
				return nil, &ParseError{Line: line, Field: i + 1, Err: errorf(ErrOutOfRange, "field of %d bytes, more than %d", len(f), max)}
			}
		}
		item, source, level := trimSpace(rec[col[0]]), trimSpace(rec[col[1]]), trimSpace(rec[col[2]])
		lvl, ok := levels[string(level)]
		if !ok {
			if !utf8.Valid(level) {
				return nil, &ParseError{Line: line, Field: col[2] + 1, Err: errorf(ErrInvalid, "level %s is not UTF-8", quoteShort(string(level)))}
			}
			return nil, &ParseError{Line: line, Field: col[2] + 1, Err: errorf(ErrUnknownLevel, "scale %q has no level %s", s.name, quoteShort(string(level)))}
		}
		n := uint64(1)
		if col[3] >= 0 {
			c := trimSpace(rec[col[3]])
			var perr error
			if n, perr = parseCount(c); perr != nil {
				return nil, &ParseError{Line: line, Field: col[3] + 1, Err: perr}
			}
		}
		tl, perr := cells.get(item, source, line, col)
		if perr != nil {
			return nil, perr
		}
		if err := tl.AddN(lvl, n); err != nil {
			f := col[3] + 1 // the count overflowed
			if f == 0 {
				f = col[2] + 1
			}
			return nil, &ParseError{Line: line, Field: f, Err: &CellError{Item: string(item), Source: string(source), Err: err}}
		}
	}
}

// lookup returns a map from every key and label of the scale to its level
// index, for lookups by bytes without allocation.
func (s *Scale) lookup() map[string]int {
	m := make(map[string]int, 3*len(s.levels))
	for i := len(s.levels) - 1; i >= 0; i-- { // the first level wins a shared name, as in Index
		l := s.levels[i]
		m[l.Key] = i
		if l.Label != "" {
			m[l.Label] = i
		}
		if l.LabelZH != "" {
			m[l.LabelZH] = i
		}
	}
	return m
}

// cellCache finds the tally of an item and source given as bytes, keeping
// each item's cells so that a row allocates nothing once its cell is
// known; new names are checked and copied once.
type cellCache struct {
	t     *Table
	items map[string][]cachedCell
}

type cachedCell struct {
	source string
	index  int32 // into the table's tallies
}

func (c *cellCache) get(item, source []byte, line int, col [4]int) (*Tally, error) {
	for _, cc := range c.items[string(item)] {
		if cc.source == string(source) {
			return &c.t.cells.tallies[cc.index], nil
		}
	}
	switch {
	case len(item) == 0:
		return nil, &ParseError{Line: line, Field: col[0] + 1, Err: errorf(ErrInvalid, "empty item")}
	case !utf8.Valid(item):
		return nil, &ParseError{Line: line, Field: col[0] + 1, Err: errorf(ErrInvalid, "item %s is not UTF-8", quoteShort(string(item)))}
	case len(source) == 0:
		return nil, &ParseError{Line: line, Field: col[1] + 1, Err: errorf(ErrInvalid, "empty source")}
	case !utf8.Valid(source):
		return nil, &ParseError{Line: line, Field: col[1] + 1, Err: errorf(ErrInvalid, "source %s is not UTF-8", quoteShort(string(source)))}
	case !validName(string(item)):
		return nil, &ParseError{Line: line, Field: col[0] + 1, Err: errorf(ErrInvalid, "item name %s has control characters", quoteShort(string(item)))}
	case !validName(string(source)):
		return nil, &ParseError{Line: line, Field: col[1] + 1, Err: errorf(ErrInvalid, "source name %s has control characters", quoteShort(string(source)))}
	}
	if c.items == nil {
		c.items = map[string][]cachedCell{}
	}
	it, src := string(item), string(source)
	cell := Cell{it, src}
	if c.t.cells.get(cell) == nil {
		c.t.cells.put(cell, NewTally(c.t.scale))
	}
	idx := c.t.cells.index[cell]
	c.items[it] = append(c.items[it], cachedCell{source: src, index: idx})
	return &c.t.cells.tallies[idx], nil
}

// trimSpace trims Unicode space from both ends, without allocating; a
// field with no space at either end (the usual case) is returned after
// decoding just its first and last rune.
func trimSpace(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	first, last := rune(b[0]), rune(b[len(b)-1])
	if first >= utf8.RuneSelf {
		first, _ = utf8.DecodeRune(b)
	}
	if last >= utf8.RuneSelf {
		last, _ = utf8.DecodeLastRune(b)
	}
	if !unicode.IsSpace(first) && !unicode.IsSpace(last) {
		return b
	}
	return bytes.TrimSpace(b)
}

// parseCount parses a non-negative decimal count without allocating: a
// count of 2⁶⁴ or more is ErrOverflow, anything else not digits
// ErrInvalid.
func parseCount(b []byte) (uint64, error) {
	if len(b) == 0 {
		return 0, errorf(ErrInvalid, "count %s is not a non-negative integer", quoteShort(string(b)))
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, errorf(ErrInvalid, "count %s is not a non-negative integer", quoteShort(string(b)))
		}
		hi, lo := bits.Mul64(n, 10)
		lo, carry := bits.Add64(lo, uint64(c-'0'), 0)
		if hi != 0 || carry != 0 {
			for _, c := range b {
				if c < '0' || c > '9' {
					return 0, errorf(ErrInvalid, "count %s is not a non-negative integer", quoteShort(string(b)))
				}
			}
			return 0, errorf(ErrOverflow, "count %s does not fit in 64 bits", quoteShort(string(b)))
		}
		n = lo
	}
	return n, nil
}

// csvError turns an error of the record reader into a *ParseError:
// syntax errors wrap ErrSyntax with encoding/csv's error of the same
// kind, an overlong record ErrOutOfRange.
func csvError(err error, line int) error {
	var se *syntaxErr
	if errors.As(err, &se) {
		return &ParseError{Line: se.line, Column: se.col, Err: &syntaxError{err: se.err}}
	}
	if errors.Is(err, errTooLong) {
		return &ParseError{Line: line, Err: errorf(ErrOutOfRange, "a record longer than the limit (4 × CSVOptions.MaxField)")}
	}
	return &ParseError{Line: line, Err: err}
}

// syntaxError is a CSV syntax error: it matches both ErrSyntax and
// encoding/csv's own error (csv.ErrQuote, csv.ErrFieldCount, …).
type syntaxError struct{ err error }

func (e *syntaxError) Error() string   { return "csat: " + e.detail() }
func (e *syntaxError) detail() string  { return e.err.Error() + ": " + ErrSyntax.Error() }
func (e *syntaxError) Unwrap() []error { return []error{ErrSyntax, e.err} }
