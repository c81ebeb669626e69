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

// sampleComplaints: a period of five complaints, worked by hand in
// TestComplaintFigures.
func sampleComplaints() []Complaint {
	return []Complaint{
		{ID: "A", Customer: "X", Received: at("2026-06-01 09:00"), FirstResponse: at("2026-06-01 10:00"), Resolved: at("2026-06-01 21:00"), Outcome: HandledVerySatisfied},
		{ID: "B", Customer: "Y", Received: at("2026-06-02 09:00"), FirstResponse: at("2026-06-02 13:00"), Resolved: at("2026-06-04 10:00"), Outcome: HandledBasicallySatisfied},
		{ID: "C", Customer: "X", Received: at("2026-06-10 08:00"), FirstResponse: at("2026-06-10 09:30"), Resolved: at("2026-06-11 08:00"), Outcome: HandledSatisfied},
		{ID: "D", Customer: "Z", Received: at("2026-06-25 00:00"), Outcome: NotHandled},
		{ID: "E", Customer: "W", Received: at("2026-06-20 00:00"), FirstResponse: at("2026-06-21 00:00"), Resolved: at("2026-06-24 12:00"), Outcome: HandledDissatisfied},
	}
}

var periodEnd = at("2026-06-30 00:00")

func TestOutcomeText(t *testing.T) {
	for _, o := range Outcomes() {
		for _, s := range []string{o.Key(), o.Label(), o.LabelZH()} {
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
	if Outcome(0).String() != "Outcome(0)" || Outcome(0).Key() != "" || Outcome(9).Valid() {
		t.Error("invalid outcomes must print as such")
	}
	_, err = Outcome(0).MarshalText()
	checkErr(t, err, errCheck{Is: ErrUnknownOutcome})
}
