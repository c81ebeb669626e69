// Package analysis builds the satisfaction analysis report
// (客户满意度检查分析报告, METHOD.md §10): what a quality manager reads after
// a survey scored with package [github.com/csatkit/csat], and what the
// company does next. Every figure is a [csat.Result] with its exact value
// and its explanation, computed with exact decimals.
//
// # The report
//
// [Build] takes a period's [Input] — its survey [csat.Table], and
// whatever else is at hand: earlier periods, target histories, customer
// scores, complaints, actions, loyalty data, customer values — and
// returns one [Report], step by step as the manager reads it:
//
//   - The headline figures: per source (survey, self-assessment,
//     competitor) and per item, each [Headline]'s figure — the method's
//     satisfaction degree and rate by default, any [csat.Scorer] of the
//     user's beside them — with its interval when the scorer gives one,
//     and the blend of self-assessment and survey (整体满意度: 40% + 60%
//     by default, any [csat.WeightingScheme]).
//   - The analysis: the dissatisfied answers, the main areas of
//     dissatisfaction, the self-assessment gaps, the comparison with the
//     competitor and the trend over earlier periods.
//   - The targets: each headline figure beside its yearly target and
//     whether it is met, decided on exact values.
//   - The customers: the company view, the complaint figures, the
//     corrective and preventive actions, loyalty and segments.
//
// A report marshals to JSON with stable snake-case field names, numbers
// as exact decimal strings and enums as text, and reads back
// ([Report.UnmarshalJSON]) to an equal value, so a command line or a web
// page (package [github.com/csatkit/csat/io/htmlreport]) renders it
// without computing anything. What weakens it — too few competitor forms,
// an interval that could not be computed — is listed in its warnings,
// never hidden. Each step is also a function of its own.
//
// # Dissatisfaction and actions
//
// [Dissatisfied] counts the 不满意 and 很不满意 answers per item and
// source; [Pareto] orders the items by them with the cumulative share, the
// main areas of dissatisfaction first; [Gaps] shows where the sales
// staff's self-assessment is above the customers' survey (a problem the
// staff are blind to). An [Action] records a corrective or preventive
// action with its cause, owner, due date and status.
//
// # Competitor and trend
//
// [CompareRates] (the pooled two-proportion z-test) and [CompareDegrees]
// (Welch's t-test) compare us with a competitor or with another period; a
// [Comparison] exposes the pooled proportion, standard error, statistic,
// degrees of freedom and p-value, and its verdict at the significance
// level. [CompareCompetitor] compares per item and overall and warns when
// fewer competitor forms came back than the plan's minimum (10). [Trend]
// follows a source over periods ([csat.Period]), with each change against
// the previous and the baseline period and its significance, and the
// least-squares slope.
//
// # Targets
//
// [Target] sets next year's average-advanced target 平均先进指标 from the
// past years: the mean of the history, averaged with the mean of the
// values above it (82, 85, 78, 88, 90, 80 → (83.83 + 87.67)/2 = 85.75;
// [AverageAdvancedVariant], (mean + Σ advanced)/(k + 1), gives 86.71). A
// [TargetResult] has the mean, the advanced values and their mean as
// fields; a [TargetFigure] of the report says whether the period's
// figure, the blend or the survey's ([Against]), meets it.
//
// # Customers and complaints
//
// [Company] aggregates customer scores ([csat.CustomerScore]) into the
// company's figures: their mean (equally, or weighted e.g. by sales
// volume), their distribution over the bands, and every customer worst
// first with the items that pulled it down. Lost customers follow a
// stated [LostPolicy]: by default they count at the lowest band's point
// (30), so that losing unhappy customers never raises the company's
// figure; they can instead be excluded or counted at a given score.
//
// [Complaints] turns a period's [csat.Complaint] records into the
// performance-excellence deck's figures (METHOD.md §6): the share handled
// within the limit (24 h), response and resolution times (median and 90th
// percentile, nearest rank), the outcome mix, open complaints and their
// age, the iceberg estimate (complainants / 5% dissatisfied customers, of
// whom 35% voice it elsewhere and 60% say nothing), the customers expected
// lost to delay (10% per completed day past the limit, compounding by
// default: 1 − 0.9^d; [LossLinear] reads it as 10% × d), expected returns
// (95% if resolved within the limit, 60% if later) and word-of-mouth reach
// (5 per quickly satisfied complainant). Every rate is a parameter of
// [ComplaintOptions].
//
// # Errors
//
// Errors are csat's: they start with "csat: " once and wrap csat's
// sentinels ([csat.ErrEmpty], [csat.ErrInvalid], …) for [errors.Is], and
// its typed errors ([csat.Error] naming the period, customer or item, …) for
// [errors.As].
package analysis
