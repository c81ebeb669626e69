// Package csvx reads CSV records as encoding/csv reads them with its
// defaults (comma-separated, RFC 4180 quoting, CRLF read as LF, empty
// lines skipped), without allocating per record: the fields it returns
// are slices into its own buffers, valid until the next read. A record
// without quotes, the common case, is split in place. It is the record
// reader of csat.ReadTableCSV and of the io/sheet readers; each bounds a
// record as it always has (see [Limit]).
//
// Its records, the lines of their fields and its syntax errors (kind,
// line, byte column) are encoding/csv's, checked against it by the tests;
// [ParseError.AtLine] and [ParseError.AtColumn] give besides the byte at
// fault as csat.ReadTableCSV reports it.
package csvx

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"io"
	"math/bits"
)

// Limit says how a [Reader] bounds the bytes of a record it holds.
type Limit int

const (
	// LineLimit refuses a line longer than Max bytes (its line break
	// included), and a record whose fields hold more than Max bytes
	// while a quoted field goes on over lines, as soon as it knows: the
	// error is a [*StopError] wrapping [ErrTooLong] at the line being
	// read, or at the record's first line inside a quoted field. A read
	// error likewise stops the read at once (what its line held is
	// dropped): at the line after the one it cut, at the record's first
	// line inside a quoted field.
	LineLimit Limit = iota
	// RecordLimit ends the input after the first Max+1 bytes of a record
	// longer than Max bytes (counted from its first byte to the line
	// break that ends it, the line breaks inside quoted fields included,
	// records being delimited by a scan of the quotes, which agrees with
	// the parse on well-formed input): what was read is parsed as
	// encoding/csv parses input cut by a read error (a syntax error in
	// it is reported first), then the read stops with a [*StopError]
	// wrapping [ErrTooLong] on the line of the byte too many. A read
	// error stops it likewise, on the line being read.
	RecordLimit
)

// Options configures a [Reader].
type Options struct {
	// Max bounds the bytes of a record, as Limit says; it must be > 0.
	Max   int
	Limit Limit
	// AnyFields accepts records of any number of fields; otherwise
	// every record must have the first one's number (csv.ErrFieldCount),
	// as encoding/csv's FieldsPerRecord 0.
	AnyFields bool
}

// ErrTooLong reports a record longer than the reader accepts.
var ErrTooLong = errors.New("record too long")

// A StopError ends a read: a record too long ([ErrTooLong]) or the
// underlying reader's error, on line Line.
type StopError struct {
	Line int
	Err  error
}

func (e *StopError) Error() string { return e.Err.Error() }
func (e *StopError) Unwrap() error { return e.Err }

// A ParseError is a CSV syntax error: Err is csv.ErrBareQuote,
// csv.ErrQuote or csv.ErrFieldCount, at the place encoding/csv reports
// it (StartLine, Line and the 1-based byte Column, on lines whose CRLF
// is read as LF) in the 1-based field Field.
type ParseError struct {
	StartLine, Line, Column int
	Field                   int
	// AtLine and AtColumn are the byte at fault: the bare quote (as
	// Line and Column); the byte after a closing quote that is followed
	// by more text (Column names the quote); for a quote never closed,
	// the end of the text of the input's last line, where the closing
	// quote is missing (Column is past its line break, on the last line
	// that held anything once a final lone CR is dropped).
	AtLine, AtColumn int
	Err              error
}

func (e *ParseError) Error() string { return e.Err.Error() }
func (e *ParseError) Unwrap() error { return e.Err }

// A Reader reads CSV records from a buffered input.
type Reader struct {
	br  *bufio.Reader
	opt Options
	// numLine counts lines as encoding/csv does: every line read, and
	// the read that meets the end of the input.
	numLine int
	// newlines counts the line breaks read, and partial tells that the
	// input read so far ends without one.
	newlines int
	partial  bool
	eof      bool // the end of the input was met
	// inQuotes and cur are RecordLimit's scan: whether the next line
	// starts inside a quoted field, and the bytes of its record before
	// it. stop, once set, is the error that every later read meets.
	inQuotes bool
	cur      int
	stop     error
	nfields  int // the first record's number of fields (unless AnyFields)

	long   []byte // a line longer than the buffer
	buf    []byte // the fields of a record with quotes
	fields [][]byte
	ends   []int
	lines  []int  // the first line of each field of a record with quotes
	start  int    // the last record's first line
	quoted bool   // the last record had quotes (its fields' lines vary)
	text   []byte // the last record's text, when it has no quote
	split  bool   // fields holds its fields
	// noQuote tells that the last line read (RecordLimit) has no quote
	// and starts outside quoted fields.
	noQuote bool
	// lastLen is the length of the text of the last line read (without
	// its line break), for AtColumn.
	lastLen int
}

// NewReader returns a reader of r, which it buffers by 64 KiB (r itself
// when it is a *bufio.Reader at least that large).
func NewReader(r io.Reader, opt Options) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 64<<10), opt: opt}
}

// Lines returns the lines of the input read so far: its line breaks, and
// the text after the last one.
func (r *Reader) Lines() int {
	if r.partial {
		return r.newlines + 1
	}
	return r.newlines
}

// StartLine returns the first line of the last record read.
func (r *Reader) StartLine() int { return r.start }

// FieldLine returns the line on which field i (0-based) of the last
// record read starts.
func (r *Reader) FieldLine(i int) int {
	if r.quoted && i < len(r.lines) {
		return r.lines[i]
	}
	return r.start
}

// Read returns the next record's fields, io.EOF at the end of the input,
// a [*ParseError] for a record with a syntax error (the read may go on,
// on the next line) or a [*StopError].
func (r *Reader) Read() ([][]byte, error) {
	if err := r.Next(); err != nil {
		return nil, err
	}
	return r.Fields(), nil
}

// Next reads the next record, whose fields are then [Reader.Fields] (and
// for a record without quotes, its text [Reader.Text]); it returns
// io.EOF at the end of the input, a [*ParseError] for a record with a
// syntax error (the read may go on, on the next line) or a [*StopError].
func (r *Reader) Next() error {
	var line []byte
	var errRead error
	for errRead == nil {
		line, errRead = r.readLine()
		if errRead == nil && len(line) == lengthNL(line) {
			continue // encoding/csv skips empty lines
		}
		break
	}
	if errRead != nil && errors.Is(errRead, io.EOF) {
		return io.EOF
	}
	r.start = r.numLine
	text := line[:len(line)-lengthNL(line)]
	if errRead == nil && (r.opt.Limit == RecordLimit && r.noQuote || r.opt.Limit == LineLimit && bytes.IndexByte(text, '"') < 0) {
		r.quoted, r.text, r.split = false, text, false
		if r.opt.AnyFields {
			return nil // split when asked
		}
		return r.fieldCount(r.Fields(), nil)
	}
	r.quoted, r.text, r.split = true, nil, true
	fields, err := r.readQuoted(line, errRead)
	return r.fieldCount(fields, err)
}

// Text returns the text of the last record read, without its line
// break, when it has no quote (its fields are the text split at its
// commas); nil otherwise. It is valid until the next read.
func (r *Reader) Text() []byte { return r.text }

// Fields returns the fields of the last record read without error:
// slices of the reader's buffers, valid until the next read.
func (r *Reader) Fields() [][]byte {
	if !r.split {
		r.fields, r.split = split(r.fields[:0], r.text), true
	}
	return r.fields
}

// split appends the comma-separated fields of line, which has no quote,
// to fields. It reads 8 bytes at a time.
func split(fields [][]byte, line []byte) [][]byte {
	const (
		ones   = 0x0101010101010101
		low7   = 0x7f7f7f7f7f7f7f7f
		commas = ',' * ones
	)
	start, i := 0, 0
	for ; i+8 <= len(line); i += 8 {
		x := binary.LittleEndian.Uint64(line[i:]) ^ commas
		// The high bit of each zero byte of x: a comma of the line.
		for c := ^((x&low7 + low7) | x | low7); c != 0; c &= c - 1 {
			j := i + bits.TrailingZeros64(c)/8
			fields = append(fields, line[start:j])
			start = j + 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == ',' {
			fields = append(fields, line[start:i])
			start = i + 1
		}
	}
	return append(fields, line[start:])
}

// fieldCount checks the number of fields of the record just read with
// err, unless any number is accepted.
func (r *Reader) fieldCount(fields [][]byte, err error) error {
	if r.opt.AnyFields {
		return err
	}
	if err != nil {
		if r.nfields == 0 {
			r.nfields = len(r.ends) // as encoding/csv: the fields before the error
		}
		return err
	}
	if r.nfields == 0 {
		r.nfields = len(fields)
	} else if len(fields) != r.nfields {
		return &ParseError{StartLine: r.start, Line: r.start, Column: 1, AtLine: r.start, AtColumn: 1, Err: csv.ErrFieldCount}
	}
	return nil
}

// lengthNL reports the number of bytes of the line break ending b.
func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// readLine returns the next line, with its line break (LF for CRLF), as
// encoding/csv's readLine does: a CR before the end of the input is
// dropped, and io.EOF comes alone.
func (r *Reader) readLine() ([]byte, error) {
	var line []byte
	var err error
	if r.stop != nil {
		err = r.stop
	} else {
		line, err = r.readRaw()
	}
	n := len(line)
	if err == io.EOF { //nolint:errorlint // exactly as encoding/csv, which compares
		if n > 0 {
			err = nil
			if line[n-1] == '\r' { // a CR before the end is dropped
				line = line[:n-1]
			}
		} else {
			r.eof = true
		}
	}
	r.numLine++
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	if n > 0 {
		r.lastLen = len(line) - lengthNL(line)
	}
	return line, err
}

// readRaw reads the next line of the input as it is, bounded as the
// limit says.
func (r *Reader) readRaw() ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	if err != nil && errors.Is(err, bufio.ErrBufferFull) {
		r.long = append(r.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if r.opt.Limit == LineLimit && len(r.long) > r.opt.Max {
				return nil, &StopError{Line: r.numLine + 1, Err: ErrTooLong}
			}
			if r.opt.Limit == RecordLimit && len(r.long) > r.opt.Max-r.cur {
				return r.cut(r.long, false)
			}
			line, err = r.br.ReadSlice('\n')
			r.long = append(r.long, line...)
		}
		line = r.long
	}
	if r.opt.Limit == LineLimit {
		return r.lineLimit(line, err)
	}
	return r.recordLimit(line, err)
}

// lineLimit applies LineLimit to a line read with err.
func (r *Reader) lineLimit(line []byte, err error) ([]byte, error) {
	if len(line) == 0 && err != nil {
		if errors.Is(err, io.EOF) {
			return nil, err
		}
		return nil, &StopError{Line: r.numLine + 1, Err: err}
	}
	if len(r.countLine(line)) > r.opt.Max {
		return nil, &StopError{Line: r.numLine + 1, Err: ErrTooLong}
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, &StopError{Line: r.numLine + 2, Err: err}
	}
	return line, err
}

// countLine counts the line breaks of a line read.
func (r *Reader) countLine(line []byte) []byte {
	if n := len(line); n > 0 {
		r.partial = line[n-1] != '\n'
		if !r.partial {
			r.newlines++
		}
	}
	return line
}

// recordLimit applies RecordLimit to a line read with err: it follows
// the quotes to know whether the line's break ends its record.
func (r *Reader) recordLimit(line []byte, err error) ([]byte, error) {
	n := len(line)
	text := n - lengthNL(line)
	q := r.inQuotes
	r.noQuote = !r.inQuotes && bytes.IndexByte(line[:text], '"') < 0
	if !r.noQuote {
		q = endsQuoted(line[:text], r.inQuotes)
	}
	counted := text
	if text < n && q {
		counted++ // a line break inside a quoted field
	}
	if r.cur+counted > r.opt.Max {
		return r.cut(line, text < n && q)
	}
	r.countLine(line)
	if text < n {
		r.inQuotes = q
		if q {
			r.cur += n
		} else {
			r.cur = 0
		}
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return line, r.stopErr(err)
	}
	return line, err
}

// cut ends the input after the first Max+1 bytes of the current record,
// of which line holds the last ones: the read stops after them. nl tells
// that line's break counts in the record.
func (r *Reader) cut(line []byte, nl bool) ([]byte, error) {
	keep := r.opt.Max + 1 - r.cur
	r.noQuote = false // read by the parse of quoted records, which reads any
	whole := nl && keep == len(line)
	line = line[:keep]
	r.countLine(line)
	r.stop = r.stopErr(ErrTooLong)
	if whole {
		return line, nil // the line break is the byte too many: the line is whole
	}
	return line, r.stop
}

// stopErr returns the StopError of err on RecordLimit's line: the line
// of the last byte read.
func (r *Reader) stopErr(err error) error {
	return &StopError{Line: r.newlines + 1, Err: err}
}

// endsQuoted reports whether text, a line without its break that starts
// inside a quoted field when quoted, ends inside one, following the
// quotes as io/sheet's line counter always has: a quote opens a quoted
// field at the field's start (the line's start outside quotes, or after
// a comma), a doubled quote inside stands for one, and a closing quote
// followed by other than a comma leaves an unquoted field.
func endsQuoted(text []byte, quoted bool) bool {
	i := 0
	for {
		if quoted {
			j := bytes.IndexByte(text[i:], '"')
			if j < 0 {
				return true
			}
			i += j + 1 // after the closing quote, or the first of two
			if i == len(text) {
				return false
			}
			if text[i] == '"' {
				i++
				continue
			}
			quoted = false
			i++ // a comma, or text after the closing quote
			continue
		}
		j := bytes.IndexByte(text[i:], '"')
		if j < 0 {
			return false
		}
		i += j
		quoted = i == 0 || text[i-1] == ','
		i++
	}
}
