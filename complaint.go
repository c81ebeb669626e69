package csat

import (
	"github.com/csatkit/csat/internal/enum"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// An Outcome is how a complaint ended (投诉处理结果), METHOD.md §5.4. The
// zero value is not an outcome: a complaint must say how it ended, even if
// only [NotHandled].
type Outcome uint8

// The six outcomes of the method, worst first.
const (
	NotHandled                Outcome = iota + 1 // 投诉未处理
	HandledDissatisfied                          // 处理，客户不满意
	HandledNotVerySatisfied                      // 处理，客户不太满意
	HandledBasicallySatisfied                    // 处理，客户基本满意
	HandledSatisfied                             // 处理，客户满意
	HandledVerySatisfied                         // 处理，客户很满意
)

// Outcomes lists the six outcomes, worst first.
func Outcomes() []Outcome {
	return []Outcome{NotHandled, HandledDissatisfied, HandledNotVerySatisfied,
		HandledBasicallySatisfied, HandledSatisfied, HandledVerySatisfied}
}

var outcomeNames = [...]struct{ key, en, zh string }{
	{},
	{"not_handled", "not handled", "投诉未处理"},
	{"handled_dissatisfied", "handled, customer dissatisfied", "处理，客户不满意"},
	{"handled_not_very_satisfied", "handled, customer not very satisfied", "处理，客户不太满意"},
	{"handled_basically_satisfied", "handled, customer basically satisfied", "处理，客户基本满意"},
	{"handled_satisfied", "handled, customer satisfied", "处理，客户满意"},
	{"handled_very_satisfied", "handled, customer very satisfied", "处理，客户很满意"},
}

// Valid reports whether o is one of the six outcomes.
func (o Outcome) Valid() bool { return o >= NotHandled && o <= HandledVerySatisfied }

// Handled reports whether the complaint was handled (any outcome but
// [NotHandled]).
func (o Outcome) Handled() bool { return o.Valid() && o != NotHandled }

// Label returns the English label, e.g. "handled, customer satisfied".
func (o Outcome) Label() string {
	if !o.Valid() {
		return ""
	}
	return outcomeNames[o].en
}

// LabelZH returns the Chinese label, e.g. "处理，客户满意".
func (o Outcome) LabelZH() string {
	if !o.Valid() {
		return ""
	}
	return outcomeNames[o].zh
}

// String returns the outcome's key, as MarshalText: "handled_satisfied";
// [Outcome.Label] and [Outcome.LabelZH] give the labels.
func (o Outcome) String() string { return outcomeEnum.String(o) }

// ParseOutcome returns the outcome whose key, English or Chinese label is
// s; anything else is [ErrUnknownOutcome].
func ParseOutcome(s string) (Outcome, error) {
	if o, err := outcomeEnum.Parse(s); err == nil {
		return o, nil
	}
	for _, o := range Outcomes() {
		if n := outcomeNames[o]; s == n.en || s == n.zh {
			return o, nil
		}
	}
	return 0, errorf(ErrUnknownOutcome, "outcome %q", s)
}

// MarshalText encodes the outcome as its key; the zero or an unknown
// outcome is an error wrapping [ErrUnknownOutcome].
func (o Outcome) MarshalText() ([]byte, error) { return outcomeEnum.MarshalText(o) }

// UnmarshalText decodes a key or label, as [ParseOutcome].
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := ParseOutcome(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}

// A Complaint is one formal complaint (投诉) of a customer.
//
// Times are optional for the per-customer score, which needs only the
// outcome; complaint figures
// ([github.com/csatkit/csat/analysis.Complaints]) need Received, and a
// zero Resolved means the complaint is still open.
type Complaint struct {
	ID            string    // unique id, required
	Customer      string    // the complaining customer's id
	Received      time.Time // when the complaint came in
	FirstResponse time.Time // first response to the customer; zero if none yet
	Resolved      time.Time // when it was closed; zero while open
	Channel       string    // where it came in: phone, e-mail, visit, …
	Category      string    // what it is about: quality, delivery, service, …
	Outcome       Outcome   // how it ended
}

// Open reports whether the complaint has not been resolved.
func (c Complaint) Open() bool { return c.Resolved.IsZero() }

// Complaint times lie in [1900-01-01, 2150-01-01) UTC: a time outside is
// a typing error (year 0026 for 2026), and the span between two such
// times stays below the 292 years a [time.Duration] can hold, so no age
// or delay is silently capped.
var (
	minComplaintTime = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxComplaintTime = time.Date(2150, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkTime returns an error wrapping [ErrOutOfRange], naming what, when
// t is set but outside the range complaint times may take,
// [1900-01-01, 2150-01-01) UTC.
func (c Complaint) checkTime(what string, t time.Time) error {
	if !t.IsZero() && (t.Before(minComplaintTime) || !t.Before(maxComplaintTime)) {
		return errorf(ErrOutOfRange, "complaint %s: %s %s outside %s to %s", quoteShort(c.ID), what,
			t.Format(time.RFC3339), minComplaintTime.Format(time.DateOnly), maxComplaintTime.Format(time.DateOnly))
	}
	return nil
}

// Validate checks one complaint: a non-empty UTF-8 id ([ErrInvalid]), a
// valid outcome ([ErrUnknownOutcome]), times from 1900-01-01 up to
// (excluding) 2150-01-01 UTC ([ErrOutOfRange]), times in order
// ([ErrBadTimes], naming both times), and no resolution time on a
// [NotHandled] complaint ([ErrInvalid]).
func (c Complaint) Validate() error {
	if !utf8.ValidString(c.ID) {
		return errorf(ErrInvalid, "complaint: id %s must be UTF-8", quoteShort(c.ID))
	}
	if !c.Outcome.Valid() {
		return errorf(ErrUnknownOutcome, "complaint %q: outcome %d", c.ID, c.Outcome)
	}
	for _, t := range [...]struct {
		what string
		t    time.Time
	}{{"received", c.Received}, {"first response", c.FirstResponse}, {"resolved", c.Resolved}} {
		if err := c.checkTime(t.what, t.t); err != nil {
			return err
		}
	}
	check := func(what string, early, late time.Time) error {
		if !early.IsZero() && !late.IsZero() && late.Before(early) {
			return errorf(ErrBadTimes, "complaint %q: %s %s is before %s", c.ID, what,
				late.Format(time.RFC3339), early.Format(time.RFC3339))
		}
		return nil
	}
	if err := check("first response", c.Received, c.FirstResponse); err != nil {
		return err
	}
	if err := check("resolution", c.Received, c.Resolved); err != nil {
		return err
	}
	if err := check("resolution", c.FirstResponse, c.Resolved); err != nil {
		return err
	}
	if !c.Resolved.IsZero() && !c.Outcome.Handled() {
		return errorf(ErrInvalid, "complaint %q: resolved but outcome is %s", c.ID, c.Outcome)
	}
	return nil
}

// validateComplaints validates each complaint and rejects repeated ids.
func validateComplaints(cs []Complaint) error {
	seen := make(map[string]bool, len(cs))
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			return err
		}
		if c.ID != "" && seen[c.ID] {
			return errorf(ErrDuplicate, "complaint id %q given twice", c.ID)
		}
		seen[c.ID] = true
	}
	return nil
}

// Adjustments is the table of score adjustments per complaint outcome
// (METHOD.md §5.4). It is a value; [DefaultAdjustments] returns the
// method's table, [NewAdjustments] validates another.
type Adjustments struct {
	delta [len(outcomeNames)]decimal.Decimal
	set   bool
}

// DefaultAdjustments returns the method's table:
//
//	投诉未处理 not handled                 −5
//	处理，客户不满意 dissatisfied           −5
//	处理，客户不太满意 not very satisfied   −3
//	处理，客户基本满意 basically satisfied  −1
//	处理，客户满意 satisfied                 0
//	处理，客户很满意 very satisfied         +2
func DefaultAdjustments() Adjustments {
	a, _ := NewAdjustments(map[Outcome]decimal.Decimal{
		NotHandled: w(-5), HandledDissatisfied: w(-5), HandledNotVerySatisfied: w(-3),
		HandledBasicallySatisfied: w(-1), HandledSatisfied: w(0), HandledVerySatisfied: w(2),
	})
	return a
}

// NewAdjustments returns a table with the given adjustment for each of
// the six outcomes; a missing outcome is [ErrMissing], an invalid one
// [ErrUnknownOutcome].
func NewAdjustments(m map[Outcome]decimal.Decimal) (Adjustments, error) {
	var a Adjustments
	for o := range m {
		if !o.Valid() {
			return Adjustments{}, errorf(ErrUnknownOutcome, "adjustments: outcome %d", o)
		}
	}
	for _, o := range Outcomes() {
		d, ok := m[o]
		if !ok {
			return Adjustments{}, errorf(ErrMissing, "adjustments: no adjustment for %s", o)
		}
		a.delta[o] = d
	}
	a.set = true
	return a, nil
}

// Of returns the adjustment for outcome o (the default table's if a is
// the zero value); an invalid outcome is [ErrUnknownOutcome].
func (a Adjustments) Of(o Outcome) (decimal.Decimal, error) {
	if !o.Valid() {
		return decimal.Zero, errorf(ErrUnknownOutcome, "outcome %d", o)
	}
	if !a.set {
		a = DefaultAdjustments()
	}
	return a.delta[o], nil
}

// outcomeEnum names the outcomes by their keys (the one mechanism:
// internal/enum).
var outcomeEnum = enum.New[Outcome]("Outcome", "outcome", ErrUnknownOutcome, errorf,
	"", outcomeNames[1].key, outcomeNames[2].key, outcomeNames[3].key,
	outcomeNames[4].key, outcomeNames[5].key, outcomeNames[6].key)
