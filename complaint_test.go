package csat

import (
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestOutcomeText(t *testing.T) {
	for _, o := range Outcomes() {
		for _, s := range []string{o.String(), o.Label(), o.LabelZH()} {
			if p, err := ParseOutcome(s); err != nil || p != o {
				t.Errorf("ParseOutcome(%q) = %v, %v", s, p, err)
			}
		}
		b, err := o.MarshalText()
		var back Outcome
		if err != nil || back.UnmarshalText(b) != nil || back != o {
			t.Errorf("text round trip of %v", o)
		}
	}
	_, err := ParseOutcome("处理")
	checkErr(t, err, errCheck{Is: ErrUnknownOutcome, Msg: `csat: outcome "处理": unknown complaint outcome`})
	if Outcome(0).String() != "Outcome(0)" || Outcome(9).Valid() {
		t.Error("invalid outcomes must print as such")
	}
	_, err = Outcome(0).MarshalText()
	checkErr(t, err, errCheck{Is: ErrUnknownOutcome})
}
