package csat

// The library's record reader as it was before it moved to internal/csvx
// (commit 403161e, csvrecord.go), kept as the reference that the reader
// of today must agree with, record by record and error by error.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// legacyRecordReader reads CSV records (RFC 4180, as encoding/csv reads them
// with its defaults: comma-separated, quotes doubled inside quoted fields,
// CRLF read as LF, empty lines skipped, every record with the first
// record's number of fields) without allocating per record: the fields
// it returns are slices into its own buffers, valid until the next call.
// Records without quotes, the common case, are split in place.
type legacyRecordReader struct {
	br      *bufio.Reader
	max     int // the longest record accepted, in bytes
	line    int // lines read so far
	nfields int // the first record's number of fields
	long    []byte
	buf     []byte
	fields  [][]byte
	ends    []int
}

func newLegacyRecordReader(r io.Reader, maxRecord int) *legacyRecordReader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		_, _ = br.Discard(3) // a byte-order mark, before any quote of the header
	}
	return &legacyRecordReader{br: br, max: maxRecord}
}

// readLine returns the next line without its line ending (LF or CRLF),
// or io.EOF at the end of the input.
func (r *legacyRecordReader) readLine() ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		r.long = append(r.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(r.long) > r.max {
				return nil, errTooLong
			}
			line, err = r.br.ReadSlice('\n')
			r.long = append(r.long, line...)
		}
		line = r.long
	}
	if len(line) == 0 && err != nil {
		return nil, err
	}
	if len(line) > r.max {
		return nil, errTooLong
	}
	r.line++
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if n := len(line); err != nil && n > 0 && line[n-1] == '\r' {
		line = line[:n-1] // as encoding/csv: a CR before EOF ends the line
	}
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	return line, nil
}

// read returns the next record's fields and the line it starts on.
func (r *legacyRecordReader) read() ([][]byte, int, error) {
	for {
		line, err := r.readLine()
		if err != nil {
			return nil, r.line + 1, err
		}
		if len(line) == 0 {
			continue // encoding/csv skips empty lines
		}
		start := r.line
		var fields [][]byte
		if bytes.IndexByte(line, '"') < 0 {
			fields = r.fields[:0]
			for {
				i := bytes.IndexByte(line, ',')
				if i < 0 {
					fields = append(fields, line)
					break
				}
				fields = append(fields, line[:i])
				line = line[i+1:]
			}
			r.fields = fields
		} else if fields, err = r.readQuoted(line); err != nil {
			return nil, start, err
		}
		if r.nfields == 0 {
			r.nfields = len(fields)
		} else if len(fields) != r.nfields {
			return nil, start, &syntaxErr{line: start, col: 1, err: csv.ErrFieldCount}
		}
		return fields, start, nil
	}
}

// readQuoted parses a record that has quotes, reading more lines while a
// quoted field spans them.
func (r *legacyRecordReader) readQuoted(line []byte) ([][]byte, error) {
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	col := 0 // bytes of the current line consumed before line
	for {
		// At the start of a field.
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, ',')
			field := line
			if i >= 0 {
				field = line[:i]
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				return nil, &syntaxErr{line: r.line, col: col + j + 1, err: csv.ErrBareQuote}
			}
			r.buf = append(r.buf, field...)
			r.ends = append(r.ends, len(r.buf))
			if i < 0 {
				break
			}
			line, col = line[i+1:], col+i+1
			continue
		}
		// A quoted field.
		line, col = line[1:], col+1
		for {
			i := bytes.IndexByte(line, '"')
			if i < 0 { // the field goes on past the end of the line
				r.buf = append(r.buf, line...)
				r.buf = append(r.buf, '\n')
				if len(r.buf) > r.max {
					return nil, errTooLong
				}
				next, err := r.readLine()
				if errors.Is(err, io.EOF) {
					return nil, &syntaxErr{line: r.line, col: col + len(line) + 1, err: csv.ErrQuote}
				}
				if err != nil {
					return nil, err
				}
				line, col = next, 0
				continue
			}
			r.buf = append(r.buf, line[:i]...)
			line, col = line[i+1:], col+i+1
			switch {
			case len(line) > 0 && line[0] == '"': // a doubled quote
				r.buf = append(r.buf, '"')
				line, col = line[1:], col+1
				continue
			case len(line) == 0 || line[0] == ',': // the field ends
			default:
				return nil, &syntaxErr{line: r.line, col: col + 1, err: csv.ErrQuote}
			}
			break
		}
		r.ends = append(r.ends, len(r.buf))
		if len(line) == 0 {
			break
		}
		line, col = line[1:], col+1 // the comma
		if len(line) == 0 {
			r.ends = append(r.ends, len(r.buf)) // a trailing comma: an empty last field
			break
		}
	}
	fields := r.fields[:0]
	prev := 0
	for _, e := range r.ends {
		fields = append(fields, r.buf[prev:e])
		prev = e
	}
	r.fields = fields
	return fields, nil
}

// readEvents reads in with read until the first error, listing each
// record with its line, then the error with its line (for a syntax
// error, its own line and column).
func readEvents(read func() ([][]byte, int, error)) []string {
	var out []string
	for {
		fields, line, err := read()
		var se *syntaxErr
		switch {
		case errors.As(err, &se):
			return append(out, fmt.Sprintf("syntax %d:%d %v (line %d)", se.line, se.col, se.err, line))
		case errors.Is(err, errTooLong):
			return append(out, fmt.Sprintf("too long (line %d)", line))
		case errors.Is(err, io.EOF):
			return append(out, "EOF")
		case err != nil:
			return append(out, fmt.Sprintf("%v (line %d)", err, line))
		}
		rec := make([]string, len(fields))
		for i, f := range fields {
			rec[i] = string(f)
		}
		out = append(out, fmt.Sprintf("%q (line %d)", rec, line))
	}
}

// failAfter yields its text, then err.
type failAfter struct {
	r   *strings.Reader
	err error
}

func (f *failAfter) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, f.err
	}
	return n, err
}

var errBroken = errors.New("broken")

// legacyBuf and nowBuf are the buffers checkLegacy's readers read
// through: both readers take a *bufio.Reader of 64 KiB as their own
// (bufio.NewReaderSize returns it), and a buffer reset on a text reads as
// a new one. (Two new ones for each of the 30,000 random cases were most
// of TestRecordReaderMatchesLegacy's cost under -race.)
var legacyBuf, nowBuf = bufio.NewReaderSize(nil, 64<<10), bufio.NewReaderSize(nil, 64<<10)

func checkLegacy(t *testing.T, in string, max int, fail bool) {
	t.Helper()
	open := func() io.Reader {
		if fail {
			return &failAfter{strings.NewReader(in), errBroken}
		}
		return strings.NewReader(in)
	}
	legacyBuf.Reset(open())
	nowBuf.Reset(open())
	want := readEvents(newLegacyRecordReader(legacyBuf, max).read)
	got := readEvents(newRecordReader(nowBuf, max).read)
	if slices.Equal(want, got) {
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%q, max %d, failing %v: (-legacy +now):\n%s", in, max, fail, diff)
	}
}

// The record reader of today reads what the library's own reader read
// before it moved to internal/csvx: the same records from the same lines,
// and the same first error at the same line and column, with the same
// bound on a line and on a quoted record, and after a read error.
func TestRecordReaderMatchesLegacy(t *testing.T) {
	for _, in := range recordCases {
		for _, fail := range []bool{false, true} {
			checkLegacy(t, in, 1<<20, fail)
			checkLegacy(t, in, 4, fail)
		}
	}
	long := strings.Repeat("x", 70000)
	for _, in := range []string{"a," + long + "\nb,c\n", "\"" + long + "\n" + long + "\"\n", "a,\"" + long + "\"" + long + "\n", long + "\"\n", "a,b\n" + long} {
		for _, max := range []int{1000, 65535, 65536, 65537, 70002, 140003, 1 << 20} {
			checkLegacy(t, in, max, false)
			checkLegacy(t, in, max, true)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "ab,,\"\"\n\r é"
	for range 30000 {
		var b strings.Builder
		for range rng.IntN(64) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		checkLegacy(t, b.String(), 1+rng.IntN(12), rng.IntN(3) == 0)
	}
}

func FuzzRecordReaderMatchesLegacy(f *testing.F) {
	for _, in := range recordCases {
		f.Add(in, 8, false)
	}
	f.Fuzz(func(t *testing.T, in string, max int, fail bool) {
		if max < 1 || max > 1<<20 {
			return
		}
		checkLegacy(t, in, max, fail)
	})
}
