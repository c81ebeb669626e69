package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The command line is parsed by github.com/spf13/cobra with
// github.com/spf13/pflag: flags may come before or after the arguments
// (csat score testdata/sample --lang en), every command has --help (-h)
// with its example, and "csat completion bash|zsh|fish|powershell"
// prints a shell completion script.
//
// The single-dash long flags of earlier versions (-lang en,
// -period=2025H2, -json) keep working: before cobra parses, an argument
// -name or -name=value is rewritten to --name or --name=value when name
// is a long flag of the command ([normalise]). One-letter flags (-o, -n,
// -p) are pflag shorthands of --output, --size and --proportion.

// A runner runs a command on its arguments, the flags already parsed.
type runner func(e *env, args []string) error

// A command is one subcommand: setup registers its flags on the flag set
// and returns what runs it.
type command struct {
	name    string
	summary string
	usage   string // what follows "csat NAME" on the usage line
	example string
	setup   func(fs *pflag.FlagSet) runner
}

func commands() []command {
	return []command{
		{"score", "degree 满意度 and rate 满意率 per source, item and overall, with the 40/60 blend", "[flags] DIR|ANSWERS", exampleScore, scoreCommand},
		{"report", "the HTML analysis report 客户满意度检查分析报告 of a period", "[flags] DIR|ANSWERS", exampleReport, reportCommand},
		{"customers", "per-customer PVC scores and the company view", "[flags] DIR|CUSTOMERS", exampleCustomers, customersCommand},
		{"segment", "customer lifetime value, ABC classes, relationship type, survey schedule", "[flags] DIR|VALUES", exampleSegment, segmentCommand},
		{"plan", "sample size, allocation over strata, seeded draw of respondents", "[flags]", examplePlan, planCommand},
		{"target", "the year's average-advanced target 平均先进指标 from past values", "[flags] VALUE...", exampleTarget, targetCommand},
		{"index", "the satisfaction index model 顾客满意度指数 (ECSI, ACSI or your own) by PLS, with bootstrap intervals", "[flags] DIR|ANSWERS", exampleIndex, indexCommand},
		{"explain", "every figure with its derivation, for students of the method", "[flags] DIR|ANSWERS", exampleExplain, explainCommand},
		{"init", "a template data directory to fill in: every file as CSV and in one Excel workbook", "[flags] DIR", exampleInit, initCommand},
		{"version", "the command's version", "", "  csat version", func(*pflag.FlagSet) runner {
			return func(e *env, _ []string) error {
				_, err := fmt.Fprintln(e.stdout, "csat", version)
				return err
			}
		}},
	}
}

// run runs the command line args and returns the exit code.
func run(e *env, args []string) int {
	if len(args) == 0 {
		printUsage(e.stdout)
		return exitUsage
	}
	out := &trackingWriter{w: e.stdout}
	ce := *e
	ce.stdout = out
	if ce.ctx == nil {
		ce.ctx = context.Background()
	}
	var (
		ran    *command // the command whose runner ran
		runErr error
	)
	root := newRoot(&ce, out, func(c *command, err error) { ran, runErr = c, err })
	if msg := unknownCommand(root, args[0]); msg != "" {
		_, _ = io.WriteString(e.stderr, escapeText(msg)) // the exit code tells the rest
		printUsage(e.stderr)
		return exitUsage
	}
	if sub, _, err := root.Find(args[:1]); err == nil && sub != root {
		args = append(args[:1:1], normalise(sub.Flags(), args[1:])...)
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ce.ctx)
	if ran == nil {
		if err == nil {
			return exitOK
		}
		// A flag or argument cobra refused before the command ran.
		name := "csat"
		if cmd != nil && cmd != root {
			name = cmd.CommandPath()
		}
		_, _ = io.WriteString(e.stderr, escapeText(fmt.Sprintf("%s: %s\nRun \"%s --help\" for the flags and an example.\n", name, describe(err, messageLang(cmd)), name))) // the exit code tells the rest
		return exitUsage
	}
	err = runErr
	if err != nil && out.err != nil {
		err = outputError{fmt.Errorf("standard output: %w", err)}
	}
	code := exitCode(err)
	if code != exitOK {
		_, _ = io.WriteString(e.stderr, escapeText(fmt.Sprintf("csat %s: %s\n", ran.name, describe(err, messageLang(cmd))))) // the exit code tells the rest
	}
	return code
}

// newRoot returns the command line's root command, its subcommands'
// flags registered; done is told the command that ran and its error.
func newRoot(ce *env, out io.Writer, done func(c *command, err error)) *cobra.Command {
	root := &cobra.Command{
		Use:           "csat",
		Short:         "csat scores customer-satisfaction surveys (顾客满意度) and writes the analysis report.",
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.NoArgs,
		RunE:          func(*cobra.Command, []string) error { return nil },
	}
	root.SetOut(out)
	root.SetErr(ce.stderr)
	root.SetIn(ce.stdin)
	root.SetVersionTemplate("csat {{.Version}}\n")
	root.SuggestionsMinimumDistance = 2
	root.CompletionOptions.HiddenDefaultCmd = false
	defaultHelp := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, a []string) {
		switch {
		case c == root:
			printUsage(c.OutOrStdout())
		case c.Annotations["csat"] != "":
			printHelp(c)
		default:
			defaultHelp(c, a)
		}
	})
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{flagError(err)} })
	for _, c := range commands() {
		sub := &cobra.Command{
			Use:         strings.TrimSpace(c.name + " " + c.usage),
			Short:       c.summary,
			Example:     c.example,
			Args:        cobra.ArbitraryArgs,
			Annotations: map[string]string{"csat": c.name},
		}
		r := c.setup(sub.Flags())
		sub.RunE = func(cmd *cobra.Command, a []string) error {
			ce.ctx = cmd.Context()
			err := r(ce, a)
			done(&c, err)
			return err
		}
		sub.InitDefaultHelpFlag()
		root.AddCommand(sub)
	}
	return root
}

// unknownCommand returns the message for a first argument that is no
// command (with the commands it may be a misspelling of), "" for a
// command, a help or completion request, or a flag of csat itself.
func unknownCommand(root *cobra.Command, name string) string {
	if strings.HasPrefix(name, "-") {
		return ""
	}
	switch name {
	case "help", "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
		return ""
	}
	for _, c := range commands() {
		if c.name == name {
			return ""
		}
	}
	msg := fmt.Sprintf("csat: unknown command %q\n", name)
	if s := root.SuggestionsFor(name); len(s) > 0 {
		msg += fmt.Sprintf("Did you mean %s?\n", strings.Join(s, " or "))
	}
	return msg + "\n"
}

// messageLang returns the language of the command's messages: its
// -lang flag when it has one and the value is known, else zh.
func messageLang(cmd *cobra.Command) string {
	if cmd == nil {
		return "zh"
	}
	f := cmd.Flags().Lookup("lang")
	if f == nil {
		return "zh"
	}
	l, err := lang(f.Value.String())
	if err != nil {
		return "zh"
	}
	return l.code()
}

// normalise rewrites the single-dash long flags of earlier versions, which
// Go's flag package accepted, to pflag's double dash: an argument -name
// or -name=value becomes --name or --name=value when name is a long flag
// of fs (help included). Nothing else changes: a value of a flag that
// takes one (-title -x: the title "-x"), one-letter shorthands (-o FILE),
// unknown flags (pflag refuses them), "-" (standard output) and every
// argument after "--".
func normalise(fs *pflag.FlagSet, args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) < 2 || a[0] != '-' {
			out = append(out, a)
			continue
		}
		body := strings.TrimPrefix(a[1:], "-")
		name, _, hasValue := strings.Cut(body, "=")
		var f *pflag.Flag
		switch {
		case strings.HasPrefix(a, "--"):
			f = fs.Lookup(name)
		case len(name) > 1:
			if f = fs.Lookup(name); f != nil {
				a = "-" + a
			}
		default:
			f = fs.ShorthandLookup(name)
		}
		out = append(out, a)
		if f != nil && !hasValue && f.NoOptDefVal == "" && i+1 < len(args) {
			i++
			out = append(out, args[i]) // the flag's value, whatever it looks like
		}
	}
	return out
}

// flagError words pflag's parse errors for people: the flag as typed, and
// what it wants, as a *flagProblem that [humanError] words in the
// output's language.
func flagError(err error) error {
	var (
		ne *pflag.NotExistError
		ve *pflag.ValueRequiredError
		iv *pflag.InvalidValueError
	)
	switch {
	case errors.As(err, &ne):
		name := "--" + ne.GetSpecifiedName()
		if s := ne.GetSpecifiedShortnames(); s != "" {
			name = "-" + s
		}
		return &flagProblem{kind: flagUnknown, flag: name}
	case errors.As(err, &ve):
		return &flagProblem{kind: flagNoValue, flag: flagName(ve.GetFlag())}
	case errors.As(err, &iv):
		want := wantValid
		switch iv.GetFlag().Value.Type() {
		case "int", "uint64":
			want = wantWhole
		case "bool":
			want = wantBool
		}
		return &flagProblem{kind: flagBadValue, flag: flagName(iv.GetFlag()), value: iv.GetValue(), want: want}
	}
	return err
}

// The kinds of a flag the parser refused.
const (
	flagUnknown  = iota // no such flag
	flagNoValue         // a flag without its value
	flagBadValue        // a value of the wrong type
)

// What a refused value should have been.
const (
	wantValid = "a valid value"
	wantWhole = "a whole number"
	wantBool  = "true or false"
)

// A flagProblem is a flag the parser refused: its kind, the flag as
// typed or as help names it, the value given and what it wants.
type flagProblem struct {
	kind        int
	flag, value string
	want        string
}

func (p *flagProblem) Error() string {
	switch p.kind {
	case flagUnknown:
		return "unknown flag " + p.flag
	case flagNoValue:
		return p.flag + " needs a value"
	}
	return p.flag + " " + quoteShort(p.value) + ": want " + p.want
}

// flagName names a flag as help prints it: --name, or -o, --output.
func flagName(f *pflag.Flag) string {
	if f == nil {
		return "a flag"
	}
	if f.Shorthand != "" {
		return "-" + f.Shorthand + ", --" + f.Name
	}
	return "--" + f.Name
}

// printUsage prints the list of commands.
func printUsage(w io.Writer) {
	var b strings.Builder
	fmt.Fprint(&b, "csat scores customer-satisfaction surveys (顾客满意度) and writes the analysis report.\n\n")
	fmt.Fprint(&b, "Usage:\n\n  csat <command> [flags] [arguments]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(&b, "  %-10s %s\n", "completion", "a shell completion script: csat completion bash|zsh|fish|powershell")
	fmt.Fprint(&b, "\nRun \"csat <command> --help\" (or -h) for a command's flags and an example.\n")
	fmt.Fprint(&b, "Flags may come before or after the arguments; -name works as --name.\n")
	fmt.Fprint(&b, "Start with \"csat init DIR\": a template data directory to fill in.\n")
	fmt.Fprint(&b, "Exit codes: 0 success, 1 bad input data (the message names file, line and field),\n")
	fmt.Fprint(&b, "2 usage or an input that cannot be read, 3 an output that cannot or may not be written.\n")
	_, _ = io.WriteString(w, b.String()) // usage text: nothing to do if it fails
}

// printHelp prints a command's help: its usage line, summary, example
// and flags.
func printHelp(c *cobra.Command) {
	var w strings.Builder
	fmt.Fprintf(&w, "Usage: csat %s\n\n", c.Use)
	fmt.Fprintf(&w, "%s.\n\n", strings.ToUpper(c.Short[:1])+c.Short[1:])
	fmt.Fprintf(&w, "Example:\n\n%s\n\n", c.Example)
	if c.HasAvailableFlags() {
		fmt.Fprintf(&w, "Flags (before or after the arguments; -name works as --name):\n\n%s", c.Flags().FlagUsagesWrapped(100))
	}
	_, _ = io.WriteString(c.OutOrStdout(), w.String()) // help text: nothing to do if it fails
}
