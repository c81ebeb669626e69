//go:build csatindexhtml

package main

import (
	"errors"
	"io"

	"github.com/csatkit/csat/io/htmlreport"
)

// indexHTMLBuilt says whether csat index can write its page (--html).
const indexHTMLBuilt = true

// errIndexHTML is the error of --html in a build without the page (not
// this one).
var errIndexHTML = errors.New("html report not built")

// renderIndexHTML writes the index page of the result in the output's
// language, dated the run's day.
func renderIndexHTML(w io.Writer, r *indexResult, c *indexConfig, e *env) error {
	rep := htmlreport.IndexReport{Estimates: r.est, Bootstrap: r.boot, Period: r.period}
	return htmlreport.RenderIndex(w, rep, htmlreport.Options{Lang: c.l.code(), Generated: e.today()})
}
