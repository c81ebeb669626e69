package csat

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
)

// ReadTableCSV reads survey answers into a new [Table] of scale s. The
// first row is a header naming the columns item, source and level, and
// optionally count (in any order; other columns are an error, so nothing
// is silently ignored). Each following row counts count answers (default
// 1) at the level named by key, English or Chinese label of s, for the
// item as rated by the source:
//
//	item,source,level,count
//	功能,survey,很满意,3
//	功能,self,satisfied,1
//
// The first bad row stops the read with a [*ParseError] naming its line
// and column; an empty input (no header) is [ErrEmpty].
func ReadTableCSV(r io.Reader, s *Scale) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errorf(ErrEmpty, "csv: no header row")
	}
	if err != nil {
		return nil, &ParseError{Line: 1, Column: 1, Err: err}
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch h {
		case "item", "source", "level", "count":
		default:
			return nil, &ParseError{Line: 1, Column: i + 1, Err: errorf(ErrInvalid, "unknown column %q (want item, source, level, count)", h)}
		}
		if _, dup := col[h]; dup {
			return nil, &ParseError{Line: 1, Column: i + 1, Err: errorf(ErrDuplicate, "column %q given twice", h)}
		}
		col[h] = i
	}
	for _, need := range []string{"item", "source", "level"} {
		if _, ok := col[need]; !ok {
			return nil, &ParseError{Line: 1, Column: 1, Err: errorf(ErrMissing, "no column %q", need)}
		}
	}
	t := NewTable(s)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return t, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ParseError{Line: pe.Line, Column: pe.Column, Err: err}
			}
			return nil, &ParseError{Line: line, Column: 1, Err: err}
		}
		at := func(name string) string { return strings.TrimSpace(rec[col[name]]) }
		fail := func(name string, err error) (*Table, error) {
			return nil, &ParseError{Line: line, Column: col[name] + 1, Err: err}
		}
		lvl, err := s.Index(at("level"))
		if err != nil {
			return fail("level", err)
		}
		n := uint64(1)
		if c, ok := col["count"]; ok {
			if n, err = strconv.ParseUint(strings.TrimSpace(rec[c]), 10, 64); err != nil {
				return fail("count", errorf(ErrInvalid, "count %q is not a non-negative integer", rec[c]))
			}
		}
		if err := t.AddN(at("item"), at("source"), lvl, n); err != nil {
			if errors.Is(err, ErrInvalid) && at("item") == "" {
				return fail("item", err)
			} else if errors.Is(err, ErrInvalid) {
				return fail("source", err)
			}
			return fail("count", err)
		}
	}
}
