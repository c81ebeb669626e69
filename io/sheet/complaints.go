package sheet

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/csatkit/csat/internal/iox"

	"github.com/csatkit/csat"
)

// ReadComplaints reads complaints (see the package doc) from the CSV or
// XLSX file at path, sorted by id. Each is checked as
// [csat.Complaint.Validate] does; a bad row is a [*csat.ParseError]
// wrapping [csat.ErrUnknownOutcome], [csat.ErrBadTimes] (on the field of
// the time out of order), [csat.ErrDuplicate] (an id given twice),
// [csat.ErrInvalid] (a time that does not parse), [csat.ErrMissing], ….
// Other errors are as for [ReadAnswers].
func ReadComplaints(path string, opts *Options) ([]csat.Complaint, Summary, error) {
	return readComplaints(path, nil, opts)
}

// ReadComplaintsFrom is [ReadComplaints] for a reader, named as for
// [ReadAnswersFrom].
func ReadComplaintsFrom(r io.Reader, name string, opts *Options) ([]csat.Complaint, Summary, error) {
	if iox.IsNil(r) {
		return nil, Summary{File: name}, fmt.Errorf("csat: %s: nil reader: %w", name, csat.ErrInvalid)
	}
	return readComplaints(name, r, opts)
}

func readComplaints(name string, in io.Reader, opts *Options) ([]csat.Complaint, Summary, error) {
	r, err := start(name, in, opts)
	if err != nil {
		return nil, Summary{File: name, Errors: []error{err}}, err
	}
	var out []csat.Complaint
	err = r.complaints(&out)
	keep, err := r.finish(err)
	if !keep {
		return nil, *r.sum, err
	}
	slices.SortFunc(out, func(a, b csat.Complaint) int { return strings.Compare(a.ID, b.ID) })
	return out, *r.sum, err
}

func (r *run) complaints(out *[]csat.Complaint) error {
	header, err := r.header()
	if err != nil {
		return err
	}
	cs, err := r.mapColumns(header, []string{colID, colOutcome}, []string{colCustomer, colReceived, colFirstResponse, colResolved, colChannel, colCategory})
	if err != nil {
		return err
	}
	lines := map[string]int{}
	return r.rows(func(rec []string) error {
		if err := r.checkUnnamed(header, rec); err != nil {
			return err
		}
		c := csat.Complaint{
			ID:       cs.get(rec, colID),
			Customer: cs.get(rec, colCustomer),
			Channel:  cs.get(rec, colChannel),
			Category: cs.get(rec, colCategory),
		}
		if c.ID == "" {
			return r.colError(cs, colID, valueError("empty", "", nil, fmt.Errorf("empty complaint id: %w", csat.ErrMissing)))
		}
		if l, dup := lines[c.ID]; dup {
			return r.colError(cs, colID, fmt.Errorf("complaint %s given twice (first on line %d): %w", quote(c.ID), l, csat.ErrDuplicate))
		}
		var err error
		if c.Outcome, err = parseOutcome(cs.get(rec, colOutcome)); err != nil {
			return r.colError(cs, colOutcome, err)
		}
		for _, t := range []struct {
			col, what string
			to        *time.Time
		}{
			{colReceived, "received", &c.Received},
			{colFirstResponse, "first response", &c.FirstResponse},
			{colResolved, "resolved", &c.Resolved},
		} {
			if *t.to, err = parseTime(t.what, cs.get(rec, t.col), r.c.loc, r.xlsx); err != nil {
				return r.colError(cs, t.col, err)
			}
		}
		if c.Received.IsZero() && cs.has(colReceived) {
			return r.colError(cs, colReceived, fmt.Errorf("complaint %s: no received time (the complaint figures need it): %w", quote(c.ID), csat.ErrMissing))
		}
		if err := c.Validate(); err != nil {
			col := colResolved
			if errors.Is(err, csat.ErrOutOfRange) {
				col = outOfRangeColumn(c)
			}
			if errors.Is(err, csat.ErrBadTimes) && !c.FirstResponse.IsZero() && c.FirstResponse.Before(c.Received) {
				col = colFirstResponse
			}
			if cs.field(col) == 0 {
				col = colOutcome
			}
			return r.colError(cs, col, err)
		}
		lines[c.ID] = r.src.line(0)
		*out = append(*out, c)
		return nil
	})
}

// outOfRangeColumn returns the column of the first of c's times that
// [csat.Complaint.Validate] finds out of range.
func outOfRangeColumn(c csat.Complaint) string {
	for _, t := range []struct {
		col string
		t   time.Time
	}{{colReceived, c.Received}, {colFirstResponse, c.FirstResponse}} {
		if (csat.Complaint{ID: c.ID, Received: t.t, Outcome: csat.NotHandled}).Validate() != nil {
			return t.col
		}
	}
	return colResolved
}

// outcomeShort maps the short Chinese names of outcomes (and the forms
// without 处理/客户) to outcomes.
var outcomeShort = map[string]csat.Outcome{
	"未处理":  csat.NotHandled,
	"不满意":  csat.HandledDissatisfied,
	"不太满意": csat.HandledNotVerySatisfied,
	"基本满意": csat.HandledBasicallySatisfied,
	"满意":   csat.HandledSatisfied,
	"很满意":  csat.HandledVerySatisfied,
}

// parseOutcome parses an outcome by its key, English or Chinese label
// ([csat.ParseOutcome]), or a short Chinese name (未处理, 不满意, 不太满意,
// 基本满意, 满意, 很满意, with or without 处理， and 客户).
func parseOutcome(s string) (csat.Outcome, error) {
	if s == "" {
		return 0, valueError("empty", "", nil, fmt.Errorf("empty outcome: %w", csat.ErrMissing))
	}
	o, err := csat.ParseOutcome(s)
	if err == nil {
		return o, nil
	}
	if o, err2 := csat.ParseOutcome(strings.ToLower(s)); err2 == nil {
		return o, nil
	}
	short := strings.Join(strings.Fields(s), "")
	short = strings.TrimPrefix(short, "投诉")
	for _, p := range []string{"处理，", "处理,", "已处理，", "已处理,"} {
		short = strings.TrimPrefix(short, p)
	}
	short = strings.TrimPrefix(short, "客户")
	if o, ok := outcomeShort[short]; ok {
		return o, nil
	}
	return 0, err
}
