package csvx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// record is the parse of a record with quotes, as encoding/csv's
// readRecord does it.
type record struct {
	line    []byte // what is left of the current line, with its line break
	errRead error  // the error of the last line read
	posLine int    // the line of line's first byte (encoding/csv's pos)
	col     int    // its 1-based byte column
	more    bool   // a line was read after the record's first
}

// readQuoted parses a record that has quotes (or a line read with an
// error), reading more lines while a quoted field goes on over them.
func (r *Reader) readQuoted(line []byte, errRead error) ([][]byte, error) {
	r.buf, r.ends, r.lines = r.buf[:0], r.ends[:0], r.lines[:0]
	rec := &record{line: line, errRead: errRead, posLine: r.numLine, col: 1}
	for {
		var done bool
		var err error
		if len(rec.line) == 0 || rec.line[0] != '"' {
			done, err = r.unquotedField(rec)
		} else {
			done, err = r.quotedField(rec)
		}
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
	}
	if rec.errRead != nil {
		return nil, r.readErr(rec)
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

// readErr returns the error of the line read that ends the record: a
// LineLimit stop after the record's first line is on that line.
func (r *Reader) readErr(rec *record) error {
	var se *StopError
	if r.opt.Limit == LineLimit && rec.more && errors.As(rec.errRead, &se) {
		return &StopError{Line: r.start, Err: se.Err}
	}
	return rec.errRead
}

// unquotedField parses a field that does not start with a quote; it
// reports whether the record ends with it.
func (r *Reader) unquotedField(rec *record) (bool, error) {
	i := bytes.IndexByte(rec.line, ',')
	field := rec.line
	if i >= 0 {
		field = field[:i]
	} else {
		field = field[:len(field)-lengthNL(field)]
	}
	if j := bytes.IndexByte(field, '"'); j >= 0 {
		return true, r.syntaxErr(r.numLine, rec.col+j, r.numLine, rec.col+j, csv.ErrBareQuote)
	}
	r.buf = append(r.buf, field...)
	r.ends = append(r.ends, len(r.buf))
	r.lines = append(r.lines, rec.posLine)
	if i < 0 {
		return true, nil
	}
	rec.line = rec.line[i+1:]
	rec.col += i + 1
	return false, nil
}

// quotedField parses a field that starts with a quote, reading more
// lines while it goes on; it reports whether the record ends with it.
func (r *Reader) quotedField(rec *record) (bool, error) {
	fieldLine := rec.posLine
	rec.line = rec.line[1:]
	rec.col++
	for {
		i := bytes.IndexByte(rec.line, '"')
		switch {
		case i >= 0:
			r.buf = append(r.buf, rec.line[:i]...)
			rec.line = rec.line[i+1:]
			rec.col += i + 1
			switch {
			case len(rec.line) > 0 && rec.line[0] == '"': // a doubled quote
				r.buf = append(r.buf, '"')
				rec.line = rec.line[1:]
				rec.col++
				continue
			case len(rec.line) > 0 && rec.line[0] == ',': // the field ends
				rec.line = rec.line[1:]
				rec.col++
				r.endField(fieldLine)
				return false, nil
			case len(rec.line) == lengthNL(rec.line): // the record ends
				r.endField(fieldLine)
				return true, nil
			}
			return true, r.syntaxErr(r.numLine, rec.col-1, r.numLine, rec.col, csv.ErrQuote)
		case len(rec.line) > 0: // the field goes on past the end of the line
			if err := r.moreLines(rec); err != nil {
				return true, err
			}
		default: // the end of the input inside the quotes
			if rec.errRead == nil {
				return true, r.unterminated(rec)
			}
			return true, r.readErr(rec)
		}
	}
}

// moreLines adds the rest of the line to a quoted field and reads the
// next line; the error of the last line read ends the record.
func (r *Reader) moreLines(rec *record) error {
	r.buf = append(r.buf, rec.line...)
	if r.opt.Limit == LineLimit && len(r.buf)+1-lengthNL(rec.line) > r.opt.Max {
		return &StopError{Line: r.start, Err: ErrTooLong}
	}
	if rec.errRead != nil {
		return r.readErr(rec)
	}
	rec.col += len(rec.line)
	rec.more = true
	rec.line, rec.errRead = r.readLine()
	if len(rec.line) > 0 {
		rec.posLine++
		rec.col = 1
	}
	if rec.errRead == io.EOF { //nolint:errorlint // exactly as encoding/csv, which compares
		rec.errRead = nil
	}
	return nil
}

// endField ends a quoted field that started on line.
func (r *Reader) endField(line int) {
	r.ends = append(r.ends, len(r.buf))
	r.lines = append(r.lines, line)
}

// unterminated is the error of a quote never closed.
func (r *Reader) unterminated(rec *record) error {
	if r.opt.Limit == LineLimit && !r.eof && len(r.buf)+1 > r.opt.Max {
		return &StopError{Line: r.start, Err: ErrTooLong} // counting the line break LineLimit adds
	}
	atLine := r.numLine
	if r.eof {
		atLine-- // the read that met the end is no line
	}
	return r.syntaxErr(rec.posLine, rec.col, atLine, r.lastLen+1, csv.ErrQuote)
}

// syntaxErr returns the *ParseError of err in the current field.
func (r *Reader) syntaxErr(line, col, atLine, atCol int, err error) *ParseError {
	return &ParseError{StartLine: r.start, Line: line, Column: col, Field: len(r.ends) + 1, AtLine: atLine, AtColumn: atCol, Err: err}
}
