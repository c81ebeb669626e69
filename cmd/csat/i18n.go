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
	"period":        {"期间", "period"},
	"scale":         {"量表", "scale"},
	"source":        {"来源", "source"},
	"item":          {"项目", "item"},
	"answers":       {"答项数", "answers"},
	"degree":        {"满意度", "degree"},
	"rate":          {"满意率", "rate"},
	"interval":      {"95%置信区间", "95% interval"},
	"all items":     {"全部项目", "all items"},
	"overall":       {"整体满意度（自评40% + 检查60%）", "overall (40% self-assessment + 60% survey)"},
	"survey":        {"检查", "survey"},
	"self":          {"自评", "self-assessment"},
	"competitor":    {"竞争对手", "competitor"},
	"customer":      {"客户", "customer"},
	"final":         {"最终得分", "final score"},
	"questionnaire": {"问卷", "questionnaire"},
	"visit":         {"走访", "visit"},
	"preliminary":   {"初步得分", "preliminary"},
	"band":          {"等级", "band"},
	"status":        {"状态", "status"},
	"company mean":  {"公司平均", "company mean"},
	"value":         {"价值", "value"},
	"class":         {"类别", "class"},
	"count":         {"客户数", "customers"},
	"share":         {"价值占比", "share of value"},
	"rank":          {"排名", "rank"},
	"due":           {"下次调查", "next survey due"},
	"key":           {"重点客户", "key customer"},
	"overdue":       {"已逾期", "overdue"},
	"target":        {"目标（平均先进指标）", "target (average-advanced)"},
	"mean":          {"平均值", "mean"},
	"warnings":      {"注意", "warnings"},
	"rows":          {"行", "rows"},
	"sheet":         {"工作表", "sheet"},
	"accepted":      {"接受", "accepted"},
	"rejected":      {"拒绝", "rejected"},
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
