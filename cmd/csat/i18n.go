package main

import "strings"

// A language is the language of the command's labels.
type language int

const (
	zh language = iota
	en
)

func lang(s string) (language, error) {
	switch strings.ToLower(s) {
	case "zh", "zh-cn", "cn", "":
		return zh, nil
	case "en", "en-us", "en-gb":
		return en, nil
	}
	return zh, usagef("-lang %q: want zh or en", s)
}

// labels holds the command's words in both languages.
var labels = map[string][2]string{
	"period":           {"期间", "period"},
	"scale":            {"量表", "scale"},
	"status only":      {"只有状态、不计分的客户（用于流失分析）", "customers with a status only, not scored (for the churn analysis)"},
	"scale_five-point": {"五级评分（10/8/6/4/2分）", "five levels (10/8/6/4/2 points)"},
	"scale_pvc-bands":  {"五档百分制（0–100）", "five bands (0–100)"},
	"source":           {"来源", "source"},
	"item":             {"项目", "item"},
	"answers":          {"答项数", "answers"},
	"degree":           {"满意度", "degree"},
	"rate":             {"满意率", "rate"},
	"interval":         {"95%置信区间", "95% interval"},
	"all items":        {"全部项目", "all items"},
	"overall":          {"整体满意度（自评40% + 检查60%）", "overall (40% self-assessment + 60% survey)"},
	"survey":           {"检查", "survey"},
	"self":             {"自评", "self-assessment"},
	"competitor":       {"竞争对手", "competitor"},
	"customer":         {"客户", "customer"},
	"final":            {"最终得分", "final score"},
	"questionnaire":    {"问卷", "questionnaire"},
	"visit":            {"走访", "visit"},
	"preliminary":      {"初步得分", "preliminary"},
	"band":             {"等级", "band"},
	"status":           {"状态", "status"},
	"company mean":     {"公司平均", "company mean"},
	"value":            {"价值", "value"},
	"class":            {"类别", "class"},
	"count":            {"客户数", "customers"},
	"share":            {"价值占比", "share of value"},
	"rank":             {"排名", "rank"},
	"due":              {"下次调查", "next survey due"},
	"key":              {"重点客户", "key customer"},
	"overdue":          {"已逾期", "overdue"},
	"target":           {"目标（平均先进指标）", "target (average-advanced)"},
	"mean":             {"平均值", "mean"},
	"warnings":         {"注意", "warnings"},
	"rows":             {"行", "rows"},
	"sheet":            {"工作表", "sheet"},
	"accepted":         {"接受", "accepted"},
	"rejected":         {"拒绝", "rejected"},

	// The form view: forms (答卷, a returned questionnaire) apart from
	// answers (答项, one item's level on it).
	"forms":              {"答卷数", "forms"},
	"blanks":             {"未答", "blank"},
	"form counts":        {"答卷与答项", "forms and answers"},
	"by group":           {"分组比较", "by customer group"},
	"letters":            {"字母", "letters"},
	"small":              {"样本偏少", "small sample"},
	"suppressed":         {"少于 %d 份答卷，不显示", "fewer than %d forms: not shown"},
	"letters note":       {"字母相同的组之间差异不显著（α = %s，Holm 校正）", "values sharing a letter do not differ at α = %s (Holm-adjusted)"},
	"differs":            {"%s（%d 份答卷）与 %s（%d 份答卷）差异显著：校正后 p %s", "%s (%d forms) and %s (%d forms) differ: adjusted p %s"},
	"response":           {"回收率", "response rate"},
	"stratum":            {"分层", "stratum"},
	"sent":               {"发放", "sent"},
	"returned":           {"回收", "returned"},
	"under":              {"低于最少回收 %d", "under the minimum of %d"},
	"unplanned":          {"未发放的分层 %s 回收 %d 份，不计入回收率", "stratum %s was sent nothing but returned %d forms: outside the rates"},
	"no stratum":         {"%d 份答卷没有 %s，不计入回收率", "%d forms have no %s: outside the rates"},
	"control":            {"满意率控制图（p 图）", "control chart of the rate (p-chart)"},
	"center":             {"中心线", "centre line"},
	"limits":             {"控制限", "limits"},
	"laney":              {"Laney p′（过度离散 σz = %s）", "Laney p′ (over-dispersed, σz = %s)"},
	"signal":             {"判异", "signal"},
	"above":              {"高于上控制限", "above the upper limit"},
	"below":              {"低于下控制限", "below the lower limit"},
	"run_above":          {"连续 8 点在中心线上方", "8 in a row above the centre"},
	"run_below":          {"连续 8 点在中心线下方", "8 in a row below the centre"},
	"test z":             {"两比例 z 检验", "two-proportion z test"},
	"test t":             {"Welch t 检验", "Welch's t test"},
	"skipped":            {"跳过的列", "columns skipped"},
	"complaints outside": {"%d 起投诉（共 %d 起）不在期间 %s（%s 至 %s）内收到，不计入本期", "%d of %d complaints were received outside period %s (%s to %s) and are left out of it"},
	"loose":              {"%d 个答项不属于任何答卷（没有表单编号的行）：不统计答卷，也不做分组比较", "%d answers are on no form (rows without a form id): forms are not counted and no breakdown by customer group is made"},
	// What to fix first (issue 20).
	"importance":                  {"重要度", "importance"},
	"importance stated":           {"陈述重要度", "stated importance"},
	"importance correlation":      {"相关系数（与总体满意度）", "correlation with the overall question"},
	"importance shapley":          {"Shapley 分解（LMG）", "Shapley decomposition (LMG)"},
	"importance relative_weights": {"相对权重（Johnson）", "relative weights (Johnson)"},
	"importance forms":            {"依据 %d 份答卷", "from %d forms"},
	"deletion listwise":           {"仅用各项均已作答的答卷", "complete forms only (listwise)"},
	"deletion pairwise":           {"逐对使用已作答的答卷", "pairwise deletion"},
	"target item_rest":            {"无总体满意度题：以其余项目均值代替", "no overall question: the mean of the other items instead"},
	"pairwise fallback":           {"没有一份答卷答全所有项目和总体满意度：重要度改为逐对使用已作答的答卷（-deletion pairwise）", "no form answered every item and the overall question: importance reads each pair's forms instead (-deletion pairwise)"},
	"importance value":            {"重要度", "importance"},
	"quadrant":                    {"四分图（重要度—满意度）", "importance–performance quadrant"},
	"importance cut":              {"重要度分界", "importance cut"},
	"performance cut":             {"满意度分界", "performance cut"},
	"cut mean":                    {"均值", "mean"},
	"cut median":                  {"中位数", "median"},
	"cut given":                   {"给定值", "given"},
	"performance":                 {"满意度", "performance"},
	"zone":                        {"区域", "zone"},
	"zone fix":                    {"修补区", "fix first"},
	"zone strength":               {"优势区", "strength"},
	"zone opportunity":            {"机会区", "opportunity"},
	"zone maintain":               {"维持区", "maintain"},
	"gap":                         {"差距", "gap"},
	"gap pp":                      {"差距（百分点）", "gap (pp)"},
	"gap note":                    {"差距 = 满意度分界 − 项目满意度（百分点）；为正即低于分界线", "gap = the performance cut − the item's performance, in percentage points; positive below the line"},
	"fix first":                   {"优先改进", "fix first"},
	"list sep":                    {"、", ", "},
	"churn":                       {"满意度与投诉、流失", "satisfaction, complaints and churn"},
	"status active":               {"正常", "active"},
	"status at_risk":              {"风险", "at risk"},
	"status lost":                 {"流失", "lost"},
	"customers":                   {"客户数", "customers"},
	"mean degree":                 {"平均满意度", "mean degree"},
	"not tested":                  {"客户过少，不检验", "too few customers: not tested"},
	"churn test":                  {"流失客户的平均满意度 %s，保留客户 %s（Welch t = %s，df = %s，p %s，%s）", "customers we lost rated us %s, those we kept %s (Welch t = %s, df = %s, p %s, %s)"},
	"spearman":                    {"满意度与投诉次数的 Spearman ρ = %s（%d 个客户，p %s，%s）", "Spearman ρ of degree and complaints = %s (%d customers, p %s, %s)"},
	"significant":                 {"差异显著", "significant"},
	"not significant":             {"不显著", "not significant"},
	"presumed":                    {"%d 个受访客户没有状态，按正常计", "%d surveyed customers have no status: counted active"},
	"outside":                     {"%d 个有状态的客户没有答卷，%d 起投诉来自没有答卷的客户：均不计入", "%d customers with a status returned no form and %d complaints are by customers without a form: outside the figures"},
	"benchmarks":                  {"标杆对比", "benchmarks"},
	"figure":                      {"指标", "figure"},
	"ours":                        {"本公司", "ours"},
	"benchmark":                   {"标杆", "benchmark"},
	"benchmark value":             {"标杆值", "value"},
	"benchmark industry_average":  {"行业平均", "industry average"},
	"benchmark industry_leader":   {"行业领先", "industry leader"},
	"benchmark world_leader":      {"世界领先", "world leader"},
	"standing above":              {"高于", "above"},
	"standing level":              {"持平", "level"},
	"standing below":              {"低于", "below"},
}

// code returns the language's code: "zh" or "en".
func (l language) code() string {
	if l == en {
		return "en"
	}
	return "zh"
}

// t returns the label of key in language l.
func (l language) t(key string) string {
	if v, ok := labels[key]; ok {
		return v[l]
	}
	return key
}

// sourceLabel returns a source's label.
func (l language) source(s string) string {
	switch s {
	case "survey", "self", "competitor":
		return l.t(s)
	}
	return s
}

// scaleName names the method's scales in the output's language; another
// scale by its name.
func (l language) scaleName(name string) string {
	if _, ok := labels["scale_"+name]; ok {
		return l.t("scale_" + name)
	}
	return name
}
