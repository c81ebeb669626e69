package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
)

// The command reads a few small CSV files itself: the targets and the
// actions of a data directory (-targets, -actions), the strata and the
// customer ids of plan (-strata, -customers) and the last surveys of
// segment (-last). Each is read whole, within these limits, every one of
// which is an error naming the file (and the line and field) that wraps
// csat.ErrOutOfRange, checked before the work it bounds:
const (
	// maxSmallFile is the largest small file, in bytes as stored: a
	// larger one is refused before it is read (by its size) or after
	// maxSmallFile+1 bytes (a pipe).
	maxSmallFile = 16 << 20
	// maxSmallLine is the longest line, in bytes after decoding, as for
	// the readers of io/sheet (sheet.MaxLine, 1 MiB).
	maxSmallLine = sheet.MaxLine
	// maxField is the longest field, in bytes after decoding, a quoted
	// field's line breaks included.
	maxField = 64 << 10
	// maxNumber is the longest number, in characters, given to the
	// decimal parser; its exponent (1e128, 1E-128) is at most
	// maxExponent either way.
	maxNumber   = 128
	maxExponent = 128
)

// Years of the dates the command reads (due dates of actions, last
// surveys, -as-of): a date before minYear or after maxYear is a typing
// error, refused with csat.ErrOutOfRange.
const (
	minYear = 1900
	maxYear = 2199
)

// readSmall reads the small file at path whole, within maxSmallFile. A
// file that cannot be opened or read is a usage error (exit code 2).
func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path) //nolint:gosec // the user names the file to read on the command line
	if err != nil {
		return nil, usageError{err}
	}
	defer func() { _ = f.Close() }() // read only: a close error loses nothing
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > maxSmallFile {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d of a small file: %w", path, st.Size(), maxSmallFile, csat.ErrOutOfRange)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSmallFile+1))
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", path, err)}
	}
	if len(b) > maxSmallFile {
		return nil, fmt.Errorf("%s: more than the %d bytes of a small file: %w", path, maxSmallFile, csat.ErrOutOfRange)
	}
	return b, nil
}

// decodeSmall decodes a small file's bytes: UTF-8 with or without a
// byte-order mark, or GBK (GB18030) when asked or, with sheet.EncodingAuto,
// when the bytes are not UTF-8, as the readers of io/sheet do. UTF-16 and
// bytes that are neither are errors naming the line; so is a line longer
// than maxSmallLine, before any CSV parsing.
func decodeSmall(name string, b []byte, enc sheet.Encoding) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		b = b[3:]
		if enc == sheet.EncodingAuto {
			enc = sheet.EncodingUTF8
		}
	case bytes.HasPrefix(b, []byte("\xff\xfe")), bytes.HasPrefix(b, []byte("\xfe\xff")):
		return "", &csat.ParseError{File: name, Line: 1, Err: fmt.Errorf("a UTF-16 file (save it as CSV UTF-8 or as CSV): %w", csat.ErrInvalid)}
	}
	if enc == sheet.EncodingAuto {
		var err error
		if enc, err = sheet.GuessEncoding(b); err != nil {
			return "", &csat.ParseError{File: name, Line: 1, Err: err}
		}
	}
	var text string
	switch enc {
	case sheet.EncodingGBK:
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil {
			return "", &csat.ParseError{File: name, Line: 1, Err: fmt.Errorf("not GBK: %w: %w", err, csat.ErrInvalid)}
		}
		text = string(d)
		if i := strings.IndexRune(text, utf8.RuneError); i >= 0 {
			return "", &csat.ParseError{File: name, Line: 1 + strings.Count(text[:i], "\n"), Err: fmt.Errorf("bytes that are neither UTF-8 nor GBK: %w", csat.ErrInvalid)}
		}
	default:
		if !utf8.Valid(b) {
			i := invalidUTF8(b)
			return "", &csat.ParseError{File: name, Line: 1 + bytes.Count(b[:i], []byte("\n")), Err: fmt.Errorf("not UTF-8 (a GBK file? give -encoding gbk): %w", csat.ErrInvalid)}
		}
		text = string(b)
	}
	line := 1
	for rest := text; rest != ""; line++ {
		n := strings.IndexByte(rest, '\n')
		if n < 0 {
			n = len(rest)
		}
		if n > maxSmallLine {
			return "", &csat.ParseError{File: name, Line: line, Err: fmt.Errorf("a line longer than %d bytes: %w", maxSmallLine, csat.ErrOutOfRange)}
		}
		rest = rest[min(n+1, len(rest)):]
	}
	return text, nil
}

// invalidUTF8 returns the offset of the first byte of b that is not
// valid UTF-8.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// csvFile is a small CSV file read whole: its rows as maps keyed by the
// canonical column names, each row's line, and each column's 1-based
// field number (for errors). Every field is trimmed, NFC-normalised and
// free of control characters but newline and tab.
type csvFile struct {
	name   string
	rows   []map[string]string
	lines  []int
	fields map[string]int
}

// errorAt returns a *csat.ParseError for row i of the file, at the field
// of column col ("" for none).
func (f *csvFile) errorAt(i int, col string, err error) error {
	return &csat.ParseError{File: f.name, Line: f.lines[i], Field: f.fields[col], Err: err}
}

// csvRows reads a small CSV file with a header; names maps each accepted
// header (English or Chinese, lower case) to its canonical name. Errors
// are *csat.ParseError, or usage errors for a file that cannot be read.
func csvRows(path string, enc sheet.Encoding, names map[string]string, required ...string) (csvFile, error) {
	b, err := readSmall(path)
	if err != nil {
		return csvFile{}, err
	}
	return parseCSVRows(path, b, enc, names, required...)
}

// parseCSVRows is csvRows for the bytes of a file named name.
func parseCSVRows(name string, b []byte, enc sheet.Encoding, names map[string]string, required ...string) (csvFile, error) {
	recs, lines, err := smallRecords(name, b, enc)
	if err != nil {
		return csvFile{}, err
	}
	if len(recs) == 0 {
		return csvFile{}, &csat.ParseError{File: name, Line: 1, Err: fmt.Errorf("no header: %w", csat.ErrMissing)}
	}
	file := csvFile{name: name, fields: map[string]int{}}
	cols := make([]string, len(recs[0]))
	for i, h := range recs[0] {
		h = strings.ToLower(h)
		c, ok := names[h]
		if !ok {
			return csvFile{}, &csat.ParseError{File: name, Line: lines[0], Field: i + 1, Err: fmt.Errorf("unknown column %s: %w", quoteShort(h), csat.ErrInvalid)}
		}
		if file.fields[c] > 0 {
			return csvFile{}, &csat.ParseError{File: name, Line: lines[0], Field: i + 1, Err: fmt.Errorf("column %q twice: %w", c, csat.ErrDuplicate)}
		}
		file.fields[c] = i + 1
		cols[i] = c
	}
	for _, c := range required {
		if file.fields[c] == 0 {
			return csvFile{}, &csat.ParseError{File: name, Line: lines[0], Err: fmt.Errorf("no %q column: %w", c, csat.ErrMissing)}
		}
	}
	for k, rec := range recs[1:] {
		if len(rec) != len(cols) {
			return csvFile{}, &csat.ParseError{File: name, Line: lines[k+1], Err: fmt.Errorf("%d fields, header has %d: %w", len(rec), len(cols), csat.ErrSyntax)}
		}
		row := make(map[string]string, len(cols))
		for i, v := range rec {
			row[cols[i]] = v
		}
		file.rows = append(file.rows, row)
		file.lines = append(file.lines, lines[k+1])
	}
	return file, nil
}

// smallRecords decodes and parses a small CSV file into its records and
// the line each starts on, skipping blank ones. Every field is checked
// against maxField, refused with a control character other than newline
// and tab, trimmed of surrounding space and NFC-normalised.
func smallRecords(name string, b []byte, enc sheet.Encoding) ([][]string, []int, error) {
	text, err := decodeSmall(name, b, enc)
	if err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	var recs [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, lines, nil
		}
		if err != nil {
			var pe *csv.ParseError
			line, col := 0, 0
			if errors.As(err, &pe) {
				line, col, err = pe.Line, pe.Column, pe.Err
			}
			return nil, nil, &csat.ParseError{File: name, Line: line, Column: col, Err: fmt.Errorf("%w: %w", err, csat.ErrSyntax)}
		}
		blank := true
		for i, v := range rec {
			line, _ := r.FieldPos(i)
			if len(v) > maxField {
				return nil, nil, &csat.ParseError{File: name, Line: line, Field: i + 1, Err: fmt.Errorf("a field of %d bytes, more than %d: %w", len(v), maxField, csat.ErrOutOfRange)}
			}
			if c := strings.IndexFunc(v, badControl); c >= 0 {
				r, _ := utf8.DecodeRuneInString(v[c:])
				return nil, nil, &csat.ParseError{File: name, Line: line, Field: i + 1, Err: fmt.Errorf("%s holds the control character %s: %w", quoteShort(v), strconv.QuoteRune(r), csat.ErrInvalid)}
			}
			rec[i] = norm.NFC.String(strings.TrimSpace(v))
			blank = blank && rec[i] == ""
		}
		if blank {
			continue
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, rec)
		lines = append(lines, line)
	}
}

// badControl reports a control character a field may not hold: any but
// newline and tab (which a quoted field may hold, as the writer of
// io/sheet allows). Names allow neither ([checkName]).
func badControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }

// checkName refuses a name (an item, a customer id, a stratum) holding a
// newline or a tab: a name is one cell of the tables the command prints.
func checkName(what, s string) error {
	if strings.ContainsAny(s, "\n\t") {
		return fmt.Errorf("%s %s holds a line break or a tab: %w", what, quoteShort(s), csat.ErrInvalid)
	}
	return nil
}

// parseNumber parses a decimal number within the limits: at most
// maxNumber characters of digits, sign, point and exponent, checked
// before the decimal parser sees them, and an exponent within
// ±maxExponent after. Errors wrap csat.ErrOutOfRange (too long, too
// large or small) or csat.ErrInvalid (not a number).
func parseNumber(what, s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, fmt.Errorf("empty %s: %w", what, csat.ErrMissing)
	}
	if len(s) > maxNumber {
		return decimal.Decimal{}, fmt.Errorf("%s %s is %d characters long, more than %d: %w", what, quoteShort(s), len(s), maxNumber, csat.ErrOutOfRange)
	}
	if strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.+-eE", r) }) >= 0 {
		return decimal.Decimal{}, fmt.Errorf("%s %s is not a number: %w", what, quoteShort(s), csat.ErrInvalid)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%s %s is not a number: %w", what, quoteShort(s), csat.ErrInvalid)
	}
	if e := d.Exponent(); e > maxExponent || e < -maxExponent {
		return decimal.Decimal{}, fmt.Errorf("%s %s has an exponent beyond ±%d: %w", what, quoteShort(s), maxExponent, csat.ErrOutOfRange)
	}
	return d, nil
}

// parseDate parses a date YYYY-MM-DD within minYear–maxYear.
func parseDate(what, s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, fmt.Errorf("%s %s is not a date YYYY-MM-DD: %w", what, quoteShort(s), csat.ErrInvalid)
	}
	if y := t.Year(); y < minYear || y > maxYear {
		return t, fmt.Errorf("%s %s is not within the years %d–%d: %w", what, s, minYear, maxYear, csat.ErrOutOfRange)
	}
	return t, nil
}

// quoteShort quotes s for a message: escaped, at most 40 bytes of it,
// with its length when cut, so that a message stays short whatever the
// input.
func quoteShort(s string) string {
	const limit = 40
	if len(s) <= limit {
		return strconv.Quote(s)
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
