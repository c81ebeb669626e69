// Package htmlreport renders a [analysis.Report] as the satisfaction analysis
// report a quality manager hands to management (客户满意度检查分析报告,
// METHOD.md §10): one self-contained HTML page, in Chinese or English,
// that reads on screen and prints on A4.
//
// The page has a title block (title, organisation, period as the report
// gives it, scale, the number of answers (答项) per source and, when the
// report counts them ([analysis.Report].Forms), its returned forms (答卷)
// — an answer is one item answered on a form, never a form — and the
// date given in [Options], 编制日期), headline
// cards (the overall degree and rate blended 40/60 from self-assessment
// and survey, then the survey's with their confidence intervals, each
// beside its yearly target, matched by [analysis.TargetFigure].Figure), key
// findings and the report's warnings, then one numbered section per part
// of the report that is present:
//
//   - 整体满意度 overall satisfaction: survey, self-assessment, the blend's
//     formula and result;
//   - 各项目满意度 every item's figures per source, with intervals and
//     dissatisfied answers, the forms, answers and blanks (未答) per
//     source and item, each item blended from self-assessment and survey
//     with the weights of the report's overall blend (自评 40% + 检查
//     60%), and the self-assessment's gaps;
//   - 各项目满意程度分布 a diverging stacked bar chart of each item's
//     survey answers per level ([analysis.Report].Levels and each item's
//     [analysis.ItemFigures].Counts), satisfied right of zero, with the
//     counts in a table;
//   - 分组比较 by customer group: per dimension (地区, 行业, 规模, ABC, …)
//     a bar chart and, per figure, a table of each value's forms,
//     answers, figure, interval and compact letters (values sharing a
//     letter do not differ at α, Holm-adjusted), a small-sample flag
//     (样本偏少) under [analysis.Report].MinSample (default: fewer than 30
//     forms) and the figure hidden ("—") below its suppression limit
//     (default 5 forms), and the significant pairs with their adjusted p;
//   - 回收率 the response rate per stratum (AAPOR RR1), strata under the
//     plan's minimum flagged;
//   - 重要度 the items' importance ([analysis.Report].Importance): a
//     key-driver bar chart in the set's order and a table of each item's
//     value, rank and interval, with the method named (陈述重要度,
//     相关系数, Shapley 分解 (LMG), 相对权重, or a user's own), what it
//     explains, the forms it rests on and the deletion (listwise or
//     pairwise), and R² to 3 places when the method decomposes it;
//   - 重要度–满意度四分图 the quadrant (Quadrant): the items to fix first
//     (修补区) in the order given, with their gaps in percentage points
//     and those without a corrective action flagged; a scatter of
//     importance against performance with the two cut lines labelled
//     with their rule and value and the four zones shaded and named,
//     each zone in its own colour and symbol (▲ 修补区, ● 优势区,
//     ◆ 机会区, ■ 维持区), each item labelled by name, the labels pushed
//     apart where they would overlap, or, past 12 items, by its number
//     in the table; and a table of each item's zone and gap;
//   - the Pareto chart of dissatisfaction with the corrective and
//     preventive actions;
//   - the comparison with the competitor, with significance;
//   - 标杆对比 the survey's figures against the benchmarks (Benchmarks):
//     a dot chart and, per figure and item, each benchmark's value, the
//     gap in signed percentage points and the standing (▲ 高于, = 持平,
//     ▼ 低于);
//   - the trend over periods with the targets as lines, and the targets;
//   - the p-chart of the survey's rate: centre line, each period's limits
//     as step lines (Laney's p′ when over-dispersed), the periods out of
//     control marked on the chart and named below it;
//   - complaint figures;
//   - 满意度与投诉、流失 satisfaction against complaints and churn (Churn):
//     "customers we lost rated us X, those we kept Y", Welch's test of
//     the active against the lost, Spearman's ρ of degree and
//     complaints, the mean degree per status as a chart and a table with
//     its sample flags, the customers counted active or left outside,
//     and every customer in a folded table;
//   - customer scores and their bands; ABC classes; loyalty metrics.
//
// A part the report does not have is left out. The report ends with a
// sign-off block, 编制 / 审核 / 批准 (prepared, reviewed, approved by),
// with the names given in [Options].SignOff and blank lines for the
// signatures and dates, kept on one printed page.
//
// Figures print at [Options].Places decimal places (one by default),
// trailing zeros kept (76.0%), never marked "≈" in tables, cards or
// findings; differences of fractions print in percentage points (+2.6
// 个百分点, +2.6 pp). Items are listed in questionnaire order
// ([Options].Items) or by score ([Options].Order) wherever the report
// lists them, except in the rankings of the Pareto and the importance.
// Every word, derivation ([csat.Result.ExplainIn]), warning and finding
// is in the report's language. Each chart is named for screen readers by
// what it plots; without JavaScript the chart boxes are hidden and each
// chart's data is in a table (the section's own, or one in <noscript>).
// The page links the method as implemented, docs/method.md in the
// repository.
//
// The key findings give
// the n behind every main problem and significant difference (forms or
// answers) and caution a small sample. Every figure shows its
// derivation ([csat.Result.Explain]) on hover, and each section lists
// them all in a folded list (计算过程), in the report's language.
//
// The page needs no network: its style sheet, its script and the chart
// library, Apache ECharts 6.1.0 (pinned by SHA-256, licence included),
// are inlined, and it uses the system's fonts (Noto Sans CJK SC,
// PingFang SC, Microsoft YaHei, …). Each chart's option is computed here
// and written as JSON whose numbers come from exact decimals; the page's
// script only hands it to ECharts, drawing SVG without animation, so the
// charts print sharply. Text from the report (item names, customer ids,
// causes) is escaped by html/template. Render needs nothing but the
// report, so a report read back from its JSON renders in full, and it
// never reads the clock: the same report and options give the same
// bytes. On a narrow screen (a phone, 390 px) the page does not scroll
// sideways: a table wider than the screen scrolls inside its own box.
package htmlreport
