package csatbeam

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/csatkit/csat"
)

// An Answer is Count answers at one level of the scale for an item as
// rated by a source, in one company's survey of one period: one parsed
// row. Level is the index of the level in the scale the rows were parsed
// with ([csat.Scale.Index]).
type Answer struct {
	Company string `json:"company"`
	Period  string `json:"period"`
	Item    string `json:"item"`
	Source  string `json:"source"`
	Level   int    `json:"level"`
	Count   uint64 `json:"count"`
}

// The columns of the long CSV format, in their conventional order.
var columnNames = [...]string{"company", "period", "item", "source", "level", "count"}

const (
	colCompany = iota
	colPeriod
	colItem
	colSource
	colLevel
	colCount
	nCols
)

// columns maps each column of the format to its field index (-1: absent,
// only count may be).
type columns struct {
	at      [nCols]int
	nfields int
}

// parseHeader reads a header row: the columns company, period, item,
// source, level and optionally count, in any order, each once; nothing
// else, so that nothing is silently ignored.
func parseHeader(h string, maxField int) (columns, error) {
	fields, err := splitCSV(h, -1, maxField)
	if err != nil {
		return columns{}, err
	}
	c := columns{at: [nCols]int{-1, -1, -1, -1, -1, -1}, nfields: len(fields)}
	for i, f := range fields {
		name := strings.TrimSpace(f)
		k := slices.Index(columnNames[:], name)
		switch {
		case k < 0:
			return columns{}, &csat.ParseError{Field: i + 1, Err: reasonf(csat.ErrInvalid, "unknown column %q (want company, period, item, source, level, count)", short(name))}
		case c.at[k] >= 0:
			return columns{}, &csat.ParseError{Field: i + 1, Err: reasonf(csat.ErrDuplicate, "column %q given twice", name)}
		}
		c.at[k] = i
	}
	for k, name := range columnNames[:colCount] {
		if c.at[k] < 0 {
			return columns{}, reasonf(csat.ErrMissing, "no column %q", name)
		}
	}
	return c, nil
}

// syntaxReason is a CSV syntax error: it matches both csat.ErrSyntax and
// encoding/csv's error of the same kind (csv.ErrQuote, csv.ErrFieldCount,
// …), as the library's reader's errors do.
type syntaxReason struct {
	msg string
	err error
}

func (e *syntaxReason) Error() string   { return e.msg + ": " + csat.ErrSyntax.Error() }
func (e *syntaxReason) Unwrap() []error { return []error{csat.ErrSyntax, e.err} }

// splitCSV splits one line into its CSV fields (RFC 4180 as encoding/csv
// reads it); with n >= 0 the line must have n fields. A record must fit
// on its line: a quoted field left open (a quoted newline) is an error.
func splitCSV(line string, n, maxField int) ([]string, error) {
	return splitCSVInto(nil, line, n, maxField)
}

// splitCSVInto is splitCSV appending the fields to buf[:0].
func splitCSVInto(buf []string, line string, n, maxField int) ([]string, error) {
	fields := buf[:0]
	if !strings.Contains(line, `"`) {
		for {
			i := strings.IndexByte(line, ',')
			if i < 0 {
				fields = append(fields, line)
				break
			}
			fields, line = append(fields, line[:i]), line[i+1:]
		}
	} else {
		r := csv.NewReader(strings.NewReader(line))
		r.FieldsPerRecord = -1
		rec, err := r.Read()
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe) && errors.Is(err, csv.ErrQuote) && strings.Count(line, `"`)%2 == 1:
			return nil, &csat.ParseError{Column: pe.Column, Err: &syntaxReason{msg: "unterminated quoted field: a record must be on one line (quoted newlines are not allowed)", err: csv.ErrQuote}}
		case errors.As(err, &pe):
			return nil, &csat.ParseError{Column: pe.Column, Err: &syntaxReason{msg: pe.Err.Error(), err: pe.Err}}
		case err != nil:
			return nil, &syntaxReason{msg: err.Error(), err: err}
		}
		if _, err := r.Read(); !errors.Is(err, io.EOF) {
			return nil, &syntaxReason{msg: "more than one record on the line", err: csv.ErrFieldCount}
		}
		fields = rec
	}
	if n >= 0 && len(fields) != n {
		return nil, &syntaxReason{msg: "wrong number of fields: " + strconv.Itoa(len(fields)) + ", the header has " + strconv.Itoa(n), err: csv.ErrFieldCount}
	}
	for i, f := range fields {
		if len(f) > maxField && len(strings.TrimSpace(f)) > maxField {
			return nil, &csat.ParseError{Field: i + 1, Err: reasonf(csat.ErrOutOfRange, "field of %d bytes, more than %d", len(f), maxField)}
		}
	}
	return fields, nil
}

// ParseLines parses lines ([Line]) into answers ([Answer]) on scale: CSV
// lines under their Header, or JSON lines, by [Options].Format and the
// line's File. Every line that does not parse is a [BadRow] of the second
// PCollection, the dead letter, naming its file, line and error; a bad
// row never stops the pipeline.
//
// A CSV line is one record under its file's header (columns company,
// period, item, source, level and optionally count, in any order; see
// [csat.ReadTableCSV] for the rules this follows: fields trimmed of
// spaces, level by key, English or Chinese label, count a non-negative
// integer, 1 when absent). A JSON line is one object:
//
//	{"company":"acme","period":"2025Q1","item":"功能","source":"survey","level":"很满意","count":3}
//
// with count optional; unknown or repeated keys are errors. A record
// must fit on its line: a CSV field cannot hold a newline.
func ParseLines(s beam.Scope, scale *csat.Scale, lines beam.PCollection, opts *Options) (answers, bad beam.PCollection) {
	s = s.Scope("csatbeam.ParseLines")
	o := opts.orDefault()
	return beam.ParDo2(s, &parseFn{Scale: mustScaleDef(scale), Format: o.Format, MaxField: o.MaxField}, lines)
}

// parseFn parses lines into answers.
type parseFn struct {
	Scale    string `json:"scale"` // its definition (scaleDef)
	Format   Format `json:"format"`
	MaxField int    `json:"max_field"`

	scale   *csat.Scale
	levels  map[string]int
	headers map[string]headerResult
	fields  []string // reused by parseCSV
}

type headerResult struct {
	cols columns
	err  error
}

// maxHeaders bounds the parsed headers a worker keeps.
const maxHeaders = 1024

// Setup indexes the scale's levels by key and labels.
func (fn *parseFn) Setup() error {
	s, err := scaleFromJSON([]byte(fn.Scale))
	if err != nil {
		return &opError{op: "parse", err: err}
	}
	fn.scale, fn.levels = s, levelIndex(s)
	fn.headers = map[string]headerResult{}
	return nil
}

// levelIndex maps every key and label of s to its level, the first level
// winning a shared name as in [csat.Scale.Index].
func levelIndex(s *csat.Scale) map[string]int {
	levels := s.Levels()
	m := make(map[string]int, 3*len(levels))
	for i := len(levels) - 1; i >= 0; i-- {
		l := levels[i]
		m[l.Key] = i
		if l.Label != "" {
			m[l.Label] = i
		}
		if l.LabelZH != "" {
			m[l.LabelZH] = i
		}
	}
	return m
}

// ProcessElement parses one line.
func (fn *parseFn) ProcessElement(l Line, emit func(Answer), bad func(BadRow)) {
	var a Answer
	var err error
	if fn.Format.of(l.File) == FormatJSON {
		a, err = fn.parseJSON(l.Text)
	} else {
		a, err = fn.parseCSV(l.Header, l.Text)
	}
	if err != nil {
		bad(badRow(l.File, l.Number, l.Text, err))
		return
	}
	emit(a)
}

// headerReason is what is wrong with a header, for the error of each line
// under it: "field 2: unknown column …" (the header's own line is told by
// the line's error).
func headerReason(err error) string {
	var pe *csat.ParseError
	if errors.As(err, &pe) {
		if pe.Field > 0 {
			return "field " + strconv.Itoa(pe.Field) + ": " + pe.Err.Error()
		}
		if pe.Column > 0 {
			return "byte column " + strconv.Itoa(pe.Column) + ": " + pe.Err.Error()
		}
		return pe.Err.Error()
	}
	return err.Error()
}

func (fn *parseFn) header(h string) (columns, error) {
	if r, ok := fn.headers[h]; ok {
		return r.cols, r.err
	}
	var r headerResult
	if h == "" {
		r.err = reasonf(csat.ErrMissing, "no header row above this line")
	} else if r.cols, r.err = parseHeader(h, fn.MaxField); r.err != nil {
		r.err = reasonf(csat.ErrInvalid, "the file's header is bad (%s)", headerReason(r.err))
	}
	if len(fn.headers) < maxHeaders {
		fn.headers[h] = r
	}
	return r.cols, r.err
}

func (fn *parseFn) parseCSV(header, text string) (Answer, error) {
	cols, err := fn.header(header)
	if err != nil {
		return Answer{}, err
	}
	fields, err := splitCSVInto(fn.fields, text, cols.nfields, fn.MaxField)
	if err != nil {
		return Answer{}, err
	}
	fn.fields = fields
	var v [nCols]string
	for k, i := range cols.at {
		if i >= 0 {
			v[k] = strings.TrimSpace(fields[i])
		}
	}
	a, k, err := fn.answer(v, cols.at[colCount] >= 0)
	if err != nil {
		return Answer{}, &csat.ParseError{Field: cols.at[k] + 1, Err: err}
	}
	return a, nil
}

// answer checks the values of one row, in column order; on error k is
// the bad column.
func (fn *parseFn) answer(v [nCols]string, hasCount bool) (a Answer, k int, err error) {
	for k := range colLevel {
		switch {
		case v[k] == "":
			return Answer{}, k, reasonf(csat.ErrInvalid, "empty %s", columnNames[k])
		case !utf8.ValidString(v[k]):
			return Answer{}, k, reasonf(csat.ErrInvalid, "%s %q is not UTF-8", columnNames[k], short(v[k]))
		}
	}
	lvl, ok := fn.levels[v[colLevel]]
	if !ok {
		if !utf8.ValidString(v[colLevel]) {
			return Answer{}, colLevel, reasonf(csat.ErrInvalid, "level %q is not UTF-8", short(v[colLevel]))
		}
		return Answer{}, colLevel, reasonf(csat.ErrUnknownLevel, "scale %q has no level %q", fn.scale.Name(), short(v[colLevel]))
	}
	n := uint64(1)
	if hasCount {
		if n, err = parseCount(v[colCount]); err != nil {
			return Answer{}, colCount, err
		}
	}
	return Answer{Company: v[colCompany], Period: v[colPeriod], Item: v[colItem], Source: v[colSource], Level: lvl, Count: n}, 0, nil
}

// parseJSON reads one JSON object with string values company, period,
// item, source and level and an optional count (a number).
func (fn *parseFn) parseJSON(text string) (Answer, error) {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return Answer{}, reasonf(csat.ErrSyntax, "not a JSON object")
	}
	var v [nCols]string
	var seen [nCols]bool
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return Answer{}, reasonf(csat.ErrSyntax, "JSON: %v", err)
		}
		key, _ := tok.(string) // object keys are strings
		k := slices.Index(columnNames[:], key)
		switch {
		case k < 0:
			return Answer{}, reasonf(csat.ErrInvalid, "unknown key %q (want company, period, item, source, level, count)", short(key))
		case seen[k]:
			return Answer{}, reasonf(csat.ErrDuplicate, "key %q given twice", key)
		}
		seen[k] = true
		tok, err = d.Token()
		if err != nil {
			return Answer{}, reasonf(csat.ErrSyntax, "JSON: %v", err)
		}
		switch t := tok.(type) {
		case string:
			if k == colCount {
				return Answer{}, reasonf(csat.ErrInvalid, "count %q is a string, want a number", short(t))
			}
			v[k] = strings.TrimSpace(t)
		case json.Number:
			if k != colCount {
				return Answer{}, reasonf(csat.ErrInvalid, "%s is a number, want a string", key)
			}
			v[k] = t.String()
		default:
			want := "a string"
			if k == colCount {
				want = "a number"
			}
			return Answer{}, reasonf(csat.ErrInvalid, "%s must be %s", key, want)
		}
	}
	if tok, err := d.Token(); err != nil || tok != json.Delim('}') {
		return Answer{}, reasonf(csat.ErrSyntax, "JSON object not closed")
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return Answer{}, reasonf(csat.ErrSyntax, "data after the JSON object")
	}
	for k, name := range columnNames[:colCount] {
		if !seen[k] {
			return Answer{}, reasonf(csat.ErrMissing, "no key %q", name)
		}
	}
	a, _, err := fn.answer(v, seen[colCount])
	return a, err
}

// parseCount parses a non-negative decimal count as csat.ReadTableCSV
// does: digits only; 2⁶⁴ or more is csat.ErrOverflow.
func parseCount(s string) (uint64, error) {
	if s == "" {
		return 0, reasonf(csat.ErrInvalid, "count %q is not a non-negative integer", s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, reasonf(csat.ErrInvalid, "count %q is not a non-negative integer", short(s))
		}
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		hi, lo := bits.Mul64(n, 10)
		lo, carry := bits.Add64(lo, uint64(s[i]-'0'), 0)
		if hi != 0 || carry != 0 {
			return 0, reasonf(csat.ErrOverflow, "count %q does not fit in 64 bits", short(s))
		}
		n = lo
	}
	return n, nil
}

// short cuts s to at most 40 bytes for a message.
func short(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
