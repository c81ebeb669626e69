package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// sniffSize is the size of the first chunk that the encoding is detected
// on.
const sniffSize = 64 << 10

// A rowSource yields the rows of a table: a CSV file or an XLSX sheet.
// Rows whose every field is empty or space are skipped and counted.
type rowSource interface {
	// next returns the next non-blank row, every field trimmed of
	// surrounding space, or io.EOF. An error that is a *csat.ParseError
	// rejects one row and the read may go on; any other error is fatal.
	// The row is valid until the next call.
	next() ([]string, error)
	// line returns the 1-based line (row) of field i of the last row.
	line(i int) int
	// blank returns the number of blank rows skipped so far (all of
	// them, once next has returned io.EOF).
	blank() int
	// setWidth fixes the number of fields of the following rows: a row
	// with fewer fields (CSV) or with a non-empty field past them is a
	// syntax error; shorter XLSX rows are padded.
	setWidth(n int)
	// sheetName returns the name of the sheet read, "" for CSV.
	sheetName() string
	close() error
}

// open opens path as a row source of the format and encoding of c.
func open(path string, c *config, sum *Summary) (rowSource, error) {
	format := c.Format
	if format == FormatAuto {
		var err error
		if format, err = formatOf(path); err != nil {
			return nil, err
		}
	}
	if format == FormatXLSX {
		sum.Format = FormatXLSX
		return openXLSX(path, nil, c, sum)
	}
	f, err := os.Open(path) //nolint:gosec // reading the file the caller names is the point
	if err != nil {
		return nil, err
	}
	if format == FormatAuto {
		br := bufio.NewReaderSize(f, sniffSize)
		if isZip(br) {
			sum.Format = FormatXLSX
			_ = f.Close()
			return openXLSX(path, nil, c, sum)
		}
		return newCSVSource(br, f, path, c, sum)
	}
	return newCSVSource(f, f, path, c, sum)
}

// openReader is open for a reader named name.
func openReader(r io.Reader, name string, c *config, sum *Summary) (rowSource, error) {
	format := c.Format
	if format == FormatAuto {
		var err error
		if format, err = formatOf(name); err != nil {
			return nil, err
		}
	}
	if format == FormatAuto {
		br := bufio.NewReaderSize(r, sniffSize)
		if isZip(br) {
			format = FormatXLSX
		}
		r = br
	}
	if format == FormatXLSX {
		sum.Format = FormatXLSX
		return openXLSX(name, r, c, sum)
	}
	return newCSVSource(r, nil, name, c, sum)
}

// formatOf returns the format of a file name's extension, FormatAuto
// when the extension does not tell.
func formatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return FormatCSV, nil
	case ".xlsx", ".xlsm":
		return FormatXLSX, nil
	case ".xls":
		return 0, fmt.Errorf("csat: %s: the Excel 97–2003 .xls format is not read (save it as .xlsx or CSV): %w", name, csat.ErrInvalid)
	}
	return FormatAuto, nil
}

func isZip(br *bufio.Reader) bool {
	b, _ := br.Peek(4)
	return bytes.Equal(b, []byte("PK\x03\x04"))
}

// csvSource reads CSV records, decoding GBK when asked or detected.
type csvSource struct {
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

func newCSVSource(r io.Reader, closer io.Closer, name string, c *config, sum *Summary) (rowSource, error) {
	sum.Format = FormatCSV
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, sniffSize)
	}
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		closeQuietly(closer)
		return nil, &csat.ParseError{File: name, Line: bytes.Count(head, []byte("\n")) + 1, Err: fmt.Errorf("reading stopped: %w", err)}
	}
	atEOF := err != nil
	enc := c.Encoding
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3)
		if enc == EncodingAuto {
			enc = EncodingUTF8
		}
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		closeQuietly(closer)
		return nil, &csat.ParseError{File: name, Line: 1, Err: valueError("utf-16", "", nil, fmt.Errorf("a UTF-16 file (save it as CSV UTF-8 or as CSV): %w", csat.ErrInvalid))}
	}
	if enc == EncodingAuto {
		if enc, err = GuessEncoding(completeRunes(head, atEOF)); err != nil {
			closeQuietly(closer)
			return nil, &csat.ParseError{File: name, Line: 1, Err: err}
		}
	}
	sum.Encoding = enc
	var in io.Reader = br
	if enc == EncodingGBK {
		in = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	lin, ok := in.(*bufio.Reader)
	if !ok {
		lin = bufio.NewReaderSize(in, sniffSize)
	}
	lc := &lineCounter{r: lin, recStart: 1}
	cr := csv.NewReader(lc)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvSource{name: name, r: cr, lines: lc, closer: closer, gbk: enc == EncodingGBK}, nil
}

// GuessEncoding tells the encoding of text b (without a byte-order mark)
// as the readers do with [EncodingAuto]: UTF-8 when b is valid UTF-8, else
// GBK; but valid UTF-8 whose only non-ASCII characters take two bytes
// (é, ü, …) reads as GBK Chinese too (GBK 茅 is UTF-8 é), and is an error
// wrapping [csat.ErrInvalid] asking for the encoding.
func GuessEncoding(b []byte) (Encoding, error) {
	if !utf8.Valid(b) {
		return EncodingGBK, nil
	}
	if r, ok := ambiguous(b); ok {
		return EncodingAuto, valueError("encoding", string(r), nil, fmt.Errorf("the text reads as UTF-8 (%q) and as GBK: its only non-ASCII characters are two-byte ones, which GBK Chinese also makes (GBK 茅 is UTF-8 é); say which with the encoding option (csat --encoding utf-8 or gbk; Options.Encoding): %w", r, csat.ErrInvalid))
	}
	return EncodingUTF8, nil
}

// ambiguous reports whether valid UTF-8 text b could as well be GBK:
// it has non-ASCII characters, all of two bytes in UTF-8 (Latin, Greek,
// Cyrillic: every such pair is also a GBK character), and no longer one
// (Chinese in UTF-8 takes three bytes, which GBK text rarely makes). It
// returns the first such character.
func ambiguous(b []byte) (rune, bool) {
	var first rune
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case n == 2 && first == 0:
			first = r
		case n > 2:
			return 0, false
		}
	}
	return first, first != 0
}

// completeRunes returns b without a UTF-8 sequence cut by the end of the
// chunk (unless the chunk is the whole input), so that a chunk boundary
// inside a character does not look like invalid UTF-8.
func completeRunes(b []byte, atEOF bool) []byte {
	if atEOF {
		return b
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

func closeQuietly(c io.Closer) {
	if c != nil {
		_ = c.Close()
	}
}

func (s *csvSource) setWidth(n int)    { s.width = n }
func (s *csvSource) sheetName() string { return "" }

func (s *csvSource) close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

func (s *csvSource) line(i int) int {
	if i < 0 || i >= len(s.rec) {
		i = 0
	}
	if len(s.rec) == 0 {
		return s.lastEnd
	}
	l, _ := s.r.FieldPos(i)
	return l
}

func (s *csvSource) blank() int { return s.blanks }

func (s *csvSource) next() ([]string, error) {
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
				return nil, fatal(&csat.ParseError{File: s.name, Line: s.lines.lines + 1, Err: fmt.Errorf("a record longer than %d bytes (a quoted field counts with its line breaks): %w", MaxLine, csat.ErrOutOfRange)})
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

// fatalError marks an error that stops a read even with CollectAll.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

func fatal(err error) error { return &fatalError{err} }

// syntaxError is a CSV syntax error: it matches both csat.ErrSyntax and
// encoding/csv's own error (csv.ErrQuote, csv.ErrFieldCount, …). Its
// text says in plain words what encoding/csv's error means.
type syntaxError struct{ err error }

func (e *syntaxError) Error() string {
	msg := e.err.Error()
	switch {
	case errors.Is(e.err, csv.ErrBareQuote):
		msg = `a quote (") inside a field that does not start with one: quote the whole field and double the quotes inside it ("a ""b"" c")`
	case errors.Is(e.err, csv.ErrQuote):
		msg = `a quoted field whose closing quote is missing or followed by more text before the next comma`
	}
	return msg + ": " + csat.ErrSyntax.Error()
}
func (e *syntaxError) Unwrap() []error { return []error{csat.ErrSyntax, e.err} }

var errLineTooLong = errors.New("record too long")

// lineCounter counts the lines read through it and refuses records longer
// than MaxLine bytes: a record is a line, or several when a quoted field
// holds line breaks, so a 100 MB quoted field split over short lines is
// refused like a 100 MB line. It delivers MaxLine+1 bytes of such a
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
			if c.cur++; c.cur > MaxLine {
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
// record passes MaxLine.
func (c *lineCounter) plain(b []byte) (int, bool) {
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '\n')
		seg := len(b) - i
		if j >= 0 {
			seg = j
		}
		if c.cur+seg > MaxLine {
			c.partial, c.err = true, errLineTooLong
			return i + MaxLine - c.cur + 1, false
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
