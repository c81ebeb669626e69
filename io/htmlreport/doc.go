// Package htmlreport renders a [analysis.Report] as the satisfaction analysis
// report a quality manager hands to management (客户满意度检查分析报告,
// METHOD.md §10): one self-contained HTML page, in Chinese or English,
// that reads on screen and prints on A4.
//
// The page has a title block (title, organisation, period, scale, the
// number of answers per source, the date given in [Options]), headline
// cards (the overall degree and rate blended 40/60 from self-assessment
// and survey, then the survey's with their confidence intervals, each
// beside its yearly target, matched by [analysis.TargetFigure].Figure), key
// findings and the report's warnings, then one numbered section per part
// of the report that is present:
//
//   - 整体满意度 overall satisfaction: survey, self-assessment, the blend's
//     formula and result;
//   - 各项目满意度 every item's figures per source, with intervals and
//     dissatisfied answers, and the self-assessment's gaps;
//   - 各项目满意程度分布 a diverging stacked bar chart of each item's
//     survey answers per level ([analysis.Report].Levels and each item's
//     [analysis.ItemFigures].Counts), satisfied right of zero, with the
//     counts in a table;
//   - the Pareto chart of dissatisfaction with the corrective and
//     preventive actions;
//   - the comparison with the competitor, with significance;
//   - the trend over periods with the targets as lines, and the targets;
//   - complaint figures; customer scores and their bands; ABC classes;
//     loyalty metrics.
//
// A part the report does not have is left out. Every figure shows its
// derivation ([csat.Result.Explain]) on hover, and each section lists
// them all in a folded list (计算过程).
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
// bytes.
package htmlreport
