package csat

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

type textEnum interface {
	encoding.TextMarshaler
	fmt.Stringer
}

// Every enum marshals to its name, reads it back, and refuses an unknown
// name or value with ErrInvalid; JSON shows the text, never a number.
func TestEnumsText(t *testing.T) {
	cases := []struct {
		name   string
		values []textEnum
		bad    textEnum
		decode func([]byte) (textEnum, error)
	}{
		{"Kind", []textEnum{Points, Fraction}, Kind(9), func(b []byte) (textEnum, error) { var v Kind; err := v.UnmarshalText(b); return v, err }},
		{"ActionKind", []textEnum{Corrective, Preventive}, ActionKind(0), func(b []byte) (textEnum, error) { var v ActionKind; err := v.UnmarshalText(b); return v, err }},
		{"ActionStatus", []textEnum{Planned, InProgress, Done, Verified}, ActionStatus(0), func(b []byte) (textEnum, error) { var v ActionStatus; err := v.UnmarshalText(b); return v, err }},
		{"TargetMethod", []textEnum{AverageAdvanced, AverageAdvancedVariant}, TargetMethod(7), func(b []byte) (textEnum, error) { var v TargetMethod; err := v.UnmarshalText(b); return v, err }},
		{"MissingPolicy", []textEnum{Renormalize, RequireAll}, MissingPolicy(5), func(b []byte) (textEnum, error) { var v MissingPolicy; err := v.UnmarshalText(b); return v, err }},
		{"LostMode", []textEnum{LostLowestBand, LostExclude, LostAtScore}, LostMode(5), func(b []byte) (textEnum, error) { var v LostMode; err := v.UnmarshalText(b); return v, err }},
		{"LossModel", []textEnum{LossCompound, LossLinear}, LossModel(5), func(b []byte) (textEnum, error) { var v LossModel; err := v.UnmarshalText(b); return v, err }},
		{"Status", []textEnum{Active, AtRisk, Lost}, Status(5), func(b []byte) (textEnum, error) { var v Status; err := v.UnmarshalText(b); return v, err }},
		{"Bounds", []textEnum{DeclaredBounds, PopulationRange}, Bounds(5), func(b []byte) (textEnum, error) { var v Bounds; err := v.UnmarshalText(b); return v, err }},
		{"Direction", []textEnum{HigherIsLoyal, LowerIsLoyal}, Direction(0), func(b []byte) (textEnum, error) { var v Direction; err := v.UnmarshalText(b); return v, err }},
		{"Relationship", []textEnum{Basic, Reactive, Accountable, Proactive, Partnership}, Relationship(0), func(b []byte) (textEnum, error) { var v Relationship; err := v.UnmarshalText(b); return v, err }},
		{"Margin", []textEnum{HighMargin, MediumMargin, LowMargin}, Margin(0), func(b []byte) (textEnum, error) { var v Margin; err := v.UnmarshalText(b); return v, err }},
		{"CustomerCount", []textEnum{ManyCustomers, MediumCustomers, FewCustomers}, CustomerCount(0), func(b []byte) (textEnum, error) { var v CustomerCount; err := v.UnmarshalText(b); return v, err }},
		{"SurveyMethod", []textEnum{InDepthInterview, FocusGroup, Telephone, MailQuestionnaire, HomeVisit, MysteryShopper}, SurveyMethod(0), func(b []byte) (textEnum, error) { var v SurveyMethod; err := v.UnmarshalText(b); return v, err }},
		{"Allocation", []textEnum{Proportional, Neyman}, Allocation(5), func(b []byte) (textEnum, error) { var v Allocation; err := v.UnmarshalText(b); return v, err }},
		{"Outcome", []textEnum{NotHandled, HandledVerySatisfied}, Outcome(0), func(b []byte) (textEnum, error) { var v Outcome; err := v.UnmarshalText(b); return v, err }},
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
			if _, err := c.bad.MarshalText(); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnknownOutcome) {
				t.Errorf("MarshalText of %v: %v, want ErrInvalid", c.bad, err)
			}
			if _, err := c.decode([]byte("no such name")); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnknownOutcome) {
				t.Errorf("unknown name: %v, want ErrInvalid", err)
			}
		})
	}
}
