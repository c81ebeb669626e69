package sheet

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// Canonical column names.
const (
	colItem          = "item"
	colSource        = "source"
	colLevel         = "level"
	colCount         = "count"
	colPeriod        = "period"
	colForm          = "form"
	colRespondent    = "respondent"
	colCustomer      = "customer"
	colNote          = "note"
	colScore         = "score"
	colVisit         = "visit"
	colEstimate      = "estimate"
	colStatus        = "status"
	colVisited       = "visited"
	colID            = "id"
	colReceived      = "received"
	colFirstResponse = "first_response"
	colResolved      = "resolved"
	colChannel       = "channel"
	colCategory      = "category"
	colOutcome       = "outcome"
	colValue         = "value"
	colMargin        = "margin"
	colSegment       = "segment"    // a segment column: its header names the dimension
	colOverall       = "overall"    // the overall question
	colImportance    = "importance" // long layout: the stated importance of the row's item
	colSkip          = "skip"       // a meta column skipped by name
)

// aliases maps each accepted header, normalised by normHeader, to its
// canonical column name.
var aliases = map[string]string{
	"item": colItem, "项目": colItem,
	"source": colSource, "来源": colSource,
	"level": colLevel, "等级": colLevel, "评价": colLevel,
	"count": colCount, "数量": colCount,
	"period": colPeriod, "期间": colPeriod,
	"form": colForm, "表单": colForm, "表单编号": colForm, "问卷编号": colForm, "答卷编号": colForm, "form_id": colForm,
	"respondent": colRespondent, "填表人": colRespondent,
	"customer": colCustomer, "客户": colCustomer,
	"note": colNote, "notes": colNote, "备注": colNote,
	"score": colScore, "问卷": colScore,
	"visit": colVisit, "走访": colVisit,
	"estimate": colEstimate, "估计": colEstimate, "估分": colEstimate,
	"status": colStatus, "状态": colStatus,
	"visited": colVisited, "已走访": colVisited,
	"id": colID, "编号": colID,
	"received": colReceived, "收到": colReceived, "收到时间": colReceived,
	"first_response": colFirstResponse, "首次响应": colFirstResponse, "首次响应时间": colFirstResponse,
	"resolved": colResolved, "解决": colResolved, "解决时间": colResolved,
	"channel": colChannel, "渠道": colChannel,
	"category": colCategory, "类别": colCategory,
	"outcome": colOutcome, "结果": colOutcome, "处理结果": colOutcome,
	"value": colValue, "价值": colValue, "clv": colValue,
	"margin": colMargin, "毛利": colMargin,
	"地区": colSegment, "区域": colSegment, "region": colSegment,
	"行业": colSegment, "industry": colSegment,
	"规模": colSegment, "客户规模": colSegment, "size": colSegment,
	"abc": colSegment, "abc分类": colSegment, "客户等级": colSegment, "class": colSegment,
	"overall": colOverall, "总体满意度": colOverall, "总体评价": colOverall,
	"importance": colImportance, "重要度": colImportance, "重要性": colImportance,
	"提交时间": colSkip, "提交答卷时间": colSkip, "开始时间": colSkip, "结束时间": colSkip,
	"答题时长": colSkip, "所用时间": colSkip, "ip": colSkip, "来源ip": colSkip,
	"submitted": colSkip, "start_time": colSkip, "end_time": colSkip,
	"序号": colSkip, "来自ip": colSkip, "来源详情": colSkip,
}

// normHeader normalises a header for lookup in aliases: trimmed, lower
// case, spaces and hyphens as underscores.
func normHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

// columns is a header mapped to canonical columns.
type columns struct {
	idx     map[string]int // canonical name → field index
	headers []string       // the header as given, trimmed
}

// has reports whether the header has column c.
func (cs *columns) has(c string) bool { _, ok := cs.idx[c]; return ok }

// get returns the field of column c in rec ("" when the header lacks it).
func (cs *columns) get(rec []string, c string) string {
	if i, ok := cs.idx[c]; ok {
		return rec[i]
	}
	return ""
}

// field returns the 1-based field number of column c (0 when absent).
func (cs *columns) field(c string) int {
	if i, ok := cs.idx[c]; ok {
		return i + 1
	}
	return 0
}

// header reads the header row: the first non-blank row.
func (r *run) header() ([]string, error) {
	rec, err := r.src.next()
	if err != nil {
		r.failed = true
		err = headerError(err, r.name)
		r.sum.Errors = []error{err}
		return nil, err
	}
	if !r.src.cleaned() {
		if err := r.clean(rec); err != nil {
			r.failed = true
			r.sum.Errors = []error{err}
			return nil, err
		}
	}
	r.headers = append([]string(nil), rec...)
	return append([]string(nil), rec...), nil
}

// mapColumns maps a header to the canonical columns allowed (required
// ones first, then optional ones). Any other header is an error, except
// note columns (listed in Summary.Ignored) and empty headers (unnamed
// columns, whose fields must be empty: see checkUnnamed).
func (r *run) mapColumns(header []string, required, optional []string) (*columns, error) {
	cs, err := r.columnsOf(header, required, optional)
	if err != nil {
		r.failed = true
		r.sum.Errors = []error{err}
		return nil, err
	}
	r.src.setWidth(len(header))
	return cs, nil
}

func (r *run) columnsOf(header []string, required, optional []string) (*columns, error) {
	cs := &columns{idx: map[string]int{}, headers: header}
	allowed := map[string]bool{colNote: true}
	for _, c := range append(append([]string(nil), required...), optional...) {
		allowed[c] = true
	}
	var notes []string
	for i, h := range header {
		if h == "" {
			continue
		}
		c, ok := aliases[normHeader(h)]
		if !ok || !allowed[c] {
			return nil, r.fieldError(i, columnError("unknown", h, append(append([]string(nil), required...), optional...), fmt.Errorf("unknown column %s (want %s): %w", quote(h), want(required, optional), csat.ErrInvalid)))
		}
		if c == colNote {
			notes = append(notes, h)
			continue
		}
		if _, dup := cs.idx[c]; dup {
			return nil, r.fieldError(i, columnError("twice", h, nil, fmt.Errorf("column %s given twice: %w", quote(h), csat.ErrDuplicate)))
		}
		cs.idx[c] = i
	}
	for _, c := range required {
		if !cs.has(c) {
			return nil, r.fieldError(-1, columnError("missing", c, headersOf(c), fmt.Errorf("no column %q: %w", c, csat.ErrMissing)))
		}
	}
	r.sum.Ignored = append(r.sum.Ignored, notes...)
	return cs, nil
}

// checkUnnamed returns an error for a value under an empty header.
func (r *run) checkUnnamed(headers, rec []string) error {
	for i, h := range headers {
		if h == "" && rec[i] != "" {
			return r.fieldError(i, valueError("unnamed", rec[i], nil, fmt.Errorf("%s in a column without a header: %w", quote(rec[i]), csat.ErrInvalid)))
		}
	}
	return nil
}

func want(required, optional []string) string {
	s := strings.Join(required, ", ")
	if len(optional) > 0 {
		s += " and optionally " + strings.Join(optional, ", ")
	}
	return s
}

// headerError turns an error reading the header row into the error
// returned: no header at all is ErrEmpty.
func headerError(err error, name string) error {
	if errors.Is(err, io.EOF) {
		return &csat.ParseError{File: name, Line: 1, Err: fmt.Errorf("no header row: %w", csat.ErrEmpty)}
	}
	var fe *fatalError
	if errors.As(err, &fe) {
		return fe.err
	}
	return err
}

// parseCount parses a count of answers: a non-negative integer.
func parseCount(s string) (uint64, error) {
	if s == "" {
		return 0, valueError("empty", "", nil, fmt.Errorf("empty count: %w", csat.ErrMissing))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, valueError("count", s, nil, fmt.Errorf("count %s is not a non-negative integer: %w", quote(s), csat.ErrInvalid))
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("count %s does not fit in 64 bits: %w", quote(s), csat.ErrOverflow)
	}
	return n, nil
}

// maxNumber is the longest number text read.
const maxNumber = 128

// parseDecimal parses a decimal number within csat's input limits. A
// spreadsheet's number (xlsx) is rounded to 15 significant digits, as
// Excel shows it, so that 0.1 stored as 0.10000000000000001 reads as 0.1.
func parseDecimal(what, s string, xlsx bool) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, valueError("empty", "", nil, fmt.Errorf("empty %s: %w", what, csat.ErrMissing))
	}
	if len(s) > maxNumber {
		return decimal.Decimal{}, fmt.Errorf("%s %s is too long: %w", what, quote(s), csat.ErrOutOfRange)
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("0123456789.+-eE", s[i]) < 0 {
			return decimal.Decimal{}, valueError("number", s, nil, fmt.Errorf("%s %s is not a number: %w", what, quote(s), csat.ErrInvalid))
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, valueError("number", s, nil, fmt.Errorf("%s %s is not a number: %w", what, quote(s), csat.ErrInvalid))
	}
	if !d.IsZero() {
		e := int64(d.Exponent())
		n := int64(d.NumDigits())
		if e > csat.MaxExponent || e < -csat.MaxExponent || n > csat.MaxDigits || e+n > csat.MaxExponent {
			return decimal.Decimal{}, fmt.Errorf("%s %s outside the input limits (%d digits, exponent ±%d): %w", what, quote(s), csat.MaxDigits, csat.MaxExponent, csat.ErrOutOfRange)
		}
		if xlsx && n > 15 {
			d = trimZeros(d.Round(int32(15 - (n + e))))
		}
	}
	return d, nil
}

// trimZeros returns d without trailing zeros after the decimal point.
func trimZeros(d decimal.Decimal) decimal.Decimal {
	s := d.String()
	if !strings.Contains(s, ".") {
		return d
	}
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	t, err := decimal.NewFromString(s)
	if err != nil {
		return d
	}
	return t
}

// timeLayouts are the layouts of times read, tried in order.
var timeLayouts = []string{
	time.RFC3339,
	"2006-1-2 15:04:05",
	"2006-1-2 15:04",
	"2006-1-2T15:04:05",
	"2006-1-2T15:04",
	"2006-1-2",
	"2006/1/2 15:04:05",
	"2006/1/2 15:04",
	"2006/1/2",
}

// excelEpoch is day 0 of Excel's 1900 date system (serial 1 is
// 1900-01-01, counting Excel's phantom 1900-02-29 for later dates).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serialRE matches a spreadsheet's date serial: up to 7 digits of days
// and up to 20 of fraction.
var serialRE = regexp.MustCompile(`^[0-9]{1,7}(\.[0-9]{1,20})?$`)

// parseTime parses a time in one of timeLayouts; "" is the zero time. A
// spreadsheet's date cell (a serial number of days since 1899-12-30 in
// the 1900 date system) is read too, to the nearest second.
func parseTime(what, s string, loc *time.Location, xlsx bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	if xlsx {
		// A serial is digits with an optional fraction, checked before
		// parsing: "1e999999999" or a million digits must cost nothing.
		if !serialRE.MatchString(s) {
			return time.Time{}, valueError("time", s, nil, fmt.Errorf("%s %s is not a time (want a date, 2006-01-02 15:04, 2006-01-02 or RFC 3339): %w", what, quote(s), csat.ErrInvalid))
		}
		if d, err := decimal.NewFromString(s); err == nil && d.LessThan(decimal.NewFromInt(2958466)) {
			days := d.Floor()
			secs := d.Sub(days).Mul(decimal.NewFromInt(86400)).Round(0).IntPart()
			t := excelEpoch.AddDate(0, 0, int(days.IntPart())).Add(time.Duration(secs) * time.Second)
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc), nil
		}
	}
	return time.Time{}, valueError("time", s, nil, fmt.Errorf("%s %s is not a time (want 2006-01-02 15:04, 2006-01-02 or RFC 3339): %w", what, quote(s), csat.ErrInvalid))
}

// parseStatus parses a customer status.
func parseStatus(s string) (csat.Status, error) {
	switch normHeader(s) {
	case "active", "正常", "活跃":
		return csat.Active, nil
	case "at_risk", "风险", "有风险", "流失风险":
		return csat.AtRisk, nil
	case "lost", "流失", "已流失":
		return csat.Lost, nil
	}
	return 0, valueError("status", s, []string{"active", "at_risk", "lost", "正常", "风险", "流失"}, fmt.Errorf("status %s (want active, at_risk or lost; 正常, 风险 or 流失): %w", quote(s), csat.ErrInvalid))
}

// parseBool parses yes/no.
func parseBool(what, s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes", "y", "true", "1", "是", "有":
		return true, nil
	case "no", "n", "false", "0", "否", "无":
		return false, nil
	}
	return false, valueError("yes/no", s, []string{"yes", "no", "是", "否"}, fmt.Errorf("%s %s (want yes or no; 是 or 否): %w", what, quote(s), csat.ErrInvalid))
}
