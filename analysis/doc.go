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
// # Forms, customer groups, response and control chart
//
// With the period's returned forms ([Input].Forms, the sufficient
// statistics of package [github.com/csatkit/csat/form]) the report counts
// forms (答卷) apart from answers (答项), with the blanks per item
// ([FormCounts]), and breaks the survey down by customer group
// ([Breakdowns], METHOD.md §12): for every dimension of the forms'
// attributes (地区, 行业, 规模, ABC, …) and every headline figure, the
// figure of each value's survey answers pooled over the items, with its
// interval. Values are listed best first, by exact value, ties by name.
// Between every two values the rate is tested by the pooled
// two-proportion z test and the degree by Welch's t test, the p-values
// adjusted by Holm within the breakdown, and a compact letter display
// summarises them: values sharing a letter do not differ at α, the best
// holds "a". A value on fewer than 30 forms is flagged "small"; on fewer
// than 5 (or with fewer than 2 answers) it is suppressed: no figure, no
// test, no letters, listed last ([MinSample] sets both numbers).
//
// A worked example (tested against Python's fractions, scipy and
// statsmodels in groups_test.go): 37 forms of two regions and the sizes
// 大, 中, 小 (and 微, 2 forms), two items, 3 blanks.
//
//	        forms answers  degree         rate          letters (rate)
//	华东      21      40     143/200 71.5%   35/40 87.5%    a
//	华南      16      31     109/155 70.32%  27/31 87.10%   a
//	大        12      23     101/115 87.83%  23/23 100%     a
//	中        12      23     15/23   65.22%  20/23 86.96%   ab
//	小        10      19     54/95   56.84%  13/19 68.42%   b
//	微         2       4     suppressed (fewer than 5 forms)
//
// Every value is a small sample (fewer than 30 forms). The rates of 大
// and 小 differ (p = 0.0036, Holm 0.0108), 大–中 (p = 0.0732, Holm
// 0.1464) and 中–小 (p = 0.1451, Holm 0.1464) do not: 中 shares a letter
// with each. The degrees split 大 (a) from 中 and 小 (b).
//
// With the forms sent per stratum ([Input].Sent) the report gives the
// response rate ([ResponseRate], AAPOR RR1: returned / sent, exact) per
// stratum and overall (Σ returned / Σ sent), flags the strata under the
// plan's minimum, and lists the forms outside every stratum (a value the
// plan sent nothing to, or no value at all) rather than dropping them:
// 华东 21 of 40 sent (52.5%), 华南 16 of 30 (53.33%, under a minimum of
// 20), overall 37/70.
//
// With earlier periods ([Input].History) the report draws the p-chart of the survey's rate ([ControlChartOf]): centre line
// p̄ = Σ satisfied / Σ answers, limits p̄ ± 3√(p̄(1 − p̄)/nᵢ) per period,
// Laney's p′ limits when σ_z > 1, and a period outside its limits or the
// 8th of a run on one side named. For 60/80, 50/75 and 62/71 satisfied
// answers p̄ = 86/113, σ_z = 2.579 and the Laney limits hold every
// period.
//
// Every report, with forms or without, also cautions, in the warnings, every competitor comparison and every main
// area of dissatisfaction resting on fewer answers than the small sample,
// with its numbers ("dissatisfaction with 交货 rests on 1 dissatisfied of
// 5 survey answers, fewer than 30").
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
// # What to fix first
//
// With an importance method ([Input].Importance: the stated or derived
// importance of package [github.com/csatkit/csat/importance], or a
// user's own) the report ranks the items by importance and places them
// in the importance–performance quadrant (四分图, [Quadrant], METHOD.md
// §12): importance against performance, the item's satisfaction degree,
// with a cut line on each axis at the mean of the items (exact; the
// median or given values as options, [QuadrantOptions]). An item on a
// line counts as high. 修补区 ([ZoneFix]: high importance, low
// performance) is what to fix first, the item furthest below the
// performance line first (its gap: the performance cut − its degree),
// ties by the higher importance; 优势区 (high, high) is kept up, 机会区
// (low, low) can wait, 维持区 (low importance, high performance) may be
// more than the customers need. A fix-first item without a corrective
// [Action] is cautioned ([CautionNoAction]): an action needs an owner,
// which the report does not invent.
//
// With forms that name their customers, and complaints or statuses
// ([Input].Status, or the customer scores'), the report relates
// satisfaction to complaints and churn customer by customer ([Churn]):
// each customer's answers pooled into its degree; Spearman's ρ of degree
// and complaint count (average ranks for ties; ρ² exact, ρ rounded once;
// the two-sided p from Student's t, t = ρ√((n − 2)/(1 − ρ²)), n − 2
// degrees of freedom); the mean degree of the active (正常), at-risk (风险)
// and lost (流失) customers; Welch's t test of active against lost. A
// surveyed customer without a status counts as active; a status with
// fewer customers than the suppression limit (5) is shown, flagged, not
// tested. [Benchmarks] sets the survey's headline figures beside the
// industry average (行业平均), the industry leader (行业领先) and the world
// leader (世界领先): the gap ours − theirs, exact, and where we stand.
//
// A worked example (whattofix_test.go checks every number; the p-values
// against mpmath at 50 digits and scipy): twelve customers, C01 … C12,
// each returned one form rating six items on the five-point scale
// (10 … 2 points); the stated importance is given.
//
//	item      importance  degree           zone                 gap
//	品质        4.6        102/120 = 85%     优势区 strength     −5.56 pp
//	交货期      4.4         84/120 = 70%     修补区 fix          +9.44 pp  1st to fix
//	价格        4.0         90/120 = 75%     修补区 fix          +4.44 pp  2nd to fix
//	服务        3.8         96/120 = 80%     维持区 maintain     −0.56 pp
//	包装        3.6        106/120 = 88.33%  维持区 maintain     −8.89 pp
//	技术支持    3.6         94/120 = 78.33%  机会区 opportunity  +1.11 pp
//	cut         24/6 = 4   572/720 = 143/180 = 79.44%
//
// 价格 lies on the importance line and counts as high. 价格 has a
// corrective action; 交货期, the first to fix, has none: the report
// cautions it.
//
// C01–C06 are active, C07 at risk, C08–C12 lost. Their degrees (points
// of 60) and complaints:
//
//	customer    C01 C02 C03 C04 C05 C06 | C07 | C08 C09 C10 C11 C12
//	points       56  54  52  54  50  52 |  46 |  44  40  42  38  44
//	complaints    0   0   1   0   0   1 |   2 |   3   1   2   4   2
//
// Spearman's ρ² = 12100/18961, ρ = −0.7988, t = −4.1995 on 10 degrees of
// freedom, p = 0.0018: the more complaints, the lower the degree. The
// customers we lost rated us 52/75 = 69.33% (5 customers), those we kept
// 53/60 = 88.33% (6; at risk 23/30 = 76.67%, 1): a difference of 19
// points, Welch's t = 7.8793, df = 24649/3206 = 7.6884, p = 0.0000606.
//
// Against the benchmarks, the degree 79.44% is 1.44 points above the
// industry average (78%) and 5.56 below the industry leader (85%); 交货期's
// 70% is level with its industry average (70%); the rate 67/72 = 93.06%
// is 1.94 points below the world leader (95%).
//
// # Errors
//
// Errors are csat's: they start with "csat: " once and wrap csat's
// sentinels ([csat.ErrEmpty], [csat.ErrInvalid], …) for [errors.Is], and
// its typed errors ([csat.Error] naming the period, customer or item, …) for
// [errors.As].
package analysis
