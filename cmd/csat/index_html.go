package main

import (
	"io"
	"strconv"
	"time"

	"github.com/csatkit/csat/io/htmlreport"
	"github.com/spf13/pflag"
)

// pageFlags are the --html page's title block and sign-off: the flags of
// csat report's page that apply to it.
type pageFlags struct {
	places, date                       string
	title, org                         string
	preparedBy, reviewedBy, approvedBy string

	// Set by check.
	placesN   int
	generated time.Time // the zero time: the run's date
}

func (p *pageFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&p.places, "places", "", "decimal places of the page's figures, 1 to 4 (default: indices 1, coefficients 3)")
	fs.StringVar(&p.date, "date", "", "the page's date 编制日期, YYYY-MM-DD (default: today)")
	fs.StringVar(&p.title, "title", "", "the page's title (default: 顾客满意度指数测评报告, or Customer Satisfaction Index Report in English)")
	fs.StringVar(&p.org, "org", "", "the organisation named in the page's title block")
	fs.StringVar(&p.preparedBy, "prepared-by", "", "who prepared the page (编制), for its sign-off block")
	fs.StringVar(&p.reviewedBy, "reviewed-by", "", "who reviewed it (审核)")
	fs.StringVar(&p.approvedBy, "approved-by", "", "who approved it (批准)")
}

// check validates the page's flags as csat report validates its own.
func (p *pageFlags) check() error {
	if p.places != "" {
		n, err := strconv.Atoi(p.places)
		if err != nil || n < 1 || n > 4 {
			return usagef("--places %s: give the number of decimal places, 1, 2, 3 or 4", quoteShort(p.places))
		}
		p.placesN = n
	}
	if p.date != "" {
		d, err := parseDate("--date", p.date)
		if err != nil {
			return usageError{err}
		}
		p.generated = d
	}
	for _, v := range []struct{ flag, value string }{
		{"--title", p.title}, {"--org", p.org},
		{"--prepared-by", p.preparedBy}, {"--reviewed-by", p.reviewedBy}, {"--approved-by", p.approvedBy},
	} {
		if err := checkLabel(v.flag, v.value); err != nil {
			return err
		}
	}
	return nil
}

// renderIndexHTML writes the index page of the result in the output's
// language, dated --date or the run's day, signed as the flags say.
func renderIndexHTML(w io.Writer, r *indexResult, c *indexConfig, e *env) error {
	rep := htmlreport.IndexReport{Estimates: r.est, Bootstrap: r.boot, Period: r.period}
	opts := htmlreport.Options{Lang: c.l.code(), Generated: e.today()}
	if p := c.page; p != nil {
		if !p.generated.IsZero() {
			opts.Generated = p.generated
		}
		opts.Places, opts.Title, opts.Organisation = p.placesN, p.title, p.org
		opts.SignOff.Prepared, opts.SignOff.Reviewed, opts.SignOff.Approved = p.preparedBy, p.reviewedBy, p.approvedBy
	}
	return htmlreport.RenderIndex(w, rep, opts)
}
