package csatbeam

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/runtime"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/util/reflectx"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
)

// An InputFunc returns the [analysis.Input] of one key's table: the
// period's name, and any scorers, blend, history, targets or other parts
// of the report. It must be a top-level function registered with
// beam.RegisterFunction in an init function (Beam ships functions to
// workers by name; a closure cannot travel). key is the key of
// [CombineTables]' input, of its own type.
type InputFunc func(key any, t *csat.Table) (analysis.Input, error)

// ReportOptions configures [Reports]. The zero value (or nil) means the
// defaults.
type ReportOptions struct {
	// Input builds each key's report input; nil means the method's
	// report (degree and rate, self-assessment blended with the survey)
	// of a [Key] (its Period names the period) or of a string key (the
	// key names the period).
	Input InputFunc `json:"input"`
}

// Reports builds the report of each key's table ([analysis.Build]) and
// marshals it to JSON (json.Marshal of the [analysis.Report]): from a
// PCollection of KV<K, *csat.Table> ([CombineTables]), reports is a
// PCollection of KV<K, string>, the same bytes the single-process path
// (csat.ReadTableCSV, analysis.Build, json.Marshal) gives for the same
// answers. A key whose report cannot be built (a table without survey
// answers is [csat.ErrEmpty]) does not stop the job: it is in failures,
// KV<K, string> with the error's message. Both are reshuffled: the
// reports are built in a stage of their own, whatever consumes them.
func Reports(s beam.Scope, tables beam.PCollection, opts *ReportOptions) (reports, failures beam.PCollection) {
	s = s.Scope("csatbeam.Reports")
	var o ReportOptions
	if opts != nil {
		o = *opts
	}
	fn := &reportFn{}
	if o.Input != nil {
		fn.Input = reflectx.FunctionName(o.Input)
	}
	return reshuffle2(s, fn, tables)
}

// reshuffle2 is beam.ParDo2 of the report DoFn fn, each output
// reshuffled: a fusion break, so that the stage building the reports
// ends with outputs of its own, whatever consumes them. (Prism waits
// for a bundle of a stage without outputs in a busy loop, which takes a
// core from the reports for as long as they are built.)
func reshuffle2(s beam.Scope, fn any, in beam.PCollection) (reports, failures beam.PCollection) {
	reports, failures = beam.ParDo2(s, fn, in)
	return beam.Reshuffle(s, reports), beam.Reshuffle(s, failures)
}

// reportFn builds one key's report.
type reportFn struct {
	// Input is the symbol name of the InputFunc, "" for none.
	Input string `json:"input"`

	input InputFunc
}

// Setup resolves the InputFunc from its name, among the functions
// registered with Beam.
func (fn *reportFn) Setup() error {
	if fn.Input == "" || fn.input != nil {
		return nil
	}
	v, err := runtime.ResolveFunction(fn.Input, reflect.TypeOf(InputFunc(nil)))
	if err != nil {
		return &opError{op: "report", err: reasonf(csat.ErrMissing, "input function %s is not registered (beam.RegisterFunction in init): %v", fn.Input, err)}
	}
	switch f := v.(type) {
	case InputFunc:
		fn.input = f
	case func(any, *csat.Table) (analysis.Input, error):
		fn.input = f
	default:
		return &opError{op: "report", err: reasonf(csat.ErrInvalid, "input function %s is a %T, not an InputFunc", fn.Input, v)}
	}
	return nil
}

// ProcessElement builds the report of key's table.
func (fn *reportFn) ProcessElement(ctx context.Context, key beam.X, t *csat.Table, emit, fail func(beam.X, string)) {
	b, err := fn.report(key, t, nil)
	emitReport(ctx, key, b, err, emit, fail)
}

// emitReport emits the report b of key, or its failure err, and counts
// it (MetricsNamespace).
func emitReport(ctx context.Context, key beam.X, b []byte, err error, emit, fail func(beam.X, string)) {
	if err != nil {
		failedKeysCounter.Inc(ctx, 1)
		fail(key, err.Error())
		return
	}
	reportsCounter.Inc(ctx, 1)
	emit(key, string(b))
}

// report builds key's report. A panic of the InputFunc or of a scorer
// it gives is the key's failure, as an error would be: a bug of one
// key's scoring does not stop the job.
func (fn *reportFn) report(key any, t *csat.Table, forms *form.Stats) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, &opError{op: "report", err: fmt.Errorf("%w: %v", errPanic, r)}
		}
	}()
	var in analysis.Input
	if fn.input != nil {
		var err error
		if in, err = fn.input(key, t); err != nil {
			return nil, err
		}
	} else {
		switch k := key.(type) {
		case Key:
			in = analysis.Input{Period: k.Period, Table: t}
		case string:
			in = analysis.Input{Period: k, Table: t}
		default:
			return nil, &opError{op: "report", err: reasonf(csat.ErrMissing, "no period for a key of type %T (give ReportOptions.Input)", key)}
		}
	}
	loose := false
	if in.Forms == nil && forms != nil {
		if loose = !forms.AllOnForms(in.Table); !loose {
			in.Forms = forms
		}
	}
	rep, err := analysis.Build(in)
	if err != nil {
		return nil, err
	}
	if loose {
		// As the csat command does: a survey partly on no form is not
		// broken down by customer group, and the report says so.
		rep.Warnings = append(rep.Warnings, "forms: some answers of the forms' sources are on no form (rows without a form id): forms are not counted and no breakdown by customer group is made")
	}
	return json.Marshal(rep)
}

// FormReports is [Reports] with the returned forms: from a PCollection
// of KV<K, *csat.Table> ([CombineTables]), one of KV<K, *form.Stats>
// ([CombineForms]) of the same keys and the failures of the tables
// (KV<K, string>, [CombineTables]' failures), it builds each key's report with
// its table and its form statistics ([analysis.Input].Forms: the
// report's form counts and its breakdowns by customer group), the same
// bytes as analysis.Build and json.Marshal of that input in one process.
// An [InputFunc] gives the rest of the input as for Reports; when it
// sets no Forms, the key's statistics are used. A key with a table and
// no forms has a report without them; one with forms and no table (every
// answer on its forms left blank) is built with an empty table, as in
// one process; one with two tables or two statistics is a failure
// wrapping [csat.ErrDuplicate]. A key in failed has no report (its table
// is not whole): failures holds it with its reasons, beside the keys
// whose report could not be built, so that failures lists every key
// without a report once.
func FormReports(s beam.Scope, tables, forms, failed beam.PCollection, opts *ReportOptions) (reports, failures beam.PCollection) {
	s = s.Scope("csatbeam.FormReports")
	fn := &formReportFn{}
	if opts != nil && opts.Input != nil {
		fn.Input = reflectx.FunctionName(opts.Input)
	}
	return reshuffle2(s, fn, beam.CoGroupByKey(s, tables, forms, failed))
}

// formReportFn builds one key's report with its forms.
type formReportFn struct {
	reportFn
}

// ProcessElement builds the report of key's table and forms.
func (fn *formReportFn) ProcessElement(ctx context.Context, key beam.X, tables func(**csat.Table) bool, forms func(**form.Stats) bool, failed func(*string) bool, emit, fail func(beam.X, string)) {
	var reasons []string
	for r := ""; failed(&r); {
		reasons = append(reasons, r)
	}
	if len(reasons) > 0 {
		slices.Sort(reasons) // counted where they failed (failed_keys)
		fail(key, strings.Join(reasons, "; "))
		return
	}
	var t, next *csat.Table
	var st, nextSt *form.Stats
	nt, ns := 0, 0
	for tables(&next) {
		t, nt = next, nt+1
	}
	for forms(&nextSt) {
		st, ns = nextSt, ns+1
	}
	var err error
	switch {
	case nt > 1 || ns > 1:
		err = &opError{op: "report", err: reasonf(csat.ErrDuplicate, "%d tables and %d form statistics for key %v, want one each", nt, ns, key)}
	case nt == 0:
		t = csat.NewTable(st.Scale()) // forms with blanks only: no answer to count
	}
	var b []byte
	if err == nil {
		b, err = fn.report(key, t, st)
	}
	emitReport(ctx, key, b, err, emit, fail)
}

// WriteReports writes each report of a PCollection of KV<[Key], string>
// ([Reports]) to its own file, dir/COMPANY/PERIOD.json, on any Beam file
// system (a local directory, gs://…). Names are escaped so that any
// company or period makes one file inside dir: '%', '/', '\', control
// characters, the characters Windows forbids, and a leading '.' become
// %XX.
func WriteReports(s beam.Scope, dir string, reports beam.PCollection) {
	s = s.Scope("csatbeam.WriteReports")
	filesystem.ValidateScheme(dir)
	beam.ParDo0(s, &writeReportFn{Dir: strings.TrimSuffix(dir, "/")}, reports)
}

// ReportPath returns the file [WriteReports] writes k's report to (and
// [WriteForms] k's form statistics, in its own directory).
func ReportPath(dir string, k Key) string {
	return strings.TrimSuffix(dir, "/") + "/" + escapeName(k.Company) + "/" + escapeName(k.Period) + ".json"
}

// escapeName escapes what cannot stand in one file name.
func escapeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || strings.IndexByte(`%/\:*?"<>|`, c) >= 0 || (i == 0 && c == '.') {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	if b.Len() == 0 {
		return "%"
	}
	return b.String()
}

type writeReportFn struct {
	Dir string `json:"dir"`
}

// ProcessElement writes one report.
func (fn *writeReportFn) ProcessElement(ctx context.Context, k Key, report string) error {
	return writeString(ctx, ReportPath(fn.Dir, k), report)
}
