package analysis

import (
	"strconv"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
)

// A CautionKind says what a [Caution] is about.
type CautionKind uint8

const (
	// CautionCompetitor says a competitor comparison of Subject (an item, ""
	// overall) rests on N[0] survey and N[1] competitor answers, fewer
	// than Limit on one side.
	CautionCompetitor CautionKind = iota + 1
	// CautionDissatisfaction says a main area of dissatisfaction, Subject,
	// rests on N[0] dissatisfied of N[1] survey answers, fewer than Limit.
	CautionDissatisfaction
	// CautionGroupSmall says the Values of dimension Subject have N forms
	// each, fewer than Limit: shown, flagged as small samples.
	CautionGroupSmall
	// CautionGroupSuppressed says the Values of dimension Subject have N
	// forms each, fewer than Limit (or fewer than 2 answers): not shown.
	CautionGroupSuppressed
	// CautionUnplanned says stratum Values[0] of dimension Subject returned
	// N[0] forms but was sent none: outside the response rates.
	CautionUnplanned
	// CautionNoStratum says N[0] returned forms have no value of dimension
	// Subject: outside the response rates.
	CautionNoStratum
	// CautionEmptyForms says N[0] survey forms answered no item (every
	// item blank): returned, but outside every figure, group and rate.
	CautionEmptyForms
	// CautionNoValue says N[0] answered survey forms have no value of
	// dimension Subject: outside its breakdown.
	CautionNoValue
	// CautionUnderMinimum says stratum Values[0] of dimension Subject
	// returned N[0] forms, fewer than the plan's minimum Limit.
	CautionUnderMinimum
	// CautionNoAction says item Subject, N[0]-th of the quadrant's
	// fix-first list (修补区), has no corrective action in the report: a
	// corrective action to plan, with an owner.
	CautionNoAction
	// CautionNoCorrelation says the report has no Spearman ρ of degree
	// and complaints: N[0] surveyed customers (fewer than Limit), or N[1]
	// distinct degrees or N[2] distinct complaint counts (fewer than 2:
	// nothing to rank).
	CautionNoCorrelation
	// CautionChurnSmall says the statuses Values (active, lost) have N
	// customers each, fewer than Limit: shown, but active is not tested
	// against lost.
	CautionChurnSmall
)

var cautionNames = [...]string{
	CautionCompetitor: "competitor", CautionDissatisfaction: "dissatisfaction", CautionGroupSmall: "group_small",
	CautionGroupSuppressed: "group_suppressed", CautionUnplanned: "unplanned", CautionNoStratum: "no_stratum",
	CautionUnderMinimum: "under_minimum", CautionEmptyForms: "empty_forms", CautionNoValue: "no_value",
	CautionNoAction: "no_action", CautionNoCorrelation: "no_correlation", CautionChurnSmall: "churn_small",
}

var cautionEnum = enum.New[CautionKind]("CautionKind", "caution kind", csat.ErrInvalid, errorf, cautionNames[:]...)

// String returns the kind's name ("competitor", "group_small", …).
func (k CautionKind) String() string { return cautionEnum.String(k) }

// MarshalText encodes the kind by its name; the zero or an unknown value
// is an error wrapping [csat.ErrInvalid].
func (k CautionKind) MarshalText() ([]byte, error) { return cautionEnum.MarshalText(k) }

// UnmarshalText decodes a kind's name; any other text is an error
// wrapping [csat.ErrInvalid].
func (k *CautionKind) UnmarshalText(text []byte) error { return cautionEnum.UnmarshalText(text, k) }

// A Caution says that a figure of the report rests on a small sample, or
// that the fieldwork fell short of the plan, with its numbers (METHOD.md
// §12): plain data, so that each output words it in its own language.
// Every caution is also visible where its figure is (a flag beside a
// group, an n beside a finding); [Caution.String] words it in English.
type Caution struct {
	Kind CautionKind `json:"kind"`
	// Subject is the item (CautionCompetitor, CautionDissatisfaction: ""
	// is the overall figure; CautionNoAction), nothing (CautionEmptyForms
	// and the churn kinds) or the dimension (the others).
	Subject string   `json:"subject"`
	Values  []string `json:"values,omitempty"`
	// N are the numbers, as each kind says.
	N []uint64 `json:"n"`
	// Limit is the threshold not reached: the small sample, the
	// suppression limit or the plan's minimum.
	Limit uint64 `json:"limit,omitempty"`
	// Significant says a competitor comparison found a difference.
	Significant bool `json:"significant,omitempty"`
}

// String words the caution in English.
func (c Caution) String() string {
	n := func(i int) string {
		if i < len(c.N) {
			return strconv.FormatUint(c.N[i], 10)
		}
		return "?"
	}
	lim := strconv.FormatUint(c.Limit, 10)
	values := func() string {
		parts := make([]string, len(c.Values))
		for i, v := range c.Values {
			parts[i] = v + " (" + n(i) + " forms)"
		}
		return strings.Join(parts, ", ")
	}
	v0 := ""
	if len(c.Values) > 0 {
		v0 = c.Values[0]
	}
	switch c.Kind {
	case CautionCompetitor:
		verdict := "no significant difference"
		if c.Significant {
			verdict = "a significant difference"
		}
		return "small sample: competitor comparison of " + itemName(c.Subject) + " (" + verdict + ") rests on " +
			n(0) + " survey and " + n(1) + " competitor answers, fewer than " + lim
	case CautionDissatisfaction:
		return "small sample: dissatisfaction with " + itemName(c.Subject) + " rests on " + n(0) + " dissatisfied of " + n(1) +
			" survey answers, fewer than " + lim
	case CautionGroupSmall:
		return c.Subject + ": small sample, fewer than " + lim + " forms: " + values()
	case CautionGroupSuppressed:
		return c.Subject + ": suppressed, fewer than " + lim + " forms or 2 answers: " + values()
	case CautionUnplanned:
		return "response rate: " + n(0) + " survey forms of " + c.Subject + " " + v0 + ", a stratum the plan sent nothing to, are outside the rates"
	case CautionNoStratum:
		return "response rate: " + n(0) + " survey forms without a value of " + c.Subject + " are outside the rates"
	case CautionEmptyForms:
		return "forms: " + n(0) + " survey forms answered no item (every item blank): outside every figure, group and rate"
	case CautionNoValue:
		return c.Subject + ": " + n(0) + " answered survey forms have no value: outside its breakdown"
	case CautionUnderMinimum:
		return "response rate: " + c.Subject + " " + v0 + " returned " + n(0) + " forms, fewer than the plan's minimum of " + lim
	case CautionNoAction:
		return "fix first: " + c.Subject + " (no. " + n(0) + " of the fix-first list) has no corrective action: plan one, with an owner"
	case CautionNoCorrelation:
		return "no Spearman ρ of degree and complaints: " + n(0) + " surveyed customers (at least " + lim + " needed), " +
			n(1) + " distinct degrees, " + n(2) + " distinct complaint counts (at least 2 of each needed)"
	case CautionChurnSmall:
		parts := make([]string, len(c.Values))
		for i, v := range c.Values {
			parts[i] = v + " (" + n(i) + " customers)"
		}
		return "churn: fewer than " + lim + " customers, active not tested against lost: " + strings.Join(parts, ", ")
	}
	return "caution " + c.Kind.String()
}

// check reports whether a decoded caution is well formed: a known kind
// with its numbers.
func (c Caution) check() bool {
	want := map[CautionKind]int{CautionCompetitor: 2, CautionDissatisfaction: 2, CautionUnplanned: 1, CautionNoStratum: 1, CautionUnderMinimum: 1,
		CautionEmptyForms: 1, CautionNoValue: 1}
	switch c.Kind {
	case CautionGroupSmall, CautionGroupSuppressed:
		return c.Subject != "" && len(c.Values) > 0 && len(c.Values) == len(c.N)
	case CautionUnplanned, CautionUnderMinimum:
		return c.Subject != "" && len(c.Values) == 1 && len(c.N) == 1
	case CautionNoAction:
		return c.Subject != "" && len(c.Values) == 0 && len(c.N) == 1 && c.N[0] > 0
	case CautionNoCorrelation:
		return c.Subject == "" && len(c.Values) == 0 && len(c.N) == 3
	case CautionChurnSmall:
		return c.Subject == "" && len(c.Values) > 0 && len(c.Values) == len(c.N)
	}
	k, ok := want[c.Kind]
	return ok && len(c.N) == k && len(c.Values) == 0
}
