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
	// The satisfaction index model (csat index, issue 24).
	"construct Image":                 {"企业形象", "Image"},
	"construct Expectation":           {"顾客期望", "Expectation"},
	"construct Quality":               {"感知质量", "Quality"},
	"construct Value":                 {"感知价值", "Value"},
	"construct Satisfaction":          {"顾客满意", "Satisfaction"},
	"construct Complaints":            {"顾客抱怨", "Complaints"},
	"construct Loyalty":               {"顾客忠诚", "Loyalty"},
	"index period latest":             {"期间 %s（文件中 %d 个期间里最新的一个；用 --period 指定其他期间）", "period %s (the latest of the file's %d periods; --period NAME for another)"},
	"index model":                     {"模型", "model"},
	"index model file":                {"模型文件", "model file"},
	"index scale numeric":             {"%s–%s 分（按数值计分）", "numbers %s–%s"},
	"index forms":                     {"答卷 %d 份，用于估计 %d 份", "%d forms, %d used"},
	"index iterations":                {"迭代 %d 次收敛", "converged in %d iterations"},
	"index missing mean replacement":  {"缺答以该指标的均值替代", "blanks replaced by the indicator's mean"},
	"index missing casewise deletion": {"只用答全所有指标的答卷（整卷删除）", "only forms complete on every indicator (casewise deletion)"},
	"index scheme path":               {"内部权重：路径加权", "path weighting"},
	"index scheme centroid":           {"内部权重：质心法", "centroid weighting"},
	"index scheme factorial":          {"内部权重：因子法", "factorial weighting"},
	"index other sources":             {"%d 份其他来源（自评、竞争对手等）的答卷不计入指数", "%d forms of other sources (self-assessment, competitor, …) are left out of the index"},
	"index blanks mean replacement":   {"以下指标在超过 5%% 的答卷中未答，均值替代会压低它们的方差和相关：%s", "indicators blank on more than 5%% of the forms, whose variance and correlations mean replacement flattens: %s"},
	"index blanks casewise deletion":  {"以下指标在超过 5%% 的答卷中未答，整卷删除舍弃了这些答卷：%s", "indicators blank on more than 5%% of the forms, each of which casewise deletion drops: %s"},
	"index construct":                 {"潜变量", "construct"},
	"index index":                     {"指数", "index"},
	"index interval":                  {"%s%%置信区间", "%s%% interval"},
	"index index note":                {"指数：0 为量表最低分，100 为最高分；— 表示没有原因变量（R²）或只有一个指标（信度）", "index: 0 at the scale's lowest points, 100 at its highest; — where a construct has no cause (R²) or one indicator (reliability)"},
	"index weak":                      {"* 低于经验阈值（α、ρc ≥ 0.7，AVE ≥ 0.5）：信度或收敛效度不足", "* below the usual threshold (α and ρc ≥ 0.7, AVE ≥ 0.5): weak reliability or convergent validity"},
	"index paths":                     {"路径系数（标准化）", "path coefficients (standardised)"},
	"index path":                      {"路径", "path"},
	"index coefficient":               {"系数", "coefficient"},
	"index ns":                        {"不显著", "not significant"},
	"index ns note":                   {"不显著：%s%%置信区间含 0", "not significant: the %s%% interval holds 0"},
	"index htmt none":                 {"HTMT：没有超过 %s 的潜变量对（区分效度良好）", "HTMT: no pair of constructs over %s (they are distinct)"},
	"index htmt undefined":            {"HTMT：%d 个潜变量对无法计算（某潜变量的指标彼此不相关）", "HTMT: %d pairs of constructs have no ratio (a construct's indicators are uncorrelated with each other)"},
	"index htmt over":                 {"HTMT 超过 %s 的潜变量对（区分效度不足）：", "HTMT over %s (constructs not distinct):"},
	"index ipma":                      {"重要性—表现分析（IPMA），目标潜变量：%s", "importance–performance map (IPMA), target %s"},
	"index importance":                {"重要性（总效应）", "importance (total effect)"},
	"index performance":               {"表现（指数）", "performance (index)"},
	"index ipma note":                 {"重要性：该潜变量的指数提高 1 分时，目标潜变量的指数提高的分数", "importance: the points the target's index gains when the construct's index gains one"},
	"index no boot":                   {"未做自助抽样（--boot 0）：没有置信区间", "no bootstrap (--boot 0): no intervals"},
	"index boot":                      {"自助抽样（bootstrap）%d 次，种子 %d，重抽 %d 次（无法估计的样本重新抽取）；区间为 %s%% 百分位区间", "bootstrap: %d resamples, seed %d, %d redrawn (resamples that could not be estimated, drawn again); %s%% percentile intervals"},
	"index bad scale":                 {"--scale 的值%s不可用：要填 five（五级：很满意…很不满意）或数值量表 LO-HI，如 1-10、0-10、1-7（最多 16 级）", "--scale %s is not accepted: give five (the five levels, very satisfied … very dissatisfied) or a numeric scale LO-HI such as 1-10, 0-10, 1-7 (at most 16 levels)"},
	"index scale hint numeric":        {"答案是数字：数值量表请加上 --scale LO-HI，如 --scale 1-10", "the answers are numbers: for a numeric scale give --scale LO-HI, such as --scale 1-10"},
	"index scale hint five":           {"答案是五级量表的等级：请去掉 --scale（默认 five）", "the answers are levels of the five-level scale: leave out --scale (five is the default)"},
	"index bad scheme":                {"--scheme 的值%s不可用；可用：path（路径加权）、centroid（质心法）或 factorial（因子法）", "--scheme %s is not accepted; use path, centroid or factorial"},
	"index bad missing":               {"--missing 的值%s不可用；可用：mean（均值替代）或 casewise（整卷删除）", "--missing %s is not accepted; use mean or casewise"},
	"index bad boot":                  {"--boot 的值 %d 不可用：要填 0（不做自助抽样）到 %d 之间的整数", "--boot %d is not accepted: give 0 (no bootstrap) up to %d resamples"},
	"index bad workers":               {"--workers 的值 %d 不可用：要填 0（所有 CPU）到 1024 之间的整数", "--workers %d is not accepted: give 0 (every CPU) up to 1024"},
	"index bad level":                 {"--level 的值%s不可用：要填 0 与 1 之间的数，如 0.95", "--level %s is not accepted: give a number between 0 and 1, such as 0.95"},
	"index html json":                 {"--html - 与 --json 都写到标准输出：只能选一个", "--html - and --json both write standard output: give one"},
	"index bad model":                 {"--model 的值%s既不是模型名称（ecsi、acsi），也不是存在的模型文件", "--model %s is neither a model name (ecsi, acsi) nor a model file that exists"},
	"index model too big":             {"模型文件 %s 有 %d 字节，超过 %d 字节的上限", "the model file %s is %d bytes, more than %d"},
	"index model line":                {"模型文件 %s 第 %s 行：%s。每行写一条：“潜变量 =~ 指标1 + 指标2” 或 “潜变量 ~ 原因1 + 原因2”", "model file %s, line %s: %s. Write one statement a line: \"C =~ a + b\" or \"C ~ A + B\""},
	"index model bad":                 {"模型文件 %s：%s", "model file %s: %s"},
	"index bad target":                {"--target 的值%s不是模型的潜变量；模型的潜变量有：%s", "--target %s is no construct of the model; its constructs are: %s"},
	"index add failed":                {"%d 份答卷无法用于自助抽样：", "%d forms cannot be held for the bootstrap:"},
	"index add more":                  {"……另有 %d 份", "… and %d more"},
	"index no forms loose":            {"%s：期间 %s 的答案不属于任何答卷：指数要从答卷估计。请给长表加上表单编号列，或用宽表（每行一份答卷）", "%s: the answers of period %s are on no form, and the index is estimated from forms: add a form id column (form_id) to the long file, or use the wide layout (a form a row)"},
	"index no forms":                  {"%s：期间 %s 没有检查来源的答卷", "%s: period %s has no survey forms"},
	"index estimate failed":           {"无法估计模型：%s", "the model cannot be estimated: %s"},
	"index zero variance":             {"有指标的答案全部相同（方差为 0），无法标准化", "an indicator with one answer only"},
	"index singular":                  {"潜变量共线，回归没有唯一解", "collinear constructs"},
	"index no convergence":            {"迭代未收敛", "no convergence"},
	"index missing indicators":        {"数据中没有模型的 %d 个指标（共 %d 个）：%s；数据的题目有：%s。请用 --model 给出指标名与答卷列名一致的模型文件", "the data lack %d of the model's %d indicators: %s; the data's items are: %s. Give --model a model file whose indicators are the answers' column headers"},
	"index missing indicators period": {"数据中没有模型的 %d 个指标（共 %d 个）：%s；期间 %s 的题目有：%s。请用 --model 给出指标名与答卷列名一致的模型文件", "the data lack %d of the model's %d indicators: %s; the items of period %s are: %s. Give --model a model file whose indicators are the answers' column headers"},
	"index overall column":            {"名为“总体满意度”“总体评价”或 overall 的列读作总体满意度题，不算题目：要把它作为指标，请在答卷文件和模型文件中把它改名（如“总体满意”）", "a column headed overall, 总体满意度 or 总体评价 is read as the overall question, not as an item: to make it an indicator, rename it in the answers file and in the model file (e.g. overall_sat)"},
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
