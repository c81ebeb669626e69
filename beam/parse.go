package csatbeam

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/textx"
	"golang.org/x/text/unicode/norm"
)

// An Answer is Count answers at one level of the scale for an item as
// rated by a source, in one company's survey of one period: one parsed
// row. Level is the index of the level in the scale the rows were parsed
// with ([csat.Scale.Index]), or [Blank].
//
// A row with a form id is one answer on a returned form (答卷): Form is
// its id, Count is 1, Level may be [Blank] (the item left unanswered),
// and Respondent, Customer and Attrs are the form's who and customer
// group as the row gives them ([AssembleForms] puts a form's rows
// together). A row without one is an answer on no form: those fields
// are empty.
type Answer struct {
	Company string `json:"company"`
	Period  string `json:"period"`
	Item    string `json:"item"`
	Source  string `json:"source"`
	Level   int    `json:"level"`
	Count   uint64 `json:"count"`
	// Form is the id of the form the answer is on; "" for none.
	Form string `json:"form,omitempty"`
	// Respondent and Customer are who filled the form in and the
	// customer it speaks for, when the row gives them.
	Respondent string `json:"respondent,omitempty"`
	Customer   string `json:"customer,omitempty"`
	// Overall is the form's answer to the overall question (总体满意度),
	// the key of its level on the items' scale; "" when the row gives
	// none. Importance is the stated importance of the row's item (重要度),
	// the key of its level on [form.ImportanceScale]; "" when not stated.
	Overall    string `json:"overall,omitempty"`
	Importance string `json:"importance,omitempty"`
	// Attrs are the form's segment values the row gives, dimension →
	// value (地区 → 华东); empty cells are left out, and nil means none.
	Attrs map[string]string `json:"attrs,omitempty"`
}

// Blank is the [Answer].Level of an item left blank on a form: an empty
// level cell on a row with a form id. A blank is not an answer: tables
// do not count it, the form statistics count it as a blank of its item.
const Blank = -1

// The columns of the long CSV format, in their conventional order; form,
// respondent, customer, overall and importance are optional.
var columnNames = [...]string{"company", "period", "item", "source", "level", "count", "form", "respondent", "customer", "overall", "importance"}

const (
	colCompany = iota
	colPeriod
	colItem
	colSource
	colLevel
	colCount
	colForm
	colRespondent
	colCustomer
	colOverall
	colImportance
	nCols
)

// columnAliases are the other names of the columns (matched as columns
// are, see normName), those the csat command's reader (io/sheet) takes.
var columnAliases = map[string]int{
	"项目": colItem, "来源": colSource, "等级": colLevel, "评价": colLevel, "数量": colCount, "期间": colPeriod,
	"form_id": colForm, "表单": colForm, "表单编号": colForm, "问卷编号": colForm, "答卷编号": colForm,
	"填表人": colRespondent, "客户": colCustomer,
	"总体满意度": colOverall, "总体评价": colOverall, "重要度": colImportance, "重要性": colImportance,
}

// segmentNames are the headers (and JSON keys) recognised as segment
// columns, lower case: each names the dimension of its values as written.
var segmentNames = map[string]bool{
	"地区": true, "区域": true, "region": true,
	"行业": true, "industry": true,
	"规模": true, "客户规模": true, "size": true,
	"abc": true, "abc分类": true, "客户等级": true, "class": true,
}

// normName is a header or key as looked up, as the csat command's
// reader looks headers up: in Unicode NFC, trimmed, lower case, spaces
// and hyphens as underscores ("Form ID" is form_id).
func normName(name string) string {
	return headerReplacer.Replace(strings.ToLower(strings.TrimSpace(nfc(name))))
}

var headerReplacer = strings.NewReplacer(" ", "_", "-", "_")

// nfc returns s in Unicode normalisation form C, as the csat command
// reads every field: "Café" typed with a combining accent is the same
// item as with "é".
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// colSkip is the column classify gives a column that is skipped.
const colSkip = -2

// skipNames are the columns skipped by name, as the csat command's
// reader skips them: a survey tool's meta columns (submission times,
// durations, IP addresses, row numbers) and notes.
var skipNames = map[string]bool{
	"提交时间": true, "提交答卷时间": true, "开始时间": true, "结束时间": true,
	"答题时长": true, "所用时间": true, "ip": true, "来源ip": true,
	"submitted": true, "start_time": true, "end_time": true,
	"序号": true, "来自ip": true, "来源详情": true,
	"note": true, "notes": true, "备注": true,
}

// An extraCol is what [Options] makes of a column: a segment or skipped.
type extraCol uint8

const (
	extraSegment extraCol = iota + 1
	extraSkip
)

// classify returns the column a header or key names, or segment true
// for a segment column (the recognised ones and those of extra), or
// colSkip for a column skipped (skipNames and those of extra), or -1.
func classify(name string, extra map[string]extraCol) (col int, segment bool) {
	n := normName(name)
	if k := slices.Index(columnNames[:], n); k >= 0 {
		return k, false
	}
	if k, ok := columnAliases[n]; ok {
		return k, false
	}
	switch {
	case extra[n] == extraSkip:
		return colSkip, false
	case segmentNames[n] || extra[n] == extraSegment:
		return -1, true
	case skipNames[n]:
		return colSkip, false
	}
	return -1, false
}

// extraColumns returns the columns of [Options].Segments and
// [Options].Skip as classify looks them up (a column in both is
// skipped).
func extraColumns(segments, skip []string) map[string]extraCol {
	m := make(map[string]extraCol, len(segments)+len(skip))
	for _, n := range segments {
		if n := normName(n); n != "" { // an unnamed column is no segment
			m[n] = extraSegment
		}
	}
	for _, n := range skip {
		if n := normName(n); n != "" {
			m[n] = extraSkip
		}
	}
	return m
}

const wantColumns = "company, period, item, source, level, count, form, respondent, customer, overall, importance or a segment column such as 地区 (others: Options.Segments)"

// columns maps each column of the format to its field index (-1: absent,
// only count and the form's columns may be), and lists the segment
// columns.
type columns struct {
	at       [nCols]int
	segments []segmentCol
	nfields  int
}

// segmentCol is a segment column: the dimension it names (its header as
// written, trimmed) and its field index.
type segmentCol struct {
	dim string
	at  int
}

// parseHeader reads a header row: the columns company, period, item,
// source, level and optionally count, form (or an alias), respondent,
// customer and segment columns, in any order, each once; nothing else,
// so that nothing is silently ignored. extra are more segment column
// names (normName'd).
func parseHeader(h string, maxField int, extra map[string]extraCol) (columns, error) {
	fields, err := splitCSV(h, -1, maxField)
	if err != nil {
		return columns{}, err
	}
	c := columns{nfields: len(fields)}
	for k := range c.at {
		c.at[k] = -1
	}
	seen := map[string]int{}
	for i, f := range fields {
		name := strings.TrimSpace(f)
		k, segment := classify(name, extra)
		if j, dup := seen[normName(name)]; dup && (k >= 0 || segment || k == colSkip) {
			return columns{}, &csat.ParseError{Field: i + 1, Err: reasonf(csat.ErrDuplicate, "column %q given twice (fields %d and %d)", short(name), j+1, i+1)}
		}
		seen[normName(name)] = i
		switch {
		case k == colSkip:
			continue
		case segment:
			if !validName(name) {
				return columns{}, &csat.ParseError{Field: i + 1, Err: reasonf(csat.ErrInvalid, "segment column %q must be UTF-8 without control characters", short(name))}
			}
			c.segments = append(c.segments, segmentCol{dim: name, at: i})
		case k < 0:
			return columns{}, &csat.ParseError{Field: i + 1, Err: reasonf(csat.ErrInvalid, "unknown column %q (want %s)", short(name), wantColumns)}
		case c.at[k] >= 0:
			return columns{}, &csat.ParseError{Field: i + 1, Err: reasonf(csat.ErrDuplicate, "column %s given twice (fields %d and %d)", columnNames[k], c.at[k]+1, i+1)}
		default:
			c.at[k] = i
		}
	}
	for k, name := range columnNames[:colCount] {
		if c.at[k] < 0 {
			return columns{}, reasonf(csat.ErrMissing, "no column %q", name)
		}
	}
	if c.at[colForm] < 0 {
		if at, name := c.formOnly(fields); at >= 0 {
			return columns{}, &csat.ParseError{Field: at + 1, Err: reasonf(csat.ErrMissing, "column %q belongs to a form, but there is no form column (form, 表单编号, 问卷编号, …)", short(name))}
		}
	}
	return c, nil
}

// formOnly returns the first column that only a form can have
// (respondent, customer, overall, importance, a segment), or -1.
func (c *columns) formOnly(fields []string) (at int, name string) {
	at = -1
	for _, k := range formOnlyCols {
		if i := c.at[k]; i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if len(c.segments) > 0 && (at < 0 || c.segments[0].at < at) {
		at = c.segments[0].at
	}
	if at < 0 {
		return -1, ""
	}
	return at, strings.TrimSpace(fields[at])
}

// formOnlyCols are the columns whose values belong to a form.
var formOnlyCols = []int{colRespondent, colCustomer, colOverall, colImportance}

// validName reports whether a name can name an item, source, dimension
// or value: UTF-8 without control characters but line feed and tab
// (csat.Table's and package form's rule; emptiness is checked apart).
func validName(name string) bool {
	return utf8.ValidString(name) && strings.IndexFunc(name, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\t'
	}) < 0
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
//
// A row may be an answer on a returned form: the optional columns (or
// keys) form (or 表单, 表单编号, 问卷编号, 答卷编号, form_id), respondent
// (填表人), customer (客户) and segment columns — 地区 (区域, region), 行业
// (industry), 规模 (客户规模, size), ABC (ABC分类, 客户等级, class) and
// those of [Options].Segments, each naming its dimension as written —
// give the form's id, who and customer group. On a row with a form id
// an empty level is a [Blank] and the count, if given, must be 1 (a row
// of a form is one answer; an empty count cell is none, as in the csat
// command's reader). A row without a form id is an answer on no form:
// an empty level on it is a bad row wrapping [csat.ErrUnknownLevel] (it
// is no answer, and not a form's blank: the csat command rejects it
// too), and so is a respondent, customer or segment value on it, as is a
// header with those columns but no form column. A JSON line must be
// UTF-8.
func ParseLines(s beam.Scope, scale *csat.Scale, lines beam.PCollection, opts *Options) (answers, bad beam.PCollection) {
	s = s.Scope("csatbeam.ParseLines")
	o := opts.orDefault()
	return beam.ParDo2(s, &parseFn{Scale: mustScaleDef(scale), Format: o.Format, MaxField: o.MaxField, Segments: o.Segments, Skip: o.Skip}, lines)
}

// parseFn parses lines into answers.
type parseFn struct {
	Scale    string   `json:"scale"` // its definition (scaleDef)
	Format   Format   `json:"format"`
	MaxField int      `json:"max_field"`
	Segments []string `json:"segments"`
	Skip     []string `json:"skip"`

	scale   *csat.Scale
	levels  map[string]int
	imp     map[string]int // the importance scale's levels
	impKeys []string
	extra   map[string]extraCol // Segments and Skip, normName'd
	headers map[string]headerResult
	fields  []string // reused by parseCSV

	file     string // the last file's name and format (formatOf)
	format   Format
	haveFile bool
	memo     lineMemo[Answer]
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
	fn.imp, fn.impKeys = levelIndex(form.ImportanceScale()), levelKeys(form.ImportanceScale())
	fn.extra = extraColumns(fn.Segments, fn.Skip)
	fn.headers = map[string]headerResult{}
	return nil
}

// levelKeys returns the keys of s's levels, in order.
func levelKeys(s *csat.Scale) []string {
	keys := make([]string, 0, len(s.Levels()))
	for _, l := range s.Levels() {
		keys = append(keys, l.Key)
	}
	return keys
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

// ProcessElement parses one line. A line parsed before under the same
// header is not parsed again (lineMemo): its answer is the one parsed.
func (fn *parseFn) ProcessElement(ctx context.Context, l Line, emit func(Answer), bad func(BadRow)) {
	f := fn.formatOf(l.File)
	a, ok := fn.memo.get(f, l.Header, l.Text)
	if ok {
		fn.emit(ctx, a, emit)
		return
	}
	a, err := fn.parse(f, l.Header, l.Text)
	if err != nil {
		badRowsCounter.Inc(ctx, 1)
		bad(badRow(l.File, l.Number, l.Text, err).withRaw(l.Raw))
		return
	}
	if a.Attrs == nil { // an answer with a map of its own is not shared
		fn.memo.put(f, l.Header, l.Text, a)
	}
	fn.emit(ctx, a, emit)
}

// emit counts the answer a (MetricsNamespace) and emits it.
func (fn *parseFn) emit(ctx context.Context, a Answer, emit func(Answer)) {
	if a.Level == Blank {
		blanksCounter.Inc(ctx, 1)
	} else {
		answersCounter.Inc(ctx, 1)
	}
	emit(a)
}

// parse parses one line of a file of format f under header.
func (fn *parseFn) parse(f Format, header, text string) (Answer, error) {
	if f == FormatJSON {
		return fn.parseJSON(text)
	}
	return fn.parseCSV(header, text)
}

// formatOf is fn.Format.of(file), kept for the last file: the lines of a
// file come one after the other.
func (fn *parseFn) formatOf(file string) Format {
	if !fn.haveFile || file != fn.file {
		fn.file, fn.format, fn.haveFile = file, fn.Format.of(file), true
	}
	return fn.format
}

// Bounds of a lineMemo: the lines it keeps and their bytes.
const (
	maxMemoLines = 1 << 14
	maxMemoBytes = 4 << 20
)

// A lineMemo keeps what the lines that parsed gave, by their text, under
// one format and header (those of the file being read: another file's
// lines start it afresh). The answer of a line depends on nothing else,
// so a line seen before (the same company, period, item, source, level
// and count: most lines of a survey repeat) is not parsed again. Lines
// that do not parse are not kept: each is a bad row of its own.
type lineMemo[V any] struct {
	format Format
	header string
	lines  map[string]V
	bytes  int
}

// get returns what the line text gave under format f and header.
func (m *lineMemo[V]) get(f Format, header, text string) (V, bool) {
	if m.lines == nil || f != m.format || header != m.header {
		var zero V
		return zero, false
	}
	v, ok := m.lines[text]
	return v, ok
}

// getBytes is get of a line's bytes.
func (m *lineMemo[V]) getBytes(f Format, header string, text []byte) (V, bool) {
	if m.lines == nil || f != m.format || header != m.header {
		var zero V
		return zero, false
	}
	v, ok := m.lines[string(text)]
	return v, ok
}

// put keeps what the line text gave, while the memo has room; a line of
// another format or header than the kept ones starts it afresh.
func (m *lineMemo[V]) put(f Format, header, text string, v V) {
	if m.lines == nil || f != m.format || header != m.header {
		m.format, m.header, m.lines, m.bytes = f, header, map[string]V{}, 0
	}
	if len(m.lines) >= maxMemoLines || m.bytes+len(text) > maxMemoBytes {
		return
	}
	m.lines[text] = v
	m.bytes += len(text)
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
	} else if r.cols, r.err = parseHeader(h, fn.MaxField, fn.extra); r.err != nil {
		r.err = reasonf(csat.ErrInvalid, "the file's header is bad (%s)", headerReason(r.err))
	}
	if len(fn.headers) < maxHeaders {
		fn.headers[h] = r
	}
	return r.cols, r.err
}

// row is the values of one row, before they are checked: the columns'
// (has: given) and the segment columns', in column order.
type row struct {
	v        [nCols]string
	has      [nCols]bool
	segments []segmentValue
}

type segmentValue struct{ dim, value string }

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
	var r row
	for k, i := range cols.at {
		if i >= 0 {
			r.v[k], r.has[k] = strings.TrimSpace(fields[i]), true
		}
	}
	if len(cols.segments) > 0 {
		r.segments = make([]segmentValue, len(cols.segments))
		for j, sc := range cols.segments {
			r.segments[j] = segmentValue{dim: sc.dim, value: strings.TrimSpace(fields[sc.at])}
		}
	}
	a, k, err := fn.answer(&r)
	if err != nil {
		at := 0
		if k < nCols {
			at = cols.at[k]
		} else {
			at = cols.segments[k-nCols].at
		}
		return Answer{}, &csat.ParseError{Field: at + 1, Err: err}
	}
	return a, nil
}

// answer checks the values of one row, in column order; on error k is
// the bad column (nCols + j: the j-th segment column).
func (fn *parseFn) answer(r *row) (a Answer, k int, err error) {
	for k := range colLevel {
		switch {
		case r.v[k] == "":
			return Answer{}, k, reasonf(csat.ErrInvalid, "empty %s", columnNames[k])
		case !utf8.ValidString(r.v[k]):
			return Answer{}, k, reasonf(csat.ErrInvalid, "%s %q is not UTF-8%s", columnNames[k], short(r.v[k]), gbkHint)
		case (k == colItem || k == colSource) && !validName(r.v[k]):
			return Answer{}, k, reasonf(csat.ErrInvalid, "%s %q holds a control character", columnNames[k], short(r.v[k]))
		}
	}
	a = Answer{Company: nfc(r.v[colCompany]), Period: nfc(r.v[colPeriod]), Item: nfc(r.v[colItem]), Source: textx.SourceName(nfc(r.v[colSource])), Count: 1}
	if k, err := fn.formFields(r, &a); err != nil {
		return Answer{}, k, err
	}
	lvl, ok := fn.levels[nfc(r.v[colLevel])]
	switch {
	case ok:
		a.Level = lvl
	case r.v[colLevel] == "" && a.Form != "":
		a.Level = Blank
	case r.v[colLevel] == "":
		return Answer{}, colLevel, reasonf(csat.ErrUnknownLevel, "empty level on a row without a form id (only a form's row may leave its item blank, as in the csat command)")
	case !utf8.ValidString(r.v[colLevel]):
		return Answer{}, colLevel, reasonf(csat.ErrInvalid, "level %q is not UTF-8%s", short(r.v[colLevel]), gbkHint)
	default:
		return Answer{}, colLevel, reasonf(csat.ErrUnknownLevel, "scale %q has no level %q", fn.scale.Name(), short(r.v[colLevel]))
	}
	if r.has[colCount] && (a.Form == "" || r.v[colCount] != "") { // an empty count cell on a form's row: none
		if a.Count, err = parseCount(r.v[colCount]); err != nil {
			return Answer{}, colCount, err
		}
		if a.Form != "" && a.Count != 1 {
			return Answer{}, colCount, reasonf(csat.ErrInvalid, "count %d on a row of form %q: a form's row is one answer (count 1 or no count)", a.Count, short(a.Form))
		}
	}
	return a, 0, nil
}

// gbkHint ends the error of a value that is not UTF-8.
const gbkHint = " (a GBK file? Options.Encoding gbk)"

// formFields checks and sets the form's fields of a row: its id,
// respondent, customer and segment values, which need a form id.
func (fn *parseFn) formFields(r *row, a *Answer) (k int, err error) {
	for _, k := range []int{colForm, colRespondent, colCustomer} {
		if !validName(r.v[k]) {
			return k, reasonf(csat.ErrInvalid, "%s %q must be UTF-8 without control characters", columnNames[k], short(r.v[k]))
		}
	}
	a.Form, a.Respondent, a.Customer = nfc(r.v[colForm]), nfc(r.v[colRespondent]), nfc(r.v[colCustomer])
	for _, k := range formOnlyCols {
		if a.Form == "" && r.v[k] != "" {
			return k, reasonf(csat.ErrMissing, "%s %q belongs to a form, but the row has no form id", columnNames[k], short(r.v[k]))
		}
	}
	if v := nfc(r.v[colOverall]); v != "" {
		lvl, ok := fn.levels[v]
		if !ok {
			return colOverall, reasonf(csat.ErrUnknownLevel, "overall: scale %q has no level %q", fn.scale.Name(), short(v))
		}
		a.Overall = fn.scale.Levels()[lvl].Key
	}
	if v := nfc(r.v[colImportance]); v != "" {
		lvl, ok := fn.imp[v]
		if !ok {
			return colImportance, reasonf(csat.ErrUnknownLevel, "importance: scale %q has no level %q", form.ImportanceScale().Name(), short(v))
		}
		a.Importance = fn.impKeys[lvl]
	}
	for j, sv := range r.segments {
		switch {
		case sv.value == "":
			continue
		case !validName(sv.value):
			return nCols + j, reasonf(csat.ErrInvalid, "%s %q must be UTF-8 without control characters", short(sv.dim), short(sv.value))
		case a.Form == "":
			return nCols + j, reasonf(csat.ErrMissing, "%s %q belongs to a form, but the row has no form id", short(sv.dim), short(sv.value))
		}
		if a.Attrs == nil {
			a.Attrs = make(map[string]string, len(r.segments))
		}
		a.Attrs[nfc(sv.dim)] = nfc(sv.value)
	}
	return 0, nil
}

// parseJSON reads one JSON object with string values company, period,
// item, source and level, an optional count (a number), and the optional
// form keys (strings).
func (fn *parseFn) parseJSON(text string) (Answer, error) {
	if !utf8.ValidString(text) { // encoding/json would read it with U+FFFD
		return Answer{}, reasonf(csat.ErrInvalid, "the line is not UTF-8 (JSON lines are UTF-8, whatever Options.Encoding says)")
	}
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return Answer{}, reasonf(csat.ErrSyntax, "not a JSON object")
	}
	var r row
	seen := map[string]bool{}
	for d.More() {
		if err := fn.jsonMember(d, &r, seen); err != nil {
			return Answer{}, err
		}
	}
	if tok, err := d.Token(); err != nil || tok != json.Delim('}') {
		return Answer{}, reasonf(csat.ErrSyntax, "JSON object not closed")
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return Answer{}, reasonf(csat.ErrSyntax, "data after the JSON object")
	}
	for k, name := range columnNames[:colCount] {
		if !r.has[k] {
			return Answer{}, reasonf(csat.ErrMissing, "no key %q", name)
		}
	}
	a, _, err := fn.answer(&r)
	return a, err
}

// jsonMember reads one key and its value into r.
func (fn *parseFn) jsonMember(d *json.Decoder, r *row, seen map[string]bool) error {
	tok, err := d.Token()
	if err != nil {
		return reasonf(csat.ErrSyntax, "JSON: %v", err)
	}
	key, _ := tok.(string) // object keys are strings
	k, segment := classify(key, fn.extra)
	n := normName(key)
	switch {
	case k == -1 && !segment:
		return reasonf(csat.ErrInvalid, "unknown key %q (want %s)", short(key), wantColumns)
	case seen[n] || (k >= 0 && r.has[k]):
		return reasonf(csat.ErrDuplicate, "key %q given twice", short(key))
	case segment && !validName(strings.TrimSpace(key)):
		return reasonf(csat.ErrInvalid, "segment key %q must be UTF-8 without control characters", short(key))
	}
	seen[n] = true
	if k == colSkip { // any value, not read
		var skipped json.RawMessage
		if err := d.Decode(&skipped); err != nil {
			return reasonf(csat.ErrSyntax, "JSON: %v", err)
		}
		return nil
	}
	if tok, err = d.Token(); err != nil {
		return reasonf(csat.ErrSyntax, "JSON: %v", err)
	}
	name := strings.TrimSpace(key)
	if k >= 0 {
		name = columnNames[k]
	}
	switch t := tok.(type) {
	case string:
		if k == colCount {
			return reasonf(csat.ErrInvalid, "count %q is a string, want a number", short(t))
		}
		if segment {
			r.segments = append(r.segments, segmentValue{dim: name, value: strings.TrimSpace(t)})
			return nil
		}
		r.v[k], r.has[k] = strings.TrimSpace(t), true
	case json.Number:
		if k != colCount {
			return reasonf(csat.ErrInvalid, "%s is a number, want a string", short(name))
		}
		r.v[k], r.has[k] = t.String(), true
	default:
		want := "a string"
		if k == colCount {
			want = "a number"
		}
		return reasonf(csat.ErrInvalid, "%s must be %s", short(name), want)
	}
	return nil
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
