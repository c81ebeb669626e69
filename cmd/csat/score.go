package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
	"github.com/spf13/pflag"
)

const exampleScore = `  csat score testdata/sample                 # the data directory: answers.csv, …
  csat score answers.xlsx --lang en          # one answers file, English labels
  csat score testdata/sample --json --period 2025H2
  csat score export.csv --period 2026H1      # a file without a period column: its period's name`

func scoreCommand(fs *pflag.FlagSet) runner {
	var f inputFlags
	f.register(fs)
	asJSON := fs.Bool("json", false, "print the period's report as JSON (every figure with its derivation)")
	return func(e *env, args []string) error {
		l, rep, err := buildReport(e, &f, args, nil)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e.stdout, rep)
		}
		return writeScores(e.stdout, l, rep)
	}
}

// oneArg returns the single positional argument, "" when there is none.
func oneArg(args []string) (string, error) {
	switch len(args) {
	case 0:
		return "", nil
	case 1:
		return args[0], nil
	}
	return "", usagef("one data directory or answers file, got %d arguments", len(args))
}

// buildReport loads the data and builds the report of the period; check
// is as for [inputFlags.load].
func buildReport(e *env, f *inputFlags, args []string, check func(inputs []string) error) (language, analysis.Report, error) {
	l, rep, _, err := buildReportItems(e, f, args, check)
	return l, rep, err
}

// buildReportItems is buildReport that also returns the answers' items
// in questionnaire order (the order of the answers file).
func buildReportItems(e *env, f *inputFlags, args []string, check func(inputs []string) error) (language, analysis.Report, []string, error) {
	arg, err := oneArg(args)
	if err != nil {
		return 0, analysis.Report{}, nil, err
	}
	l, err := lang(f.lang)
	if err != nil {
		return 0, analysis.Report{}, nil, err
	}
	d, err := f.load(e, arg, "answers", check)
	if err != nil {
		return 0, analysis.Report{}, nil, err
	}
	writeSummaries(e.stderr, l, d)
	asOf, given, err := f.asOfDate()
	if err != nil {
		return 0, analysis.Report{}, nil, err
	}
	in, err := d.reportInput(asOf, given)
	if err != nil {
		return 0, analysis.Report{}, nil, err
	}
	m, note, err := f.importanceMethod(in.Forms, l)
	if err != nil {
		return 0, analysis.Report{}, nil, err
	}
	if in.Importance = m; note != "" {
		d.notes = append(d.notes, note)
	}
	for _, n := range d.notes {
		_, _ = fmt.Fprintln(e.stderr, escapeText(n)) // a notice on stderr: nothing to do if it fails
	}
	in.Status = d.statusOnly()
	if in.Customers, err = d.scoreCustomers(); err != nil {
		return 0, analysis.Report{}, nil, err
	}
	rep, err := analysis.Build(in)
	if err != nil {
		return 0, analysis.Report{}, nil, err
	}
	return l, rep, d.items, nil
}

// writeSummaries prints what was read, so that nothing is dropped
// unseen.
func writeSummaries(w io.Writer, l language, d *dataset) {
	for _, s := range d.summaries {
		name := escapeName(s.File)
		if s.Sheet != "" {
			name += fmt.Sprintf(" [%s %s]", l.t("sheet"), escapeName(s.Sheet))
		}
		line := fmt.Sprintf("%s: %d %s, %d %s, %d %s", name, s.Rows, l.t("rows"), s.Accepted, l.t("accepted"), s.Rejected, l.t("rejected"))
		if s.Forms > 0 {
			line += fmt.Sprintf(", %d %s", s.Forms, l.t("forms"))
		}
		if s.Answers > 0 {
			line += fmt.Sprintf(", %d %s", s.Answers, l.t("answers"))
		}
		if s.Unanswered > 0 {
			line += fmt.Sprintf(", %d %s", s.Unanswered, l.t("blanks"))
		}
		if len(s.Ignored) > 0 {
			line += fmt.Sprintf(" (%s: %s)", l.t("skipped"), strings.Join(s.Ignored, ", "))
		}
		_, _ = fmt.Fprintln(w, escapeText(line)) // a summary on stderr: nothing to do if it fails
	}
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// writeScores prints the per-source, per-item and overall figures.
func writeScores(w io.Writer, l language, rep analysis.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s · %s %s\n\n", l.t("period"), escapeName(rep.Period), l.t("scale"), escapeName(l.scaleName(rep.Scale)))
	t := &textTable{right: []bool{false, false, true, true, true, false}}
	t.add(l.t("source"), l.t("item"), l.t("answers"), l.t("degree"), l.t("rate"), l.t("interval"))
	for _, sf := range rep.Sources {
		rows := append([]analysis.ItemFigures{sf.Overall}, sf.Items...)
		for _, it := range rows {
			name := it.Item
			if name == "" {
				name = l.t("all items")
			}
			cells := []string{l.source(sf.Source), name, strconv.FormatUint(it.Answers, 10)}
			for i := range 2 {
				if i < len(it.Figures) {
					cells = append(cells, it.Figures[i].Score.String())
				} else {
					cells = append(cells, "")
				}
			}
			iv := ""
			if len(it.Figures) > 0 && it.Figures[0].Interval != nil {
				iv = it.Figures[0].Interval.String()
			}
			t.add(append(cells, iv)...)
		}
	}
	if err := t.write(&b); err != nil {
		return err
	}
	if len(rep.Overall) >= 2 {
		fmt.Fprintf(&b, "\n%s: %s %s, %s %s\n", l.t("overall"), l.t("degree"), rep.Overall[0], l.t("rate"), rep.Overall[1])
	}
	for _, tf := range rep.Targets {
		mark := "✗"
		if tf.Met {
			mark = "✓"
		}
		figure := tf.Current.Label()
		if k := [...]string{"degree", "rate"}; tf.Figure >= 0 && tf.Figure < len(k) {
			figure = l.t(k[tf.Figure])
		}
		fmt.Fprintf(&b, "%s %s: %s %s %s\n", l.t("target"), figure, tf.Target.Target, mark, tf.Current)
	}
	if err := writeForms(&b, l, rep); err != nil {
		return err
	}
	if err := writeDrivers(&b, l, rep); err != nil {
		return err
	}
	cautions, err := htmlreport.Cautions(rep.Cautions, l.code())
	if err != nil {
		return err
	}
	for _, warn := range append(cautions, rep.WarningsIn(l.code())...) {
		fmt.Fprintf(&b, "%s: %s\n", l.t("warnings"), warn)
	}
	_, err = io.WriteString(w, escapeText(b.String()))
	return err
}
