package csat

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
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

func TestComplaintErrors(t *testing.T) {
	one := func(change func(*Complaint)) []Complaint {
		cs := sampleComplaints()
		change(&cs[0])
		return cs
	}
	nd := decimal.NewNullDecimal
	cases := []struct {
		name string
		cs   []Complaint
		opts ComplaintOptions
		want errCheck
	}{
		{"none", nil, ComplaintOptions{AsOf: periodEnd}, errCheck{ErrEmpty, `csat: complaints: none given: no data`}},
		{"resolved before received", one(func(c *Complaint) { c.Resolved = at("2026-05-31 09:00"); c.FirstResponse = time.Time{} }), ComplaintOptions{AsOf: periodEnd},
			errCheck{ErrBadTimes, `csat: complaint "A": resolution 2026-05-31T09:00:00Z is before 2026-06-01T09:00:00Z: complaint times out of order`}},
		{"negative response time", one(func(c *Complaint) { c.FirstResponse = at("2026-06-01 08:00") }), ComplaintOptions{AsOf: periodEnd},
			errCheck{ErrBadTimes, `csat: complaint "A": first response 2026-06-01T08:00:00Z is before 2026-06-01T09:00:00Z: complaint times out of order`}},
		{"unknown outcome", one(func(c *Complaint) { c.Outcome = 7 }), ComplaintOptions{AsOf: periodEnd},
			errCheck{ErrUnknownOutcome, `csat: complaint "A": outcome 7: unknown complaint outcome`}},
		{"duplicate id", append(sampleComplaints(), sampleComplaints()[1]), ComplaintOptions{AsOf: periodEnd},
			errCheck{ErrDuplicate, `csat: complaint id "B" given twice: duplicate`}},
		{"empty id", one(func(c *Complaint) { c.ID = "" }), ComplaintOptions{AsOf: periodEnd}, errCheck{ErrMissing, ""}},
		{"no customer", one(func(c *Complaint) { c.Customer = "" }), ComplaintOptions{AsOf: periodEnd}, errCheck{ErrMissing, `csat: complaint "A": no customer: missing value`}},
		{"no received", one(func(c *Complaint) { c.Received = time.Time{} }), ComplaintOptions{AsOf: periodEnd}, errCheck{ErrMissing, `csat: complaint "A": no received time: missing value`}},
		{"handled without resolution", one(func(c *Complaint) { c.Resolved = time.Time{} }), ComplaintOptions{AsOf: periodEnd},
			errCheck{ErrMissing, `csat: complaint "A": outcome handled_very_satisfied but no resolution time: missing value`}},
		{"resolved but not handled", one(func(c *Complaint) { c.Outcome = NotHandled }), ComplaintOptions{AsOf: periodEnd},
			errCheck{ErrInvalid, `csat: complaint "A": resolved but outcome is not_handled: invalid argument`}},
		{"open without AsOf", sampleComplaints(), ComplaintOptions{}, errCheck{ErrMissing, `csat: complaint "D" is open: ComplaintOptions.AsOf is required: missing value`}},
		{"after period", sampleComplaints(), ComplaintOptions{AsOf: at("2026-06-24 00:00")}, errCheck{ErrBadTimes, ""}},
		{"negative limit", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, Limit: -time.Hour}, errCheck{ErrNegative, ""}},
		{"shares", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, FormalShare: nd(dec("0.1"))},
			errCheck{ErrWeightsMismatch, `csat: complaints: formal, voice and silent shares sum to 1.05, not 1: weights do not add up`}},
		{"rate above 1", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, LossPerDay: nd(dec("1.5"))},
			errCheck{ErrOutOfRange, `csat: complaints: loss per day 1.5 outside 0..1: value out of range`}},
		{"zero formal", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, FormalShare: nd(dec("0")), VoiceShare: nd(dec("0.4"))}, errCheck{ErrInvalid, ""}},
		{"negative mouth", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, WordOfMouth: nd(dec("-1"))}, errCheck{ErrNegative, ""}},
		{"loss model", sampleComplaints(), ComplaintOptions{AsOf: periodEnd, Loss: 5}, errCheck{ErrInvalid, ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := AnalyzeComplaints(c.cs, &c.opts)
			checkErr(t, err, c.want)
		})
	}
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
