package plan

import (
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/internal/enum"
)

// A Relationship is the kind of relationship to build with a customer
// (franchise manual, METHOD.md §8), from least to most involved.
type Relationship uint8

// The five relationship types.
const (
	Basic       Relationship = iota + 1 // 基本型: sell and never contact again
	Reactive                            // 被动型: sell, invite the customer to call with problems
	Accountable                         // 负责型: call after the sale for fit and improvement ideas
	Proactive                           // 能动型: keep in touch with usage advice and new products
	Partnership                         // 伙伴型: work with the customer continuously on its success
)

var relationshipNames = [...]struct{ en, zh, desc string }{
	{},
	{"basic", "基本型", "sell the product and never contact the customer again"},
	{"reactive", "被动型", "sell the product and invite the customer to call with problems or comments"},
	{"accountable", "负责型", "call soon after the sale to ask whether the product meets needs, and for improvement ideas"},
	{"proactive", "能动型", "keep in touch with advice on using the product and news of new products"},
	{"partnership", "伙伴型", "work with the customer continuously on its problems and success"},
}

// Valid reports whether r is one of the five types.
func (r Relationship) Valid() bool { return r >= Basic && r <= Partnership }

// Label returns the English name ("accountable").
func (r Relationship) Label() string {
	if !r.Valid() {
		return ""
	}
	return relationshipNames[r].en
}

// LabelZH returns the Chinese name ("负责型").
func (r Relationship) LabelZH() string {
	if !r.Valid() {
		return ""
	}
	return relationshipNames[r].zh
}

// Description returns what the relationship means in practice.
func (r Relationship) Description() string {
	if !r.Valid() {
		return ""
	}
	return relationshipNames[r].desc
}

// String returns the relationship's name, as MarshalText: "accountable".
// [Relationship.LabelZH] gives "负责型".
func (r Relationship) String() string { return relationshipEnum.String(r) }

// A Margin is a tier of unit margin for [RecommendRelationship].
type Margin uint8

// Margin tiers.
const (
	HighMargin Margin = iota + 1
	MediumMargin
	LowMargin
)

// A CustomerCount is a tier of the number of customers for
// [RecommendRelationship].
type CustomerCount uint8

// Customer-count tiers.
const (
	ManyCustomers CustomerCount = iota + 1
	MediumCustomers
	FewCustomers
)

// RecommendRelationship returns the default relationship type for a unit
// margin tier and a number-of-customers tier (Kotler's relationship-level
// matrix, beyond the sources; METHOD.md §8):
//
//	                many customers  medium       few
//	high margin     accountable     proactive    partnership
//	medium margin   reactive        accountable  proactive
//	low margin      basic           reactive     accountable
//
// An unknown tier is [csat.ErrInvalid].
func RecommendRelationship(margin Margin, customers CustomerCount) (Relationship, error) {
	if margin < HighMargin || margin > LowMargin || customers < ManyCustomers || customers > FewCustomers {
		return 0, errorf(csat.ErrInvalid, "relationship: margin tier %d, customer tier %d", margin, customers)
	}
	// Each step down in margin, or up in customers, is one step less involved.
	return Relationship(int(Partnership) - int(margin-HighMargin) - int(FewCustomers-customers)), nil
}

var relationshipTexts = [...]string{1: "basic", 2: "reactive", 3: "accountable", 4: "proactive", 5: "partnership"}

// MarshalText encodes the relationship by its name ("basic", "reactive",
// "accountable", "proactive", "partnership"); an unknown value is an
// error wrapping [csat.ErrInvalid].
func (r Relationship) MarshalText() ([]byte, error) { return relationshipEnum.MarshalText(r) }

// UnmarshalText decodes a relationship name; any other text is an error
// wrapping [csat.ErrInvalid].
func (r *Relationship) UnmarshalText(text []byte) error {
	return relationshipEnum.UnmarshalText(text, r)
}

var marginTexts = [...]string{1: "high", 2: "medium", 3: "low"}

// String returns the margin's name: "high", "medium", "low".
func (m Margin) String() string { return marginEnum.String(m) }

// MarshalText encodes the margin by its name ("high", "medium", "low");
// an unknown value is an error wrapping [csat.ErrInvalid].
func (m Margin) MarshalText() ([]byte, error) { return marginEnum.MarshalText(m) }

// UnmarshalText decodes a margin name; any other text is an error
// wrapping [csat.ErrInvalid].
func (m *Margin) UnmarshalText(text []byte) error { return marginEnum.UnmarshalText(text, m) }

var customerCountTexts = [...]string{1: "many", 2: "medium", 3: "few"}

// String returns the customer count's name: "many", "medium", "few".
func (c CustomerCount) String() string { return customerCountEnum.String(c) }

// MarshalText encodes the customer count by its name ("many", "medium",
// "few"); an unknown value is an error wrapping [csat.ErrInvalid].
func (c CustomerCount) MarshalText() ([]byte, error) { return customerCountEnum.MarshalText(c) }

// UnmarshalText decodes a customer count name; any other text is an error
// wrapping [csat.ErrInvalid].
func (c *CustomerCount) UnmarshalText(text []byte) error {
	return customerCountEnum.UnmarshalText(text, c)
}

// The names of the enums of this file (the one mechanism: internal/enum).
var (
	relationshipEnum  = enum.New[Relationship]("Relationship", "relationship", csat.ErrInvalid, errorf, relationshipTexts[:]...)
	marginEnum        = enum.New[Margin]("Margin", "margin", csat.ErrInvalid, errorf, marginTexts[:]...)
	customerCountEnum = enum.New[CustomerCount]("CustomerCount", "customer count", csat.ErrInvalid, errorf, customerCountTexts[:]...)
)
