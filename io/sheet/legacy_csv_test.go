package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
)

// newLegacyCSVRows is the legacy row source of CSV text in (decoded),
// bounded by max.
func newLegacyCSVRows(in io.Reader, name string, gbk bool, max int) *legacyCSVSource {
	lin, ok := in.(*bufio.Reader)
	if !ok {
		lin = bufio.NewReaderSize(in, sniffSize)
	}
	lc := &lineCounter{r: lin, recStart: 1, max: max}
	cr := csv.NewReader(lc)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &legacyCSVSource{name: name, r: cr, lines: lc, gbk: gbk}
}

func (s *legacyCSVSource) cleaned() bool    { return false }
func (s *legacyCSVSource) symbol(int) int32 { return -1 }
func (s *legacyCSVSource) plan() *rowPlan   { return nil }

// legacyCSVSource is io/sheet's CSV row source as it was before it read
// with internal/csvx (commit 403161e, rows.go): encoding/csv behind a
// line counter, with the bound MaxLine made a field (max) for the tests.
type legacyCSVSource struct {
	name    string
	r       *csv.Reader
	lines   *lineCounter
	closer  io.Closer
	rec     []string
	width   int
	gbk     bool
	lastEnd int // the last line of the last record
	blanks  int
	done    bool
}

func (s *legacyCSVSource) setWidth(n int)    { s.width = n }
func (s *legacyCSVSource) sheetName() string { return "" }

func (s *legacyCSVSource) close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

func (s *legacyCSVSource) line(i int) int {
	if i < 0 || i >= len(s.rec) {
		i = 0
	}
	if len(s.rec) == 0 {
		return s.lastEnd
	}
	l, _ := s.r.FieldPos(i)
	return l
}

func (s *legacyCSVSource) blank() int { return s.blanks }

func (s *legacyCSVSource) next() ([]string, error) {
	for {
		rec, err := s.r.Read()
		if errors.Is(err, io.EOF) {
			if !s.done {
				s.done = true
				if n := s.lines.total() - s.lastEnd; n > 0 {
					s.blanks += n
				}
				s.lastEnd = s.lines.total()
			}
			return nil, io.EOF
		}
		s.rec = nil
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if pe.StartLine > s.lastEnd+1 {
					s.blanks += pe.StartLine - s.lastEnd - 1
				}
				s.lastEnd = pe.Line
				field := s.lines.fieldAt(pe.StartLine, pe.Line, pe.Column)
				return nil, &csat.ParseError{File: s.name, Line: pe.Line, Field: field, Column: pe.Column, Err: &syntaxError{err: pe.Err}}
			}
			if errors.Is(err, errLineTooLong) {
				return nil, fatal(&csat.ParseError{File: s.name, Line: s.lines.lines + 1, Err: fmt.Errorf("a record longer than %d bytes (a quoted field counts with its line breaks): %w", s.lines.max, csat.ErrOutOfRange)})
			}
			// A read error: the line being read when it came.
			return nil, fatal(&csat.ParseError{File: s.name, Line: s.lines.lines + 1, Err: fmt.Errorf("reading stopped: %w", err)})
		}
		s.rec = rec
		start, _ := s.r.FieldPos(0)
		if start > s.lastEnd+1 {
			s.blanks += start - s.lastEnd - 1
		}
		last := len(rec) - 1
		end, _ := s.r.FieldPos(last)
		s.lastEnd = end + strings.Count(rec[last], "\n")
		empty := true
		for i, f := range rec {
			f = strings.TrimSpace(f)
			rec[i] = f
			if f != "" {
				empty = false
			}
		}
		if empty {
			s.blanks++
			continue
		}
		for i, f := range rec {
			if !utf8.ValidString(f) {
				return nil, &csat.ParseError{File: s.name, Line: s.line(i), Field: i + 1, Err: valueError("not-utf8", f, nil, fmt.Errorf("%s is not UTF-8: is the file GBK, as Chinese Excel saves CSV? read it as GBK (csat --encoding gbk; Options.Encoding EncodingGBK): %w", quote(f), csat.ErrInvalid))}
			}
			if s.gbk && strings.ContainsRune(f, utf8.RuneError) {
				return nil, &csat.ParseError{File: s.name, Line: s.line(i), Field: i + 1, Err: valueError("not-gbk", f, nil, fmt.Errorf("%s has bytes that are not GBK: %w", quote(f), csat.ErrInvalid))}
			}
		}
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
}

var errLineTooLong = errors.New("record too long")

// lineCounter counts the lines read through it and refuses records longer
// than max bytes: a record is a line, or several when a quoted field
// holds line breaks, so a 100 MB quoted field split over short lines is
// refused like a 100 MB line. It delivers max+1 bytes of such a
// record, never its end, then errLineTooLong. It follows the quoting of
// encoding/csv: a field that starts with " is quoted until a " that is not
// doubled.
//
// A line holding a quote, and a line inside a quoted field, is delivered
// alone, at the end of a Read: the csv.Reader reading it, which can only
// meet a syntax error on such a line, then holds nothing after it, and
// the bytes of the last record (and of the one being read) that are kept
// are those of the error's record, for its field (fieldAt). Lines without
// quotes go in bulk.
type lineCounter struct {
	r       *bufio.Reader
	max     int
	lines   int        // newlines seen
	cur     int        // bytes of the current record
	state   quoteState // where the scan is in CSV's quoting
	partial bool       // bytes after the last newline
	err     error
	// recCur is the text of the record being read, which started on line
	// recStart; recLast and lastStart are those of the record before.
	recCur, recLast     []byte
	recStart, lastStart int
}

// readChunk reads into p the buffered bytes up to the first line that
// holds a quote, or that line alone (through its line break), or inside
// a quoted field one line.
func (c *lineCounter) readChunk(p []byte) (int, error) {
	if c.r.Buffered() == 0 {
		if _, err := c.r.Peek(1); err != nil {
			return 0, err
		}
	}
	b, _ := c.r.Peek(min(c.r.Buffered(), len(p)))
	n := copy(p, b[:chunkEnd(b, c.state)])
	_, _ = c.r.Discard(n)
	return n, nil
}

// chunkEnd returns the length of the chunk of b to deliver in state q.
func chunkEnd(b []byte, q quoteState) int {
	if q == quoted || q == quoteSeen {
		if j := bytes.IndexByte(b, '\n'); j >= 0 {
			return j + 1
		}
		return len(b)
	}
	i := bytes.IndexByte(b, '"')
	if i < 0 {
		return len(b)
	}
	if j := bytes.LastIndexByte(b[:i], '\n'); j >= 0 {
		return j + 1 // the lines before the quote's
	}
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j + 1 // the quote's line
	}
	return len(b)
}

// keep adds b, the bytes just read from state q, to the records' texts:
// a chunk without quotes read outside quotes is lines that each end a
// record; any other is one line, which ends the record when it ends
// outside quotes.
func (c *lineCounter) keep(b []byte, q quoteState) {
	if len(b) == 0 {
		return
	}
	last := bytes.LastIndexByte(b, '\n')
	if last < 0 {
		c.recCur = append(c.recCur, b...)
		return
	}
	bulk := q != quoted && q != quoteSeen && bytes.IndexByte(b, '"') < 0
	if !bulk && (last != len(b)-1 || c.state != fieldStart) {
		c.recCur = append(c.recCur, b...) // a line inside a quoted field
		return
	}
	if prev := bytes.LastIndexByte(b[:last], '\n'); bulk && prev >= 0 {
		c.recLast = append(c.recLast[:0], b[prev+1:last+1]...)
		c.lastStart = c.lines
	} else {
		c.recLast = append(append(c.recLast[:0], c.recCur...), b[:last+1]...)
		c.lastStart = c.recStart
	}
	c.recCur = append(c.recCur[:0], b[last+1:]...)
	c.recStart = c.lines + 1
}

// fieldAt returns the 1-based field at the 1-based byte column col of
// line of the record that started on line start (the current or the last
// one), 0 when that record is no longer kept.
func (c *lineCounter) fieldAt(start, line, col int) int {
	var rec []byte
	switch {
	case c.recStart == start && len(c.recCur) > 0:
		rec = c.recCur
	case c.lastStart == start:
		rec = c.recLast
	default:
		return 0
	}
	off := 0
	for l := start; l < line; l++ {
		j := bytes.IndexByte(rec[off:], '\n')
		if j < 0 {
			return 0
		}
		off += j + 1
	}
	end := min(off+max(col-1, 0), len(rec))
	field, q := 1, fieldStart
	for _, b := range rec[:end] {
		if b == ',' && q != quoted {
			field++
		}
		q, _ = q.step(b)
	}
	return field
}

// quoteState is where a byte falls in CSV's quoting.
type quoteState uint8

const (
	fieldStart quoteState = iota // at the start of a field
	unquoted                     // inside an unquoted field
	quoted                       // inside a quoted field
	quoteSeen                    // after a " inside a quoted field
)

// step returns the state after byte b, and whether b ends a record.
func (q quoteState) step(b byte) (quoteState, bool) {
	switch {
	case q == quoted:
		if b == '"' {
			return quoteSeen, false
		}
		return quoted, false
	case b == '\n':
		return fieldStart, true
	case b == ',':
		return fieldStart, false
	case b == '"' && (q == fieldStart || q == quoteSeen):
		return quoted, false
	case b == '\r' && q != quoteSeen:
		return q, false
	}
	return unquoted, false
}

func (c *lineCounter) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.readChunk(p)
	q := c.state
	m, err := c.count(p, n, err)
	c.keep(p[:m], q)
	return m, err
}

// count follows the n bytes read into p (err is the read's error); it
// returns how many to deliver and the error.
func (c *lineCounter) count(p []byte, n int, err error) (int, error) {
	for i := 0; i < n; {
		if c.state != quoted && c.state != quoteSeen {
			// Outside quotes, up to the next ", only line breaks matter.
			k := n
			if j := bytes.IndexByte(p[i:n], '"'); j >= 0 {
				k = i + j
			}
			if k > i {
				if m, ok := c.plain(p[i:k]); !ok {
					return i + m, c.err
				}
				i = k
				continue
			}
		}
		b := p[i]
		var end bool
		c.state, end = c.state.step(b)
		i++
		if end {
			c.lines++
			c.cur = 0
		} else if b == '\n' {
			c.lines++
		}
		if !end {
			if c.cur++; c.cur > c.max {
				c.partial, c.err = true, errLineTooLong
				return i, c.err
			}
		}
	}
	if n > 0 {
		c.partial = p[n-1] != '\n'
	}
	return n, err
}

// plain counts a run of bytes outside quotes and without ": records end
// at line breaks. It returns false, and how many bytes to deliver, when a
// record passes max.
func (c *lineCounter) plain(b []byte) (int, bool) {
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '\n')
		seg := len(b) - i
		if j >= 0 {
			seg = j
		}
		if c.cur+seg > c.max {
			c.partial, c.err = true, errLineTooLong
			return i + c.max - c.cur + 1, false
		}
		if j < 0 {
			c.cur += seg
			break
		}
		c.lines++
		c.cur = 0
		i += j + 1
	}
	switch b[len(b)-1] {
	case '\n', ',':
		c.state = fieldStart
	default:
		c.state = unquoted
	}
	return len(b), true
}

// total returns the number of lines read.
func (c *lineCounter) total() int {
	if c.partial {
		return c.lines + 1
	}
	return c.lines
}
