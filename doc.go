// Package csat measures customer satisfaction (顾客满意度) the way
// quality-management systems (ISO 9000, GB/T 19580) do it: survey forms
// on a five-level scale, a satisfaction degree and rate, a blend of the
// sales staff's self-assessment with the customers' survey, hierarchical
// item weights, and more — exactly, in decimals, with every result able to
// say how it was reached.
//
// This documentation follows the method in order. Every figure below is a
// worked example of the method and is checked by the package's tests.
//
// # Scales
//
// A [Scale] is data: ordered levels, each with a key, an English and a
// Chinese label, points, whether it counts as satisfied, and, on a banded
// scale, its score band. Two scales are predefined. [FivePoint] is the
// procedure document's point scale:
//
//	很满意 very satisfied        10
//	满意   satisfied              8
//	基本满意 basically satisfied   6   ← satisfied for the rate from here up
//	不满意 dissatisfied           4
//	很不满意 very dissatisfied     2
//
// [PVCBands] is the PVC write-up's 0–100 scale with five bands, lower
// edges inclusive (our reading of the source, which leaves shared edges
// open): [90,100] 很满意, [70,90) 满意, [60,70) 比较满意, [40,60) 比较不满意,
// [20,40) 不满意 — and below 20 is still 不满意. Each band's representative
// point is its midpoint (95, 80, 65, 50, 30). Decisions use exact values:
// 69.996 is 比较满意 even though it prints as 70.00.
//
// Define your own with [NewScale] (a 7-point scale, 1–10, 0–10 for NPS);
// it rejects duplicate keys, negative points and bands with gaps or
// overlaps. Look a level up with [Scale.Index] (key, English or Chinese
// label), [Scale.IndexOfPoints] or [Scale.IndexOfScore].
//
// # Tallies
//
// The method's survey figures depend only on how many answers fell on
// each level, so csat counts, it does not store answers. A [Tally] holds
// one count per level; [Tally.Add] is a few nanoseconds and never
// allocates, [Tally.AddCodes] counts byte-coded answers in bulk faster
// than a plain counting loop, and a tally of a billion answers is as small
// and as fast to score as one of ten. [Tally.Merge] is exact, associative
// and commutative, and tallies encode to bytes or JSON and back, so shards
// can count separately and merge in any order with the same result, bit
// for bit. Counts never wrap: an overflow is [ErrOverflow].
//
// A [Table] keys tallies by item and source — the customers' survey 检查
// ([SourceSurvey]), the sales staff's self-assessment 自评 ([SourceSelf]),
// the customers' rating of a competitor ([SourceCompetitor]) — so a whole
// survey is one mergeable value. [ReadTableCSV] fills one from a file.
//
// # Satisfaction degree and rate
//
// For a set of answers on the point scale (METHOD.md §2):
//
//	degree 满意度 = Σ points / (number of answers × 10)
//	rate   满意率 = answers at 基本满意 or better / number of answers
//
// The method's worked example: five forms of five items, 25 answers, 10
// very satisfied, 5 satisfied, 6 basically satisfied, 3 dissatisfied, 1
// very dissatisfied. [Degree] and [Rate] (both [Scorer]s) give
//
//	degree = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%
//	rate   = (10 + 5 + 6) / 25 = 21/25 = 84%
//
// A [Result] carries the exact value as a decimal, its exact numerator and
// denominator, and its explanation ([Result.Explain], [Result.Derivation]),
// built only when asked for. Where a division has no finite decimal
// expansion, the value is rounded once, half away from zero (四舍五入), to
// [Precision] places; [Result.String] prints [DisplayPlaces] places. An
// empty tally is [ErrEmpty], never 0 and never NaN. [Table.Tally] of an
// item or source the table has never seen is [ErrUnknownItem], told apart
// from a known cell with no answers.
//
// # Your own scorers and results
//
// Every built-in result is made with the same public constructors a user
// has, so a scorer of your own is as good as [Degree]: [Given] (a value
// from outside; a [Fraction] must lie in [0, 1], 82% is 0.82), [Quotient]
// and [FromRat] (exact ratios), [Sum], [WeightedMean] and [Difference]
// (exact combinations that keep their parts and print their formula), and
// [Approx] (an irrational value to [Precision] places, marked inexact);
// then [Result.WithFormula] and [Result.WithParts]. A top-2-box scorer is
// a dozen lines:
//
//	r, err := csat.Quotient("top-2 box", csat.Fraction, top, n)
//	return r.WithFormula(func() string { return "(10 + 5) / 25 = 15/25" }), err
//
// and prints "top-2 box = (10 + 5) / 25 = 15/25 = 60%" with Num 15 and Den
// 25. The package's examples build a CSAT % on a 1–5 scale, an ACSI-style
// index and a customer-effort score the same way. Any [Scorer] goes where
// a built-in goes: blends, weight trees and the report take the
// interfaces ([Scorer], [WeightingScheme], [LoyaltyMetric], [Segmenter]),
// not the built-ins. Results of different kinds ([Points], [Fraction])
// never mix silently: combining them is [ErrKindMismatch].
//
// # Blending self-assessment and survey
//
// The overall satisfaction 整体满意度 weighs the self-assessment 40% and
// the survey 60% (METHOD.md §3). With a self-assessed degree of 82% and
// rate of 90%:
//
//	overall degree = 0.4×82% + 0.6×76% = 78.4%
//	overall rate   = 0.4×90% + 0.6×84% = 86.4%
//
// [SelfSurvey] is that blend; [NewBlend] makes others. Weights must be
// non-negative and sum to exactly 1. A missing source is, by default,
// left out and the other weights renormalised ([Renormalize], the PVC
// write-up's rule); [RequireAll] makes it an error.
//
// # Weight trees
//
// The PVC write-up weighs items in a two-level tree out of 100. A [Tree]
// is validated on construction: every parent equals the sum of its
// children, no weight is negative, names are unique. The write-up's own
// tree is inconsistent — purchase process 购销过程 is 20 but its children
// 接待 8 + 程序 8 + 价格和付款 10 sum to 26 — and [NewTree] says so with a
// [*WeightError] naming 购销过程, 20 and 26. Rescaling children in
// proportion is available, opt-in, as [TreeOptions.Normalize]. The
// corrected tree ([PVCTree]: 接待 5, 程序 5) weighs a questionnaire:
//
//	weighted score = Σ leaf weight × leaf score / total
//	= (30×92 + 10×85 + 10×88 + 5×80 + 5×75 + 10×60 + 8×70 + 12×65 + 10×90) / 100 = 81.05
//
// with each section's own weighted score nested in the derivation. Every
// node of the PVC tree also has a stable English key ("quality",
// "price_payment", …, listed in [PVCTree]), and scores may be keyed by
// either name. A missing or out-of-range leaf score is an error naming the
// leaf; a tree takes scores of one kind ([TreeOptions.Kind]: 0–100 points
// by default), so a degree of 82% given as a fraction to the PVC tree is
// [ErrKindMismatch], not 0.82 points. A negative weight is an [*Error]
// naming the node; a [*WeightError] says whether the mismatch is at the
// root (the declared total) or at an inner node. [EqualWeights] gives
// every score the same weight. Trees, blends and equal weights are all
// [WeightingScheme]s: plug in your own.
//
// # Per-customer score
//
// The PVC write-up scores each customer (METHOD.md §5) with a
// [CustomerScorer] ([PVCCustomerScorer] has the method's defaults):
//
//  1. Questionnaire 问卷: the item scores (0–100) weighted by the tree,
//     81.05 in the worked example.
//  2. Visit 走访: for each item the interviewer notes the band the
//     customer's words fall in ([VisitNote]), optionally with an estimate
//     inside it; without one the band's representative point counts, and
//     an item not mentioned counts as 满意, 80. An estimate outside its
//     band is [ErrOutOfBand]. The example: 品质 很满意 95, 包装 比较不满意
//     50, 价格和付款 比较满意 65, the rest 80 → 80.00.
//  3. Preliminary 初步得分 = visit 60% + questionnaire 40%
//     ([VisitQuestionnaire]; one part missing → the other alone):
//     0.6×80 + 0.4×81.05 = 80.42.
//  4. One adjustment per complaint by its outcome ([DefaultAdjustments]:
//     未处理 −5, 不满意 −5, 不太满意 −3, 基本满意 −1, 满意 0, 很满意 +2),
//     kept within 0–100 (our reading; the result says when it clamped):
//     80.42 − 1 + 2 − 5 = 76.42, band 满意.
//
// [CustomerScore.Explain] prints every step, nested.
//
// # Churn and the company view
//
// A customer can be [Active], [AtRisk] or [Lost] in the period. The
// company view over customer scores (their mean, their distribution over
// the bands, the customers worst first, lost customers under a stated
// policy) is [github.com/csatkit/csat/analysis.Company].
//
// # Complaints
//
// A [Complaint] record (received, first response, resolved, outcome)
// adjusts its customer's score. The period's complaint-handling figures
// of the performance-excellence deck (METHOD.md §6: the share handled
// within the limit, the iceberg, the customers expected lost to delay)
// are [github.com/csatkit/csat/analysis.Complaints].
//
// # Loyalty
//
// A [LoyaltyMetric] measures loyalty 顾客忠诚度 (METHOD.md §7). [NPS], the
// Net Promoter Score, counts a 0–10 "would you recommend us" question
// ([NPSScale]): promoters 9–10, passives 7–8, detractors 0–6,
//
//	NPS = (promoters − detractors) / n × 100
//
// with a Wald and an adjusted-Wald confidence interval (Rocks 2016: add
// 3/4 to promoters and detractors, 3/2 to passives) at a [Confidence]
// given as a level or as z. 100 promoters, 30 passives and 80 detractors
// give 9.52, Wald [−2.93, 21.98], adjusted 9.39 [−2.94, 21.72].
// [NPS.Compute] reads a tally on a 0–10 scale (any other scale is
// [ErrScaleMismatch]); [NPS.FromCounts] takes the three counts.
// [RepeatRate] and [ShareOfWallet] come from [Purchase] records. Every
// metric reads the one [LoyaltyData] it is given, so a report can run a
// list of metrics — built-in or a user's own — over one data set. The franchise manual's seven measures
// ([SevenMeasures]: repeat purchases, share of wallet, attention to the
// brand, time to choose, price sensitivity, attitude to competitors,
// tolerance of a quality incident), each with its direction, normalise to
// 0–100 against declared bounds or the population's range and combine
// into a [LoyaltyIndex] by any weighting scheme.
//
// # Lifetime value and ABC segmentation
//
// Customers are graded by the present value of their future margins
// (METHOD.md §8). [CLV] discounts margins at the end of each period,
// PV = Σ cfₜ/(1+d)ᵗ; [CLVConstant] takes a constant margin m kept with
// retention r (cfₜ = m·rᵗ⁻¹): m 1000, r 0.8, d 0.1, 3 years give
// 2730000/1331 ≈ 2051.09. A [CustomerValue] holds that exact [Result], so
// segmenters rank on exact fractions. [ABC], a [Segmenter], sorts by value
// and grades A while the value share held by the customers before is
// below 80%, B below 95%, else C: 50, 20, 10, 8, 5, 4, 3 → A A A B B B C.
// A user's segmenter (quantiles, RFM classes) goes wherever ABC goes:
// [Summarize], the survey schedule (whose key classes are data) and the
// report.
//
// # Confidence intervals
//
// [Wilson] gives an interval for a [Proportion] (k of n; [RateInterval]
// for a tally's rate) — 6 of 32 gives [0.08890, 0.35309] — and
// [DegreeInterval] a t-interval whose per-answer variance follows from
// the counts. An [Interval] exposes its quantile, degrees of freedom and
// variance as fields. [SatisfiedOf] reads a tally's rate as a
// proportion.
//
// What a quality manager does after a survey (METHOD.md §10: the
// dissatisfied answers and their Pareto ordering, the self-assessment
// gaps, the significance tests against a competitor or another period,
// the trend, the average-advanced targets, corrective and preventive
// actions) is package [github.com/csatkit/csat/analysis].
//
// Square roots, normal and t quantiles are irrational: csat computes them
// in decimals to [Precision] places (an internal package, tested against
// published and independently computed values) and marks the results
// inexact.
//
// # Survey plan
//
// Planning the next survey (METHOD.md §9) is package
// [github.com/csatkit/csat/plan]: the plan and its rules (at least 100
// forms, 10 competitor forms, every key customer surveyed), Cochran's
// sample size (N 2000, ±5%, p 0.5, 95%: n₀ = 384.16, n = 323), its
// allocation over strata, a reproducible draw of the respondents, the
// relationship type to build with each customer group, and the survey
// calendar — key customers 重点客户 quarterly, others every half year.
//
// # Forms and customer groups
//
// A Table pools answers; the returned form (答卷) itself — its customer,
// its segment attributes (地区, 行业, 规模, ABC class), the level of each
// item with its blanks, the overall question and stated importance — is
// package [github.com/csatkit/csat/form]. Its Stats count forms, not
// answers: per source and per customer group the forms, each item's
// tally and blanks, and the joint counts of every pair of items, exact,
// mergeable like a Table and of a size independent of the number of
// forms. Package analysis breaks every figure down by customer group
// from them (METHOD.md §12). A worked example, two regions and three
// sizes, six forms (each answering 品质 and 交货):
//
//	form  地区  规模  品质      交货
//	F1    华东  大    很满意 10  满意 8
//	F2    华东  中    满意 8     基本满意 6
//	F3    华东  小    基本满意 6 不满意 4
//	F4    华南  大    很满意 10  很满意 10
//	F5    华南  中    满意 8     不满意 4
//	F6    华南  小    不满意 4   很不满意 2
//
//	华东: 6 answers, degree (10+8+8+6+6+4)/(6×10) = 42/60 = 70%, rate 5/6
//	华南: 6 answers, degree (10+10+8+4+4+2)/(6×10) = 38/60 = 63.33%, rate 3/6
//	大: 4 answers, degree 38/40 = 95%; 中: 26/40 = 65%; 小: 16/40 = 40%
//
// Differences between the values of a dimension are tested pairwise
// (Welch's t for degrees, the z test for rates), adjusted by Holm and
// summarised by letters: 大 a, 中 ab, 小 b (only 大 and 小 differ, Holm
// p = 0.0068); 华东 and 华南 share "a" (p = 0.70). Groups of fewer than 30
// forms are flagged as small samples and of fewer than 5 suppressed (the
// rule is [github.com/csatkit/csat/analysis.MinSample]; six forms need a
// rule of their own to be shown at all: see the form package's
// Example_twoRegionsThreeSizes).
//
// # What to fix first
//
// Package [github.com/csatkit/csat/importance] ranks the items by their
// importance to the customers: the mean stated importance (重要度), or
// derived from the overall question (总体满意度) by Pearson's r, the exact
// Shapley/LMG shares of R² (fractions summing exactly to R²) or Johnson's
// relative weights, all from the forms' exact co-moments; its Method is
// a one-method interface like [Scorer]. Package analysis places the items
// in the importance–performance quadrant (四分图) and lists those to fix
// first, relates each customer's degree to its complaints and its status
// (active, at risk, lost), and sets the figures against benchmarks
// (METHOD.md §12; analysis's documentation has the worked example).
//
// # Report
//
// [github.com/csatkit/csat/analysis.Build] gathers a period's figures —
// the headline figures of any [Scorer]s, their blend by any
// [WeightingScheme], the analysis, customer scores, complaint figures,
// the [LoyaltyMetric]s and the [Segmenter] it is given — into one report
// that marshals to JSON, so a CLI or a web page renders it without
// recomputing anything.
//
// # Errors
//
// Errors are built as strconv's are: the sentinels ([ErrUnknownLevel],
// [ErrWeightsMismatch], [ErrEmpty], [ErrOverflow], [ErrKindMismatch], …)
// carry no prefix and are matched with [errors.Is]; the error returned
// starts with "csat:" once and names what was wrong. Context is added by
// typed errors that wrap the reason, for [errors.As]: [*Error] names the
// customer, item, period or weight-tree node; [*CellError] the cell of a
// table; [*ParseError] the file, line and column; [*WeightError] the node
// whose children do not add up. Every sentinel and error type is in one
// file, errors.go; the packages analysis and plan wrap the same
// sentinels. Nothing panics on input, and nothing is silently dropped.
//
// # Concurrency and determinism
//
// Scales, trees, blends and results are immutable and safe for concurrent
// use. Tallies and tables are accumulators: give each goroutine its own
// and merge. Output never depends on map order, input order or the number
// of shards; ties are broken by id in byte order.
package csat
