package csat

import (
	"bufio"
	"errors"
	"io"

	"github.com/csatkit/csat/internal/csvx"
)

// recordReader reads CSV records (RFC 4180, as encoding/csv reads them
// with its defaults: comma-separated, quotes doubled inside quoted fields,
// CRLF read as LF, empty lines skipped, every record with the first
// record's number of fields) without allocating per record: the fields
// it returns are slices into its own buffers, valid until the next call.
// It is internal/csvx's reader, which io/sheet shares, bounded by line
// (csvx.LineLimit).
type recordReader struct {
	r *csvx.Reader
}

func newRecordReader(r io.Reader, maxRecord int) *recordReader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		_, _ = br.Discard(3) // a byte-order mark, before any quote of the header
	}
	return &recordReader{r: csvx.NewReader(br, csvx.Options{Max: maxRecord, Limit: csvx.LineLimit})}
}

// errTooLong reports a record longer than the reader accepts.
var errTooLong = csvx.ErrTooLong

// syntaxErr is a CSV syntax error at a line and byte column, wrapping
// encoding/csv's error of the same kind.
type syntaxErr struct {
	line, col int
	err       error
}

func (e *syntaxErr) Error() string { return e.err.Error() }

// read returns the next record's fields and the line it starts on. An
// error that stops the read comes with the line it names: a syntax error
// as a *syntaxErr at the byte at fault (for a quote, the byte after a
// closing one, or the end of the text where one is missing), a record
// too long (errTooLong) or a read error with the line returned.
func (r *recordReader) read() ([][]byte, int, error) {
	fields, err := r.r.Read()
	if err == nil {
		return fields, r.r.StartLine(), nil
	}
	var pe *csvx.ParseError
	if errors.As(err, &pe) {
		return nil, pe.StartLine, &syntaxErr{line: pe.AtLine, col: pe.AtColumn, err: pe.Err}
	}
	var se *csvx.StopError
	if errors.As(err, &se) {
		return nil, se.Line, se.Err
	}
	return nil, r.r.Lines() + 1, err // io.EOF
}
