package plan

import (
	"errors"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
	"github.com/shopspring/decimal"
)

// A Method is how a survey is carried out (METHOD.md §9).
type Method uint8

// Survey methods; the PVC write-up trusts visits more than mail
// questionnaires (people answer "all fine").
const (
	InDepthInterview  Method = iota + 1 // 深度访谈
	FocusGroup                          // 焦点小组
	Telephone                           // 电话调查
	MailQuestionnaire                   // 邮寄问卷
	HomeVisit                           // 走访
	MysteryShopper                      // 神秘顾客
)

// A Stratum is a sub-group of the population surveyed (by customer size,
// sales volume, region or industry): its name, its size and, for Neyman
// allocation, the spread (standard deviation) of satisfaction in it.
type Stratum struct {
	Name       string
	Population int
	StdDev     decimal.Decimal
}

// A Plan is a regular survey's plan.
type Plan struct {
	Period string
	// Dimension says what the strata divide by: "customer size", "sales
	// volume", "region", "industry".
	Dimension string
	Strata    []Stratum
	// KeyCustomers 重点客户 must all be among Respondents.
	KeyCustomers []string
	Respondents  []string
	Method       Method
	// PlannedForms and PlannedCompetitorForms are the returned forms
	// planned.
	PlannedForms, PlannedCompetitorForms int
}

// Rules are the method's minimums; zero fields mean 100 forms and 10
// competitor forms.
type Rules struct {
	MinForms, MinCompetitorForms int
}

// Check validates the plan against the rules (nil: the method's) and
// returns every violation joined ([errors.Join]), each wrapping its own
// sentinel ([ErrTooFewForms], [ErrTooFewCompetitorForms],
// [ErrKeyCustomerMissing], [csat.ErrInvalid] for a malformed plan), or
// nil.
func (p Plan) Check(rules *Rules) error {
	var r Rules
	if rules != nil {
		r = *rules
	}
	if r.MinForms == 0 {
		r.MinForms = 100
	}
	if r.MinCompetitorForms == 0 {
		r.MinCompetitorForms = 10
	}
	var errs []error
	if p.PlannedForms < r.MinForms {
		errs = append(errs, errorf(ErrTooFewForms, "plan %q: %d forms planned, at least %d needed", p.Period, p.PlannedForms, r.MinForms))
	}
	if p.PlannedCompetitorForms < r.MinCompetitorForms {
		errs = append(errs, errorf(ErrTooFewCompetitorForms, "plan %q: %d competitor forms planned, at least %d needed", p.Period, p.PlannedCompetitorForms, r.MinCompetitorForms))
	}
	resp := map[string]bool{}
	for _, id := range p.Respondents {
		resp[id] = true
	}
	for _, k := range p.KeyCustomers {
		if !resp[k] {
			errs = append(errs, errorf(ErrKeyCustomerMissing, "plan %q: key customer %q is not a respondent", p.Period, k))
		}
	}
	if p.Method < InDepthInterview || p.Method > MysteryShopper {
		errs = append(errs, errorf(csat.ErrInvalid, "plan %q: survey method %d", p.Period, p.Method))
	}
	seen := map[string]bool{}
	for _, s := range p.Strata {
		if s.Name == "" || seen[s.Name] || s.Population < 0 {
			errs = append(errs, errorf(csat.ErrInvalid, "plan %q: stratum %q empty, repeated or negative", p.Period, s.Name))
		}
		seen[s.Name] = true
	}
	return errors.Join(errs...)
}

var methodTexts = [...]string{1: "in_depth_interview", 2: "focus_group", 3: "telephone", 4: "mail_questionnaire", 5: "home_visit", 6: "mystery_shopper"}

// String returns the survey method's name: "in_depth_interview",
// "focus_group", "telephone", "mail_questionnaire", "home_visit",
// "mystery_shopper".
func (m Method) String() string { return methodEnum.String(m) }

// MarshalText encodes the survey method by its name
// ("in_depth_interview", "focus_group", "telephone",
// "mail_questionnaire", "home_visit", "mystery_shopper"); an unknown
// value is an error wrapping [csat.ErrInvalid].
func (m Method) MarshalText() ([]byte, error) { return methodEnum.MarshalText(m) }

// UnmarshalText decodes a survey method name; any other text is an error
// wrapping [csat.ErrInvalid].
func (m *Method) UnmarshalText(text []byte) error { return methodEnum.UnmarshalText(text, m) }

// methodEnum names the survey methods (the one mechanism: internal/enum).
var methodEnum = enum.New[Method]("Method", "survey method", csat.ErrInvalid, errorf, methodTexts[:]...)
