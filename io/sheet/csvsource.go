package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/csvx"
	"golang.org/x/text/unicode/norm"
)

// csvSource reads the rows of a CSV file with internal/csvx's record
// reader, which it bounds by MaxLine (csvx.RecordLimit), and turns their
// fields into strings without allocating for a value already met in the
// same column: each column keeps the values it has met (up to
// maxInterned of them), checked as run.clean checks them and in normal
// form C, so that a row of such values is clean already. A line met
// before gives its row again (rowMemo), with what the reader made of it
// (rowPlan).
type csvSource struct {
	name     string
	r        *csvx.Reader
	closer   io.Closer
	max      int // the longest record, MaxLine
	nrec     int // fields of the last record, 0 after an error
	width    int
	gbk      bool
	lastEnd  int // the last line of the last record
	blanks   int
	done     bool
	clean    bool     // the last row's fields are interned, hence clean
	rec      []string // the last row: buf, or a row of the memo
	syms     []int32  // the symbol of each field of a clean row
	buf      []string
	bufSyms  []int32
	memo     rowMemo
	cur      *memoRow // the memo's row of the last row, if any
	slow     bool     // no interning (fastRows off)
	cols     []internCol
	interned int // values interned, in all columns
}

// fastRows turns on the interning of values and the memo of rows; the
// tests turn it off to check that they change nothing.
var fastRows = true

// newCSVRows returns the row source of CSV text in (decoded), whose
// records may have max bytes (MaxLine).
func newCSVRows(in io.Reader, closer io.Closer, name string, gbk bool, max int) *csvSource {
	return &csvSource{
		name: name, closer: closer, gbk: gbk, max: max, slow: !fastRows, memo: rowMemo{off: !fastRows},
		r: csvx.NewReader(in, csvx.Options{Max: max, Limit: csvx.RecordLimit, AnyFields: true}),
	}
}

func (s *csvSource) setWidth(n int)    { s.width = n }
func (s *csvSource) sheetName() string { return "" }
func (s *csvSource) blank() int        { return s.blanks }
func (s *csvSource) cleaned() bool     { return s.clean }

func (s *csvSource) close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

func (s *csvSource) line(i int) int {
	if i < 0 || i >= s.nrec {
		i = 0
	}
	if s.nrec == 0 {
		return s.lastEnd
	}
	return s.r.FieldLine(i)
}

func (s *csvSource) next() ([]string, error) {
	for {
		err := s.r.Next()
		if err != nil && errors.Is(err, io.EOF) {
			if !s.done {
				s.done = true
				if n := s.r.Lines() - s.lastEnd; n > 0 {
					s.blanks += n
				}
				s.lastEnd = s.r.Lines()
			}
			return nil, io.EOF
		}
		s.nrec, s.clean, s.cur = 0, false, nil
		if err != nil {
			return nil, s.recordError(err)
		}
		start := s.r.StartLine()
		if start > s.lastEnd+1 {
			s.blanks += start - s.lastEnd - 1
		}
		text := s.r.Text()
		if s.cur = s.memo.row(text, s); s.cur != nil {
			s.nrec, s.lastEnd, s.clean = len(s.rec), start, true
			return s.fit(start)
		}
		fields := s.r.Fields()
		s.nrec = len(fields)
		last := len(fields) - 1
		s.lastEnd = s.r.FieldLine(last) + bytes.Count(fields[last], []byte{'\n'})
		empty := true
		for i, f := range fields {
			f = trimSpace(f)
			fields[i] = f
			if len(f) > 0 {
				empty = false
			}
		}
		if empty {
			s.blanks++
			continue
		}
		if s.clean = s.intern(fields); s.clean {
			s.cur = s.memo.add(text, s)
			return s.fit(start)
		}
		return s.checked(start)
	}
}

// recordError turns an error of the record reader into the row's error:
// a syntax error rejects the row, a record too long or a read error stops
// the read.
func (s *csvSource) recordError(err error) error {
	var pe *csvx.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine > s.lastEnd+1 {
			s.blanks += pe.StartLine - s.lastEnd - 1
		}
		s.lastEnd = pe.Line
		return &csat.ParseError{File: s.name, Line: pe.Line, Field: pe.Field, Column: pe.Column, Err: &syntaxError{err: pe.Err}}
	}
	var se *csvx.StopError
	if errors.As(err, &se) && errors.Is(se.Err, csvx.ErrTooLong) {
		return fatal(&csat.ParseError{File: s.name, Line: se.Line, Err: fmt.Errorf("a record longer than %d bytes (a quoted field counts with its line breaks): %w", s.max, csat.ErrOutOfRange)})
	}
	line := s.r.Lines() + 1
	if se != nil {
		line, err = se.Line, se.Err
	}
	// A read error: the line being read when it came.
	return fatal(&csat.ParseError{File: s.name, Line: line, Err: fmt.Errorf("reading stopped: %w", err)})
}

// checked returns the row s.rec after the checks of every field, for a
// row with a value that is not interned: UTF-8 (and GBK) first, then the
// number of fields.
func (s *csvSource) checked(start int) ([]string, error) {
	for i, f := range s.rec {
		if !utf8.ValidString(f) {
			return nil, &csat.ParseError{File: s.name, Line: s.line(i), Field: i + 1, Err: valueError("not-utf8", f, nil, fmt.Errorf("%s is not UTF-8: is the file GBK, as Chinese Excel saves CSV? read it as GBK (csat --encoding gbk; Options.Encoding EncodingGBK): %w", quote(f), csat.ErrInvalid))}
		}
		if s.gbk && strings.ContainsRune(f, utf8.RuneError) {
			return nil, &csat.ParseError{File: s.name, Line: s.line(i), Field: i + 1, Err: valueError("not-gbk", f, nil, fmt.Errorf("%s has bytes that are not GBK: %w", quote(f), csat.ErrInvalid))}
		}
	}
	return s.fit(start)
}

// fit returns the row s.rec cut to the header's width: a row with fewer
// fields, or with a value past them, is a syntax error.
func (s *csvSource) fit(start int) ([]string, error) {
	rec := s.rec
	if s.width > 0 {
		if len(rec) < s.width {
			return nil, &csat.ParseError{File: s.name, Line: start, Column: 1, Err: &syntaxError{err: fmt.Errorf("%d fields, the header has %d: %w", len(rec), s.width, csv.ErrFieldCount)}}
		}
		for i := s.width; i < len(rec); i++ {
			if rec[i] != "" {
				return nil, &csat.ParseError{File: s.name, Line: s.line(i), Field: i + 1, Err: &syntaxError{err: fmt.Errorf("%d fields, the header has %d: %w", len(rec), s.width, csv.ErrFieldCount)}}
			}
		}
		rec = rec[:s.width]
	}
	return rec, nil
}

// maxInterned bounds the values a column keeps, and maxInternedAll those
// of all columns: a column of ids (forms, respondents) fills its share and
// then makes a string per row, as any column did before. A value longer
// than maxInternText bytes is not kept (names are short): what the
// columns keep is bounded whatever the file, as the rows the memo keeps.
const (
	maxInterned    = 4096
	maxInternedAll = 1 << 16
	maxInternText  = 256
)

// internCol is what a column keeps of the values met: each value (as
// read, trimmed) is a symbol, the index of its raw and clean strings.
type internCol struct {
	syms map[string]int32
	vals []internVal
	// last is the value of the last row, with its symbol (-1 when not
	// interned): a run of rows with one value (a form's id) costs no
	// lookup.
	last    internVal
	lastSym int32
	// hot holds symbols + 1 by a hash of their value's length and first
	// and last bytes, looked up before syms: a column of few values
	// (items, sources, levels) is read without hashing its values whole.
	hot [hotSize]int32
}

const hotSize = 128

// hotSlot returns the slot of value f in internCol.hot.
func hotSlot(f []byte) int {
	n := len(f)
	if n == 0 {
		return 0
	}
	x := uint32(n&0xFF) | uint32(f[0])<<8 | uint32(f[(n-1)/2])<<16 | uint32(f[n-1])<<24
	return int((x * 0x9E3779B1) >> (32 - 7))
}

type internVal struct{ raw, clean string }

// intern sets s.rec to the strings of the fields (trimmed) and reports
// whether they are all clean: interned, or new values that pass
// run.clean's checks. Otherwise s.rec holds the fields as read, for the
// checks.
func (s *csvSource) intern(fields [][]byte) bool {
	if s.slow {
		s.raw(fields)
		return false
	}
	for len(s.cols) < len(fields) {
		s.cols = append(s.cols, internCol{lastSym: -1})
	}
	s.buf, s.bufSyms = s.buf[:0], s.bufSyms[:0]
	for i, f := range fields {
		c := &s.cols[i]
		if string(f) != c.last.raw {
			h := hotSlot(f)
			if sym := c.hot[h] - 1; sym >= 0 && c.vals[sym].raw == string(f) {
				c.last, c.lastSym = c.vals[sym], sym
			} else if sym, ok := c.syms[string(f)]; ok {
				c.last, c.lastSym = c.vals[sym], sym
				c.hot[h] = sym + 1
			} else if !s.internNew(c, f) {
				s.raw(fields)
				return false
			}
		}
		s.buf, s.bufSyms = append(s.buf, c.last.clean), append(s.bufSyms, c.lastSym)
	}
	s.rec, s.syms = s.buf, s.bufSyms
	return true
}

// internNew makes a value not met before the column's last one, if it
// passes run.clean's checks (and is UTF-8, and GBK when the file is):
// interned while the column has room.
func (s *csvSource) internNew(c *internCol, f []byte) bool {
	if !utf8.Valid(f) || s.gbk && bytes.ContainsRune(f, utf8.RuneError) || bytes.IndexFunc(f, badControl) >= 0 {
		return false
	}
	raw := string(f)
	if len(f) > 0 && f[0] == '#' && excelErrors[strings.ToUpper(raw)] {
		return false
	}
	v := internVal{raw: raw, clean: raw}
	if !norm.NFC.IsNormalString(raw) {
		v.clean = norm.NFC.String(raw)
	}
	c.last, c.lastSym = v, -1
	if len(c.vals) < maxInterned && s.interned < maxInternedAll && len(raw) <= maxInternText {
		if c.syms == nil {
			c.syms = map[string]int32{}
		}
		c.lastSym = int32(len(c.vals)) //nolint:gosec // below maxInterned
		c.syms[raw] = c.lastSym
		c.vals = append(c.vals, v)
		s.interned++
	}
	return true
}

// raw sets s.rec to the fields as read (trimmed).
func (s *csvSource) raw(fields [][]byte) {
	s.buf = s.buf[:0]
	for _, f := range fields {
		s.buf = append(s.buf, string(f))
	}
	s.rec = s.buf
}

func (s *csvSource) symbol(i int) int32 {
	if !s.clean || i < 0 || i >= len(s.syms) {
		return -1
	}
	return s.syms[i]
}

// A rowMemo remembers the clean rows of the lines met (a line without
// quotes, up to maxMemoText bytes): a file whose lines repeat (the long
// layout without form ids: item, source, level, count) reads a line
// seen before with one lookup. It gives up on a file whose lines seldom
// repeat (form ids): past each memoCheck misses, while it has had more
// misses than hits. It is a hash table of its own, open-addressed: a
// lookup hashes the line once.
type rowMemo struct {
	seed         maphash.Seed
	slots        []memoSlot // a power of two, at most half full
	n            int
	hits, misses int
	off          bool
}

type memoSlot struct {
	hash uint64
	row  *memoRow
}

type memoRow struct {
	text string
	rec  []string
	syms []int32
	plan rowPlan
}

const (
	maxMemoText = 256
	maxMemoRows = 4096
	memoCheck   = 1024
)

// find returns the slot of text, of hash h: its row's, or the empty one
// where it goes.
func (m *rowMemo) find(text []byte, h uint64) *memoSlot {
	mask := uint64(len(m.slots) - 1) //nolint:gosec // a length, not negative
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &m.slots[i]
		if sl.row == nil || sl.hash == h && sl.row.text == string(text) {
			return sl
		}
	}
}

// row sets s.rec and s.syms to the row of text and returns it, if text
// was met before; nil otherwise.
func (m *rowMemo) row(text []byte, s *csvSource) *memoRow {
	if m.off || text == nil || len(text) > maxMemoText {
		return nil
	}
	if m.n > 0 {
		if sl := m.find(text, maphash.Bytes(m.seed, text)); sl.row != nil {
			m.hits++
			s.rec, s.syms = sl.row.rec, sl.row.syms
			return sl.row
		}
	}
	if m.misses++; m.misses%memoCheck == 0 && m.misses > m.hits {
		m.off, m.slots = true, nil
	}
	return nil
}

// add remembers the clean row of text, s.rec and s.syms, and returns it
// (nil when it does not).
func (m *rowMemo) add(text []byte, s *csvSource) *memoRow {
	if m.off || text == nil || len(text) > maxMemoText || m.n >= maxMemoRows {
		return nil
	}
	if 2*(m.n+1) > len(m.slots) {
		m.grow()
	}
	h := maphash.Bytes(m.seed, text)
	sl := m.find(text, h)
	if sl.row == nil {
		m.n++
	}
	sl.hash, sl.row = h, &memoRow{text: string(text), rec: slices.Clone(s.rec), syms: slices.Clone(s.syms)}
	return sl.row
}

// grow doubles the table (64 slots at first).
func (m *rowMemo) grow() {
	old := m.slots
	if len(old) == 0 {
		m.seed = maphash.MakeSeed()
	}
	m.slots = make([]memoSlot, max(64, 2*len(old)))
	mask := uint64(len(m.slots) - 1) //nolint:gosec // a length, not negative
	for _, sl := range old {
		if sl.row == nil {
			continue
		}
		i := sl.hash & mask
		for m.slots[i].row != nil {
			i = (i + 1) & mask
		}
		m.slots[i] = sl
	}
}

func (s *csvSource) plan() *rowPlan {
	if s.cur == nil {
		return nil
	}
	return &s.cur.plan
}

// trimSpace is bytes.TrimSpace, without decoding a rune of a field that
// neither starts nor ends with a byte that may begin a space: an ASCII
// space or the first byte of U+0085, U+00A0, U+1680, U+2000–U+205F or
// U+3000 (0xC2, 0xE1, 0xE2, 0xE3).
func trimSpace(b []byte) []byte {
	n := len(b)
	if n == 0 {
		return b
	}
	if maySpace(b[0]) || maySpace(b[n-1]) ||
		b[n-1] >= utf8.RuneSelf && (n >= 2 && b[n-2] == 0xC2 || n >= 3 && b[n-3] >= 0xE1 && b[n-3] <= 0xE3) {
		return bytes.TrimSpace(b)
	}
	return b
}

// maySpace reports whether byte c is an ASCII space or may begin a
// non-ASCII one.
func maySpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xC2, 0xE1, 0xE2, 0xE3:
		return true
	}
	return false
}
