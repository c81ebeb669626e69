package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
)

// The targets and actions of a data directory (targets.csv, actions.csv,
// or -targets, -actions) are small CSV files the command reads itself,
// within the limits of smallfile.go.

var targetColumns = map[string]string{
	"year": "year", "年度": "year", "period": "year", "期间": "year",
	"degree": "degree", "满意度": "degree",
	"rate": "rate", "满意率": "rate",
}

// readTargets reads past yearly figures (year,degree,rate; values as
// fractions 0.82 or percentages 82%) into the report's headline figures,
// degree and rate, each with its target history, oldest year first.
func readTargets(path string, enc sheet.Encoding) ([]analysis.Headline, error) {
	file, err := csvRows(path, enc, targetColumns, "year")
	if err != nil {
		return nil, err
	}
	return targetsOf(&file)
}

// parseTargets is readTargets for the bytes of a file named name.
func parseTargets(name string, b []byte, enc sheet.Encoding) ([]analysis.Headline, error) {
	file, err := parseCSVRows(name, b, enc, targetColumns, "year")
	if err != nil {
		return nil, err
	}
	return targetsOf(&file)
}

// targetsOf orders the rows of a targets file by their year's meaning
// (2024 before 2025; halves, quarters and months as periodRange reads
// them, by their first day), and takes each row's degree and rate. A
// year that is not one, given twice (2025 and 2025年 are one year) or
// with neither figure is an error naming its line.
func targetsOf(file *csvFile) ([]analysis.Headline, error) {
	type year struct {
		row        int
		start, end int64
	}
	years := make([]year, 0, len(file.rows))
	for i, r := range file.rows {
		y := r["year"]
		if y == "" {
			return nil, file.errorAt(i, "year", fmt.Errorf("no year: %w", csat.ErrMissing))
		}
		start, end, ok := periodRange(y)
		if !ok {
			return nil, file.errorAt(i, "year", fmt.Errorf("year %s is not a year such as 2025 (or 2025H1, 2025Q3, 2025-06): %w", quoteShort(y), csat.ErrInvalid))
		}
		if start.Year() < minYear || start.Year() > maxYear {
			return nil, file.errorAt(i, "year", fmt.Errorf("year %s is not within %d–%d: %w", y, minYear, maxYear, csat.ErrOutOfRange))
		}
		for _, o := range years {
			if o.start == start.Unix() && o.end == end.Unix() {
				return nil, file.errorAt(i, "year", fmt.Errorf("year %s on line %d and line %d: %w", quoteShort(y), file.lines[o.row], file.lines[i], csat.ErrDuplicate))
			}
		}
		if r["degree"] == "" && r["rate"] == "" {
			return nil, file.errorAt(i, "year", fmt.Errorf("year %s has neither a degree nor a rate: %w", quoteShort(y), csat.ErrMissing))
		}
		years = append(years, year{row: i, start: start.Unix(), end: end.Unix()})
	}
	slices.SortStableFunc(years, func(a, b year) int {
		if a.start != b.start {
			return int(min(max(a.start-b.start, -1), 1))
		}
		return int(min(max(a.end-b.end, -1), 1))
	})
	out := [][]decimal.Decimal{nil, nil}
	for _, y := range years {
		for k, col := range []string{"degree", "rate"} {
			s := file.rows[y.row][col]
			if s == "" {
				continue
			}
			v, err := parseFraction(col, s)
			if err != nil {
				return nil, file.errorAt(y.row, col, err)
			}
			out[k] = append(out[k], v)
		}
	}
	return []analysis.Headline{{Scorer: csat.Degree{}, TargetHistory: out[0]}, {Scorer: csat.Rate{}, TargetHistory: out[1]}}, nil
}

// parseFraction parses 0.82 or 82% as the fraction 0.82, within the
// limits of parseNumber.
func parseFraction(what, s string) (decimal.Decimal, error) {
	pct := strings.HasSuffix(s, "%")
	v, err := parseNumber(what, strings.TrimSpace(strings.TrimSuffix(s, "%")))
	if err != nil {
		return decimal.Decimal{}, err
	}
	if pct {
		v = v.Shift(-2)
	}
	if v.IsNegative() || v.GreaterThan(decimal.NewFromInt(1)) {
		return decimal.Decimal{}, fmt.Errorf("%s %s is not within 0–100%%: %w", what, quoteShort(s), csat.ErrOutOfRange)
	}
	return v, nil
}

var actionColumns = map[string]string{
	"item": "item", "项目": "item",
	"kind": "kind", "类型": "kind",
	"cause": "cause", "原因": "cause",
	"action": "action", "措施": "action",
	"owner": "owner", "责任人": "owner",
	"due": "due", "期限": "due",
	"status": "status", "状态": "status",
}

// readActions reads corrective and preventive actions.
func readActions(path string, enc sheet.Encoding) ([]analysis.Action, error) {
	file, err := csvRows(path, enc, actionColumns, "item", "action")
	if err != nil {
		return nil, err
	}
	return actionsOf(&file)
}

// parseActions is readActions for the bytes of a file named name.
func parseActions(name string, b []byte, enc sheet.Encoding) ([]analysis.Action, error) {
	file, err := parseCSVRows(name, b, enc, actionColumns, "item", "action")
	if err != nil {
		return nil, err
	}
	return actionsOf(&file)
}

// maxEnumText is the longest kind or status given to its parser.
const maxEnumText = 64

// actionsOf reads the actions of the rows: item and owner are names (one
// line), kind and status their names (default corrective and planned),
// due a date within minYear–maxYear.
func actionsOf(file *csvFile) ([]analysis.Action, error) {
	out := make([]analysis.Action, 0, len(file.rows))
	for i, r := range file.rows {
		for _, col := range []string{"item", "action", "owner"} {
			if r[col] == "" {
				return nil, file.errorAt(i, col, fmt.Errorf("no %s: %w", col, csat.ErrMissing))
			}
		}
		for _, col := range []string{"item", "owner"} {
			if err := checkName(col, r[col]); err != nil {
				return nil, file.errorAt(i, col, err)
			}
		}
		a := analysis.Action{Item: r["item"], Cause: r["cause"], Action: r["action"], Owner: r["owner"], Kind: analysis.Corrective, Status: analysis.Planned}
		for _, e := range []struct {
			col string
			dst interface{ UnmarshalText([]byte) error }
		}{{"kind", &a.Kind}, {"status", &a.Status}} {
			col, dst, s := e.col, e.dst, r[e.col]
			if s == "" {
				continue
			}
			if len(s) > maxEnumText {
				return nil, file.errorAt(i, col, fmt.Errorf("%s %s is not one: %w", col, quoteShort(s), csat.ErrInvalid))
			}
			if err := dst.UnmarshalText([]byte(s)); err != nil {
				return nil, file.errorAt(i, col, err)
			}
		}
		if s := r["due"]; s != "" {
			t, err := parseDate("due", s)
			if err != nil {
				return nil, file.errorAt(i, "due", err)
			}
			a.Due = t
		}
		if err := a.Validate(); err != nil {
			return nil, file.errorAt(i, "", err)
		}
		out = append(out, a)
	}
	return out, nil
}
