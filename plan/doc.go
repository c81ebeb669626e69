// Package plan plans customer-satisfaction surveys the way the franchise
// manual's procedure asks (METHOD.md §9), for the quality manager who
// runs them: who is surveyed and when, how many forms are needed, how
// they are split over sub-groups, and which customers are asked. The
// survey's answers are then scored by package csat.
//
// # The plan and its rules
//
// The procedure: define who is surveyed (current, past and potential
// customers), build and check the list, decide between a census and a
// sample and how to sample, and form sub-groups by customer size, sales
// volume, region or industry.
//
// Each regular survey must return at least 100 forms, and at least 10
// competitor forms (customers rating a competitor on the same form); key
// customers 重点客户 must all be surveyed. A [Plan] lists the period, the
// sub-groups ([Stratum]: by customer size, sales volume, region or
// industry), the key customers, the respondents, the [Method] (深度访谈,
// 焦点小组, 电话调查, 邮寄问卷, 走访, 神秘顾客 — the PVC write-up trusts visits
// more than mail questionnaires, where people answer "all fine") and the
// forms planned. [Plan.Check] reports every violation of the [Rules] at
// once, each matchable with [errors.Is]: [ErrTooFewForms],
// [ErrTooFewCompetitorForms], [ErrKeyCustomerMissing].
//
// # How many forms
//
// Beyond the sources, [Cochran] sizes a sample for a rate p with margin
// of error e at a confidence level, corrected for a population of N
// customers:
//
//	n₀ = z²·p(1−p)/e²
//	n  = n₀ / (1 + (n₀ − 1)/N), rounded up
//
// With N 2000, e 5%, p 0.5 and 95% (z 1.96): n₀ = 384.16, n =
// 384.16/1.19158 = 322.3954… → 323 forms. Every figure is an exact
// [csat.Result] that explains itself; only the final n is rounded, up.
//
// # Which sub-groups, which customers
//
// [Allocate] splits the forms over the strata, in proportion to their
// size ([Proportional]: 1000, 600, 400 customers get 161, 97, 65 of 323)
// or, where satisfaction varies more, by [Neyman] allocation; the parts
// sum to exactly n and no stratum gets more forms than it has customers.
// [Draw] picks the respondents from a customer list, reproducibly from a
// seed: the same list, in any order, and the same seed always give the
// same customers.
//
// # Relationships and the survey calendar
//
// The manual's five relationship types, from 基本型 (sell and never
// contact again) to 伙伴型 (work with the customer continuously), are
// [Relationship] values; [RecommendRelationship] suggests one by unit
// margin and number of customers (Kotler's matrix: high margin and few
// customers → partnership). [Schedule] lists when each customer graded
// by [csat.ABC] (or any [csat.Segmenter]) is next due: key customers —
// class A, or flagged — every quarter, others every half year, in
// calendar months that stop at the month's end (30 November + 3 months =
// 28 or 29 February).
//
// # Errors
//
// As in csat, errors start with "csat: " and wrap a sentinel: the plan
// violations above, or one of csat's ([csat.ErrInvalid],
// [csat.ErrOutOfRange], …); a customer's error is a [*csat.Error] of Part "customer".
// Everything is deterministic: no clock, no random numbers, ties broken
// by id.
package plan
