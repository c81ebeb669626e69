package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/importance"
)

// writeDrivers writes what to fix first: the items' importance, the
// importance–performance quadrant (四分图) with the items to fix first,
// satisfaction against complaints and churn, and the benchmarks.
func writeDrivers(b *strings.Builder, l language, rep analysis.Report) error {
	if rep.Importance != nil {
		if err := writeImportance(b, l, rep.Importance); err != nil {
			return err
		}
	}
	if rep.Quadrant != nil {
		if err := writeQuadrant(b, l, rep.Quadrant); err != nil {
			return err
		}
	}
	if rep.Churn != nil {
		if err := writeChurn(b, l, rep.Churn); err != nil {
			return err
		}
	}
	if len(rep.Benchmarks) > 0 {
		return writeBenchmarks(b, l, rep.Benchmarks)
	}
	return nil
}

// methodName names an importance method in the language; a user's own
// by its name.
func (l language) methodName(m string) string {
	if v, ok := labels["importance "+m]; ok {
		return v[l]
	}
	return m
}

func writeImportance(b *strings.Builder, l language, s *importance.Set) error {
	fmt.Fprintf(b, "\n%s · %s\n", l.t("importance"), l.methodName(s.Method))
	var about []string
	if s.Forms > 0 {
		about = append(about, fmt.Sprintf(l.t("importance forms"), s.Forms))
	}
	if s.Deletion != "" {
		about = append(about, l.t("deletion "+s.Deletion))
	}
	if s.Target == "item_rest" {
		about = append(about, l.t("target item_rest"))
	}
	if s.R2 != nil {
		about = append(about, "R² "+s.R2.String())
	}
	if len(about) > 0 {
		fmt.Fprintf(b, "%s\n", strings.Join(about, " · "))
	}
	intervals := slices.ContainsFunc(s.Items, func(it importance.Item) bool { return it.Interval != nil })
	t := &textTable{right: []bool{true, false, true, false}}
	head := []string{l.t("rank"), l.t("item"), l.t("importance value")}
	if intervals {
		head = append(head, l.t("interval"))
	}
	t.add(head...)
	for _, it := range s.Items {
		row := []string{fmt.Sprint(it.Rank), it.Item, it.Value.String()}
		if intervals {
			iv := ""
			if it.Interval != nil {
				iv = it.Interval.String()
			}
			row = append(row, iv)
		}
		t.add(row...)
	}
	return t.write(b)
}

func writeQuadrant(b *strings.Builder, l language, q *analysis.QuadrantReport) error {
	fmt.Fprintf(b, "\n%s · %s\n", l.t("quadrant"), l.methodName(q.Method))
	fmt.Fprintf(b, "%s: %s %s · %s: %s %s\n", l.t("importance cut"), l.t("cut "+q.Importance.Rule.String()), q.Importance.Value,
		l.t("performance cut"), l.t("cut "+q.Performance.Rule.String()), q.Performance.Value)
	t := &textTable{right: []bool{false, true, true, false, true}}
	t.add(l.t("item"), l.t("importance value"), l.t("performance"), l.t("zone"), l.t("gap pp"))
	for _, it := range q.Items {
		t.add(it.Item, it.Importance.String(), it.Performance.String(), l.t("zone "+it.Zone.String()), points(it.Gap))
	}
	if err := t.write(b); err != nil {
		return err
	}
	fmt.Fprintf(b, "%s\n", l.t("gap note"))
	if len(q.FixFirst) > 0 {
		fmt.Fprintf(b, "%s: %s\n", l.t("fix first"), strings.Join(q.FixFirst, l.t("list sep")))
	}
	return nil
}

func writeChurn(b *strings.Builder, l language, c *analysis.ChurnFigures) error {
	fmt.Fprintf(b, "\n%s\n", l.t("churn"))
	t := &textTable{right: []bool{false, true, true, false}}
	t.add(l.t("status"), l.t("customers"), l.t("mean degree"), "")
	for _, s := range c.Statuses {
		mean, flag := "—", ""
		if s.Mean != nil {
			mean = s.Mean.String()
		}
		if s.Sample == analysis.SampleSuppressed {
			flag = l.t("not tested")
		}
		t.add(l.t("status "+s.Status.String()), u(s.Customers), mean, flag)
	}
	if err := t.write(b); err != nil {
		return err
	}
	if c.Test != nil {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.t("churn test"), c.Test.Theirs, c.Test.Ours, c.Test.Statistic.StringFixed(4), c.Test.DF.StringFixed(2), pValue(c.Test.PValue), l.verdict(c.Test.Significant)))
	}
	if s := c.Spearman; s != nil {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.t("spearman"), s.Rho.Format(4), s.N, pValue(s.PValue), l.verdict(s.Significant)))
	}
	if c.Presumed > 0 {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.t("presumed"), c.Presumed))
	}
	if c.OutsideCustomers > 0 || c.OutsideComplaints > 0 {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(l.t("outside"), c.OutsideCustomers, c.OutsideComplaints))
	}
	return nil
}

// verdict words a test's outcome.
func (l language) verdict(significant bool) string {
	if significant {
		return l.t("significant")
	}
	return l.t("not significant")
}

func writeBenchmarks(b *strings.Builder, l language, gs []analysis.BenchmarkGap) error {
	fmt.Fprintf(b, "\n%s\n", l.t("benchmarks"))
	t := &textTable{right: []bool{false, false, true, false, true, true, false}}
	t.add(l.t("figure"), l.t("item"), l.t("ours"), l.t("benchmark"), l.t("benchmark value"), l.t("gap pp"), "")
	for _, g := range gs {
		item := g.Item
		if item == "" {
			item = l.t("all items")
		}
		t.add(l.figureName(g.Figure), item, g.Ours.String(), l.t("benchmark "+g.Kind.String()), g.Theirs.String(), points(g.Gap), l.t("standing "+g.Standing.String()))
	}
	return t.write(b)
}

// points prints a difference of two fractions in percentage points,
// signed, without the % sign the column's head replaces: +1.2, ≈+0.09,
// ≈-6.17, 0. Any other kind of result prints as signed does.
func points(r csat.Result) string {
	if r.Kind() != csat.Fraction {
		return signed(r)
	}
	return strings.TrimSuffix(signed(r), "%")
}

// signed prints a difference with its sign: +1.2%, ≈+0.09%, ≈-6.17%, 0%.
func signed(r csat.Result) string {
	s := r.String()
	if !r.Value().IsPositive() {
		return s
	}
	if rest, ok := strings.CutPrefix(s, "≈"); ok {
		return "≈+" + rest
	}
	return "+" + s
}
