package csat

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
	max := DefaultMaxField
	if opts != nil && opts.MaxField > 0 {
		max = opts.MaxField
	}
	lr := &limitReader{r: r, limit: int64(4*max) + 64<<10}
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = 0
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errorf(ErrEmpty, "csv: no header row")
	}
	if err != nil {
		return nil, csvError(err, 1)
	}
	col := [4]int{-1, -1, -1, -1} // item, source, level, count
	names := [4]string{"item", "source", "level", "count"}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		h = strings.TrimSpace(h)
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
	for {
		lr.mark(cr.InputOffset())
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, csvError(err, 0)
		}
		line, _ := cr.FieldPos(0)
		for i, f := range rec {
			if len(f) > max {
				return nil, &ParseError{Line: line, Field: i + 1, Err: errorf(ErrOutOfRange, "field of %d bytes, more than %d", len(f), max)}
			}
		}
		field := func(k int) (string, *ParseError) {
			f := strings.TrimSpace(rec[col[k]])
			if !utf8.ValidString(f) {
				return "", &ParseError{Line: line, Field: col[k] + 1, Err: errorf(ErrInvalid, "%s %s is not UTF-8", names[k], quoteShort(f))}
			}
			return f, nil
		}
		item, perr := field(0)
		if perr != nil {
			return nil, perr
		}
		if item == "" {
			return nil, &ParseError{Line: line, Field: col[0] + 1, Err: errorf(ErrInvalid, "empty item")}
		}
		source, perr := field(1)
		if perr != nil {
			return nil, perr
		}
		if source == "" {
			return nil, &ParseError{Line: line, Field: col[1] + 1, Err: errorf(ErrInvalid, "empty source")}
		}
		level, perr := field(2)
		if perr != nil {
			return nil, perr
		}
		lvl, err := s.Index(level)
		if err != nil {
			return nil, &ParseError{Line: line, Field: col[2] + 1, Err: errorf(ErrUnknownLevel, "scale %q has no level %s", s.name, quoteShort(level))}
		}
		n := uint64(1)
		if col[3] >= 0 {
			c, perr := field(3)
			if perr != nil {
				return nil, perr
			}
			if n, err = strconv.ParseUint(c, 10, 64); err != nil {
				reason := errorf(ErrInvalid, "count %s is not a non-negative integer", quoteShort(c))
				if errors.Is(err, strconv.ErrRange) {
					reason = errorf(ErrOverflow, "count %s does not fit in 64 bits", quoteShort(c))
				}
				return nil, &ParseError{Line: line, Field: col[3] + 1, Err: reason}
			}
		}
		if err := t.AddN(item, source, lvl, n); err != nil {
			f := col[3] + 1 // the count overflowed
			if f == 0 {
				f = col[2] + 1
			}
			return nil, &ParseError{Line: line, Field: f, Err: &CellError{Item: item, Source: source, Err: err}}
		}
	}
}

// csvError turns an error of encoding/csv into a *ParseError wrapping
// ErrSyntax (or the reader's own error, such as a limit exceeded).
func csvError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: pe.Line, Column: pe.Column, Err: &syntaxError{err: pe.Err}}
	}
	var le *limitError
	if errors.As(err, &le) {
		return &ParseError{Line: line, Err: errorf(ErrOutOfRange, "a record longer than %d bytes", le.limit)}
	}
	return &ParseError{Line: line, Err: err}
}

// syntaxError is a CSV syntax error: it matches both ErrSyntax and
// encoding/csv's own error (csv.ErrQuote, csv.ErrFieldCount, …).
type syntaxError struct{ err error }

func (e *syntaxError) Error() string   { return "csat: " + e.detail() }
func (e *syntaxError) detail() string  { return e.err.Error() + ": " + ErrSyntax.Error() }
func (e *syntaxError) Unwrap() []error { return []error{ErrSyntax, e.err} }

// limitReader fails a read that takes the input more than limit bytes
// past the last mark (the start of the record being read).
type limitReader struct {
	r           io.Reader
	read, start int64
	limit       int64
}

type limitError struct{ limit int64 }

func (e *limitError) Error() string { return "record too long" }

func (l *limitReader) mark(offset int64) { l.start = offset }

func (l *limitReader) Read(p []byte) (int, error) {
	if l.read-l.start > l.limit {
		return 0, &limitError{limit: l.limit}
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}
