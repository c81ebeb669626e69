package analysis

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/errs"
)

type textEnum interface {
	encoding.TextMarshaler
	fmt.Stringer
}

// Every enum marshals to its name, reads it back, and refuses an unknown
// name or value with csat.ErrInvalid; JSON shows the text, never a number.
func TestEnumsText(t *testing.T) {
	cases := []struct {
		name   string
		values []textEnum
		bad    textEnum
		decode func([]byte) (textEnum, error)
	}{
		{"ActionKind", []textEnum{Corrective, Preventive}, ActionKind(0), func(b []byte) (textEnum, error) { var v ActionKind; err := v.UnmarshalText(b); return v, err }},
		{"ActionStatus", []textEnum{Planned, InProgress, Done, Verified}, ActionStatus(0), func(b []byte) (textEnum, error) { var v ActionStatus; err := v.UnmarshalText(b); return v, err }},
		{"TargetMethod", []textEnum{AverageAdvanced, AverageAdvancedVariant}, TargetMethod(7), func(b []byte) (textEnum, error) { var v TargetMethod; err := v.UnmarshalText(b); return v, err }},
		{"LostMode", []textEnum{LostLowestBand, LostExclude, LostAtScore}, LostMode(5), func(b []byte) (textEnum, error) { var v LostMode; err := v.UnmarshalText(b); return v, err }},
		{"LossModel", []textEnum{LossCompound, LossLinear}, LossModel(5), func(b []byte) (textEnum, error) { var v LossModel; err := v.UnmarshalText(b); return v, err }},
		{"Against", []textEnum{AgainstOverall, AgainstSurvey}, Against(0), func(b []byte) (textEnum, error) { var v Against; err := v.UnmarshalText(b); return v, err }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, v := range c.values {
				b, err := v.MarshalText()
				if err != nil {
					t.Fatalf("%v: %v", v, err)
				}
				if seen[string(b)] {
					t.Errorf("%q used twice", b)
				}
				seen[string(b)] = true
				back, err := c.decode(b)
				if err != nil || back != v {
					t.Errorf("%q decodes to %v (%v), want %v", b, back, err, v)
				}
				js, err := json.Marshal(v)
				if err != nil || js[0] != '"' {
					t.Errorf("JSON of %v is %s (%v), not its text", v, js, err)
				}
			}
			if _, err := c.bad.MarshalText(); !errors.Is(err, csat.ErrInvalid) && !errors.Is(err, csat.ErrUnknownOutcome) {
				t.Errorf("MarshalText of %v: %v, want csat.ErrInvalid", c.bad, err)
			}
			if _, err := c.decode([]byte("no such name")); !errors.Is(err, csat.ErrInvalid) && !errors.Is(err, csat.ErrUnknownOutcome) {
				t.Errorf("unknown name: %v, want csat.ErrInvalid", err)
			}
		})
	}
}

// Errors of this package wrapped in csat's typed errors, and csat's
// wrapped in this package's, print "csat: " once and match with
// errors.Is and errors.As.
func TestErrorsWrapCsat(t *testing.T) {
	_, err := Trend([]csat.Period{{Name: "a", Table: surveyTable(t)}, {Name: "b", Table: csat.NewTable(csat.FivePoint())}}, csat.SourceSurvey, 0, nil)
	var pe *csat.Error
	if !errors.Is(err, csat.ErrEmpty) || !errors.As(err, &pe) || pe.Part != "period" || pe.Name != "b" {
		t.Errorf("trend: %v, want an Error of period b wrapping ErrEmpty", err)
	}
	_, err = Trend([]csat.Period{{Name: "a", Table: surveyTable(t)}, {Name: "b"}}, csat.SourceSurvey, 0, nil)
	checkErr(t, err, errCheck{Is: csat.ErrEmpty, Msg: `csat: period "b": trend: no table: no data`})
	_, err = Company([]csat.CustomerScore{{ID: "c", Final: mustGiven("", csat.Points, dec("101"))}}, nil)
	var ce *csat.Error
	if !errors.As(err, &ce) || ce.Part != "customer" || ce.Name != "c" {
		t.Errorf("company: %v, want an Error of customer c", err)
	}
	checkErr(t, err, errCheck{Is: csat.ErrOutOfRange})
	_, err = CompareDegrees(tallyOf(t, 1), tallyOf(t, 1, 1), dec("0"))
	checkErr(t, err, errCheck{Is: csat.ErrTooFew, Msg: "csat: welch test: ours: 1 answers (at least 2 needed): too few observations"})
	for _, err := range []error{err, errorf(csat.ErrInvalid, "x")} {
		if strings.Count(err.Error(), "csat: ") != 1 || "csat: "+errs.Detail(err) != err.Error() {
			t.Errorf("%q: want one csat: prefix, which errs.Detail drops", err)
		}
	}
}

// failingMetric is a user's loyalty metric that fails with one of csat's
// typed errors.
type failingMetric struct{ err error }

func (m failingMetric) Loyalty(csat.LoyaltyData) (csat.Result, error) { return csat.Result{}, m.err }

// A typed error of package csat (csat.Error, ParseError, …) wrapped by
// this package still prints "csat: " once, and still matches.
func TestCsatTypedErrorsWrapped(t *testing.T) {
	for _, tc := range []struct {
		inner error
		text  string // its text without the prefix
	}{
		{&csat.Error{Part: "customer", Name: "C1", Err: csat.ErrMissing}, `customer "C1": missing value`},
		{&csat.ParseError{File: "a.csv", Line: 3, Field: 2, Err: csat.ErrMissing}, `a.csv line 3, field 2: missing value`},
		{&csat.CellError{Item: "功能", Source: "survey", Err: csat.ErrMissing}, `cell "功能"/"survey": missing value`},
	} {
		_, err := Build(Input{Period: "P", Table: surveyTable(t), Loyalty: []csat.LoyaltyMetric{failingMetric{tc.inner}}})
		if err == nil || strings.Count(err.Error(), "csat: ") != 1 || !errors.Is(err, csat.ErrMissing) || !errors.Is(err, tc.inner) {
			t.Errorf("%v: want one csat: prefix, ErrMissing and the inner error", err)
			continue
		}
		if !strings.HasSuffix(err.Error(), ": "+tc.text) {
			t.Errorf("%q does not end with the inner error's text %q", err, tc.text)
		}
	}
}
