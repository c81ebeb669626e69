package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/spf13/pflag"
)

const exampleReport = `  csat report testdata/sample                          # writes report.html (not over an existing one)
  csat report testdata/sample --force                  # replaces report.html
  csat report survey.xlsx --lang en -o q2.html --org "ACME Ltd" --period 2026H1
  csat report testdata/sample --date 2026-07-05 --prepared-by 王工 --reviewed-by 李经理 --approved-by 张总
  csat report testdata/sample --places 2 --order score
  csat report testdata/sample --pdf report.pdf --xlsx report.xlsx
  csat report -o - testdata/sample > report.html

The report is written to a temporary file beside it and renamed into
place once complete: a failed run leaves an existing file as it was. An
existing file is replaced only with --force, and never one of the run's
inputs (exit code 3). With --pdf or --xlsx and no -o, only those are
written; give -o as well for the HTML too.

A data directory holds, by name (CSV or .xlsx; see docs/input.md and the
package github.com/csatkit/csat/io/sheet for the columns; "csat init DIR"
writes a template of each):
  answers     the survey's answers, long or wide layout (required)
  customers   per-customer questionnaire scores, visit notes, status
  complaints  the period's complaints
  values      customer values (customer,value), or
  purchases   margins per period (customer,period,margin) for CLV
  targets     past yearly figures (year,degree,rate) for the target
  actions     corrective actions (item,kind,cause,action,owner,due,status)
  attributes  customers' attributes (customer,地区,行业,规模,…) joined to the forms
  sent        forms sent per stratum (地区,发放[,最少回收]) for the response rate
  benchmarks  outside figures (指标,项目,行业平均,行业领先,世界领先) to compare with

An answers file without a period column is one period, named by
--period (else "current").

A wide export (one row per form) reads as it is: 表单编号/问卷编号 is the
form id, 提交时间, IP, … are skipped, 地区/行业/规模/ABC are customer groups
(--segments and --skip name others); the report breaks every figure down by
group, with letters (groups sharing a letter do not differ). With
总体满意度 (the overall question) or 重要度:ITEM columns the report ranks
the items by importance (--importance: auto, stated, correlation, shapley,
weights or none) and places them in the importance–performance quadrant
(四分图) with the items to fix first; a customers file of 客户,状态 alone
gives the customers' status for satisfaction against complaints and churn.`

func reportCommand(fs *pflag.FlagSet) runner {
	var f inputFlags
	f.register(fs)
	var rf reportFlags
	rf.register(fs)
	return func(e *env, args []string) error {
		if err := rf.check(e, fs.Changed("output")); err != nil {
			return err
		}
		var inputs []string
		l, rep, items, err := buildReportItems(e, &f, args, func(in []string) error {
			inputs = in
			for _, o := range rf.outs {
				if o.path == "-" {
					continue
				}
				if err := o.check(in); err != nil { // before reading: a refused output costs nothing
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		opts := reportOptions(&rf, l)
		opts.Items = items
		for _, o := range rf.outs {
			if err := writeReport(e, o, inputs, rep, opts); err != nil {
				return err
			}
		}
		return nil
	}
}

// writeReport writes one output of the report: HTML (-o), PDF (--pdf)
// or the workbook (--xlsx).
func writeReport(e *env, o output, inputs []string, rep analysis.Report, opts htmlreport.Options) error {
	var err error
	switch {
	case o.path == "-":
		return htmlreport.Render(e.stdout, rep, opts)
	case o.flag == "--pdf":
		var page bytes.Buffer
		if err := htmlreport.Render(&page, rep, opts); err != nil {
			return err
		}
		err = o.writePath(e, inputs, func(tmp string) error { return pdfOutput(e.ctx, page.Bytes(), tmp) })
	case o.flag == "--xlsx":
		err = o.write(e, inputs, func(w io.Writer) error { return htmlreport.RenderXLSX(w, rep, opts) })
	default:
		err = o.write(e, inputs, func(w io.Writer) error { return htmlreport.Render(w, rep, opts) })
	}
	if err != nil {
		return err
	}
	_, _ = fmt.Fprintf(e.stderr, "wrote %s\n", escapeName(o.path)) // the output is written: a lost notice is harmless
	return nil
}

// pdfOutput prints the page to a PDF file at path; no browser to print
// with is a usage error (exit 2): the run asked for what this computer
// cannot do, and the message says what to install.
func pdfOutput(ctx context.Context, html []byte, path string) error {
	err := printPDF(ctx, html, path)
	if errors.Is(err, errNoChrome) {
		return usageError{err}
	}
	return err
}
