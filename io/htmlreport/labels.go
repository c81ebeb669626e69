package htmlreport

import (
	"fmt"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

// lang is the language of a report's words.
type lang int

const (
	langZH lang = iota
	langEN
)

// parseLang reads [Options.Lang].
func parseLang(s string) (lang, error) {
	switch strings.ToLower(s) {
	case "", "zh", "zh-cn", "zh-hans":
		return langZH, nil
	case "en", "en-us", "en-gb":
		return langEN, nil
	}
	return langZH, fmt.Errorf("htmlreport: language %q: want zh or en: %w", s, csat.ErrInvalid)
}

// words holds every fixed word of the report in Chinese and English. The
// template reads them by key ({{.L.key}}); a key the table lacks stops
// the template (missingkey=error), so no label is ever silently blank.
var words = map[string][2]string{
	"html_lang":         {"zh-CN", "en"},
	"title":             {"客户满意度检查分析报告", "Customer Satisfaction Analysis Report"},
	"subtitle":          {"Customer Satisfaction Analysis Report", "客户满意度检查分析报告"},
	"period":            {"调查期间", "Period"},
	"scale":             {"评分量表", "Scale"},
	"generated":         {"编制日期", "Date"},
	"signoff":           {"编制与审批", "Sign-off"},
	"prepared_by":       {"编制", "Prepared by"},
	"reviewed_by":       {"审核", "Reviewed by"},
	"approved_by":       {"批准", "Approved by"},
	"signature":         {"签名", "Signature"},
	"sign_date":         {"日期", "Date"},
	"sign_role":         {"职责", "Role"},
	"sign_name":         {"姓名", "Name"},
	"blended":           {"加权", "Blended"},
	"item_blend":        {"各项目加权满意度（自评与检查）", "Each item blended (self-assessment and survey)"},
	"item_blend_note":   {"每个项目按整体满意度的权重加权：自评 %s%% + 检查 %s%%（方法第3节）。", "Each item weighted as the overall figures are: self-assessment %s%% + survey %s%% (method §3)."},
	"aria_likert":       {"堆积条形图：各项目答项按满意程度的占比，零线右侧为满意，左侧为不满意", "Stacked bar chart: each item's share of answers per level, satisfied right of zero, dissatisfied left"},
	"aria_groups":       {"条形图：%s各组的检查指标", "Bar chart: the survey's figures per group of %s"},
	"aria_importance":   {"条形图：各项目的重要度（%s），由高到低", "Bar chart: each item's importance (%s), most important first"},
	"aria_quadrant":     {"散点图：各项目的表现（横轴）与重要度（纵轴），两条分界线分出四个区域", "Scatter chart: each item's performance (across) and importance (up), two cut lines making four zones"},
	"aria_pareto":       {"排列图：不满意答项按项目，柱为答项数，折线为累计百分比", "Pareto chart: dissatisfied answers by item, bars the number of answers, the line the cumulative percentage"},
	"aria_competitor":   {"条形图：各项目本公司与竞争对手的满意度和满意率", "Bar chart: our degree and rate per item against the competitor's"},
	"aria_benchmarks":   {"点图：检查指标与各标杆值", "Dot chart: the survey's figures against each benchmark"},
	"aria_trend":        {"折线图：各期检查满意度与满意率，虚线为年度目标", "Line chart: the survey's degree and rate per period, dashed lines the yearly targets"},
	"aria_control":      {"控制图：各期检查满意率，中心线与控制上下限", "Control chart: the survey's rate per period with the centre line and control limits"},
	"aria_outcomes":     {"条形图：投诉按处理结果的件数与占比", "Bar chart: complaints by outcome, count and share"},
	"aria_churn":        {"条形图：各客户状态的平均满意度", "Bar chart: mean degree per customer status"},
	"aria_bands":        {"柱形图：各得分等级的客户数", "Column chart: customers per score band"},
	"aria_segments":     {"排列图：客户价值由高到低，柱为价值，折线为累计价值占比", "Pareto chart: customers by value, bars the value, the line the cumulative share of value"},
	"answers_of":        {"答项", "answers"},
	"findings":          {"要点", "Key findings"},
	"warnings":          {"注意事项", "Warnings"},
	"warnings_note":     {"以下情况削弱了本报告的结论：", "The following weaken the conclusions of this report:"},
	"sec_overall":       {"整体满意度", "Overall satisfaction"},
	"sec_items":         {"各项目满意度", "Satisfaction by item"},
	"sec_likert":        {"各项目满意程度分布", "Distribution of answers by item"},
	"sec_pareto":        {"不满意分析与纠正预防措施", "Dissatisfaction and corrective actions"},
	"sec_competitor":    {"与竞争对手比较", "Comparison with the competitor"},
	"sec_trend":         {"趋势与目标", "Trend and targets"},
	"sec_complaints":    {"投诉处理", "Complaints"},
	"sec_customers":     {"客户满意度得分", "Customer scores"},
	"sec_segments":      {"客户分级（ABC）", "Customer classes (ABC)"},
	"sec_loyalty":       {"顾客忠诚度", "Loyalty"},
	"derivations":       {"计算过程", "How each figure was computed"},
	"source":            {"来源", "Source"},
	"item":              {"项目", "Item"},
	"all_items":         {"全部项目", "All items"},
	"answers":           {"答项数", "Answers"},
	"dissatisfied":      {"不满意答项", "Dissatisfied"},
	"figure":            {"指标", "Figure"},
	"blend":             {"加权计算", "Blend"},
	"overall":           {"整体", "Overall"},
	"overall_lead":      {"整体满意度由销售人员自评与顾客检查加权得出（方法第3节）。", "The overall figures weigh the sales staff's self-assessment with the customers' survey (method §3)."},
	"survey":            {"检查", "Survey"},
	"self":              {"自评", "Self-assessment"},
	"competitor":        {"竞争对手", "Competitor"},
	"us":                {"本公司", "Us"},
	"interval_of":       {"置信区间", "interval"},
	"value_col":         {"数值", "Value"},
	"ci_short":          {"区间", "CI"},
	"interval_note":     {"区间：满意度为t区间，满意率为Wilson区间。", "Intervals: a t-interval for the degree, Wilson for the rate."},
	"gaps":              {"自评与检查的差距", "Self-assessment against survey"},
	"gaps_note":         {"差距为正：销售人员的评价高于顾客，可能是未察觉的问题。", "A positive gap: the sales staff rate the item higher than the customers do — a problem they may not see."},
	"gap":               {"差距", "Gap"},
	"likert_lead":       {"每个项目的答项按满意程度分布；零线右侧为满意（满意率），左侧为不满意。", "Each item's answers by level; right of zero the satisfied answers (the rate), left of zero the dissatisfied ones."},
	"likert_axis":       {"答项占比（%）", "Share of answers (%)"},
	"pareto_lead":       {"按不满意答项（不满意 + 很不满意）排列的项目，累计占比达80%的为主要不满意项目。", "Items ordered by dissatisfied answers (dissatisfied and very dissatisfied); those up to 80% cumulative are the main areas of dissatisfaction."},
	"pareto_none":       {"本期检查无不满意答项。", "No dissatisfied answers in this survey."},
	"cases":             {"件数", "Cases"},
	"share":             {"占比", "Share"},
	"cumulative":        {"累计占比", "Cumulative"},
	"actions":           {"纠正和预防措施", "Corrective and preventive actions"},
	"kind":              {"类别", "Kind"},
	"cause":             {"原因", "Cause"},
	"action":            {"措施", "Action"},
	"owner":             {"责任部门", "Owner"},
	"due":               {"完成期限", "Due"},
	"status":            {"状态", "Status"},
	"competitor_lead":   {"同一问卷上顾客对竞争对手的评价；检验：满意率为合并双比例z检验，满意度为Welch t检验。", "The customers' rating of a competitor on the same forms; tests: pooled two-proportion z-test for the rate, Welch's t-test for the degree."},
	"difference":        {"差值", "Difference"},
	"p_value":           {"p值", "p-value"},
	"significant":       {"显著", "significant"},
	"not_significant":   {"不显著", "not significant"},
	"sig_mark_note":     {"* 差异显著", "* significant difference"},
	"trend_lead":        {"各期顾客检查的满意度与满意率，虚线为本年目标（平均先进指标）。", "The survey's degree and rate per period; dashed lines are this year's targets (average-advanced)."},
	"baseline":          {"基期", "Baseline"},
	"vs_previous":       {"比上期", "vs previous"},
	"vs_baseline":       {"比基期", "vs baseline"},
	"slope":             {"每期斜率", "Slope per period"},
	"targets":           {"年度目标（平均先进指标）", "Yearly targets (average-advanced)"},
	"target":            {"目标", "Target"},
	"current":           {"本期", "This period"},
	"against_overall":   {"整体", "overall"},
	"against_survey":    {"检查", "survey"},
	"target_gap":        {"与目标差距", "Gap to target"},
	"history_mean":      {"历史均值", "History mean"},
	"advanced_mean":     {"先进均值", "Advanced mean"},
	"met":               {"达成", "Met"},
	"met_yes":           {"达成", "met"},
	"met_no":            {"未达成", "not met"},
	"period_col":        {"期间", "Period"},
	"complaints_total":  {"投诉总数", "Complaints"},
	"within_limit":      {"限时内处理率", "Resolved within limit"},
	"median_response":   {"首次响应中位数", "Median response"},
	"median_resolve":    {"处理时间中位数", "Median resolution"},
	"response_time":     {"首次响应时间", "First response time"},
	"resolution_time":   {"处理时间", "Resolution time"},
	"hours":             {"小时", "h"},
	"open":              {"未结投诉", "Open"},
	"outcomes":          {"处理结果", "Outcomes"},
	"times":             {"响应与处理时间", "Response and resolution times"},
	"iceberg":           {"冰山估计与影响", "Iceberg estimate and effects"},
	"complainants":      {"投诉客户数", "Complainants"},
	"est_dissatisfied":  {"估计不满意客户", "Estimated dissatisfied customers"},
	"voice_elsewhere":   {"向他人抱怨", "Voice it elsewhere"},
	"silent":            {"沉默不满", "Say nothing"},
	"expected_lost":     {"因延误预计流失", "Expected lost to delay"},
	"expected_returns":  {"预计回头客户", "Expected to return"},
	"word_of_mouth":     {"口碑传播人数", "Word-of-mouth reach"},
	"open_list":         {"未结投诉", "Open complaints"},
	"complaint":         {"投诉", "Complaint"},
	"customer":          {"客户", "Customer"},
	"age":               {"已开启", "Open for"},
	"company_mean":      {"公司平均得分", "Company mean score"},
	"customers_n":       {"客户数", "Customers"},
	"counted":           {"计入", "counted"},
	"lost_policy":       {"流失客户", "Lost customers"},
	"distribution":      {"得分分布（客户数）", "Customers per band"},
	"ranking":           {"客户排名（由低到高）", "Customers, worst first"},
	"rank":              {"排名", "Rank"},
	"score":             {"得分", "Score"},
	"band":              {"等级", "Band"},
	"drags":             {"拉低得分的项目", "Items pulling the score down"},
	"adjustments":       {"投诉调整", "Complaint adjustments"},
	"customers_lead":    {"每位客户的得分 = 走访60% + 问卷40%，再按投诉处理结果调整（方法第5节）。", "Each customer's score = visit 60% + questionnaire 40%, adjusted per complaint outcome (method §5)."},
	"class":             {"级别", "Class"},
	"value":             {"价值", "Value"},
	"value_share":       {"价值占比", "Share of value"},
	"share_before":      {"之前累计占比", "Share before"},
	"segments_lead":     {"按客户价值（CLV）排序，累计价值占比80%以内为A类，95%以内为B类，其余为C类（方法第8节）。", "Customers by value (CLV): A while the share of value before is below 80%, B below 95%, else C (method §8)."},
	"metric":            {"指标", "Metric"},
	"footer_method":     {"计算方法见", "Method:"},
	"footer_method_doc": {"计算方法说明", "the method as implemented"},
	"method_sep":        {"；", ". "},
	"footer_exact":      {"所有数值以精确小数计算，仅在显示时四舍五入。", "Every figure is computed in exact decimals and rounded only for display."},
	"footer_tool":       {"本报告由 csat 生成。", "Generated by csat."},
	"licences":          {"第三方软件许可", "Third-party licences"},
	"echarts_note":      {"图表：Apache ECharts 6.1.0，© The Apache Software Foundation，Apache License 2.0 许可；许可全文见下。", "Charts: Apache ECharts 6.1.0, © The Apache Software Foundation, licensed under the Apache License 2.0; full text below."},
	"none":              {"—", "—"},
	// Forms (答卷: returned questionnaires) and answers (答项: one item
	// answered on a form), never confused.
	"forms_of":         {"份答卷", "forms"},
	"forms":            {"答卷数", "Forms"},
	"blanks":           {"未答", "Blank"},
	"form_counts":      {"答卷与答项", "Forms and answers"},
	"form_counts_note": {"答卷为回收的一份问卷；答项为答卷上对一个项目的回答；未答为答卷上空着的项目。", "A form is one returned questionnaire; an answer is one item answered on a form; a blank is an item left empty on a form."},
	"sec_groups":       {"分组比较", "By customer group"},
	"groups_lead":      {"按客户分组（地区、行业、规模、ABC 类等）分别计算检查的指标；组间差异：满意率为合并双比例z检验，满意度为Welch t检验，p值经 Holm 校正。", "The survey's figures per customer group (region, industry, size, ABC class, …); differences between groups: pooled two-proportion z-test for the rate, Welch's t-test for the degree, p-values Holm-adjusted."},
	"group_value":      {"分组", "Group"},
	"letters":          {"字母标记", "Letters"},
	"letters_note":     {"字母相同的组之间差异不显著（α = %s，Holm 校正）。", "Values sharing a letter do not differ at α = %s (Holm-adjusted)."},
	"sample_col":       {"样本", "Sample"},
	"small_sample":     {"样本偏少", "small sample"},
	"small_note":       {"样本偏少：少于 %d 份答卷。", "Small sample: fewer than %d forms."},
	"suppressed":       {"少于 %d 份答卷，不显示", "fewer than %d forms: not shown"},
	"sig_pairs":        {"差异显著的组", "Significant differences"},
	"no_sig_pairs":     {"各组之间无显著差异。", "No significant difference between the groups."},
	"untested":         {"此指标不作组间检验。", "This figure is not tested between groups."},
	"too_few_groups":   {"可比较的组少于两个，未作检验。", "Fewer than two groups shown: nothing to test."},
	"pale_note":        {"浅色柱：样本偏少。", "Pale bars: small sample."},
	"colon":            {"：", ": "},
	"adjusted_p":       {"Holm 校正 p", "Holm-adjusted p"},
	"sec_response":     {"回收率", "Response rate"},
	"response_lead":    {"各层发出与回收的答卷；回收率 = 回收 / 发出（AAPOR RR1）。", "Forms sent and returned per stratum; response rate = returned / sent (AAPOR RR1)."},
	"sent":             {"发出", "Sent"},
	"returned":         {"回收", "Returned"},
	"under_minimum":    {"低于计划最少回收数", "under the plan's minimum"},
	"flag_col":         {"备注", "Note"},
	"total":            {"合计", "Total"},
	"sec_control":      {"满意率控制图（p 图）", "Control chart of the rate (p-chart)"},
	"control_lead":     {"各期检查满意率的 p 控制图：中心线 = 各期满意答项之和 / 答项之和，控制限 = 中心线 ± 3σ，σ 按该期答项数计算；超出控制限或连续 8 期在中心线同侧为失控。", "The survey's rate per period as a p-chart: centre line = all periods' satisfied answers / their answers, limits = centre ± 3σ, σ from each period's own number of answers; a period beyond its limits, or 8 in a row on one side of the centre, is out of control."},
	"control_laney":    {"各期离散度偏大（σz = %s > 1），控制限为 Laney p′。", "The periods are over-dispersed (σz = %s > 1): the limits are Laney's p′."},
	"centre":           {"中心线", "Centre line"},
	"ucl":              {"控制上限", "Upper limit"},
	"lcl":              {"控制下限", "Lower limit"},
	"satisfied_n":      {"满意答项", "Satisfied"},
	"signal":           {"判定", "Signal"},
	"in_control":       {"受控", "in control"},
	"sig_above":        {"高于控制上限", "above the upper limit"},
	"sig_below":        {"低于控制下限", "below the lower limit"},
	"sig_run_above":    {"连续 8 期高于中心线", "8 in a row above the centre"},
	"sig_run_below":    {"连续 8 期低于中心线", "8 in a row below the centre"},
	"out_of_control":   {"失控期", "Out of control"},
	"all_in_control":   {"各期均在控制限内，无失控。", "Every period is in control."},
	// What to fix first: importance (key drivers), the quadrant (四分图),
	// churn and benchmarks.
	"sec_importance":          {"重要度（关键驱动因素）", "Importance (key drivers)"},
	"importance_lead":         {"各项目对顾客的重要程度，由高到低排列（方法第12节）。", "How much each item matters to the customers, most important first (method §12)."},
	"method":                  {"方法", "Method"},
	"importance":              {"重要度", "Importance"},
	"imp_stated":              {"重要度均分", "Mean importance rating"},
	"imp_correlation":         {"相关系数 r", "Correlation r"},
	"imp_shapley":             {"R² 贡献", "Share of R²"},
	"imp_relative_weights":    {"相对权重", "Relative weight"},
	"method_stated":           {"陈述重要度", "Stated importance"},
	"method_correlation":      {"相关系数", "Correlation"},
	"method_shapley":          {"Shapley 分解 (LMG)", "Shapley decomposition (LMG)"},
	"method_relative_weights": {"相对权重 (Johnson)", "Relative weights (Johnson)"},
	"target_overall":          {"解释总体满意度", "explaining the overall question"},
	"target_item_rest":        {"解释答卷上其余项目的均值（无总体满意度问题时的替代）", "explaining the mean of the form's other items (no overall question)"},
	"basis_listwise":          {"基于 %d 份所有项目和总体满意度均已作答的完整答卷", "on %d complete forms (listwise deletion)"},
	"basis_pairwise":          {"逐对使用两项均已作答的答卷，每对至少 %d 份", "pairwise deletion, at least %d forms per pair"},
	"basis_stated":            {"每个项目至少 %d 个重要度答项", "at least %d importance answers per item"},
	"basis_forms":             {"基于 %d 份答卷", "on %d forms"},
	"r2_decomposed":           {"%s，分解为各项目的贡献，各项目之和等于 R²。", "%s, decomposed into each item's contribution; the items' values add up to R²."},
	"r2_weights":              {"%s，按相对权重分给各项目，各项目之和在舍入误差内等于 R²。", "%s, shared among the items by relative weights; they add up to R² within rounding."},
	"r2_model":                {"线性模型 %s。", "Linear model %s."},
	"sec_quadrant":            {"重要度–满意度四分图", "Importance–performance quadrant"},
	"quadrant_lead":           {"纵轴为重要度（%s），横轴为表现（%s）；两条分界线把项目分入四个区，落在线上的计为高（方法第12节）。", "Importance (%s) up, performance (%s) across; the two cut lines put each item in one of four zones, an item on a line counting as high (method §12)."},
	"performance":             {"表现", "Performance"},
	"cut_importance":          {"重要度分界线", "Importance cut"},
	"cut_performance":         {"表现分界线", "Performance cut"},
	"cut_mean":                {"均值", "Mean"},
	"cut_median":              {"中位数", "Median"},
	"cut_given":               {"给定值", "Given"},
	"zone":                    {"区域", "Zone"},
	"zone_fix":                {"修补区", "Fix first"},
	"zone_strength":           {"优势区", "Strengths"},
	"zone_opportunity":        {"机会区", "Opportunities"},
	"zone_maintain":           {"维持区", "Maintain"},
	"zone_fix_note":           {"重要度高、表现低：优先改进", "high importance, low performance: fix first"},
	"zone_strength_note":      {"重要度高、表现高：继续保持", "high importance, high performance: keep up"},
	"zone_opp_note":           {"重要度低、表现低：暂缓", "low importance, low performance: low priority"},
	"zone_maint_note":         {"重要度低、表现高：可能投入过度", "low importance, high performance: possible overkill"},
	"fix_first":               {"优先改进", "Fix first"},
	"fix_none":                {"修补区没有项目。", "No item falls in the fix-first zone."},
	"fix_gap":                 {"低于表现分界线 %s", "%s below the performance cut"},
	"no_action":               {"无纠正措施", "no corrective action"},
	"fix_cause":               {"四分图修补区：优先改进第 %d 位", "quadrant's fix-first zone: no. %d to fix"},
	"to_plan":                 {"待制定（请指定责任部门）", "to be planned (name an owner)"},
	"gap_note":                {"差距 = 表现分界线 − 项目表现：为正即低于分界线。", "Gap = the performance cut − the item's performance: positive below the line."},
	"gap_pp":                  {"差距（百分点）", "Gap (pp)"},
	"pp":                      {" 个百分点", " percentage points"},
	"pp_short":                {" 个百分点", " pp"},
	"no_col":                  {"序号", "No."},
	"numbered_note":           {"项目较多，图中以序号标注，对应下表。", "Many items: the chart labels them by number, as in the table below."},
	"sec_churn":               {"满意度与投诉、流失", "Satisfaction, complaints and churn"},
	"churn_lead":              {"每位被调查客户的答项合并计算满意度，再与其投诉次数和客户状态对照；每位客户计一次（方法第12节）。", "Each surveyed customer's answers pooled into one degree, set against the customer's complaints and status; each customer counts once (method §12)."},
	"churn_headline":          {"流失客户的平均满意度 %s，保留客户 %s", "Customers we lost rated us %s, those we kept %s"},
	"churn_gap":               {"（相差 %s）", " (a difference of %s)"},
	"welch_line":              {"Welch t 检验（正常对流失）：t = %s，df = %s，p %s，%s（α = %s）。", "Welch's t-test, active against lost: t = %s, df = %s, p %s, %s (α = %s)."},
	"welch_none":              {"正常或流失客户过少，未作检验。", "Too few active or lost customers: not tested."},
	"spearman_line":           {"满意度与投诉次数的 Spearman ρ = %s（n = %d，t = %s，df = %d），p %s，%s（α = %s）。", "Spearman's ρ of degree and complaints = %s (n = %d, t = %s, df = %d), p %s, %s (α = %s)."},
	"spearman_none":           {"客户过少或取值相同，未计算满意度与投诉次数的 Spearman ρ。", "Too few customers, or values all alike: no Spearman ρ of degree and complaints."},
	"presumed":                {"%d 位被调查客户没有状态，按正常计。", "Surveyed customers without a status, counted active: %d."},
	"outside_customers":       {"%d 位有状态的客户没有答卷，不计入。", "Customers with a status but no survey answers, outside the figures: %d."},
	"outside_complaints":      {"%d 起投诉来自没有答卷的客户，不计入。", "Complaints of customers without survey answers, outside the figures: %d."},
	"mean_degree":             {"平均满意度", "Mean degree"},
	"degree_col":              {"满意度", "Degree"},
	"not_tested":              {"不作检验", "not tested"},
	"customer_list":           {"各客户明细（%d 位）", "Customer by customer (%d)"},
	"complaints_n":            {"投诉次数", "Complaints"},
	"customers_unit":          {"%d 位客户", "%d customers"},
	"sec_benchmarks":          {"标杆对比", "Benchmarks"},
	"benchmarks_lead":         {"本公司检查的指标与行业平均、行业领先和世界领先水平比较；差距 = 本公司 − 标杆，按精确值判定高于、持平或低于（方法第12节）。", "The survey's figures against the industry average, the industry leader and the world leader; gap = ours − theirs, standing decided on the exact values (method §12)."},
	"benchmark":               {"标杆", "Benchmark"},
	"benchmark_value":         {"标杆值", "Theirs"},
	"standing":                {"位置", "Standing"},
	"industry_average":        {"行业平均", "Industry average"},
	"industry_leader":         {"行业领先", "Industry leader"},
	"world_leader":            {"世界领先", "World leader"},
	"above":                   {"高于", "above"},
	"level":                   {"持平", "level"},
	"below":                   {"低于", "below"},
}

// named returns the word of a code (an enum's name, a method's name)
// under its prefix, words[prefix+code], or other when there is none (a
// user's own method, a value this package does not know). Every code of
// the package's enums has its word (TestNamedComplete).
func (l lang) named(prefix, code, other string) string {
	if w, ok := words[prefix+code]; ok {
		return w[l]
	}
	return other
}

// t returns the word for key in language l.
func (l lang) t(key string) string {
	w, ok := words[key]
	if !ok {
		// Only reached by a programming error: every key is checked by
		// TestWordsComplete.
		return key
	}
	return w[l]
}

// labels returns every word of language l by key, for the template.
func (l lang) labels() map[string]string {
	m := make(map[string]string, len(words))
	for k, w := range words {
		m[k] = w[l]
	}
	return m
}

// source names a source of answers.
func (l lang) source(s string) string {
	switch s {
	case csat.SourceSurvey:
		return l.t("survey")
	case csat.SourceSelf:
		return l.t("self")
	case csat.SourceCompetitor:
		return l.t("competitor")
	}
	return s
}

// item names an item; "" is all items.
func (l lang) item(s string) string {
	if s == "" {
		return l.t("all_items")
	}
	return s
}

// figureName names a headline figure by its result's label: the
// method's degree and rate by their words, any other scorer's by its own
// label.
func (l lang) figureName(label string) string {
	switch strings.TrimPrefix(label, "overall ") {
	case "degree 满意度", "degree":
		return [2]string{"满意度", "Satisfaction degree"}[l]
	case "rate 满意率", "rate":
		return [2]string{"满意率", "Satisfaction rate"}[l]
	}
	return label
}

// shortFigure is figureName for column heads and legends.
func (l lang) shortFigure(label string) string {
	switch strings.TrimPrefix(label, "overall ") {
	case "degree 满意度", "degree":
		return [2]string{"满意度", "Degree"}[l]
	case "rate 满意率", "rate":
		return [2]string{"满意率", "Rate"}[l]
	}
	return label
}

// level names a level of a scale.
func (l lang) level(lv csat.Level) string {
	if l == langZH && lv.LabelZH != "" {
		return lv.LabelZH
	}
	if lv.Label != "" {
		return lv.Label
	}
	if lv.LabelZH != "" {
		return lv.LabelZH
	}
	return lv.Key
}

// outcome names a complaint outcome.
func (l lang) outcome(o csat.Outcome) string {
	if l == langZH {
		return o.LabelZH()
	}
	return o.Label()
}

// status names a customer's status.
func (l lang) status(s csat.Status) string {
	switch s {
	case csat.Active:
		return [2]string{"正常", "active"}[l]
	case csat.AtRisk:
		return [2]string{"有流失风险", "at risk"}[l]
	case csat.Lost:
		return [2]string{"已流失", "lost"}[l]
	}
	return s.String()
}

// actionKind names an action's kind.
func (l lang) actionKind(k analysis.ActionKind) string {
	switch k {
	case analysis.Corrective:
		return [2]string{"纠正", "corrective"}[l]
	case analysis.Preventive:
		return [2]string{"预防", "preventive"}[l]
	}
	return k.String()
}

// actionStatus names an action's status.
func (l lang) actionStatus(s analysis.ActionStatus) string {
	switch s {
	case analysis.Planned:
		return [2]string{"计划中", "planned"}[l]
	case analysis.InProgress:
		return [2]string{"进行中", "in progress"}[l]
	case analysis.Done:
		return [2]string{"已完成", "done"}[l]
	case analysis.Verified:
		return [2]string{"已验证", "verified"}[l]
	}
	return s.String()
}

// lostPolicy describes a company view's policy for lost customers.
func (l lang) lostPolicy(p analysis.LostPolicy) string {
	switch p.Mode {
	case analysis.LostLowestBand:
		return [2]string{"按最低等级代表分计入", "counted at the lowest band's point"}[l]
	case analysis.LostExclude:
		return [2]string{"不计入", "left out"}[l]
	case analysis.LostAtScore:
		return [2]string{"按 " + p.Score.String() + " 分计入", "counted at " + p.Score.String()}[l]
	}
	return p.Mode.String()
}

// verdict names a test's verdict.
func (l lang) verdict(significant bool) string {
	if significant {
		return l.t("significant")
	}
	return l.t("not_significant")
}

// fontStack is the page's and the charts' font family: system fonts
// only, Chinese fonts first for a Chinese report.
func (l lang) fontStack() string {
	cjk := `"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei"`
	latin := `"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans"`
	if l == langEN {
		return latin + ", " + cjk + ", sans-serif"
	}
	return cjk + ", " + latin + ", sans-serif"
}
