package sheet

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/internal/enum"
	"github.com/csatkit/csat/internal/textx"
	"golang.org/x/text/unicode/norm"
)

// A Format is a file format: CSV or Excel .xlsx.
type Format int

const (
	// FormatAuto picks the format by the file name's extension (.csv,
	// .txt → CSV; .xlsx, .xlsm → XLSX); for another extension, by the
	// content (a zip archive is XLSX, anything else CSV).
	FormatAuto Format = iota
	// FormatCSV is comma-separated values (RFC 4180).
	FormatCSV
	// FormatXLSX is an Excel 2007+ workbook.
	FormatXLSX
)

var formatEnum = enum.New[Format]("Format", "format", csat.ErrInvalid, errorf, "auto", "csv", "xlsx")

// String returns "auto", "csv" or "xlsx".
func (f Format) String() string { return formatEnum.String(f) }

// MarshalText encodes the format by its name.
func (f Format) MarshalText() ([]byte, error) { return formatEnum.MarshalText(f) }

// UnmarshalText decodes a format name (case-insensitive); any other text
// is an error wrapping [csat.ErrInvalid].
func (f *Format) UnmarshalText(text []byte) error { return formatEnum.UnmarshalText(fold(text), f) }

// A Layout is how survey answers are laid out in a file.
type Layout int

const (
	// LayoutAuto reads a header with an item (项目) and a level (等级,
	// 评价) column as [LayoutLong], any other as [LayoutWide].
	LayoutAuto Layout = iota
	// LayoutLong is one row per answer (or per count of equal answers):
	// item, source, level, count.
	LayoutLong
	// LayoutWide is one row per returned form and one column per item,
	// as survey tools export it.
	LayoutWide
)

var layoutEnum = enum.New[Layout]("Layout", "layout", csat.ErrInvalid, errorf, "auto", "long", "wide")

// String returns "auto", "long" or "wide".
func (l Layout) String() string { return layoutEnum.String(l) }

// MarshalText encodes the layout by its name.
func (l Layout) MarshalText() ([]byte, error) { return layoutEnum.MarshalText(l) }

// UnmarshalText decodes a layout name (case-insensitive); any other text
// is an error wrapping [csat.ErrInvalid].
func (l *Layout) UnmarshalText(text []byte) error { return layoutEnum.UnmarshalText(fold(text), l) }

// An Encoding is the character encoding of a CSV file. XLSX files are
// always Unicode.
type Encoding int

const (
	// EncodingAuto reads a file that starts with a UTF-8 byte-order mark,
	// or whose first 64 KiB are valid UTF-8, as UTF-8, and any other as
	// GBK.
	EncodingAuto Encoding = iota
	// EncodingUTF8 is UTF-8, with or without a byte-order mark.
	EncodingUTF8
	// EncodingGBK is GBK (code page 936), what Chinese Excel writes by
	// default; it is decoded as its superset GB18030.
	EncodingGBK
)

var encodingEnum = enum.New[Encoding]("Encoding", "encoding", csat.ErrInvalid, errorf, "auto", "utf-8", "gbk")

// String returns "auto", "utf-8" or "gbk".
func (e Encoding) String() string { return encodingEnum.String(e) }

// MarshalText encodes the encoding by its name.
func (e Encoding) MarshalText() ([]byte, error) { return encodingEnum.MarshalText(e) }

// UnmarshalText decodes an encoding name (case-insensitive; "utf8" and
// "gb18030" are accepted too); any other text is an error wrapping
// [csat.ErrInvalid].
func (e *Encoding) UnmarshalText(text []byte) error {
	text = fold(text)
	switch string(text) {
	case "utf8":
		text = []byte("utf-8")
	case "gb18030", "cp936":
		text = []byte("gbk")
	}
	return encodingEnum.UnmarshalText(text, e)
}

// DefaultPeriod is the name of the period of an answers file without a
// period column when [Options.Period] is empty.
const DefaultPeriod = "current"

// DefaultMaxErrors is the number of row errors kept when
// [Options.MaxErrors] is 0.
const DefaultMaxErrors = 100

// MaxLine is the longest record, in bytes after decoding, that a CSV file
// may have (a record is a line, or several when a quoted field holds line
// breaks): a longer one stops the read with an error wrapping
// [csat.ErrOutOfRange]. It bounds the memory a hostile file can take. It
// bounds an XLSX cell's text, and a row's cells together, likewise.
const MaxLine = 1 << 20

// Options configures the readers. The zero value (or nil) means the
// defaults: the format by the file name, the layout and the encoding
// detected, the first sheet, every column an item, source survey, stop at
// the first bad row.
type Options struct {
	// Scale is the answers' scale; nil means [csat.FivePoint]. Levels are
	// matched by key, English or Chinese label ([csat.Scale.Index]).
	Scale *csat.Scale
	// Format is the file format; [FormatAuto] picks it by the name's
	// extension or, failing that, by the content.
	Format Format
	// Layout is the answers layout; [LayoutAuto] detects it from the
	// header. The other readers have one layout each.
	Layout Layout
	// Encoding is the CSV encoding; [EncodingAuto] detects it.
	Encoding Encoding
	// Sheet is the XLSX sheet to read (its name, in any case); "" means
	// the first visible worksheet, hidden sheets and chart sheets passed
	// over. [Summary.Sheet] tells which was read.
	Sheet string
	// Items maps column headers to item names in the wide layout: only
	// the columns it names are items (renamed), other columns that are
	// not meta columns are ignored and listed in [Summary.Ignored], and a
	// header it names that the file lacks is an error wrapping
	// [csat.ErrMissing]. Nil means every column that is not a meta column
	// is an item, named by its header. In the long layout and in a
	// customers file it maps the values of the item column: a value it
	// does not name is an error wrapping [csat.ErrUnknownItem].
	Items map[string]string
	// Source is the source of answers without a source column (or with
	// an empty source cell); "" means [csat.SourceSurvey]. The Chinese
	// names 检查, 自评 and 竞争对手 stand for survey, self and competitor.
	Source string
	// Period names the one period of an answers file without a period
	// column; "" means [DefaultPeriod].
	Period string
	// CollectAll reads on past bad rows, keeping every accepted one, and
	// returns a [*RejectedError] listing the bad ones; false stops at the
	// first bad row.
	CollectAll bool
	// MaxErrors bounds the row errors kept with CollectAll (the rest are
	// counted); 0 means [DefaultMaxErrors].
	MaxErrors int
	// Bands is the band scale of visit notes in a customers file; nil
	// means [csat.PVCBands].
	Bands *csat.Scale
	// Location is the time zone of complaint times written without one;
	// nil means UTC.
	Location *time.Location
	// Segments names more headers of an answers file that are segment
	// columns (any name; matched as headers are: any case, a space or
	// hyphen for an underscore): each cell is the form's value of the
	// dimension named by the header, as the recognised 地区, 行业, 规模 and
	// ABC columns are; in a customers' attributes file ([ReadAttributes]),
	// each becomes an attribute. A header it names that an answers file
	// lacks, and that is no dimension of [Options.Attributes], is an
	// error wrapping [csat.ErrMissing] (an attributes file may lack it).
	Segments []string
	// Skip names more columns to skip (matched as headers are), beside
	// the meta columns skipped by name (提交时间, IP, …; see the package
	// doc); they are listed in [Summary.Ignored]. A header it names that
	// the file lacks is no error.
	Skip []string
	// Attributes joins customer attributes to the forms: customer id →
	// dimension → value (as [ReadAttributes] reads a customers file).
	// Each form whose customer is in it gets those attributes; an empty
	// value is no value. A dimension the file's own segment column gives
	// a different value for the same form is an error wrapping
	// [csat.ErrInvalid] naming the line and the customer.
	Attributes map[string]map[string]string
	// Importance is the scale of stated importance (重要度 columns); nil
	// means [form.ImportanceScale].
	Importance *csat.Scale
	// Forms, when set, is given every returned form as it is counted in
	// its period's statistics, with the period's name: for what needs the
	// forms themselves, as the bootstrap of package
	// github.com/csatkit/csat/csi does. The form's maps may be reused
	// once it returns: copy what you keep. It is called once per form
	// counted, never for a rejected row.
	Forms func(period string, f form.Form)
}

// A Summary tells what a reader did with a file, so that nothing is
// dropped unseen. Rows counts the data rows (the header and blank rows
// excluded): each was either accepted or rejected, so Rows == Accepted +
// Rejected. Blank counts the rows skipped as blank: empty lines, and rows
// whose every field is empty or space.
type Summary struct {
	File     string   // the name given for the file
	Format   Format   // the format read
	Encoding Encoding // the encoding read (CSV only)
	Sheet    string   // the sheet read (XLSX only): Options.Sheet, else the first visible worksheet
	Layout   Layout   // the answers layout read (answers only)
	Rows     int      // data rows read
	Accepted int      // rows taken in
	Rejected int      // rows refused, each with an error
	Blank    int      // blank rows skipped
	// Answers counts the answers taken in (answers files): the counts of
	// the long layout, the answered cells of the wide layout; items only,
	// not the overall question or stated importance. It is the sum of the
	// tables' counts.
	Answers uint64
	// Unanswered counts the blanks of accepted rows: the empty item
	// cells of the wide layout, and the rows of the long layout with a
	// form id and an empty level: items a form left unanswered. The
	// overall question and stated importance are not counted.
	Unanswered uint64
	// Forms counts the returned forms (答卷) read, in all periods: every
	// accepted row of the wide layout, every run of rows sharing a form
	// id in the long layout. [ReadAnswers] leaves it 0.
	Forms uint64
	// Loose counts the answers not on any form: those of long-layout rows
	// without a form id (no form column, or an empty cell). They are in
	// the tables and in Answers, not in the form statistics.
	// [ReadAnswers] leaves it 0.
	Loose uint64
	// Ignored lists the headers of the columns not read, in column
	// order: in the wide layout with [Options.Items], the columns it does
	// not name; in any layout, note (备注) columns, the meta columns
	// skipped by name (提交时间, IP, …) and those of [Options.Skip]; in a
	// customers' attributes file, every column but the customer and the
	// segment columns.
	Ignored []string
	// Items lists the items of an answers file in questionnaire order:
	// the item columns from left to right in the wide layout, the items
	// in the order they first appear in the long layout. A report lists
	// items in this order (htmlreport's Options.Items).
	Items []string
	// Errors holds the row errors, at most [Options.MaxErrors] of them
	// (the first ones) with CollectAll, else at most one.
	Errors []error
}

// A RejectedError reports the rows rejected by a read with
// [Options.CollectAll]. It wraps each row error (each a
// [*csat.ParseError]), so [errors.Is] matches their reasons and
// [errors.As] finds the first of a type.
type RejectedError struct {
	File     string  // the file's name
	Rows     int     // data rows read
	Rejected int     // rows rejected; more than len(Errs) when some were not kept
	Errs     []error // the first row errors
}

// Error returns "csat: FILE: R of N rows rejected:" and each row error,
// whole, on a line of its own (as errors.Join prints them), then how many
// were not listed.
func (e *RejectedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "csat: %s: %d of %d rows rejected:", e.File, e.Rejected, e.Rows)
	for _, err := range e.Errs {
		b.WriteString("\n\t" + err.Error())
	}
	if n := e.Rejected - len(e.Errs); n > 0 {
		b.WriteString("\n\t… and " + strconv.Itoa(n) + " more")
	}
	return b.String()
}

// Unwrap returns the row errors.
func (e *RejectedError) Unwrap() []error {
	if e == nil {
		return nil
	}
	return e.Errs
}

// config is Options with the defaults filled in.
type config struct {
	Options
	scale, bands *csat.Scale
	imp          *csat.Scale     // Options.Importance or form.ImportanceScale
	segments     map[string]bool // Options.Segments, normalised as headers
	skip         map[string]bool // Options.Skip, normalised as headers
	source       string
	period       string
	maxErrors    int
	loc          *time.Location
}

func newConfig(o *Options) (*config, error) {
	c := &config{}
	if o != nil {
		c.Options = *o
	}
	c.scale, c.bands, c.loc = c.Scale, c.Bands, c.Location
	if c.scale == nil {
		c.scale = csat.FivePoint()
	}
	if c.bands == nil {
		c.bands = csat.PVCBands()
	}
	if c.loc == nil {
		c.loc = time.UTC
	}
	c.source = csat.SourceSurvey
	if s := strings.TrimSpace(c.Source); s != "" {
		c.source = textx.SourceName(s)
	}
	c.period = DefaultPeriod
	if p := strings.TrimSpace(c.Period); p != "" {
		c.period = p
	}
	c.maxErrors = c.MaxErrors
	if c.maxErrors <= 0 {
		c.maxErrors = DefaultMaxErrors
	}
	if c.Format < FormatAuto || c.Format > FormatXLSX {
		return nil, fmt.Errorf("csat: input: format %d: %w", c.Format, csat.ErrInvalid)
	}
	if c.Layout < LayoutAuto || c.Layout > LayoutWide {
		return nil, fmt.Errorf("csat: input: layout %d: %w", c.Layout, csat.ErrInvalid)
	}
	if c.Encoding < EncodingAuto || c.Encoding > EncodingGBK {
		return nil, fmt.Errorf("csat: input: encoding %d: %w", c.Encoding, csat.ErrInvalid)
	}
	for k, v := range c.Items {
		if !validName(k) || !validName(v) {
			return nil, fmt.Errorf("csat: input: Options.Items maps %s to %s: want names that are non-empty UTF-8 without surrounding space: %w", quote(k), quote(v), csat.ErrInvalid)
		}
	}
	if !utf8.ValidString(c.source) || !utf8.ValidString(c.period) {
		return nil, fmt.Errorf("csat: input: Options.Source or Options.Period is not UTF-8: %w", csat.ErrInvalid)
	}
	c.imp = c.Importance
	if c.imp == nil {
		c.imp = form.ImportanceScale()
	}
	if err := c.columnOptions(); err != nil {
		return nil, err
	}
	return c, nil
}

// columnOptions checks Options.Segments, Skip and Attributes and fills
// the sets of segment and skipped headers.
func (c *config) columnOptions() error {
	items := map[string]bool{}
	for h := range c.Items {
		items[normHeader(h)] = true
	}
	c.segments, c.skip = map[string]bool{}, map[string]bool{}
	for _, set := range []struct {
		what  string
		names []string
		m     map[string]bool
	}{{"Segments", c.Segments, c.segments}, {"Skip", c.Skip, c.skip}} {
		for _, h := range set.names {
			if !validName(h) || strings.IndexFunc(h, badControl) >= 0 {
				return fmt.Errorf("csat: input: Options.%s names %s: want headers that are non-empty UTF-8 without surrounding space or control characters: %w", set.what, quote(h), csat.ErrInvalid)
			}
			n := normHeader(norm.NFC.String(h))
			if items[n] || set.what == "Skip" && c.segments[n] {
				return fmt.Errorf("csat: input: header %s is named by two of Options.Items, Segments and Skip: %w", quote(h), csat.ErrInvalid)
			}
			set.m[n] = true
		}
	}
	for id, attrs := range c.Attributes {
		if !validName(id) || strings.IndexFunc(id, badControl) >= 0 {
			return fmt.Errorf("csat: input: Options.Attributes: customer id %s: want non-empty UTF-8 without surrounding space or control characters: %w", quote(id), csat.ErrInvalid)
		}
		for dim, v := range attrs {
			if !validName(dim) || strings.IndexFunc(dim+v, badControl) >= 0 || v != "" && !validName(v) {
				return fmt.Errorf("csat: input: Options.Attributes: customer %s: attribute %s = %s: want a non-empty dimension and a value without surrounding space or control characters: %w", quote(id), quote(dim), quote(v), csat.ErrInvalid)
			}
		}
	}
	return nil
}

// validName reports whether s is a name as read back from a file:
// non-empty UTF-8 without surrounding space.
func validName(s string) bool {
	return s != "" && utf8.ValidString(s) && strings.TrimSpace(s) == s
}

// fold is an enum's text as the readers accept it: trimmed, lower case.
func fold(text []byte) []byte { return bytes.ToLower(bytes.TrimSpace(text)) }

// errorf is the readers' error of a bad option value: "csat: input:
// message: reason", wrapping the sentinel err.
func errorf(err error, format string, args ...any) error {
	return fmt.Errorf("csat: input: "+format+": %w", append(args, err)...)
}

// quote quotes s for a message: escaped, at most 40 bytes of it.
func quote(s string) string {
	const max = 40
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
