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
