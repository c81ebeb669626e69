// Command csat scores customer-satisfaction surveys the way ISO 9000 /
// GB/T 19580 quality-management systems do (顾客满意度), from the
// spreadsheets a quality manager already keeps, and writes the analysis
// report (客户满意度检查分析报告) as one self-contained HTML file.
//
// Usage:
//
//	csat <command> [arguments] [flags]
//
// The commands:
//
//	init       a template data directory to fill in (CSV, one Excel workbook, README.txt)
//	score      degree 满意度 and rate 满意率 per source, item and overall, with the 40/60 blend
//	report     the HTML analysis report of a period (also PDF and an Excel workbook)
//	customers  per-customer PVC scores and the company view
//	segment    customer lifetime value, ABC classes, relationship type, survey schedule
//	index      the satisfaction index model 顾客满意度指数 (ACSI, ECSI, your own) by PLS
//	plan       sample size, allocation over strata, seeded draw of respondents
//	target     the year's average-advanced target 平均先进指标 from past values
//	explain    every figure with its derivation, for students of the method
//	version    the command's version
//	completion a shell completion script: csat completion bash|zsh|fish|powershell
//
// Run "csat <command> --help" (or -h, or "csat help <command>") for a
// command's flags and an example.
//
// # Flags
//
// The command line is parsed by cobra and pflag, the Go convention:
// flags may come before or after the arguments ("csat score
// testdata/sample --lang en" and "csat score --lang en testdata/sample"
// are one command), "--" ends the flags, and one-letter flags are
// shorthands (-o FILE for --output FILE; plan's -n and -p for --size and
// --proportion). The single-dash long flags of earlier versions keep
// working: before parsing, an argument -name or -name=value is rewritten
// to --name or --name=value when name is a long flag of the command
// (-lang en, -period=2025H2, -json). A flag's value is never rewritten
// (--title -x is the title "-x").
//
// # Starting
//
// "csat init DIR" writes a template data directory: every file below as
// CSV (UTF-8 with a byte-order mark, so that Excel opens it as it is) with
// its header and two example rows, template.xlsx holding the same tables
// a sheet per file (each readable with --sheet), and README.txt (中文 and
// English) saying what each file is. Replace the examples, delete the files
// you do not keep, and run "csat report DIR". A directory that is not
// empty is refused (exit code 3) unless --force.
//
// Inputs are CSV (UTF-8 with or without BOM, or GBK as Chinese Excel
// writes it) or Excel .xlsx, in the layouts documented by the package
// github.com/csatkit/csat/io/sheet. A data directory holds them
// under fixed names, in any case (answers, customers, complaints, values
// or purchases, targets, actions, attributes, sent, benchmarks; see
// "csat report --help").
//
// The commands that read answers (score, report, explain) take --period
// P: with a period column in the answers file, the period scored (the
// earlier ones are its history; default the last); without one, the name
// of the file's one period (default "current").
//
// # The report
//
// "csat report DIR" writes report.html (-o FILE, - for standard output).
// Its flags: --lang zh|en; --places N, the decimal places of the figures,
// 1 to 4 (default 1); --date YYYY-MM-DD, the report's date 编制日期 in the
// title block (default today); --title, the report's title; --org, the
// organisation in the title block; --prepared-by, --reviewed-by and
// --approved-by, the names of the sign-off block 编制/审核/批准; --order
// questionnaire|score, the order of the items (as the answers file lists
// them, or by score); --pdf FILE, the report printed to PDF through
// Chromium or Chrome when installed; --xlsx FILE, every table of the
// report in an Excel workbook, one sheet per section. With --pdf or
// --xlsx and no -o, only those files are written. A flag value out of
// its domain (--places 5, --date 2026-13-01, --order name, a line break
// in --org) is a usage error (exit code 2).
//
// # Exit codes
//
// The same whether or not stderr is a terminal:
//
//	0  success
//	1  bad data: the input was read but is wrong (a bad row, an unknown
//	   item, weights that do not add up, a file past a size limit, …):
//	   the message names the file, line and field
//	2  usage or unreadable input: an unknown command or flag, a missing
//	   argument, a flag value out of its domain (--margin 0, --lang fr,
//	   --places 9), a file given or needed that is missing, unreadable or
//	   a directory, a flag value the data does not match (--period 2099H1,
//	   --sheet Nope)
//	3  output error: an output file that exists (without --force), that
//	   is one of the inputs or a directory, a write that failed, or
//	   "csat init" into a directory that is not empty; the file written
//	   before, if any, is left as it was
//
// Each error is printed once, after "csat COMMAND: ".
//
// Outputs never destroy inputs: "report -o FILE" (and --pdf, --xlsx)
// writes a temporary file beside FILE and renames it over FILE only once
// it is complete. An existing FILE is replaced only with --force (or
// -force); an input of the run is never replaced.
//
// Every number is exact (decimal arithmetic, no floating point); the
// figures are those of the library github.com/csatkit/csat.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/pflag"
)

// Exit codes of the command (see the package doc).
const (
	exitOK     = 0 // success
	exitData   = 1 // the input was read but is wrong
	exitUsage  = 2 // usage, or an input that cannot be read
	exitOutput = 3 // an output that cannot or may not be written
)

// version is set by the build (-ldflags "-X main.version=…").
var version = "devel"

// env is what a command runs with: its standard streams and whether
// stderr is a terminal (for the progress bar only: no exit code depends
// on it). Tests build their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	tty            bool
	// createTemp creates the temporary file an output is written to
	// before it is renamed into place; nil is os.CreateTemp. Tests use it
	// to make a write fail.
	createTemp func(dir, pattern string) (*os.File, error)
	// now is the clock of the report's default date (--date); nil is
	// time.Now. Tests fix it.
	now func() time.Time
	// ctx is the context of the run (cancelled when the command is
	// interrupted); nil is context.Background.
	ctx context.Context
}

// today returns the date of the run's clock, at midnight UTC.
func (e *env) today() time.Time {
	now := time.Now
	if e.now != nil {
		now = e.now
	}
	y, m, d := now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, tty: isTerminal(os.Stderr), ctx: ctx}
	code := run(e, os.Args[1:])
	stop()
	os.Exit(code)
}

// usageError marks an error as a usage error or an unreadable input
// (exit code 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// outputError marks an error writing an output, or a refusal to write
// it (exit code 3).
type outputError struct{ err error }

func (o outputError) Error() string { return o.err.Error() }
func (o outputError) Unwrap() error { return o.err }

// exitCode returns the exit code of a command's error: an output error,
// then a usage error, then an input file that could not be opened or
// read (an *fs.PathError not marked as an output error), else bad data.
func exitCode(err error) int {
	var o outputError
	var u usageError
	var pe *fs.PathError
	switch {
	case err == nil, errors.Is(err, pflag.ErrHelp):
		return exitOK
	case errors.As(err, &o):
		return exitOutput
	case errors.As(err, &u), errors.As(err, &pe):
		return exitUsage
	}
	return exitData
}

// trackingWriter remembers the first error of the writer it wraps, so
// that a failed write to standard output is told as an output error
// whatever the command made of it.
type trackingWriter struct {
	w   io.Writer
	err error
}

func (t *trackingWriter) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	if err != nil && t.err == nil {
		t.err = err
	}
	return n, err
}
