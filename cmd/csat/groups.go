package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

// groupLabels are the words of the form view: forms (答卷, a returned
// questionnaire) apart from answers (答项, one item's level on it).
var groupLabels = map[string][2]string{
	"forms":        {"答卷数", "forms"},
	"blanks":       {"未答", "blank"},
	"form counts":  {"答卷与答项", "forms and answers"},
	"by group":     {"分组比较", "by customer group"},
	"letters":      {"字母", "letters"},
	"small":        {"样本偏少", "small sample"},
	"suppressed":   {"少于 %d 份答卷，不显示", "fewer than %d forms: not shown"},
	"letters note": {"字母相同的组之间差异不显著（α = %s，Holm 校正）", "values sharing a letter do not differ at α = %s (Holm-adjusted)"},
	"differs":      {"%s（%d 份答卷）与 %s（%d 份答卷）差异显著：校正后 p %s", "%s (%d forms) and %s (%d forms) differ: adjusted p %s"},
	"response":     {"回收率", "response rate"},
	"stratum":      {"分层", "stratum"},
	"sent":         {"发放", "sent"},
	"returned":     {"回收", "returned"},
	"under":        {"低于最少回收 %d", "under the minimum of %d"},
	"unplanned":    {"未发放的分层 %s 回收 %d 份，不计入回收率", "stratum %s was sent nothing but returned %d forms: outside the rates"},
	"no stratum":   {"%d 份答卷没有 %s，不计入回收率", "%d forms have no %s: outside the rates"},
	"control":      {"满意率控制图（p 图）", "control chart of the rate (p-chart)"},
	"center":       {"中心线", "centre line"},
	"limits":       {"控制限", "limits"},
	"laney":        {"Laney p′（过度离散 σz = %s）", "Laney p′ (over-dispersed, σz = %s)"},
	"signal":       {"判异", "signal"},
	"above":        {"高于上控制限", "above the upper limit"},
	"below":        {"低于下控制限", "below the lower limit"},
	"run_above":    {"连续 8 点在中心线上方", "8 in a row above the centre"},
	"run_below":    {"连续 8 点在中心线下方", "8 in a row below the centre"},
	"test z":       {"两比例 z 检验", "two-proportion z test"},
	"test t":       {"Welch t 检验", "Welch's t test"},
	"skipped":      {"跳过的列", "columns skipped"},
	"loose":        {"%d 个答项不属于任何答卷（没有表单编号的行）：不统计答卷，也不做分组比较", "%d answers are on no form (rows without a form id): forms are not counted and no breakdown by customer group is made"},
}

func (l language) g(key string) string {
	if v, ok := groupLabels[key]; ok {
		return v[l]
	}
	return l.t(key)
}

// figureName names a breakdown's figure: the method's degree and rate in
// the language, another scorer's label as it is.
func (l language) figureName(label string) string {
	for _, k := range []string{"degree", "rate"} {
		if label == k || strings.HasPrefix(label, k+" ") {
			return l.t(k)
		}
	}
	return label
}

// pValue prints a p-value to four places, "< 0.0001" below that.
func pValue(p decimal.Decimal) string {
	if p.LessThan(decimal.New(1, -4)) {
		return "< 0.0001"
	}
	return "= " + p.StringFixed(4)
}

// writeForms writes the form view of a report: forms, answers and blanks
// per source and item, the breakdowns by customer group, the response
// rate and the control chart. Nothing when the report has no forms.
func writeForms(b *strings.Builder, l language, rep analysis.Report) error {
	if rep.Forms != nil {
		fmt.Fprintf(b, "\n%s\n", l.g("form counts"))
		t := &textTable{right: []bool{false, false, true, true, true}}
		t.add(l.t("source"), l.t("item"), l.g("forms"), l.t("answers"), l.g("blanks"))
		for _, s := range rep.Forms.Sources {
			t.add(l.source(s.Source), l.t("all items"), u(s.Forms), u(s.Answers), u(s.Blanks))
			for _, it := range s.Items {
				t.add("", it.Item, "", u(it.Answers), u(it.Blanks))
			}
		}
		if err := t.write(b); err != nil {
			return err
		}
	}
	for _, bd := range rep.Groups {
		if err := writeBreakdown(b, l, rep, bd); err != nil {
			return err
		}
	}
	if rep.Response != nil {
		if err := writeResponse(b, l, rep.Response); err != nil {
			return err
		}
	}
	if rep.Control != nil {
		return writeControl(b, l, rep.Control)
	}
	return nil
}

func u(n uint64) string { return strconv.FormatUint(n, 10) }

func writeBreakdown(b *strings.Builder, l language, rep analysis.Report, bd analysis.Breakdown) error {
	test := ""
	switch {
	case strings.Contains(bd.Test, "proportion"):
		test = " · " + l.g("test z")
	case strings.Contains(bd.Test, "Welch"):
		test = " · " + l.g("test t")
	}
	fmt.Fprintf(b, "\n%s · %s · %s%s\n", l.g("by group"), bd.Dimension, l.figureName(bd.Figure), test)
	t := &textTable{right: []bool{false, true, true, false, false, false}}
	t.add(bd.Dimension, l.g("forms"), l.figureName(bd.Figure), l.t("interval"), l.g("letters"), "")
	suppress := uint64(analysis.DefaultSuppressBelow)
	if rep.MinSample != nil && rep.MinSample.Suppress > 0 {
		suppress = rep.MinSample.Suppress
	}
	forms := map[string]uint64{}
	for _, v := range bd.Values {
		forms[v.Value] = v.Forms
		score, iv, flag := "—", "", ""
		if v.Score != nil {
			score = v.Score.String()
		}
		if v.Interval != nil {
			iv = v.Interval.String()
		}
		switch v.Sample {
		case analysis.SampleSmall:
			flag = l.g("small")
		case analysis.SampleSuppressed:
			flag = fmt.Sprintf(l.g("suppressed"), suppress)
		}
		t.add(v.Value, u(v.Forms), score, iv, v.Letters, flag)
	}
	if err := t.write(b); err != nil {
		return err
	}
	if len(bd.Pairs) > 0 {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.g("letters note"), bd.Alpha))
	}
	for _, p := range bd.Pairs {
		if p.Significant {
			fmt.Fprintf(b, "  %s\n", fmt.Sprintf(l.g("differs"), p.A, forms[p.A], p.B, forms[p.B], pValue(p.Adjusted)))
		}
	}
	return nil
}

func writeResponse(b *strings.Builder, l language, r *analysis.Response) error {
	fmt.Fprintf(b, "\n%s · %s\n", l.g("response"), r.Dimension)
	t := &textTable{right: []bool{false, true, true, true, false}}
	t.add(r.Dimension, l.g("sent"), l.g("returned"), l.g("response"), "")
	for _, s := range append(append([]analysis.StratumResponse{}, r.Strata...), r.Overall) {
		name, flag := s.Stratum, ""
		if name == "" {
			if l == zh {
				name = "合计"
			} else {
				name = "total"
			}
		}
		if s.UnderMinimum {
			flag = fmt.Sprintf(l.g("under"), r.Minimum)
		}
		t.add(name, u(s.Sent), u(s.Returned), s.Rate.String(), flag)
	}
	if err := t.write(b); err != nil {
		return err
	}
	for _, s := range r.Unplanned {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.g("unplanned"), s.Stratum, s.Returned))
	}
	if r.NoStratum > 0 {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.g("no stratum"), r.NoStratum, r.Dimension))
	}
	return nil
}

func writeControl(b *strings.Builder, l language, c *analysis.ControlChart) error {
	fmt.Fprintf(b, "\n%s · %s %s", l.g("control"), l.g("center"), c.Center)
	if c.Laney {
		fmt.Fprintf(b, " · %s", fmt.Sprintf(l.g("laney"), c.SigmaZ.StringFixed(3)))
	}
	b.WriteString("\n")
	t := &textTable{right: []bool{false, true, true, true, true, false}}
	t.add(l.t("period"), l.t("answers"), l.t("rate"), "LCL", "UCL", l.g("signal"))
	for _, p := range c.Periods {
		sig := ""
		if p.Signal != "" {
			sig = l.g(p.Signal)
		}
		t.add(p.Period, u(p.N), p.Rate.String(), pct(p.Lower), pct(p.Upper), sig)
	}
	return t.write(b)
}

// pct prints a fraction as a percentage to two places ("85.12%").
func pct(d decimal.Decimal) string {
	return d.Shift(2).StringFixed(2) + "%"
}
