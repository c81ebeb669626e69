package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
)

const exampleExplain = `  csat explain testdata/sample
  csat explain -lang en -period 2025H2 testdata/sample

Every figure of the period's report is printed with its derivation, the
numbers substituted the way the method's worked examples are written:
  degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%`

func runExplain(e *env, args []string) error {
	var f inputFlags
	fs := newFlags(e, "explain", "[flags] DIR|ANSWERS", exampleExplain)
	f.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	l, rep, err := buildReport(e, &f, fs.Args())
	if err != nil {
		return err
	}
	return writeExplain(e.stdout, l, rep)
}

// writeExplain prints the derivation of every figure of the report.
func writeExplain(w io.Writer, l language, rep analysis.Report) error {
	var b strings.Builder
	section := func(title string) { fmt.Fprintf(&b, "\n== %s\n", title) }
	derivation := func(r csat.Result) {
		for _, line := range strings.Split(strings.TrimRight(r.Derivation(), "\n"), "\n") {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	fmt.Fprintf(&b, "%s %s · %s %s\n", l.t("period"), rep.Period, l.t("scale"), rep.Scale)
	for _, sf := range rep.Sources {
		for _, it := range append([]analysis.ItemFigures{sf.Overall}, sf.Items...) {
			name := it.Item
			if name == "" {
				name = l.t("all items")
			}
			section(l.source(sf.Source) + " · " + name)
			for _, fg := range it.Figures {
				derivation(fg.Score)
				if fg.Interval != nil {
					fmt.Fprintf(&b, "  %s\n", fg.Interval.Explain())
				}
			}
		}
	}
	if len(rep.Overall) > 0 {
		section(l.t("overall"))
		for _, r := range rep.Overall {
			derivation(r)
		}
	}
	if len(rep.Competitor) > 0 {
		section(l.t("competitor"))
		for _, c := range rep.Competitor {
			name := c.Item
			if name == "" {
				name = l.t("all items")
			}
			fmt.Fprintf(&b, "  %s\n    %s\n    %s\n", name, c.Degree.Explain(), c.Rate.Explain())
		}
	}
	if rep.Trend != nil {
		section("trend · " + l.source(rep.Trend.Source))
		for _, p := range rep.Trend.Points {
			fmt.Fprintf(&b, "  %s: %s, %s\n", p.Period, p.Degree.Explain(), p.Rate.Explain())
			for _, c := range []*analysis.Change{p.VsPrevious, p.VsBaseline} {
				if c != nil {
					fmt.Fprintf(&b, "    vs %s: %s\n    vs %s: %s\n", c.Against, c.Degree.Explain(), c.Against, c.Rate.Explain())
				}
			}
		}
		derivation(rep.Trend.DegreeSlope)
		derivation(rep.Trend.RateSlope)
	}
	if len(rep.Targets) > 0 {
		section(l.t("target"))
		for _, tf := range rep.Targets {
			derivation(tf.Target.Target)
			fmt.Fprintf(&b, "  %s: %s (met: %t)\n", tf.Against, tf.Current.Explain(), tf.Met)
		}
	}
	if rep.Company != nil {
		section(l.t("company mean"))
		derivation(rep.Company.Mean)
	}
	for _, cs := range rep.Customers {
		section(l.t("customer") + " " + cs.ID)
		for _, line := range strings.Split(strings.TrimRight(cs.Explain(), "\n"), "\n") {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	if c := rep.Complaints; c != nil {
		section("complaints 投诉")
		for _, r := range []csat.Result{c.WithinLimit, c.Response.MedianHours, c.Response.P90Hours,
			c.Resolution.MedianHours, c.Resolution.P90Hours, c.Dissatisfied, c.VoiceElsewhere, c.Silent,
			c.ExpectedLost, c.ExpectedReturns, c.WordOfMouth} {
			if r.Label() != "" || r.Formula() != "" {
				derivation(r)
			}
		}
	}
	if len(rep.Segments) > 0 {
		section(l.t("class"))
		for _, a := range rep.Segments {
			fmt.Fprintf(&b, "  %s %s: %s\n", a.ID, a.Class, a.Value.Explain())
		}
		for _, cl := range rep.Classes {
			fmt.Fprintf(&b, "  %s: %s; %s\n", cl.Class, cl.Value.Explain(), cl.Share.Explain())
		}
	}
	for _, warn := range rep.Warnings {
		fmt.Fprintf(&b, "%s: %s\n", l.t("warnings"), warn)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
