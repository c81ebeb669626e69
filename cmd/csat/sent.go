package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
)

// sentColumns are the accepted headers of a sent file's columns other
// than the stratum's: forms sent, and the plan's minimum of forms
// returned per stratum (the same for every stratum).
var sentColumns = map[string]string{
	"sent": "sent", "发放": "sent", "发放数": "sent", "发出": "sent",
	"minimum": "minimum", "最少回收": "minimum", "最低回收": "minimum",
}

// readSent reads a sent file: a header whose first column names the
// dimension the strata divide by (地区, 规模, ABC, …), then a sent column
// (sent, 发放) and optionally a minimum column (minimum, 最少回收); one
// row per stratum. A stratum given twice, a count that is not a
// non-negative integer, or minimums that differ are errors naming the
// line and field.
func readSent(path string, enc sheet.Encoding) (*analysis.Sent, error) {
	b, err := readSmall(path)
	if err != nil {
		return nil, err
	}
	return parseSent(path, b, enc)
}

// parseSent is readSent for the bytes of a file named name.
func parseSent(name string, b []byte, enc sheet.Encoding) (*analysis.Sent, error) {
	recs, lines, err := smallRecords(name, b, enc)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, &csat.ParseError{File: name, Line: 1, Err: fmt.Errorf("no header: %w", csat.ErrMissing)}
	}
	head := recs[0]
	dim := head[0]
	if err := checkName("dimension", dim); dim == "" || err != nil {
		if err == nil {
			err = fmt.Errorf("no dimension: the first header names what the strata divide by (地区, 规模, …): %w", csat.ErrMissing)
		}
		return nil, &csat.ParseError{File: name, Line: lines[0], Field: 1, Err: err}
	}
	cols := map[string]int{}
	for i, h := range head[1:] {
		c, ok := sentColumns[strings.ToLower(h)]
		if !ok {
			return nil, &csat.ParseError{File: name, Line: lines[0], Field: i + 2, Err: fmt.Errorf("unknown column %s (want sent/发放 or minimum/最少回收): %w", quoteShort(h), csat.ErrInvalid)}
		}
		if _, dup := cols[c]; dup {
			return nil, &csat.ParseError{File: name, Line: lines[0], Field: i + 2, Err: fmt.Errorf("column %q twice: %w", c, csat.ErrDuplicate)}
		}
		cols[c] = i + 1
	}
	if _, ok := cols["sent"]; !ok {
		return nil, &csat.ParseError{File: name, Line: lines[0], Err: fmt.Errorf("no sent (发放) column: %w", csat.ErrMissing)}
	}
	out := &analysis.Sent{Dimension: dim, Forms: map[string]uint64{}}
	first := map[string]int{}
	minSeen := false
	for k, rec := range recs[1:] {
		line := lines[k+1]
		if len(rec) != len(head) {
			return nil, &csat.ParseError{File: name, Line: line, Err: fmt.Errorf("%d fields, header has %d: %w", len(rec), len(head), csat.ErrSyntax)}
		}
		stratum := rec[0]
		if err := checkName("stratum", stratum); stratum == "" || err != nil {
			if err == nil {
				err = fmt.Errorf("no stratum: %w", csat.ErrMissing)
			}
			return nil, &csat.ParseError{File: name, Line: line, Field: 1, Err: err}
		}
		if l, dup := first[stratum]; dup {
			return nil, &csat.ParseError{File: name, Line: line, Field: 1, Err: fmt.Errorf("stratum %s given twice (first on line %d): %w", quoteShort(stratum), l, csat.ErrDuplicate)}
		}
		first[stratum] = line
		n, err := parseCount(rec[cols["sent"]])
		if err != nil {
			return nil, &csat.ParseError{File: name, Line: line, Field: cols["sent"] + 1, Err: err}
		}
		out.Forms[stratum] = n
		if c, ok := cols["minimum"]; ok && rec[c] != "" {
			m, err := parseCount(rec[c])
			if err != nil {
				return nil, &csat.ParseError{File: name, Line: line, Field: c + 1, Err: err}
			}
			if minSeen && m != out.Minimum {
				return nil, &csat.ParseError{File: name, Line: line, Field: c + 1, Err: fmt.Errorf("minimum %d differs from the %d of an earlier stratum: %w", m, out.Minimum, csat.ErrInvalid)}
			}
			out.Minimum, minSeen = m, true
		}
	}
	if len(out.Forms) == 0 {
		return nil, &csat.ParseError{File: name, Line: lines[0], Err: fmt.Errorf("no stratum: %w", csat.ErrEmpty)}
	}
	return out, nil
}

// parseCount parses a count of forms: a non-negative integer.
func parseCount(s string) (uint64, error) {
	d, err := parseNumber("count", s)
	if err != nil {
		return 0, err
	}
	if !d.IsInteger() || d.IsNegative() || d.GreaterThan(maxCount) {
		return 0, fmt.Errorf("count %s is not a whole number of forms from 0 to 2^63−1: %w", quoteShort(s), csat.ErrOutOfRange)
	}
	n, err := strconv.ParseUint(d.String(), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", quoteShort(s), csat.ErrOutOfRange)
	}
	return n, nil
}

var maxCount = decimal.NewFromInt(math.MaxInt64)
