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
	"github.com/csatkit/csat/internal/textx"
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
	// cleaned reports that the last row's fields are clean already (as
	// run.clean leaves them: checked, in normal form C).
	cleaned() bool
	// symbol returns the symbol of field i of the last row: a number
	// that stands for its value among the values of its column (the same
	// value, the same symbol), or -1 when there is none (a value not
	// kept, a row not cleaned, a spreadsheet).
	symbol(i int) int32
	// plan returns where a reader keeps what it makes of the last row,
	// shared by the rows of the same text (nil when there is none, as
	// in a spreadsheet): what the row's fields alone decide.
	plan() *rowPlan
	close() error
}

// A rowPlan is what a reader makes of a row, for the rows of the same
// text (see rowSource.plan).
type rowPlan struct {
	long *longPlan // a long row without a form id
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

// newCSVSource opens a CSV file: it skips a UTF-8 byte-order mark,
// refuses UTF-16 and detects the encoding (Options.Encoding, else
// GuessEncoding on the first 64 KiB), decoding GBK.
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
		if enc, err = GuessEncoding(textx.CompleteRunes(head, atEOF)); err != nil {
			closeQuietly(closer)
			return nil, &csat.ParseError{File: name, Line: 1, Err: err}
		}
	}
	sum.Encoding = enc
	var in io.Reader = br
	if enc == EncodingGBK {
		in = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	return newCSVRows(in, closer, name, enc == EncodingGBK, MaxLine), nil
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
	if _, r, ok := textx.Ambiguous(b); ok {
		return EncodingAuto, valueError("encoding", string(r), nil, fmt.Errorf("the text reads as UTF-8 (%q) and as GBK: its only non-ASCII characters are two-byte ones, which GBK Chinese also makes (GBK 茅 is UTF-8 é); say which with the encoding option (csat --encoding utf-8 or gbk; Options.Encoding): %w", r, csat.ErrInvalid))
	}
	return EncodingUTF8, nil
}

func closeQuietly(c io.Closer) {
	if c != nil {
		_ = c.Close()
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
