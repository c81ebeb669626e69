package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/spf13/pflag"
)

const exampleExplain = `  csat explain testdata/sample
  csat explain testdata/sample --lang en --period 2025H2

Every figure of the period's report is printed with its derivation, the
numbers substituted the way the method's worked examples are written:
  degree 满意度 = (10×10 + 5×8 + 6×6 + 3×4 + 1×2) / (25×10) = 190/250 = 76%`

func explainCommand(fs *pflag.FlagSet) runner {
	var f inputFlags
	f.register(fs)
	return func(e *env, args []string) error {
		l, rep, err := buildReport(e, &f, args, nil)
		if err != nil {
			return err
		}
		return writeExplain(e.stdout, l, rep)
	}
}

// writeExplain prints the derivation of every figure of the report.
func writeExplain(w io.Writer, l language, rep analysis.Report) error {
	x := &explainer{l: l}
	fmt.Fprintf(&x.b, "%s %s · %s %s\n", l.t("period"), escapeName(rep.Period), l.t("scale"), escapeName(l.scaleName(rep.Scale)))
	x.figures(rep)
	x.analysis(rep)
	x.customers(rep)
	cautions, err := htmlreport.Cautions(rep.Cautions, l.code())
	if err != nil {
		return err
	}
	for _, warn := range append(cautions, rep.Warnings...) {
		fmt.Fprintf(&x.b, "%s: %s\n", l.t("warnings"), warn)
	}
	_, err = io.WriteString(w, escapeText(x.b.String()))
	return err
}

// explainer writes the derivations of a report in a language.
type explainer struct {
	b strings.Builder
	l language
}

// section starts a section of the given title.
func (x *explainer) section(title string) { fmt.Fprintf(&x.b, "\n== %s\n", escapeName(title)) }

// derivation writes the derivation of r, indented.
func (x *explainer) derivation(r csat.Result) {
	for _, line := range strings.Split(strings.TrimRight(r.Derivation(), "\n"), "\n") {
		fmt.Fprintf(&x.b, "  %s\n", line)
	}
}

// figures writes the figures of every source and item, then the blended
// overall figures.
func (x *explainer) figures(rep analysis.Report) {
	l := x.l
	for _, sf := range rep.Sources {
		for _, it := range append([]analysis.ItemFigures{sf.Overall}, sf.Items...) {
			name := it.Item
			if name == "" {
				name = l.t("all items")
			}
			x.section(l.source(sf.Source) + " · " + name)
			for _, fg := range it.Figures {
				x.derivation(fg.Score)
				if fg.Interval != nil {
					fmt.Fprintf(&x.b, "  %s\n", fg.Interval.Explain())
				}
			}
		}
	}
	if len(rep.Overall) > 0 {
		x.section(l.t("overall"))
		for _, r := range rep.Overall {
			x.derivation(r)
		}
	}
}

// analysis writes the comparison with the competitor, the trend and the
// targets.
func (x *explainer) analysis(rep analysis.Report) {
	l := x.l
	if len(rep.Competitor) > 0 {
		x.section(l.t("competitor"))
		for _, c := range rep.Competitor {
			name := c.Item
			if name == "" {
				name = l.t("all items")
			}
			fmt.Fprintf(&x.b, "  %s\n    %s\n    %s\n", escapeName(name), c.Degree.Explain(), c.Rate.Explain())
		}
	}
	if rep.Trend != nil {
		x.section("trend · " + l.source(rep.Trend.Source))
		for _, p := range rep.Trend.Points {
			fmt.Fprintf(&x.b, "  %s: %s, %s\n", escapeName(p.Period), p.Degree.Explain(), p.Rate.Explain())
			for _, c := range []*analysis.Change{p.VsPrevious, p.VsBaseline} {
				if c != nil {
					fmt.Fprintf(&x.b, "    vs %s: %s\n    vs %s: %s\n", escapeName(c.Against), c.Degree.Explain(), escapeName(c.Against), c.Rate.Explain())
				}
			}
		}
		x.derivation(rep.Trend.DegreeSlope)
		x.derivation(rep.Trend.RateSlope)
	}
	if len(rep.Targets) > 0 {
		x.section(l.t("target"))
		for _, tf := range rep.Targets {
			x.derivation(tf.Target.Target)
			fmt.Fprintf(&x.b, "  %s: %s (met: %t)\n", tf.Against, tf.Current.Explain(), tf.Met)
		}
	}
}

// customers writes the company mean, each customer's score, the
// complaint figures and the segments.
func (x *explainer) customers(rep analysis.Report) {
	l := x.l
	if rep.Company != nil {
		x.section(l.t("company mean"))
		x.derivation(rep.Company.Mean)
	}
	for _, cs := range rep.Customers {
		x.section(l.t("customer") + " " + cs.ID)
		for _, line := range strings.Split(strings.TrimRight(cs.Explain(), "\n"), "\n") {
			fmt.Fprintf(&x.b, "  %s\n", line)
		}
	}
	if c := rep.Complaints; c != nil {
		x.section("complaints 投诉")
		for _, r := range []csat.Result{c.WithinLimit, c.Response.MedianHours, c.Response.P90Hours,
			c.Resolution.MedianHours, c.Resolution.P90Hours, c.Dissatisfied, c.VoiceElsewhere, c.Silent,
			c.ExpectedLost, c.ExpectedReturns, c.WordOfMouth} {
			if r.Label() != "" || r.Formula() != "" {
				x.derivation(r)
			}
		}
	}
	if len(rep.Segments) > 0 {
		x.section(l.t("class"))
		for _, a := range rep.Segments {
			fmt.Fprintf(&x.b, "  %s %s: %s\n", escapeName(a.ID), a.Class, a.Value.Explain())
		}
		for _, cl := range rep.Classes {
			fmt.Fprintf(&x.b, "  %s: %s; %s\n", cl.Class, cl.Value.Explain(), cl.Share.Explain())
		}
	}
}
