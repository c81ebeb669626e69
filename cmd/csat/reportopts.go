package main

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/csatkit/csat/io/htmlreport"
	"github.com/spf13/pflag"
)

// reportFlags are the report command's own flags: its outputs and what
// its title block and figures show.
type reportFlags struct {
	output, pdf, xlsx string
	force             bool

	places, date, order                string
	title, org                         string
	preparedBy, reviewedBy, approvedBy string

	// Set by check.
	placesN   int       // --places as a number, 1–4
	generated time.Time // --date, or the run's date
	outs      []output  // the outputs to write, in the order written
}

// maxNameLen is the longest --title, --org or sign-off name, in
// characters: a title block's line, not a paragraph.
const maxNameLen = 200

func (rf *reportFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&rf.output, "output", "o", "report.html", "the HTML file to write (- for standard output); an existing file is refused without --force")
	fs.BoolVar(&rf.force, "force", false, "replace the output files if they exist (never an input of the run)")
	fs.StringVar(&rf.pdf, "pdf", "", "also write the report as PDF to this file (needs Chromium or Chrome installed)")
	fs.StringVar(&rf.xlsx, "xlsx", "", "also write every table of the report to this Excel workbook, one sheet per section")
	fs.StringVar(&rf.places, "places", "1", "decimal places of the figures shown: 1 to 4")
	fs.StringVar(&rf.date, "date", "", "the report's date 编制日期 in the title block, YYYY-MM-DD (default: today)")
	fs.StringVar(&rf.order, "order", "questionnaire", "order of the items in tables and charts: questionnaire (as in the answers file) or score (lowest first)")
	fs.StringVar(&rf.title, "title", "", "the report's title (default: 客户满意度检查分析报告, or Customer Satisfaction Analysis Report in English)")
	fs.StringVar(&rf.org, "org", "", "the organisation named in the title block")
	fs.StringVar(&rf.preparedBy, "prepared-by", "", "who prepared the report (编制), for the sign-off block")
	fs.StringVar(&rf.reviewedBy, "reviewed-by", "", "who reviewed it (审核), for the sign-off block")
	fs.StringVar(&rf.approvedBy, "approved-by", "", "who approved it (批准), for the sign-off block")
}

// check validates the flags, as usage errors in people's words, and
// sets placesN, generated and outs. htmlGiven says -o was given: with
// --pdf or --xlsx and no -o, the HTML file is not written.
func (rf *reportFlags) check(e *env, htmlGiven bool) error {
	n, err := strconv.Atoi(rf.places)
	if err != nil || n < 1 || n > 4 {
		return usagef("--places %s: give the number of decimal places, 1, 2, 3 or 4", quoteShort(rf.places))
	}
	rf.placesN = n
	rf.generated = e.today()
	if rf.date != "" {
		if rf.generated, err = parseDate("--date", rf.date); err != nil {
			return usageError{err}
		}
	}
	switch rf.order {
	case "questionnaire", "score":
	default:
		return usagef("--order %s: give questionnaire (the items as the answers file lists them) or score (lowest first)", quoteShort(rf.order))
	}
	for _, v := range []struct{ flag, value string }{
		{"--title", rf.title}, {"--org", rf.org},
		{"--prepared-by", rf.preparedBy}, {"--reviewed-by", rf.reviewedBy}, {"--approved-by", rf.approvedBy},
	} {
		if err := checkLabel(v.flag, v.value); err != nil {
			return err
		}
	}
	return rf.outputs(htmlGiven)
}

// checkLabel refuses a title-block text that is not one short line.
func checkLabel(flag, s string) error {
	switch {
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return usagef("%s %s: give one line, without line breaks, tabs or control characters", flag, quoteShort(s))
	case utf8.RuneCountInString(s) > maxNameLen:
		return usagef("%s: %d characters, more than the %d of a title-block line", flag, utf8.RuneCountInString(s), maxNameLen)
	}
	return nil
}

// outputs sets the outputs to write: the HTML file (-o), unless only
// --pdf or --xlsx was asked for, then the PDF and the workbook. Two
// outputs to one file are refused.
func (rf *reportFlags) outputs(htmlGiven bool) error {
	rf.outs = nil
	if rf.output == "" {
		return usagef("-o \"\": give a file name, or - for standard output")
	}
	if htmlGiven || (rf.pdf == "" && rf.xlsx == "") {
		rf.outs = append(rf.outs, output{path: rf.output, force: rf.force})
	}
	for _, o := range []struct{ flag, path string }{{"--pdf", rf.pdf}, {"--xlsx", rf.xlsx}} {
		if o.path == "" {
			continue
		}
		if o.path == "-" {
			return usagef("%s -: give a file name (standard output takes the HTML only)", o.flag)
		}
		for _, prev := range rf.outs {
			if prev.path == o.path {
				return usagef("%s %s: %s writes that file already: give another name", o.flag, o.path, prev.name())
			}
		}
		rf.outs = append(rf.outs, output{path: o.path, force: rf.force, flag: o.flag})
	}
	return nil
}

// reportOptions maps the report's flags to the options of
// htmlreport.Render and RenderXLSX, after check. It sets:
//
//	Lang          --lang (zh or en)
//	Title         --title
//	Organisation  --org
//	Generated     --date, default today (the run's clock)
//	Places        --places, 1–4 (default 1)
//	Order         --order: "questionnaire" or "score"
//	SignOff       {Prepared, Reviewed, Approved}: --prepared-by, --reviewed-by, --approved-by

func reportOptions(rf *reportFlags, l language) htmlreport.Options {
	opts := htmlreport.Options{
		Lang:         l.code(),
		Title:        rf.title,
		Organisation: rf.org,
		Generated:    rf.generated,
	}
	opts.Places = rf.placesN
	opts.Order = rf.order
	opts.SignOff.Prepared = rf.preparedBy
	opts.SignOff.Reviewed = rf.reviewedBy
	opts.SignOff.Approved = rf.approvedBy
	return opts
}
