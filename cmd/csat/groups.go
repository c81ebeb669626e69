package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csatkit/csat/analysis"
	"github.com/shopspring/decimal"
)

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
		fmt.Fprintf(b, "\n%s\n", l.t("form counts"))
		t := &textTable{right: []bool{false, false, true, true, true}}
		t.add(l.t("source"), l.t("item"), l.t("forms"), l.t("answers"), l.t("blanks"))
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
		test = " · " + l.t("test z")
	case strings.Contains(bd.Test, "Welch"):
		test = " · " + l.t("test t")
	}
	fmt.Fprintf(b, "\n%s · %s · %s%s\n", l.t("by group"), bd.Dimension, l.figureName(bd.Figure), test)
	t := &textTable{right: []bool{false, true, true, false, false, false}}
	t.add(bd.Dimension, l.t("forms"), l.figureName(bd.Figure), l.t("interval"), l.t("letters"), "")
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
			flag = l.t("small")
		case analysis.SampleSuppressed:
			flag = fmt.Sprintf(l.t("suppressed"), suppress)
		}
		t.add(v.Value, u(v.Forms), score, iv, v.Letters, flag)
	}
	if err := t.write(b); err != nil {
		return err
	}
	if len(bd.Pairs) > 0 {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.t("letters note"), bd.Alpha))
	}
	for _, p := range bd.Pairs {
		if p.Significant {
			fmt.Fprintf(b, "  %s\n", fmt.Sprintf(l.t("differs"), p.A, forms[p.A], p.B, forms[p.B], pValue(p.Adjusted)))
		}
	}
	return nil
}

func writeResponse(b *strings.Builder, l language, r *analysis.Response) error {
	fmt.Fprintf(b, "\n%s · %s\n", l.t("response"), r.Dimension)
	t := &textTable{right: []bool{false, true, true, true, false}}
	t.add(r.Dimension, l.t("sent"), l.t("returned"), l.t("response"), "")
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
			flag = fmt.Sprintf(l.t("under"), r.Minimum)
		}
		t.add(name, u(s.Sent), u(s.Returned), s.Rate.String(), flag)
	}
	if err := t.write(b); err != nil {
		return err
	}
	for _, s := range r.Unplanned {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.t("unplanned"), s.Stratum, s.Returned))
	}
	if r.NoStratum > 0 {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.t("no stratum"), r.NoStratum, r.Dimension))
	}
	return nil
}

func writeControl(b *strings.Builder, l language, c *analysis.ControlChart) error {
	fmt.Fprintf(b, "\n%s · %s %s", l.t("control"), l.t("center"), c.Center)
	if c.Laney {
		fmt.Fprintf(b, " · %s", fmt.Sprintf(l.t("laney"), c.SigmaZ.StringFixed(3)))
	}
	b.WriteString("\n")
	t := &textTable{right: []bool{false, true, true, true, true, false}}
	t.add(l.t("period"), l.t("answers"), l.t("rate"), "LCL", "UCL", l.t("signal"))
	for _, p := range c.Periods {
		sig := ""
		if p.Signal != "" {
			sig = l.t(p.Signal)
		}
		t.add(p.Period, u(p.N), p.Rate.String(), pct(p.Lower), pct(p.Upper), sig)
	}
	return t.write(b)
}

// pct prints a fraction as a percentage to two places ("85.12%").
func pct(d decimal.Decimal) string {
	return d.Shift(2).StringFixed(2) + "%"
}
