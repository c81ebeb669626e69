package analysis

import (
	"github.com/csatkit/csat"
	"github.com/shopspring/decimal"
)

// ChurnOptions configures [Churn]. The zero value (or nil) means the
// defaults.
type ChurnOptions struct {
	// Source is the source whose answers give each customer's degree;
	// "" means [csat.SourceSurvey].
	Source string
	// Alpha is the significance level of the tests (zero: 0.05).
	Alpha decimal.Decimal
	// MinSample is the sample-size rule (zero fields: 30 and 5), applied
	// to customers: a status with fewer customers than Suppress is not
	// tested, and no rank correlation is computed on fewer.
	MinSample MinSample
}

// A ChurnCustomer is one surveyed customer: its answers pooled over
// every item and form, its degree, its complaints and its status.
type ChurnCustomer struct {
	Customer string `json:"customer"`
	Answers  uint64 `json:"answers"`
	// Counts are the answers per level, in the order of the scale's
	// levels.
	Counts []uint64 `json:"counts"`
	// Degree is the satisfaction degree of the customer's answers.
	Degree csat.Result `json:"degree"`
	// Complaints is the number of the period's complaints by the
	// customer.
	Complaints uint64 `json:"complaints"`
	// Status is the customer's standing (正常, 风险, 流失).
	Status csat.Status `json:"status"`
}

// A StatusFigure is the mean degree of the surveyed customers of one
// status, each customer counting once.
type StatusFigure struct {
	Status    csat.Status `json:"status"`
	Customers uint64      `json:"customers"`
	// Mean is the exact mean of the customers' degrees; absent without
	// customers.
	Mean *csat.Result `json:"mean,omitempty"`
	// Sample flags the status by the sample-size rule on its customers:
	// suppressed (fewer than MinSample.Suppress) means shown but not
	// tested.
	Sample SampleFlag `json:"sample"`
}

// A RankCorrelation is Spearman's rank correlation of two per-customer
// figures (the degree and the complaint count), ties given their average
// rank, with its two-sided test against ρ = 0.
type RankCorrelation struct {
	// N is the number of customers.
	N uint64 `json:"n"`
	// RhoSquared is ρ², exact: the squared Pearson correlation of the
	// ranks.
	RhoSquared csat.Result `json:"rho_squared"`
	// Rho is ρ = ±√ρ², with the sign of the ranks' covariance: exact
	// when ρ² is the square of a fraction, otherwise rounded once to
	// [csat.Precision] places and marked inexact.
	Rho csat.Result `json:"rho"`
	// T is ρ√((n − 2)/(1 − ρ²)) to Precision places (zero when ρ² is
	// 1), DF = n − 2.
	T  decimal.Decimal `json:"t"`
	DF uint64          `json:"df"`
	// PValue is the two-sided p-value from Student's t with DF degrees
	// of freedom, I_{1−ρ²}(DF/2, 1/2), to Precision places.
	PValue decimal.Decimal `json:"p_value"`
	Alpha  decimal.Decimal `json:"alpha"`
	// Significant is PValue < Alpha.
	Significant bool `json:"significant"`
}

// ChurnFigures relate satisfaction to complaints and to churn, customer
// by customer (METHOD.md §12, 相关性): Spearman's ρ of the degree with the
// complaint count, the mean degree per status, and Welch's t test of the
// active customers against the lost — "the customers we lost rated us
// Lost's mean, those we kept Active's".
type ChurnFigures struct {
	Source string `json:"source"`
	// Customers are the surveyed customers, by id in byte order.
	Customers []ChurnCustomer `json:"customers"`
	// Presumed counts the surveyed customers without a status, counted
	// active.
	Presumed uint64 `json:"presumed,omitempty"`
	// OutsideCustomers counts the customers with a status but no survey
	// answers; OutsideComplaints the complaints of customers without
	// survey answers (or without a customer id): outside the figures.
	OutsideCustomers  uint64 `json:"outside_customers,omitempty"`
	OutsideComplaints uint64 `json:"outside_complaints,omitempty"`
	// Spearman is the rank correlation of degree and complaints; absent
	// with fewer customers than the suppression limit, or when every
	// customer has the same degree or the same number of complaints
	// (a caution says which).
	Spearman *RankCorrelation `json:"spearman,omitempty"`
	// Statuses are the figures of active, at-risk and lost customers, in
	// that order, always all three.
	Statuses []StatusFigure `json:"statuses"`
	// Test is Welch's t test of the active customers' degrees against
	// the lost customers' (Ours active, Theirs lost); absent when either
	// status is suppressed (a caution says so).
	Test *Comparison `json:"test,omitempty"`
}
