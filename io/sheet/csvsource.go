package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
// form C, so that a row of such values is clean already.
type csvSource struct {
	name     string
	r        *csvx.Reader
	closer   io.Closer
	max      int // MaxLine
	nrec     int // fields of the last record, 0 after an error
	width    int
	gbk      bool
	lastEnd  int // the last line of the last record
	blanks   int
	done     bool
	clean    bool // the last row's fields are interned, hence clean
	rec      []string
	cols     []internCol
	interned int // values interned, in all columns
}

// newCSVRows returns the row source of CSV text in (decoded), whose
// records may have max bytes (MaxLine).
func newCSVRows(in io.Reader, closer io.Closer, name string, gbk bool, max int) *csvSource {
	return &csvSource{
		name: name, closer: closer, gbk: gbk, max: max,
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
		fields, err := s.r.Read()
		if errors.Is(err, io.EOF) {
			if !s.done {
				s.done = true
				if n := s.r.Lines() - s.lastEnd; n > 0 {
					s.blanks += n
				}
				s.lastEnd = s.r.Lines()
			}
			return nil, io.EOF
		}
		s.nrec, s.clean = 0, false
		if err != nil {
			return nil, s.recordError(err)
		}
		s.nrec = len(fields)
		start := s.r.StartLine()
		if start > s.lastEnd+1 {
			s.blanks += start - s.lastEnd - 1
		}
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
// then makes a string per row, as any column did before.
const (
	maxInterned    = 4096
	maxInternedAll = 1 << 16
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
	for len(s.cols) < len(fields) {
		s.cols = append(s.cols, internCol{lastSym: -1})
	}
	s.rec = s.rec[:0]
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
		s.rec = append(s.rec, c.last.clean)
	}
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
	if len(c.vals) < maxInterned && s.interned < maxInternedAll {
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
	s.rec = s.rec[:0]
	for _, f := range fields {
		s.rec = append(s.rec, string(f))
	}
}

func (s *csvSource) symbol(i int) int32 {
	if !s.clean || i < 0 || i >= len(s.cols) {
		return -1
	}
	return s.cols[i].lastSym
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
