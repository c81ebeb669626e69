package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/form"
	"github.com/csatkit/csat/io/sheet"
	"github.com/shopspring/decimal"
	"github.com/spf13/pflag"
)

// inputFlags are the flags shared by the commands that read survey data.
type inputFlags struct {
	lang       string
	encoding   string
	layout     string
	sheet      string
	all        bool
	period     string
	answers    string
	customers  string
	complaints string
	values     string
	purchases  string
	targets    string
	actions    string
	discount   string
	asOf       string
	segments   string
	skip       string
	attributes string
	sent       string
	benchmarks string
	importance string
	deletion   string

	fromArg string // the file flag the command's argument filled, if any
}

func (f *inputFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.lang, "lang", "zh", "language of labels and messages: zh or en")
	fs.StringVar(&f.encoding, "encoding", "auto", "CSV encoding: auto (UTF-8, with or without BOM, else GBK), utf-8 or gbk")
	fs.StringVar(&f.layout, "layout", "auto", "answers layout: auto, long (one answer per row) or wide (one form per row)")
	fs.StringVar(&f.sheet, "sheet", "", "Excel sheet to read (default: the first)")
	fs.BoolVar(&f.all, "all", false, "report every bad row, not only the first")
	fs.StringVar(&f.period, "period", "", "the period to score (default: the last by name; earlier ones are its history); for an answers file without a period column, the period's name (default \"current\")")
	fs.StringVar(&f.answers, "answers", "", "answers file (default: DIR/answers.csv or .xlsx)")
	fs.StringVar(&f.customers, "customers", "", "per-customer PVC inputs (default: DIR/customers.csv or .xlsx, if present)")
	fs.StringVar(&f.complaints, "complaints", "", "complaints (default: DIR/complaints.csv or .xlsx, if present)")
	fs.StringVar(&f.values, "values", "", "customer values customer,value (default: DIR/values.csv or .xlsx, if present)")
	fs.StringVar(&f.purchases, "purchases", "", "purchases customer,period,margin for CLV (default: DIR/purchases.csv or .xlsx, if present)")
	fs.StringVar(&f.targets, "targets", "", "past yearly figures year,degree,rate (default: DIR/targets.csv, if present)")
	fs.StringVar(&f.actions, "actions", "", "corrective actions item,kind,cause,action,owner,due,status (default: DIR/actions.csv, if present)")
	fs.StringVar(&f.segments, "segments", "", "comma-separated headers of more segment columns of the answers and -attributes files (地区, 行业, 规模, ABC are recognised; other attribute columns are skipped)")
	fs.StringVar(&f.skip, "skip", "", "comma-separated headers of answers columns to skip (提交时间, IP, … are skipped already)")
	fs.StringVar(&f.attributes, "attributes", "", "customers' attributes customer,地区,行业,… joined to the forms by customer (default: DIR/attributes.csv or .xlsx, if present)")
	fs.StringVar(&f.sent, "sent", "", "forms sent per stratum: a header naming the dimension (地区) and sent (发放), for the response rate (default: DIR/sent.csv, if present)")
	fs.StringVar(&f.benchmarks, "benchmarks", "", "outside figures 指标,项目,行业平均,行业领先,世界领先 to compare with (default: DIR/benchmarks.csv, if present)")
	fs.StringVar(&f.importance, "importance", "auto", "how items' importance is found for the quadrant (四分图): auto, stated, correlation, shapley, weights or none")
	fs.StringVar(&f.deletion, "deletion", "listwise", "forms the derived importance reads: listwise (complete on every item and the overall question) or pairwise")
	fs.StringVar(&f.discount, "discount", "0.1", "discount rate per period for CLV from purchases")
	fs.StringVar(&f.asOf, "as-of", "", "the date figures are made on, YYYY-MM-DD: ages of open complaints, the survey schedule\n(default for complaints: the end of the period when its name says it, e.g. 2026H1 → 2026-07-01)")
}

// options returns the reader options of the flags.
func (f *inputFlags) options() (*sheet.Options, error) {
	// Period names the one period of an answers file without a period
	// column; with one, -period selects among its periods (loadAnswers).
	o := &sheet.Options{CollectAll: f.all, Sheet: f.sheet, Segments: splitList(f.segments), Skip: splitList(f.skip), Period: f.period}
	var err error
	if o.Encoding, err = parseEncoding(f.encoding); err != nil {
		return nil, err
	}
	switch strings.ToLower(f.layout) {
	case "auto", "":
	case "long":
		o.Layout = sheet.LayoutLong
	case "wide":
		o.Layout = sheet.LayoutWide
	default:
		return nil, usagef("-layout %q: want auto, long or wide", f.layout)
	}
	if _, err := lang(f.lang); err != nil {
		return nil, err
	}
	return o, nil
}

// splitList splits a comma-separated flag value (ASCII or full-width
// commas), trimmed, empty parts dropped; nil for "".
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseEncoding parses an -encoding flag: auto, utf-8 or gbk.
func parseEncoding(s string) (sheet.Encoding, error) {
	switch strings.ToLower(s) {
	case "auto", "":
		return sheet.EncodingAuto, nil
	case "utf-8", "utf8":
		return sheet.EncodingUTF8, nil
	case "gbk", "gb18030":
		return sheet.EncodingGBK, nil
	}
	return sheet.EncodingAuto, usagef("-encoding %s: want auto, utf-8 or gbk", quoteShort(s))
}

// A dataset is everything read for one run.
type dataset struct {
	periods    []csat.Period // sorted by name
	forms      []*form.Stats // the forms of each period (empty Stats when the file has none)
	loose      uint64        // answers not on a form
	sent       *analysis.Sent
	sentFile   string
	benchmarks []analysis.Benchmark
	lang       language // the language of the notes
	current    int      // index of the period scored
	customers  []csat.Customer
	complaints []csat.Complaint
	values     []csat.CustomerValue
	headlines  []analysis.Headline // degree and rate with their target histories; nil: no targets
	actions    []analysis.Action
	summaries  []sheet.Summary
	items      []string // the answers' items in questionnaire order
	notes      []string // what the command chose, printed with the summaries
}

// load reads the data named by the arguments and flags. arg is a data
// directory or a file of the kind role names ("answers", "customers",
// "values" or "purchases"); "" when the files come from flags only.
// Every input is checked before any is read ([inputFlags.checkInputs]);
// check, if not nil, is then called with the inputs, before they are
// read (the report refuses an output that is one of them).
func (f *inputFlags) load(e *env, arg, role string, check func(inputs []string) error) (*dataset, error) {
	opts, err := f.options()
	if err != nil {
		return nil, err
	}
	dir, err := f.argument(arg, role)
	if err != nil {
		return nil, err
	}
	if err := f.locate(dir, role); err != nil {
		return nil, err
	}
	if err := f.checkInputs(); err != nil {

		return nil, err
	}
	if check != nil {
		if err := check(f.inputs()); err != nil {
			return nil, err
		}
	}
	d := &dataset{}
	d.lang, _ = lang(f.lang) // checked by options
	if err := f.loadAttributes(d, opts); err != nil {
		return nil, err
	}
	if err := f.loadAnswers(e, d, opts, role == "answers"); err != nil {
		return nil, err
	}
	if err := f.loadCustomers(d, opts); err != nil {
		return nil, err
	}
	if err := f.loadValues(d, opts); err != nil {
		return nil, err
	}
	if err := f.loadPlans(d, opts.Encoding); err != nil {
		return nil, err
	}
	return d, nil
}

// argument takes the command's argument: a data directory, returned, or
// a file of the kind role names, which fills that kind's flag.
func (f *inputFlags) argument(arg, role string) (dir string, err error) {
	if arg == "" {
		return "", nil
	}
	st, err := os.Stat(arg)
	if err != nil {
		return "", usageError{err}
	}
	if st.IsDir() {
		return arg, nil
	}
	target := map[string]*string{"answers": &f.answers, "customers": &f.customers, "values": &f.values, "purchases": &f.purchases}[role]
	if target == nil {
		return "", usagef("%s is a file: give a data directory", arg)
	}
	if *target != "" {
		return "", usagef("both a %s file %s and -%s %s", role, arg, role, *target)
	}
	*target = arg
	f.fromArg = role
	return "", nil
}

// locate fills the file flags not given from the data directory dir ("" for
// none). A directory gives each command the files it uses: the report all
// of them, customers the customers and their complaints, segment the
// values or purchases.
func (f *inputFlags) locate(dir, role string) error {
	uses := map[string][]string{
		"answers":   {"answers", "customers", "complaints", "values", "purchases", "targets", "actions", "attributes", "sent", "benchmarks"},
		"customers": {"customers", "complaints"},
		"values":    {"values", "purchases"},
		"purchases": {"values", "purchases"},
	}[role]
	for _, p := range []struct {
		v    *string
		base string
		exts []string
	}{
		{&f.answers, "answers", []string{".csv", ".xlsx"}},
		{&f.customers, "customers", []string{".csv", ".xlsx"}},
		{&f.complaints, "complaints", []string{".csv", ".xlsx"}},
		{&f.values, "values", []string{".csv", ".xlsx"}},
		{&f.purchases, "purchases", []string{".csv", ".xlsx"}},
		{&f.targets, "targets", []string{".csv"}},
		{&f.actions, "actions", []string{".csv"}},
		{&f.attributes, "attributes", []string{".csv", ".xlsx"}},
		{&f.sent, "sent", []string{".csv"}},
		{&f.benchmarks, "benchmarks", []string{".csv"}},
	} {
		if !slices.Contains(uses, p.base) {
			continue
		}
		if err := pickFile(dir, p.v, p.base, p.exts...); err != nil {
			return err
		}
	}
	return nil
}

// fileFlag is a flag naming an input file.
type fileFlag struct {
	name string
	v    *string
}

// files returns the flags naming input files, in the order they are read.
func (f *inputFlags) files() []fileFlag {
	return []fileFlag{
		{"answers", &f.answers}, {"customers", &f.customers}, {"complaints", &f.complaints},
		{"attributes", &f.attributes}, {"values", &f.values}, {"purchases", &f.purchases}, {"targets", &f.targets},
		{"actions", &f.actions}, {"sent", &f.sent}, {"benchmarks", &f.benchmarks},
	}
}

// inputs returns the input files of the run, given or found.
func (f *inputFlags) inputs() []string {
	var out []string
	for _, ff := range f.files() {
		if *ff.v != "" {
			out = append(out, *ff.v)
		}
	}
	return out
}

// checkInputs refuses, as usage errors naming the flag (or the file
// argument), an input file that does not exist, cannot be opened or is a
// directory, and a -sheet that an Excel input does not have. It runs
// before anything is read, so that such an input has the same exit code
// (2) whichever reader would have met it first.
func (f *inputFlags) checkInputs() error {
	for _, ff := range f.files() {
		p := *ff.v
		if p == "" {
			continue
		}
		how := "-" + ff.name + " " + p
		if ff.name == f.fromArg {
			how = p
		}
		xlsx, err := probeInput(p)
		if err != nil {
			return usagef("%s: %w", how, err)
		}
		if f.sheet == "" || !xlsx {
			continue
		}
		sheets, err := xlsxSheets(p)
		if err != nil {
			continue // not a workbook the probe can read: the reader says what is wrong
		}
		if !slices.ContainsFunc(sheets, func(s string) bool { return strings.EqualFold(s, f.sheet) }) {
			q := make([]string, len(sheets))
			for i, s := range sheets {
				q[i] = quoteShort(s)
			}
			return usagef("-sheet %s: %s has the sheets %s: %w", quoteShort(f.sheet), p, strings.Join(q, ", "), csat.ErrMissing)
		}
	}
	return nil
}

// probeInput opens the input file at path, and reports whether it is a
// zip archive (an Excel workbook). A file that does not exist or cannot
// be opened is the *fs.PathError's reason; a directory is an error.
func probeInput(path string) (xlsx bool, err error) {
	file, err := os.Open(path) //nolint:gosec // the user names the file to read on the command line
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return false, pe.Err
		}
		return false, err
	}
	defer func() { _ = file.Close() }() // read only: a close error loses nothing
	st, err := file.Stat()
	if err != nil {
		return false, err
	}
	if st.IsDir() {
		return false, errors.New("is a directory: give a file")
	}
	head := make([]byte, 4)
	n, _ := io.ReadFull(file, head) // a short or unreadable head is no workbook; the reader tells the error
	return string(head[:n]) == "PK\x03\x04", nil
}

// pickFile sets *given, unless given or without a directory, to the file
// base with one of the extensions in dir, its name in any case
// (answers.CSV, Answers.xlsx), "" if there is none; two such files are an
// error.
func pickFile(dir string, given *string, base string, exts ...string) error {
	if *given != "" || dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return usageError{err}
	}
	found := ""
	for _, ext := range exts {
		for _, e := range entries {
			// any case: answers.CSV, Answers.xlsx (Excel on Windows
			// saves as it likes); a directory of the name is taken, for
			// its reader to say what it is
			if !strings.EqualFold(e.Name(), base+ext) {
				continue
			}
			p := filepath.Join(dir, e.Name())
			if found != "" {
				return usagef("both %s and %s: keep one", found, p)
			}
			found = p
		}
	}
	*given = found
	return nil
}

// loadAnswers reads the answers file, if any, into d's periods and picks
// the period scored; needed says a command that cannot do without.
func (f *inputFlags) loadAnswers(e *env, d *dataset, opts *sheet.Options, needed bool) error {
	if f.answers == "" {
		if needed {
			return usagef("no answers: give a data directory with answers.csv or answers.xlsx, an answers file, or -answers")
		}
		return nil
	}
	surveys, sum, err := readWithProgress(e, f.answers, opts)
	d.summaries = append(d.summaries, sum)
	if err != nil {
		return err
	}
	d.items = sum.Items
	var periods []csat.Period
	for _, s := range surveys {
		if len(s.Table.Cells()) == 0 {
			continue // a period of blank forms only: no answers to score
		}
		periods = append(periods, csat.Period{Name: s.Name, Table: s.Table})
		d.forms = append(d.forms, s.Forms)
	}
	if len(periods) == 0 {
		return fmt.Errorf("%s: no answers: %w", f.answers, csat.ErrEmpty)
	}
	d.loose = sum.Loose
	d.periods = periods
	d.current = len(periods) - 1
	if f.period == "" {
		return nil
	}
	d.current = -1
	for i, p := range periods {
		if p.Name == f.period {
			d.current = i
		}
	}
	if d.current < 0 {
		names := make([]string, len(periods))
		for i, p := range periods {
			names[i] = p.Name
		}
		return usageError{fmt.Errorf("-period %s: %s has periods %s: %w", quoteShort(f.period), f.answers, strings.Join(names, ", "), csat.ErrMissing)}
	}
	return nil
}

// looseIn returns how many answers of t in the forms' sources are on
// no form: 0 exactly when st.AllOnForms(t).
func looseIn(st *form.Stats, t *csat.Table) uint64 {
	if st.AllOnForms(t) {
		return 0
	}
	var n uint64
	for _, src := range st.Sources() {
		tot, err := t.Total(src)
		if err != nil {
			continue // no answer of src in t: none on no form
		}
		all, err := tot.N()
		if err != nil {
			break // more than 2⁶⁴ − 1 answers: say at least one
		}
		var onForms uint64
		for _, it := range st.Items() {
			k, _ := st.Tally(it, src).N() // a form's item counts once: no overflow
			onForms += k
		}
		if all > onForms {
			n += all - onForms
		}
	}
	return max(n, 1) // the tables differ: at least one answer is on no form
}

// loadAttributes reads the customers' attributes file, if any, into the
// options that join them to the forms.
func (f *inputFlags) loadAttributes(d *dataset, opts *sheet.Options) error {
	if f.attributes == "" {
		return nil
	}
	attrs, sum, err := sheet.ReadAttributes(f.attributes, opts)
	d.summaries = append(d.summaries, sum)
	if err != nil {
		return err
	}
	opts.Attributes = attrs
	return nil
}

// loadCustomers reads the customers and complaints files, if any.
func (f *inputFlags) loadCustomers(d *dataset, opts *sheet.Options) error {
	if f.customers != "" {
		cs, sum, err := sheet.ReadCustomers(f.customers, opts)
		d.summaries = append(d.summaries, sum)
		if err != nil {
			return err
		}
		d.customers = cs
	}
	if f.complaints != "" {
		cs, sum, err := sheet.ReadComplaints(f.complaints, opts)
		d.summaries = append(d.summaries, sum)
		if err != nil {
			return err
		}
		d.complaints = cs
	}
	return nil
}

// loadValues reads the customer values, given or as the CLV of the
// purchases at the -discount rate; not both.
func (f *inputFlags) loadValues(d *dataset, opts *sheet.Options) error {
	if f.values != "" && f.purchases != "" {
		return usagef("both values %s and purchases %s: give one", f.values, f.purchases)
	}
	if f.values != "" {
		vs, sum, err := sheet.ReadValues(f.values, opts)
		d.summaries = append(d.summaries, sum)
		if err != nil {
			return err
		}
		d.values = vs
	}
	if f.purchases == "" {
		return nil
	}
	rate, err := parseNumber("-discount", f.discount)
	if err != nil {
		return usageError{err}
	}
	// The rate is the flag's: the library's own check of it, on one
	// margin, is a usage error before any purchase is read.
	if _, err := csat.CLV([]decimal.Decimal{decimal.NewFromInt(1)}, rate); err != nil {
		return usagef("-discount %s: %w", quoteShort(f.discount), err)
	}

	ps, sum, err := sheet.ReadPurchases(f.purchases, opts)
	d.summaries = append(d.summaries, sum)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(ps))
	for id := range ps {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		v, err := csat.CLV(ps[id], rate)
		if err != nil {
			return fmt.Errorf("%s: customer %q: %w", f.purchases, id, err)
		}
		d.values = append(d.values, csat.CustomerValue{ID: id, Value: v})
	}
	return nil
}

// loadPlans reads the past yearly figures the targets come from and the
// actions, if given.
func (f *inputFlags) loadPlans(d *dataset, enc sheet.Encoding) error {
	if f.targets != "" {
		t, err := readTargets(f.targets, enc)
		if err != nil {
			return err
		}
		d.headlines = t
	}
	if f.actions != "" {
		a, err := readActions(f.actions, enc)
		if err != nil {
			return err
		}
		d.actions = a
	}
	if f.sent != "" {
		s, err := readSent(f.sent, enc)
		if err != nil {
			return err
		}
		d.sent, d.sentFile = s, f.sent
	}
	if f.benchmarks != "" {
		b, err := readBenchmarks(f.benchmarks, enc)
		if err != nil {
			return err
		}
		d.benchmarks = b
	}
	return nil
}

// asOfDate returns the -as-of date, ok false when not given.
func (f *inputFlags) asOfDate() (time.Time, bool, error) {
	if f.asOf == "" {
		return time.Time{}, false, nil
	}
	t, err := parseDate("-as-of", f.asOf)
	if err != nil {
		return t, false, usageError{err}
	}
	return t, true, nil
}

// reportInput is the library's report input for the period scored.
// Complaints are measured as of asOf, or the end of the period when its
// name says it (periodEnd); open complaints with neither are an error
// that says to give -as-of.
func (d *dataset) reportInput(asOf time.Time, given bool) (analysis.Input, error) {
	in := analysis.Input{
		Period:     d.periods[d.current].Name,
		Table:      d.periods[d.current].Table,
		History:    d.periods[:d.current],
		Headlines:  d.headlines,
		Complaints: d.complaints,
		Actions:    d.actions,
		Values:     d.values,
		Benchmarks: d.benchmarks,
	}
	if len(in.History) > 0 {
		in.Baseline = 0
	}
	if st := d.forms[d.current]; len(st.Sources()) > 0 {
		// The forms are the survey when their sources have no answer on
		// no form in this period (a self-assessment on no form beside
		// survey forms is not one): as csatbeam.FormReports decides.
		if n := looseIn(st, in.Table); n > 0 {
			d.notes = append(d.notes, fmt.Sprintf(d.lang.t("loose"), n))
		} else {
			in.Forms = st
			in.Sent = d.sent
		}
	}
	if d.sent != nil && in.Forms == nil {
		return in, usagef("-sent %s: the response rate needs the answers' forms (a form id column, 表单编号)", quoteShort(d.sentFile))
	}
	if len(d.complaints) > 0 {
		if !given {
			asOf, given = periodEnd(in.Period)
		}
		// A period its name dates takes the complaints received in it;
		// those left out are counted in the notes, never dropped unseen.
		if start, end, ok := periodRange(in.Period); ok {
			var kept []csat.Complaint
			for _, c := range d.complaints {
				if c.Received.IsZero() || (!c.Received.Before(start) && c.Received.Before(end)) {
					kept = append(kept, c)
				}
			}
			if n := len(d.complaints) - len(kept); n > 0 {
				d.notes = append(d.notes, fmt.Sprintf(d.lang.t("complaints outside"),
					n, len(d.complaints), in.Period, start.Format("2006-01-02"), end.Format("2006-01-02")))
			}
			in.Complaints = kept
		}
		if given {
			in.ComplaintOptions = &analysis.ComplaintOptions{AsOf: asOf}
		} else {
			for _, c := range d.complaints {
				if c.Open() {
					return in, usagef("complaint %q is open and period %q names no date: give -as-of YYYY-MM-DD to age it", c.ID, in.Period)
				}
			}
		}
	}
	return in, nil
}

// statusOnly splits the customers file's status-only rows off: a
// customer with neither questionnaire nor visit (客户,状态 alone) gives
// its status for churn and is not scored; the others are left to
// scoreCustomers. Nil when there is none.
func (d *dataset) statusOnly() map[string]csat.Status {
	var out map[string]csat.Status
	kept := d.customers[:0:0]
	for _, c := range d.customers {
		if c.Questionnaire == nil && c.Visit == nil && len(c.Complaints) == 0 {
			if out == nil {
				out = map[string]csat.Status{}
			}
			out[c.ID] = c.Status
			continue
		}
		kept = append(kept, c)
	}
	d.customers = kept
	return out
}

// scoreCustomers scores the customers with the PVC method, their
// complaints attached by customer id.
func (d *dataset) scoreCustomers() ([]csat.CustomerScore, error) {
	if len(d.customers) == 0 {
		return nil, nil
	}
	byCustomer := map[string][]csat.Complaint{}
	for _, c := range d.complaints {
		byCustomer[c.Customer] = append(byCustomer[c.Customer], c)
	}
	s := csat.PVCCustomerScorer()
	out := make([]csat.CustomerScore, 0, len(d.customers))
	for _, c := range d.customers {
		if len(c.Complaints) == 0 {
			c.Complaints = byCustomer[c.ID]
		}
		cs, err := s.Score(c)
		if err != nil {
			return nil, err
		}
		out = append(out, cs)
	}
	return out, nil
}
