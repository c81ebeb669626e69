// Command csat scores customer-satisfaction surveys the way ISO 9000 /
// GB/T 19580 quality-management systems do (顾客满意度), from the
// spreadsheets a quality manager already keeps, and writes the analysis
// report (客户满意度检查分析报告) as one self-contained HTML file.
//
// Usage:
//
//	csat <command> [flags] [arguments]
//
// The commands:
//
//	score      degree 满意度 and rate 满意率 per source, item and overall, with the 40/60 blend
//	report     the HTML analysis report of a period
//	customers  per-customer PVC scores and the company view
//	segment    customer lifetime value, ABC classes, relationship type, survey schedule
//	plan       sample size, allocation over strata, seeded draw of respondents
//	target     the year's average-advanced target 平均先进指标 from past values
//	explain    every figure with its derivation, for students of the method
//	version    the command's version
//
// Run "csat <command> -h" for a command's flags and an example.
//
// Inputs are CSV (UTF-8 with or without BOM, or GBK as Chinese Excel
// writes it) or Excel .xlsx, in the layouts documented by the package
// github.com/csatkit/csat/io/sheet. A data directory holds them
// under fixed names (answers, customers, complaints, values or purchases,
// targets, actions; see "csat report -h").
//
// Exit codes (the same whether or not stderr is a terminal):
//
//	0  success
//	1  bad data: the input was read but is wrong (a bad row, an unknown
//	   item, weights that do not add up, a file past a size limit, …):
//	   the message names the file, line and field
//	2  usage or unreadable input: an unknown command or flag, a missing
//	   argument, a flag value out of its domain (-margin 0, -lang fr), a
//	   file given or needed that is missing, unreadable or a directory,
//	   a flag value the data does not match (-period 2099H1, -sheet Nope)
//	3  output error: an output file that exists (without -force), that
//	   is one of the inputs or a directory, or a write that failed; the
//	   file written before, if any, is left as it was
//
// Outputs never destroy inputs: "report -o FILE" writes a temporary file
// beside FILE and renames it over FILE only once it is complete. An
// existing FILE is replaced only with -force (or --force); an input of
// the run is never replaced.
//
// Every number is exact (decimal arithmetic, no floating point); the
// figures are those of the library github.com/csatkit/csat.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
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
}

// A command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"score", "degree 满意度 and rate 满意率 per source, item and overall, with the 40/60 blend", runScore},
		{"report", "the HTML analysis report 客户满意度检查分析报告 of a period", runReport},
		{"customers", "per-customer PVC scores and the company view", runCustomers},
		{"segment", "customer lifetime value, ABC classes, relationship type, survey schedule", runSegment},
		{"plan", "sample size, allocation over strata, seeded draw of respondents", runPlan},
		{"target", "the year's average-advanced target 平均先进指标 from past values", runTarget},
		{"explain", "every figure with its derivation, for students of the method", runExplain},
		{"version", "the command's version", func(e *env, _ []string) error {
			_, err := fmt.Fprintln(e.stdout, "csat", version)
			return err
		}},
	}
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, tty: isTerminal(os.Stderr)}
	os.Exit(run(e, os.Args[1:]))
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
	case err == nil, errors.Is(err, flag.ErrHelp):
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

// run runs the command line args and returns the exit code.
func run(e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			return run(e, []string{args[1], "-h"})
		}
		printUsage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		out := &trackingWriter{w: e.stdout}
		ce := *e
		ce.stdout = out
		err := c.run(&ce, args[1:])
		if err != nil && out.err != nil {
			err = outputError{fmt.Errorf("standard output: %w", err)}
		}
		code := exitCode(err)
		if code != exitOK {
			_, _ = io.WriteString(e.stderr, escapeText(fmt.Sprintf("csat %s: %v\n", c.name, err))) // the exit code tells the rest
		}
		return code
	}
	_, _ = fmt.Fprintf(e.stderr, "csat: unknown command %q\n\n", args[0]) // the exit code tells the rest
	printUsage(e.stderr)
	return exitUsage
}

func printUsage(w io.Writer) {
	var b strings.Builder
	fmt.Fprint(&b, "csat scores customer-satisfaction surveys (顾客满意度) and writes the analysis report.\n\n")
	fmt.Fprint(&b, "Usage:\n\n  csat <command> [flags] [arguments]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(&b, "\nRun \"csat <command> -h\" for a command's flags and an example.\n")
	fmt.Fprint(&b, "Exit codes: 0 success, 1 bad input data (the message names file, line and field),\n")
	fmt.Fprint(&b, "2 usage or an input that cannot be read, 3 an output that cannot or may not be written.\n")
	_, _ = io.WriteString(w, b.String()) // usage text: nothing to do if it fails
}

// newFlags returns a flag set whose -h prints the usage line, the
// example and the flags of the command.
func newFlags(e *env, name, usage, example string) *flag.FlagSet {
	fs := flag.NewFlagSet("csat "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		var w strings.Builder
		fmt.Fprintf(&w, "Usage: csat %s %s\n\n", name, usage)
		for _, c := range commands() {
			if c.name == name {
				fmt.Fprintf(&w, "%s.\n\n", strings.ToUpper(c.summary[:1])+c.summary[1:])
			}
		}
		fmt.Fprintf(&w, "Example:\n\n%s\n\nFlags:\n\n", example)
		_, _ = io.WriteString(fs.Output(), w.String()) // usage text: nothing to do if it fails
		fs.PrintDefaults()
	}
	return fs
}

// parse parses the flags, turning a flag error into a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	return nil
}
