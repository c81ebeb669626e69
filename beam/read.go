package csatbeam

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
)

// A Format is the line format of an input file.
type Format int

const (
	// FormatAuto picks the format by the file's extension (after a
	// ".gz"): ".jsonl", ".ndjson" and ".json" are JSON lines, anything
	// else CSV.
	FormatAuto Format = iota
	// FormatCSV is the long CSV format: a header row, then one answer
	// row per line.
	FormatCSV
	// FormatJSON is JSON lines: one JSON object per line.
	FormatJSON
)

var formatEnum = enum.New[Format]("Format", "format", csat.ErrInvalid, formatErrorf, "auto", "csv", "json")

// formatErrorf is the error of a bad format: "csatbeam: format: …".
func formatErrorf(err error, format string, args ...any) error {
	return &opError{op: "format", err: reasonf(err, format, args...)}
}

// String returns "auto", "csv" or "json".
func (f Format) String() string { return formatEnum.String(f) }

// MarshalText encodes the format as its String; an unknown format is an
// error wrapping [csat.ErrInvalid].
func (f Format) MarshalText() ([]byte, error) { return formatEnum.MarshalText(f) }

// UnmarshalText reads "auto", "csv" or "json"; anything else is an error
// wrapping [csat.ErrInvalid].
func (f *Format) UnmarshalText(text []byte) error { return formatEnum.UnmarshalText(text, f) }

// of returns the format of the file named name.
func (f Format) of(name string) Format {
	if f != FormatAuto {
		return f
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch path.Ext(name) {
	case ".jsonl", ".ndjson", ".json":
		return FormatJSON
	}
	return FormatCSV
}

// DefaultMaxLine is the default bound on the length of one line
// ([Options].MaxLine): 4 × [csat.DefaultMaxField], the bound
// [csat.ReadTableCSV] puts on a record.
const DefaultMaxLine = 4 * csat.DefaultMaxField

// Options configures [Read], [ReadLines] and [ParseLines]. The zero value
// (or nil) means the defaults.
type Options struct {
	// Format of the files or lines; zero means [FormatAuto].
	Format Format `json:"format"`
	// Encoding of the CSV files; zero means [EncodingAuto], which tells
	// each file's from its first 64 KiB. JSON lines are UTF-8.
	Encoding Encoding `json:"encoding"`
	// MaxLine bounds the length in bytes of one line; zero means
	// [DefaultMaxLine]. A longer line goes to the dead letter and the
	// reader holds no more than that in memory.
	MaxLine int `json:"max_line"`
	// MaxField bounds the length in bytes of one field (after
	// trimming); zero means [csat.DefaultMaxField]. A longer field is a
	// bad row wrapping [csat.ErrOutOfRange].
	MaxField int `json:"max_field"`
	// Segments names more columns (CSV headers, JSON keys; matched
	// trimmed, in any case) that are segment columns, beside 地区,
	// 行业, 规模, ABC and their aliases: each value is the form's value
	// of the dimension the column names as written.
	Segments []string `json:"segments"`
	// Skip names more columns (headers, JSON keys; matched as columns
	// are) that are not read, beside those the csat command skips by
	// name (提交时间, 开始时间, 答题时长, IP, 序号, notes, …): a survey
	// tool's own columns, say. A column named in both Segments and
	// Skip is skipped.
	Skip []string `json:"skip"`
	// MaxFormItems bounds the distinct items of one form in
	// [AssembleForms]; zero means [DefaultMaxFormItems]. A form with
	// more is a [FailedForm] wrapping [csat.ErrOutOfRange].
	MaxFormItems int `json:"max_form_items"`
	// RequireFiles makes a glob that matches no file fail the job. By
	// default only a glob without a wildcard does (Beam's fileio); a
	// wildcard matching nothing is a run that reads nothing, which the
	// counters (MetricsNamespace) show as no files.
	RequireFiles bool `json:"require_files"`
}

func (o *Options) orDefault() Options {
	var v Options
	if o != nil {
		v = *o
	}
	if v.MaxLine <= 0 {
		v.MaxLine = DefaultMaxLine
	}
	if v.MaxField <= 0 {
		v.MaxField = csat.DefaultMaxField
	}
	if v.MaxFormItems <= 0 {
		v.MaxFormItems = DefaultMaxFormItems
	}
	return v
}

// A Line is one line of an input file with its 1-based line number (line
// endings LF or CRLF removed). Header is the header row of the file's
// CSV, which names the columns of Text; it is empty for JSON lines. Text
// and Header are UTF-8: a GBK file's lines are decoded, and Raw holds
// the line's bytes as read when they are not Text's (a GBK line with
// non-ASCII characters); it is nil otherwise. A line of a UTF-8 file
// that is not valid UTF-8 is Text as read (and a bad row when parsed).
type Line struct {
	File   string `json:"file"`
	Number int64  `json:"number"`
	Text   string `json:"text"`
	Header string `json:"header,omitempty"`
	Raw    []byte `json:"raw,omitempty"`
}

// A BadRow is a line that could not be read or parsed: the file, the
// 1-based line number and field (0 when not known), the text of the line
// (at most [Options].MaxLine bytes of it, as read) and the error, a
// [csat.ParseError]'s message such as
//
//	csat: in/a.csv line 7, field 5: scale "five-point" has no level "great": unknown level
//
// Text is always valid UTF-8. When the line's bytes are not Text's, Raw
// holds them exactly (base64 in JSON): for a line of a GBK file, Text is
// its decoding (bytes that are not GBK decoded as U+FFFD); for a line
// that is not valid UTF-8 (a GBK line in a file read as UTF-8, binary
// data), Text is the line with each run of invalid bytes replaced by
// U+FFFD. Raw is nil for a valid UTF-8 line.
//
// Bad rows are the dead letter of [Read] and [ParseLines]: a bad row
// never stops the pipeline, and no line is dropped without one. A file
// refused whole (UTF-16, or an encoding [EncodingAuto] cannot tell) is
// one bad row naming the file, at the line of the evidence.
type BadRow struct {
	File  string `json:"file"`
	Line  int64  `json:"line"`
	Field int    `json:"field,omitempty"`
	Text  string `json:"text"`
	Raw   []byte `json:"raw,omitempty"`
	Err   string `json:"error"`
}

// badRow is the bad row of a line of text; a text that is not UTF-8 is
// kept in Raw.
func badRow(file string, line int64, text string, reason error) BadRow {
	pe := &csat.ParseError{File: file, Line: int(line), Err: reason}
	var inner *csat.ParseError
	if errors.As(reason, &inner) {
		cp := *inner
		cp.File, cp.Line = file, int(line)
		pe = &cp
	}
	b := BadRow{File: file, Line: line, Field: pe.Field, Text: text, Err: pe.Error()}
	if !utf8.ValidString(text) {
		b.Raw, b.Text = []byte(text), strings.ToValidUTF8(text, "\ufffd")
	}
	return b
}

// withRaw returns b with Raw a copy of raw, the bytes of a decoded line
// (nil: the line is Text).
func (b BadRow) withRaw(raw []byte) BadRow {
	if raw != nil {
		b.Raw = bytes.Clone(raw)
	}
	return b
}

// ReadLines reads the files matching glob (a path or pattern of any Beam
// file system; ".gz" files are decompressed) into numbered lines: a
// PCollection of [Line]. Empty lines are skipped, as encoding/csv skips
// them, and so are a CSV file's rows of empty fields (",,,", which
// spreadsheets export), as the csat command skips them. In a CSV file
// the first line not skipped is the header: it is not emitted as a Line
// but carried in the Header of every following line; a bad header is a
// [BadRow] (and every row under it is one too, when parsed). A UTF-8
// byte-order mark at the start of a file is skipped. Lines longer than
// [Options].MaxLine bytes (as read, before decoding) are [BadRow]s of the
// second PCollection.
//
// CSV files are read in [Options].Encoding, as the csat command reads
// them: UTF-8 (with or without a byte-order mark) or GBK, each file's
// guessed from its first 64 KiB with [EncodingAuto]. A GBK file's lines
// are decoded to UTF-8 (a line with bytes that are not GBK is a bad
// row); the bad rows keep the lines' bytes as read ([BadRow].Raw). A
// file whose encoding [EncodingAuto] cannot tell (UTF-8 whose only
// non-ASCII characters are two-byte ones, which is GBK Chinese too) is
// not read: it is one [BadRow] naming the file, at the line of its first
// such character, that counts its lines and asks for Options.Encoding;
// so is a UTF-16 file (CSV or JSON). Such a file fails neither the job
// nor any other file, and its lines are not counted as lines (it is one
// bad row). JSON lines are UTF-8: a line that is not is a bad row.
//
// Each file is read whole by one worker, in order, so that lines are
// numbered: a job's parallelism is its number of files (the matched
// files are reshuffled before they are read, see [readableFiles]).
// Split large inputs into many files.
func ReadLines(s beam.Scope, glob string, opts *Options) (lines, bad beam.PCollection) {
	s = s.Scope("csatbeam.ReadLines")
	o := opts.orDefault()
	files := readableFiles(s, glob, o)
	return beam.ParDo2(s, &readLinesFn{Format: o.Format, Encoding: o.Encoding, MaxLine: o.MaxLine, MaxField: o.MaxField, Segments: o.Segments, Skip: o.Skip}, files)
}

// readableFiles returns the files matching glob, to be read, after a
// Reshuffle of the matches. Without it a runner fuses the matching and
// the reading into one stage fed by the one glob, so one worker reads
// every file; after it each file is an element of its own that the
// runner can give to any worker.
func readableFiles(s beam.Scope, glob string, o Options) beam.PCollection {
	var opts []fileio.MatchOptionFn
	if o.RequireFiles {
		opts = append(opts, fileio.MatchEmptyDisallow())
	}
	return fileio.ReadMatches(s, beam.Reshuffle(s, fileio.MatchFiles(s, glob, opts...)))
}

// readLinesFn numbers the lines of one file.
type readLinesFn struct {
	Format   Format   `json:"format"`
	Encoding Encoding `json:"encoding"`
	MaxLine  int      `json:"max_line"`
	MaxField int      `json:"max_field"`
	Segments []string `json:"segments"`
	Skip     []string `json:"skip"`
}

// ProcessElement reads one file.
func (fn *readLinesFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(Line), bad func(BadRow)) error {
	name := file.Metadata.Path
	var c fileCounts
	defer func() { c.add(ctx) }()
	return scanFile(ctx, file, scanConfig{fn.Format, fn.Encoding, fn.MaxLine, fn.MaxField, extraColumns(fn.Segments, fn.Skip)}, &c, func(n int64, text, raw []byte, header string) {
		emit(Line{File: name, Number: n, Text: string(text), Header: header, Raw: bytes.Clone(raw)})
	}, bad)
}

// scanConfig is how scanFile reads a file.
type scanConfig struct {
	format            Format
	encoding          Encoding
	maxLine, maxField int
	segments          map[string]extraCol // Options.Segments and Skip, normName'd
}

// scanFile reads one file's lines, numbered, calling data with each data
// line's number and text (under its CSV header; "" for JSON lines), and
// bad with each line that is too long or not GBK, with a bad header and
// with a file refused whole, counting the lines and the bad rows in
// counts. The text is UTF-8 (a GBK file's lines decoded; then raw is the
// line as read, else nil); text and raw are valid only during the call.
func scanFile(ctx context.Context, file fileio.ReadableFile, c scanConfig, counts *fileCounts, data func(n int64, text, raw []byte, header string), bad func(BadRow)) (err error) {
	name := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		return &opError{op: "read " + name, err: err}
	}
	defer func() {
		if cerr := rc.Close(); cerr != nil && err == nil {
			err = &opError{op: "close " + name, err: cerr}
		}
	}()
	br := bufio.NewReaderSize(rc, sniffSize)
	lr := lineReader{br: br, max: c.maxLine}
	csv := c.format.of(name) == FormatCSV
	enc, refused, err := fileEncoding(br, c.encoding, csv)
	if err != nil {
		return &opError{op: "read " + name, err: err}
	}
	if refused != nil {
		return refuseFile(name, &lr, refused, counts, bad)
	}
	sc := lineScan{name: name, csv: csv, c: &c, counts: counts, data: data, bad: bad}
	if enc == EncodingGBK {
		sc.gbk = newGBKDecoder()
	}
	for n := int64(1); ; n++ {
		text, long, err := lr.nextBytes()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &opError{op: "read " + name, err: err}
		}
		if n == 1 {
			text = bytes.TrimPrefix(text, []byte(utf8BOM))
		}
		sc.line(n, text, long)
	}
}

// lineScan is what scanFile keeps from line to line of a file.
type lineScan struct {
	name       string
	csv        bool
	c          *scanConfig
	gbk        *gbkDecoder // a GBK file's
	counts     *fileCounts
	data       func(n int64, text, raw []byte, header string)
	bad        func(BadRow)
	header     string
	haveHeader bool
}

// line takes line n, as read (cut to the bound if long).
func (s *lineScan) line(n int64, text []byte, long bool) {
	var raw []byte // the line as read, when text is its decoding
	if s.gbk != nil {
		if t, decoded := s.gbk.decode(text); decoded {
			text, raw = t, text
		}
	}
	switch {
	case long:
		s.badLine(n, text, raw, reasonf(csat.ErrOutOfRange, "a line longer than %d bytes (Options.MaxLine)", s.c.maxLine))
	case len(text) == 0, s.csv && mayBeBlank(text[0]) && blankRow(text):
	case raw != nil && bytes.ContainsRune(text, utf8.RuneError):
		s.badLine(n, text, raw, errNotGBK)
	case s.csv && !s.haveHeader:
		s.header, s.haveHeader = string(text), true
		if _, err := parseHeader(s.header, s.c.maxField, s.c.segments); err != nil {
			s.counts.bad++
			s.bad(badRow(s.name, n, s.header, err).withRaw(raw))
		}
	default:
		s.counts.lines++
		s.data(n, text, raw, s.header)
	}
}

// badLine sends line n, which cannot be read, to the dead letter. In the
// place of a CSV file's header it is the header: the rows below have
// none.
func (s *lineScan) badLine(n int64, text, raw []byte, reason error) {
	if !s.csv || s.haveHeader { // a line of data, not the header
		s.counts.lines++
	}
	s.counts.bad++
	s.bad(badRow(s.name, n, string(text), reason).withRaw(raw))
	s.haveHeader = true
}

// refuseFile reads no line of a file refused whole (r): it counts the
// file's non-empty lines for the one bad row it makes.
func refuseFile(name string, lr *lineReader, r *fileRefusal, counts *fileCounts, bad func(BadRow)) error {
	var lines int64
	for {
		text, _, err := lr.nextBytes()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &opError{op: "read " + name, err: err}
		}
		if len(text) > 0 {
			lines++
		}
	}
	counts.bad++
	text := r.text
	if len(text) > lr.max {
		text = strings.ToValidUTF8(text[:lr.max], "")
	}
	bad(badRow(name, r.line, text, reasonf(csat.ErrInvalid, "%s; none of the file's %d non-empty lines is read", r.msg, lines)))
	return nil
}

// mayBeBlank reports whether a line starting with byte c may be a row of
// empty fields: a row of data starts with a letter or digit, most often.
func mayBeBlank(c byte) bool { return c == ',' || c == '"' || c <= ' ' || c >= utf8.RuneSelf }

// blankRow reports whether a CSV line is a row of empty fields (each
// empty or space once unquoted), which the csat command skips as blank.
func blankRow(text []byte) bool {
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(text[i:])
		}
		if r != ',' && r != '"' && !unicode.IsSpace(r) {
			return false // a row of data: at its first byte, most often
		}
		i += n
	}
	fields, err := splitCSV(string(text), -1, len(text))
	if err != nil {
		return false
	}
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// lineReader reads lines of at most max bytes.
type lineReader struct {
	br  *bufio.Reader
	max int
	buf []byte
}

// next is nextBytes returning a string.
func (r *lineReader) next() (text string, long bool, err error) {
	b, long, err := r.nextBytes()
	return string(b), long, err
}

// nextBytes returns the next line without its LF or CRLF; a line longer
// than max is returned cut to max bytes with long set, the rest of it
// skipped. At the end of the input it returns io.EOF. The line is valid
// until the next call.
func (r *lineReader) nextBytes() (text []byte, long bool, err error) {
	chunk, err := r.br.ReadSlice('\n')
	if err == nil && len(chunk) <= r.max+2 { // the common case: a whole line in the buffer
		if b := trimEOL(chunk); len(b) <= r.max {
			return b, false, nil
		}
		return chunk[:r.max], true, nil
	}
	r.buf = r.buf[:0]
	for {
		if len(r.buf)+len(chunk) > r.max+2 { // room for CRLF
			long = true
			if room := r.max - len(r.buf); room > 0 {
				r.buf = append(r.buf, chunk[:room]...)
			}
		} else {
			r.buf = append(r.buf, chunk...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			chunk, err = r.br.ReadSlice('\n')
			continue
		case errors.Is(err, io.EOF):
			if len(r.buf) == 0 && !long {
				return nil, false, io.EOF
			}
		case err != nil:
			return nil, false, err
		}
		break
	}
	b := r.buf
	if long {
		return b[:min(len(b), r.max)], true, nil
	}
	b = trimEOL(b)
	if len(b) > r.max {
		return b[:r.max], true, nil
	}
	return b, false, nil
}

// trimEOL removes a trailing LF, CRLF or, at the end of the input, CR.
func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// Read reads answers from the files matching glob: [ReadLines], then
// [ParseLines]. answers is a PCollection of [Answer], bad one of
// [BadRow] (the dead letter: every line that could not be read or
// parsed, with its file, line number and error).
func Read(s beam.Scope, scale *csat.Scale, glob string, opts *Options) (answers, bad beam.PCollection) {
	s = s.Scope("csatbeam.Read")
	lines, badLines := ReadLines(s, glob, opts)
	answers, badRows := ParseLines(s, scale, lines, opts)
	return answers, beam.Flatten(s, badLines, badRows)
}
