//go:build !csatindexhtml

package main

import (
	"errors"
	"io"
)

// indexHTMLBuilt says whether csat index can write its page (--html):
// not in this build.
const indexHTMLBuilt = false

// errIndexHTML is the error of --html in a build without the page.
var errIndexHTML = errors.New("html report not built")

// renderIndexHTML would write the index page; this build has none.
func renderIndexHTML(io.Writer, *indexResult, *indexConfig, *env) error {
	return usageError{errIndexHTML}
}
